/**
 * A CRM workbook of a chosen size for the cost tests and the bench: `deals`
 * deals over deals / 4 clients, half of them Иванов's, two contacts a client,
 * with «Настроить таблицу» run so the memory tab holds every deal's stage.
 * Deal С-00001 of client К-00001 (Иванов's) stands at «Новый» with the fields
 * of the next two stages filled.
 */
import type { WorkbookModel } from '../../local/runtime/model';
import { crmWorkbook, IVANOV, NEW_DEAL, PETROVA, type Row, CLIENT_A } from './crm-workbook';
import { headersOf, sheetOf } from '../helpers/workbook';
import { SHEETS } from '../../src/domain/workbook/schema';

const pad = (n: number) => String(n).padStart(5, '0');

export function sizedCrmWorkbook(deals: number): WorkbookModel {
  const clientCount = Math.max(1, Math.floor(deals / 4));
  const clients: Row[] = [CLIENT_A];
  for (let i = 2; i <= clientCount; i++) {
    clients.push({
      'ID клиента': `К-${pad(i)}`,
      Клиент: `ООО «Клиент ${i}»`,
      Тип: 'Физлицо',
      Телефон: `+7912${String(1_000_000 + i).slice(-7)}`,
      Email: `client${i}@example.ru`,
      Источник: 'Сайт',
      Ответственный: i % 2 ? IVANOV : PETROVA,
      'Статус клиента': 'Потенциальный',
    });
  }
  const rows: Row[] = [NEW_DEAL];
  for (let i = 2; i <= deals; i++) {
    const client = clients[(i - 1) % clientCount];
    rows.push({
      'ID сделки': `С-${pad(i)}`,
      'ID клиента': client['ID клиента'],
      Клиент: client['Клиент'],
      Ответственный: client['Ответственный'],
      Этап: 'Новый',
    });
  }
  const workbook = crmWorkbook({ clients, deals: rows });
  const contacts = workbook.sheets.findIndex((s) => s.name === SHEETS.contacts);
  workbook.sheets.splice(contacts, 1);
  const contactRows: Row[] = clients.flatMap((c, i) =>
    [1, 2].map((k) => ({
      Дата: new Date(2026, 2, 1 + ((i + k) % 28)),
      'ID клиента': c['ID клиента'],
      Сотрудник: c['Ответственный'],
      Тип: 'Звонок',
      Результат: `Звонок ${k}`,
    })),
  );
  sheetOf(workbook, SHEETS.contacts, headersOf('contacts'), contactRows);
  return workbook;
}

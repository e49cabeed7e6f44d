/**
 * Small CRM workbooks for the runtime tests, built directly as the local
 * runtime's model: the tabs of section 1 with chosen rows, a director in
 * «Сотрудники» and default settings.
 */
import { emptyWorkbook, type CellValue, type WorkbookModel } from '../../local/runtime/model';
import type { LocalRuntimeSession, SessionOptions } from '../../local/runtime';
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  bundleSession,
  DIRECTOR,
  headersOf,
  IVANOV,
  PETROVA,
  type Row,
  settingsSheet,
  sheetOf,
} from '../helpers/workbook';

export { DIRECTOR, IVANOV, PETROVA, sheetOf, type Row };

/** The runs' clock: the real today, so dates typed relative to it read naturally. */
export const TODAY = new Date();

export const CLIENT_A: Row = {
  'ID клиента': 'К-00001',
  Клиент: 'ООО «Тепло»',
  Тип: 'Юрлицо',
  ИНН: '7707083893',
  Телефон: '+79123456789',
  Email: 'info@teplo.ru',
  Источник: 'Выставка',
  Ответственный: IVANOV,
  'Статус клиента': 'Потенциальный',
};

/** A deal С-00001 of CLIENT_A at «Новый» with the fields of the next two stages filled, none later. */
export const NEW_DEAL: Row = {
  'ID сделки': 'С-00001',
  'ID клиента': 'К-00001',
  Клиент: 'ООО «Тепло»',
  Ответственный: IVANOV,
  Этап: 'Новый',
  Направление: 'ПОЛИФАСАД',
  Потребность: 'Утепление склада',
  'Потенциал, руб.': 500000,
  Надёжность: 'Высокая',
  'Основание оценки': 'Отчётность 2025',
};

/** A deal of CLIENT_A with every field of every stage filled, standing at `stage`. */
export function fullDeal(id: string, stage: string, extra: Row = {}): Row {
  return {
    'ID сделки': id,
    'ID клиента': 'К-00001',
    Клиент: 'ООО «Тепло»',
    Ответственный: IVANOV,
    Этап: stage,
    Направление: 'ПОЛИФАСАД',
    Потребность: 'Утепление склада',
    'Потенциал, руб.': 500000,
    Надёжность: 'Высокая',
    'Основание оценки': 'Отчётность 2025',
    'Дата переговоров': new Date(2026, 2, 2),
    'Сумма КП, руб.': 480000,
    'Дата КП': new Date(2026, 2, 5),
    'Дата встречи': new Date(2026, 2, 10),
    '№ договора': '15/26',
    'Дата договора': new Date(2026, 2, 12),
    'Сумма договора, руб.': 470000,
    'Себестоимость, руб.': 300000,
    'Дата оплаты': new Date(2026, 2, 14),
    ...extra,
  };
}

export interface CrmWorkbookOptions {
  clients?: Row[];
  deals?: Row[];
  claims?: Row[];
  /** the header order of «Сделки» (default: schema order) */
  dealHeaders?: string[];
  /** the header order of «Клиенты» (default: schema order) */
  clientHeaders?: string[];
}

export function crmWorkbook(options: CrmWorkbookOptions = {}): WorkbookModel {
  const workbook = emptyWorkbook('CRM test', DIRECTOR);
  workbook.editors = [IVANOV, PETROVA];
  sheetOf(workbook, SHEETS.clients, options.clientHeaders ?? headersOf('clients'), options.clients ?? [CLIENT_A]);
  sheetOf(workbook, SHEETS.deals, options.dealHeaders ?? headersOf('deals'), options.deals ?? []);
  sheetOf(workbook, SHEETS.contacts, headersOf('contacts'), []);
  sheetOf(workbook, SHEETS.claims, headersOf('claims'), options.claims ?? []);
  sheetOf(workbook, SHEETS.staff, headersOf('staff'), [
    { 'Таб. №': '1', ФИО: 'Сараев Е. А.', Email: DIRECTOR, Должность: 'Директор' },
    { 'Таб. №': '2', ФИО: 'Иванов И. И.', Email: IVANOV, Должность: 'Специалист по работе с клиентами' },
    { 'Таб. №': '3', ФИО: 'Петрова А. С.', Email: PETROVA, Должность: 'Специалист по работе с клиентами' },
  ]);
  settingsSheet(workbook);
  return workbook;
}

/** A session on `workbook` as the director, with «Настроить таблицу» already run. */
export function crmSession(
  workbook: WorkbookModel,
  user = DIRECTOR,
  options: Partial<SessionOptions> = {},
): LocalRuntimeSession {
  const session = bundleSession(workbook, { now: () => TODAY, ...options });
  session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
  session.takeUiEvents();
  session.setUser(user);
  return session;
}

/** The value of a cell by header on a sheet (row is the 1-based sheet row). */
export function cell(workbook: WorkbookModel, sheetName: string, row: number, header: string): CellValue | undefined {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  const col = sheet.rows[0]!.findIndex((c) => c?.value === header);
  if (col < 0) throw new Error(`no header ${header} on ${sheetName}`);
  return sheet.rows[row - 1]?.[col]?.value ?? null;
}

/** The 1-based column of a header. */
export function columnOf(workbook: WorkbookModel, sheetName: string, header: string): number {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  return sheet.rows[0]!.findIndex((c) => c?.value === header) + 1;
}

/** The rows of a sheet below the header as records. */
export function rowsOf(workbook: WorkbookModel, sheetName: string): Row[] {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  const headers = sheet.rows[0]!.map((c) => String(c?.value ?? ''));
  const out: Row[] = [];
  for (let r = 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.every((c) => c === undefined || c.value === null || c.value === '')) continue;
    const record: Row = {};
    headers.forEach((h, i) => (record[h] = row[i]?.value ?? null));
    out.push(record);
  }
  return out;
}

/** A «Ключевой» client of Петрова with a 10 % discount of its own and the details a document prints. */
export const KEY_CLIENT: Row = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'АО «ТеплоДом»',
  ИНН: '7736207543',
  Телефон: '+79123450002',
  Email: 'zakup@teplodom.ru',
  'Контактное лицо': 'Орлов Игорь Петрович',
  Адрес: '420111, Казань, ул. Баумана, 12',
  Ответственный: PETROVA,
  'Статус клиента': 'Ключевой',
  'Скидка, %': 10,
  'Особые условия': 'отсрочка платежа 30 дней',
};

/** «Прайс» of the offer tests: two heating articles and one ПОЛИФАСАД panel. */
export const PRICE_LIST: Row[] = [
  {
    Артикул: 'ТП-150',
    Наименование: 'Тёплый пол 150 Вт/м²',
    'Ед.': 'м²',
    'Цена, руб.': 1490.5,
    Направление: 'Отопление',
  },
  {
    Артикул: 'ПФ-60',
    Наименование: 'Панель ПОЛИФАСАД 60 мм',
    'Ед.': 'м²',
    'Цена, руб.': 2350,
    Направление: 'ПОЛИФАСАД',
  },
  { Артикул: 'ТР-01', Наименование: 'Терморегулятор', 'Ед.': 'шт.', 'Цена, руб.': 4200, Направление: 'Отопление' },
];

/**
 * The offer tests' workbook: Иванов's deal С-00001 with CLIENT_A and Петрова's С-00002 with the key
 * client, both at «Переговоры» without a contract, and «Прайс» holding PRICE_LIST.
 */
export function offerWorkbook(keyClient: Row = KEY_CLIENT, secondDeal: Row = {}): WorkbookModel {
  const workbook = crmWorkbook({
    clients: [CLIENT_A, keyClient],
    deals: [
      fullDeal('С-00001', 'Переговоры', { '№ договора': '', 'Сумма КП, руб.': '', 'Дата КП': '' }),
      fullDeal('С-00002', 'Переговоры', {
        'ID клиента': 'К-00002',
        Клиент: 'АО «ТеплоДом»',
        Ответственный: PETROVA,
        '№ договора': '',
        ...secondDeal,
      }),
    ],
  });
  sheetOf(workbook, SHEETS.priceList, ['Артикул', 'Наименование', 'Ед.', 'Цена, руб.', 'Направление'], PRICE_LIST);
  return workbook;
}

/**
 * Duplicates everywhere, through the local runtime: a pasted list of clients
 * whose ИНН, phone or e-mail already exists keeps every row and is flagged
 * (note, toast, log); «Проверить таблицу» lists the duplicate groups; the
 * director merges two clients (deals, contacts and claims move, the duplicate
 * is marked merged, everything logged) and a specialist may not.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
  type Row,
} from './crm-workbook';

const C = SHEETS.clients;

const DUPLICATE: Row = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'Тепло ООО',
  ИНН: '',
  Телефон: '8 (912) 345-67-89',
  Email: 'new@teplo.ru',
  Город: 'Пермь',
};

function noteAt(session: ReturnType<typeof crmSession>, row: number, header: string): string {
  const sheet = session.workbook.sheets.find((s) => s.name === C)!;
  return sheet.rows[row - 1]?.[columnOf(session.workbook, C, header) - 1]?.note ?? '';
}

describe('duplicate clients', () => {
  it('flags pasted rows that repeat an ИНН, phone or e-mail, keeping every row', () => {
    const session = crmSession(crmWorkbook({}), IVANOV);
    session.takeUiEvents();
    const headers = session.workbook.sheets.find((s) => s.name === C)!.rows[0]!.map((c) => String(c?.value ?? ''));
    const row = (values: Row) => headers.map((h) => (h in values ? String(values[h]) : ''));
    session.edit({
      sheet: C,
      row: 3,
      column: 1,
      values: [
        row({
          Клиент: 'ООО «Тепло» (выставка)',
          Тип: 'Юрлицо',
          ИНН: '7707083893',
          Источник: 'Выставка',
          Ответственный: IVANOV,
        }),
        row({
          Клиент: 'Новый клиент',
          Тип: 'Физлицо',
          Телефон: '+79001112233',
          Источник: 'Выставка',
          Ответственный: IVANOV,
        }),
        row({
          Клиент: 'Тепло, Пётр',
          Тип: 'Физлицо',
          Email: 'INFO@teplo.ru',
          Источник: 'Выставка',
          Ответственный: IVANOV,
        }),
      ],
    });
    const clients = rowsOf(session.workbook, C);
    expect(clients.map((c) => c['Клиент'])).toEqual([
      'ООО «Тепло»',
      'ООО «Тепло» (выставка)',
      'Новый клиент',
      'Тепло, Пётр',
    ]);
    expect(noteAt(session, 3, 'Клиент')).toBe('Возможный дубль: К-00001 «ООО «Тепло»» (ИНН)');
    expect(noteAt(session, 4, 'Клиент')).toBe('');
    expect(noteAt(session, 5, 'Клиент')).toMatch(/К-00001.*\(Email\)/);
    const toasts = session.takeUiEvents().filter((e) => e.type === 'toast');
    expect(JSON.stringify(toasts)).toMatch(/Возможные дубли: 2/);
    const log = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Возможный дубль');
    expect(log.map((r) => [r['ID'], r['Поле']])).toEqual([
      [clients[1]['ID клиента'], 'ИНН'],
      [clients[3]['ID клиента'], 'Email'],
    ]);
  });

  it('lists duplicate groups in «Проверить таблицу»', () => {
    const session = crmSession(crmWorkbook({ clients: [CLIENT_A, DUPLICATE] }));
    const problems = session.run('checkWorkbook') as Array<{ sheet: string; a1: string; message: string }>;
    expect(problems.filter((p) => /Возможные дубли/.test(p.message))).toEqual([
      expect.objectContaining({
        sheet: C,
        a1: `F2`,
        message: expect.stringMatching(
          /^Возможные дубли \(Телефон \+79123456789\): К-00001 в строке 2, К-00002 в строке 3/,
        ),
      }),
    ]);
  });

  it('lets the director merge two clients: deals, contacts and claims move, the duplicate is marked merged', () => {
    const workbook = crmWorkbook({
      clients: [{ ...CLIENT_A, Город: '' }, DUPLICATE],
      deals: [
        fullDeal('С-00001', 'Новый'),
        fullDeal('С-00002', 'Переговоры', { 'ID клиента': 'К-00002', Клиент: 'Тепло ООО' }),
      ],
      claims: [{ ID: 'П-00001', 'ID клиента': 'К-00002', Суть: 'Брак', Статус: 'Новая', Ответственный: IVANOV }],
    });
    const session = crmSession(workbook, IVANOV);
    session.run('logContact', [{ clientId: 'К-00002', type: 'Звонок', result: 'Договорились о встрече' }]);
    expect(() => session.run('mergeClients', ['К-00001', 'К-00002'])).toThrow(/только директор/);
    session.setUser(DIRECTOR);
    const card = session.run('mergeClients', ['К-00001', 'К-00002']) as { deals: Array<{ id: string }> };
    expect(card.deals.map((d) => d.id)).toEqual(['С-00001', 'С-00002']);
    expect(cell(session.workbook, SHEETS.deals, 3, 'ID клиента')).toBe('К-00001');
    expect(cell(session.workbook, SHEETS.deals, 3, 'Клиент')).toBe('ООО «Тепло»');
    expect(rowsOf(session.workbook, SHEETS.contacts)[0]['ID клиента']).toBe('К-00001');
    expect(rowsOf(session.workbook, SHEETS.claims)[0]['ID клиента']).toBe('К-00001');
    // the kept client takes the blank city from the duplicate; the duplicate stays, inactive and marked
    expect(cell(session.workbook, C, 2, 'Город')).toBe('Пермь');
    expect(cell(session.workbook, C, 3, 'Статус клиента')).toBe('Неактивный');
    expect(String(cell(session.workbook, C, 3, 'Примечание'))).toMatch(/^Объединён с К-00001/);
    const log = rowsOf(session.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Объединение клиентов');
    expect(log.map((r) => [r['Лист'], r['ID'], r['Поле']])).toEqual([
      [SHEETS.deals, 'С-00002', 'ID клиента'],
      [SHEETS.contacts, expect.any(String), 'ID клиента'],
      [SHEETS.claims, 'П-00001', 'ID клиента'],
      [C, 'К-00001', 'Город'],
      [C, 'К-00002', 'Статус клиента'],
    ]);
    // merged: no longer a duplicate for the check, and not merged twice
    const problems = session.run('checkWorkbook') as Array<{ message: string }>;
    expect(problems.filter((p) => /Возможные дубли/.test(p.message))).toEqual([]);
    expect(() => session.run('mergeClients', ['К-00001', 'К-00002'])).toThrow(/уже объединён/);
  });
});

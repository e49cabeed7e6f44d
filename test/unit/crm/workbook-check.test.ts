import { checkWorkbook, columnLetter, type TableSnapshot } from '../../../src/domain/crm/workbook-check';
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

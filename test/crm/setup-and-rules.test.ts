/**
 * «Настроить таблицу», the client rules of 2.10 in the sheet, the audit log,
 * the menu, the workbook check, tasks and the daily digest, through the local runtime.
 */
import { PERSON_PROTECTED_MESSAGE } from '../../local/runtime';
import { COLUMNS, SHEETS } from '../../src/domain/workbook/schema';
import type { SidebarState } from '../../src/shared/api';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  PETROVA,
  TODAY,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from './crm-workbook';

const daysAgo = (n: number) => new Date(TODAY.getFullYear(), TODAY.getMonth(), TODAY.getDate() - n);

describe('«Настроить таблицу»', () => {
  it('adds missing headers at the end, keeps data and unknown columns, and is safe to run twice', () => {
    const workbook = crmWorkbook({
      deals: [{ ...fullDeal('С-00001', 'Новый'), Заметка: 'моё' }],
      dealHeaders: ['Заметка', 'ID сделки', 'ID клиента', 'Этап', 'Ответственный'],
    });
    const session = crmSession(workbook);
    const headersAfterFirst = workbook.sheets.find((s) => s.name === SHEETS.deals)!.rows[0]!.map((c) => c?.value);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const headers = workbook.sheets.find((s) => s.name === SHEETS.deals)!.rows[0]!.map((c) => c?.value);
    expect(headers).toEqual(headersAfterFirst);
    expect(headers.slice(0, 5)).toEqual(['Заметка', 'ID сделки', 'ID клиента', 'Этап', 'Ответственный']);
    expect(new Set(headers).size).toBe(headers.length);
    for (const spec of COLUMNS.deals) expect(headers).toContain(spec.header);
    expect(cell(workbook, SHEETS.deals, 2, 'Заметка')).toBe('моё');
    expect(cell(workbook, SHEETS.deals, 2, 'Этап')).toBe('Новый');
  });

  it('creates every tab, freezes and bolds headers, sets dropdowns and formats', () => {
    const workbook = crmWorkbook();
    crmSession(workbook);
    for (const name of [...Object.values(SHEETS)]) expect(workbook.sheets.map((s) => s.name)).toContain(name);
    const deals = workbook.sheets.find((s) => s.name === SHEETS.deals)!;
    expect(deals.frozenRows).toBe(1);
    expect(deals.rows[0]![0]!.fontWeight).toBe('bold');
    const stage = deals.rows[5]![columnOf(workbook, SHEETS.deals, 'Этап') - 1]!;
    expect(stage.validation).toMatchObject({ kind: 'list', allowInvalid: false });
    expect(stage.validation!.values).toContain('Отказ');
    expect(deals.rows[5]![columnOf(workbook, SHEETS.deals, 'Дата КП') - 1]!.numberFormat).toBe('dd.MM.yyyy');
    expect(deals.rows[5]![columnOf(workbook, SHEETS.deals, 'Сумма КП, руб.') - 1]!.numberFormat).toBe('#,##0.00');
  });

  it('protects «Журнал» and «Настройки» for the director only; a specialist cannot type there', () => {
    const workbook = crmWorkbook();
    const session = crmSession(workbook, IVANOV);
    for (const name of [SHEETS.log, SHEETS.settings]) {
      const protections = workbook.sheets.find((s) => s.name === name)!.protections;
      expect(protections).toEqual([expect.objectContaining({ type: 'sheet', warningOnly: false })]);
      expect(protections[0].editors).not.toContain(IVANOV);
    }
    expect(() => session.edit({ sheet: SHEETS.log, row: 5, column: 1, values: [['подделка']] })).toThrow(
      PERSON_PROTECTED_MESSAGE,
    );
    const memory = workbook.sheets.find((s) => s.name.startsWith('_'))!;
    expect(memory.hidden).toBe(true);
  });
});

describe('the audit log of a specialist\u2019s sidebar work', () => {
  it('reaches «Журнал» with the next edit handled as the director', () => {
    const deal = fullDeal('С-00001', 'Надёжность оценена');
    const session = crmSession(crmWorkbook({ deals: [deal] }), IVANOV);
    expect(session.run('moveDeal', ['С-00001', 'Переговоры', {}])).toMatchObject({ ok: true });
    session.edit({
      sheet: SHEETS.deals,
      row: 2,
      column: columnOf(session.workbook, SHEETS.deals, 'Разногласия'),
      values: [['нет']],
    });
    expect(rowsOf(session.workbook, SHEETS.log)).toContainEqual(
      expect.objectContaining({ Пользователь: IVANOV, Действие: 'Смена этапа', ID: 'С-00001', Стало: 'Переговоры' }),
    );
    // a paste over the deal is checked from the stage the sidebar set
    session.edit({
      sheet: SHEETS.deals,
      row: 2,
      column: columnOf(session.workbook, SHEETS.deals, 'Этап'),
      values: [['Согласование договора']],
    });
    expect(cell(session.workbook, SHEETS.deals, 2, 'Этап')).toBe('Переговоры');
  });
});

describe('special conditions of 2.10 typed into «Клиенты»', () => {
  const statusCol = (s: ReturnType<typeof crmSession>) => columnOf(s.workbook, SHEETS.clients, 'Статус клиента');
  const discountCol = (s: ReturnType<typeof crmSession>) => columnOf(s.workbook, SHEETS.clients, 'Скидка, %');

  it('only the director sets «Ключевой»', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    session.edit({ sheet: SHEETS.clients, row: 2, column: statusCol(session), values: [['Ключевой']] });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Статус клиента')).toBe('Потенциальный');
    session.setUser(DIRECTOR);
    session.edit({ sheet: SHEETS.clients, row: 2, column: statusCol(session), values: [['Ключевой']] });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Статус клиента')).toBe('Ключевой');
  });

  it('refuses a discount for a non-key client and above the maximum of «Настройки» (15 %)', () => {
    const session = crmSession(crmWorkbook({ clients: [{ ...CLIENT_A, 'Статус клиента': 'Клиент' }] }), IVANOV);
    session.edit({ sheet: SHEETS.clients, row: 2, column: discountCol(session), values: [['5']] });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Скидка, %')).toBeNull();
    session.setUser(DIRECTOR);
    session.edit({ sheet: SHEETS.clients, row: 2, column: statusCol(session), values: [['Ключевой']] });
    session.setUser(IVANOV);
    session.edit({ sheet: SHEETS.clients, row: 2, column: discountCol(session), values: [['10']] });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Скидка, %')).toBe(10);
    session.edit({ sheet: SHEETS.clients, row: 2, column: discountCol(session), values: [['20']] });
    expect(cell(session.workbook, SHEETS.clients, 2, 'Скидка, %')).toBe(10);
    const sheet = session.workbook.sheets.find((s) => s.name === SHEETS.clients)!;
    expect(sheet.rows[1]![discountCol(session) - 1]!.note).toMatch(/больше максимальной 15/);
  });

  it('gives a client typed by hand an ID, today\u2019s date and «Потенциальный»', () => {
    const session = crmSession(crmWorkbook(), PETROVA);
    session.edit({
      sheet: SHEETS.clients,
      row: 3,
      column: columnOf(session.workbook, SHEETS.clients, 'Клиент'),
      values: [['ИП Сидоров']],
    });
    expect(cell(session.workbook, SHEETS.clients, 3, 'ID клиента')).toBe('К-00002');
    expect(cell(session.workbook, SHEETS.clients, 3, 'Статус клиента')).toBe('Потенциальный');
    expect(cell(session.workbook, SHEETS.clients, 3, 'Дата создания')).toEqual(daysAgo(0));
  });
});

describe('menu, check, tasks and digest', () => {
  it('builds the «CRM» menu on open', () => {
    const session = crmSession(crmWorkbook());
    const crm = session.open().find((m) => m.title === 'CRM')!;
    const captions = crm.items.map((i) => ('caption' in i ? i.caption : ''));
    expect(captions).toEqual(
      expect.arrayContaining([
        'Настроить таблицу',
        'Карточка клиента',
        'Новый клиент',
        'Мои задачи',
        'Проверить таблицу',
      ]),
    );
  });

  it('lists each problem of the workbook with its cell', () => {
    const workbook = crmWorkbook({ clients: [{ ...CLIENT_A, Телефон: '12345' }] });
    const session = crmSession(workbook);
    const problems = session.run('checkWorkbook') as Array<{ sheet: string; a1: string; message: string }>;
    expect(problems).toContainEqual(
      expect.objectContaining({ sheet: 'Клиенты', a1: `F2`, message: expect.stringMatching(/не российский номер/) }),
    );
  });

  it('shows the user their overdue items, oldest first, and e-mails each specialist theirs', () => {
    const deals = [
      fullDeal('С-00001', 'Переговоры', { 'Следующий шаг': daysAgo(2) }),
      fullDeal('С-00002', 'Переговоры', { 'Следующий шаг': daysAgo(5), Ответственный: PETROVA }),
    ];
    const clients = [{ ...CLIENT_A, 'Следующий контакт': daysAgo(7) }];
    const session = crmSession(crmWorkbook({ deals, clients }), IVANOV);
    expect(
      (session.run('getMyTasks') as Array<{ id: string; daysOverdue: number }>).map((t) => [t.id, t.daysOverdue]),
    ).toEqual([
      ['К-00001', 7],
      ['С-00001', 2],
    ]);
    session.setUser(DIRECTOR);
    expect(session.run('toggleDailyDigest', [true])).toEqual({ on: true });
    session.takeUiEvents();
    session.fireTimeTriggers();
    const mails = session.takeUiEvents().filter((e) => e.type === 'mail');
    expect(mails.map((m) => (m as { to: string }).to).sort()).toEqual([IVANOV, PETROVA]);
    expect(mails.find((m) => (m as { to: string }).to === PETROVA)).toMatchObject({
      body: expect.stringContaining('С-00002'),
    });
    expect(session.run('toggleDailyDigest', [false])).toEqual({ on: false });
    expect(session.triggers().filter((t) => t.handler === 'sendDailyDigest')).toEqual([]);
  });
});

describe('claims typed by hand and the sidebar views', () => {
  it('gives a claim its ID, the status «Новая» and a deadline 10 days after its date', () => {
    const session = crmSession(crmWorkbook(), IVANOV);
    const dateCol = columnOf(session.workbook, SHEETS.claims, 'Дата');
    session.edit({ sheet: SHEETS.claims, row: 2, column: dateCol, values: [['02.03.2026', 'К-00001']] });
    expect(cell(session.workbook, SHEETS.claims, 2, 'ID')).toBe('П-00001');
    expect(cell(session.workbook, SHEETS.claims, 2, 'Статус')).toBe('Новая');
    const received = cell(session.workbook, SHEETS.claims, 2, 'Дата') as Date;
    // Moscow has no daylight saving time: ten calendar days are ten times 24 hours
    expect(cell(session.workbook, SHEETS.claims, 2, 'Срок ответа')).toEqual(
      new Date(received.getTime() + 10 * 86_400_000),
    );
  });

  it('opens the sidebar on the selected row\u2019s client and tells the page which view to show', () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    session.select(SHEETS.deals, 2, 3);
    session.run('menuClientCard');
    expect(session.takeUiEvents()).toContainEqual(
      expect.objectContaining({ type: 'sidebar', title: 'Карточка клиента' }),
    );
    const state = session.run('getSidebarState') as SidebarState;
    expect(state).toMatchObject({ view: 'card', clientId: 'К-00001', user: IVANOV, isDirector: false, notice: '' });
    // the card comes with the state: the page needs no second call
    expect(state.card).toMatchObject({ clientId: 'К-00001', deals: [expect.objectContaining({ id: 'С-00001' })] });
    session.run('menuMyTasks');
    expect(session.run('getSidebarState')).toMatchObject({ view: 'tasks' });
  });
});

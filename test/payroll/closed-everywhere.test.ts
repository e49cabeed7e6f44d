/**
 * A closed month is closed in both books: switching «Ведомость в отдельной
 * таблице» on after closing does not open it again, and the closed month's
 * payslips are frozen with it.
 */
import type { CellModel } from '../../local/runtime/model';
import { SEPARATE_BOOK_PARAM } from '../../src/domain/settings';
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  closeMonth,
  computeMonth,
  payrollSession,
  payrollWorkbook,
  settingsWithoutKpi,
  sheetNamed,
  signedDeal,
  specialist,
} from './payroll-workbook';

const TAB = 'Зарплата 03.2026';
const PAYSLIPS = 'Расчётные листки 03.2026';

/** March computed for one specialist with a signed deal, on a set-up workbook. */
function computedMarch() {
  const workbook = payrollWorkbook({
    settings: settingsWithoutKpi(),
    staff: [specialist('10', 'Орлова Анна')],
    timesheet: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'Отработано дней': 21, 'Аванс, руб.': 0 }],
    plans: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 }],
    deals: [signedDeal('10', 5, 100000)],
  });
  const session = payrollSession(workbook);
  session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
  computeMonth(session, '03.2026');
  return session;
}

function closedMarch() {
  const session = computedMarch();
  session.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
  closeMonth(session, '03.2026');
  session.takeUiEvents();
  return session;
}

function setting(session: ReturnType<typeof payrollSession>, name: string): CellModel {
  const sheet = sheetNamed(session, SHEETS.settings)!;
  const row = sheet.rows.find((r) => r?.[0]?.value === name)!;
  return (row[1] ??= { value: null });
}

const alerts = (session: ReturnType<typeof payrollSession>) =>
  session
    .takeUiEvents()
    .filter((e) => e.type === 'alert')
    .map((e) => ('message' in e ? e.message : ''));

describe('a closed month', () => {
  it('cannot be computed or closed again in the separate book switched on afterwards', () => {
    const session = closedMarch();
    setting(session, SEPARATE_BOOK_PARAM).value = 'Да';
    const said = [...computeMonth(session, '03.2026'), ...closeMonth(session, '03.2026')]
      .filter((e) => e.type === 'alert')
      .map((e) => ('message' in e ? e.message : ''));
    expect(said.filter((m) => /03\.2026 (уже )?закрыт/.test(m))).toHaveLength(2);
    const books = session.otherWorkbooks();
    for (const book of books) expect(book.sheets.map((s) => s.name)).not.toContain(TAB);
    const closed = session.workbook.sheets.find((s) => s.name === 'Начисления (закрытые месяцы)')!;
    expect(closed.rows.slice(1).filter((r) => r?.[0]?.value === '2026-03' && r?.[1]?.value === '10')).toHaveLength(1);
  });

  it('keeps its payslips as they were handed out', () => {
    const session = closedMarch();
    const before = JSON.stringify(sheetNamed(session, PAYSLIPS)!.rows);
    setting(session, 'Организация').value = 'ООО «Другое»';
    session.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    expect(alerts(session).pop()).toMatch(/закрыт.*заморожены/);
    expect(JSON.stringify(sheetNamed(session, PAYSLIPS)!.rows)).toBe(before);
  });
});

describe('pay data changed after the last calculation', () => {
  it('«Закрыть месяц» warns before closing, and «Рассчитать» says the new ведомость includes the change', () => {
    const workbook = payrollWorkbook({
      settings: settingsWithoutKpi(),
      staff: [specialist('10', 'Орлова Анна')],
      timesheet: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'Отработано дней': 21, 'Аванс, руб.': 0 }],
      plans: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 }],
      deals: [signedDeal('10', 5, 100000)],
    });
    const session = payrollSession(workbook);
    session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    computeMonth(session, '03.2026');
    const deals = sheetNamed(session, SHEETS.deals)!;
    const sumCol = deals.rows[0]!.findIndex((c) => c?.value === 'Сумма договора, руб.') + 1;
    session.edit({ sheet: SHEETS.deals, row: 2, column: sumCol, values: [['120000']] });
    session.takeUiEvents();
    // the confirmation warns; the director answers «No»
    session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
    expect(alerts(session).pop()).toMatch(/менялись после последнего расчёта/);
    const recomputed = computeMonth(session, '03.2026')
      .filter((e) => e.type === 'alert')
      .map((e) => ('message' in e ? e.message : ''));
    expect(recomputed.pop()).toMatch(/менялись после прошлого расчёта/);
    session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
    expect(alerts(session).pop()).not.toMatch(/менялись/);
  });
});

describe('a change of «Планы» or «Табель» after the last calculation', () => {
  const columnOf = (session: ReturnType<typeof payrollSession>, tab: string, header: string) =>
    sheetNamed(session, tab)!.rows[0]!.findIndex((c) => c?.value === header) + 1;
  const asked = (session: ReturnType<typeof payrollSession>) =>
    session
      .takeUiEvents()
      .filter((e) => e.type === 'alert')
      .map((e) => ('message' in e ? e.message : ''));

  it.each([
    [SHEETS.plans, 'План продаж, руб.', '80000'],
    [SHEETS.timesheet, 'Отработано дней', '15'],
  ])(
    'edited in the sheet (%s), makes «Закрыть месяц» warn and «Печать / PDF» ask before printing the stale ведомость',
    (tab, header, value) => {
      const session = computedMarch();
      session.edit({ sheet: tab, row: 2, column: columnOf(session, tab, header), values: [[value]] });
      session.takeUiEvents();
      session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
      expect(asked(session).pop()).toMatch(new RegExp(`данные месяца \\(лист «${tab}»\\) менялись после последнего`));
      // print: the tab is chosen, then the warning; «No» prints nothing
      session.run('menuPrintPdf', [], [{ button: 'OK', text: TAB }, { button: 'NO' }]);
      const events = session.takeUiEvents();
      const alertsShown = events.filter((e) => e.type === 'alert').map((e) => ('message' in e ? e.message : ''));
      expect(alertsShown.join('\n')).toMatch(new RegExp(`«${TAB}» устарел.*лист «${tab}»`));
      expect(events.some((e) => e.type === 'dialog')).toBe(false);
      expect(session.calls()['Drive.Files.create'] ?? 0).toBe(0);
      // the new calculation includes the change and says so; after it nothing is stale
      const recomputed = computeMonth(session, '03.2026')
        .filter((e) => e.type === 'alert')
        .map((e) => ('message' in e ? e.message : ''));
      expect(recomputed.pop()).toMatch(new RegExp(`лист «${tab}»\\) менялись после прошлого расчёта`));
      session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
      expect(asked(session).pop()).not.toMatch(/менялись/);
    },
  );

  it('counts a change of «Сотрудники» for every computed month', () => {
    const session = computedMarch();
    session.edit({
      sheet: SHEETS.staff,
      row: 3,
      column: columnOf(session, SHEETS.staff, 'Категория'),
      values: [['I категория']],
    });
    session.takeUiEvents();
    session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
    expect(asked(session).pop()).toMatch(/лист «Сотрудники»\) менялись/);
  });

  it('counts the month a row was moved away from, and a pasted block of rows, but not another month', () => {
    const session = computedMarch();
    const month = columnOf(session, SHEETS.timesheet, 'Месяц');
    // a row of May: March stays current
    session.edit({
      sheet: SHEETS.timesheet,
      row: 3,
      column: month,
      values: [
        ['2026-05', '10', '20', '0'],
        ['2026-05', '11', '20', '0'],
      ],
    });
    session.takeUiEvents();
    session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
    expect(asked(session).pop()).not.toMatch(/менялись/);
    // March's row retyped as April: March changed
    session.edit({ sheet: SHEETS.timesheet, row: 2, column: month, values: [['2026-04']] });
    session.takeUiEvents();
    session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: '03.2026' }, { button: 'NO' }]);
    expect(asked(session).pop()).toMatch(/лист «Табель»\) менялись/);
  });
});

/**
 * The payroll and the dashboard of a spreadsheet in another time zone than the
 * script's (Moscow) are those of the same workbook in Moscow: the days people
 * typed (hire dates, contract dates, dates of payment) are the days they see,
 * so probation days, the month's sales and the payment dates that decide НДФЛ
 * come out the same, to the kopeck.
 */
import { dateToSerial, displayValue, serialToDate, type LocalRuntimeSession } from '../../local/runtime';
import type { WorkbookModel } from '../../local/runtime/model';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLOSED_MONTHS_SHEET } from '../../src/server/payroll/closed-months';
import {
  cellAt,
  closeMonth,
  computeMonth,
  payrollSession,
  payrollWorkbook,
  sheetNamed,
  signedDeal,
  specialist,
} from './payroll-workbook';

const MOSCOW = 'Europe/Moscow';
const TAB = 'Зарплата 03.2026';
const SLIPS = 'Расчётные листки 03.2026';
/** midday in Moscow: the same day in every zone of the test */
const NOW = new Date(2026, 3, 10, 12, 0);

function workbook(): WorkbookModel {
  return payrollWorkbook({
    staff: [
      specialist('10', 'Орлова Анна'),
      // hired 17.01.2026 for 2 months: probation ends Monday 16.03.2026 (a day earlier is a Sunday)
      specialist('12', 'Сидорова Ольга', { 'Дата приёма': new Date(2026, 0, 17), 'Испытательный срок, мес': 2 }),
    ],
    timesheet: [
      {
        Месяц: '2026-03',
        'Сотрудник (Таб. №)': '10',
        'Отработано дней': 21,
        'Аванс, руб.': 5000,
        'Дата аванса': new Date(2026, 2, 20),
        'Дата выплаты': new Date(2026, 3, 1),
      },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '12', 'Отработано дней': 21, 'Аванс, руб.': 0 },
    ],
    plans: [
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '12', 'План продаж, руб.': 100000 },
    ],
    deals: [
      // the first and the last day of March count, 1 April does not
      signedDeal('10', 1, 60000),
      signedDeal('10', 31, 40000),
      signedDeal('10', 1, 500000, 4),
      signedDeal('12', 16, 30000),
      signedDeal('12', 17, 50000),
    ],
  });
}

/** The workbook as people in `zone` typed it: each date cell the same day and time there. */
function typedIn(model: WorkbookModel, zone: string): WorkbookModel {
  model.timeZone = zone;
  for (const sheet of model.sheets)
    for (const row of sheet.rows)
      for (const cell of row ?? [])
        if (cell?.value instanceof Date) cell.value = serialToDate(dateToSerial(cell.value, MOSCOW), zone);
  return model;
}

function session(zone: string): LocalRuntimeSession {
  const s = payrollSession(typedIn(workbook(), zone), NOW);
  computeMonth(s, '03.2026');
  s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
  s.run('menuRefreshDashboard');
  s.takeUiEvents();
  s.recalculate();
  return s;
}

/** A tab as its people read it: dates as «дд.мм.гггг» in the spreadsheet's zone, other values as they are. */
function seen(s: LocalRuntimeSession, name: string): unknown[][] {
  const sheet = sheetNamed(s, name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows.map((row) =>
    (row ?? []).map((c) => {
      const v = c?.value ?? '';
      return v instanceof Date ? displayValue(v, 'dd.MM.yyyy', s.workbook.timeZone) : v;
    }),
  );
}

/** The dashboard without its «updated at» time, which is the clock of each zone. */
function dashboardSeen(s: LocalRuntimeSession): unknown[][] {
  return seen(s, SHEETS.dashboard).map((row) =>
    row.map((v) => (typeof v === 'string' && /\d\d:\d\d/.test(v) ? '' : v)),
  );
}

describe('payroll and dashboard in Moscow', () => {
  let s: LocalRuntimeSession;
  beforeAll(() => {
    s = session(MOSCOW);
  });

  it('count the days and the sales as typed', () => {
    const row = (tabNo: string) => sheetNamed(s, TAB)!.rows.findIndex((r) => r?.[1]?.value === tabNo) + 1;
    // sales of March: 1 and 31 March, not 1 April
    expect(cellAt(s, TAB, row('10'), 10)?.value).toBe(100000);
    // probation to Monday 16.03: 10 working days at 1 000, 11 days of the оклад 12 000 / 21
    expect(cellAt(s, TAB, row('12'), 8)?.value).toBe(10000 + Math.round((12000 * 11 * 100) / 21) / 100);
    // the final payment is dated 1 April
    expect(seen(s, TAB).flat()).toContain('01.04.2026');
  });
});

describe.each(['Asia/Vladivostok', 'America/New_York'])('a spreadsheet in %s', (zone) => {
  let moscow: LocalRuntimeSession;
  let there: LocalRuntimeSession;
  beforeAll(() => {
    moscow = session(MOSCOW);
    there = session(zone);
  });

  it('gives the payroll tab of Moscow: days, sales, НДФЛ and dates of payment', () => {
    expect(seen(there, TAB)).toEqual(seen(moscow, TAB));
  });

  it('gives the payslips of Moscow', () => {
    expect(seen(there, SLIPS)).toEqual(seen(moscow, SLIPS));
  });

  it('gives the dashboard of Moscow', () => {
    expect(dashboardSeen(there)).toEqual(dashboardSeen(moscow));
  });

  it('records the closed month with the days of payment of Moscow', () => {
    closeMonth(moscow, '03.2026');
    closeMonth(there, '03.2026');
    // «Закрыт» is the moment of closing, shown in each zone's clock
    const closed = (s: LocalRuntimeSession) => seen(s, CLOSED_MONTHS_SHEET).map((row) => row.filter((_, i) => i !== 6));
    expect(closed(there)).toEqual(closed(moscow));
    expect(closed(there).flat()).toContain('01.04.2026');
  });
});

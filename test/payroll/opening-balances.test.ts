/**
 * НДФЛ is cumulative since 1 January. «Настроить таблицу» run by the director
 * creates the closed months' tab ahead of the first closing, so the months of
 * the year paid before the add-on can be typed in and count in the tax.
 */
import { CLOSED_MONTHS_HEADERS } from '../../src/server/payroll/closed-months';
import { sheetOf } from '../helpers/workbook';
import {
  cellAt,
  closeMonth,
  computeMonth,
  DIRECTOR,
  payrollSession,
  payrollWorkbook,
  settingsWithoutKpi,
  sheetNamed,
  signedDeal,
  specialist,
} from './payroll-workbook';

const CLOSED = 'Начисления (закрытые месяцы)';
const NDFL_COL = 19;

function workbook() {
  return payrollWorkbook({
    settings: settingsWithoutKpi(),
    staff: [specialist('10', 'Орлова Анна')],
    timesheet: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'Отработано дней': 21, 'Аванс, руб.': 0 }],
    plans: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 }],
    deals: [signedDeal('10', 5, 100000)],
    closedMonths: [],
  });
}

describe('income of the year before the add-on', () => {
  it('setup creates the hidden, director-only tab once and says so', () => {
    const s = payrollSession(workbook());
    s.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const report = s.takeUiEvents().find((e) => e.type === 'alert');
    expect(report && 'message' in report ? report.message : '').toContain(`Создан скрытый лист «${CLOSED}»`);
    const sheet = sheetNamed(s, CLOSED)!;
    expect(sheet.hidden).toBe(true);
    expect(sheet.rows[0]!.map((c) => c?.value)).toEqual(expect.arrayContaining(['Месяц', 'Таб. №', 'НДФЛ, руб.']));
    expect(sheet.protections[0].editors).toEqual([DIRECTOR]);

    s.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    const again = s.takeUiEvents().find((e) => e.type === 'alert');
    expect(again && 'message' in again ? again.message : '').not.toContain(CLOSED);
  });

  it('a specialist cannot type into it', () => {
    const s = payrollSession(workbook());
    s.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    s.setUser('s10@proekt-a.ru');
    expect(() => s.edit({ sheet: CLOSED, row: 2, column: 1, values: [['2026-01']] })).toThrow();
  });

  it('a January typed in by the director moves March into the 15 % band', () => {
    const s = payrollSession(workbook());
    s.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
    // January–February paid outside the add-on: 2 400 000 руб., НДФЛ 312 000 руб. (13 % of 2,4 млн)
    s.edit({ sheet: CLOSED, row: 2, column: 1, values: [["'2026-01", '10', 'Орлова Анна', '2400000', '0', '312000']] });
    s.edit({ sheet: CLOSED, row: 3, column: 1, values: [["'2026-02", '10', 'Орлова Анна', '0', '0', '0']] });
    computeMonth(s, '03.2026');
    s.recalculate();
    // March accrues 27 093 (12 000 + 4 % of 100 000 + top-up to МРОТ);
    // tax(2 427 093) = 312 000 + 15 % × 27 093 = 316 063,95 → 316 064; minus 312 000 already = 4 064
    expect(cellAt(s, 'Зарплата 03.2026', 6, 17)?.value).toBe(27093);
    expect(cellAt(s, 'Зарплата 03.2026', 6, NDFL_COL)?.value).toBe(4064);
  });

  it('a tab made before payment dates were recorded gets their headers at the next closing', () => {
    const wb = workbook();
    // the eight columns the tab had before «Аванс, руб.», «НДФЛ с аванса», «Дата аванса», «Дата выплаты»
    sheetOf(
      wb,
      CLOSED,
      CLOSED_MONTHS_HEADERS.slice(0, 8),
      ['2026-01', '2026-02'].map((m) => ({ Месяц: m, 'Таб. №': '10', ФИО: 'Орлова Анна', 'Начислено, руб.': 0 })),
    );
    const s = payrollSession(wb);
    computeMonth(s, '03.2026');
    closeMonth(s, '03.2026');
    const sheet = sheetNamed(s, CLOSED)!;
    expect(sheet.rows[0]!.map((c) => c?.value)).toEqual([...CLOSED_MONTHS_HEADERS]);
    // March: 27 093, НДФЛ 3 522, no аванс
    expect(sheet.rows[3]!.slice(0, 6).map((c) => c?.value)).toEqual(['2026-03', '10', 'Орлова Анна', 27093, 0, 3522]);
  });
});

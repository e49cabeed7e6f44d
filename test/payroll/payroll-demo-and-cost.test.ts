/**
 * The demo staff's month: every formula of the ведомость, evaluated by the
 * runtime's formula engine, equals the pure engine's number to the kopeck; and
 * the cost of computing a month does not grow with employees or deals.
 */
import { generateDemoWorkbook } from '../../local/demo/generate';
import type { WorkbookModel } from '../../local/runtime/model';
import { monthKey } from '../../src/domain/calendar';
import { computeMonthWithHistory } from '../../src/domain/payroll/month';
import { parseSettings } from '../../src/domain/settings';
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  claimRecords,
  dealRecords,
  planRecords,
  SourceGrid,
  staffRecords,
  timesheetRecords,
} from '../../src/server/payroll/source-records';
import { cellAt, computeMonth, payrollSession, sizedWorkbook } from './payroll-workbook';

const TODAY = new Date(2026, 3, 15);

function grid(workbook: WorkbookModel, name: string): unknown[][] {
  const sheet = workbook.sheets.find((s) => s.name === name)!;
  const width = Math.max(0, ...Array.from(sheet.rows, (r) => r?.length ?? 0));
  return Array.from(sheet.rows, (r) => Array.from({ length: width }, (_, c) => r?.[c]?.value ?? ''));
}

describe('the demo month', () => {
  it('equals the pure engine to the kopeck in every money cell and total', () => {
    const workbook = generateDemoWorkbook({ seed: 7, today: TODAY });
    const month = { year: 2026, month: 3 };
    // January and February are not closed: their figures are computed for НДФЛ since 1 January
    const key = new Set(['2026-01', '2026-02', monthKey(month)]);
    const settings = parseSettings(grid(workbook, SHEETS.settings));
    const expected = computeMonthWithHistory(
      {
        month,
        settings,
        staff: staffRecords(new SourceGrid(SHEETS.staff, grid(workbook, SHEETS.staff))),
        timesheet: timesheetRecords(new SourceGrid(SHEETS.timesheet, grid(workbook, SHEETS.timesheet)), key),
        plans: planRecords(
          new SourceGrid(SHEETS.plans, grid(workbook, SHEETS.plans)),
          key,
          settings.kpis.map((k) => k.name),
        ),
        deals: dealRecords(new SourceGrid(SHEETS.deals, grid(workbook, SHEETS.deals))),
        claims: claimRecords(new SourceGrid(SHEETS.claims, grid(workbook, SHEETS.claims))),
        yearToDate: {},
      },
      [],
    );
    const s = payrollSession(workbook, TODAY, workbook.owner);
    computeMonth(s, '03.2026');
    s.recalculate();
    const tab = 'Зарплата 03.2026';
    const kop = (row: number, col: number) => Math.round(Number(cellAt(s, tab, row, col)?.value) * 100);
    const lines = [
      'byRate',
      'planBonus',
      'kpiBonus',
      'mrotTopup',
      'holidayPay',
      'accrued',
      'ndflAdvance',
      'ndflFinal',
      'advancePaid',
      'toPay',
    ] as const;
    const cols = [8, 13, 14, 15, 16, 17, 18, 19, 20, 21];
    expect(expected.rows.length).toBeGreaterThan(2);
    expected.rows.forEach((row, i) => {
      const r = 6 + i;
      expect(cellAt(s, tab, r, 2)?.value).toBe(row.tabNo);
      if (!row.ok) {
        expect(cellAt(s, tab, r, 8)?.value).toBe(`Не рассчитано: ${row.error}`);
        return;
      }
      const got = Object.fromEntries(lines.map((k, j) => [k, kop(r, cols[j])]));
      const want = Object.fromEntries(
        lines.map((k) => [k, k === 'byRate' ? row.lines.byRate + row.lines.bySalary : row.lines[k]]),
      );
      expect({ tabNo: row.tabNo, ...got }).toEqual({ tabNo: row.tabNo, ...want });
      expect(cellAt(s, tab, r, 17)?.formula).toBeDefined();
    });
    const totalsRow = 6 + expected.rows.length;
    expect(kop(totalsRow, 21)).toBe(expected.totals.toPay);
    expect(kop(totalsRow, 17)).toBe(expected.totals.accrued);
    expect(kop(totalsRow, 18) + kop(totalsRow, 19)).toBe(expected.totals.ndfl);
  });
});

/** Service calls of one «Рассчитать за месяц…» run. */
export function computeCalls(employees: number, deals: number): Record<string, number> {
  const s = payrollSession(sizedWorkbook(employees, deals), TODAY);
  s.resetCalls();
  computeMonth(s, '03.2026');
  return s.calls();
}

describe('the cost of computing a month', () => {
  it('is the same number of service calls for 10 and 100 employees and for 1 000 and 20 000 deals', () => {
    const small = computeCalls(10, 1000);
    expect(computeCalls(100, 1000)).toEqual(small);
    expect(computeCalls(10, 20000)).toEqual(small);
    // each source tab and the closed months' tab are read once; the tab is written in one call per kind of content
    expect(small['Sheet.getDataRange']).toBe(7);
    // the ведомость; «Журнал» (new in this workbook): its header and the entry
    expect(small['Range.setValues']).toBe(3);
    expect(small['Range.setNumberFormats']).toBe(1);
    expect(small['Range.setBackgrounds']).toBe(1);
    expect(small['Range.setFontWeights']).toBe(1);
    // the layout: four merged title lines, the wrapped header row, names and KPI names, widths in groups;
    // the table lined in one call, its rows made tall in one, three aligned blocks, one title size
    expect(small['Range.merge']).toBe(4);
    expect(small['Range.setWrap']).toBe(3);
    expect(small['Range.setBorder']).toBe(1);
    expect(small['Sheet.setRowHeights']).toBe(1);
    expect(small['Range.setFontSize']).toBe(1);
    expect(small['Sheet.setColumnWidths']).toBeLessThanOrEqual(21);
  });
});

/** Custom-function executions of «Рассчитать за месяц…» and of a recalculation of the tab it wrote. */
function customFunctionExecutions(employees: number, deals: number): { compute: number; recalc: number } {
  const s = payrollSession(sizedWorkbook(employees, deals), TODAY);
  s.resetCalls();
  computeMonth(s, '03.2026');
  const compute = s.usage().executions.CUSTOM_FUNCTION ?? 0;
  s.resetCalls();
  s.recalculate();
  return { compute, recalc: s.usage().executions.CUSTOM_FUNCTION ?? 0 };
}

describe('custom-function executions of the payroll tab', () => {
  it('are one per computed column, the same for 10 and 100 employees', () => {
    const small = customFunctionExecutions(10, 1000);
    const large = customFunctionExecutions(100, 1000);
    expect(large).toEqual(small);
    // WORKING_DAYS, BASE_PAY, PLAN_FULFILMENT, PLAN_RATE, PLAN_BONUS, KPI_BONUS, MROT_TOPUP,
    // HOLIDAY_PAY, NDFL ×3 (аванс, окончательный расчёт, both without the 50 % limit), AMOUNT_IN_WORDS
    expect(small.recalc).toBe(12);
    // the local engine recalculates everything once more when the finished tab takes its name
    expect(small.compute).toBe(2 * small.recalc);
  }, 120_000);
});

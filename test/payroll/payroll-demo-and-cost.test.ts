/**
 * The demo staff's month: every formula of the ведомость, evaluated by the
 * runtime's formula engine, equals the pure engine's number to the kopeck; and
 * the cost of computing a month does not grow with employees or deals.
 */
import { PAYROLL_MINIMUM } from '../../bench/payroll-tab';
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

describe('the demo month, worked from the rules of domain.md apart from the engine', () => {
  it('pays each specialist the оклад, plan bonus and МРОТ top-up that the job description gives', () => {
    const workbook = generateDemoWorkbook({ seed: 7, today: TODAY });
    const table = (name: string) => {
      const [head, ...rows] = grid(workbook, name);
      return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
    };
    const kopecks = (rubles: unknown) => Math.round(Number(rubles) * 100);
    const halfUp = (n: number, d: number) => Number((2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));
    // March 2026 has 21 working days (domain 4.7); МРОТ 27 093; оклад II 12 000, I 20 000; 1 000 a day on probation
    const NORM = 21;
    const MROT = kopecks(27_093);
    const staff = table(SHEETS.staff);
    const sheetRows = table(SHEETS.timesheet).filter((t) => t['Месяц'] === '2026-03');
    const plans = table(SHEETS.plans).filter((t) => t['Месяц'] === '2026-03');
    const deals = table(SHEETS.deals);
    const marchSales = (email: unknown) =>
      deals
        .filter((d) => d['Ответственный'] === email && d['Дата договора'] instanceof Date)
        .filter((d) => {
          const at = d['Дата договора'] as Date;
          return at.getFullYear() === 2026 && at.getMonth() === 2;
        })
        .reduce((sum, d) => sum + kopecks(d['Сумма договора, руб.']), 0);

    const s = payrollSession(workbook, TODAY, workbook.owner);
    computeMonth(s, '03.2026');
    s.recalculate();
    const tab = 'Зарплата 03.2026';
    const kop = (row: number, col: number) => Math.round(Number(cellAt(s, tab, row, col)?.value) * 100);
    const checked: string[] = [];
    for (let r = 6; cellAt(s, tab, r, 2)?.value; r++) {
      const tabNo = cellAt(s, tab, r, 2)?.value;
      const person = staff.find((p) => String(p['Таб. №']) === String(tabNo));
      if (!person) continue;
      const category = person['Категория'];
      const worked = Number(
        sheetRows.find((t) => String(t['Сотрудник (Таб. №)']) === String(tabNo))!['Отработано дней'],
      );
      const planned = kopecks(
        plans.find((p) => String(p['Сотрудник (Таб. №)']) === String(tabNo))!['План продаж, руб.'],
      );
      let base: number;
      let planBonus: number;
      if (category === 'I категория' || category === 'II категория') {
        base = halfUp((category === 'I категория' ? kopecks(20_000) : kopecks(12_000)) * worked, NORM);
        const sales = marchSales(person['Email']);
        const percent = sales < planned ? 3 : sales === planned ? 4 : 5;
        planBonus = halfUp(sales * percent, 100);
      } else if (category === 'Испытательный срок') {
        // hired on 18 March for three months: the whole of March is probation, and it earns no plan bonus
        base = worked * kopecks(1_000);
        planBonus = 0;
        expect(kop(r, 14)).toBe(0);
      } else continue;
      const kpi = kop(r, 14);
      const topup = Math.max(0, halfUp(MROT * worked, NORM) - (base + planBonus + kpi));
      expect({ tabNo, base: kop(r, 8), planBonus: kop(r, 13), topup: kop(r, 15), accrued: kop(r, 17) }).toEqual({
        tabNo,
        base,
        planBonus,
        topup,
        accrued: base + planBonus + kpi + topup + kop(r, 16),
      });
      expect(kop(r, 21)).toBe(kop(r, 17) - kop(r, 18) - kop(r, 19) - kop(r, 20));
      checked.push(String(category));
    }
    // both оклады and the probation day rate were worked through
    expect(new Set(checked)).toEqual(new Set(['I категория', 'II категория', 'Испытательный срок']));
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
    const large = computeCalls(100, 1000);
    // column widths follow what the columns hold (larger amounts, wider columns), so neighbouring
    // columns of one width group differently with the data: one call per group, never more than
    // one per column (22 visible, the hidden helpers as one group), whatever the number of rows
    const widths = (calls: Record<string, number>) => calls['Sheet.setColumnWidths'];
    const withoutWidths = ({ 'Sheet.setColumnWidths': _, ...rest }: Record<string, number>) => rest;
    expect(withoutWidths(large)).toEqual(withoutWidths(small));
    expect(withoutWidths(computeCalls(10, 20000))).toEqual(withoutWidths(small));
    for (const calls of [small, large]) expect(widths(calls)).toBeLessThanOrEqual(23);
    // each source tab and the closed months' tab are read once; the tab is written in one call per kind of content
    expect(small['Sheet.getDataRange']).toBe(7);
    // the ведомость; «Журнал» (new in this workbook): its header, then the entry appended as one row
    expect(small['Range.setValues']).toBe(2);
    expect(small['Sheet.appendRow']).toBe(1);
    // the mark of the calculation and its «Журнал» row share one hold of the lock
    expect(small['Lock.waitLock']).toBe(1);
    // within 1.3 times the itemised minimum
    const total = Object.values(small).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1.3 * PAYROLL_MINIMUM.reduce((a, [, n]) => a + n, 0));
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
    // written, renamed and flushed once: each computed column's function runs once
    expect(small.compute).toBe(small.recalc);
  }, 120_000);
});

/**
 * Every formula of the payroll tab, evaluated by the local formula engine (HyperFormula, with
 * Sheets' binary arithmetic) over the add-on's custom functions, equals the value the payroll
 * engine computed for that cell, to the kopeck: random staff of every category and month shape
 * (probation all month or ending inside it, «Без категории», weekend work, аванс and a final
 * payment in the next year, child deductions, large and small amounts, half-kopeck products).
 */
import fc from 'fast-check';
import { addMonths, monthKey, type YearMonth } from '../../src/domain/calendar';
import { rublesToKopecks } from '../../src/domain/money';
import type { DealRecord, PlanRecord, StaffRecord, TimesheetRecord, YearToDate } from '../../src/domain/payroll/inputs';
import { computeMonthPayroll } from '../../src/domain/payroll/month';
import { ndflOnBase } from '../../src/domain/payroll/ndfl';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { buildPayrollSheetPlan, type PlanCell } from '../../src/server/payroll/payroll-sheet-plan';
import { evaluatePlan } from './evaluate-plan';

const ROWS_PER_RUN = 2_500;
const RUNS = 4;

type Kind = 'I' | 'II' | 'none' | 'probationAllMonth' | 'probationEnds';

interface Employee {
  kind: Kind;
  daysShare: number;
  holidayDays: number;
  advanceShare: number;
  deals: number[];
  planShape: 'under' | 'met' | 'over' | 'none';
  deduction: number;
  children: number;
  disabled: number;
  soleParent: boolean;
  quality: number;
  ytdIncome: number;
  ytdDeductions: number;
  /** tax owed but not withheld in earlier months (whole rubles), so that the 50 % limit binds */
  ytdShortRubles: number;
  probationEndDay: number;
  advanceDated: boolean;
  paidNextMonth: boolean;
}

// kopecks that are half a kopeck at 3 %, 4 % or 5 % (200 011,50 × 3 % = 6 000,345), small and large amounts
const amount = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000 }),
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 100_000_000, max: 1_000_000_000 }),
  fc.integer({ min: 1, max: 50_000_000 }).map((k) => k * 2 + 1),
  fc.constant(20_001_150),
);

const employee: fc.Arbitrary<Employee> = fc.record({
  kind: fc.constantFrom<Kind>('I', 'II', 'none', 'probationAllMonth', 'probationEnds'),
  daysShare: fc.double({ min: 0, max: 1, noNaN: true }),
  holidayDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
  advanceShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.45, noNaN: true })),
  deals: fc.array(amount, { maxLength: 3 }),
  planShape: fc.oneof(
    { arbitrary: fc.constantFrom<Employee['planShape']>('under', 'met', 'over'), weight: 12 },
    { arbitrary: fc.constant<Employee['planShape']>('none'), weight: 1 },
  ),
  deduction: fc.constantFrom(0, 50_000, 300_000, 12_345),
  children: fc.integer({ min: 0, max: 4 }),
  disabled: fc.integer({ min: 0, max: 2 }),
  soleParent: fc.boolean(),
  quality: fc.double({ min: 0, max: 1, noNaN: true }),
  ytdIncome: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 6_000_000_000 }),
    fc.integer({ min: 0, max: 60_000_000 }),
  ),
  ytdDeductions: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000 })),
  ytdShortRubles: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 50_000 }), weight: 1 },
  ),
  probationEndDay: fc.integer({ min: 1, max: 27 }),
  advanceDated: fc.boolean(),
  paidNextMonth: fc.boolean(),
});

const runSettings: fc.Arbitrary<Settings> = fc
  .record({
    rates: fc.constantFrom([0.03, 0.04, 0.05], [0.035, 0.045, 0.055], [0.0325, 0.04, 0.0575]),
    threshold: fc.constantFrom(1, 1.1, 1.25),
    none: fc.constantFrom(1_500_055, 1_000_000),
    probationPlanBonus: fc.boolean(),
    noCategoryBonuses: fc.boolean(),
    multiplier: fc.constantFrom(2, 2.5),
    modes: fc.array(fc.constantFrom<'threshold' | 'proportional'>('threshold', 'proportional'), {
      minLength: 5,
      maxLength: 5,
    }),
    percents: fc.array(fc.constantFrom(0.05, 0.07, 0.033, 0.125), { minLength: 5, maxLength: 5 }),
    cap: fc.constantFrom(1.5, 1.2, 2),
  })
  .map((r) => {
    const s = defaultSettings();
    s.planRates = { under: r.rates[0], met: r.rates[1], over: r.rates[2] };
    s.overThreshold = r.threshold;
    s.salaries = { ...s.salaries, none: r.none };
    s.probationPlanBonus = r.probationPlanBonus;
    s.noCategoryBonuses = r.noCategoryBonuses;
    s.holidayPayMultiplier = r.multiplier;
    s.kpiCap = r.cap;
    s.kpis = s.kpis.map((k, i) => ({ ...k, mode: r.modes[i], percent: r.percents[i] }));
    return s;
  });

/** 1-based column number to letters: 1 → A, 27 → AA. */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MONTHS: YearMonth[] = [
  { year: 2026, month: 1 },
  { year: 2026, month: 3 },
  { year: 2026, month: 5 },
  { year: 2026, month: 12 },
];
const NORMS: Record<string, number> = { '2026-01': 15, '2026-03': 21, '2026-05': 19, '2026-12': 22 };

function inputsOf(month: YearMonth, employees: Employee[]) {
  const key = monthKey(month);
  const norm = NORMS[key];
  const staff: StaffRecord[] = [];
  const timesheet: TimesheetRecord[] = [];
  const plans: PlanRecord[] = [];
  const deals: DealRecord[] = [];
  const yearToDate: Record<string, YearToDate> = {};
  employees.forEach((e, i) => {
    const tabNo = String(1000 + i);
    const email = `s${tabNo}@example.ru`;
    const before2 = addMonths(month, -2);
    const before1 = addMonths(month, -1);
    const category =
      e.kind === 'I'
        ? 'I категория'
        : e.kind === 'II' || e.kind === 'probationEnds'
          ? 'II категория'
          : e.kind === 'none'
            ? 'Без категории'
            : 'Испытательный срок';
    // probation ending inside the month: hired two months before, on the day after the end
    const hireDate =
      e.kind === 'probationEnds'
        ? new Date(before2.year, before2.month - 1, e.probationEndDay + 1)
        : e.kind === 'probationAllMonth'
          ? new Date(before1.year, before1.month - 1, 1)
          : new Date(2024, 0, 10);
    staff.push({
      tabNo,
      name: `Сотрудник ${tabNo}`,
      email,
      position: 'Специалист по работе с клиентами',
      category,
      hireDate,
      probationMonths: e.kind === 'probationEnds' ? 2 : e.kind === 'probationAllMonth' ? 3 : 0,
      education: 'Высшее',
      experienceYearsBefore: 0,
      categoryDate: null,
      monthlyDeduction: e.deduction,
      dismissalDate: null,
      children: { children: e.children, disabled: Math.min(e.disabled, e.children), soleParent: e.soleParent },
    });
    const daysWorked = Math.round(e.daysShare * norm);
    // the аванс stays below the least the month can pay (МРОТ × days / norm)
    const advance = Math.floor(((2_709_300 * daysWorked) / norm) * e.advanceShare);
    const next = addMonths(month, 1);
    timesheet.push({
      month: key,
      tabNo,
      daysWorked,
      advance,
      holidayDays: e.holidayDays,
      advanceDate: e.advanceDated ? new Date(month.year, month.month - 1, 15) : null,
      paymentDate: e.paidNextMonth ? new Date(next.year, next.month - 1, 5) : null,
    });
    const sales = e.deals.reduce((a, b) => a + b, 0);
    const plan =
      e.planShape === 'none'
        ? null
        : e.planShape === 'met'
          ? Math.max(1, sales)
          : e.planShape === 'under'
            ? sales * 2 + 100
            : Math.max(1, Math.floor(sales / 2));
    plans.push({
      month: key,
      tabNo,
      plan,
      kpiTargets: {},
      kpiFacts: { 'Качество обслуживания': e.quality },
    });
    e.deals.forEach((value, j) => {
      deals.push({
        id: `С-${tabNo}-${j}`,
        clientId: `К-${tabNo}-${j}`,
        responsible: email,
        stage: 'Договор заключён',
        stageDate: null,
        contractDate: new Date(month.year, month.month - 1, 1 + ((j * 11 + i) % 28)),
        contractAmount: value,
        cost: Math.floor(value / 3),
        paymentDate: null,
      });
    });
    yearToDate[tabNo] = {
      income: e.ytdIncome,
      deductions: e.ytdDeductions,
      // what closed months leave: the tax on the base so far, or less when some was left unwithheld
      tax: Math.max(0, ndflOnBase(e.ytdIncome - e.ytdDeductions) - e.ytdShortRubles * 100),
    };
  });
  return { staff, timesheet, plans, deals, yearToDate };
}

describe('the payroll tab’s formulas equal the engine', () => {
  it(`for ${RUNS * ROWS_PER_RUN} random rows of every category and month shape`, () => {
    let checkedRows = 0;
    let checkedCells = 0;
    let checkedSums = 0;
    let limitedRows = 0;
    const kinds = new Set<string>();
    const mismatches: string[] = [];
    fc.assert(
      fc.property(
        fc.constantFrom(...MONTHS),
        runSettings,
        fc.array(employee, { minLength: ROWS_PER_RUN, maxLength: ROWS_PER_RUN }),
        (month, settings, employees) => {
          const inputs = inputsOf(month, employees);
          const payroll = computeMonthPayroll({ month, settings, claims: [], ...inputs });
          const { plan } = buildPayrollSheetPlan({
            payroll,
            settings,
            staff: inputs.staff,
            today: new Date(2026, 11, 1),
          });
          // The totals row is plain SUMs of the lines, compared inside the formula engine on their
          // full doubles: =ROUND(sum×100) − the engine's kopecks must be 0, and sum×100 − kopecks
          // within 0,001 kopeck (no binary noise that a later rounding could turn into a kopeck).
          const sums: Array<{ r: number; c: number; kopecks: number }> = [];
          plan.values.forEach((row, r) =>
            row.forEach((v, c) => {
              const expected = plan.computedValues![r][c];
              if (typeof v === 'string' && v.startsWith('=SUM(') && typeof expected === 'number') {
                sums.push({ r, c, kopecks: rublesToKopecks(expected) });
              }
            }),
          );
          const at = (r: number, c: number) => `${columnName(c + 1)}${r + 1}`;
          const checks: PlanCell[] = sums.flatMap(({ r, c, kopecks }) => [
            `=ROUND(${at(r, c)}*100)-${kopecks}`,
            `=${at(r, c)}*100-${kopecks}`,
          ]);
          const { rows, customCalls } = evaluatePlan(plan.values, [checks]);
          // one custom-function execution per computed column, whatever the number of rows
          expect(customCalls).toBeLessThanOrEqual(12);
          const checkRow = rows[plan.values.length] ?? [];
          sums.forEach(({ r, c, kopecks }, i) => {
            const exact = checkRow[2 * i]?.value;
            const noise = checkRow[2 * i + 1]?.value;
            const same = exact === 0 && typeof noise === 'number' && Math.abs(noise) < 1e-3;
            if (!same && mismatches.length < 5) {
              mismatches.push(
                `${at(r, c)} ${String(plan.values[r][c])}: off by ${String(exact)} kopecks, engine ${kopecks}`,
              );
            }
            checkedSums++;
          });
          plan.values.forEach((row, r) =>
            row.forEach((v, c) => {
              const expected = plan.computedValues![r][c];
              // formula cells, and the cells an array formula fills
              if (expected === null || typeof v !== 'string' || !(v === '' || v.startsWith('='))) return;
              if (v.startsWith('=SUM(')) return;
              const cell = rows[r]?.[c];
              const got = cell?.value;
              // the same kopeck, and no binary noise that could turn into another kopeck later
              const same =
                cell?.error === undefined &&
                (expected === ''
                  ? got === '' || got === null || got === undefined
                  : typeof expected === 'number'
                    ? typeof got === 'number' &&
                      rublesToKopecks(got) === rublesToKopecks(expected) &&
                      Math.abs(got - expected) < 1e-6
                    : got === expected);
              if (!same && mismatches.length < 5) {
                mismatches.push(`${r + 1}:${c + 1} ${v} = ${String(got)} ${cell?.error ?? ''}, engine ${expected}`);
              }
              checkedCells++;
            }),
          );
          expect(mismatches).toEqual([]);
          for (const row of payroll.rows) {
            if (!row.ok) continue;
            checkedRows++;
            if (row.lines.ndflUnwithheld > 0) limitedRows++;
            kinds.add(row.lines.categoryLabel.replace(/\(.*\)/, '(до …)'));
          }
        },
      ),
      { numRuns: RUNS, endOnFailure: true, seed: 42 },
    );
    expect(checkedRows).toBeGreaterThanOrEqual(RUNS * ROWS_PER_RUN * 0.8);
    expect(checkedCells).toBeGreaterThan(checkedRows * 10);
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    // every run's totals row: the 11 summed columns
    expect(checkedSums).toBe(RUNS * 11);
    // the 50 % limit of НК ст. 226 п. 4 binds on some rows
    expect(limitedRows).toBeGreaterThan(RUNS * 10);
  }, 300_000);
});

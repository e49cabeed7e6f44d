/**
 * Worked examples, each computed by hand: НДФЛ by payment date under the 2026 law, child
 * deductions, months not closed, probation and categories, KPI_BONUS shapes, weekend work,
 * dismissal and traceability. docs/payroll-rules.md shows the same examples with the same results.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kpiBonusCells } from '../../../src/functions/pay';
import { planBonusCells } from '../../../src/functions/plan';
import type { PaidMonth, StaffRecord, YearToDate } from '../../../src/domain/payroll/inputs';
import {
  computeMonthPayroll,
  computeMonthWithHistory,
  type MonthPayrollInput,
  type PayrollLines,
  type PayrollRow,
} from '../../../src/domain/payroll/month';
import { childDeduction } from '../../../src/domain/payroll/ndfl';
import { defaultSettings, type Settings } from '../../../src/domain/settings';
import {
  buildPayrollSheetPlan,
  HELPER_HEADERS,
  valuesWithFormulaNotes,
} from '../../../src/server/payroll/payroll-sheet-plan';
import { buildPayslipPlan } from '../../../src/server/payroll/payslips';
import { yearToDateOf } from '../../../src/domain/payroll/tax-year';
import { d, deal, person, plan, rub, timesheet } from './fixtures/month-fixture';

const DOCS = readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'payroll-rules.md'), 'utf8');

/** The docs show this result in bold, as «**6 000,35**». */
function documented(rubles: string): void {
  expect(DOCS).toContain(`**${rubles}**`);
}

function noKpi(extra: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), kpis: [], ...extra };
}

function month(
  ym: string,
  staff: StaffRecord[],
  extra: Partial<MonthPayrollInput> & { ytd?: Record<string, YearToDate> } = {},
): MonthPayrollInput {
  const [year, m] = ym.split('-').map(Number);
  return {
    month: { year, month: m },
    staff,
    timesheet: [],
    plans: [],
    deals: [],
    claims: [],
    settings: noKpi(),
    yearToDate: extra.ytd ?? {},
    ...extra,
  };
}

function ok(row: PayrollRow): PayrollLines {
  if (!row.ok) throw new Error(row.error);
  return row.lines;
}

function error(row: PayrollRow): { reason: string; error: string } {
  if (row.ok) throw new Error(`row ${row.tabNo} was computed`);
  return { reason: row.reason, error: row.error };
}

describe('НДФЛ is never negative (НК ст. 226 п. 3)', () => {
  it('one day worked in December: the deduction exceeds the income, nothing is withheld', () => {
    // II категория, 1 day of 22: 12 000 / 22 = 545,45, top-up to 27 093 / 22 = 1 231,50.
    // Before December: income 300 000, deductions 15 400, НДФЛ 13 % × 284 600 = 36 998.
    // Base 300 000 + 1 231,50 − 15 400 − 1 400 = 284 431,50 → tax 36 976; 36 976 − 36 998 = −22 → 0.
    const a = person('1', { monthlyDeduction: rub(1_400) });
    const lines = ok(
      computeMonthPayroll(
        month('2026-12', [a], {
          timesheet: [timesheet('2026-12', '1', 1)],
          plans: [plan('2026-12', '1', 100_000)],
          ytd: { '1': { income: rub(300_000), deductions: rub(15_400), tax: rub(36_998) } },
        }),
      ).rows[0],
    );
    expect(lines.accrued).toBe(rub(1_231.5));
    expect(lines.ndfl).toBe(0);
    expect(lines.toPay).toBe(rub(1_231.5));
    expect(lines.toPay).toBeLessThanOrEqual(lines.accrued);
  });
});

describe('child deductions (НК ст. 218 п. 1 пп. 4)', () => {
  it('are 1 400, 2 800, 6 000 by order, 12 000 more for a disabled child, doubled for a sole parent', () => {
    expect(childDeduction({ children: 1, disabled: 0, soleParent: false })).toBe(rub(1_400));
    // three children, the third disabled: 1 400 + 2 800 + 6 000 + 12 000 = 22 200
    expect(childDeduction({ children: 3, disabled: 1, soleParent: false })).toBe(rub(22_200));
    expect(childDeduction({ children: 3, disabled: 1, soleParent: true })).toBe(rub(44_400));
    documented('22 200');
  });

  it('are given in November at 440 000 since January, and stop in December at 480 000', () => {
    // I категория, 20 000 + 5 % × 400 000 (plan 300 000) = 40 000 a month; one child.
    const a = person('1', { category: 'I категория', children: { children: 1, disabled: 0, soleParent: false } });
    const input = (ym: string, ytd: YearToDate) =>
      month(ym, [a], {
        timesheet: [timesheet(ym, '1', ym === '2026-11' ? 20 : 22)],
        plans: [plan(ym, '1', 300_000)],
        deals: [deal(a.email, 'К-1', `${ym}-10`, 400_000, 100_000)],
        ytd: { '1': ytd },
      });
    // November: 400 000 + 40 000 = 440 000 ≤ 450 000 → 1 400; base 440 000 − 15 400 = 424 600 → 55 198;
    // 55 198 − 50 180 (13 % × 386 000) = 5 018
    const november = ok(
      computeMonthPayroll(input('2026-11', { income: rub(400_000), deductions: rub(14_000), tax: rub(50_180) }))
        .rows[0],
    );
    expect([november.accrued, november.childDeduction, november.ndfl]).toEqual([rub(40_000), rub(1_400), rub(5_018)]);
    // December: 480 000 > 450 000 → none; base 480 000 − 15 400 = 464 600 → 60 398; − 55 198 = 5 200
    const december = ok(
      computeMonthPayroll(input('2026-12', { income: rub(440_000), deductions: rub(15_400), tax: rub(55_198) }))
        .rows[0],
    );
    expect([december.childDeduction, december.ndfl]).toEqual([0, rub(5_200)]);
    documented('5 200');
  });
});

describe('НДФЛ by payment date (НК ст. 223 п. 1 пп. 1, ст. 226 п. 4)', () => {
  it('taxes the аванс at its date and a December rest paid in January in the next year', () => {
    // I категория: 20 000 + 5 % × 250 000 = 32 500; аванс 10 000 paid 15.12.2026, the rest 12.01.2027.
    // 2026 before: income 2 390 000, НДФЛ 310 700. Аванс: tax(2 400 000) = 312 000 − 310 700 = 1 300.
    // The rest, 22 500, is 2027 income: 13 % = 2 925. Paid: аванс 8 700, then 32 500 − 1 300 − 2 925 − 8 700 = 19 575.
    const a = person('1', { category: 'I категория' });
    const input = month('2026-12', [a], {
      timesheet: [
        {
          ...timesheet('2026-12', '1', 22, 10_000),
          advanceDate: d('2026-12-15'),
          paymentDate: d('2027-01-12'),
        },
      ],
      plans: [plan('2026-12', '1', 200_000)],
      deals: [deal(a.email, 'К-1', '2026-12-03', 250_000, 100_000)],
      ytd: { '1': { income: rub(2_390_000), deductions: 0, tax: rub(310_700) } },
    });
    const payroll = computeMonthPayroll(input);
    const lines = ok(payroll.rows[0]);
    expect(lines.accrued).toBe(rub(32_500));
    expect([lines.ndflAdvance, lines.ndflFinal, lines.advancePaid, lines.toPay]).toEqual([
      rub(1_300),
      rub(2_925),
      rub(8_700),
      rub(19_575),
    ]);
    expect([lines.advancePayment.year, lines.finalPayment.year]).toEqual([2026, 2027]);
    documented('19 575');

    // the tab shows both withholdings and both dates
    const { plan: tab, layout } = buildPayrollSheetPlan({
      payroll,
      settings: input.settings,
      staff: [a],
      today: d('2026-12-20'),
    });
    const header = tab.values[layout.headerRow - 1];
    const row = tab.values[layout.firstDataRow - 1];
    const at = (h: string) => row[header.indexOf(h)];
    const text = (h: string) => String(at(h)).replace(/^'/, '');
    expect([text(HELPER_HEADERS.advanceDate), text(HELPER_HEADERS.paymentDate)]).toEqual(['15.12.2026', '12.01.2027']);
    expect(tab.computedValues![layout.firstDataRow - 1][header.indexOf('НДФЛ с аванса')]).toBe(1300);
    expect(tab.computedValues![layout.firstDataRow - 1][header.indexOf('НДФЛ при окончательном расчёте')]).toBe(2925);
  });
});

describe('months of the year not closed (НК ст. 226 п. 3)', () => {
  const a = person('1');
  const zero = (m: string): PaidMonth => ({
    month: m,
    tabNo: '1',
    income: 0,
    advance: 0,
    advanceDate: null,
    paymentDate: null,
    deductions: 0,
    advanceTax: 0,
    tax: 0,
  });
  const closed = ['2026-01', '2026-02', '2026-03'].map(zero);
  const may = (withApril: boolean) =>
    month('2026-05', [a], {
      timesheet: [timesheet('2026-05', '1', 19), ...(withApril ? [timesheet('2026-04', '1', 22)] : [])],
      plans: [plan('2026-05', '1', 100_000), plan('2026-04', '1', 100_000)],
      deals: [deal(a.email, 'К-1', '2026-04-10', 100_000, 50_000), deal(a.email, 'К-2', '2026-05-12', 100_000, 50_000)],
    });

  it('name the missing month instead of taking it as zero', () => {
    const row = computeMonthWithHistory(may(false), closed).rows[0];
    expect(error(row)).toEqual({
      reason: 'missingMonths',
      error: expect.stringContaining('месяц 2026-04 не закрыт и не рассчитан: закройте его'),
    });
  });

  it('are computed from the workbook and marked: April’s 27 093 counts in May’s income since January', () => {
    // April: 12 000 + 4 % × 100 000 + top-up 11 093 = 27 093 (НДФЛ 3 522), not closed.
    const lines = ok(computeMonthWithHistory(may(true), closed).rows[0]);
    expect(lines.estimatedMonths).toEqual(['2026-04']);
    expect(lines.finalPayment.incomeBefore).toBe(rub(27_093));
    expect(lines.finalPayment.taxBefore).toBe(rub(3_522));
  });
});

describe('probation and categories', () => {
  const withNone = noKpi({ salaries: { ...defaultSettings().salaries, none: rub(15_000) } });
  // hired 16.01.2026 for 2 months: probation to 15.03.2026
  const b = person('2', { category: 'Испытательный срок', hireDate: d('2026-01-16'), probationMonths: 2 });

  it('the month the term ends is an error naming the fix, with the probation days worked out', () => {
    // working days 1–15 March 2026: 2–6, 10–13 (9 March a holiday) = 9 → 9 × 1 000 = 9 000
    const row = computeMonthPayroll(
      month('2026-03', [b], {
        settings: withNone,
        timesheet: [timesheet('2026-03', '2', 21)],
        plans: [plan('2026-03', '2', 100_000)],
      }),
    ).rows[0];
    const { reason, error: text } = error(row);
    expect(reason).toBe('category');
    expect(text).toContain('закончился 15.03.2026');
    expect(text).toContain('категорию, присвоенную после него');
    expect(text.replace(/\u00a0/g, ' ')).toContain('9 × 1 000,00 = 9 000,00 руб.');
  });

  it('the next month is the same error', () => {
    const row = computeMonthPayroll(
      month('2026-04', [b], { settings: withNone, timesheet: [timesheet('2026-04', '2', 22)] }),
    ).rows[0];
    expect(error(row).reason).toBe('category');
  });

  it('a month wholly on probation shows no plan rate and says why', () => {
    const c = person('3', { category: 'Испытательный срок', hireDate: d('2026-03-02'), probationMonths: 3 });
    const input = month('2026-03', [c], {
      timesheet: [timesheet('2026-03', '3', 21)],
      plans: [plan('2026-03', '3', 100_000)],
      deals: [deal(c.email, 'К-1', '2026-03-10', 50_000, 10_000)],
    });
    const payroll = computeMonthPayroll(input);
    const lines = ok(payroll.rows[0]);
    expect([lines.rate, lines.planBonus]).toEqual([null, 0]);
    expect(lines.noBonusReason).toContain('п. 6.1');
    const { plan: tab, layout } = buildPayrollSheetPlan({
      payroll,
      settings: input.settings,
      staff: [c],
      today: d('2026-04-01'),
    });
    const header = tab.values[layout.headerRow - 1];
    // no plan for this row («План для премии» is empty): no rate, and, the only row, no PLAN_RATE over
    // one blank cell (that is an error in a single cell): the cell is blank
    expect(tab.values[layout.firstDataRow - 1][header.indexOf('Ставка')]).toBe('');
    expect(tab.values[layout.firstDataRow - 1][header.indexOf(HELPER_HEADERS.bonusPlan)]).toBe('');
  });

  it('«Без категории» earns no plan bonus and no KPI unless the setting says so', () => {
    const e = person('5', { category: 'Без категории' });
    const input = (settings: Settings) =>
      month('2026-03', [e], {
        settings,
        timesheet: [timesheet('2026-03', '5', 21)],
        plans: [plan('2026-03', '5', 100_000)],
        deals: [deal(e.email, 'К-1', '2026-03-10', 150_000, 10_000)],
      });
    const byDefault = ok(computeMonthPayroll(input(withNone)).rows[0]);
    expect([byDefault.rate, byDefault.planBonus, byDefault.kpiBonus]).toEqual([null, 0, 0]);
    expect(byDefault.noBonusReason).toContain('п. 6.2, 6.3');
    // with the setting: 5 % × 150 000 = 7 500
    const paid = ok(computeMonthPayroll(input({ ...withNone, noCategoryBonuses: true })).rows[0]);
    expect(paid.planBonus).toBe(rub(7_500));
  });
});

describe('KPI_BONUS shapes', () => {
  it('reads one employee’s KPI as a column: 12 000 × (5 % + 5 %) = 1 200', () => {
    expect(kpiBonusCells(12000, [[3], [0.9], [0.2]], [[2], [0.8], [0.3]], [[5], [5], [5]])).toBe(1200);
    documented('1 200');
  });

  it('refuses a block it cannot read for one salary, never dropping a KPI', () => {
    expect(() =>
      kpiBonusCells(
        12000,
        [
          [3, 1],
          [0.9, 1],
        ],
        [[2, 1]],
        [[5, 5]],
      ),
    ).toThrow('для одного оклада нужна одна строка или один столбец');
  });

  it('pays a proportional KPI from its real target: 20 000 × 10 % × 3 / 4 = 1 500', () => {
    expect(kpiBonusCells(20000, [[3]], [[4]], [[10]], [['пропорционально']])).toBe(1500);
  });
});

describe('work beyond the norm and dismissal (ТК ст. 153)', () => {
  it('pays 2 weekend days double, outside the МРОТ comparison: 12 000 × 2 × 2 / 21 = 2 285,71', () => {
    const a = person('1');
    const lines = ok(
      computeMonthPayroll(
        month('2026-03', [a], {
          timesheet: [{ ...timesheet('2026-03', '1', 21), holidayDays: 2 }],
          plans: [plan('2026-03', '1', 100_000)],
          deals: [deal(a.email, 'К-1', '2026-03-10', 100_000, 10_000)],
        }),
      ).rows[0],
    );
    // 12 000 + 4 000 + top-up 11 093 = 27 093, plus 2 285,71 = 29 378,71
    expect([lines.mrotTopup, lines.holidayPay, lines.accrued]).toEqual([rub(11_093), rub(2_285.71), rub(29_378.71)]);
    documented('29 378,71');
  });

  it('days above the norm point to the weekend column', () => {
    const row = computeMonthPayroll(
      month('2026-03', [person('1')], {
        timesheet: [timesheet('2026-03', '1', 23)],
        plans: [plan('2026-03', '1', 100_000)],
      }),
    ).rows[0];
    expect(error(row).error).toContain('«Дней в выходные и праздники»');
  });

  it('a timesheet row after the dismissal is an error row, not dropped', () => {
    const gone = person('8', { dismissalDate: d('2026-02-20') });
    const rows = computeMonthPayroll(month('2026-03', [gone], { timesheet: [timesheet('2026-03', '8', 10)] })).rows;
    expect(rows).toHaveLength(1);
    expect(error(rows[0])).toEqual({ reason: 'dismissed', error: expect.stringContaining('уволен 20.02.2026') });
  });
});

describe('traceability', () => {
  it('a proportional KPI prints its target and is computed from the parameters block, no float literal', () => {
    const a = person('1');
    const settings: Settings = {
      ...defaultSettings(),
      kpis: [{ name: 'Новые клиенты', measure: 'newClients', defaultTarget: 2, percent: 0.07, mode: 'proportional' }],
    };
    const input = month('2026-03', [a], {
      settings,
      timesheet: [timesheet('2026-03', '1', 21)],
      plans: [plan('2026-03', '1', 100_000)],
      deals: [deal(a.email, 'К-1', '2026-03-10', 100_000, 10_000)],
    });
    const payroll = computeMonthPayroll(input);
    // one new client of 2: 12 000 × 7 % × 1/2 = 420
    expect(ok(payroll.rows[0]).kpiBonus).toBe(rub(420));
    const { plan: tab, layout } = buildPayrollSheetPlan({ payroll, settings, staff: [a], today: d('2026-04-01') });
    const header = tab.values[layout.headerRow - 1];
    const row = tab.values[layout.firstDataRow - 1];
    expect(row[header.indexOf('Цель: Новые клиенты')]).toBe(2);
    const formula = String(row[header.indexOf('Премия KPI')]);
    expect(formula).toMatch(/^=KPI_BONUS\(.*\$[A-Z]+\$\d+:\$[A-Z]+\$\d+,\$[A-Z]+\$\d+:\$[A-Z]+\$\d+,\$[A-Z]+\$\d+\)$/);
    expect(formula).not.toContain('{');
  });

  it('the split month’s bonus counts sales by the chosen date after the term, as the docs say', () => {
    // salesBy «оплаты»: a contract of 10 March paid on 20 March is a sale after probation (to 15 March)
    const b = person('2', { hireDate: d('2026-01-16'), probationMonths: 2 });
    const paid = { ...deal(b.email, 'К-1', '2026-03-10', 50_000, 10_000), paymentDate: d('2026-03-20') };
    const lines = ok(
      computeMonthPayroll(
        month('2026-03', [b], {
          settings: noKpi({ salesBy: 'payment' }),
          timesheet: [timesheet('2026-03', '2', 21)],
          plans: [plan('2026-03', '2', 100_000)],
          deals: [paid],
        }),
      ).rows[0],
    );
    expect(lines.bonusSales).toBe(rub(50_000));
    expect(DOCS).toContain('по выбранной в настройках дате (договора или оплаты) после последнего дня срока');
  });

  it('PLAN_BONUS rounds 3 % of 200 011,50 half-up: 6 000,345 → 6 000,35', () => {
    expect(planBonusCells(300000, 400000, '', '', 200011.5)).toBe(6000.35);
    documented('6 000,35');
  });
});

describe('what closed months leave for the next year', () => {
  it('a December rest paid in January is income of January’s year; December’s deduction stays in December’s', () => {
    // December 2026: 32 500 accrued, аванс 10 000 on 15.12.2026 (НДФЛ 1 300), the rest on 12.01.2027 (2 925)
    const december: PaidMonth = {
      month: '2026-12',
      tabNo: '1',
      income: rub(32_500),
      advance: rub(10_000),
      advanceDate: d('2026-12-15'),
      paymentDate: d('2027-01-12'),
      deductions: rub(1_400),
      advanceTax: rub(1_300),
      tax: rub(4_225),
    };
    expect(yearToDateOf([december], '1', 2027, { year: 2027, month: 1 })).toEqual({
      income: rub(22_500),
      deductions: 0,
      tax: rub(2_925),
    });
    expect(yearToDateOf([december], '1', 2026, { year: 2027, month: 1 })).toEqual({
      income: rub(10_000),
      deductions: rub(1_400),
      tax: rub(1_300),
    });
  });
});

describe('the payslip of a probation month', () => {
  it('says why there is no plan bonus, from the ведомость', () => {
    const c = person('3', { category: 'Испытательный срок', hireDate: d('2026-03-02'), probationMonths: 3 });
    const input = month('2026-03', [c], {
      timesheet: [timesheet('2026-03', '3', 21)],
      plans: [plan('2026-03', '3', 100_000)],
    });
    const { plan: tab } = buildPayrollSheetPlan({
      payroll: computeMonthPayroll(input),
      settings: input.settings,
      staff: [c],
      today: d('2026-04-01'),
    });
    const values = valuesWithFormulaNotes(tab).values.map((row) =>
      row.map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v)),
    );
    const slip = buildPayslipPlan(values, input.month, 'ООО «Проект-А»', 'Зарплата 03.2026').plan.values;
    // a slip is one row: the kind, the amount and the basis on the same line of their cells
    const [kinds, amounts, bases] = slip[0].slice(1, 4).map((v) => String(v).replace(/^'/, '').split('\n'));
    const at = kinds.findIndex((k) => k.trim() === 'премия за план');
    expect(amounts[at]).toBe('0,00');
    expect(bases.slice(at).join(' ')).toContain(
      'на испытательном сроке премия за план не начисляется (п. 6.1 должностной инструкции)',
    );
  });
});

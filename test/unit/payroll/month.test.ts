import { computeMonthPayroll, type MonthPayrollInput, probationEndDate } from '../../../src/domain/payroll/month';
import { defaultSettings } from '../../../src/domain/settings';
import { claim, d, deal, lostDeal, person, plan, rub, timesheet } from './fixtures/month-fixture';

/**
 * April 2026, norm 22 working days.
 *  A (1): II категория, full month, plan 300 000.
 *  B (2): II категория after probation: hired 16.02.2026 for 2 months → probation to 15.04.2026.
 *  C (3): on probation all month (hired 06.04.2026 for 3 months), no plan.
 *  D (4): no plan; E (5): «Без категории» without an оклад; F (6): no timesheet.
 *  G: the director; H: dismissed in March — neither is on the payroll.
 */
function april(): MonthPayrollInput {
  const a = person('1', { monthlyDeduction: rub(1_400) });
  const b = person('2', { hireDate: d('2026-02-16'), probationMonths: 2, categoryDate: null });
  const c = person('3', { category: 'Испытательный срок', hireDate: d('2026-04-06'), probationMonths: 3 });
  return {
    month: { year: 2026, month: 4 },
    staff: [
      a,
      b,
      c,
      person('4'),
      person('5', { category: 'Без категории' }),
      person('6'),
      person('7', { position: 'Директор' }),
      person('8', { dismissalDate: d('2026-03-31') }),
    ],
    timesheet: [
      timesheet('2026-04', '1', 22, 10_000),
      timesheet('2026-04', '2', 22),
      timesheet('2026-04', '3', 18),
      timesheet('2026-04', '4', 22),
      timesheet('2026-04', '5', 22),
      timesheet('2026-03', '6', 21),
    ],
    plans: [plan('2026-04', '1', 300_000), plan('2026-04', '2', 100_000), plan('2026-04', '5', 100_000)],
    deals: [
      deal(a.email, 'К-1', '2026-01-15', 100_000, 80_000),
      deal(a.email, 'К-1', '2026-04-06', 200_000, 150_000),
      deal(a.email, 'К-2', '2026-04-20', 150_000, 100_000),
      lostDeal(a.email, 'К-3', '2026-04-22'),
      deal(b.email, 'К-4', '2026-04-10', 50_000, 40_000),
      deal(b.email.toUpperCase(), 'К-5', '2026-04-25', 100_000, 70_000),
    ],
    claims: [claim(b.email, '2026-04-10', 'В работе'), claim(a.email, '2026-04-10', 'Решена')],
    settings: defaultSettings(),
    yearToDate: {
      '1': { income: rub(90_000), deductions: rub(4_200), tax: rub(11_154) },
      '2': { income: rub(40_000), deductions: 0, tax: rub(5_200) },
    },
  };
}

function okRow(result: ReturnType<typeof computeMonthPayroll>, tabNo: string) {
  const row = result.rows.find((r) => r.tabNo === tabNo)!;
  if (!row.ok) throw new Error(row.error);
  return row.lines;
}

describe('the month payroll (domain 4, 5)', () => {
  // computed inside each test, so that a mutation testing run sees the code it runs
  let result: ReturnType<typeof computeMonthPayroll>;
  beforeEach(() => {
    result = computeMonthPayroll(april());
  });

  it('lists the specialists employed in the month, and no one else', () => {
    expect(result.norm).toBe(22);
    expect(result.rows.map((r) => r.tabNo)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('A: оклад, 5 % of sales over the plan, four KPI of five, no МРОТ top-up, НДФЛ since January', () => {
    const a = okRow(result, '1');
    expect(a).toMatchObject({ categoryLabel: 'II категория', salary: rub(12_000), norm: 22, daysWorked: 22 });
    expect(a.bySalary).toBe(rub(12_000));
    // sales 200 000 + 150 000 = 350 000 ÷ 300 000 = 116.7 % → 5 % → 17 500
    expect([a.sales, a.rate, a.planBonus]).toEqual([rub(350_000), 0.05, rub(17_500)]);
    // new clients: К-1 had its first contract in January → 1 < 2; quality 1 (the claim is solved);
    // conversion 2 won ÷ 3 closed; sales Feb–Apr 350 000 ÷ Nov–Jan 100 000 = 3.5; margin 100 000 ÷ 20 000 = 5
    expect(a.kpis.map((k) => [k.name, k.fact])).toEqual([
      ['Новые клиенты', 1],
      ['Качество обслуживания', 1],
      ['Конверсия воронки', 2 / 3],
      ['Рост продаж', 3.5],
      ['Рост маржи', 5],
    ]);
    // 12 000 × 4 × 5 % = 2 400
    expect(a.kpiBonus).toBe(rub(2_400));
    // 12 000 + 17 500 + 2 400 = 31 900 ≥ 27 093
    expect([a.mrotTopup, a.accrued]).toEqual([0, rub(31_900)]);
    // base 90 000 + 31 900 − 4 200 − 1 400 = 116 300 × 13 % = 15 119 − 11 154 = 3 965
    expect(a.ndfl).toBe(rub(3_965));
    // 31 900 − 3 965 − 10 000 = 17 935
    // the аванс of 10 000 carries its own НДФЛ: 13 % × (10 000 − 1 400 deduction) = 1 118, so it
    // is paid as 8 882; 31 900 − 3 965 − 8 882 = 19 053
    expect([a.advance, a.ndflAdvance, a.advancePaid, a.toPay]).toEqual([
      rub(10_000),
      rub(1_118),
      rub(8_882),
      rub(19_053),
    ]);
  });

  it('B: probation ends 15 April — 11 days at 1 000, 11 days of the оклад, plan bonus only on later sales', () => {
    expect(probationEndDate(d('2026-02-16'), 2)).toEqual(d('2026-04-15'));
    const b = okRow(result, '2');
    expect(b.categoryLabel).toBe('II категория (испытательный срок до 15.04.2026)');
    // 1–15 April: 11 working days × 1 000 = 11 000; 12 000 × 11 / 22 = 6 000
    expect([b.probationDays, b.byRate, b.salaryDays, b.bySalary]).toEqual([11, rub(11_000), 11, rub(6_000)]);
    // 150 000 ÷ 100 000 = 150 % → 5 %, paid on the 100 000 signed on 25 April: 5 000
    expect([b.sales, b.bonusSales, b.rate, b.planBonus]).toEqual([rub(150_000), rub(100_000), 0.05, rub(5_000)]);
    // KPI on «по окладу» 6 000: new clients 2 and conversion 1 met; an overdue claim fails quality → 6 000 × 10 % = 600
    expect(b.kpiBonus).toBe(rub(600));
    // 11 000 + 6 000 + 5 000 + 600 = 22 600; МРОТ 27 093 × 22 / 22 → top-up 4 493
    expect([b.mrotTopup, b.accrued]).toEqual([rub(4_493), rub(27_093)]);
    // (40 000 + 27 093) × 13 % = 8 722.09 → 8 722 − 5 200 = 3 522
    expect([b.ndfl, b.toPay]).toEqual([rub(3_522), rub(23_571)]);
  });

  it('C: on probation all month — day rate, no plan needed, МРОТ in proportion to the days worked', () => {
    const c = okRow(result, '3');
    expect(c.categoryLabel).toBe('Испытательный срок');
    expect([c.byRate, c.bySalary, c.plan, c.planBonus, c.kpiBonus]).toEqual([rub(18_000), 0, null, 0, 0]);
    // 27 093 × 18 / 22 = 487 674 / 22 = 22 167; top-up 22 167 − 18 000 = 4 167
    expect([c.mrotFloor, c.mrotTopup, c.accrued]).toEqual([rub(22_167), rub(4_167), rub(22_167)]);
    // 22 167 × 13 % = 2 881.71 → 2 882; 22 167 − 2 882 = 19 285
    expect([c.ndfl, c.toPay]).toEqual([rub(2_882), rub(19_285)]);
  });

  it('gives the reason for rows that cannot be computed', () => {
    const errors = result.rows.filter((r) => !r.ok).map((r) => (r.ok ? null : [r.tabNo, r.reason, r.error]));
    expect(errors).toEqual([
      ['4', 'noPlan', 'Не задан план продаж за 2026-04 для сотрудника с таб. № 4: заполните лист «Планы»'],
      ['5', 'unsetSalary', expect.stringContaining('Оклад без категории, руб.')],
      ['6', 'noTimesheet', 'Нет строки табеля за 2026-04 для сотрудника с таб. № 6: заполните лист «Табель»'],
    ]);
  });

  it('totals are the sums of the rounded lines of the computable rows', () => {
    // accrued 31 900 + 27 093 + 22 167; to pay 19 053 + 23 571 + 19 285
    expect(result.totals.accrued).toBe(rub(81_160));
    expect(result.totals.toPay).toBe(rub(61_909));
    expect(result.totals.ndfl).toBe(rub(3_965 + 3_522 + 2_882));
  });

  it('counts sales by payment date when the setting says so', () => {
    const input = april();
    input.settings.salesBy = 'payment';
    input.deals[1].paymentDate = d('2026-05-05');
    input.deals[2].paymentDate = d('2026-04-28');
    const a = okRow(computeMonthPayroll(input), '1');
    // only 150 000 paid in April: 50 % of 300 000 → 3 % → 4 500
    expect([a.sales, a.rate, a.planBonus]).toEqual([rub(150_000), 0.03, rub(4_500)]);
  });

  it('pays probation sales when the setting allows it', () => {
    const input = april();
    input.settings.probationPlanBonus = true;
    // B: 5 % of all 150 000 = 7 500
    expect(okRow(computeMonthPayroll(input), '2').planBonus).toBe(rub(7_500));
  });

  it('uses the month targets and director facts of «Планы»', () => {
    const input = april();
    input.plans = [
      plan('2026-04', '1', 300_000, {
        kpiTargets: { 'Новые клиенты': 1 },
        kpiFacts: { 'Качество обслуживания': 50 },
      }),
      ...input.plans.slice(1),
    ];
    const a = okRow(computeMonthPayroll(input), '1');
    // new clients 1 ≥ 1 now met; quality typed 50 (%) < 80 % not met: still four of five
    expect(a.kpis[0].target).toBe(1);
    expect(a.kpis[1].fact).toBe(0.5);
    expect(a.kpiBonus).toBe(rub(2_400));
  });

  it('marks every row when the year has no calendar', () => {
    const input = april();
    input.month = { year: 2027, month: 4 };
    input.timesheet = input.timesheet.map((t) => ({ ...t, month: '2027-04' }));
    const r = computeMonthPayroll(input);
    expect(r.norm).toBeNull();
    expect(r.rows.every((row) => !row.ok && row.reason === 'unknownYear')).toBe(true);
    expect(r.totals.accrued).toBe(0);
  });

  it('asks for the category when probation is over but «Категория» still says so', () => {
    const input = april();
    input.staff = [person('9', { category: 'ИС', hireDate: d('2026-01-12'), probationMonths: 2 })];
    input.timesheet = [timesheet('2026-04', '9', 22)];
    const row = computeMonthPayroll(input).rows[0];
    expect(row.ok ? null : row.error).toBe(
      'Испытательный срок сотрудника с таб. № 9 закончился 11.03.2026: укажите на листе «Сотрудники» категорию, ' +
        'присвоенную после него (I, II или «Без категории»)',
    );
  });
});

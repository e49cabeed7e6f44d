import fc from 'fast-check';
import { mrotFloor, mrotTopup } from '../../../src/domain/payroll/mrot';
import { computeMonthPayroll, TOTAL_KEYS } from '../../../src/domain/payroll/month';
import { monthNdfl } from '../../../src/domain/payroll/ndfl';
import { DEFAULT_PLAN_RATES, planBonus, planRate } from '../../../src/domain/payroll/plan-bonus';
import { defaultSettings } from '../../../src/domain/settings';
import { deal, person, plan, rub, timesheet } from './fixtures/month-fixture';

const kopecks = (max: number) => fc.integer({ min: 0, max });
const rates = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 1000))
  .map(([under, met, over]) => ({ under, met, over }));

/*
 * Oracles written from domain.md, not from the code under test: a defect shared by the engine and
 * its own helpers cannot show in a test that compares the engine with those helpers.
 */

/** n ÷ d rounded half-up, for non-negative integers (exact: BigInt). */
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/**
 * НДФЛ on a cumulative base (domain 4.5), band by band: 13 % of the part up to 2.4 млн, 15 % of
 * the part from 2.4 to 5 млн, 18 % to 20 млн, 20 % to 50 млн, 22 % above; then whole rubles
 * (under 50 kopecks dropped, 50 and more up). The engine instead adds a fixed sum to the top band.
 */
function oracleTaxOnBase(baseKopecks: number): number {
  if (baseKopecks <= 0) return 0;
  const edges = [0, 2_400_000, 5_000_000, 20_000_000, 50_000_000, Infinity];
  const percents = [13, 15, 18, 20, 22];
  let hundredthsOfKopeck = 0n;
  for (let i = 0; i < percents.length; i++) {
    const lo = edges[i] * 100;
    const hi = edges[i + 1] * 100;
    const part = Math.max(0, Math.min(baseKopecks, hi) - lo);
    hundredthsOfKopeck += BigInt(part) * BigInt(percents[i]);
  }
  return Number(halfUp(hundredthsOfKopeck, 10_000n)) * 100;
}

/** МРОТ × worked ÷ norm, half-up to the kopeck (domain 4.4). */
const oracleMrotFloor = (mrot: number, worked: number, norm: number) =>
  Number(halfUp(BigInt(mrot) * BigInt(worked), BigInt(norm)));

describe('payroll invariants', () => {
  it('the plan bonus never falls as sales grow (rates that do not fall)', () => {
    fc.assert(
      fc.property(kopecks(1e10), kopecks(1e10), fc.integer({ min: 1, max: 1e10 }), rates, (a, b, p, r) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(planBonus(low, p, r)).toBeLessThanOrEqual(planBonus(high, p, r));
      }),
    );
  });

  it('the rate is always one of the three', () => {
    fc.assert(
      fc.property(
        kopecks(1e10),
        fc.integer({ min: 1, max: 1e10 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (s, p, t) => {
          const r = planRate(s, p, DEFAULT_PLAN_RATES, t);
          expect([0.03, 0.04, 0.05]).toContain(r);
        },
      ),
    );
  });

  it('the months’ НДФЛ add up to the highest tax on the year so far, and none is negative', () => {
    const month = fc.record({ income: kopecks(rub(2_000_000)), deduction: kopecks(rub(3_000)) });
    fc.assert(
      fc.property(fc.array(month, { minLength: 1, maxLength: 12 }), (months) => {
        let income = 0;
        let deductions = 0;
        let tax = 0;
        let highest = 0;
        let limited = false;
        for (const m of months) {
          const input = {
            monthIncome: m.income,
            incomeBefore: income,
            deductionsBefore: deductions,
            monthDeduction: m.deduction,
            taxBefore: tax,
          };
          const month = monthNdfl(input);
          income += m.income;
          deductions += m.deduction;
          // the year's tax so far, by the band-by-band oracle, less what was withheld; never negative;
          // and never more than half of the payment, in whole rubles (НК ст. 226 п. 4): the rest stays owed
          const owed = Math.max(0, oracleTaxOnBase(income - deductions) - tax);
          const half = Math.floor(m.income / 200) * 100;
          expect(month).toBe(Math.min(owed, half));
          limited ||= half < owed;
          tax += month;
          highest = Math.max(highest, oracleTaxOnBase(income - deductions));
        }
        // a month whose deduction exceeds its income withholds nothing; the tax already withheld stays
        if (limited) expect(tax).toBeLessThanOrEqual(highest);
        else expect(tax).toBe(highest);
        expect(tax % 100).toBe(0);
      }),
    );
  });

  it('the band-by-band oracle agrees with the hand-worked scale of domain 4.5', () => {
    // 13 % × 2.4 млн = 312 000; + 15 % × 2.6 млн = 702 000; + 18 % × 15 млн = 3 402 000; + 20 % × 30 млн = 9 402 000
    expect(oracleTaxOnBase(rub(2_400_000))).toBe(rub(312_000));
    expect(oracleTaxOnBase(rub(5_000_000))).toBe(rub(702_000));
    expect(oracleTaxOnBase(rub(20_000_000))).toBe(rub(3_402_000));
    expect(oracleTaxOnBase(rub(50_000_000))).toBe(rub(9_402_000));
    expect(oracleTaxOnBase(rub(50))).toBe(rub(7)); // 6.50 → 7
    expect(oracleTaxOnBase(rub(38.46))).toBe(rub(5)); // 4.9998 → 5
    expect(oracleTaxOnBase(rub(3.84))).toBe(0); // 0.4992 → 0
  });

  it('a year of 250 000 a month with a 1 400 deduction withholds, month by month, the hand-worked tax', () => {
    // base after k months: k × 248 600. Months 1–9 stay under 2.4 млн: 248 600 × 13 % = 32 318 each.
    // Month 10: 2 486 000 → 312 000 + 15 % × 86 000 = 324 900, less 9 × 32 318 = 290 862 → 34 038.
    // Month 11: 2 734 600 → 362 190 − 324 900 = 37 290. Month 12: 2 983 200 → 399 480 − 362 190 = 37 290.
    const expected = [...Array(9).fill(32_318), 34_038, 37_290, 37_290].map(rub);
    let tax = 0;
    const got = expected.map((_, i) => {
      const month = monthNdfl({
        monthIncome: rub(250_000),
        incomeBefore: i * rub(250_000),
        deductionsBefore: i * rub(1_400),
        monthDeduction: rub(1_400),
        taxBefore: tax,
      });
      tax += month;
      return month;
    });
    expect(got).toEqual(expected);
    expect(tax).toBe(rub(399_480));
  });

  it('a half ruble of tax rounds up in the month it appears and is not taken twice: 50 + 50 → 7 + 6', () => {
    const first = monthNdfl({
      monthIncome: rub(50),
      incomeBefore: 0,
      deductionsBefore: 0,
      monthDeduction: 0,
      taxBefore: 0,
    });
    const second = monthNdfl({
      monthIncome: rub(50),
      incomeBefore: rub(50),
      deductionsBefore: 0,
      monthDeduction: 0,
      taxBefore: first,
    });
    expect([first, second]).toEqual([rub(7), rub(6)]);
  });

  it('the МРОТ top-up brings the pay exactly to МРОТ × worked / norm, half-up, and no further', () => {
    fc.assert(
      fc.property(
        kopecks(rub(50_000)),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: rub(22_440), max: rub(40_000) }),
        (accrued, norm, w, mrot) => {
          const worked = Math.min(w, norm);
          expect(mrotTopup(accrued, worked, norm, mrot)).toBe(
            Math.max(0, oracleMrotFloor(mrot, worked, norm) - accrued),
          );
        },
      ),
    );
  });

  it('the МРОТ floor is worked by hand: 27 093 × 10 / 21 = 12 901.43; 27 093.10 / 20 = 1 354.655 → 1 354.66', () => {
    expect(mrotFloor(rub(27_093), 10, 21)).toBe(rub(12_901.43));
    expect(mrotFloor(rub(27_093.1), 1, 20)).toBe(rub(1_354.66));
    expect(mrotFloor(rub(27_093), 21, 21)).toBe(rub(27_093));
    expect(mrotFloor(rub(27_093), 0, 21)).toBe(0);
    expect(mrotTopup(rub(1_354.65), 1, 20, rub(27_093.1))).toBe(1);
  });

  it('after the top-up the pay is never below МРОТ × worked / norm', () => {
    fc.assert(
      fc.property(
        kopecks(rub(50_000)),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        (accrued, norm, w) => {
          const worked = Math.min(w, norm);
          const topup = mrotTopup(accrued, worked, norm, rub(27_093));
          expect(topup).toBeGreaterThanOrEqual(0);
          expect(accrued + topup).toBeGreaterThanOrEqual(mrotFloor(rub(27_093), worked, norm));
        },
      ),
    );
  });

  it('in a whole month payroll, each row adds up, pay is at least МРОТ pro rata, and totals equal the sum of lines', () => {
    const dealArb = fc.record({
      who: fc.integer({ min: 1, max: 4 }),
      client: fc.integer({ min: 1, max: 30 }),
      month: fc.integer({ min: 1, max: 4 }),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.integer({ min: 0, max: 500_000 }),
    });
    const staffArb = fc.array(
      fc.record({
        category: fc.constantFrom('I', 'II', 'ИС'),
        worked: fc.integer({ min: 0, max: 22 }),
        plan: fc.integer({ min: 1, max: 400_000 }),
        advance: fc.integer({ min: 0, max: 10_000 }),
      }),
      { minLength: 4, maxLength: 4 },
    );
    fc.assert(
      fc.property(staffArb, fc.array(dealArb, { maxLength: 60 }), (staffSpec, deals) => {
        const staff = staffSpec.map((s, i) =>
          person(String(i + 1), {
            category: s.category,
            // probation needs its dates: hired on 1 April for three months
            ...(s.category === 'ИС' ? { hireDate: new Date(2026, 3, 1), probationMonths: 3 } : {}),
          }),
        );
        const result = computeMonthPayroll({
          month: { year: 2026, month: 4 },
          staff,
          timesheet: staffSpec.map((s, i) => timesheet('2026-04', String(i + 1), s.worked, s.advance)),
          plans: staffSpec.map((s, i) => plan('2026-04', String(i + 1), s.plan)),
          deals: deals.map((x) =>
            deal(
              staff[x.who - 1].email,
              `К-${x.client}`,
              `2026-0${x.month}-${String(x.day).padStart(2, '0')}`,
              x.amount,
              x.amount / 2,
            ),
          ),
          claims: [],
          settings: defaultSettings(),
          yearToDate: {},
        });
        const sums = Object.fromEntries(TOTAL_KEYS.map((k) => [k, 0])) as Record<string, number>;
        for (const row of result.rows) {
          if (!row.ok) {
            // an аванс above the month's pay is refused with the amounts, never paid
            expect(row.error).toMatch(/^Аванс \(.* руб\.\) больше начисленного за месяц/);
            continue;
          }
          const l = row.lines;
          expect(l.accrued).toBe(l.byRate + l.bySalary + l.planBonus + l.kpiBonus + l.mrotTopup + l.holidayPay);
          expect(l.ndfl).toBe(l.ndflAdvance + l.ndflFinal);
          expect(l.advancePaid).toBe(l.advance - l.ndflAdvance);
          expect(l.toPay).toBe(l.accrued - l.ndfl - l.advancePaid);
          expect(l.accrued).toBeGreaterThanOrEqual(l.mrotFloor);
          for (const k of TOTAL_KEYS) sums[k] += l[k];
        }
        expect(result.totals).toEqual(sums);
      }),
      { numRuns: 60 },
    );
  });
  it('a whole month without KPI equals a reference payroll written from domain 4.1–4.5, row by row', () => {
    // April 2026: 22 working days (domain 4.7); оклад I 20 000, II 12 000; probation 1 000 a day and no
    // plan bonus; plan rate 3 / 4 / 5 % of the month's sales by contract date; МРОТ 27 093 pro rata;
    // НДФЛ on the month alone (no earlier income given), no аванс
    const NORM = 22;
    const SALARY: Record<string, number> = { I: rub(20_000), II: rub(12_000) };
    const staffArb = fc.array(
      fc.record({
        category: fc.constantFrom('I', 'II', 'ИС'),
        worked: fc.integer({ min: 0, max: NORM }),
        plan: fc.integer({ min: 1, max: 400_000 }),
      }),
      { minLength: 3, maxLength: 3 },
    );
    const dealArb = fc.record({
      who: fc.integer({ min: 1, max: 3 }),
      month: fc.integer({ min: 3, max: 5 }),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.integer({ min: 0, max: 300_000 }),
    });
    fc.assert(
      fc.property(staffArb, fc.array(dealArb, { maxLength: 20 }), fc.boolean(), (spec, deals, exactPlan) => {
        const staff = spec.map((s, i) =>
          person(String(i + 1), {
            category: s.category,
            ...(s.category === 'ИС' ? { hireDate: new Date(2026, 3, 1), probationMonths: 3 } : {}),
          }),
        );
        const aprilSales = (who: number) =>
          deals.filter((x) => x.who === who && x.month === 4).reduce((sum, x) => sum + rub(x.amount), 0);
        // now and then the plan is exactly the sales, so the «met» rate is taken
        const plans = spec.map((s, i) => (exactPlan && aprilSales(i + 1) > 0 ? aprilSales(i + 1) / 100 : s.plan));
        const settings = { ...defaultSettings(), kpis: [] };
        const result = computeMonthPayroll({
          month: { year: 2026, month: 4 },
          staff,
          timesheet: spec.map((s, i) => timesheet('2026-04', String(i + 1), s.worked, 0)),
          plans: spec.map((_, i) => plan('2026-04', String(i + 1), plans[i])),
          deals: deals.map((x, k) =>
            deal(staff[x.who - 1].email, `К-${k}`, `2026-0${x.month}-${String(x.day).padStart(2, '0')}`, x.amount, 0),
          ),
          claims: [],
          settings,
          yearToDate: {},
        });
        const expected = spec.map((s, i) => {
          const probation = s.category === 'ИС';
          const byRate = probation ? s.worked * rub(1_000) : 0;
          const bySalary = probation ? 0 : Number(halfUp(BigInt(SALARY[s.category]) * BigInt(s.worked), BigInt(NORM)));
          const sales = aprilSales(i + 1);
          const planKop = rub(plans[i]);
          const percent = sales < planKop ? 3 : sales === planKop ? 4 : 5;
          const planBonus = probation ? 0 : Number(halfUp(BigInt(sales) * BigInt(percent), 100n));
          const mrotTopup = Math.max(0, oracleMrotFloor(rub(27_093), s.worked, NORM) - (byRate + bySalary + planBonus));
          const accrued = byRate + bySalary + planBonus + mrotTopup;
          const ndfl = oracleTaxOnBase(accrued);
          return {
            tabNo: String(i + 1),
            byRate,
            bySalary,
            planBonus,
            kpiBonus: 0,
            mrotTopup,
            accrued,
            ndfl,
            toPay: accrued - ndfl,
          };
        });
        const got = result.rows.map((row) => {
          if (!row.ok) return { tabNo: row.tabNo, error: row.error };
          const l = row.lines;
          return {
            tabNo: row.tabNo,
            byRate: l.byRate,
            bySalary: l.bySalary,
            planBonus: l.planBonus,
            kpiBonus: l.kpiBonus,
            mrotTopup: l.mrotTopup,
            accrued: l.accrued,
            ndfl: l.ndfl,
            toPay: l.toPay,
          };
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });
});

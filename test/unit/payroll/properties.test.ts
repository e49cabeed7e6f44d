import fc from 'fast-check';
import { mrotFloor, mrotTopup } from '../../../src/domain/payroll/mrot';
import { computeMonthPayroll, TOTAL_KEYS } from '../../../src/domain/payroll/month';
import { monthNdfl, ndflDue, ndflOnBase } from '../../../src/domain/payroll/ndfl';
import { DEFAULT_PLAN_RATES, planBonus, planRate } from '../../../src/domain/payroll/plan-bonus';
import { defaultSettings } from '../../../src/domain/settings';
import { deal, person, plan, rub, timesheet } from './fixtures/month-fixture';

const kopecks = (max: number) => fc.integer({ min: 0, max });
const rates = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 1000))
  .map(([under, met, over]) => ({ under, met, over }));

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
          expect(month).toBeGreaterThanOrEqual(0);
          // never more than half of the payment (НК ст. 226 п. 4); what that leaves stays owed
          expect(month).toBeLessThanOrEqual(m.income / 2);
          limited ||= month < ndflDue(input);
          tax += month;
          income += m.income;
          deductions += m.deduction;
          highest = Math.max(highest, ndflOnBase(income - deductions));
        }
        // a month whose deduction exceeds its income withholds nothing; the tax already withheld stays
        if (limited) expect(tax).toBeLessThanOrEqual(highest);
        else expect(tax).toBe(highest);
        expect(tax % 100).toBe(0);
      }),
    );
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
});

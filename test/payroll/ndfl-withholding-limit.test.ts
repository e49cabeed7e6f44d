/**
 * НК ст. 226 п. 4: the tax withheld at a payment is at most half of it; the rest stays owed and
 * the next payment of the year withholds it. The engine, the payroll tab's formulas (evaluated
 * by the formula engine), the payslip and docs/payroll-rules.md agree on one worked example.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeMonthPayroll, type PayrollLines } from '../../src/domain/payroll/month';
import { monthNdfl, withholdingLimit } from '../../src/domain/payroll/ndfl';
import { defaultSettings } from '../../src/domain/settings';
import { ndflCells } from '../../src/functions/pay';
import {
  buildPayrollSheetPlan,
  HELPER_HEADERS,
  PAYROLL_HEADERS,
  payrollCol,
} from '../../src/server/payroll/payroll-sheet-plan';
import { buildPayslipPlan } from '../../src/server/payroll/payslips';
import { d, person, plan, rub, timesheet } from '../unit/payroll/fixtures/month-fixture';
import { evaluatePlan } from './evaluate-plan';

const DOCS = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'payroll-rules.md'), 'utf8');

describe('at most half of a payment is withheld as НДФЛ (НК ст. 226 п. 4)', () => {
  it('the limit is half of the payment in whole rubles, never above it', () => {
    expect(withholdingLimit(rub(10_000))).toBe(rub(5_000));
    expect(withholdingLimit(rub(17_093))).toBe(rub(8_546));
    expect(withholdingLimit(rub(1.99))).toBe(0);
    const owed = { incomeBefore: rub(500_000), deductionsBefore: 0, monthDeduction: 0, taxBefore: rub(45_000) };
    // owed: 13 % × 510 000 = 66 300 − 45 000 = 21 300; withheld: half of 10 000
    expect(monthNdfl({ ...owed, monthIncome: rub(10_000) })).toBe(rub(5_000));
    // an ordinary month is untouched: 13 % of 30 000 = 3 900 < 15 000
    expect(monthNdfl({ ...owed, taxBefore: rub(65_000), monthIncome: rub(30_000) })).toBe(rub(3_900));
  });

  it('NDFL() applies it by default, and gives the tax owed with a share of 100 %', () => {
    // base before 500 000 with 45 000 withheld: 10 000 owes 21 300, withholds 5 000
    expect(ndflCells(10_000, 500_000, 0, 45_000)).toBe(5_000);
    expect(ndflCells(10_000, 500_000, 0, 45_000, 1)).toBe(21_300);
    expect(ndflCells(10_000, 500_000, 0, 45_000, '100 %')).toBe(21_300);
    expect(() => ndflCells(10_000, 500_000, 0, 45_000, 0.3)).toThrow('укажите 50 %');
  });

  // II категория, June 2026 (norm 21), all 21 days: 12 000 + МРОТ top-up 15 093 = 27 093.
  // Closed months before June: income 500 000, НДФЛ withheld 45 000 where 65 000 was owed.
  // Аванс 10 000 on 20.06: owes 13 % × 510 000 − 45 000 = 21 300, withholds half: 5 000.
  // Final 17 093 on 03.07: owes 13 % × 527 093 = 68 522 − 50 000 = 18 522, withholds 8 546;
  // 9 976 stays owed. К выплате 27 093 − 5 000 − 8 546 − 5 000 = 8 547 (half of 17 093, rounded up).
  const staff = [person('1')];
  const settings = { ...defaultSettings(), kpis: [] };
  const payroll = computeMonthPayroll({
    month: { year: 2026, month: 6 },
    staff,
    timesheet: [
      { ...timesheet('2026-06', '1', 21, 10_000), advanceDate: d('2026-06-20'), paymentDate: d('2026-07-03') },
    ],
    plans: [plan('2026-06', '1', 100_000)],
    deals: [],
    claims: [],
    settings,
    yearToDate: { '1': { income: rub(500_000), deductions: 0, tax: rub(45_000) } },
  });

  it('the engine withholds 5 000 from the аванс and 8 546 at the final payment, 9 976 stays owed', () => {
    const row = payroll.rows[0];
    if (!row.ok) throw new Error(row.error);
    const l: PayrollLines = row.lines;
    expect(l.accrued).toBe(rub(27_093));
    expect([l.advancePayment.due, l.ndflAdvance, l.advancePaid]).toEqual([rub(21_300), rub(5_000), rub(5_000)]);
    expect([l.finalPayment.due, l.ndflFinal, l.ndflUnwithheld]).toEqual([rub(18_522), rub(8_546), rub(9_976)]);
    expect(l.toPay).toBe(rub(8_547));
    // the next payment of the year owes the shortfall again: July with 27 093 more since January
    const july = monthNdfl({
      monthIncome: rub(27_093),
      incomeBefore: rub(527_093),
      deductionsBefore: 0,
      monthDeduction: 0,
      taxBefore: rub(45_000 + 5_000 + 8_546),
    });
    // owes 13 % × 554 186 = 72 044 − 58 546 = 13 498: the 9 976 plus July's 3 522, within half of 27 093
    expect(july).toBe(rub(13_498));
    for (const figure of ['5 000', '8 546', '9 976', '8 547', '13 498']) expect(DOCS).toContain(`**${figure}**`);
  });

  it('the tab’s formulas give the same kopecks, the unwithheld tax included, and so does the payslip', () => {
    const { plan: sheet, layout } = buildPayrollSheetPlan({ payroll, settings, staff, today: new Date(2026, 6, 1) });
    const { rows } = evaluatePlan(sheet.values);
    const r = layout.firstDataRow - 1;
    const value = (col: number) => rows[r]?.[col - 1]?.value;
    const headers = sheet.values[layout.headerRow - 1];
    const unwithheldCol = headers.indexOf(HELPER_HEADERS.unwithheld) + 1;
    const dueCol = headers.indexOf(HELPER_HEADERS.advanceDue) + 1;
    // the tax owed by both payments without the limit: one NDFL at 100 % over the pairs of inputs
    expect(String(sheet.values[r][dueCol - 1])).toMatch(/^=NDFL\(.*,1\)$/);
    expect(String(sheet.values[r][unwithheldCol - 1])).toMatch(/^=[A-Z]+6-S6$/);
    expect([
      value(payrollCol('НДФЛ с аванса')),
      value(payrollCol('Аванс выплачен')),
      value(payrollCol('НДФЛ при окончательном расчёте')),
      value(payrollCol('К выплате')),
      value(unwithheldCol),
    ]).toEqual([5_000, 5_000, 8_546, 8_547, 9_976]);
    expect(PAYROLL_HEADERS).toContain('НДФЛ с аванса');

    const values = rows.map((row) => (row ?? []).map((cell) => cell?.value ?? ''));
    const slip = buildPayslipPlan(values, payroll.month, settings.organisation, 'Зарплата 06.2026').plan.values;
    const text = slip.flat().map(String).join('\n');
    expect(text).toContain('НДФЛ не удержан');
    expect(text).toMatch(/9\s976,00/);
  });
});

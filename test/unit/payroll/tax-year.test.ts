/**
 * НДФЛ by payment date (domain 4.5): which tax year each payment of a month belongs to, the sums since
 * 1 January the next month's tax starts from, and the months it cannot know. Sums worked out by hand.
 */
import type { PaidMonth } from '../../../src/domain/payroll/inputs';
import { estimatedMonths, missingMonths, paymentYear, yearToDateOf } from '../../../src/domain/payroll/tax-year';
import { d, person, rub } from './fixtures/month-fixture';

function paidMonth(month: string, tabNo: string, extra: Partial<PaidMonth> = {}): PaidMonth {
  return {
    month,
    tabNo,
    income: rub(30_000),
    advance: rub(10_000),
    advanceDate: null,
    paymentDate: null,
    deductions: rub(1_400),
    advanceTax: rub(1_300),
    tax: rub(3_718),
    ...extra,
  };
}

describe('paymentYear', () => {
  it('the year of the payment date, or of the accrual month without one', () => {
    expect(paymentYear(d('2027-01-12'), { year: 2026, month: 12 })).toBe(2027);
    expect(paymentYear(null, { year: 2026, month: 12 })).toBe(2026);
    expect(paymentYear(undefined, { year: 2025, month: 3 })).toBe(2025);
  });
});

describe('yearToDateOf: income, deductions and НДФЛ since 1 January before a month', () => {
  const history = [
    paidMonth('2026-01', '1'),
    paidMonth('2026-02', '1', { income: rub(40_000), tax: rub(5_018) }),
    paidMonth('2026-03', '1', { income: rub(50_000), tax: rub(6_318) }),
    paidMonth('2026-01', '2', { income: rub(99_000) }),
    paidMonth('2025-12', '1', { income: rub(77_000), tax: rub(9_000) }),
  ];

  it('sums only this employee’s months of the year before the month', () => {
    // January 30 000 + February 40 000; НДФЛ 3 718 + 5 018; deductions 1 400 × 2
    expect(yearToDateOf(history, '1', 2026, { year: 2026, month: 3 })).toEqual({
      income: rub(70_000),
      deductions: rub(2_800),
      tax: rub(8_736),
    });
  });

  it('«Таб. №» compares without surrounding spaces', () => {
    expect(yearToDateOf(history, ' 2 ', 2026, { year: 2026, month: 2 })).toEqual({
      income: rub(99_000),
      deductions: rub(1_400),
      tax: rub(3_718),
    });
    const spaced = [paidMonth('2026-01', ' 3 ')];
    expect(yearToDateOf(spaced, '3', 2026, { year: 2026, month: 2 }).income).toBe(rub(30_000));
  });

  it('January starts from nothing: the months of the year before are another tax year', () => {
    expect(yearToDateOf(history, '1', 2026, { year: 2026, month: 1 })).toEqual({ income: 0, deductions: 0, tax: 0 });
  });

  it('the month itself and later ones are not counted', () => {
    expect(yearToDateOf(history, '1', 2026, { year: 2026, month: 2 })).toEqual({
      income: rub(30_000),
      deductions: rub(1_400),
      tax: rub(3_718),
    });
  });

  it('a December аванс paid late in January: the whole month is income of the next year', () => {
    const december = paidMonth('2026-12', '1', {
      advanceDate: d('2027-01-09'),
      paymentDate: d('2027-01-12'),
    });
    expect(yearToDateOf([december], '1', 2027, { year: 2027, month: 1 })).toEqual({
      income: rub(30_000),
      deductions: 0,
      tax: rub(3_718),
    });
    expect(yearToDateOf([december], '1', 2026, { year: 2027, month: 1 })).toEqual({
      income: 0,
      deductions: rub(1_400),
      tax: 0,
    });
  });
});

describe('missingMonths: earlier months of the year that are neither closed nor computed', () => {
  const march = { year: 2026, month: 3 };
  const april = { year: 2026, month: 4 };

  it('every month before this one the employee worked in and the history lacks', () => {
    const p = person('1', { hireDate: d('2024-01-10') });
    expect(missingMonths([], p, april)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(missingMonths([paidMonth('2026-02', '1')], p, april)).toEqual(['2026-01', '2026-03']);
    expect(missingMonths([paidMonth('2026-02', ' 1 ')], p, march)).toEqual(['2026-01']);
    expect(missingMonths([paidMonth('2026-02', '1')], person(' 1 '), march)).toEqual(['2026-01']);
    expect(missingMonths([paidMonth('2026-01', '2')], p, march)).toEqual(['2026-01', '2026-02']);
    expect(missingMonths([], p, { year: 2026, month: 1 })).toEqual([]);
  });

  it('not the months before the hire: the month of the hire is one', () => {
    expect(missingMonths([], person('1', { hireDate: d('2026-02-28') }), april)).toEqual(['2026-02', '2026-03']);
    expect(missingMonths([], person('1', { hireDate: d('2026-03-01') }), april)).toEqual(['2026-03']);
    expect(missingMonths([], person('1', { hireDate: d('2026-03-31') }), april)).toEqual(['2026-03']);
    expect(missingMonths([], person('1', { hireDate: d('2026-04-01') }), april)).toEqual([]);
    expect(missingMonths([], person('1', { hireDate: null }), march)).toEqual(['2026-01', '2026-02']);
  });

  it('not the months after the dismissal: the month of the dismissal is one', () => {
    expect(missingMonths([], person('1', { dismissalDate: d('2026-02-01') }), april)).toEqual(['2026-01', '2026-02']);
    expect(missingMonths([], person('1', { dismissalDate: d('2026-01-31') }), april)).toEqual(['2026-01']);
  });
});

describe('estimatedMonths: the months of the year taken from computed, not closed, figures', () => {
  it('lists the estimated months of this year before the month, sorted', () => {
    const history = [
      paidMonth('2026-03', '1', { estimated: true }),
      paidMonth('2026-01', '1', { estimated: true }),
      paidMonth('2026-02', '1'),
      paidMonth('2026-04', '1', { estimated: true }),
      paidMonth('2025-12', '1', { estimated: true }),
      paidMonth('2026-02', '2', { estimated: true }),
      paidMonth('2026-02', ' 3', { estimated: true }),
    ];
    expect(estimatedMonths(history, '1', { year: 2026, month: 4 })).toEqual(['2026-01', '2026-03']);
    expect(estimatedMonths(history, '1', { year: 2026, month: 5 })).toEqual(['2026-01', '2026-03', '2026-04']);
    expect(estimatedMonths(history, '3 ', { year: 2026, month: 4 })).toEqual(['2026-02']);
    expect(estimatedMonths(history, '1', { year: 2026, month: 1 })).toEqual([]);
  });
});

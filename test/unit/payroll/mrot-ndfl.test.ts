import {
  DEFAULT_MROT,
  DEFAULT_MROT_BY_YEAR,
  mrotFloor,
  mrotForYear,
  mrotTopup,
} from '../../../src/domain/payroll/mrot';
import {
  CHILD_DEDUCTION_INCOME_LIMIT,
  childDeduction,
  childDeductionForMonth,
  monthNdfl,
  ndflForMonth,
  ndflOnBase,
  NO_CHILDREN,
  roundToRubles,
  withholdingLimit,
} from '../../../src/domain/payroll/ndfl';

const rub = (r: number) => Math.round(r * 100);

describe('МРОТ top-up (ТК ст. 133, domain 4.4)', () => {
  it('tops a full month of II категория up to 27 093: 27 093 − 12 000 = 15 093', () => {
    expect(mrotTopup(rub(12_000), 21, 21, rub(27_093))).toBe(rub(15_093));
  });

  it('is proportional to the days worked: 27 093 × 10 / 21 = 12 901.43 − 5 714.29 = 7 187.14', () => {
    expect(mrotTopup(rub(5_714.29), 10, 21, rub(27_093))).toBe(rub(7_187.14));
  });

  it('is zero when the pay is already above МРОТ', () => {
    expect(mrotTopup(rub(30_000), 21, 21, rub(27_093))).toBe(0);
  });

  it('knows МРОТ by year and asks for a missing year', () => {
    expect(mrotForYear({ 2025: rub(22_440) }, 2025)).toBe(rub(22_440));
    expect(() => mrotForYear({ 2025: rub(22_440) }, 2027)).toThrow('Не задан МРОТ на 2027 год');
  });
});

describe('НДФЛ (НК ст. 224, 226; domain 4.5)', () => {
  it('rounds tax to whole rubles: under 50 kopecks dropped, 50 and more up', () => {
    expect(roundToRubles(rub(100.49))).toBe(rub(100));
    expect(roundToRubles(rub(100.5))).toBe(rub(101));
  });

  it('13 % up to 2.4 млн: 27 093 × 13 % = 3 522.09 → 3 522', () => {
    expect(ndflOnBase(rub(27_093))).toBe(rub(3_522));
  });

  it('each band adds its fixed part: 3 млн → 312 000 + 15 % × 600 000 = 402 000', () => {
    expect(ndflOnBase(rub(2_400_000))).toBe(rub(312_000));
    expect(ndflOnBase(rub(3_000_000))).toBe(rub(402_000));
    expect(ndflOnBase(rub(6_000_000))).toBe(rub(702_000 + 180_000));
    expect(ndflOnBase(rub(21_000_000))).toBe(rub(3_402_000 + 200_000));
    expect(ndflOnBase(rub(51_000_000))).toBe(rub(9_402_000 + 220_000));
  });

  it('the month is the year so far less the tax already computed: crossing 2.4 млн', () => {
    // before: 2 350 000 taxed 305 500; this month 100 000 → base 2 450 000:
    // 312 000 + 15 % × 50 000 = 319 500; month = 319 500 − 305 500 = 14 000
    expect(
      monthNdfl({
        monthIncome: rub(100_000),
        incomeBefore: rub(2_350_000),
        deductionsBefore: 0,
        monthDeduction: 0,
        taxBefore: rub(305_500),
      }),
    ).toBe(rub(14_000));
  });

  it('subtracts the monthly deduction: (30 000 − 1 400) × 13 % = 3 718', () => {
    expect(ndflForMonth(rub(30_000), 0, rub(1_400))).toBe(rub(3_718));
    // February, base before 28 600: tax(57 200) − tax(28 600) = 7 436 − 3 718 = 3 718
    expect(ndflForMonth(rub(30_000), rub(28_600), rub(1_400))).toBe(rub(3_718));
  });

  it('pays nothing when deductions exceed the income', () => {
    expect(ndflForMonth(rub(1_000), 0, rub(1_400))).toBe(0);
  });
});

describe('НДФЛ: inputs a person must correct, and the edges of the scale', () => {
  it('names the field that is negative or not whole kopecks', () => {
    const ok = { monthIncome: 100, incomeBefore: 0, deductionsBefore: 0, monthDeduction: 0, taxBefore: 0 };
    expect(() => monthNdfl({ ...ok, monthIncome: -1 })).toThrow('НДФЛ: доход месяца не может быть отрицательным');
    expect(() => monthNdfl({ ...ok, incomeBefore: -1 })).toThrow(
      'НДФЛ: доход с начала года не может быть отрицательным',
    );
    expect(() => monthNdfl({ ...ok, deductionsBefore: 0.5 })).toThrow(
      'НДФЛ: вычеты с начала года не может быть отрицательным',
    );
    expect(() => monthNdfl({ ...ok, monthDeduction: -1 })).toThrow('НДФЛ: вычет месяца не может быть отрицательным');
    expect(() => monthNdfl({ ...ok, taxBefore: -100 })).toThrow(
      'НДФЛ: налог с начала года не может быть отрицательным',
    );
    expect(() => ndflOnBase(0.5)).toThrow(new RangeError('the tax base must be whole kopecks'));
    expect(() => ndflForMonth(-1)).toThrow('НДФЛ: суммы не могут быть отрицательными');
    expect(() => ndflForMonth(100, 0, -1)).toThrow('НДФЛ: суммы не могут быть отрицательными');
    expect(() => ndflForMonth(100, 0, 0, -1)).toThrow('НДФЛ: суммы не могут быть отрицательными');
    expect(() => ndflForMonth(1.5)).toThrow('НДФЛ: суммы не могут быть отрицательными');
    expect(() => ndflForMonth(100, 0.5)).toThrow(new RangeError('the tax base must be whole kopecks'));
    expect(() => ndflForMonth(100, 0.5, 0, 0)).toThrow(new RangeError('the tax base must be whole kopecks'));
  });

  it('a base of zero or less pays nothing; one kopeck above a band edge is taxed at the next rate', () => {
    expect(ndflOnBase(0)).toBe(0);
    expect(ndflOnBase(-100)).toBe(0);
    // 2 400 000.01: 312 000 + 15 % × 0.01 = 312 000.0015 → 312 000
    expect(ndflOnBase(rub(2_400_000) + 1)).toBe(rub(312_000));
    // 2 400 010: 312 000 + 1.50 = 312 001.50 → 312 002 (at 13 % it would be 312 001.30 → 312 001)
    expect(ndflOnBase(rub(2_400_010))).toBe(rub(312_002));
    // 5 000 010: 702 000 + 18 % × 10 = 702 001.80 → 702 002 (15 %: 702 001.50 → 702 002; 5 000 020: 18 % 3.60 → 702 004)
    expect(ndflOnBase(rub(5_000_020))).toBe(rub(702_004));
    expect(ndflOnBase(rub(20_000_100))).toBe(rub(3_402_020));
    expect(ndflOnBase(rub(50_000_100))).toBe(rub(9_402_022));
  });

  it('the custom function’s reading: a negative base before (deductions above the income) lowers this month', () => {
    // base before −1 000: this month 30 000 − 0 → base 29 000 → 3 770; tax before defaults to tax(−1 000) = 0
    expect(ndflForMonth(rub(30_000), rub(-1_000))).toBe(rub(3_770));
    // an explicit tax before is credited
    expect(ndflForMonth(rub(30_000), rub(30_000), 0, rub(3_000))).toBe(rub(7_800 - 3_000));
    expect(ndflForMonth(rub(100), 0, 0, rub(1_000))).toBe(0);
  });

  it('rounds to rubles at the half exactly', () => {
    expect(roundToRubles(49)).toBe(0);
    expect(roundToRubles(50)).toBe(100);
    expect(roundToRubles(0)).toBe(0);
  });
});

describe('at most half of a payment is withheld (НК ст. 226 п. 4)', () => {
  it('the limit is half of the payment in whole rubles, rounded down', () => {
    expect(withholdingLimit(0)).toBe(0);
    // 1.99 → 0.995 → 0 rubles; 2.00 → 1 ruble
    expect(withholdingLimit(199)).toBe(0);
    expect(withholdingLimit(200)).toBe(rub(1));
    // 10 001.99 → 5 000.995 → 5 000; 10 002.00 → 5 001
    expect(withholdingLimit(rub(10_001.99))).toBe(rub(5_000));
    expect(withholdingLimit(rub(10_002))).toBe(rub(5_001));
  });

  it('refuses a negative or fractional payment', () => {
    expect(() => withholdingLimit(-1)).toThrow(new RangeError('a payment must be whole non-negative kopecks'));
    expect(() => withholdingLimit(100.5)).toThrow(new RangeError('a payment must be whole non-negative kopecks'));
  });

  it('a small payment after tax left unwithheld: half of it, not the whole tax owed', () => {
    // income before 100 000 with nothing withheld; this month 1 000: tax on 101 000 = 13 130, half of 1 000 = 500
    const owed = {
      monthIncome: rub(1_000),
      incomeBefore: rub(100_000),
      deductionsBefore: 0,
      monthDeduction: 0,
      taxBefore: 0,
    };
    expect(monthNdfl(owed)).toBe(rub(500));
    // the same through the custom function's reading, and without the limit (a share of 100 %)
    expect(ndflForMonth(rub(1_000), rub(100_000), 0, 0)).toBe(rub(500));
    expect(ndflForMonth(rub(1_000), rub(100_000), 0, 0, 0.5)).toBe(rub(500));
    expect(ndflForMonth(rub(1_000), rub(100_000), 0, 0, 1)).toBe(rub(13_130));
  });

  it('a tax below the half is withheld whole, with or without the limit', () => {
    // 30 000 × 13 % = 3 900 ≤ 15 000
    expect(ndflForMonth(rub(30_000))).toBe(rub(3_900));
    expect(ndflForMonth(rub(30_000), 0, 0, 0, 1)).toBe(rub(3_900));
    expect(
      monthNdfl({ monthIncome: rub(30_000), incomeBefore: 0, deductionsBefore: 0, monthDeduction: 0, taxBefore: 0 }),
    ).toBe(rub(3_900));
  });
});

describe('child deductions (НК ст. 218 п. 1 пп. 4)', () => {
  it('1 400, 2 800, then 6 000 for each next child; 12 000 more for each disabled child; doubled for a sole parent', () => {
    expect(childDeduction(NO_CHILDREN)).toBe(0);
    expect(childDeduction({ children: 2, disabled: 0, soleParent: false })).toBe(rub(4_200));
    expect(childDeduction({ children: 4, disabled: 0, soleParent: false })).toBe(rub(16_200));
    expect(childDeduction({ children: 2, disabled: 2, soleParent: true })).toBe(rub(2 * (4_200 + 24_000)));
  });

  it('refuses counts that are not whole, negative, or more disabled children than children', () => {
    for (const kids of [
      { children: -1, disabled: 0 },
      { children: 1.5, disabled: 0 },
      { children: 1, disabled: -1 },
      { children: 1, disabled: 0.5 },
    ]) {
      expect(() => childDeduction({ ...kids, soleParent: false })).toThrow(
        'Вычеты на детей: число детей должно быть целым неотрицательным',
      );
    }
    expect(() => childDeduction({ children: 1, disabled: 2, soleParent: false })).toThrow(
      'Вычеты на детей: детей-инвалидов (2) больше, чем детей (1)',
    );
  });

  it('stop from the month in which income since 1 January passes 450 000, not at 450 000 itself', () => {
    const one = { children: 1, disabled: 0, soleParent: false };
    expect(CHILD_DEDUCTION_INCOME_LIMIT).toBe(rub(450_000));
    expect(childDeductionForMonth(one, rub(450_000))).toBe(rub(1_400));
    expect(childDeductionForMonth(one, rub(450_000) + 1)).toBe(0);
  });
});

describe('МРОТ: inputs a person must correct', () => {
  it('refuses a negative or fractional МРОТ and a negative accrual, in Russian', () => {
    expect(() => mrotFloor(-1, 10, 21)).toThrow('МРОТ не может быть отрицательным');
    expect(() => mrotFloor(0.5, 10, 21)).toThrow('МРОТ не может быть отрицательным');
    expect(() => mrotTopup(-1, 10, 21)).toThrow('Начислено: сумма не может быть отрицательной');
    expect(() => mrotTopup(0.5, 10, 21)).toThrow('Начислено: сумма не может быть отрицательной');
    expect(mrotFloor(0, 10, 21)).toBe(0);
  });

  it('uses the 2026 federal МРОТ when none is given, and knows 2025', () => {
    expect(DEFAULT_MROT).toBe(rub(27_093));
    expect(DEFAULT_MROT_BY_YEAR[2025]).toBe(rub(22_440));
    expect(mrotTopup(0, 21, 21)).toBe(rub(27_093));
    expect(mrotTopup(rub(27_093), 21, 21)).toBe(0);
    expect(mrotTopup(rub(27_093) - 1, 21, 21)).toBe(1);
  });
});

import { mrotForYear, mrotTopup } from '../../../src/domain/payroll/mrot';
import { monthNdfl, ndflForMonth, ndflOnBase, roundToRubles } from '../../../src/domain/payroll/ndfl';

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

/**
 * The money helpers, worked by hand: half-up division away from zero, exact fractions of
 * kopecks, prorations, comparisons without floating point, and the errors a person sees.
 */
import {
  compareWithFraction,
  divRoundHalfUp,
  DomainError,
  fractionToRatio,
  kopecksToRubles,
  multiplyKopecks,
  percentInputToShare,
  prorateKopecks,
  rublesToKopecks,
} from '../../src/domain/money';

describe('divRoundHalfUp', () => {
  it.each([
    [7n, 2n, 4n], // 3.5 → 4
    [5n, 2n, 3n], // 2.5 → 3
    [7n, 3n, 2n], // 2.33 → 2
    [8n, 3n, 3n], // 2.67 → 3
    [6n, 3n, 2n],
    [0n, 5n, 0n],
    [-7n, 2n, -4n], // −3.5 → −4, away from zero
    [-8n, 3n, -3n],
    [-7n, 3n, -2n],
    [1n, 1n, 1n],
  ])('%p ÷ %p → %p', (num, den, q) => {
    expect(divRoundHalfUp(num, den)).toBe(q);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(new RangeError('denominator must be positive'));
    expect(() => divRoundHalfUp(1n, -2n)).toThrow(RangeError);
  });
});

describe('rubles and kopecks', () => {
  it('converts whole and fractional rubles', () => {
    expect(rublesToKopecks(0)).toBe(0);
    expect(rublesToKopecks(12_000)).toBe(1_200_000);
    expect(rublesToKopecks(0.1 + 0.2)).toBe(30);
    expect(rublesToKopecks(-0.01)).toBe(-1);
    expect(rublesToKopecks(-2.5)).toBe(-250);
    expect(rublesToKopecks(-2.006)).toBe(-201);
    expect(kopecksToRubles(123_456)).toBe(1234.56);
    // binary noise: within a billionth of a kopeck below the half is the half
    expect(rublesToKopecks(0.00499999999)).toBe(1);
    expect(rublesToKopecks(0.0049999999)).toBe(0);
  });

  it('says in Russian that a sum must be a number', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => rublesToKopecks(bad)).toThrow(new DomainError('Сумма должна быть числом'));
    }
    const error = new DomainError('x');
    expect(error.name).toBe('DomainError');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('fractions of kopecks', () => {
  it('reads a fraction as the decimal it shows', () => {
    expect(fractionToRatio(0.035)).toEqual({ num: 35n, den: 1000n });
    expect(fractionToRatio(0.05)).toEqual({ num: 5n, den: 100n });
    expect(fractionToRatio(1.5)).toEqual({ num: 15n, den: 10n });
    expect(fractionToRatio(3)).toEqual({ num: 3n, den: 1n });
    expect(fractionToRatio(0.1 + 0.2)).toEqual({ num: 3n, den: 10n });
    expect(fractionToRatio(1e-7)).toEqual({ num: 100_000_000n, den: 10n ** 15n });
    expect(() => fractionToRatio(NaN)).toThrow(new DomainError('Доля должна быть числом'));
  });

  it('multiplies kopecks by a fraction, half-up once', () => {
    expect(multiplyKopecks(1_000_050, 0.03)).toBe(30_002); // 30 001.5 → 30 002
    expect(multiplyKopecks(1_000_049, 0.03)).toBe(30_001); // 30 001.47
    expect(multiplyKopecks(333, 0.5)).toBe(167); // 166.5 → 167
    expect(multiplyKopecks(100, 1e-7)).toBe(0);
    expect(multiplyKopecks(-333, 0.5)).toBe(-167);
  });

  it('prorates by whole days, half-up', () => {
    expect(prorateKopecks(1_200_000, 10, 21)).toBe(571_429); // 571 428.57
    expect(prorateKopecks(2_709_310, 1, 20)).toBe(135_466); // 135 465.5
    expect(prorateKopecks(2_709_300, 0, 21)).toBe(0);
    for (const [num, den] of [
      [1.5, 21],
      [1, 0],
      [1, -3],
      [1, 2.5],
    ]) {
      expect(() => prorateKopecks(100, num, den)).toThrow(
        new RangeError('proration needs integer parts and a positive denominator'),
      );
    }
  });

  it('compares a sum with a share of another exactly', () => {
    expect(compareWithFraction(105, 100, 1.05)).toBe(0);
    expect(compareWithFraction(104, 100, 1.05)).toBe(-1);
    expect(compareWithFraction(106, 100, 1.05)).toBe(1);
    expect(compareWithFraction(3, 10, 0.1 + 0.2)).toBe(0);
  });

  it('reads a percent as typed: «5 %» and 0.05 are five per cent, a plain 5 too', () => {
    expect(percentInputToShare(5, false)).toBe(0.05);
    expect(percentInputToShare(1, false)).toBe(0.01);
    expect(percentInputToShare(0.05, false)).toBe(0.05);
    expect(percentInputToShare(0.05, true)).toBe(0.05);
    expect(percentInputToShare(5, true)).toBe(5);
  });
});

/**
 * Rubles to kopecks rounds a half kopeck up (away from zero), on the decimal the
 * person typed, not on its binary approximation: 1.005 is stored as
 * 1.00499999999999989…, and still becomes 101 kopecks.
 */
import { rublesToKopecks } from '../../src/domain/money';

describe('rublesToKopecks on half a kopeck', () => {
  it.each([
    [0.005, 1],
    [1.005, 101],
    [2.675, 268],
    [0.015, 2],
    [1234.565, 123457],
    [200011.505, 20001151],
  ])('%p руб. → %p коп.', (rubles, kopecks) => {
    expect(rublesToKopecks(rubles)).toBe(kopecks);
  });

  it('rounds a negative half kopeck away from zero too', () => {
    expect(rublesToKopecks(-1.005)).toBe(-101);
    expect(rublesToKopecks(-0.005)).toBe(-1);
  });

  it('keeps amounts below the half as they are', () => {
    expect(rublesToKopecks(1.0049)).toBe(100);
    expect(rublesToKopecks(2.674)).toBe(267);
    expect(rublesToKopecks(-1.0049)).toBe(-100);
  });
});

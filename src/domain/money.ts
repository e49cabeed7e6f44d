/**
 * Money is held in whole kopecks (integers). Every conversion and every
 * multiplication by a fraction rounds half-up to the kopeck, once per line.
 */
export type Kopecks = number;

/** Thrown by the domain for any input a person must correct; the message is shown to the user as is. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Half-up (away from zero for .5) integer division of two bigint values, den > 0. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  // Stryker disable next-line EqualityOperator: for num = 0 both readings give 0 (−0n is 0n)
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (abs * 2n + den) / (den * 2n);
  return negative ? -q : q;
}

/**
 * Rubles (a spreadsheet number such as 1234.5) to kopecks. The value is first
 * cleaned of binary noise (1.005 * 100 = 100.49999…) by taking 15 significant digits.
 */
export function rublesToKopecks(rubles: number): Kopecks {
  if (!Number.isFinite(rubles)) throw new DomainError('Сумма должна быть числом');
  const scaled = Number((rubles * 100).toPrecision(15));
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  // half-up away from zero
  // Stryker disable next-line EqualityOperator: at 0 both branches give 0
  if (scaled >= 0) return frac >= 0.5 - 1e-9 ? floor + 1 : floor;
  // Stryker disable next-line EqualityOperator: a fraction exactly 0.5 + 1e-9 is not a double that scaling produces
  return frac > 0.5 + 1e-9 ? floor + 1 : floor;
}

/** Kopecks to rubles, the number a cell shows. */
export function kopecksToRubles(kopecks: Kopecks): number {
  return kopecks / 100;
}

/** A fraction (0.035) as an exact rational with a power-of-ten denominator. */
export function fractionToRatio(fraction: number): { num: bigint; den: bigint } {
  if (!Number.isFinite(fraction)) throw new DomainError('Доля должна быть числом');
  const text = Number(fraction.toPrecision(15)).toString();
  if (/e/i.test(text)) {
    const den = 10n ** 15n;
    return { num: BigInt(Math.round(fraction * 1e15)), den };
  }
  const [intPart, fracPart = ''] = text.split('.');
  const den = 10n ** BigInt(fracPart.length);
  return { num: BigInt(intPart + fracPart), den };
}

/**
 * A percent as people type it, to a share: «5 %» → 0.05; a plain 5 → 0.05 (numbers of 1 and
 * more are per cent); a plain 0.05 → 0.05 (what a %-formatted cell holds).
 */
export function percentInputToShare(value: number, typedWithPercentSign: boolean): number {
  return !typedWithPercentSign && value >= 1 ? value / 100 : value;
}

/** kopecks × fraction, rounded half-up to the kopeck. */
export function multiplyKopecks(kopecks: Kopecks, fraction: number): Kopecks {
  const { num, den } = fractionToRatio(fraction);
  return Number(divRoundHalfUp(BigInt(kopecks) * num, den));
}

/** kopecks × num / den, rounded half-up to the kopeck (for prorations such as days worked / norm). */
export function prorateKopecks(kopecks: Kopecks, num: number, den: number): Kopecks {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0) {
    throw new RangeError('proration needs integer parts and a positive denominator');
  }
  return Number(divRoundHalfUp(BigInt(kopecks) * BigInt(num), BigInt(den)));
}

/** a ≥ b × fraction, exactly (no floating point). */
export function compareWithFraction(a: Kopecks, b: Kopecks, fraction: number): -1 | 0 | 1 {
  const { num, den } = fractionToRatio(fraction);
  const left = BigInt(a) * den;
  const right = BigInt(b) * num;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * НДФЛ of a resident (Налоговый кодекс ст. 224, 226; the progressive scale in force
 * from 2025): computed on the income since 1 January, less deductions, and the
 * month's tax is the year's tax so far less the tax already computed this year.
 * Tax amounts are whole rubles (ст. 52 п. 6: under 50 kopecks dropped, 50 and more
 * rounded up); the taxable base itself is exact to the kopeck.
 */
import { divRoundHalfUp, DomainError, type Kopecks } from '../money';

/** One band of the scale: tax on the base above `from` at `rate` percent, on top of `fixed`. */
interface Band {
  from: Kopecks;
  fixed: Kopecks;
  ratePercent: number;
}

const RUB = 100;

/** The 2025 scale: 13 % to 2.4 млн, 15 % to 5 млн, 18 % to 20 млн, 20 % to 50 млн, 22 % above. */
export const NDFL_BANDS: readonly Band[] = [
  { from: 0, fixed: 0, ratePercent: 13 },
  { from: 2_400_000 * RUB, fixed: 312_000 * RUB, ratePercent: 15 },
  { from: 5_000_000 * RUB, fixed: 702_000 * RUB, ratePercent: 18 },
  { from: 20_000_000 * RUB, fixed: 3_402_000 * RUB, ratePercent: 20 },
  { from: 50_000_000 * RUB, fixed: 9_402_000 * RUB, ratePercent: 22 },
];

/** Rounds kopecks to whole rubles (half-up), returning kopecks. */
export function roundToRubles(kopecks: Kopecks): Kopecks {
  return Number(divRoundHalfUp(BigInt(kopecks), 100n)) * RUB;
}

/** The tax on a cumulative base, in whole rubles (as kopecks). A base ≤ 0 pays nothing. */
export function ndflOnBase(base: Kopecks): Kopecks {
  if (!Number.isInteger(base)) throw new RangeError('the tax base must be whole kopecks');
  if (base <= 0) return 0;
  let band = NDFL_BANDS[0];
  for (const b of NDFL_BANDS) if (base > b.from) band = b;
  // fixed + rate × (base − from), exact in hundredths of a kopeck, then to whole rubles
  const exactHundredths = BigInt(band.fixed) * 100n + BigInt(base - band.from) * BigInt(band.ratePercent);
  return Number(divRoundHalfUp(exactHundredths, 100n * 100n)) * RUB;
}

export interface NdflInput {
  /** income of this month (всего начислено) */
  monthIncome: Kopecks;
  /** income since 1 January before this month */
  incomeBefore: Kopecks;
  /** standard deductions granted since 1 January before this month */
  deductionsBefore: Kopecks;
  /** this month's standard deduction */
  monthDeduction: Kopecks;
  /** tax already computed this year (whole rubles) */
  taxBefore: Kopecks;
}

/**
 * The month's НДФЛ = tax(income since 1 January − deductions) − tax already computed.
 * It can be negative only when earlier months were overtaxed; the caller shows that as is.
 */
export function monthNdfl(input: NdflInput): Kopecks {
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new DomainError(`НДФЛ: ${NDFL_FIELD_NAMES[name as keyof NdflInput]} не может быть отрицательным`);
    }
  }
  const base = input.incomeBefore + input.monthIncome - input.deductionsBefore - input.monthDeduction;
  return ndflOnBase(base) - input.taxBefore;
}

const NDFL_FIELD_NAMES: Record<keyof NdflInput, string> = {
  monthIncome: 'доход месяца',
  incomeBefore: 'доход с начала года',
  deductionsBefore: 'вычеты с начала года',
  monthDeduction: 'вычет месяца',
  taxBefore: 'налог с начала года',
};

/**
 * The NDFL custom function's reading: the base before this month is
 * `baseBefore` (income since 1 January less the deductions already given), the
 * tax already computed is the tax on it, and this month adds its income less its deduction.
 */
export function ndflForMonth(monthIncome: Kopecks, baseBefore: Kopecks = 0, monthDeduction: Kopecks = 0): Kopecks {
  return monthNdfl({
    monthIncome,
    incomeBefore: baseBefore,
    deductionsBefore: 0,
    monthDeduction,
    taxBefore: ndflOnBase(baseBefore),
  });
}

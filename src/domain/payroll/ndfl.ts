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
 * The tax a payment owes = tax(income since 1 January − deductions since 1 January) − tax
 * already withheld this year, never negative (НК ст. 226 п. 3): a month whose deduction exceeds
 * its income owes nothing, and the tax withheld before stays credited to the later months.
 * Deductions above the income are not lost: they lower the base of the later payments of the year.
 */
export function ndflDue(input: NdflInput): Kopecks {
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new DomainError(`НДФЛ: ${NDFL_FIELD_NAMES[name as keyof NdflInput]} не может быть отрицательным`);
    }
  }
  const base = input.incomeBefore + input.monthIncome - input.deductionsBefore - input.monthDeduction;
  return Math.max(0, ndflOnBase(base) - input.taxBefore);
}

/**
 * НК ст. 226 п. 4: the tax withheld at one payment may not exceed half of it. In whole rubles
 * (ст. 52 п. 6), rounded down so that it never passes the half.
 */
export function withholdingLimit(payment: Kopecks): Kopecks {
  if (!Number.isInteger(payment) || payment < 0) throw new RangeError('a payment must be whole non-negative kopecks');
  return Math.floor(payment / (2 * RUB)) * RUB;
}

/**
 * The НДФЛ withheld at one payment: what it owes ({@link ndflDue}), at most half of the payment
 * (НК ст. 226 п. 4). What the half leaves unwithheld stays owed: the next payment of the year owes
 * it again, because its tax since 1 January is counted against the tax actually withheld.
 */
export function monthNdfl(input: NdflInput): Kopecks {
  return Math.min(ndflDue(input), withholdingLimit(input.monthIncome));
}

const NDFL_FIELD_NAMES: Record<keyof NdflInput, string> = {
  monthIncome: 'доход месяца',
  incomeBefore: 'доход с начала года',
  deductionsBefore: 'вычеты с начала года',
  monthDeduction: 'вычет месяца',
  taxBefore: 'налог с начала года',
};

/**
 * The NDFL custom function's reading: `baseBefore` is the income since 1 January before this
 * payment less the deductions since 1 January (negative while deductions exceed the income),
 * this payment adds its income less its deduction, and the tax already withheld is `taxBefore`
 * (by default the tax on the base before). Never negative, and at most `limitShare` of the
 * payment (НК ст. 226 п. 4: half; a share of 1 gives the tax owed without the limit).
 */
export function ndflForMonth(
  monthIncome: Kopecks,
  baseBefore: Kopecks = 0,
  monthDeduction: Kopecks = 0,
  taxBefore: Kopecks = ndflOnBase(baseBefore),
  limitShare: 0.5 | 1 = 0.5,
): Kopecks {
  for (const value of [monthIncome, monthDeduction, taxBefore]) {
    if (!Number.isInteger(value) || value < 0) throw new DomainError('НДФЛ: суммы не могут быть отрицательными');
  }
  if (!Number.isInteger(baseBefore)) throw new RangeError('the tax base must be whole kopecks');
  const due = Math.max(0, ndflOnBase(baseBefore + monthIncome - monthDeduction) - taxBefore);
  return limitShare === 1 ? due : Math.min(due, withholdingLimit(monthIncome));
}

/** Child deductions stop from the month in which income since 1 January passes this (НК ст. 218 п. 1 пп. 4). */
export const CHILD_DEDUCTION_INCOME_LIMIT: Kopecks = 450_000 * RUB;

/** The children an employee claims the standard deduction for («Сотрудники»). */
export interface ChildDeductions {
  /** children counted in order of birth: 1 400 for the first, 2 800 for the second, 6 000 for each next */
  children: number;
  /** of them, disabled children: 12 000 each, on top of the order's amount */
  disabled: number;
  /** a sole parent gets each amount doubled */
  soleParent: boolean;
}

export const NO_CHILDREN: ChildDeductions = { children: 0, disabled: 0, soleParent: false };

/** The month's child deduction (НК ст. 218 п. 1 пп. 4 in force from 2025), before the income limit. */
export function childDeduction(kids: ChildDeductions): Kopecks {
  const { children, disabled } = kids;
  if (!Number.isInteger(children) || children < 0 || !Number.isInteger(disabled) || disabled < 0) {
    throw new DomainError('Вычеты на детей: число детей должно быть целым неотрицательным');
  }
  if (disabled > children) {
    throw new DomainError(`Вычеты на детей: детей-инвалидов (${disabled}) больше, чем детей (${children})`);
  }
  let sum = 0;
  for (let i = 1; i <= children; i++) sum += i === 1 ? 1_400 * RUB : i === 2 ? 2_800 * RUB : 6_000 * RUB;
  sum += disabled * 12_000 * RUB;
  return kids.soleParent ? sum * 2 : sum;
}

/** The child deduction of a month whose income since 1 January (this month included) is `incomeSinceJanuary`. */
export function childDeductionForMonth(kids: ChildDeductions, incomeSinceJanuary: Kopecks): Kopecks {
  return incomeSinceJanuary > CHILD_DEDUCTION_INCOME_LIMIT ? 0 : childDeduction(kids);
}

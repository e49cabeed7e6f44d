import { compareWithFraction, DomainError, type Kopecks, multiplyKopecks } from '../money';

/** The three plan rates of sections 6.2 and 6.3, as fractions. */
export interface PlanRates {
  /** f < 100 %: 3 % by default */
  under: number;
  /** plan met: 4 % by default */
  met: number;
  /** plan exceeded: 5 % by default */
  over: number;
}

export const DEFAULT_PLAN_RATES: PlanRates = { under: 0.03, met: 0.04, over: 0.05 };

/** «Exceeded» means f > this threshold; f from 1 up to it counts as «met». */
export const DEFAULT_OVER_THRESHOLD = 1;

function requirePlan(planKop: Kopecks): void {
  if (!(planKop > 0)) {
    throw new DomainError('Не задан план продаж (план должен быть больше нуля): заполните лист «Планы»');
  }
}

function requireSales(salesKop: Kopecks): void {
  if (!(salesKop >= 0)) throw new DomainError('Продажи не могут быть отрицательными');
}

/** Each plan rate must be a share from 0 to 1. */
export function checkPlanRates(rates: PlanRates): void {
  for (const value of [rates.under, rates.met, rates.over]) {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new DomainError('Ставки премии за план должны быть долями от 0 до 1 (например, 0,03; 0,04; 0,05)');
    }
  }
}

/** The «exceeded» threshold must be at least 1 (100 %). */
export function checkOverThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold < 1) {
    throw new DomainError('Порог перевыполнения плана должен быть не меньше 1 (100 %)');
  }
}

/** f = sales / plan, as a fraction (1.2 = 120 %). */
export function planFulfilment(salesKop: Kopecks, planKop: Kopecks): number {
  requireSales(salesKop);
  requirePlan(planKop);
  return salesKop / planKop;
}

export type PlanOutcome = 'under' | 'met' | 'over';

/** Which of the three rates applies, compared exactly in kopecks. */
export function planOutcome(
  salesKop: Kopecks,
  planKop: Kopecks,
  overThreshold: number = DEFAULT_OVER_THRESHOLD,
): PlanOutcome {
  requireSales(salesKop);
  requirePlan(planKop);
  checkOverThreshold(overThreshold);
  if (salesKop < planKop) return 'under';
  return compareWithFraction(salesKop, planKop, overThreshold) > 0 ? 'over' : 'met';
}

/** The rate of the month: under, met or over, by fulfilment and the threshold. */
export function planRate(
  salesKop: Kopecks,
  planKop: Kopecks,
  rates: PlanRates = DEFAULT_PLAN_RATES,
  overThreshold: number = DEFAULT_OVER_THRESHOLD,
): number {
  checkPlanRates(rates);
  return rates[planOutcome(salesKop, planKop, overThreshold)];
}

/** Bonus = rate × the month's sales (not × оклад), rounded half-up to the kopeck. */
export function planBonus(
  salesKop: Kopecks,
  planKop: Kopecks,
  rates: PlanRates = DEFAULT_PLAN_RATES,
  overThreshold: number = DEFAULT_OVER_THRESHOLD,
): Kopecks {
  return multiplyKopecks(salesKop, planRate(salesKop, planKop, rates, overThreshold));
}

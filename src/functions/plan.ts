import { DomainError, kopecksToRubles, multiplyKopecks } from '../domain/money';
import {
  DEFAULT_OVER_THRESHOLD,
  DEFAULT_PLAN_RATES,
  planFulfilment,
  planRate,
  type PlanRates,
} from '../domain/payroll/plan-bonus';
import {
  broadcast,
  type Cell,
  type CellArg,
  type CellResult,
  isBlank,
  optional,
  toAmount,
  toList,
  toNumber,
} from './cells';

const SALES = 'Продажи';

function readPlan(cell: Cell) {
  if (isBlank(cell)) {
    throw new DomainError('Не задан план продаж: заполните план на листе «Планы»');
  }
  return toAmount(cell, 'План продаж');
}

function readRates(arg: CellArg | undefined): PlanRates {
  const list = toList(arg);
  if (list.length === 0) return DEFAULT_PLAN_RATES;
  if (list.length !== 3) {
    throw new DomainError(
      `Ставки премии за план: нужны три значения (не выполнен, выполнен, перевыполнен), получено ${list.length}`,
    );
  }
  const [under, met, over] = list.map((cell, i) => toNumber(cell, `Ставка премии за план №${i + 1}`));
  return { under, met, over };
}

function readThreshold(arg: CellArg | undefined): number {
  return optional(arg, (cell) => toNumber(cell, 'Порог перевыполнения плана')) ?? DEFAULT_OVER_THRESHOLD;
}

/**
 * Over a range of employees (one formula for a column), a row whose plan is blank comes back
 * blank: that employee earns no plan bonus (probation, «Без категории»), which the ведомость says
 * beside it. A single formula with a blank plan is an error naming it.
 */
function overRows(plan: CellArg, fn: (...cells: Cell[]) => CellResult): (...cells: Cell[]) => CellResult {
  const range = isRange(plan);
  return (...cells) => (range && isBlank(cells[1]) ? '' : fn(...cells));
}

/** A range of more than one cell (a 1×1 range is a single value). */
function isRange(arg: CellArg): boolean {
  return Array.isArray(arg) && !(arg.length === 1 && arg[0].length === 1);
}

/** PLAN_FULFILMENT(sales, plan): sales ÷ plan as a fraction. */
export function planFulfilmentCells(sales: CellArg, plan: CellArg): CellResult | CellResult[][] {
  return broadcast(
    [sales, plan],
    overRows(plan, (s, p) => planFulfilment(toAmount(s, SALES, true), readPlan(p))),
  );
}

/** PLAN_RATE(sales, plan, [rates], [over_threshold]): 0.03, 0.04 or 0.05. */
export function planRateCells(
  sales: CellArg,
  plan: CellArg,
  rates?: CellArg,
  overThreshold?: CellArg,
): CellResult | CellResult[][] {
  const planRates = readRates(rates);
  const threshold = readThreshold(overThreshold);
  return broadcast(
    [sales, plan],
    overRows(plan, (s, p) => planRate(toAmount(s, SALES, true), readPlan(p), planRates, threshold)),
  );
}

/**
 * PLAN_BONUS(sales, plan, [rates], [over_threshold], [bonus_sales]): the month's rate × the sales
 * that earn it, in rubles: all the month's sales, or `bonus_sales` (the sales after probation);
 * a `bonus_sales` of 0 pays 0 without a plan.
 */
export function planBonusCells(
  sales: CellArg,
  plan: CellArg,
  rates?: CellArg,
  overThreshold?: CellArg,
  bonusSales?: CellArg,
): CellResult | CellResult[][] {
  const planRates = readRates(rates);
  const threshold = readThreshold(overThreshold);
  return broadcast([sales, plan, bonusSales ?? ''], (s, p, b) => {
    const salesKop = toAmount(s, SALES, true);
    const paidOn = isBlank(b) ? salesKop : toAmount(b, 'Продажи для премии');
    if (paidOn > salesKop) throw new DomainError('Продажи для премии не могут быть больше продаж месяца');
    // no sales earn a bonus (probation, «Без категории»): nothing to pay, whatever the plan
    if (paidOn === 0 && !isBlank(b)) return 0;
    return kopecksToRubles(multiplyKopecks(paidOn, planRate(salesKop, readPlan(p), planRates, threshold)));
  });
}

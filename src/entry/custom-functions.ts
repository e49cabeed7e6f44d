/**
 * Custom functions typed into cells. Each is pure (no service calls), takes
 * single values or same-shaped ranges and returns a value or an array.
 * The JSDoc of each function is what Sheets shows in its autocomplete help;
 * the build copies it above the function's top-level declaration in Code.js.
 */
import type { CellArg, CellResult } from '../functions/cells';
import { planBonusCells, planFulfilmentCells, planRateCells } from '../functions/plan';

/**
 * Выполнение плана продаж: продажи ÷ план, долей (1,2 = 120 %).
 *
 * @param {number|Array<Array<number>>} sales Продажи за месяц, руб. (число или диапазон).
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб. (число или диапазон того же размера).
 * @return {number|Array<Array<number>>} Доля выполнения плана.
 * @customfunction
 */
export function PLAN_FULFILMENT(sales: CellArg, plan: CellArg): CellResult | CellResult[][] {
  return planFulfilmentCells(sales, plan);
}

/**
 * Ставка премии за план: 3 % при невыполнении, 4 % при выполнении, 5 % при перевыполнении.
 *
 * @param {number|Array<Array<number>>} sales Продажи за месяц, руб.
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб.
 * @param {Array<Array<number>>} rates Необязательно: три ставки долями (не выполнен; выполнен; перевыполнен), по умолчанию 0,03; 0,04; 0,05.
 * @param {number} over_threshold Необязательно: перевыполнение — выполнение больше этой доли (по умолчанию 1 = 100 %).
 * @return {number|Array<Array<number>>} Ставка долей (0,05 = 5 %).
 * @customfunction
 */
export function PLAN_RATE(
  sales: CellArg,
  plan: CellArg,
  rates?: CellArg,
  over_threshold?: CellArg,
): CellResult | CellResult[][] {
  return planRateCells(sales, plan, rates, over_threshold);
}

/**
 * Премия за план: ставка × продажи месяца, в рублях с копейками.
 *
 * @param {number|Array<Array<number>>} sales Продажи за месяц, руб.
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб.
 * @param {Array<Array<number>>} rates Необязательно: три ставки долями (не выполнен; выполнен; перевыполнен), по умолчанию 0,03; 0,04; 0,05.
 * @param {number} over_threshold Необязательно: перевыполнение — выполнение больше этой доли (по умолчанию 1 = 100 %).
 * @return {number|Array<Array<number>>} Премия, руб.
 * @customfunction
 */
export function PLAN_BONUS(
  sales: CellArg,
  plan: CellArg,
  rates?: CellArg,
  over_threshold?: CellArg,
): CellResult | CellResult[][] {
  return planBonusCells(sales, plan, rates, over_threshold);
}

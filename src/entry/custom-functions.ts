/**
 * Custom functions typed into cells. Each is pure (no service calls), takes
 * single values or same-shaped ranges and returns a value or an array.
 * The JSDoc of each function is what Sheets shows in its autocomplete help;
 * the build copies it above the function's top-level declaration in Code.js.
 */
import type { CellArg, CellResult } from '../functions/cells';
import { workingDaysCells } from '../functions/calendar';
import { basePayCells, holidayPayCells, kpiBonusCells, mrotTopupCells, ndflCells } from '../functions/pay';
import { planBonusCells, planFulfilmentCells, planRateCells } from '../functions/plan';
import { amountInWordsCells } from '../functions/words';
import { SheetDates } from '../adapter/sheet-dates';

/**
 * Выполнение плана продаж: продажи ÷ план, долей (1,2 = 120 %).
 *
 * @param {number|Array<Array<number>>} sales Продажи за месяц, руб. (число или диапазон).
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб. (число или диапазон того же размера; в диапазоне строка с пустым планом остаётся пустой).
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
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб. (в диапазоне строка с пустым планом остаётся пустой).
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
 * Премия за план: ставка месяца × продажи, в рублях с копейками (округление до копейки по правилам арифметики, половина — вверх).
 *
 * @param {number|Array<Array<number>>} sales Продажи за месяц, руб. (по ним выбирается ставка).
 * @param {number|Array<Array<number>>} plan План продаж за месяц, руб..
 * @param {Array<Array<number>>} rates Необязательно: три ставки долями (не выполнен; выполнен; перевыполнен), по умолчанию 0,03; 0,04; 0,05.
 * @param {number} over_threshold Необязательно: перевыполнение — выполнение больше этой доли (по умолчанию 1 = 100 %).
 * @param {number|Array<Array<number>>} bonus_sales Необязательно: продажи, на которые начисляется премия (например, после окончания испытательного срока), руб.; по умолчанию все продажи месяца; 0 — премии нет, план не нужен.
 * @return {number|Array<Array<number>>} Премия, руб.
 * @customfunction
 */
export function PLAN_BONUS(
  sales: CellArg,
  plan: CellArg,
  rates?: CellArg,
  over_threshold?: CellArg,
  bonus_sales?: CellArg,
): CellResult | CellResult[][] {
  return planBonusCells(sales, plan, rates, over_threshold, bonus_sales);
}

/**
 * Начисление по окладу или по ставке испытательного срока: оклад × отработано ÷ норма; на испытательном сроке 1 000 руб. × отработанные дни.
 *
 * @param {string|Array<Array<string>>} category Категория: I, II, «Без категории», «ИС» (испытательный срок); можно «I категория», «1», «2».
 * @param {number|Array<Array<number>>} days_worked Отработано дней за месяц (из табеля).
 * @param {number|Array<Array<number>>} norm_days Норма рабочих дней месяца (см. WORKING_DAYS).
 * @param {Array<Array<number>>} salaries Необязательно: оклады — I категории; II категории; без категории; ставка испытательного срока в день (по умолчанию 20 000; 12 000; не задан; 1 000).
 * @return {number|Array<Array<number>>} Начислено, руб.
 * @customfunction
 */
export function BASE_PAY(
  category: CellArg,
  days_worked: CellArg,
  norm_days: CellArg,
  salaries?: CellArg,
): CellResult | CellResult[][] {
  return basePayCells(category, days_worked, norm_days, salaries);
}

/**
 * Премия KPI: оклад × сумма процентов KPI; в режиме «порог» — тех, у которых факт не меньше цели, в режиме «пропорционально» — × min(факт ÷ цель; предел). Один сотрудник: KPI строкой или столбцом. Несколько сотрудников: оклады столбцом, KPI — строка на сотрудника.
 *
 * @param {number|Array<Array<number>>} salary Оклад (начислено по окладу), руб.; для нескольких сотрудников — столбец.
 * @param {Array<Array<number>>} facts Факты KPI: для одного сотрудника строка или столбец; для нескольких — строка на сотрудника, столбец на KPI; пустая ячейка — KPI не выполнен.
 * @param {Array<Array<number>>} targets Цели KPI: столько же значений, сколько фактов (для нескольких сотрудников — одна строка на всех или строка на сотрудника).
 * @param {Array<Array<number>>} percents Процент оклада за каждый KPI (5 или 5 % или 0,05), той же формы, что цели.
 * @param {Array<Array<string>>} modes Необязательно: режим каждого KPI — «порог» или «пропорционально», той же формы, что цели (по умолчанию «порог»).
 * @param {number} cap Необязательно: предел доли факт ÷ цель в режиме «пропорционально» (по умолчанию 1,5).
 * @return {number|Array<Array<number>>} Премия KPI, руб.
 * @customfunction
 */
export function KPI_BONUS(
  salary: CellArg,
  facts: CellArg,
  targets: CellArg,
  percents: CellArg,
  modes?: CellArg,
  cap?: CellArg,
): CellResult | CellResult[][] {
  return kpiBonusCells(salary, facts, targets, percents, modes, cap);
}

/**
 * Оплата работы в выходные и праздничные дни (ТК ст. 153): дневная ставка (оклад ÷ норма дней; на испытательном сроке — ставка в день) × дни × 2 (или другой множитель, не меньше 2).
 *
 * @param {string|Array<Array<string>>} category Категория: I, II, «Без категории», «ИС» (испытательный срок).
 * @param {number|Array<Array<number>>} days Дней работы в выходные и праздники за месяц (из табеля).
 * @param {number|Array<Array<number>>} norm_days Норма рабочих дней месяца (см. WORKING_DAYS).
 * @param {Array<Array<number>>} salaries Необязательно: оклады — I категории; II категории; без категории; ставка испытательного срока в день.
 * @param {number} multiplier Необязательно: во сколько раз оплачивается день (по умолчанию 2).
 * @return {number|Array<Array<number>>} Оплата, руб.
 * @customfunction
 */
export function HOLIDAY_PAY(
  category: CellArg,
  days: CellArg,
  norm_days: CellArg,
  salaries?: CellArg,
  multiplier?: CellArg,
): CellResult | CellResult[][] {
  return holidayPayCells(category, days, norm_days, salaries, multiplier);
}

/**
 * Доплата до МРОТ (ТК ст. 133): МРОТ × отработано ÷ норма − начислено, если больше нуля.
 *
 * @param {number|Array<Array<number>>} accrued Начислено за месяц без доплаты (оклад или ставка + премии), руб.
 * @param {number|Array<Array<number>>} days_worked Отработано дней за месяц.
 * @param {number|Array<Array<number>>} norm_days Норма рабочих дней месяца.
 * @param {number} mrot Необязательно: МРОТ, руб. (по умолчанию 27 093 — с 1 января 2026 года).
 * @return {number|Array<Array<number>>} Доплата, руб.
 * @customfunction
 */
export function MROT_TOPUP(
  accrued: CellArg,
  days_worked: CellArg,
  norm_days: CellArg,
  mrot?: CellArg,
): CellResult | CellResult[][] {
  return mrotTopupCells(accrued, days_worked, norm_days, mrot);
}

/**
 * НДФЛ с выплаты по прогрессивной шкале нарастающим итогом с 1 января, в целых рублях, не меньше нуля: налог(база с начала года) − налог, удержанный ранее, но не больше половины выплаты.
 *
 * @param {number|Array<Array<number>>} month_income Доход этой выплаты (аванс или окончательный расчёт), руб.
 * @param {number|Array<Array<number>>} income_before_this_month Необязательно: доход с 1 января до этой выплаты за вычетом вычетов с 1 января, руб. (меньше нуля, пока вычеты больше дохода).
 * @param {number|Array<Array<number>>} deductions Необязательно: стандартные вычеты, предоставляемые при этой выплате, руб.
 * @param {number|Array<Array<number>>} tax_before Необязательно: НДФЛ, удержанный с 1 января до этой выплаты, руб. (по умолчанию — налог с дохода до выплаты).
 * @param {number} limit_share Необязательно: больше какой доли выплаты налог не удерживается — 50 % по умолчанию (НК ст. 226 п. 4, остаток удерживается из следующих выплат); 100 % — налог к удержанию без этого ограничения.
 * @return {number|Array<Array<number>>} НДФЛ, руб.
 * @customfunction
 */
export function NDFL(
  month_income: CellArg,
  income_before_this_month?: CellArg,
  deductions?: CellArg,
  tax_before?: CellArg,
  limit_share?: CellArg,
): CellResult | CellResult[][] {
  return ndflCells(month_income, income_before_this_month, deductions, tax_before, limit_share);
}

/**
 * Норма рабочих дней месяца по производственному календарю (пятидневка), 2025 и 2026 годы.
 *
 * @param {Date|string|Array<Array<Date>>} month Месяц: дата внутри месяца или текст «ГГГГ-ММ», например «2026-03».
 * @return {number|Array<Array<number>>} Рабочих дней в месяце.
 * @customfunction
 */
export function WORKING_DAYS(month: CellArg): CellResult | CellResult[][] {
  return workingDaysCells(sheetDays(month));
}

/** Dates among the arguments as the day the spreadsheet shows (its time zone may not be the script's). */
function sheetDays(arg: CellArg): CellArg {
  const hasDate = Array.isArray(arg) ? arg.some((r) => r.some((v) => v instanceof Date)) : arg instanceof Date;
  if (!hasDate) return arg;
  const dates = SheetDates.of(SpreadsheetApp.getActiveSpreadsheet());
  return (Array.isArray(arg) ? arg.map((r) => r.map((v) => dates.fromSheet(v))) : dates.fromSheet(arg)) as CellArg;
}

/**
 * Сумма прописью для ведомости: «Двенадцать тысяч рублей 00 копеек».
 *
 * @param {number|Array<Array<number>>} amount Сумма, руб. (копейки — после запятой).
 * @return {string|Array<Array<string>>} Сумма прописью.
 * @customfunction
 */
export function AMOUNT_IN_WORDS(amount: CellArg): CellResult | CellResult[][] {
  return amountInWordsCells(amount);
}

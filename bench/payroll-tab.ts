/**
 * Cost of «Рассчитать за месяц…» and of the payroll tab's recalculation in the
 * local runtime, for 10 and 100 employees: service calls, executions (each
 * custom-function evaluation is one on Google), cells read and written, the
 * estimated time on Google, the itemised minimum, and a plausible naive
 * add-on's calls (one getValues per tab read, one setValue per cell written).
 */
import { computeMonth, payrollSession, sizedWorkbook } from '../test/payroll/payroll-workbook';
import { type ActionCost, measure, naiveCalls, printTable } from './action-costs';

const CASES: Array<[number, number]> = [
  [10, 1_000],
  [100, 20_000],
];

/**
 * What «Рассчитать за месяц…» needs whatever the implementation, item by item. Formatting a
 * block where Google has a 2-D setter (setWraps, setHorizontalAlignments, setFontSizes) counts
 * one call on the content range; merges, borders and widths go a range at a time.
 */
export const PAYROLL_MINIMUM: Array<[what: string, calls: number]> = [
  ['меню разбирает очередь: getActiveSpreadsheet, getDocumentProperties, getProperties', 3],
  ['месяц и итог: getUi, prompt, getSelectedButton, getResponseText, alert', 5],
  ['директор ли: getActiveUser, getEmail, getOwner, getEmail', 4],
  ['сегодня в поясе таблицы (месяц по умолчанию): getSpreadsheetTimeZone, getScriptTimeZone', 2],
  [
    '«Настройки», «Сотрудники», «Табель», «Планы», «Сделки», «Претензии», закрытые месяцы: getSheetByName, getDataRange, getValues',
    21,
  ],
  ['прежний лист и временный: getSheetByName ×2, insertSheet', 3],
  ['размер листа: getMaxColumns, insertColumnsAfter, getMaxRows', 3],
  ['содержимое: getRange, setValues, setNumberFormats, setBackgrounds, setFontWeights', 5],
  ['объединения шапки и подписей: getRange, merge ×4', 8],
  [
    'перенос текста, выравнивание, размер шрифта: setWraps, setHorizontalAlignments, setVerticalAlignments, setFontSizes',
    4,
  ],
  ['ширины столбцов: setColumnWidths по одной на группу', 19],
  ['рамка таблицы: getRange, setBorder', 2],
  ['высота строк сотрудников: setRowHeights', 1],
  ['закрепление и скрытый столбец: setFrozenRows, hideColumns', 2],
  ['защита: getProtections, protect, setDescription, setWarningOnly, getEditors, canDomainEdit', 6],
  ['замена листа: setName, setActiveSheet', 2],
  ['ход расчёта: toast ×3', 3],
  [
    'отметка расчёта и строка «Журнала» под одной блокировкой: getDocumentLock, waitLock, getProperties, setProperty, flush, releaseLock',
    6,
  ],
  ['«Журнал»: getSheetByName, appendRow', 2],
];

/**
 * The custom-function executions a recalculation of the tab needs: one per column the add-on's
 * functions compute (WORKING_DAYS, BASE_PAY for both parts of the base, PLAN_FULFILMENT, PLAN_RATE,
 * PLAN_BONUS, KPI_BONUS, MROT_TOPUP, HOLIDAY_PAY, NDFL at the аванс, at the final payment and
 * both without the 50 % limit, AMOUNT_IN_WORDS), whatever the number of employees.
 */
export const PAYROLL_COLUMNS_MINIMUM = 12;

export function measurePayroll(employees: number, deals: number): { compute: ActionCost; recalc: ActionCost } {
  const s = payrollSession(sizedWorkbook(employees, deals), new Date(2026, 3, 15));
  const compute = measure(s, () => computeMonth(s, '03.2026'));
  const recalc = measure(s, () => s.recalculate());
  return { compute, recalc };
}

const fmt = (n: number) => Math.round(n).toLocaleString('ru-RU');
const ratio = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(2)}` : '—');

/** Prints the table. */
export function runPayrollTabBench(): void {
  const minCalls = PAYROLL_MINIMUM.reduce((a, [, n]) => a + n, 0);
  const rows: string[][] = [];
  for (const [employees, deals] of CASES) {
    const { compute, recalc } = measurePayroll(employees, deals);
    rows.push([
      `Рассчитать за месяц @${employees}/${fmt(deals)}`,
      fmt(compute.calls),
      fmt(minCalls),
      ratio(compute.calls, minCalls),
      `${compute.executions}`,
      `${compute.customFunctionExecutions}/${PAYROLL_COLUMNS_MINIMUM}`,
      fmt(compute.cellsRead),
      fmt(compute.cellsWritten),
      fmt(naiveCalls(compute)),
      ratio(naiveCalls(compute), compute.calls),
      fmt(compute.estimateMs),
    ]);
    rows.push([
      `Пересчёт ведомости @${employees}/${fmt(deals)}`,
      fmt(recalc.calls),
      '0',
      '—',
      `${recalc.executions}`,
      `${recalc.customFunctionExecutions}/${PAYROLL_COLUMNS_MINIMUM}`,
      fmt(recalc.cellsRead),
      fmt(recalc.cellsWritten),
      '—',
      '—',
      fmt(recalc.estimateMs),
    ]);
  }
  printTable(
    'Ведомость (сотрудников/сделок): вызовы, выполнения, пользовательские функции, ячейки, оценка времени на Google',
    [
      'Действие @сотр./сделок',
      'Вызовов',
      'Минимум',
      'Доля',
      'Выполнений',
      'Функций/мин.',
      'Прочитано яч.',
      'Записано яч.',
      'Наивно, вызовов',
      'Наивно/факт',
      'Google, мс',
    ],
    rows,
  );
}

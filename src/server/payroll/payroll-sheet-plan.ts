/**
 * The «Зарплата ММ.ГГГГ» tab as a pure plan: the grid of values and formulas,
 * number formats, backgrounds, font weights and merges, so the whole tab is
 * unit-testable and written in a constant number of service calls. It is a
 * расчётно-платёжная ведомость in the spirit of Т-49 (domain 5): every money
 * cell of an employee is a formula over the add-on's custom functions and plain
 * references, with its inputs as values in the row, in the parameters block
 * below the signatures, or in the helper columns to the right of «Подпись».
 * Each formula cell also carries the value the engine computed for it, so the
 * tab can be written as values where the custom functions do not exist (the
 * director's separate payroll spreadsheet).
 */
import { daysInMonth, monthKey, type YearMonth } from '../../domain/calendar';
import { formatDateRu } from '../../domain/crm/values';
import { type Kopecks, kopecksToRubles } from '../../domain/money';
import type { StaffRecord } from '../../domain/payroll/inputs';
import type { MonthPayroll, PayrollLines } from '../../domain/payroll/month';
import { KPI_MODE_LABELS } from '../../domain/payroll/kpi-bonus';
import type { Settings } from '../../domain/settings';
import { amountInWords } from '../../domain/words';
import { safeCellText } from '../../adapter/safe-text';
import { formatRubles } from '../../domain/payroll/payslip';
import { columnWidthsFor, type MeasuredRow } from './text-width';

/** What a cell of the plan holds: a number, text ready to write (quoted when needed), a formula «=…», or blank. */
export type PlanCell = string | number;

/** A block of cells, 1-based. */
export interface PlanBlock {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Columns `start` … `start + count − 1` (1-based) are `width` pixels wide. */
export interface ColumnWidths {
  start: number;
  count: number;
  width: number;
}

/** Neighbouring columns of equal width as groups, so a sheet takes them in a fixed number of calls. */
export function widthGroups(widths: readonly number[], firstColumn = 1): ColumnWidths[] {
  const groups: ColumnWidths[] = [];
  widths.forEach((width, i) => {
    const last = groups[groups.length - 1];
    // the groups cover the columns in order, so the last one always ends just before this one
    if (last && last.width === width) last.count++;
    else groups.push({ start: firstColumn + i, count: 1, width });
  });
  return groups;
}

export interface SheetPlan {
  values: PlanCell[][];
  numberFormats: string[][];
  backgrounds: Array<Array<string | null>>;
  fontWeights: Array<Array<'bold' | 'normal'>>;
  merges: PlanBlock[];
  /** rows frozen at the top: the title and the header row */
  frozenRows: number;
  /** blocks whose text wraps (the header row grows to fit it) */
  wraps: PlanBlock[];
  /** column widths in pixels, in groups of neighbouring columns of one width (1-based), one call each */
  columnWidths: ColumnWidths[];
  /** helper columns with the inputs of the formulas (hidden, shown on request) */
  hiddenColumns: { start: number; count: number } | null;
  /** for each formula cell, the value the payroll engine computed for it; null elsewhere */
  computedValues?: Array<Array<PlanCell | null>>;
  /** cell notes ('' for none), written only when present */
  notes?: string[][];
  /** blocks drawn with thin solid lines around and between every cell (Range.setBorder) */
  borders?: PlanBlock[];
  /** a block whose lines between rows are dashed: the cut lines between payslips */
  dashedInnerRows?: PlanBlock;
  /** rows of a given height in pixels (Sheet.setRowHeights), in groups of neighbouring rows */
  rowHeights?: Array<{ start: number; count: number; height: number }>;
  /** blocks aligned other than Sheets' default (text left, numbers right, bottom) */
  alignments?: Array<PlanBlock & { horizontal?: 'left' | 'center' | 'right'; vertical?: 'top' | 'middle' | 'bottom' }>;
  /** blocks in a font size other than the default 10 pt */
  fontSizes?: Array<PlanBlock & { size: number }>;
}

/**
 * The printed page (domain 5): what «Печать / PDF» asks of the export. The
 * export scales the visible columns to the paper's width, so the column widths
 * below are what keeps the text readable: at 10 pt a scale of 0.7 prints 7 pt.
 */
export const PAYROLL_PAGE = {
  size: 'A4',
  landscape: true,
  /** inches */
  margins: { top: 0.4, bottom: 0.5, left: 0.2, right: 0.2 },
  fontSize: 10,
  /** the smallest printed text the director can read */
  minPrintedPoints: 7,
} as const;

/** Sheets draws a 10 pt line in 21 px; a data row of the ведомость is this high so its «Подпись» cell can be signed in. */
export const SIGNATURE_ROW_HEIGHT = 40;

/** The note of a cell written as a value in place of its formula. */
export const FORMULA_NOTE_PREFIX = 'Формула: ';

export const MONEY_FORMAT = '#,##0.00';
export const PERCENT_FORMAT = '0.0%';
export const DAYS_FORMAT = '0';
export const ERROR_BACKGROUND = '#f4cccc';
export const HEADER_BACKGROUND = '#efefef';

/** The visible columns of the ведомость, in order. */
export const PAYROLL_HEADERS = [
  '№ п/п',
  'Таб. №',
  'ФИО',
  'Категория',
  'Оклад / ставка в день',
  'Норма дней',
  'Отработано дней',
  'Начислено по окладу / по ставке',
  'План',
  'Продажи',
  '% выполнения',
  'Ставка',
  'Премия за план',
  'Премия KPI',
  'Доплата до МРОТ',
  'Работа в выходные и праздники',
  'Всего начислено',
  'НДФЛ с аванса',
  'НДФЛ при окончательном расчёте',
  'Аванс выплачен',
  'К выплате',
  'Подпись',
] as const;

export type PayrollHeader = (typeof PAYROLL_HEADERS)[number];

/**
 * The least width of each column in pixels at the default 10 pt; the columns
 * grow from there to what they hold (payrollColumnWidths): every amount on one
 * line, every word of a header or a name whole. The full name and the category
 * wrap onto more lines of their tall rows; «Подпись» leaves room to sign.
 */
export const PAYROLL_COLUMN_WIDTHS: Readonly<Record<PayrollHeader, number>> = {
  '№ п/п': 30,
  'Таб. №': 36,
  ФИО: 110,
  Категория: 70,
  'Оклад / ставка в день': 50,
  'Норма дней': 40,
  'Отработано дней': 40,
  'Начислено по окладу / по ставке': 50,
  План: 50,
  Продажи: 50,
  '% выполнения': 40,
  Ставка: 40,
  'Премия за план': 50,
  'Премия KPI': 50,
  'Доплата до МРОТ': 50,
  'Работа в выходные и праздники': 50,
  'Всего начислено': 50,
  'НДФЛ с аванса': 50,
  'НДФЛ при окончательном расчёте': 50,
  'Аванс выплачен': 50,
  'К выплате': 50,
  Подпись: 72,
};

/**
 * The header as the printed ведомость shows it: long words shortened the way
 * Russian forms shorten them, so that 22 columns fit A4 landscape with every
 * word whole. The tab keeps the full headers (the add-on finds its columns by them).
 */
export const PRINT_HEADERS: Readonly<Record<PayrollHeader, string>> = {
  '№ п/п': '№ п/п',
  'Таб. №': 'Таб. №',
  ФИО: 'ФИО',
  Категория: 'Катег.',
  'Оклад / ставка в день': 'Оклад, ставка в день',
  'Норма дней': 'Норма дней',
  'Отработано дней': 'Отраб. дней',
  'Начислено по окладу / по ставке': 'Начисл. по окладу, ставке',
  План: 'План',
  Продажи: 'Продажи',
  '% выполнения': '% плана',
  Ставка: 'Ставка',
  'Премия за план': 'Премия за план',
  'Премия KPI': 'Премия KPI',
  'Доплата до МРОТ': 'Доплата до МРОТ',
  'Работа в выходные и праздники': 'Работа в выходн. и праздн.',
  'Всего начислено': 'Всего начислено',
  'НДФЛ с аванса': 'НДФЛ с аванса',
  'НДФЛ при окончательном расчёте': 'НДФЛ при оконч. расчёте',
  'Аванс выплачен': 'Аванс выплачен',
  'К выплате': 'К выплате',
  Подпись: 'Подпись',
};

/** The category as the printed ведомость shows it, shortened as its header is. */
export const PRINT_CATEGORIES: Readonly<Record<string, string>> = {
  'I категория': 'I кат.',
  'II категория': 'II кат.',
  'Без категории': 'Без кат.',
  'Испытательный срок': 'Испыт. срок',
};

/** Columns printed in whole rubles when every amount in them is whole (an оклад, a plan): nothing is lost. */
export const WHOLE_RUBLE_HEADERS: readonly PayrollHeader[] = ['Оклад / ставка в день', 'План'];

/** The columns whose text wraps within the row besides the header: the full name and the category. */
const WRAPPED_DATA = new Set<string>(['ФИО', 'Категория']);

/** The least width of a column the ведомость does not know (a column a person inserted). */
const OTHER_COLUMN_WIDTH = 40;

/**
 * The visible columns' widths from what they hold, as displayed: `header` and
 * `numbers` rows, the employees' `rows` (the full name and the category wrap)
 * and the `totals` row (bold). `columns` are the tab's header texts, one per
 * column (the printed header may shorten them). Used for the tab and, with
 * PRINT_HEADERS, for the print.
 */
export function payrollColumnWidths(parts: {
  columns: readonly string[];
  header: readonly string[];
  numbers?: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  totals?: readonly string[];
  /** more cells under the columns (the parameters block): amounts on one line, words whole */
  extra?: ReadonlyArray<{ texts: readonly string[]; wrap: boolean }>;
}): number[] {
  const wrapped = (c: number) => WRAPPED_DATA.has(parts.columns[c]);
  const measured: MeasuredRow[] = [
    { texts: parts.header, bold: true, wrap: () => true },
    ...(parts.numbers ? [{ texts: parts.numbers }] : []),
    ...parts.rows.map((texts) => ({ texts, wrap: wrapped })),
    ...(parts.totals ? [{ texts: parts.totals, bold: true }] : []),
    ...(parts.extra ?? []).map((e) => ({ texts: e.texts, wrap: () => e.wrap })),
  ];
  const known = PAYROLL_COLUMN_WIDTHS as Readonly<Record<string, number>>;
  return columnWidthsFor(
    measured,
    parts.columns.map((h) => known[h] ?? OTHER_COLUMN_WIDTH),
  );
}

/** The text Sheets shows for a plan cell under the formats of this tab (ru_RU). */
function displayText(value: PlanCell, format: string): string {
  if (typeof value === 'string') return value.startsWith("'") ? value.slice(1) : value;
  if (format === MONEY_FORMAT) return formatRubles(Math.round(value * 100));
  if (format === PERCENT_FORMAT) return `${(value * 100).toFixed(1).replace('.', ',')}%`;
  return String(value).replace('.', ',');
}

/** The hidden helper columns, when shown: wide enough for their wrapped headers. */
export const HELPER_COLUMN_WIDTH = 130;

/** Helper column headers (inputs of the formulas) after «Подпись» and one blank column. */
export const HELPER_HEADERS = {
  probationCategory: 'Категория для ставки',
  salaryCategory: 'Категория для оклада',
  probationDays: 'Дней по ставке испытательного срока',
  salaryDays: 'Дней по окладу',
  byRate: 'Начислено по ставке, руб.',
  bySalary: 'Начислено по окладу, руб.',
  kpiBase: 'База KPI (начислено по окладу), руб.',
  bonusPlan: 'План для премии, руб.',
  bonusSales: 'Продажи для премии, руб.',
  noBonusReason: 'Почему нет премии за план и KPI',
  holidayDays: 'Дней в выходные и праздники',
  accruedBeforeTopup: 'Начислено до доплаты до МРОТ, руб.',
  advance: 'Аванс начислен, руб.',
  finalIncome: 'Доход при окончательном расчёте, руб.',
  advanceBaseBefore: 'Облагаемый доход с начала года до аванса, руб.',
  finalBaseBefore: 'Облагаемый доход с начала года до окончательного расчёта, руб.',
  advanceDeduction: 'Вычет НДФЛ при авансе, руб.',
  finalDeduction: 'Вычет НДФЛ при окончательном расчёте, руб.',
  advanceTaxBefore: 'НДФЛ с начала года до аванса, руб.',
  finalTaxBefore: 'НДФЛ с начала года до окончательного расчёта, руб.',
  advanceDue: 'НДФЛ к удержанию с аванса без предела 50 %, руб.',
  finalDue: 'НДФЛ к удержанию при окончательном расчёте без предела 50 %, руб.',
  unwithheld: 'НДФЛ не удержан: больше половины выплаты (НК ст. 226 п. 4), руб.',
  advanceDate: 'Дата аванса',
  paymentDate: 'Дата окончательного расчёта',
  childDeduction: 'Из вычетов — на детей, руб.',
  estimated: 'НДФЛ учитывает расчётные (не закрытые) месяцы',
} as const;

export const TOTALS_LABEL = 'Итого';
export const WORDS_LABEL = 'Итого к выплате прописью:';
export const PARAMS_TITLE = 'Параметры расчёта (из листа «Настройки»)';
export const TITLE_PREFIX = 'Расчётно-платёжная ведомость за';

const MONTHS_NOMINATIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** «март 2026 г.» */
export function monthTitle(month: YearMonth): string {
  return `${MONTHS_NOMINATIVE[month.month - 1]} ${month.year} г.`;
}

/** 1-based column number to letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const WIDTH = PAYROLL_HEADERS.length;
/** 1-based column of a visible header. */
export function payrollCol(header: PayrollHeader): number {
  return PAYROLL_HEADERS.indexOf(header) + 1;
}

/** The money columns that the totals row sums. */
export const SUMMED_HEADERS = [
  'Начислено по окладу / по ставке',
  'Продажи',
  'Премия за план',
  'Премия KPI',
  'Доплата до МРОТ',
  'Работа в выходные и праздники',
  'Всего начислено',
  'НДФЛ с аванса',
  'НДФЛ при окончательном расчёте',
  'Аванс выплачен',
  'К выплате',
] as const satisfies readonly PayrollHeader[];

type SummedHeader = (typeof SUMMED_HEADERS)[number];

export interface SheetPlanInput {
  payroll: MonthPayroll;
  settings: Settings;
  /** staff by «Таб. №»: the category of an error row */
  staff: readonly StaffRecord[];
  /** when the ведомость is drawn up */
  today: Date;
}

/** Where things are on the tab, 1-based; the closing and the payslips find them the same way. */
export interface SheetLayout {
  headerRow: number;
  /** the row of column numbers under the header, as the unified forms have */
  numbersRow: number;
  firstDataRow: number;
  /** firstDataRow − 1 when there are no rows */
  lastDataRow: number;
  totalsRow: number;
  wordsRow: number;
  helperFirstCol: number;
  kpiNames: string[];
  width: number;
}

interface Params {
  salaries: string;
  rates: string;
  threshold: string;
  mrot: string;
  norm: string;
  holidayMultiplier: string;
  kpiCap: string;
  percents: string;
  modes: string;
}

const ref = (row: number, col: number) => `${columnLetter(col)}${row}`;
const absRange = (row: number, col: number, numCols: number) =>
  `$${columnLetter(col)}$${row}:$${columnLetter(col + numCols - 1)}$${row}`;
const rub = (k: number) => kopecksToRubles(k);

/** The layout of a month's tab with `rows` employees and these KPI. */
export function sheetLayout(rows: number, kpiNames: readonly string[]): SheetLayout {
  const headerRow = 4;
  const numbersRow = headerRow + 1;
  const firstDataRow = numbersRow + 1;
  const lastDataRow = firstDataRow + rows - 1;
  const totalsRow = lastDataRow + 1;
  return {
    headerRow,
    numbersRow,
    firstDataRow,
    lastDataRow,
    totalsRow,
    wordsRow: totalsRow + 2,
    helperFirstCol: WIDTH + 2,
    kpiNames: [...kpiNames],
    width: WIDTH + 1 + helperHeaders(kpiNames).length,
  };
}

/** The helper columns before the KPI facts and targets, in order: pairs that one array formula reads side by side. */
const HELPER_HEAD = [
  'probationCategory',
  'salaryCategory',
  'probationDays',
  'salaryDays',
  'byRate',
  'bySalary',
  'kpiBase',
  'bonusPlan',
  'bonusSales',
] as const satisfies ReadonlyArray<keyof typeof HELPER_HEADERS>;

/** The helper columns after the KPI facts and targets, in order. */
const HELPER_TAIL = [
  'noBonusReason',
  'holidayDays',
  'accruedBeforeTopup',
  'advance',
  'finalIncome',
  'advanceBaseBefore',
  'finalBaseBefore',
  'advanceDeduction',
  'finalDeduction',
  'advanceTaxBefore',
  'finalTaxBefore',
  'advanceDue',
  'finalDue',
  'unwithheld',
  'advanceDate',
  'paymentDate',
  'childDeduction',
  'estimated',
] as const satisfies ReadonlyArray<keyof typeof HELPER_HEADERS>;

type HelperKey = (typeof HELPER_HEAD)[number] | (typeof HELPER_TAIL)[number];

/** The helper headers of a layout, in column order from helperFirstCol. */
export function helperHeaders(kpiNames: readonly string[]): string[] {
  return [
    ...HELPER_HEAD.map((key) => HELPER_HEADERS[key]),
    ...kpiNames.map((n) => `Факт: ${n}`),
    ...kpiNames.map((n) => `Цель: ${n}`),
    ...HELPER_TAIL.map((key) => HELPER_HEADERS[key]),
  ];
}

/** 1-based column of a helper of a layout. */
function helperCol(layout: SheetLayout, key: HelperKey): number {
  const head = (HELPER_HEAD as readonly string[]).indexOf(key);
  if (head >= 0) return layout.helperFirstCol + head;
  const tail = (HELPER_TAIL as readonly string[]).indexOf(key);
  return layout.helperFirstCol + HELPER_HEAD.length + 2 * layout.kpiNames.length + tail;
}

class Grid {
  values: PlanCell[][] = [];
  computed: Array<Array<PlanCell | null>> = [];
  formats: string[][] = [];
  backgrounds: Array<Array<string | null>> = [];
  weights: Array<Array<'bold' | 'normal'>> = [];

  constructor(readonly width: number) {}

  private ensure(row: number): void {
    while (this.values.length < row) {
      this.values.push(Array<PlanCell>(this.width).fill(''));
      this.computed.push(Array<PlanCell | null>(this.width).fill(null));
      this.formats.push(Array<string>(this.width).fill(''));
      this.backgrounds.push(Array<string | null>(this.width).fill(null));
      this.weights.push(Array<'bold' | 'normal'>(this.width).fill('normal'));
    }
  }

  /** A number, or a blank cell (text goes through `text`, a formula through `formula`). */
  set(row: number, col: number, value: number | '', format = ''): void {
    this.ensure(row);
    this.values[row - 1][col - 1] = value;
    this.formats[row - 1][col - 1] = format;
  }

  /**
   * An array formula in the top-left cell of a block, with the values the engine computed for
   * every cell of the block: the cells below and beside it stay empty for the result to fill.
   */
  arrayFormula(row: number, col: number, formula: string, values: PlanCell[][], format: string): void {
    values.forEach((line, i) =>
      line.forEach((value, j) => {
        // Stryker disable next-line ArithmeticOperator: the block's rows are written before its formula (writeRowInputs), so they exist either way
        this.ensure(row + i);
        this.values[row + i - 1][col + j - 1] = '';
        this.computed[row + i - 1][col + j - 1] = value;
        this.formats[row + i - 1][col + j - 1] = format;
      }),
    );
    this.values[row - 1][col - 1] = formula;
  }

  /** A formula with the value the engine computed for it. */
  formula(row: number, col: number, formula: string, value: PlanCell, format = ''): void {
    this.ensure(row);
    this.values[row - 1][col - 1] = formula;
    this.computed[row - 1][col - 1] = value;
    this.formats[row - 1][col - 1] = format;
  }

  /** A text cell that is never read as a formula, even when it starts with «=». */
  text(row: number, col: number, value: string): void {
    this.ensure(row);
    this.values[row - 1][col - 1] = safeCellText(value);
  }

  rowStyle(row: number, from: number, to: number, style: { background?: string; bold?: boolean }): void {
    this.ensure(row);
    for (let c = from; c <= to; c++) {
      if (style.background) this.backgrounds[row - 1][c - 1] = style.background;
      if (style.bold) this.weights[row - 1][c - 1] = 'bold';
    }
  }
}

/** The sum of a column over the computed rows, which stand together above the rows that could not be computed. */
function sumOverRows(col: number, rows: readonly number[]): string {
  if (rows.length === 0) return '=0';
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first === last ? `=SUM(${ref(first, col)})` : `=SUM(${ref(first, col)}:${ref(last, col)})`;
}

/** The whole tab of a month. */
export function buildPayrollSheetPlan(input: SheetPlanInput): { plan: SheetPlan; layout: SheetLayout } {
  const { payroll, settings } = input;
  const kpiNames = settings.kpis.map((k) => k.name);
  const layout = sheetLayout(payroll.rows.length, kpiNames);
  const g = new Grid(layout.width);
  const month = payroll.month;
  const last = daysInMonth(month.year, month.month);

  g.text(1, 1, settings.organisation);
  g.text(2, 1, `${TITLE_PREFIX} ${monthTitle(month)}`);
  g.text(
    3,
    1,
    `Период: с ${formatDateRu(new Date(month.year, month.month - 1, 1))} по ` +
      `${formatDateRu(new Date(month.year, month.month - 1, last))}. Составлена ${formatDateRu(input.today)}`,
  );
  g.rowStyle(1, 1, WIDTH, { bold: true });
  g.rowStyle(2, 1, WIDTH, { bold: true });

  const hr = layout.headerRow;
  PAYROLL_HEADERS.forEach((h, i) => g.text(hr, i + 1, h));
  const helpers = helperHeaders(kpiNames);
  helpers.forEach((h, i) => g.text(hr, layout.helperFirstCol + i, h));
  g.rowStyle(hr, 1, layout.width, { bold: true, background: HEADER_BACKGROUND });
  PAYROLL_HEADERS.forEach((_, i) => g.set(layout.numbersRow, i + 1, i + 1, DAYS_FORMAT));
  g.rowStyle(layout.numbersRow, 1, WIDTH, { background: HEADER_BACKGROUND });

  // the parameters block after the signatures: the ranges the formulas pass to the custom functions.
  // «Печать / PDF» prints it on a page of its own, without the table's header over it.
  const signRow = layout.wordsRow + 2;
  const paramsTitleRow = signRow + 4;
  const p = paramsTitleRow + 1;
  // values under the wide money columns, so amounts and KPI names fit; labels overflow from column A up to them
  const valueCol = payrollCol('Начислено по окладу / по ставке');
  // labels start in column A and run over the empty columns up to the values (Sheets lets text overflow)
  const labelCol = 1;
  const params: Params = {
    salaries: absRange(p, valueCol, 4),
    rates: absRange(p + 1, valueCol, 3),
    threshold: `$${columnLetter(valueCol)}$${p + 2}`,
    mrot: `$${columnLetter(valueCol)}$${p + 3}`,
    norm: `$${columnLetter(valueCol)}$${p + 4}`,
    holidayMultiplier: `$${columnLetter(valueCol)}$${p + 6}`,
    kpiCap: `$${columnLetter(valueCol)}$${p + 7}`,
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: with no KPI nothing reads the range («Премия KPI» is a plain 0)
    percents: kpiNames.length > 0 ? absRange(p + 9, valueCol, kpiNames.length) : '',
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: with no KPI nothing reads the range
    modes: kpiNames.length > 0 ? absRange(p + 10, valueCol, kpiNames.length) : '',
  };

  const col = payrollCol;
  const okRows: number[] = [];
  const staffByTab = new Map(input.staff.map((s) => [s.tabNo.trim(), s]));
  // the computed rows first, one block that each column's array formula covers; the rows that
  // could not be computed after them, each with its reason
  const ordered = [...payroll.rows.filter((row) => row.ok), ...payroll.rows.filter((row) => !row.ok)];
  const computedRows: Array<{ r: number; lines: PayrollLines }> = [];
  ordered.forEach((row, i) => {
    const r = layout.firstDataRow + i;
    g.set(r, col('№ п/п'), i + 1);
    g.text(r, col('Таб. №'), row.tabNo);
    g.text(r, col('ФИО'), row.name);
    if (!row.ok) {
      g.text(r, col('Категория'), staffByTab.get(row.tabNo.trim())?.category ?? '');
      g.text(r, col('Начислено по окладу / по ставке'), `Не рассчитано: ${row.error}`);
      g.rowStyle(r, 1, WIDTH, { background: ERROR_BACKGROUND });
      return;
    }
    okRows.push(r);
    computedRows.push({ r, lines: row.lines });
    writeRowInputs(g, r, row.lines, layout, params, settings.ndflEnabled);
  });
  writeColumns(g, computedRows, layout, params, settings);

  const tr = layout.totalsRow;
  g.text(tr, col('ФИО'), TOTALS_LABEL);
  const totals = columnTotals(payroll);
  for (const h of SUMMED_HEADERS) g.formula(tr, col(h), sumOverRows(col(h), okRows), rub(totals(h)), MONEY_FORMAT);
  g.rowStyle(tr, 1, WIDTH, { bold: true });

  g.text(layout.wordsRow, 1, WORDS_LABEL);
  g.formula(
    layout.wordsRow,
    col('Категория'),
    `=AMOUNT_IN_WORDS(${ref(tr, col('К выплате'))})`,
    amountInWords(totals('К выплате')),
  );
  g.rowStyle(layout.wordsRow, 1, WIDTH, { bold: true });

  g.text(signRow, 1, `Директор _______________ / ${settings.director} /`);
  g.text(signRow + 2, 1, `Главный бухгалтер _______________ / ${settings.chiefAccountant || '                '} /`);

  g.text(paramsTitleRow, labelCol, PARAMS_TITLE);
  // printed on a page of its own, the block says which ведомость it belongs to
  g.text(paramsTitleRow, valueCol, `к ведомости за ${monthTitle(month)}, ${settings.organisation}`);
  g.rowStyle(paramsTitleRow, labelCol, WIDTH, { bold: true });
  g.text(p, labelCol, 'Оклады I, II, без категории; ставка испыт. срока в день, руб.');
  g.set(p, valueCol, rub(settings.salaries.I), MONEY_FORMAT);
  g.set(p, valueCol + 1, rub(settings.salaries.II), MONEY_FORMAT);
  g.set(p, valueCol + 2, settings.salaries.none === null ? '' : rub(settings.salaries.none), MONEY_FORMAT);
  g.set(p, valueCol + 3, rub(settings.probationDayRate), MONEY_FORMAT);
  g.text(p + 1, labelCol, 'Ставки премии за план: не выполнен; выполнен; перевыполнен');
  g.set(p + 1, valueCol, settings.planRates.under, PERCENT_FORMAT);
  g.set(p + 1, valueCol + 1, settings.planRates.met, PERCENT_FORMAT);
  g.set(p + 1, valueCol + 2, settings.planRates.over, PERCENT_FORMAT);
  g.text(p + 2, labelCol, 'Порог перевыполнения плана (доля плана)');
  g.set(p + 2, valueCol, settings.overThreshold, PERCENT_FORMAT);
  g.text(p + 3, labelCol, `МРОТ ${month.year}, руб.`);
  const mrot = settings.mrotByYear[month.year];
  g.set(p + 3, valueCol, mrot === undefined ? '' : rub(mrot), MONEY_FORMAT);
  g.text(p + 4, labelCol, `Норма рабочих дней, ${monthKey(month)}`);
  const norm = normCell(payroll, settings);
  if (norm.formula) g.formula(p + 4, valueCol, norm.formula, norm.value, DAYS_FORMAT);
  else g.set(p + 4, valueCol, norm.value, DAYS_FORMAT);
  g.text(p + 5, labelCol, 'Премия за план и KPI без категории (п. 6.2, 6.3: только II и I категории)');
  g.text(p + 5, valueCol, settings.noCategoryBonuses ? 'Да' : 'Нет');
  g.text(p + 6, labelCol, 'Работа в выходные и праздники (ТК ст. 153): дневная ставка × ');
  g.set(p + 6, valueCol, settings.holidayPayMultiplier);
  g.text(p + 7, labelCol, 'Предел KPI в режиме «пропорционально» (доля факт ÷ цель)');
  g.set(p + 7, valueCol, settings.kpiCap, PERCENT_FORMAT);
  if (kpiNames.length > 0) {
    g.text(p + 8, labelCol, 'KPI');
    g.text(p + 9, labelCol, 'KPI: % оклада за выполнение');
    g.text(p + 10, labelCol, 'KPI: режим');
    settings.kpis.forEach((kpi, i) => {
      g.text(p + 8, valueCol + i, kpi.name);
      g.set(p + 9, valueCol + i, kpi.percent, PERCENT_FORMAT);
      g.text(p + 10, valueCol + i, KPI_MODE_LABELS[kpi.mode]);
    });
  }

  const helperCount = helpers.length;
  const dataRows = payroll.rows.length;
  return {
    layout,
    plan: {
      values: g.values,
      computedValues: g.computed,
      numberFormats: g.formats,
      backgrounds: g.backgrounds,
      fontWeights: g.weights,
      merges: [
        { row: 1, col: 1, numRows: 1, numCols: WIDTH },
        { row: 2, col: 1, numRows: 1, numCols: WIDTH },
        { row: 3, col: 1, numRows: 1, numCols: WIDTH },
        { row: layout.wordsRow, col: col('Категория'), numRows: 1, numCols: WIDTH - col('Категория') + 1 },
      ],
      frozenRows: layout.numbersRow,
      wraps: [
        { row: hr, col: 1, numRows: 1, numCols: layout.width },
        // a long name or category takes a second line of its tall row
        ...(dataRows > 0 ? [{ row: layout.firstDataRow, col: payrollCol('ФИО'), numRows: dataRows, numCols: 2 }] : []),
        // KPI names over the columns of their percents
        ...(kpiNames.length > 0 ? [{ row: p + 8, col: valueCol, numRows: 1, numCols: kpiNames.length }] : []),
      ],
      columnWidths: [
        ...widthGroups(tabColumnWidths(g, layout, p, okRows)),
        { start: layout.helperFirstCol, count: helperCount, width: HELPER_COLUMN_WIDTH },
      ],
      hiddenColumns: { start: layout.helperFirstCol - 1, count: helperCount + 1 },
      // the table from its header to the totals, lined as the unified forms are
      borders: [{ row: hr, col: 1, numRows: layout.totalsRow - hr + 1, numCols: WIDTH }],
      rowHeights: dataRows > 0 ? [{ start: layout.firstDataRow, count: dataRows, height: SIGNATURE_ROW_HEIGHT }] : [],
      alignments: [
        { row: hr, col: 1, numRows: 2, numCols: WIDTH, horizontal: 'center', vertical: 'middle' },
        // «№ п/п» and «Таб. №» centred in their own bordered cells, so they never read as one number
        { row: layout.firstDataRow, col: 1, numRows: Math.max(1, dataRows), numCols: 2, horizontal: 'center' },
        { row: layout.firstDataRow, col: 1, numRows: Math.max(1, dataRows) + 1, numCols: WIDTH, vertical: 'middle' },
      ],
      fontSizes: [{ row: 2, col: 1, numRows: 1, numCols: WIDTH, size: 12 }],
    },
  };
}

/**
 * The tab's column widths from its cells as displayed: the full headers, the
 * employees' rows (an error row's message runs over the empty cells beside it
 * and is left out), the totals and the values of the parameters block.
 */
function tabColumnWidths(g: Grid, layout: SheetLayout, paramsRow: number, okRows: number[]): number[] {
  // a formula, or a cell an array formula fills, shows the value computed for it: the only cells that have one
  const texts = (row: number) =>
    PAYROLL_HEADERS.map((_, c) => displayText(g.computed[row - 1][c] ?? g.values[row - 1][c], g.formats[row - 1][c]));
  const rows = okRows.map(texts);
  const extra: Array<{ texts: string[]; wrap: boolean }> = [];
  // the labels of the parameters block run over the empty columns from column A: only the values count.
  // The block ends the tab; its row of KPI names wraps
  const valueCol = payrollCol('Начислено по окладу / по ставке');
  for (let r = paramsRow; r <= g.values.length; r++) {
    const row = texts(r).map((t, c) => (c + 1 >= valueCol ? t : ''));
    extra.push({ texts: row, wrap: r === paramsRow + 8 });
  }
  return payrollColumnWidths({
    columns: PAYROLL_HEADERS,
    header: [...PAYROLL_HEADERS],
    rows,
    totals: texts(layout.totalsRow),
    extra,
  });
}

/** The norm: the custom function when the built-in calendar applies, else the number from «Настройки». */
function normCell(payroll: MonthPayroll, settings: Settings): { value: number | ''; formula?: string } {
  if (payroll.norm === null) return { value: '' };
  const overridden = [...settings.calendar.holidays, ...settings.calendar.workingDays].some((d) =>
    d.startsWith(monthKey(payroll.month)),
  );
  return overridden
    ? { value: payroll.norm }
    : { value: payroll.norm, formula: `=WORKING_DAYS("${monthKey(payroll.month)}")` };
}

/** The kopecks each summed column adds up to over the computable rows (the sums of the rounded lines). */
function columnTotals(payroll: MonthPayroll): (header: SummedHeader) => Kopecks {
  const lineOf: Record<SummedHeader, (l: PayrollLines) => Kopecks> = {
    'Начислено по окладу / по ставке': (l) => l.byRate + l.bySalary,
    Продажи: (l) => l.sales,
    'Премия за план': (l) => l.planBonus,
    'Премия KPI': (l) => l.kpiBonus,
    'Доплата до МРОТ': (l) => l.mrotTopup,
    'Работа в выходные и праздники': (l) => l.holidayPay,
    'Всего начислено': (l) => l.accrued,
    'НДФЛ с аванса': (l) => l.ndflAdvance,
    'НДФЛ при окончательном расчёте': (l) => l.ndflFinal,
    'Аванс выплачен': (l) => l.advancePaid,
    'К выплате': (l) => l.toPay,
  };
  return (header) => payroll.rows.reduce((sum, row) => (row.ok ? sum + lineOf[header](row.lines) : sum), 0);
}

/**
 * The same tab with every formula replaced by its computed value and noted
 * «Формула: =…», for a spreadsheet where the add-on's custom functions do not
 * exist (in another spreadsheet a container-bound script's functions show
 * #NAME?). Anyone can still see how each number is made.
 */
export function valuesWithFormulaNotes(plan: SheetPlan): SheetPlan {
  const computed = plan.computedValues;
  const values = plan.values.map((row, r) =>
    row.map((v, c) => {
      const spilled = v === '' ? computed?.[r]?.[c] : null;
      // a cell that an array formula fills holds the value the engine computed for it
      if (spilled !== null && spilled !== undefined) {
        return safeCellText(spilled);
      }
      if (typeof v !== 'string' || !v.startsWith('=')) return v;
      const value = computed?.[r]?.[c];
      if (value === null || value === undefined) throw new Error(`No computed value for the formula ${v}`);
      return safeCellText(value);
    }),
  );
  const notes = plan.values.map((row) =>
    row.map((v) => (typeof v === 'string' && v.startsWith('=') ? `${FORMULA_NOTE_PREFIX}${v}` : '')),
  );
  return { ...plan, values, notes, computedValues: undefined };
}

/**
 * The inputs of one computed row, and the per-row formulas that only add and subtract (no
 * custom function, so no execution of their own on Google): «Всего начислено» = its parts,
 * «К выплате» = начислено − НДФЛ − аванс, and the like.
 */
function writeRowInputs(
  g: Grid,
  r: number,
  l: PayrollLines,
  layout: SheetLayout,
  params: Params,
  ndflEnabled: boolean,
): void {
  const c = (h: PayrollHeader) => ref(r, payrollCol(h));
  const h = (key: HelperKey) => ref(r, helperCol(layout, key));
  const setHelper = (key: HelperKey, v: number | '', format: string) => g.set(r, helperCol(layout, key), v, format);
  const helperFormula = (key: HelperKey, f: string, v: PlanCell) =>
    g.formula(r, helperCol(layout, key), f, v, MONEY_FORMAT);
  // the row's cells without a format of their own are all amounts
  const set = (hd: PayrollHeader, v: number | '', format = MONEY_FORMAT) => g.set(r, payrollCol(hd), v, format);
  const formula = (hd: PayrollHeader, f: string, value: PlanCell, format = MONEY_FORMAT) =>
    g.formula(r, payrollCol(hd), f, value, format);
  const k = layout.kpiNames.length;
  const wholeMonthProbation = l.categoryLabel === LABELS.probation;

  g.text(r, payrollCol('Категория'), l.categoryLabel);
  set('Оклад / ставка в день', rub(l.salary ?? l.dayRate ?? 0));
  formula('Норма дней', `=${params.norm}`, l.norm, DAYS_FORMAT);
  set('Отработано дней', l.daysWorked, DAYS_FORMAT);
  set('Продажи', rub(l.sales));
  if (l.plan !== null) set('План', rub(l.plan));

  // the days paid at the probation rate and from the оклад, side by side with their categories:
  // one BASE_PAY over both pairs gives «по ставке» and «по окладу»
  g.text(r, helperCol(layout, 'probationCategory'), LABELS.probation);
  // a month wholly on probation pays its weekend days at the day rate too
  g.text(r, helperCol(layout, 'salaryCategory'), wholeMonthProbation ? LABELS.probation : labelOf(l));
  setHelper('probationDays', l.probationDays, DAYS_FORMAT);
  setHelper('salaryDays', l.salaryDays, DAYS_FORMAT);
  formula('Начислено по окладу / по ставке', `=${h('byRate')}+${h('bySalary')}`, rub(l.byRate + l.bySalary));
  // the KPI percents apply to «по окладу», except where the row earns no KPI (the reason is beside it)
  if (l.kpiBase === l.bySalary) helperFormula('kpiBase', `=${h('bySalary')}`, rub(l.kpiBase));
  else setHelper('kpiBase', rub(l.kpiBase), MONEY_FORMAT);
  // no plan where no plan bonus applies: PLAN_RATE leaves the rate empty there
  if (l.rate !== null) helperFormula('bonusPlan', `=${c('План')}`, rub(l.plan ?? 0));
  setHelper('bonusSales', rub(l.bonusSales), MONEY_FORMAT);
  l.kpis.forEach((kpi, i) => {
    g.set(r, helperCol(layout, 'bonusSales') + 1 + i, kpi.fact === null ? '' : kpi.fact);
    g.set(r, helperCol(layout, 'bonusSales') + 1 + k + i, kpi.target);
  });
  g.text(r, helperCol(layout, 'noBonusReason'), l.noBonusReason);
  setHelper('holidayDays', l.holidayDays, DAYS_FORMAT);
  helperFormula(
    'accruedBeforeTopup',
    `=${c('Начислено по окладу / по ставке')}+${c('Премия за план')}+${c('Премия KPI')}`,
    rub(l.byRate + l.bySalary + l.planBonus + l.kpiBonus),
  );
  formula(
    'Всего начислено',
    `=${h('accruedBeforeTopup')}+${c('Доплата до МРОТ')}+${c('Работа в выходные и праздники')}`,
    rub(l.accrued),
  );
  setHelper('advance', rub(l.advance), MONEY_FORMAT);
  helperFormula('finalIncome', `=${c('Всего начислено')}-${h('advance')}`, rub(l.accrued - l.advance));
  setHelper('childDeduction', rub(l.childDeduction), MONEY_FORMAT);
  g.text(r, helperCol(layout, 'estimated'), l.estimatedMonths.join(', '));

  const a = l.advancePayment;
  const f = l.finalPayment;
  const date = (d: Date | null) => (d ? formatDateRu(d) : '');
  g.text(r, helperCol(layout, 'advanceDate'), date(a.date));
  g.text(r, helperCol(layout, 'paymentDate'), date(f.date));
  setHelper('advanceBaseBefore', rub(a.incomeBefore - a.deductionsBefore), MONEY_FORMAT);
  setHelper('advanceDeduction', rub(a.deduction), MONEY_FORMAT);
  setHelper('advanceTaxBefore', rub(a.taxBefore), MONEY_FORMAT);
  setHelper('finalDeduction', rub(f.deduction), MONEY_FORMAT);
  const finalBase = rub(f.incomeBefore - f.deductionsBefore);
  if (!ndflEnabled) {
    setHelper('finalBaseBefore', 0, MONEY_FORMAT);
    setHelper('finalTaxBefore', 0, MONEY_FORMAT);
  } else if (a.year === f.year) {
    // both payments in one tax year: the final payment's base and tax before are the аванс's plus the аванс
    helperFormula('finalBaseBefore', `=${h('advanceBaseBefore')}+${h('advance')}-${h('advanceDeduction')}`, finalBase);
    helperFormula('finalTaxBefore', `=${h('advanceTaxBefore')}+${c('НДФЛ с аванса')}`, rub(f.taxBefore));
  } else {
    // a final payment in the next year starts that year's count
    setHelper('finalBaseBefore', finalBase, MONEY_FORMAT);
    setHelper('finalTaxBefore', rub(f.taxBefore), MONEY_FORMAT);
  }
  // owed but not withheld (a payment loses at most half of itself): the tax at 100 % less the withheld
  helperFormula(
    'unwithheld',
    `=${h('finalDue')}-${c('НДФЛ при окончательном расчёте')}` +
      (a.year !== f.year ? `+${h('advanceDue')}-${c('НДФЛ с аванса')}` : ''),
    rub(l.ndflUnwithheld),
  );
  formula('Аванс выплачен', `=${h('advance')}-${c('НДФЛ с аванса')}`, rub(l.advancePaid));
  formula(
    'К выплате',
    `=${c('Всего начислено')}-${c('НДФЛ с аванса')}-${c('НДФЛ при окончательном расчёте')}-${c('Аванс выплачен')}`,
    rub(l.toPay),
  );
}

/**
 * Every column the add-on's custom functions compute, as one array formula over the block of
 * computed rows (domain 5: one custom-function execution per column, whatever the number of
 * employees), with the engine's value for each of its cells.
 */
function writeColumns(
  g: Grid,
  rows: ReadonlyArray<{ r: number; lines: PayrollLines }>,
  layout: SheetLayout,
  params: Params,
  settings: Settings,
): void {
  if (rows.length === 0) return;
  const first = rows[0].r;
  const last = rows[rows.length - 1].r;
  // a single computed row reads its own cells; more rows, the column of the block
  const span = (col: number, width = 1) =>
    first === last && width === 1 ? ref(first, col) : `${ref(first, col)}:${ref(last, col + width - 1)}`;
  const visible = (h: PayrollHeader) => span(payrollCol(h));
  const helper = (key: HelperKey, width = 1) => span(helperCol(layout, key), width);
  const column = (col: number, formula: string, value: (l: PayrollLines) => PlanCell, format = MONEY_FORMAT) =>
    g.arrayFormula(
      first,
      col,
      formula,
      rows.map(({ lines }) => [value(lines)]),
      format,
    );
  const k = layout.kpiNames.length;

  g.arrayFormula(
    first,
    helperCol(layout, 'byRate'),
    `=BASE_PAY(${helper('probationCategory', 2)},${helper('probationDays', 2)},${params.norm},${params.salaries})`,
    rows.map(({ lines }) => [rub(lines.byRate), rub(lines.bySalary)]),
    MONEY_FORMAT,
  );

  const rateArgs = `${params.rates},${params.threshold}`;
  // a row without a plan stays blank in a range, but a single cell without one is an error (Sheets
  // passes a one-cell reference as a value): a block of one such row leaves these cells blank
  const planColumn = (col: number, formula: string, value: (l: PayrollLines) => PlanCell) => {
    if (rows.length === 1 && value(rows[0].lines) === '') g.set(first, col, '', PERCENT_FORMAT);
    else column(col, formula, value, PERCENT_FORMAT);
  };
  planColumn(
    payrollCol('% выполнения'),
    `=PLAN_FULFILMENT(${visible('Продажи')},${visible('План')})`,
    (l) => l.fulfilment ?? '',
  );
  planColumn(
    payrollCol('Ставка'),
    `=PLAN_RATE(${visible('Продажи')},${helper('bonusPlan')},${rateArgs})`,
    (l) => l.rate ?? '',
  );
  // the rate is the whole month's sales'; it is paid on the sales that earn it (after probation)
  column(
    payrollCol('Премия за план'),
    `=PLAN_BONUS(${visible('Продажи')},${helper('bonusPlan')},${rateArgs},${helper('bonusSales')})`,
    (l) => rub(l.planBonus),
  );
  if (k > 0) {
    const facts = span(helperCol(layout, 'bonusSales') + 1, k);
    const targets = span(helperCol(layout, 'bonusSales') + 1 + k, k);
    column(
      payrollCol('Премия KPI'),
      `=KPI_BONUS(${helper('kpiBase')},${facts},${targets},${params.percents},${params.modes},${params.kpiCap})`,
      (l) => rub(l.kpiBonus),
    );
  } else {
    for (const { r } of rows) g.set(r, payrollCol('Премия KPI'), 0, MONEY_FORMAT);
  }
  column(
    payrollCol('Доплата до МРОТ'),
    `=MROT_TOPUP(${helper('accruedBeforeTopup')},${visible('Отработано дней')},${visible('Норма дней')},${params.mrot})`,
    (l) => rub(l.mrotTopup),
  );
  column(
    payrollCol('Работа в выходные и праздники'),
    `=HOLIDAY_PAY(${helper('salaryCategory')},${helper('holidayDays')},${visible('Норма дней')},` +
      `${params.salaries},${params.holidayMultiplier})`,
    (l) => rub(l.holidayPay),
  );

  if (!settings.ndflEnabled) {
    for (const { r } of rows) {
      g.set(r, payrollCol('НДФЛ с аванса'), 0, MONEY_FORMAT);
      g.set(r, payrollCol('НДФЛ при окончательном расчёте'), 0, MONEY_FORMAT);
      g.set(r, helperCol(layout, 'advanceDue'), 0, MONEY_FORMAT);
      g.set(r, helperCol(layout, 'finalDue'), 0, MONEY_FORMAT);
    }
    return;
  }
  // НДФЛ at each payment (НК ст. 226 п. 4): the аванс at its date, the rest at the final payment
  const ndflArgs = (income: HelperKey, width = 1) =>
    `${helper(income, width)},${helper(income === 'advance' ? 'advanceBaseBefore' : 'finalBaseBefore', width)},` +
    `${helper(income === 'advance' ? 'advanceDeduction' : 'finalDeduction', width)},` +
    `${helper(income === 'advance' ? 'advanceTaxBefore' : 'finalTaxBefore', width)}`;
  column(payrollCol('НДФЛ с аванса'), `=NDFL(${ndflArgs('advance')})`, (l) => rub(l.ndflAdvance));
  column(payrollCol('НДФЛ при окончательном расчёте'), `=NDFL(${ndflArgs('finalIncome')})`, (l) => rub(l.ndflFinal));
  // the tax each payment owes without the 50 % limit, both payments side by side in one call
  g.arrayFormula(
    first,
    helperCol(layout, 'advanceDue'),
    `=NDFL(${ndflArgs('advance', 2)},1)`,
    rows.map(({ lines }) => [rub(lines.advancePayment.due), rub(lines.finalPayment.due)]),
    MONEY_FORMAT,
  );
}

const LABELS: Record<PayrollLines['category'], string> = {
  probation: 'Испытательный срок',
  none: 'Без категории',
  II: 'II категория',
  I: 'I категория',
};

function labelOf(l: PayrollLines): string {
  return LABELS[l.category];
}

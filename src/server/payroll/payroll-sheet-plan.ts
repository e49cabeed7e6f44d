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
import type { StaffRecord, YearToDate } from '../../domain/payroll/inputs';
import type { MonthPayroll, PayrollLines, PayrollRow } from '../../domain/payroll/month';
import { ndflOnBase } from '../../domain/payroll/ndfl';
import type { Settings } from '../../domain/settings';
import { amountInWords } from '../../domain/words';
import { safeCellText } from '../../adapter/safe-text';

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
    if (last && last.width === width && last.start + last.count === firstColumn + i) last.count++;
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
  margins: { top: 0.4, bottom: 0.5, left: 0.3, right: 0.3 },
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
  'Всего начислено',
  'НДФЛ',
  'Аванс',
  'К выплате',
  'Подпись',
] as const;

export type PayrollHeader = (typeof PAYROLL_HEADERS)[number];

/**
 * Column widths in pixels at the default 10 pt: a seven-figure amount with
 * kopecks in «План» and «Продажи», six figures in the other money columns; the
 * full name and the category wrap onto a second line of their tall rows, and
 * the header texts over three lines, so that the visible columns (about
 * 1 400 px) print on A4 landscape at a scale above 0.7.
 */
export const PAYROLL_COLUMN_WIDTHS: Readonly<Record<PayrollHeader, number>> = {
  '№ п/п': 34,
  'Таб. №': 44,
  ФИО: 144,
  Категория: 100,
  'Оклад / ставка в день': 70,
  'Норма дней': 50,
  'Отработано дней': 72,
  'Начислено по окладу / по ставке': 76,
  План: 88,
  Продажи: 88,
  '% выполнения': 74,
  Ставка: 54,
  'Премия за план': 76,
  'Премия KPI': 70,
  'Доплата до МРОТ': 66,
  'Всего начислено': 78,
  НДФЛ: 72,
  Аванс: 72,
  'К выплате': 78,
  Подпись: 86,
};

/** The hidden helper columns, when shown: wide enough for their wrapped headers. */
export const HELPER_COLUMN_WIDTH = 130;

/** Helper column headers (inputs of the formulas) after «Подпись» and one blank column. */
export const HELPER_HEADERS = {
  probationDays: 'Дней по ставке испытательного срока',
  salaryDays: 'Дней по окладу',
  salaryCategory: 'Категория для оклада',
  bonusSales: 'Продажи для премии, руб.',
  baseBefore: 'Облагаемый доход с начала года до месяца, руб.',
  deduction: 'Вычет НДФЛ месяца, руб.',
  taxBefore: 'НДФЛ с начала года до месяца, руб.',
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
export const SUMMED_HEADERS: readonly PayrollHeader[] = [
  'Начислено по окладу / по ставке',
  'Продажи',
  'Премия за план',
  'Премия KPI',
  'Доплата до МРОТ',
  'Всего начислено',
  'НДФЛ',
  'Аванс',
  'К выплате',
];

/** Money-formatted columns: every summed column, the оклад or day rate, and the plan. */
const MONEY_HEADERS = new Set<PayrollHeader>([...SUMMED_HEADERS, 'Оклад / ставка в день', 'План']);

export interface SheetPlanInput {
  payroll: MonthPayroll;
  settings: Settings;
  /** staff by «Таб. №»: the category of an error row and the monthly deduction */
  staff: readonly StaffRecord[];
  yearToDate: Readonly<Record<string, YearToDate>>;
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
  percents: string;
}

const ref = (row: number, col: number) => `${columnLetter(col)}${row}`;
const absRange = (row: number, col: number, numCols: number) =>
  `$${columnLetter(col)}$${row}:$${columnLetter(col + numCols - 1)}$${row}`;
const rub = (k: number) => kopecksToRubles(k);

/** A formula's text argument, as a string literal. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

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
    width: WIDTH + 1 + 4 + 2 * kpiNames.length + 3,
  };
}

/** The helper headers of a layout, in column order from helperFirstCol. */
export function helperHeaders(kpiNames: readonly string[]): string[] {
  return [
    HELPER_HEADERS.probationDays,
    HELPER_HEADERS.salaryDays,
    HELPER_HEADERS.salaryCategory,
    HELPER_HEADERS.bonusSales,
    ...kpiNames.map((n) => `Факт: ${n}`),
    ...kpiNames.map((n) => `Цель: ${n}`),
    HELPER_HEADERS.baseBefore,
    HELPER_HEADERS.deduction,
    HELPER_HEADERS.taxBefore,
  ];
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

  /** A value, or text (quoted when it would read as a formula). */
  set(row: number, col: number, value: PlanCell, format = ''): void {
    if (typeof value === 'string' && value.startsWith('=')) throw new Error(`A formula needs its value: ${value}`);
    this.ensure(row);
    this.values[row - 1][col - 1] = typeof value === 'string' ? safeCellText(value) : value;
    if (format) this.formats[row - 1][col - 1] = format;
  }

  /** A formula with the value the engine computed for it. */
  formula(row: number, col: number, formula: string, value: PlanCell, format = ''): void {
    this.ensure(row);
    this.values[row - 1][col - 1] = formula;
    this.computed[row - 1][col - 1] = value;
    if (format) this.formats[row - 1][col - 1] = format;
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

/** Ranges of consecutive rows, for =SUM(H6:H9,H11:H20) over the computable rows only. */
function sumOverRows(col: number, rows: readonly number[]): string {
  if (rows.length === 0) return '=0';
  const parts: string[] = [];
  let start = rows[0];
  let prev = rows[0];
  const flush = () => parts.push(start === prev ? ref(start, col) : `${ref(start, col)}:${ref(prev, col)}`);
  for (const r of rows.slice(1)) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    flush();
    start = prev = r;
  }
  flush();
  return `=SUM(${parts.join(',')})`;
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
    percents: kpiNames.length > 0 ? absRange(p + 6, valueCol, kpiNames.length) : '',
  };

  const col = payrollCol;
  const okRows: number[] = [];
  const staffByTab = new Map(input.staff.map((s) => [s.tabNo.trim(), s]));
  payroll.rows.forEach((row, i) => {
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
    writeRow(g, r, row, layout, params, settings, input);
  });

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
  if (kpiNames.length > 0) {
    g.text(p + 5, labelCol, 'KPI');
    g.text(p + 6, labelCol, 'KPI: % оклада за выполнение');
    settings.kpis.forEach((kpi, i) => {
      g.text(p + 5, valueCol + i, kpi.name);
      // a proportional KPI's percent depends on the fact: it is given per employee in the helper columns
      g.set(p + 6, valueCol + i, kpi.mode === 'threshold' ? kpi.percent : '', PERCENT_FORMAT);
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
        ...(kpiNames.length > 0 ? [{ row: p + 5, col: valueCol, numRows: 1, numCols: kpiNames.length }] : []),
      ],
      columnWidths: [
        ...widthGroups(PAYROLL_HEADERS.map((h) => PAYROLL_COLUMN_WIDTHS[h])),
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

/** The norm: the custom function when the built-in calendar applies, else the number from «Настройки». */
function normCell(payroll: MonthPayroll, settings: Settings): { value: PlanCell; formula?: string } {
  if (payroll.norm === null) return { value: '' };
  const overridden = [...settings.calendar.holidays, ...settings.calendar.workingDays].some((d) =>
    d.startsWith(monthKey(payroll.month)),
  );
  return overridden
    ? { value: payroll.norm }
    : { value: payroll.norm, formula: `=WORKING_DAYS(${literal(monthKey(payroll.month))})` };
}

/** The kopecks each summed column adds up to over the computable rows (the sums of the rounded lines). */
function columnTotals(payroll: MonthPayroll): (header: PayrollHeader) => Kopecks {
  const lineOf: Partial<Record<PayrollHeader, (l: PayrollLines) => Kopecks>> = {
    'Начислено по окладу / по ставке': (l) => l.byRate + l.bySalary,
    Продажи: (l) => l.sales,
    'Премия за план': (l) => l.planBonus,
    'Премия KPI': (l) => l.kpiBonus,
    'Доплата до МРОТ': (l) => l.mrotTopup,
    'Всего начислено': (l) => l.accrued,
    НДФЛ: (l) => l.ndfl,
    Аванс: (l) => l.advance,
    'К выплате': (l) => l.toPay,
  };
  return (header) => {
    const line = lineOf[header];
    if (!line) throw new Error(`«${header}» is not a summed column`);
    return payroll.rows.reduce((sum, row) => (row.ok ? sum + line(row.lines) : sum), 0);
  };
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
      if (typeof v !== 'string' || !v.startsWith('=')) return v;
      const value = computed?.[r]?.[c];
      if (value === null || value === undefined) throw new Error(`No computed value for the formula ${v}`);
      return typeof value === 'string' ? safeCellText(value) : value;
    }),
  );
  const notes = plan.values.map((row) =>
    row.map((v) => (typeof v === 'string' && v.startsWith('=') ? `${FORMULA_NOTE_PREFIX}${v}` : '')),
  );
  return { ...plan, values, notes, computedValues: undefined };
}

function writeRow(
  g: Grid,
  r: number,
  row: PayrollRow & { ok: true },
  layout: SheetLayout,
  params: Params,
  settings: Settings,
  input: SheetPlanInput,
): void {
  const l: PayrollLines = row.lines;
  const c = (h: PayrollHeader) => ref(r, payrollCol(h));
  const h0 = layout.helperFirstCol;
  const k = layout.kpiNames.length;
  const helper = {
    probationDays: ref(r, h0),
    salaryDays: ref(r, h0 + 1),
    salaryCategory: ref(r, h0 + 2),
    bonusSales: ref(r, h0 + 3),
    facts: k > 0 ? `${ref(r, h0 + 4)}:${ref(r, h0 + 3 + k)}` : '',
    targets: k > 0 ? `${ref(r, h0 + 4 + k)}:${ref(r, h0 + 3 + 2 * k)}` : '',
    baseBefore: ref(r, h0 + 4 + 2 * k),
    deduction: ref(r, h0 + 5 + 2 * k),
    taxBefore: ref(r, h0 + 6 + 2 * k),
  };
  const set = (h: PayrollHeader, v: PlanCell, format?: string) =>
    g.set(r, payrollCol(h), v, format ?? (MONEY_HEADERS.has(h) ? MONEY_FORMAT : ''));
  const formula = (h: PayrollHeader, f: string, value: PlanCell, format?: string) =>
    g.formula(r, payrollCol(h), f, value, format ?? (MONEY_HEADERS.has(h) ? MONEY_FORMAT : ''));

  g.text(r, payrollCol('Категория'), l.categoryLabel);
  set('Оклад / ставка в день', rub(l.salary ?? l.dayRate ?? 0));
  formula('Норма дней', `=${params.norm}`, l.norm, DAYS_FORMAT);
  set('Отработано дней', l.daysWorked, DAYS_FORMAT);

  // helper inputs
  g.set(r, h0, l.probationDays, DAYS_FORMAT);
  g.set(r, h0 + 1, l.salaryDays, DAYS_FORMAT);
  g.text(r, h0 + 2, l.salaryDays > 0 || l.probationDays === 0 ? labelOf(l) : '');
  g.set(r, h0 + 3, rub(l.bonusSales), MONEY_FORMAT);
  l.kpis.forEach((kpi, i) => {
    g.set(r, h0 + 4 + i, kpi.fact === null ? '' : kpi.fact);
    // a proportional KPI is passed as already earned: target 0 (always met) and the earned share as its percent
    g.set(r, h0 + 4 + k + i, kpi.mode === 'threshold' ? kpi.target : 0);
  });
  const ytd = input.yearToDate[row.tabNo.trim()] ?? { income: 0, deductions: 0, tax: 0 };
  const baseBefore = ytd.income - ytd.deductions;
  const deduction = input.staff.find((s) => s.tabNo.trim() === row.tabNo.trim())?.monthlyDeduction ?? 0;
  g.set(r, h0 + 4 + 2 * k, rub(baseBefore), MONEY_FORMAT);
  g.set(r, h0 + 5 + 2 * k, rub(deduction), MONEY_FORMAT);
  g.set(r, h0 + 6 + 2 * k, rub(ytd.tax), MONEY_FORMAT);

  // base pay: a month split at the end of probation is the sum of its two parts
  const norm = c('Норма дней');
  const byRate = `BASE_PAY("ИС",${helper.probationDays},${norm},${params.salaries})`;
  const bySalary = `BASE_PAY(${helper.salaryCategory},${helper.salaryDays},${norm},${params.salaries})`;
  const noProbation = l.probationDays === 0 && l.probationEnd === null && l.category === categoryOfLabel(l);
  let base: string;
  if (noProbation) base = `=BASE_PAY(${c('Категория')},${c('Отработано дней')},${norm},${params.salaries})`;
  else if (l.probationDays > 0 && l.salaryDays > 0) base = `=${byRate}+${bySalary}`;
  else if (l.probationDays > 0) base = `=${byRate}`;
  else if (l.salaryDays > 0) base = `=${bySalary}`;
  else base = `=0`;
  formula('Начислено по окладу / по ставке', base, rub(l.byRate + l.bySalary));

  // plan bonus
  set('Продажи', rub(l.sales));
  const rateArgs = `${params.rates},${params.threshold}`;
  if (l.plan !== null) {
    set('План', rub(l.plan));
    formula('% выполнения', `=PLAN_FULFILMENT(${c('Продажи')},${c('План')})`, l.fulfilment ?? '', PERCENT_FORMAT);
    formula('Ставка', `=PLAN_RATE(${c('Продажи')},${c('План')},${rateArgs})`, l.rate ?? '', PERCENT_FORMAT);
    formula(
      'Премия за план',
      l.bonusSales === l.sales
        ? `=PLAN_BONUS(${c('Продажи')},${c('План')},${rateArgs})`
        : // the rate is the whole month's; it is paid on the sales after probation
          `=ROUND(${helper.bonusSales}*${c('Ставка')},2)`,
      rub(l.planBonus),
    );
  } else {
    set('Премия за план', 0);
  }

  // KPI bonus: a percent of the оклад accrued for the month («по окладу»)
  const kpiBase = noProbation ? c('Начислено по окладу / по ставке') : l.salaryDays > 0 ? bySalary : '';
  if (k === 0 || kpiBase === '') {
    set('Премия KPI', 0);
  } else {
    const proportional = settings.kpis.some((kpi) => kpi.mode === 'proportional');
    let percents = params.percents;
    if (proportional) {
      // per-employee percents beside the facts: the earned share of each proportional KPI
      const earned = l.kpis
        .map((kpi) => (kpi.mode === 'threshold' ? kpi.percent : kpi.earnedShare))
        .map((v) => String(v))
        .join(',');
      percents = `{${earned}}`;
    }
    formula('Премия KPI', `=KPI_BONUS(${kpiBase},${helper.facts},${helper.targets},${percents})`, rub(l.kpiBonus));
  }

  const accruedBefore = `${c('Начислено по окладу / по ставке')}+${c('Премия за план')}+${c('Премия KPI')}`;
  formula(
    'Доплата до МРОТ',
    `=MROT_TOPUP(${accruedBefore},${c('Отработано дней')},${norm},${params.mrot})`,
    rub(l.mrotTopup),
  );
  formula('Всего начислено', `=${accruedBefore}+${c('Доплата до МРОТ')}`, rub(l.accrued));

  // НДФЛ: the year's tax on the base since 1 January less the tax already computed
  if (!settings.ndflEnabled) set('НДФЛ', 0);
  else if (baseBefore >= 0 && ndflOnBase(baseBefore) === ytd.tax) {
    formula('НДФЛ', `=NDFL(${c('Всего начислено')},${helper.baseBefore},${helper.deduction})`, rub(l.ndfl));
  } else {
    formula(
      'НДФЛ',
      `=NDFL(MAX(0,${c('Всего начислено')}+${helper.baseBefore}),0,${helper.deduction})-${helper.taxBefore}`,
      rub(l.ndfl),
    );
  }
  set('Аванс', rub(l.advance));
  formula('К выплате', `=${c('Всего начислено')}-${c('НДФЛ')}-${c('Аванс')}`, rub(l.toPay));
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

/** The category the printed label names when it is a plain category label. */
function categoryOfLabel(l: PayrollLines): PayrollLines['category'] | null {
  const found = (Object.keys(LABELS) as Array<PayrollLines['category']>).find((key) => LABELS[key] === l.categoryLabel);
  return found ?? null;
}

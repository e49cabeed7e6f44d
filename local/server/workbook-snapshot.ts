/**
 * Turns the in-memory workbook into what the local page draws: tabs, and one
 * window of rows of one sheet with display values, formulas, notes, formats,
 * dropdown lists and protection. Only the requested window is converted, so a
 * sheet of 20 000 rows costs no more than a small one.
 */
import type { CellModel, ChartModel, ProtectionModel, SheetModel, WorkbookModel } from '../runtime/model';
import type { CellView, ChartView, MergeView, SheetWindow, WorkbookSnapshot } from './api-types';
import { displayValue, editText } from './display-format';

/** The message of a formula's error in a 1-based cell, as Sheets shows it on hover. */
export type ErrorText = (sheet: string, row: number, column: number) => string | undefined;

const ERROR_VALUE = /^#(ERROR!|N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)/;

/** Rows the page asks for at once; it asks again as the user scrolls. */
export const DEFAULT_WINDOW = 200;
/** Upper bound on one window, so a request cannot make the server convert a whole huge sheet. */
export const MAX_WINDOW = 1000;

export function findSheet(workbook: WorkbookModel, name: string | undefined): SheetModel | undefined {
  if (name !== undefined) {
    const named = workbook.sheets.find((s) => s.name === name);
    if (named) return named;
  }
  return workbook.sheets.find((s) => !s.hidden) ?? workbook.sheets[0];
}

/** Rows that hold something: the grid never shows fewer, whatever maxRows says. */
function usedRows(sheet: SheetModel): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const row = sheet.rows[r];
    if (row && row.some((cell) => cell !== undefined)) return r + 1;
  }
  return 0;
}

function usedColumns(sheet: SheetModel): number {
  let max = 0;
  for (const row of sheet.rows) if (row && row.length > max) max = row.length;
  return max;
}

/** Parses an A1 reference such as "'Настройки'!A2:A20" or "Лист1!B:B". */
export function parseA1(a1: string): { sheet?: string; r1: number; c1: number; r2: number; c2: number } | undefined {
  const match = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Z]+)?\$?(\d+)?(?::\$?([A-Z]+)?\$?(\d+)?)?$/i.exec(a1.trim());
  if (!match) return undefined;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  const col = (letters: string | undefined, fallback: number): number => {
    if (!letters) return fallback;
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  };
  const c1 = col(match[3], 0);
  const r1 = match[4] ? Number(match[4]) - 1 : 0;
  const c2 =
    match[5] !== undefined || match[6] !== undefined
      ? col(match[5], Number.MAX_SAFE_INTEGER)
      : match[3]
        ? c1
        : Number.MAX_SAFE_INTEGER;
  const r2 = match[6] ? Number(match[6]) - 1 : match[5] !== undefined || !match[4] ? Number.MAX_SAFE_INTEGER : r1;
  return { sheet, r1, c1, r2, c2 };
}

/** The values of a range validation (requireValueInRange): the non-empty cells of the range. */
function rangeValues(workbook: WorkbookModel, current: SheetModel, a1: string): string[] {
  const ref = parseA1(a1);
  if (!ref) return [];
  const sheet = ref.sheet ? workbook.sheets.find((s) => s.name === ref.sheet) : current;
  if (!sheet) return [];
  const out: string[] = [];
  const lastRow = Math.min(ref.r2, sheet.rows.length - 1);
  for (let r = ref.r1; r <= lastRow; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const lastCol = Math.min(ref.c2, row.length - 1);
    for (let c = ref.c1; c <= lastCol; c++) {
      const cell = row[c];
      if (cell && cell.value !== null && cell.value !== '')
        out.push(displayValue(cell.value, cell.numberFormat, workbook.timeZone));
    }
  }
  return out;
}

function canEdit(protection: ProtectionModel, user: string, workbook: WorkbookModel): boolean {
  if (protection.warningOnly) return true;
  const lower = user.toLowerCase();
  if (workbook.owner.toLowerCase() === lower) return true;
  return protection.editors.some((e) => e.toLowerCase() === lower);
}

function inBlock(block: { row: number; col: number; numRows: number; numCols: number }, r: number, c: number): boolean {
  return r >= block.row && r < block.row + block.numRows && c >= block.col && c < block.col + block.numCols;
}

/** Whether `user` may not edit the 0-based cell (r, c), as Sheets' protections decide. */
export function isCellProtected(
  workbook: WorkbookModel,
  sheet: SheetModel,
  user: string,
  r: number,
  c: number,
): boolean {
  for (const protection of sheet.protections) {
    if (canEdit(protection, user, workbook)) continue;
    if (protection.type === 'sheet') {
      if (!(protection.unprotected ?? []).some((b) => inBlock(b, r, c))) return true;
    } else if (protection.range && inBlock(protection.range, r, c)) {
      return true;
    }
  }
  return false;
}

/** Whether any cell of the 0-based block is protected against `user` (Sheets then refuses the whole edit). */
export function editBlockedByProtection(
  workbook: WorkbookModel,
  sheet: SheetModel,
  user: string,
  r1: number,
  c1: number,
  numRows: number,
  numCols: number,
): boolean {
  for (let r = r1; r < r1 + numRows; r++) {
    for (let c = c1; c < c1 + numCols; c++) if (isCellProtected(workbook, sheet, user, r, c)) return true;
  }
  return false;
}

function cellView(
  workbook: WorkbookModel,
  sheet: SheetModel,
  cell: CellModel | undefined,
  user: string,
  r: number,
  c: number,
  errorText?: ErrorText,
): CellView | null {
  const locked = sheet.protections.length > 0 && isCellProtected(workbook, sheet, user, r, c);
  if (!cell) return locked ? { p: true } : null;
  const view: CellView = {};
  const shown = displayValue(cell.value, cell.numberFormat, workbook.timeZone);
  if (shown !== '') view.d = shown;
  const typed = cell.formula ?? editText(cell.value, workbook.timeZone);
  if (typed !== '') view.t = typed;
  if (cell.formula) view.f = true;
  if (cell.note) view.n = cell.note;
  if (cell.formula && errorText && ERROR_VALUE.test(shown)) {
    const message = errorText(sheet.name, r + 1, c + 1);
    if (message) view.n = cell.note ? `${message}\n\n${cell.note}` : message;
  }
  if (cell.background && !/^#?fff(fff)?$/i.test(cell.background)) view.bg = cell.background;
  if (cell.fontColor && !/^#?0{3}(0{3})?$/.test(cell.fontColor)) view.fc = cell.fontColor;
  if (cell.fontWeight === 'bold') view.b = true;
  if (cell.horizontalAlignment) view.a = cell.horizontalAlignment;
  else if (typeof cell.value === 'number' || cell.value instanceof Date) view.a = 'right';
  if (cell.wrap) view.w = true;
  else if (typeof cell.value === 'string' && shown !== '' && (view.a ?? 'left') === 'left') view.o = true;
  const validation = cell.validation;
  if (validation) {
    if (validation.kind === 'list' && validation.values) view.list = validation.values;
    else if (validation.kind === 'range' && validation.rangeA1)
      view.list = rangeValues(workbook, sheet, validation.rangeA1);
    else if (validation.kind === 'checkbox') view.cb = true;
    if (validation.showDropdown === false) delete view.list;
  }
  if (locked) view.p = true;
  return Object.keys(view).length === 0 ? null : view;
}

function rowViews(
  workbook: WorkbookModel,
  sheet: SheetModel,
  user: string,
  from: number,
  to: number,
  columnCount: number,
  errorText?: ErrorText,
): Array<Array<CellView | null>> {
  const out: Array<Array<CellView | null>> = [];
  for (let r = from; r < to; r++) {
    const row = sheet.rows[r];
    const cells: Array<CellView | null> = [];
    const width = sheet.protections.length > 0 ? columnCount : (row?.length ?? 0);
    for (let c = 0; c < width; c++) cells.push(cellView(workbook, sheet, row?.[c], user, r, c, errorText));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    out.push(cells);
  }
  return out;
}

/** The merged blocks that reach the frozen rows or rows [from, to). */
function mergesOf(sheet: SheetModel, frozenRows: number, from: number, to: number): { merges?: MergeView[] } {
  const touches = (m: MergeView, a: number, b: number) => m.row < b && m.row + m.numRows > a;
  const merges = (sheet.merges ?? [])
    .filter((m) => touches(m, 0, frozenRows) || touches(m, from, to))
    .map((m) => ({ row: m.row, col: m.col, numRows: m.numRows, numCols: m.numCols }));
  return merges.length > 0 ? { merges } : {};
}

/** One window of rows [from, from + count) of a sheet, for `user`. */
export function sheetWindow(
  workbook: WorkbookModel,
  sheet: SheetModel,
  user: string,
  from = 0,
  count = DEFAULT_WINDOW,
  errorText?: ErrorText,
): SheetWindow {
  const rowCount = Math.max(sheet.maxRows, usedRows(sheet));
  const columnCount = Math.max(sheet.maxColumns, usedColumns(sheet));
  const start = Math.max(0, Math.min(Math.floor(from), Math.max(0, rowCount - 1)));
  const end = Math.min(rowCount, start + Math.max(1, Math.min(MAX_WINDOW, Math.floor(count))));
  const frozenRows = Math.min(sheet.frozenRows, rowCount);
  return {
    sheet: sheet.name,
    rowCount,
    columnCount,
    frozenRows,
    columnWidths: { ...sheet.columnWidths },
    hiddenColumns: [...sheet.hiddenColumns],
    from: start,
    rows: rowViews(workbook, sheet, user, start, end, columnCount, errorText),
    frozen: rowViews(workbook, sheet, user, 0, frozenRows, columnCount, errorText),
    protectedSheet: sheet.protections.some((p) => p.type === 'sheet' && !canEdit(p, user, workbook)),
    ...mergesOf(sheet, frozenRows, start, end),
    ...(sheet.charts.length > 0 ? { charts: sheet.charts.map((chart) => chartView(workbook, sheet, chart)) } : {}),
  };
}

/**
 * A chart with the data of its ranges, as Sheets reads them: the first
 * column of the first range gives the labels, every other column a series
 * whose first cell is its name.
 */
export function chartView(workbook: WorkbookModel, current: SheetModel, chart: ChartModel): ChartView {
  const columns: CellModel[][] = [];
  for (const a1 of chart.rangesA1) {
    const ref = parseA1(a1);
    const sheet = ref?.sheet ? workbook.sheets.find((s) => s.name === ref.sheet) : current;
    if (!ref || !sheet) continue;
    const lastRow = Math.min(ref.r2, Math.max(0, sheet.rows.length - 1));
    const lastCol = Math.min(ref.c2, Math.max(ref.c1, ...sheet.rows.map((r) => (r ? r.length - 1 : 0))));
    for (let c = ref.c1; c <= lastCol; c++) {
      const column: CellModel[] = [];
      for (let r = ref.r1; r <= lastRow; r++) column.push(sheet.rows[r]?.[c] ?? { value: null });
      columns.push(column);
    }
  }
  const text = (cell: CellModel | undefined) =>
    cell ? displayValue(cell.value, cell.numberFormat, workbook.timeZone) : '';
  const [labels = [], ...series] = columns;
  return {
    type: chart.type,
    title: chart.title,
    anchorRow: chart.anchorRow,
    anchorCol: chart.anchorCol,
    width: chart.width ?? 600,
    height: chart.height ?? 371,
    labels: labels.slice(1).map(text),
    series: series.map((column) => ({
      name: text(column[0]),
      values: column.slice(1).map((cell) => (typeof cell.value === 'number' ? cell.value : null)),
    })),
  };
}

/** Tabs of the workbook plus a window of the named sheet (or the first visible one). */
export function workbookSnapshot(
  workbook: WorkbookModel,
  user: string,
  sheetName?: string,
  from?: number,
  count?: number,
  errorText?: ErrorText,
): WorkbookSnapshot {
  const sheet = findSheet(workbook, sheetName);
  if (!sheet) throw new Error('В таблице нет ни одного листа');
  return {
    title: workbook.name,
    tabs: workbook.sheets.map((s) => ({
      name: s.name,
      hidden: s.hidden,
      ...(s.tabColor ? { tabColor: s.tabColor } : {}),
    })),
    window: sheetWindow(workbook, sheet, user, from, count, errorText),
  };
}

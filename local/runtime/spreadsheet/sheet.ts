/**
 * SpreadsheetApp's Sheet over a SheetModel: ranges in every documented
 * overload, last row and column, structure changes that shift cells,
 * protections, named ranges and formulas with them, and charts.
 */
import { parseA1 } from '../a1-notation';

import type { CellModel, ChartModel, SheetModel } from '../model';
import type { RuntimeContext } from '../runtime-context';
import { LocalEmbeddedChart, LocalEmbeddedChartBuilder, nextChartId } from './charts';
import { asGas } from './gas-types';
import { canEditBlock, LocalProtection, newProtection, SCRIPT_PROTECTED_MESSAGE } from './protection';
import { LocalRange } from './range';
import type { LocalSpreadsheet } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

type SheetMethods =
  | 'activate'
  | 'appendRow'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'copyTo'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRowHeight'
  | 'getSheetId'
  | 'getSheetName'
  | 'getTabColor'
  | 'hideColumns'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isSheetHidden'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setRowHeight'
  | 'setRowHeights'
  | 'setTabColor'
  | 'showColumns'
  | 'showSheet'
  | 'updateChart';

const FORMAT_KEYS = [
  'numberFormat',
  'fontWeight',
  'fontColor',
  'background',
  'horizontalAlignment',
  'verticalAlignment',
  'fontSize',
  'borders',
  'wrap',
  'validation',
] as const;

export class LocalSheet implements Pick<Sheet, SheetMethods> {
  static readonly serviceName = 'Sheet';

  constructor(
    readonly _ctx: RuntimeContext,
    readonly _model: SheetModel,
    readonly _spreadsheet: LocalSpreadsheet,
  ) {}

  private self(): Sheet {
    return asGas(this);
  }

  private get ctx(): RuntimeContext {
    return this._ctx;
  }

  /** Structure changes of a sheet need the right to edit the whole sheet. */
  private guardSheet(): void {
    const block = { row: 0, col: 0, numRows: this._model.maxRows, numCols: this._model.maxColumns };
    if (!canEditBlock(this.ctx, this._model, block, this.ctx.current().user)) throw new Error(SCRIPT_PROTECTED_MESSAGE);
  }

  _range(row: number, col: number, numRows: number, numCols: number): LocalRange {
    return new LocalRange(this, row, col, numRows, numCols);
  }

  // ---- ranges ----

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') {
      const ref = parseA1(a);
      if (ref.sheetName !== undefined && ref.sheetName !== this._model.name) {
        return this._spreadsheet.getRange(a);
      }
      const row = ref.row ?? 1;
      const lastRow = ref.lastRow ?? this._model.maxRows;
      const col = ref.column ?? 1;
      const lastCol = ref.lastColumn ?? this._model.maxColumns;
      return this.getRange(row, col, lastRow - row + 1, lastCol - col + 1);
    }
    const row = a;
    if (column === undefined)
      throw new Error(
        "Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    const rows = numRows ?? 1;
    const cols = numColumns ?? 1;
    if (!Number.isInteger(row) || row < 1) throw new Error('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1) throw new Error('The starting column of the range is too small.');
    if (rows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (cols < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + rows - 1 > this._model.maxRows || column + cols - 1 > this._model.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return asGas(this._range(row - 1, column - 1, rows, cols));
  }

  getDataRange(): Range {
    return this.getRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  /** The last row with content (a value or a formula); 0 for an empty sheet. */
  getLastRow(): number {
    this.ctx.engine.recalculate();
    for (let r = this._model.rows.length - 1; r >= 0; r--) {
      if (this._model.rows[r]?.some(hasContent)) return r + 1;
    }
    return 0;
  }

  getLastColumn(): number {
    this.ctx.engine.recalculate();
    let last = 0;
    for (const row of this._model.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (hasContent(row[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  getMaxRows(): number {
    return this._model.maxRows;
  }
  getMaxColumns(): number {
    return this._model.maxColumns;
  }

  appendRow(rowContents: unknown[]): Sheet {
    const row = this.getLastRow() + 1;
    if (row > this._model.maxRows) checkCellLimit(this.ctx.workbook, this._model.maxColumns);
    if (row > this._model.maxRows) this._model.maxRows = row;
    if (rowContents.length > this._model.maxColumns) this._model.maxColumns = rowContents.length;
    if (rowContents.length > 0) this.getRange(row, 1, 1, rowContents.length).setValues([rowContents]);
    return this.self();
  }

  // ---- rows and columns ----

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.insertRowsAt(afterPosition, howMany, afterPosition - 1);
    return this.self();
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.insertRowsAt(beforePosition - 1, howMany, beforePosition - 1);
    return this.self();
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows?: number): void {
    this.insertRowsBefore(rowIndex, numRows ?? 1);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.insertColumnsAt(afterPosition, howMany, afterPosition - 1);
    return this.self();
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.insertColumnsAt(beforePosition - 1, howMany, beforePosition - 1);
    return this.self();
  }
  insertColumnAfter(afterPosition: number): Sheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): Sheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    this.insertColumnsBefore(columnIndex, numColumns ?? 1);
  }

  deleteRow(rowPosition: number): Sheet {
    return this.deleteRows(rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): Sheet {
    this.guardSheet();
    this._deleteRows(rowPosition, howMany);
    return this.self();
  }

  /** Deletes rows without the script's whole-sheet check (a person's deletion checks only the rows). */
  _deleteRows(rowPosition: number, howMany: number): void {
    const start = rowPosition - 1;
    if (start < 0 || howMany < 1 || start + howMany > this._model.maxRows) {
      throw new Error('Those rows are out of bounds.');
    }
    if (howMany >= this._model.maxRows - this._model.frozenRows && start <= this._model.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.ctx.engine.beforeStructureChange();
    this._model.rows.splice(start, howMany);
    this._model.maxRows -= howMany;
    shiftBlocks(this._model, 'row', start, -howMany);
    shiftNamedRanges(this.ctx, this._model, 'row', start, -howMany);
    if (this._model.rowHeights) this._model.rowHeights = shiftKeys(this._model.rowHeights, start, -howMany);
    if (this._model.frozenRows > start) this._model.frozenRows = Math.max(start, this._model.frozenRows - howMany);
    this.ctx.engine.structureChanged(this._model, 'deleteRows', start, howMany);
  }

  deleteColumn(columnPosition: number): Sheet {
    this.deleteColumns(columnPosition, 1);
    return this.self();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.guardSheet();
    const start = columnPosition - 1;
    if (start < 0 || howMany < 1 || start + howMany > this._model.maxColumns) {
      throw new Error('Those columns are out of bounds.');
    }
    if (howMany >= this._model.maxColumns - this._model.frozenColumns && start <= this._model.frozenColumns) {
      throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.ctx.engine.beforeStructureChange();
    for (const row of this._model.rows) row?.splice(start, howMany);
    this._model.maxColumns -= howMany;
    shiftBlocks(this._model, 'col', start, -howMany);
    shiftNamedRanges(this.ctx, this._model, 'col', start, -howMany);
    this._model.columnWidths = shiftKeys(this._model.columnWidths, start, -howMany);
    this._model.hiddenColumns = shiftList(this._model.hiddenColumns, start, -howMany);
    this.ctx.engine.structureChanged(this._model, 'deleteColumns', start, howMany);
  }

  /** Inserts `howMany` rows at 0-based `at`; they take the formats of row `formatFrom` (0-based), as Sheets does. */
  private insertRowsAt(at: number, howMany: number, formatFrom: number): void {
    this.guardSheet();
    if (at < 0 || at > this._model.maxRows || howMany < 1) throw new Error('Those rows are out of bounds.');
    checkCellLimit(this.ctx.workbook, howMany * this._model.maxColumns);
    this.ctx.engine.beforeStructureChange();
    const template = this._model.rows[formatFrom];
    const blank = Array.from({ length: howMany }, () => formatsOnlyRow(template));
    while (this._model.rows.length < at) this._model.rows.push(undefined);
    // pushed one by one: splice(at, 0, ...blank) overflows the call stack for tens of thousands of rows
    const tail = this._model.rows.splice(at);
    for (const row of blank) this._model.rows.push(row);
    for (const row of tail) this._model.rows.push(row);
    this._model.maxRows += howMany;
    shiftBlocks(this._model, 'row', at, howMany);
    shiftNamedRanges(this.ctx, this._model, 'row', at, howMany);
    if (this._model.rowHeights) this._model.rowHeights = shiftKeys(this._model.rowHeights, at, howMany);
    this.ctx.engine.structureChanged(this._model, 'insertRows', at, howMany);
  }

  private insertColumnsAt(at: number, howMany: number, formatFrom: number): void {
    this.guardSheet();
    if (at < 0 || at > this._model.maxColumns || howMany < 1) throw new Error('Those columns are out of bounds.');
    checkCellLimit(this.ctx.workbook, howMany * this._model.maxRows);
    this.ctx.engine.beforeStructureChange();
    this._model.rows.forEach((row) => {
      if (!row || row.length < at) return;
      const template = row[formatFrom];
      const blank = Array.from({ length: howMany }, () => formatsOnlyCell(template));
      row.splice(at, 0, ...blank);
    });
    this._model.maxColumns += howMany;
    shiftBlocks(this._model, 'col', at, howMany);
    shiftNamedRanges(this.ctx, this._model, 'col', at, howMany);
    this._model.columnWidths = shiftKeys(this._model.columnWidths, at, howMany);
    this._model.hiddenColumns = shiftList(this._model.hiddenColumns, at, howMany);
    this.ctx.engine.structureChanged(this._model, 'insertColumns', at, howMany);
  }

  // ---- sheet properties ----

  getName(): string {
    return this._model.name;
  }
  getSheetName(): string {
    return this._model.name;
  }
  setName(name: string): Sheet {
    const clash = this.ctx.workbook.sheets.find(
      (s) => s !== this._model && s.name.toLowerCase() === name.toLowerCase(),
    );
    if (clash) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this._model.name = name;
    for (const named of this.ctx.workbook.namedRanges) if (named.sheetName === this._model.name) named.sheetName = name;
    this.ctx.engine.invalidate();
    return this.self();
  }
  getSheetId(): number {
    return this._model.id;
  }
  getIndex(): number {
    return this.ctx.workbook.sheets.indexOf(this._model) + 1;
  }
  /**
   * Sheet.copyTo: the whole sheet (values, formulas, formats, notes, merges,
   * column widths, row heights, hidden columns, frozen rows, charts) as the
   * last sheet of `spreadsheet`, named «Copy of <name>» as Google names it;
   * protections stay behind. Formulas are copied as text: in another
   * spreadsheet they compute there (a bound script's custom functions do not exist).
   */
  copyTo(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet {
    const target = asGas<LocalSpreadsheet>(spreadsheet);
    const workbook = target._ctx.workbook;
    let name = `Copy of ${this._model.name}`;
    for (let n = 2; workbook.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); n++) {
      name = `Copy of ${this._model.name} ${n}`;
    }
    checkCellLimit(workbook, this._model.maxRows * this._model.maxColumns);
    const copy: SheetModel = {
      ...structuredClone(this._model),
      id: workbook.nextSheetId++,
      name,
      protections: [],
      hidden: false,
    };
    const firstChart = nextChartId(workbook.sheets);
    copy.charts = copy.charts.map((chart, i) => ({ ...chart, id: firstChart + i }));
    workbook.sheets.push(copy);
    target._ctx.engine.invalidate();
    return asGas(target._sheet(copy));
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return asGas(this._spreadsheet);
  }
  activate(): Sheet {
    this.ctx.selection = { sheetId: this._model.id, row: 1, column: 1, numRows: 1, numColumns: 1 };
    return this.self();
  }

  getFrozenRows(): number {
    return this._model.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this._model.frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this._model.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this._model.frozenColumns = columns;
  }

  hideSheet(): Sheet {
    const visible = this.ctx.workbook.sheets.filter((s) => !s.hidden && s !== this._model);
    if (visible.length === 0) throw new Error("You can't hide all the sheets in a document.");
    this._model.hidden = true;
    return this.self();
  }
  showSheet(): Sheet {
    this._model.hidden = false;
    return this.self();
  }
  isSheetHidden(): boolean {
    return this._model.hidden;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this._model.columnWidths[columnPosition - 1] = width;
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    for (let c = startColumn - 1; c < startColumn - 1 + numColumns; c++) this._model.columnWidths[c] = width;
    return this.self();
  }
  /** Sheets' default row height is 21 pixels. */
  setRowHeight(rowPosition: number, height: number): Sheet {
    return this.setRowHeights(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): Sheet {
    if (startRow < 1 || numRows < 1 || startRow + numRows - 1 > this._model.maxRows) {
      throw new Error('Those rows are out of bounds.');
    }
    const heights = (this._model.rowHeights ??= {});
    for (let r = startRow - 1; r < startRow - 1 + numRows; r++) heights[r] = height;
    return this.self();
  }
  getRowHeight(rowPosition: number): number {
    return this._model.rowHeights?.[rowPosition - 1] ?? 21;
  }
  getColumnWidth(columnPosition: number): number {
    return this._model.columnWidths[columnPosition - 1] ?? 100;
  }
  hideColumns(columnIndex: number, numColumns?: number): void {
    for (let c = columnIndex - 1; c < columnIndex - 1 + (numColumns ?? 1); c++) {
      if (!this._model.hiddenColumns.includes(c)) this._model.hiddenColumns.push(c);
    }
    this._model.hiddenColumns.sort((a, b) => a - b);
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    const from = columnIndex - 1;
    const to = from + (numColumns ?? 1);
    this._model.hiddenColumns = this._model.hiddenColumns.filter((c) => c < from || c >= to);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._model.hiddenColumns.includes(columnPosition - 1);
  }

  setTabColor(color: string | null): Sheet {
    this._model.tabColor = color ?? undefined;
    return this.self();
  }
  getTabColor(): string | null {
    return this._model.tabColor ?? null;
  }

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
    const all = asGas<LocalRange>(this.getRange(1, 1, this._model.maxRows, this._model.maxColumns));
    if (!options || !options.formatOnly || options.contentsOnly) all.clearContent();
    if (!options || !options.contentsOnly || options.formatOnly) all.clearFormat();
    return this.self();
  }
  clearContents(): Sheet {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): Sheet {
    return this.clear({ formatOnly: true });
  }

  // ---- protection ----

  /** An already protected sheet returns its existing protection, as documented. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    let model = this._model.protections.find((p) => p.type === 'sheet');
    if (!model) {
      model = newProtection(this.ctx, 'sheet');
      this._model.protections.push(model);
    }
    return asGas(new LocalProtection(this.ctx, this._model, model, this._spreadsheet._rangeFactory));
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const wanted = String(type) === 'SHEET' ? 'sheet' : 'range';
    return this._model.protections
      .filter((p) => p.type === wanted)
      .map((p) =>
        asGas<GoogleAppsScript.Spreadsheet.Protection>(
          new LocalProtection(this.ctx, this._model, p, this._spreadsheet._rangeFactory),
        ),
      );
  }

  // ---- charts ----

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const blank: ChartModel = { id: 0, type: 'column', title: '', rangesA1: [], anchorRow: 0, anchorCol: 0 };
    return asGas(new LocalEmbeddedChartBuilder(this._spreadsheet._chartRanges, blank));
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const model = { ...asGas<LocalEmbeddedChart>(chart)._chart };
    model.id = nextChartId(this.ctx.workbook.sheets);
    this._model.charts.push(model);
  }

  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const model = asGas<LocalEmbeddedChart>(chart)._chart;
    const index = this._model.charts.findIndex((c) => c.id === model.id);
    if (index < 0) throw new Error('The chart does not exist in this sheet.');
    this._model.charts[index] = { ...model, rangesA1: [...model.rangesA1] };
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const model = asGas<LocalEmbeddedChart>(chart)._chart;
    this._model.charts = this._model.charts.filter((c) => c.id !== model.id);
  }

  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this._model.charts.map((c) =>
      asGas<GoogleAppsScript.Spreadsheet.EmbeddedChart>(new LocalEmbeddedChart(this._spreadsheet._chartRanges, c)),
    );
  }
}

function hasContent(cell: CellModel | undefined): boolean {
  return Boolean(cell && (cell.formula || (cell.value !== null && cell.value !== '')));
}

function formatsOnlyCell(template: CellModel | undefined): CellModel | undefined {
  if (!template) return undefined;
  const cell: CellModel = { value: null };
  let any = false;
  for (const key of FORMAT_KEYS) {
    if (template[key] !== undefined) {
      (cell as unknown as Record<string, unknown>)[key] =
        key === 'validation'
          ? { ...template.validation! }
          : key === 'borders'
            ? { ...template.borders! }
            : template[key];
      any = true;
    }
  }
  return any ? cell : undefined;
}

function formatsOnlyRow(template: Array<CellModel | undefined> | undefined): Array<CellModel | undefined> | undefined {
  if (!template) return undefined;
  const row = template.map(formatsOnlyCell);
  return row.some(Boolean) ? row : undefined;
}

/** Moves protections, merges and charts below (or right of) `at` by `delta`; deleted parts shrink. */
function shiftBlocks(sheet: SheetModel, axis: 'row' | 'col', at: number, delta: number): void {
  const shift = (b: { row: number; col: number; numRows: number; numCols: number }) => shiftBlock(b, axis, at, delta);
  // a merge that shrinks to one cell is no merge any more
  if (sheet.merges) sheet.merges = sheet.merges.filter((m) => shift(m) && m.numRows * m.numCols > 1);
  sheet.protections = sheet.protections.filter((p) => {
    if (p.range && !shift(p.range)) return false;
    if (p.unprotected) p.unprotected = p.unprotected.filter((u) => shift(u));
    return true;
  });
  for (const chart of sheet.charts) {
    const pos = axis === 'row' ? chart.anchorRow : chart.anchorCol;
    const moved = pos >= at ? Math.max(at, pos + delta) : pos;
    if (axis === 'row') chart.anchorRow = moved;
    else chart.anchorCol = moved;
  }
}

/** Shifts a 0-based block in place; false when a deletion removed it entirely. */
function shiftBlock(
  b: { row: number; col: number; numRows: number; numCols: number },
  axis: 'row' | 'col',
  at: number,
  delta: number,
): boolean {
  const startKey = axis === 'row' ? 'row' : 'col';
  const sizeKey = axis === 'row' ? 'numRows' : 'numCols';
  const start = b[startKey];
  const end = start + b[sizeKey]; // exclusive
  if (delta > 0) {
    if (start >= at) b[startKey] = start + delta;
    else if (end > at) b[sizeKey] += delta;
    return true;
  }
  const delStart = at;
  const delEnd = at - delta;
  const keptBefore = Math.max(0, Math.min(end, delStart) - start);
  const keptAfter = Math.max(0, end - Math.max(start, delEnd));
  const size = keptBefore + keptAfter;
  if (size === 0) return false;
  b[startKey] = start < delStart ? start : Math.max(delStart, start + delta);
  b[sizeKey] = size;
  return true;
}

function shiftNamedRanges(
  ctx: RuntimeContext,
  sheet: SheetModel,
  axis: 'row' | 'col',
  at: number,
  delta: number,
): void {
  ctx.workbook.namedRanges = ctx.workbook.namedRanges.filter((n) => {
    if (n.sheetName !== sheet.name) return true;
    return shiftBlock(n, axis, at, delta);
  });
}

function shiftKeys(record: Record<number, number>, at: number, delta: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(record)) {
    const key = Number(k);
    if (key < at) out[key] = v;
    else if (delta > 0) out[key + delta] = v;
    else if (key >= at - delta) out[key + delta] = v;
  }
  return out;
}

function shiftList(list: number[], at: number, delta: number): number[] {
  return list.flatMap((c) => (c < at ? [c] : delta > 0 ? [c + delta] : c >= at - delta ? [c + delta] : []));
}

/** Sheets' limit: 10 million cells in a spreadsheet, counted over every sheet's grid. */
export const CELL_LIMIT = 10_000_000;
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`;

/** Throws Sheets' message if adding `extra` cells to the grid would pass the limit. */
export function checkCellLimit(
  workbook: { sheets: Array<{ maxRows: number; maxColumns: number }> },
  extra: number,
): void {
  const cells = workbook.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
  if (cells + extra > CELL_LIMIT) throw new Error(CELL_LIMIT_MESSAGE);
}

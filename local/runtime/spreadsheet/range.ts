/**
 * SpreadsheetApp's Range over the in-memory model. Coordinates are 1-based as in
 * Apps Script; the model is 0-based. Reads bring formulas up to date first, so
 * getValues after setFormula returns the computed value.
 */
import { columnLetters, formatA1, shiftFormula } from '../a1-notation';
import { displayValue, isDate } from '../cell-values';
import type { BorderLine, CellBorders, CellModel, MergeModel, SheetModel } from '../model';
import { scriptContent, storeContent } from './cell-writes';
import { cloneRule, LocalDataValidation } from './data-validation';
import { asGas, type OutValue } from './gas-types';
import { canEditBlock, LocalProtection, newProtection, SCRIPT_PROTECTED_MESSAGE } from './protection';
import type { LocalSheet } from './sheet';
import { LocalTextFinder } from './text-finder';

type Range = GoogleAppsScript.Spreadsheet.Range;

type RangeMethods =
  | 'activate'
  | 'breakApart'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'copyTo'
  | 'createTextFinder'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontColor'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getHeight'
  | 'getHorizontalAlignment'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMergedRanges'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWidth'
  | 'getWrap'
  | 'isBlank'
  | 'isPartOfMerge'
  | 'merge'
  | 'mergeAcross'
  | 'mergeVertically'
  | 'offset'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setBorder'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontSize'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap';

export class LocalRange implements Pick<Range, RangeMethods> {
  static readonly serviceName = 'Range';

  /** 0-based top-left and size */
  constructor(
    readonly _sheet: LocalSheet,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
  ) {}

  private get model(): SheetModel {
    return this._sheet._model;
  }

  private get ctx() {
    return this._sheet._ctx;
  }

  private self(): Range {
    return asGas(this);
  }

  private cell(r: number, c: number): CellModel | undefined {
    return this.model.rows[this._row + r]?.[this._col + c];
  }

  private map<T>(fn: (cell: CellModel | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this._numRows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this._numCols; c++) row.push(fn(this.cell(r, c), r, c));
      out.push(row);
    }
    return out;
  }

  /** Script writes run as the executing user and are refused under a protection they are not an editor of. */
  private guard(): void {
    const user = this.ctx.current().user;
    const block = { row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols };
    if (!canEditBlock(this.ctx, this.model, block, user)) throw new Error(SCRIPT_PROTECTED_MESSAGE);
  }

  private checkShape(data: unknown[][]): void {
    if (!Array.isArray(data) || data.length !== this._numRows) {
      const has = Array.isArray(data) ? data.length : 0;
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${has} but the range has ${this._numRows}.`,
      );
    }
    for (const row of data) {
      const has = Array.isArray(row) ? row.length : 0;
      if (has !== this._numCols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${has} but the range has ${this._numCols}.`,
        );
      }
    }
  }

  private writeEach(fn: (cell: CellModel, r: number, c: number) => void): void {
    this.guard();
    for (let r = 0; r < this._numRows; r++) {
      for (let c = 0; c < this._numCols; c++) {
        const cells = (this.model.rows[this._row + r] ??= []);
        fn((cells[this._col + c] ??= { value: null }), r, c);
      }
    }
  }

  private writeValue(r: number, c: number, value: unknown): void {
    const format = this.cell(r, c)?.numberFormat;
    storeContent(this.ctx, this.model, this._row + r, this._col + c, scriptContent(this.ctx, value, format));
  }

  // ---- position ----

  getRow(): number {
    return this._row + 1;
  }
  getRowIndex(): number {
    return this._row + 1;
  }
  getColumn(): number {
    return this._col + 1;
  }
  getNumRows(): number {
    return this._numRows;
  }
  getNumColumns(): number {
    return this._numCols;
  }
  getHeight(): number {
    return this._numRows;
  }
  getWidth(): number {
    return this._numCols;
  }
  getLastRow(): number {
    return this._row + this._numRows;
  }
  getLastColumn(): number {
    return this._col + this._numCols;
  }
  getA1Notation(): string {
    const fullColumns = this._row === 0 && this._numRows === this.model.maxRows;
    const fullRows = this._col === 0 && this._numCols === this.model.maxColumns;
    if (fullColumns && !fullRows) return `${columnLetters(this._col + 1)}:${columnLetters(this._col + this._numCols)}`;
    if (fullRows && !fullColumns) return `${this._row + 1}:${this._row + this._numRows}`;
    return formatA1(this._row + 1, this._col + 1, this._numRows, this._numCols);
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return asGas(this._sheet);
  }

  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this._numRows || column > this._numCols) {
      throw new Error('Cell reference out of range');
    }
    return asGas(new LocalRange(this._sheet, this._row + row - 1, this._col + column - 1, 1, 1));
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this._sheet.getRange(
      this._row + 1 + rowOffset,
      this._col + 1 + columnOffset,
      numRows ?? this._numRows,
      numColumns ?? this._numCols,
    );
  }

  activate(): Range {
    this.ctx.selection = {
      sheetId: this.model.id,
      row: this._row + 1,
      column: this._col + 1,
      numRows: this._numRows,
      numColumns: this._numCols,
    };
    return this.self();
  }

  // ---- merges ----

  /** Merges the range into one block; only the top-left value stays, as Sheets warns. */
  merge(): Range {
    this.mergeBlocks([this.block()]);
    return this.self();
  }

  /** Merges each row of the range into its own block. */
  mergeAcross(): Range {
    const b = this.block();
    this.mergeBlocks(Array.from({ length: b.numRows }, (_, r) => ({ ...b, row: b.row + r, numRows: 1 })));
    return this.self();
  }

  /** Merges each column of the range into its own block. */
  mergeVertically(): Range {
    const b = this.block();
    this.mergeBlocks(Array.from({ length: b.numCols }, (_, c) => ({ ...b, col: b.col + c, numCols: 1 })));
    return this.self();
  }

  /** Unmerges every merged block inside the range; a block only partly inside is refused, as in Sheets. */
  breakApart(): Range {
    this.guard();
    const b = this.block();
    const touched = this.merges().filter((m) => overlaps(m, b));
    if (touched.some((m) => !contains(b, m))) throw new Error(PARTIAL_MERGE_MESSAGE);
    this.model.merges = this.merges().filter((m) => !touched.includes(m));
    return this.self();
  }

  /** Whether any cell of the range belongs to a merged block. */
  isPartOfMerge(): boolean {
    const b = this.block();
    return this.merges().some((m) => overlaps(m, b));
  }

  /** The merged blocks inside the range or containing at least one of its cells. */
  getMergedRanges(): Range[] {
    const b = this.block();
    return this.merges()
      .filter((m) => overlaps(m, b))
      .map((m) => asGas<Range>(new LocalRange(this._sheet, m.row, m.col, m.numRows, m.numCols)));
  }

  private block(): MergeModel {
    return { row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols };
  }

  private merges(): MergeModel[] {
    return this.model.merges ?? [];
  }

  /**
   * Stores the blocks: a block of one cell is no merge; blocks already merged
   * inside the range give way; a merge only partly inside, or one that crosses
   * the frozen rows or columns, is refused with Sheets' message.
   */
  private mergeBlocks(blocks: MergeModel[]): void {
    this.guard();
    const range = this.block();
    const existing = this.merges();
    if (existing.some((m) => overlaps(m, range) && !contains(range, m))) throw new Error(PARTIAL_MERGE_MESSAGE);
    const { frozenRows, frozenColumns } = this.model;
    if (range.row < frozenRows && range.row + range.numRows > frozenRows && blocks.some((b) => b.numRows > 1)) {
      throw new Error("You can't merge frozen and non-frozen rows.");
    }
    if (range.col < frozenColumns && range.col + range.numCols > frozenColumns && blocks.some((b) => b.numCols > 1)) {
      throw new Error("You can't merge frozen and non-frozen columns.");
    }
    const merged = blocks.filter((b) => b.numRows * b.numCols > 1);
    this.model.merges = [...existing.filter((m) => !overlaps(m, range)), ...merged];
    for (const b of merged) {
      for (let r = b.row; r < b.row + b.numRows; r++) {
        for (let c = b.col; c < b.col + b.numCols; c++) {
          if ((r !== b.row || c !== b.col) && this.model.rows[r]?.[c]) {
            storeContent(this.ctx, this.model, r, c, { value: null });
          }
        }
      }
    }
  }

  isBlank(): boolean {
    this.ctx.engine.recalculate();
    return this.map((cell) => !cell || (cell.value === null && !cell.formula)).every((row) => row.every(Boolean));
  }

  // ---- values ----

  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return asGas(new LocalTextFinder(this, findText));
  }

  getValue(): OutValue {
    return this.getValues()[0][0];
  }

  /** Numbers, booleans and Dates as stored; '' for an empty cell. */
  getValues(): OutValue[][] {
    this.ctx.engine.recalculate();
    return this.map((cell) => {
      const v = cell?.value;
      if (v === null || v === undefined) return '';
      return v instanceof Date ? new Date(v.getTime()) : v;
    });
  }

  setValue(value: unknown): Range {
    this.guard();
    for (let r = 0; r < this._numRows; r++) for (let c = 0; c < this._numCols; c++) this.writeValue(r, c, value);
    return this.self();
  }

  setValues(values: unknown[][]): Range {
    this.checkShape(values);
    this.guard();
    values.forEach((row, r) => row.forEach((v, c) => this.writeValue(r, c, v)));
    return this.self();
  }

  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }

  getDisplayValues(): string[][] {
    this.ctx.engine.recalculate();
    const tz = this.ctx.workbook.timeZone;
    return this.map((cell) => (cell ? displayValue(cell.value, cell.numberFormat, tz) : ''));
  }

  getFormula(): string {
    return this.getFormulas()[0][0];
  }

  getFormulas(): string[][] {
    return this.map((cell) => cell?.formula ?? '');
  }

  setFormula(formula: string): Range {
    this.guard();
    const text = formula.startsWith('=') ? formula : '=' + formula;
    for (let r = 0; r < this._numRows; r++) {
      for (let c = 0; c < this._numCols; c++) {
        storeContent(this.ctx, this.model, this._row + r, this._col + c, { value: null, formula: text });
      }
    }
    return this.self();
  }

  setFormulas(formulas: string[][]): Range {
    this.checkShape(formulas);
    this.guard();
    formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        const text = f ? (String(f).startsWith('=') ? String(f) : '=' + f) : undefined;
        storeContent(this.ctx, this.model, this._row + r, this._col + c, { value: null, formula: text });
      }),
    );
    return this.self();
  }

  // ---- notes ----

  getNote(): string {
    return this.cell(0, 0)?.note ?? '';
  }
  getNotes(): string[][] {
    return this.map((cell) => cell?.note ?? '');
  }
  setNote(note: string | null): Range {
    this.writeEach((cell) => {
      cell.note = note ? String(note) : undefined;
    });
    return this.self();
  }
  setNotes(notes: unknown[][]): Range {
    this.checkShape(notes);
    this.writeEach((cell, r, c) => {
      const note = notes[r][c];
      cell.note = note === null || note === undefined || note === '' ? undefined : String(note);
    });
    return this.self();
  }
  clearNote(): Range {
    return this.setNote(null);
  }

  // ---- formats ----

  getNumberFormat(): string {
    return this.cell(0, 0)?.numberFormat ?? '0.###############';
  }
  getNumberFormats(): string[][] {
    return this.map((cell) => cell?.numberFormat ?? '0.###############');
  }
  setNumberFormat(numberFormat: string): Range {
    this.writeEach((cell) => {
      cell.numberFormat = numberFormat;
    });
    return this.self();
  }
  setNumberFormats(numberFormats: unknown[][]): Range {
    this.checkShape(numberFormats);
    this.writeEach((cell, r, c) => {
      const f = numberFormats[r][c];
      cell.numberFormat = f ? String(f) : undefined;
    });
    return this.self();
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this.cell(0, 0)?.fontWeight ?? 'normal';
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this.map((cell) => cell?.fontWeight ?? 'normal');
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): Range {
    this.writeEach((cell) => {
      cell.fontWeight = fontWeight === 'bold' ? 'bold' : undefined;
    });
    return this.self();
  }
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): Range {
    this.checkShape(fontWeights);
    this.writeEach((cell, r, c) => {
      cell.fontWeight = fontWeights[r][c] === 'bold' ? 'bold' : undefined;
    });
    return this.self();
  }

  getBackground(): string {
    return this.cell(0, 0)?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.map((cell) => cell?.background ?? '#ffffff');
  }
  setBackground(color: string | null): Range {
    this.writeEach((cell) => {
      cell.background = color && color.toLowerCase() !== '#ffffff' && color !== 'white' ? color : undefined;
    });
    return this.self();
  }
  setBackgrounds(color: string[][]): Range {
    this.checkShape(color);
    this.writeEach((cell, r, c) => {
      const bg = color[r][c];
      cell.background = bg && bg.toLowerCase() !== '#ffffff' && bg !== 'white' ? bg : undefined;
    });
    return this.self();
  }

  getFontColor(): string {
    return this.cell(0, 0)?.fontColor ?? '#000000';
  }
  setFontColor(color: string | null): Range {
    this.writeEach((cell) => {
      cell.fontColor = color ?? undefined;
    });
    return this.self();
  }

  getHorizontalAlignment(): string {
    return this.cell(0, 0)?.horizontalAlignment ?? 'general';
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    this.writeEach((cell) => {
      cell.horizontalAlignment =
        alignment === 'left' || alignment === 'center' || alignment === 'right' ? alignment : undefined;
    });
    return this.self();
  }

  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): Range {
    this.writeEach((cell) => {
      cell.verticalAlignment = alignment === 'top' || alignment === 'middle' ? alignment : undefined;
    });
    return this.self();
  }

  setFontSize(size: number): Range {
    this.writeEach((cell) => {
      cell.fontSize = size === 10 ? undefined : size;
    });
    return this.self();
  }

  /**
   * setBorder(top, left, bottom, right, vertical, horizontal[, color, style]):
   * true draws the line, false removes it, null leaves it as it is; vertical and
   * horizontal are the lines between the range's cells. The default is a thin
   * solid black line.
   */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: GoogleAppsScript.Spreadsheet.BorderStyle | null,
  ): Range {
    const line: BorderLine = {
      style: (String(style ?? 'SOLID').toLowerCase() as BorderLine['style']) || 'solid',
      color: color ?? '#000000',
    };
    const apply = (cell: CellModel, side: keyof CellBorders, on: boolean | null) => {
      if (on === null || on === undefined) return;
      const borders = (cell.borders ??= {});
      if (on) borders[side] = { ...line };
      else delete borders[side];
      if (Object.keys(borders).length === 0) delete cell.borders;
    };
    const lastRow = this._numRows - 1;
    const lastCol = this._numCols - 1;
    this.writeEach((cell, r, c) => {
      apply(cell, 'top', r === 0 ? top : horizontal);
      apply(cell, 'bottom', r === lastRow ? bottom : horizontal);
      apply(cell, 'left', c === 0 ? left : vertical);
      apply(cell, 'right', c === lastCol ? right : vertical);
    });
    return this.self();
  }

  getWrap(): boolean {
    return this.cell(0, 0)?.wrap ?? false;
  }
  setWrap(isWrapEnabled: boolean): Range {
    this.writeEach((cell) => {
      cell.wrap = isWrapEnabled || undefined;
    });
    return this.self();
  }

  // ---- data validation ----

  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.getDataValidations()[0][0];
  }
  getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    const resolver = this._sheet._spreadsheet._resolver;
    return this.map((cell) =>
      cell?.validation
        ? asGas<GoogleAppsScript.Spreadsheet.DataValidation>(
            new LocalDataValidation(cloneRule(cell.validation), resolver),
          )
        : null,
    );
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    const model = rule ? asGas<LocalDataValidation>(rule)._model : undefined;
    this.writeEach((cell) => {
      cell.validation = model ? cloneRule(model) : undefined;
    });
    return this.self();
  }
  setDataValidations(rules: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>): Range {
    this.checkShape(rules);
    this.writeEach((cell, r, c) => {
      const rule = rules[r][c];
      cell.validation = rule ? cloneRule(asGas<LocalDataValidation>(rule)._model) : undefined;
    });
    return this.self();
  }
  clearDataValidations(): Range {
    return this.setDataValidation(null);
  }

  // ---- clearing ----

  /** Contents and formats, as documented; notes and validation stay. With options, only what they name. */
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): Range {
    const any =
      options && (options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly);
    if (!any || options?.contentsOnly) this.clearContent();
    if (!any || options?.formatOnly) this.clearFormat();
    if (options?.validationsOnly) this.clearDataValidations();
    if (options?.commentsOnly) this.clearNote();
    return this.self();
  }

  clearContent(): Range {
    this.guard();
    for (let r = 0; r < this._numRows; r++) {
      for (let c = 0; c < this._numCols; c++) {
        if (this.cell(r, c)) storeContent(this.ctx, this.model, this._row + r, this._col + c, { value: null });
      }
    }
    return this.self();
  }

  clearFormat(): Range {
    this.writeEach((cell) => {
      cell.numberFormat = undefined;
      cell.fontWeight = undefined;
      cell.fontColor = undefined;
      cell.background = undefined;
      cell.horizontalAlignment = undefined;
      cell.wrap = undefined;
    });
    return this.self();
  }

  // ---- copy and protect ----

  /** Copies contents and formats onto the destination's top-left corner; relative formula references shift as in a paste. */
  copyTo(destination: Range, options?: unknown, transposed?: unknown): void {
    void options;
    void transposed;
    const dest = asGas<LocalRange>(destination);
    this.ctx.engine.recalculate();
    const source = this.map((cell) => (cell ? { ...cell } : undefined));
    const target = new LocalRange(dest._sheet, dest._row, dest._col, this._numRows, this._numCols);
    target.guard();
    source.forEach((row, r) =>
      row.forEach((cell, c) => {
        const cells = (dest._sheet._model.rows[dest._row + r] ??= []);
        cells[dest._col + c] = cell
          ? {
              ...cell,
              ...(cell.formula
                ? { formula: shiftFormula(cell.formula, dest._row - this._row, dest._col - this._col) }
                : {}),
              spilled: undefined,
            }
          : undefined;
        this.ctx.engine.cellChanged(dest._sheet._model, dest._row + r, dest._col + c);
      }),
    );
  }

  /**
   * Sorts the range's rows by sheet columns: a column number, `{ column,
   * ascending }`, or a list of them (the first decides, the next break ties);
   * whole cells move with their rows. Numbers and dates come before text
   * (compared without case), then booleans; empty cells go last either way.
   */
  sort(sortSpecObj: unknown): Range {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((spec: unknown) => {
      const column = typeof spec === 'number' ? spec : Number((spec as { column?: unknown } | null)?.column);
      const ascending =
        spec && typeof spec === 'object' && 'ascending' in spec
          ? Boolean((spec as { ascending: unknown }).ascending)
          : true;
      if (!Number.isInteger(column) || column <= this._col || column > this._col + this._numCols) {
        throw new Error(`Column ${String(column)} is not in the range ${this.getA1Notation()}`);
      }
      return { offset: column - 1 - this._col, ascending };
    });
    this.guard();
    this.ctx.engine.recalculate();
    const rank = (value: unknown): number =>
      value === null || value === undefined || value === ''
        ? 3
        : typeof value === 'number' || isDate(value)
          ? 0
          : typeof value === 'boolean'
            ? 2
            : 1;
    const compare = (a: unknown, b: unknown): number => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb || ra === 3) return ra - rb;
      if (ra === 0) return Number(isDate(a) ? a.getTime() : a) - Number(isDate(b) ? b.getTime() : b);
      if (ra === 2) return Number(a) - Number(b);
      return String(a).localeCompare(String(b), 'ru', { sensitivity: 'base' });
    };
    const rows = Array.from({ length: this._numRows }, (_, r) => ({
      r,
      cells: Array.from({ length: this._numCols }, (_, c) => this.cell(r, c)),
    }));
    rows.sort((x, y) => {
      for (const { offset, ascending } of specs) {
        const a = x.cells[offset]?.value ?? null;
        const b = y.cells[offset]?.value ?? null;
        const empty = rank(a) === 3 || rank(b) === 3;
        const order = compare(a, b);
        if (order !== 0) return empty || ascending ? order : -order;
      }
      return x.r - y.r;
    });
    rows.forEach(({ cells }, r) => {
      const target = (this.model.rows[this._row + r] ??= []);
      cells.forEach((cell, c) => {
        target[this._col + c] = cell && { ...cell, spilled: undefined };
        this.ctx.engine.cellChanged(this.model, this._row + r, this._col + c);
      });
    });
    return this.self();
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const model = newProtection(this.ctx, 'range', {
      row: this._row,
      col: this._col,
      numRows: this._numRows,
      numCols: this._numCols,
    });
    this.model.protections.push(model);
    return asGas(new LocalProtection(this.ctx, this.model, model, this._sheet._spreadsheet._rangeFactory));
  }
}

/** Sheets' refusal to merge or unmerge part of a merged block. */
export const PARTIAL_MERGE_MESSAGE = 'You must select all cells in a merged range to merge or unmerge them.';

function overlaps(a: MergeModel, b: MergeModel): boolean {
  return (
    a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols
  );
}

function contains(outer: MergeModel, inner: MergeModel): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

/**
 * Formulas of the in-memory workbook, computed by HyperFormula. The engine is
 * built lazily, only once a formula exists, and then kept in sync cell by cell;
 * structural changes (rows, columns, sheets) are applied to it so formulas
 * shift as in Sheets. Computed results are written back into CellModel.value so
 * a saved workbook holds them. The add-on's custom functions are registered
 * under their own names and call the functions of the loaded Code.js.
 */
import {
  ArraySize,
  CellError,
  CellType,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type CellValue as HfCellValue,
  type ConfigParams,
  type ExportedChange,
  type RawCellContent,
} from 'hyperformula';
import { dateToSerial, isDate, serialToDate } from './cell-values';
import type { CellModel, CellValue, SheetModel, WorkbookModel } from './model';
import { zonedFields } from './time-zone';

/** Calls a custom function of the loaded script with Sheets' arguments. */
export type CustomFunctionInvoker = (name: string, args: unknown[]) => unknown;

// HyperFormula registers functions globally; each call is routed to the engine that is evaluating.
let evaluating: FormulaEngine | undefined;
const registered = new Set<string>();
/** by function: the arguments that are parameter tables (JSDoc type only Array<Array<…>>), which do not shape the result */
const tableArguments = new Map<string, Set<number>>();

function routeCustomFunctionsTo(engine: FormulaEngine): void {
  evaluating = engine;
}

interface HfAst {
  args: HfAst[];
}

function toSheetsArgument(value: unknown, engine: FormulaEngine): unknown {
  if (value === EmptyValue || value === null || value === undefined) return '';
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map((v) => toSheetsArgument(v, engine)));
  if (typeof value === 'object' && value !== null && 'val' in value) {
    const rich = value as { val: number; constructor: { name: string } };
    const kind = rich.constructor.name;
    if (kind === 'DateNumber' || kind === 'DateTimeNumber') return serialToDate(rich.val, engine.timeZone());
    return rich.val;
  }
  return value;
}

function registerCustomFunction(name: string): void {
  const id = name.toUpperCase();
  if (registered.has(id)) return;
  class CustomFunctionPlugin extends FunctionPlugin {
    static implementedFunctions = {
      [id]: {
        method: 'evaluate',
        sizeOfResultArrayMethod: 'resultSize',
        vectorizationForbidden: true,
        parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
        repeatLastArgs: 1,
      },
    };

    evaluate(ast: HfAst, state: never) {
      const values = ast.args.map((arg) => this.evaluateAst(arg as never, state));
      const failed = values.find((v) => v instanceof CellError);
      if (failed) return failed;
      const engine = evaluating;
      if (!engine) return new CellError(ErrorType.ERROR, 'Custom functions run only inside the local runtime');
      const size = this.resultSize(ast, state);
      return engine.callCustom(
        id,
        values.map((v) => toSheetsArgument(v, engine)),
        size,
      );
    }

    /** Sheets knows the result's shape only after the call; the add-on's functions keep the shape of their range arguments. */
    resultSize(ast: HfAst, state: never): ArraySize {
      let width = 1;
      let height = 1;
      const tables = tableArguments.get(id);
      for (const [i, arg] of ast.args.entries()) {
        if (tables?.has(i)) continue;
        // a range argument is a reference (isRef), which isScalar() counts as scalar: read its extent
        const size = this.arraySizeForAst(arg as never, state);
        width = Math.max(width, size.width);
        height = Math.max(height, size.height);
      }
      return width === 1 && height === 1 ? ArraySize.scalar() : new ArraySize(width, height);
    }
  }
  HyperFormula.registerFunction(id, CustomFunctionPlugin, { enGB: { [id]: id }, enUS: { [id]: id } });
  registered.add(id);
}

const CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  useArrayArithmetic: true,
  dateFormats: ['DD.MM.YYYY', 'YYYY-MM-DD'],
  timeFormats: ['hh:mm', 'hh:mm:ss'],
  // Sheets computes in IEEE doubles and gives scripts the double itself: no rounding of results to
  // 10 digits, no snapping of a near-zero difference to 0 (HyperFormula's smartRounding does both)
  smartRounding: false,
  // Google Sheets caps a spreadsheet at 10 million cells and a sheet at 18 278 columns; the engine
  // must hold any sheet Sheets can (a deal tab of 100 000+ rows included).
  maxRows: 10_000_000,
  maxColumns: 18_278,
};

/** The last error message of a formula cell, for the local page and the tests. */
export interface FormulaError {
  value: string;
  message: string;
}

export class FormulaEngine {
  private hf: HyperFormula | undefined;
  private hfSheetIds = new Map<number, number>();
  private dirty = new Map<string, { sheet: SheetModel; row: number; col: number }>();
  private stale = true;
  /**
   * Set when a rebuild found no formula anywhere. While the running execution
   * writes only through the services (which report every cell to cellChanged),
   * the workbook stays formula-free until a formula is written, so reads need
   * not scan every cell again; enter() of each execution clears it, since the
   * model may have been changed outside the services in between.
   */
  private formulaFree = false;
  private invoker: CustomFunctionInvoker | undefined;
  private customNames = new Set<string>();

  constructor(
    private readonly workbook: WorkbookModel,
    /** whether an execution is running now (only then are all writes known to pass through cellChanged) */
    private readonly running: () => boolean = () => false,
  ) {}

  /** The model may have changed outside the services: the next read scans it for formulas again. */
  recheck(): void {
    this.formulaFree = false;
  }

  timeZone(): string {
    return this.workbook.timeZone;
  }

  /** Registers the add-on's custom functions (names from build/entry-points.json) and how to call them. */
  setCustomFunctions(names: string[], invoker: CustomFunctionInvoker, tableArgs: Record<string, number[]> = {}): void {
    for (const [name, indexes] of Object.entries(tableArgs)) tableArguments.set(name.toUpperCase(), new Set(indexes));
    for (const name of names) {
      registerCustomFunction(name);
      this.customNames.add(name.toUpperCase());
    }
    this.invoker = invoker;
    this.invalidate();
  }

  callCustom(name: string, args: unknown[], size: ArraySize): unknown {
    if (!this.invoker || !this.customNames.has(name)) {
      return new CellError(ErrorType.NAME, `Unknown function: '${name}'.`);
    }
    let result: unknown;
    try {
      result = this.invoker(name, args);
    } catch (error) {
      return new CellError(
        ErrorType.ERROR,
        error instanceof Error || isErrorLike(error) ? error.message : String(error),
      );
    }
    const scalar = (v: unknown): unknown => {
      if (v === null || v === undefined || v === '') return v === '' ? '' : EmptyValue;
      if (isDate(v)) return dateToSerial(v, this.workbook.timeZone);
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
      return String(v);
    };
    if (!Array.isArray(result)) {
      if (size.isScalar()) return scalar(result);
      return SimpleRangeValue.onlyValues(fit([[result]], size).map((row) => row.map(scalar)) as never);
    }
    const rows = (result as unknown[]).map((row) => (Array.isArray(row) ? row : [row]));
    if (size.isScalar()) return scalar(rows[0]?.[0]);
    return SimpleRangeValue.onlyValues(fit(rows, size).map((row) => row.map(scalar)) as never);
  }

  /** A cell's content changed: the engine picks it up at the next read. */
  cellChanged(sheet: SheetModel, row: number, col: number): void {
    if (!this.hf) {
      if (!this.stale && this.cellHasFormula(sheet, row, col)) this.stale = true;
      return;
    }
    this.dirty.set(`${sheet.id}:${row}:${col}`, { sheet, row, col });
  }

  /** Forget the engine: the next read rebuilds it from the model (new sheets, renamed sheets, named ranges). */
  invalidate(): void {
    this.hf?.destroy();
    this.hf = undefined;
    this.dirty.clear();
    this.stale = true;
  }

  /** Call before the model's rows or columns move: the engine must hold the formulas as they were. */
  beforeStructureChange(): void {
    this.recalculate();
  }

  /**
   * Applies a row or column insertion or deletion to the formulas: the model's
   * cells have already moved; formulas referring across the change are rewritten
   * by the engine (as Sheets rewrites them) and copied back into the model.
   */
  structureChanged(
    sheet: SheetModel,
    op: 'insertRows' | 'deleteRows' | 'insertColumns' | 'deleteColumns',
    index: number,
    count: number,
  ): void {
    if (!this.hf) {
      this.stale = true;
      return;
    }
    this.flushDirty();
    const id = this.hfSheetIds.get(sheet.id);
    if (id === undefined) {
      this.invalidate();
      return;
    }
    routeCustomFunctionsTo(this);
    try {
      if (op === 'insertRows') this.hf.addRows(id, [index, count]);
      else if (op === 'deleteRows') this.hf.removeRows(id, [index, count]);
      else if (op === 'insertColumns') this.hf.addColumns(id, [index, count]);
      else this.hf.removeColumns(id, [index, count]);
    } catch {
      // an operation the engine refuses (e.g. splitting an array) is rebuilt from the model instead
      this.invalidate();
      return;
    }
    for (const s of this.workbook.sheets) {
      const sid = this.hfSheetIds.get(s.id);
      if (sid === undefined) continue;
      forEachCell(s, (cell, r, c) => {
        if (!cell.formula) return;
        const text = this.hf!.getCellFormula({ sheet: sid, row: r, col: c });
        if (text) cell.formula = text;
      });
    }
    this.readAll();
  }

  /** Brings every formula's value in the model up to date. */
  recalculate(): void {
    if (!this.hf && !this.stale && this.formulaFree && this.running()) return;
    if (this.stale || !this.hf) {
      this.rebuild();
      return;
    }
    this.flushDirty();
  }

  /** Rebuilds the engine from the model (used after loading a file). */
  rebuild(): void {
    this.invalidate();
    this.stale = false;
    this.formulaFree = !this.workbook.sheets.some((s) => sheetHasFormula(s));
    if (this.formulaFree) return;
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of this.workbook.sheets) {
      // the model's rows are sparse: holes become empty rows and cells
      sheets[sheet.name] = Array.from(sheet.rows, (row) => Array.from(row ?? [], (cell) => this.rawContent(cell)));
    }
    routeCustomFunctionsTo(this);
    this.hf = HyperFormula.buildFromSheets(sheets, CONFIG);
    this.hfSheetIds.clear();
    for (const sheet of this.workbook.sheets) {
      const id = this.hf.getSheetId(sheet.name);
      if (id !== undefined) this.hfSheetIds.set(sheet.id, id);
    }
    for (const named of this.workbook.namedRanges) {
      const ref = `='${named.sheetName.replace(/'/g, "''")}'!${absolute(named)}`;
      try {
        this.hf.addNamedExpression(named.name, ref);
      } catch {
        // a name HyperFormula refuses stays usable through getRangeByName, just not inside formulas
      }
    }
    this.readAll();
  }

  private flushDirty(): void {
    if (!this.hf || this.dirty.size === 0) return;
    const hf = this.hf;
    const pending = [...this.dirty.values()];
    this.dirty.clear();
    routeCustomFunctionsTo(this);
    let changes: ExportedChange[];
    try {
      changes = hf.batch(() => {
        for (const { sheet, row, col } of pending) {
          const id = this.hfSheetIds.get(sheet.id);
          if (id === undefined) continue;
          hf.setCellContents({ sheet: id, row, col }, [[this.rawContent(sheet.rows[row]?.[col])]]);
        }
      });
    } catch {
      this.rebuild();
      return;
    }
    const bySheet = new Map<number, SheetModel>();
    for (const s of this.workbook.sheets) {
      const id = this.hfSheetIds.get(s.id);
      if (id !== undefined) bySheet.set(id, s);
    }
    for (const change of changes) {
      if (!('address' in change) || !change.address) continue;
      const address = change.address as { sheet: number; row: number; col: number };
      const sheet = bySheet.get(address.sheet);
      if (sheet) this.storeResult(sheet, address.row, address.col);
    }
  }

  private readAll(): void {
    const hf = this.hf;
    if (!hf) return;
    for (const sheet of this.workbook.sheets) {
      const id = this.hfSheetIds.get(sheet.id);
      if (id === undefined) continue;
      const values = hf.getSheetValues(id);
      // cells that held a spilled value but no longer do become empty again
      forEachCell(sheet, (cell, r, c) => {
        if (cell.spilled && (values[r]?.[c] ?? null) === null) this.storeResult(sheet, r, c);
      });
      values.forEach((row, r) =>
        row.forEach((value, c) => {
          const cell = sheet.rows[r]?.[c];
          if (cell?.formula || cell?.spilled || (value !== null && (!cell || cell.value === null))) {
            this.storeResult(sheet, r, c);
          }
        }),
      );
    }
  }

  /** Copies the engine's value of one cell into the model. */
  private storeResult(sheet: SheetModel, row: number, col: number): void {
    const hf = this.hf!;
    const id = this.hfSheetIds.get(sheet.id)!;
    const address = { sheet: id, row, col };
    const existing = sheet.rows[row]?.[col];
    const type = hf.getCellType(address);
    if (!existing?.formula) {
      // only values spilled by an array formula are the engine's to write here
      if (type !== CellType.ARRAY) {
        if (existing?.spilled) {
          existing.spilled = undefined;
          existing.value = null;
          existing.error = undefined;
        }
        return;
      }
    }
    const value = hf.getCellValue(address);
    const cell = existing ?? ensureCell(sheet, row, col);
    if (!cell.formula) cell.spilled = true;
    const converted = this.fromEngine(value, address);
    cell.value = converted.value;
    cell.error = converted.error;
  }

  private fromEngine(
    value: HfCellValue,
    address: { sheet: number; row: number; col: number },
  ): { value: CellValue; error?: string } {
    if (value instanceof DetailedCellError) return { value: value.value, error: value.message || value.value };
    if (typeof value === 'number') {
      const detail = this.hf!.getCellValueDetailedType(address);
      if (detail === 'NUMBER_DATE' || detail === 'NUMBER_DATETIME') {
        return { value: serialToDate(value, this.workbook.timeZone) };
      }
      return { value };
    }
    if (value === undefined) return { value: null };
    return { value };
  }

  private rawContent(cell: CellModel | undefined): RawCellContent {
    if (!cell || cell.spilled) return null;
    if (cell.formula) return cell.formula;
    const v = cell.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v === '' ? null : "'" + v; // the apostrophe keeps text as text
    if (isDate(v)) {
      // HyperFormula reads a Date by its local fields: give it the spreadsheet's wall clock
      const f = zonedFields(v, this.workbook.timeZone);
      return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    }
    return v;
  }

  private cellHasFormula(sheet: SheetModel, row: number, col: number): boolean {
    return Boolean(sheet.rows[row]?.[col]?.formula);
  }
}

function isErrorLike(value: unknown): value is { message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function fit(rows: unknown[][], size: ArraySize): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 0; r < size.height; r++) {
    const row: unknown[] = [];
    for (let c = 0; c < size.width; c++) row.push(rows[r]?.[c] ?? '');
    out.push(row);
  }
  return out;
}

function absolute(n: { row: number; col: number; numRows: number; numCols: number }): string {
  const letters = (c: number) => {
    let s = '';
    let x = c + 1;
    while (x > 0) {
      s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
      x = Math.floor((x - 1) / 26);
    }
    return s;
  };
  return `$${letters(n.col)}$${n.row + 1}:$${letters(n.col + n.numCols - 1)}$${n.row + n.numRows}`;
}

export function sheetHasFormula(sheet: SheetModel): boolean {
  return sheet.rows.some((row) => row?.some((cell) => cell?.formula));
}

export function forEachCell(sheet: SheetModel, fn: (cell: CellModel, row: number, col: number) => void): void {
  sheet.rows.forEach((row, r) => row?.forEach((cell, c) => cell && fn(cell, r, c)));
}

export function ensureCell(sheet: SheetModel, row: number, col: number): CellModel {
  const cells = (sheet.rows[row] ??= []);
  return (cells[col] ??= { value: null });
}

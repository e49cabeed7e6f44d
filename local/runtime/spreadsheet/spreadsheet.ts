/**
 * SpreadsheetApp's Spreadsheet over the WorkbookModel: sheets, the active sheet
 * and selection, named ranges, owner and editors, toasts.
 */
import { parseA1, quoteSheetName } from '../a1-notation';
import { emptySheet, type NamedRangeModel, type SheetModel } from '../model';
import type { RuntimeContext } from '../runtime-context';
import type { ChartRanges } from './charts';
import type { RangeResolver } from './data-validation';
import { asGas } from './gas-types';
import { LocalProtection, type Block, type RangeFactory } from './protection';
import { LocalRange } from './range';
import { checkCellLimit, LocalSheet } from './sheet';
import { LocalUser } from './user';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

type SpreadsheetMethods =
  | 'addEditor'
  | 'deleteSheet'
  | 'getActiveCell'
  | 'getActiveRange'
  | 'getActiveSheet'
  | 'getEditors'
  | 'getId'
  | 'getName'
  | 'getNamedRanges'
  | 'getNumSheets'
  | 'getOwner'
  | 'getProtections'
  | 'getRange'
  | 'getRangeByName'
  | 'getSelection'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'insertSheet'
  | 'removeNamedRange'
  | 'rename'
  | 'setActiveSheet'
  | 'setNamedRange'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class LocalSpreadsheet implements Pick<Spreadsheet, SpreadsheetMethods> {
  static readonly serviceName = 'Spreadsheet';
  private readonly sheetObjects = new WeakMap<SheetModel, LocalSheet>();
  readonly _resolver: RangeResolver;
  readonly _rangeFactory: RangeFactory;
  readonly _chartRanges: ChartRanges;

  constructor(readonly _ctx: RuntimeContext) {
    this._resolver = {
      valuesOf: (a1) => asGas<LocalRange>(this.getRange(a1)).getValues(),
      rangeOf: (a1) => this.getRange(a1),
      a1Of: (range) => this._a1WithSheet(range),
    };
    this._rangeFactory = {
      rangeFor: (sheet: SheetModel, b: Block) => this._sheet(sheet)._range(b.row, b.col, b.numRows, b.numCols),
      blockOf: (range: unknown) => {
        const r = asGas<LocalRange>(range);
        return {
          sheet: r._sheet._model,
          block: { row: r._row, col: r._col, numRows: r._numRows, numCols: r._numCols },
        };
      },
    };
    this._chartRanges = { a1WithSheet: (range) => this._a1WithSheet(range), rangeOf: (a1) => this.getRange(a1) };
  }

  private get workbook() {
    return this._ctx.workbook;
  }

  private self(): Spreadsheet {
    return asGas(this);
  }

  /** The one Sheet object of a sheet model (so the script sees the same object each time). */
  _sheet(model: SheetModel): LocalSheet {
    let sheet = this.sheetObjects.get(model);
    if (!sheet) {
      sheet = new LocalSheet(this._ctx, model, this);
      this.sheetObjects.set(model, sheet);
    }
    return sheet;
  }

  _a1WithSheet(range: unknown): string {
    const r = asGas<LocalRange>(range);
    return `${quoteSheetName(r._sheet._model.name)}!${r.getA1Notation()}`;
  }

  getId(): string {
    return this.workbook.id;
  }
  getName(): string {
    return this.workbook.name;
  }
  rename(newName: string): void {
    this.workbook.name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.workbook.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.workbook.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.workbook.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this.workbook.locale;
  }

  getOwner(): GoogleAppsScript.Base.User {
    return asGas(new LocalUser(this.workbook.owner));
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return [this.workbook.owner, ...this.workbook.editors].map((e) =>
      asGas<GoogleAppsScript.Base.User>(new LocalUser(e)),
    );
  }
  addEditor(user: string | GoogleAppsScript.Base.User): Spreadsheet {
    const email = typeof user === 'string' ? user : user.getEmail();
    if (email !== this.workbook.owner && !this.workbook.editors.includes(email)) this.workbook.editors.push(email);
    return this.self();
  }

  // ---- sheets ----

  getSheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return this.workbook.sheets.map((s) => asGas<GoogleAppsScript.Spreadsheet.Sheet>(this._sheet(s)));
  }
  getNumSheets(): number {
    return this.workbook.sheets.length;
  }
  getSheetByName(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    const model = this.workbook.sheets.find((s) => s.name === name);
    return model ? asGas(this._sheet(model)) : null;
  }
  getSheetById(id: number): GoogleAppsScript.Spreadsheet.Sheet | null {
    const model = this.workbook.sheets.find((s) => s.id === id);
    return model ? asGas(this._sheet(model)) : null;
  }

  /** A new sheet, active afterwards as in Sheets; without a name it is «Лист N» (the ru_RU default). */
  insertSheet(a?: string | number | object, b?: number | object): GoogleAppsScript.Spreadsheet.Sheet {
    let name = typeof a === 'string' ? a : undefined;
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
    if (name !== undefined && this.workbook.sheets.some((s) => s.name.toLowerCase() === name!.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (name === undefined) {
      let n = this.workbook.sheets.length + 1;
      while (this.workbook.sheets.some((s) => s.name === `Лист${n}`)) n++;
      name = `Лист${n}`;
    }
    checkCellLimit(this.workbook, 1000 * 26);
    const model = emptySheet(this.workbook.nextSheetId++, name);
    const at =
      index === undefined ? this.workbook.sheets.length : Math.max(0, Math.min(index, this.workbook.sheets.length));
    this.workbook.sheets.splice(at, 0, model);
    this._ctx.engine.invalidate();
    this._ctx.selection = { sheetId: model.id, row: 1, column: 1, numRows: 1, numColumns: 1 };
    return asGas(this._sheet(model));
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    const model = asGas<LocalSheet>(sheet)._model;
    if (this.workbook.sheets.length <= 1) {
      throw new Error("You can't remove all the sheets in a document.");
    }
    this.workbook.sheets = this.workbook.sheets.filter((s) => s !== model);
    this.workbook.namedRanges = this.workbook.namedRanges.filter((n) => n.sheetName !== model.name);
    if (this._ctx.selection?.sheetId === model.id) this._ctx.selection = undefined;
    this._ctx.engine.invalidate();
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    const selected = this.workbook.sheets.find((s) => s.id === this._ctx.selection?.sheetId);
    const model = selected ?? this.workbook.sheets.find((s) => !s.hidden) ?? this.workbook.sheets[0];
    if (!model) throw new Error('The spreadsheet has no sheets.');
    return asGas(this._sheet(model));
  }

  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    asGas<LocalSheet>(sheet).activate();
    return sheet;
  }

  getActiveRange(): Range | null {
    const sheet = asGas<LocalSheet>(this.getActiveSheet());
    const sel = this._ctx.selection;
    if (!sel || sel.sheetId !== sheet._model.id) return asGas(sheet._range(0, 0, 1, 1));
    return asGas(sheet._range(sel.row - 1, sel.column - 1, sel.numRows, sel.numColumns));
  }

  getActiveCell(): Range {
    const range = asGas<LocalRange>(this.getActiveRange());
    return asGas(range._sheet._range(range._row, range._col, 1, 1));
  }

  getSelection(): GoogleAppsScript.Spreadsheet.Selection {
    return asGas(new LocalSelection(this));
  }

  /** 'Sheet'!A1:B2; without a sheet name, the active sheet. */
  getRange(a1Notation: string): Range {
    const ref = parseA1(a1Notation);
    const sheet =
      ref.sheetName === undefined
        ? asGas<LocalSheet>(this.getActiveSheet())
        : this.workbook.sheets.find((s) => s.name === ref.sheetName);
    if (!sheet) throw new Error(`Range not found`);
    const local = sheet instanceof LocalSheet ? sheet : this._sheet(sheet);
    const cells = a1Notation.slice(a1Notation.lastIndexOf('!') + 1);
    return local.getRange(cells);
  }

  // ---- named ranges ----

  setNamedRange(name: string, range: Range): void {
    if (!/^[A-Za-zА-Яа-яЁё_][A-Za-zА-Яа-яЁё0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
      throw new Error(`Invalid name: ${name}`);
    }
    const r = asGas<LocalRange>(range);
    const model: NamedRangeModel = {
      name,
      sheetName: r._sheet._model.name,
      row: r._row,
      col: r._col,
      numRows: r._numRows,
      numCols: r._numCols,
    };
    this.workbook.namedRanges = this.workbook.namedRanges.filter((n) => n.name !== name);
    this.workbook.namedRanges.push(model);
    this._ctx.engine.invalidate();
  }

  getRangeByName(name: string): Range | null {
    const named = this.workbook.namedRanges.find((n) => n.name === name);
    if (!named) return null;
    const sheet = this.workbook.sheets.find((s) => s.name === named.sheetName);
    return sheet ? asGas(this._sheet(sheet)._range(named.row, named.col, named.numRows, named.numCols)) : null;
  }

  removeNamedRange(name: string): void {
    this.workbook.namedRanges = this.workbook.namedRanges.filter((n) => n.name !== name);
    this._ctx.engine.invalidate();
  }

  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return this.workbook.namedRanges.map((n) =>
      asGas<GoogleAppsScript.Spreadsheet.NamedRange>(new LocalNamedRange(this, n)),
    );
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const wanted = String(type) === 'SHEET' ? 'sheet' : 'range';
    return this.workbook.sheets.flatMap((s) =>
      s.protections
        .filter((p) => p.type === wanted)
        .map((p) =>
          asGas<GoogleAppsScript.Spreadsheet.Protection>(new LocalProtection(this._ctx, s, p, this._rangeFactory)),
        ),
    );
  }

  /** Records a toast; the local page shows it. */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._ctx.record({ type: 'toast', message: String(msg), title: title ?? '', timeoutSeconds: timeoutSeconds ?? 5 });
  }
}

export class LocalNamedRange implements Pick<
  GoogleAppsScript.Spreadsheet.NamedRange,
  'getName' | 'getRange' | 'remove' | 'setName' | 'setRange'
> {
  static readonly serviceName = 'NamedRange';
  constructor(
    private readonly spreadsheet: LocalSpreadsheet,
    private readonly model: NamedRangeModel,
  ) {}

  getName(): string {
    return this.model.name;
  }
  getRange(): Range {
    return asGas(this.spreadsheet.getRangeByName(this.model.name));
  }
  remove(): void {
    this.spreadsheet.removeNamedRange(this.model.name);
  }
  setName(name: string): GoogleAppsScript.Spreadsheet.NamedRange {
    this.model.name = name;
    this.spreadsheet._ctx.engine.invalidate();
    return asGas(this);
  }
  setRange(range: Range): GoogleAppsScript.Spreadsheet.NamedRange {
    const r = asGas<LocalRange>(range);
    Object.assign(this.model, {
      sheetName: r._sheet._model.name,
      row: r._row,
      col: r._col,
      numRows: r._numRows,
      numCols: r._numCols,
    });
    this.spreadsheet._ctx.engine.invalidate();
    return asGas(this);
  }
}

export class LocalSelection implements Pick<
  GoogleAppsScript.Spreadsheet.Selection,
  'getActiveRange' | 'getActiveSheet' | 'getCurrentCell'
> {
  static readonly serviceName = 'Selection';
  constructor(private readonly spreadsheet: LocalSpreadsheet) {}

  getActiveRange(): Range | null {
    return this.spreadsheet.getActiveRange();
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.spreadsheet.getActiveSheet();
  }
  getCurrentCell(): Range | null {
    return this.spreadsheet.getActiveCell();
  }
}

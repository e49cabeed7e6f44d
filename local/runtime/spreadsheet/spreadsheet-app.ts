/**
 * The SpreadsheetApp global: the active spreadsheet, the UI, flush, data
 * validation builders and the enums the add-on reads; create and openById over
 * the session's registry of other spreadsheets, with Drive's access rule (only
 * the owner and the editors open a file).
 */
import { randomBytes } from 'node:crypto';
import { emptySheet, emptyWorkbook, type WorkbookModel } from '../model';
import type { RuntimeContext } from '../runtime-context';
import type { LocalUi } from '../ui-service';
import { DataValidationCriteria, LocalDataValidationBuilder } from './data-validation';
import { asGas } from './gas-types';
import { LocalSpreadsheet } from './spreadsheet';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const BorderStyle = {
  DOTTED: 'DOTTED',
  DASHED: 'DASHED',
  SOLID: 'SOLID',
  SOLID_MEDIUM: 'SOLID_MEDIUM',
  SOLID_THICK: 'SOLID_THICK',
  DOUBLE: 'DOUBLE',
} as const;
export const CopyPasteType = {
  PASTE_NORMAL: 'PASTE_NORMAL',
  PASTE_NO_BORDERS: 'PASTE_NO_BORDERS',
  PASTE_FORMAT: 'PASTE_FORMAT',
  PASTE_FORMULA: 'PASTE_FORMULA',
  PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
  PASTE_VALUES: 'PASTE_VALUES',
  PASTE_CONDITIONAL_FORMATTING: 'PASTE_CONDITIONAL_FORMATTING',
  PASTE_COLUMN_WIDTHS: 'PASTE_COLUMN_WIDTHS',
} as const;
export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;

type AppMethods =
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getUi'
  | 'flush'
  | 'newDataValidation'
  | 'create'
  | 'openById';

type AppEnums = 'ProtectionType' | 'BorderStyle' | 'DataValidationCriteria' | 'CopyPasteType' | 'WrapStrategy';

export class LocalSpreadsheetApp implements Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppMethods | AppEnums> {
  static readonly serviceName = 'SpreadsheetApp';
  readonly ProtectionType = asGas<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(ProtectionType);
  readonly BorderStyle = asGas<typeof GoogleAppsScript.Spreadsheet.BorderStyle>(BorderStyle);
  readonly DataValidationCriteria =
    asGas<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>(DataValidationCriteria);
  readonly CopyPasteType = asGas<typeof GoogleAppsScript.Spreadsheet.CopyPasteType>(CopyPasteType);
  readonly WrapStrategy = asGas<typeof GoogleAppsScript.Spreadsheet.WrapStrategy>(WrapStrategy);
  /** the one Spreadsheet object of each other workbook */
  private readonly others = new WeakMap<WorkbookModel, LocalSpreadsheet>();

  constructor(
    private readonly ctx: RuntimeContext,
    readonly _spreadsheet: LocalSpreadsheet,
    private readonly ui: LocalUi,
  ) {}

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return asGas(this._spreadsheet);
  }
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return asGas(this._spreadsheet);
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this._spreadsheet.getActiveSheet();
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return asGas(this._spreadsheet.getActiveRange());
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return asGas(this.ui);
  }
  /** applies pending changes: here, brings every formula up to date */
  flush(): void {
    this.ctx.engine.recalculate();
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asGas(new LocalDataValidationBuilder(this._spreadsheet._resolver));
  }

  /** The Spreadsheet object of a workbook of the registry. */
  _spreadsheetOf(workbook: WorkbookModel): LocalSpreadsheet {
    let found = this.others.get(workbook);
    if (!found) {
      found = new LocalSpreadsheet(this.ctx.forWorkbook(workbook));
      this.others.set(workbook, found);
    }
    return found;
  }

  /**
   * A new spreadsheet in the session's registry, owned by the executing user
   * and shared with nobody, with one sheet «Лист1» as Sheets makes it.
   */
  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const workbook = newSpreadsheet(this.ctx, name);
    const model = workbook.sheets[0];
    if (rows) model.maxRows = rows;
    if (columns) model.maxColumns = columns;
    return asGas(this._spreadsheetOf(workbook));
  }

  /** This spreadsheet, or one of the registry that the executing user owns or edits. */
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (id === this.ctx.workbook.id) return asGas(this._spreadsheet);
    const workbook = this.ctx.otherWorkbooks.get(id);
    if (!workbook)
      throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    if (!canOpen(workbook, this.ctx.current().user)) throw new Error(NO_ACCESS_MESSAGE);
    return asGas(this._spreadsheetOf(workbook));
  }
}

/** What Apps Script throws when the user may not open a spreadsheet by its ID. */
export const NO_ACCESS_MESSAGE = 'You do not have permission to access the requested document.';

/** Whether `user` may open the workbook: its owner or one of its editors. */
export function canOpen(workbook: WorkbookModel, user: string): boolean {
  const email = user.toLowerCase();
  return workbook.owner.toLowerCase() === email || workbook.editors.some((e) => e.toLowerCase() === email);
}

/** How the IDs of spreadsheets created in the local runtime begin (their files are found by it). */
export const LOCAL_BOOK_ID_PREFIX = 'local-book-';

/** A unique ID that is also a safe file name. */
function newSpreadsheetId(): string {
  return `${LOCAL_BOOK_ID_PREFIX}${randomBytes(12).toString('hex')}`;
}

/**
 * A new spreadsheet in the session's registry, owned by the executing user and
 * shared with nobody, with one sheet «Лист1»: what SpreadsheetApp.create and
 * Drive's files.create of a Google Sheet make.
 */
export function newSpreadsheet(ctx: RuntimeContext, name: string): WorkbookModel {
  const workbook = emptyWorkbook(name, ctx.current().user);
  workbook.id = newSpreadsheetId();
  workbook.sheets.push(emptySheet(workbook.nextSheetId++, 'Лист1'));
  ctx.otherWorkbooks.set(workbook.id, workbook);
  return workbook;
}

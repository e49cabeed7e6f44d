/**
 * The SpreadsheetApp global: the active spreadsheet, the UI, flush, data
 * validation builders and the enums the add-on reads.
 */
import { emptyWorkbook } from '../model';
import { RuntimeContext } from '../runtime-context';
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
  /** spreadsheets made by create(), reachable through openById */
  private readonly created = new Map<string, LocalSpreadsheet>();

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

  /** A new in-memory spreadsheet owned by the executing user (not the session's workbook). */
  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const workbook = emptyWorkbook(name, this.ctx.current().user);
    workbook.id = `local-created-${this.created.size + 1}-${workbook.id.replace(/^local-/, '')}`;
    const other = new RuntimeContext(workbook, this.ctx.current().user, () => this.ctx.now(), this.ctx.scriptId);
    const spreadsheet = new LocalSpreadsheet(other);
    const sheet = spreadsheet.insertSheet('Лист1');
    const model = asGas<{ _model: { maxRows: number; maxColumns: number } }>(sheet)._model;
    if (rows) model.maxRows = rows;
    if (columns) model.maxColumns = columns;
    this.created.set(workbook.id, spreadsheet);
    return asGas(spreadsheet);
  }

  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (id === this.ctx.workbook.id) return asGas(this._spreadsheet);
    const found = this.created.get(id);
    if (!found)
      throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return asGas(found);
  }
}

/**
 * The in-memory workbook behind the local Apps Script runtime. Services
 * (SpreadsheetApp and friends) read and write this model; the .xlsx store saves
 * and loads it; the local page shows it. Rows and columns here are 0-based;
 * the services translate from Apps Script's 1-based coordinates.
 */

/** What a cell holds, as Sheets stores it: a number, text, a boolean or a date; null for empty. */
export type CellValue = number | string | boolean | Date | null;

export interface DataValidationModel {
  /** list of allowed values (requireValueInList) or a range reference (requireValueInRange, A1 with sheet) */
  kind: 'list' | 'range' | 'date' | 'number' | 'checkbox';
  values?: string[];
  rangeA1?: string;
  allowInvalid: boolean;
  helpText?: string;
  showDropdown?: boolean;
  /** bounds for kind 'number' (requireNumberGreaterThanOrEqualTo sets min) */
  min?: number;
  max?: number;
}

export interface CellModel {
  /** the typed value, or the formula's last computed value */
  value: CellValue;
  /** a formula such as '=SUM(A1:A3)', in English function names with ',' separators, as Apps Script returns it */
  formula?: string;
  note?: string;
  numberFormat?: string;
  fontWeight?: 'bold' | 'normal';
  fontColor?: string;
  background?: string;
  horizontalAlignment?: 'left' | 'center' | 'right';
  /** Range.setVerticalAlignment; Sheets' default is bottom */
  verticalAlignment?: 'top' | 'middle' | 'bottom';
  /** Range.setFontSize in points; Sheets' default is 10 */
  fontSize?: number;
  /** Range.setBorder: the lines drawn on each side of the cell */
  borders?: CellBorders;
  wrap?: boolean;
  validation?: DataValidationModel;
  /** for a formula that failed: the error's message (value then holds '#ERROR!', '#DIV/0!'…) */
  error?: string;
  /** the value was spilled here by an array formula in another cell (no formula of its own) */
  spilled?: boolean;
}

/** A border line as Range.setBorder draws it: SpreadsheetApp.BorderStyle in lower case, and its colour. */
export interface BorderLine {
  style: 'dotted' | 'dashed' | 'solid' | 'solid_medium' | 'solid_thick' | 'double';
  color: string;
}

export interface CellBorders {
  top?: BorderLine;
  bottom?: BorderLine;
  left?: BorderLine;
  right?: BorderLine;
}

export interface ProtectionModel {
  /** 'sheet' protects the whole sheet; 'range' a block */
  type: 'sheet' | 'range';
  /** for type 'range': 0-based inclusive block */
  range?: { row: number; col: number; numRows: number; numCols: number };
  description: string;
  editors: string[];
  warningOnly: boolean;
  /** Workspace files: everyone in the owner's domain may edit (Protection.setDomainEdit) */
  domainEdit?: boolean;
  /** sheet protections may leave some ranges editable */
  unprotected?: Array<{ row: number; col: number; numRows: number; numCols: number }>;
}

export interface SheetModel {
  id: number;
  name: string;
  /** sparse rows of cells; rows[r][c] may be undefined for an empty cell */
  rows: Array<Array<CellModel | undefined> | undefined>;
  /** the sheet's grid size (getMaxRows / getMaxColumns) */
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  columnWidths: Record<number, number>;
  /** row heights in pixels set by Sheet.setRowHeight(s), 0-based; Sheets' default is 21 */
  rowHeights?: Record<number, number>;
  hiddenColumns: number[];
  protections: ProtectionModel[];
  tabColor?: string;
  /** charts as the add-on describes them (kind, title, source range A1, position) */
  charts: ChartModel[];
  /** merged blocks (Range.merge and friends), 0-based; a merged block shows its top-left cell */
  merges?: MergeModel[];
  /** page setup used when printing */
  print?: { landscape: boolean; fitToWidth: boolean; gridlines: boolean; repeatRows: number };
}

/** A merged block of cells, 0-based. */
export interface MergeModel {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ChartModel {
  id: number;
  type: 'bar' | 'column' | 'line' | 'pie' | 'area' | 'table';
  title: string;
  rangesA1: string[];
  anchorRow: number;
  anchorCol: number;
  width?: number;
  height?: number;
}

export interface NamedRangeModel {
  name: string;
  sheetName: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/**
 * An installable trigger of the script bound to this file. Google keeps them
 * with the script project of the file, so they are saved with the workbook:
 * reopening the file keeps them (and their owners) running.
 */
export interface TriggerModel {
  id: string;
  handler: string;
  kind: 'clock' | 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit';
  everyDays?: number;
  everyHours?: number;
  atHour?: number;
  nearMinute?: number;
  at?: Date;
  /** who created it: it runs with their authorization */
  owner: string;
  /** why it no longer runs (Google disables a trigger whose owner's authorization failed) */
  disabled?: string;
  /** when it was created (ISO, the session's clock): a time-driven trigger's schedule counts from here */
  createdAt?: string;
  /** when a time-driven trigger last ran (ISO, the session's clock) */
  lastRunAt?: string;
}

export interface WorkbookModel {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetModel[];
  namedRanges: NamedRangeModel[];
  /** document properties (PropertiesService.getDocumentProperties) persist with the workbook */
  documentProperties: Record<string, string>;
  /** the owner of the file: the director in the demo */
  owner: string;
  /** other people who can edit the file */
  editors: string[];
  nextSheetId: number;
  /** installable triggers of the bound script (absent: none yet) */
  triggers?: TriggerModel[];
  /**
   * a demo workbook's «today» (ГГГГ-ММ-ДД, Moscow): npm start and the command line run its clock from
   * that day, so its dashboard and the month to compute are the same whatever the machine's date
   */
  demoToday?: string;
  /** the demo clock's last reading (ISO), so reopening the demo never turns its time back */
  demoClockAt?: string;
  /**
   * the Google Docs documents and Drive folders the script made (DocumentApp,
   * the Drive advanced service), kept with the workbook as Drive keeps them
   * between executions; other files (PDFs) live in the session and on disk
   */
  drive?: DriveItemModel[];
}

/** One element of a document's body: a paragraph or a table of plain-text cells. */
export type DocElementModel =
  | {
      type: 'paragraph';
      text: string;
      /** DocumentApp.ParagraphHeading name: NORMAL, TITLE, HEADING1… */
      heading?: string;
      bold?: boolean;
      /** DocumentApp.HorizontalAlignment name: LEFT, CENTER, RIGHT, JUSTIFY */
      alignment?: string;
    }
  | { type: 'table'; rows: string[][]; boldRows?: number[] };

/** A Google Docs document or a Drive folder. */
export interface DriveItemModel {
  id: string;
  name: string;
  /** application/vnd.google-apps.document or application/vnd.google-apps.folder */
  mimeType: string;
  /** who created it (through the script): the only user the `drive.file` scope lets reach it through Drive */
  owner: string;
  /** folder IDs; 'root' is the owner's My Drive */
  parents: string[];
  /** people it is shared with (Permissions.create) */
  writers: string[];
  readers: string[];
  /** a document's saved body */
  body?: DocElementModel[];
}

export function emptyWorkbook(name: string, owner: string): WorkbookModel {
  return {
    id: 'local-' + name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase(),
    name,
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    sheets: [],
    namedRanges: [],
    documentProperties: {},
    owner,
    editors: [],
    nextSheetId: 1,
  };
}

export function emptySheet(id: number, name: string, maxRows = 1000, maxColumns = 26): SheetModel {
  return {
    id,
    name,
    rows: [],
    maxRows,
    maxColumns,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    columnWidths: {},
    hiddenColumns: [],
    protections: [],
    charts: [],
  };
}

/**
 * What the local page and its server exchange as JSON. Pure types: the page
 * (browser code under local/web) and the server (Node) both import them, so a
 * changed field breaks the type check of both sides.
 */

/** One cell as the grid draws it; absent fields mean "default". */
export interface CellView {
  /** the display value, as Sheets shows it in the ru_RU locale */
  d?: string;
  /** what the formula bar and the editor show: the formula, or the value as typed */
  t?: string;
  /** the cell holds a formula */
  f?: boolean;
  /** note text (shown on hover) */
  n?: string;
  /** background colour */
  bg?: string;
  /** font colour */
  fc?: string;
  /** bold */
  b?: boolean;
  /** horizontal alignment; numbers default to the right as in Sheets */
  a?: 'left' | 'center' | 'right';
  /** allowed values of a dropdown (list or range validation) */
  list?: string[];
  /** the cell is a checkbox */
  cb?: boolean;
  /** the current user cannot edit the cell (protected range or sheet) */
  p?: boolean;
  /** the text wraps within the cell's width (the row grows) */
  w?: boolean;
  /** text that may run over empty cells to its right: a left-aligned, non-wrapped text value, as Sheets overflows it */
  o?: boolean;
}

/** A merged block of cells, 0-based; the grid draws its top-left cell over the whole block. */
export interface MergeView {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface SheetTab {
  name: string;
  hidden: boolean;
  tabColor?: string;
}

/** A window of rows of one sheet, plus what the grid needs to lay it out. */
export interface SheetWindow {
  sheet: string;
  /** grid size: rows and columns the grid shows */
  rowCount: number;
  columnCount: number;
  frozenRows: number;
  /** widths in pixels by 0-based column; missing columns use the default 100 px */
  columnWidths: Record<number, number>;
  hiddenColumns: number[];
  /** 0-based first row of `rows` */
  from: number;
  /** rows from `from`, each a list of cells by 0-based column (null for an empty cell) */
  rows: Array<Array<CellView | null>>;
  /** the frozen rows, always sent so the header stays visible while scrolling */
  frozen: Array<Array<CellView | null>>;
  /** the whole sheet is protected against the current user */
  protectedSheet: boolean;
  /** merged blocks touching the frozen rows or the rows of this window */
  merges?: MergeView[];
  /** the sheet's embedded charts with the data of their ranges (drawn by local/web/charts.ts) */
  charts?: ChartView[];
}

/** An embedded chart as the page draws it: labels from the first column, one series per other column. */
export interface ChartView {
  type: 'bar' | 'column' | 'line' | 'pie' | 'area' | 'table';
  title: string;
  /** 0-based anchor cell */
  anchorRow: number;
  anchorCol: number;
  width: number;
  height: number;
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

export interface WorkbookSnapshot {
  title: string;
  tabs: SheetTab[];
  window: SheetWindow;
}

export interface MenuItemView {
  caption?: string;
  fn?: string;
  separator?: boolean;
  submenu?: MenuView;
}

export interface MenuView {
  title: string;
  items: MenuItemView[];
}

/** A UI event as the page receives it: sidebars and dialogs come as a URL of the served page. */
export type UiEventView =
  | { type: 'toast'; message: string; title: string; timeoutSeconds: number }
  | { type: 'alert'; title: string; message: string; buttons: string }
  | { type: 'prompt'; title: string; message: string; buttons: string }
  | { type: 'sidebar'; title: string; url: string; width: number }
  | { type: 'dialog'; title: string; url: string; width: number; height: number; modal: boolean }
  | { type: 'mail'; to: string; subject: string; body: string }
  | { type: 'download'; name: string; mimeType: string; url: string };

/** An answer a person gave to an alert or a prompt. */
export interface AnswerView {
  button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

export interface RunRequest {
  fn: string;
  args?: unknown[];
  /** answers given in advance to the alerts/prompts the execution will ask, in order */
  answers?: AnswerView[];
  /** the person it runs for (the browser window's user); the switcher's by default */
  user?: string;
}

/** A person's answer to the question execution `execution` waits on. */
export interface AnswerBody {
  execution: number;
  answer: AnswerView;
}

export interface RunResponse {
  ok: boolean;
  result?: unknown;
  error?: string;
  uiEvents: UiEventView[];
  /**
   * The execution waits at an alert or prompt for a person's answer (what it
   * did so far stays done, as on Google); the page asks and sends the answer
   * to /api/answer with `execution`, which answers as /api/run does.
   */
  question?: { type: 'alert' | 'prompt'; title: string; message: string; buttons: string };
  /** the waiting execution, when `question` is set */
  execution?: number;
}

export interface EditBody {
  sheet: string;
  /** 1-based top-left cell */
  row: number;
  column: number;
  values: string[][];
  /** the window the page shows, so the answer carries its fresh contents */
  from?: number;
  count?: number;
  /** the person editing (the browser window's user); the switcher's by default */
  user?: string;
}

export interface EditResponse {
  ok: boolean;
  error?: string;
  uiEvents: UiEventView[];
  snapshot: WorkbookSnapshot;
}

export interface SelectBody {
  /** whose selection (each person has their own); the switcher's by default */
  user?: string;
  sheet: string;
  row: number;
  column: number;
  numRows?: number;
  numColumns?: number;
}

export interface UserView {
  email: string;
  name: string;
  position?: string;
}

export interface UsersResponse {
  current: string;
  users: UserView[];
}

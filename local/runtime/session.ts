/**
 * The contract between the local runtime and its users (the local page's
 * server, the command line, the tests). An implementation lives in
 * local/runtime/ and runs dist/Code.js in a node:vm context whose globals are
 * the in-memory services.
 */
import type { WorkbookModel } from './model';

export interface MenuSnapshot {
  title: string;
  items: Array<{ caption: string; fn: string } | { separator: true } | { submenu: MenuSnapshot }>;
}

/** What the script asked the user interface to show, in order. */
export type UiEvent =
  | { type: 'toast'; message: string; title: string; timeoutSeconds: number }
  | { type: 'alert'; title: string; message: string; buttons: string }
  | { type: 'sidebar'; title: string; html: string; width: number }
  | { type: 'dialog'; title: string; html: string; width: number; height: number; modal: boolean }
  | {
      type: 'mail';
      to: string;
      subject: string;
      body: string;
      htmlBody?: string;
      attachments?: Array<{ name: string; contentType: string; bytes: Uint8Array }>;
    }
  | { type: 'download'; name: string; mimeType: string; url: string };

/** Answers given in advance to ui.alert / ui.prompt calls (the command line and tests). */
export interface UiAnswer {
  button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

export interface EditRequest {
  sheet: string;
  /** 1-based top-left cell of the edit, as a person sees it */
  row: number;
  column: number;
  /** what the person typed or pasted: one string per cell; '' clears the cell; text starting with '=' is a formula */
  values: string[][];
}

/** A person's copy and paste (Ctrl+C, Ctrl+V, or Paste special > Values only). */
export interface PasteRequest {
  /** the copied block (1-based), on `sheet` unless `fromSheet` says otherwise */
  fromSheet?: string;
  from: { row: number; column: number; numRows: number; numColumns: number };
  sheet: string;
  /** top-left cell of the paste (1-based) */
  row: number;
  column: number;
  /** Paste special > Values only: the target keeps its formats and data validation */
  valuesOnly?: boolean;
}

/** Service calls counted per "Class.method", e.g. "Range.getValues". */
export type CallCounts = Record<string, number>;

export interface LocalSession {
  readonly workbook: WorkbookModel;
  /** the user whose Session.getActiveUser() the next executions see */
  setUser(email: string): void;
  /** fires onOpen (in AuthMode.LIMITED, or NONE for an add-on not yet used in the document) and returns the menus it built */
  open(authMode?: 'NONE' | 'LIMITED'): MenuSnapshot[];
  /** runs a public global of Code.js (menu item, google.script.run call, trigger) as one execution */
  run(fn: string, args?: unknown[], answers?: UiAnswer[]): unknown;
  /** a person's edit through the grid: writes the cells, then fires onEdit as Sheets does */
  edit(request: EditRequest): void;
  /**
   * a person's paste: a normal paste carries the source cells (values,
   * formulas, formats) and replaces the target's data validation with the
   * source's; a values-only paste keeps the target's validation. Fires onEdit.
   */
  paste(request: PasteRequest): void;
  /** a person deletes whole rows (1-based): Sheets fires no onEdit, only onChange (REMOVE_ROW) */
  deleteRows(sheet: string, row: number, howMany: number): void;
  /** the active sheet and selection the next execution sees (1-based) */
  select(sheet: string, row: number, column: number, numRows?: number, numColumns?: number): void;
  /** the UI events since the last call, and clears them */
  takeUiEvents(): UiEvent[];
  /** service calls since the last reset */
  calls(): CallCounts;
  resetCalls(): void;
  /** recalculates every formula with the formula engine */
  recalculate(): void;
}

/**
 * What all the in-memory services share within one session: the workbook, the
 * formula engine, the clock, the running executions (who runs, with what
 * queued answers, holding which locks), recorded UI events and stored state.
 * Other spreadsheets the script creates or opens by ID are kept in a registry
 * and seen through views of the same context (see forWorkbook).
 */
import { FormulaEngine } from './formula-engine';
import type { WorkbookModel } from './model';
import { ServiceCalls } from './service-calls';
import type { UiAnswer, UiEvent } from './session';

/** One run of a script function: a menu item, a trigger, a google.script.run call. */
export interface Execution {
  id: number;
  user: string;
  authMode: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
  answers: UiAnswer[];
  /** names of the locks this execution holds */
  locks: Set<string>;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  kind: 'clock' | 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit';
  everyDays?: number;
  everyHours?: number;
  atHour?: number;
  nearMinute?: number;
  at?: Date;
  owner: string;
}

/** Turns an exported PDF request (the spreadsheet export URL) into bytes; the local page plugs one in. */
export type SpreadsheetExporter = (url: string, workbook: WorkbookModel) => { bytes: Uint8Array; contentType: string };

/** A file the script created on Drive. */
export interface StoredFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Called when the script creates a file on Drive (the local page keeps PDFs on disk with it). */
export type FileCreatedHook = (file: StoredFile & { id: string }) => void;

/** What an add-on may call from onOpen in AuthMode.NONE: building its menu. */
export const CALLS_ALLOWED_IN_AUTH_MODE_NONE: ReadonlySet<string> = new Set([
  'SpreadsheetApp.getUi',
  'Ui.createMenu',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'Menu.addToUi',
]);

export const AUTH_MODE_NONE_MESSAGE =
  'You do not have permission to perform that action: in AuthMode.NONE an add-on may only build its menu';

export class RuntimeContext {
  readonly calls = new ServiceCalls();

  /**
   * An add-on's onOpen runs in AuthMode.NONE until the add-on is used in the
   * document; then it may build menus and nothing else (Apps Script's
   * authorization lifecycle for editor add-ons). Everything else is refused.
   */
  private readonly authGuard = (call: string): void => {
    if (this.current().authMode !== 'NONE' || CALLS_ALLOWED_IN_AUTH_MODE_NONE.has(call)) return;
    throw new Error(`${AUTH_MODE_NONE_MESSAGE} (${call})`);
  };
  readonly engine: FormulaEngine;
  readonly uiEvents: UiEvent[] = [];
  readonly executions: Execution[] = [];
  readonly scriptProperties: Record<string, string> = {};
  readonly userProperties = new Map<string, Record<string, string>>();
  /** lock name → the execution holding it */
  readonly lockHolders = new Map<string, number>();
  readonly triggers: TriggerRecord[] = [];
  readonly files = new Map<string, StoredFile>();
  /** spreadsheets other than the session's, by ID: created by the script or loaded with the session */
  readonly otherWorkbooks = new Map<string, WorkbookModel>();
  readonly log: string[] = [];
  exporter: SpreadsheetExporter | undefined;
  onFileCreated: FileCreatedHook | undefined;
  user: string;
  clockOffsetMs = 0;
  selection: { sheetId: number; row: number; column: number; numRows: number; numColumns: number } | undefined;
  private nextExecutionId = 1;
  /** the session's own context; a view of another workbook inherits everything else from it */
  private readonly root: RuntimeContext;
  private readonly views = new Map<WorkbookModel, RuntimeContext>();

  constructor(
    public workbook: WorkbookModel,
    user: string,
    private readonly baseNow: () => Date,
    readonly scriptId: string,
  ) {
    this.user = user;
    this.engine = new FormulaEngine(workbook);
    this.root = this;
    this.calls.guard = this.authGuard;
  }

  /**
   * The session seen through another workbook: the same executions, user,
   * clock, UI events, files and registry, with that workbook's own formula
   * engine and selection. The engine knows none of the script's custom
   * functions: as in Sheets, a container-bound script's functions exist only
   * in its own spreadsheet.
   */
  forWorkbook(workbook: WorkbookModel): RuntimeContext {
    const root = this.root;
    if (workbook === root.workbook) return root;
    let view = root.views.get(workbook);
    if (!view) {
      view = Object.create(root) as RuntimeContext;
      Object.defineProperties(view, {
        workbook: { value: workbook, writable: false },
        engine: { value: new FormulaEngine(workbook), writable: false },
        selection: { value: undefined, writable: true },
      });
      root.views.set(workbook, view);
    }
    return view;
  }

  /** The session's clock: the given clock plus what Utilities.sleep and lock waits have advanced it. */
  now(): Date {
    return new Date(this.baseNow().getTime() + this.root.clockOffsetMs);
  }

  advance(ms: number): void {
    this.root.clockOffsetMs += Math.max(0, ms);
  }

  /** The execution whose code is running now; outside any run, an implicit one for the session's user. */
  current(): Execution {
    return this.executions[this.executions.length - 1] ?? this.implicit();
  }

  private implicitExecution: Execution | undefined;
  private implicit(): Execution {
    if (!this.implicitExecution || this.implicitExecution.user !== this.user) {
      this.implicitExecution = { id: 0, user: this.user, authMode: 'FULL', answers: [], locks: new Set() };
    }
    return this.implicitExecution;
  }

  begin(user: string, authMode: Execution['authMode'], answers: UiAnswer[] = []): Execution {
    const execution: Execution = {
      id: this.root.nextExecutionId++,
      user,
      authMode,
      answers: [...answers],
      locks: new Set(),
    };
    this.executions.push(execution);
    this.calls.countExecution(authMode);
    return execution;
  }

  /** Ends an execution; Apps Script releases the locks a finished execution still holds. */
  end(execution: Execution): void {
    for (const name of execution.locks) {
      if (this.lockHolders.get(name) === execution.id) this.lockHolders.delete(name);
    }
    execution.locks.clear();
    const index = this.executions.lastIndexOf(execution);
    if (index >= 0) this.executions.splice(index, 1);
  }

  record(event: UiEvent): void {
    this.uiEvents.push(event);
  }

  /** Whether `user` may edit the spreadsheet at all (owner or editor). */
  canEditFile(user: string): boolean {
    return user === this.workbook.owner || this.workbook.editors.includes(user);
  }
}

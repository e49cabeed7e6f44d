/**
 * What all the in-memory services share within one session: the workbook, the
 * formula engine, the clock, the running executions (who runs, with what
 * queued answers, holding which locks), recorded UI events and stored state.
 * Other spreadsheets the script creates or opens by ID are kept in a registry
 * and seen through views of the same context (see forWorkbook).
 */
import {
  type AccountMode,
  type AuthModeName,
  checkAuthorization,
  type ExecutionKind,
  identityVisible,
} from './authorization';
import { FormulaEngine } from './formula-engine';
import type { TriggerModel, WorkbookModel } from './model';
import { CallLedger, DEFAULT_LATENCY, type LatencyModel } from './service-calls';
import type { UiAnswer, UiEvent } from './session';

/** One run of a script function: a menu item, a trigger, a google.script.run call. */
export interface Execution {
  id: number;
  /** under whose authority the script runs (Session.getEffectiveUser): permissions, user properties, locks */
  user: string;
  /** the person whose action started it (Session.getActiveUser, if Google lets the script see them) */
  activeUser: string;
  kind: ExecutionKind;
  authMode: AuthModeName;
  answers: UiAnswer[];
  /** names of the locks this execution holds */
  locks: Set<string>;
  /** the runtime clock when it started (ms) */
  startedAt: number;
  /** where its UI events go (the local page answers each person's execution with its own); the session's list if unset */
  uiSink?: UiEvent[];
  /**
   * Set for a person's execution on the local page: an alert with choices or a
   * prompt with no answer queued waits for the person (it suspends the
   * execution until the answer comes) instead of taking the default answer.
   */
  askPerson?: (question: UiEvent) => void;
}

/** Google's execution time limits: 30 s for simple triggers and custom functions, 6 min for the rest. */
export const EXECUTION_LIMIT_MS: Record<ExecutionKind, number> = {
  'simple-trigger': 30_000,
  'custom-function': 30_000,
  'installable-trigger': 6 * 60_000,
  user: 6 * 60_000,
};
export const EXECUTION_TIMEOUT_MESSAGE = 'Exceeded maximum execution time';

/** Quotas for Google Services: triggers' total runtime a day, per user (90 min on gmail, 6 h on Workspace). */
export const TRIGGER_DAILY_BUDGET_MS: Record<AccountMode, number> = {
  consumer: 90 * 60_000,
  workspace: 6 * 60 * 60_000,
};
export const TRIGGER_BUDGET_MESSAGE = 'Service using too much computer time for one day';

/** One user's installable triggers on one day: runs ended, service calls made, runtime on the runtime clock. */
export interface TriggerUsage {
  runs: number;
  calls: number;
  ms: number;
}

/** An installable trigger, as the workbook keeps it. */
export type TriggerRecord = TriggerModel;

/** Turns an exported PDF request (the spreadsheet export URL) into bytes; the local page plugs one in. */
export type SpreadsheetExporter = (url: string, workbook: WorkbookModel) => { bytes: Uint8Array; contentType: string };

/** A file the script created on Drive. */
export interface StoredFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  /** the Drive folders it is in ('root': the creator's My Drive) */
  parents?: string[];
  /** who created it through the script */
  owner?: string;
}

/** Called when the script creates a file on Drive (the local page keeps PDFs on disk with it). */
export type FileCreatedHook = (file: StoredFile & { id: string }) => void;

/** Called when the script deletes a file it created (the local page removes its copy on disk). */
export type FileRemovedHook = (file: StoredFile & { id: string }) => void;

import type { DocumentExporter, DocumentSavedHook } from './documents';

export { AUTH_MODE_NONE_MESSAGE, CALLS_ALLOWED_IN_AUTH_MODE_NONE } from './authorization';

export class RuntimeContext {
  readonly calls = new CallLedger();
  /** how long each service call takes on Google (advances the clock) */
  latency: LatencyModel = DEFAULT_LATENCY;

  /** Refuses what the running execution's authorization mode does not allow (see authorization.ts). */
  private readonly authGuard = (call: string): void => checkAuthorization(this.current().authMode, call);
  /** consumer (gmail) accounts or one Workspace domain: decides whose e-mail scripts see */
  accounts: AccountMode = 'consumer';
  /** the script project's time zone (appsscript.json); the spreadsheet has its own */
  scriptTimeZone = 'Europe/Moscow';
  readonly engine: FormulaEngine;
  readonly uiEvents: UiEvent[] = [];
  readonly executions: Execution[] = [];
  readonly scriptProperties: Record<string, string> = {};
  readonly userProperties = new Map<string, Record<string, string>>();
  /** lock name → the execution holding it */
  readonly lockHolders = new Map<string, number>();
  /** the bound script's installable triggers, kept in the session's workbook (saved with it) */
  get triggers(): TriggerRecord[] {
    const workbook = this.root.workbook;
    return (workbook.triggers ??= []);
  }
  readonly files = new Map<string, StoredFile>();
  /** spreadsheets other than the session's, by ID: created by the script or loaded with the session */
  readonly otherWorkbooks = new Map<string, WorkbookModel>();
  readonly log: string[] = [];
  exporter: SpreadsheetExporter | undefined;
  onFileCreated: FileCreatedHook | undefined;
  onFileRemoved: FileRemovedHook | undefined;
  /** renders a Google Docs document to PDF (Document.getAs) */
  documentExporter: DocumentExporter | undefined;
  /** called when the script saves a document (the local page keeps a .docx of it on disk) */
  onDocumentSaved: DocumentSavedHook | undefined;
  /** the manifest's oauthScopes: what a user grants on the consent screen */
  manifestScopes: string[] = [];
  /** by user, the scopes granted when not all of the manifest's (a user who unticked some) */
  readonly grantedScopes = new Map<string, string[]>();
  user: string;
  clockOffsetMs = 0;
  selection: { sheetId: number; row: number; column: number; numRows: number; numColumns: number } | undefined;
  private nextExecutionId = 1;
  /** the session's own context; a view of another workbook inherits everything else from it */
  private readonly root: RuntimeContext;
  private readonly views = new Map<WorkbookModel, RuntimeContext>();

  /** The scopes `user` has granted to the script. */
  scopesOf(user: string): string[] {
    return this.grantedScopes.get(user) ?? this.manifestScopes;
  }

  constructor(
    public workbook: WorkbookModel,
    user: string,
    private readonly baseNow: () => Date,
    readonly scriptId: string,
  ) {
    this.user = user;
    this.root = this;
    this.engine = new FormulaEngine(workbook, () => this.root.executions.length > 0 || this.root.interleaving);
    this.calls.guard = this.authGuard;
    this.calls.elapse = (call) => this.elapse(call);
  }

  /** After a service call: its latency on the clock; an execution past its time limit is stopped as Google stops it. */
  private elapse(call: string): void {
    this.advance(this.root.latency(call));
    const execution = this.executions[this.executions.length - 1];
    if (execution?.kind === 'installable-trigger') this.triggerUsageOf(execution.user).calls++;
    if (execution && this.now().getTime() - execution.startedAt > EXECUTION_LIMIT_MS[execution.kind]) {
      throw new Error(EXECUTION_TIMEOUT_MESSAGE);
    }
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
        engine: {
          value: new FormulaEngine(workbook, () => root.executions.length > 0 || root.interleaving),
          writable: false,
        },
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
      this.implicitExecution = {
        id: 0,
        user: this.user,
        activeUser: this.user,
        kind: 'user',
        authMode: 'FULL',
        answers: [],
        locks: new Set(),
        startedAt: this.now().getTime(),
      };
    }
    return this.implicitExecution;
  }

  /** A new execution, not yet running (enter runs it on the stack). */
  create(
    user: string,
    authMode: Execution['authMode'],
    answers: UiAnswer[] = [],
    kind: ExecutionKind = 'user',
    activeUser = user,
  ): Execution {
    return {
      id: this.root.nextExecutionId++,
      user,
      activeUser,
      kind,
      authMode,
      answers: [...answers],
      locks: new Set(),
      startedAt: this.now().getTime(),
    };
  }

  begin(
    user: string,
    authMode: Execution['authMode'],
    answers: UiAnswer[] = [],
    kind: ExecutionKind = 'user',
    activeUser = user,
  ): Execution {
    const execution = this.create(user, authMode, answers, kind, activeUser);
    this.enter(execution);
    return execution;
  }

  /**
   * Set while the scheduler runs interleaved executions: between their slices
   * only the runtime itself (a person's edit, another execution) changes the
   * model, so the formula engines' knowledge of it holds.
   */
  interleaving = false;

  /** The model may have been changed outside the services (by the host): the engines look at it afresh. */
  recheckFormulas(): void {
    this.root.engine.recheck();
    for (const view of this.root.views.values()) view.engine.recheck();
  }

  /** The execution's code runs now (on top of any it was started inside). */
  enter(execution: Execution): void {
    if (!this.root.interleaving) this.recheckFormulas();
    this.executions.push(execution);
  }

  /** The execution's code stops running for now (an interleaved one resumes later); its locks stay. */
  leave(execution: Execution): void {
    const index = this.executions.lastIndexOf(execution);
    if (index >= 0) this.executions.splice(index, 1);
  }

  /**
   * Set while executions are interleaved: a lock call that finds the lock held
   * waits through it (see Scheduler.waitForLock).
   */
  lockWait: ((lock: string, timeoutMs: number, holder: number) => boolean | undefined) | undefined;

  /** installable triggers' runs, service calls and runtime (ms), by owner and day */
  private readonly triggerUsage = new Map<string, TriggerUsage>();
  private budgetKey(owner: string): string {
    return `${owner}|${this.now().toISOString().slice(0, 10)}`;
  }

  /** What `owner`'s installable triggers have used today (the runtime counts against the daily budget). */
  triggerUsageOf(owner: string): TriggerUsage {
    const key = this.budgetKey(owner);
    let usage = this.root.triggerUsage.get(key);
    if (!usage) {
      usage = { runs: 0, calls: 0, ms: 0 };
      this.root.triggerUsage.set(key, usage);
    }
    return usage;
  }

  /** Whether `owner`'s triggers have used up today's runtime budget. */
  triggerBudgetSpent(owner: string): boolean {
    return this.triggerUsageOf(owner).ms >= TRIGGER_DAILY_BUDGET_MS[this.root.accounts];
  }

  /** Ends an execution; Apps Script releases the locks a finished execution still holds. */
  end(execution: Execution): void {
    if (execution.kind === 'installable-trigger') {
      const usage = this.triggerUsageOf(execution.user);
      usage.runs++;
      usage.ms += this.now().getTime() - execution.startedAt;
    }
    for (const name of execution.locks) {
      if (this.lockHolders.get(name) === execution.id) this.lockHolders.delete(name);
    }
    execution.locks.clear();
    this.leave(execution);
  }

  /**
   * The e-mail Session.getActiveUser() gives the running execution: known in
   * menu items and sidebar calls; in a simple trigger or a custom function only
   * to the file's owner (the script's developer) or within one Workspace
   * domain; in an installable trigger only to the trigger's owner or within the
   * domain. Otherwise blank, as Google documents for consumer accounts.
   */
  activeEmail(execution: Execution = this.current()): string {
    const { kind, activeUser, user } = execution;
    if (kind === 'user') return activeUser;
    const authority = kind === 'installable-trigger' ? user : this.workbook.owner;
    return identityVisible(this.accounts, activeUser, authority) ? activeUser : '';
  }

  /** Session.getEffectiveUser(): the trigger's owner for an installable trigger, else the active user as seen. */
  effectiveEmail(execution: Execution = this.current()): string {
    return execution.kind === 'installable-trigger' ? execution.user : this.activeEmail(execution);
  }

  record(event: UiEvent): void {
    (this.current().uiSink ?? this.uiEvents).push(event);
  }

  /** Whether `user` may edit the spreadsheet at all (owner or editor). */
  canEditFile(user: string): boolean {
    return user === this.workbook.owner || this.workbook.editors.includes(user);
  }
}

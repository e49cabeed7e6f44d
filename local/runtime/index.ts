/**
 * The local Apps Script runtime: runs dist/Code.js in a node:vm context whose
 * globals are the in-memory services over a WorkbookModel. Used by the local
 * page's server, the command line, the tests and the benchmarks.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { dateToSerial, isDate } from './cell-values';
import type { CellValue, DriveItemModel, SheetModel, WorkbookModel } from './model';
import {
  type Execution,
  type FileCreatedHook,
  type FileRemovedHook,
  RuntimeContext,
  TRIGGER_BUDGET_MESSAGE,
  type SpreadsheetExporter,
  type StoredFile,
  type TriggerRecord,
  type TriggerUsage,
} from './runtime-context';
import {
  InstallationSource,
  LocalCacheService,
  LocalDrive,
  LocalDriveFiles,
  LocalDrivePermissions,
  LocalLockService,
  LocalLogger,
  LocalMailApp,
  LocalPropertiesService,
  LocalScriptApp,
  LocalSessionService,
  LocalUrlFetchApp,
  LocalUtilities,
} from './script-services';
import { type AccountMode, identityVisible } from './authorization';
import { type DocumentExporter, type DocumentSavedHook, LocalDocumentApp } from './documents';
import { Scheduler, type RunTape, type SchedulerOptions } from './interleave';
import {
  type LatencyModel,
  type Realm,
  ScriptBridge,
  type ServiceCallHook,
  Suspend,
  type Usage,
} from './service-calls';
import type { EditRequest, LocalSession, MenuSnapshot, PasteRequest, UiAnswer, UiEvent } from './session';
import { ChartType } from './spreadsheet/charts';
import { typedContent, storeContent } from './spreadsheet/cell-writes';
import { isDue } from './time-triggers';
import { validationAccepts, validationMessage } from './spreadsheet/data-validation';
import { canEditBlock, PERSON_PROTECTED_MESSAGE } from './spreadsheet/protection';
import { LocalSpreadsheet } from './spreadsheet/spreadsheet';
import { LocalSpreadsheetApp } from './spreadsheet/spreadsheet-app';
import { LocalUser } from './spreadsheet/user';
import { LocalHtmlService, LocalUi, MenuCollector, type TemplateRunner } from './ui-service';
import { formatA1, shiftFormula } from './a1-notation';
import { asGas } from './spreadsheet/gas-types';

export type { EditRequest, LocalSession, MenuSnapshot, PasteRequest, UiAnswer, UiEvent, CallCounts } from './session';
export type { DocumentExporter, DocumentSavedHook } from './documents';
export type {
  FileCreatedHook,
  FileRemovedHook,
  SpreadsheetExporter,
  StoredFile,
  TriggerRecord,
  TriggerUsage,
} from './runtime-context';
export { LOCAL_BOOK_ID_PREFIX, NO_ACCESS_MESSAGE } from './spreadsheet/spreadsheet-app';
export type { ServiceCallHook, LatencyModel, Usage } from './service-calls';
export { DEFAULT_LATENCY, NO_LATENCY } from './service-calls';
export { exploreSeeds, type SchedulerOptions } from './interleave';
export type { AccountMode } from './authorization';
export { displayValue, parseInput, formulaFromRuLocale, dateToSerial, serialToDate } from './cell-values';
export { columnLetters, columnNumber, formatA1, parseA1 } from './a1-notation';
export { formatSimpleDate } from './time-zone';
export { LOCK_TIMEOUT_MESSAGE } from './script-services';
export { PERSON_PROTECTED_MESSAGE, SCRIPT_PROTECTED_MESSAGE } from './spreadsheet/protection';

const ROOT = path.resolve(__dirname, '..', '..');

export interface SessionOptions {
  workbook: WorkbookModel;
  /** the script to run; default dist/Code.js */
  codePath?: string;
  /** where createHtmlOutputFromFile('Name') finds Name.html; default dist/ */
  pagesDir?: string;
  /** build/entry-points.json of the build that made codePath (custom function names); default beside dist/ */
  entryPointsPath?: string;
  /** the user running executions; default the workbook's owner */
  user?: string;
  /** the session's clock; default the real one */
  now?: () => Date;
  /** NONE for a script bound to the spreadsheet (default), WEB_STORE_ADD_ON for an installed add-on */
  installationSource?: keyof typeof InstallationSource;
  /** the add-on menu's title under Extensions */
  addonName?: string;
  /** produces the PDF for UrlFetchApp.fetch of the spreadsheet's export URL */
  exporter?: SpreadsheetExporter;
  /** other spreadsheets the script may open by ID (saved by an earlier session), with their owners and editors */
  otherWorkbooks?: WorkbookModel[];
  /** called with each file the script creates on Drive (npm start and the command line keep PDFs on disk) */
  onFileCreated?: FileCreatedHook;
  /** called with each file the script deletes from Drive */
  onFileRemoved?: FileRemovedHook;
  /** renders a document to PDF for Document.getAs (npm start and the command line plug in Chromium) */
  documentExporter?: DocumentExporter;
  /** called with each document the script saves (npm start and the command line keep a .docx on disk) */
  onDocumentSaved?: DocumentSavedHook;
  /** by user, the scopes granted when not all of the manifest's */
  grantedScopes?: Record<string, string[]>;
  /** personal gmail accounts (default; Google hides other people's e-mails from triggers) or one Workspace domain */
  accounts?: AccountMode;
  /** the spreadsheet's own time zone (File > Settings), apart from the script's in appsscript.json; default the workbook's */
  spreadsheetTimeZone?: string;
  /** milliseconds each service call takes on the runtime clock; default DEFAULT_LATENCY, NO_LATENCY for none */
  latency?: LatencyModel;
}

/** One execution to interleave: a person's menu item or sidebar call, or a person's edit (with the triggers it fires). */
export type InterleaveStep =
  { user: string; fn: string; args?: unknown[]; answers?: UiAnswer[] } | { user: string; edit: EditRequest };

/** How a step ended: a call's result or error; an edit's refusal (its triggers' errors go to the log). */
export interface InterleaveOutcome {
  value?: unknown;
  error?: string;
}

export interface InterleaveResult {
  seed: number;
  outcomes: InterleaveOutcome[];
  /** which execution made which live call, in order: the interleaving the seed produced */
  trace: string[];
}

/** How a person's execution on the local page stands: done (value or error) or waiting for the person's answer. */
export interface LiveOutcome {
  /** the execution, to answer its question with `answer` */
  id: number;
  value?: unknown;
  error?: string;
  /** the alert (with choices) or prompt it waits on; answer it to go on */
  question?: UiEvent;
  /** what it showed, once done: toasts, sidebars, dialogs, mail, alerts answered */
  uiEvents: UiEvent[];
}

/**
 * Executions that start whenever a person acts and run at the same time, as
 * on Google (the local page): every run or edit joins one long-lived seeded
 * scheduler that switches between executions at service calls, and between
 * slices gives the event loop back, so a request that arrives while another
 * execution is under way starts at once and overlaps it. An alert with
 * choices or a prompt suspends its execution until the person answers.
 */
export interface LiveExecutions {
  /** a person's menu item or sidebar call; resolves when it ends or waits for an answer */
  run(user: string, fn: string, args?: unknown[], answers?: UiAnswer[]): Promise<LiveOutcome>;
  /** the person's answer to the question execution `id` waits on; resolves as run does */
  answer(id: number, answer: UiAnswer): Promise<LiveOutcome>;
  /** a person's edit: lands at once (or is refused); resolves when the triggers it fired have ended */
  edit(user: string, request: EditRequest): Promise<{ error?: string; uiEvents: UiEvent[] }>;
  /** the person's own selection, which their executions see (each person has one, as in Sheets) */
  select(user: string, sheet: string, row: number, column: number, numRows?: number, numColumns?: number): void;
  /** the time-driven triggers whose turn has come, each its own execution beside the others; resolves when they have ended */
  fireDueTimeTriggers(): Promise<TriggerRun[]>;
  /** how many executions are under way (running, waiting for a lock or for an answer) */
  running(): number;
  /** which execution made which live call, in order (the interleaving so far) */
  trace(): string[];
}

/** One load of Code.js: its context, realm bridge and globals. */
interface LoadedScript {
  context: vm.Context;
  bridge: ScriptBridge;
  globals: Record<string, unknown>;
}

/** A time-driven trigger run: which handler ran, and its error if it failed. */
export interface TriggerRun {
  handler: string;
  error?: string;
}

/** The session with what tests, benchmarks and the local page need beyond the shared contract. */
export interface LocalRuntimeSession extends LocalSession {
  /** the globals the script sees (counted like the script's own calls) */
  readonly services: Record<string, unknown>;
  /** cells read and written and executions begun since the last resetCalls() */
  usage(): Usage;
  /** runs `hook` at the start of every counted service call (not for calls made inside a hook) — e.g. to start a second execution */
  onServiceCall(hook: ServiceCallHook): () => void;
  /** the message of a formula's error in a cell (1-based), as Sheets shows it on hover */
  cellError(sheet: string, row: number, column: number): string | undefined;
  /** Logger and console output, and errors of simple triggers (which Sheets does not show) */
  logs(): string[];
  /** installable triggers created by the script */
  triggers(): TriggerRecord[];
  /** runs every time-driven trigger (as its owner), in creation order, whatever its schedule */
  fireTimeTriggers(): TriggerRun[];
  /** runs the time-driven triggers whose turn has come on the session's clock (see time-triggers.ts), as their owners */
  fireDueTimeTriggers(): TriggerRun[];
  /** moves the session's clock forward */
  advanceClock(ms: number): void;
  now(): Date;
  setExporter(exporter: SpreadsheetExporter): void;
  setDocumentExporter(exporter: DocumentExporter): void;
  /** a Google Docs document or Drive folder the script made */
  driveItem(id: string): DriveItemModel | undefined;
  /** a file created through the Drive advanced service */
  file(id: string): StoredFile | undefined;
  /** the spreadsheets other than the session's that the script created or that were loaded with it */
  otherWorkbooks(): WorkbookModel[];
  /** one of them by ID */
  otherWorkbook(id: string): WorkbookModel | undefined;
  /** runs `fn` as another user without changing the session's user */
  runAs(user: string, fn: string, args?: unknown[], answers?: UiAnswer[]): unknown;
  /**
   * Runs the steps as executions at the same time, switching between them at
   * service calls as the seeded scheduler decides; the same seed gives the
   * same interleaving. Each step's outcome is returned in the steps' order.
   */
  interleave(steps: InterleaveStep[], options: SchedulerOptions): InterleaveResult;
  /** an installable trigger that no longer runs (access revoked, authorization needed…), as Google disables it */
  disableTrigger(id: string, reason: string): void;
  /** what `owner`'s installable triggers used today: runs, service calls, runtime counted against the daily budget */
  triggerUsage(owner: string): TriggerUsage;
  /**
   * Starts running executions as people act, at the same time (the local
   * page's model; see LiveExecutions). While it is on, edits' triggers join it
   * and `interleave` is not available.
   */
  live(options?: Partial<SchedulerOptions>): LiveExecutions;
}

/** Names of the functions whose JSDoc says @customfunction, read from the bundle itself and the build's list. */
export function customFunctionNames(code: string, entryPointsPath?: string): string[] {
  const names = new Set<string>();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) if (/@customfunction\b/.test(m[1])) names.add(m[2]);
  if (entryPointsPath && existsSync(entryPointsPath)) {
    const list = JSON.parse(readFileSync(entryPointsPath, 'utf8')) as {
      entryPoints?: Array<{ name: string; customFunction: boolean }>;
    };
    for (const ep of list.entryPoints ?? [])
      if (ep.customFunction && new RegExp(`function\\s+${ep.name}\\s*\\(`).test(code)) names.add(ep.name);
  }
  return [...names];
}

/**
 * By custom function: the 0-based arguments whose JSDoc type is only a range
 * (`{Array<Array<number>>} rates`): parameter tables that the function does not
 * broadcast over, so they do not set the shape of its result.
 */
export function customFunctionTableArgs(code: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    if (!/@customfunction\b/.test(m[1])) continue;
    const types = [...m[1].matchAll(/@param\s+\{([^}]*)\}/g)].map((p) => p[1].trim());
    const tables = types.flatMap((t, i) => (/^Array<Array<[^|]*>>$/.test(t) ? [i] : []));
    if (tables.length > 0) out[m[2]] = tables;
  }
  return out;
}

/** The string Sheets puts into e.value / e.oldValue for a cell's value. */
function eventText(value: CellValue, timeZone: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return String(dateToSerial(value, timeZone));
  return String(value);
}

/** The script project's time zone, from its manifest. */
function scriptTimeZoneOf(manifestPath: string): string {
  try {
    return (JSON.parse(readFileSync(manifestPath, 'utf8')) as { timeZone?: string }).timeZone ?? 'Europe/Moscow';
  } catch {
    return 'Europe/Moscow';
  }
}

/**
 * Apps Script runs a script in its manifest's time zone: a Date's local fields
 * (getDate, getHours) are in that zone. Node reads the zone from TZ, so the local
 * runtime sets it for the process once, before any script runs.
 */
export function useScriptTimeZone(manifestPath: string): void {
  let zone = 'Europe/Moscow';
  try {
    zone = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { timeZone?: string }).timeZone ?? zone;
  } catch {
    // no manifest beside the runtime: keep Apps Script's zone for this project
  }
  if (process.env.TZ !== zone) process.env.TZ = zone;
}

/** The manifest's oauthScopes: what a user grants when they authorise the script. */
function manifestScopes(manifestPath: string): string[] {
  try {
    return (JSON.parse(readFileSync(manifestPath, 'utf8')) as { oauthScopes?: string[] }).oauthScopes ?? [];
  } catch {
    return [];
  }
}

/** Globals the runtime itself puts into a script's scope, besides the services. */
const SCOPE_GLOBALS = new Set(['Charts', 'console']);

/**
 * The compiled Code.js, one per source text in this process: sessions of the
 * same build share V8's compiled functions (each execution still runs the
 * script afresh in its own context).
 */
const compiledScripts = new Map<string, vm.Script>();
function compiledScript(code: string, filename: string): vm.Script {
  const key = `${filename}\n${code}`;
  let script = compiledScripts.get(key);
  if (!script) {
    script = new vm.Script(code, { filename });
    compiledScripts.set(key, script);
  }
  return script;
}

export function createSession(options: SessionOptions): LocalRuntimeSession {
  const codePath = options.codePath ?? path.join(ROOT, 'dist', 'Code.js');
  const pagesDir = options.pagesDir ?? path.dirname(codePath);
  const entryPointsPath =
    options.entryPointsPath ?? path.join(path.dirname(codePath), '..', 'build', 'entry-points.json');
  const manifestPath = path.join(ROOT, 'appsscript.json');
  useScriptTimeZone(manifestPath);
  const ctx = new RuntimeContext(
    options.workbook,
    options.user ?? options.workbook.owner,
    options.now ?? (() => new Date()),
    'local-script-' + options.workbook.id,
  );
  ctx.accounts = options.accounts ?? 'consumer';
  ctx.scriptTimeZone = scriptTimeZoneOf(manifestPath);
  if (options.spreadsheetTimeZone) ctx.workbook.timeZone = options.spreadsheetTimeZone;
  if (options.latency) ctx.latency = options.latency;
  ctx.exporter = options.exporter;
  ctx.onFileCreated = options.onFileCreated;
  ctx.onFileRemoved = options.onFileRemoved;
  ctx.documentExporter = options.documentExporter;
  ctx.onDocumentSaved = options.onDocumentSaved;
  ctx.manifestScopes = manifestScopes(manifestPath);
  for (const [user, scopes] of Object.entries(options.grantedScopes ?? {})) ctx.grantedScopes.set(user, scopes);
  for (const other of options.otherWorkbooks ?? []) ctx.otherWorkbooks.set(other.id, other);
  const installation = options.installationSource ?? 'NONE';
  const calls = ctx.calls;

  const spreadsheet = new LocalSpreadsheet(ctx);
  const menus = new MenuCollector();
  const ui = new LocalUi(ctx, menus, () => options.addonName ?? 'Надстройка');

  const code = readFileSync(codePath, 'utf8');
  const compiled = compiledScript(code, path.basename(codePath));

  /** the loads of Code.js whose code is running now, innermost last (templates run in the innermost) */
  const loaded: LoadedScript[] = [];
  const runTemplate: TemplateRunner = (source, vars, escape) => {
    const script = loaded[loaded.length - 1];
    if (!script) throw new Error('A template can only be evaluated while a script runs');
    const names = Object.keys(vars);
    const fn = vm.runInContext(
      `(function (__escape${names.map((n) => ', ' + n).join('')}) {\n${source}\n})`,
      script.context,
    ) as (...a: unknown[]) => string;
    return fn(escape, ...names.map((n) => script.bridge.toScript(vars[n])));
  };

  // the service objects are the session's; each execution sees them through its own realm's proxies
  const driveFiles = new LocalDriveFiles(ctx);
  const drivePermissions = new LocalDrivePermissions(ctx);
  const rawServices: Record<string, object> = {
    SpreadsheetApp: new LocalSpreadsheetApp(ctx, spreadsheet, ui),
    HtmlService: new LocalHtmlService(pagesDir, runTemplate),
    PropertiesService: new LocalPropertiesService(ctx),
    CacheService: new LocalCacheService(ctx),
    LockService: new LocalLockService(ctx),
    Session: new LocalSessionService(ctx),
    Utilities: new LocalUtilities(ctx),
    ScriptApp: new LocalScriptApp(ctx, () => installation),
    MailApp: new LocalMailApp(ctx),
    UrlFetchApp: new LocalUrlFetchApp(ctx),
    Drive: new LocalDrive(asGas(driveFiles), asGas(drivePermissions)),
    DocumentApp: new LocalDocumentApp(ctx),
    Logger: new LocalLogger(ctx),
  };

  /** A global scope for Code.js: its realm, and the clock and Math.random its executions see. */
  interface ScriptScope {
    context: vm.Context;
    sandbox: Record<string, unknown>;
    realm: Realm;
    /** points the scope's Date at an execution's clock and seeds its Math.random */
    setClock: (now: () => number, seed: number) => void;
    /** removes every global a run of the script left (its declarations, anything it assigned), keeping the built-ins */
    clearScript: () => void;
  }
  function newScope(): ScriptScope {
    const sandbox: Record<string, unknown> = {};
    const context = vm.createContext(sandbox, { name: 'Code.js' });
    const realm = vm.runInContext('({ Date: Date, Array: Array, Object: Object, Error: Error })', context) as Realm;
    // the script's clock is the runtime's: new Date() and Date.now() follow the latency model, Utilities.sleep and the given clock
    const setClock = vm.runInContext(
      `(function () {
        var RealDate = Date;
        var now;
        var a;
        function LocalDate() {
          if (!new.target) return new RealDate(now()).toString();
          if (arguments.length === 0) return new RealDate(now());
          return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
        }
        LocalDate.prototype = RealDate.prototype;
        LocalDate.now = function () { return now(); };
        LocalDate.UTC = RealDate.UTC;
        LocalDate.parse = RealDate.parse;
        Date = LocalDate;
        Math.random = function () {
          a = (a + 0x6d2b79f5) >>> 0;
          var t = Math.imul(a ^ (a >>> 15), a | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        return function (clock, seed) { now = clock; a = seed >>> 0; };
      })()`,
      context,
    ) as (now: () => number, seed: number) => void;
    // what the global object holds before any script ran: the built-ins (and the clock above)
    const builtIns = new Set(vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]);
    const sweep = vm.runInContext(
      `(function (keep) {
        Object.getOwnPropertyNames(globalThis).forEach(function (name) {
          if (keep(name)) return;
          delete globalThis[name];
          if (name in globalThis) globalThis[name] = undefined;
        });
      })`,
      context,
    ) as (keep: (name: string) => boolean) => void;
    const clearScript = () => sweep((name) => builtIns.has(name) || name in rawServices || SCOPE_GLOBALS.has(name));
    return { context, sandbox, realm, setClock, clearScript };
  }

  /**
   * The scope of each interleaved execution, kept between its slices: a
   * resumed slice runs Code.js again from the start in the same execution's
   * scope (fresh module state, as the replay needs), without the cost of a
   * new context per slice. Another execution never sees it.
   */
  const executionScopes = new WeakMap<RunTape, ScriptScope>();

  /**
   * A fresh load of Code.js for one execution, as Apps Script gives every
   * execution its own global scope (module state never carries over).
   */
  function load(execution: Execution, tape?: RunTape): LoadedScript {
    const bridge = new ScriptBridge(calls);
    bridge.tape = tape;
    bridge.clock = tape ? () => tape.clock(ctx) : () => ctx.now().getTime();
    let scope = tape ? executionScopes.get(tape) : undefined;
    if (scope) {
      // nothing an earlier slice left on the global object reaches the replay
      scope.clearScript();
    } else {
      scope = newScope();
      if (tape) executionScopes.set(tape, scope);
    }
    const { context, sandbox } = scope;
    bridge.realm = scope.realm;
    scope.setClock(bridge.clock, execution.id * 2654435761);
    for (const [name, raw] of Object.entries(rawServices)) sandbox[name] = bridge.expose(raw);
    sandbox.Charts = { ChartType: { ...ChartType } };
    const log = (...args: unknown[]) => {
      // a resumed execution already logged this; a suspended one is no longer running
      if (tape && (tape.replaying || tape.suspended)) return;
      ctx.log.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    sandbox.console = { log, info: log, warn: log, error: log, debug: log };
    compiled.runInContext(context);
    return { context, bridge, globals: context as Record<string, unknown> };
  }

  /** Runs a global of a fresh load as `execution` (already on the stack); script errors come back as host Errors. */
  /** executions already counted (an interleaved one is invoked again for each slice) */
  const counted = new WeakSet<Execution>();
  function invoke(execution: Execution, fnName: string, args: unknown[], tape?: RunTape): unknown {
    if (!counted.has(execution)) {
      counted.add(execution);
      calls.countExecution(execution.authMode);
    }
    const script = load(execution, tape);
    const fn = script.globals[fnName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${fnName}`);
    loaded.push(script);
    try {
      const { bridge } = script;
      return bridge.fromScript((fn as (...a: unknown[]) => unknown)(...args.map((a) => bridge.toScript(a))));
    } catch (error) {
      if (error instanceof Suspend) throw error;
      if (error && typeof error === 'object' && 'message' in error) {
        const host = new Error(String((error as { message: unknown }).message));
        host.name = String((error as { name?: unknown }).name ?? 'Error');
        throw host;
      }
      throw error;
    } finally {
      loaded.pop();
    }
  }

  /** One whole execution, start to end. */
  function execute(execution: Execution, fnName: string, args: unknown[]): unknown {
    ctx.enter(execution);
    try {
      return invoke(execution, fnName, args);
    } finally {
      ctx.end(execution);
    }
  }

  const customFunctions = customFunctionNames(code, entryPointsPath);
  ctx.engine.setCustomFunctions(
    customFunctions,
    // every cell's custom function is its own execution, as the person whose edit recalculated it
    (name, args) => {
      const execution = ctx.create(ctx.current().activeUser, 'CUSTOM_FUNCTION', [], 'custom-function');
      return execute(execution, name, args);
    },
    customFunctionTableArgs(code),
  );

  const userObject = (email: string) => new LocalUser(email);
  /** the User an event of a simple trigger carries: the editor's e-mail only where Google shows it */
  const simpleEventUser = (editor: string) =>
    userObject(identityVisible(ctx.accounts, editor, ctx.workbook.owner) ? editor : '');

  /** One execution started by a person's action or a trigger; run now, or queued in the running interleave. */
  interface Started {
    execution: Execution;
    fn: string;
    args: unknown[];
    label: string;
    /** what happens to its error: triggers log it (Sheets shows nobody), others throw it */
    onError?: (error: Error) => void;
  }
  let scheduler: Scheduler | undefined;

  function start(started: Started): unknown {
    if (scheduler) {
      scheduler.addRun(started.execution, started.fn, started.args, started.label, (run) => {
        if (run.error) started.onError?.(run.error);
      });
      return undefined;
    }
    try {
      return execute(started.execution, started.fn, started.args);
    } catch (error) {
      if (!started.onError) throw error;
      started.onError(error as Error);
      return undefined;
    }
  }

  const logError = (label: string) => (error: Error) => ctx.log.push(`${label}: ${error.message}`);

  /** A person's edit lands in the cells at once (or is refused); returns the triggers it fires. */
  function applyEdit(request: EditRequest, editor: string): Started[] {
    const sheet = ctx.workbook.sheets.find((s) => s.name === request.sheet);
    if (!sheet) throw new Error(`Нет листа «${request.sheet}»`);
    const numRows = request.values.length;
    const numCols = Math.max(0, ...request.values.map((r) => r.length));
    if (numRows === 0 || numCols === 0) return [];
    const row0 = request.row - 1;
    const col0 = request.column - 1;
    if (row0 < 0 || col0 < 0) throw new Error('Ячейка вне листа');
    const block = { row: row0, col: col0, numRows, numCols };
    if (!canEditBlock(ctx, sheet, block, editor)) throw new Error(PERSON_PROTECTED_MESSAGE);
    // a paste beyond the grid grows it, as Sheets does
    sheet.maxRows = Math.max(sheet.maxRows, row0 + numRows);
    sheet.maxColumns = Math.max(sheet.maxColumns, col0 + numCols);

    ctx.engine.recalculate();
    const single = numRows === 1 && numCols === 1;
    const oldValue = single ? (sheet.rows[row0]?.[col0]?.value ?? null) : null;
    const contents = request.values.map((row, r) =>
      row.map((text, c) => {
        const cell = sheet.rows[row0 + r]?.[col0 + c];
        const content = typedContent(ctx, text, cell?.numberFormat);
        const rule = cell?.validation;
        if (
          rule &&
          !rule.allowInvalid &&
          !content.formula &&
          !validationAccepts(rule, content.value, spreadsheet._resolver)
        ) {
          throw new Error(
            `Недопустимые данные в ячейке ${formatA1(row0 + r + 1, col0 + c + 1)}: ${validationMessage(rule)}`,
          );
        }
        return content;
      }),
    );
    contents.forEach((row, r) => row.forEach((content, c) => storeContent(ctx, sheet, row0 + r, col0 + c, content)));
    return editTriggers(editEvent(sheet, block, editor, oldValue), editor);
  }

  /** After a person changed a block: recalculation (as the person), then the event Sheets gives onEdit. */
  function editEvent(
    sheet: SheetModel,
    block: { row: number; col: number; numRows: number; numCols: number },
    editor: string,
    oldValue: CellValue,
  ): Record<string, unknown> {
    // the person's edit recalculates as the person (custom functions run as them)
    const personal = ctx.begin(editor, 'FULL', [], 'user');
    try {
      ctx.engine.recalculate();
    } finally {
      ctx.end(personal);
    }
    const range = spreadsheet._sheet(sheet)._range(block.row, block.col, block.numRows, block.numCols);
    const event: Record<string, unknown> = { authMode: 'LIMITED', range, source: spreadsheet };
    if (block.numRows === 1 && block.numCols === 1) {
      const value = eventText(sheet.rows[block.row]?.[block.col]?.value ?? null, ctx.workbook.timeZone);
      const old = eventText(oldValue, ctx.workbook.timeZone);
      if (value !== undefined) event.value = value;
      if (old !== undefined) event.oldValue = old;
    }
    return event;
  }

  /** A person's paste lands at once (or is refused); returns the triggers it fires. */
  function applyPaste(request: PasteRequest, editor: string): Started[] {
    const target = ctx.workbook.sheets.find((s) => s.name === request.sheet);
    const source = ctx.workbook.sheets.find((s) => s.name === (request.fromSheet ?? request.sheet));
    if (!target || !source) throw new Error(`Нет листа «${!target ? request.sheet : request.fromSheet}»`);
    const { numRows, numColumns: numCols } = request.from;
    const block = { row: request.row - 1, col: request.column - 1, numRows, numCols };
    if (!canEditBlock(ctx, target, block, editor)) throw new Error(PERSON_PROTECTED_MESSAGE);
    target.maxRows = Math.max(target.maxRows, block.row + numRows);
    target.maxColumns = Math.max(target.maxColumns, block.col + numCols);
    ctx.engine.recalculate();
    const oldValue = target.rows[block.row]?.[block.col]?.value ?? null;
    // what was copied, read before anything is written (the blocks may overlap)
    const copied = Array.from({ length: numRows }, (_, r) =>
      Array.from({ length: numCols }, (_, c) => {
        const cell = source.rows[request.from.row - 1 + r]?.[request.from.column - 1 + c];
        return cell ? { ...cell, validation: cell.validation ? { ...cell.validation } : undefined } : undefined;
      }),
    );
    if (request.valuesOnly) {
      // the target keeps its validation, which judges the pasted values
      copied.forEach((row, r) =>
        row.forEach((cell, c) => {
          const rule = target.rows[block.row + r]?.[block.col + c]?.validation;
          const value = cell?.value ?? null;
          if (rule && !rule.allowInvalid && value !== null && !validationAccepts(rule, value, spreadsheet._resolver))
            throw new Error(
              `Недопустимые данные в ячейке ${formatA1(block.row + r + 1, block.col + c + 1)}: ${validationMessage(rule)}`,
            );
        }),
      );
      copied.forEach((row, r) =>
        row.forEach((cell, c) =>
          storeContent(ctx, target, block.row + r, block.col + c, { value: cell?.value ?? null }),
        ),
      );
    } else {
      // the whole cell comes over: content, formats and the source's validation (or none);
      // a formula's relative references move with it
      const down = block.row - (request.from.row - 1);
      const right = block.col - (request.from.column - 1);
      copied.forEach((row, r) =>
        row.forEach((cell, c) => {
          const cells = (target.rows[block.row + r] ??= []);
          cells[block.col + c] = cell && {
            ...cell,
            ...(cell.formula ? { formula: shiftFormula(cell.formula, down, right) } : {}),
            spilled: undefined,
            error: undefined,
          };
          ctx.engine.cellChanged(target, block.row + r, block.col + c);
        }),
      );
    }
    return editTriggers(editEvent(target, block, editor, oldValue), editor);
  }

  /** The simple onEdit (LIMITED, as the editor) and each installable onEdit (FULL, as its owner), in that order. */
  function editTriggers(event: Record<string, unknown>, editor: string): Started[] {
    const out: Started[] = [];
    if (hasFunction('onEdit')) {
      out.push({
        execution: ctx.create(editor, 'LIMITED', [], 'simple-trigger'),
        fn: 'onEdit',
        args: [{ ...event, user: simpleEventUser(editor) }],
        label: `onEdit(${editor})`,
        onError: logError('onEdit'),
      });
    }
    for (const trigger of ctx.triggers.filter((t) => t.kind === 'onEdit')) {
      if (!triggerMayRun(trigger)) continue;
      const visible = identityVisible(ctx.accounts, editor, trigger.owner) ? editor : '';
      out.push({
        execution: ctx.create(trigger.owner, 'FULL', [], 'installable-trigger', editor),
        fn: trigger.handler,
        args: [{ ...event, authMode: 'FULL', triggerUid: trigger.id, user: userObject(visible) }],
        label: `${trigger.handler}(${editor})`,
        onError: logError(trigger.handler),
      });
    }
    return out;
  }

  /** Installable onChange triggers (FULL, as their owners) for a change of the grid's structure; no simple trigger exists. */
  function changeTriggers(changeType: string, editor: string): Started[] {
    return ctx.triggers
      .filter((t) => t.kind === 'onChange' && triggerMayRun(t))
      .map((trigger) => ({
        execution: ctx.create(trigger.owner, 'FULL', [], 'installable-trigger', editor),
        fn: trigger.handler,
        args: [
          {
            authMode: 'FULL',
            changeType,
            source: spreadsheet,
            triggerUid: trigger.id,
            user: userObject(identityVisible(ctx.accounts, editor, trigger.owner) ? editor : ''),
          },
        ],
        label: `${trigger.handler}(${editor})`,
        onError: logError(trigger.handler),
      }));
  }

  /** The top-level functions the script declares (read once from a load that runs none of them). */
  let globalNames: Set<string> | undefined;
  function hasFunction(name: string): boolean {
    if (!globalNames) {
      const probe = vm.createContext({}) as Record<string, unknown>;
      try {
        compiled.runInContext(probe);
      } catch {
        // declarations exist even if loading stopped early
      }
      globalNames = new Set(Object.keys(probe).filter((k) => typeof probe[k] === 'function'));
    }
    return globalNames.has(name);
  }

  /** An installable trigger runs unless it was disabled or failed for its owner, or the owner's daily budget is spent. */
  function triggerMayRun(trigger: TriggerRecord): boolean {
    if (trigger.disabled) {
      ctx.log.push(`${trigger.handler}: не запущен (${trigger.disabled})`);
      return false;
    }
    if (ctx.triggerBudgetSpent(trigger.owner)) {
      ctx.log.push(`${trigger.handler}: ${TRIGGER_BUDGET_MESSAGE}`);
      return false;
    }
    return true;
  }

  /** A time-driven trigger's execution: as its owner, with the event Google gives a clock trigger. */
  function clockStart(trigger: TriggerRecord): Started {
    const now = ctx.now();
    const event = {
      authMode: 'FULL',
      triggerUid: trigger.id,
      year: now.getUTCFullYear(),
      month: now.getUTCMonth() + 1,
      'day-of-month': now.getUTCDate(),
      hour: now.getUTCHours(),
      minute: now.getUTCMinutes(),
      second: now.getUTCSeconds(),
      timezone: 'UTC',
    };
    return {
      execution: ctx.create(trigger.owner, 'FULL', [], 'installable-trigger'),
      fn: trigger.handler,
      args: [event],
      label: `${trigger.handler}(${trigger.owner})`,
      onError: logError(trigger.handler),
    };
  }

  function runClockTrigger(started: Started): TriggerRun {
    try {
      execute(started.execution, started.fn, started.args);
      return { handler: started.fn };
    } catch (error) {
      started.onError?.(error as Error);
      return { handler: started.fn, error: (error as Error).message };
    }
  }

  /**
   * The time-driven triggers whose turn has come on the session's clock, in
   * creation order; each is marked as run now (its next turn counts from here).
   * A disabled trigger or one whose owner spent the day's budget does not run,
   * as on Google, and its turn passes.
   */
  function dueClockTriggers(): Started[] {
    const now = ctx.now();
    const due: Started[] = [];
    for (const trigger of ctx.triggers) {
      if (trigger.kind !== 'clock') continue;
      // a trigger kept in an older file: its schedule counts from the first time it is seen
      trigger.createdAt ??= now.toISOString();
      if (!isDue(trigger, now)) continue;
      trigger.lastRunAt = now.toISOString();
      if (triggerMayRun(trigger)) due.push(clockStart(trigger));
    }
    return due;
  }

  const session: LocalRuntimeSession = {
    get workbook() {
      return ctx.workbook;
    },
    services: Object.fromEntries(
      Object.entries(rawServices).map(([name, raw]) => [name, new ScriptBridge(calls).expose(raw)]),
    ),

    setUser(email: string) {
      ctx.user = email;
    },

    open(authMode: 'NONE' | 'LIMITED' = 'LIMITED'): MenuSnapshot[] {
      menus.menus = [];
      if (hasFunction('onOpen')) {
        // in AuthMode.NONE the event carries no source or user, as Apps Script documents
        const event =
          authMode === 'NONE' ? { authMode } : { authMode, source: spreadsheet, user: simpleEventUser(ctx.user) };
        try {
          execute(ctx.create(ctx.user, authMode, [], 'simple-trigger'), 'onOpen', [event]);
        } catch (error) {
          ctx.log.push(`onOpen: ${(error as Error).message}`);
          throw error;
        }
      }
      return JSON.parse(JSON.stringify(menus.menus)) as MenuSnapshot[];
    },

    run(fn: string, args: unknown[] = [], answers: UiAnswer[] = []): unknown {
      return execute(ctx.create(ctx.user, 'FULL', answers), fn, args);
    },

    runAs(user: string, fn: string, args: unknown[] = [], answers: UiAnswer[] = []): unknown {
      return execute(ctx.create(user, 'FULL', answers), fn, args);
    },

    edit(request: EditRequest): void {
      for (const started of applyEdit(request, ctx.user)) start(started);
    },

    paste(request: PasteRequest): void {
      for (const started of applyPaste(request, ctx.user)) start(started);
    },

    deleteRows(sheetName: string, row: number, howMany: number): void {
      const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`Нет листа «${sheetName}»`);
      const block = { row: row - 1, col: 0, numRows: howMany, numCols: sheet.maxColumns };
      if (!canEditBlock(ctx, sheet, block, ctx.user)) throw new Error(PERSON_PROTECTED_MESSAGE);
      spreadsheet._sheet(sheet)._deleteRows(row, howMany);
      ctx.engine.recalculate();
      for (const started of changeTriggers('REMOVE_ROW', ctx.user)) start(started);
    },

    interleave(steps: InterleaveStep[], interleaveOptions: SchedulerOptions): InterleaveResult {
      if (scheduler) throw new Error('Executions are already being interleaved');
      const outcomes: InterleaveOutcome[] = steps.map(() => ({}));
      const active = new Scheduler(
        ctx,
        (execution, fn, args, tape) => invoke(execution, fn, args, tape),
        interleaveOptions,
      );
      steps.forEach((step, i) => {
        const label = `#${i + 1} ${step.user}`;
        active.addPending({
          label,
          start: () => {
            if (!('fn' in step)) {
              try {
                const action = step as { user: string; edit?: EditRequest; paste?: PasteRequest };
                const fired = action.edit
                  ? applyEdit(action.edit, action.user)
                  : applyPaste(action.paste as PasteRequest, action.user);
                for (const started of fired) {
                  active.addRun(started.execution, started.fn, started.args, `${label} ${started.label}`, (run) => {
                    if (run.error) started.onError?.(run.error);
                  });
                }
              } catch (error) {
                outcomes[i].error = (error as Error).message;
              }
              return;
            }
            const execution = ctx.create(step.user, 'FULL', step.answers ?? []);
            active.addRun(execution, step.fn, step.args ?? [], `${label} ${step.fn}`, (run) => {
              if (run.error) outcomes[i].error = run.error.message;
              else outcomes[i].value = run.value;
            });
          },
        });
      });
      scheduler = active;
      ctx.lockWait = (lock, timeout, holder) => active.waitForLock(lock, timeout, holder);
      ctx.recheckFormulas();
      ctx.interleaving = true;
      try {
        active.runAll();
      } finally {
        scheduler = undefined;
        ctx.lockWait = undefined;
        ctx.interleaving = false;
      }
      return { seed: interleaveOptions.seed, outcomes, trace: active.trace };
    },

    live(liveOptions: Partial<SchedulerOptions> = {}): LiveExecutions {
      if (scheduler) throw new Error('Executions are already being interleaved');
      const selections = new Map<string, RuntimeContext['selection']>();
      const active = new Scheduler(
        ctx,
        (execution, fn, args, tape) => {
          // each person has their own selection
          const person = execution.activeUser;
          ctx.selection = selections.get(person);
          try {
            return invoke(execution, fn, args, tape);
          } finally {
            selections.set(person, ctx.selection);
          }
        },
        {
          seed: liveOptions.seed ?? Date.now() % 2147483647,
          switchChance: liveOptions.switchChance ?? 0.25,
          ...(liveOptions.yieldEvery !== undefined ? { yieldEvery: liveOptions.yieldEvery } : {}),
          minSliceMs: liveOptions.minSliceMs ?? 250,
        },
      );
      scheduler = active;
      ctx.lockWait = (lock, timeout, holder) => active.waitForLock(lock, timeout, holder);
      const byId = new Map<number, { run: RunTape; settle: (outcome: LiveOutcome) => void }>();
      let pumping = false;
      let timer: NodeJS.Timeout | undefined;
      const settleAsked = (): void => {
        for (const [id, entry] of byId) {
          if (entry.run.question && !entry.run.done) {
            const settle = entry.settle;
            entry.settle = () => undefined;
            settle({ id, question: entry.run.question, uiEvents: [] });
          }
        }
      };
      const pump = async (): Promise<void> => {
        if (pumping) return;
        pumping = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
        try {
          // executions started in the same turn (requests that arrived together) begin together
          await new Promise<void>((resolve) => setImmediate(resolve));
          for (;;) {
            const state = active.step();
            settleAsked();
            if (state !== 'ran') {
              active.prune();
              // a person is thinking while others wait for a lock: the wait ends on the clock, in real time
              const deadline = active.earliestLockDeadline();
              if (state === 'waiting' && deadline !== undefined) {
                const wait = Math.max(0, deadline - ctx.now().getTime());
                timer = setTimeout(() => {
                  ctx.advance(deadline - ctx.now().getTime());
                  void pump();
                }, wait);
                timer.unref?.();
              }
              return;
            }
            // between slices, requests that have arrived start their executions
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        } finally {
          pumping = false;
        }
      };
      const outcome = (run: RunTape, sink: UiEvent[]): LiveOutcome => ({
        id: run.execution.id,
        ...(run.error ? { error: run.error.message } : { value: run.value }),
        uiEvents: sink,
      });
      const whenSettled = (run: RunTape): Promise<LiveOutcome> =>
        new Promise<LiveOutcome>((resolve) => {
          byId.set(run.execution.id, { run, settle: resolve });
        });
      return {
        run(user, fn, args = [], answers = []) {
          const execution = ctx.create(user, 'FULL', answers);
          const sink: UiEvent[] = [];
          execution.uiSink = sink;
          const run = active.addRun(execution, fn, args, `${user} ${fn}`, (done) => {
            const entry = byId.get(execution.id);
            byId.delete(execution.id);
            entry?.settle(outcome(done, sink));
          });
          execution.askPerson = (question) => active.askPerson(run, question);
          const settled = whenSettled(run);
          void pump();
          return settled;
        },
        answer(id, answer) {
          const entry = byId.get(id);
          if (!entry || !entry.run.question) return Promise.reject(new Error('Это окно уже закрыто'));
          active.answer(entry.run, answer);
          const settled = new Promise<LiveOutcome>((resolve) => {
            entry.settle = resolve;
          });
          void pump();
          return settled;
        },
        edit(user, request) {
          let fired: Started[];
          try {
            fired = applyEdit(request, user);
          } catch (error) {
            return Promise.resolve({ error: (error as Error).message, uiEvents: [] });
          }
          const sink: UiEvent[] = [];
          const ends = fired.map(
            (started) =>
              new Promise<void>((resolve) => {
                started.execution.uiSink = sink;
                active.addRun(started.execution, started.fn, started.args, started.label, (run) => {
                  if (run.error) started.onError?.(run.error);
                  resolve();
                });
              }),
          );
          void pump();
          return Promise.all(ends).then(() => ({ uiEvents: sink }));
        },
        select(user, sheetName, row, column, numRows = 1, numColumns = 1) {
          const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
          if (!sheet) throw new Error(`Нет листа «${sheetName}»`);
          selections.set(user, { sheetId: sheet.id, row, column, numRows, numColumns });
        },
        fireDueTimeTriggers() {
          const ends = dueClockTriggers().map(
            (started) =>
              new Promise<TriggerRun>((resolve) => {
                active.addRun(started.execution, started.fn, started.args, started.label, (run) => {
                  if (run.error) started.onError?.(run.error);
                  resolve(run.error ? { handler: started.fn, error: run.error.message } : { handler: started.fn });
                });
              }),
          );
          if (ends.length > 0) void pump();
          return Promise.all(ends);
        },
        running: () => active.runs.filter((r) => !r.done).length,
        trace: () => [...active.trace],
      };
    },

    select(sheetName: string, row: number, column: number, numRows = 1, numColumns = 1): void {
      const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
      if (!sheet) throw new Error(`Нет листа «${sheetName}»`);
      ctx.selection = { sheetId: sheet.id, row, column, numRows, numColumns };
    },

    takeUiEvents(): UiEvent[] {
      return ctx.uiEvents.splice(0, ctx.uiEvents.length);
    },

    calls: () => calls.snapshot(),
    resetCalls: () => calls.reset(),
    usage: () => calls.usageSnapshot(),

    recalculate(): void {
      ctx.engine.rebuild();
    },

    onServiceCall: (hook) => calls.onCall(hook),

    cellError(sheetName: string, row: number, column: number): string | undefined {
      ctx.engine.recalculate();
      const sheet = ctx.workbook.sheets.find((s) => s.name === sheetName);
      return sheet?.rows[row - 1]?.[column - 1]?.error;
    },

    logs: () => [...ctx.log],
    triggers: () => ctx.triggers.map((t) => ({ ...t })),

    triggerUsage: (owner: string): TriggerUsage => ({ ...ctx.triggerUsageOf(owner) }),

    disableTrigger(id: string, reason: string): void {
      const trigger = ctx.triggers.find((t) => t.id === id);
      if (!trigger) throw new Error(`No trigger ${id}`);
      trigger.disabled = reason;
    },

    fireTimeTriggers(): TriggerRun[] {
      return ctx.triggers
        .filter((t) => t.kind === 'clock' && triggerMayRun(t))
        .map((trigger) => runClockTrigger(clockStart(trigger)));
    },

    fireDueTimeTriggers(): TriggerRun[] {
      return dueClockTriggers().map(runClockTrigger);
    },

    advanceClock: (ms) => ctx.advance(ms),
    now: () => ctx.now(),
    setExporter(exporter) {
      ctx.exporter = exporter;
    },
    setDocumentExporter(exporter) {
      ctx.documentExporter = exporter;
    },
    driveItem: (id) => ctx.workbook.drive?.find((d) => d.id === id),
    file: (id) => ctx.files.get(id),
    otherWorkbooks: () => [...ctx.otherWorkbooks.values()],
    otherWorkbook: (id) => ctx.otherWorkbooks.get(id),
  };
  return session;
}

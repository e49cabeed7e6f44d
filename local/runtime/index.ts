/**
 * The local Apps Script runtime: runs dist/Code.js in a node:vm context whose
 * globals are the in-memory services over a WorkbookModel. Used by the local
 * page's server, the command line, the tests and the benchmarks.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { dateToSerial, isDate } from './cell-values';
import type { CellValue, WorkbookModel } from './model';
import {
  type FileCreatedHook,
  RuntimeContext,
  type SpreadsheetExporter,
  type StoredFile,
  type TriggerRecord,
} from './runtime-context';
import {
  InstallationSource,
  LocalCacheService,
  LocalDrive,
  LocalDriveFiles,
  LocalLockService,
  LocalLogger,
  LocalMailApp,
  LocalPropertiesService,
  LocalScriptApp,
  LocalSessionService,
  LocalUrlFetchApp,
  LocalUtilities,
} from './script-services';
import type { ServiceCallHook } from './service-calls';
import type { EditRequest, LocalSession, MenuSnapshot, UiAnswer, UiEvent } from './session';
import { ChartType } from './spreadsheet/charts';
import { typedContent, storeContent } from './spreadsheet/cell-writes';
import { validationAccepts, validationMessage } from './spreadsheet/data-validation';
import { canEditBlock, PERSON_PROTECTED_MESSAGE } from './spreadsheet/protection';
import { LocalSpreadsheet } from './spreadsheet/spreadsheet';
import { LocalSpreadsheetApp } from './spreadsheet/spreadsheet-app';
import { LocalUser } from './spreadsheet/user';
import { LocalHtmlService, LocalUi, MenuCollector, type TemplateRunner } from './ui-service';
import { formatA1 } from './a1-notation';
import { asGas } from './spreadsheet/gas-types';

export type { EditRequest, LocalSession, MenuSnapshot, UiAnswer, UiEvent, CallCounts } from './session';
export type { FileCreatedHook, SpreadsheetExporter, StoredFile, TriggerRecord } from './runtime-context';
export { LOCAL_BOOK_ID_PREFIX, NO_ACCESS_MESSAGE } from './spreadsheet/spreadsheet-app';
export type { ServiceCallHook } from './service-calls';
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
  /** MailApp's daily recipients; default 100, a gmail account's */
  mailDailyQuota?: number;
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
  /** runs `hook` at the start of every counted service call (not for calls made inside a hook) — e.g. to start a second execution */
  onServiceCall(hook: ServiceCallHook): () => void;
  /** the message of a formula's error in a cell (1-based), as Sheets shows it on hover */
  cellError(sheet: string, row: number, column: number): string | undefined;
  /** Logger and console output, and errors of simple triggers (which Sheets does not show) */
  logs(): string[];
  /** installable triggers created by the script */
  triggers(): TriggerRecord[];
  /** runs every time-driven trigger (as its owner), in creation order */
  fireTimeTriggers(): TriggerRun[];
  /** moves the session's clock forward */
  advanceClock(ms: number): void;
  now(): Date;
  setExporter(exporter: SpreadsheetExporter): void;
  /** a file created through the Drive advanced service */
  file(id: string): StoredFile | undefined;
  /** the spreadsheets other than the session's that the script created or that were loaded with it */
  otherWorkbooks(): WorkbookModel[];
  /** one of them by ID */
  otherWorkbook(id: string): WorkbookModel | undefined;
  /** runs `fn` as another user without changing the session's user */
  runAs(user: string, fn: string, args?: unknown[], answers?: UiAnswer[]): unknown;
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

export function createSession(options: SessionOptions): LocalRuntimeSession {
  const codePath = options.codePath ?? path.join(ROOT, 'dist', 'Code.js');
  const pagesDir = options.pagesDir ?? path.dirname(codePath);
  const entryPointsPath =
    options.entryPointsPath ?? path.join(path.dirname(codePath), '..', 'build', 'entry-points.json');
  useScriptTimeZone(path.join(ROOT, 'appsscript.json'));
  const ctx = new RuntimeContext(
    options.workbook,
    options.user ?? options.workbook.owner,
    options.now ?? (() => new Date()),
    'local-script-' + options.workbook.id,
  );
  ctx.exporter = options.exporter;
  ctx.onFileCreated = options.onFileCreated;
  for (const other of options.otherWorkbooks ?? []) ctx.otherWorkbooks.set(other.id, other);
  const installation = options.installationSource ?? 'NONE';
  const calls = ctx.calls;

  const spreadsheet = new LocalSpreadsheet(ctx);
  const menus = new MenuCollector();
  const ui = new LocalUi(ctx, menus, () => options.addonName ?? 'Надстройка');

  const sandbox: Record<string, unknown> = {};
  const context = vm.createContext(sandbox, { name: 'Code.js' });
  const realm = vm.runInContext('({ Date: Date, Array: Array, Object: Object, Error: Error })', context);
  calls.realm = realm;
  // the script's clock is the session's: new Date() and Date.now() follow Utilities.sleep and the given clock
  const installClock = vm.runInContext(
    `(function (now) {
      var RealDate = Date;
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
    })`,
    context,
  ) as (now: () => number) => void;
  installClock(() => ctx.now().getTime());

  const runTemplate: TemplateRunner = (code, vars, escape) => {
    const names = Object.keys(vars);
    const compiled = vm.runInContext(
      `(function (__escape${names.map((n) => ', ' + n).join('')}) {\n${code}\n})`,
      context,
    ) as (...a: unknown[]) => string;
    return compiled(escape, ...names.map((n) => calls.toScript(vars[n])));
  };

  const services: Record<string, unknown> = {
    SpreadsheetApp: calls.expose(new LocalSpreadsheetApp(ctx, spreadsheet, ui)),
    HtmlService: calls.expose(new LocalHtmlService(pagesDir, runTemplate)),
    PropertiesService: calls.expose(new LocalPropertiesService(ctx)),
    CacheService: calls.expose(new LocalCacheService(ctx)),
    LockService: calls.expose(new LocalLockService(ctx)),
    Session: calls.expose(new LocalSessionService(ctx)),
    Utilities: calls.expose(new LocalUtilities(ctx)),
    ScriptApp: calls.expose(new LocalScriptApp(ctx, () => installation)),
    MailApp: calls.expose(new LocalMailApp(ctx, options.mailDailyQuota)),
    UrlFetchApp: calls.expose(new LocalUrlFetchApp(ctx)),
    Drive: calls.expose(new LocalDrive(asGas(calls.expose(new LocalDriveFiles(ctx))))),
    Logger: calls.expose(new LocalLogger(ctx)),
    Charts: { ChartType: { ...ChartType } },
  };
  Object.assign(sandbox, services);
  const log = (...args: unknown[]) =>
    ctx.log.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  sandbox.console = { log, info: log, warn: log, error: log, debug: log };

  const code = readFileSync(codePath, 'utf8');
  vm.runInContext(code, context, { filename: path.basename(codePath) });
  const globals = context as Record<string, unknown>;

  ctx.engine.setCustomFunctions(
    customFunctionNames(code, entryPointsPath),
    (name, args) => {
      const fn = globals[name];
      if (typeof fn !== 'function') throw new Error(`Unknown function: '${name}'.`);
      const execution = ctx.begin(ctx.user, 'CUSTOM_FUNCTION');
      try {
        return calls.fromScript((fn as (...a: unknown[]) => unknown)(...args.map((a) => calls.toScript(a))));
      } finally {
        ctx.end(execution);
      }
    },
    customFunctionTableArgs(code),
  );

  /** One execution of a global: errors come back as host Errors with the script's message. */
  function execute(
    user: string,
    authMode: 'NONE' | 'LIMITED' | 'FULL',
    fnName: string,
    args: unknown[],
    answers: UiAnswer[] = [],
  ): unknown {
    const fn = globals[fnName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${fnName}`);
    const execution = ctx.begin(user, authMode, answers);
    try {
      return calls.fromScript((fn as (...a: unknown[]) => unknown)(...args.map((a) => calls.toScript(a))));
    } catch (error) {
      if (error && typeof error === 'object' && 'message' in error) {
        const host = new Error(String((error as { message: unknown }).message));
        host.name = String((error as { name?: unknown }).name ?? 'Error');
        throw host;
      }
      throw error;
    } finally {
      ctx.end(execution);
    }
  }

  const userObject = (email: string) => new LocalUser(email);

  const session: LocalRuntimeSession = {
    get workbook() {
      return ctx.workbook;
    },
    services,

    setUser(email: string) {
      ctx.user = email;
    },

    open(authMode: 'NONE' | 'LIMITED' = 'LIMITED'): MenuSnapshot[] {
      menus.menus = [];
      if (typeof globals.onOpen === 'function') {
        // in AuthMode.NONE the event carries no source or user, as Apps Script documents
        const event =
          authMode === 'NONE' ? { authMode } : { authMode, source: spreadsheet, user: userObject(ctx.user) };
        try {
          execute(ctx.user, authMode, 'onOpen', [event]);
        } catch (error) {
          ctx.log.push(`onOpen: ${(error as Error).message}`);
          throw error;
        }
      }
      return JSON.parse(JSON.stringify(menus.menus)) as MenuSnapshot[];
    },

    run(fn: string, args: unknown[] = [], answers: UiAnswer[] = []): unknown {
      return execute(ctx.user, 'FULL', fn, args, answers);
    },

    runAs(user: string, fn: string, args: unknown[] = [], answers: UiAnswer[] = []): unknown {
      return execute(user, 'FULL', fn, args, answers);
    },

    edit(request: EditRequest): void {
      const sheet = ctx.workbook.sheets.find((s) => s.name === request.sheet);
      if (!sheet) throw new Error(`Нет листа «${request.sheet}»`);
      const numRows = request.values.length;
      const numCols = Math.max(0, ...request.values.map((r) => r.length));
      if (numRows === 0 || numCols === 0) return;
      const row0 = request.row - 1;
      const col0 = request.column - 1;
      if (row0 < 0 || col0 < 0) throw new Error('Ячейка вне листа');
      const block = { row: row0, col: col0, numRows, numCols };
      if (!canEditBlock(ctx, sheet, block, ctx.user)) throw new Error(PERSON_PROTECTED_MESSAGE);
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
      ctx.engine.recalculate();

      const range = spreadsheet._sheet(sheet)._range(row0, col0, numRows, numCols);
      const event: Record<string, unknown> = {
        authMode: 'LIMITED',
        range,
        source: spreadsheet,
        user: userObject(ctx.user),
      };
      if (single) {
        const value = eventText(sheet.rows[row0]?.[col0]?.value ?? null, ctx.workbook.timeZone);
        const old = eventText(oldValue, ctx.workbook.timeZone);
        if (value !== undefined) event.value = value;
        if (old !== undefined) event.oldValue = old;
      }
      // Sheets does not show a simple trigger's error to the person; it goes to the log
      if (typeof globals.onEdit === 'function') {
        try {
          execute(ctx.user, 'LIMITED', 'onEdit', [event]);
        } catch (error) {
          ctx.log.push(`onEdit: ${(error as Error).message}`);
        }
      }
      for (const trigger of ctx.triggers.filter((t) => t.kind === 'onEdit')) {
        try {
          execute(trigger.owner, 'FULL', trigger.handler, [{ ...event, authMode: 'FULL', triggerUid: trigger.id }]);
        } catch (error) {
          ctx.log.push(`${trigger.handler}: ${(error as Error).message}`);
        }
      }
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

    fireTimeTriggers(): TriggerRun[] {
      const runs: TriggerRun[] = [];
      for (const trigger of ctx.triggers.filter((t) => t.kind === 'clock')) {
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
        try {
          execute(trigger.owner, 'FULL', trigger.handler, [event]);
          runs.push({ handler: trigger.handler });
        } catch (error) {
          runs.push({ handler: trigger.handler, error: (error as Error).message });
        }
      }
      return runs;
    },

    advanceClock: (ms) => ctx.advance(ms),
    now: () => ctx.now(),
    setExporter(exporter) {
      ctx.exporter = exporter;
    },
    file: (id) => ctx.files.get(id),
    otherWorkbooks: () => [...ctx.otherWorkbooks.values()],
    otherWorkbook: (id) => ctx.otherWorkbooks.get(id),
  };
  return session;
}

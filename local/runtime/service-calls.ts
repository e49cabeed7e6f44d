/**
 * How the script sees the services: every service object handed to Code.js is a
 * proxy that counts each method call as "Class.method", checks it against the
 * execution's authorization, advances the runtime's clock by the latency model,
 * lets a test run code at a service call, and converts values between the host
 * and the script's vm realm (so `instanceof Date` and `instanceof Array` hold
 * inside the script, and errors are the script's own Error objects).
 *
 * The counts, hooks and clock are the session's (a CallLedger); the proxies and
 * conversions belong to one execution's realm (a ScriptBridge), since every
 * execution loads Code.js afresh. A bridge may carry a Tape: the calls an
 * interleaved execution has made so far, replayed when it resumes (see
 * interleave.ts). Calls the runtime makes internally go to the raw objects and
 * are not counted.
 */
import { isDate } from './cell-values';
import type { CallCounts } from './session';

/** Constructors of the script's realm. */
export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

/** Runs at the start of a counted call, before it does anything. */
export type ServiceCallHook = (call: string, args: unknown[]) => void;

/** Milliseconds a service call takes on Google, by "Class.method". */
export type LatencyModel = (call: string) => number;

/**
 * The default latency model, of the order Google's best-practices guide
 * implies (a script making one spreadsheet call per cell for 10 000 cells runs
 * about 70 s, one batch call about 1 s): ~7 ms a spreadsheet call, more for
 * flush, mail, external fetches and Drive.
 */
export const DEFAULT_LATENCY: LatencyModel = (call) => {
  if (/^(UrlFetchApp|Drive)/.test(call)) return 500;
  if (call.startsWith('MailApp.')) return 300;
  if (call === 'SpreadsheetApp.flush') return 50;
  if (/^(Range|Sheet|Spreadsheet|SpreadsheetApp|Protection|NamedRange|EmbeddedChart)\./.test(call)) return 7;
  if (/^(Properties|PropertiesService|Lock|LockService|Cache|CacheService)\./.test(call)) return 5;
  return 1;
};

/** No latency: the clock moves only by Utilities.sleep, lock waits and the session's own clock. */
export const NO_LATENCY: LatencyModel = () => 0;

/**
 * Range methods that read or write cell content (values, formulas, notes), by
 * name; the cells they touch are counted beside the calls. Formats and
 * validations are not content and are not counted as cells. A TextFinder
 * search runs on Google's side: each cell it returns counts as one cell read;
 * Sheet.appendRow writes the cells of its row.
 */
const CELL_READS: ReadonlySet<string> = new Set([
  'getValue',
  'getValues',
  'getDisplayValue',
  'getDisplayValues',
  'getFormula',
  'getFormulas',
  'getNote',
  'getNotes',
  'getRichTextValue',
  'getRichTextValues',
]);
const CELL_WRITES: ReadonlySet<string> = new Set([
  'setValue',
  'setValues',
  'setFormula',
  'setFormulas',
  'setNote',
  'setNotes',
  'clearContent',
  'clearNote',
]);

/** What the counted calls did beyond their number: cells read and written, executions by kind. */
export interface Usage {
  cellsRead: number;
  cellsWritten: number;
  /** executions begun, by auth mode (CUSTOM_FUNCTION for each custom-function evaluation) */
  executions: Record<string, number>;
}

/** Classes whose instances are exposed to the script name themselves for the counts. */
export interface NamedService {
  readonly serviceName: string;
}

function serviceNameOf(value: object): string | undefined {
  const ctor = (value as { constructor?: { serviceName?: unknown } }).constructor;
  return ctor && typeof ctor.serviceName === 'string' ? ctor.serviceName : undefined;
}

/** The session's view of all service calls: counts, hooks, the authorization guard, the clock. */
export class CallLedger {
  private readonly counts = new Map<string, number>();
  private usage: Usage = { cellsRead: 0, cellsWritten: 0, executions: {} };
  private hooks: ServiceCallHook[] = [];
  private hookDepth = 0;
  /** Refuses a call the running execution is not authorised for (set by the runtime context). */
  guard: (call: string) => void = () => undefined;
  /** Advances the runtime clock after a call (set by the runtime context). */
  elapse: (call: string) => void = () => undefined;

  /** the counts since the last reset */
  snapshot(): CallCounts {
    const out: CallCounts = {};
    for (const [k, v] of [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b))) out[k] = v;
    return out;
  }

  reset(): void {
    this.counts.clear();
    this.usage = { cellsRead: 0, cellsWritten: 0, executions: {} };
  }

  /** cells read and written and executions begun since the last reset */
  usageSnapshot(): Usage {
    return { ...this.usage, executions: { ...this.usage.executions } };
  }

  /** Counts an execution as it begins (the runtime context calls this). */
  countExecution(kind: string): void {
    this.usage.executions[kind] = (this.usage.executions[kind] ?? 0) + 1;
  }

  private countCells(call: string, target: object, result: unknown): void {
    if (call === 'TextFinder.findAll' && Array.isArray(result)) this.usage.cellsRead += result.length;
    if (call === 'TextFinder.findNext' && result) this.usage.cellsRead += 1;
    const method = call.slice(call.indexOf('.') + 1);
    const reads = CELL_READS.has(method);
    if ((!reads && !CELL_WRITES.has(method)) || serviceNameOf(target) !== 'Range') return;
    const range = target as { getNumRows(): number; getNumColumns(): number };
    const cells = range.getNumRows() * range.getNumColumns();
    if (reads) this.usage.cellsRead += cells;
    else this.usage.cellsWritten += cells;
  }

  count(call: string): void {
    this.counts.set(call, (this.counts.get(call) ?? 0) + 1);
  }

  /** Adds a hook; returns a function that removes it. Hooks do not fire for calls made inside a hook. */
  onCall(hook: ServiceCallHook): () => void {
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((h) => h !== hook);
    };
  }

  /** A live call: guard, count, hooks, the call itself, then its latency on the clock. */
  perform(call: string, target: object, fn: (...a: unknown[]) => unknown, hostArgs: unknown[]): unknown {
    this.guard(call);
    this.count(call);
    if (this.hooks.length > 0 && this.hookDepth === 0) {
      this.hookDepth++;
      try {
        for (const hook of [...this.hooks]) hook(call, hostArgs);
      } finally {
        this.hookDepth--;
      }
    }
    try {
      const result = fn.apply(target, hostArgs);
      this.countCells(call, target, result);
      if (call === 'Sheet.appendRow' && Array.isArray(hostArgs[0])) this.usage.cellsWritten += hostArgs[0].length;
      return result;
    } finally {
      this.elapse(call);
    }
  }
}

/** A signal (not an error of the script) that stops a slice of an interleaved execution. */
export class Suspend {
  constructor(readonly reason: 'switch' | 'blocked') {}
}

/** What one recorded call gave: its host result or its error, and the clock after it. */
export interface TapeEntry {
  call: string;
  result?: unknown;
  error?: { name: string; message: string };
  clock: number;
}

/** How a bridge records and replays the calls of one interleaved execution. */
export interface Tape {
  /** the recorded entry to replay for the next call, or undefined when the call is live */
  next(call: string): TapeEntry | undefined;
  /** before a live call: may throw Suspend to let another execution run first */
  beforeLive(call: string): void;
  record(entry: TapeEntry): void;
  /** whether the slice is over (a Suspend was thrown): every later call suspends again */
  readonly suspended: boolean;
}

/** Copies arrays, plain objects and dates (service objects stay shared) so a replay sees what the call returned. */
function snapshotValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDate(value)) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(snapshotValue);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = snapshotValue(v);
    return out;
  }
  return value;
}

/** One execution's realm: its proxies of the shared service objects and the conversions. */
export class ScriptBridge {
  private readonly toProxy = new WeakMap<object, object>();
  private readonly toRaw = new WeakMap<object, object>();
  realm: Realm = { Date, Array, Object, Error };
  tape: Tape | undefined;
  /** the clock this execution has seen: the runtime clock as of its last service call */
  clock: () => number = () => Date.now();

  constructor(readonly ledger: CallLedger) {}

  /** The script's view of a service object (the same proxy every time). */
  expose<T extends object>(raw: T): T {
    const existing = this.toProxy.get(raw);
    if (existing) return existing as T;
    const name = serviceNameOf(raw) ?? 'Object';
    const proxy = new Proxy(raw, {
      get: (target, prop, receiver) => {
        const member = Reflect.get(target, prop, receiver === proxy ? target : receiver);
        // a service object held by another (Drive.Files) is seen through this realm too
        if (member && typeof member === 'object' && serviceNameOf(member)) return this.expose(member as object);
        if (typeof member !== 'function' || typeof prop !== 'string' || prop === 'constructor') return member;
        if (prop.startsWith('_')) return undefined; // internals stay hidden from the script
        const call = `${name}.${prop}`;
        return (...args: unknown[]) => this.invoke(call, target, member as (...a: unknown[]) => unknown, args);
      },
      // scripts set template variables on HtmlTemplate objects
      set: (target, prop, value) => Reflect.set(target, prop, this.fromScript(value)),
    });
    this.toProxy.set(raw, proxy);
    this.toRaw.set(proxy, raw);
    return proxy;
  }

  private invoke(call: string, target: object, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    const tape = this.tape;
    if (tape) {
      if (tape.suspended) throw new Suspend('switch');
      const replayed = tape.next(call);
      if (replayed) {
        if (replayed.error) throw this.scriptError(Object.assign(new Error(replayed.error.message), replayed.error));
        return this.toScript(replayed.result);
      }
      tape.beforeLive(call);
    }
    const hostArgs = args.map((a) => this.fromScript(a));
    let result: unknown;
    try {
      result = this.ledger.perform(call, target, fn, hostArgs);
    } catch (error) {
      if (error instanceof Suspend) throw error;
      const e = error instanceof Error ? error : new Error(String(error));
      tape?.record({ call, error: { name: e.name, message: e.message }, clock: this.clock() });
      throw this.scriptError(error);
    }
    tape?.record({ call, result: snapshotValue(result), clock: this.clock() });
    return this.toScript(result);
  }

  /** An error as the script's realm would have thrown it. */
  scriptError(error: unknown): unknown {
    if (error instanceof Error) {
      const copy = new this.realm.Error(error.message);
      copy.name = error.name;
      return copy;
    }
    return error;
  }

  /** Converts a host value for the script: service objects to proxies, dates, arrays and plain objects to the vm realm. */
  toScript(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (this.toRaw.has(value)) return value;
    if (isDate(value)) return new this.realm.Date(value.getTime());
    if (Array.isArray(value)) {
      const out = new this.realm.Array();
      for (const item of value) out.push(this.toScript(item));
      return out;
    }
    if (serviceNameOf(value)) return this.expose(value);
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out = new this.realm.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toScript(v);
      return out;
    }
    return value;
  }

  /** Converts a value from the script: proxies to their raw objects, dates and arrays to host ones. */
  fromScript(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const raw = this.toRaw.get(value);
    if (raw) return raw;
    if (isDate(value)) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map((v) => this.fromScript(v));
    const proto = Object.getPrototypeOf(value);
    if (proto === null || proto?.constructor?.name === 'Object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.fromScript(v);
      return out;
    }
    return value;
  }

  /** The raw object behind a proxy the script passed back (or the object itself). */
  raw<T>(value: T): T {
    if (value && typeof value === 'object') return (this.toRaw.get(value) as T | undefined) ?? value;
    return value;
  }
}

/**
 * Writes to the director-only tabs («Журнал» and the technical tab) that the
 * current user may not make. Sidebar calls and simple triggers run as the
 * person using them, and Sheets refuses their writes into protected tabs; so
 * those entries wait until an execution running as the director (the
 * installable onEdit trigger, the hourly time-driven trigger, any menu item or
 * sidebar call of the director) writes them. Readers of the memory see pending
 * values at once.
 *
 * Google keeps at most 9 KB in one property value and 500 KB in a store. So
 * each queuing writes new keys of its own (never a read-modify-write of a
 * shared value), each value under 8 000 bytes; every entry has an ID, and the
 * writer forgets exactly the IDs it wrote. When the store is nearly full, or
 * an entry alone is too big for a value, entries go to the hidden tab
 * «_Очередь записей» instead, and the director is told (readTriggerHealth).
 * Nothing here throws after the person's cells were written: a queue that
 * cannot take an entry puts it in the tab, and only if that fails too it is
 * written to the execution log.
 *
 * Every function here runs under the document lock (see lock.ts).
 */
import { documentProperties } from './document-properties';
import { ensureGridRows } from './grid';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type PendingKind = 'log' | 'memory' | 'history';

/** A queued write: its ID, its kind and its cells as text (a log row's time as ISO text). */
export interface PendingEntry {
  id: string;
  kind: PendingKind;
  row: string[];
}

/** Keys of the queue's values start with this; the rest of the key sorts by time. */
const KEY_PREFIX = 'crm.q.';
/** Set while entries wait in the overflow tab. */
export const OVERFLOW_KEY = 'crm.queueOverflow';
/** The overflow tab: not protected, so any editor's execution can write it. */
export const OVERFLOW_SHEET = '_Очередь записей';
const OVERFLOW_HEADERS = ['ID', 'Вид', 'Запись'];

/** One value stays well under Google's 9 KB (key and value count). */
export const VALUE_BUDGET_BYTES = 8_000;
/** The store's 500 KB, with room left for the add-on's other properties. */
export const STORE_BUDGET_BYTES = 450_000;

function props(): typeof documentProperties {
  return documentProperties;
}

/** Bytes of a string in UTF-8 (Cyrillic letters take two), as Google counts the quota. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

let counter = 0;

/** A new entry ID: time, randomness and a counter, so two executions never collide. */
function newId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${counter.toString(36)}`;
}

/**
 * The queue's keys: `crm.q.<sequence>.<time>.<random>`. Queuing runs under the
 * document lock and numbers its batches after the highest queued one, so keys
 * sort in the order entries were queued, even within one millisecond.
 */
function sequenceOf(key: string): number {
  const n = parseInt(key.slice(KEY_PREFIX.length).split('.')[0], 36);
  return Number.isFinite(n) ? n : 0;
}

function queueKey(sequence: number): string {
  return `${KEY_PREFIX}${sequence.toString(36).padStart(8, '0')}.${Date.now().toString(36)}.${Math.random()
    .toString(36)
    .slice(2, 8)}`;
}

/** When a queue key was written (its second part is Date.now() in base 36). */
export function queueKeyTime(key: string): number {
  const t = parseInt(key.slice(KEY_PREFIX.length).split('.')[1] ?? '', 36);
  return Number.isFinite(t) ? t : Date.now();
}

/** Whether a property key belongs to the queue. */
export function isQueueKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX);
}

type Stored = [string, PendingKind, string[]];

function storeBytes(all: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(all)) n += utf8Bytes(k) + utf8Bytes(v);
  return n;
}

/**
 * Queues rows of one kind. Never throws: what the properties cannot hold goes
 * to the overflow tab, and what that cannot hold goes to the execution log.
 */
export function queueEntries(ss: Spreadsheet, kind: PendingKind, rows: readonly unknown[][]): void {
  if (rows.length === 0) return;
  const entries: Stored[] = rows.map((row) => [newId(), kind, row.map(cellText)]);
  try {
    const all = props().getProperties();
    let used = storeBytes(all);
    const values: Record<string, string> = {};
    const overflow: Stored[] = [];
    let batch: Stored[] = [];
    let sequence = Math.max(0, ...Object.keys(all).filter(isQueueKey).map(sequenceOf));
    const close = () => {
      if (batch.length === 0) return;
      const key = queueKey(++sequence);
      const value = JSON.stringify(batch);
      const bytes = utf8Bytes(key) + utf8Bytes(value);
      if (used + bytes > STORE_BUDGET_BYTES) overflow.push(...batch);
      else {
        values[key] = value;
        used += bytes;
      }
      batch = [];
    };
    for (const entry of entries) {
      const alone = utf8Bytes(JSON.stringify([entry])) + 40;
      if (alone > VALUE_BUDGET_BYTES) {
        overflow.push(entry);
        continue;
      }
      if (utf8Bytes(JSON.stringify([...batch, entry])) + 40 > VALUE_BUDGET_BYTES) close();
      batch.push(entry);
    }
    close();
    if (Object.keys(values).length > 0) props().setProperties(values);
    if (overflow.length > 0) writeOverflow(ss, overflow);
  } catch (error) {
    try {
      writeOverflow(ss, entries);
    } catch (second) {
      // the last resort: the execution log keeps the entries for the director to find
      console.error('CRM: pending entries not stored', JSON.stringify(entries), String(error), String(second));
    }
  }
}

function writeOverflow(ss: Spreadsheet, entries: readonly Stored[]): void {
  let sheet = ss.getSheetByName(OVERFLOW_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(OVERFLOW_SHEET);
    sheet.getRange(1, 1, 1, OVERFLOW_HEADERS.length).setValues([OVERFLOW_HEADERS]);
    sheet.hideSheet();
  }
  const first = sheet.getLastRow() + 1;
  ensureGridRows(sheet, first + entries.length - 1);
  // plain text cells: the JSON must not be read as a formula or a number
  const range = sheet.getRange(first, 1, entries.length, OVERFLOW_HEADERS.length);
  range.setNumberFormat('@');
  range.setValues(entries.map(([id, kind, row]) => [id, kind, JSON.stringify(row)]));
  // well under the store's budget: the queue leaves 50 KB free for flags like this one
  props().setProperty(OVERFLOW_KEY, new Date().toISOString());
}

function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value);
}

/** The queued entries of `kind`, oldest first (one read of the store, the overflow tab only when flagged). */
export function pendingEntries(ss: Spreadsheet, kind: PendingKind): PendingEntry[] {
  const all = props().getProperties();
  const out: PendingEntry[] = [];
  for (const key of Object.keys(all)
    .filter((k) => k.startsWith(KEY_PREFIX))
    .sort()) {
    for (const stored of parse(all[key])) if (stored[1] === kind) out.push(toEntry(stored));
  }
  if (all[OVERFLOW_KEY]) {
    for (const stored of overflowRows(ss)) if (stored[1] === kind) out.push(toEntry(stored));
  }
  return out;
}

function toEntry([id, kind, row]: Stored): PendingEntry {
  return { id, kind, row: row.map(String) };
}

function parse(raw: string | undefined): Stored[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? (parsed.filter((e) => Array.isArray(e) && e.length === 3 && Array.isArray(e[2])) as Stored[])
      : [];
  } catch {
    return [];
  }
}

function overflowRows(ss: Spreadsheet): Stored[] {
  const sheet = ss.getSheetByName(OVERFLOW_SHEET);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, OVERFLOW_HEADERS.length)
    .getValues()
    .flatMap((r): Stored[] => {
      try {
        const row: unknown = JSON.parse(String(r[2]));
        const kind = String(r[1]);
        if (!Array.isArray(row) || (kind !== 'log' && kind !== 'memory' && kind !== 'history')) return [];
        return [[String(r[0]), kind, row.map(String)]];
      } catch {
        return [];
      }
    });
}

/**
 * Forgets the entries that were written, by ID, re-reading the store: entries
 * queued meanwhile stay, and an entry is never forgotten (or written) twice.
 */
export function forgetEntries(ss: Spreadsheet, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const written = new Set(ids);
  const all = props().getProperties();
  const rewrite: Record<string, string> = {};
  for (const key of Object.keys(all).filter((k) => k.startsWith(KEY_PREFIX))) {
    const stored = parse(all[key]);
    const left = stored.filter((e) => !written.has(e[0]));
    if (left.length === stored.length) continue;
    if (left.length === 0) props().deleteProperty(key);
    else rewrite[key] = JSON.stringify(left);
  }
  if (Object.keys(rewrite).length > 0) props().setProperties(rewrite);
  if (all[OVERFLOW_KEY]) {
    const sheet = ss.getSheetByName(OVERFLOW_SHEET);
    const rows = overflowRows(ss);
    const left = rows.filter((e) => !written.has(e[0]));
    if (sheet && left.length !== rows.length) {
      sheet.getRange(2, 1, Math.max(rows.length, sheet.getLastRow() - 1), OVERFLOW_HEADERS.length).clearContent();
      if (left.length > 0) {
        sheet
          .getRange(2, 1, left.length, OVERFLOW_HEADERS.length)
          .setValues(left.map(([id, kind, row]) => [id, kind, JSON.stringify(row)]));
      }
    }
    if (left.length === 0) props().deleteProperty(OVERFLOW_KEY);
  }
}

/** How much waits: entries in the store and in the overflow tab, and the bytes the store holds. */
export interface QueueState {
  entries: number;
  overflow: number;
  storeBytes: number;
}

/** The queue's size, for the director's notice and the tests (one read of the store). */
export function queueState(ss: Spreadsheet): QueueState {
  const all = props().getProperties();
  let entries = 0;
  for (const key of Object.keys(all)) if (key.startsWith(KEY_PREFIX)) entries += parse(all[key]).length;
  const overflow = all[OVERFLOW_KEY] ? overflowRows(ss).length : 0;
  return { entries, overflow, storeBytes: storeBytes(all) };
}

/** Whether anything waits (one read of the store). */
export function hasPending(): boolean {
  const all = props().getProperties();
  return Object.keys(all).some((k) => k.startsWith(KEY_PREFIX) || k === OVERFLOW_KEY);
}

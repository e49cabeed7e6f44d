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
 * The overflow tab cannot be protected: a specialist's own execution (the
 * simple trigger, a sidebar call) must append to it. So anyone could type an
 * entry there — a memory value that unlocks a signed deal, a forged «Журнал»
 * line. Each row therefore carries an HMAC-SHA256 of its ID, kind and cells,
 * keyed by a random secret in the document's properties, which only the
 * add-on's code reads (a person can neither see properties nor make the
 * script return them). A row without a valid signature, or a copy of a row
 * already written out (its ID is not newer than the last written entry of its
 * kind), is never read as an entry; the director's next write of «Журнал»
 * reports it there and removes it from the tab.
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
const OVERFLOW_HEADERS = ['ID', 'Вид', 'Запись', 'Подпись'];
/** The key of the overflow rows' signatures (random, made once by the first queuing). */
const SECRET_KEY = 'crm.queueSecret';
/** kind → the ID time of the newest entry written out: an overflow row not newer is a copy. */
const DRAINED_KEY = 'crm.queueDrained';

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
    // the secret exists before any row may need it: made here, while the store has room
    if (!all[SECRET_KEY]) {
      values[SECRET_KEY] = newSecret();
      used += utf8Bytes(SECRET_KEY) + utf8Bytes(values[SECRET_KEY]);
    }
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
  const secret = secretBytes();
  range.setValues(entries.map((e) => overflowCells(e, secret)));
  // well under the store's budget: the queue leaves 50 KB free for flags like this one
  props().setProperty(OVERFLOW_KEY, new Date().toISOString());
}

/** A stored entry as the cells of its overflow row, signed. */
function overflowCells([id, kind, row]: Stored, secret: readonly number[]): string[] {
  const text = JSON.stringify(row);
  return [id, kind, text, signature(secret, id, kind, text)];
}

function newSecret(): string {
  return `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
}

/** The secret as bytes; made when missing (queueEntries makes it first, unless the store refused). */
function secretBytes(): number[] {
  let secret = props().getProperty(SECRET_KEY);
  if (!secret) {
    secret = newSecret();
    props().setProperty(SECRET_KEY, secret);
  }
  return utf8ByteArray(secret);
}

function utf8ByteArray(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** SHA-256 through Utilities.computeDigest, which takes and gives Java's signed bytes. */
function sha256(bytes: readonly number[]): number[] {
  return Utilities.computeDigest(
    Utilities.DigestAlgorithm.SHA_256,
    bytes.map((b) => (b > 127 ? b - 256 : b)),
  ).map((b) => b & 0xff);
}

/** HMAC-SHA256 (RFC 2104) of an overflow row, as hex. */
function signature(secret: readonly number[], id: string, kind: string, text: string): string {
  const block = 64;
  const key = secret.length > block ? sha256(secret) : [...secret];
  while (key.length < block) key.push(0);
  const message = utf8ByteArray(`${id}\u0000${kind}\u0000${text}`);
  const inner = sha256([...key.map((b) => b ^ 0x36), ...message]);
  const outer = sha256([...key.map((b) => b ^ 0x5c), ...inner]);
  return outer.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** When an entry was queued: the first part of its ID is Date.now() in base 36. */
function idTime(id: string): number {
  const t = parseInt(id.split('-')[0], 36);
  return Number.isFinite(t) ? t : 0;
}

function drainedTimes(raw: string | null | undefined): Record<string, number> {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value);
}

/**
 * The queued entries of `kind`, oldest first (one read of the store, the
 * overflow tab only when flagged); `found.planted` gets the overflow rows
 * that are not the add-on's entries.
 */
export function pendingEntries(ss: Spreadsheet, kind: PendingKind, found?: { planted: string[][] }): PendingEntry[] {
  const all = props().getProperties();
  const out: PendingEntry[] = [];
  for (const key of Object.keys(all)
    .filter((k) => k.startsWith(KEY_PREFIX))
    .sort()) {
    for (const stored of parse(all[key])) if (stored[1] === kind) out.push(toEntry(stored));
  }
  if (all[OVERFLOW_KEY]) {
    const { valid, planted } = readOverflow(ss, all);
    for (const stored of valid) if (stored[1] === kind) out.push(toEntry(stored));
    if (found) found.planted.push(...planted);
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

/** The overflow tab read: the entries whose signature holds, and the other non-empty rows as they stand. */
function readOverflow(ss: Spreadsheet, all?: Record<string, string>): { valid: Stored[]; planted: string[][] } {
  const valid: Stored[] = [];
  const planted: string[][] = [];
  const sheet = ss.getSheetByName(OVERFLOW_SHEET);
  if (!sheet || sheet.getLastRow() < 2) return { valid, planted };
  const store = all ?? props().getProperties();
  const secret = store[SECRET_KEY] ? utf8ByteArray(store[SECRET_KEY]) : null;
  const drained = drainedTimes(store[DRAINED_KEY]);
  const seen = new Set<string>();
  const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, OVERFLOW_HEADERS.length).getValues();
  for (const r of rows) {
    const cells = r.map((v) => String(v));
    if (cells.every((c) => c === '')) continue;
    const [id, kind, text, signed] = cells;
    const entry = ((): Stored | null => {
      if (!secret || seen.has(id) || (kind !== 'log' && kind !== 'memory' && kind !== 'history')) return null;
      if (idTime(id) <= (drained[kind] ?? 0)) return null;
      if (signed !== signature(secret, id, kind, text)) return null;
      try {
        const row: unknown = JSON.parse(text);
        return Array.isArray(row) ? [id, kind, row.map(String)] : null;
      } catch {
        return null;
      }
    })();
    if (entry) {
      seen.add(id);
      valid.push(entry);
    } else planted.push(cells);
  }
  return { valid, planted };
}

function overflowRows(ss: Spreadsheet, all?: Record<string, string>): Stored[] {
  return readOverflow(ss, all).valid;
}

/**
 * The overflow rows that are not the add-on's entries (typed or pasted into
 * the tab, or copies of entries already written out), removed from the tab;
 * the caller (a writer of «Журнал») reports them. Reads the tab only while
 * entries wait in it.
 */
export function takePlantedEntries(ss: Spreadsheet): string[][] {
  const all = props().getProperties();
  if (!all[OVERFLOW_KEY]) return [];
  const { valid, planted } = readOverflow(ss, all);
  if (planted.length === 0) return [];
  rewriteOverflow(ss, valid, []);
  if (valid.length === 0) props().deleteProperty(OVERFLOW_KEY);
  return planted;
}

/** Writes `left` (and `keep`, rows as they stood) as the overflow tab's rows, over its rows cleared. */
function rewriteOverflow(ss: Spreadsheet, left: readonly Stored[], keep: readonly string[][]): void {
  const sheet = ss.getSheetByName(OVERFLOW_SHEET);
  if (!sheet) return;
  const height = sheet.getLastRow() - 1;
  if (height > 0) sheet.getRange(2, 1, height, OVERFLOW_HEADERS.length).clearContent();
  if (left.length + keep.length > 0) {
    const secret = secretBytes();
    const rows = [...left.map((e) => overflowCells(e, secret)), ...keep];
    sheet.getRange(2, 1, rows.length, OVERFLOW_HEADERS.length).setValues(rows);
  }
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
  const drained = drainedTimes(all[DRAINED_KEY]);
  let drainMoved = false;
  const newest = (e: Stored) => {
    if (idTime(e[0]) <= (drained[e[1]] ?? 0)) return;
    drained[e[1]] = idTime(e[0]);
    drainMoved = true;
  };
  for (const key of Object.keys(all).filter((k) => k.startsWith(KEY_PREFIX))) {
    const stored = parse(all[key]);
    const left = stored.filter((e) => !written.has(e[0]));
    if (left.length === stored.length) continue;
    stored.filter((e) => written.has(e[0])).forEach(newest);
    if (left.length === 0) props().deleteProperty(key);
    else rewrite[key] = JSON.stringify(left);
  }
  if (all[OVERFLOW_KEY]) {
    const { valid: rows, planted } = readOverflow(ss, all);
    const left = rows.filter((e) => !written.has(e[0]));
    rows.filter((e) => written.has(e[0])).forEach(newest);
    // planted rows stay for the report of takePlantedEntries
    if (left.length !== rows.length) rewriteOverflow(ss, left, planted);
    if (left.length === 0 && planted.length === 0) props().deleteProperty(OVERFLOW_KEY);
  }
  // a copy of a written entry typed back into the overflow tab is not newer than this
  if (drainMoved) rewrite[DRAINED_KEY] = JSON.stringify(drained);
  if (Object.keys(rewrite).length > 0) props().setProperties(rewrite);
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
  const overflow = all[OVERFLOW_KEY] ? overflowRows(ss, all).length : 0;
  return { entries, overflow, storeBytes: storeBytes(all) };
}

/** Whether anything waits (one read of the store). */
export function hasPending(): boolean {
  const all = props().getProperties();
  return Object.keys(all).some((k) => k.startsWith(KEY_PREFIX) || k === OVERFLOW_KEY);
}

/**
 * Writes to the director-only tabs («Журнал» and the technical tab) that the
 * current user may not make. Sidebar calls and simple triggers run as the
 * person using them, and Sheets refuses their writes into protected tabs; so
 * those entries wait in the document's properties until an execution running as
 * the director (the installable onEdit trigger, a menu item, the digest) flushes
 * them. Readers of the memory see pending values at once.
 */
import { COLUMNS } from '../domain/workbook/schema';
import { withScriptLock } from './lock';

const LOG_KEY = 'crm.pendingLog';
const MEMORY_KEY = 'crm.pendingMemory';
const HISTORY_KEY = 'crm.pendingStageHistory';

/** A log row as written to «Журнал» (time as ISO text while pending). */
export type PendingLogRow = [string, ...string[]];
/** ID · Поле · Значение · Этап отказа */
export type PendingMemoryRow = [string, string, string, string];

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function read<T>(key: string): T[] {
  const raw = props().getProperty(key);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

/** Queues log rows (their first cell is the time). */
export function queueLogRows(rows: readonly unknown[][]): void {
  withScriptLock(() => {
    const pending = read<unknown[]>(LOG_KEY);
    for (const row of rows) {
      pending.push(row.map((v, i) => (i === 0 && v instanceof Date ? v.toISOString() : String(v ?? ''))));
    }
    props().setProperty(LOG_KEY, JSON.stringify(pending));
  });
}

/** Queues memory rows; a later value of the same ID and field replaces an earlier one. */
export function queueMemoryRows(rows: readonly PendingMemoryRow[]): void {
  withScriptLock(() => {
    const pending = new Map(read<PendingMemoryRow>(MEMORY_KEY).map((r) => [`${r[0]}\u0000${r[1]}`, r]));
    for (const row of rows) pending.set(`${row[0]}\u0000${row[1]}`, row);
    props().setProperty(MEMORY_KEY, JSON.stringify([...pending.values()]));
  });
}

/** Memory rows not yet written to the technical tab. */
export function pendingMemoryRows(): PendingMemoryRow[] {
  return read<PendingMemoryRow>(MEMORY_KEY);
}

/** Log rows waiting for «Журнал», with their times back as dates. */
export function pendingLogRows(): unknown[][] {
  const rows = read<string[]>(LOG_KEY);
  return rows.map((r) => {
    const row = padLogRow(r);
    row[0] = new Date(r[0]);
    return row;
  });
}

/**
 * Forgets the log rows that were written. Rows queued by someone else while
 * they were being written stay queued: only the written ones are removed.
 */
export function clearPendingLog(written: readonly unknown[][]): void {
  removeWritten(LOG_KEY, written.map(logRowKey));
}

/** Forgets the memory rows that were written; a newer value queued meanwhile stays. */
export function clearPendingMemory(written: readonly PendingMemoryRow[]): void {
  removeWritten(
    MEMORY_KEY,
    written.map((row) => JSON.stringify(row)),
  );
}

/** The identity of a log row whether it is pending (time as text) or read back (time as a date). */
function logRowKey(row: readonly unknown[]): string {
  return JSON.stringify(row.map((v, i) => (i === 0 && v instanceof Date ? v.toISOString() : String(v ?? ''))));
}

/** Removes one queued entry per written key, re-reading the queue so entries added meanwhile are kept. */
function removeWritten(key: string, writtenKeys: readonly string[]): void {
  withScriptLock(() => {
    const left = new Map<string, number>();
    for (const k of writtenKeys) left.set(k, (left.get(k) ?? 0) + 1);
    const keyOf = key === MEMORY_KEY ? (row: unknown[]) => JSON.stringify(row) : logRowKey;
    const remaining = read<unknown[]>(key).filter((row) => {
      const k = keyOf(key === LOG_KEY ? padLogRow(row) : row);
      const n = left.get(k) ?? 0;
      if (n === 0) return true;
      left.set(k, n - 1);
      return false;
    });
    if (remaining.length === 0) props().deleteProperty(key);
    else props().setProperty(key, JSON.stringify(remaining));
  });
}

function padLogRow(row: readonly unknown[]): unknown[] {
  const out = [...row];
  while (out.length < COLUMNS.log.length) out.push('');
  return out;
}

/** Queues «История этапов» rows (their first cell is the time), as log rows are queued. */
export function queueHistoryRows(rows: readonly unknown[][]): void {
  withScriptLock(() => {
    const pending = read<unknown[]>(HISTORY_KEY);
    for (const row of rows)
      pending.push(row.map((v, i) => (i === 0 && v instanceof Date ? v.toISOString() : String(v ?? ''))));
    props().setProperty(HISTORY_KEY, JSON.stringify(pending));
  });
}

/** «История этапов» rows waiting to be written, with their times back as dates. */
export function pendingHistoryRows(): unknown[][] {
  return read<string[]>(HISTORY_KEY).map((r) => {
    const row: unknown[] = [...r];
    row[0] = new Date(r[0]);
    return row;
  });
}

/** Forgets the «История этапов» rows that were written; rows queued meanwhile stay. */
export function clearPendingHistory(written: readonly unknown[][]): void {
  removeWritten(HISTORY_KEY, written.map(logRowKey));
}

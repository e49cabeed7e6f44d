/**
 * Writes to the director-only tabs («Журнал» and the technical tab) that the
 * current user may not make. Sidebar calls and simple triggers run as the
 * person using them, and Sheets refuses their writes into protected tabs; so
 * those entries wait in the document's properties until an execution running as
 * the director (the installable onEdit trigger, a menu item, the digest) flushes
 * them. Readers of the memory see pending values at once.
 */
import { COLUMNS } from '../domain/workbook/schema';

const LOG_KEY = 'crm.pendingLog';
const MEMORY_KEY = 'crm.pendingMemory';

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
  const pending = read<unknown[]>(LOG_KEY);
  for (const row of rows) {
    pending.push(row.map((v, i) => (i === 0 && v instanceof Date ? v.toISOString() : String(v ?? ''))));
  }
  props().setProperty(LOG_KEY, JSON.stringify(pending));
}

/** Queues memory rows; a later value of the same ID and field replaces an earlier one. */
export function queueMemoryRows(rows: readonly PendingMemoryRow[]): void {
  const pending = new Map(read<PendingMemoryRow>(MEMORY_KEY).map((r) => [`${r[0]}\u0000${r[1]}`, r]));
  for (const row of rows) pending.set(`${row[0]}\u0000${row[1]}`, row);
  props().setProperty(MEMORY_KEY, JSON.stringify([...pending.values()]));
}

/** Memory rows not yet written to the technical tab. */
export function pendingMemoryRows(): PendingMemoryRow[] {
  return read<PendingMemoryRow>(MEMORY_KEY);
}

/** Log rows waiting for «Журнал», with their times back as dates. */
export function pendingLogRows(): unknown[][] {
  const rows = read<string[]>(LOG_KEY);
  return rows.map((r) => {
    const row: unknown[] = [...r];
    row[0] = new Date(r[0]);
    while (row.length < COLUMNS.log.length) row.push('');
    return row;
  });
}

/** Forgets the pending log rows (after they were written). */
export function clearPendingLog(): void {
  props().deleteProperty(LOG_KEY);
}

/** Forgets the pending memory rows (after they were written). */
export function clearPendingMemory(): void {
  props().deleteProperty(MEMORY_KEY);
}

/**
 * New record IDs without reading the whole ID column: the last number given
 * is kept in the document's properties, and the next one is checked against
 * the column by a TextFinder before it is used. When the stored number is
 * missing, or the next ID is already in the column (a row added by a path
 * that does not keep the number, an ID typed by hand), the column is read and
 * the highest ID found there decides, as before. Callers hold the document lock.
 */
import { documentProperties } from './document-properties';
import { formatId, type IdKind, nextIds, parseIdNumber } from '../domain/crm/ids';
import type { Table } from './table';

const KEY_PREFIX = 'crm.lastId.';

/** `count` consecutive unused IDs of `kind` for the ID column `header` of `table`. */
export function allocateIds(table: Table, header: string, kind: IdKind, count = 1): string[] {
  const props = documentProperties;
  const stored = Number(props.getProperty(KEY_PREFIX + kind));
  let ids: string[] | null = null;
  if (Number.isInteger(stored) && stored > 0) {
    const candidates = Array.from({ length: count }, (_, i) => formatId(kind, stored + 1 + i));
    if (table.findRows(header, candidates).length === 0) ids = candidates;
  }
  ids ??= nextIds(kind, table.readColumn(header), count);
  props.setProperty(KEY_PREFIX + kind, String(parseIdNumber(kind, ids[ids.length - 1])));
  return ids;
}

/** Stores the highest ID of each kind found in the given ID columns (setup reads them anyway), in one call. */
export function rememberHighestIds(columns: Partial<Record<IdKind, readonly unknown[]>>): void {
  const out: Record<string, string> = {};
  for (const [kind, values] of Object.entries(columns) as Array<[IdKind, readonly unknown[]]>) {
    const highest = parseIdNumber(kind, nextIds(kind, values, 1)[0])! - 1;
    if (highest > 0) out[KEY_PREFIX + kind] = String(highest);
  }
  if (Object.keys(out).length > 0) documentProperties.setProperties(out);
}

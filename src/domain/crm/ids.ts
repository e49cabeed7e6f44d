/**
 * Record IDs: К-00001 for clients, С-00001 for deals, П-00001 for claims.
 * The next ID is one above the highest already in the column, so deleting rows
 * never reuses a number that may still be written on paper.
 */
export const ID_PREFIX = { client: 'К', deal: 'С', claim: 'П' } as const;
export type IdKind = keyof typeof ID_PREFIX;

/** «К-00042» for (client, 42); numbers beyond 99 999 simply get more digits. */
export function formatId(kind: IdKind, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('ID number must be a positive integer');
  return `${ID_PREFIX[kind]}-${String(n).padStart(5, '0')}`;
}

/** The number of an ID of this kind, or null for anything else. */
export function parseIdNumber(kind: IdKind, value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = new RegExp(`^${ID_PREFIX[kind]}-(\\d+)$`).exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** The next free ID of a kind, given the values of its ID column. */
export function nextId(kind: IdKind, existing: readonly unknown[]): string {
  let max = 0;
  for (const value of existing) {
    const n = parseIdNumber(kind, value);
    // Stryker disable next-line EqualityOperator: an equal number keeps the same highest
    if (n !== null && n > max) max = n;
  }
  return formatId(kind, max + 1);
}

/** `count` consecutive free IDs (for several rows typed or pasted at once). */
export function nextIds(kind: IdKind, existing: readonly unknown[], count: number): string[] {
  const first = parseIdNumber(kind, nextId(kind, existing))!;
  return Array.from({ length: count }, (_, i) => formatId(kind, first + i));
}

/**
 * The in-memory classes implement Pick<> of the real Apps Script interfaces, so a
 * drifting signature fails the type check. Where a real signature names another
 * Apps Script class (a setter returning Range, a getter returning Sheet), the
 * in-memory object stands in for it through this one cast.
 */
export function asGas<T>(value: unknown): T {
  return value as T;
}

/** A cell value as Apps Script hands it out: '' for an empty cell. */
export type OutValue = number | string | boolean | Date;

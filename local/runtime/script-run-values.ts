/**
 * What google.script.run lets cross between a page and the server, as the
 * HtmlService guide documents it: primitives, and objects and arrays made of
 * them; a form only as the sole parameter. A Date, a function, a DOM node
 * other than a form, or a circular object in the arguments makes the request
 * fail; undefined inside arrays becomes null. A server function's return value
 * containing a Date reaches the success handler as null.
 * Shared by the local page (its google.script.run) and the runtime.
 */

/** Why the arguments cannot be sent, in the words of Google's client, or undefined when they can. */
export function illegalArgument(args: readonly unknown[]): string | undefined {
  const seen = new Set<object>();
  const check = (value: unknown, where: string): string | undefined => {
    if (value === null || value === undefined) return undefined;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return undefined;
    if (type !== 'object') return `Failed due to illegal value in property: ${where}`;
    if (value instanceof Date) return `Failed due to illegal value in property: ${where}`;
    const node = value as { nodeType?: unknown };
    if (typeof node.nodeType === 'number') return `Failed due to illegal value in property: ${where}`;
    if (seen.has(value as object)) return `Failed due to illegal value in property: ${where}`;
    seen.add(value as object);
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const problem = check(item, key);
      if (problem) return problem;
    }
    seen.delete(value as object);
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const problem = check(args[i], String(i));
    if (problem) return problem;
  }
  return undefined;
}

/** What the success handler receives for a server function's return value. */
export function returnedValue(value: unknown): unknown {
  const hasDate = (v: unknown): boolean =>
    v instanceof Date ||
    Object.prototype.toString.call(v) === '[object Date]' ||
    (v !== null && typeof v === 'object' && Object.values(v as Record<string, unknown>).some(hasDate));
  if (hasDate(value)) return null;
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

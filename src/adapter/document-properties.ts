/**
 * The document properties of this execution, read once. Every execution on Google loads the
 * script afresh, so this module's state lives exactly one execution. The first read fetches the
 * whole store in one getProperties() call; later reads come from it, and writes go to the store
 * and into it, so a value the execution wrote reads back as written.
 *
 * Another execution may write the store meanwhile. What this one decides from those values and
 * writes back happens under the document lock (lock.ts), which calls `refreshAfterLock()` once it
 * holds the lock: the next read fetches the store again, so a decision under the lock never
 * rests on a read made before it. Reads outside the lock (trigger health, a heartbeat) may be
 * as old as the execution, which is what they would be on Google too.
 */
type Properties = GoogleAppsScript.Properties.Properties;

let service: GoogleAppsScript.Properties.PropertiesService | null = null;
let store: Properties | null = null;
let snapshot: Record<string, string> | null = null;

function theStore(): Properties {
  // a new PropertiesService is a new execution's (tests that import this module install one per case)
  if (service !== PropertiesService) {
    service = PropertiesService;
    store = null;
    snapshot = null;
  }
  store ??= service.getDocumentProperties();
  return store;
}

function all(): Record<string, string> {
  const properties = theStore();
  snapshot ??= { ...properties.getProperties() };
  return snapshot;
}

/** The subset of Properties the add-on uses, answered from the execution's one read. */
export const documentProperties = {
  /** A copy of every key and value. */
  getProperties(): Record<string, string> {
    return { ...all() };
  },

  getProperty(key: string): string | null {
    return all()[key] ?? null;
  },

  setProperty(key: string, value: string): void {
    theStore().setProperty(key, value);
    if (snapshot) snapshot[key] = value;
  },

  setProperties(values: Record<string, string>): void {
    theStore().setProperties(values);
    if (snapshot) Object.assign(snapshot, values);
  },

  deleteProperty(key: string): void {
    theStore().deleteProperty(key);
    if (snapshot) delete snapshot[key];
  },
};

/** Called by the document lock once held: the next read fetches the store again. */
export function refreshAfterLock(): void {
  snapshot = null;
}

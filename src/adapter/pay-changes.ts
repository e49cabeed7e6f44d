/**
 * When the data a month's pay depends on last changed, and when the month was
 * last computed: «Рассчитать» and «Закрыть месяц» warn when a signed deal's
 * amount, date or owner changed after the last calculation. Kept in one small
 * document property (a few dozen months, far below the 9 KB of a value).
 */
import { documentProperties } from './document-properties';
import { withDocumentLock } from './lock';

const KEY = 'payroll.payDataChanges';

interface PayChanges {
  /** month «ГГГГ-ММ» → ISO time of the last change of its pay data */
  changed: Record<string, string>;
  /** month → ISO time of its last calculation */
  computed: Record<string, string>;
}

function read(): PayChanges {
  const raw = documentProperties.getProperty(KEY);
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<PayChanges>) : {};
    return { changed: { ...parsed.changed }, computed: { ...parsed.computed } };
  } catch {
    return { changed: {}, computed: {} };
  }
}

/** Reads, changes and writes back the record; the caller holds the document lock. */
function update(fn: (state: PayChanges) => void): void {
  const state = read();
  fn(state);
  // only the latest 36 months are kept, so the value stays small
  for (const part of [state.changed, state.computed]) {
    const months = Object.keys(part).sort();
    for (const m of months.slice(0, Math.max(0, months.length - 36))) delete part[m];
  }
  documentProperties.setProperty(KEY, JSON.stringify(state));
}

/** Records that the pay data of `months` changed at `at` (under the caller's document lock, like every write of an edit). */
export function markPayDataChanged(months: readonly string[], at: Date): void {
  if (months.length === 0) return;
  update((state) => {
    for (const m of months) state.changed[m] = at.toISOString();
  });
}

/** Records that `month` was computed at `at`; takes the document lock. */
export function markComputed(month: string, at: Date): void {
  withDocumentLock(() => update((state) => (state.computed[month] = at.toISOString())));
}

/** When the month's pay data changed after its last calculation, the time of that change; else null. */
export function changedSinceComputed(month: string): Date | null {
  const state = read();
  const changed = state.changed[month];
  const computed = state.computed[month];
  if (!changed || !computed || changed <= computed) return null;
  return new Date(changed);
}

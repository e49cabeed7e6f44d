/**
 * When the data a month's pay depends on last changed, and when the month was
 * last computed: «Рассчитать», «Закрыть месяц» and «Печать / PDF» warn when a
 * signed deal's amount, date or owner, a row of «Планы» or «Табель», an
 * employee or a setting changed after the last calculation, and name the tabs
 * that changed. Kept in one small document property (a few dozen months, far
 * below the 9 KB of a value).
 */
import { documentProperties } from './document-properties';
import { withDocumentLock } from './lock';

const KEY = 'payroll.payDataChanges';

interface PayChanges {
  /** month «ГГГГ-ММ» → ISO time of the last change of its pay data */
  changed: Record<string, string>;
  /** month → ISO time of its last calculation */
  computed: Record<string, string>;
  /** month → the tabs whose changes its last calculation does not include */
  sources: Record<string, string[]>;
}

/** What changed since the last calculation of a month. */
export interface PayDataChange {
  at: Date;
  /** the tabs that changed («Сделки», «Планы», «Табель», «Сотрудники», «Настройки»), in the order they did */
  sheets: string[];
}

function read(): PayChanges {
  const raw = documentProperties.getProperty(KEY);
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<PayChanges>) : {};
    return { changed: { ...parsed.changed }, computed: { ...parsed.computed }, sources: { ...parsed.sources } };
  } catch {
    return { changed: {}, computed: {}, sources: {} };
  }
}

/** Reads, changes and writes back the record; the caller holds the document lock. */
function update(fn: (state: PayChanges) => void): void {
  const state = read();
  fn(state);
  // only the latest 36 months are kept, so the value stays small
  for (const part of [state.changed, state.computed, state.sources]) {
    const months = Object.keys(part).sort();
    for (const m of months.slice(0, Math.max(0, months.length - 36))) delete part[m];
  }
  documentProperties.setProperty(KEY, JSON.stringify(state));
}

function markIn(state: PayChanges, months: Iterable<string>, at: Date, sheet: string): void {
  for (const m of months) {
    state.changed[m] = at.toISOString();
    const sources = state.sources[m] ?? [];
    if (!sources.includes(sheet)) state.sources[m] = [...sources, sheet];
  }
}

/**
 * Records that the pay data of `months` changed at `at` in the tab `sheet`
 * (under the caller's document lock, like every write of an edit).
 */
export function markPayDataChanged(months: readonly string[], at: Date, sheet = 'Сделки'): void {
  if (months.length === 0) return;
  update((state) => markIn(state, months, at, sheet));
}

/**
 * Records a change of «Планы» or «Табель» rows of `months`: those months, and
 * the computed months after them in the same year, whose НДФЛ counts the
 * income since 1 January (caller holds the document lock).
 */
export function markYearToDateChanged(months: readonly string[], at: Date, sheet: string): void {
  if (months.length === 0) return;
  update((state) => {
    const later = Object.keys(state.computed).filter((c) =>
      // Stryker disable next-line EqualityOperator: a month equal to a changed one is marked as one of `months` anyway
      months.some((m) => c.slice(0, 4) === m.slice(0, 4) && c > m),
    );
    markIn(state, [...months, ...later], at, sheet);
  });
}

/**
 * Records a change that every month's pay depends on («Сотрудники»,
 * «Настройки»): each month computed so far (caller holds the document lock).
 */
export function markAllComputedChanged(at: Date, sheet: string): void {
  update((state) => markIn(state, Object.keys(state.computed), at, sheet));
}

/** Records that `month` was computed at `at`; takes the document lock. */
export function markComputed(month: string, at: Date): void {
  withDocumentLock(() => markComputedLocked(month, at));
}

/** markComputed for a caller already holding the document lock (with its «Журнал» row, say). */
export function markComputedLocked(month: string, at: Date): void {
  update((state) => {
    state.computed[month] = at.toISOString();
    delete state.sources[month];
  });
}

/** When the month's pay data changed after its last calculation, when and in which tabs; else null. */
export function changedSinceComputed(month: string): PayDataChange | null {
  const state = read();
  const changed = state.changed[month];
  const computed = state.computed[month];
  if (!changed || !computed || changed <= computed) return null;
  return { at: new Date(changed), sheets: state.sources[month] ?? ['Сделки'] };
}

/** «листы «Сделки», «Табель»» for a warning. */
export function changedSheetsText(change: PayDataChange): string {
  const names = change.sheets.map((s) => `«${s}»`).join(', ');
  return change.sheets.length === 1 ? `лист ${names}` : `листы ${names}`;
}

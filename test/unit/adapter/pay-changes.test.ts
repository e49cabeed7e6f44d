/**
 * When a month's pay data last changed and when it was last computed: «Рассчитать», «Закрыть
 * месяц» and «Печать / PDF» warn when data changed after the calculation and name the tabs.
 */
import {
  changedSheetsText,
  changedSinceComputed,
  markAllComputedChanged,
  markComputed,
  markPayDataChanged,
  markYearToDateChanged,
} from '../../../src/adapter/pay-changes';
import { installRuntime, uninstallRuntime } from './runtime-services';

const KEY = 'payroll.payDataChanges';
const store = () => PropertiesService.getDocumentProperties();
const at = (hhmm: string) => new Date(`2026-04-01T${hhmm}:00.000Z`);

beforeEach(() => installRuntime());
afterEach(uninstallRuntime);

describe('pay data changes', () => {
  it('warns of a change after the calculation, not of one before it or at the same moment', () => {
    expect(changedSinceComputed('2026-03')).toBeNull();
    markComputed('2026-03', at('10:00'));
    expect(changedSinceComputed('2026-03')).toBeNull();
    markPayDataChanged(['2026-03'], at('09:00'));
    expect(changedSinceComputed('2026-03')).toBeNull();
    markPayDataChanged(['2026-03'], at('10:00'));
    expect(changedSinceComputed('2026-03')).toBeNull();
    markPayDataChanged(['2026-03'], at('10:01'));
    expect(changedSinceComputed('2026-03')).toEqual({ at: at('10:01'), sheets: ['Сделки'] });
    // a month never computed has nothing to warn about
    markPayDataChanged(['2026-02'], at('11:00'));
    expect(changedSinceComputed('2026-02')).toBeNull();
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });

  it('names each tab that changed once, in the order they did, until the month is computed again', () => {
    markComputed('2026-03', at('10:00'));
    markPayDataChanged(['2026-03'], at('11:00'), 'Табель');
    markPayDataChanged(['2026-03'], at('11:05'));
    markPayDataChanged(['2026-03'], at('11:10'), 'Табель');
    const change = changedSinceComputed('2026-03')!;
    expect(change).toEqual({ at: at('11:10'), sheets: ['Табель', 'Сделки'] });
    expect(changedSheetsText(change)).toBe('листы «Табель», «Сделки»');
    markComputed('2026-03', at('12:00'));
    expect(changedSinceComputed('2026-03')).toBeNull();
    markPayDataChanged(['2026-03'], at('12:30'), 'Планы');
    const again = changedSinceComputed('2026-03')!;
    expect(again.sheets).toEqual(['Планы']);
    expect(changedSheetsText(again)).toBe('лист «Планы»');
  });

  it('a change of «Планы» or «Табель» also marks the later computed months of its year (НДФЛ counts from January)', () => {
    for (const m of ['2025-12', '2026-02', '2026-03', '2026-05', '2027-01']) markComputed(m, at('10:00'));
    markYearToDateChanged(['2026-03'], at('11:00'), 'Табель');
    const changed = ['2025-12', '2026-02', '2026-03', '2026-04', '2026-05', '2027-01'].filter(
      (m) => changedSinceComputed(m) !== null,
    );
    expect(changed).toEqual(['2026-03', '2026-05']);
    expect(changedSinceComputed('2026-05')).toEqual({ at: at('11:00'), sheets: ['Табель'] });
  });

  it('a change of rows of two months also marks a computed month between them', () => {
    for (const m of ['2026-02', '2026-04', '2026-06']) markComputed(m, at('10:00'));
    markYearToDateChanged(['2026-03', '2026-05'], at('11:00'), 'Табель');
    const changed = ['2026-02', '2026-04', '2026-06'].filter((m) => changedSinceComputed(m) !== null);
    expect(changed).toEqual(['2026-04', '2026-06']);
  });

  it('a change of «Сотрудники» or «Настройки» marks every computed month', () => {
    markComputed('2026-01', at('10:00'));
    markComputed('2026-03', at('10:00'));
    markAllComputedChanged(at('11:00'), 'Сотрудники');
    expect(changedSinceComputed('2026-01')).toEqual({ at: at('11:00'), sheets: ['Сотрудники'] });
    expect(changedSinceComputed('2026-03')).toEqual({ at: at('11:00'), sheets: ['Сотрудники'] });
    expect(changedSinceComputed('2026-02')).toBeNull();
  });

  it('writes nothing for no months', () => {
    markPayDataChanged([], at('11:00'));
    markYearToDateChanged([], at('11:00'), 'Планы');
    expect(store().getProperty(KEY)).toBeNull();
  });

  it('keeps only the latest 36 months, so the value stays small', () => {
    const months = Array.from(
      { length: 40 },
      (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    for (const m of months) markComputed(m, at('10:00'));
    markPayDataChanged(months, at('11:00'));
    const kept = months.filter((m) => changedSinceComputed(m) !== null);
    expect(kept).toEqual(months.slice(4));
    expect(kept[0]).toBe('2023-05');
    const stored = JSON.parse(store().getProperty(KEY)!) as Record<string, Record<string, unknown>>;
    expect(Object.keys(stored.changed)).toHaveLength(36);
    expect(Object.keys(stored.computed)).toHaveLength(36);
    expect(Object.keys(stored.sources)).toHaveLength(36);
    expect(Object.keys(stored.sources)[0]).toBe('2023-05');
  });

  it('drops the oldest months, whatever order they were computed in', () => {
    const months = Array.from(
      { length: 37 },
      (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    for (const m of [...months].reverse()) markComputed(m, at('10:00'));
    markPayDataChanged(months, at('11:00'));
    expect(changedSinceComputed('2024-01')).toBeNull();
    expect(changedSinceComputed('2024-02')).not.toBeNull();
    expect(changedSinceComputed('2027-01')).not.toBeNull();
  });

  it('reads a record of an older version (no tabs named) as a change of «Сделки», and a broken one as nothing', () => {
    store().setProperty(
      KEY,
      JSON.stringify({
        changed: { '2026-03': at('11:00').toISOString() },
        computed: { '2026-03': at('10:00').toISOString() },
      }),
    );
    expect(changedSinceComputed('2026-03')).toEqual({ at: at('11:00'), sheets: ['Сделки'] });
  });

  it('starts afresh from a value that is not JSON', () => {
    store().setProperty(KEY, '{"changed":');
    expect(changedSinceComputed('2026-03')).toBeNull();
    markComputed('2026-03', at('10:00'));
    markPayDataChanged(['2026-03'], at('11:00'), 'Планы');
    expect(changedSinceComputed('2026-03')).toEqual({ at: at('11:00'), sheets: ['Планы'] });
  });
});

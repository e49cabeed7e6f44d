/**
 * Edits of the director's pay tabs in the sheet: a row of «Планы» or «Табель»
 * changed after «Рассчитать» makes that month's ведомость stale (and the later
 * computed months of its year, whose НДФЛ counts the income since 1 January);
 * a change of «Сотрудники» or «Настройки» makes every computed month stale.
 * «Рассчитать», «Закрыть месяц» and «Печать / PDF» then say so. Runs inside the
 * edit's document lock; reads only the «Месяц» cells of the edited rows.
 */
import { markAllComputedChanged, markYearToDateChanged } from '../../adapter/pay-changes';
import { Table } from '../../adapter/table';
import { monthKey, parseMonth } from '../../domain/calendar';
import { SHEETS } from '../../domain/workbook/schema';

/** The tabs whose edits change pay. */
export const PAY_SOURCE_SHEETS: readonly string[] = [SHEETS.plans, SHEETS.timesheet, SHEETS.staff, SHEETS.settings];

const MONTH = 'Месяц';

/** «ГГГГ-ММ» of a «Месяц» value, '' when it is not a month. */
function monthOf(value: unknown): string {
  try {
    // e.oldValue of a date cell is its serial number as text: days since 30.12.1899
    if (typeof value === 'string' && /^\d{4,6}(\.\d+)?$/.test(value.trim())) {
      const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(value)) * 86400000);
      return monthKey({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1 });
    }
    return monthKey(parseMonth(value));
  } catch {
    return '';
  }
}

/** Records the pay change of an edit of `name` (one of PAY_SOURCE_SHEETS); the caller holds the document lock. */
export function recordPaySourceEdit(
  range: GoogleAppsScript.Spreadsheet.Range,
  oldValue: unknown,
  name: string,
  now: Date,
): void {
  if (name === SHEETS.staff || name === SHEETS.settings) {
    markAllComputedChanged(now, name);
    return;
  }
  const top = Math.max(range.getRow(), 2);
  const last = range.getRow() + range.getNumRows() - 1;
  if (last < top) return;
  const table = Table.of(range.getSheet(), [], name);
  if (!table.has(MONTH)) return;
  const months = new Set<string>();
  for (const row of table.readRows(top, last - top + 1)) {
    const m = monthOf(row[table.col(MONTH) - 1]);
    if (m) months.add(m);
  }
  // a month typed over another one: the month the row left changed too
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  if (single && range.getColumn() === table.col(MONTH)) {
    const m = monthOf(oldValue);
    if (m) months.add(m);
  }
  markYearToDateChanged([...months], now, name);
}

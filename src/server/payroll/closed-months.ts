/**
 * What a closed month leaves for the НДФЛ of the later months of its year
 * (Налоговый кодекс ст. 226: the tax is computed cumulatively since 1 January):
 * one row per employee in the hidden, protected tab «Начисления (закрытые месяцы)».
 * Pure: rows in, year-to-date sums out.
 */
import { monthKey, parseMonth, type YearMonth } from '../../domain/calendar';
import { textOf } from '../../domain/crm/values';
import { rublesToKopecks } from '../../domain/money';
import type { YearToDate } from '../../domain/payroll/inputs';
import { safeCellText } from '../../adapter/safe-text';

export const CLOSED_MONTHS_SHEET = 'Начисления (закрытые месяцы)';

export const CLOSED_MONTHS_HEADERS = [
  'Месяц',
  'Таб. №',
  'ФИО',
  'Начислено, руб.',
  'Вычеты НДФЛ, руб.',
  'НДФЛ, руб.',
  'Закрыт',
  'Кто закрыл',
] as const;

/** One employee's closed month, money in kopecks. */
export interface ClosedMonthEntry {
  month: string;
  tabNo: string;
  name: string;
  income: number;
  deductions: number;
  tax: number;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const n = Number(
    textOf(value)
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.'),
  );
  return Number.isFinite(n) ? n : 0;
}

/** Entries read from the tab's values (header row first); rows with no valid month are skipped. */
export function closedEntries(values: readonly unknown[][]): ClosedMonthEntry[] {
  const out: ClosedMonthEntry[] = [];
  for (const row of values.slice(1)) {
    let month: string;
    try {
      month = monthKey(parseMonth(row[0]));
    } catch {
      continue;
    }
    out.push({
      month,
      tabNo: textOf(row[1]),
      name: textOf(row[2]),
      income: rublesToKopecks(numberOf(row[3])),
      deductions: rublesToKopecks(numberOf(row[4])),
      tax: rublesToKopecks(numberOf(row[5])),
    });
  }
  return out;
}

/** The months that were closed. */
export function closedMonthKeys(entries: readonly ClosedMonthEntry[]): Set<string> {
  return new Set(entries.map((e) => e.month));
}

/** By «Таб. №»: income, deductions and НДФЛ of the closed months of the same year before `month`. */
export function yearToDateFor(entries: readonly ClosedMonthEntry[], month: YearMonth): Record<string, YearToDate> {
  const first = monthKey({ year: month.year, month: 1 });
  const key = monthKey(month);
  const out: Record<string, YearToDate> = {};
  for (const e of entries) {
    if (e.month < first || e.month >= key) continue;
    const tabNo = e.tabNo.trim();
    const sum = out[tabNo] ?? { income: 0, deductions: 0, tax: 0 };
    sum.income += e.income;
    sum.deductions += e.deductions;
    sum.tax += e.tax;
    out[tabNo] = sum;
  }
  return out;
}

/** A row of the tab for an entry. */
export function closedRow(entry: ClosedMonthEntry, closedAt: Date, by: string): unknown[] {
  return [
    `'${entry.month}`,
    `'${entry.tabNo}`,
    safeCellText(entry.name),
    entry.income / 100,
    entry.deductions / 100,
    entry.tax / 100,
    closedAt,
    safeCellText(by),
  ];
}

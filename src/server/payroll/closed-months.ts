/**
 * What a closed month leaves for the НДФЛ of the later months of its year
 * (Налоговый кодекс ст. 226: the tax is computed cumulatively since 1 January):
 * one row per employee in the hidden, protected tab «Начисления (закрытые месяцы)».
 * Pure: rows in, year-to-date sums out.
 */
import { monthKey, parseMonth } from '../../domain/calendar';
import { textOf } from '../../domain/crm/values';
import { rublesToKopecks } from '../../domain/money';
import type { PaidMonth } from '../../domain/payroll/inputs';
import { parseDateValue } from '../../domain/crm/values';
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
  // НДФЛ by payment date (НК ст. 223, 226): the аванс and the final payment, each with its date
  'Аванс, руб.',
  'НДФЛ с аванса, руб.',
  'Дата аванса',
  'Дата выплаты',
] as const;

/** One employee's closed month, money in kopecks; blank dates mean paid within the month. */
export interface ClosedMonthEntry extends PaidMonth {
  name: string;
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
      advance: rublesToKopecks(numberOf(row[8])),
      advanceTax: rublesToKopecks(numberOf(row[9])),
      advanceDate: parseDateValue(row[10]) ?? null,
      paymentDate: parseDateValue(row[11]) ?? null,
    });
  }
  return out;
}

/** The months that were closed. */
export function closedMonthKeys(entries: readonly ClosedMonthEntry[]): Set<string> {
  return new Set(entries.map((e) => e.month));
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
    entry.advance / 100,
    entry.advanceTax / 100,
    entry.advanceDate ?? '',
    entry.paymentDate ?? '',
  ];
}

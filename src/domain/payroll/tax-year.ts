/**
 * НДФЛ by payment date (НК ст. 223 п. 1 пп. 1, ст. 226 п. 4; domain 4.5): a wage, the аванс
 * included, is income on the day it is paid, so each payment belongs to the tax year of its
 * date (a December wage paid in January is income of the next year), while the standard
 * deduction of a month belongs to the year of that month. Pure: paid months in, sums out.
 */
import { daysInMonth, monthKey, type YearMonth } from '../calendar';
import type { PaidMonth, StaffRecord, YearToDate } from './inputs';

/** The tax year of a payment: the year of its date, or of the accrual month when no date is given. */
export function paymentYear(date: Date | null | undefined, month: YearMonth): number {
  return date ? date.getFullYear() : month.year;
}

function monthOf(key: string): YearMonth {
  const [year, month] = key.split('-').map(Number);
  return { year, month };
}

/**
 * Income, deductions and НДФЛ of the tax year `year` from an employee's months accrued before
 * `before`: the аванс and the rest each count in the year they were paid.
 */
export function yearToDateOf(
  history: readonly PaidMonth[],
  tabNo: string,
  year: number,
  before: YearMonth,
): YearToDate {
  const key = monthKey(before);
  const sum: YearToDate = { income: 0, deductions: 0, tax: 0 };
  for (const paid of history) {
    if (paid.tabNo.trim() !== tabNo.trim() || paid.month >= key) continue;
    const month = monthOf(paid.month);
    if (paymentYear(paid.advanceDate, month) === year) {
      sum.income += paid.advance;
      sum.tax += paid.advanceTax;
    }
    if (paymentYear(paid.paymentDate, month) === year) {
      sum.income += paid.income - paid.advance;
      sum.tax += paid.tax - paid.advanceTax;
    }
    if (month.year === year) sum.deductions += paid.deductions;
  }
  return sum;
}

/**
 * The months of the year before `month` in which the employee worked for the company and that
 * are neither closed nor computed: НДФЛ since 1 January cannot be known without them.
 */
export function missingMonths(history: readonly PaidMonth[], person: StaffRecord, month: YearMonth): string[] {
  const known = new Set(history.filter((p) => p.tabNo.trim() === person.tabNo.trim()).map((p) => p.month));
  const out: string[] = [];
  for (let m = 1; m < month.month; m++) {
    const first = new Date(month.year, m - 1, 1);
    const last = new Date(month.year, m - 1, daysInMonth(month.year, m));
    if (person.hireDate && person.hireDate > last) continue;
    if (person.dismissalDate && person.dismissalDate < first) continue;
    const key = monthKey({ year: month.year, month: m });
    if (!known.has(key)) out.push(key);
  }
  return out;
}

/** The months of the year that the employee's НДФЛ takes from computed, not closed, figures. */
export function estimatedMonths(history: readonly PaidMonth[], tabNo: string, month: YearMonth): string[] {
  const first = monthKey({ year: month.year, month: 1 });
  const key = monthKey(month);
  return history
    .filter((p) => p.estimated && p.tabNo.trim() === tabNo.trim() && p.month >= first && p.month < key)
    .map((p) => p.month)
    .sort();
}

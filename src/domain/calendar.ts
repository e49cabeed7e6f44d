/**
 * The Russian production calendar for a five-day week (domain 4.7): which days
 * are working days, and the norm of working days of a month. 2025 and 2026 are
 * built in; «Настройки» may add holidays or transferred working days, and a
 * year with neither a built-in calendar nor any day in «Настройки» is an error.
 */
import { DomainError } from './money';

/** A calendar month: month is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** Days from «Настройки» that differ from the built-in calendar, as ISO dates «ГГГГ-ММ-ДД». */
export interface CalendarOverrides {
  /** extra non-working days (a regional holiday, a day off moved by decree) */
  holidays: string[];
  /** Saturdays or Sundays that are working days (transferred working days) */
  workingDays: string[];
}

// Stryker disable next-line ArrayDeclaration: a filled list's text («Stryker was here») is no ISO date, so no day matches
export const NO_OVERRIDES: CalendarOverrides = { holidays: [], workingDays: [] };

interface YearCalendar {
  holidays: string[];
  workingDays: string[];
}

function range(year: number, month: number, from: number, to: number): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day++) out.push(isoDate(year, month, day));
  return out;
}

/**
 * Non-working weekdays and working weekend days of each year, as set by the
 * government's yearly decree on transferring days off (domain 4.7).
 */
const BUILT_IN: Record<number, YearCalendar> = {
  2025: {
    holidays: [
      ...range(2025, 1, 1, 8),
      '2025-05-01',
      '2025-05-02',
      '2025-05-08',
      '2025-05-09',
      '2025-06-12',
      '2025-06-13',
      '2025-11-03',
      '2025-11-04',
      '2025-12-31',
    ],
    workingDays: ['2025-11-01'],
  },
  2026: {
    holidays: [
      ...range(2026, 1, 1, 9),
      '2026-02-23',
      '2026-03-09',
      '2026-05-01',
      '2026-05-11',
      '2026-06-12',
      '2026-11-04',
      '2026-12-31',
    ],
    // Stryker disable next-line ArrayDeclaration: a filled list's text («Stryker was here») is no ISO date, so no day matches
    workingDays: [],
  },
};

/** «2026-03-09» for (2026, 3, 9). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date of a Date, read in the local (spreadsheet) time zone as Sheets hands it over. */
export function dateToIso(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Calendar days in a month (28–31). */
export function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

/** True for a year that has a built-in calendar or at least one day listed in «Настройки». */
export function isKnownYear(year: number, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  if (BUILT_IN[year]) return true;
  const prefix = `${year}-`;
  return [...overrides.holidays, ...overrides.workingDays].some((d) => d.startsWith(prefix));
}

/** The years whose calendar ships with the add-on. */
export function builtInYears(): number[] {
  return Object.keys(BUILT_IN).map(Number);
}

function requireKnownYear(year: number, overrides: CalendarOverrides): void {
  if (!isKnownYear(year, overrides)) {
    throw new DomainError(
      `Нет производственного календаря на ${year} год: добавьте праздничные дни и переносы ${year} года ` +
        `в блок «Дата | Тип дня» на листе «Настройки»`,
    );
  }
}

/** Whether a day is a working day; an unknown year is an error asking for its calendar. */
export function isWorkingDay(
  year: number,
  month: number,
  day: number,
  overrides: CalendarOverrides = NO_OVERRIDES,
): boolean {
  requireKnownYear(year, overrides);
  const iso = isoDate(year, month, day);
  // «Настройки» wins over the built-in list: a transferred working day there can cancel a holiday.
  if (overrides.workingDays.includes(iso)) return true;
  if (overrides.holidays.includes(iso)) return false;
  const builtIn = BUILT_IN[year];
  if (builtIn?.workingDays.includes(iso)) return true;
  if (builtIn?.holidays.includes(iso)) return false;
  const weekday = new Date(year, month - 1, day).getDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days from day `from` to day `to` of a month, both included (0 when to < from). */
export function workingDaysBetween(
  year: number,
  month: number,
  from: number,
  to: number,
  overrides: CalendarOverrides = NO_OVERRIDES,
): number {
  requireKnownYear(year, overrides);
  const last = Math.min(to, daysInMonth(year, month));
  let count = 0;
  for (let day = Math.max(1, from); day <= last; day++) {
    if (isWorkingDay(year, month, day, overrides)) count++;
  }
  return count;
}

/** The month's norm of working days (domain 4.7). */
export function workingDaysInMonth(year: number, month: number, overrides: CalendarOverrides = NO_OVERRIDES): number {
  return workingDaysBetween(year, month, 1, daysInMonth(year, month), overrides);
}

/** A Date, also one made in another realm (Sheets values, node:vm), where instanceof fails. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** «15.04.2026», as Russian documents write dates. */
export function formatRuDate(date: Date): string {
  return `${String(date.getDate()).padStart(2, '0')}.${String(date.getMonth() + 1).padStart(2, '0')}.${date.getFullYear()}`;
}

/**
 * A month typed by a person: a date inside the month, or text «ГГГГ-ММ» (also «ММ.ГГГГ»).
 */
export function parseMonth(value: unknown, what = 'Месяц'): YearMonth {
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw new DomainError(`${what}: некорректная дата`);
    return { year: value.getFullYear(), month: value.getMonth() + 1 };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    let m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(text);
    if (m) return checkMonth(Number(m[1]), Number(m[2]), what, text);
    m = /^(\d{1,2})\.(\d{4})$/.exec(text);
    if (m) return checkMonth(Number(m[2]), Number(m[1]), what, text);
  }
  if (value === '' || value === null || value === undefined) {
    throw new DomainError(`${what}: значение не заполнено (нужна дата или ГГГГ-ММ, например 2026-03)`);
  }
  throw new DomainError(`${what}: «${String(value)}» — не месяц (нужна дата или ГГГГ-ММ, например 2026-03)`);
}

function checkMonth(year: number, month: number, what: string, text: string): YearMonth {
  if (month < 1 || month > 12) throw new DomainError(`${what}: «${text}» — месяц должен быть от 01 до 12`);
  return { year, month };
}

/** «ГГГГ-ММ» of a month, the key used in «Планы» and «Табель». */
export function monthKey(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

/** The month that is `delta` months after `ym` (negative goes back). */
export function addMonths(ym: YearMonth, delta: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Whether a date falls inside a month. */
export function inMonth(date: Date, ym: YearMonth): boolean {
  return date.getFullYear() === ym.year && date.getMonth() + 1 === ym.month;
}

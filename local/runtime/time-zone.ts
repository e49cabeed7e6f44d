/**
 * Calendar fields of an instant in a named time zone and back, and Java
 * SimpleDateFormat patterns (Utilities.formatDate) — Node's Intl does the zone math.
 */

export interface ZonedFields {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock fields of `date` in `timeZone`. */
export function zonedFields(date: Date, timeZone: string): ZonedFields {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: date.getTime() % 1000 < 0 ? 1000 + (date.getTime() % 1000) : date.getTime() % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The instant whose wall clock in `timeZone` shows the given fields. */
export function zonedDate(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  let guess = wall;
  // two passes settle the offset, including around a DST change
  for (let i = 0; i < 2; i++) {
    const f = zonedFields(new Date(guess), timeZone);
    const shown = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** Offset of `timeZone` from UTC at `date`, in minutes. */
export function offsetMinutes(date: Date, timeZone: string): number {
  const f = zonedFields(date, timeZone);
  const shown = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  return Math.round((shown - date.getTime()) / 60000);
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Formats like Java's SimpleDateFormat, as Utilities.formatDate does: letters are
 * fields, text in single quotes is literal, '' is a quote.
 */
export function formatSimpleDate(date: Date, timeZone: string, pattern: string): string {
  const f = zonedFields(date, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    out += field(ch, n, f, date, timeZone);
  }
  return out;
}

function field(ch: string, n: number, f: ZonedFields, date: Date, timeZone: string): string {
  switch (ch) {
    case 'y':
    case 'Y':
      return n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS_EN[f.month - 1];
      if (n === 3) return MONTHS_EN[f.month - 1].slice(0, 3);
      return pad(f.month, n);
    case 'd':
      return pad(f.day, n);
    case 'H':
      return pad(f.hour, n);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, n);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
    case 'K':
      return pad(f.hour % 12, n);
    case 'm':
      return pad(f.minute, n);
    case 's':
      return pad(f.second, n);
    case 'S':
      return pad(f.millisecond, 3).slice(0, Math.max(n, 3)).padEnd(n, '0');
    case 'E':
      return n >= 4 ? DAYS_EN[f.weekday] : DAYS_EN[f.weekday].slice(0, 3);
    case 'u':
      return String(f.weekday === 0 ? 7 : f.weekday);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'D': {
      const start = Date.UTC(f.year, 0, 1);
      const dayOfYear = Math.floor((Date.UTC(f.year, f.month - 1, f.day) - start) / 86400000) + 1;
      return pad(dayOfYear, n);
    }
    case 'Z': {
      const off = offsetMinutes(date, timeZone);
      const sign = off < 0 ? '-' : '+';
      const abs = Math.abs(off);
      return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
    }
    case 'X': {
      const off = offsetMinutes(date, timeZone);
      if (off === 0) return 'Z';
      const sign = off < 0 ? '-' : '+';
      const abs = Math.abs(off);
      return n === 1
        ? `${sign}${pad(Math.floor(abs / 60), 2)}`
        : n === 2
          ? `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`
          : `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
    }
    case 'z':
      return timeZone;
    default:
      throw new Error(`Illegal pattern character '${ch}'`);
  }
}

/**
 * Display values as Google Sheets shows them in the ru_RU locale: decimal
 * comma, a space between thousands, dates as ДД.ММ.ГГГГ, ИСТИНА/ЛОЖЬ. Only the
 * number formats the add-on and people commonly set are interpreted; anything
 * else falls back to Sheets' automatic format.
 */
import type { CellValue } from '../runtime/model';

const NBSP = '\u00a0';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** A number with a fixed count of decimals, optionally grouped, in Russian notation. */
export function formatFixed(value: number, decimals: number, grouped: boolean): string {
  const negative = value < 0 && Math.abs(value) >= 0.5 * 10 ** -decimals;
  const text = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = text.split('.');
  const wholeText = grouped ? groupThousands(whole) : whole;
  return (negative ? '-' : '') + wholeText + (fraction ? ',' + fraction : '');
}

/** Sheets' automatic format: up to 10 significant digits, no grouping. */
export function formatAutomatic(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = String(Number(value.toPrecision(10)));
  return text.replace('.', ',');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Calendar parts of a date in the workbook's time zone. */
export function dateParts(
  date: Date,
  timeZone: string,
): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

function formatDate(date: Date, pattern: string | undefined, timeZone: string): string {
  if (Number.isNaN(date.getTime())) return '';
  const p = dateParts(date, timeZone);
  const day = `${pad(p.d)}.${pad(p.m)}.${p.y}`;
  const time = `${pad(p.h)}:${pad(p.min)}:${pad(p.s)}`;
  if (pattern && /^\s*(hh?|HH?)[:.]mm/.test(pattern)) return `${pad(p.h)}:${pad(p.min)}`;
  if (pattern && /[hH]/.test(pattern)) return `${day} ${time}`;
  if (pattern && /^\s*mm\.yyyy\s*$/i.test(pattern)) return `${pad(p.m)}.${p.y}`;
  if (!pattern && (p.h !== 0 || p.min !== 0 || p.s !== 0)) return `${day} ${time}`;
  return day;
}

/** Text in a pattern kept as is: quoted text and currency marks before or after the number. */
function affixes(pattern: string): { prefix: string; suffix: string; body: string } {
  const match = /^((?:"[^"]*"|[^#0.,%"])*)([#0.,\s\u00a0]*[#0][#0.,\s\u00a0]*%?)(.*)$/.exec(pattern);
  if (!match) return { prefix: '', suffix: '', body: pattern };
  const clean = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\[[^\]]*\]/g, '');
  return { prefix: clean(match[1]), suffix: clean(match[3]), body: match[2] };
}

function formatNumber(value: number, pattern: string | undefined): string {
  if (!pattern || pattern === 'General' || pattern === '@') return formatAutomatic(value);
  const section = pattern.split(';')[value < 0 && pattern.includes(';') ? 1 : 0] ?? pattern;
  const { prefix, suffix, body } = affixes(section);
  if (!/[#0]/.test(body)) return formatAutomatic(value);
  const percent = body.endsWith('%');
  const numeric = body.replace('%', '');
  const decimals = (numeric.split('.')[1] ?? '').replace(/[^0#]/g, '').length;
  const grouped = numeric.includes(',');
  const shown = percent ? value * 100 : value;
  const usedValue = pattern.includes(';') && value < 0 ? Math.abs(shown) : shown;
  return prefix + formatFixed(usedValue, decimals, grouped) + (percent ? '%' : '') + suffix;
}

/** The text Sheets would show for a value with a number format. */
export function displayValue(value: CellValue, numberFormat: string | undefined, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value, numberFormat, timeZone);
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (typeof value === 'number') {
    if (numberFormat && /[dy]/i.test(numberFormat) && !/[#0]/.test(numberFormat)) {
      // A date format over a serial number (days since 30.12.1899), as a pasted date may arrive.
      return formatDate(new Date(Date.UTC(1899, 11, 30) + value * 86400000), numberFormat, 'UTC');
    }
    return formatNumber(value, numberFormat);
  }
  return String(value);
}

/** What the editor starts with: the value as a person would type it back. */
export function editText(value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value, undefined, timeZone);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return value;
}

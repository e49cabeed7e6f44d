/**
 * Values as Sheets holds them: date serial numbers, what a typed string becomes
 * in the ru_RU locale, and how a number format displays a value
 * (getDisplayValue). Only the formats the add-on and its users need are
 * understood; an unknown pattern falls back to the general format.
 */
import type { CellValue } from './model';
import { zonedDate, zonedFields } from './time-zone';

const DAY_MS = 86400000;
const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A cross-realm test for Date (values may come from the script's vm context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Sheets' serial number of a date: days since 30.12.1899 on the spreadsheet's wall clock. */
export function dateToSerial(date: Date, timeZone: string): number {
  const f = zonedFields(date, timeZone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  return (wall - EPOCH_UTC) / DAY_MS;
}

/** The instant of a serial number on the spreadsheet's wall clock. */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = new Date(EPOCH_UTC + Math.round(serial * DAY_MS));
  return zonedDate(
    timeZone,
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
}

/** What a string typed into a cell (or written by setValue) becomes. */
export interface ParsedInput {
  value: CellValue;
  formula?: string;
  /** the format Sheets applies by itself when it recognises the input (a date, a grouped number, a percent) */
  autoFormat?: string;
}

const BOOLEANS: Record<string, boolean> = { true: true, false: false, истина: true, ложь: false };

/**
 * Parses input the way Sheets does in the ru_RU locale: «12 000,50» and «1,5» are
 * numbers, «15.03.2026» a date, «15 %» a percent, TRUE/ИСТИНА a boolean, a leading
 * «=» a formula (returned as typed; the caller translates it), a leading
 * apostrophe keeps the rest as text, and a cell formatted '@' keeps everything as text.
 */
export function parseInput(text: string, timeZone: string, cellFormat?: string): ParsedInput {
  if (text === '') return { value: null };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (cellFormat === '@') return { value: text };
  if (text.startsWith('=') && text.length > 1) return { value: null, formula: text };
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower in BOOLEANS) return { value: BOOLEANS[lower] };
  const number = parseRuNumber(trimmed);
  if (number) return number;
  const date = parseRuDate(trimmed, timeZone);
  if (date) return date;
  return { value: text };
}

const GROUPED = /^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/;
const PLAIN = /^[-+]?(?:\d+(?:,\d*)?|,\d+)$/;
const EXPONENT = /^[-+]?\d+(?:,\d+)?[eE][-+]?\d+$/;

function parseRuNumber(text: string): ParsedInput | undefined {
  let body = text;
  let percent = false;
  if (/%$/.test(body)) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }
  const grouped = GROUPED.test(body);
  if (!grouped && !PLAIN.test(body) && !EXPONENT.test(body)) return undefined;
  const value = Number(body.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  const decimals = body.includes(',') ? 2 : 0;
  if (percent) return { value: value / 100, autoFormat: decimals ? '0.00%' : '0%' };
  if (grouped) return { value, autoFormat: decimals ? '#,##0.00' : '#,##0' };
  return { value };
}

const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseRuDate(text: string, timeZone: string): ParsedInput | undefined {
  let y: number, m: number, d: number;
  let match = RU_DATE.exec(text);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
    if (match[3].length === 2) y += y < 30 ? 2000 : 1900;
  } else {
    match = ISO_DATE.exec(text);
    if (!match) return undefined;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  const hh = Number(match[4] ?? 0);
  const mm = Number(match[5] ?? 0);
  const ss = Number(match[6] ?? 0);
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return undefined;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCDate() !== d) return undefined;
  const hasTime = match[4] !== undefined;
  return {
    value: zonedDate(timeZone, y, m, d, hh, mm, ss),
    autoFormat: hasTime ? 'dd.MM.yyyy H:mm:ss' : 'dd.MM.yyyy',
  };
}

/**
 * Translates a formula typed in the ru_RU locale («=PLAN_BONUS(H5; G5)», «=A1*1,5»)
 * into the form Apps Script stores and returns (',' between arguments, '.' for decimals).
 */
export function formulaFromRuLocale(formula: string): string {
  let out = '';
  let inString = false;
  let inSheetName = false;
  // what encloses the current position: '(' of a call or '{' of an array literal
  const open: string[] = [];
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (inString) {
      out += ch;
      if (ch === '"') inString = false;
      continue;
    }
    if (inSheetName) {
      out += ch;
      if (ch === "'") inSheetName = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "'") inSheetName = true;
    if (ch === '(' || ch === '{') open.push(ch);
    else if (ch === ')' || ch === '}') open.pop();
    const inArray = open[open.length - 1] === '{';
    // in ru_RU an array literal separates rows with ';' and columns with '\'; elsewhere ';' separates arguments
    if (ch === ';') out += inArray ? ';' : ',';
    else if (ch === ',' && /\d/.test(formula[i - 1] ?? '') && /\d/.test(formula[i + 1] ?? '')) out += '.';
    else if (ch === '\\') out += ',';
    else out += ch;
  }
  return out;
}

const MONTHS_RU = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const MONTHS_RU_SHORT = [
  'янв.',
  'февр.',
  'мар.',
  'апр.',
  'мая',
  'июн.',
  'июл.',
  'авг.',
  'сент.',
  'окт.',
  'нояб.',
  'дек.',
];
const DAYS_RU = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
const DAYS_RU_SHORT = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

/** The ru_RU digit-group separator Sheets shows (a no-break space). */
export const GROUP_SEPARATOR = '\u00a0';

/** The text Sheets shows for a value under a number format (getDisplayValue), ru_RU locale. */
export function displayValue(value: CellValue, format: string | undefined, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  const fmt = format && format !== 'General' ? format : undefined;
  if (isDate(value)) {
    if (fmt && isDateFormat(fmt)) return formatDateValue(value, fmt, timeZone);
    if (fmt && fmt !== '@') return formatNumberValue(dateToSerial(value, timeZone), fmt);
    const f = zonedFields(value, timeZone);
    const midnight = f.hour === 0 && f.minute === 0 && f.second === 0;
    return formatDateValue(value, midnight ? 'dd.MM.yyyy' : 'dd.MM.yyyy H:mm:ss', timeZone);
  }
  if (!fmt || fmt === '@') return generalNumber(value);
  if (isDateFormat(fmt)) return formatDateValue(serialToDate(value, timeZone), fmt, timeZone);
  return formatNumberValue(value, fmt);
}

/** Sheets' general format: up to 10 significant digits, decimal comma. */
export function generalNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) return value.toExponential(2).toUpperCase().replace('.', ',');
  const text = String(Number(value.toPrecision(10)));
  return text.replace('.', ',');
}

function stripQuoted(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
}

function isDateFormat(format: string): boolean {
  return /[dyhsDYHS]|M{1,4}|^m+$/.test(stripQuoted(format)) && !/[0#]/.test(stripQuoted(format));
}

function formatDateValue(date: Date, format: string, timeZone: string): string {
  const f = zonedFields(date, timeZone);
  const tokens = format.match(/"[^"]*"|\\.|\[[^\]]*\]|AM\/PM|am\/pm|d+|D+|y+|Y+|M+|m+|h+|H+|s+|S+|./g) ?? [];
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.toLowerCase();
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith('\\')) out += t.slice(1);
    else if (t.startsWith('[')) continue;
    else if (/^d+$/i.test(t)) {
      if (t.length >= 4) out += DAYS_RU[f.weekday];
      else if (t.length === 3) out += DAYS_RU_SHORT[f.weekday];
      else out += String(f.day).padStart(t.length, '0');
    } else if (/^y+$/i.test(t)) out += t.length <= 2 ? String(f.year % 100).padStart(2, '0') : String(f.year);
    else if (/^h+$/i.test(t)) out += String(f.hour).padStart(t.length, '0');
    else if (/^s+$/.test(lower)) out += String(f.second).padStart(Math.min(t.length, 2), '0');
    else if (/^m+$/.test(lower)) {
      // lowercase m next to hours or seconds means minutes, as in Sheets' own patterns
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => /[a-z]/i.test(x));
      const next = tokens.slice(i + 1).find((x) => /[a-z]/i.test(x));
      const minutes =
        t === t.toLowerCase() && t.length <= 2 && ((prev && /^h+$/i.test(prev)) || (next && /^s+$/i.test(next)));
      if (minutes) out += String(f.minute).padStart(t.length, '0');
      else if (t.length >= 4) out += MONTHS_RU[f.month - 1];
      else if (t.length === 3) out += MONTHS_RU_SHORT[f.month - 1];
      else out += String(f.month).padStart(t.length, '0');
    } else if (lower === 'am/pm') out += f.hour < 12 ? 'AM' : 'PM';
    else out += t;
  }
  return out;
}

function formatNumberValue(value: number, format: string): string {
  const sections = splitSections(format);
  let section = sections[0];
  let number = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    number = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2];
  return formatSection(number, section);
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function formatSection(value: number, section: string): string {
  // literal text around the digits: quoted strings, escaped characters, [$₽-419] currency
  const literal = (s: string) =>
    s
      .replace(/\[\$([^\]-]*)(?:-[^\]]*)?\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .replace(/"([^"]*)"/g, '$1')
      .replace(/\\(.)/g, '$1')
      .replace(/_./g, ' ');
  const m = /[#0?][#0?,\s]*(?:\.[#0?]*)?/.exec(section.replace(/"[^"]*"/g, (q) => '\u0001'.repeat(q.length)));
  if (!m) return literal(section);
  const prefix = literal(section.slice(0, m.index));
  const suffix = literal(section.slice(m.index + m[0].length));
  const pattern = m[0];
  let n = value;
  if (section.includes('%')) n *= 100;
  const [intPart, fracPart = ''] = pattern.split('.');
  const minDecimals = (fracPart.match(/0/g) ?? []).length;
  const maxDecimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const grouping = intPart.includes(',');
  const minInt = (intPart.match(/0/g) ?? []).length;
  const negative = n < 0;
  const rounded = roundHalfUp(Math.abs(n), maxDecimals);
  let [intDigits, frac = ''] = rounded.toFixed(maxDecimals).split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (grouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  const body = intDigits + (frac ? ',' + frac : '');
  const sign = negative && rounded !== 0 ? '-' : '';
  return sign + prefix + body + suffix;
}

function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor + 1e-9 * Math.sign(value)) / factor;
}

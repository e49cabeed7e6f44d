/**
 * How the CRM reads what people type into cells: blanks, dates, amounts,
 * ИНН, phone numbers and e-mail addresses (domain section 1, «Validation of typed data»).
 * Cells arrive as Sheets gives them: numbers, strings, booleans or Date objects.
 */
import type { ClientType } from './records';

/** True for an empty cell or a string of spaces. */
export function isBlankValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The cell as trimmed text ('' for blank). Dates become dd.MM.yyyy. */
export function textOf(value: unknown): string {
  if (isBlankValue(value)) return '';
  if (value instanceof Date) return formatDateRu(value);
  return String(value).trim();
}

/** dd.MM.yyyy, the way the workbook's date columns are formatted. */
export function formatDateRu(date: Date): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${date.getFullYear()}`;
}

/**
 * A real calendar date from a cell: a Date, or text «дд.мм.гггг» / «гггг-мм-дд».
 * Returns null for blanks and for things that are not dates (31.02.2026, «завтра»).
 */
export function parseDateValue(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  let day: number, month: number, year: number;
  if (m) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return null;
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(year, month - 1, day);
  // new Date rolls 31.02 over to 03.03 and 01.13 into the next year, and reads the year 0050 as 1950; a real
  // date survives the round trip (a day outside its month always moves the month, so the month tells)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1) return null;
  return date;
}

/**
 * A non-negative amount from a cell: a number, or text such as «1 234,50».
 * Returns null for blanks, negative numbers and non-numbers.
 */
export function parseAmountValue(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
    n = Number(text);
  } else return null;
  if (!Number.isFinite(n) || n < 0) return null;
  return n;
}

/** Control-digit weights of the Federal Tax Service for 10-digit (organisation) and 12-digit (person) ИНН. */
const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function controlDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  return (sum % 11) % 10;
}

/** True when the ИНН has 10 or 12 digits and its control digits agree. */
export function isInnChecksumValid(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = inn.split('').map(Number);
  if (d.length === 10) return controlDigit(d, INN10_WEIGHTS) === d[9];
  return controlDigit(d, INN12_WEIGHTS_1) === d[10] && controlDigit(d, INN12_WEIGHTS_2) === d[11];
}

/**
 * Checks an ИНН against the client's type: 10 digits for Юрлицо, 12 for ИП and Физлицо.
 * Returns a Russian message saying what is wrong, or null when the ИНН is valid.
 */
export function innProblem(value: unknown, type: ClientType | ''): string | null {
  // a number cell loses leading zeros; ИНН are never shorter than 10 digits, so pad back only 9- and 11-digit numbers
  let inn = textOf(value).replace(/\s/g, '');
  if (typeof value === 'number' && (inn.length === 9 || inn.length === 11)) inn = '0' + inn;
  if (inn === '') return 'ИНН не заполнен';
  if (!/^\d+$/.test(inn)) return `ИНН «${inn}» должен состоять только из цифр`;
  const expected = type === 'Юрлицо' ? 10 : type === 'ИП' || type === 'Физлицо' ? 12 : null;
  if (expected !== null && inn.length !== expected) {
    return `ИНН для типа «${type}» должен содержать ${expected} цифр, а в «${inn}» их ${inn.length}`;
  }
  if (inn.length !== 10 && inn.length !== 12)
    return `ИНН должен содержать 10 или 12 цифр, а в «${inn}» их ${inn.length}`;
  if (!isInnChecksumValid(inn))
    return `ИНН «${inn}» не проходит проверку контрольных цифр — проверьте, нет ли опечатки`;
  return null;
}

/**
 * A Russian phone number as +7XXXXXXXXXX. Accepts 8…, +7…, 7… and ten digits
 * starting with 9/3/4/8 (without the country code), with spaces, dashes, dots and brackets.
 * Returns null for anything that cannot be a Russian number.
 */
export function normalizePhone(value: unknown): string | null {
  const raw = textOf(value);
  if (!/^\+?[\d\s\-().]+$/.test(raw)) return null;
  const plus = raw.startsWith('+');
  const digits = raw.replace(/\D/g, '');
  let national: string;
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !plus))) national = digits.slice(1);
  else if (digits.length === 10 && !plus) national = digits;
  else return null;
  // Russian numbering plan: geographic codes start with 3, 4, 8; mobile with 9
  if (!/^[3489]/.test(national)) return null;
  return '+7' + national;
}

/** E-mail syntax: one @, a local part and a dotted domain, no spaces. */
export function isValidEmail(value: unknown): boolean {
  const text = textOf(value);
  return /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/.test(text) && !text.includes('..');
}

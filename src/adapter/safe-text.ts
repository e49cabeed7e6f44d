/**
 * Text people type, written so Sheets keeps it as text. Sheets treats a
 * string written by a script like typed input: «=…» becomes a formula (a
 * formula-injection risk for data that came from outside), «+7 912…» and
 * «-5» become numbers, «01.02» a date. A leading apostrophe keeps the rest as
 * text and is not shown.
 */

/** Starts like a formula, or would be read as a number or a date. */
const NEEDS_QUOTE = /^[=+\-@']|^[\d\s.,:%/]+$/;

/** The string to write into a cell so that it stays exactly this text. Non-strings pass through. */
export function safeCellText<T>(value: T): T | string {
  if (typeof value !== 'string' || value === '') return value;
  return NEEDS_QUOTE.test(value) ? `'${value}` : value;
}

/**
 * The one rule for every value the add-on copies into a cell (the log, the
 * memory tab, payslips, the separate payroll book, the dashboard): text stays
 * exactly that text. Sheets treats a string written by a script like typed
 * input: «=…» becomes a formula (a formula-injection risk for what a person
 * typed), «+7 912…» and «-5» become numbers, «01.02» a date; and a spreadsheet
 * exported to CSV and opened elsewhere reads a leading «@», tab or line break
 * the same way. A leading apostrophe keeps the rest as text and is not shown.
 */

/** The string to write into a cell so that it stays exactly this text. Non-strings pass through. */
export function safeCellText<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  // starts like a formula (after any leading whitespace), or would be read as a number or a date; a
  // literal here, not a module constant, so that each call (and each test) evaluates it
  const needsQuote = /^[\s\u00a0]|^[=+\-@'\uff1d\uff0b\uff0d\uff20]|^[\d\s.,:%/]+$/;
  return needsQuote.test(value) ? `'${value}` : value;
}

/** A row of values made safe (see safeCellText), for one setValues. */
export function safeRow<T>(row: readonly T[]): Array<T | string> {
  return row.map((v) => safeCellText(v));
}

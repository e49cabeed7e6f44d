/**
 * A1 notation as Apps Script reads and writes it: 'B2', 'B2:D5', 'A:A', '2:2',
 * "'Sheet name'!A1:B2". Coordinates returned here are 1-based, like the services.
 */

/** 1-based column number → letters (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letters → 1-based column number (A → 1, AA → 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed A1 reference; open ends (whole columns or rows) are undefined. */
export interface A1Reference {
  sheetName?: string;
  row?: number;
  column?: number;
  lastRow?: number;
  lastColumn?: number;
}

/** Splits "'My sheet'!A1:B2" into the sheet name and the cell part. */
export function splitSheet(a1: string): { sheetName?: string; cells: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { cells: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, cells: a1.slice(bang + 1) };
}

const PART = /^\$?([A-Za-z]*)\$?(\d*)$/;

/** Parses an A1 reference; throws the error Apps Script gives for a bad one. */
export function parseA1(a1: string): A1Reference {
  const { sheetName, cells } = splitSheet(a1.trim());
  const pieces = cells.split(':');
  if (pieces.length > 2 || cells === '') throw new Error(`Range not found`);
  const parts = pieces.map((p) => {
    const m = PART.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new Error(`Range not found`);
    return { column: m[1] ? columnNumber(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  });
  const [first, second = parts[0]] = parts;
  if (first.row === 0 || second.row === 0) throw new Error(`Range not found`);
  const row = minDefined(first.row, second.row);
  const lastRow = maxDefined(first.row, second.row);
  const column = minDefined(first.column, second.column);
  const lastColumn = maxDefined(first.column, second.column);
  // 'A:A' has no rows and '2:2' no columns: those ends stay open
  return {
    sheetName,
    row: first.row === undefined || second.row === undefined ? undefined : row,
    lastRow: first.row === undefined || second.row === undefined ? undefined : lastRow,
    column: first.column === undefined || second.column === undefined ? undefined : column,
    lastColumn: first.column === undefined || second.column === undefined ? undefined : lastColumn,
  };
}

function minDefined(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
function maxDefined(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** 1-based block → 'B2:D5' (a single cell gives 'B2'). */
export function formatA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = columnLetters(column) + row;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name for use in a reference when it is not a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * A formula moved by `rows` and `columnsBy`: relative A1 references (cells and
 * whole columns) shift, $-fixed parts and text in quotes stay, and a reference
 * moved off the sheet becomes #REF!, as Sheets' paste, fill and copyTo do.
 */
export function shiftFormula(formula: string, rows: number, columnsBy: number): string {
  if (!formula.startsWith('=')) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: copied as is, the reference after "!" still shifts.
      const end = formula.indexOf("'", i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const before = i > 0 ? formula[i - 1] : '';
    const startsName = /[A-Za-z0-9_.а-яА-ЯёЁ]/.test(before);
    // whole columns (A:C): relative letters shift with the columns
    const columns = /^(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})(?![\d(A-Za-z_])/.exec(formula.slice(i));
    if (columns && !startsName) {
      const [whole, fixed1, first, fixed2, last] = columns;
      const one = fixed1 ? columnNumber(first) : columnNumber(first) + columnsBy;
      const two = fixed2 ? columnNumber(last) : columnNumber(last) + columnsBy;
      out += one < 1 || two < 1 ? '#REF!' : `${fixed1}${columnLetters(one)}:${fixed2}${columnLetters(two)}`;
      i += whole.length;
      continue;
    }
    const match = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/.exec(formula.slice(i));
    if (match && !startsName) {
      const [whole, colFixed, letters, rowFixed, digits] = match;
      const column = colFixed ? columnNumber(letters) : columnNumber(letters) + columnsBy;
      const row = rowFixed ? Number(digits) : Number(digits) + rows;
      out += column < 1 || row < 1 ? '#REF!' : `${colFixed}${columnLetters(column)}${rowFixed}${row}`;
      i += whole.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

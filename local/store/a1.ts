/**
 * A1 notation helpers for the store, with 0-based rows and columns as in the
 * model; built on the runtime's 1-based A1 notation.
 */
import { columnLetters as lettersOf, columnNumber } from '../runtime/a1-notation';

export { quoteSheetName } from '../runtime/a1-notation';

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetters(col: number): string {
  return lettersOf(col + 1);
}

/** 'AA' → 26. */
export function columnIndex(letters: string): number {
  return columnNumber(letters) - 1;
}

/** (0, 0) → 'A1'. */
export function cellA1(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** 'B3' → { row: 2, col: 1 }; '$B$3' is accepted too. */
export function parseCellA1(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`not an A1 cell reference: ${a1}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** A block as 'A1:C4' (or 'A1' for one cell). */
export function blockA1(row: number, col: number, numRows: number, numCols: number): string {
  const first = cellA1(row, col);
  if (numRows === 1 && numCols === 1) return first;
  return `${first}:${cellA1(row + numRows - 1, col + numCols - 1)}`;
}

/** 'A1:C4' or 'A1' → the 0-based block. */
export function parseBlockA1(a1: string): { row: number; col: number; numRows: number; numCols: number } {
  const [from, to = from] = a1.split(':');
  const a = parseCellA1(from);
  const b = parseCellA1(to);
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, numRows: Math.abs(b.row - a.row) + 1, numCols: Math.abs(b.col - a.col) + 1 };
}

/** "'Сделки'!$A$1:$B$2" → { sheet: 'Сделки', block: 'A1:B2' }. */
export function splitSheetReference(ref: string): { sheet: string; block: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, block: m[3].replace(/\$/g, '') };
}

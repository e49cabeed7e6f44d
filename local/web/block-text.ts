/**
 * Text blocks moved by the clipboard and by fill-down: tab-separated text as
 * Sheets copies it, and formulas whose relative references shift as a fill
 * moves them (the runtime's own shift, which its paste and copyTo use too).
 */
export { columnLetters, shiftFormula } from '../runtime/a1-notation';

/** Parses tab-separated clipboard text into rows of cells; quoted cells may hold tabs, newlines and "". */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quotedStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (quotedStart && ch === '"') {
      // A quoted cell, as Sheets writes a cell holding a newline or a tab.
      let j = i + 1;
      let value = '';
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (text[j] === '"') {
          break;
        } else {
          value += text[j++];
        }
      }
      const next = text[j + 1];
      if (j < text.length && (next === undefined || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j + 1;
        quotedStart = false;
        continue;
      }
    }
    quotedStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      quotedStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      quotedStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

/** Cells as tab-separated text, quoting those that hold a tab, a newline or a quote. */
export function toTsv(rows: string[][]): string {
  const quote = (cell: string): string => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join('\t')).join('\n');
}

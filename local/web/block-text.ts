/**
 * Text blocks moved by the clipboard and by fill-down: tab-separated text as
 * Sheets copies it, and formulas whose relative references shift as a fill
 * moves them.
 */

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

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
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

/**
 * A formula moved by `rows` and `columns`: relative A1 references shift, $-fixed
 * parts and text in quotes stay, as Sheets' fill and paste do.
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
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
    const match = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/.exec(formula.slice(i));
    const before = i > 0 ? formula[i - 1] : '';
    if (match && !/[A-Za-z0-9_.а-яА-ЯёЁ]/.test(before)) {
      const [whole, colFixed, letters, rowFixed, digits] = match;
      const column = colFixed ? columnNumber(letters) : columnNumber(letters) + columns;
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

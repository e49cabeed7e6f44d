/**
 * The parameters of the spreadsheet export URL
 * (https://docs.google.com/spreadsheets/d/<id>/export?format=pdf&gid=…), read
 * the way Sheets reads them, with Sheets' defaults for what is left out.
 */

export type PaperSize = 'A4' | 'A3' | 'Letter' | 'Legal';

export interface ExportRequest {
  spreadsheetId: string;
  format: string;
  /** the sheet's id; undefined exports every visible sheet of the file */
  gid: number | undefined;
  size: PaperSize;
  landscape: boolean;
  fitToWidth: boolean;
  gridlines: boolean;
  /** repeat the frozen rows on every page */
  repeatFrozenRows: boolean;
  /** where the page number goes; undefined for none */
  pageNumbers: 'LEFT' | 'CENTER' | 'RIGHT' | undefined;
  printTitle: boolean;
  sheetNames: boolean;
  /** margins in inches */
  margins: { top: number; bottom: number; left: number; right: number };
  /** the block to print (`range=A1:D14`, or r1/c1/r2/c2 0-based with exclusive ends), 0-based; undefined for the used area */
  range?: { row: number; col: number; numRows: number; numCols: number };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `A1:D14` (no sheet name: the gid names the sheet) or r1/c1/r2/c2; throws on what Sheets would refuse. */
function rangeOf(q: URLSearchParams): ExportRequest['range'] {
  const a1 = q.get('range');
  if (a1 !== null) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
    if (!m) throw new Error(`Not a range: ${a1}`);
    const r1 = Number(m[2]) - 1;
    const c1 = columnIndex(m[1]);
    const r2 = m[4] === undefined ? r1 : Number(m[4]) - 1;
    const c2 = m[3] === undefined ? c1 : columnIndex(m[3]);
    return {
      row: Math.min(r1, r2),
      col: Math.min(c1, c2),
      numRows: Math.abs(r2 - r1) + 1,
      numCols: Math.abs(c2 - c1) + 1,
    };
  }
  const [r1, c1, r2, c2] = ['r1', 'c1', 'r2', 'c2'].map((k) => q.get(k));
  if (r1 === null || c1 === null || r2 === null || c2 === null) return undefined;
  const n = [r1, c1, r2, c2].map(Number);
  if (n.some((x) => !Number.isInteger(x) || x < 0) || n[2] <= n[0] || n[3] <= n[1]) {
    throw new Error(`Not a range: r1=${r1}&c1=${c1}&r2=${r2}&c2=${c2}`);
  }
  return { row: n[0], col: n[1], numRows: n[2] - n[0], numCols: n[3] - n[1] };
}

const SIZES: Record<string, PaperSize> = { a4: 'A4', a3: 'A3', letter: 'Letter', legal: 'Legal', '7': 'A4', '6': 'A3' };

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  return value.toLowerCase() === 'true' || value === '1';
}

function inches(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n < 5 ? n : fallback;
}

/** Parses an export URL; throws when it is not a spreadsheet export URL. */
export function parseExportUrl(url: string): ExportRequest {
  const parsed = new URL(url);
  const m = /^\/spreadsheets\/d\/([^/]+)\/export$/.exec(parsed.pathname);
  if (parsed.hostname !== 'docs.google.com' || !m) throw new Error(`Not a spreadsheet export URL: ${url}`);
  const q = parsed.searchParams;
  const gid = q.get('gid');
  const pagenum = (q.get('pagenum') ?? 'UNDEFINED').toUpperCase();
  return {
    spreadsheetId: decodeURIComponent(m[1]),
    format: (q.get('format') ?? q.get('exportFormat') ?? 'pdf').toLowerCase(),
    gid: gid === null || gid === '' ? undefined : Number(gid),
    size: SIZES[(q.get('size') ?? 'letter').toLowerCase()] ?? 'Letter',
    landscape: !flag(q.get('portrait'), true),
    fitToWidth: flag(q.get('fitw'), false),
    gridlines: flag(q.get('gridlines'), true),
    repeatFrozenRows: flag(q.get('fzr'), false),
    pageNumbers: pagenum === 'LEFT' || pagenum === 'CENTER' || pagenum === 'RIGHT' ? pagenum : undefined,
    printTitle: flag(q.get('printtitle'), true),
    sheetNames: flag(q.get('sheetnames'), true),
    margins: {
      top: inches(q.get('top_margin'), 0.75),
      bottom: inches(q.get('bottom_margin'), 0.75),
      left: inches(q.get('left_margin'), 0.7),
      right: inches(q.get('right_margin'), 0.7),
    },
    range: rangeOf(q),
  };
}

/** Paper sizes in inches (portrait). */
export const PAPER_INCHES: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 8.2677, height: 11.6929 },
  A3: { width: 11.6929, height: 16.5354 },
  Letter: { width: 8.5, height: 11 },
  Legal: { width: 8.5, height: 14 },
};

/**
 * The parameters of the spreadsheet export URL
 * (https://docs.google.com/spreadsheets/d/<id>/export?format=pdf&gid=…), read
 * the way Sheets reads them, with Sheets' defaults for what is left out.
 */

export type PaperSize = 'A4' | 'A3' | 'Letter' | 'Legal';

export interface ExportRequest {
  spreadsheetId: string;
  format: string;
  /** the sheet's id; undefined exports the whole workbook (not supported locally) */
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
  };
}

/** Paper sizes in inches (portrait). */
export const PAPER_INCHES: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 8.2677, height: 11.6929 },
  A3: { width: 11.6929, height: 16.5354 },
  Letter: { width: 8.5, height: 11 },
  Legal: { width: 8.5, height: 14 },
};

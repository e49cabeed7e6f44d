/**
 * A sheet rendered as a printable HTML page: display values as Sheets shows
 * them (runs of spaces and line breaks kept), bold, colours, alignment, column widths and hidden columns; merged
 * blocks as one cell spanning their columns and rows; text that runs over the
 * empty cells to its right and is clipped at the first cell holding something,
 * as Sheets draws overflow; the frozen rows as a <thead>, which Chromium
 * repeats at the top of every printed page; no grid lines unless asked; and the
 * scale that fits the sheet's width to the paper (fit to width).
 */
import { displayValue } from '../runtime/cell-values';
import type { BorderLine, CellModel, MergeModel, SheetModel, WorkbookModel } from '../runtime/model';
import { PAPER_INCHES, type ExportRequest } from './export-request';

/** Sheets' default column width in pixels. */
const DEFAULT_COLUMN_WIDTH = 100;
/** CSS pixels per inch. */
const PX_PER_INCH = 96;
/** Chromium's bounds for the print scale. */
const MIN_SCALE = 0.1;

/** What Chromium's page.pdf needs besides the HTML. */
export interface PdfOptions {
  width: string;
  height: string;
  margin: { top: string; bottom: string; left: string; right: string };
  scale: number;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
}

export interface PrintablePage {
  html: string;
  pdf: PdfOptions;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hasContent(cell: CellModel | undefined): boolean {
  return Boolean(cell && ((cell.value !== null && cell.value !== '') || cell.background || cell.borders));
}

/** The used block of a sheet: last row and column (0-based, exclusive) holding something. */
function usedSize(sheet: SheetModel): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      if (hasContent(row[c])) {
        rows = r + 1;
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  return { rows: Math.max(rows, Math.min(sheet.frozenRows, sheet.rows.length)), cols };
}

/** Padding of a cell on each side, in CSS pixels (as in the page's style below). */
const CELL_PADDING = 3;

/** Whether a cell holds nothing that stops overflowing text: no value and no formula. */
function isEmptyCell(cell: CellModel | undefined): boolean {
  return !cell || (!cell.formula && (cell.value === null || cell.value === ''));
}

/**
 * Sheets' overflow rule: a non-wrapped text value aligned left (the default
 * for text) may run over the empty cells to its right; numbers, dates,
 * booleans, wrapped and merged cells never do. Returns how many of the
 * following columns (indexes into `columns`) the text may use.
 */
export function overflowColumns(
  sheet: SheetModel,
  row: number,
  columnIndex: number,
  columns: readonly number[],
  merged: (row: number, col: number) => boolean,
): number {
  const cell = sheet.rows[row]?.[columns[columnIndex]];
  if (!cell || typeof cell.value !== 'string' || cell.value === '' || cell.wrap) return 0;
  if (cell.horizontalAlignment && cell.horizontalAlignment !== 'left') return 0;
  if (merged(row, columns[columnIndex])) return 0;
  let n = 0;
  for (let i = columnIndex + 1; i < columns.length; i++) {
    const c = columns[i];
    if (!isEmptyCell(sheet.rows[row]?.[c]) || merged(row, c)) break;
    n++;
  }
  return n;
}

function cellStyle(cell: CellModel): string[] {
  const style: string[] = [];
  if (cell.fontWeight === 'bold') style.push('font-weight:bold');
  if (cell.fontColor) style.push(`color:${escapeHtml(cell.fontColor)}`);
  if (cell.background && !/^#?fff(fff)?$/i.test(cell.background))
    style.push(`background:${escapeHtml(cell.background)}`);
  const numeric = typeof cell.value === 'number' || cell.value instanceof Date;
  const align = cell.horizontalAlignment ?? (numeric ? 'right' : undefined);
  if (align) style.push(`text-align:${align}`);
  // Sheets breaks a word longer than its wrapped cell's width rather than clipping it
  if (cell.wrap) style.push('white-space:pre-wrap', 'overflow-wrap:anywhere');
  if (cell.verticalAlignment) style.push(`vertical-align:${cell.verticalAlignment}`);
  if (cell.fontSize !== undefined) style.push(`font-size:${cell.fontSize}pt`);
  if (cell.borders) {
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const line = cell.borders[side];
      if (line) style.push(`border-${side}:${borderCss(line)}`);
    }
  }
  return style;
}

/** A Sheets border line as CSS: thin lines are one pixel, medium two, thick three. */
export function borderCss(line: BorderLine): string {
  const width = line.style === 'solid_medium' ? 2 : line.style === 'solid_thick' || line.style === 'double' ? 3 : 1;
  const kind =
    line.style === 'dashed'
      ? 'dashed'
      : line.style === 'dotted'
        ? 'dotted'
        : line.style === 'double'
          ? 'double'
          : 'solid';
  return `${width}px ${kind} ${escapeHtml(line.color)}`;
}

/**
 * One cell: `span` for the top-left of a merged block; `spillWidth` (pixels
 * of the columns its text may run over, its own included) for overflowing text.
 */
function cellHtml(
  cell: CellModel | undefined,
  timeZone: string,
  span?: { cols: number; rows: number },
  spill?: { columns: number; width: number },
): string {
  const attrs: string[] = [];
  if (span && span.cols > 1) attrs.push(`colspan="${span.cols}"`);
  if (span && span.rows > 1) attrs.push(`rowspan="${span.rows}"`);
  if (span) attrs.push('data-merged="true"');
  const style = cell ? cellStyle(cell) : [];
  const text = cell ? escapeHtml(displayValue(cell.value, cell.numberFormat, timeZone)) : '';
  let content = text;
  if (spill && spill.columns > 0) {
    attrs.push(`data-spill="${spill.columns}"`, 'class="spill"');
    content = `<div class="spill-text" style="width:${spill.width - 2 * CELL_PADDING}px">${text}</div>`;
  }
  if (style.length) attrs.push(`style="${style.join(';')}"`);
  return `<td${attrs.length ? ` ${attrs.join(' ')}` : ''}>${content}</td>`;
}

/** The merged blocks by their cells: the top-left cell holds its block, the others are covered. */
function mergeIndex(merges: readonly MergeModel[]): {
  topLeft: (row: number, col: number) => MergeModel | undefined;
  covered: (row: number, col: number) => boolean;
  merged: (row: number, col: number) => boolean;
} {
  const key = (r: number, c: number) => `${r}:${c}`;
  const starts = new Map<string, MergeModel>();
  const inside = new Set<string>();
  for (const m of merges) {
    starts.set(key(m.row, m.col), m);
    for (let r = m.row; r < m.row + m.numRows; r++)
      for (let c = m.col; c < m.col + m.numCols; c++) inside.add(key(r, c));
  }
  return {
    topLeft: (r, c) => starts.get(key(r, c)),
    covered: (r, c) => inside.has(key(r, c)) && !starts.has(key(r, c)),
    merged: (r, c) => inside.has(key(r, c)),
  };
}

/** One sheet's table and the scale that fits it to the paper's width. */
interface SheetSection {
  table: string;
  scale: number;
}

/** Renders one sheet of `workbook` for the export `request`. */
export function printableSheet(workbook: WorkbookModel, sheet: SheetModel, request: ExportRequest): PrintablePage {
  const section = sheetSection(workbook, sheet, request);
  return printablePage(sheet.name, [section.table], section.scale, request);
}

/**
 * The whole workbook (an export URL without `gid`): every sheet that is not
 * hidden, in tab order, each from a new page, each fitted to the paper's
 * width on its own and with its own frozen rows repeated; the page numbers
 * run through the whole file.
 */
export function printableWorkbook(workbook: WorkbookModel, request: ExportRequest): PrintablePage {
  const sheets = workbook.sheets.filter((s) => !s.hidden);
  if (sheets.length === 0) throw new Error('No visible sheet to export');
  if (sheets.length === 1) return printableSheet(workbook, sheets[0], { ...request, range: undefined });
  const tables = sheets.map((sheet, i) => {
    const section = sheetSection(workbook, sheet, { ...request, range: undefined });
    // each sheet scaled by itself: zoom lays it out at its own scale inside one document
    return `<div class="sheet" style="zoom:${section.scale}${i > 0 ? ';break-before:page' : ''}">\n${section.table}\n</div>`;
  });
  return printablePage(workbook.name, tables, 1, request);
}

function sheetSection(workbook: WorkbookModel, sheet: SheetModel, request: ExportRequest): SheetSection {
  const used = usedSize(sheet);
  // a range export prints only its block; the frozen rows repeat only where the block starts at the top
  const area = request.range ?? { row: 0, col: 0, numRows: used.rows, numCols: used.cols };
  const firstRow = area.row;
  const rows = Math.min(area.row + area.numRows, Math.max(used.rows, area.row));
  const cols = Math.min(area.col + area.numCols, used.cols);
  const hidden = new Set(sheet.hiddenColumns);
  const columns = Array.from({ length: Math.max(0, cols - area.col) }, (_, c) => area.col + c).filter(
    (c) => !hidden.has(c),
  );
  const widths = columns.map((c) => sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH);
  const tableWidth = widths.reduce((a, b) => a + b, 0);

  const paper = PAPER_INCHES[request.size];
  const pageWidth = request.landscape ? paper.height : paper.width;
  const printable = (pageWidth - request.margins.left - request.margins.right) * PX_PER_INCH;
  const scale =
    request.fitToWidth && tableWidth > printable
      ? Math.max(MIN_SCALE, Math.floor((printable / tableWidth) * 1000) / 1000)
      : 1;

  const frozen = request.repeatFrozenRows && firstRow === 0 ? Math.min(sheet.frozenRows, rows) : 0;
  const merges = mergeIndex(sheet.merges ?? []);
  const visibleIndex = new Map(columns.map((c, i) => [c, i]));
  const rowHtml = (r: number, sectionEnd: number) => {
    const cells: string[] = [];
    columns.forEach((c, i) => {
      const cell = sheet.rows[r]?.[c];
      const block = merges.topLeft(r, c);
      if (block) {
        // a block's hidden columns take no room; its rows stop at the end of the printed section
        const cols = columns.filter((x) => x >= block.col && x < block.col + block.numCols).length;
        const spanRows = Math.min(block.row + block.numRows, sectionEnd) - r;
        cells.push(cellHtml(cell, workbook.timeZone, { cols, rows: spanRows }));
        return;
      }
      if (merges.covered(r, c)) {
        // covered by a block drawn above or to the left; a block whose top-left column is hidden shows blank
        const owner = (sheet.merges ?? []).find(
          (m) => r >= m.row && r < m.row + m.numRows && c >= m.col && c < m.col + m.numCols,
        )!;
        const ownerDrawn = visibleIndex.has(owner.col) && owner.row >= (r < frozen ? 0 : frozen);
        if (ownerDrawn) return;
        cells.push('<td></td>');
        return;
      }
      const n = overflowColumns(sheet, r, i, columns, merges.merged);
      const width = widths.slice(i, i + n + 1).reduce((a, b) => a + b, 0);
      cells.push(cellHtml(cell, workbook.timeZone, undefined, { columns: n, width }));
    });
    const height = sheet.rowHeights?.[r];
    // a row set to a height is at least that high; wrapped text still grows it (Sheet.setRowHeights)
    return height === undefined
      ? `<tr>${cells.join('')}</tr>`
      : `<tr style="height:${height}px" data-height="${height}">${cells.join('')}</tr>`;
  };
  const head = Array.from({ length: frozen }, (_, r) => rowHtml(r, frozen)).join('\n');
  const bodyStart = Math.max(frozen, firstRow);
  const body = Array.from({ length: Math.max(0, rows - bodyStart) }, (_, i) => rowHtml(bodyStart + i, rows)).join('\n');
  const table = `<table data-sheet="${escapeHtml(sheet.name)}" style="width:${tableWidth}px">
<colgroup>${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>
${frozen > 0 ? `<thead>\n${head}\n</thead>` : ''}
<tbody>
${body}
</tbody>
</table>`;
  return { table, scale };
}

/** The HTML document of the printed tables and what Chromium's page.pdf needs for it. */
function printablePage(title: string, tables: readonly string[], scale: number, request: ExportRequest): PrintablePage {
  const paper = PAPER_INCHES[request.size];
  const pageWidth = request.landscape ? paper.height : paper.width;
  const pageHeight = request.landscape ? paper.width : paper.height;
  const border = request.gridlines ? '1px solid #c0c0c0' : 'none';
  const inch = (n: number) => `${n}in`;

  const html = `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
@page { size: ${pageWidth}in ${pageHeight}in; margin: ${inch(request.margins.top)} ${inch(request.margins.right)} ${inch(request.margins.bottom)} ${inch(request.margins.left)}; }
html, body { margin: 0; padding: 0; }
body { font: 10pt Arial, "Liberation Sans", sans-serif; color: #000; }
table { border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td { border: ${border}; padding: 2px ${CELL_PADDING}px; white-space: pre; overflow: hidden; vertical-align: bottom; height: 17px; }
td.spill { overflow: visible; }
.spill-text { overflow: hidden; white-space: pre; }
</style></head>
<body>
${tables.join('\n')}
</body></html>
`;
  const side = request.pageNumbers?.toLowerCase() ?? 'center';
  return {
    html,
    pdf: {
      width: inch(pageWidth),
      height: inch(pageHeight),
      margin: {
        top: inch(request.margins.top),
        bottom: inch(request.margins.bottom),
        left: inch(request.margins.left),
        right: inch(request.margins.right),
      },
      scale,
      displayHeaderFooter: request.pageNumbers !== undefined,
      headerTemplate: '<span></span>',
      footerTemplate:
        `<div style="width:100%;font:8pt Arial,sans-serif;text-align:${side};padding:0 0.4in">` +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    },
  };
}

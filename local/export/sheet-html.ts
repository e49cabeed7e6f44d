/**
 * A sheet rendered as a printable HTML page: display values as Sheets shows
 * them, bold, colours, alignment, column widths and hidden columns; the frozen
 * rows as a <thead>, which Chromium repeats at the top of every printed page;
 * no grid lines unless asked; and the scale that fits the sheet's width to the
 * paper (fit to width).
 */
import { displayValue } from '../runtime/cell-values';
import type { CellModel, SheetModel, WorkbookModel } from '../runtime/model';
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
  return Boolean(cell && ((cell.value !== null && cell.value !== '') || cell.background));
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

function cellHtml(cell: CellModel | undefined, timeZone: string): string {
  if (!cell) return '<td></td>';
  const style: string[] = [];
  if (cell.fontWeight === 'bold') style.push('font-weight:bold');
  if (cell.fontColor) style.push(`color:${escapeHtml(cell.fontColor)}`);
  if (cell.background && !/^#?fff(fff)?$/i.test(cell.background))
    style.push(`background:${escapeHtml(cell.background)}`);
  const numeric = typeof cell.value === 'number' || cell.value instanceof Date;
  const align = cell.horizontalAlignment ?? (numeric ? 'right' : undefined);
  if (align) style.push(`text-align:${align}`);
  if (cell.wrap) style.push('white-space:pre-wrap');
  const text = escapeHtml(displayValue(cell.value, cell.numberFormat, timeZone));
  return `<td${style.length ? ` style="${style.join(';')}"` : ''}>${text}</td>`;
}

/** Renders one sheet of `workbook` for the export `request`. */
export function printableSheet(workbook: WorkbookModel, sheet: SheetModel, request: ExportRequest): PrintablePage {
  const { rows, cols } = usedSize(sheet);
  const hidden = new Set(sheet.hiddenColumns);
  const columns = Array.from({ length: cols }, (_, c) => c).filter((c) => !hidden.has(c));
  const widths = columns.map((c) => sheet.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH);
  const tableWidth = widths.reduce((a, b) => a + b, 0);

  const paper = PAPER_INCHES[request.size];
  const pageWidth = request.landscape ? paper.height : paper.width;
  const pageHeight = request.landscape ? paper.width : paper.height;
  const printable = (pageWidth - request.margins.left - request.margins.right) * PX_PER_INCH;
  const scale =
    request.fitToWidth && tableWidth > printable
      ? Math.max(MIN_SCALE, Math.floor((printable / tableWidth) * 1000) / 1000)
      : 1;

  const frozen = request.repeatFrozenRows ? Math.min(sheet.frozenRows, rows) : 0;
  const rowHtml = (r: number) =>
    `<tr>${columns.map((c) => cellHtml(sheet.rows[r]?.[c], workbook.timeZone)).join('')}</tr>`;
  const head = Array.from({ length: frozen }, (_, r) => rowHtml(r)).join('\n');
  const body = Array.from({ length: rows - frozen }, (_, i) => rowHtml(frozen + i)).join('\n');
  const border = request.gridlines ? '1px solid #c0c0c0' : 'none';
  const inch = (n: number) => `${n}in`;

  const html = `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(sheet.name)}</title>
<style>
@page { size: ${pageWidth}in ${pageHeight}in; margin: ${inch(request.margins.top)} ${inch(request.margins.right)} ${inch(request.margins.bottom)} ${inch(request.margins.left)}; }
html, body { margin: 0; padding: 0; }
body { font: 10pt Arial, "Liberation Sans", sans-serif; color: #000; }
table { border-collapse: collapse; table-layout: fixed; width: ${tableWidth}px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td { border: ${border}; padding: 2px 3px; white-space: nowrap; overflow: visible; vertical-align: bottom; height: 17px; }
</style></head>
<body>
<table data-sheet="${escapeHtml(sheet.name)}">
<colgroup>${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>
${frozen > 0 ? `<thead>\n${head}\n</thead>` : ''}
<tbody>
${body}
</tbody>
</table>
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

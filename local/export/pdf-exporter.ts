/**
 * The local runtime's answer to UrlFetchApp.fetch of the spreadsheet export
 * URL: for `format=pdf` the requested sheet (or every visible one) rendered to
 * printable HTML and printed to PDF by Chromium in a child process (the fetch
 * is synchronous, Chromium is not); for `format=xlsx` the whole file, every
 * sheet, as Sheets downloads it (the gid does not narrow an .xlsx export).
 */
import { spawnSync } from 'node:child_process';
import { serialize } from 'node:v8';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkbookModel } from '../runtime/model';
import type { SpreadsheetExporter } from '../runtime/runtime-context';
import { parseExportUrl } from './export-request';
import { printableSheet, printableWorkbook, type PrintablePage } from './sheet-html';

const WORKER = path.join(__dirname, 'print-worker.ts');
const XLSX_WORKER = path.join(__dirname, 'xlsx-worker.ts');

/** The MIME type of an .xlsx file. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Chromium's start and print take a second or two; this bounds a stuck browser. */
const TIMEOUT_MS = 60_000;

export interface PdfExporterOptions {
  /** keeps the HTML of every export here too (for looking at what was printed) */
  htmlDir?: string;
}

/** The printable page for an export URL of `workbook` (no browser involved). */
export function printablePageFor(url: string, workbook: WorkbookModel): PrintablePage {
  const request = parseExportUrl(url);
  if (request.format !== 'pdf') throw new Error(`Only PDF export is available locally, not ${request.format}`);
  if (request.spreadsheetId !== workbook.id) throw new Error(`No spreadsheet with id ${request.spreadsheetId}`);
  // without a gid Sheets exports every visible sheet of the file
  if (request.gid === undefined) return printableWorkbook(workbook, request);
  const sheet = workbook.sheets.find((s) => s.id === request.gid);
  if (!sheet) throw new Error(`No sheet with gid ${String(request.gid)}`);
  return printableSheet(workbook, sheet, request);
}

/** The whole workbook as the bytes of an .xlsx file, written synchronously in a child process. */
export function workbookXlsxSync(workbook: WorkbookModel): Uint8Array {
  return runWorker(XLSX_WORKER, serialize(workbook), 'XLSX export');
}

/** Prints a page to PDF synchronously, in a child process running Chromium. */
export function printPageSync(page: PrintablePage): Uint8Array {
  return runWorker(WORKER, JSON.stringify(page), 'PDF export');
}

function runWorker(worker: string, input: string | Buffer, what: string): Uint8Array {
  const result = spawnSync(process.execPath, ['--import', 'tsx', worker], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    timeout: TIMEOUT_MS,
    cwd: path.resolve(__dirname, '..', '..'),
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${what} failed: ${result.stderr.toString('utf8').trim() || `exit code ${String(result.status)}`}`);
  }
  return new Uint8Array(result.stdout);
}

/** The exporter to plug into createSession({ exporter }) or session.setExporter. */
export function createPdfExporter(options: PdfExporterOptions = {}): SpreadsheetExporter {
  let count = 0;
  return (url, workbook) => {
    if (parseExportUrl(url).format === 'xlsx')
      return { bytes: workbookXlsxSync(workbook), contentType: XLSX_MIME_TYPE };
    const page = printablePageFor(url, workbook);
    if (options.htmlDir) {
      mkdirSync(options.htmlDir, { recursive: true });
      writeFileSync(path.join(options.htmlDir, `export-${++count}.html`), page.html);
    }
    return { bytes: printPageSync(page), contentType: 'application/pdf' };
  };
}

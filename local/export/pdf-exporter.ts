/**
 * The local runtime's answer to UrlFetchApp.fetch of the spreadsheet export
 * URL: the requested sheet rendered to printable HTML and printed to PDF by
 * Chromium in a child process (the fetch is synchronous, Chromium is not).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkbookModel } from '../runtime/model';
import type { SpreadsheetExporter } from '../runtime/runtime-context';
import { parseExportUrl } from './export-request';
import { printableSheet, printableWorkbook, type PrintablePage } from './sheet-html';

const WORKER = path.join(__dirname, 'print-worker.ts');
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

/** Prints a page to PDF synchronously, in a child process running Chromium. */
export function printPageSync(page: PrintablePage): Uint8Array {
  const result = spawnSync(process.execPath, ['--import', 'tsx', WORKER], {
    input: JSON.stringify(page),
    maxBuffer: 256 * 1024 * 1024,
    timeout: TIMEOUT_MS,
    cwd: path.resolve(__dirname, '..', '..'),
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `PDF export failed: ${result.stderr.toString('utf8').trim() || `exit code ${String(result.status)}`}`,
    );
  }
  return new Uint8Array(result.stdout);
}

/** The exporter to plug into createSession({ exporter }) or session.setExporter. */
export function createPdfExporter(options: PdfExporterOptions = {}): SpreadsheetExporter {
  let count = 0;
  return (url, workbook) => {
    const page = printablePageFor(url, workbook);
    if (options.htmlDir) {
      mkdirSync(options.htmlDir, { recursive: true });
      writeFileSync(path.join(options.htmlDir, `export-${++count}.html`), page.html);
    }
    return { bytes: printPageSync(page), contentType: 'application/pdf' };
  };
}

/**
 * «Печать / PDF» (domain section 5): the payroll tab or the payslips tab as a
 * PDF made by the spreadsheet's own export URL with the page of its layout —
 * A4 landscape, fit to width, no grid lines, page numbers; the ведомость's
 * frozen title and numbered header repeated over the table on every page —
 * saved to Drive, with a link shown in a small dialog. The file is created
 * through the Drive advanced service (v3), which needs only `drive.file`
 * (files the add-on creates); DriveApp.createFile would need the whole Drive.
 * With «Ведомость в отдельной таблице» the tabs are printed from the director's
 * separate spreadsheet.
 */
import { safeCellText, safeRow } from '../../adapter/safe-text';
import { DomainError } from '../../domain/money';
import { payrollSheetName, SHEETS } from '../../domain/workbook/schema';
import { existingPayrollBook, payrollBookSetting } from './payroll-book';
import {
  columnLetter,
  PARAMS_TITLE,
  PAYROLL_HEADERS,
  PAYROLL_PAGE,
  payrollColumnWidths,
  PRINT_CATEGORIES,
  PRINT_HEADERS,
  WHOLE_RUBLE_HEADERS,
  TOTALS_LABEL,
  widthGroups,
  type PayrollHeader,
} from './payroll-sheet-plan';
import { PAYSLIP_PAGE } from './payslips';
import { changedSheetsText, changedSinceComputed } from '../../adapter/pay-changes';
import { isClosedSheet } from './compute-month';

/** «Зарплата 03.2026» and «Расчётные листки 03.2026»: the tabs that can be printed. */
const PRINTABLE = /^(Зарплата|Расчётные листки) (\d{2})\.(\d{4})$/;

/** How a tab is printed; margins in inches, as the export URL takes them. */
export interface PrintSetup {
  landscape: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
  /** repeat the frozen rows (the ведомость's title and header) on every page */
  repeatFrozenRows: boolean;
  /** page numbers at the bottom centre */
  pageNumbers: boolean;
  /** only this block, 1-based (one payslip for its employee's e-mail) */
  range?: { row: number; col: number; numRows: number; numCols: number };
}

/** The ведомость: its layout's page, the title and the numbered header over the table on every page. */
export const PAYROLL_PRINT: PrintSetup = {
  landscape: PAYROLL_PAGE.landscape,
  margins: PAYROLL_PAGE.margins,
  repeatFrozenRows: true,
  pageNumbers: true,
};

/** The payslips: whole rows, nothing repeated. */
export const PAYSLIP_PRINT: PrintSetup = {
  landscape: PAYSLIP_PAGE.landscape,
  margins: PAYSLIP_PAGE.margins,
  repeatFrozenRows: false,
  pageNumbers: true,
};

/**
 * The export URL of one sheet as a PDF with the page setup of its layout, or
 * of the whole spreadsheet when `sheetId` is null: then Sheets prints every
 * visible sheet, each from a new page (the export takes one `gid` and one
 * `range`, never several). `fzr=true` repeats each sheet's frozen rows on its
 * pages, so the header row of the table must be within the frozen rows;
 * `range` prints one block of the sheet.
 */
export function pdfExportUrl(spreadsheetId: string, sheetId: number | null, setup: PrintSetup = PAYROLL_PRINT): string {
  const params: Array<[string, string]> = [
    ['format', 'pdf'],
    ...(sheetId === null ? [] : ([['gid', String(sheetId)]] as Array<[string, string]>)),
    ...(setup.range && sheetId !== null
      ? ([
          [
            'range',
            `${columnLetter(setup.range.col)}${setup.range.row}:${columnLetter(setup.range.col + setup.range.numCols - 1)}${setup.range.row + setup.range.numRows - 1}`,
          ],
        ] as Array<[string, string]>)
      : []),
    ['size', 'A4'],
    ['portrait', String(!setup.landscape)],
    ['fitw', 'true'],
    ['gridlines', 'false'],
    ['fzr', String(setup.repeatFrozenRows)],
    ...(setup.pageNumbers ? ([['pagenum', 'CENTER']] as Array<[string, string]>) : []),
    ['printtitle', 'false'],
    ['sheetnames', 'false'],
    ['top_margin', String(setup.margins.top)],
    ['bottom_margin', String(setup.margins.bottom)],
    ['left_margin', String(setup.margins.left)],
    ['right_margin', String(setup.margins.right)],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheetId)}/export?${query}`;
}

/** Whether a tab is a payroll or payslips tab, and its month as a sortable number (yyyymm). */
function printableMonth(name: string): number | null {
  const m = PRINTABLE.exec(name);
  return m ? Number(m[3]) * 100 + Number(m[2]) : null;
}

/**
 * The tabs that can be printed, in the order offered: the active tab first when
 * it is printable, then the others from the latest month back (payroll before payslips).
 */
export function printCandidates(sheetNames: readonly string[], activeName: string): string[] {
  const printable = sheetNames
    .filter((name) => printableMonth(name) !== null)
    .sort((a, b) => {
      const byMonth = printableMonth(b)! - printableMonth(a)!;
      if (byMonth !== 0) return byMonth;
      return (a.startsWith('Зарплата') ? 0 : 1) - (b.startsWith('Зарплата') ? 0 : 1);
    });
  if (printableMonth(activeName) === null) return printable;
  return [activeName, ...printable.filter((n) => n !== activeName)];
}

/** The question listing the candidates; an empty answer takes the first. */
export function printQuestion(candidates: readonly string[], activeName: string): string {
  const lines = candidates.map((name, i) => `${i + 1}. ${name}${name === activeName ? ' (открыт сейчас)' : ''}`);
  return `Какой лист сохранить в PDF? Введите номер из списка (пусто — 1):\n${lines.join('\n')}`;
}

/** The tab chosen by the answer to printQuestion: a number from the list, a tab name, or blank for the first. */
export function chosenSheet(candidates: readonly string[], answer: string): string {
  if (candidates.length === 0) {
    throw new DomainError(
      'Нет листа для печати: сначала сформируйте ведомость («Зарплата ММ.ГГГГ») или расчётные листки.',
    );
  }
  const text = answer.trim();
  if (text === '') return candidates[0];
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= candidates.length) return candidates[n - 1];
  }
  const byName = candidates.find((name) => name.toLowerCase() === text.toLowerCase());
  if (byName) return byName;
  throw new DomainError(`Нет такого листа в списке: «${text}». Введите номер от 1 до ${candidates.length}.`);
}

/** «Ведомость 03.2026.pdf» for a payroll tab, «Расчётные листки 03.2026.pdf» for the payslips. */
export function pdfFileName(sheetName: string): string {
  const m = PRINTABLE.exec(sheetName);
  if (!m) return `${sheetName}.pdf`;
  const period = `${m[2]}.${m[3]}`;
  return m[1] === 'Зарплата' ? `Ведомость ${period}.pdf` : `Расчётные листки ${period}.pdf`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The dialog that gives the saved file's link; both the name and the address are escaped. */
export function savedPdfHtml(fileName: string, url: string): string {
  return (
    '<div style="font:14px Arial,sans-serif;line-height:1.5">' +
    `<p>PDF сохранён на Google Диск:</p><p><a href="${escapeHtml(url)}" target="_blank" rel="noopener">${escapeHtml(fileName)}</a></p>` +
    '<p style="color:#5f6368">Откройте файл и напечатайте его: лист А4, альбомная ориентация.</p>' +
    '</div>'
  );
}

/** How many top rows to look at for the table's header when the tab has no frozen rows. */
const HEADER_SEARCH_ROWS = 20;

/**
 * The frozen rows are what the export repeats on every page. A tab without
 * them gets its rows frozen down to the table's header row (the row whose
 * first cell is «№ п/п», the first column of the ведомость and of the payslips).
 */
function ensureHeaderRowsFrozen(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  if (sheet.getFrozenRows() > 0) return;
  const rows = Math.min(HEADER_SEARCH_ROWS, sheet.getLastRow());
  const columns = Math.min(5, sheet.getLastColumn());
  if (rows < 1 || columns < 1) return;
  const top = sheet.getRange(1, 1, rows, columns).getDisplayValues();
  const headerRow = top.findIndex((row) => row.some((v) => String(v).trim() === '№ п/п'));
  if (headerRow < 0) return;
  // the row of column numbers under the header belongs to it
  const numbered =
    String(top[headerRow + 1]?.[0] ?? '').trim() === '1' && String(top[headerRow + 1]?.[1]).trim() === '2';
  sheet.setFrozenRows(headerRow + (numbered ? 2 : 1));
}

/** What «Печать / PDF» produced. */
export interface PrintResult {
  sheetName: string;
  fileName: string;
  fileId: string;
  url: string;
}

/** The page setup of a printable tab: the payslips' or the ведомость's. */
export function printSetupFor(sheetName: string): PrintSetup {
  return sheetName.startsWith('Расчётные листки') ? PAYSLIP_PRINT : PAYROLL_PRINT;
}

/**
 * One tab (or one block of it) as PDF bytes from the spreadsheet's export URL.
 * The export reads the saved document, so pending writes are flushed first.
 */
export function fetchSheetPdf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  setup: PrintSetup,
): GoogleAppsScript.Base.Blob {
  SpreadsheetApp.flush();
  return fetchPdf(pdfExportUrl(ss.getId(), sheet.getSheetId(), setup), sheet.getName());
}

/** PDF bytes from an export URL; `what` names the printed tab in the error. */
function fetchPdf(url: string, what: string): GoogleAppsScript.Base.Blob {
  return fetchExport(url, what, 'PDF').setContentType('application/pdf');
}

/** The bytes an export URL answers; `what` names the tab and `kind` the file in the error. */
function fetchExport(url: string, what: string, kind: string): GoogleAppsScript.Base.Blob {
  const response = UrlFetchApp.fetch(url, {
    headers: { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` },
    muteHttpExceptions: true,
  });
  const code = response.getResponseCode();
  if (code !== 200) {
    throw new DomainError(
      `Google не выдал ${kind} листа «${what}» (код ${code}). Повторите через минуту; если не поможет — проверьте доступ к таблице.`,
    );
  }
  return response.getBlob();
}

/** Saves a PDF blob to Drive through the advanced service; the file is the add-on's, so `drive.file` covers it. */
/** Drive.Files of the Drive advanced service, or a message saying how to turn the service on. */
export function driveFiles(): GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection {
  if (typeof Drive === 'undefined' || !Drive?.Files) {
    throw new DomainError(
      'Не подключена служба Google Drive API: в редакторе скриптов откройте «Службы» и добавьте Drive API версии v3.',
    );
  }
  return Drive.Files;
}

function savePdfToDrive(fileName: string, blob: GoogleAppsScript.Base.Blob): { id: string; url: string } {
  const file = driveFiles().create({ name: fileName, mimeType: 'application/pdf' }, blob, {
    fields: 'id,name,webViewLink',
  });
  if (!file.id || !file.webViewLink) throw new DomainError(`Google Диск не сохранил файл «${fileName}». Повторите.`);
  return { id: file.id, url: file.webViewLink };
}

/**
 * Exports one tab as a PDF and saves it to Drive. The export is Google's own
 * printing of the tab, so what the director gets is what Sheets prints.
 */
export function exportSheetPdf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): PrintResult {
  const setup = printSetupFor(sheet.getName());
  if (setup.repeatFrozenRows) ensureHeaderRowsFrozen(sheet);
  const fileName = pdfFileName(sheet.getName());
  const parts = setup === PAYROLL_PRINT ? payrollParts(sheet) : null;
  const blob = (parts ? fetchPayrollPdf(sheet, parts) : fetchSheetPdf(ss, sheet, setup)).setName(fileName);
  const file = savePdfToDrive(fileName, blob);
  return { sheetName: sheet.getName(), fileName, fileId: file.id, url: file.url };
}

type Block = NonNullable<PrintSetup['range']>;

/**
 * The ведомость's two printed parts: from the title to the signatures, and the
 * parameters block (from its title to the last row), both over the visible
 * columns up to «Подпись»; null for a tab without the block.
 */
export function payrollParts(sheet: GoogleAppsScript.Spreadsheet.Sheet): { table: Block; params: Block } | null {
  const lastRow = sheet.getLastRow();
  if (lastRow < 1) return null;
  const first = sheet.getRange(1, 1, lastRow, 1).getDisplayValues();
  const paramsAt = first.findIndex((row) => String(row[0]).trim() === PARAMS_TITLE);
  const headerAt = first.findIndex((row) => String(row[0]).trim() === '№ п/п');
  if (paramsAt < 1 || headerAt < 0) return null;
  const header = sheet.getRange(headerAt + 1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0];
  const width = header.indexOf('Подпись') + 1;
  if (width < 1) return null;
  return {
    table: { row: 1, col: 1, numRows: paramsAt, numCols: width },
    params: { row: paramsAt + 1, col: 1, numRows: lastRow - paramsAt, numCols: width },
  };
}

/** A Google Sheets file on Drive. */
const GOOGLE_SHEETS_MIME_TYPE = 'application/vnd.google-apps.spreadsheet';

/** Rubles without kopecks, groups of three apart. */
const WHOLE_RUBLES_FORMAT = '#,##0';

/** An error row's message in place of its amounts: it runs over the empty cells beside it. */
const NOT_COMPUTED = 'Не рассчитано';

/** How the printed copy of a ведомость's table differs from the tab, 1-based rows and columns. */
export interface PrintTableLayout {
  headerRow: number;
  /** the header in its printed words */
  header: string[];
  firstDataRow: number;
  /** the column of «Категория» (0 when there is none) and the employees' categories as printed */
  categoryColumn: number;
  categories: string[];
  /** the columns printed in whole rubles (every amount in them is whole) */
  wholeRubleColumns: number[];
  /** each column's width from what it prints */
  widths: number[];
}

/**
 * The printed table of a ведомость from its cells as displayed (title to
 * signatures): its header and categories in their shortened words, the
 * columns of whole amounts without kopecks, and the width of each column
 * from what it then prints; null when the table is not the ведомость's
 * (its header does not start with «№ п/п»).
 */
export function printTableLayout(shown: ReadonlyArray<readonly string[]>): PrintTableLayout | null {
  const at = shown.findIndex((row) => String(row[0]).trim() === '№ п/п');
  if (at < 0) return null;
  const columns = shown[at].map((h) => String(h).trim());
  const header = columns.map((text) =>
    (PAYROLL_HEADERS as readonly string[]).includes(text) ? PRINT_HEADERS[text as PayrollHeader] : text,
  );
  const col = (h: PayrollHeader) => columns.indexOf(h);
  const totalsAt = shown.findIndex((row, i) => i > at && String(row[col('ФИО')]).trim() === TOTALS_LABEL);
  const end = totalsAt < 0 ? shown.length : totalsAt;
  const rows = shown.slice(at + 2, end).map((row) => {
    const error = row.findIndex((t) => String(t).startsWith(NOT_COMPUTED));
    return [...(error < 0 ? row : row.slice(0, error))].map(String);
  });
  const categoryCol = col('Категория');
  const categories = rows.map((row) => {
    const text = String(row[categoryCol] ?? '').trim();
    return PRINT_CATEGORIES[text] ?? text;
  });
  if (categoryCol >= 0) rows.forEach((row, i) => (row[categoryCol] = categories[i]));
  const wholeRubleColumns: number[] = [];
  for (const h of WHOLE_RUBLE_HEADERS) {
    const c = col(h);
    const amounts = rows.map((row) => row[c] ?? '').filter((t) => t !== '');
    if (c < 0 || amounts.length === 0 || !amounts.every((t) => /^[\d\s\u00a0]+,00$/.test(t))) continue;
    wholeRubleColumns.push(c + 1);
    rows.forEach((row) => (row[c] = (row[c] ?? '').replace(/,00$/, '')));
  }
  const widths = payrollColumnWidths({
    columns,
    header,
    numbers: shown[at + 1],
    rows,
    totals: totalsAt < 0 ? undefined : shown[totalsAt],
  });
  return {
    headerRow: at + 1,
    header,
    firstDataRow: at + 3,
    categoryColumn: categoryCol + 1,
    categories,
    wholeRubleColumns,
    widths,
  };
}

/** The name of the scratch spreadsheet the ведомость is printed from (deleted at once). */
export function printCopyName(sheetName: string): string {
  return `${pdfFileName(sheetName).replace(/\.pdf$/, '')} — копия для печати`;
}

/**
 * The ведомость as one PDF to sign: the table with its title and numbered
 * header repeated over it on every page, the totals, the amount in words and
 * the signatures, then the parameters block from a new page without the
 * table's header. The export prints one range of one sheet, or every sheet of
 * a file; so the two parts are copied (values, formats, widths, frozen rows)
 * into two sheets of a scratch spreadsheet that is exported whole and then
 * deleted. The scratch file is created through Drive, so `drive.file` covers
 * deleting it; its cells hold values, because the add-on's custom functions
 * exist only in the spreadsheet the script is bound to.
 */
function fetchPayrollPdf(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  parts: { table: Block; params: Block },
): GoogleAppsScript.Base.Blob {
  const drive = driveFiles();
  const scratch = drive.create({
    name: printCopyName(sheet.getName()),
    mimeType: GOOGLE_SHEETS_MIME_TYPE,
  });
  if (!scratch.id) throw new DomainError('Google Диск не создал временную копию ведомости для печати. Повторите.');
  try {
    const copy = SpreadsheetApp.openById(scratch.id);
    const blank = copy.getSheets()[0];
    const lastRow = parts.params.row + parts.params.numRows - 1;
    const width = parts.table.numCols;
    // text stays text: a value that reads as a formula or a number is written quoted
    const values = sheet
      .getRange(1, 1, lastRow, width)
      .getValues()
      .map((row) => safeRow(row));
    const table = sheet.copyTo(copy).setName('Ведомость');
    const params = sheet.copyTo(copy).setName('Параметры расчёта');
    copy.deleteSheet(blank);
    for (const part of [table, params]) {
      part.getRange(1, 1, lastRow, width).setValues(values);
      const extra = part.getMaxColumns() - width;
      if (extra > 0) part.deleteColumns(width + 1, extra);
    }
    // the printed header in its shortened words, and the columns as wide as what they print
    const shown = sheet.getRange(1, 1, parts.table.numRows, width).getDisplayValues();
    const layout = printTableLayout(shown);
    if (layout) {
      table.getRange(layout.headerRow, 1, 1, width).setValues([layout.header.map((h) => safeCellText(h))]);
      const rows = layout.categories.length;
      if (rows > 0) {
        if (layout.categoryColumn > 0) {
          table
            .getRange(layout.firstDataRow, layout.categoryColumn, rows, 1)
            .setValues(layout.categories.map((c) => [safeCellText(c)]));
        }
        for (const c of layout.wholeRubleColumns) {
          table.getRange(layout.firstDataRow, c, rows, 1).setNumberFormat(WHOLE_RUBLES_FORMAT);
        }
      }
      for (const group of widthGroups(layout.widths)) table.setColumnWidths(group.start, group.count, group.width);
    }
    const tableRows = parts.table.numRows;
    if (table.getMaxRows() > tableRows) table.deleteRows(tableRows + 1, table.getMaxRows() - tableRows);
    params.setFrozenRows(0);
    params.deleteRows(1, parts.params.row - 1);
    SpreadsheetApp.flush();
    return fetchPdf(pdfExportUrl(scratch.id, null, PAYROLL_PRINT), sheet.getName());
  } finally {
    drive.remove(scratch.id);
  }
}

/** The MIME type of an .xlsx file. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One tab as an .xlsx file of its own. Sheets exports .xlsx for the whole
 * spreadsheet whatever the gid, so the tab is copied alone (values, formats,
 * widths; no protection) into a scratch Google Sheet made through Drive,
 * exported and deleted: the file holds this tab and nothing else of the book.
 */
export function sheetAsXlsx(sheet: GoogleAppsScript.Spreadsheet.Sheet, fileName: string): GoogleAppsScript.Base.Blob {
  const drive = driveFiles();
  const scratch = drive.create({ name: fileName.replace(/\.xlsx$/, ''), mimeType: GOOGLE_SHEETS_MIME_TYPE });
  if (!scratch.id) throw new DomainError(`Google Диск не создал файл «${fileName}». Повторите.`);
  try {
    const copy = SpreadsheetApp.openById(scratch.id);
    const blank = copy.getSheets()[0];
    sheet.copyTo(copy).setName(sheet.getName());
    copy.deleteSheet(blank);
    SpreadsheetApp.flush();
    const url = `https://docs.google.com/spreadsheets/d/${encodeURIComponent(scratch.id)}/export?format=xlsx`;
    return fetchExport(url, sheet.getName(), 'файл .xlsx').setContentType(XLSX_MIME_TYPE).setName(fileName);
  } finally {
    drive.remove(scratch.id);
  }
}

/**
 * The question asked before printing a tab of an open month whose pay data
 * changed after its last calculation (the paper would not match the sheets);
 * null when the tab is current or its month is closed (a closed month stays as paid).
 */
export function staleWarning(sheet: GoogleAppsScript.Spreadsheet.Sheet, timeZone: string): string | null {
  const m = PRINTABLE.exec(sheet.getName());
  if (!m) return null;
  const change = changedSinceComputed(`${m[3]}-${m[2]}`);
  if (!change) return null;
  // the payslips of a closed month are frozen with its ведомость
  const payroll = sheet.getParent().getSheetByName(payrollSheetName(Number(m[3]), Number(m[2])));
  if (isClosedSheet(sheet) || isClosedSheet(payroll)) return null;
  return (
    `Внимание: «${sheet.getName()}» устарел — данные месяца (${changedSheetsText(change)}) менялись после ` +
    `расчёта (${Utilities.formatDate(change.at, timeZone, 'dd.MM.yyyy HH:mm')}), на бумаге будут прежние суммы. ` +
    'Сначала рассчитайте месяц заново (Зарплата → «Рассчитать за месяц…»). Всё равно сохранить PDF?'
  );
}

/**
 * Menu «Зарплата» → «Печать / PDF»: asks which tab (the active payroll or
 * payslips tab is offered first, then the latest months), exports it and shows the link.
 * Returns null when the person cancelled.
 */
export function printPayrollPdf(): PrintResult | null {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const settings = active.getSheetByName(SHEETS.settings);
  const ss = existingPayrollBook(active, payrollBookSetting(settings ? settings.getDataRange().getValues() : []));
  if (!ss) {
    throw new DomainError(
      'Ведомости хранятся в отдельной таблице, но она ещё не создана: сначала сформируйте ведомость (Зарплата → «Рассчитать за месяц…»).',
    );
  }
  const activeName = ss.getActiveSheet().getName();
  const candidates = printCandidates(
    ss.getSheets().map((s) => s.getName()),
    activeName,
  );
  let answer = '';
  if (candidates.length > 1) {
    const response = ui.prompt('Печать / PDF', printQuestion(candidates, activeName), ui.ButtonSet.OK_CANCEL);
    if (response.getSelectedButton() !== ui.Button.OK) return null;
    answer = response.getResponseText();
  }
  const name = chosenSheet(candidates, answer);
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new DomainError(`Нет листа «${name}».`);
  const stale = staleWarning(sheet, active.getSpreadsheetTimeZone());
  if (stale && ui.alert('Печать / PDF', stale, ui.ButtonSet.YES_NO) !== ui.Button.YES) return null;
  const result = exportSheetPdf(ss, sheet);
  const html = HtmlService.createHtmlOutput(savedPdfHtml(result.fileName, result.url)).setWidth(460).setHeight(180);
  ui.showModalDialog(html, 'Печать / PDF');
  return result;
}

import { PDFDocument } from 'pdf-lib';
import { parseExportUrl } from '../../local/export/export-request';
import { createPdfExporter, printablePageFor } from '../../local/export/pdf-exporter';
import type { WorkbookModel } from '../../local/runtime/model';
import { chosenSheet, pdfExportUrl, pdfFileName, printCandidates, savedPdfHtml } from '../../src/server/payroll/print';
import { pdfPageTexts } from './pdf-text';
import { bundleSession, sheetOf } from '../helpers/workbook';
import { workbook } from './workbook';

/** Chromium starts in a child process for each export. */
jest.setTimeout(180_000);

const HEADERS = ['№ п/п', 'Таб. №', 'ФИО', 'Категория', 'Оклад', 'Начислено всего', 'НДФЛ', 'К выплате', 'Подпись'];
const EMPLOYEES = 90;

/** A payroll-like tab: title rows, a frozen header row, 90 employees, a totals row, all wider than the paper. */
function payrollWorkbook(): { wb: WorkbookModel; sheetId: number } {
  const wb = workbook();
  sheetOf(wb, 'Клиенты', ['ID клиента'], []);
  sheetOf(wb, 'Зарплата 02.2026', HEADERS, []);
  const sheet = sheetOf(wb, 'Зарплата 03.2026', HEADERS, []);
  sheet.rows[0] = [{ value: 'Расчётно-платёжная ведомость за март 2026 г., ООО «Проект-А»', fontWeight: 'bold' }];
  sheet.rows[1] = HEADERS.map((h) => ({ value: h, fontWeight: 'bold' as const, background: '#e8eaed' }));
  let total = 0;
  for (let i = 0; i < EMPLOYEES; i++) {
    const pay = 27093 + i;
    total += pay;
    sheet.rows[2 + i] = [
      { value: i + 1 },
      { value: String(100 + i) },
      { value: `Сотрудник ${i + 1}` },
      { value: 'II категория' },
      { value: 12000, numberFormat: '#,##0.00' },
      { value: pay, numberFormat: '#,##0.00' },
      { value: 0 },
      { value: pay, numberFormat: '#,##0.00' },
    ];
  }
  sheet.rows[2 + EMPLOYEES] = [
    undefined,
    undefined,
    { value: 'Итого', fontWeight: 'bold' },
    undefined,
    undefined,
    { value: total, numberFormat: '#,##0.00', fontWeight: 'bold' },
  ];
  sheet.frozenRows = 2;
  // 9 columns of 200 px: 1 800 px, far wider than the 1 045 px of A4 landscape between the margins
  HEADERS.forEach((_, c) => (sheet.columnWidths[c] = 200));
  return { wb, sheetId: sheet.id };
}

describe('the export URL of «Печать / PDF»', () => {
  it('has exactly the page setup the director prints with', () => {
    const url = new URL(pdfExportUrl('abc123', 42));
    expect(url.origin + url.pathname).toBe('https://docs.google.com/spreadsheets/d/abc123/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'pdf',
      gid: '42',
      size: 'A4',
      portrait: 'false',
      fitw: 'true',
      gridlines: 'false',
      fzr: 'true',
      pagenum: 'CENTER',
      printtitle: 'false',
      sheetnames: 'false',
      top_margin: '0.4',
      bottom_margin: '0.5',
      left_margin: '0.2',
      right_margin: '0.2',
    });
  });

  it('is read back by the local exporter as A4 landscape, fit to width, frozen rows repeated, no grid lines', () => {
    expect(parseExportUrl(pdfExportUrl('abc123', 42))).toMatchObject({
      spreadsheetId: 'abc123',
      gid: 42,
      size: 'A4',
      landscape: true,
      fitToWidth: true,
      gridlines: false,
      repeatFrozenRows: true,
      pageNumbers: 'CENTER',
    });
  });
});

describe('choosing the tab to print', () => {
  const names = ['Клиенты', 'Зарплата 02.2026', 'Расчётные листки 03.2026', 'Зарплата 03.2026', 'Зарплата 12.2025'];

  it('offers the active payroll tab first, then the latest months, payroll before payslips', () => {
    expect(printCandidates(names, 'Зарплата 02.2026')).toEqual([
      'Зарплата 02.2026',
      'Зарплата 03.2026',
      'Расчётные листки 03.2026',
      'Зарплата 12.2025',
    ]);
    expect(printCandidates(names, 'Клиенты')[0]).toBe('Зарплата 03.2026');
  });

  it('takes a number, a name or a blank answer, and names what is wrong otherwise', () => {
    const candidates = printCandidates(names, 'Клиенты');
    expect(chosenSheet(candidates, '')).toBe('Зарплата 03.2026');
    expect(chosenSheet(candidates, '3')).toBe('Зарплата 02.2026');
    expect(chosenSheet(candidates, 'расчётные листки 03.2026')).toBe('Расчётные листки 03.2026');
    expect(() => chosenSheet(candidates, '9')).toThrow('Введите номер от 1 до 4');
    expect(() => chosenSheet([], '')).toThrow('Нет листа для печати');
  });

  it('names the file «Ведомость ММ.ГГГГ.pdf» and escapes the link', () => {
    expect(pdfFileName('Зарплата 03.2026')).toBe('Ведомость 03.2026.pdf');
    expect(pdfFileName('Расчётные листки 03.2026')).toBe('Расчётные листки 03.2026.pdf');
    const html = savedPdfHtml('<b>.pdf', 'https://x/?a=1&b="2"');
    expect(html).toContain('href="https://x/?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('&lt;b&gt;.pdf');
    expect(html).not.toContain('<b>');
  });
});

describe('the local export of a payroll tab', () => {
  it('renders the frozen rows as the table head, repeated by Chromium on every page, and scales the width to the paper', () => {
    const { wb, sheetId } = payrollWorkbook();
    const page = printablePageFor(pdfExportUrl(wb.id, sheetId), wb);
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(page.html)?.[1] ?? '';
    expect(head).toContain('Расчётно-платёжная ведомость');
    for (const h of HEADERS) expect(head).toContain(h);
    expect(page.html).not.toMatch(/<tbody>[\s\S]*№ п\/п[\s\S]*<\/tbody>/);
    expect(page.html).toContain('td { border: none;');
    // (11.69 − 0.4) in × 96 px ÷ 1 800 px
    expect(page.pdf.scale).toBeCloseTo(((11.6929 - 0.4) * 96) / 1800, 2);
    expect(page.pdf.footerTemplate).toContain('pageNumber');
    expect(page.pdf.footerTemplate).toContain('totalPages');
  });

  it('saves an A4 landscape PDF to Drive (Drive.Files.create) with the header on every page, page numbers and the totals, and shows its link', async () => {
    const { wb } = payrollWorkbook();
    const created: string[] = [];
    const s = bundleSession(wb, { exporter: createPdfExporter(), onFileCreated: (f) => created.push(f.name) });
    s.select('Клиенты', 1, 1);
    s.run('menuPrintPdf', [], [{ button: 'OK', text: '' }]);
    const events = s.takeUiEvents();
    // the Drive advanced service, which drive.file allows; DriveApp.createFile would need the whole Drive
    expect(s.calls()['Drive.Files.create']).toBe(1);
    expect(s.services.DriveApp).toBeUndefined();
    expect(created).toEqual(['Ведомость 03.2026.pdf']);
    const dialog = events.find((e) => e.type === 'dialog');
    const download = events.find((e) => e.type === 'download');
    if (dialog?.type !== 'dialog' || download?.type !== 'download') throw new Error(JSON.stringify(events));
    expect(download.name).toBe('Ведомость 03.2026.pdf');
    expect(download.mimeType).toBe('application/pdf');
    expect(dialog.html).toContain(`href="${download.url}"`);
    expect(dialog.html).toContain('Ведомость 03.2026.pdf');

    const file = s.file(download.url.replace('/files/', ''));
    expect(file).toBeDefined();
    const pdf = await PDFDocument.load(file!.bytes);
    const pages = pdf.getPages();
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const { width, height } = page.getSize();
      expect(Math.abs(width - 842)).toBeLessThan(1);
      expect(Math.abs(height - 595)).toBeLessThan(1);
    }
    const texts = await pdfPageTexts(file!.bytes);
    texts.forEach((text, i) => {
      // the header row on every page, including its last column: the width fits the paper
      for (const h of ['№ п/п', 'ФИО', 'К выплате', 'Подпись']) expect(text).toContain(h);
      expect(text).toContain(`${i + 1}\n / \n${texts.length}`);
    });
    const total = (27093 * EMPLOYEES + (EMPLOYEES * (EMPLOYEES - 1)) / 2).toLocaleString('ru-RU').replace(/\s/g, ' ');
    const last = texts[texts.length - 1];
    expect(last).toContain('Итого');
    expect(last.replace(/\s/g, ' ')).toContain(`${total},00`);
    expect(texts.join('\n')).toContain(`Сотрудник ${EMPLOYEES}`);
  });
});

describe('the local export of a whole spreadsheet (no gid)', () => {
  /** Three sheets: a wide table with frozen rows, a narrow block, a hidden sheet. */
  function threeSheets(): WorkbookModel {
    const wb = workbook();
    const table = sheetOf(wb, 'Таблица', ['№ п/п', 'ФИО', 'Сумма'], []);
    table.rows[0] = [{ value: 'Заголовок таблицы', fontWeight: 'bold' }];
    table.rows[1] = ['№ п/п', 'ФИО', 'Сумма'].map((h) => ({ value: h, fontWeight: 'bold' as const }));
    for (let i = 0; i < 60; i++)
      table.rows[2 + i] = [{ value: i + 1 }, { value: `Сотрудник ${i + 1}` }, { value: 100 }];
    table.frozenRows = 2;
    [0, 1, 2].forEach((c) => (table.columnWidths[c] = 600));
    const block = sheetOf(wb, 'Блок', ['Параметр'], []);
    block.rows[0] = [{ value: 'Параметры' }];
    block.rows[1] = [{ value: 'Ставка' }, { value: 0.03, numberFormat: '0.0%' }];
    const hidden = sheetOf(wb, 'Скрытый', ['Секрет'], []);
    hidden.hidden = true;
    return wb;
  }

  it('prints every visible sheet from a new page, each fitted to the width by itself with its own frozen rows, numbering all pages', async () => {
    const wb = threeSheets();
    const url = pdfExportUrl(wb.id, null);
    expect(new URL(url).searchParams.has('gid')).toBe(false);
    const page = printablePageFor(url, wb);
    const sections = [...page.html.matchAll(/<div class="sheet" style="zoom:([\d.]+)([^"]*)">/g)];
    expect(sections).toHaveLength(2);
    // 1 800 px of the table to the paper; the narrow block at its own size
    expect(Number(sections[0][1])).toBeCloseTo(((11.6929 - 0.4) * 96) / 1800, 2);
    expect(Number(sections[1][1])).toBe(1);
    expect(sections[1][2]).toContain('break-before:page');
    expect(page.pdf.scale).toBe(1);
    expect(page.html).not.toContain('Секрет');

    const texts = await pdfPageTexts(new Uint8Array(createPdfExporter()(url, wb).bytes));
    const blockAt = texts.findIndex((t) => t.includes('Параметры'));
    expect(blockAt).toBeGreaterThan(1);
    expect(blockAt).toBe(texts.length - 1);
    texts.slice(0, blockAt).forEach((t) => expect(t).toContain('Заголовок таблицы'));
    expect(texts[blockAt]).not.toContain('Заголовок таблицы');
    expect(texts[blockAt]).not.toContain('Сотрудник');
    texts.forEach((t, i) => expect(t).toContain(`${i + 1}\n / \n${texts.length}`));
  });
});

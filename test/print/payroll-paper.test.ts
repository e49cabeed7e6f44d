/**
 * Pay-day paper as the director prints it (domain 5): the ведомость of 5, 15
 * and 40 employees and the payslips of 5 and 40, exported through «Печать /
 * PDF» by the local runtime's Chromium export and read back from the PDF:
 * pages, the header over the table on every page and nowhere else, the
 * parameters block apart, the smallest printed text, borders, totals, and
 * every slip whole on one page. The PDFs are kept in build/paper/ for a person
 * to look at (`pdftoppm -r 60 -png`).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createPdfExporter, printablePageFor } from '../../local/export/pdf-exporter';
import type { LocalRuntimeSession } from '../../local/runtime';
import { formatRubles } from '../../src/domain/payroll/payslip';
import {
  MONEY_FORMAT,
  PAYROLL_HEADERS,
  PAYROLL_PAGE,
  PARAMS_TITLE,
  PRINT_HEADERS,
  WHOLE_RUBLE_HEADERS,
  WORDS_LABEL,
} from '../../src/server/payroll/payroll-sheet-plan';
import { pdfExportUrl, PAYSLIP_PRINT } from '../../src/server/payroll/print';
import { bundleSession } from '../helpers/workbook';
import { computeMonth, NOW, sheetNamed } from '../payroll/payroll-workbook';
import { pdfPageTexts, pdfTextSizes } from './pdf-text';
import { paperStaff, paperWorkbook } from './paper-workbook';
import { printedCells } from './printed-layout';

jest.setTimeout(300_000);

const OUT = path.join(__dirname, '..', '..', 'build', 'paper');
const TAB = 'Зарплата 03.2026';
const SLIPS = 'Расчётные листки 03.2026';

interface Printed {
  name: string;
  bytes: Uint8Array;
}

/** The HTML of each export of a session, kept to measure its layout. */
const htmlDir = (label: string) => path.join(OUT, `${label}-html`);

function session(n: number, label = `paper-${n}`): LocalRuntimeSession {
  fs.rmSync(htmlDir(label), { recursive: true, force: true });
  const s = bundleSession(paperWorkbook(n), {
    exporter: createPdfExporter({ htmlDir: htmlDir(label) }),
    now: () => NOW,
  });
  computeMonth(s, '03.2026');
  return s;
}

/** «Печать / PDF» of a tab: the files it saved, in order. */
function print(s: LocalRuntimeSession, tab: string, label: string): Printed[] {
  s.select(tab, 1, 1);
  s.run('menuPrintPdf', [], [{ button: 'OK', text: tab }]);
  const files = s
    .takeUiEvents()
    .filter((e) => e.type === 'download')
    .map((e) => {
      if (e.type !== 'download') throw new Error('not a download');
      return { name: e.name, bytes: s.file(e.url.replace('/files/', ''))!.bytes };
    });
  fs.mkdirSync(OUT, { recursive: true });
  files.forEach((f, i) => fs.writeFileSync(path.join(OUT, `${label}${i ? `-${i + 1}` : ''}.pdf`), f.bytes));
  return files;
}

/** «Итого» of «К выплате» on the tab, as it prints. */
function totalToPay(s: LocalRuntimeSession): string {
  const tab = sheetNamed(s, TAB)!;
  const header = tab.rows.findIndex((r) => r?.[0]?.value === '№ п/п');
  const col = tab.rows[header]!.findIndex((c) => c?.value === 'К выплате');
  const totals = tab.rows.find((r) => r?.[2]?.value === 'Итого')!;
  return flat(formatRubles(Math.round((totals[col]!.value as number) * 100)));
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The text of a PDF as poppler's pdftotext reads it (Debian `poppler-utils`). */
function pdftotext(bytes: Uint8Array): string {
  const file = path.join(OUT, `pdftotext-${process.pid}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error('pdftotext failed (install Debian poppler-utils: apt-get install poppler-utils)', {
      cause: error,
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Every money cell of the tab's employees and totals, as the ведомость prints it:
 * «1 931 713,58»; the whole-ruble columns (оклад, план) without kopecks.
 */
function moneyCells(s: LocalRuntimeSession): string[] {
  const tab = sheetNamed(s, TAB)!;
  const header = tab.rows.findIndex((r) => r?.[0]?.value === '№ п/п');
  const totals = tab.rows.findIndex((r) => r?.[2]?.value === 'Итого');
  const out: string[] = [];
  for (let r = header + 2; r <= totals; r++) {
    PAYROLL_HEADERS.forEach((h, c) => {
      const cell = tab.rows[r]?.[c];
      if (typeof cell?.value !== 'number' || cell.numberFormat !== MONEY_FORMAT) return;
      const text = flat(formatRubles(Math.round(cell.value * 100)));
      out.push((WHOLE_RUBLE_HEADERS as readonly string[]).includes(h) && r < totals ? text.replace(/,00$/, '') : text);
    });
  }
  return out;
}

describe.each([5, 15, 40])('the ведомость of %i employees on paper', (n) => {
  let s: LocalRuntimeSession;
  let files: Printed[];
  let table: Printed;
  /** the pages of the table, up to the signatures */
  let texts: string[];
  /** the pages of the parameters block, after the signatures */
  let paramPages: string[];

  beforeAll(async () => {
    s = session(n, `ведомость-${n}`);
    files = print(s, TAB, `ведомость-${n}`);
    table = files[0];
    const pages = await pdfPageTexts(table.bytes);
    const first = pages.findIndex((t) => t.includes(PARAMS_TITLE));
    texts = first < 0 ? pages : pages.slice(0, first);
    paramPages = first < 0 ? [] : pages.slice(first);
  });

  it('is one file to sign, named by its month, and leaves no scratch spreadsheet behind', () => {
    expect(files.map((f) => f.name)).toEqual(['Ведомость 03.2026.pdf']);
    expect(s.otherWorkbooks()).toEqual([]);
  });

  it('is A4 landscape, one page up to 15 employees and more pages beyond', async () => {
    const pdf = await PDFDocument.load(table.bytes);
    expect(pdf.getPageCount()).toBe(texts.length + paramPages.length);
    for (const page of pdf.getPages()) {
      expect(Math.abs(page.getWidth() - 842)).toBeLessThan(1);
      expect(Math.abs(page.getHeight() - 595)).toBeLessThan(1);
    }
    if (n <= 15) expect(texts).toHaveLength(1);
    else expect(texts.length).toBeGreaterThan(1);
  });

  it('repeats the title and the numbered header over the table on every page', () => {
    texts.map(flat).forEach((text) => {
      expect(text).toContain('Расчётно-платёжная ведомость за март 2026 г.');
      for (const h of ['№ п/п', 'Таб. №', 'ФИО', 'К выплате', 'Подпись']) expect(text).toContain(h);
      // the row of column numbers: 1 … 20 in order, after the headers
      expect(flat(text)).toMatch(/Подпись 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 /);
    });
  });

  it('prints every employee, the totals, the amount in words and the signatures on the last page', () => {
    const all = flat(texts.join('\n'));
    // a name longer than its column breaks across lines, as Sheets wraps it
    const glued = all.replace(/\s/g, '');
    for (const p of paperStaff(n)) expect(glued).toContain(p.name.replace(/\s/g, ''));
    const last = flat(texts[texts.length - 1]);
    // the totals row ends the table: on the last page, or on the one before when the table fills that page
    const totalsAt = texts.map(flat).findIndex((t) => / Итого \d/.test(t));
    expect([texts.length - 1, texts.length - 2]).toContain(totalsAt);
    expect(flat(texts[totalsAt])).toContain(totalToPay(s));
    expect(last).toContain(WORDS_LABEL);
    expect(last).toContain('Директор');
    expect(last).toContain('Главный бухгалтер');
  });

  it('prints the parameters block in the same file, from a new page after the signatures, without the table header', () => {
    expect(paramPages).toHaveLength(1);
    const page = flat(paramPages[0]);
    expect(page).toContain(PARAMS_TITLE);
    expect(page).toContain('к ведомости за март 2026 г.');
    expect(page).toContain('Оклады I, II, без категории');
    expect(page).not.toContain('№ п/п');
    expect(page).not.toContain('Расчётно-платёжная ведомость');
    expect(page).not.toContain('Главный бухгалтер');
    // the page numbers run through the whole file
    const total = texts.length + 1;
    expect(page).toContain(`${total} / ${total}`);
  });

  it('prints every header word whole and every amount complete, each cell as wide as what it holds', async () => {
    const exports = fs.readdirSync(htmlDir(`ведомость-${n}`));
    expect(exports).toHaveLength(1);
    const cells = await printedCells(fs.readFileSync(path.join(htmlDir(`ведомость-${n}`), exports[0]), 'utf8'));
    const head = cells.filter((c) => c.head);
    // the title, the header in its printed words and the column numbers
    for (const h of PAYROLL_HEADERS) expect(head.map((c) => c.text)).toContain(PRINT_HEADERS[h]);
    expect(head.flatMap((c) => c.brokenWords)).toEqual([]);
    expect(cells.filter((c) => c.cut).map((c) => c.text)).toEqual([]);
    expect(cells.filter((c) => !c.head).flatMap((c) => c.brokenWords)).toEqual([]);
  });

  it('prints every money cell of the tab as the engine computed it (read back by pdftotext)', () => {
    const text = flat(pdftotext(table.bytes));
    const amounts = moneyCells(s);
    expect(amounts.length).toBeGreaterThan(n * 10);
    expect(amounts.filter((a) => !text.includes(a))).toEqual([]);
  });

  it(`prints no text under ${PAYROLL_PAGE.minPrintedPoints} pt`, async () => {
    const sizes = (await pdfTextSizes(table.bytes)).flat();
    expect(sizes.length).toBeGreaterThan(100);
    // the page numbers are the footer's 8 pt; the table's 10 pt scaled to the paper's width
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(PAYROLL_PAGE.minPrintedPoints);
  });

  it('lines the table, gives each row room to sign and keeps «№ п/п» and «Таб. №» in their own centred cells', () => {
    const page = printablePageFor(pdfExportUrl(s.workbook.id, sheetNamed(s, TAB)!.id), s.workbook);
    const rows = [...page.html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)];
    const employee = rows.find((r) => r[1].includes(paperStaff(n)[0].name))!;
    const cells = [...employee[1].matchAll(/<td([^>]*)>/g)].map((c) => c[1]).slice(0, 20);
    expect(cells).toHaveLength(20);
    for (const c of cells)
      for (const side of ['top', 'bottom', 'left', 'right']) expect(c).toContain(`border-${side}:1px solid`);
    expect(cells[0]).toContain('text-align:center');
    expect(cells[1]).toContain('text-align:center');
    expect(employee[0]).toMatch(/<tr style="height:(\d+)px"/);
    expect(Number(/height:(\d+)px/.exec(employee[0])![1])).toBeGreaterThanOrEqual(40);
  });
});

describe.each([5, 40])('the payslips of %i employees on paper', (n) => {
  let texts: string[];
  let sizes: number[][];

  beforeAll(async () => {
    const s = session(n);
    s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    s.takeUiEvents();
    const [slips] = print(s, SLIPS, `листки-${n}`);
    texts = (await pdfPageTexts(slips.bytes)).map(flat);
    sizes = await pdfTextSizes(slips.bytes);
  });

  it('prints every slip whole on one page: the name, the parts of pay and the amount to pay together', () => {
    const staff = paperStaff(n);
    for (const p of staff) {
      const pages = texts.filter((t) => t.includes(`Таб. № ${p.tabNo} `));
      expect([p.tabNo, pages.length]).toEqual([p.tabNo, 1]);
      const page = pages[0];
      const own = page.slice(page.indexOf(`Таб. № ${p.tabNo} `));
      expect(own).toMatch(/К выплате: [\d\s]+,\d\d руб\./);
      for (const part of [
        'по окладу',
        'премия за план',
        'премия KPI',
        'НДФЛ с аванса',
        'НДФЛ при расчёте',
        'аванс',
        'Всего начислено',
      ]) {
        expect(page).toContain(part);
      }
    }
    // a page holds whole slips only: as many titles as amounts to pay, as many as the slips' pages' share
    for (const page of texts) {
      const titles = page.split('Расчётный листок за').length - 1;
      expect(titles).toBeGreaterThan(0);
      expect(page.split('по ведомости «').length - 1).toBe(titles);
    }
    expect(texts.reduce((sum, t) => sum + t.split('Расчётный листок за').length - 1, 0)).toBe(n);
  });

  it('states the basis in words and Russian numbers', () => {
    const all = texts.join(' ');
    expect(all).toMatch(
      /продажи [\d\s]+,\d\d руб\. при плане [\d\s]+,\d\d руб\.: выполнение \d+(,\d)? %, ставка \d+(,\d)? % от продаж/,
    );
    expect(all).toMatch(/оклад [\d\s]+,\d\d руб\. \([I]+ категория\) × \d+ из \d+ (день|дня|дней) по норме/);
    expect(all).toMatch(/выполнены: «[^»]+» \(/);
    expect(all).toContain('ставка испытательного срока');
    // no raw numbers: amounts grouped with kopecks, percents with a decimal comma
    expect(all).not.toMatch(/\d{5,}/);
    expect(all).not.toMatch(/\d\.\d+ ?%/);
    expect(all).toContain('на испытательном сроке премия за план не начисляется');
  });

  it('prints its text at 10 pt, unscaled', () => {
    const body = sizes.flat();
    expect(Math.min(...body)).toBeGreaterThanOrEqual(PAYROLL_PAGE.minPrintedPoints);
    expect(Math.max(...body)).toBeGreaterThanOrEqual(9.9);
  });

  it('is printed landscape without repeated rows', () => {
    expect(PAYSLIP_PRINT).toMatchObject({ landscape: true, repeatFrozenRows: false });
  });
});

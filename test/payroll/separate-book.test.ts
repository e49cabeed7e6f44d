/**
 * «Ведомость в отдельной таблице»: Да. On the demo workbook in the local
 * runtime, computing March 2026 creates the director's separate spreadsheet,
 * writes its ID into «Настройки» and puts the ведомость there as values, each
 * formula in its cell's note, equal to what the formula engine computes in the
 * shared book; a specialist cannot open it; closing, payslips and printing work
 * there; the spreadsheet and the PDF survive the local store's round trip.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDemoWorkbook } from '../../local/demo/generate';
import {
  exportsDir,
  keepFilesOnDisk,
  loadOtherWorkbooks,
  otherWorkbookPath,
  saveOtherWorkbooks,
} from '../../local/other-workbooks';
import {
  createSession,
  NO_ACCESS_MESSAGE,
  type LocalRuntimeSession,
  type SpreadsheetExporter,
} from '../../local/runtime';
import type { CellModel, SheetModel, WorkbookModel } from '../../local/runtime/model';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { PAYROLL_BOOK_ID_PARAM, SEPARATE_BOOK_PARAM } from '../../src/domain/settings';
import { SHEETS } from '../../src/domain/workbook/schema';
import { FORMULA_NOTE_PREFIX } from '../../src/server/payroll/payroll-sheet-plan';
import { CODE_PATH } from '../helpers/bundle';
import { closeMonth, computeMonth, payrollSession } from './payroll-workbook';

const TODAY = new Date(2026, 3, 15);
const TAB = 'Зарплата 03.2026';
const PAYSLIPS = 'Расчётные листки 03.2026';

/** The demo workbook; with `separate`, «Ведомость в отдельной таблице» is «Да». */
function demo(separate: boolean): WorkbookModel {
  const workbook = generateDemoWorkbook({ seed: 7, today: TODAY });
  if (separate) settingsCell(workbook, SEPARATE_BOOK_PARAM).value = 'Да';
  return workbook;
}

/** The value cell of a parameter of «Настройки». */
function settingsCell(workbook: WorkbookModel, name: string): CellModel {
  const sheet = workbook.sheets.find((s) => s.name === SHEETS.settings)!;
  const row = sheet.rows.find((r) => r?.[0]?.value === name);
  if (!row) throw new Error(`no parameter ${name}`);
  return (row[1] ??= { value: null });
}

function sheetOf(workbook: WorkbookModel, name: string): SheetModel | undefined {
  return workbook.sheets.find((s) => s.name === name);
}

/** Every non-empty cell of a sheet, by its 1-based address. */
function cells(sheet: SheetModel): Map<string, CellModel> {
  const out = new Map<string, CellModel>();
  sheet.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (cell && ((cell.value !== null && cell.value !== '') || cell.formula)) out.set(`R${r + 1}C${c + 1}`, cell);
    }),
  );
  return out;
}

/** A PDF stand-in: the exporter records which spreadsheet and URL it was asked for. */
function recordingExporter(requests: Array<{ url: string; workbook: WorkbookModel }>): SpreadsheetExporter {
  return (url, workbook) => {
    requests.push({ url, workbook });
    return { bytes: new TextEncoder().encode(`%PDF-1.4 ${workbook.name}`), contentType: 'application/pdf' };
  };
}

/** The message of what a service call threw (errors come from the script's realm). */
function thrownBy(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  return 'nothing thrown';
}

describe('the payroll in the director’s separate spreadsheet', () => {
  let shared: LocalRuntimeSession;
  let separate: LocalRuntimeSession;
  let book: WorkbookModel;
  let director: string;
  let specialist: string;
  const exports: Array<{ url: string; workbook: WorkbookModel }> = [];
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'separate-book-'));
    const sharedBook = demo(false);
    director = sharedBook.owner;
    specialist = sharedBook.editors[0];
    shared = payrollSession(sharedBook, TODAY, director);
    computeMonth(shared, '03.2026');
    shared.recalculate();

    separate = payrollSession(demo(true), TODAY, director);
    separate.setExporter(recordingExporter(exports));
    computeMonth(separate, '03.2026');
    const others = separate.otherWorkbooks();
    expect(others).toHaveLength(1);
    book = others[0];
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the spreadsheet for the director alone and writes its ID into «Настройки»', () => {
    expect(settingsCell(separate.workbook, PAYROLL_BOOK_ID_PARAM).value).toBe(book.id);
    expect(book.owner).toBe(director);
    expect(book.editors).toEqual([]);
    expect(book.name).toBe(`Зарплата — ${separate.workbook.name}`);
  });

  it('leaves no payroll tab and no amount in the shared spreadsheet', () => {
    expect(separate.workbook.sheets.map((s) => s.name).filter((n) => n.startsWith('Зарплата'))).toEqual([]);
    expect(sheetOf(book, TAB)).toBeDefined();
    const log = sheetOf(separate.workbook, SHEETS.log)!;
    const last = log.rows[log.rows.length - 1]!;
    const sharedLog = sheetOf(shared.workbook, SHEETS.log)!;
    const sharedLast = sharedLog.rows[sharedLog.rows.length - 1]!;
    // the same entry without «Стало»: the shared book logs the amount to pay, the separate mode does not
    const after = sharedLog.rows[0]!.findIndex((c) => c?.value === 'Стало');
    expect(sharedLast[after]?.value).toMatch(/^\d+\.\d{2}$/);
    expect(last[after]?.value ?? '').toBe('');
    expect(String(last[after + 1]?.value)).toContain('отдельной таблице');
  });

  it('holds values where the shared spreadsheet holds formulas, equal to what the formula engine computes, with each formula in a note', () => {
    const want = cells(sheetOf(shared.workbook, TAB)!);
    const got = cells(sheetOf(book, TAB)!);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    let formulas = 0;
    for (const [address, expected] of want) {
      const cell = got.get(address)!;
      expect({ address, formula: cell.formula }).toEqual({ address, formula: undefined });
      expect({ address, format: cell.numberFormat }).toEqual({ address, format: expected.numberFormat });
      if (!expected.formula && !expected.spilled) {
        expect({ address, value: cell.value }).toEqual({ address, value: expected.value });
        continue;
      }
      expect(expected.error).toBeUndefined();
      // an array formula's note is on its first cell; the cells it fills hold their values
      if (expected.formula) {
        formulas++;
        expect({ address, note: cell.note }).toEqual({ address, note: `${FORMULA_NOTE_PREFIX}${expected.formula}` });
      }
      if (typeof expected.value === 'number') {
        // money to the kopeck; shares (% выполнения, Ставка) to floating-point noise
        expect(typeof cell.value).toBe('number');
        expect({ address, value: Math.abs((cell.value as number) - expected.value) < 1e-9 }).toEqual({
          address,
          value: true,
        });
      } else {
        expect({ address, value: cell.value }).toEqual({ address, value: expected.value });
      }
    }
    // every employee row's sums, a formula per computed column, the totals and the amount in words
    expect(formulas).toBeGreaterThan(40);
    const words = [...want.values()].find((c) => c.formula?.startsWith('=AMOUNT_IN_WORDS'));
    expect(String(words?.value)).toMatch(/рубл/);
  });

  it('shows #NAME? for the add-on’s functions in that spreadsheet, which is why it holds values', () => {
    const formula = [...cells(sheetOf(shared.workbook, TAB)!).values()].find((c) => c.formula?.startsWith('=BASE_PAY'));
    const probe = separate.services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = probe.openById(book.id).insertSheet('Проверка');
    sheet.getRange(1, 1).setFormula(formula!.formula!);
    probe.flush();
    const value = String(sheet.getRange(1, 1).getValue());
    probe.openById(book.id).deleteSheet(sheet);
    expect(value).toBe('#NAME?');
  });

  it('cannot be opened by a specialist, by ID or through «Печать / PDF»', () => {
    const app = separate.services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    separate.setUser(specialist);
    try {
      expect(thrownBy(() => app.openById(book.id))).toBe(NO_ACCESS_MESSAGE);
      separate.run('menuPrintPdf', [], [{ button: 'OK', text: '' }]);
      const alert = separate.takeUiEvents().find((e) => e.type === 'alert');
      // refused before the book is even looked for: printing the payroll is the director's
      expect(alert?.type === 'alert' && alert.message).toBe('Зарплату рассчитывает и закрывает только директор.');
      expect(exports).toHaveLength(0);
    } finally {
      separate.setUser(director);
    }
    expect(app.openById(book.id).getId()).toBe(book.id);
  });

  it('makes payslips there from the values of the ведомость', () => {
    separate.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    separate.takeUiEvents();
    expect(sheetOf(separate.workbook, PAYSLIPS)).toBeUndefined();
    const payslips = sheetOf(book, PAYSLIPS)!;
    // a slip a row; its amount to pay in the hidden column after the printed four
    const toPay = payslips.rows
      .filter((r) => String(r?.[0]?.value).startsWith('Расчётный листок за'))
      .map((r) => r![5]!.value);
    const sharedTab = sheetOf(shared.workbook, TAB)!;
    const headerAt = sharedTab.rows.findIndex((r) => r?.[0]?.value === '№ п/п');
    const toPayCol = sharedTab.rows[headerAt]!.findIndex((c) => c?.value === 'К выплате');
    const sharedToPay = sharedTab.rows
      .slice(headerAt + 2)
      .filter((r) => r?.[toPayCol]?.formula)
      .map((r) => r![toPayCol]!.value)
      .slice(0, -1); // the totals row
    expect(toPay).toHaveLength(sharedToPay.length);
    toPay.forEach((v, i) => expect(v).toBeCloseTo(sharedToPay[i] as number, 9));
  });

  it('prints the ведомость from there and saves the PDF through Drive.Files.create', () => {
    separate.resetCalls();
    separate.run('menuPrintPdf', [], [{ button: 'OK', text: TAB }]);
    const events = separate.takeUiEvents();
    // one export of a scratch copy holding the table and, on a sheet of its own, the parameters block
    expect(exports).toHaveLength(1);
    const scratch = exports[0].workbook;
    expect(scratch).not.toBe(book);
    expect(scratch.sheets.map((sh) => sh.name)).toEqual(['Ведомость', 'Параметры расчёта']);
    expect(exports[0].url).toContain(`/d/${scratch.id}/export?`);
    expect(exports[0].url).not.toContain('gid=');
    // deleted after the export: only the payroll spreadsheet is left
    expect(separate.otherWorkbooks().map((w) => w.id)).not.toContain(scratch.id);
    const download = events.find((e) => e.type === 'download');
    const dialog = events.find((e) => e.type === 'dialog');
    if (download?.type !== 'download' || dialog?.type !== 'dialog') throw new Error(JSON.stringify(events));
    expect(download.name).toBe('Ведомость 03.2026.pdf');
    expect(dialog.html).toContain(`href="${download.url}"`);
    // the scratch spreadsheet and the PDF
    expect(separate.calls()['Drive.Files.create']).toBe(2);
    expect(separate.calls()['Drive.Files.remove']).toBe(1);
    expect(separate.file(download.url.replace('/files/', ''))?.mimeType).toBe('application/pdf');
  });

  it('closes the month there: frozen, protected, its income recorded in that spreadsheet', () => {
    closeMonth(separate, '03.2026');
    const tab = sheetOf(book, TAB)!;
    expect(tab.protections.some((p) => p.description.startsWith('Закрытый месяц'))).toBe(true);
    const closed = book.sheets.find((s) => s.hidden && s.name !== TAB);
    expect(closed).toBeDefined();
    expect(closed!.rows.length).toBeGreaterThan(1);
    expect(separate.workbook.sheets.some((s) => s.name === closed!.name)).toBe(false);
    // a closed month is not computed again
    const events = computeMonth(separate, '03.2026');
    expect(events.some((e) => e.type === 'alert' && e.message.includes('закрыт'))).toBe(true);
  });

  it('survives the local store: saved next to the workbook as <ID>.xlsx and opened again by a new session', async () => {
    // two .xlsx files of the demo size written and read back
    const main = path.join(dir, 'book.xlsx');
    await saveWorkbook(separate.workbook, main);
    await saveOtherWorkbooks(main, separate.otherWorkbooks());
    expect(fs.existsSync(otherWorkbookPath(main, book.id))).toBe(true);

    const loaded = await loadOtherWorkbooks(main);
    expect(loaded.map((w) => [w.id, w.owner, w.editors])).toEqual([[book.id, director, []]]);
    const before = cells(sheetOf(book, TAB)!);
    const after = cells(sheetOf(loaded[0], TAB)!);
    for (const [address, cell] of before) {
      expect({ address, value: after.get(address)?.value, note: after.get(address)?.note }).toEqual({
        address,
        value: cell.value,
        note: cell.note,
      });
    }

    const files: string[] = [];
    const reopened = createSession({
      workbook: await loadWorkbook(main),
      codePath: CODE_PATH,
      user: director,
      now: () => TODAY,
      otherWorkbooks: loaded,
      exporter: recordingExporter([]),
      onFileCreated: keepFilesOnDisk(main, (f) => files.push(f)),
    });
    reopened.run('menuPrintPdf', [], [{ button: 'OK', text: PAYSLIPS }]);
    const events = reopened.takeUiEvents();
    // the question which tab to print, and no error
    expect(events.filter((e) => e.type === 'alert').map((e) => e.type === 'alert' && e.buttons)).toEqual([
      'PROMPT_OK_CANCEL',
    ]);
    const pdf = path.join(exportsDir(main), 'Расчётные листки 03.2026.pdf');
    expect(files).toEqual([pdf]);
    expect(fs.readFileSync(pdf, 'utf8')).toContain('%PDF-1.4');
  }, 60_000);
});

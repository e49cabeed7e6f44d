/**
 * «Зарплата → Рассчитать за месяц…»: reads each source tab once, computes the
 * month in the domain, and writes «Зарплата ММ.ГГГГ» in a constant number of
 * service calls whatever the number of rows. The tab is built under a temporary
 * name and swapped in only at the end, so a failure midway leaves the previous
 * payroll tab intact. A closed month is refused. When «Настройки» sends the
 * payroll to the director's separate spreadsheet, the tab goes there as values
 * with each formula in its cell's note: the add-on's custom functions exist
 * only in this spreadsheet.
 */
import { monthKey, type YearMonth } from '../../domain/calendar';
import { DomainError } from '../../domain/money';
import { computeMonthWithHistory, type MonthPayroll } from '../../domain/payroll/month';
import { payrollSheetName, SHEETS } from '../../domain/workbook/schema';
import { changedSinceComputed, markComputedLocked, type PayDataChange } from '../../adapter/pay-changes';
import { appendLog } from '../../adapter/audit-log';
import { withDocumentLock } from '../../adapter/lock';
import { SheetDates } from '../../adapter/sheet-dates';
import { isClosed, monthLabel, type PayrollContext } from './payroll-context';
import { isSeparateBook, protectForDirector } from './payroll-book';
import { buildPayrollSheetPlan, type SheetPlan, valuesWithFormulaNotes } from './payroll-sheet-plan';
import { claimRecords, dealRecords, planRecords, SourceGrid, staffRecords, timesheetRecords } from './source-records';
import type { ClosedMonthEntry } from './closed-months';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const CLOSED_PROTECTION_PREFIX = 'Закрытый месяц';
export const OPEN_PROTECTION_PREFIX = 'Ведомость';

/** The description of an open payroll tab's protection. */
export function openProtectionDescription(month: YearMonth): string {
  return `${OPEN_PROTECTION_PREFIX} ${monthLabel(month)}: изменяет только директор`;
}

/** Whether a payroll tab is frozen by «Закрыть месяц». */
export function isClosedSheet(sheet: Sheet | null): boolean {
  if (!sheet) return false;
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .some((p) => p.getDescription().startsWith(CLOSED_PROTECTION_PREFIX));
}

function readSource(ss: Spreadsheet, name: string): SourceGrid {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new DomainError(`Нет листа «${name}». Запустите меню CRM → «Настроить таблицу».`);
  return new SourceGrid(name, SheetDates.of(ss).grid(sheet.getDataRange().getValues()));
}

/** «ГГГГ-ММ» of January … `month` of its year. */
function yearMonthsUpTo(month: YearMonth): Set<string> {
  const out = new Set<string>();
  for (let m = 1; m <= month.month; m++) out.add(monthKey({ year: month.year, month: m }));
  return out;
}

/** The month's payroll from the workbook (each source tab read once) and what the tab plan needs. */
export function readAndCompute(ctx: PayrollContext, month: YearMonth, closed: readonly ClosedMonthEntry[]) {
  const settings = ctx.settings;
  const staff = staffRecords(readSource(ctx.ss, SHEETS.staff));
  // the months of the year before this one are read too: a month not closed is computed for НДФЛ
  const months = yearMonthsUpTo(month);
  const timesheet = timesheetRecords(readSource(ctx.ss, SHEETS.timesheet), months);
  const plans = planRecords(
    readSource(ctx.ss, SHEETS.plans),
    months,
    settings.kpis.map((k) => k.name),
  );
  const deals = dealRecords(readSource(ctx.ss, SHEETS.deals));
  const claims = claimRecords(readSource(ctx.ss, SHEETS.claims));
  ctx.toast('Расчёт…');
  const payroll: MonthPayroll = computeMonthWithHistory(
    { month, staff, timesheet, plans, deals, claims, settings, yearToDate: {} },
    closed,
  );
  return { payroll, staff };
}

/** Writes a plan into a sheet: one call per kind of content, whatever the number of rows. */
export function writePlan(sheet: Sheet, plan: SheetPlan): void {
  const rows = plan.values.length;
  // Stryker disable next-line OptionalChaining: every plan has rows (the title at least)
  const cols = plan.values[0]?.length ?? 0;
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < cols) sheet.insertColumnsAfter(maxColumns, cols - maxColumns);
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const range = sheet.getRange(1, 1, rows, cols);
  range.setValues(plan.values);
  range.setNumberFormats(plan.numberFormats.map((r) => r.map((f) => f || 'General')));
  range.setBackgrounds(plan.backgrounds);
  range.setFontWeights(plan.fontWeights);
  if (plan.notes) range.setNotes(plan.notes);
  for (const m of plan.merges) sheet.getRange(m.row, m.col, m.numRows, m.numCols).merge();
  for (const w of plan.wraps) sheet.getRange(w.row, w.col, w.numRows, w.numCols).setWrap(true);
  for (const w of plan.columnWidths) sheet.setColumnWidths(w.start, w.count, w.width);
  for (const b of plan.borders ?? [])
    sheet.getRange(b.row, b.col, b.numRows, b.numCols).setBorder(true, true, true, true, true, true);
  const dashed = plan.dashedInnerRows;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: one row has no lines between rows to dash
  if (dashed && dashed.numRows > 1) {
    sheet
      .getRange(dashed.row, dashed.col, dashed.numRows, dashed.numCols)
      .setBorder(null, null, null, null, null, true, '#000000', SpreadsheetApp.BorderStyle.DASHED);
  }
  for (const h of plan.rowHeights ?? []) sheet.setRowHeights(h.start, h.count, h.height);
  for (const a of plan.alignments ?? []) {
    const range = sheet.getRange(a.row, a.col, a.numRows, a.numCols);
    if (a.horizontal) range.setHorizontalAlignment(a.horizontal);
    if (a.vertical) range.setVerticalAlignment(a.vertical);
  }
  for (const f of plan.fontSizes ?? []) sheet.getRange(f.row, f.col, f.numRows, f.numCols).setFontSize(f.size);
  sheet.setFrozenRows(plan.frozenRows);
  if (plan.hiddenColumns) sheet.hideColumns(plan.hiddenColumns.start, plan.hiddenColumns.count);
}

/**
 * Puts a fully written tab in place of the old one: the old tab steps aside
 * under another name, the new one takes the name, then the old one goes; a
 * failure before the end puts the old tab back.
 */
export function swapIn(book: Spreadsheet, temp: Sheet, old: Sheet | null, name: string): void {
  if (old) old.setName(`${name} (прежняя)`);
  try {
    temp.setName(name);
  } catch (error) {
    if (old) old.setName(name);
    try {
      book.deleteSheet(temp);
    } catch {
      // the temporary name shows what it is
    }
    throw error;
  }
  if (old) book.deleteSheet(old);
}

/**
 * Writes `plan` as the tab `name` without ever leaving a half-written tab: it
 * is built under a temporary name, protected for the director, checked by
 * `afterWrite` (tests inject a failure there), and only then swapped in for the
 * old tab, which stays untouched if anything fails before. Returns the new tab.
 */
export function replaceTabWithPlan(
  book: Spreadsheet,
  name: string,
  plan: SheetPlan,
  protection: { description: string; directorEmails: readonly string[] },
  afterWrite?: () => void,
): Sheet {
  const old = book.getSheetByName(name);
  const tempName = `${name} (расчёт)`;
  const stale = book.getSheetByName(tempName);
  if (stale) book.deleteSheet(stale);
  const temp = book.insertSheet(tempName);
  try {
    writePlan(temp, plan);
    protectForDirector(temp, protection.description, protection.directorEmails);
    afterWrite?.();
  } catch (error) {
    try {
      book.deleteSheet(temp);
    } catch {
      // nothing more can be done; the temporary name shows what it is
    }
    throw error;
  }
  swapIn(book, temp, old, name);
  book.setActiveSheet(temp);
  return temp;
}

export interface ComputeResult {
  sheetName: string;
  rows: number;
  errors: number;
  /** К выплате over the computable rows, kopecks */
  toPay: number;
  replaced: boolean;
  /** when and where pay data of the month changed after the previous calculation (the new one includes it), else null */
  changedSince: PayDataChange | null;
  /** the spreadsheet the tab went to, when it is the director's separate one */
  separateBook: { name: string; url: string } | null;
}

/**
 * Computes a month and writes its tab. `afterWrite` runs once the temporary
 * tab is written and before the swap (tests use it to inject a failure).
 */
export function computePayrollTab(ctx: PayrollContext, month: YearMonth, afterWrite?: () => void): ComputeResult {
  ctx.requireDirector();
  const name = payrollSheetName(month.year, month.month);
  const book = ctx.book;
  const old = book.getSheetByName(name);
  const closed = ctx.closedEntries();
  if (isClosed(closed, month) || isClosedSheet(old) || isClosedSheet(ctx.otherBookPayrollSheet(month))) {
    throw new DomainError(
      `Месяц ${monthLabel(month)} закрыт: ведомость заморожена и пересчёту не подлежит. ` +
        'Если нужен перерасчёт, начислите разницу в ведомости следующего месяца.',
    );
  }
  const changedSince = changedSinceComputed(monthKey(month));
  ctx.toast('Чтение листов…');
  const { payroll, staff } = readAndCompute(ctx, month, closed);
  ctx.toast('Запись ведомости…');
  const built = buildPayrollSheetPlan({ payroll, settings: ctx.settings, staff, today: ctx.today }).plan;
  const separate = isSeparateBook(ctx.ss, book);
  const plan = separate ? valuesWithFormulaNotes(built) : built;
  replaceTabWithPlan(
    book,
    name,
    plan,
    { description: openProtectionDescription(month), directorEmails: ctx.directorEmails() },
    afterWrite,
  );
  const errors = payroll.rows.filter((r) => !r.ok).length;
  // one hold of the lock for the mark of the calculation and its «Журнал» row
  withDocumentLock(() => {
    markComputedLocked(monthKey(month), ctx.now);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: old ? 'Пересчёт зарплаты' : 'Расчёт зарплаты',
          sheet: name,
          id: monthKey(month),
          field: '',
          before: '',
          // every editor can read «Журнал»: the amount stays in the director's spreadsheet
          after: separate ? '' : (payroll.totals.toPay / 100).toFixed(2),
          comment:
            `строк: ${payroll.rows.length}, не рассчитано: ${errors}` +
            (separate ? '; ведомость в отдельной таблице директора' : ''),
        },
      ],
      ctx.now,
    );
  });
  return {
    sheetName: name,
    rows: payroll.rows.length,
    errors,
    toPay: payroll.totals.toPay,
    replaced: old !== null,
    changedSince: old !== null ? changedSince : null,
    separateBook: separate ? { name: book.getName(), url: book.getUrl() } : null,
  };
}

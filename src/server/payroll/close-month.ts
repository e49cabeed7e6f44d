/**
 * «Зарплата → Закрыть месяц»: the month's tab is frozen (values replace
 * formulas, in one getValues and one setValues), protected for the director,
 * and each employee's income, deductions and НДФЛ are recorded for the НДФЛ of
 * the later months of the year. Later edits of plans or deals cannot change it.
 */
import { monthKey, type YearMonth } from '../../domain/calendar';
import { parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError, rublesToKopecks } from '../../domain/money';
import { payrollSheetName } from '../../domain/workbook/schema';
import { appendLogLocked } from '../../adapter/audit-log';
import { ensureGridRows } from '../../adapter/grid';
import { safeCellText } from '../../adapter/safe-text';
import { SheetDates } from '../../adapter/sheet-dates';
import { CLOSED_MONTHS_HEADERS, CLOSED_MONTHS_SHEET, type ClosedMonthEntry, closedRow } from './closed-months';
import { CLOSED_PROTECTION_PREFIX, isClosedSheet } from './compute-month';
import { protectForDirector } from './payroll-book';
import { payrollColumns, isClosed, monthLabel, type PayrollContext } from './payroll-context';
import { HELPER_HEADERS, TOTALS_LABEL } from './payroll-sheet-plan';

/** The employees' rows of a payroll tab's values: from below the header row to the totals row. */
export function payrollEntries(
  values: readonly unknown[][],
  month: YearMonth,
): {
  entries: ClosedMonthEntry[];
  problems: string[];
} {
  const { firstDataAt, col } = payrollColumns(values);
  const c = {
    tabNo: col('Таб. №'),
    name: col('ФИО'),
    accrued: col('Всего начислено'),
    ndflAdvance: col('НДФЛ с аванса'),
    ndflFinal: col('НДФЛ при окончательном расчёте'),
    advance: col(HELPER_HEADERS.advance),
    advanceDate: col(HELPER_HEADERS.advanceDate),
    paymentDate: col(HELPER_HEADERS.paymentDate),
    advanceDeduction: col(HELPER_HEADERS.advanceDeduction),
    finalDeduction: col(HELPER_HEADERS.finalDeduction),
  };
  const kop = (v: unknown) => (typeof v === 'number' ? rublesToKopecks(v) : 0);
  const entries: ClosedMonthEntry[] = [];
  const problems: string[] = [];
  for (let i = firstDataAt; i < values.length; i++) {
    const row = values[i];
    if (textOf(row[c.name]) === TOTALS_LABEL) break;
    const accrued = row[c.accrued];
    if (typeof accrued !== 'number' || typeof row[c.ndflAdvance] !== 'number' || typeof row[c.ndflFinal] !== 'number') {
      problems.push(`строка ${i + 1} (${textOf(row[c.name])}) не рассчитана`);
      continue;
    }
    entries.push({
      month: monthKey(month),
      tabNo: textOf(row[c.tabNo]),
      name: textOf(row[c.name]),
      income: rublesToKopecks(accrued),
      deductions: kop(row[c.advanceDeduction]) + kop(row[c.finalDeduction]),
      tax: kop(row[c.ndflAdvance]) + kop(row[c.ndflFinal]),
      advance: kop(row[c.advance]),
      advanceTax: kop(row[c.ndflAdvance]),
      advanceDate: parseDateValue(row[c.advanceDate]),
      paymentDate: parseDateValue(row[c.paymentDate]),
    });
  }
  return { entries, problems };
}

const CLOSED_MONTHS_PROTECTION = 'Начисления закрытых месяцев: только директор';

/**
 * Creates the closed months' tab before the first closing, so the director can
 * type in the months of this year paid before the add-on was used (НДФЛ is
 * cumulative since 1 January). Returns a line for the setup report, or null.
 */
export function prepareClosedMonths(ctx: PayrollContext): string | null {
  ctx.requireDirector();
  const existed = ctx.book.getSheetByName(CLOSED_MONTHS_SHEET) !== null;
  protectForDirector(ctx.closedMonthsSheet(), CLOSED_MONTHS_PROTECTION, ctx.directorEmails());
  return existed
    ? null
    : `Создан скрытый лист «${CLOSED_MONTHS_SHEET}»: если учёт в надстройке начат не с января, ` +
        'впишите в него начисления, вычеты и НДФЛ прежних месяцев года (строка на сотрудника и месяц)';
}

/** Closes a month; returns the number of employees recorded. */
export function closeMonth(ctx: PayrollContext, month: YearMonth): number {
  ctx.requireDirector();
  const name = payrollSheetName(month.year, month.month);
  const sheet = ctx.payrollSheet(month);
  if (isClosedSheet(sheet) || isClosedSheet(ctx.otherBookPayrollSheet(month)) || isClosed(ctx.closedEntries(), month)) {
    throw new DomainError(`Месяц ${monthLabel(month)} уже закрыт.`);
  }
  if (!sheet)
    throw new DomainError(`Нет листа «${name}»: сначала рассчитайте месяц (Зарплата → «Рассчитать за месяц…»).`);
  ctx.toast('Закрытие месяца…');
  const range = sheet.getDataRange();
  const values = range.getValues();
  const dates = SheetDates.of(ctx.book);
  const { entries, problems } = payrollEntries(dates.grid(values), month);
  if (problems.length > 0) {
    throw new DomainError(
      `Месяц ${monthLabel(month)} нельзя закрыть: ${problems.join('; ')}. ` +
        'Исправьте причины, указанные в строках ведомости, и рассчитайте месяц заново.',
    );
  }
  // values replace formulas; text read back is quoted again so «0007» stays text
  range.setValues(values.map((row) => row.map((v) => safeCellText(v))));
  protectForDirector(
    sheet,
    `${CLOSED_PROTECTION_PREFIX} ${monthLabel(month)}: изменяет только директор`,
    ctx.directorEmails(),
  );

  const closedSheet = ctx.closedMonthsSheet();
  // a tab made before the payment dates were recorded gets their headers
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a complete header row written again is the same
  if (closedSheet.getLastColumn() < CLOSED_MONTHS_HEADERS.length) {
    closedSheet.getRange(1, 1, 1, CLOSED_MONTHS_HEADERS.length).setValues([[...CLOSED_MONTHS_HEADERS]]);
  }
  const first = closedSheet.getLastRow() + 1;
  if (entries.length > 0) {
    ensureGridRows(closedSheet, first + entries.length - 1);
    closedSheet
      .getRange(first, 1, entries.length, CLOSED_MONTHS_HEADERS.length)
      .setValues(entries.map((e) => dates.row(closedRow(e, ctx.now, ctx.user))));
  }
  protectForDirector(closedSheet, CLOSED_MONTHS_PROTECTION, ctx.directorEmails());
  appendLogLocked(
    ctx.ss,
    [
      {
        user: ctx.user,
        action: 'Закрытие месяца',
        sheet: name,
        id: monthKey(month),
        field: '',
        before: 'открыт',
        after: 'закрыт',
        comment: `сотрудников: ${entries.length}`,
      },
    ],
    ctx.now,
  );
  return entries.length;
}

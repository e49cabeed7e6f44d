/**
 * «Зарплата → Расчётные листки»: a расчётный листок (ТК ст. 136) for each
 * employee of a month, taken from the month's ведомость so that both always
 * agree: the parts of pay with their basis, the deductions with their grounds,
 * the advance already paid, the amount to pay and the days worked. Each slip is
 * one row of the tab, its cells holding a line per part: Sheets' printing and
 * the PDF export never split a row across pages, so a slip always stays whole,
 * and a dashed line between two slips is where to cut. The tab is built by a
 * pure plan and written in a constant number of calls.
 */
import type { YearMonth } from '../../domain/calendar';
import { parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError, type Kopecks, rublesToKopecks } from '../../domain/money';
import { kpiShare } from '../../domain/payroll/kpi-bonus';
import { type PayslipData, type PayslipKpi, payslipText } from '../../domain/payroll/payslip';
import { payrollSheetName } from '../../domain/workbook/schema';
import { safeCellText } from '../../adapter/safe-text';
import { SheetDates } from '../../adapter/sheet-dates';
import { isClosed, payrollColumns, monthLabel, type PayrollContext } from './payroll-context';
import {
  HELPER_HEADERS,
  monthTitle,
  type PlanCell,
  type SheetPlan,
  TOTALS_LABEL,
  widthGroups,
} from './payroll-sheet-plan';
import { isClosedSheet, replaceTabWithPlan } from './compute-month';

/** The payslips tab of a month: «Расчётные листки 03.2026». */
export function payslipSheetName(month: YearMonth): string {
  return `Расчётные листки ${monthLabel(month)}`;
}

/** The printed columns: whose slip, the kind of pay, the amount, the basis. */
const PRINTED = 4;
/** Hidden after them: the «Таб. №» and the amount to pay of the row's slip, for the mailing and for checks. */
export const PAYSLIP_TABNO_COL = PRINTED + 1;
export const PAYSLIP_TOPAY_COL = PRINTED + 2;
const WIDTH = PAYSLIP_TOPAY_COL;

/**
 * Widths of the printed columns in pixels: the basis holds BASIS_LINE_CHARS
 * characters a line at 10 pt with room to spare, and all four (1 050 px) fit A4 landscape between
 * its margins without scaling down.
 */
export const PAYSLIP_COLUMN_WIDTHS = [215, 150, 100, 585] as const;

/** The page the payslips are printed on: A4 landscape, two slips to a page as a rule. */
export const PAYSLIP_PAGE = {
  landscape: true,
  margins: { top: 0.4, bottom: 0.5, left: 0.3, right: 0.3 },
} as const;

/** One slip of the tab: its employee and its row (1-based). */
export interface PayslipRow {
  tabNo: string;
  name: string;
  row: number;
  /** kopecks */
  toPay: Kopecks;
}

const money = (v: unknown): Kopecks => (typeof v === 'number' ? rublesToKopecks(v) : 0);
const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/** The KPI names and percents of the ведомость's parameters block (row «KPI» and the row under it). */
function kpiParameters(values: readonly unknown[][]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const at = values.findIndex((row) => textOf(row[0]) === 'KPI');
  if (at < 0) return out;
  values[at].forEach((cell, c) => {
    if (c === 0 || textOf(cell) === '') return;
    const percent = values[at + 1]?.[c];
    out.set(textOf(cell), typeof percent === 'number' ? percent : null);
  });
  return out;
}

/** The МРОТ of the parameters block: the first number on the row whose label starts with «МРОТ». */
function mrotParameter(values: readonly unknown[][]): Kopecks | null {
  const row = values.find((r) => textOf(r[0]).startsWith('МРОТ'));
  const value = row?.slice(1).find((v) => typeof v === 'number');
  return typeof value === 'number' ? rublesToKopecks(value) : null;
}

/** Every computed employee of a payroll tab's values, as the slips need them. */
export function payslipData(
  values: readonly unknown[][],
  month: YearMonth,
  organisation: string,
  sourceName: string,
): PayslipData[] {
  const { firstDataAt, headerAt, col } = payrollColumns(values);
  const headers = values[headerAt].map((h) => textOf(h));
  const kpiParams = kpiParameters(values);
  const mrot = mrotParameter(values);
  const out: PayslipData[] = [];
  for (let i = firstDataAt; i < values.length; i++) {
    const row = values[i];
    const get = (h: string) => row[col(h)];
    const helper = (h: string) => {
      const c = headers.indexOf(h);
      return c < 0 ? undefined : row[c];
    };
    const optionalCell = helper;
    if (textOf(get('ФИО')) === TOTALS_LABEL) break;
    if (typeof get('Всего начислено') !== 'number') continue;
    const kpis: PayslipKpi[] = [...kpiParams].map(([name, percent]) => {
      const factCell = helper(`Факт: ${name}`);
      const fact = typeof factCell === 'number' ? factCell : null;
      const target = numberOr(helper(`Цель: ${name}`), 0);
      const met = kpiShare({ fact, target, percent: 1, mode: 'threshold' }) > 0;
      return { name, fact, target, percent, met };
    });
    const fulfilment = get('% выполнения');
    const rate = get('Ставка');
    const plan = get('План');
    const daysWorked = numberOr(get('Отработано дней'), 0);
    const probationDays = numberOr(helper(HELPER_HEADERS.probationDays), 0);
    const dateOf = (h: string) => {
      const v = helper(h);
      return v === undefined ? null : parseDateValue(v);
    };
    out.push({
      organisation,
      monthTitle: monthTitle(month),
      tabNo: textOf(get('Таб. №')),
      name: textOf(get('ФИО')),
      category: textOf(get('Категория')),
      salaryOrRate: money(get('Оклад / ставка в день')),
      norm: numberOr(get('Норма дней'), 0),
      daysWorked,
      probationDays,
      salaryDays: numberOr(helper(HELPER_HEADERS.salaryDays), daysWorked - probationDays),
      base: money(get('Начислено по окладу / по ставке')),
      plan: typeof plan === 'number' ? rublesToKopecks(plan) : null,
      sales: money(get('Продажи')),
      fulfilment: typeof fulfilment === 'number' ? fulfilment : null,
      rate: typeof rate === 'number' ? rate : null,
      planBonus: money(get('Премия за план')),
      noBonusReason: textOf(helper(HELPER_HEADERS.noBonusReason)),
      kpiBonus: money(get('Премия KPI')),
      kpis,
      mrot,
      mrotTopup: money(get('Доплата до МРОТ')),
      holidayPay: money(optionalCell('Работа в выходные и праздники')),
      holidayDays: numberOr(helper(HELPER_HEADERS.holidayDays), 0),
      accrued: money(get('Всего начислено')),
      ndflAdvance: money(optionalCell('НДФЛ с аванса')),
      ndflFinal: money(optionalCell('НДФЛ при окончательном расчёте')),
      ndflUnwithheld: money(helper(HELPER_HEADERS.unwithheld)),
      advanceDeduction: money(helper(HELPER_HEADERS.advanceDeduction)),
      finalDeduction: money(helper(HELPER_HEADERS.finalDeduction)),
      childDeduction: money(helper(HELPER_HEADERS.childDeduction)),
      advance: money(get('Аванс выплачен')),
      advanceDate: dateOf(HELPER_HEADERS.advanceDate),
      toPay: money(get('К выплате')),
      payDate: dateOf(HELPER_HEADERS.paymentDate),
      source: `${sourceName}, строка ${i + 1}`,
    });
  }
  return out;
}

/** The payslips of every computed row of a payroll tab's values: one row each. */
export function buildPayslipPlan(
  values: readonly unknown[][],
  month: YearMonth,
  organisation: string,
  sourceName: string,
): { plan: SheetPlan; count: number; slips: PayslipRow[] } {
  const data = payslipData(values, month, organisation, sourceName);
  if (data.length === 0) throw new DomainError(`В ведомости «${sourceName}» нет рассчитанных строк.`);
  const text = (t: string): PlanCell => safeCellText(t);
  const out: PlanCell[][] = [];
  const slips: PayslipRow[] = [];
  for (const d of data) {
    const t = payslipText(d);
    out.push([
      text(t.identity.join('\n')),
      text(t.kinds.join('\n')),
      text(t.amounts.join('\n')),
      text(t.bases.join('\n')),
      text(d.tabNo),
      d.toPay / 100,
    ]);
    slips.push({ tabNo: d.tabNo, name: d.name, row: out.length, toPay: d.toPay });
  }
  const n = out.length;
  const block = { row: 1, col: 1, numRows: n, numCols: PRINTED };
  return {
    count: n,
    slips,
    plan: {
      values: out,
      numberFormats: out.map(() => [...Array<string>(PRINTED + 1).fill(''), '#,##0.00']),
      backgrounds: out.map(() => Array<string | null>(WIDTH).fill(null)),
      fontWeights: out.map(() => Array<'bold' | 'normal'>(WIDTH).fill('normal')),
      merges: [],
      frozenRows: 0,
      wraps: [block],
      columnWidths: widthGroups(PAYSLIP_COLUMN_WIDTHS),
      hiddenColumns: { start: PAYSLIP_TABNO_COL, count: 2 },
      borders: [block],
      dashedInnerRows: block,
      alignments: [
        { ...block, vertical: 'top' },
        { row: 1, col: 3, numRows: n, numCols: 1, horizontal: 'right' },
      ],
    },
  };
}

/**
 * The slips of an existing payslips tab, read back from its hidden columns
 * (a closed month's tab is frozen and not rebuilt); null when the tab is not of
 * this layout.
 */
export function slipsOfTab(values: readonly unknown[][]): PayslipRow[] | null {
  const out: PayslipRow[] = [];
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    const tabNo = textOf(row[PAYSLIP_TABNO_COL - 1]);
    const toPay = row[PAYSLIP_TOPAY_COL - 1];
    if (!textOf(row[0]).startsWith('Расчётный листок за')) continue;
    if (tabNo === '' || typeof toPay !== 'number') return null;
    out.push({ tabNo, name: textOf(row[0]).split('\n')[3] ?? '', row: i + 1, toPay: rublesToKopecks(toPay) });
  }
  return out.length > 0 ? out : null;
}

/** Builds the payslips tab of a month from its ведомость; replaces an older one. */
export function makePayslips(
  ctx: PayrollContext,
  month: YearMonth,
): { sheetName: string; count: number; slips: PayslipRow[]; sheet: GoogleAppsScript.Spreadsheet.Sheet } {
  ctx.requireDirector();
  const sourceName = payrollSheetName(month.year, month.month);
  const source = ctx.payrollSheet(month);
  if (!source) {
    throw new DomainError(`Нет листа «${sourceName}»: сначала рассчитайте месяц (Зарплата → «Рассчитать за месяц…»).`);
  }
  const name = payslipSheetName(month);
  // a closed month's payslips are frozen with it: what was handed out stays as it was
  if (ctx.book.getSheetByName(name) && (isClosedSheet(source) || isClosed(ctx.closedEntries(), month))) {
    throw new DomainError(
      `Месяц ${monthLabel(month)} закрыт: расчётные листки «${name}» заморожены вместе с ведомостью и не пересоздаются.`,
    );
  }
  ctx.toast('Расчётные листки…');
  const { plan, count, slips } = buildPayslipPlan(
    SheetDates.of(ctx.book).grid(source.getDataRange().getValues()),
    month,
    ctx.settings.organisation,
    sourceName,
  );
  const sheet = replaceTabWithPlan(ctx.book, name, plan, {
    description: `Расчётные листки ${monthLabel(month)}: изменяет только директор`,
    directorEmails: ctx.directorEmails(),
  });
  return { sheetName: name, count, slips, sheet };
}

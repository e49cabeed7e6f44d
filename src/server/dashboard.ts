/**
 * «Дашборд» (domain section 1, issue item 6): data blocks and real charts of
 * the funnel by stage, conversion and plan fulfilment by specialist, and sales
 * and margin by month. The sources are read in one call per tab, the blocks
 * written in one call, and the previous charts replaced, so a refresh costs
 * the same number of service calls whatever the size of the workbook.
 */
import { addMonths, monthKey, type YearMonth } from '../domain/calendar';
import { isBlankValue, parseAmountValue } from '../domain/crm/values';
import { safeRow } from '../adapter/safe-text';
import { SheetDates } from '../adapter/sheet-dates';
import { DomainError, kopecksToRubles, type Kopecks, rublesToKopecks } from '../domain/money';
import { DealIndex, normaliseEmail, type SalesBy } from '../domain/payroll/deal-index';
import type { DealRecord, PlanRecord, StaffRecord } from '../domain/payroll/inputs';
import { SPECIALIST_POSITION } from '../domain/payroll/month';
import { defaultSettings, parseSettings } from '../domain/settings';
import { ALL_STAGES, LOST_STAGE, SHEETS } from '../domain/workbook/schema';
import { dealRecords, planRecords, SourceGrid, staffRecords } from './payroll/source-records';
import { analysisData, lastClosedMonth, type Period } from '../domain/crm/analysis';
import {
  ANALYSIS_WIDTH,
  analysisClients,
  analysisDeals,
  analysisLayout,
  historyEntries,
  optionalGrid,
} from './dashboard-analysis';

/** Months in the sales and margin block (and the window of the conversion block). */
export const DASHBOARD_MONTHS = 14;

/** A deal as the funnel block needs it: its stage and its best-known amount. */
export interface FunnelDeal {
  stage: string;
  /** «Сумма договора», else «Сумма КП», else «Потенциал» (kopecks), else 0 */
  amount: Kopecks;
}

export interface DashboardInput {
  deals: readonly DealRecord[];
  funnel: readonly FunnelDeal[];
  staff: readonly StaffRecord[];
  /** «Планы» rows of the current month */
  plans: readonly PlanRecord[];
  salesBy: SalesBy;
  /** the current month: the plan block's month and the last month of the others */
  month: YearMonth;
}

export interface DashboardData {
  funnel: Array<{ stage: string; count: number; amount: Kopecks }>;
  conversion: Array<{ name: string; won: number; lost: number; rate: number | null }>;
  plan: Array<{ name: string; plan: Kopecks | null; sales: Kopecks; fulfilment: number | null }>;
  months: Array<{ label: string; sales: Kopecks; margin: Kopecks }>;
}

function monthLabel(ym: YearMonth): string {
  return `${String(ym.month).padStart(2, '0')}.${ym.year}`;
}

function firstDay(ym: YearMonth): Date {
  return new Date(ym.year, ym.month - 1, 1);
}

/** Specialists employed at some point of the month, in the order of «Сотрудники». */
function specialists(staff: readonly StaffRecord[], month: YearMonth): StaffRecord[] {
  const start = firstDay(month);
  const end = firstDay(addMonths(month, 1));
  return staff.filter(
    (p) =>
      p.position === SPECIALIST_POSITION &&
      p.email !== '' &&
      (!p.hireDate || p.hireDate < end) &&
      (!p.dismissalDate || p.dismissalDate >= start),
  );
}

/**
 * The dashboard's numbers. Sales, margin, won and lost follow the payroll's
 * rules (DealIndex): sales are «Сумма договора» counted by contract or payment
 * date as «Настройки» say; won is a signed contract, lost is «Отказ».
 */
export function dashboardData(input: DashboardInput): DashboardData {
  const funnel = ALL_STAGES.map((stage) => {
    const deals = input.funnel.filter((d) => d.stage === stage);
    return { stage, count: deals.length, amount: deals.reduce((sum, d) => sum + d.amount, 0) };
  });

  const index = new DealIndex(input.deals, input.salesBy);
  const window = Array.from({ length: DASHBOARD_MONTHS }, (_, i) => addMonths(input.month, i - DASHBOARD_MONTHS + 1));
  const people = specialists(input.staff, input.month);

  const conversion = people.map((p) => {
    let won = 0;
    let lost = 0;
    for (const ym of window) {
      const closed = index.closed(p.email, ym);
      won += closed.won;
      lost += closed.lost;
    }
    return { name: p.name, won, lost, rate: won + lost > 0 ? won / (won + lost) : null };
  });

  const plans = new Map(input.plans.map((r) => [r.tabNo, r.plan]));
  const plan = people.map((p) => {
    const planned = plans.get(p.tabNo) ?? null;
    const sales = index.sales(p.email, input.month);
    return {
      name: p.name,
      plan: planned,
      sales,
      fulfilment: planned !== null && planned > 0 ? sales / planned : null,
    };
  });

  // every deal counts in the monthly totals, whoever is responsible for it
  const totals = new Map<string, { sales: Kopecks; margin: Kopecks }>();
  for (const deal of input.deals) {
    if (deal.stage === LOST_STAGE || !deal.contractDate || deal.contractAmount === null) continue;
    const date = input.salesBy === 'contract' ? deal.contractDate : deal.paymentDate;
    if (!date) continue;
    const key = monthKey({ year: date.getFullYear(), month: date.getMonth() + 1 });
    const t = totals.get(key) ?? { sales: 0, margin: 0 };
    t.sales += deal.contractAmount;
    t.margin += deal.contractAmount - (deal.cost ?? 0);
    totals.set(key, t);
  }
  const months = window.map((ym) => {
    const t = totals.get(monthKey(ym));
    return { label: monthLabel(ym), sales: t?.sales ?? 0, margin: t?.margin ?? 0 };
  });

  return { funnel, conversion, plan, months };
}

/** The four charts: which block, what kind, and which of the block's columns they plot. */
export type DashboardChartKind = 'BAR' | 'COLUMN' | 'LINE' | 'PIE';

export interface DashboardChartSpec {
  title: string;
  kind: DashboardChartKind;
  /** A1 ranges on the dashboard tab: the labels column first, then the series */
  ranges: string[];
}

export interface DashboardLayout {
  values: Array<Array<string | number>>;
  formats: string[][];
  /** 1-based rows of block titles and of header rows (bold) */
  titleRows: number[];
  headerRows: number[];
  charts: DashboardChartSpec[];
}

export const DASHBOARD_WIDTH = 4;
const MONEY_FORMAT = '#,##0.00';
const PERCENT_FORMAT = '0%';
const COUNT_FORMAT = '0';

/**
 * The blocks stacked in columns A–D, one blank row between them, as one grid
 * (one write), and the chart specs over their ranges.
 */
export function dashboardLayout(data: DashboardData, month: YearMonth, updated: string): DashboardLayout {
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const charts: DashboardChartSpec[] = [];
  const push = (row: Array<string | number>, format: string[] = []) => {
    const full = [...row];
    while (full.length < DASHBOARD_WIDTH) full.push('');
    values.push(full);
    formats.push(Array.from({ length: DASHBOARD_WIDTH }, (_, i) => format[i] ?? '@'));
    return values.length;
  };
  const blank = (v: number | null, fmt: string): [string | number, string] => (v === null ? ['', '@'] : [v, fmt]);

  titleRows.push(push([`Дашборд: обновлено ${updated}`]));

  const block = (
    title: string,
    headers: string[],
    rows: Array<Array<[string | number, string]>>,
    chart: { title: string; kind: DashboardChartKind; columns: number[] },
  ): void => {
    push([]);
    titleRows.push(push([title]));
    const headerRow = push(headers);
    headerRows.push(headerRow);
    for (const row of rows)
      push(
        row.map((c) => c[0]),
        row.map((c) => c[1]),
      );
    if (rows.length === 0) {
      push(['Нет данных']);
      return;
    }
    const last = headerRow + rows.length;
    const letter = (col: number) => String.fromCharCode(64 + col);
    // contiguous columns go as one range, as Sheets would record them
    const cols = [1, ...chart.columns];
    const contiguous = cols.every((c, i) => i === 0 || c === cols[i - 1] + 1);
    const ranges = contiguous
      ? [`A${headerRow}:${letter(cols[cols.length - 1])}${last}`]
      : cols.map((c) => `${letter(c)}${headerRow}:${letter(c)}${last}`);
    charts.push({ title: chart.title, kind: chart.kind, ranges });
  };

  block(
    'Воронка продаж по этапам',
    ['Этап', 'Сделок', 'Сумма, руб.'],
    data.funnel.map((f) => [
      [f.stage, '@'],
      [f.count, COUNT_FORMAT],
      [kopecksToRubles(f.amount), MONEY_FORMAT],
    ]),
    { title: 'Воронка продаж: сделок на этапе', kind: 'BAR', columns: [2] },
  );
  block(
    `Конверсия по специалистам за ${DASHBOARD_MONTHS} мес.`,
    ['Специалист', 'Выиграно', 'Проиграно', 'Конверсия'],
    data.conversion.map((c) => [
      [c.name, '@'],
      [c.won, COUNT_FORMAT],
      [c.lost, COUNT_FORMAT],
      blank(c.rate, PERCENT_FORMAT),
    ]),
    { title: 'Конверсия: выиграно ÷ закрыто', kind: 'COLUMN', columns: [4] },
  );
  block(
    `Выполнение плана за ${monthLabel(month)}`,
    ['Специалист', 'План, руб.', 'Продажи, руб.', 'Выполнение'],
    data.plan.map((p) => [
      [p.name, '@'],
      blank(p.plan === null ? null : kopecksToRubles(p.plan), MONEY_FORMAT),
      [kopecksToRubles(p.sales), MONEY_FORMAT],
      blank(p.fulfilment, PERCENT_FORMAT),
    ]),
    { title: `Выполнение плана за ${monthLabel(month)}`, kind: 'COLUMN', columns: [4] },
  );
  block(
    `Продажи и маржа по месяцам (${DASHBOARD_MONTHS} мес.)`,
    ['Месяц', 'Продажи, руб.', 'Маржа, руб.'],
    data.months.map((m) => [
      [m.label, '@'],
      [kopecksToRubles(m.sales), MONEY_FORMAT],
      [kopecksToRubles(m.margin), MONEY_FORMAT],
    ]),
    { title: 'Продажи и маржа по месяцам', kind: 'LINE', columns: [2, 3] },
  );
  return { values, formats, titleRows, headerRows, charts };
}

function amountOrNull(value: unknown): Kopecks | null {
  if (isBlankValue(value)) return null;
  const rubles = parseAmountValue(value);
  return rubles === null ? null : rublesToKopecks(rubles);
}

/** Stage and best-known amount of every deal of «Сделки». */
function funnelDeals(grid: SourceGrid): FunnelDeal[] {
  const stage = grid.col('Этап');
  const amounts = ['Сумма договора, руб.', 'Сумма КП, руб.', 'Потенциал, руб.'].map((h) => grid.optionalCol(h));
  return grid.rows().map(({ row }) => {
    const amount = amounts.map((i) => (i < 0 ? null : amountOrNull(row[i]))).find((a) => a !== null);
    return { stage: String(row[stage] ?? '').trim(), amount: amount ?? 0 };
  });
}

function gridOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): SourceGrid {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new DomainError(`Нет листа «${name}». Запустите меню CRM → «Настроить таблицу».`);
  return new SourceGrid(name, SheetDates.of(ss).grid(sheet.getDataRange().getValues()));
}

/** Chart sizes in pixels and the column where the charts stand, right of the blocks. */
const CHART_WIDTH = 560;
const CHART_HEIGHT = 320;
const CHART_COLUMN = 9;
const CHART_ROW_STEP = 18;

/** The current state's numbers (funnel, conversion, this month's plan so far) and the sources read for them. */
export function currentDashboardData(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date) {
  const dates = SheetDates.of(ss);
  // the month the spreadsheet's people are in, whatever the script's zone
  const today = dates.today(now);
  const month: YearMonth = { year: today.getFullYear(), month: today.getMonth() + 1 };
  const settingsSheet = ss.getSheetByName(SHEETS.settings);
  const settings = settingsSheet
    ? parseSettings(dates.grid(settingsSheet.getDataRange().getValues()))
    : defaultSettings();
  const deals = gridOf(ss, SHEETS.deals);
  const staff = staffRecords(gridOf(ss, SHEETS.staff));
  const data = dashboardData({
    deals: dealRecords(deals),
    funnel: funnelDeals(deals),
    staff,
    plans: planRecords(gridOf(ss, SHEETS.plans), monthKey(month), []),
    salesBy: settings.salesBy,
    month,
  });
  return { month, settings, deals, staff, data };
}

/**
 * Refreshes «Дашборд» as of `now`: reads the sources, writes the blocks in one
 * call, the analysis of `period` (the month just closed by default) below them
 * in another, and replaces the charts. Returns what it wrote, for the caller and the tests.
 */
export function refreshDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: Date,
  period: Period = lastClosedMonth(SheetDates.of(ss).today(now)),
): DashboardLayout {
  const { month, settings, deals, staff, data } = currentDashboardData(ss, now);
  const updated = Utilities.formatDate(now, ss.getSpreadsheetTimeZone(), 'dd.MM.yyyy HH:mm');
  const layout = dashboardLayout(data, month, updated);

  const sheet = ss.getSheetByName(SHEETS.dashboard) ?? ss.insertSheet(SHEETS.dashboard);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const range = sheet.getRange(1, 1, layout.values.length, DASHBOARD_WIDTH);
  range.setNumberFormats(layout.formats).setValues(layout.values.map((row) => safeRow(row)));
  // a fixed number of blocks, so these calls do not grow with the data
  for (const r of layout.titleRows) sheet.getRange(r, 1).setFontWeight('bold');
  for (const r of layout.headerRows)
    sheet.getRange(r, 1, 1, DASHBOARD_WIDTH).setFontWeight('bold').setBackground('#e8eaed');
  const analysis = analysisLayout(
    analysisData({
      clients: analysisClients(optionalGrid(ss, SHEETS.clients)),
      deals: analysisDeals(deals),
      history: historyEntries(optionalGrid(ss, SHEETS.stageHistory)),
      names: new Map(staff.map((p) => [normaliseEmail(p.email), p.name])),
      salesBy: settings.salesBy,
      period,
    }),
    layout.values.length + 2,
  );
  const first = layout.values.length + 2;
  sheet
    .getRange(first, 1, analysis.values.length, ANALYSIS_WIDTH)
    .setNumberFormats(analysis.formats)
    .setValues(analysis.values);
  for (const r of analysis.titleRows) sheet.getRange(r, 1).setFontWeight('bold');
  for (const r of analysis.headerRows)
    sheet.getRange(r, 1, 1, ANALYSIS_WIDTH).setFontWeight('bold').setBackground('#e8eaed').setWrap(true);
  sheet.setColumnWidth(1, 260);
  sheet.setColumnWidths(2, ANALYSIS_WIDTH - 1, 110);

  [...layout.charts, ...analysis.charts].forEach((spec, i) => {
    let builder = sheet.newChart().setChartType(Charts.ChartType[spec.kind]);
    for (const a1 of spec.ranges) builder = builder.addRange(sheet.getRange(a1));
    const chart = builder
      .setPosition(1 + i * CHART_ROW_STEP, CHART_COLUMN, 0, 0)
      .setOption('title', spec.title)
      .setOption('width', CHART_WIDTH)
      .setOption('height', CHART_HEIGHT)
      .setOption('legend', {
        position: spec.ranges.length > 2 || spec.kind === 'LINE' || spec.kind === 'PIE' ? 'bottom' : 'none',
      })
      .build();
    sheet.insertChart(chart);
  });
  return layout;
}

/** «Обновить дашборд»: refreshes the tab as of now (analysis of `period`, by default the month just closed), opens it and says so. */
export function refreshDashboardNow(period?: Period): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const now = new Date();
  const chosen = period ?? lastClosedMonth(SheetDates.of(ss).today(now));
  refreshDashboard(ss, now, chosen);
  const sheet = ss.getSheetByName(SHEETS.dashboard);
  if (sheet) ss.setActiveSheet(sheet);
  ss.toast(`Дашборд обновлён, анализ за ${chosen.label}.`, SHEETS.dashboard, 5);
}

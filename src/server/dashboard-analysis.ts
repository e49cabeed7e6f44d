/**
 * The analysis part of «Дашборд» for a chosen period: blocks by source, by
 * segment (Тип, Город, Направление), by specialist, loss reasons and
 * competitors, stage-to-stage conversion with median days in each stage; and
 * real Sheets charts over them. Percentages are numbers formatted as %, and
 * the charts with names are horizontal bars so the names stay readable.
 */
import { textOf, parseDateValue, parseAmountValue, isBlankValue } from '../domain/crm/values';
import { type AnalysisClient, type AnalysisData, type AnalysisDeal, type SegmentRow } from '../domain/crm/analysis';
import type { HistoryEntry } from '../domain/crm/stage-stats';
import { kopecksToRubles, rublesToKopecks, type Kopecks } from '../domain/money';
import type { DashboardChartSpec } from './dashboard';
import { SourceGrid } from './payroll/source-records';
import { SheetDates } from '../adapter/sheet-dates';

export const ANALYSIS_WIDTH = 7;
const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const COUNT = '0';
const DAYS = '0.0';

export interface AnalysisLayout {
  values: Array<Array<string | number>>;
  formats: string[][];
  titleRows: number[];
  headerRows: number[];
  charts: DashboardChartSpec[];
}

type Cell = [string | number, string];

/** The analysis blocks as one grid starting at sheet row `firstRow`, and the charts over them. */
export function analysisLayout(data: AnalysisData, firstRow: number): AnalysisLayout {
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const charts: DashboardChartSpec[] = [];
  const push = (cells: Cell[]) => {
    const row = cells.map((c) => c[0]);
    const fmt = cells.map((c) => c[1]);
    while (row.length < ANALYSIS_WIDTH) {
      row.push('');
      fmt.push('@');
    }
    values.push(row);
    formats.push(fmt);
    return firstRow + values.length - 1;
  };
  const letter = (col: number) => String.fromCharCode(64 + col);
  const block = (
    title: string,
    headers: string[],
    rows: Cell[][],
    chart?: { title: string; kind: DashboardChartSpec['kind']; columns: number[] },
  ) => {
    push([]);
    titleRows.push(push([[title, '@']]));
    const header = push(headers.map((h) => [h, '@']));
    headerRows.push(header);
    if (rows.length === 0) {
      push([['Нет данных за период', '@']]);
      return;
    }
    for (const r of rows) push(r);
    if (chart) {
      const last = header + rows.length;
      charts.push({
        title: chart.title,
        kind: chart.kind,
        ranges: [1, ...chart.columns].map((c) => `${letter(c)}${header}:${letter(c)}${last}`),
      });
    }
  };
  const rate = (v: number | null): Cell => (v === null ? ['—', '@'] : [v, PERCENT]);
  const money = (k: Kopecks): Cell => [kopecksToRubles(k), MONEY];
  const segmentRows = (rows: SegmentRow[], withClients: boolean): Cell[][] =>
    rows.map((r) => [
      [r.name, '@'],
      ...(withClients ? [[r.clients, COUNT] as Cell] : []),
      [r.deals, COUNT],
      [r.won, COUNT],
      [r.lost, COUNT],
      money(r.sales),
      rate(r.conversion),
    ]);
  const segmentHeaders = (first: string, withClients: boolean) => [
    first,
    ...(withClients ? ['Новых клиентов'] : []),
    'Новых сделок',
    'Выиграно',
    'Проиграно',
    'Продажи, руб.',
    'Конверсия',
  ];
  const p = data.period.label;

  titleRows.push(push([[`Анализ за период ${p}`, '@']]));
  block(`Источники клиентов за ${p}`, segmentHeaders('Источник', true), segmentRows(data.bySource, true), {
    title: `Продажи по источникам, руб. (${p})`,
    kind: 'BAR',
    columns: [6],
  });
  block(`По типу клиента за ${p}`, segmentHeaders('Тип', true), segmentRows(data.byType, true));
  block(`По городам за ${p}`, segmentHeaders('Город', true), segmentRows(data.byCity, true));
  block(`По направлениям за ${p}`, segmentHeaders('Направление', false), segmentRows(data.byDirection, false));
  block(`Воронка специалистов за ${p}`, segmentHeaders('Специалист', false), segmentRows(data.bySpecialist, false), {
    title: `Выиграно и проиграно по специалистам (${p})`,
    kind: 'BAR',
    columns: [3, 4],
  });
  block(
    `Причины отказа за ${p}`,
    ['Причина', 'Сделок'],
    data.lossReasons.map((r) => [
      [r.name, '@'],
      [r.count, COUNT],
    ]),
    { title: `Причины отказа (${p})`, kind: 'PIE', columns: [2] },
  );
  block(
    `Проиграно конкурентам за ${p}`,
    ['Конкурент', 'Сделок'],
    data.competitors.map((r) => [
      [r.name, '@'],
      [r.count, COUNT],
    ]),
  );
  block(
    `Конверсия по этапам за ${p} (по «Истории этапов»)`,
    ['Переход', 'Вошли в этап', 'Перешли дальше', 'Конверсия', 'Дней на этапе (медиана)'],
    data.stages.map((s) => [
      [`${s.from} → ${s.to}`, '@'],
      [s.entered, COUNT],
      [s.advanced, COUNT],
      rate(s.rate),
      s.medianDays === null ? ['—', '@'] : [s.medianDays, DAYS],
    ]),
    { title: `Конверсия из этапа в следующий (${p})`, kind: 'BAR', columns: [4] },
  );
  return { values, formats, titleRows, headerRows, charts };
}

function amount(value: unknown): Kopecks | null {
  if (isBlankValue(value)) return null;
  const rubles = parseAmountValue(value);
  return rubles === null ? null : rublesToKopecks(rubles);
}

/** The key columns of «Клиенты» for the analysis (missing tab or column: blank). */
export function analysisClients(grid: SourceGrid | null): AnalysisClient[] {
  if (!grid) return [];
  const c = (h: string) => grid.optionalCol(h);
  const [id, source, type, city, created] = ['ID клиента', 'Источник', 'Тип', 'Город', 'Дата создания'].map(c);
  const at = (row: readonly unknown[], i: number) => (i < 0 ? '' : textOf(row[i]));
  return grid.rows().map(({ row }) => ({
    id: at(row, id),
    source: at(row, source),
    type: at(row, type),
    city: at(row, city),
    created: created < 0 ? null : parseDateValue(row[created]),
  }));
}

/** «Сделки» as the analysis needs them. */
export function analysisDeals(grid: SourceGrid): AnalysisDeal[] {
  const c = (h: string) => grid.optionalCol(h);
  const at = (row: readonly unknown[], i: number) => (i < 0 ? '' : textOf(row[i]));
  const date = (row: readonly unknown[], i: number) => (i < 0 ? null : parseDateValue(row[i]));
  const cols = {
    id: c('ID сделки'),
    client: c('ID клиента'),
    owner: c('Ответственный'),
    stage: c('Этап'),
    stageDate: c('Дата этапа'),
    direction: c('Направление'),
    reason: c('Причина отказа'),
    competitor: c('Конкурент'),
    contractDate: c('Дата договора'),
    paymentDate: c('Дата оплаты'),
    amount: c('Сумма договора, руб.'),
  };
  return grid.rows().map(({ row }) => ({
    id: at(row, cols.id),
    clientId: at(row, cols.client),
    owner: at(row, cols.owner),
    stage: at(row, cols.stage),
    stageDate: date(row, cols.stageDate),
    direction: at(row, cols.direction),
    lossReason: at(row, cols.reason),
    competitor: at(row, cols.competitor),
    contractDate: date(row, cols.contractDate),
    paymentDate: date(row, cols.paymentDate),
    contractAmount: cols.amount < 0 ? null : amount(row[cols.amount]),
  }));
}

/** «История этапов» rows (missing tab: none). */
export function historyEntries(grid: SourceGrid | null): HistoryEntry[] {
  if (!grid) return [];
  const [time, deal, from, to] = ['Время', 'ID сделки', 'Было', 'Стало'].map((h) => grid.optionalCol(h));
  if (time < 0 || deal < 0 || to < 0) return [];
  const out: HistoryEntry[] = [];
  for (const { row } of grid.rows()) {
    const t = row[time];
    if (!(t instanceof Date)) continue;
    out.push({ time: t, dealId: textOf(row[deal]), from: from < 0 ? '' : textOf(row[from]), to: textOf(row[to]) });
  }
  return out;
}

/** Reads a tab whole in one call, or null when it is missing. */
export function optionalGrid(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): SourceGrid | null {
  const sheet = ss.getSheetByName(name);
  return sheet ? new SourceGrid(name, SheetDates.of(ss).grid(sheet.getDataRange().getValues())) : null;
}

/**
 * Embedded charts, recorded as ChartModel (type, title, source ranges, anchor);
 * the local page draws them from that record.
 */
import type { ChartModel, SheetModel } from '../model';
import { asGas } from './gas-types';

/** Charts.ChartType, the kinds the dashboard can use. */
export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  LINE: 'LINE',
  PIE: 'PIE',
  TABLE: 'TABLE',
} as const;

const KIND: Record<string, ChartModel['type']> = {
  AREA: 'area',
  BAR: 'bar',
  COLUMN: 'column',
  LINE: 'line',
  PIE: 'pie',
  TABLE: 'table',
};

/** How a chart builder names its ranges (supplied by the sheet). */
export interface ChartRanges {
  a1WithSheet(range: unknown): string;
  rangeOf(a1: string): unknown;
}

type BuilderMethods =
  | 'addRange'
  | 'setChartType'
  | 'setPosition'
  | 'setOption'
  | 'build'
  | 'getRanges'
  | 'removeRange'
  | 'clearRanges'
  | 'getChartType';

export class LocalEmbeddedChartBuilder implements Pick<
  GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
  BuilderMethods
> {
  static readonly serviceName = 'EmbeddedChartBuilder';
  readonly _chart: ChartModel;

  constructor(
    private readonly ranges: ChartRanges,
    from: ChartModel,
  ) {
    this._chart = { ...from, rangesA1: [...from.rangesA1] };
  }

  private self(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return asGas(this);
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this._chart.rangesA1.push(this.ranges.a1WithSheet(range));
    return this.self();
  }

  removeRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const a1 = this.ranges.a1WithSheet(range);
    this._chart.rangesA1 = this._chart.rangesA1.filter((r) => r !== a1);
    return this.self();
  }

  clearRanges(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this._chart.rangesA1 = [];
    return this.self();
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._chart.rangesA1.map((a1) => asGas<GoogleAppsScript.Spreadsheet.Range>(this.ranges.rangeOf(a1)));
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this._chart.type = KIND[String(type)] ?? 'column';
    return this.self();
  }

  getChartType(): GoogleAppsScript.Charts.ChartType {
    return asGas(this._chart.type.toUpperCase());
  }

  /** anchor cell (1-based) as Apps Script takes it; pixel offsets are not kept */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    void offsetX;
    void offsetY;
    this._chart.anchorRow = anchorRowPos - 1;
    this._chart.anchorCol = anchorColPos - 1;
    return this.self();
  }

  /** 'title', 'width' and 'height' are kept; other options only affect looks */
  setOption(option: string, value: unknown): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    if (option === 'title') this._chart.title = String(value);
    if (option === 'width' && typeof value === 'number') this._chart.width = value;
    if (option === 'height' && typeof value === 'number') this._chart.height = value;
    return this.self();
  }

  /** The typed builders (asBarChart…) of Apps Script set the type; setTitle is theirs. */
  asBarChart(): this {
    this._chart.type = 'bar';
    return this;
  }
  asColumnChart(): this {
    this._chart.type = 'column';
    return this;
  }
  asLineChart(): this {
    this._chart.type = 'line';
    return this;
  }
  asPieChart(): this {
    this._chart.type = 'pie';
    return this;
  }
  asAreaChart(): this {
    this._chart.type = 'area';
    return this;
  }
  asTableChart(): this {
    this._chart.type = 'table';
    return this;
  }
  setTitle(title: string): this {
    this._chart.title = title;
    return this;
  }

  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    return asGas(new LocalEmbeddedChart(this.ranges, { ...this._chart, rangesA1: [...this._chart.rangesA1] }));
  }
}

export class LocalEmbeddedChart implements Pick<
  GoogleAppsScript.Spreadsheet.EmbeddedChart,
  'getChartId' | 'getRanges' | 'modify' | 'getOptions'
> {
  static readonly serviceName = 'EmbeddedChart';
  constructor(
    private readonly ranges: ChartRanges,
    readonly _chart: ChartModel,
  ) {}

  getChartId(): number | null {
    return this._chart.id > 0 ? this._chart.id : null;
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._chart.rangesA1.map((a1) => asGas<GoogleAppsScript.Spreadsheet.Range>(this.ranges.rangeOf(a1)));
  }

  modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return asGas(new LocalEmbeddedChartBuilder(this.ranges, this._chart));
  }

  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const title = this._chart.title;
    return asGas({ get: (option: string) => (option === 'title' ? title : null) });
  }
}

/** The next chart id of a sheet's charts. */
export function nextChartId(sheets: SheetModel[]): number {
  return sheets.reduce((max, s) => Math.max(max, ...s.charts.map((c) => c.id)), 0) + 1;
}

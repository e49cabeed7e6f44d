/**
 * Draws the embedded charts of the shown sheet as SVG over the grid, at their
 * anchor cells: bar, column, line (and area), pie; a table chart as a table.
 * The data comes with the sheet window (ChartView: labels and series).
 */
import type { ChartView, SheetWindow } from '../server/api-types';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24'];
/** The grid's geometry (local/web/grid.ts): row height, row-number column, default column width. */
const ROW_HEIGHT = 21;
const ROW_HEADER_WIDTH = 46;
const DEFAULT_WIDTH = 100;
const LAYER_ID = 'chart-layer';

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatNumber(n: number): string {
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} млн`;
  if (Math.abs(n) >= 1e3) return `${(n / 1e3).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} тыс.`;
  return n.toLocaleString('ru-RU', { maximumFractionDigits: 2 });
}

/** A "nice" upper bound for the value axis. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/** One chart as an SVG element. */
export function chartSvg(chart: ChartView): SVGSVGElement {
  const { width, height } = chart;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart', 'data-type': chart.type });
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#fff', stroke: '#dadce0' }));
  svg.append(
    el('text', { x: width / 2, y: 22, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, chart.title),
  );
  const legendY = height - 10;
  chart.series.forEach((s, i) => {
    const x = 16 + i * 160;
    svg.append(el('rect', { x, y: legendY - 9, width: 10, height: 10, fill: COLORS[i % COLORS.length] }));
    svg.append(el('text', { x: x + 14, y: legendY, 'font-size': 11 }, s.name));
  });
  if (chart.type === 'pie') return drawPie(svg, chart);

  const plot = { left: chart.type === 'bar' ? 150 : 70, top: 36, right: width - 16, bottom: height - 48 };
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...values));
  const n = Math.max(1, chart.labels.length);
  const axis = el('g', { class: 'axis', 'font-size': 10, fill: '#5f6368' });
  svg.append(axis);
  const horizontal = chart.type === 'bar';
  const span = horizontal ? plot.right - plot.left : plot.bottom - plot.top;
  const scale = (v: number) => (v / max) * span;
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    if (horizontal) {
      const x = plot.left + scale(v);
      axis.append(el('line', { x1: x, y1: plot.top, x2: x, y2: plot.bottom, stroke: '#eee' }));
      axis.append(el('text', { x, y: plot.bottom + 14, 'text-anchor': 'middle' }, formatNumber(v)));
    } else {
      const y = plot.bottom - scale(v);
      axis.append(el('line', { x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: '#eee' }));
      axis.append(el('text', { x: plot.left - 6, y: y + 3, 'text-anchor': 'end' }, formatNumber(v)));
    }
  }
  const band = (horizontal ? plot.bottom - plot.top : plot.right - plot.left) / n;
  chart.labels.forEach((label, i) => {
    const mid = (horizontal ? plot.top : plot.left) + band * (i + 0.5);
    if (horizontal) axis.append(el('text', { x: plot.left - 6, y: mid + 3, 'text-anchor': 'end' }, label));
    else axis.append(el('text', { x: mid, y: plot.bottom + 14, 'text-anchor': 'middle' }, label));
  });

  if (chart.type === 'line' || chart.type === 'area') {
    chart.series.forEach((s, si) => {
      const points = s.values.map((v, i) => `${plot.left + band * (i + 0.5)},${plot.bottom - scale(v ?? 0)}`);
      const color = COLORS[si % COLORS.length];
      svg.append(
        el('polyline', { points: points.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, class: 'series' }),
      );
      s.values.forEach((v, i) =>
        svg.append(
          el('circle', { cx: plot.left + band * (i + 0.5), cy: plot.bottom - scale(v ?? 0), r: 3, fill: color }),
        ),
      );
    });
    return svg;
  }
  const k = Math.max(1, chart.series.length);
  const thickness = (band * 0.7) / k;
  chart.series.forEach((s, si) => {
    s.values.forEach((v, i) => {
      const length = scale(Math.max(0, v ?? 0));
      const offset = band * (i + 0.15) + thickness * si;
      const attrs = horizontal
        ? { x: plot.left, y: plot.top + offset, width: length, height: thickness }
        : { x: plot.left + offset, y: plot.bottom - length, width: thickness, height: length };
      const bar = el('rect', { ...attrs, fill: COLORS[si % COLORS.length], class: 'bar' });
      bar.append(el('title', {}, `${chart.labels[i] ?? ''}: ${v === null ? '—' : formatNumber(v)}`));
      svg.append(bar);
    });
  });
  return svg;
}

function drawPie(svg: SVGSVGElement, chart: ChartView): SVGSVGElement {
  const values = (chart.series[0]?.values ?? []).map((v) => Math.max(0, v ?? 0));
  const total = values.reduce((a, b) => a + b, 0);
  const cx = chart.width / 2;
  const cy = chart.height / 2 + 6;
  const r = Math.min(chart.width, chart.height) / 2 - 40;
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (total === 0 || v === 0) return;
    const next = angle + (v / total) * 2 * Math.PI;
    const large = next - angle > Math.PI ? 1 : 0;
    const d = `M${cx},${cy} L${cx + r * Math.cos(angle)},${cy + r * Math.sin(angle)} A${r},${r} 0 ${large} 1 ${cx + r * Math.cos(next)},${cy + r * Math.sin(next)} Z`;
    const slice = el('path', { d, fill: COLORS[i % COLORS.length], class: 'slice' });
    slice.append(el('title', {}, `${chart.labels[i] ?? ''}: ${formatNumber(v)}`));
    svg.append(slice);
    angle = next;
  });
  return svg;
}

/** A table chart: the labels and series as an HTML table. */
function chartTable(chart: ChartView): HTMLElement {
  const table = document.createElement('table');
  table.className = 'chart chart-table';
  const head = table.insertRow();
  for (const name of ['', ...chart.series.map((s) => s.name)]) head.insertCell().textContent = name;
  chart.labels.forEach((label, i) => {
    const row = table.insertRow();
    row.insertCell().textContent = label;
    for (const s of chart.series) row.insertCell().textContent = s.values[i] === null ? '' : formatNumber(s.values[i]!);
  });
  return table;
}

/** Left edge in pixels of a 0-based column in the grid. */
function columnLeft(window: SheetWindow, col: number): number {
  const hidden = new Set(window.hiddenColumns);
  let x = ROW_HEADER_WIDTH;
  for (let c = 0; c < col; c++) if (!hidden.has(c)) x += window.columnWidths[c] ?? DEFAULT_WIDTH;
  return x;
}

/** Replaces the charts drawn over `gridElement` with those of the shown sheet window. */
export function renderCharts(gridElement: HTMLElement, window: SheetWindow): void {
  let layer = document.getElementById(LAYER_ID);
  if (!layer) {
    layer = document.createElement('div');
    layer.id = LAYER_ID;
    layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;z-index:3';
    gridElement.append(layer);
  }
  layer.replaceChildren();
  for (const chart of window.charts ?? []) {
    const box = document.createElement('div');
    box.className = 'chart-box';
    box.dataset.title = chart.title;
    box.style.cssText = `position:absolute;left:${columnLeft(window, chart.anchorCol)}px;top:${ROW_HEIGHT * (1 + chart.anchorRow)}px;box-shadow:0 1px 3px rgba(0,0,0,.2)`;
    box.append(chart.type === 'table' ? chartTable(chart) : chartSvg(chart));
    layer.append(box);
  }
}

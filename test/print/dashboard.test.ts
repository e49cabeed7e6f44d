import type { CellValue } from '../../local/runtime/model';
import { dashboardWorkbook, DEALS, NOW } from './dashboard-workbook';
import { type Row, bundleSession, valuesOf } from '../helpers/workbook';

/** The rows of a block: from the row after `title`'s header row to the first blank row. */
function block(values: CellValue[][], title: string): CellValue[][] {
  const at = values.findIndex((r) => String(r[0]).startsWith(title));
  if (at < 0) throw new Error(`no block ${title}`);
  const out: CellValue[][] = [];
  for (let r = at + 2; r < values.length && values[r]?.[0] !== ''; r++) out.push(values[r].slice(0, 4));
  return out;
}

describe('«Обновить дашборд»', () => {
  it('fills the blocks with the funnel, conversion, plan fulfilment and 14 months of sales and margin', () => {
    const wb = dashboardWorkbook();
    bundleSession(wb, { now: () => NOW }).run('menuRefreshDashboard');
    const values = valuesOf(wb, 'Дашборд');

    expect(block(values, 'Воронка продаж по этапам')).toEqual([
      ['Новый', 1, 0, ''],
      ['Потребность выявлена', 0, 0, ''],
      ['Надёжность оценена', 0, 0, ''],
      ['Переговоры', 0, 0, ''],
      ['КП отправлено', 1, 40000, ''],
      ['Согласование договора', 0, 0, ''],
      ['Договор заключён', 1, 50000, ''],
      ['Исполнение', 1, 200000, ''],
      ['Завершена', 2, 110000, ''],
      ['Отказ', 2, 65000, ''],
    ]);
    expect(block(values, 'Конверсия по специалистам')).toEqual([
      ['Иванов И. И.', 2, 1, 2 / 3],
      ['Петрова А. С.', 1, 0, 1],
    ]);
    expect(block(values, 'Выполнение плана за 03.2026')).toEqual([
      ['Иванов И. И.', 80000, 100000, 1.25],
      ['Петрова А. С.', 250000, 200000, 0.8],
    ]);
    const months = block(values, 'Продажи и маржа по месяцам');
    expect(months).toHaveLength(14);
    expect(months[0]).toEqual(['02.2025', 0, 0, '']);
    expect(months[12]).toEqual(['02.2026', 50000, 20000, '']);
    expect(months[13]).toEqual(['03.2026', 300000, 90000, '']);
    expect(months.slice(0, 12).every((m) => m[1] === 0 && m[2] === 0)).toBe(true);
  });

  it('replaces its charts: the four of the current state over their blocks, then the analysis charts', () => {
    const wb = dashboardWorkbook();
    const s = bundleSession(wb, { now: () => NOW });
    s.run('menuRefreshDashboard');
    s.run('menuRefreshDashboard');
    const charts = wb.sheets.find((x) => x.name === 'Дашборд')!.charts;
    const strip = (a1: string) => a1.replace(/^.*!/, '');
    expect(charts.slice(0, 4).map((c) => [c.type, c.title, c.rangesA1.map(strip)])).toEqual([
      ['bar', 'Воронка продаж: сделок на этапе', ['A4:B14']],
      ['column', 'Конверсия: выиграно ÷ закрыто', ['A17:A19', 'D17:D19']],
      ['column', 'Выполнение плана за 03.2026', ['A22:A24', 'D22:D24']],
      ['line', 'Продажи и маржа по месяцам', ['A27:C41']],
    ]);
    for (const chart of charts) expect(chart.rangesA1[0]).toMatch(/^'?Дашборд'?!/);
    expect(charts.slice(4).map((c) => c.title)).toEqual([
      'Продажи по источникам, руб. (02.2026)',
      'Выиграно и проиграно по специалистам (02.2026)',
      'Конверсия из этапа в следующий (02.2026)',
    ]);
    expect(new Set(charts.map((c) => c.anchorRow)).size).toBe(charts.length);
  });

  it('costs the same service calls for 8 deals as for 800', () => {
    const count = (deals: Row[]) => {
      const s = bundleSession(dashboardWorkbook(deals), { now: () => NOW });
      s.resetCalls();
      s.run('menuRefreshDashboard');
      return Object.values(s.calls()).reduce((a, b) => a + b, 0);
    };
    const many = Array.from({ length: 100 }, (_, i) =>
      DEALS.map((x) => ({ ...x, 'ID сделки': `${String(x['ID сделки'])}-${i}` })),
    ).flat();
    expect(count(many)).toBe(count(DEALS));
  });
});

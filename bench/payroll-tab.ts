/**
 * Cost of «Рассчитать за месяц…» in the local runtime: service calls and time
 * for 10 and 100 employees over 1 000 and 100 000 deals, beside the calls a
 * naive cell-by-cell implementation would make (one getValue per source cell
 * read, one setValue / setFormula per cell of the tab written).
 */
import { computeMonth, payrollSession, sizedWorkbook } from '../test/payroll/payroll-workbook';

const CASES: Array<[number, number]> = [
  [10, 1_000],
  [10, 100_000],
  [100, 1_000],
  [100, 100_000],
];

function filledCells(rows: ReadonlyArray<ReadonlyArray<unknown> | undefined>): number {
  let n = 0;
  for (const row of rows) for (const cell of row ?? []) if (cell) n++;
  return n;
}

/** Prints the table. */
export function runPayrollTabBench(): void {
  const lines: string[][] = [];
  for (const [employees, deals] of CASES) {
    const workbook = sizedWorkbook(employees, deals);
    const sourceCells = workbook.sheets.reduce((sum, s) => sum + filledCells(s.rows), 0);
    const s = payrollSession(workbook, new Date(2026, 3, 15));
    s.resetCalls();
    const start = performance.now();
    computeMonth(s, '03.2026');
    const ms = performance.now() - start;
    const calls = Object.values(s.calls()).reduce((a, b) => a + b, 0);
    const tab = s.workbook.sheets.find((x) => x.name === 'Зарплата 03.2026')!;
    const naive = sourceCells + filledCells(tab.rows);
    lines.push([String(employees), String(deals), String(calls), String(naive), ms.toFixed(0)]);
  }
  const header = ['Сотрудников', 'Сделок', 'Вызовов', 'Поячеечно', 'Время, мс'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  console.log('Ведомость за месяц в локальной среде: вызовы сервисов и время');
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of lines) console.log(line(r));
}

/**
 * Payroll engine benchmark: 100 specialists, 100 000 deals, 14 months
 * (January 2025 – February 2026), each month carrying НДФЛ since 1 January
 * from the month before. Prints time and peak memory per month as a table.
 * Each month is timed as the add-on calls the engine (the deal index built
 * inside the call), the median of RUNS runs.
 */
import { addMonths, monthKey, type YearMonth } from '../src/domain/calendar';
import type {
  ClaimRecord,
  DealRecord,
  PlanRecord,
  StaffRecord,
  TimesheetRecord,
  YearToDate,
} from '../src/domain/payroll/inputs';
import { computeMonthPayroll } from '../src/domain/payroll/month';
import { defaultSettings } from '../src/domain/settings';
import { runPayrollTabBench } from './payroll-tab';
import { runActionCostBench } from './action-costs';
import { runBundleLoadBench } from './bundle-load';
import { runTriggerBudgetBench } from './trigger-budget';

const EMPLOYEES = 100;
const DEALS = 100_000;
const MONTHS = 14;
const FIRST: YearMonth = { year: 2025, month: 1 };
const RUNS = 5;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A small deterministic generator so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function build() {
  const rnd = random(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const staff: StaffRecord[] = Array.from({ length: EMPLOYEES }, (_, i) => ({
    tabNo: String(i + 1),
    name: `Сотрудник ${i + 1}`,
    email: `s${i + 1}@example.ru`,
    position: 'Специалист по работе с клиентами',
    category: pick(['I категория', 'II категория', 'II категория']),
    hireDate: new Date(2023, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)),
    probationMonths: 0,
    education: 'Высшее',
    experienceYearsBefore: 1,
    categoryDate: new Date(2023, 0, 1),
    monthlyDeduction: pick([0, 0, 140_000, 280_000]),
    dismissalDate: null,
  }));
  const deals: DealRecord[] = [];
  for (let i = 0; i < DEALS; i++) {
    const ym = addMonths(FIRST, Math.floor(rnd() * MONTHS) - 3);
    const date = new Date(ym.year, ym.month - 1, 1 + Math.floor(rnd() * 28));
    const lost = rnd() < 0.3;
    const amount = Math.round(rnd() * 50_000) * 100;
    deals.push({
      id: `С-${i + 1}`,
      clientId: `К-${1 + Math.floor(rnd() * 30_000)}`,
      responsible: pick(staff).email,
      stage: lost ? 'Отказ' : 'Завершена',
      stageDate: date,
      contractDate: lost ? null : date,
      contractAmount: lost ? null : amount,
      cost: lost ? null : Math.round(amount * 0.7),
      paymentDate: lost ? null : new Date(date.getTime() + 10 * 86_400_000),
    });
  }
  const claims: ClaimRecord[] = Array.from({ length: 2_000 }, (_, i) => {
    const ym = addMonths(FIRST, Math.floor(rnd() * MONTHS));
    const date = new Date(ym.year, ym.month - 1, 1 + Math.floor(rnd() * 28));
    return {
      id: `П-${i}`,
      date,
      clientId: 'К-1',
      responsible: pick(staff).email,
      deadline: null,
      status: pick(['Новая', 'Решена']),
    };
  });
  const timesheet: TimesheetRecord[] = [];
  const plans: PlanRecord[] = [];
  for (let m = 0; m < MONTHS; m++) {
    const key = monthKey(addMonths(FIRST, m));
    for (const p of staff) {
      timesheet.push({ month: key, tabNo: p.tabNo, daysWorked: 15, advance: 1_000_000 });
      plans.push({ month: key, tabNo: p.tabNo, plan: 2_000_000_00, kpiTargets: {}, kpiFacts: {} });
    }
  }
  return { staff, deals, claims, timesheet, plans };
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function main(): void {
  const t0 = performance.now();
  const data = build();
  const buildMs = performance.now() - t0;
  const settings = defaultSettings();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const rows: string[][] = [];
  let ytd: Record<string, YearToDate> = {};
  let totalMs = 0;
  for (let m = 0; m < MONTHS; m++) {
    const month = addMonths(FIRST, m);
    if (month.month === 1) ytd = {};
    const times: number[] = [];
    let result = computeMonthPayroll({ month, ...data, settings, yearToDate: ytd });
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      result = computeMonthPayroll({ month, ...data, settings, yearToDate: ytd });
      times.push(performance.now() - start);
    }
    const ms = median(times);
    totalMs += ms;
    sample();
    const next: Record<string, YearToDate> = {};
    for (const row of result.rows) {
      if (!row.ok) continue;
      const before = ytd[row.tabNo] ?? { income: 0, deductions: 0, tax: 0 };
      const person = data.staff.find((p) => p.tabNo === row.tabNo)!;
      next[row.tabNo] = {
        income: before.income + row.lines.accrued,
        deductions: before.deductions + person.monthlyDeduction,
        tax: before.tax + row.lines.ndfl,
      };
    }
    ytd = next;
    const ok = result.rows.filter((r) => r.ok).length;
    rows.push([
      monthKey(month),
      String(result.norm),
      `${ok}/${result.rows.length}`,
      (result.totals.accrued / 100).toFixed(2),
      ms.toFixed(1),
      mb(process.memoryUsage().heapUsed),
    ]);
  }
  const header = ['Месяц', 'Норма', 'Строк', 'Начислено, руб.', 'Время, мс', 'Куча, МБ'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  console.log(
    `Данные: ${EMPLOYEES} сотрудников, ${DEALS} сделок, ${MONTHS} месяцев; подготовка ${buildMs.toFixed(0)} мс`,
  );
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log(`Время месяца: как его вызывает надстройка (индекс сделок строится в вызове), медиана ${RUNS} запусков`);
  console.log(
    `Всего на ${MONTHS} месяцев: ${totalMs.toFixed(0)} мс, в среднем ${(totalMs / MONTHS).toFixed(1)} мс на месяц`,
  );
  console.log(`Пиковая память: RSS ${mb(peakRss)} МБ, куча ${mb(peakHeap)} МБ`);
}

main();
runBundleLoadBench();
runPayrollTabBench();
runActionCostBench();
runTriggerBudgetBench();

/**
 * The KPI bonus (job description 6.2 п.3, 6.3 п.3; domain 4.3): a percent of the
 * оклад for each KPI. Mode «порог» pays a KPI's percent when fact ≥ target; mode
 * «пропорционально» pays percent × min(fact / target, cap). The bonus is computed
 * exactly and rounded once, half-up to the kopeck.
 */
import { divRoundHalfUp, DomainError, fractionToRatio, type Kopecks } from '../money';

export type KpiMode = 'threshold' | 'proportional';

/** How a KPI's fact is obtained from the workbook. */
export type KpiMeasure = 'newClients' | 'quality' | 'conversion' | 'salesGrowth' | 'marginGrowth' | 'manual';

/** A row of the KPI block in «Настройки». */
export interface KpiSetting {
  name: string;
  measure: KpiMeasure;
  /** used when «Планы» has no «Цель: <KPI>» for the month */
  defaultTarget: number;
  /** share of the оклад, 0.05 = 5 % */
  percent: number;
  mode: KpiMode;
}

/** Russian names of the measures, as the «Показатель» column of «Настройки» holds them. */
export const KPI_MEASURE_LABELS: Record<KpiMeasure, string> = {
  newClients: 'Новые клиенты',
  quality: 'Качество обслуживания',
  conversion: 'Конверсия воронки',
  salesGrowth: 'Рост продаж',
  marginGrowth: 'Рост маржи',
  manual: 'Вручную',
};

export const KPI_MODE_LABELS: Record<KpiMode, string> = { threshold: 'порог', proportional: 'пропорционально' };

/** The cap of fact / target in mode «пропорционально» unless «Настройки» says otherwise. */
export const DEFAULT_KPI_CAP = 1.5;

/** Example KPI (the job description gives no numbers); «Настройки» says they are examples. */
export const DEFAULT_KPIS: readonly KpiSetting[] = [
  { name: 'Новые клиенты', measure: 'newClients', defaultTarget: 2, percent: 0.05, mode: 'threshold' },
  { name: 'Качество обслуживания', measure: 'quality', defaultTarget: 0.8, percent: 0.05, mode: 'threshold' },
  { name: 'Конверсия воронки', measure: 'conversion', defaultTarget: 0.3, percent: 0.05, mode: 'threshold' },
  { name: 'Рост продаж', measure: 'salesGrowth', defaultTarget: 1.05, percent: 0.05, mode: 'threshold' },
  { name: 'Рост маржи', measure: 'marginGrowth', defaultTarget: 1.05, percent: 0.05, mode: 'threshold' },
];

/** One KPI of one employee in one month. */
export interface KpiInput {
  /** null: nothing to measure (no closed deals, no base to compare with) — the KPI is not met */
  fact: number | null;
  target: number;
  percent: number;
  mode: KpiMode;
}

interface Ratio {
  n: bigint;
  d: bigint;
}

function ratio(value: number): Ratio {
  const { num, den } = fractionToRatio(value);
  return { n: num, d: den };
}

/** The share of a KPI's percent that is paid: 0 or 1 for «порог», min(fact/target, cap) for «пропорционально». */
function paidShare(input: KpiInput, cap: number): Ratio {
  const { fact, target, mode } = input;
  if (fact === null) return { n: 0n, d: 1n };
  const f = ratio(fact);
  const t = ratio(target);
  const met = f.n * t.d >= t.n * f.d;
  if (mode === 'threshold') return { n: met ? 1n : 0n, d: 1n };
  const c = ratio(cap);
  if (t.n <= 0n) return c; // a target of zero is always exceeded: pay the cap
  // fact / target vs cap (a fact of 0 gives 0)
  const share = { n: f.n * t.d, d: f.d * t.n };
  // Stryker disable next-line EqualityOperator: a share equal to the cap is the cap either way
  return share.n * c.d > c.n * share.d ? c : share;
}

/** Refuses a negative fact or target and a percent outside 0–100 %, naming the KPI. */
export function checkKpiInput(input: KpiInput, label: string): void {
  if (input.fact !== null && (!Number.isFinite(input.fact) || input.fact < 0)) {
    throw new DomainError(`KPI «${label}»: факт должен быть неотрицательным числом`);
  }
  if (!Number.isFinite(input.target) || input.target < 0) {
    throw new DomainError(`KPI «${label}»: цель должна быть неотрицательным числом`);
  }
  if (!Number.isFinite(input.percent) || input.percent < 0 || input.percent > 1) {
    throw new DomainError(`KPI «${label}»: % оклада должен быть от 0 до 100 %`);
  }
}

/** The share of the оклад earned by one KPI (0.05 when a 5 % KPI is met), as a plain number for display. */
export function kpiShare(input: KpiInput, cap = DEFAULT_KPI_CAP): number {
  const share = paidShare(input, cap);
  return input.percent * (Number(share.n) / Number(share.d));
}

/** KPI bonus = base × Σ percentᵢ × shareᵢ, exact, then half-up to the kopeck. */
export function kpiBonus(base: Kopecks, kpis: readonly KpiInput[], cap = DEFAULT_KPI_CAP): Kopecks {
  if (!Number.isInteger(base) || base < 0) throw new DomainError('Оклад для KPI не может быть отрицательным');
  if (!Number.isFinite(cap) || cap < 1) {
    throw new DomainError('Предел KPI в режиме «пропорционально» должен быть не меньше 1 (100 %)');
  }
  let sum: Ratio = { n: 0n, d: 1n };
  kpis.forEach((kpi, i) => {
    checkKpiInput(kpi, String(i + 1));
    const p = ratio(kpi.percent);
    const s = paidShare(kpi, cap);
    sum = { n: sum.n * p.d * s.d + p.n * s.n * sum.d, d: sum.d * p.d * s.d };
  });
  return Number(divRoundHalfUp(BigInt(base) * sum.n, sum.d));
}

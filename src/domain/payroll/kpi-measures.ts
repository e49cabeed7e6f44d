/**
 * The five KPI measures of domain 4.3, computed from the workbook for one
 * specialist and month, and the manual KPIs the director types in «Планы».
 */
import { addMonths, type YearMonth } from '../calendar';
import type { DealIndex } from './deal-index';
import { normaliseEmail } from './deal-index';
import type { ClaimRecord } from './inputs';
import type { KpiSetting } from './kpi-bonus';

/** Claim statuses that mean the claim is still open. */
const OPEN_CLAIM_STATUSES = new Set(['Новая', 'В работе']);

export interface KpiMeasureContext {
  month: YearMonth;
  email: string;
  deals: DealIndex;
  /** the person's claims (Ответственный = their e-mail) */
  claims: readonly ClaimRecord[];
  claimDeadlineDays: number;
  /** «Факт: <KPI>» values from «Планы» for this person and month */
  manualFacts: Readonly<Record<string, number>>;
}

/** A fact typed as 85 (per cent) or 0.85 (a share): both mean 85 %. */
function asShare(value: number): number {
  return value > 1 ? value / 100 : value;
}

/** The end of a claim's response time: «Срок ответа», or «Дата» + the deadline in days. */
export function claimDeadline(claim: ClaimRecord, deadlineDays: number): Date | null {
  if (claim.deadline) return claim.deadline;
  if (!claim.date) return null;
  const d = new Date(claim.date.getTime());
  d.setDate(d.getDate() + deadlineDays);
  return d;
}

/** Open claims of the person whose deadline passed on or before the month's last day. */
export function overdueClaims(claims: readonly ClaimRecord[], month: YearMonth, deadlineDays: number): number {
  const monthEnd = new Date(month.year, month.month, 1); // first moment of the next month
  let count = 0;
  for (const claim of claims) {
    if (!OPEN_CLAIM_STATUSES.has(claim.status.trim())) continue;
    const deadline = claimDeadline(claim, deadlineDays);
    // overdue once the deadline day is over
    if (deadline && new Date(deadline.getFullYear(), deadline.getMonth(), deadline.getDate() + 1) < monthEnd) count++;
  }
  return count;
}

/** last 3 months ÷ the 3 before; null when the earlier months sold nothing (no base). */
function growth(ctx: KpiMeasureContext, pick: 'sales' | 'margin'): number | null {
  const recent = ctx.deals.sumMonths(ctx.email, ctx.month, 3, pick);
  const before = ctx.deals.sumMonths(ctx.email, addMonths(ctx.month, -3), 3, pick);
  if (before <= 0) return null;
  return Math.max(0, recent) / before;
}

/**
 * The fact of one KPI. A value the director typed in «Факт: <KPI>» wins over the
 * computed one; null means there is nothing to measure, so the KPI is not met.
 */
export function measureKpi(kpi: KpiSetting, ctx: KpiMeasureContext): number | null {
  const typed = ctx.manualFacts[kpi.name];
  if (typed !== undefined) return kpi.measure === 'quality' ? asShare(typed) : typed;
  switch (kpi.measure) {
    case 'newClients':
      return ctx.deals.newClients(ctx.email, ctx.month);
    case 'quality':
      return overdueClaims(ctx.claims, ctx.month, ctx.claimDeadlineDays) === 0 ? 1 : 0;
    case 'conversion': {
      const { won, lost } = ctx.deals.closed(ctx.email, ctx.month);
      return won + lost === 0 ? null : won / (won + lost);
    }
    case 'salesGrowth':
      return growth(ctx, 'sales');
    case 'marginGrowth':
      return growth(ctx, 'margin');
    case 'manual':
      return null;
  }
}

/** Claims grouped by responsible e-mail. */
export function claimsByPerson(claims: readonly ClaimRecord[]): Map<string, ClaimRecord[]> {
  const map = new Map<string, ClaimRecord[]>();
  for (const claim of claims) {
    const key = normaliseEmail(claim.responsible);
    const list = map.get(key);
    if (list) list.push(claim);
    else map.set(key, [claim]);
  }
  return map;
}

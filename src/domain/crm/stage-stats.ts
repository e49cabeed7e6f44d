/**
 * What «История этапов» tells: how many deals that reached a stage went on to
 * the next one, how long deals stay in each stage, and which open deals have
 * stood still longer than «Сделка без движения, дней».
 */
import { LOST_STAGE, STAGES } from '../workbook/schema';

export interface HistoryEntry {
  time: Date;
  dealId: string;
  from: string;
  to: string;
}

export interface StageConversion {
  from: string;
  to: string;
  /** deals that entered `from` (within the period, when one is given) */
  entered: number;
  /** of those, deals that later entered `to` */
  advanced: number;
  /** advanced ÷ entered, null when none entered */
  rate: number | null;
}

export interface StageDuration {
  stage: string;
  /** finished stays in the stage (the deal has left it) */
  stays: number;
  /** the median of those stays in days (one decimal), null when there are none */
  medianDays: number | null;
}

export interface CurrentDeal {
  dealId: string;
  client: string;
  owner: string;
  stage: string;
  /** «Дата этапа»: used when the history has no entry of the current stage */
  stageDate: Date | null;
}

export interface StuckDeal extends CurrentDeal {
  since: Date;
  days: number;
}

const DAY_MS = 86_400_000;

interface Stay {
  dealId: string;
  stage: string;
  start: Date;
  end: Date | null;
}

/** Each deal's stays in each stage, from its entries in time order. */
export function staysOf(history: readonly HistoryEntry[]): Stay[] {
  const byDeal = new Map<string, HistoryEntry[]>();
  for (const e of history) {
    if (!e.dealId || !e.to) continue;
    const list = byDeal.get(e.dealId) ?? [];
    list.push(e);
    byDeal.set(e.dealId, list);
  }
  const stays: Stay[] = [];
  for (const [dealId, entries] of byDeal) {
    const sorted = [...entries].sort((a, b) => a.time.getTime() - b.time.getTime());
    sorted.forEach((e, i) => {
      const next = sorted[i + 1];
      stays.push({ dealId, stage: e.to, start: e.time, end: next ? next.time : null });
    });
  }
  return stays;
}

function inPeriod(date: Date, period?: { start: Date; end: Date }): boolean {
  return !period || (date >= period.start && date < period.end);
}

/**
 * Conversion from each stage to the next: of the deals that entered a stage
 * (in `period` when given), how many entered the next stage after that.
 */
export function stageConversion(
  history: readonly HistoryEntry[],
  period?: { start: Date; end: Date },
): StageConversion[] {
  const stays = staysOf(history);
  return STAGES.slice(0, -1).map((from, i) => {
    const to = STAGES[i + 1];
    const entered = new Map<string, Date>();
    for (const s of stays) {
      if (s.stage !== from || !inPeriod(s.start, period)) continue;
      // a deal's stays come in time order (staysOf), so its first stay here is its earliest
      if (!entered.has(s.dealId)) entered.set(s.dealId, s.start);
    }
    let advanced = 0;
    for (const [dealId, start] of entered) {
      if (stays.some((s) => s.dealId === dealId && s.stage === to && s.start >= start)) advanced++;
    }
    return { from, to, entered: entered.size, advanced, rate: entered.size > 0 ? advanced / entered.size : null };
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median days of finished stays in each open stage (a stay ends when the deal moves on or back). */
export function daysInStage(history: readonly HistoryEntry[]): StageDuration[] {
  const stays = staysOf(history);
  return STAGES.slice(0, -1).map((stage) => {
    const days = stays
      .filter((s) => s.stage === stage && s.end !== null)
      .map((s) => (s.end!.getTime() - s.start.getTime()) / DAY_MS);
    const m = median(days);
    return { stage, stays: days.length, medianDays: m === null ? null : Math.round(m * 10) / 10 };
  });
}

const CLOSED = ['Завершена', LOST_STAGE];

/**
 * Open deals standing on their stage for more than `days` whole days on `now`,
 * longest first. The stage's start is the latest history entry into it, else
 * «Дата этапа»; a deal with neither is not judged.
 */
export function stuckDeals(
  deals: readonly CurrentDeal[],
  history: readonly HistoryEntry[],
  now: Date,
  days: number,
): StuckDeal[] {
  const lastEntry = new Map<string, HistoryEntry>();
  for (const e of history) {
    const prev = lastEntry.get(e.dealId);
    if (!prev || e.time >= prev.time) lastEntry.set(e.dealId, e);
  }
  const out: StuckDeal[] = [];
  for (const deal of deals) {
    if (!deal.dealId || !deal.stage || CLOSED.includes(deal.stage)) continue;
    const entry = lastEntry.get(deal.dealId);
    const since = entry && entry.to === deal.stage ? entry.time : deal.stageDate;
    if (!since) continue;
    const stood = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
    if (stood > days) out.push({ ...deal, since, days: stood });
  }
  return out.sort((a, b) => b.days - a.days);
}

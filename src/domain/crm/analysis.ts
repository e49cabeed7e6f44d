/**
 * The dashboard's analysis of a period (job description 2.2, 2.4, 2.15): which
 * sources and segments bring clients and sales, why deals are lost and to
 * whom, how deals move from stage to stage, and each specialist's funnel.
 *
 * In a period: «Новых клиентов» — «Дата создания» in it; «Новых сделок» — the
 * deal's first stage entry in «История этапов» in it (for a deal without
 * history, «Дата этапа» of a deal still at «Новый»); «Выиграно» and «Продажи» —
 * «Сумма договора» of deals not lost whose contract (or payment, as «Настройки»
 * say) date is in it; «Проиграно» — deals at «Отказ» lost in it (the history's
 * entry into «Отказ», else «Дата этапа»); conversion — won ÷ (won + lost).
 */
import { DomainError, type Kopecks } from '../money';
import { normaliseEmail } from '../payroll/deal-index';
import { LOST_STAGE } from '../workbook/schema';
import { daysInStage, stageConversion, type HistoryEntry } from './stage-stats';

export interface Period {
  start: Date;
  /** exclusive */
  end: Date;
  label: string;
}

export interface AnalysisClient {
  id: string;
  source: string;
  type: string;
  city: string;
  created: Date | null;
}

export interface AnalysisDeal {
  id: string;
  clientId: string;
  owner: string;
  stage: string;
  stageDate: Date | null;
  direction: string;
  lossReason: string;
  competitor: string;
  contractDate: Date | null;
  paymentDate: Date | null;
  contractAmount: Kopecks | null;
}

export interface SegmentRow {
  name: string;
  clients: number;
  deals: number;
  won: number;
  lost: number;
  sales: Kopecks;
  /** won ÷ (won + lost), null when nothing closed */
  conversion: number | null;
}

export interface AnalysisData {
  period: Period;
  bySource: SegmentRow[];
  byType: SegmentRow[];
  byCity: SegmentRow[];
  byDirection: SegmentRow[];
  bySpecialist: SegmentRow[];
  lossReasons: Array<{ name: string; count: number }>;
  competitors: Array<{ name: string; count: number }>;
  stages: Array<{
    from: string;
    to: string;
    entered: number;
    advanced: number;
    rate: number | null;
    medianDays: number | null;
  }>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayLabel = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;

function monthPeriod(year: number, month: number): Period {
  return { start: new Date(year, month - 1, 1), end: new Date(year, month, 1), label: `${pad(month)}.${year}` };
}

/** The month before the one of `now`: the dashboard's default period. */
export function lastClosedMonth(now: Date): Period {
  return monthPeriod(
    now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear(),
    now.getMonth() === 0 ? 12 : now.getMonth(),
  );
}

/** A day typed as 1.3.2026 or 01.03.2026 (the split of the period has taken the spaces around it). */
function parseDay(text: string): Date | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  // a day outside its month (0, 31.04, up to 99) or a month past 12 moves the month
  return d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/**
 * A period typed by the director: «03.2026», «2026-03», or two days
 * «01.03.2026–31.03.2026» (both included); blank means the month just closed.
 */
export function parsePeriod(text: string, now: Date): Period {
  const t = text.trim();
  if (t === '') return lastClosedMonth(now);
  let m = /^(\d{1,2})\.(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return monthPeriod(Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  // Stryker disable next-line Regex: the split only has to find where the second day starts; parseDay checks each whole day
  const parts = t.split(/\s*(?:–|—|-|\.\.|по)\s*(?=\d{1,2}\.\d{1,2}\.\d{4})/);
  if (parts.length === 2) {
    const from = parseDay(parts[0].replace(/^с\s*/, ''));
    const to = parseDay(parts[1]);
    if (from && to && from <= to) {
      const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
      return { start: from, end, label: `${dayLabel(from)}–${dayLabel(to)}` };
    }
  }
  throw new DomainError(
    `«${t}» — не период. Введите месяц как 03.2026 или два дня как 01.03.2026–31.03.2026 (пусто — прошлый месяц)`,
  );
}

const inside = (d: Date | null, p: Period): boolean => d !== null && d >= p.start && d < p.end;

const NOT_SET = '(не указано)';

/** The analysis of `period`; `names` maps a specialist's e-mail (lower case) to their name. */
export function analysisData(input: {
  clients: readonly AnalysisClient[];
  deals: readonly AnalysisDeal[];
  history: readonly HistoryEntry[];
  names: ReadonlyMap<string, string>;
  salesBy: 'contract' | 'payment';
  period: Period;
}): AnalysisData {
  const { period } = input;
  const clients = new Map(input.clients.map((c) => [c.id, c]));
  const firstEntry = new Map<string, Date>();
  const lostEntry = new Map<string, Date>();
  for (const e of input.history) {
    const first = firstEntry.get(e.dealId);
    // Stryker disable next-line EqualityOperator: an entry at the same moment sets the same time
    if (!first || e.time < first) firstEntry.set(e.dealId, e.time);
    // Stryker disable next-line ConditionalExpression: a deal at «Отказ» has its move there as its latest entry (every move is recorded)
    if (e.to === LOST_STAGE) {
      const lost = lostEntry.get(e.dealId);
      // Stryker disable next-line EqualityOperator: an entry at the same moment sets the same time
      if (!lost || e.time > lost) lostEntry.set(e.dealId, e.time);
    }
  }
  const facts = input.deals.map((d) => {
    const opened = firstEntry.get(d.id) ?? (d.stage === 'Новый' ? d.stageDate : null);
    const saleDate = input.salesBy === 'contract' ? d.contractDate : d.paymentDate;
    const won = d.stage !== LOST_STAGE && d.contractAmount !== null && inside(saleDate, period);
    const lost = d.stage === LOST_STAGE && inside(lostEntry.get(d.id) ?? d.stageDate, period);
    return { deal: d, client: clients.get(d.clientId), opened: inside(opened, period), won, lost };
  });

  const segment = (
    clientKey: ((c: AnalysisClient) => string) | null,
    dealKey: (f: (typeof facts)[number]) => string,
  ): SegmentRow[] => {
    const rows = new Map<string, SegmentRow>();
    const row = (name: string) => {
      const key = name || NOT_SET;
      let r = rows.get(key);
      if (!r) {
        r = { name: key, clients: 0, deals: 0, won: 0, lost: 0, sales: 0, conversion: null };
        rows.set(key, r);
      }
      return r;
    };
    if (clientKey) for (const c of input.clients) if (inside(c.created, period)) row(clientKey(c)).clients++;
    for (const f of facts) {
      if (!f.opened && !f.won && !f.lost) continue;
      const r = row(dealKey(f));
      if (f.opened) r.deals++;
      if (f.won) {
        r.won++;
        r.sales += f.deal.contractAmount ?? 0;
      }
      if (f.lost) r.lost++;
    }
    for (const r of rows.values()) r.conversion = r.won + r.lost > 0 ? r.won / (r.won + r.lost) : null;
    return [...rows.values()].sort((a, b) => b.sales - a.sales || b.clients - a.clients || b.deals - a.deals);
  };

  const count = (values: string[]) => {
    const map = new Map<string, number>();
    for (const v of values) map.set(v || NOT_SET, (map.get(v || NOT_SET) ?? 0) + 1);
    return [...map.entries()].map(([name, n]) => ({ name, count: n })).sort((a, b) => b.count - a.count);
  };
  const lostFacts = facts.filter((f) => f.lost);
  const conv = stageConversion(input.history, period);
  const days = daysInStage(input.history.filter((e) => e.time < period.end));

  return {
    period,
    bySource: segment(
      (c) => c.source,
      (f) => f.client?.source ?? '',
    ),
    byType: segment(
      (c) => c.type,
      (f) => f.client?.type ?? '',
    ),
    byCity: segment(
      (c) => c.city,
      (f) => f.client?.city ?? '',
    ),
    byDirection: segment(null, (f) => f.deal.direction),
    // one row per person: an e-mail typed in another case or with spaces is the same specialist
    bySpecialist: segment(null, (f) => {
      const email = normaliseEmail(f.deal.owner);
      return input.names.get(email) ?? email;
    }),
    lossReasons: count(lostFacts.map((f) => f.deal.lossReason)),
    competitors: count(lostFacts.filter((f) => f.deal.competitor !== '').map((f) => f.deal.competitor)),
    stages: conv.map((c, i) => ({ ...c, medianDays: days[i].medianDays })),
  };
}

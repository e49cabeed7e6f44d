/**
 * The director's weekly summary e-mail (sent by the daily digest's run on
 * Mondays, so it needs no trigger of its own): the pipeline by stage, overdue items by specialist, this month's plan
 * fulfilment so far, and the deals stuck longer than «Сделка без движения, дней».
 * Stuck deals are also listed to their owners in «Мои задачи» and the digest.
 */
import { agendaItems } from '../../domain/crm/agenda';
import { stuckDeals, type StuckDeal } from '../../domain/crm/stage-stats';
import { formatDateRu, isValidEmail, parseDateValue, textOf } from '../../domain/crm/values';
import { kopecksToRubles } from '../../domain/money';
import { SHEETS } from '../../domain/workbook/schema';
import { currentDashboardData } from '../dashboard';
import { historyEntries, optionalGrid } from '../dashboard-analysis';
import type { CrmContext } from './crm-context';
import { Table } from '../../adapter/table';
import { H, type RowRecord } from '../../domain/crm/records';

function records(ctx: CrmContext, name: string): RowRecord[] {
  if (!ctx.ss.getSheetByName(name)) return [];
  const table = Table.open(ctx.ss, name);
  return table.readAll().map((r) => table.record(r));
}

/** Open deals standing on their stage longer than the setting, from «История этапов» (else «Дата этапа»). */
export function currentStuckDeals(ctx: CrmContext, deals: readonly RowRecord[]): StuckDeal[] {
  const history = historyEntries(optionalGrid(ctx.ss, SHEETS.stageHistory));
  return stuckDeals(
    deals.map((d) => ({
      dealId: textOf(d[H.dealId]),
      client: textOf(d[H.client]),
      owner: textOf(d[H.owner]),
      stage: textOf(d[H.stage]),
      stageDate: parseDateValue(d[H.stageDate]),
    })),
    history,
    ctx.now,
    ctx.settings.stuckDealDays,
  );
}

const rub = (kopecks: number) =>
  kopecksToRubles(kopecks).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (share: number | null) => (share === null ? 'нет плана' : `${Math.round(share * 1000) / 10} %`);

/** The summary's text. */
export function weeklySummaryBody(ctx: CrmContext): string {
  const { data, month } = currentDashboardData(ctx.ss, ctx.now);
  const deals = records(ctx, SHEETS.deals);
  const items = agendaItems(
    { deals, clients: records(ctx, SHEETS.clients), claims: records(ctx, SHEETS.claims) },
    ctx.now,
    { claimDeadlineDays: ctx.settings.claimDeadlineDays },
  ).filter((i) => i.bucket === 'overdue');
  const overdue = new Map<string, number>();
  for (const i of items) overdue.set(i.owner || 'не назначен', (overdue.get(i.owner || 'не назначен') ?? 0) + 1);
  const stuck = currentStuckDeals(ctx, deals);
  const lines = [
    'Добрый день!',
    '',
    `Сводка по клиентской базе на ${formatDateRu(ctx.now)}.`,
    '',
    'Воронка (сделок · сумма, руб.):',
    ...data.funnel.filter((f) => f.count > 0).map((f) => `• ${f.stage}: ${f.count} · ${rub(f.amount)}`),
    '',
    'Просрочено по специалистам:',
    ...(overdue.size === 0 ? ['• ничего не просрочено'] : [...overdue].map(([who, n]) => `• ${who}: ${n}`)),
    '',
    `Выполнение плана за ${String(month.month).padStart(2, '0')}.${month.year} на сегодня:`,
    ...data.plan.map((p) => `• ${p.name}: продажи ${rub(p.sales)} — ${pct(p.fulfilment)}`),
    '',
    `Сделки без движения дольше ${ctx.settings.stuckDealDays} дн.:`,
    ...(stuck.length === 0
      ? ['• нет']
      : stuck.map((s) => `• ${s.dealId} (${s.client}, ${s.owner || 'не назначен'}): «${s.stage}» ${s.days} дн.`)),
    '',
    'Подробнее: CRM → «Обновить дашборд».',
  ];
  return lines.join('\n');
}

/** Sends the summary to the director («E-mail директора» in «Настройки», else the owner); returns the address or ''. */
export function sendWeeklySummary(ctx: CrmContext): string {
  const to = (ctx.settings.directorEmail || ctx.ss.getOwner()?.getEmail() || '').trim().toLowerCase();
  if (!isValidEmail(to)) return '';
  MailApp.sendEmail(to, `Еженедельная сводка отдела продаж на ${formatDateRu(ctx.now)}`, weeklySummaryBody(ctx));
  return to;
}

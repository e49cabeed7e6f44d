/**
 * «Мои задачи» and the daily digest (2.9, 2.7, 2.13): next steps, next
 * contacts, meetings and claims' deadlines, overdue, today and this week. The digest is an installable time-driven trigger the
 * director turns on from the menu; it runs as the director and e-mails each
 * specialist their own overdue items.
 */
import { Table } from '../../adapter/table';
import { agendaItems, BUCKET_TITLES, type AgendaBucket, type AgendaItem } from '../../domain/crm/agenda';
import type { RowRecord } from '../../domain/crm/records';
import { formatDateRu, isValidEmail, textOf } from '../../domain/crm/values';
import { H } from '../../domain/crm/records';
import { DomainError } from '../../domain/money';
import { SHEETS } from '../../domain/workbook/schema';
import type { TaskDto } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { currentStuckDeals, sendWeeklySummary } from './weekly-summary';

/** The public global the time-driven trigger calls. */
export const DIGEST_FUNCTION = 'sendDailyDigest';
/** The hour (spreadsheet time zone) the digest goes out. */
const DIGEST_HOUR = 8;

function records(ctx: CrmContext, name: string): RowRecord[] {
  if (!ctx.ss.getSheetByName(name)) return [];
  const table = Table.open(ctx.ss, name);
  return table.readAll().map((r) => table.record(r));
}

function allItems(ctx: CrmContext, owner?: string): AgendaItem[] {
  const deals = records(ctx, SHEETS.deals);
  const items = agendaItems(
    { deals, clients: records(ctx, SHEETS.clients), claims: records(ctx, SHEETS.claims) },
    ctx.now,
    { owner, claimDeadlineDays: ctx.settings.claimDeadlineDays },
  );
  // deals stuck on their stage come first among the overdue, for their owner
  const stuck: AgendaItem[] = currentStuckDeals(ctx, deals)
    .filter((d) => owner === undefined || d.owner.toLowerCase() === owner.toLowerCase())
    .map((d) => ({
      kind: 'stuck',
      id: d.dealId,
      clientId: textOf(deals.find((r) => textOf(r[H.dealId]) === d.dealId)?.[H.clientId]),
      title: d.client,
      owner: d.owner,
      due: d.since,
      bucket: 'overdue',
      daysOverdue: d.days,
      what: `Сделка ${d.dealId} (${d.client}): без движения на этапе «${d.stage}» ${d.days} дн.`,
    }));
  return [...stuck, ...items];
}

function taskDto(item: AgendaItem): TaskDto {
  return {
    kind: item.kind,
    id: item.id,
    clientId: item.clientId,
    title: item.title,
    due: formatDateRu(item.due),
    bucket: item.bucket,
    daysOverdue: item.daysOverdue,
    what: item.what,
  };
}

/**
 * The current user's items: overdue (oldest first), today, the next seven days.
 * When Google hides the user's e-mail, everyone's items are listed (nothing to filter by).
 */
export function myTasks(ctx: CrmContext): TaskDto[] {
  return allItems(ctx, ctx.user || undefined).map(taskDto);
}

const BUCKETS: readonly AgendaBucket[] = ['overdue', 'today', 'week'];

function itemLine(i: AgendaItem): string {
  if (i.bucket === 'overdue') return `• ${i.what} — срок ${formatDateRu(i.due)}, просрочено дней: ${i.daysOverdue}`;
  if (i.bucket === 'today') return `• ${i.what}`;
  return `• ${formatDateRu(i.due)}: ${i.what}`;
}

/** The digest text of one person's items, in three parts: overdue, today, this week. */
export function digestBody(items: readonly AgendaItem[]): string {
  const parts = BUCKETS.map((bucket) => {
    const lines = items.filter((i) => i.bucket === bucket).map(itemLine);
    return lines.length > 0 ? `${BUCKET_TITLES[bucket]} (${lines.length}):\n${lines.join('\n')}` : '';
  }).filter((p) => p !== '');
  return `Добрый день!\n\nПлан на день в клиентской базе.\n\n${parts.join('\n\n')}\n\nОткройте таблицу: CRM → «Мои задачи».`;
}

/** The digest's subject: how many items are overdue and due today. */
export function digestSubject(items: readonly AgendaItem[]): string {
  const overdue = items.filter((i) => i.bucket === 'overdue').length;
  const today = items.filter((i) => i.bucket === 'today').length;
  return `Задачи: просрочено ${overdue}, на сегодня ${today}`;
}

/** Sends each specialist their items; returns how many e-mails went out. */
export function sendDigest(ctx: CrmContext): number {
  const byOwner = new Map<string, AgendaItem[]>();
  for (const item of allItems(ctx)) {
    const owner = item.owner.toLowerCase();
    if (!isValidEmail(owner)) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  }
  for (const [owner, items] of byOwner) {
    MailApp.sendEmail(owner, digestSubject(items), digestBody(items));
  }
  // the same morning run brings the director the weekly summary on Mondays
  if (ctx.now.getDay() === 1) sendWeeklySummary(ctx);
  return byOwner.size;
}

/** Turns the daily digest trigger on or off (director only); returns the new state. */
export function toggleDigest(ctx: CrmContext, on: boolean): { on: boolean } {
  if (!ctx.isDirector) throw new DomainError('Ежедневную сводку включает и выключает директор');
  const existing = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === DIGEST_FUNCTION);
  if (on && existing.length === 0) {
    ScriptApp.newTrigger(DIGEST_FUNCTION).timeBased().everyDays(1).atHour(DIGEST_HOUR).create();
  }
  if (!on) for (const t of existing) ScriptApp.deleteTrigger(t);
  return { on };
}

/** Whether the digest trigger is installed. */
export function digestIsOn(): boolean {
  return ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === DIGEST_FUNCTION);
}

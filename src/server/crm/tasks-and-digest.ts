/**
 * «Мои задачи» and the daily digest (2.9, 2.13): overdue next steps, next
 * contacts and claims. The digest is an installable time-driven trigger the
 * director turns on from the menu; it runs as the director and e-mails each
 * specialist their own overdue items.
 */
import { Table } from '../../adapter/table';
import { overdueItems, type OverdueItem } from '../../domain/crm/overdue';
import type { RowRecord } from '../../domain/crm/records';
import { formatDateRu, isValidEmail } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { SHEETS } from '../../domain/workbook/schema';
import type { TaskDto } from '../../shared/api';
import type { CrmContext } from './crm-context';

/** The public global the time-driven trigger calls. */
export const DIGEST_FUNCTION = 'sendDailyDigest';
/** The hour (spreadsheet time zone) the digest goes out. */
const DIGEST_HOUR = 8;

function records(ctx: CrmContext, name: string): RowRecord[] {
  if (!ctx.ss.getSheetByName(name)) return [];
  const table = Table.open(ctx.ss, name);
  return table.readAll().map((r) => table.record(r));
}

function allOverdue(ctx: CrmContext, owner?: string): OverdueItem[] {
  return overdueItems(
    { deals: records(ctx, SHEETS.deals), clients: records(ctx, SHEETS.clients), claims: records(ctx, SHEETS.claims) },
    ctx.now,
    { owner, claimDeadlineDays: ctx.settings.claimDeadlineDays },
  );
}

function taskDto(item: OverdueItem): TaskDto {
  return {
    kind: item.kind,
    id: item.id,
    clientId: item.clientId,
    title: item.title,
    due: formatDateRu(item.due),
    daysOverdue: item.daysOverdue,
    what: item.what,
  };
}

/**
 * The current user's overdue items, oldest first. When Google hides the user's
 * e-mail, everyone's items are listed (nothing to filter by).
 */
export function myTasks(ctx: CrmContext): TaskDto[] {
  return allOverdue(ctx, ctx.user || undefined).map(taskDto);
}

/** The digest text of one person's items. */
export function digestBody(items: readonly OverdueItem[]): string {
  const lines = items.map((i) => `• ${i.what} — срок ${formatDateRu(i.due)}, просрочено дней: ${i.daysOverdue}`);
  return `Добрый день!\n\nПросроченные задачи в клиентской базе:\n\n${lines.join('\n')}\n\nОткройте таблицу: CRM → «Мои задачи».`;
}

/** Sends each specialist their overdue items; returns how many e-mails went out. */
export function sendDigest(ctx: CrmContext): number {
  const byOwner = new Map<string, OverdueItem[]>();
  for (const item of allOverdue(ctx)) {
    const owner = item.owner.toLowerCase();
    if (!isValidEmail(owner)) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  }
  for (const [owner, items] of byOwner) {
    MailApp.sendEmail(owner, `Просроченные задачи: ${items.length}`, digestBody(items));
  }
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

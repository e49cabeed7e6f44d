/**
 * Overdue items of ongoing contact (2.9) and claims (2.13): a deal's
 * «Следующий шаг», a client's «Следующий контакт», and claims past their
 * response deadline that are neither «Решена» nor «Отклонена».
 */
import { H, type RowRecord } from './records';
import { parseDateValue, textOf } from './values';

/** The default claim response time in days (a setting in «Настройки»). */
export const DEFAULT_CLAIM_DEADLINE_DAYS = 10;

export interface OverdueItem {
  kind: 'deal' | 'client' | 'claim';
  id: string;
  /** the client the item belongs to ('' when the row names none), so a list can open its card */
  clientId: string;
  /** client name, or the claim's subject */
  title: string;
  owner: string;
  due: Date;
  daysOverdue: number;
  /** a short Russian description for lists and e-mails */
  what: string;
}

/** A row with the 1-based sheet row it came from. */
export interface SheetRow {
  row: number;
  values: RowRecord;
}

function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** Whole days from `due` to `today` (positive when overdue), by calendar day. */
export function daysBetween(due: Date, today: Date): number {
  return dayNumber(today) - dayNumber(due);
}

/**
 * The response deadline of a claim received on `date`: the same time of day,
 * `deadlineDays` calendar days later (keeping the time keeps the calendar day
 * right even when the script's and the spreadsheet's time zones differ).
 */
export function claimDeadline(date: Date, deadlineDays: number = DEFAULT_CLAIM_DEADLINE_DAYS): Date {
  const deadline = new Date(date.getTime());
  deadline.setDate(deadline.getDate() + deadlineDays);
  return deadline;
}

const CLOSED_DEAL_STAGES = ['Завершена', 'Отказ'];
const CLOSED_CLAIM_STATUSES = ['Решена', 'Отклонена'];

/**
 * Every overdue item on `today`, oldest first. `owner` limits the list to one
 * person's items (compared ignoring case); omit it for everyone's.
 */
export function overdueItems(
  input: { deals: readonly RowRecord[]; clients: readonly RowRecord[]; claims: readonly RowRecord[] },
  today: Date,
  options: { owner?: string; claimDeadlineDays?: number } = {},
): OverdueItem[] {
  const owner = options.owner?.trim().toLowerCase();
  const items: OverdueItem[] = [];
  const push = (item: Omit<OverdueItem, 'daysOverdue'>) => {
    const days = daysBetween(item.due, today);
    if (days <= 0) return;
    if (owner !== undefined && item.owner.toLowerCase() !== owner) return;
    items.push({ ...item, daysOverdue: days });
  };
  for (const deal of input.deals) {
    const due = parseDateValue(deal[H.nextStep]);
    if (!due || CLOSED_DEAL_STAGES.includes(textOf(deal[H.stage]))) continue;
    const id = textOf(deal[H.dealId]);
    push({
      kind: 'deal',
      id,
      clientId: textOf(deal[H.clientId]),
      title: textOf(deal[H.client]),
      owner: textOf(deal[H.owner]),
      due,
      what: `Сделка ${id} (${textOf(deal[H.client])}, этап «${textOf(deal[H.stage])}»): следующий шаг просрочен`,
    });
  }
  for (const client of input.clients) {
    const due = parseDateValue(client[H.nextContact]);
    if (!due || textOf(client[H.clientStatus]) === 'Неактивный') continue;
    const id = textOf(client[H.clientId]);
    push({
      kind: 'client',
      id,
      clientId: id,
      title: textOf(client[H.client]),
      owner: textOf(client[H.owner]),
      due,
      what: `Клиент ${id} (${textOf(client[H.client])}): следующий контакт просрочен`,
    });
  }
  for (const claim of input.claims) {
    if (CLOSED_CLAIM_STATUSES.includes(textOf(claim[H.claimStatus]))) continue;
    const received = parseDateValue(claim[H.claimDate]);
    const due =
      parseDateValue(claim[H.claimDeadline]) ?? (received ? claimDeadline(received, options.claimDeadlineDays) : null);
    if (!due) continue;
    const id = textOf(claim[H.claimId]);
    push({
      kind: 'claim',
      id,
      clientId: textOf(claim[H.clientId]),
      title: textOf(claim[H.claimSubject]),
      owner: textOf(claim[H.owner]),
      due,
      what: `Претензия ${id} (${textOf(claim[H.claimSubject])}): срок ответа истёк`,
    });
  }
  return items.sort((a, b) => a.due.getTime() - b.due.getTime());
}

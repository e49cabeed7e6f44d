/**
 * The day's plan (2.9, 2.7, 2.13): what is overdue, due today and due in the
 * next seven days. A deal's «Следующий шаг», a client's «Следующий контакт»,
 * a deal's «Дата встречи» and a claim's «Срок ответа». A meeting that has
 * passed is history, not a task, so meetings are listed only from today on.
 */
import { claimDeadline, daysBetween } from './overdue';
import { H, type RowRecord } from './records';
import { parseDateValue, textOf } from './values';

/** How far ahead «На неделе» looks, in days after today. */
export const AGENDA_WEEK_DAYS = 7;

export type AgendaBucket = 'overdue' | 'today' | 'week';
export type AgendaKind = 'deal' | 'client' | 'meeting' | 'claim' | 'stuck';

export interface AgendaItem {
  kind: AgendaKind;
  id: string;
  clientId: string;
  title: string;
  owner: string;
  due: Date;
  bucket: AgendaBucket;
  /** days past the due date: positive when overdue, 0 today, negative ahead */
  daysOverdue: number;
  what: string;
}

export const BUCKET_TITLES: Record<AgendaBucket, string> = {
  overdue: 'Просрочено',
  today: 'Сегодня',
  week: 'На неделе',
};

const CLOSED_DEAL_STAGES = ['Завершена', 'Отказ'];
const CLOSED_CLAIM_STATUSES = ['Решена', 'Отклонена'];

function bucketOf(days: number): AgendaBucket | null {
  if (days > 0) return 'overdue';
  if (days === 0) return 'today';
  if (days >= -AGENDA_WEEK_DAYS) return 'week';
  return null;
}

const WHAT: Record<AgendaKind, Record<AgendaBucket, string>> = {
  deal: { overdue: 'следующий шаг просрочен', today: 'следующий шаг сегодня', week: 'следующий шаг' },
  client: { overdue: 'следующий контакт просрочен', today: 'следующий контакт сегодня', week: 'следующий контакт' },
  meeting: { overdue: 'встреча', today: 'встреча сегодня', week: 'встреча' },
  claim: { overdue: 'срок ответа истёк', today: 'срок ответа сегодня', week: 'срок ответа' },
  stuck: { overdue: 'без движения', today: 'без движения', week: 'без движения' },
};

/**
 * Every item overdue, due today or within the next week on `today`, overdue
 * first (oldest first), then by date. `owner` limits the list to one person's
 * items (ignoring case).
 */
export function agendaItems(
  input: { deals: readonly RowRecord[]; clients: readonly RowRecord[]; claims: readonly RowRecord[] },
  today: Date,
  options: { owner?: string; claimDeadlineDays?: number } = {},
): AgendaItem[] {
  const owner = options.owner?.trim().toLowerCase();
  const items: AgendaItem[] = [];
  const push = (item: Omit<AgendaItem, 'daysOverdue' | 'bucket' | 'what'>, subject: string) => {
    const days = daysBetween(item.due, today);
    const bucket = bucketOf(days);
    if (!bucket || (item.kind === 'meeting' && bucket === 'overdue')) return;
    if (owner !== undefined && item.owner.toLowerCase() !== owner) return;
    items.push({ ...item, bucket, daysOverdue: days, what: `${subject}: ${WHAT[item.kind][bucket]}` });
  };
  for (const deal of input.deals) {
    const stage = textOf(deal[H.stage]);
    if (CLOSED_DEAL_STAGES.includes(stage)) continue;
    const id = textOf(deal[H.dealId]);
    const base = {
      id,
      clientId: textOf(deal[H.clientId]),
      title: textOf(deal[H.client]),
      owner: textOf(deal[H.owner]),
    };
    const subject = `Сделка ${id} (${textOf(deal[H.client])}, этап «${stage}»)`;
    const step = parseDateValue(deal[H.nextStep]);
    if (step) push({ ...base, kind: 'deal', due: step }, subject);
    const meeting = parseDateValue(deal[H.meetingDate]);
    if (meeting) push({ ...base, kind: 'meeting', due: meeting }, subject);
  }
  for (const client of input.clients) {
    const due = parseDateValue(client[H.nextContact]);
    if (!due || textOf(client[H.clientStatus]) === 'Неактивный') continue;
    const id = textOf(client[H.clientId]);
    push(
      { kind: 'client', id, clientId: id, title: textOf(client[H.client]), owner: textOf(client[H.owner]), due },
      `Клиент ${id} (${textOf(client[H.client])})`,
    );
  }
  for (const claim of input.claims) {
    if (CLOSED_CLAIM_STATUSES.includes(textOf(claim[H.claimStatus]))) continue;
    const received = parseDateValue(claim[H.claimDate]);
    const due =
      parseDateValue(claim[H.claimDeadline]) ?? (received ? claimDeadline(received, options.claimDeadlineDays) : null);
    if (!due) continue;
    const id = textOf(claim[H.claimId]);
    push(
      {
        kind: 'claim',
        id,
        clientId: textOf(claim[H.clientId]),
        title: textOf(claim[H.claimSubject]),
        owner: textOf(claim[H.owner]),
        due,
      },
      `Претензия ${id} (${textOf(claim[H.claimSubject])})`,
    );
  }
  return items.sort((a, b) => a.due.getTime() - b.due.getTime());
}

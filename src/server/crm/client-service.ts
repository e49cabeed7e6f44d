/**
 * Client operations the sidebar calls: a new client (validated field by field,
 * with a duplicate warning before saving), a contact, the next contact date.
 */
import { appendLog } from '../../adapter/audit-log';
import { withDocumentLock } from '../../adapter/lock';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { discountProblem, statusChangeProblem } from '../../domain/crm/client-rules';
import { findDuplicates } from '../../domain/crm/duplicates';
import { nextId } from '../../domain/crm/ids';
import { H, type ClientType } from '../../domain/crm/records';
import { parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { COLUMNS, CONTACT_TYPES, SHEETS } from '../../domain/workbook/schema';
import type { ClientForm, ContactForm, CreateClientResult } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { findById, requireOwnRow } from './deal-service';
import { fieldValue } from './field-input';

/** Client headers the new-client form may send. */
export const CLIENT_FORM_HEADERS = COLUMNS.clients.filter((c) => !c.computed).map((c) => c.header);

/** Validates and saves a new client; returns errors per field, likely duplicates, or the new ID. */
export function createClient(ctx: CrmContext, form: ClientForm, confirmDuplicate: boolean): CreateClientResult {
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const type = (form[H.clientType] ?? '') as ClientType | '';
  for (const spec of COLUMNS.clients) {
    if (spec.computed) continue;
    const text = form[spec.header] ?? '';
    const result = fieldValue(spec, text, type);
    if (!result.ok) errors[spec.header] = result.message;
    else if (result.value !== '') values[spec.header] = result.value;
  }
  if (!values[H.client]) errors[H.client] = 'Укажите название клиента или ФИО';
  if (!values[H.clientType]) errors[H.clientType] = 'Выберите тип: Юрлицо, ИП или Физлицо';
  if (!values[H.source]) errors[H.source] = 'Укажите источник — он нужен для первого этапа сделки';
  if (!values[H.phone] && !values[H.email] && !errors[H.phone] && !errors[H.email]) {
    errors[H.phone] = 'Укажите телефон или e-mail';
  }
  values[H.owner] = values[H.owner] ?? ctx.user;
  values[H.clientStatus] = values[H.clientStatus] ?? 'Потенциальный';
  const statusProblem = statusChangeProblem('', values[H.clientStatus], ctx.isDirector);
  if (statusProblem) errors[H.clientStatus] = statusProblem;
  if (values[H.discount] !== undefined) {
    const problem = discountProblem(values[H.discount], values[H.clientStatus], ctx.settings.maxDiscountPercent);
    if (problem) errors[H.discount] = problem;
  }
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };
  return withDocumentLock(() => {
    const clients = Table.open(ctx.ss, SHEETS.clients, [H.clientId]);
    const existing = clients.readAll().map((r) => clients.record(r));
    if (!confirmDuplicate) {
      const matches = findDuplicates(values, existing);
      if (matches.length > 0) return { status: 'duplicate' as const, matches };
    }
    const clientId = nextId(
      'client',
      existing.map((r) => r[H.clientId]),
    );
    const record: Record<string, unknown> = { ...values, [H.clientId]: clientId };
    if (clients.has(H.created)) record[H.created] = ctx.today;
    for (const header of Object.keys(record)) if (!clients.has(header)) delete record[header];
    clients.appendRecords([record]);
    const memory = ValueMemory.load(ctx.ss);
    memory.set(clientId, H.clientStatus, textOf(record[H.clientStatus]));
    if (record[H.discount] !== undefined) memory.set(clientId, H.discount, textOf(record[H.discount]));
    memory.save(ctx.ss);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: 'Новый клиент',
          sheet: SHEETS.clients,
          id: clientId,
          field: H.client,
          before: '',
          after: record[H.client],
          comment: confirmDuplicate ? 'Сохранён несмотря на возможный дубль' : 'Карточка клиента',
        },
      ],
      ctx.now,
    );
    return { status: 'created' as const, clientId };
  });
}

/** Records a contact with a client (2.9); a next-contact date also goes to the client's row. */
export function logContact(ctx: CrmContext, contact: ContactForm): { ok: true } {
  if (!(CONTACT_TYPES as readonly string[]).includes(contact.type)) {
    throw new DomainError(`Тип контакта: выберите одно из значений: ${CONTACT_TYPES.join(', ')}`);
  }
  if (!contact.result) throw new DomainError('Опишите результат контакта');
  const next = contact.nextContact ? parseDateValue(contact.nextContact) : null;
  if (contact.nextContact && !next) throw new DomainError('Следующий контакт: нужна дата дд.мм.гггг');
  return withDocumentLock(() => {
    const client = findById(ctx, SHEETS.clients, H.clientId, contact.clientId);
    if (!client) throw new DomainError(`Клиента «${contact.clientId}» нет на листе «Клиенты»`);
    requireOwnRow(ctx, client.record, `Клиента ${contact.clientId}`);
    if (contact.dealId) {
      const deal = findById(ctx, SHEETS.deals, H.dealId, contact.dealId);
      if (!deal || textOf(deal.record[H.clientId]) !== contact.clientId) {
        throw new DomainError(`Сделка «${contact.dealId}» не относится к клиенту ${contact.clientId}`);
      }
    }
    const contacts = Table.open(ctx.ss, SHEETS.contacts, ['Дата', H.clientId]);
    const record: Record<string, unknown> = {
      Дата: ctx.today,
      [H.clientId]: contact.clientId,
      [H.dealId]: contact.dealId ?? '',
      Сотрудник: ctx.user,
      Тип: contact.type,
      Результат: contact.result,
      [H.nextContact]: next ?? '',
    };
    for (const header of Object.keys(record)) if (!contacts.has(header)) delete record[header];
    contacts.appendRecords([record]);
    if (next && client.table.has(H.nextContact)) client.table.writeCell(client.row, H.nextContact, next);
    return { ok: true as const };
  });
}

/** Sets a client's «Следующий контакт» or a deal's «Следующий шаг». */
export function setNextContact(ctx: CrmContext, kind: 'client' | 'deal', id: string, dateText: string): { ok: true } {
  const date = parseDateValue(dateText);
  if (!date) throw new DomainError('Нужна дата дд.мм.гггг');
  return withDocumentLock(() => {
    const found =
      kind === 'client' ? findById(ctx, SHEETS.clients, H.clientId, id) : findById(ctx, SHEETS.deals, H.dealId, id);
    if (!found) throw new DomainError(`«${id}» не найден`);
    requireOwnRow(ctx, found.record, kind === 'client' ? `Клиента ${id}` : `Сделку ${id}`);
    const header = kind === 'client' ? H.nextContact : H.nextStep;
    found.table.writeCell(found.row, header, date);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: 'Следующий контакт',
          sheet: found.table.name,
          id,
          field: header,
          before: found.record[header],
          after: date,
        },
      ],
      ctx.now,
    );
    return { ok: true as const };
  });
}

/**
 * Client operations the sidebar calls: a new client (validated field by field,
 * with a duplicate warning before saving), changes to a client's fields, a
 * contact, the next contact date.
 */
import { appendLog, type LogEntry } from '../../adapter/audit-log';
import { withRequestLock } from '../../adapter/request-ids';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { discountPercent, discountProblem, statusChangeProblem } from '../../domain/crm/client-rules';
import { duplicateSearchPattern, findDuplicates } from '../../domain/crm/duplicates';
import { allocateIds } from '../../adapter/id-allocator';
import { H, type ClientType } from '../../domain/crm/records';
import { innProblem, isBlankValue, parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { COLUMNS, CONTACT_TYPES, SHEETS, type ColumnSpec } from '../../domain/workbook/schema';
import type { ClientForm, ContactForm, CreateClientResult, UpdateClientResult } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { clientCard, findById, requireOwnRow } from './deal-service';
import { fieldValue } from './field-input';

/** Client headers the new-client form may send. */
export const CLIENT_FORM_HEADERS = COLUMNS.clients.filter((c) => !c.computed).map((c) => c.header);

/** Validates and saves a new client; returns errors per field, likely duplicates, or the new ID. */
export function createClient(
  ctx: CrmContext,
  form: ClientForm,
  confirmDuplicate: boolean,
  requestId = '',
): CreateClientResult {
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
  return withRequestLock(requestId, () => {
    const clients = Table.open(ctx.ss, SHEETS.clients, [H.clientId]);
    if (!confirmDuplicate) {
      // only the rows whose ИНН, phone or e-mail may be the same are read
      const pattern = duplicateSearchPattern(values);
      const rows = pattern ? clients.searchRows([H.inn, H.phone, H.email], pattern) : [];
      const candidates = [...clients.readRowsAt(rows).values()].map((r) => clients.record(r));
      const matches = findDuplicates(values, candidates);
      if (matches.length > 0) return { status: 'duplicate' as const, matches };
    }
    const [clientId] = allocateIds(clients, H.clientId, 'client');
    const record: Record<string, unknown> = { ...values, [H.clientId]: clientId };
    if (clients.has(H.created)) record[H.created] = ctx.today;
    for (const header of Object.keys(record)) if (!clients.has(header)) delete record[header];
    clients.appendRecords([record]);
    const memory = ValueMemory.load(ctx.ss, [clientId]);
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

/** Messages for client fields that may not be cleared: the card, the funnel's first stage and the rules need them. */
const REQUIRED_CLIENT_FIELDS: Record<string, string> = {
  [H.client]: 'Укажите название клиента или ФИО',
  [H.clientType]: 'Выберите тип: Юрлицо, ИП или Физлицо',
  [H.source]: 'Укажите источник — он нужен для первого этапа сделки',
  [H.clientStatus]: 'Выберите статус клиента',
  [H.owner]: 'Укажите ответственного за клиента',
};

function clientSpec(header: string): ColumnSpec {
  return COLUMNS.clients.find((c) => c.header === header) ?? { header, type: 'text' };
}

/** Whether the cell already holds what `value` would write; a discount cell formatted as percent holds 0.15 for 15. */
function sameValue(spec: ColumnSpec, current: unknown, value: unknown): boolean {
  if (spec.type === 'percent') return discountPercent(current) === discountPercent(value);
  return textOf(current) === textOf(value);
}

/**
 * Changes fields of an existing client, validated as in createClient. Refuses
 * another specialist's client; «Ключевой», discounts and «Ответственный» are
 * the director's (2.10). Writes only the cells that change and logs each one.
 */
export function updateClient(
  ctx: CrmContext,
  clientId: string,
  fields: ClientForm,
  requestId = '',
): UpdateClientResult {
  return withRequestLock(requestId, () => {
    const found = findById(ctx, SHEETS.clients, H.clientId, clientId);
    if (!found) throw new DomainError(`Клиента «${clientId}» нет на листе «Клиенты»`);
    requireOwnRow(ctx, found.record, `Клиента ${clientId}`);
    const current = found.record;
    const type = (fields[H.clientType] ?? textOf(current[H.clientType])) as ClientType | '';
    const errors: Record<string, string> = {};
    const changes: Record<string, unknown> = {};
    for (const [header, text] of Object.entries(fields)) {
      const spec = clientSpec(header);
      const result = fieldValue(spec, text, type);
      if (!result.ok) errors[header] = result.message;
      else if (result.value === '' && REQUIRED_CLIENT_FIELDS[header]) errors[header] = REQUIRED_CLIENT_FIELDS[header];
      else if (!sameValue(spec, current[header], result.value)) changes[header] = result.value;
    }
    const after = (header: string) => (header in changes ? changes[header] : current[header]);
    // a new type must fit the ИНН already on the row (10 digits for Юрлицо, 12 for ИП and Физлицо)
    if (H.clientType in changes && !(H.inn in fields) && !isBlankValue(current[H.inn])) {
      const problem = innProblem(current[H.inn], type);
      if (problem) errors[H.inn] = problem;
    }
    if ((H.phone in changes || H.email in changes) && isBlankValue(after(H.phone)) && isBlankValue(after(H.email))) {
      errors[H.phone] = errors[H.phone] ?? 'Укажите телефон или e-mail';
    }
    if (H.owner in changes && !ctx.isDirector) {
      errors[H.owner] = 'Ответственного за клиента назначает директор';
    }
    if (H.clientStatus in changes) {
      const problem = statusChangeProblem(current[H.clientStatus], changes[H.clientStatus], ctx.isDirector);
      if (problem) errors[H.clientStatus] = problem;
    }
    if (H.discount in changes && !ctx.isDirector) {
      errors[H.discount] = 'Скидку назначает только директор (п. 2.10)';
    } else if ((H.discount in changes || H.clientStatus in changes) && !errors[H.discount]) {
      const problem = discountProblem(after(H.discount), after(H.clientStatus), ctx.settings.maxDiscountPercent);
      if (problem) errors[H.discount] = problem;
    }
    if (Object.keys(errors).length > 0) {
      // refusals of the director's rights are kept in «Журнал», like those in the sheet
      const refused = [H.owner, H.clientStatus, H.discount].filter((h) => errors[h] && h in changes);
      if (refused.length > 0) {
        appendLog(
          ctx.ss,
          refused.map((header) => ({
            user: ctx.user,
            action: 'Отклонено изменение поля',
            sheet: SHEETS.clients,
            id: clientId,
            field: header,
            before: current[header],
            after: changes[header],
            comment: errors[header],
          })),
          ctx.now,
        );
      }
      return { status: 'invalid' as const, errors };
    }
    const headers = Object.keys(changes);
    if (headers.length === 0) return { status: 'saved' as const, card: clientCard(ctx, clientId) };
    found.table.writeFields(found.row, changes);
    // the sheet's edit check reverts «Статус клиента» and «Скидка, %» to these remembered values
    if (H.clientStatus in changes || H.discount in changes) {
      const memory = ValueMemory.load(ctx.ss, [clientId]);
      for (const header of [H.clientStatus, H.discount]) {
        if (header in changes) memory.set(clientId, header, textOf(changes[header]));
      }
      memory.save(ctx.ss);
    }
    const log: LogEntry[] = headers.map((header) => ({
      user: ctx.user,
      action: 'Изменение поля',
      sheet: SHEETS.clients,
      id: clientId,
      field: header,
      before: current[header],
      after: changes[header],
      comment: 'Карточка клиента',
    }));
    appendLog(ctx.ss, log, ctx.now);
    return { status: 'saved' as const, card: clientCard(ctx, clientId) };
  });
}

/** Records a contact with a client (2.9); a next-contact date also goes to the client's row. */
export function logContact(ctx: CrmContext, contact: ContactForm, requestId = ''): { ok: true } {
  if (!(CONTACT_TYPES as readonly string[]).includes(contact.type)) {
    throw new DomainError(`Тип контакта: выберите одно из значений: ${CONTACT_TYPES.join(', ')}`);
  }
  if (!contact.result) throw new DomainError('Опишите результат контакта');
  const next = contact.nextContact ? parseDateValue(contact.nextContact) : null;
  if (contact.nextContact && !next) throw new DomainError('Следующий контакт: нужна дата дд.мм.гггг');
  return withRequestLock(requestId, () => {
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
export function setNextContact(
  ctx: CrmContext,
  kind: 'client' | 'deal',
  id: string,
  dateText: string,
  requestId = '',
): { ok: true } {
  const date = parseDateValue(dateText);
  if (!date) throw new DomainError('Нужна дата дд.мм.гггг');
  return withRequestLock(requestId, () => {
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

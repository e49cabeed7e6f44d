/**
 * Deal operations the sidebar calls: the client card, moving a deal through the
 * funnel with the fields it needs, the director's override, a new deal.
 * Every write runs under the document lock; others' deals are refused when the
 * current user is known (see adapter/user.ts for when Google hides it).
 */
import { appendLog, type LogEntry } from '../../adapter/audit-log';
import { allocateIds } from '../../adapter/id-allocator';
import { appendStageHistory, type StageChangeWay } from '../../adapter/stage-history';
import { withRequestLock } from '../../adapter/request-ids';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { statusAfterStage } from '../../domain/crm/client-rules';
import {
  allowedMoves,
  checkTransition,
  isReopening,
  isStage,
  lostAtAfter,
  REOPEN_CLEARS,
  type MissingField,
  type TransitionResult,
} from '../../domain/crm/funnel';
import {
  backFromSignedProblem,
  checkDealFieldChange,
  GUARDED_DEAL_FIELDS,
  payFieldsLocked,
  payMonthsOf,
  type RightsContext,
} from '../../domain/crm/rights';
import { markPayDataChanged } from '../../adapter/pay-changes';
import { H, type ClientType, type RowRecord } from '../../domain/crm/records';
import { formatDateRu, parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { COLUMNS, LOST_STAGE, SHEETS, STAGES, type Stage } from '../../domain/workbook/schema';
import type { ClientCardDto, ContactDto, DealDto, MoveDealResult } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { NOTE_PREFIX, rememberPayFieldsAtSigning } from './edit-enforcement';
import { fieldValue } from './field-input';

/** A row found by ID: the table, its sheet row and its record. */
export interface FoundRow {
  table: Table;
  row: number;
  record: Record<string, unknown>;
}

/**
 * Finds a row by its ID: a TextFinder on the ID column, then that one row; a
 * cell that only looks the same (another case) is passed over.
 */
export function findById(ctx: CrmContext, sheetName: string, idHeader: string, id: string): FoundRow | null {
  const table = Table.open(ctx.ss, sheetName, [idHeader]);
  const rows = table.readRowsAt(table.findRows(idHeader, [id]));
  for (const [row, values] of rows) {
    const record = table.record(values);
    if (textOf(record[idHeader]) === id) return { table, row, record };
  }
  return null;
}

/** The records of a tab whose `header` is `id` (found by TextFinder, read by row), top to bottom. */
function recordsWith(table: Table, header: string, id: string): Record<string, unknown>[] {
  return [...table.readRowsAt(table.findRows(header, [id])).values()]
    .map((r) => table.record(r))
    .filter((r) => textOf(r[header]) === id);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The rights of the current user for domain/crm/rights.ts (closed months read only when asked). */
export function rightsOf(ctx: CrmContext, reason?: string): RightsContext {
  let closed: ReadonlySet<string> | null = null;
  return {
    user: ctx.user,
    // asked only when a rule needs it: the director list costs a read of «Настройки»
    get isDirector() {
      return ctx.isDirector;
    },
    closedMonths: () => (closed ??= ctx.closedMonths()),
    reason,
  };
}

/** Refuses a row whose «Ответственный» is someone else, unless the user is the director or unknown. */
export function requireOwnRow(ctx: CrmContext, record: RowRecord, what: string): void {
  const owner = textOf(record[H.owner]).toLowerCase();
  if (!ctx.user || !owner || owner === ctx.user || ctx.isDirector) return;
  throw new DomainError(`${what} ведёт другой сотрудник (${owner}); изменить может он или директор`);
}

function asText(record: RowRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) out[k] = textOf(v);
  return out;
}

function lostAtOf(memory: ValueMemory | null, id: string): Stage | null {
  const lostAt = memory?.get(id, H.stage)?.lostAt;
  return isStage(lostAt) ? lostAt : null;
}

function dealDto(record: RowRecord, client: RowRecord | null, memory: ValueMemory | null): DealDto {
  const id = textOf(record[H.dealId]);
  return {
    id,
    stage: textOf(record[H.stage]),
    stageDate: textOf(record[H.stageDate]),
    fields: asText(record),
    moves: allowedMoves(record, client, { lostAt: lostAtOf(memory, id) }).map((m) => ({
      to: m.to,
      kind: m.kind,
      allowed: m.allowed,
      missing: m.missing.map((x) => ({ ...x })),
      reason: m.reason,
    })),
  };
}

/** The client ID of the selected row on «Клиенты» or «Сделки», or ''. */
export function selectedClientId(ctx: CrmContext): string {
  const sheet = ctx.ss.getActiveSheet();
  const name = sheet.getName();
  if (name !== SHEETS.clients && name !== SHEETS.deals) return '';
  const range = ctx.ss.getActiveRange();
  const row = range ? range.getRow() : 0;
  if (row < 2) return '';
  const table = Table.of(sheet, [], name);
  if (!table.has(H.clientId)) return '';
  return textOf(table.record(table.readRows(row, 1)[0])[H.clientId]);
}

/** The client card: the client, its deals with their allowed moves, its contacts. */
export function clientCard(ctx: CrmContext, clientId: string): ClientCardDto {
  const id = clientId || selectedClientId(ctx);
  if (!id) throw new DomainError('Выберите строку клиента на листе «Клиенты» или сделки на листе «Сделки»');
  const client = findById(ctx, SHEETS.clients, H.clientId, id);
  if (!client) throw new DomainError(`Клиента «${id}» нет на листе «Клиенты»`);
  const dealsTable = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.clientId, H.stage]);
  const dealRecords = recordsWith(dealsTable, H.clientId, id);
  // the memory keeps where a lost deal was lost (its one way back): read only for this client's lost deals
  const lost = dealRecords.filter((r) => textOf(r[H.stage]) === LOST_STAGE).map((r) => textOf(r[H.dealId]));
  const memory = lost.length > 0 ? ValueMemory.load(ctx.ss, lost) : null;
  const deals = dealRecords.map((r) => dealDto(r, client.record, memory));
  const contacts: ContactDto[] = [];
  const table = Table.tryOpen(ctx.ss, SHEETS.contacts);
  if (table) {
    table.col(H.clientId);
    for (const r of recordsWith(table, H.clientId, id)) {
      contacts.push({
        date: textOf(r['Дата']),
        dealId: textOf(r[H.dealId]),
        employee: textOf(r['Сотрудник']),
        type: textOf(r['Тип']),
        result: textOf(r['Результат']),
        nextContact: textOf(r[H.nextContact]),
      });
    }
    contacts.sort((a, b) => (parseDateValue(b.date)?.getTime() ?? 0) - (parseDateValue(a.date)?.getTime() ?? 0));
  }
  return { clientId: id, fields: asText(client.record), deals, contacts, canOverride: ctx.isDirector };
}

/** Deal headers the sidebar may fill when moving a deal. */
export const EDITABLE_DEAL_HEADERS = COLUMNS.deals
  .filter((c) => !c.computed && c.header !== H.stage && c.header !== H.clientId)
  .map((c) => c.header);

function dealSpec(header: string) {
  return COLUMNS.deals.find((c) => c.header === header)!;
}

function missingDto(missing: readonly MissingField[]) {
  return missing.map((m) => ({ header: m.header, on: m.on, message: m.message }));
}

/**
 * Saves the given deal fields and moves the deal to `toStage` when the funnel
 * allows it; otherwise saves the fields and returns what is missing.
 */
export function moveDeal(
  ctx: CrmContext,
  dealId: string,
  toStage: string,
  fieldValues: Record<string, string>,
  requestId = '',
): MoveDealResult {
  if (!isStage(toStage)) throw new DomainError(`«${toStage}» — не этап воронки`);
  let movedClientId = '';
  const result = withRequestLock(requestId, (): MoveDealResult => {
    const deal = findById(ctx, SHEETS.deals, H.dealId, dealId);
    if (!deal) throw new DomainError(`Сделки «${dealId}» нет на листе «Сделки»`);
    requireOwnRow(ctx, deal.record, `Сделку ${dealId}`);
    const clientId = textOf(deal.record[H.clientId]);
    const client = clientId ? findById(ctx, SHEETS.clients, H.clientId, clientId) : null;
    const errors: MissingField[] = [];
    const updates: Record<string, unknown> = {};
    const log: LogEntry[] = [];
    const memory = ValueMemory.load(ctx.ss, [dealId]);
    const stageNow = memory.get(dealId, H.stage)?.value ?? textOf(deal.record[H.stage]);
    const after = { ...deal.record };
    for (const [header, text] of Object.entries(fieldValues)) {
      const parsed = fieldValue(dealSpec(header), text, textOf(client?.record[H.clientType]) as ClientType | '');
      if (parsed.ok) after[header] = parsed.value;
    }
    for (const [header, text] of Object.entries(fieldValues)) {
      let result = fieldValue(dealSpec(header), text, textOf(client?.record[H.clientType]) as ClientType | '');
      if (result.ok && GUARDED_DEAL_FIELDS.includes(header) && textOf(result.value) !== textOf(deal.record[header])) {
        const verdict = checkDealFieldChange(
          after,
          stageNow,
          { header, before: textOf(deal.record[header]), after: result.value, formula: false, newRow: false },
          rightsOf(ctx),
        );
        result = verdict.ok ? verdict : { ok: false, message: capitalized(verdict.reason) };
      }
      if (!result.ok) errors.push({ header, on: 'deal', message: result.message });
      else if (textOf(result.value) !== textOf(deal.record[header])) {
        updates[header] = result.value;
        log.push({
          user: ctx.user,
          action: 'Изменение поля',
          sheet: SHEETS.deals,
          id: dealId,
          field: header,
          before: deal.record[header],
          after: result.value,
          comment: 'Карточка клиента',
        });
      }
    }
    if (errors.length > 0) {
      const refused = errors.filter((e) => GUARDED_DEAL_FIELDS.includes(e.header));
      if (refused.length > 0) {
        appendLog(
          ctx.ss,
          refused.map((e) => ({
            user: ctx.user,
            action: 'Отклонено изменение поля',
            sheet: SHEETS.deals,
            id: dealId,
            field: e.header,
            before: deal.record[e.header],
            after: fieldValues[e.header],
            comment: e.message,
          })),
          ctx.now,
        );
      }
      return { ok: false, dealId, reason: errors.map((e) => e.message).join('; '), missing: missingDto(errors) };
    }
    Object.assign(deal.record, updates);
    // the sheet's edit check reverts these fields to the values saved here
    for (const header of Object.keys(updates)) {
      if (GUARDED_DEAL_FIELDS.includes(header)) memory.set(dealId, header, textOf(updates[header]));
    }
    if (payFieldsLocked(stageNow) && Object.keys(updates).some((h) => GUARDED_DEAL_FIELDS.includes(h))) {
      markPayDataChanged(payMonthsOf(deal.record), ctx.now);
    }
    const from = isStage(stageNow) ? stageNow : '';
    const back = isStage(toStage) && from !== '' ? backFromSignedProblem(from, toStage, ctx.isDirector) : null;
    const result: TransitionResult = back
      ? { ok: false, reason: back.charAt(0).toUpperCase() + back.slice(1), missing: [] }
      : checkTransition(deal.record, client?.record ?? null, from, toStage, { lostAt: lostAtOf(memory, dealId) });
    if (!result.ok) {
      if (Object.keys(updates).length > 0) deal.table.writeFields(deal.row, updates);
      memory.save(ctx.ss);
      appendLog(ctx.ss, log, ctx.now);
      return { ok: false, dealId, reason: result.reason, missing: missingDto(result.missing) };
    }
    const lostAt = lostAtAfter(from, toStage);
    applyStage(
      ctx,
      deal,
      client,
      from,
      toStage,
      updates,
      memory,
      lostAt,
      log,
      result.kind === 'back' ? 'Возврат сделки на этап' : 'Смена этапа',
      'Карточка клиента',
      'sidebar',
    );
    if (client) movedClientId = clientId;
    return { ok: true, dealId, stage: toStage, stageDate: formatDateRu(ctx.today) };
  });
  // the card as it is now, read after the lock is released, saves the sidebar a second call
  if (!result.ok || !movedClientId) return result;
  return { ...result, card: clientCard(ctx, movedClientId) };
}

/** Writes a stage change with its date, the client's status, the memory and the log. */
function applyStage(
  ctx: CrmContext,
  deal: FoundRow,
  client: FoundRow | null,
  from: string,
  to: Stage,
  updates: Record<string, unknown>,
  memory: ValueMemory,
  lostAt: string,
  log: LogEntry[],
  action: string,
  comment: string,
  how: StageChangeWay,
): void {
  const dealId = textOf(deal.record[H.dealId]);
  const fields: Record<string, unknown> = { ...updates };
  if (from !== to) {
    fields[H.stage] = to;
    if (deal.table.has(H.stageDate)) fields[H.stageDate] = ctx.today;
    if (isReopening(from, to)) {
      for (const header of REOPEN_CLEARS) {
        if (!deal.table.has(header) || textOf(deal.record[header]) === '' || header in updates) continue;
        fields[header] = '';
        log.push({
          user: ctx.user,
          action: 'Сделка возвращена из «Отказ»',
          sheet: SHEETS.deals,
          id: dealId,
          field: header,
          before: deal.record[header],
          after: '',
          comment,
        });
      }
    }
    log.push({
      user: ctx.user,
      action,
      sheet: SHEETS.deals,
      id: dealId,
      field: H.stage,
      before: from,
      after: to,
      comment,
    });
  }
  if (Object.keys(fields).length > 0) deal.table.writeFields(deal.row, fields);
  if (from !== to) clearRefusalNote(deal);
  memory.set(dealId, H.stage, to, lostAt);
  rememberPayFieldsAtSigning(memory, dealId, deal.record, from, to);
  if (payFieldsLocked(from) || payFieldsLocked(to)) markPayDataChanged(payMonthsOf(deal.record), ctx.now);
  const newStatus = client ? statusAfterStage(client.record[H.clientStatus], to) : null;
  if (client && newStatus) {
    client.table.writeCell(client.row, H.clientStatus, newStatus);
    // the client's memory rows are read only now that its status changes
    memory.include([textOf(client.record[H.clientId])]);
    memory.set(textOf(client.record[H.clientId]), H.clientStatus, newStatus);
    log.push({
      user: ctx.user,
      action: 'Статус клиента',
      sheet: SHEETS.clients,
      id: textOf(client.record[H.clientId]),
      field: H.clientStatus,
      before: client.record[H.clientStatus],
      after: newStatus,
      comment: 'Договор заключён',
    });
  }
  memory.save(ctx.ss);
  appendLog(ctx.ss, log, ctx.now);
  const changes = from !== to ? [{ dealId, client: textOf(deal.record[H.client]), from, to, user: ctx.user, how }] : [];
  appendStageHistory(ctx.ss, changes, ctx.now);
}

/** An accepted move makes an earlier «этап … не принят» note on the stage cell stale: it goes. */
function clearRefusalNote(deal: FoundRow): void {
  if (!deal.table.has(H.stage)) return;
  const cell = deal.table.sheet.getRange(deal.row, deal.table.col(H.stage));
  if (String(cell.getNote() ?? '').startsWith(NOTE_PREFIX)) cell.setNote('');
}

/** The director sets any stage, bypassing the funnel rules, with a reason that is logged. */
export function overrideStage(
  ctx: CrmContext,
  dealId: string,
  toStage: string,
  reason: string,
  requestId = '',
): MoveDealResult {
  if (!ctx.isDirector) ctx.requireDirector('Изменить этап в обход правил может только директор');
  if (!isStage(toStage)) throw new DomainError(`«${toStage}» — не этап воронки`);
  if (reason.length < 3) throw new DomainError('Укажите причину изменения этапа — она попадёт в «Журнал»');
  return withRequestLock(requestId, () => {
    const deal = findById(ctx, SHEETS.deals, H.dealId, dealId);
    if (!deal) throw new DomainError(`Сделки «${dealId}» нет на листе «Сделки»`);
    const clientId = textOf(deal.record[H.clientId]);
    const client = clientId ? findById(ctx, SHEETS.clients, H.clientId, clientId) : null;
    const memory = ValueMemory.load(ctx.ss, [dealId]);
    const from = memory.get(dealId, H.stage)?.value ?? textOf(deal.record[H.stage]);
    const lostAt = lostAtAfter(from, toStage);
    applyStage(ctx, deal, client, from, toStage, {}, memory, lostAt, [], 'Этап изменён директором', reason, 'override');
    return { ok: true, dealId, stage: toStage, stageDate: formatDateRu(ctx.today) };
  });
}

/**
 * The director's path for every director-only deal change: «Ответственный»
 * and the pay-deciding fields, also of a deal in a closed month. The reason
 * goes to «Журнал» with before and after; the closed month's ведомость stays
 * as it was paid (its tab holds values, not formulas).
 */
export function changeDealAsDirector(
  ctx: CrmContext,
  dealId: string,
  fields: Record<string, string>,
  reason: string,
  requestId = '',
): MoveDealResult {
  ctx.requireDirector('Ответственного и суммы заключённой сделки меняет только директор');
  if (reason.length < 3) throw new DomainError('Укажите причину изменения — она попадёт в «Журнал»');
  return withRequestLock(requestId, () => {
    const deal = findById(ctx, SHEETS.deals, H.dealId, dealId);
    if (!deal) throw new DomainError(`Сделки «${dealId}» нет на листе «Сделки»`);
    const memory = ValueMemory.load(ctx.ss, [dealId, textOf(deal.record[H.clientId])]);
    const stage = memory.get(dealId, H.stage)?.value ?? textOf(deal.record[H.stage]);
    const after = { ...deal.record };
    const errors: MissingField[] = [];
    const updates: Record<string, unknown> = {};
    for (const [header, text] of Object.entries(fields)) {
      const parsed = fieldValue(dealSpec(header), text);
      if (!parsed.ok) errors.push({ header, on: 'deal', message: parsed.message });
      else after[header] = parsed.value;
    }
    for (const header of Object.keys(fields)) {
      if (errors.some((e) => e.header === header)) continue;
      const before = textOf(deal.record[header]);
      if (textOf(after[header]) === before) continue;
      const verdict = checkDealFieldChange(
        after,
        stage,
        { header, before, after: after[header], formula: false, newRow: false },
        rightsOf(ctx, reason),
      );
      if (!verdict.ok) errors.push({ header, on: 'deal', message: capitalized(verdict.reason) });
      else updates[header] = verdict.value;
    }
    if (errors.length > 0) {
      return { ok: false, dealId, reason: errors.map((e) => e.message).join('; '), missing: missingDto(errors) };
    }
    if (Object.keys(updates).length > 0) deal.table.writeFields(deal.row, updates);
    for (const header of Object.keys(updates)) memory.set(dealId, header, textOf(updates[header]));
    markPayDataChanged(
      payMonthsOf({ ...deal.record, ...updates }, [deal.record[H.contractDate], deal.record[H.paymentDate]]),
      ctx.now,
    );
    memory.save(ctx.ss);
    appendLog(
      ctx.ss,
      Object.keys(updates).map((header) => ({
        user: ctx.user,
        action: 'Изменение директором',
        sheet: SHEETS.deals,
        id: dealId,
        field: header,
        before: deal.record[header],
        after: updates[header],
        comment: reason,
      })),
      ctx.now,
    );
    return { ok: true, dealId, stage: textOf(deal.record[H.stage]), stageDate: textOf(deal.record[H.stageDate]) };
  });
}

/** A new deal for a client at «Новый», owned by the client's «Ответственный» (or the current user). */
export function createDeal(ctx: CrmContext, clientId: string, requestId = ''): { dealId: string } {
  return withRequestLock(requestId, () => {
    const client = findById(ctx, SHEETS.clients, H.clientId, clientId);
    if (!client) throw new DomainError(`Клиента «${clientId}» нет на листе «Клиенты»`);
    requireOwnRow(ctx, client.record, `Клиента ${clientId}`);
    const deals = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.clientId, H.stage]);
    const [dealId] = allocateIds(deals, H.dealId, 'deal');
    const record: Record<string, unknown> = {
      [H.dealId]: dealId,
      [H.clientId]: clientId,
      [H.owner]: textOf(client.record[H.owner]) || ctx.user,
    };
    const check = checkTransition(record, client.record, '', STAGES[0]);
    if (!check.ok) throw new DomainError(`Сделку нельзя открыть. ${check.reason}`);
    record[H.stage] = STAGES[0];
    if (deals.has(H.client)) record[H.client] = client.record[H.client];
    if (deals.has(H.stageDate)) record[H.stageDate] = ctx.today;
    deals.appendRecords([record]);
    const memory = ValueMemory.load(ctx.ss, [dealId]);
    memory.set(dealId, H.stage, STAGES[0]);
    memory.save(ctx.ss);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: 'Новая сделка',
          sheet: SHEETS.deals,
          id: dealId,
          field: H.stage,
          before: '',
          after: STAGES[0],
          comment: `Клиент ${clientId}`,
        },
      ],
      ctx.now,
    );
    appendStageHistory(
      ctx.ss,
      [{ dealId, client: textOf(client.record[H.client]), from: '', to: STAGES[0], user: ctx.user, how: 'sidebar' }],
      ctx.now,
    );
    return { dealId };
  });
}

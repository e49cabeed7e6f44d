/**
 * Enforcement in the sheet itself (domain section 2): what onEdit does after a
 * person types, pastes or fills cells on «Сделки» or «Клиенты».
 *
 * Sheets gives e.value / e.oldValue only for a single cell; a paste or a
 * fill-down gives only e.range. So the last valid value of every enforced field
 * is kept in a hidden tab (ValueMemory) and an invalid change goes back to it.
 * Only the enforced cells are rewritten: everything else the person typed stays.
 * The cost is a fixed number of service calls whatever the sheet's size: the
 * edited rows are read in one block, lookups read whole columns in one call each,
 * and each changed column of the block is written in one call.
 */
import { appendLog, type LogEntry } from '../../adapter/audit-log';
import { appendStageHistory, type StageChange } from '../../adapter/stage-history';
import { withDocumentLock } from '../../adapter/lock';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { discountProblem, statusAfterStage, statusChangeProblem } from '../../domain/crm/client-rules';
import { checkTransition, isReopening, isStage, REOPEN_CLEARS, type TransitionResult } from '../../domain/crm/funnel';
import { nextIds } from '../../domain/crm/ids';
import { H, type RowRecord } from '../../domain/crm/records';
import { claimDeadline } from '../../domain/crm/overdue';
import { isBlankValue, parseDateValue, textOf } from '../../domain/crm/values';
import { LOST_STAGE, SHEETS, type Stage } from '../../domain/workbook/schema';
import type { CrmContext } from './crm-context';

/** Prefix of the notes the add-on writes, so it clears only its own notes. */
export const NOTE_PREFIX = 'CRM: ';

/** The parts of an onEdit event the enforcement uses. */
export interface EditEventLike {
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: unknown;
  oldValue?: unknown;
}

interface Block {
  table: Table;
  firstRow: number;
  rows: unknown[][];
  records: Record<string, unknown>[];
  /** which headers the edit covered */
  touched: (header: string) => boolean;
  single: boolean;
}

/** Checks and completes the edit; returns nothing, reports to the person with a toast. */
export function enforceEdit(ctx: CrmContext, e: EditEventLike): void {
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (name !== SHEETS.deals && name !== SHEETS.clients && name !== SHEETS.claims) return;
  const top = range.getRow();
  const numRows = range.getNumRows();
  const firstRow = Math.max(top, 2);
  const lastRow = top + numRows - 1;
  if (lastRow < 2) return; // the header row itself
  const firstCol = range.getColumn();
  const numCols = range.getNumColumns();
  const table = Table.of(sheet);
  const rows = table.readRows(firstRow, lastRow - firstRow + 1);
  const block: Block = {
    table,
    firstRow,
    rows,
    records: rows.map((r) => table.record(r)),
    touched: (header) => {
      const i = table.index.get(header);
      return i !== undefined && i + 1 >= firstCol && i + 1 < firstCol + numCols;
    },
    single: numRows === 1 && numCols === 1,
  };
  if (name === SHEETS.deals) enforceDeals(ctx, block, e);
  else if (name === SHEETS.clients) enforceClients(ctx, block, e);
  else completeClaims(ctx, block);
}

function rowIsEmpty(row: readonly unknown[]): boolean {
  return row.every(isBlankValue);
}

/** Gives IDs to rows typed by hand that have none, under the document lock. */
function assignIds(
  ctx: CrmContext,
  block: Block,
  header: string,
  kind: 'client' | 'deal' | 'claim',
  log: LogEntry[],
): number[] {
  const { table } = block;
  if (!table.has(header)) return [];
  const need = block.records
    .map((r, i) => (isBlankValue(r[header]) && !rowIsEmpty(block.rows[i]) ? i : -1))
    .filter((i) => i >= 0);
  if (need.length === 0) return [];
  withDocumentLock(() => {
    table.refresh();
    const ids = nextIds(kind, table.readColumn(header), need.length);
    need.forEach((i, k) => (block.records[i][header] = ids[k]));
    const span = spanOf(need);
    table.writeColumn(
      header,
      block.firstRow + span.min,
      block.records.slice(span.min, span.max + 1).map((r) => r[header]),
    );
  });
  for (const i of need) {
    log.push({
      user: ctx.user,
      action: kind === 'deal' ? 'Новая сделка' : kind === 'claim' ? 'Новая претензия' : 'Новый клиент',
      sheet: table.name,
      id: textOf(block.records[i][header]),
      field: header,
      before: '',
      after: block.records[i][header],
      comment: 'Строка введена в таблице',
    });
  }
  return need;
}

function spanOf(indexes: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...indexes), max: Math.max(...indexes) };
}

/** Writes a column over the span of the changed rows of a block, in one call. */
function writeSpan(block: Block, header: string, changed: readonly number[], value: (i: number) => unknown): void {
  if (changed.length === 0 || !block.table.has(header)) return;
  const { min, max } = spanOf(changed);
  const values: unknown[] = [];
  for (let i = min; i <= max; i++) values.push(value(i));
  block.table.writeColumn(header, block.firstRow + min, values);
}

/** Sets the add-on's notes on one column of the block: a note where refused, cleared where accepted. */
function writeNotes(block: Block, header: string, notes: Map<number, string>, cleared: readonly number[]): void {
  const all = [...notes.keys(), ...cleared];
  if (all.length === 0 || !block.table.has(header)) return;
  const { min, max } = spanOf(all);
  const range = block.table.sheet.getRange(block.firstRow + min, block.table.col(header), max - min + 1, 1);
  const current = range.getNotes();
  let changed = false;
  for (let i = min; i <= max; i++) {
    const note = notes.get(i);
    const row = current[i - min];
    if (note !== undefined) {
      row[0] = NOTE_PREFIX + note;
      changed = true;
    } else if (cleared.includes(i) && String(row[0]).startsWith(NOTE_PREFIX)) {
      row[0] = '';
      changed = true;
    }
  }
  if (changed) range.setNotes(current);
}

interface Refusal {
  id: string;
  message: string;
}

function toastRefusals(ctx: CrmContext, what: string, refusals: readonly Refusal[]): void {
  if (refusals.length === 0) return;
  const message =
    refusals.length === 1
      ? `${refusals[0].id}: ${refusals[0].message}`
      : `Не принято изменений: ${refusals.length} (${refusals
          .slice(0, 5)
          .map((r) => r.id)
          .join(', ')}${refusals.length > 5 ? '…' : ''}). Причины — в примечаниях к ячейкам.`;
  ctx.ss.toast(message, what, 15);
}

/** Clients by ID with their sheet rows, read in one call; null when the tab is missing. */
export function loadClients(
  ctx: CrmContext,
): { table: Table; byId: Map<string, { row: number; record: RowRecord }> } | null {
  if (!ctx.ss.getSheetByName(SHEETS.clients)) return null;
  const table = Table.open(ctx.ss, SHEETS.clients, [H.clientId]);
  const byId = new Map<string, { row: number; record: RowRecord }>();
  table.readAll().forEach((r, i) => {
    const record = table.record(r);
    const id = textOf(record[H.clientId]);
    if (id && !byId.has(id)) byId.set(id, { row: i + 2, record });
  });
  return { table, byId };
}

function refuse(reason: string): TransitionResult {
  return { ok: false, reason, missing: [] };
}

function enforceDeals(ctx: CrmContext, block: Block, e: EditEventLike): void {
  const log: LogEntry[] = [];
  const { table } = block;
  const newRows = assignIds(ctx, block, H.dealId, 'deal', log);
  if (!table.has(H.stage) || (!block.touched(H.stage) && newRows.length === 0)) {
    persist(ctx, null, log);
    return;
  }
  table.col(H.dealId);
  const memory = ValueMemory.load(ctx.ss);
  const clients = loadClients(ctx);
  const reverted: number[] = [];
  const accepted: number[] = [];
  const notes = new Map<number, string>();
  const refusals: Refusal[] = [];
  const statusUpdates = new Map<string, { row: number; from: unknown; to: string }>();
  const history: StageChange[] = [];
  const reopened: number[] = [];
  block.records.forEach((record, i) => {
    const id = textOf(record[H.dealId]);
    if (!id) return;
    const typed = textOf(record[H.stage]);
    const remembered = memory.get(id, H.stage);
    const old = remembered ? remembered.value : block.single ? textOf(e.oldValue) : '';
    const from: Stage | '' = isStage(old) ? old : '';
    if (typed === from) {
      if (!remembered && typed) memory.set(id, H.stage, typed);
      return;
    }
    const clientId = textOf(record[H.clientId]);
    const client = clients?.byId.get(clientId);
    let result: TransitionResult;
    if (typed === '') result = refuse('этап нельзя очистить; чтобы закрыть сделку, выберите «Отказ»');
    else if (!isStage(typed)) result = refuse(`«${typed}» — не этап воронки; выберите этап из списка`);
    else
      result = checkTransition(record, client?.record ?? null, from, typed, {
        lostAt: isStage(remembered?.lostAt) ? (remembered!.lostAt as Stage) : null,
      });
    if (result.ok) {
      const to = typed as Stage;
      accepted.push(i);
      const lostAt = to === LOST_STAGE ? from : result.kind === 'reopen' ? '' : (remembered?.lostAt ?? '');
      memory.set(id, H.stage, to, lostAt);
      log.push({
        user: ctx.user,
        action: result.kind === 'back' ? 'Возврат сделки на этап' : 'Смена этапа',
        sheet: table.name,
        id,
        field: H.stage,
        before: from,
        after: to,
        comment: block.single ? 'Изменено в ячейке' : 'Вставка или протягивание',
      });
      history.push({ dealId: id, client: textOf(record[H.client]), from, to, user: ctx.user, how: 'sheet' });
      if (isReopening(from, to)) reopened.push(i);
      const newStatus = client ? statusAfterStage(client.record[H.clientStatus], to) : null;
      if (client && newStatus && !statusUpdates.has(clientId)) {
        statusUpdates.set(clientId, { row: client.row, from: client.record[H.clientStatus], to: newStatus });
      }
    } else {
      reverted.push(i);
      record[H.stage] = from;
      notes.set(i, `этап «${typed}» не принят: ${result.reason}`);
      refusals.push({ id, message: `этап «${typed || '(пусто)'}» не принят. ${capitalize(result.reason)}` });
      log.push({
        user: ctx.user,
        action: 'Отклонена смена этапа',
        sheet: table.name,
        id,
        field: H.stage,
        before: from,
        after: typed,
        comment: result.reason,
      });
    }
  });
  writeSpan(block, H.stage, reverted, (i) => block.records[i][H.stage]);
  const today = ctx.today;
  writeSpan(block, H.stageDate, accepted, (i) => (accepted.includes(i) ? today : block.records[i][H.stageDate]));
  writeNotes(block, H.stage, notes, accepted);
  clearOnReopen(ctx, block, reopened, log);
  if (clients && statusUpdates.size > 0) {
    for (const [clientId, u] of statusUpdates) {
      clients.table.writeCell(u.row, H.clientStatus, u.to);
      memory.set(clientId, H.clientStatus, u.to);
      log.push({
        user: ctx.user,
        action: 'Статус клиента',
        sheet: SHEETS.clients,
        id: clientId,
        field: H.clientStatus,
        before: u.from,
        after: u.to,
        comment: 'Договор заключён',
      });
    }
  }
  toastRefusals(ctx, 'Этап сделки не изменён', refusals);
  persist(ctx, memory, log, history);
}

/** A deal reopened from «Отказ» in the sheet loses its loss reason and competitor (logged). */
function clearOnReopen(ctx: CrmContext, block: Block, reopened: readonly number[], log: LogEntry[]): void {
  for (const header of REOPEN_CLEARS) {
    const rows = reopened.filter((i) => block.table.has(header) && textOf(block.records[i][header]) !== '');
    for (const i of rows) {
      log.push({
        user: ctx.user,
        action: 'Сделка возвращена из «Отказ»',
        sheet: block.table.name,
        id: textOf(block.records[i][H.dealId]),
        field: header,
        before: block.records[i][header],
        after: '',
      });
      block.records[i][header] = '';
    }
    writeSpan(block, header, rows, (i) => block.records[i][header]);
  }
}

/**
 * Saves the memory and the log. Both tabs are protected for the director; a
 * simple trigger running as a specialist cannot write them until the director
 * has run «Настроить таблицу» (which installs the trigger that runs as them).
 */
function persist(
  ctx: CrmContext,
  memory: ValueMemory | null,
  log: readonly LogEntry[],
  history: readonly StageChange[] = [],
): void {
  try {
    memory?.save(ctx.ss);
    appendLog(ctx.ss, log, ctx.now);
    appendStageHistory(ctx.ss, history, ctx.now);
  } catch (error) {
    console.warn(error);
    ctx.ss.toast('Журнал изменений недоступен: директору нужно запустить CRM → «Настроить таблицу».', 'CRM', 10);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function enforceClients(ctx: CrmContext, block: Block, e: EditEventLike): void {
  const log: LogEntry[] = [];
  const { table } = block;
  const newRows = assignIds(ctx, block, H.clientId, 'client', log);
  if (newRows.length > 0) {
    // a new client starts as «Потенциальный», created today
    if (table.has(H.created)) {
      const fill = newRows.filter((i) => isBlankValue(block.records[i][H.created]));
      fill.forEach((i) => (block.records[i][H.created] = ctx.today));
      writeSpan(block, H.created, fill, (i) => block.records[i][H.created]);
    }
    if (table.has(H.clientStatus)) {
      const fill = newRows.filter((i) => isBlankValue(block.records[i][H.clientStatus]));
      fill.forEach((i) => (block.records[i][H.clientStatus] = 'Потенциальный'));
      writeSpan(block, H.clientStatus, fill, (i) => block.records[i][H.clientStatus]);
    }
  }
  const statusTouched = block.touched(H.clientStatus);
  const discountTouched = block.touched(H.discount);
  if (!statusTouched && !discountTouched) {
    persist(ctx, null, log);
    return;
  }
  const memory = ValueMemory.load(ctx.ss);
  const refusals: Refusal[] = [];
  const statusReverted: number[] = [];
  const statusNotes = new Map<number, string>();
  const statusOk: number[] = [];
  const discountChanged: number[] = [];
  const discountNotes = new Map<number, string>();
  const discountOk: number[] = [];
  block.records.forEach((record, i) => {
    const id = textOf(record[H.clientId]);
    if (!id) return;
    const status = textOf(record[H.clientStatus]);
    const rememberedStatus = memory.get(id, H.clientStatus);
    if (statusTouched) {
      const from = rememberedStatus
        ? rememberedStatus.value
        : block.single
          ? textOf(e.oldValue)
          : status === 'Ключевой'
            ? ''
            : status;
      const problem = statusChangeProblem(from, status, ctx.isDirector);
      if (problem) {
        const back = from || 'Потенциальный';
        record[H.clientStatus] = back;
        statusReverted.push(i);
        statusNotes.set(i, `статус «${status}» не принят: ${problem}`);
        refusals.push({ id, message: problem });
        log.push({
          user: ctx.user,
          action: 'Отклонена смена статуса',
          sheet: table.name,
          id,
          field: H.clientStatus,
          before: from,
          after: status,
          comment: problem,
        });
      } else if (status !== from) {
        statusOk.push(i);
        memory.set(id, H.clientStatus, status);
        log.push({
          user: ctx.user,
          action: 'Статус клиента',
          sheet: table.name,
          id,
          field: H.clientStatus,
          before: from,
          after: status,
        });
      }
    }
    const effectiveStatus = record[H.clientStatus];
    const discount = record[H.discount];
    const problem = discountProblem(discount, effectiveStatus, ctx.settings.maxDiscountPercent);
    if (problem) {
      const rememberedDiscount =
        memory.get(id, H.discount)?.value ?? (block.single && discountTouched ? textOf(e.oldValue) : '');
      const back = discountProblem(rememberedDiscount, effectiveStatus, ctx.settings.maxDiscountPercent)
        ? ''
        : rememberedDiscount;
      record[H.discount] = back === '' ? '' : Number(back.replace(',', '.'));
      discountChanged.push(i);
      discountNotes.set(i, `скидка «${textOf(discount)}» не принята: ${problem}`);
      refusals.push({ id, message: problem });
      memory.set(id, H.discount, textOf(record[H.discount]));
      log.push({
        user: ctx.user,
        action: 'Отклонена скидка',
        sheet: table.name,
        id,
        field: H.discount,
        before: rememberedDiscount,
        after: discount,
        comment: problem,
      });
    } else if (discountTouched) {
      discountOk.push(i);
      const before = memory.get(id, H.discount)?.value ?? '';
      if (before !== textOf(discount)) {
        memory.set(id, H.discount, textOf(discount));
        log.push({
          user: ctx.user,
          action: 'Скидка',
          sheet: table.name,
          id,
          field: H.discount,
          before,
          after: discount,
        });
      }
    }
  });
  writeSpan(block, H.clientStatus, statusReverted, (i) => block.records[i][H.clientStatus]);
  writeNotes(block, H.clientStatus, statusNotes, statusOk);
  writeSpan(block, H.discount, discountChanged, (i) => block.records[i][H.discount]);
  writeNotes(block, H.discount, discountNotes, discountOk);
  toastRefusals(ctx, 'Изменение не принято', refusals);
  persist(ctx, memory, log);
}

/**
 * A claim typed by hand (2.13) gets its ID, the status «Новая» and a response
 * deadline of «Дата» + the days set in «Настройки».
 */
function completeClaims(ctx: CrmContext, block: Block): void {
  const log: LogEntry[] = [];
  const { table } = block;
  assignIds(ctx, block, H.claimId, 'claim', log);
  const fill = (header: string, value: (record: Record<string, unknown>) => unknown) => {
    if (!table.has(header)) return;
    const rows: number[] = [];
    block.records.forEach((record, i) => {
      if (rowIsEmpty(block.rows[i]) || !isBlankValue(record[header])) return;
      const v = value(record);
      if (v === null) return;
      record[header] = v;
      rows.push(i);
    });
    writeSpan(block, header, rows, (i) => block.records[i][header]);
  };
  fill(H.claimStatus, () => 'Новая');
  fill(H.claimDeadline, (record) => {
    const date = parseDateValue(record[H.claimDate]);
    return date ? claimDeadline(date, ctx.settings.claimDeadlineDays) : null;
  });
  persist(ctx, null, log);
}

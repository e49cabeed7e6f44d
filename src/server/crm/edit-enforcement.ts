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
import { EDIT_LOCK_TIMEOUT_MS, withDocumentLock } from '../../adapter/lock';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { discountPercent, discountProblem, statusAfterStage, statusChangeProblem } from '../../domain/crm/client-rules';
import {
  checkTransition,
  fallbackStage,
  isReopening,
  isStage,
  lostAtAfter,
  REOPEN_CLEARS,
  type TransitionResult,
} from '../../domain/crm/funnel';
import {
  backFromSignedProblem,
  checkClientFieldChange,
  checkDealFieldChange,
  contactProblem,
  GUARDED_CLIENT_FIELDS,
  GUARDED_DEAL_FIELDS,
  ownRowProblem,
  PAY_FIELDS,
  payFieldsLocked,
  payMonthsOf,
} from '../../domain/crm/rights';
import { markPayDataChanged } from '../../adapter/pay-changes';
import { nextIds, parseIdNumber } from '../../domain/crm/ids';
import { H, type RowRecord } from '../../domain/crm/records';
import { claimDeadline } from '../../domain/crm/overdue';
import { isBlankValue, parseAmountValue, parseDateValue, textOf } from '../../domain/crm/values';
import { COLUMNS, SHEETS, STAGES, type Stage } from '../../domain/workbook/schema';
import type { CrmContext } from './crm-context';
import { flagDuplicateClients } from './duplicate-check';
import { rightsOf } from './deal-service';
import { enforceLinesEdit } from './offer-service';
import { PAY_SOURCE_SHEETS, recordPaySourceEdit } from '../payroll/pay-source-edits';

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
  /** whether the cell of block row i under `header` holds a formula (read once, lazily) */
  formula: (i: number, header: string) => boolean;
  /** rows that got their ID in this edit */
  newRows: Set<number>;
  /** the edited range itself when the edit is one cell and it is under `header` (else null) */
  cell: (header: string) => GoogleAppsScript.Spreadsheet.Range | null;
}

/**
 * Checks and completes the edit; returns nothing, reports to the person with a
 * toast. The edited rows are read, checked and written back under one document
 * lock, with the memory and the log, so an edit never works from rows another
 * execution is changing; the wait fits a simple trigger's 30 s.
 */
export function enforceEdit(ctx: CrmContext, e: EditEventLike): void {
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  if (PAY_SOURCE_SHEETS.includes(name)) {
    withDocumentLock(() => recordPaySourceEdit(e.range, e.oldValue, name, ctx.now), EDIT_LOCK_TIMEOUT_MS);
    return;
  }
  if (name === SHEETS.dealLines) {
    withDocumentLock(() => enforceLinesEdit(ctx, e.range, e.oldValue), EDIT_LOCK_TIMEOUT_MS);
    return;
  }
  if (name !== SHEETS.deals && name !== SHEETS.clients && name !== SHEETS.claims) return;
  withDocumentLock(() => enforceLocked(ctx, e, sheet, name), EDIT_LOCK_TIMEOUT_MS);
}

function enforceLocked(
  ctx: CrmContext,
  e: EditEventLike,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  name: string,
): void {
  const range = e.range;
  const top = range.getRow();
  const numRows = range.getNumRows();
  const firstRow = Math.max(top, 2);
  const lastRow = top + numRows - 1;
  // the header row itself (a block of no rows would check nothing either: this only says so first)
  // Stryker disable next-line ConditionalExpression: see above
  if (lastRow < 2) return;
  const firstCol = range.getColumn();
  const numCols = range.getNumColumns();
  const single = numRows === 1 && numCols === 1;
  const table = Table.of(sheet, [], name, ctx.ss);
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
    single,
    formula: (() => {
      let formulas: string[][] | null = null;
      return (i: number, header: string) => {
        const c = table.index.get(header);
        // outside the edited columns a formulas row has no entry, which reads as no formula: these bounds only
        // spare the read for a header the edit did not cover
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: see above
        if (c === undefined || c + 1 < firstCol || c + 1 >= firstCol + numCols) return false;
        // the edited range itself when it starts below the header row (no getRange)
        formulas ??= (
          firstRow === top ? range : sheet.getRange(firstRow, firstCol, rows.length, numCols)
        ).getFormulas();
        // Stryker disable next-line OptionalChaining,StringLiteral: the formulas hold one row per row of the block
        return (formulas[i]?.[c + 1 - firstCol] ?? '') !== '';
      };
    })(),
    newRows: new Set(),
    cell: (header) => (single && table.index.get(header) === firstCol - 1 ? range : null),
  };
  if (name === SHEETS.deals) enforceDeals(ctx, block, e);
  else if (name === SHEETS.clients) enforceClients(ctx, block, e);
  else completeClaims(ctx, block);
}

function rowIsEmpty(row: readonly unknown[]): boolean {
  return row.every(isBlankValue);
}

/**
 * Keeps IDs unique and the add-on's own, under the document lock: a row typed
 * by hand without an ID, a pasted or copied row whose ID is already in another
 * row, and an ID that is not of the add-on's form get a new ID (logged); a
 * single ID cell changed by hand goes back to its ID. Returns the rows that got
 * a new ID: they are new deals (or clients, claims) from here on.
 */
function assignIds(
  ctx: CrmContext,
  block: Block,
  header: string,
  kind: 'client' | 'deal' | 'claim',
  log: LogEntry[],
  e?: EditEventLike,
): number[] {
  const { table } = block;
  if (!table.has(header)) return [];
  // IDs change only where the edit covered the ID column or left a typed row without one
  const blank = block.records.some((r, i) => isBlankValue(r[header]) && !rowIsEmpty(block.rows[i]));
  if (!blank && !block.touched(header)) return [];
  const need: Array<{ i: number; old: string; unknown?: boolean }> = [];
  /** the rows whose ID went back: block row → the ID the edit put there */
  const restored = new Map<number, string>();
  // under the edit's document lock: the IDs are read here, after every earlier save
  table.refresh();
  const column = table.readColumn(header);
  const rowsOf = new Map<string, number[]>();
  column.forEach((v, r) => {
    const id = textOf(v);
    // Stryker disable next-line ConditionalExpression: the rows of a blank ID are never looked up (a row without an ID gets a new one, and a blank old ID restores nothing)
    if (id) rowsOf.set(id, [...(rowsOf.get(id) ?? []), r + 2]);
  });
  const inBlock = (row: number) =>
    row < block.firstRow + block.rows.length &&
    // Stryker disable next-line ConditionalExpression: a holder above the block is the topmost holder, the keeper either way
    row >= block.firstRow;
  const oldId = block.single && block.touched(header) ? textOf(e?.oldValue) : '';
  block.records.forEach((record, i) => {
    if (rowIsEmpty(block.rows[i])) return;
    const id = textOf(record[header]);
    const row = block.firstRow + i;
    // the old ID left the column: no row holds it, this one neither (the same ID typed again is no change)
    if (oldId && !rowsOf.has(oldId)) {
      // an ID is the add-on's: a changed ID goes back (the deal keeps its history, memory and log)
      restored.set(i, id);
      record[header] = oldId;
      return;
    }
    if (!id || parseIdNumber(kind, id) === null) {
      need.push({ i, old: id });
      return;
    }
    // Stryker disable next-line ArrayDeclaration: the column is read after the edit, so it holds this row's ID
    const holders = rowsOf.get(id) ?? [row];
    // the row outside the paste keeps its ID; among pasted rows, the topmost
    const keeper = holders.find((r) => !inBlock(r)) ?? holders[0];
    if (keeper !== row) need.push({ i, old: id });
  });
  if (kind !== 'claim' && !block.single && block.touched(header)) {
    const taken = new Set([...need.map((n) => n.i), ...restored.keys()]);
    const swapped = findSwappedIds(ctx, block, header, kind, column, taken);
    for (const [i, id] of swapped.restore) {
      restored.set(i, textOf(block.records[i][header]));
      block.records[i][header] = id;
    }
    for (const i of swapped.fresh) need.push({ i, old: textOf(block.records[i][header]), unknown: true });
  }
  // no rows in need, no IDs to make: nextIds makes none for a count of 0
  // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
  if (need.length > 0) {
    const ids = nextIds(kind, column, need.length);
    need.forEach(({ i }, k) => (block.records[i][header] = ids[k]));
  }
  writeSpan(block, header, [...need.map((n) => n.i), ...restored.keys()], (i) => block.records[i][header]);
  for (const [i, after] of restored) {
    log.push({
      user: ctx.user,
      action: 'Отклонена смена ID',
      sheet: table.name,
      id: textOf(block.records[i][header]),
      field: header,
      before: textOf(block.records[i][header]),
      after,
      comment: block.single
        ? 'ID даёт надстройка; изменить его нельзя'
        : 'ID даёт надстройка; изменить его нельзя, и вставкой тоже: строке возвращён её ID',
    });
  }
  if (restored.size > 0) {
    ctx.ss.toast('ID даёт надстройка, изменить его нельзя: прежний ID возвращён.', 'CRM', 10);
  }
  for (const { i, old, unknown } of need) {
    log.push({
      user: ctx.user,
      action:
        old !== ''
          ? 'Новый ID'
          : kind === 'deal'
            ? 'Новая сделка'
            : kind === 'claim'
              ? 'Новая претензия'
              : 'Новый клиент',
      sheet: table.name,
      id: textOf(block.records[i][header]),
      field: header,
      before: old,
      after: block.records[i][header],
      comment:
        old === ''
          ? 'Строка введена в таблице'
          : unknown
            ? `ID ${old} надстройка не выдавала (вставлен вручную); строке дан новый ID, она проверяется как новая`
            : parseIdNumber(kind, old) === null
              ? `«${old}» — не ID надстройки; строке дан новый ID`
              : `ID ${old} уже есть в другой строке; вставленной строке дан новый ID`,
    });
  }
  const fresh = need.map((n) => n.i);
  for (const i of fresh) block.newRows.add(i);
  return fresh;
}

/**
 * A multi-cell paste can swap a row's ID for another free ID of the add-on's
 * form: the row would lose what the memory keeps of it (its last valid stage,
 * owner, pay fields) and be checked as a row never seen. After the setup every
 * row's ID is in the memory, so a pasted ID the memory does not know is not
 * one the add-on gave. When IDs the memory knows left the column in the same
 * paste (or earlier, with a deleted row), the row gets back the one whose
 * remembered fields match it best (a unique best, with a field in common); otherwise
 * it gets a new ID and is checked as a new row. With the memory empty (not set
 * up, or lost) nothing is known, and the rebuild takes the rows as they are.
 */
function findSwappedIds(
  ctx: CrmContext,
  block: Block,
  header: string,
  kind: 'client' | 'deal',
  column: readonly unknown[],
  taken: ReadonlySet<number>,
): { restore: Map<number, string>; fresh: number[] } {
  const restore = new Map<number, string>();
  const fresh: number[] = [];
  const candidates: number[] = [];
  // a typed row without an ID is taken: it gets a new one
  block.rows.forEach((row, i) => {
    if (!taken.has(i) && !rowIsEmpty(row)) candidates.push(i);
  });
  if (candidates.length === 0) return { restore, fresh };
  const memory = ValueMemory.load(
    ctx.ss,
    candidates.map((i) => textOf(block.records[i][header])),
  );
  if (memory.isEmpty) return { restore, fresh };
  const unknown = candidates.filter((i) => !memory.knows(textOf(block.records[i][header])));
  if (unknown.length === 0) return { restore, fresh };
  const present = new Set(column.map(textOf));
  const pool = [...ValueMemory.rememberedIds(ctx.ss)].filter(
    (id) => !present.has(id) && parseIdNumber(kind, id) !== null,
  );
  const left = pool.length > 0 ? ValueMemory.load(ctx.ss, pool) : null;
  for (const i of unknown) {
    const record = block.records[i];
    const scored = pool
      .map((id) => {
        let score = 0;
        for (const [field, value] of left!.fieldsOf(id))
          if (field in record && textOf(record[field]) === value) score++;
        return { id, score };
      })
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    // at least one remembered field must match: a row pasted into an empty row does not take a deleted row's ID
    if (best && best.score > 0 && (scored.length === 1 || best.score > scored[1].score)) {
      restore.set(i, best.id);
      pool.splice(pool.indexOf(best.id), 1);
    } else fresh.push(i);
  }
  return { restore, fresh };
}

function spanOf(indexes: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...indexes), max: Math.max(...indexes) };
}

/**
 * Writes the changed rows of one column of a block: each run of consecutive rows in one call. A row
 * between two runs is not written, so what it holds stays (a formula stays a formula).
 */
function writeSpan(block: Block, header: string, changed: readonly number[], value: (i: number) => unknown): void {
  if (!block.table.has(header)) return;
  const rows = [...changed].sort((a, b) => a - b);
  let first = 0;
  rows.forEach((row, k) => {
    if (rows[k + 1] === row + 1) return;
    block.table.writeColumn(header, block.firstRow + rows[first], rows.slice(first, k + 1).map(value));
    first = k + 1;
  });
}

/** Sets the add-on's notes on one column of the block: a note where refused, cleared where accepted. */
function writeNotes(block: Block, header: string, notes: Map<number, string>, cleared: readonly number[]): void {
  const all = [...notes.keys(), ...cleared];
  if (all.length === 0 || !block.table.has(header)) return;
  const { min, max } = spanOf(all);
  const range =
    // one cell edited (block row 0, below the header row): the edited range itself
    block.cell(header) ?? block.table.sheet.getRange(block.firstRow + min, block.table.col(header), max - min + 1, 1);
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

/**
 * The clients of `ids` with their sheet rows, found by TextFinder on the ID
 * column and read row by row (not the whole tab); null when the tab is missing.
 */
export function loadClients(
  ctx: CrmContext,
  ids: readonly string[],
): { table: Table; byId: Map<string, { row: number; record: RowRecord }> } | null {
  const table = Table.tryOpen(ctx.ss, SHEETS.clients);
  if (!table) return null;
  table.col(H.clientId);
  const byId = new Map<string, { row: number; record: RowRecord }>();
  for (const [row, values] of table.readRowsAt(table.findRows(H.clientId, ids))) {
    const record = table.record(values);
    const id = textOf(record[H.clientId]);
    if (id && ids.includes(id) && !byId.has(id)) byId.set(id, { row, record });
  }
  return { table, byId };
}

function refuse(reason: string): TransitionResult {
  return { ok: false, reason, missing: [] };
}

/** The fields whose last valid value the memory keeps, by tab. */
export const REMEMBERED_FIELDS = {
  deals: [H.stage, ...GUARDED_DEAL_FIELDS],
  clients: [H.clientStatus, H.discount, ...GUARDED_CLIENT_FIELDS],
} as const;

/** Remembers the current value of each remembered field of a row that the memory does not know yet. */
export function rememberRow(
  memory: ValueMemory,
  kind: keyof typeof REMEMBERED_FIELDS,
  id: string,
  record: Record<string, unknown>,
  skip: (header: string) => boolean = () => false,
): void {
  if (!id) return;
  // pay-deciding fields matter once the contract is signed; before that the memory does not grow with them
  // (a client has none of them, and its stage, '', is never read)
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above
  const stage = kind === 'deals' ? (memory.get(id, H.stage)?.value ?? textOf(record[H.stage])) : '';
  for (const header of REMEMBERED_FIELDS[kind]) {
    if (!(header in record) || skip(header) || memory.get(id, header)) continue;
    // Stryker disable next-line ConditionalExpression: no client field is a pay field, so the kind decides nothing here
    if (kind === 'deals' && (PAY_FIELDS as readonly string[]).includes(header) && !payFieldsLocked(stage)) continue;
    const value = textOf(record[header]);
    if (header === H.stage && !isStage(value)) continue;
    memory.set(id, header, value);
  }
}

/**
 * At signing (a move from below «Договор заключён» to it or later), the pay fields as they stand become
 * what later changes are checked against: below signing they are the specialist's, and the memory does
 * not follow them, so what it held from an earlier signing is out of date.
 */
export function rememberPayFieldsAtSigning(
  memory: ValueMemory,
  id: string,
  record: Record<string, unknown>,
  from: string,
  to: string,
): void {
  if (payFieldsLocked(from) || !payFieldsLocked(to)) return;
  for (const header of PAY_FIELDS) memory.set(id, header, textOf(record[header]));
}

/**
 * With the memory tab missing or emptied (deleted, damaged), rebuilds it from
 * the tab itself: every row's current values, except the cells of this very
 * edit, whose earlier values are unknown (their rows are checked as pasted).
 */
function rebuildMemory(
  memory: ValueMemory,
  kind: keyof typeof REMEMBERED_FIELDS,
  block: Block,
  idHeader: string,
): void {
  if (!memory.isEmpty) return;
  const all = block.table.readAll();
  all.forEach((row, r) => {
    const i = r + 2 - block.firstRow;
    const inBlock = i >= 0 && i < block.records.length;
    const record = inBlock ? block.records[i] : block.table.record(row);
    rememberRow(memory, kind, textOf(record[idHeader]), record, (h) => inBlock && block.touched(h));
  });
}

/** A remembered text as the value to write back into a column of `header`. */
function fromRemembered(header: string, text: string): unknown {
  // '' is no date and no amount: it comes back as ''
  const spec = [...COLUMNS.deals, ...COLUMNS.clients].find((c) => c.header === header);
  if (spec?.type === 'date') return parseDateValue(text) ?? text;
  // (no field of a deal or a client is a plain number: the amounts are money)
  if (spec?.type === 'money') return parseAmountValue(text) ?? text;
  return text;
}

/**
 * Checks every changed cell of the rule-bound fields (see domain/crm/rights.ts)
 * of the edited rows: a refused change goes back to the last valid value, with
 * a note, a toast and a «Журнал» line; an accepted one is kept (normalised) and
 * logged with before and after. Only these cells are rewritten.
 */
function enforceGuardedFields(
  ctx: CrmContext,
  block: Block,
  e: EditEventLike,
  memory: ValueMemory,
  kind: 'deals' | 'clients',
  log: LogEntry[],
  refusals: Refusal[],
): void {
  const { table } = block;
  const idHeader = kind === 'deals' ? H.dealId : H.clientId;
  const headers = (kind === 'deals' ? GUARDED_DEAL_FIELDS : GUARDED_CLIENT_FIELDS).filter(
    (h) => table.has(h) && block.touched(h),
  );
  // Stryker disable next-line ConditionalExpression: with no rule-bound field in the edit the loop below checks, writes and logs nothing; this only says so first
  if (headers.length === 0) return;
  const rights = rightsOf(ctx);
  const payMonths = new Set<string>();
  const writes = new Map<string, number[]>();
  const notes = new Map<string, Map<number, string>>();
  const cleared = new Map<string, number[]>();
  const mark = <T>(map: Map<string, T[]>, header: string, i: number, v: T) =>
    map.set(header, [...(map.get(header) ?? []), v]);
  block.records.forEach((record, i) => {
    const id = textOf(record[idHeader]);
    if (!id) return;
    const newRow = block.newRows.has(i);
    const ownerBefore = memory.get(id, H.owner)?.value ?? textOf(record[H.owner]);
    const notOwn = newRow ? null : ownRowProblem(ctx.user, ownerBefore, () => ctx.isDirector);
    const stage = memory.get(id, H.stage)?.value ?? textOf(record[H.stage]);
    const original: Record<string, unknown> = {};
    const previous = new Map<string, string>();
    const refuseCell = (header: string, before: string, reason: string) => {
      original[header] ??= record[header];
      record[header] = fromRemembered(header, before);
      mark(writes, header, i, i);
      if (!notes.has(header)) notes.set(header, new Map());
      notes.get(header)!.set(i, `«${textOf(original[header]) || '(пусто)'}» не принято: ${reason}`);
      refusals.push({ id, message: `«${header}»: ${reason}` });
      log.push({
        user: ctx.user,
        action: 'Отклонено изменение поля',
        sheet: table.name,
        id,
        field: header,
        before,
        after: original[header],
        comment: reason,
      });
    };
    for (const header of headers) {
      const formula = block.formula(i, header);
      // a pay field before signing is the specialist's (no client field is a pay field)
      const open = (PAY_FIELDS as readonly string[]).includes(header) && !payFieldsLocked(stage);
      if (open && !formula) continue;
      const remembered = memory.get(id, header);
      const before = remembered ? remembered.value : block.single ? textOf(e.oldValue) : null;
      // nothing known of the cell before a paste: what stands now is its baseline, kept as it is (and
      // remembered by rememberRow at the end of the edit, or at signing for a pay field); a formula over an
      // unknown earlier value is replaced by the value it shows
      const was = before ?? (newRow ? '' : textOf(record[header]));
      previous.set(header, was);
      if (!formula && textOf(record[header]) === was && !newRow) continue;
      if (notOwn && !formula) {
        refuseCell(header, was, notOwn);
        continue;
      }
      const change = { header, before: was, after: record[header], formula, newRow };
      const verdict =
        kind === 'deals'
          ? checkDealFieldChange(record, stage, change, rights)
          : checkClientFieldChange(record, change, rights);
      if (!verdict.ok) {
        refuseCell(header, was, verdict.reason);
        continue;
      }
      if (textOf(verdict.value) !== textOf(record[header]) || formula) {
        record[header] = verdict.value;
        mark(writes, header, i, i);
      }
      mark(cleared, header, i, i);
      memory.set(id, header, textOf(verdict.value));
      // a client has no stage (''), so its fields never count as pay-deciding here
      if (textOf(verdict.value) !== was && !newRow && payFieldsLocked(stage)) {
        for (const m of payMonthsOf(record, [fromRemembered(header, was)])) payMonths.add(m);
      }
      if (textOf(verdict.value) !== was && !newRow) {
        log.push({
          user: ctx.user,
          action: 'Изменение поля',
          sheet: table.name,
          id,
          field: header,
          before: was,
          after: verdict.value,
          comment: block.single ? 'Изменено в ячейке' : 'Вставка или протягивание',
        });
      }
    }
    // a client keeps a phone or an e-mail: a changed one of this edit goes back (`previous` holds the fields
    // the edit touched only; a new row's were '', and with neither left both are '' still)
    // Stryker disable next-line ConditionalExpression: a deal's `previous` holds no phone or e-mail, so nothing below is refused for it
    const problem = kind === 'clients' ? contactProblem(record) : null;
    for (const header of [H.phone, H.email]) {
      const before = previous.get(header);
      if (problem && before !== undefined && textOf(record[header]) !== before) {
        refuseCell(header, before, problem);
        memory.set(id, header, before);
      }
    }
  });
  markPayDataChanged([...payMonths], ctx.now);
  for (const [header, rows] of writes) writeSpan(block, header, rows, (i) => block.records[i][header]);
  for (const header of headers) writeNotes(block, header, notes.get(header) ?? new Map(), cleared.get(header) ?? []);
}

function enforceDeals(ctx: CrmContext, block: Block, e: EditEventLike): void {
  const log: LogEntry[] = [];
  const { table } = block;
  const newRows = assignIds(ctx, block, H.dealId, 'deal', log, e);
  const guarded = GUARDED_DEAL_FIELDS.some((h) => block.touched(h));
  if (!table.has(H.stage) || (!block.touched(H.stage) && newRows.length === 0 && !guarded)) {
    persist(ctx, null, log);
    return;
  }
  table.col(H.dealId);
  // the memory rows of the edited deals only (a client's are read when its status changes)
  const memory = ValueMemory.load(
    ctx.ss,
    block.records.map((r) => textOf(r[H.dealId])),
  );
  rebuildMemory(memory, 'deals', block, H.dealId);
  const refusals: Refusal[] = [];
  enforceGuardedFields(ctx, block, e, memory, 'deals', log, refusals);
  if (!block.touched(H.stage) && newRows.length === 0) {
    block.records.forEach((record, i) => rememberRow(memory, 'deals', textOf(record[H.dealId]), block.records[i]));
    toastRefusals(ctx, 'Изменение не принято', refusals);
    persist(ctx, memory, log);
    return;
  }
  const clients = loadClients(
    ctx,
    block.records.map((r) => textOf(r[H.clientId])),
  );
  const reverted: number[] = [];
  const accepted: number[] = [];
  const notes = new Map<number, string>();
  const statusUpdates = new Map<string, { row: number; from: unknown; to: string }>();
  const history: StageChange[] = [];
  const reopened: number[] = [];
  const started: number[] = [];
  const stagePayMonths = new Set<string>();
  block.records.forEach((record, i) => {
    const id = textOf(record[H.dealId]);
    if (!id) return;
    const formula = block.formula(i, H.stage);
    // a deal typed by hand starts at «Новый», as one created in the sidebar does
    const starts = block.newRows.has(i) && !formula && textOf(record[H.stage]) === '';
    if (starts) {
      record[H.stage] = STAGES[0];
      started.push(i);
    }
    const typed = textOf(record[H.stage]);
    const remembered = memory.get(id, H.stage);
    // a new row (its ID given by this edit) starts from nothing, whatever was pasted with it
    const known = !block.newRows.has(i);
    // Stryker disable next-line StringLiteral: any text that is no stage reads as none
    const old = remembered && known ? remembered.value : block.single && known ? textOf(e.oldValue) : '';
    let from: Stage | '' = isStage(old) ? old : '';
    const clientId = textOf(record[H.clientId]);
    const client = clients?.byId.get(clientId);
    const unknownBefore = from === '' && known && !block.single;
    if (unknownBefore) {
      // the earlier stage of this existing deal is unknown (a memory lost): keep what its fields allow
      from = isStage(typed) ? fallbackStage(record, client?.record ?? null, typed) : '';
    }
    if (typed === from && !formula) {
      // (a stage the memory does not know yet is remembered by rememberRow at the end of the edit)
      if (unknownBefore) flagUnknownBefore(ctx, block, i, id, typed, notes, log);
      return;
    }
    const owner = memory.get(id, H.owner)?.value ?? textOf(record[H.owner]);
    const notOwn = known ? ownRowProblem(ctx.user, owner, () => ctx.isDirector) : null;
    let result: TransitionResult;
    // the fields of «Новый» are checked when the deal moves on from it (with those of the next stage)
    if (starts) result = { ok: true, kind: 'start' };
    else if (formula) result = refuse('в «Этап» нельзя формулу: выберите этап из списка');
    else if (notOwn) result = refuse(notOwn);
    else if (typed === '') result = refuse('этап нельзя очистить; чтобы закрыть сделку, выберите «Отказ»');
    else if (!isStage(typed)) result = refuse(`«${typed}» — не этап воронки; выберите этап из списка`);
    else {
      // a signed deal goes back only by the director (the director list is read only for such a move)
      const back = backFromSignedProblem(from, typed, () => ctx.isDirector);
      result = back
        ? refuse(back)
        : checkTransition(record, client?.record ?? null, from, typed, {
            lostAt: isStage(remembered?.lostAt) ? (remembered!.lostAt as Stage) : null,
          });
    }
    if (result.ok) {
      const to = typed as Stage;
      accepted.push(i);
      memory.set(id, H.stage, to, lostAtAfter(from, to));
      rememberPayFieldsAtSigning(memory, id, record, from, to);
      if (payFieldsLocked(from) || payFieldsLocked(to)) for (const m of payMonthsOf(record)) stagePayMonths.add(m);
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
      // a stage is never left blank: a new row starts at «Новый»
      record[H.stage] = from || STAGES[0];
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
  // refused rows go back, and a typed deal gets its «Новый»
  writeSpan(block, H.stage, [...reverted, ...started], (i) => block.records[i][H.stage]);
  const today = ctx.today;
  writeSpan(block, H.stageDate, accepted, () => today);
  writeNotes(block, H.stage, notes, accepted);
  clearOnReopen(ctx, block, reopened, log);
  // the clients' memory rows are read before their statuses are set, so the save reuses them
  memory.include([...statusUpdates.keys()]);
  for (const [clientId, u] of statusUpdates) {
    clients!.table.writeCell(u.row, H.clientStatus, u.to);
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
  block.records.forEach((record) => rememberRow(memory, 'deals', textOf(record[H.dealId]), record));
  markPayDataChanged([...stagePayMonths], ctx.now);
  toastRefusals(ctx, 'Изменение не принято', refusals);
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
    }
    writeSpan(block, header, rows, () => '');
  }
}

/**
 * A pasted or filled stage kept although the deal's previous stage is unknown
 * (the memory has no entry for it: before «Настроить таблицу», or a deal the
 * memory missed): the cell gets a note and «Журнал» an entry for the director.
 */
function flagUnknownBefore(
  ctx: CrmContext,
  block: Block,
  i: number,
  id: string,
  typed: string,
  notes: Map<number, string>,
  log: LogEntry[],
): void {
  notes.set(i, `этап «${typed}» оставлен без проверки: прежний этап неизвестен; директору — проверить сделку`);
  log.push({
    user: ctx.user,
    action: 'Этап без проверки',
    sheet: block.table.name,
    id,
    field: H.stage,
    before: PREVIOUS_UNKNOWN,
    after: typed,
    comment: 'Вставка или протягивание; прежний этап неизвестен — директору проверить',
  });
}

/** «Было» in «Журнал» when the previous value is not known. */
export const PREVIOUS_UNKNOWN = '(неизвестно)';

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
  const newRows = assignIds(ctx, block, H.clientId, 'client', log, e);
  if (newRows.length > 0 || [H.inn, H.phone, H.email].some((h) => block.touched(h))) {
    flagDuplicateClients(ctx, table, block.firstRow, block.records, log);
  }
  // a new client starts as «Потенциальный», created today (on a tab without «Статус клиента» its status
  // stays unknown to the discount rule; writeSpan writes nothing into a column the tab lacks)
  const created = newRows.filter((i) => isBlankValue(block.records[i][H.created]));
  writeSpan(block, H.created, created, () => ctx.today);
  if (table.has(H.clientStatus)) {
    const fill = newRows.filter((i) => isBlankValue(block.records[i][H.clientStatus]));
    fill.forEach((i) => (block.records[i][H.clientStatus] = 'Потенциальный'));
    writeSpan(block, H.clientStatus, fill, () => 'Потенциальный');
  }
  const statusTouched = block.touched(H.clientStatus);
  const discountTouched = block.touched(H.discount);
  const guarded = GUARDED_CLIENT_FIELDS.some((h) => block.touched(h));
  if (!statusTouched && !discountTouched && !guarded && newRows.length === 0) {
    persist(ctx, null, log);
    return;
  }
  const memory = ValueMemory.load(
    ctx.ss,
    block.records.map((r) => textOf(r[H.clientId])),
  );
  rebuildMemory(memory, 'clients', block, H.clientId);
  const refusals: Refusal[] = [];
  enforceGuardedFields(ctx, block, e, memory, 'clients', log, refusals);
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
      const owner = memory.get(id, H.owner)?.value ?? textOf(record[H.owner]);
      const problem = block.formula(i, H.clientStatus)
        ? 'в «Статус клиента» нельзя формулу: выберите статус из списка'
        : status === '' && from !== ''
          ? 'статус клиента нельзя очистить'
          : ((status !== from && !block.newRows.has(i) ? ownRowProblem(ctx.user, owner, () => ctx.isDirector) : null) ??
            statusChangeProblem(from, status, ctx.isDirector));
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
    if (!statusTouched && !discountTouched && !block.newRows.has(i)) return;
    const effectiveStatus = record[H.clientStatus];
    const discount = record[H.discount];
    // the discount before this edit: the remembered one, else what one typed cell held, else none
    const earlierDiscount =
      memory.get(id, H.discount)?.value ?? (block.single && discountTouched ? textOf(e.oldValue) : '');
    const problem =
      discountTouched && block.formula(i, H.discount)
        ? 'в «Скидка, %» нельзя формулу: введите число'
        : discountProblem(discount, effectiveStatus, ctx.settings.maxDiscountPercent);
    if (problem && !discountTouched && !block.newRows.has(i)) {
      // the status changed under a discount it no longer allows: the discount is taken away, not refused
      // (a percent-formatted cell holds 0.1 for 10 %)
      const percent = String(discountPercent(discount) ?? textOf(discount)).replace('.', ',');
      record[H.discount] = '';
      discountChanged.push(i);
      discountNotes.set(i, `скидка ${percent} % снята: ${problem}`);
      memory.set(id, H.discount, '');
      log.push({
        user: ctx.user,
        action: 'Скидка снята',
        sheet: table.name,
        id,
        field: H.discount,
        before: percent,
        after: '',
        comment: problem,
      });
    } else if (problem) {
      const back = discountProblem(earlierDiscount, effectiveStatus, ctx.settings.maxDiscountPercent)
        ? ''
        : earlierDiscount;
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
        before: earlierDiscount,
        after: discount,
        comment: problem,
      });
    } else if (discountTouched) {
      discountOk.push(i);
      if (earlierDiscount !== textOf(discount)) {
        memory.set(id, H.discount, textOf(discount));
        log.push({
          user: ctx.user,
          action: 'Скидка',
          sheet: table.name,
          id,
          field: H.discount,
          before: earlierDiscount,
          after: discount,
        });
      }
    }
  });
  block.records.forEach((record) => rememberRow(memory, 'clients', textOf(record[H.clientId]), record));
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
  assignIds(ctx, block, H.claimId, 'claim', log);
  const fill = (header: string, value: (record: Record<string, unknown>) => unknown) => {
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

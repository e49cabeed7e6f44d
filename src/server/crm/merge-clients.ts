/**
 * The director merges two rows of one client: the deals, contacts and claims
 * of the duplicate move to the client kept (each moved row logged), blank
 * contact fields of the kept client take the duplicate's values, and the
 * duplicate stays on «Клиенты», «Неактивный» and marked «Объединён с …», so
 * nothing is deleted. Runs under the document lock; each column is read once
 * and written over the span of the rows it changes.
 */
import { appendLog, type LogEntry } from '../../adapter/audit-log';
import { withDocumentLock } from '../../adapter/lock';
import { Table } from '../../adapter/table';
import { ValueMemory } from '../../adapter/value-memory';
import { isMergedClient, MERGED_NOTE } from '../../domain/crm/duplicates';
import { H } from '../../domain/crm/records';
import { formatDateRu, textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { SHEETS } from '../../domain/workbook/schema';
import type { ClientCardDto } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { clientCard, findById } from './deal-service';

/** Client fields the kept client takes from the duplicate when its own are blank. */
const FILLED_FROM_DUPLICATE = [H.inn, 'Контактное лицо', H.phone, H.email, 'Город'];

/** Moves every `clientId` of `from` to `to` in one column of a tab; returns the moved rows' IDs. */
function moveRows(
  ctx: CrmContext,
  sheet: string,
  idHeader: string,
  from: string,
  to: string,
  toName: string,
  log: LogEntry[],
): number {
  if (!ctx.ss.getSheetByName(sheet)) return 0;
  const table = Table.open(ctx.ss, sheet, [H.clientId]);
  const ids = table.readColumn(H.clientId);
  const rows = ids.map((v, i) => (textOf(v) === from ? i : -1)).filter((i) => i >= 0);
  if (rows.length === 0) return 0;
  const min = rows[0];
  const max = rows[rows.length - 1];
  table.writeColumn(
    H.clientId,
    min + 2,
    ids.slice(min, max + 1).map((v) => (textOf(v) === from ? to : v)),
  );
  const own = table.has(idHeader) ? table.readColumn(idHeader) : [];
  if (sheet === SHEETS.deals && table.has(H.client)) {
    const names = table.readColumn(H.client);
    table.writeColumn(
      H.client,
      min + 2,
      names.slice(min, max + 1).map((v, k) => (rows.includes(min + k) ? toName : v)),
    );
  }
  for (const i of rows) {
    log.push({
      user: ctx.user,
      action: 'Объединение клиентов',
      sheet,
      id: textOf(own[i]) || `строка ${i + 2}`,
      field: H.clientId,
      before: from,
      after: to,
    });
  }
  return rows.length;
}

/** Director only: merges client `mergeId` into `keepId`; returns the kept client's card. */
export function mergeClients(ctx: CrmContext, keepId: string, mergeId: string): ClientCardDto {
  if (!ctx.isDirector) throw new DomainError('Объединить клиентов может только директор');
  if (keepId === mergeId) throw new DomainError('Выберите другого клиента: нельзя объединить клиента с самим собой');
  return withDocumentLock(() => {
    const keep = findById(ctx, SHEETS.clients, H.clientId, keepId);
    const merge = findById(ctx, SHEETS.clients, H.clientId, mergeId);
    if (!keep) throw new DomainError(`Клиента «${keepId}» нет на листе «Клиенты»`);
    if (!merge) throw new DomainError(`Клиента «${mergeId}» нет на листе «Клиенты»`);
    if (isMergedClient(merge.record)) throw new DomainError(`Клиент ${mergeId} уже объединён с другим клиентом`);
    if (isMergedClient(keep.record))
      throw new DomainError(`Клиент ${keepId} сам объединён с другим клиентом; выберите того, кого оставить`);
    const log: LogEntry[] = [];
    const keepName = textOf(keep.record[H.client]);
    const moved =
      moveRows(ctx, SHEETS.deals, H.dealId, mergeId, keepId, keepName, log) +
      moveRows(ctx, SHEETS.contacts, 'Дата', mergeId, keepId, keepName, log) +
      moveRows(ctx, SHEETS.claims, H.claimId, mergeId, keepId, keepName, log);
    const fill: Record<string, unknown> = {};
    for (const header of FILLED_FROM_DUPLICATE) {
      if (!keep.table.has(header) || textOf(keep.record[header]) !== '' || textOf(merge.record[header]) === '')
        continue;
      fill[header] = merge.record[header];
      log.push({
        user: ctx.user,
        action: 'Объединение клиентов',
        sheet: SHEETS.clients,
        id: keepId,
        field: header,
        before: '',
        after: merge.record[header],
        comment: `Из ${mergeId}`,
      });
    }
    if (Object.keys(fill).length > 0) keep.table.writeFields(keep.row, fill);
    const note = `${MERGED_NOTE}${keepId} ${formatDateRu(ctx.today)}`;
    const oldNote = textOf(merge.record[H.note]);
    const marks: Record<string, unknown> = { [H.clientStatus]: 'Неактивный' };
    if (merge.table.has(H.note)) marks[H.note] = oldNote ? `${note}. ${oldNote}` : note;
    merge.table.writeFields(merge.row, marks);
    const memory = ValueMemory.load(ctx.ss);
    memory.set(mergeId, H.clientStatus, 'Неактивный');
    memory.save(ctx.ss);
    log.push({
      user: ctx.user,
      action: 'Объединение клиентов',
      sheet: SHEETS.clients,
      id: mergeId,
      field: H.clientStatus,
      before: merge.record[H.clientStatus],
      after: 'Неактивный',
      comment: `Объединён с ${keepId} «${keepName}»; перенесено строк: ${moved}`,
    });
    appendLog(ctx.ss, log, ctx.now);
    return clientCard(ctx, keepId);
  });
}

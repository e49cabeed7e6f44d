/**
 * Duplicates typed or pasted into «Клиенты» (a list of contacts from an
 * exhibition, say): a row whose ИНН, phone or e-mail another client already
 * has keeps everything typed, and gets a note on its «Клиент» cell, a toast and
 * a log entry naming the other client. The key columns are read in one call each.
 */
import type { LogEntry } from '../../adapter/audit-log';
import type { Table } from '../../adapter/table';
import { findDuplicates, isMergedClient } from '../../domain/crm/duplicates';
import { H, type RowRecord } from '../../domain/crm/records';
import { textOf } from '../../domain/crm/values';
import type { CrmContext } from './crm-context';

/**
 * The prefix of the add-on's duplicate notes (so a later check replaces only
 * its own). Not the «CRM: » of refusal notes, which an accepted edit clears.
 */
export const DUPLICATE_NOTE = 'Возможный дубль: ';

const KEYS = [H.clientId, H.client, H.inn, H.phone, H.email, H.clientStatus, H.note];

/**
 * Flags the rows `firstRow`… (their `records`) that duplicate another client;
 * clears the add-on's old duplicate note of a row that no longer does.
 */
export function flagDuplicateClients(
  ctx: CrmContext,
  table: Table,
  firstRow: number,
  records: readonly RowRecord[],
  log: LogEntry[],
): void {
  if (!table.has(H.client) || !table.has(H.clientId)) return;
  const columns = KEYS.map((h) => (table.has(h) ? table.readColumn(h) : []));
  const all: RowRecord[] = columns[0].map((_, i) => Object.fromEntries(KEYS.map((h, c) => [h, columns[c][i] ?? ''])));
  const notes: string[] = [];
  let flagged = 0;
  const names: string[] = [];
  records.forEach((record, k) => {
    const index = firstRow - 2 + k;
    const id = textOf(record[H.clientId]);
    const others = all.filter((r, i) => i !== index && textOf(r[H.clientId]) !== '' && !isMergedClient(r));
    const matches = id && !isMergedClient(record) ? findDuplicates(record, others) : [];
    if (matches.length === 0) {
      notes.push('');
      return;
    }
    const text = matches.map((m) => `${m.clientId} «${m.name}» (${m.matchedBy.join(', ')})`).join('; ');
    notes.push(DUPLICATE_NOTE + text);
    flagged++;
    names.push(id);
    log.push({
      user: ctx.user,
      action: 'Возможный дубль',
      sheet: table.name,
      id,
      field: matches[0].matchedBy.join(', '),
      before: '',
      after: textOf(record[H.client]),
      comment: `Совпадает с ${text}`,
    });
  });
  const range = table.sheet.getRange(firstRow, table.col(H.client), records.length, 1);
  const current = range.getNotes();
  let changed = false;
  notes.forEach((note, k) => {
    const old = String(current[k][0] ?? '');
    if (note !== '' && old !== note) {
      current[k][0] = note;
      changed = true;
    } else if (note === '' && old.startsWith(DUPLICATE_NOTE)) {
      current[k][0] = '';
      changed = true;
    }
  });
  if (changed) range.setNotes(current);
  if (flagged > 0) {
    ctx.ss.toast(
      flagged === 1
        ? `${names[0]}: ${notes.find((n) => n !== '')!.toLowerCase()}. Строка сохранена; директор может объединить клиентов.`
        : `Возможные дубли: ${flagged} (${names.slice(0, 5).join(', ')}${flagged > 5 ? '…' : ''}). Строки сохранены, подробности — в примечаниях к ячейкам «Клиент».`,
      'Возможный дубль клиента',
      15,
    );
  }
}

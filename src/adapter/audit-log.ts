/**
 * The append-only audit log «Журнал» (Время · Пользователь · Действие · Лист ·
 * ID · Поле · Было · Стало · Комментарий). Entries are only ever appended.
 */
import { SHEETS, COLUMNS } from '../domain/workbook/schema';
import { textOf } from '../domain/crm/values';
import { ensureGridRows } from './grid';
import { clearPendingLog, pendingLogRows, queueLogRows } from './pending-writes';
import { safeCellText } from './safe-text';
import { userMayWrite } from './sheet-access';

/** What «Пользователь» says when Google does not reveal who acted (consumer accounts in triggers). */
export const UNKNOWN_USER = 'не определён';

export interface LogEntry {
  user: string;
  action: string;
  sheet: string;
  id: string;
  field: string;
  before: unknown;
  after: unknown;
  comment?: string;
}

/**
 * Appends entries to «Журнал» in one call, with any entries still pending from
 * users who could not write it. When this user cannot write it either (the tab
 * is the director's), the entries are queued (see pending-writes.ts).
 */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: readonly LogEntry[], now: Date): void {
  const rows: unknown[][] = entries.map((e) => [
    now,
    safeCellText(e.user || UNKNOWN_USER),
    safeCellText(e.action),
    safeCellText(e.sheet),
    safeCellText(e.id),
    safeCellText(e.field),
    safeCellText(textOf(e.before)),
    safeCellText(textOf(e.after)),
    safeCellText(e.comment ?? ''),
  ]);
  const pending = pendingLogRows();
  const all = [...pending, ...rows];
  if (all.length === 0) return;
  let sheet = ss.getSheetByName(SHEETS.log);
  if (sheet && !userMayWrite(sheet)) {
    if (rows.length > 0) queueLogRows(rows);
    return;
  }
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.log);
    sheet.getRange(1, 1, 1, COLUMNS.log.length).setValues([COLUMNS.log.map((c) => c.header)]);
  }
  const first = sheet.getLastRow() + 1;
  ensureGridRows(sheet, first + all.length - 1);
  sheet.getRange(first, 1, all.length, COLUMNS.log.length).setValues(all);
  if (pending.length > 0) clearPendingLog(pending);
}

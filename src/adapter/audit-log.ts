/**
 * The append-only audit log «Журнал» (Время · Пользователь · Действие · Лист ·
 * ID · Поле · Было · Стало · Комментарий). Entries are only ever appended.
 */
import { SHEETS, COLUMNS } from '../domain/workbook/schema';
import { textOf } from '../domain/crm/values';
import { safeCellText } from './safe-text';

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

/** Appends entries to «Журнал» in one call, creating the tab if it is missing. */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: readonly LogEntry[], now: Date): void {
  if (entries.length === 0) return;
  let sheet = ss.getSheetByName(SHEETS.log);
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.log);
    sheet.getRange(1, 1, 1, COLUMNS.log.length).setValues([COLUMNS.log.map((c) => c.header)]);
  }
  const rows = entries.map((e) => [
    now,
    safeCellText(e.user),
    safeCellText(e.action),
    e.sheet,
    e.id,
    e.field,
    safeCellText(textOf(e.before)),
    safeCellText(textOf(e.after)),
    safeCellText(e.comment ?? ''),
  ]);
  const first = sheet.getLastRow() + 1;
  sheet.getRange(first, 1, rows.length, rows[0].length).setValues(rows);
}

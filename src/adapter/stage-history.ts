/**
 * «История этапов»: one row per accepted stage change (Время · ID сделки ·
 * Клиент · Было · Стало · Пользователь · Способ), appended only, protected for
 * the director like «Журнал». It is written by the same executions that write
 * «Журнал», and when the current user may not write it the rows wait in the
 * same pending queue mechanism until an execution running as the director.
 */
import { COLUMNS, SHEETS, STAGE_CHANGE_WAYS } from '../domain/workbook/schema';
import { ensureGridRows } from './grid';
import { clearPendingHistory, pendingHistoryRows, queueHistoryRows } from './pending-writes';
import { safeCellText } from './safe-text';
import { userMayWrite } from './sheet-access';

export type StageChangeWay = keyof typeof STAGE_CHANGE_WAYS;

export interface StageChange {
  dealId: string;
  client: string;
  from: string;
  to: string;
  user: string;
  how: StageChangeWay;
}

/**
 * Appends the changes (and any still pending) in one call; queues them when
 * this user cannot write the tab. Called with no changes it only writes out
 * what is pending, so any execution running as the director empties the queue.
 */
export function appendStageHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  changes: readonly StageChange[],
  now: Date,
): void {
  const rows: unknown[][] = changes.map((c) => [
    now,
    c.dealId,
    safeCellText(c.client),
    c.from,
    c.to,
    safeCellText(c.user || 'не определён'),
    STAGE_CHANGE_WAYS[c.how],
  ]);
  const width = COLUMNS.stageHistory.length;
  let pending = rows.length === 0 ? pendingHistoryRows() : null;
  if (pending !== null && pending.length === 0) return;
  let sheet = ss.getSheetByName(SHEETS.stageHistory);
  if (sheet && !userMayWrite(sheet)) {
    if (rows.length > 0) queueHistoryRows(rows);
    return;
  }
  pending = pending ?? pendingHistoryRows();
  const all = [...pending, ...rows];
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.stageHistory);
    sheet.getRange(1, 1, 1, width).setValues([COLUMNS.stageHistory.map((c) => c.header)]);
  }
  const first = sheet.getLastRow() + 1;
  ensureGridRows(sheet, first + all.length - 1);
  sheet.getRange(first, 1, all.length, width).setValues(all);
  if (pending.length > 0) clearPendingHistory(pending);
}

/**
 * «История этапов»: one row per accepted stage change (Время · ID сделки ·
 * Клиент · Было · Стало · Пользователь · Способ), appended only, protected for
 * the director like «Журнал». It is written by the same executions that write
 * «Журнал», under the same document lock, and when the current user may not
 * write it the rows wait in the same queue (kind «history») until an execution
 * running as the director writes them.
 */
import { COLUMNS, SHEETS, STAGE_CHANGE_WAYS } from '../domain/workbook/schema';
import { appendRows } from './grid';
import { UNKNOWN_USER } from './audit-log';
import { forgetEntries, pendingEntries, queueEntries } from './pending-writes';
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
 * what is pending. Runs where appendLog runs, under the document lock.
 */
export function appendStageHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  changes: readonly StageChange[],
  now: Date,
): void {
  const rows: unknown[][] = changes.map((c) => [
    now,
    safeCellText(c.dealId),
    safeCellText(c.client),
    safeCellText(c.from),
    safeCellText(c.to),
    safeCellText(c.user.trim() === '' ? UNKNOWN_USER : c.user),
    STAGE_CHANGE_WAYS[c.how],
  ]);
  const width = COLUMNS.stageHistory.length;
  const pending = pendingEntries(ss, 'history');
  // nothing to write and nothing queued: the tab is not even looked up
  if (rows.length === 0 && pending.length === 0) return;
  let sheet = ss.getSheetByName(SHEETS.stageHistory);
  if (sheet && !userMayWrite(sheet)) {
    queueEntries(ss, 'history', rows);
    return;
  }
  const all = [
    ...pending.map((p) => p.row.map((v, i): unknown => (i === 0 ? new Date(v) : v)).slice(0, width)),
    ...rows,
  ];
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.stageHistory);
    sheet.getRange(1, 1, 1, width).setValues([COLUMNS.stageHistory.map((c) => c.header)]);
  }
  appendRows(sheet, all, width);
  forgetEntries(
    ss,
    pending.map((p) => p.id),
  );
}

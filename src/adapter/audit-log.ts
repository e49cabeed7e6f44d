/**
 * The append-only audit log «Журнал» (Время · Пользователь · Действие · Лист ·
 * ID · Поле · Было · Стало · Комментарий). Entries are only ever appended.
 */
import { SHEETS, COLUMNS } from '../domain/workbook/schema';
import { textOf } from '../domain/crm/values';
import { appendRows } from './grid';
import { withDocumentLock } from './lock';
import { forgetEntries, OVERFLOW_SHEET, pendingEntries, queueEntries, takePlantedEntries } from './pending-writes';
import { safeCellText } from './safe-text';
import { userMayWrite } from './sheet-access';

/** What «Пользователь» says when Google does not reveal who acted (consumer accounts in triggers). */
export const UNKNOWN_USER = 'не определён';

export interface LogEntry {
  /** lower-case e-mail, or '' where Google does not reveal who it is */
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
 *
 * Runs under the document lock: the last row is read there, right before the
 * block is written, so two appends never land on the same rows.
 */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: readonly LogEntry[], now: Date): void {
  const rows: unknown[][] = entries.map((e) => [
    now,
    safeCellText(e.user.trim() === '' ? UNKNOWN_USER : e.user),
    safeCellText(e.action),
    safeCellText(e.sheet),
    safeCellText(e.id),
    safeCellText(e.field),
    safeCellText(textOf(e.before)),
    safeCellText(textOf(e.after)),
    safeCellText(e.comment ?? ''),
  ]);
  let sheet = ss.getSheetByName(SHEETS.log);
  if (sheet && !userMayWrite(sheet)) {
    queueEntries(ss, 'log', rows);
    return;
  }
  const found = { planted: [] as string[][] };
  const pending = pendingEntries(ss, 'log', found);
  // rows someone typed into the unprotected overflow tab: never entries, reported here and removed (each
  // row as read there, all four cells)
  const planted = (found.planted.length > 0 ? takePlantedEntries(ss) : []).map((r) => [
    now,
    UNKNOWN_USER,
    'Отброшена запись очереди',
    OVERFLOW_SHEET,
    safeCellText(r[0]),
    safeCellText(r[1]),
    '',
    safeCellText(r[2].slice(0, 1000)),
    'Строка без подписи надстройки (внесена в лист вручную) или копия уже записанной: в «Журнал», память и ' +
      'историю этапов не попала',
  ]);
  const all = [...pending.map((p) => pendingLogRow(p.row)), ...planted, ...rows];
  if (all.length === 0) return;
  if (!sheet) {
    sheet = ss.insertSheet(SHEETS.log);
    sheet.getRange(1, 1, 1, COLUMNS.log.length).setValues([COLUMNS.log.map((c) => c.header)]);
  }
  appendRows(sheet, all, COLUMNS.log.length);
  forgetEntries(
    ss,
    pending.map((p) => p.id),
  );
}

/** A queued log row as written: the time back as a date, padded to the log's width (text was made safe when queued). */
function pendingLogRow(row: readonly string[]): unknown[] {
  return COLUMNS.log.map((_, i) => (i === 0 ? new Date(row[0]) : (row[i] ?? '')));
}

/** appendLog for a caller that does not hold the document lock: takes it around the append. */
export function appendLogLocked(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: readonly LogEntry[],
  now: Date,
): void {
  withDocumentLock(() => appendLog(ss, entries, now));
}

/**
 * Records that someone who is not the director tried a director's action (a
 * menu item, a sidebar call from the console). Best effort: a failure to log
 * never hides the refusal itself.
 */
export function logRefusedAccess(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  user: string,
  what: string,
  now: Date,
): void {
  try {
    const entry = () =>
      appendLog(
        ss,
        [
          {
            user,
            action: 'Отказано: только директор',
            sheet: '',
            id: '',
            field: '',
            before: '',
            after: '',
            comment: what,
          },
        ],
        now,
      );
    withDocumentLock(entry);
  } catch (error) {
    console.warn(error);
  }
}

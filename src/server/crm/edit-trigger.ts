/**
 * Which onEdit runs the enforcement. A simple onEdit runs as the person editing,
 * who cannot write the protected «Журнал» and technical tab; so «Настроить
 * таблицу» (run by the director) installs an installable onEdit trigger that runs
 * as the director, and the simple trigger then stands aside, as long as the
 * trigger's heartbeat shows it runs (adapter/trigger-health.ts). Until then,
 * and whenever it stops, the simple trigger enforces on its own; what it cannot
 * write waits in the queue of pending writes.
 *
 * The same setup installs an hourly time-driven trigger that drains that queue.
 * Each is installed once per spreadsheet, whoever ran the setup: a second
 * director finds the registered trigger and installs none.
 */
import { appendStageHistory } from '../../adapter/stage-history';
import { appendLog } from '../../adapter/audit-log';
import { withDocumentLock } from '../../adapter/lock';
import { hasPending } from '../../adapter/pending-writes';
import { userMayWrite } from '../../adapter/sheet-access';
import {
  flushTriggerRegistration,
  lastFlush,
  markEditsEnforced,
  QUEUE_STALE_MS,
  readTriggerHealth,
  recordEdit,
  registerEditTrigger,
  registerFlushTrigger,
  type SeenEdit,
} from '../../adapter/trigger-health';
import { ValueMemory } from '../../adapter/value-memory';
import { DomainError } from '../../domain/money';
import { SHEETS } from '../../domain/workbook/schema';
import { CrmContext } from './crm-context';
import { enforceEdit, type EditEventLike } from './edit-enforcement';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The public global of the installable trigger. */
export const OWNER_EDIT_FUNCTION = 'onEditAsOwner';
/** The public global of the hourly trigger that drains the queue. */
export const FLUSH_FUNCTION = 'flushPendingWrites';

function ownTriggers(handler: string): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/**
 * Installs the director's onEdit trigger unless the spreadsheet already has a
 * working one installed by any of its directors; repairs one that stopped, and
 * takes over from one whose owner is no longer a director (that one then stands
 * aside: only the registered trigger enforces). Returns a line for the setup
 * report, or ''.
 */
export function installOwnerEditTrigger(ss: Spreadsheet, me: string, directors: readonly string[]): string {
  const health = readTriggerHealth();
  const mine = ownTriggers(OWNER_EDIT_FUNCTION);
  const registered = health.registration;
  const registeredMine = registered ? mine.find((t) => t.getUniqueId() === registered.id) : undefined;
  // a trigger runs as whoever installed it: one of someone no longer a director cannot write «Журнал»
  const othersWorks =
    registered !== null &&
    registered.id !== '' &&
    directors.includes(registered.owner.toLowerCase()) &&
    health.state === 'ok';
  if (!registeredMine && othersWorks) {
    // another director's trigger works: never a second one
    for (const t of mine) ScriptApp.deleteTrigger(t);
    return '';
  }
  if (registeredMine && health.state === 'ok') {
    for (const t of mine) if (t !== registeredMine) ScriptApp.deleteTrigger(t);
    return '';
  }
  // none registered, one by an earlier version, or one that stopped: this director's trigger takes over
  const repair = health.state === 'stale';
  const keep = !repair && mine.length > 0 ? mine[0] : null;
  for (const t of mine) if (t !== keep) ScriptApp.deleteTrigger(t);
  const trigger = keep ?? ScriptApp.newTrigger(OWNER_EDIT_FUNCTION).forSpreadsheet(ss).onEdit().create();
  registerEditTrigger(trigger.getUniqueId(), me);
  if (repair) return 'Проверка правок от имени директора восстановлена';
  return keep ? '' : 'Включена проверка правок от имени директора (журнал и служебный лист защищены)';
}

/** Installs the hourly trigger that drains the queue, unless one runs already. Returns a line or ''. */
export function installFlushTrigger(me: string, directors: readonly string[]): string {
  const mine = ownTriggers(FLUSH_FUNCTION);
  const registered = flushTriggerRegistration();
  const last = lastFlush();
  const running = last !== null && Date.now() - last.getTime() < QUEUE_STALE_MS;
  if (registered && registered.owner !== me && directors.includes(registered.owner.toLowerCase()) && running) {
    for (const t of mine) ScriptApp.deleteTrigger(t);
    return '';
  }
  if (mine.length > 0 && registered && mine.some((t) => t.getUniqueId() === registered.id)) {
    for (const t of mine) if (t.getUniqueId() !== registered.id) ScriptApp.deleteTrigger(t);
    return '';
  }
  for (const t of mine) ScriptApp.deleteTrigger(t);
  const trigger = ScriptApp.newTrigger(FLUSH_FUNCTION).timeBased().everyHours(1).create();
  registerFlushTrigger(trigger.getUniqueId(), me);
  return 'Включён ежечасный перенос отложенных записей в «Журнал»';
}

/** Whether `e` is an edit event Sheets gave (a Range with its sheet), not something typed into the console. */
export function isEditEvent(e: unknown): e is EditEventLike {
  if (!e || typeof e !== 'object') return false;
  const range = (e as { range?: unknown }).range;
  return !!range && typeof range === 'object' && typeof (range as { getSheet?: unknown }).getSheet === 'function';
}

/** The message for a call of a trigger function without Sheets' edit event. */
export const NOT_AN_EDIT_EVENT =
  'Эту функцию вызывает сама таблица при каждой правке ячейки; вызывать её вручную не нужно: событие правки не передано.';

/** The editor's e-mail from an edit event, '' when Google does not reveal it. */
export function editorEmail(e: unknown): string {
  const user = (e as { user?: { getEmail?: unknown } }).user;
  if (!user || typeof user.getEmail !== 'function') return '';
  const email = (user.getEmail as () => unknown).call(user);
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Runs the enforcement, telling the person about a DomainError in a toast. */
export function runEnforcement(ss: Spreadsheet, user: string, e: EditEventLike): void {
  const ctx = new CrmContext(ss, user);
  try {
    enforceEdit(ctx, e);
  } catch (error) {
    if (error instanceof DomainError) ss.toast(error.message, 'CRM', 15);
    else throw error;
  }
}

/**
 * The simple onEdit: stands aside while the director's trigger runs; enforces
 * by itself when there is none, and when it stopped (then also the edits it
 * missed, and the person is told what the director must do). Who edits is
 * asked (`userOf`) only when it enforces: standing aside costs no more calls.
 */
export function simpleEdit(ss: Spreadsheet, userOf: () => string, e: EditEventLike): void {
  const at = new Date().toISOString();
  const health = readTriggerHealth();
  if (health.state === 'none') {
    runEnforcement(ss, userOf(), e);
    return;
  }
  const seen: SeenEdit = { at, sheet: e.range.getSheet().getName(), a1: e.range.getA1Notation(), self: false };
  if (health.state === 'ok') {
    recordEdit(seen, health);
    return;
  }
  // the trigger missed edits: check them as pastes (their old values are gone), then this one
  const user = userOf();
  for (const missed of health.unseen) {
    if (missed.self) continue;
    const sheet = ss.getSheetByName(missed.sheet);
    if (!sheet) continue;
    try {
      runEnforcement(ss, user, { range: sheet.getRange(missed.a1) });
    } catch (error) {
      console.warn(error);
    }
  }
  runEnforcement(ss, user, e);
  markEditsEnforced(health, seen);
  ss.toast(health.notice, 'CRM', 10);
}

/** Whether this user may write «Журнал» (the director, or anyone before the setup protected it). */
export function mayWriteLog(ss: Spreadsheet): boolean {
  const log = ss.getSheetByName(SHEETS.log);
  return !log || userMayWrite(log);
}

/**
 * Writes what waits in the queue, when this user may write «Журнал» and the
 * technical tab (the director): one read of the properties when nothing waits.
 */
export function drainPending(ss: Spreadsheet): void {
  if (!hasPending() || !mayWriteLog(ss)) return;
  withDocumentLock(() => {
    ValueMemory.load(ss).save(ss);
    appendLog(ss, [], new Date());
    appendStageHistory(ss, [], new Date());
  });
}

/**
 * The document lock. Every write to shared state (a table, «Журнал», the
 * technical tab, the queue of pending writes) runs inside it and re-reads what
 * it depends on there, so two people saving at once never overwrite each other
 * and never get the same ID. An operation takes it once, at its top; the
 * adapter functions it calls (appendLog, ValueMemory.save, Table.appendRecords,
 * the pending queue) expect it held and never take it again, so nothing waits
 * twice.
 */
import { DomainError } from '../domain/money';
import { refreshAfterLock } from './document-properties';

/** How long a sidebar call or menu item waits for someone else's save before being told to retry. */
export const LOCK_TIMEOUT_MS = 20_000;

/**
 * How long an edit trigger waits: a simple trigger has 30 s in all, and after
 * the wait it still reads the edited rows, checks them and writes the results.
 */
export const EDIT_LOCK_TIMEOUT_MS = 15_000;

let holds = 0;
let held: number | null = null;

/**
 * Which hold of the document lock this execution is in (a number that changes with every
 * acquisition), or null outside the lock. What was read under a hold still stands while the
 * same hold lasts: no other execution of the add-on can have written it meanwhile.
 */
export function currentLockHold(): number | null {
  return held;
}

/** Runs `fn` holding the document lock; a busy document is a DomainError in Russian. */
export function withDocumentLock<T>(fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const lock = LockService.getDocumentLock();
  try {
    lock.waitLock(timeoutMs);
  } catch {
    throw new DomainError('Таблицу сейчас сохраняет другой пользователь. Подождите несколько секунд и повторите.');
  }
  // what is decided under the lock rests on properties read under it
  refreshAfterLock();
  // Stryker disable next-line UpdateOperator: counting down gives each hold a number no earlier hold had, too
  held = ++holds;
  try {
    const result = fn();
    // push pending writes before another execution can take the lock and read
    SpreadsheetApp.flush();
    return result;
  } finally {
    held = null;
    lock.releaseLock();
  }
}

/**
 * The document lock: every write that allocates IDs or changes rows from the
 * sidebar runs inside it, so two people adding clients at once get distinct IDs.
 */
import { DomainError } from '../domain/money';

/** How long a person waits for someone else's save before being told to retry. */
const LOCK_TIMEOUT_MS = 20_000;

/** Runs `fn` holding the document lock; a busy document is a DomainError in Russian. */
export function withDocumentLock<T>(fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const lock = LockService.getDocumentLock();
  try {
    lock.waitLock(timeoutMs);
  } catch {
    throw new DomainError('Таблицу сейчас сохраняет другой пользователь. Подождите несколько секунд и повторите.');
  }
  try {
    const result = fn();
    // push pending writes before another execution can take the lock and read
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Runs `fn` holding the script lock, which guards the small queues kept in
 * document properties: each update there is a read and a write that must not
 * interleave with another person's. It is a different lock from the document
 * lock, so code already holding that one can still queue.
 */
export function withScriptLock<T>(fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const lock = LockService.getScriptLock();
  try {
    lock.waitLock(timeoutMs);
  } catch {
    throw new DomainError(
      'Надстройка сейчас записывает изменения другого пользователя. Повторите через несколько секунд.',
    );
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/**
 * Retries never write twice. Every sidebar call that writes carries a request
 * ID made by the sidebar; the first call's answer is kept for six hours under
 * that ID, so a retry after an error or a timeout (the first call may well have
 * finished on the server) returns that answer instead of saving again. The
 * check and the write happen under the same document lock, so a retry that
 * arrives while the first call still runs waits for it and then gets its answer.
 */

import { withDocumentLock } from './lock';

const KEY_PREFIX = 'crm.request.';
/** CacheService keeps a value at most six hours. */
const KEEP_SECONDS = 6 * 60 * 60;
/** A cached value holds at most 100 KB; a larger answer is not kept (a retry then saves again). */
const MAX_ANSWER_CHARS = 90_000;

function cache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getDocumentCache() ?? CacheService.getScriptCache();
}

/**
 * Runs `fn` once per request ID: a repeated ID returns the first answer. An
 * empty ID (a call from outside the sidebar) always runs. Call it under the
 * document lock, around the whole read-check-write of the operation.
 */
export function onceForRequest<T>(requestId: string, fn: () => T): T {
  if (!requestId) return fn();
  const key = KEY_PREFIX + requestId;
  const kept = cache().get(key);
  if (kept !== null) return JSON.parse(kept) as T;
  const answer = fn();
  const json = JSON.stringify(answer ?? null);
  if (json.length <= MAX_ANSWER_CHARS) cache().put(key, json, KEEP_SECONDS);
  return answer;
}

/** The document lock around onceForRequest: the whole operation of one request, once. */
export function withRequestLock<T>(requestId: string, fn: () => T): T {
  return withDocumentLock(() => onceForRequest(requestId, fn));
}

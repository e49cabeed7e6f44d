/**
 * The adapter's document lock: the lock is released after the
 * locked section, also when it throws; a busy lock is a Russian DomainError;
 * pending writes are flushed before the lock is let go.
 */
import { EDIT_LOCK_TIMEOUT_MS, withDocumentLock } from '../../../src/adapter/lock';
import { DomainError } from '../../../src/domain/money';

interface FakeLock {
  events: string[];
  busy: boolean;
}

function installServices(lock: FakeLock): void {
  const handle = {
    waitLock(ms: number) {
      lock.events.push(`wait ${ms}`);
      if (lock.busy) throw new Error('Lock timeout: another process was holding the lock for too long.');
    },
    releaseLock() {
      lock.events.push('release');
    },
  };
  Object.assign(globalThis, {
    LockService: { getDocumentLock: () => handle, getScriptLock: () => handle },
    SpreadsheetApp: { flush: () => lock.events.push('flush') },
  });
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).LockService;
  delete (globalThis as Record<string, unknown>).SpreadsheetApp;
});

describe.each([
  ["with the sidebar's wait", (fn: () => unknown) => withDocumentLock(fn), ['wait 20000', 'run', 'flush', 'release']],
  [
    "with an edit trigger's wait",
    (fn: () => unknown) => withDocumentLock(fn, EDIT_LOCK_TIMEOUT_MS),
    ['wait 15000', 'run', 'flush', 'release'],
  ],
] as const)('withDocumentLock %s', (_name, withLock, order) => {
  it('waits, runs, and releases the lock, returning the result', () => {
    const lock: FakeLock = { events: [], busy: false };
    installServices(lock);
    expect(
      withLock(() => {
        lock.events.push('run');
        return 42;
      }),
    ).toBe(42);
    expect(lock.events).toEqual(order);
  });

  it('releases the lock when the locked section throws', () => {
    const lock: FakeLock = { events: [], busy: false };
    installServices(lock);
    expect(() =>
      withLock(() => {
        lock.events.push('run');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(lock.events[lock.events.length - 1]).toBe('release');
  });

  it('turns a busy lock into a Russian DomainError without running the section', () => {
    const lock: FakeLock = { events: [], busy: true };
    installServices(lock);
    let ran = false;
    expect(() => withLock(() => (ran = true))).toThrow(DomainError);
    expect(() => withLock(() => (ran = true))).toThrow(/повторите/i);
    expect(ran).toBe(false);
    expect(lock.events).not.toContain('release');
  });
});

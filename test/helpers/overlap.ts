/**
 * Overlapping executions on the local runtime's nested-execution hook: while
 * one execution runs, another starts at one of its service calls. An execution
 * that needs the lock the first one holds waits for it on Google; here it
 * cannot run inside the first (one thread), so it starts at the first call
 * after the first execution releases its locks, or right after it ends. That
 * is the order Google's lock gives them; every point outside the first
 * execution's locks is open to the second one.
 */
import type { LocalRuntimeSession } from '../../local/runtime';

export interface Overlap {
  /** whether the second execution started */
  readonly started: boolean;
  /** whether it had to wait for the first execution's lock */
  readonly waited: boolean;
  /** the second execution's error, if it threw */
  readonly error: unknown;
  /** the second execution's answer */
  readonly result: unknown;
  /** stops watching; runs the second execution now if it still waits (the first one ended) */
  finish(): void;
}

/** Tracks the locks the running execution holds from the calls it makes. */
export class LockDepth {
  private depth = 0;
  private releasing = false;

  /** Call at the start of every service call; returns whether the execution holds no lock now. */
  see(call: string): boolean {
    if (this.releasing) {
      this.releasing = false;
      this.depth = Math.max(0, this.depth - 1);
    }
    if (call === 'Lock.releaseLock') {
      this.releasing = true;
      return false;
    }
    if (call === 'Lock.waitLock' || call === 'Lock.tryLock') {
      const free = this.depth === 0;
      this.depth++;
      return free;
    }
    return this.depth === 0;
  }
}

/**
 * Starts `second` when the running execution makes a call matching `at`, or at
 * its first call outside any lock after that (unless `needsLock` is false: then
 * right there, as a person's typing does).
 */
export function overlapAt(
  session: LocalRuntimeSession,
  at: (call: string, args: unknown[]) => boolean,
  second: () => unknown,
  options: { needsLock?: boolean } = {},
): Overlap {
  // a person typing takes no lock: it lands wherever the first execution is
  const needsLock = options.needsLock ?? true;
  const locks = new LockDepth();
  const state = { started: false, waited: false, error: undefined as unknown, result: undefined as unknown };
  let due = false;
  const run = () => {
    state.started = true;
    try {
      state.result = second();
    } catch (error) {
      state.error = error;
    }
  };
  const stop = session.onServiceCall((call, args) => {
    const free = locks.see(call);
    if (state.started) return;
    if (!due && at(call, args)) due = true;
    if (!due) return;
    if (!free && needsLock) {
      state.waited = true;
      return;
    }
    run();
  });
  return {
    get started() {
      return state.started;
    },
    get waited() {
      return state.waited;
    },
    get error() {
      return state.error;
    },
    get result() {
      return state.result;
    },
    finish() {
      stop();
      if (due && !state.started) run();
    },
  };
}

/** Whether a service call's arguments mention `text` (a value being written, a key…). */
export function mentions(args: unknown[], text: string): boolean {
  return JSON.stringify(args, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v)).includes(text);
}

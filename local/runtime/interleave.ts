/**
 * Executions that run at the same time, as on Google: a seeded scheduler
 * switches between them at service calls.
 *
 * Code.js is synchronous, so an execution cannot be paused inside a call. It
 * is suspended instead: at a switch point the scheduler stops the execution
 * (a Suspend signal thrown from the service call), and to resume it loads
 * Code.js afresh and runs the function again from the start, answering the
 * calls it already made from the execution's tape (their results or errors,
 * and the clock as it was) without doing them again, until it reaches the
 * first call it has not made; from there the calls are live. Between service
 * calls a script is deterministic (its Date follows the recorded clock, its
 * Math.random is seeded per execution), so the resumed execution reaches the
 * same point with the same state: what the script observes is exactly what a
 * thread paused after that call would observe, with other executions' writes
 * landing in between.
 *
 * Lock waits really wait: waitLock/tryLock on a lock another execution holds
 * suspend the caller until the lock is released or the runtime clock passes
 * its timeout (when every execution waits, the clock jumps to the earliest
 * deadline); then Google's message is thrown.
 */
import type { Execution, RuntimeContext } from './runtime-context';
import { Suspend, type Tape, type TapeEntry } from './service-calls';
import type { UiAnswer, UiEvent } from './session';

/** A small seeded generator (mulberry32): the same seed, the same interleaving. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the scheduler needs from the session to run one slice of an execution. */
export interface SliceRunner {
  /** runs `fn` in a fresh load of Code.js with the tape (returns its host result or throws its host error) */
  (execution: Execution, fn: string, args: unknown[], tape: RunTape): unknown;
}

/** One interleaved execution: its tape of calls, and where it waits. */
export class RunTape implements Tape {
  readonly entries: TapeEntry[] = [];
  private position = 0;
  private liveInSlice = 0;
  /** wall-clock milliseconds (performance.now) when the slice began, and when its replay ended */
  private sliceStart = 0;
  private liveStart = 0;
  suspended = false;
  done = false;
  value: unknown;
  error: Error | undefined;
  /** the lock it waits for, and until when (runtime clock, ms) */
  blocked: { lock: string; deadline: number; at: number } | undefined;
  /** the alert or prompt it waits on a person to answer (the local page); it runs again once answered */
  question: UiEvent | undefined;
  /** the clock the script sees while it replays */
  private replayClock: number;

  constructor(
    readonly execution: Execution,
    readonly fn: string,
    readonly args: unknown[],
    readonly label: string,
    private readonly scheduler: Scheduler,
    /** called once the execution has finished */
    readonly onDone?: (run: RunTape) => void,
  ) {
    this.replayClock = execution.startedAt;
  }

  /** live calls made in the current slice */
  get liveCalls(): number {
    return this.liveInSlice;
  }

  get replaying(): boolean {
    return this.position < this.entries.length;
  }

  /** The runtime clock as this execution sees it: recorded while replaying, live after. */
  clock(ctx: RuntimeContext): number {
    return this.replaying ? this.replayClock : ctx.now().getTime();
  }

  startSlice(): void {
    this.position = 0;
    this.liveInSlice = 0;
    this.sliceStart = performance.now();
    this.suspended = false;
    this.replayClock = this.execution.startedAt;
  }

  next(call: string): TapeEntry | undefined {
    if (this.position >= this.entries.length) return undefined;
    const entry = this.entries[this.position++];
    if (entry.call !== call) {
      throw new Error(`An interleaved execution did not replay its calls: ${call} instead of ${entry.call}`);
    }
    this.replayClock = entry.clock;
    return entry;
  }

  /**
   * Whether this slice has run live long enough to end: at least the
   * scheduler's minimum, and at least as long as its replay took, so that
   * replaying never costs more than the work it lets go on.
   */
  ranLongEnough(minSliceMs: number): boolean {
    const live = performance.now() - this.liveStart;
    return live >= Math.max(minSliceMs, this.liveStart - this.sliceStart);
  }

  beforeLive(call: string): void {
    if (this.liveInSlice === 0) this.liveStart = performance.now();
    if (this.liveInSlice > 0 && (this.scheduler.wantsYield(this) || this.scheduler.wantsSwitch(this))) {
      this.suspended = true;
      throw new Suspend('switch');
    }
    this.liveInSlice++;
    this.scheduler.trace.push(`${this.label} ${call}`);
  }

  record(entry: TapeEntry): void {
    this.entries.push(entry);
    this.position++;
  }
}

export interface SchedulerOptions {
  seed: number;
  /** the chance of switching to another execution at each further service call of a slice (default 0.5) */
  switchChance?: number;
  /**
   * A slice ends after this many live calls even when no other execution is
   * ready (executions that start meanwhile get their turn, as a request
   * arriving on Google starts while another execution runs).
   */
  yieldEvery?: number;
  /**
   * The local page's pace, in wall-clock time: a slice ends (to let the event
   * loop take new requests, or to switch) only after it has run live this many
   * milliseconds and at least as long as its replay took. Unset: slices end
   * only as switchChance and yieldEvery decide (deterministic for a seed).
   */
  minSliceMs?: number;
}

/** A step that has not started yet: it starts when the scheduler picks it. */
export interface PendingStep {
  label: string;
  start(): void;
}

export class Scheduler {
  readonly trace: string[] = [];
  readonly runs: RunTape[] = [];
  private readonly random: () => number;
  private readonly switchChance: number;
  private pending: PendingStep[] = [];
  private switchedFrom: RunTape | undefined;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly runSlice: SliceRunner,
    options: SchedulerOptions,
  ) {
    this.random = seededRandom(options.seed);
    this.switchChance = options.switchChance ?? 0.5;
    this.yieldEvery = options.yieldEvery;
    this.minSliceMs = options.minSliceMs;
  }

  private readonly yieldEvery: number | undefined;
  private readonly minSliceMs: number | undefined;

  /** Whether the slice of `run` ends here to let executions that started meanwhile in. */
  wantsYield(run: RunTape): boolean {
    if (this.yieldEvery !== undefined && run.liveCalls >= this.yieldEvery) return true;
    return this.minSliceMs !== undefined && run.ranLongEnough(this.minSliceMs);
  }

  /** Adds a step to start later (the order it starts in is the scheduler's choice). */
  addPending(step: PendingStep): void {
    this.pending.push(step);
  }

  /** Adds an execution that has started (e.g. a trigger an edit fired). */
  addRun(execution: Execution, fn: string, args: unknown[], label: string, onDone?: (run: RunTape) => void): RunTape {
    const run = new RunTape(execution, fn, args, label, this, onDone);
    this.runs.push(run);
    return run;
  }

  private runnable(run: RunTape): boolean {
    if (run.done || run.question) return false;
    if (!run.blocked) return true;
    const holder = this.ctx.lockHolders.get(run.blocked.lock);
    return holder === undefined || holder === run.execution.id || this.ctx.now().getTime() >= run.blocked.deadline;
  }

  private candidates(except?: RunTape): Array<RunTape | PendingStep> {
    return [...this.pending, ...this.runs.filter((r) => r !== except && this.runnable(r))];
  }

  wantsSwitch(run: RunTape): boolean {
    if (this.minSliceMs !== undefined && !run.ranLongEnough(this.minSliceMs)) return false;
    if (this.candidates(run).length === 0) return false;
    return this.random() < this.switchChance;
  }

  /** The run of the execution making the current call, if it is one of this scheduler's. */
  private active(): RunTape | undefined {
    const top = this.ctx.executions[this.ctx.executions.length - 1];
    return this.runs.find((r) => r.execution === top);
  }

  /**
   * A lock call found the lock taken by `holder`. If the caller and the holder
   * are both interleaved executions, the caller waits (suspends) until the lock
   * is free or its timeout passes on the runtime clock, then gets false.
   * Returns undefined when waiting cannot help (the holder is below the caller
   * on this thread), for the caller to fail at once.
   */
  waitForLock(lock: string, timeoutMs: number, holder: number): boolean | undefined {
    const run = this.active();
    if (!run || !this.runs.some((r) => r.execution.id === holder && !r.done)) return undefined;
    const now = this.ctx.now().getTime();
    // the same call retried keeps its deadline; a new wait starts its own
    if (!run.blocked || run.blocked.lock !== lock || run.blocked.at !== run.entries.length)
      run.blocked = { lock, deadline: now + Math.max(0, timeoutMs), at: run.entries.length };
    if (now >= run.blocked.deadline) {
      run.blocked = undefined;
      return false;
    }
    run.suspended = true;
    throw new Suspend('blocked');
  }

  /**
   * Suspends the running execution until a person answers `question` (the
   * local page): the answer is queued with `answer`, and the execution then
   * replays up to the same call and goes on from it.
   */
  askPerson(run: RunTape, question: UiEvent): never {
    run.question = question;
    run.suspended = true;
    throw new Suspend('blocked');
  }

  /** Queues a person's answer for a run that waits on one; it becomes runnable again. */
  answer(run: RunTape, answer: UiAnswer): void {
    if (!run.question) throw new Error('This execution is not waiting for an answer');
    run.execution.answers.push(answer);
    run.question = undefined;
  }

  /** The earliest runtime-clock deadline of a lock wait, if any execution waits for a lock. */
  earliestLockDeadline(): number | undefined {
    const waiting = this.runs.filter((r) => !r.done && r.blocked);
    return waiting.length === 0 ? undefined : Math.min(...waiting.map((r) => r.blocked!.deadline));
  }

  /**
   * One move of the scheduler: starts a pending step or runs one slice ('ran');
   * when every execution waits for a lock and none waits for a person, moves the
   * clock to the earliest lock deadline ('ran'); 'waiting' when only a person's
   * answer (or the real passing of time while a person thinks) can move things
   * on; 'idle' when nothing is left.
   */
  step(): 'ran' | 'waiting' | 'idle' {
    const candidates = this.candidates();
    if (candidates.length === 0) {
      const earliest = this.earliestLockDeadline();
      const asking = this.runs.some((r) => !r.done && r.question);
      if (asking) return 'waiting';
      if (earliest === undefined) return 'idle';
      this.ctx.advance(earliest - this.ctx.now().getTime());
      return 'ran';
    }
    // a switch goes to another execution
    const others = candidates.filter((c) => c !== this.switchedFrom);
    const choices = others.length > 0 ? others : candidates;
    const pick = choices[Math.floor(this.random() * choices.length)];
    this.switchedFrom = undefined;
    if (pick instanceof RunTape) this.slice(pick);
    else {
      this.pending = this.pending.filter((p) => p !== pick);
      this.trace.push(`${pick.label} starts`);
      pick.start();
    }
    return 'ran';
  }

  /** Runs everything to the end. */
  runAll(): void {
    for (;;) {
      const state = this.step();
      if (state === 'idle') return;
      if (state === 'waiting') throw new Error('An interleaved execution waits for a person to answer');
    }
  }

  /** Forgets finished runs (a long-lived scheduler, as the local page's, keeps only what still runs). */
  prune(): void {
    for (let i = this.runs.length - 1; i >= 0; i--) if (this.runs[i].done) this.runs.splice(i, 1);
    if (this.trace.length > 10_000) this.trace.splice(0, this.trace.length - 10_000);
  }

  private slice(run: RunTape): void {
    run.startSlice();
    let value: unknown;
    let error: unknown;
    let threw = false;
    this.ctx.enter(run.execution);
    try {
      value = this.runSlice(run.execution, run.fn, run.args, run);
    } catch (e) {
      threw = true;
      error = e;
    } finally {
      this.ctx.leave(run.execution);
    }
    if (run.suspended || error instanceof Suspend) {
      if (!run.blocked && !run.question) this.switchedFrom = run;
      return;
    }
    if (run.blocked && !threw) run.blocked = undefined;
    run.done = true;
    if (threw) run.error = error instanceof Error ? error : new Error(String(error));
    else run.value = value;
    this.ctx.end(run.execution);
    this.trace.push(`${run.label} ends${threw ? ': ' + (run.error as Error).message : ''}`);
    run.onDone?.(run);
  }
}

/**
 * Runs `trial` with each seed until one throws; returns that seed and its
 * error (undefined when every seed passed). A failing seed replays exactly.
 */
export function exploreSeeds(
  seeds: number | number[],
  trial: (seed: number) => void,
): { seed: number; error: Error } | undefined {
  const list = typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i + 1) : seeds;
  for (const seed of list) {
    try {
      trial(seed);
    } catch (error) {
      return { seed, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
  return undefined;
}

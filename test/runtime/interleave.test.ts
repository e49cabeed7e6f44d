/**
 * Executions at the same time, as on Google: the seeded scheduler switches
 * between them at service calls, LockService really waits, each execution
 * has its own load of the script.
 */
import { exploreSeeds, LOCK_TIMEOUT_MESSAGE, type LocalRuntimeSession } from '../../local/runtime';
import { OWNER, SPECIALIST, sessionFor, workbookWith } from './fixture';

const code = `
var calls = 0;
function nextId() {
  calls++;
  var range = SpreadsheetApp.getActive().getRange('A1');
  var last = Number(range.getValue()) || 0;
  SpreadsheetApp.getActive().getRange('B1').getValue();
  range.setValue(last + 1);
  return last + 1;
}
function nextIdLocked() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(10000);
  try { return nextId(); } finally { lock.releaseLock(); }
}
function holdFor(ms) {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  Utilities.sleep(ms);
  SpreadsheetApp.getActive().getRange('C1').setValue('held');
  lock.releaseLock();
  return 'done';
}
function tryFor(ms) {
  var lock = LockService.getScriptLock();
  SpreadsheetApp.getActive().getRange('D1').getValue();
  return lock.tryLock(ms);
}
function waitFor(ms) {
  var lock = LockService.getScriptLock();
  SpreadsheetApp.getActive().getRange('D1').getValue();
  lock.waitLock(ms);
  return 'got it';
}
function moduleCalls() { SpreadsheetApp.getActive(); return ++calls; }
var declaredOnly;
function leaves() {
  var before = typeof leftBehind === 'undefined' ? 0 : leftBehind;
  if (declaredOnly !== undefined) before += 100;
  declaredOnly = 'set';
  for (var i = 0; i < 5; i++) {
    SpreadsheetApp.getActive().getRange('G1').getValue();
    leftBehind = (typeof leftBehind === 'undefined' ? 0 : leftBehind) + 1;
  }
  return [before, leftBehind, ++calls];
}
function onEdit(e) {
  var log = SpreadsheetApp.getActive().getRange('E1');
  var seen = String(log.getValue() || '');
  SpreadsheetApp.getActive().getRange('F1').getValue();
  log.setValue(seen + e.range.getA1Notation() + ';');
}
`;

const a1 = (s: LocalRuntimeSession, col = 0) => s.workbook.sheets[0].rows[0]?.[col]?.value;

describe('interleaved executions', () => {
  it('can lose an update of an unlocked read-modify-write, and the seed that shows it replays exactly', () => {
    const trial = (seed: number) => {
      const s = sessionFor(code);
      const result = s.interleave(
        [
          { user: OWNER, fn: 'nextId' },
          { user: SPECIALIST, fn: 'nextId' },
        ],
        { seed },
      );
      return { s, result };
    };
    const found = exploreSeeds(50, (seed) => {
      const { s, result } = trial(seed);
      if (a1(s) !== 2) throw new Error(`lost update: ${JSON.stringify(result.outcomes)}`);
    });
    expect(found).toBeDefined();
    const first = trial(found!.seed);
    const again = trial(found!.seed);
    expect(again.result.trace).toEqual(first.result.trace);
    expect(first.result.outcomes).toEqual([{ value: 1 }, { value: 1 }]);
    expect(a1(first.s)).toBe(1);
  });

  it('under the document lock every seed gives two different IDs, the second waiting for the first', () => {
    const failure = exploreSeeds(30, (seed) => {
      const s = sessionFor(code);
      const { outcomes } = s.interleave(
        [
          { user: OWNER, fn: 'nextIdLocked' },
          { user: SPECIALIST, fn: 'nextIdLocked' },
        ],
        { seed },
      );
      const ids = outcomes.map((o) => o.value).sort();
      if (JSON.stringify(ids) !== '[1,2]' || a1(s) !== 2) throw new Error(JSON.stringify(outcomes));
    });
    expect(failure).toBeUndefined();
  });

  it('waitLock waits on the runtime clock until the timeout, then throws Google’s message', () => {
    let timedOut = 0;
    const failure = exploreSeeds(20, (seed) => {
      const s = sessionFor(code);
      const { outcomes, trace } = s.interleave(
        [
          { user: OWNER, fn: 'holdFor', args: [20000] },
          { user: SPECIALIST, fn: 'waitFor', args: [1000] },
        ],
        { seed },
      );
      expect(outcomes[0]).toEqual({ value: 'done' });
      if (outcomes[1].error) {
        timedOut++;
        expect(outcomes[1]).toEqual({ error: LOCK_TIMEOUT_MESSAGE });
        // it gave up while the holder still slept: before the holder wrote and released
        const gaveUp = trace.findIndex((t) => t.includes('waitFor ends'));
        expect(gaveUp).toBeLessThan(trace.findIndex((t) => t.includes('holdFor Range.setValue')));
      } else expect(outcomes[1]).toEqual({ value: 'got it' });
    });
    expect(failure).toBeUndefined();
    expect(timedOut).toBeGreaterThan(0);
  });

  it('a waiting tryLock gets the lock once the holder releases it within the timeout', () => {
    let waited = 0;
    const failure = exploreSeeds(20, (seed) => {
      const s = sessionFor(code);
      const before = s.now().getTime();
      const { outcomes } = s.interleave(
        [
          { user: OWNER, fn: 'holdFor', args: [3000] },
          { user: SPECIALIST, fn: 'tryFor', args: [10000] },
        ],
        { seed },
      );
      expect(outcomes).toEqual([{ value: 'done' }, { value: true }]);
      if (s.now().getTime() - before >= 3000) waited++;
    });
    expect(failure).toBeUndefined();
    expect(waited).toBeGreaterThan(0);
  });

  it('gives every execution its own load of the script: module state does not carry over', () => {
    const s = sessionFor(code);
    expect(s.run('moduleCalls')).toBe(1);
    expect(s.run('moduleCalls')).toBe(1);
    const { outcomes } = s.interleave(
      [
        { user: OWNER, fn: 'moduleCalls' },
        { user: OWNER, fn: 'moduleCalls' },
      ],
      { seed: 7 },
    );
    expect(outcomes).toEqual([{ value: 1 }, { value: 1 }]);
  });

  it('resumes a suspended execution in a fresh run of the script: neither module state nor globals it set carry into the replay', () => {
    const s = sessionFor(code);
    const { outcomes, trace } = s.interleave(
      [
        { user: OWNER, fn: 'leaves' },
        { user: SPECIALIST, fn: 'leaves' },
      ],
      { seed: 3, switchChance: 1 },
    );
    // both were suspended and resumed more than once
    const live = trace.filter((t) => t.endsWith('Range.getValue'));
    const switches = live.filter((t, i) => i > 0 && t.split(' ')[0] !== live[i - 1].split(' ')[0]).length;
    expect(switches).toBeGreaterThan(3);
    // as a thread that simply went on: no leftover global at the start, five increments, one call
    expect(outcomes).toEqual([{ value: [0, 5, 1] }, { value: [0, 5, 1] }]);
  });

  it('runs each person’s edit and its onEdit as their own executions, which can overwrite each other', () => {
    let lost = 0;
    exploreSeeds(30, (seed) => {
      const workbook = workbookWith('Лист1');
      const s = sessionFor(code, workbook);
      s.interleave(
        [
          { user: OWNER, edit: { sheet: 'Лист1', row: 2, column: 1, values: [['x']] } },
          { user: SPECIALIST, edit: { sheet: 'Лист1', row: 3, column: 1, values: [['y']] } },
        ],
        { seed },
      );
      expect(workbook.sheets[0].rows[1]?.[0]?.value).toBe('x');
      expect(workbook.sheets[0].rows[2]?.[0]?.value).toBe('y');
      if (String(a1(s, 4)).split(';').length < 3) lost++;
    });
    expect(lost).toBeGreaterThan(0);
  });
});

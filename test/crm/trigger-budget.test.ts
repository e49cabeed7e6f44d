/**
 * The busiest hour of a 10-person team (600 stage edits, 200 sidebar saves)
 * played whole on the local runtime, as `npm run bench` prints it: what the
 * director's installable triggers use of Google's 90-minute daily budget on a
 * gmail account, counted by the runtime as the budget counts it.
 */
import { busyHour, DAILY_BUDGET_MIN, EDITS_PER_HOUR } from '../../bench/trigger-budget';

describe('the director’s trigger budget in the busiest hour', () => {
  it('one trigger run per edit and one drain, a bounded number of calls each, well inside 90 minutes a day', () => {
    const hour = busyHour(1_000);
    // every edit runs the director's onEdit trigger once; the hourly trigger drains the queue once
    expect(hour.runs).toBe(EDITS_PER_HOUR + 1);
    // the calls per run do not grow with the hour (the queue of saves is written out once, in bulk)
    expect(hour.calls / hour.runs).toBeLessThan(110);
    // the runtime clock of those calls plus the assumed start-up of each run: about a ninth of the day's budget
    expect(hour.minutes).toBeGreaterThan(0);
    expect(hour.minutes / DAILY_BUDGET_MIN).toBeLessThan(0.15);
  });
});

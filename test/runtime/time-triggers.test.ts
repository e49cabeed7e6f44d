/**
 * When a time-driven trigger's turn comes (ClockTriggerBuilder): every n
 * hours from its creation or last run, every n days at its hour and minute in
 * the script's time zone, a one-off once; missed turns run once.
 */
import type { TriggerModel } from '../../local/runtime/model';
import { isDue, nextRunAt } from '../../local/runtime/time-triggers';

const clock = (iso: string) => new Date(iso);
const trigger = (extra: Partial<TriggerModel>): TriggerModel => ({
  id: '1',
  handler: 'h',
  kind: 'clock',
  owner: 'o@example.com',
  createdAt: '2026-02-26T07:20:00.000Z',
  ...extra,
});

describe('time-driven trigger schedule', () => {
  it('every hour: an hour after its creation, then an hour after each run', () => {
    const hourly = trigger({ everyHours: 1 });
    expect(nextRunAt(hourly, clock('2026-02-26T09:00:00Z'))?.toISOString()).toBe('2026-02-26T08:20:00.000Z');
    expect(isDue(hourly, clock('2026-02-26T08:19:59Z'))).toBe(false);
    expect(isDue(hourly, clock('2026-02-26T08:20:00Z'))).toBe(true);
    // missed turns: it runs once, and the next turn counts from that run
    const ran = { ...hourly, lastRunAt: '2026-02-26T13:05:00.000Z' };
    expect(nextRunAt(ran, clock('2026-02-26T13:05:00Z'))?.toISOString()).toBe('2026-02-26T14:05:00.000Z');
  });

  it('every day at 8: at 8:00 in the script’s time zone (Moscow), the next day if 8 has passed', () => {
    const daily = trigger({ everyDays: 1, atHour: 8 });
    // created at 10:20 Moscow
    expect(nextRunAt(daily, clock('2026-02-26T08:00:00Z'))?.toISOString()).toBe('2026-02-27T05:00:00.000Z');
    const ran = { ...daily, lastRunAt: '2026-02-27T05:00:00.000Z' };
    expect(nextRunAt(ran, clock('2026-02-27T05:00:00Z'))?.toISOString()).toBe('2026-02-28T05:00:00.000Z');
    const weekly = { ...daily, everyDays: 7, lastRunAt: '2026-02-27T05:00:00.000Z' };
    expect(nextRunAt(weekly, clock('2026-02-27T05:00:00Z'))?.toISOString()).toBe('2026-03-06T05:00:00.000Z');
  });

  it('a one-off trigger runs at its moment, once', () => {
    const once = trigger({ at: clock('2026-03-01T06:00:00Z') });
    expect(isDue(once, clock('2026-03-01T05:59:00Z'))).toBe(false);
    expect(isDue(once, clock('2026-03-01T06:00:00Z'))).toBe(true);
    expect(
      nextRunAt({ ...once, lastRunAt: '2026-03-01T06:00:00.000Z' }, clock('2026-03-02T00:00:00Z')),
    ).toBeUndefined();
  });

  it('only time-driven triggers are due', () => {
    expect(isDue(trigger({ kind: 'onEdit', everyHours: 1 }), clock('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

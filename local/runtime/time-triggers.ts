/**
 * When a time-driven trigger runs, as ClockTriggerBuilder describes it:
 * `everyHours(n)` every n hours, `everyDays(n)` every n days at `atHour(h)`
 * near `nearMinute(m)` in the script's time zone, `at(date)` once. Google
 * runs within ±15 minutes of nearMinute; the runtime runs at the hour and
 * minute asked for (minute 0 by default). A trigger that missed several turns
 * (the machine was off, the clock jumped) runs once, and its next turn counts
 * from then.
 */
import type { TriggerModel } from './model';

const HOUR = 3_600_000;

/**
 * The next moment `trigger` is due, counted from its last run or, before its
 * first, from its creation (`since` when the file kept neither); undefined
 * when it will not run again (a one-off trigger that has run).
 */
export function nextRunAt(trigger: TriggerModel, since: Date): Date | undefined {
  const last = trigger.lastRunAt ? new Date(trigger.lastRunAt) : undefined;
  const base = last ?? (trigger.createdAt ? new Date(trigger.createdAt) : since);
  if (trigger.at) return last ? undefined : new Date(trigger.at.getTime());
  if (trigger.everyHours !== undefined) {
    const next = new Date(base.getTime() + Math.max(1, trigger.everyHours) * HOUR);
    if (trigger.nearMinute !== undefined) next.setMinutes(trigger.nearMinute, 0, 0);
    return next.getTime() > base.getTime() ? next : new Date(next.getTime() + HOUR);
  }
  if (trigger.everyDays !== undefined) {
    // the script's time zone is the process's (see useScriptTimeZone): local fields are in it
    const next = new Date(base.getTime());
    next.setHours(trigger.atHour ?? base.getHours(), trigger.nearMinute ?? 0, 0, 0);
    if (next.getTime() <= base.getTime()) next.setDate(next.getDate() + 1);
    if (last) next.setDate(next.getDate() + Math.max(1, trigger.everyDays) - 1);
    return next;
  }
  return undefined;
}

/** Whether `trigger` is a time-driven trigger due at `now`. */
export function isDue(trigger: TriggerModel, now: Date): boolean {
  if (trigger.kind !== 'clock') return false;
  const next = nextRunAt(trigger, now);
  return next !== undefined && next.getTime() <= now.getTime();
}

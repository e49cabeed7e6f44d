/**
 * The dates of ongoing contact (2.9) and claims (2.13): days between a due
 * date and today, and a claim's response deadline. The agenda (agenda.ts)
 * builds the overdue, today and this-week lists on them.
 */

/** The default claim response time in days (a setting in «Настройки»). */
export const DEFAULT_CLAIM_DEADLINE_DAYS = 10;

function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** Whole days from `due` to `today` (positive when overdue), by calendar day. */
export function daysBetween(due: Date, today: Date): number {
  return dayNumber(today) - dayNumber(due);
}

/**
 * The response deadline of a claim received on `date`: the same time of day,
 * `deadlineDays` calendar days later (keeping the time keeps the calendar day
 * right even when the script's and the spreadsheet's time zones differ).
 */
export function claimDeadline(date: Date, deadlineDays: number = DEFAULT_CLAIM_DEADLINE_DAYS): Date {
  const deadline = new Date(date.getTime());
  deadline.setDate(deadline.getDate() + deadlineDays);
  return deadline;
}

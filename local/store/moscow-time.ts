/**
 * Excel keeps dates as wall-clock serial numbers with no time zone, while the
 * model keeps instants. A date is written as the wall clock of the workbook's
 * time zone (Europe/Moscow), so «05.03.2026» stays the 5th in Excel and
 * LibreOffice whatever zone the machine runs in.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in milliseconds at the given instant (+3 h for Moscow). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return wall - wholeSeconds;
}

/** An instant as the zone's wall clock expressed as a UTC Date (what exceljs turns into a serial). */
export function instantToWallClock(date: Date, timeZone: string): Date {
  return new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone));
}

/** The inverse of instantToWallClock: a wall-clock UTC Date read from the file back to the instant. */
export function wallClockToInstant(wall: Date, timeZone: string): Date {
  const w = wall.getTime();
  const first = w - zoneOffsetMs(w, timeZone);
  // A second pass settles the offset when the guess crossed a zone change.
  return new Date(w - zoneOffsetMs(first, timeZone));
}

/** Midnight of a calendar day in the zone, as an instant (the day a person sees in a date cell). */
export function zonedDate(year: number, month1: number, day: number, timeZone = 'Europe/Moscow'): Date {
  return wallClockToInstant(new Date(Date.UTC(year, month1 - 1, day)), timeZone);
}

/** The zone's calendar day of an instant. */
export function zonedParts(date: Date, timeZone = 'Europe/Moscow'): { year: number; month: number; day: number } {
  const wall = instantToWallClock(date, timeZone);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * Excel keeps dates as wall-clock serial numbers with no time zone, while the
 * model keeps instants. A date is written as the wall clock of the workbook's
 * time zone (Europe/Moscow), so «05.03.2026» stays the 5th in Excel and
 * LibreOffice whatever zone the machine runs in. The zone arithmetic is the
 * runtime's (local/runtime/time-zone.ts).
 */
import { offsetMinutes, zonedDate as zonedInstant, zonedFields } from '../runtime/time-zone';

/** An instant as the zone's wall clock expressed as a UTC Date (what exceljs turns into a serial). */
export function instantToWallClock(date: Date, timeZone: string): Date {
  return new Date(date.getTime() + offsetMinutes(date, timeZone) * 60_000);
}

/** The inverse of instantToWallClock: a wall-clock UTC Date read from the file back to the instant. */
export function wallClockToInstant(wall: Date, timeZone: string): Date {
  return zonedInstant(
    timeZone,
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
}

/** Midnight of a calendar day in the zone, as an instant (the day a person sees in a date cell). */
export function zonedDate(year: number, month1: number, day: number, timeZone = 'Europe/Moscow'): Date {
  return zonedInstant(timeZone, year, month1, day);
}

/** The zone's calendar day of an instant. */
export function zonedParts(date: Date, timeZone = 'Europe/Moscow'): { year: number; month: number; day: number } {
  const { year, month, day } = zonedFields(date, timeZone);
  return { year, month, day };
}

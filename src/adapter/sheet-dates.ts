/**
 * Dates as the person sees them in this spreadsheet. A date cell holds a day
 * in the spreadsheet's time zone (File → Settings); Apps Script hands it over
 * as that instant, and the script reads its fields (getDate…) in the script's
 * own zone (appsscript.json, Moscow). In a spreadsheet east or west of Moscow
 * that is another day: 01.03.2026 in Yekaterinburg is 28.02 22:00 in Moscow.
 * So what is read from a cell becomes the script-zone date with the same wall
 * clock the person sees, and a day the add-on writes (a script-zone midnight)
 * becomes that day's midnight in the spreadsheet's zone. A moment (the time of
 * a «Журнал» entry) stays the moment it is. Where both zones are the same
 * nothing changes and no call is made beyond reading the two zones once.
 */

/** The converters of this execution's spreadsheets: a zone does not change while a script runs. */
const converters = new WeakMap<GoogleAppsScript.Spreadsheet.Spreadsheet, SheetDates>();

/** Converts dates between the spreadsheet's time zone and the script's, for one spreadsheet. */
export class SheetDates {
  private readonly offsets = new Map<number, number>();

  private constructor(
    private readonly zone: string,
    private readonly same: boolean,
  ) {}

  /** The converter of a spreadsheet: two calls (its zone and the script's) once per execution. */
  static of(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetDates {
    const known = converters.get(ss);
    if (known) return known;
    const zone = ss.getSpreadsheetTimeZone();
    const dates = new SheetDates(zone, !zone || zone === Session.getScriptTimeZone());
    converters.set(ss, dates);
    return dates;
  }

  /** The spreadsheet zone's offset from UTC at `t`, in ms (one formatDate per hour of time met). */
  private offset(t: number): number {
    const hour = Math.floor(t / 3_600_000);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      const z = Utilities.formatDate(new Date(t), this.zone, 'Z'); // «+0500»
      // Stryker disable next-line Regex: formatDate's «Z» is exactly ±hhmm, so the anchors change nothing
      const m = /^([+-])(\d\d)(\d\d)$/.exec(z);
      off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
      this.offsets.set(hour, off);
    }
    return off;
  }

  /** A value read from a cell: a date becomes the script-zone date showing the same wall clock. */
  fromSheet<T>(value: T): T | Date {
    if (this.same || !(value instanceof Date) || Number.isNaN(value.getTime())) return value;
    const wall = new Date(value.getTime() + this.offset(value.getTime()));
    return new Date(
      wall.getUTCFullYear(),
      wall.getUTCMonth(),
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    );
  }

  /** A grid read from cells (one getValues): its dates as the person sees them; the same array where the zones agree. */
  grid(values: unknown[][]): unknown[][] {
    if (this.same) return values;
    return values.map((row) => row.map((v) => this.fromSheet(v)));
  }

  /** A row to write: each day becomes that day in the spreadsheet's zone. */
  row(values: unknown[]): unknown[] {
    if (this.same) return values;
    return values.map((v) => this.toSheet(v));
  }

  /** A value to write: a day (a script-zone midnight) becomes that day's midnight in the spreadsheet's zone. */
  toSheet<T>(value: T): T | Date {
    if (this.same || !(value instanceof Date) || Number.isNaN(value.getTime())) return value;
    if (value.getHours() !== 0 || value.getMinutes() !== 0 || value.getSeconds() !== 0) return value;
    const wall = Date.UTC(value.getFullYear(), value.getMonth(), value.getDate());
    const guess = wall - this.offset(wall);
    return new Date(wall - this.offset(guess));
  }

  /** Today in the spreadsheet's zone, as a script-zone midnight (the day the person sees now). */
  today(now: Date): Date {
    const seen = this.fromSheet(now);
    return new Date(seen.getFullYear(), seen.getMonth(), seen.getDate());
  }
}

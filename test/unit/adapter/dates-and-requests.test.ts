/**
 * A spreadsheet in another time zone than the script's shows a day at its own midnight, and the
 * adapter reads and writes days as people there see them; a sidebar request retried with its ID
 * is answered once.
 */
import { onceForRequest, withRequestLock } from '../../../src/adapter/request-ids';
import { SheetDates } from '../../../src/adapter/sheet-dates';
import { emptyWorkbook } from '../../../local/runtime/model';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

afterEach(uninstallRuntime);

describe('SheetDates', () => {
  it('writes the script’s day (Moscow midnight) as the spreadsheet’s midnight in Yekaterinburg, and reads it back', () => {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.timeZone = 'Asia/Yekaterinburg';
    installRuntime(workbook);
    const dates = SheetDates.of(activeSpreadsheet());
    const day = new Date(2026, 3, 10); // 10 April 00:00 in Moscow = 9 April 21:00 UTC
    const stored = dates.toSheet(day) as Date;
    expect(stored.toISOString()).toBe('2026-04-09T19:00:00.000Z'); // 10 April 00:00 in Yekaterinburg (UTC+5)
    expect((dates.fromSheet(stored) as Date).getTime()).toBe(day.getTime());
    // a time of day is a moment, not a day: it is kept as it is
    const moment = new Date(2026, 3, 10, 15, 30);
    expect(dates.toSheet(moment)).toBe(moment);
    // 23:00 on 9 April in Moscow is already 10 April in Yekaterinburg
    expect(dates.today(new Date('2026-04-09T20:00:00Z')).getTime()).toBe(day.getTime());
    // a moment read from the sheet keeps its wall-clock time there
    expect((dates.fromSheet(new Date('2026-04-10T10:15:00Z')) as Date).getHours()).toBe(15);
    const invalid = new Date(NaN);
    expect(dates.toSheet(invalid)).toBe(invalid);
    expect(dates.fromSheet(invalid)).toBe(invalid);
    expect(dates.fromSheet('10.04.2026')).toBe('10.04.2026');
    expect(dates.toSheet(12)).toBe(12);
  });

  it('changes nothing when the spreadsheet is in the script’s zone', () => {
    installRuntime();
    const dates = SheetDates.of(activeSpreadsheet());
    const day = new Date(2026, 3, 10);
    expect(dates.toSheet(day)).toBe(day);
    expect(dates.fromSheet(day)).toBe(day);
    expect(dates.today(new Date(2026, 3, 10, 23, 59)).getTime()).toBe(day.getTime());
  });
});

describe('SheetDates in zones with other offsets', () => {
  const datesIn = (zone: string) => {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.timeZone = zone;
    const session = installRuntime(workbook);
    return { session, dates: SheetDates.of(activeSpreadsheet()) };
  };
  const iso = (v: unknown) => (v as Date).toISOString();

  it('west of UTC: New York midnight, in winter and after the clocks go forward', () => {
    const { dates } = datesIn('America/New_York');
    expect(iso(dates.toSheet(new Date(2026, 2, 1)))).toBe('2026-03-01T05:00:00.000Z'); // EST, UTC−5
    expect(iso(dates.toSheet(new Date(2026, 2, 9)))).toBe('2026-03-09T04:00:00.000Z'); // EDT, UTC−4
    expect((dates.fromSheet(new Date('2026-03-09T04:00:00Z')) as Date).getTime()).toBe(new Date(2026, 2, 9).getTime());
    // 20:00 on 8 March in New York is 9 March 03:00 in Moscow, but still the 8th there
    expect(dates.today(new Date('2026-03-09T00:00:00Z')).getTime()).toBe(new Date(2026, 2, 8).getTime());
  });

  it('a half-hour zone (Kolkata, UTC+05:30)', () => {
    const { dates } = datesIn('Asia/Kolkata');
    expect(iso(dates.toSheet(new Date(2026, 3, 10)))).toBe('2026-04-09T18:30:00.000Z');
    expect((dates.fromSheet(new Date('2026-04-09T18:30:00Z')) as Date).getTime()).toBe(new Date(2026, 3, 10).getTime());
  });

  it('the midnight of the day Sydney leaves summer time is still summer time (UTC+11)', () => {
    const { dates } = datesIn('Australia/Sydney');
    // clocks go back at 03:00 on 5 April 2026 (16:00 UTC on the 4th): midnight before it is +11
    expect(iso(dates.toSheet(new Date(2026, 3, 5)))).toBe('2026-04-04T13:00:00.000Z');
    expect(iso(dates.toSheet(new Date(2026, 3, 6)))).toBe('2026-04-05T14:00:00.000Z');
  });

  it('keeps every field of a moment’s wall clock, and writes a moment as it is', () => {
    const { dates } = datesIn('Asia/Yekaterinburg');
    const read = dates.fromSheet(new Date('2026-04-10T10:15:42.123Z')) as Date;
    // 15:15:42.123 in Yekaterinburg, the same wall clock in Moscow
    expect(read.getTime()).toBe(new Date(2026, 3, 10, 15, 15, 42, 123).getTime());
    for (const moment of [new Date(2026, 3, 10, 10), new Date(2026, 3, 10, 0, 30), new Date(2026, 3, 10, 0, 0, 30)]) {
      expect(dates.toSheet(moment)).toBe(moment);
    }
  });

  it('converts a whole grid read and a row to write, and asks the zone once per hour of time met', () => {
    const { session, dates } = datesIn('Asia/Yekaterinburg');
    session.resetCalls();
    const grid = dates.grid([
      [new Date('2026-04-09T19:00:00Z'), 'С-00001', 1000],
      [new Date('2026-04-09T19:59:59Z'), '', null],
    ]);
    expect(grid.map((r) => [(r[0] as Date).getTime(), r[1], r[2]])).toEqual([
      [new Date(2026, 3, 10).getTime(), 'С-00001', 1000],
      [new Date(2026, 3, 10, 0, 59, 59).getTime(), '', null],
    ]);
    expect(session.calls()['Utilities.formatDate']).toBe(1);
    const row = dates.row([new Date(2026, 3, 10), 'С-00001', 5]);
    expect([iso(row[0]), row[1], row[2]]).toEqual(['2026-04-09T19:00:00.000Z', 'С-00001', 5]);
    // the converter of a spreadsheet is made once an execution
    expect(SheetDates.of(activeSpreadsheet())).toBe(dates);
    expect(session.calls()['Spreadsheet.getSpreadsheetTimeZone']).toBeUndefined();
  });

  it('in the script’s zone hands back the very grid and row it was given', () => {
    const { dates } = datesIn('Europe/Moscow');
    const grid = [[new Date(2026, 3, 10), 'x']];
    const row = [new Date(2026, 3, 10), 'x'];
    expect(dates.grid(grid)).toBe(grid);
    expect(dates.row(row)).toBe(row);
  });
});

describe('onceForRequest', () => {
  beforeEach(() => installRuntime());

  it('answers a retried request from the first answer, without doing the work again', () => {
    let runs = 0;
    const work = () => ({ saved: ++runs });
    expect(onceForRequest('r-1', work)).toEqual({ saved: 1 });
    expect(onceForRequest('r-1', work)).toEqual({ saved: 1 });
    expect(onceForRequest('r-2', work)).toEqual({ saved: 2 });
    expect(runs).toBe(2);
  });

  it('does the work every time for a request without an ID, and keeps no answer too large for the cache', () => {
    let runs = 0;
    expect(onceForRequest('', () => ++runs)).toBe(1);
    expect(onceForRequest('', () => ++runs)).toBe(2);
    const big = () => ({ text: 'я'.repeat(90_000), run: ++runs });
    expect(onceForRequest('r-big', big).run).toBe(3);
    expect(onceForRequest('r-big', big).run).toBe(4);
    // {"text":"…","run":5} is 90 000 characters exactly: kept
    const fits = () => ({ text: 'я'.repeat(89_981), run: ++runs });
    expect(onceForRequest('r-fits', fits).run).toBe(5);
    expect(onceForRequest('r-fits', fits).run).toBe(5);
    expect(onceForRequest('r-null', () => undefined)).toBeUndefined();
    expect(onceForRequest('r-null', () => 7)).toBeNull();
  });

  it('keeps an answer six hours, the most CacheService keeps', () => {
    const session = installRuntime();
    let runs = 0;
    const work = () => ++runs;
    expect(onceForRequest('r-6h', work)).toBe(1);
    expect(CacheService.getDocumentCache()!.get('crm.request.r-6h')).toBe('1');
    session.advanceClock(6 * 60 * 60 * 1000 - 1000);
    expect(onceForRequest('r-6h', work)).toBe(1);
    session.advanceClock(2000);
    expect(onceForRequest('r-6h', work)).toBe(2);
  });

  it('runs the request under the document lock', () => {
    expect(withRequestLock('r-3', () => LockService.getDocumentLock().hasLock())).toBe(true);
    expect(withRequestLock('r-3', () => false)).toBe(true);
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });
});

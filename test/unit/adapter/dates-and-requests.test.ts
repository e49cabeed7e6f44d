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

  it('runs the request under the document lock', () => {
    expect(withRequestLock('r-3', () => LockService.getDocumentLock().hasLock())).toBe(true);
    expect(withRequestLock('r-3', () => false)).toBe(true);
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });
});

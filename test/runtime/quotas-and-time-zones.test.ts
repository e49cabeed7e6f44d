/**
 * Google's limits with Google's messages, and a spreadsheet whose time zone is
 * not the script's.
 */
import { PROPERTY_STORAGE_QUOTA_MESSAGE, PROPERTY_VALUE_TOO_LARGE_MESSAGE } from '../../local/runtime/script-services';
import { sessionFor, workbookWith } from './fixture';

const code = `
function put(key, size) { PropertiesService.getDocumentProperties().setProperty(key, new Array(size + 1).join('я')); }
function putAll(count, size) {
  var props = PropertiesService.getScriptProperties();
  for (var i = 0; i < count; i++) props.setProperty('k' + i, new Array(size + 1).join('x'));
}
function readDate() {
  var ss = SpreadsheetApp.getActive();
  var d = ss.getRange('A1').getValue();
  return {
    own: Utilities.formatDate(d, ss.getSpreadsheetTimeZone(), 'dd.MM.yyyy HH:mm'),
    inScriptZone: Utilities.formatDate(d, Session.getScriptTimeZone(), 'dd.MM.yyyy HH:mm'),
    getDate: d.getDate(),
    sheetZone: ss.getSpreadsheetTimeZone(),
    scriptZone: Session.getScriptTimeZone(),
  };
}
/** @customfunction */
function DAY_OF(d) { return Utilities.formatDate(d, SpreadsheetApp.getActive().getSpreadsheetTimeZone(), 'dd.MM'); }
`;

describe('PropertiesService quotas', () => {
  it('a value over 9 KB (with its key) throws as on Google and is not stored', () => {
    const s = sessionFor(code);
    // 'я' is two bytes in UTF-8: 4 606 of them with a 4-byte key are 9 216 bytes, one more is over
    expect(() => s.run('put', ['long', 4606])).not.toThrow();
    expect(() => s.run('put', ['long', 4607])).toThrow(PROPERTY_VALUE_TOO_LARGE_MESSAGE);
    expect(s.workbook.documentProperties.long).toHaveLength(4606);
  });

  it('a store over 500 KB throws the storage quota message', () => {
    const s = sessionFor(code);
    expect(() => s.run('putAll', [60, 9000])).toThrow(PROPERTY_STORAGE_QUOTA_MESSAGE);
  });
});

describe.each(['Asia/Yekaterinburg', 'Europe/Kaliningrad'])('a spreadsheet in %s, the script in Moscow', (zone) => {
  it('a typed date is midnight of its own day in the spreadsheet zone', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook, { spreadsheetTimeZone: zone });
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['15.03.2026']] });
    const seen = s.run('readDate') as Record<string, unknown>;
    expect(seen).toMatchObject({ own: '15.03.2026 00:00', sheetZone: zone, scriptZone: 'Europe/Moscow' });
    // the documented pitfall: read in the script's zone, Yekaterinburg's midnight is the day before in Moscow
    expect(seen.inScriptZone).toBe(zone === 'Asia/Yekaterinburg' ? '14.03.2026 22:00' : '15.03.2026 01:00');
    expect(seen.getDate).toBe(zone === 'Asia/Yekaterinburg' ? 14 : 15);
  });

  it('a custom function gets the same instant as its argument', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook, { spreadsheetTimeZone: zone });
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['15.03.2026']] });
    s.edit({ sheet: 'Лист1', row: 1, column: 2, values: [['=DAY_OF(A1)']] });
    expect(workbook.sheets[0].rows[0]?.[1]?.value).toBe('15.03');
  });
});

const MORNING = { now: () => new Date(Date.UTC(2026, 2, 16, 6, 0)) };

const limits = `
function mailTwo() { MailApp.sendEmail('a@example.com, b@example.com', 'Тема', 'Текст'); return MailApp.getRemainingDailyQuota(); }
function install() { ScriptApp.newTrigger('nightly').timeBased().everyDays(1).create(); }
function nightly() { Utilities.sleep(300000); }
function sleepy(ms) { Utilities.sleep(ms); SpreadsheetApp.getActive().getRange('A1').setValue('дошли'); }
function onEdit(e) { if (e.range.getA1Notation() === 'Z1') { Utilities.sleep(31000); e.range.offset(0, -1).setValue('дошли'); } }
function reads(n) { var r = SpreadsheetApp.getActive().getRange('A1'); for (var i = 0; i < n; i++) r.getValue(); }
function grow(rows) { SpreadsheetApp.getActive().getSheets()[0].insertRowsAfter(1, rows); }
function manyTriggers(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('nightly').timeBased().everyDays(1).create(); }
`;

describe('Google’s other limits', () => {
  it('MailApp: 100 recipients a day on gmail, 1 500 on Workspace; the next day starts afresh', () => {
    const s = sessionFor(limits, workbookWith('Лист1'), MORNING);
    for (let i = 1; i <= 50; i++) expect(s.run('mailTwo')).toBe(100 - 2 * i);
    expect(() => s.run('mailTwo')).toThrow('Service invoked too many times for one day: email.');
    s.advanceClock(24 * 3600_000);
    expect(s.run('mailTwo')).toBe(98);
    expect(sessionFor(limits, workbookWith('Лист1'), { accounts: 'workspace' }).run('mailTwo')).toBe(1498);
  });

  it('a simple trigger stops after 30 s, a menu item after 6 min', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(limits, workbook);
    s.edit({ sheet: 'Лист1', row: 1, column: 26, values: [['x']] });
    expect(s.logs()).toContain('onEdit: Exceeded maximum execution time');
    expect(workbook.sheets[0].rows[0]?.[24]).toBeUndefined();
    expect(() => s.run('sleepy', [300000])).not.toThrow();
    const twice = sessionFor(limits.replace('Utilities.sleep(ms);', 'Utilities.sleep(ms); Utilities.sleep(ms);'));
    expect(() => twice.run('sleepy', [200000])).toThrow('Exceeded maximum execution time');
  });

  it('installable triggers of one owner run at most 90 minutes a day on gmail', () => {
    const s = sessionFor(limits, workbookWith('Лист1'), MORNING);
    s.run('install');
    let ran = 0;
    for (let i = 0; i < 20; i++) ran += s.fireTimeTriggers().length;
    expect(ran).toBe(18); // 18 runs of 5 minutes
    expect(s.logs()).toContain('nightly: Service using too much computer time for one day');
    // what the budget counts: the runs, their calls and their time (the session's own calls are not the trigger's)
    const used = s.triggerUsage(s.workbook.owner);
    expect(used.runs).toBe(18);
    expect(used.calls).toBe(18);
    expect(used.ms).toBe(18 * (300_000 + 1));
  });

  it('20 triggers per user per script', () => {
    const s = sessionFor(limits);
    expect(() => s.run('manyTriggers', [20])).not.toThrow();
    expect(() => s.run('manyTriggers', [1])).toThrow(/too many triggers/);
  });

  it('10 million cells per spreadsheet', () => {
    const workbook = workbookWith('Лист1');
    workbook.sheets[0].maxColumns = 9990; // 1 000 rows: 9 990 000 cells
    const s = sessionFor(limits, workbook);
    expect(() => s.run('grow', [1])).not.toThrow();
    expect(() => s.run('grow', [1])).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });

  it('the runtime clock says how long a script would take on Google', () => {
    const s = sessionFor(limits);
    const before = s.now().getTime();
    s.run('reads', [1000]);
    const elapsed = s.now().getTime() - before;
    expect(elapsed).toBeGreaterThanOrEqual(7000);
    expect(elapsed).toBeLessThan(8000);
  });
});

describe('CacheService limits', () => {
  const cache = `
function putKey(n) { CacheService.getScriptCache().put(new Array(n + 1).join('k'), '1'); }
function putValue(kb) { CacheService.getScriptCache().put('v', new Array(kb * 1024 + 1).join('x')); }
function putFor(s) { CacheService.getScriptCache().put('t', '1', s); }
function get(k) { return CacheService.getScriptCache().get(k); }
`;
  it('a key of at most 250 characters, a value of at most 100 KB, kept at most 6 hours', () => {
    const s = sessionFor(cache, workbookWith('Лист1'), MORNING);
    expect(() => s.run('putKey', [250])).not.toThrow();
    expect(() => s.run('putKey', [251])).toThrow('Argument too large: key');
    expect(() => s.run('putValue', [100])).not.toThrow();
    expect(() => s.run('putValue', [101])).toThrow('Argument too large: value');
    s.run('putFor', [99999]);
    s.advanceClock(21600_000 - 1000);
    expect(s.run('get', ['t'])).toBe('1');
    s.advanceClock(2000);
    expect(s.run('get', ['t'])).toBeNull();
  });
});

import { LOCK_TIMEOUT_MESSAGE, PERSON_PROTECTED_MESSAGE, SCRIPT_PROTECTED_MESSAGE } from '../../local/runtime';
import { OWNER, SPECIALIST, sessionFor } from './fixture';

const code = `
// every execution loads the script afresh, so what one execution saw is kept in script properties
function remember(key, item) {
  var p = PropertiesService.getScriptProperties();
  var list = JSON.parse(p.getProperty(key) || '[]');
  list.push(item);
  p.setProperty(key, JSON.stringify(list));
}
function recall(key) {
  var p = PropertiesService.getScriptProperties();
  var list = JSON.parse(p.getProperty(key) || '[]');
  p.deleteProperty(key);
  return list;
}
function onEdit(e) {
  remember('edits', { a1: e.range.getA1Notation(), hasValue: 'value' in e, value: e.value, hasOld: 'oldValue' in e, oldValue: e.oldValue,
    user: e.user.getEmail(), authMode: String(e.authMode), source: e.source.getName() });
}
function takeEdits() { return recall('edits'); }
function scriptWrite() { SpreadsheetApp.getActive().getRange('A1').setValue(7); }
function page(name) { var t = HtmlService.createTemplate('<p><?= name ?></p><div><?!= name ?></div><? for (var i = 0; i < 2; i++) { ?>*<? } ?>'); t.name = name; return t.evaluate().getContent(); }
function nextId() {
  var range = SpreadsheetApp.getActive().getRange('A1');
  var last = Number(range.getValue()) || 0;
  range.setValue(last + 1);
  return last + 1;
}
function nextIdLocked() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(10000);
  try { return nextId(); } finally { lock.releaseLock(); }
}
function tryIt() { return LockService.getScriptLock().tryLock(500); }
function holdAndTry() { var l = LockService.getScriptLock(); l.waitLock(1000); return [l.hasLock(), tryIt()]; }
function props() {
  PropertiesService.getUserProperties().setProperty('k', Session.getActiveUser().getEmail());
  PropertiesService.getDocumentProperties().setProperty('doc', 'v');
  return PropertiesService.getUserProperties().getProperty('k');
}
function cachePut() { CacheService.getScriptCache().put('x', '1', 60); }
function cacheGet() { return CacheService.getScriptCache().get('x'); }
function protectB() { var p = SpreadsheetApp.getActive().getRange('B1:B5').protect(); p.removeEditors(p.getEditors()); p.setDescription('Итоги'); }
function writeB() { SpreadsheetApp.getActive().getRange('B2').setValue(1); }
function rowsShift() {
  var sh = SpreadsheetApp.getActive().getSheets()[0];
  sh.getRange('A1:A3').setValues([[1], [2], [3]]);
  sh.getRange('B3').setFormula('=SUM(A1:A3)');
  sh.insertRowsAfter(1, 2);
  var afterInsert = [sh.getRange('A4').getValue(), sh.getRange('B5').getFormula(), sh.getRange('B5').getValue()];
  sh.deleteRow(1);
  return afterInsert.concat([sh.getRange('A1:A4').getValues().map(function (r) { return r[0]; }), sh.getRange('B4').getFormula()]);
}
function counted() { var sh = SpreadsheetApp.getActive().getSheetByName('Лист1'); sh.getRange('A1:C3').getValues(); sh.getRange('A1').setValue(1); }
function ask() { var ui = SpreadsheetApp.getUi(); var b = ui.alert('Удалить?', 'Точно?', ui.ButtonSet.YES_NO); var p = ui.prompt('Имя'); return [b == ui.Button.YES, String(p.getSelectedButton()), p.getResponseText()]; }
function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Панель')); }
function schedule() { ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(8).create(); return ScriptApp.getProjectTriggers().length; }
function daily(e) { remember('daily', e.triggerUid); return e.triggerUid; }
function runs() { return recall('daily').length; }
function today() { return Utilities.formatDate(new Date(), 'Europe/Moscow', "dd.MM.yyyy HH:mm 'МСК'"); }
`;

describe('onEdit', () => {
  it('fires for a person’s single-cell edit with value and oldValue', () => {
    const s = sessionFor(code);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['5']] });
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['6']] });
    const [first, second] = s.run('takeEdits') as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      a1: 'A1',
      hasValue: true,
      value: '5',
      hasOld: false,
      user: OWNER,
      authMode: 'LIMITED',
      source: 'Тест',
    });
    expect(second).toMatchObject({ value: '6', hasOld: true, oldValue: '5' });
  });

  it('gives only the range for a multi-cell paste', () => {
    const s = sessionFor(code);
    s.edit({
      sheet: 'Лист1',
      row: 2,
      column: 1,
      values: [
        ['1', '2'],
        ['3', '4'],
      ],
    });
    expect(s.run('takeEdits')).toEqual([expect.objectContaining({ a1: 'A2:B3', hasValue: false, hasOld: false })]);
  });

  it('never fires for writes made by scripts', () => {
    const s = sessionFor(code);
    s.run('scriptWrite');
    expect(s.run('takeEdits')).toEqual([]);
  });
});

describe('HtmlService', () => {
  it('<?= ?> escapes, <?!= ?> prints raw, <? ?> runs code', () => {
    const s = sessionFor(code);
    expect(s.run('page', ['<b>&</b>'])).toBe('<p>&lt;b&gt;&amp;&lt;/b&gt;</p><div><b>&</b></div>**');
  });

  it('shows a sidebar from a page file and records it', () => {
    const s = sessionFor(code, undefined, { pages: { Sidebar: '<h1>Клиенты</h1>' } });
    s.run('sidebar');
    expect(s.takeUiEvents()).toEqual([{ type: 'sidebar', title: 'Панель', html: '<h1>Клиенты</h1>', width: 300 }]);
  });

  it('alert and prompt take queued answers; none queued gives OK and CANCEL', () => {
    const s = sessionFor(code);
    expect(s.run('ask', [], [{ button: 'YES' }, { button: 'OK', text: 'Иван' }])).toEqual([true, 'OK', 'Иван']);
    expect(s.run('ask')).toEqual([false, 'CANCEL', '']);
  });
});

describe('LockService', () => {
  it('without the lock two overlapping executions collide; with it they are excluded', () => {
    const s = sessionFor(code);
    let nested: unknown;
    const stop = s.onServiceCall((call) => {
      if (call === 'Range.setValue' && nested === undefined) nested = s.run('nextId');
    });
    const first = s.run('nextId');
    stop();
    expect([first, nested]).toEqual([1, 1]); // both read 0 before either wrote: a duplicate id

    const locked = sessionFor(code);
    let failure: string | undefined;
    const stop2 = locked.onServiceCall((call) => {
      if (call === 'Range.setValue' && failure === undefined) {
        try {
          locked.run('nextIdLocked');
          failure = 'no error';
        } catch (error) {
          failure = (error as Error).message;
        }
      }
    });
    const before = locked.now().getTime();
    expect(locked.run('nextIdLocked')).toBe(1);
    stop2();
    expect(failure).toBe(LOCK_TIMEOUT_MESSAGE);
    expect(locked.now().getTime() - before).toBeGreaterThanOrEqual(10000); // the wait ran on the session clock
    expect(locked.run('nextIdLocked')).toBe(2); // the lock was released
  });

  it('an execution that takes the lock first lets the later one see its write', () => {
    const s = sessionFor(code);
    let nested: unknown;
    const stop = s.onServiceCall((call) => {
      if (call === 'LockService.getDocumentLock' && nested === undefined) nested = s.run('nextIdLocked');
    });
    const first = s.run('nextIdLocked');
    stop();
    expect([nested, first]).toEqual([1, 2]);
  });

  it('tryLock returns false while another execution holds the lock, and hasLock tells who holds it', () => {
    const s = sessionFor(code);
    let inner: unknown;
    const stop = s.onServiceCall((call) => {
      if (call === 'Lock.hasLock') inner = s.run('tryIt');
    });
    expect(s.run('holdAndTry')).toEqual([true, true]);
    stop();
    expect(inner).toBe(false);
  });
});

describe('properties and cache', () => {
  it('user properties are per user, document properties live in the workbook', () => {
    const s = sessionFor(code);
    expect(s.run('props')).toBe(OWNER);
    s.setUser(SPECIALIST);
    expect(s.run('props')).toBe(SPECIALIST);
    expect(s.workbook.documentProperties).toEqual({ doc: 'v' });
  });

  it('cache entries expire on the session clock', () => {
    const s = sessionFor(code);
    s.run('cachePut');
    expect(s.run('cacheGet')).toBe('1');
    s.advanceClock(61000);
    expect(s.run('cacheGet')).toBeNull();
  });
});

describe('protection', () => {
  it('refuses script writes and a person’s edits by a non-editor; the owner can always edit', () => {
    const s = sessionFor(code);
    s.run('protectB');
    s.setUser(SPECIALIST);
    expect(() => s.run('writeB')).toThrow(SCRIPT_PROTECTED_MESSAGE);
    expect(() => s.edit({ sheet: 'Лист1', row: 2, column: 2, values: [['5']] })).toThrow(PERSON_PROTECTED_MESSAGE);
    expect(s.workbook.sheets[0].rows[1]?.[1]).toBeUndefined();
    expect(s.run('takeEdits')).toEqual([]); // a refused edit fires no onEdit
    s.setUser(OWNER);
    s.run('writeB');
    expect(s.workbook.sheets[0].rows[1]?.[1]?.value).toBe(1);
  });
});

describe('rows and columns', () => {
  it('inserting and deleting rows shifts data and formulas', () => {
    const s = sessionFor(code);
    expect(s.run('rowsShift')).toEqual([2, '=SUM(A1:A5)', 6, ['', '', 2, 3], '=SUM(A1:A4)']);
  });
});

describe('call counting, triggers and utilities', () => {
  it('counts every service call per class and method', () => {
    const s = sessionFor(code);
    s.resetCalls();
    s.run('counted');
    expect(s.calls()).toEqual({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValue': 1,
    });
  });

  it('creates time-driven triggers and fires them on request', () => {
    const s = sessionFor(code);
    expect(s.run('schedule')).toBe(1);
    expect(s.triggers()[0]).toMatchObject({ handler: 'daily', kind: 'clock', everyDays: 1, atHour: 8 });
    expect(s.fireTimeTriggers()).toEqual([{ handler: 'daily' }]);
    expect(s.run('runs')).toBe(1);
  });

  it('formats dates with Java patterns in a time zone on the session clock', () => {
    const s = sessionFor(code, undefined, { now: () => new Date(Date.UTC(2026, 2, 15, 21, 30)) });
    expect(s.run('today')).toBe('16.03.2026 00:30 МСК');
  });
});

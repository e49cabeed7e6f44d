/**
 * Who a script may see, and what it may call, as Google runs it: consumer
 * (gmail) accounts hide other people's e-mails from triggers and custom
 * functions; simple triggers run in AuthMode.LIMITED and custom functions in
 * CUSTOM_FUNCTION, where services that need authorization throw.
 */
import { OWNER, SPECIALIST, sessionFor, workbookWith } from './fixture';

const code = `
function remember(key, item) {
  var p = PropertiesService.getScriptProperties();
  var list = JSON.parse(p.getProperty(key) || '[]');
  list.push(item);
  p.setProperty(key, JSON.stringify(list));
}
function recall(key) { return JSON.parse(PropertiesService.getScriptProperties().getProperty(key) || '[]'); }
function onEdit(e) {
  remember('simple', { event: e.user.getEmail(), active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(), mode: String(e.authMode) });
}
function installed(e) {
  remember('installed', { event: e.user.getEmail(), active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(), mode: String(e.authMode) });
}
function install() { ScriptApp.newTrigger('installed').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function whoAmI() { return Session.getActiveUser().getEmail(); }
/** @customfunction */
function WHO() { return Session.getActiveUser().getEmail() || '(пусто)'; }
/** @customfunction */
function WRITE() { SpreadsheetApp.getActive().getRange('C1').setValue(1); return 'записано'; }
/** @customfunction */
function FETCH_OK() { return typeof UrlFetchApp.fetch; }
/** @customfunction */
function SEND() { MailApp.sendEmail('a@b.c', 's', 'b'); return 'отправлено'; }
function mailOnEdit() { MailApp.sendEmail('a@b.c', 's', 'b'); }
function triggersOnEdit() { ScriptApp.getProjectTriggers(); }
function openOther() { SpreadsheetApp.openById('other'); }
function docOnEdit() { DocumentApp.create('x'); }
function sidebarOnEdit() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>x</p>')); }
`;

const editA1 = (s: ReturnType<typeof sessionFor>, user: string, value: string) => {
  s.setUser(user);
  s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [[value]] });
};

describe('consumer accounts (the default)', () => {
  it('a simple trigger sees a blank e-mail for an editor other than the owner', () => {
    const s = sessionFor(code);
    editA1(s, SPECIALIST, '1');
    editA1(s, OWNER, '2');
    const [specialist, owner] = s.run('recall', ['simple']) as Array<Record<string, string>>;
    expect(specialist).toEqual({ event: '', active: '', effective: '', mode: 'LIMITED' });
    expect(owner).toEqual({ event: OWNER, active: OWNER, effective: OWNER, mode: 'LIMITED' });
  });

  it("an installable trigger's e.user is blank for another consumer user; it runs as its owner", () => {
    const s = sessionFor(code);
    s.run('install');
    editA1(s, SPECIALIST, '1');
    const [seen] = s.run('recall', ['installed']) as Array<Record<string, string>>;
    expect(seen).toEqual({ event: '', active: '', effective: OWNER, mode: 'FULL' });
  });

  it('a menu item or sidebar call knows the person who authorised the script', () => {
    const s = sessionFor(code);
    s.setUser(SPECIALIST);
    expect(s.run('whoAmI')).toBe(SPECIALIST);
  });

  it('a custom function sees a blank e-mail for anyone but the owner', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook, { user: SPECIALIST });
    s.edit({ sheet: 'Лист1', row: 1, column: 2, values: [['=WHO()']] });
    expect(workbook.sheets[0].rows[0]?.[1]?.value).toBe('(пусто)');
    s.setUser(OWNER);
    s.edit({ sheet: 'Лист1', row: 2, column: 2, values: [['=WHO()']] });
    expect(workbook.sheets[0].rows[1]?.[1]?.value).toBe(OWNER);
  });
});

describe('one Workspace domain', () => {
  it('triggers see the e-mail of an editor of the same domain', () => {
    const s = sessionFor(code, workbookWith('Лист1'), { accounts: 'workspace' });
    s.run('install');
    editA1(s, SPECIALIST, '1');
    expect(s.run('recall', ['simple'])).toEqual([
      { event: SPECIALIST, active: SPECIALIST, effective: SPECIALIST, mode: 'LIMITED' },
    ]);
    expect(s.run('recall', ['installed'])).toEqual([
      { event: SPECIALIST, active: SPECIALIST, effective: OWNER, mode: 'FULL' },
    ]);
  });

  it('but not of someone outside the domain', () => {
    const workbook = workbookWith('Лист1');
    workbook.editors.push('friend@gmail.com');
    const s = sessionFor(code, workbook, { accounts: 'workspace' });
    editA1(s, 'friend@gmail.com', '1');
    expect(s.run('recall', ['simple'])).toEqual([{ event: '', active: '', effective: '', mode: 'LIMITED' }]);
  });
});

describe('AuthMode.LIMITED in simple triggers', () => {
  it.each([
    ['mailOnEdit', 'MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'],
    ['triggersOnEdit', 'ScriptApp.getProjectTriggers', 'https://www.googleapis.com/auth/script.scriptapp'],
    ['openOther', 'SpreadsheetApp.openById', 'https://www.googleapis.com/auth/spreadsheets'],
    ['sidebarOnEdit', 'Ui.showSidebar', 'https://www.googleapis.com/auth/script.container.ui'],
    ['docOnEdit', 'DocumentApp.create', 'https://www.googleapis.com/auth/documents'],
  ])('%s throws "You do not have permission to call %s"', (fn, call, scope) => {
    const s = sessionFor(code.replace('function onEdit(e) {', `function onEdit(e) { ${fn}();`));
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['1']] });
    expect(s.logs()).toContain(`onEdit: You do not have permission to call ${call}. Required permissions: ${scope}`);
    // the same function run from a menu item is authorised
    if (fn === 'mailOnEdit') expect(() => s.run(fn)).not.toThrow();
  });
});

describe('AuthMode.CUSTOM_FUNCTION', () => {
  const cellAfter = (formula: string) => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(code, workbook);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [[formula]] });
    return { cell: workbook.sheets[0].rows[0]?.[0], s, workbook };
  };

  it('cannot write to the spreadsheet', () => {
    const { cell, workbook } = cellAfter('=WRITE()');
    expect(cell?.value).toBe('#ERROR!');
    expect(cell?.error).toBe('You do not have permission to call Range.setValue');
    expect(workbook.sheets[0].rows[0]?.[2]).toBeUndefined();
  });

  it('cannot send mail, but may fetch a URL', () => {
    expect(cellAfter('=SEND()').cell?.error).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(cellAfter('=FETCH_OK()').cell?.value).toBe('function');
  });
});

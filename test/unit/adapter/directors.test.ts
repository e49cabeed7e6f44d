/**
 * Who the director is and how the director-only tabs are protected, over the runtime's services:
 * the owner always; the «E-mail директора» list only while «Настройки» is protected so that nobody
 * else may edit it; an unknown user never.
 */
import { protectForDirectors } from '../../../src/adapter/protection';
import { userMayWrite } from '../../../src/adapter/sheet-access';
import { currentUserEmail, directorEmails, isDirectorEmail, ownerEmail } from '../../../src/adapter/user';
import { emptyWorkbook } from '../../../local/runtime/model';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const DEPUTY = 'deputy@proekt-a.ru';
const IVANOV = 'ivanov@proekt-a.ru';
let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;

beforeEach(() => {
  const workbook = emptyWorkbook('Клиентская база', OWNER);
  workbook.editors = [DEPUTY, IVANOV];
  session = installRuntime(workbook);
  ss = activeSpreadsheet();
  ss.insertSheet('Настройки');
});
afterEach(uninstallRuntime);

const settingsSheet = () => ss.getSheetByName('Настройки')!;
const editorsOf = (sheet: GoogleAppsScript.Spreadsheet.Sheet) =>
  sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((p) =>
    p
      .getEditors()
      .map((u) => u.getEmail())
      .sort(),
  );

describe('the current user and the owner', () => {
  it('are lower-case e-mails without spaces', () => {
    session.setUser('Ivanov@Proekt-A.ru');
    expect(currentUserEmail()).toBe(IVANOV);
    expect(ownerEmail(ss)).toBe(OWNER);
  });

  it('an unknown user is never the director', () => {
    expect(isDirectorEmail(ss, DEPUTY, '')).toBe(false);
    expect(isDirectorEmail(ss, '', '  DIRECTOR@proekt-a.ru ')).toBe(true);
    expect(isDirectorEmail(ss, '', IVANOV)).toBe(false);
  });
});

describe('the director list of «Настройки»', () => {
  it('counts nobody but the owner while «Настройки» is not protected', () => {
    expect(directorEmails(ss, `${DEPUTY}; ${IVANOV}`)).toEqual([OWNER]);
    expect(isDirectorEmail(ss, DEPUTY, DEPUTY)).toBe(false);
  });

  it('counts once «Настройки» is protected for the owner and the listed directors only', () => {
    expect(protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY])).toBe(true);
    expect(editorsOf(settingsSheet())).toEqual([[DEPUTY, OWNER].sort()]);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER, DEPUTY]);
    expect(isDirectorEmail(ss, DEPUTY, 'Deputy@proekt-a.ru')).toBe(true);
    // listed but not trusted by the protection: an editor of «Настройки» outside the list voids it
    expect(isDirectorEmail(ss, DEPUTY, IVANOV)).toBe(false);
    expect(directorEmails(ss, '')).toEqual([OWNER]);
  });

  it('counts nobody but the owner when someone outside the list may edit «Настройки»', () => {
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    settingsSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].addEditor(IVANOV);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER]);
    expect(isDirectorEmail(ss, DEPUTY, DEPUTY)).toBe(false);
    // listing him too makes the list trusted again
    expect(directorEmails(ss, `${DEPUTY}, ${IVANOV}`)).toEqual([OWNER, DEPUTY, IVANOV]);
  });

  it('counts nobody but the owner when the protection only warns', () => {
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    settingsSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].setWarningOnly(true);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER]);
  });
});

describe('protectForDirectors', () => {
  it('leaves the directors as the only editors, one protection, not a warning, and says whether it was new', () => {
    const sheet = ss.insertSheet('Журнал');
    const first = sheet.protect();
    first.setWarningOnly(true);
    first.addEditors([IVANOV, DEPUTY]);
    // Sheets keeps one protection of the whole tab: protecting it again gives the same one
    sheet.protect().addEditors([IVANOV]);
    expect(protectForDirectors(sheet, 'Журнал: только директор', [OWNER, 'Deputy@Proekt-A.ru', ''])).toBe(false);
    const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protections).toHaveLength(1);
    expect(protections[0].getDescription()).toBe('Журнал: только директор');
    expect(protections[0].isWarningOnly()).toBe(false);
    expect(editorsOf(sheet)).toEqual([[DEPUTY, OWNER].sort()]);
    expect(protectForDirectors(sheet, 'Журнал: только директор', [OWNER])).toBe(false);
    expect(editorsOf(sheet)).toEqual([[OWNER]]);
  });

  it('keeps a specialist from writing the tab, and lets the director', () => {
    const sheet = ss.insertSheet('Журнал');
    expect(userMayWrite(sheet)).toBe(true);
    protectForDirectors(sheet, 'Журнал', [OWNER]);
    expect(userMayWrite(sheet)).toBe(true);
    session.setUser(IVANOV);
    expect(userMayWrite(sheet)).toBe(false);
  });
});

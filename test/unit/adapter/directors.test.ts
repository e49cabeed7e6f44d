/**
 * Who the director is and how the director-only tabs are protected, over the runtime's services:
 * the owner always; the «E-mail директора» list only while «Настройки» is protected so that nobody
 * else may edit it; an unknown user never.
 */
import { protectedAgainstMe, protectForDirectors } from '../../../src/adapter/protection';
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
  it('names the tabs whose sheet or range protection the current user may not change, skipping missing tabs', () => {
    const log = ss.insertSheet('Журнал');
    const plans = ss.insertSheet('Планы');
    ss.insertSheet('Клиенты');
    protectForDirectors(log, 'Журнал', [OWNER]);
    // a new protection starts with every editor of the file, as Sheets makes it
    plans.getRange('A1:B2').protect().removeEditors([IVANOV]);
    const names = ['Журнал', 'Планы', 'Клиенты', 'Нет такого'];
    expect(protectedAgainstMe(ss, names)).toEqual([]);
    session.setUser(DEPUTY);
    expect(protectedAgainstMe(ss, names)).toEqual(['Журнал']);
    session.setUser(IVANOV);
    expect(protectedAgainstMe(ss, names)).toEqual(['Журнал', 'Планы']);
  });
});

/** The spreadsheet as Google gives it for a file with another owner answer (a shared drive's file has none). */
const withOwner = (owner: () => GoogleAppsScript.Base.User | null) =>
  new Proxy(ss, {
    get: (target, key) => (key === 'getOwner' ? owner : Reflect.get(target, key)),
  });
const NOT_AUTHORISED = 'You do not have permission to perform that action';

describe('who is asking, when Google does not say', () => {
  it('trims and lower-cases the e-mails Google gives', () => {
    session.setUser('  Ivanov@Proekt-A.ru ');
    expect(currentUserEmail()).toBe(IVANOV);
    const owned = withOwner(() => ({ getEmail: () => ' Director@Proekt-A.ru ' }) as GoogleAppsScript.Base.User);
    expect(ownerEmail(owned)).toBe(OWNER);
  });

  it('is nobody where Session or the owner cannot be asked', () => {
    const real = Session;
    (globalThis as Record<string, unknown>).Session = {
      getActiveUser: () => {
        throw new Error(NOT_AUTHORISED);
      },
    };
    try {
      expect(currentUserEmail()).toBe('');
    } finally {
      (globalThis as Record<string, unknown>).Session = real;
    }
    const refused = withOwner(() => {
      throw new Error(NOT_AUTHORISED);
    });
    expect(ownerEmail(refused)).toBe('');
    expect(isDirectorEmail(refused, '', OWNER)).toBe(false);
  });

  it('a file on a shared drive has no owner, and an unknown user is still not its director', () => {
    const shared = withOwner(() => null);
    expect(ownerEmail(shared)).toBe('');
    expect(isDirectorEmail(shared, '', '')).toBe(false);
    expect(isDirectorEmail(shared, DEPUTY, '')).toBe(false);
    expect(directorEmails(shared, '')).toEqual([]);
  });
});

describe('the director list, asked sparingly and only where it can be checked', () => {
  it('asks about the protection only for a listed e-mail', () => {
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    session.resetCalls();
    expect(directorEmails(ss, '')).toEqual([OWNER]);
    expect(isDirectorEmail(ss, DEPUTY, IVANOV)).toBe(false);
    expect(isDirectorEmail(ss, DEPUTY, OWNER)).toBe(true);
    expect(session.calls()['Sheet.getProtections']).toBeUndefined();
    expect(isDirectorEmail(ss, DEPUTY, DEPUTY)).toBe(true);
    expect(session.calls()['Sheet.getProtections']).toBe(1);
  });

  it('counts nobody but the owner when «Настройки» is missing', () => {
    ss.insertSheet('Клиенты');
    ss.deleteSheet(settingsSheet());
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER]);
  });

  it('counts nobody but the owner for a specialist, who may not edit «Настройки» and cannot check its editors', () => {
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    session.setUser(IVANOV);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER]);
    session.setUser(DEPUTY);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER, DEPUTY]);
  });

  it('reads the protection’s editors whatever their case', () => {
    const p = settingsSheet().protect();
    p.removeEditors([DEPUTY, IVANOV]);
    p.addEditors(['Deputy@Proekt-A.ru']);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER, DEPUTY]);
  });
});

describe('the director list in a Workspace domain', () => {
  beforeEach(() => {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.editors = [DEPUTY, IVANOV];
    session = installRuntime(workbook, { accounts: 'workspace' });
    ss = activeSpreadsheet();
    ss.insertSheet('Настройки');
  });

  it('counts nobody but the owner while everyone in the domain may edit «Настройки»', () => {
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER, DEPUTY]);
    settingsSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].setDomainEdit(true);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER]);
    // «Настроить таблицу» protects it again, for the directors only
    protectForDirectors(settingsSheet(), 'Только директор', [OWNER, DEPUTY]);
    expect(directorEmails(ss, DEPUTY)).toEqual([OWNER, DEPUTY]);
  });
});

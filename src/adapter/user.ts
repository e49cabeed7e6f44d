/**
 * Who is running the add-on, and who the director is. Session.getActiveUser()
 * gives the e-mail of the person only within the same Google Workspace domain or
 * for the owner; for consumer accounts it may be ''. An unknown user is never
 * the director (domain/crm/rights.ts).
 */
import { directorList, isDirectorOf, parseDirectorList } from '../domain/crm/rights';
import { SHEETS } from '../domain/workbook/schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The current user's e-mail, lower-case, or '' when Google does not reveal it. */
export function currentUserEmail(): string {
  try {
    return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The owners asked in this execution, by spreadsheet: on Google every execution loads the
 * script afresh, so this lives one execution (each has its own Spreadsheet objects).
 */
const owners = new WeakMap<Spreadsheet, string>();

/** The spreadsheet owner's e-mail, lower-case, or '' (a shared-drive file has no owner); asked once per execution. */
export function ownerEmail(ss: Spreadsheet): string {
  const known = owners.get(ss);
  if (known !== undefined) return known;
  let email: string;
  try {
    const owner = ss.getOwner();
    email = owner ? (owner.getEmail() || '').trim().toLowerCase() : '';
  } catch {
    email = '';
  }
  owners.set(ss, email);
  return email;
}

/**
 * The directors: the owner and the «E-mail директора» list of «Настройки». The
 * list counts only while «Настройки» is protected so that nobody outside the
 * owner and that list may edit it: an open tab (before «Настроить таблицу»)
 * could name anyone.
 */
export function directorEmails(ss: Spreadsheet, directorSetting: string): string[] {
  const owner = ownerEmail(ss);
  const listed = parseDirectorList(directorSetting);
  if (listed.length === 0) return directorList(owner, []);
  const sheet = ss.getSheetByName(SHEETS.settings);
  const protections = sheet ? sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET) : [];
  const trusted = directorList(owner, listed);
  // a protection's editors can be read only by its editors (Google throws for anyone else): someone
  // who may not edit «Настройки» is not on a list that counts, and cannot check it either
  const guarded =
    protections.length > 0 &&
    // Stryker disable next-line MethodExpression: Sheets keeps one protection of the whole tab, so every = some
    protections.every(
      (p) =>
        p.canEdit() &&
        !p.isWarningOnly() &&
        !p.canDomainEdit() &&
        // Stryker disable next-line StringLiteral: neither '' nor other text is in the trusted list of e-mails
        p.getEditors().every((u) => trusted.includes((u.getEmail() || '').toLowerCase())),
    );
  return guarded ? trusted : directorList(owner, []);
}

/** Whether `email` is the director (see directorEmails); asks about the protection only for a listed e-mail. */
export function isDirectorEmail(ss: Spreadsheet, directorSetting: string, email: string): boolean {
  if (!email) return false;
  const e = email.trim().toLowerCase();
  if (e === ownerEmail(ss)) return true;
  if (!parseDirectorList(directorSetting).includes(e)) return false;
  return isDirectorOf(e, directorEmails(ss, directorSetting));
}

/**
 * Who is running the add-on. Session.getActiveUser() gives the e-mail of the
 * person only within the same Google Workspace domain or for the owner; for
 * consumer accounts it may be ''. Then the server cannot tell whose deal it is
 * and does not refuse by user: the sheet's own sharing is the limit.
 */
import { SHEETS } from '../domain/workbook/schema';
import { textOf } from '../domain/crm/values';

/** The current user's e-mail, lower-case, or '' when Google does not reveal it. */
export function currentUserEmail(): string {
  try {
    return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Whether `email` is the director: the «Сотрудники» row with Должность «Директор»,
 * or the owner of the spreadsheet.
 */
export function isDirectorEmail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, email: string): boolean {
  if (!email) return false;
  try {
    const owner = ss.getOwner();
    if (owner && owner.getEmail().toLowerCase() === email) return true;
  } catch {
    // getOwner needs Drive metadata; a shared-drive file has no owner
  }
  const sheet = ss.getSheetByName(SHEETS.staff);
  if (!sheet || sheet.getLastRow() < 2) return false;
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const headers = values[0].map((h) => textOf(h));
  const emailCol = headers.indexOf('Email');
  const positionCol = headers.indexOf('Должность');
  if (emailCol < 0 || positionCol < 0) return false;
  return values
    .slice(1)
    .some((row) => textOf(row[emailCol]).toLowerCase() === email && textOf(row[positionCol]) === 'Директор');
}

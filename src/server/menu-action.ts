/**
 * How every menu item reports: a DomainError (something the person must fix)
 * becomes an alert with its Russian message, instead of Sheets' red "script
 * failed" banner; anything else is a bug and propagates.
 */
import { DomainError } from '../domain/money';
import { drainPending } from './crm/edit-trigger';

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** Any menu item of the director also writes what specialists' executions left queued. */
function drainQuietly(): void {
  try {
    drainPending(SpreadsheetApp.getActiveSpreadsheet());
  } catch (error) {
    console.warn(error);
  }
}

export function menuAction(title: string, fn: () => void): void {
  drainQuietly();
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) alert(title, error.message);
    else throw error;
  }
}

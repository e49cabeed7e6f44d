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

/**
 * Runs a menu item. `drain` false for an item that opens the sidebar: the page's first
 * call (its state) writes the queue, so the item itself need not read the properties.
 */
export function menuAction(title: string, fn: () => void, drain = true): void {
  if (drain) drainQuietly();
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) alert(title, error.message);
    else throw error;
  }
}

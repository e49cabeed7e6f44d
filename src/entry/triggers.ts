/**
 * Simple triggers. Each is a thin call into the server layer.
 */
import { isEditEvent, simpleEdit } from '../server/crm/edit-trigger';
import { readTriggerHealth } from '../adapter/trigger-health';
import { currentUserEmail } from '../adapter/user';
import { buildMenus } from '../server/menu';

/**
 * Builds the add-on menus. In AuthMode.NONE (an add-on not yet used in this
 * document) it only builds menus and touches nothing else.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenus(e);
  if (!e || e.authMode === ScriptApp.AuthMode.NONE) return;
  // the director must learn that enforcement or the queue needs them, with the one step
  const notice = readTriggerHealth().notice;
  if (notice) (e.source ?? SpreadsheetApp.getActiveSpreadsheet()).toast(notice, 'CRM: нужен директор', 30);
}

/**
 * Runs when the add-on is installed: builds the menus at once.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenus(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/**
 * Runs on every edit a person makes: enforces the sales funnel and the client
 * rules on «Сделки» and «Клиенты», unless the director's installable trigger does it
 * (and when that trigger stopped running, it takes over).
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // called without Sheets' event (from the console) there is nothing to check
  if (!isEditEvent(e)) return;
  if (e.authMode === ScriptApp.AuthMode.NONE) return;
  // the spreadsheet comes with the event, and who edits is asked only when this trigger enforces
  simpleEdit(e.source ?? SpreadsheetApp.getActiveSpreadsheet(), currentUserEmail, e);
}

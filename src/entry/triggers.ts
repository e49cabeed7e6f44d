/**
 * Simple triggers. Each is a thin call into the server layer.
 */
import { isEditEvent, ownerEditTriggerInstalled, runEnforcement } from '../server/crm/edit-trigger';
import { currentUserEmail } from '../adapter/user';
import { buildMenus } from '../server/menu';

/**
 * Builds the add-on menus. In AuthMode.NONE (an add-on not yet used in this
 * document) it only builds menus and touches nothing else.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenus(e);
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
 * rules on «Сделки» and «Клиенты», unless the director's installable trigger does it.
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // called without Sheets' event (from the console) there is nothing to check
  if (!isEditEvent(e)) return;
  if (e.authMode === ScriptApp.AuthMode.NONE) return;
  if (ownerEditTriggerInstalled()) return;
  runEnforcement(SpreadsheetApp.getActiveSpreadsheet(), currentUserEmail(), e);
}

/**
 * Simple triggers and menu items. Each is a thin call into the server layer.
 */
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
 * Runs on every edit a person makes.
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  void e;
}

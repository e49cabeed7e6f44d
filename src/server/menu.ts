import { CRM_MENU } from './crm/crm-menu';
import { PAYROLL_MENU } from './payroll/payroll-menu';

/**
 * The add-on's menus. Bound to a spreadsheet they are top-level menus
 * (createMenu); installed as an editor add-on they are submenus of the add-on
 * menu (createAddonMenu). In AuthMode.NONE only the menu is built.
 */
export interface MenuItemSpec {
  caption: string;
  /** the public global function the item calls */
  fn: string;
}

export interface MenuSpec {
  title: string;
  items: Array<MenuItemSpec | 'separator'>;
}

/** Filled by the features that own each menu (CRM, payroll). */
export const MENUS: MenuSpec[] = [];

export function registerMenu(spec: MenuSpec): void {
  const existing = MENUS.findIndex((m) => m.title === spec.title);
  if (existing >= 0) MENUS[existing] = spec;
  else MENUS.push(spec);
}

/** Registers every feature's menu; called at the start of buildMenus, so onOpen needs no other setup. */
export function registerAllMenus(): void {
  registerMenu(CRM_MENU);
  registerMenu(PAYROLL_MENU);
}

function isAddon(e?: GoogleAppsScript.Events.SheetsOnOpen): boolean {
  // AuthMode.NONE happens only for an add-on not yet used in this document; nothing else may run then.
  if (e && e.authMode === ScriptApp.AuthMode.NONE) return true;
  return ScriptApp.getInstallationSource() !== ScriptApp.InstallationSource.NONE;
}

function fill(menu: GoogleAppsScript.Base.Menu, spec: MenuSpec): GoogleAppsScript.Base.Menu {
  for (const item of spec.items) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(item.caption, item.fn);
  }
  return menu;
}

export function buildMenus(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  registerAllMenus();
  const ui = SpreadsheetApp.getUi();
  if (isAddon(e)) {
    const addon = ui.createAddonMenu();
    for (const spec of MENUS) addon.addSubMenu(fill(ui.createMenu(spec.title), spec));
    addon.addToUi();
    return;
  }
  for (const spec of MENUS) fill(ui.createMenu(spec.title), spec).addToUi();
}

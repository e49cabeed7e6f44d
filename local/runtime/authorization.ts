/**
 * What an execution may call, by its authorization mode, and whose e-mail it
 * may see, by its kind and the accounts the file lives on.
 *
 * - AuthMode.NONE (an add-on's onOpen before it is used in the document): only
 *   the menu may be built.
 * - AuthMode.LIMITED (simple triggers onOpen/onEdit): no service that needs
 *   the user's authorization (mail, external requests, triggers, other files,
 *   dialogs and sidebars); the bound spreadsheet may be read and written.
 * - AuthMode.CUSTOM_FUNCTION (a formula's custom function): the same, and the
 *   spreadsheet is read-only, properties cannot be written, there is no Ui.
 *
 * Google's wording: "You do not have permission to call X. Required
 * permissions: scope" (see FIDELITY.md for the published reports).
 */

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** What an add-on may call from onOpen in AuthMode.NONE: building its menu. */
export const CALLS_ALLOWED_IN_AUTH_MODE_NONE: ReadonlySet<string> = new Set([
  'SpreadsheetApp.getUi',
  'Ui.createMenu',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'Menu.addToUi',
]);

export const AUTH_MODE_NONE_MESSAGE =
  'You do not have permission to perform that action: in AuthMode.NONE an add-on may only build its menu';

/** Calls that need the user's authorization, with the OAuth scope Google names in its message. */
const AUTHORIZED_CALLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^MailApp\./, 'https://www.googleapis.com/auth/script.send_mail'],
  [/^UrlFetchApp\./, 'https://www.googleapis.com/auth/script.external_request'],
  [
    /^ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)$|^TriggerBuilder\./,
    'https://www.googleapis.com/auth/script.scriptapp',
  ],
  [/^SpreadsheetApp\.(openById|openByUrl|create)$/, 'https://www.googleapis.com/auth/spreadsheets'],
  [/^Drive(\.Files|\.Permissions)?\./, 'https://www.googleapis.com/auth/drive'],
  [/^DocumentApp\./, 'https://www.googleapis.com/auth/documents'],
  [/^Ui\.(showSidebar|showModalDialog|showModelessDialog)$/, 'https://www.googleapis.com/auth/script.container.ui'],
];

/** The custom functions guide: UrlFetchApp works in a custom function (it is anonymous there). */
const ALLOWED_IN_CUSTOM_FUNCTION = /^UrlFetchApp\./;

/** Spreadsheet classes whose changing methods a custom function may not call ("read only"). */
const SPREADSHEET_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'NamedRange',
  'Protection',
  'EmbeddedChart',
  'EmbeddedChartBuilder',
  'Selection',
]);
const READ_METHOD = /^(get|is|has|can|find|toString)/;

export function permissionMessage(call: string, scope?: string): string {
  return scope
    ? `You do not have permission to call ${call}. Required permissions: ${scope}`
    : `You do not have permission to call ${call}`;
}

/** Throws Google's message if an execution in `mode` may not make `call` ("Class.method"). */
export function checkAuthorization(mode: AuthModeName, call: string): void {
  if (mode === 'FULL') return;
  if (mode === 'NONE') {
    if (CALLS_ALLOWED_IN_AUTH_MODE_NONE.has(call)) return;
    throw new Error(`${AUTH_MODE_NONE_MESSAGE} (${call})`);
  }
  if (mode === 'CUSTOM_FUNCTION') {
    if (ALLOWED_IN_CUSTOM_FUNCTION.test(call)) return;
    const [cls, method] = call.split(/\.(?=[^.]*$)/);
    if (call === 'SpreadsheetApp.getUi') throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    if (SPREADSHEET_CLASSES.has(cls) && !READ_METHOD.test(method)) throw new Error(permissionMessage(call));
    if (cls === 'Properties' && /^(set|delete)/.test(method)) throw new Error(permissionMessage(call));
  }
  for (const [pattern, scope] of AUTHORIZED_CALLS) {
    if (pattern.test(call)) throw new Error(permissionMessage(call, scope));
  }
}

/** Personal Google accounts (gmail), or one Google Workspace domain. */
export type AccountMode = 'consumer' | 'workspace';

/** What kind of execution runs, which decides whose identity it may see. */
export type ExecutionKind = 'user' | 'simple-trigger' | 'installable-trigger' | 'custom-function';

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Whether `person`'s e-mail is visible to a script running under `authority`'s
 * authorization: always to oneself; within one Workspace domain; never
 * across consumer accounts (Session.getActiveUser, as Google documents it).
 */
export function identityVisible(mode: AccountMode, person: string, authority: string): boolean {
  if (!person) return false;
  if (person.toLowerCase() === authority.toLowerCase()) return true;
  return mode === 'workspace' && domainOf(person) === domainOf(authority);
}

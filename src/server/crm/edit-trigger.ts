/**
 * Which onEdit runs the enforcement. A simple onEdit runs as the person editing,
 * who cannot write the protected «Журнал» and technical tab; so «Настроить
 * таблицу» (run by the director) installs an installable onEdit trigger that runs
 * as the director, and the simple trigger then stands aside. Until then the
 * simple trigger enforces on its own and its log writes are best effort.
 */
import { DomainError } from '../../domain/money';
import { CrmContext } from './crm-context';
import { enforceEdit, type EditEventLike } from './edit-enforcement';

/** The public global of the installable trigger. */
export const OWNER_EDIT_FUNCTION = 'onEditAsOwner';
const INSTALLED_KEY = 'crm.ownerEditTrigger';

/** Installs the director's onEdit trigger once; returns a line for the setup report, or ''. */
export function installOwnerEditTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const installed = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === OWNER_EDIT_FUNCTION);
  if (!installed) ScriptApp.newTrigger(OWNER_EDIT_FUNCTION).forSpreadsheet(ss).onEdit().create();
  PropertiesService.getDocumentProperties().setProperty(INSTALLED_KEY, '1');
  return installed ? '' : 'Включена проверка правок от имени директора (журнал и служебный лист защищены)';
}

/** Whether the installable trigger takes care of edits. */
export function ownerEditTriggerInstalled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(INSTALLED_KEY) === '1';
}

/** Whether `e` is an edit event Sheets gave (a Range with its sheet), not something typed into the console. */
export function isEditEvent(e: unknown): e is EditEventLike {
  if (!e || typeof e !== 'object') return false;
  const range = (e as { range?: unknown }).range;
  return !!range && typeof range === 'object' && typeof (range as { getSheet?: unknown }).getSheet === 'function';
}

/** The message for a call of a trigger function without Sheets' edit event. */
export const NOT_AN_EDIT_EVENT =
  'Эту функцию вызывает сама таблица при каждой правке ячейки; вызывать её вручную не нужно: событие правки не передано.';

/** The editor's e-mail from an edit event, '' when Google does not reveal it. */
export function editorEmail(e: unknown): string {
  const user = (e as { user?: { getEmail?: unknown } }).user;
  if (!user || typeof user.getEmail !== 'function') return '';
  const email = (user.getEmail as () => unknown).call(user);
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Runs the enforcement, telling the person about a DomainError in a toast. */
export function runEnforcement(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, user: string, e: EditEventLike): void {
  const ctx = new CrmContext(ss, user);
  try {
    enforceEdit(ctx, e);
  } catch (error) {
    if (error instanceof DomainError) ss.toast(error.message, 'CRM', 15);
    else throw error;
  }
}

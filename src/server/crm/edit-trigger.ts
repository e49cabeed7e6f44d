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

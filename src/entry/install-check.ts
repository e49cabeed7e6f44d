/**
 * «Проверка установки»: the director's one-click check of the add-on on the
 * live Google account (src/server/install-check.ts).
 */
import { menuAction } from '../server/menu-action';
import { CrmContext } from '../server/crm/crm-context';
import { runInstallCheck } from '../server/install-check';

/**
 * Menu CRM → «Проверка установки»: checks scopes, triggers, protections, time
 * zone, printing, mail quota, custom functions and document properties, and
 * shows what to fix. Director only.
 */
export function menuInstallCheck(): void {
  menuAction('Проверка установки', () => {
    runInstallCheck(CrmContext.current());
  });
}

/**
 * The «CRM» menu (domain issue 5). Each item calls a public global of src/entry/crm.ts.
 */
import type { MenuSpec } from '../menu';

export const CRM_MENU: MenuSpec = {
  title: 'CRM',
  items: [
    { caption: 'Карточка клиента', fn: 'menuClientCard' },
    { caption: 'Новый клиент', fn: 'menuNewClient' },
    { caption: 'Мои задачи', fn: 'menuMyTasks' },
    'separator',
    { caption: 'Проверить таблицу', fn: 'menuCheckWorkbook' },
    { caption: 'Настроить таблицу', fn: 'menuSetupWorkbook' },
    { caption: 'Проверка установки', fn: 'menuInstallCheck' },
    { caption: 'Ежедневная сводка: вкл./выкл.', fn: 'menuToggleDailyDigest' },
  ],
};

/**
 * The sidebar's title, through the local runtime: Google fixes it when the
 * sidebar opens and the page then switches views inside it, so every menu item
 * opens it with the same title (never «Новый клиент» over a client's card).
 */
import { crmSession, crmWorkbook, IVANOV } from './crm-workbook';

describe('the sidebar title', () => {
  it('is the same whichever menu item opened the sidebar', () => {
    const session = crmSession(crmWorkbook({}), IVANOV);
    const titles = ['menuNewClient', 'menuClientCard', 'menuMyTasks', 'menuFindClient'].map((fn) => {
      session.takeUiEvents();
      session.run(fn);
      const sidebar = session.takeUiEvents().find((e) => e.type === 'sidebar') as { title: string } | undefined;
      return sidebar?.title;
    });
    expect(titles).toEqual(Array(4).fill('CRM — клиентская база'));
  });
});

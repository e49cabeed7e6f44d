/**
 * The director merges two rows of one client from the sidebar on the local
 * page: finds the duplicate with the search, opens the client to keep, enters
 * the duplicate's ID, confirms, and sees the duplicate's deal in the card; the
 * workbook file has the deal moved and the duplicate marked merged. A
 * specialist's card has no merge.
 */
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLIENT_A, DIRECTOR, fullDeal, IVANOV, type Row } from '../crm/crm-workbook';
import { idle, openFromMenu, sidebarPages } from './sidebar-page';

jest.setTimeout(240_000);

const DUPLICATE: Row = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'Тепло ООО',
  ИНН: '',
  Телефон: '8 (912) 345-67-89',
  Email: 'sales@teplo.ru',
};

const pages = sidebarPages();

const rows = {
  clients: [CLIENT_A, DUPLICATE],
  deals: [
    fullDeal('С-00001', 'Новый'),
    fullDeal('С-00002', 'Переговоры', { 'ID клиента': 'К-00002', Клиент: 'Тепло ООО' }),
  ],
};

describe('merging two clients from the sidebar', () => {
  it('moves the duplicate’s deal into the card kept and marks the duplicate merged', async () => {
    const p = await pages.open(rows, DIRECTOR);
    const frame = await openFromMenu(p, 'Найти клиента');
    await frame.locator('input.search-input[data-index-ready]').waitFor();
    await frame.locator('input.search-input').pressSequentially('+7 912 345');
    // both rows share the phone: the search shows both
    await expect(
      frame.locator('.search-result').evaluateAll((n) => n.map((r) => r.getAttribute('data-client'))),
    ).resolves.toEqual(['К-00001', 'К-00002']);
    await frame.locator('.search-result[data-client="К-00001"]').click();
    await idle(frame);

    await frame.locator('details.merge summary').click();
    await frame.locator('[name="merge-id"]').fill('к-00002');
    await frame.locator('[data-merge]').click();
    const confirm = frame.locator('[data-merge-confirm]');
    await expect(confirm.textContent()).resolves.toBe('Перенести всё из К-00002 сюда и отметить К-00002 объединённым');
    await confirm.click();
    await frame.locator('.deal[data-deal="С-00002"]').waitFor();
    await expect(frame.locator('.notice.ok').textContent()).resolves.toMatch(/^Клиент К-00002 объединён с К-00001/);
    expect(pages.dialogs()).toEqual([]);

    const deals = await pages.saved(SHEETS.deals);
    expect(deals.map((d) => [d['ID сделки'], d['ID клиента']])).toEqual([
      ['С-00001', 'К-00001'],
      ['С-00002', 'К-00001'],
    ]);
    const clients = await pages.saved(SHEETS.clients);
    expect(clients[1]['Статус клиента']).toBe('Неактивный');
    expect(String(clients[1]['Примечание'])).toMatch(/^Объединён с К-00001/);
  });

  it('offers no merge to a specialist', async () => {
    const p = await pages.open(rows, IVANOV);
    const frame = await openFromMenu(p, 'Найти клиента');
    await frame.locator('input.search-input[data-index-ready]').waitFor();
    await frame.locator('input.search-input').pressSequentially('К-00001');
    await frame.locator('.search-result[data-client="К-00001"]').click();
    await idle(frame);
    await frame.locator('h2.client-name').waitFor();
    await expect(frame.locator('details.merge').count()).resolves.toBe(0);
  });
});

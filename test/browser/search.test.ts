/**
 * «Найти клиента» in the sidebar on the local page: results as the person
 * types, by each key (a part of the name in another case and with «ё», ИНН,
 * a phone in another format, e-mail, client ID, deal ID), each with its deals
 * and status, a click opening the card; and one read of the index per search
 * session, however many keystrokes.
 */
import type { FrameLocator } from 'playwright-core';
import { CLIENT_A, fullDeal, IVANOV, type Row } from '../crm/crm-workbook';
import { idle, openFromMenu, sidebarPages } from './sidebar-page';

jest.setTimeout(240_000);

const SEMENOV: Row = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'ИП Семёнов Пётр Ильич',
  Тип: 'ИП',
  ИНН: '500100732259',
  Телефон: '+74951234567',
  Email: 'semenov@mail.ru',
  'Статус клиента': 'Клиент',
};

const pages = sidebarPages();

async function resultIds(frame: FrameLocator): Promise<string[]> {
  return frame.locator('.search-result').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-client') ?? ''));
}

async function search(frame: FrameLocator, query: string): Promise<string[]> {
  const input = frame.locator('input.search-input');
  await input.fill('');
  await input.pressSequentially(query);
  return resultIds(frame);
}

describe('the sidebar search', () => {
  it('finds a client by each key as the person types and opens the card on a click', async () => {
    const p = await open();
    let indexReads = 0;
    p.on('request', (request) => {
      if (request.url().endsWith('/api/run') && (request.postData() ?? '').includes('getSearchIndex')) indexReads++;
    });
    const frame = await openFromMenu(p, 'Найти клиента');
    await frame.locator('input.search-input[data-index-ready]').waitFor();
    await expect(frame.locator('.search-summary').textContent()).resolves.toBe('Клиентов в базе: 2');

    expect(await search(frame, 'семен')).toEqual(['К-00002']);
    expect(await search(frame, 'ПЁТР ильич')).toEqual(['К-00002']);
    expect(await search(frame, '7707083893')).toEqual(['К-00001']);
    expect(await search(frame, '8 (495) 123-45-67')).toEqual(['К-00002']);
    expect(await search(frame, 'SEMENOV@')).toEqual(['К-00002']);
    expect(await search(frame, 'к-00001')).toEqual(['К-00001']);
    expect(await search(frame, 'С-00002')).toEqual(['К-00002']);
    expect(await search(frame, 'Сидоров')).toEqual([]);
    await expect(frame.locator('.search-summary').textContent()).resolves.toBe('Ничего не найдено');

    const result = frame.locator('.search-result[data-client="К-00002"]');
    await search(frame, 'семёнов');
    await expect(result.locator('.deals-line').textContent()).resolves.toBe('1 сделка: С-00002 — Переговоры');
    await expect(result.locator('.status').textContent()).resolves.toBe('Клиент');
    // dozens of keystrokes, one read of the key columns
    expect(indexReads).toBe(1);

    await result.click();
    await idle(frame);
    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe('ИП Семёнов Пётр Ильич');
    await expect(frame.locator('.deal').evaluateAll((n) => n.map((d) => d.getAttribute('data-deal')))).resolves.toEqual(
      ['С-00002'],
    );
  });
});

function open() {
  return pages.open(
    {
      clients: [CLIENT_A, SEMENOV],
      deals: [
        fullDeal('С-00001', 'Новый'),
        fullDeal('С-00002', 'Переговоры', { 'ID клиента': 'К-00002', Клиент: SEMENOV['Клиент'] }),
      ],
    },
    IVANOV,
  );
}

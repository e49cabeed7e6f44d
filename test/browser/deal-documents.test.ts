/**
 * «Позиции и документы» in the card (dist/Sidebar.html on the local page, with
 * the real dist/Code.js): a key client's specialist enters lines from the price
 * list, is refused a discount above the client's and saves one within it, the
 * total and «Сумма КП» follow; «Создать КП» makes the document and shows its
 * links, «Отправить КП клиенту» mails it and the contact is logged. A client
 * who is not «Ключевой» gets no discount field to type into.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../local/chromium';
import type { LocalRuntimeSession } from '../../local/runtime';
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  PETROVA,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
  sheetOf,
} from '../crm/crm-workbook';
import { openPage, startLocalPage, type LocalPage } from './local-page-harness';
import { actAs, CODE_PATH, idle, openFromMenu, PAGES_DIR, selectCell } from './sidebar-page';

jest.setTimeout(240_000);

const KEY_CLIENT = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'АО «ТеплоДом»',
  ИНН: '7736207543',
  Телефон: '+79123450002',
  Email: 'zakup@teplodom.ru',
  Ответственный: PETROVA,
  'Статус клиента': 'Ключевой',
  'Скидка, %': 10,
};

function preparedWorkbook() {
  const wb = crmWorkbook({
    clients: [CLIENT_A, KEY_CLIENT],
    deals: [
      fullDeal('С-00001', 'Переговоры', { '№ договора': '' }),
      fullDeal('С-00002', 'Переговоры', {
        'ID клиента': 'К-00002',
        Клиент: 'АО «ТеплоДом»',
        Ответственный: PETROVA,
        '№ договора': '',
      }),
    ],
  });
  sheetOf(
    wb,
    SHEETS.priceList,
    ['Артикул', 'Наименование', 'Ед.', 'Цена, руб.', 'Направление'],
    [
      {
        Артикул: 'ПФ-60',
        Наименование: 'Панель ПОЛИФАСАД 60 мм',
        'Ед.': 'м²',
        'Цена, руб.': 2350,
        Направление: 'ПОЛИФАСАД',
      },
      { Артикул: 'ТР-01', Наименование: 'Терморегулятор', 'Ед.': 'шт.', 'Цена, руб.': 4200, Направление: 'Отопление' },
    ],
  );
  const s: LocalRuntimeSession = crmSession(wb, DIRECTOR);
  return s.workbook;
}

let browser: Browser;
let local: LocalPage | undefined;
let page: Page | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await page?.close();
  await local?.stop();
  page = undefined;
  local = undefined;
});

async function openCard(user: string, clientRow: number): Promise<FrameLocator> {
  local = await startLocalPage(preparedWorkbook(), CODE_PATH, PAGES_DIR, {
    // the PDF's layout is tested elsewhere; here only that the buttons work
    documentExporter: () => new Uint8Array(Buffer.from('%PDF-1.4\n')),
  });
  page = await openPage(browser, local.server.url);
  page.on('dialog', (dialog) => void dialog.dismiss());
  await actAs(page, user);
  await selectCell(page, SHEETS.clients, clientRow, 2);
  return openFromMenu(page, 'Карточка клиента');
}

async function openDocuments(frame: FrameLocator, dealId: string) {
  const section = frame.locator(`details[data-documents="${dealId}"]`);
  await section.locator('summary').click();
  await section.locator('[data-line]').first().waitFor();
  await idle(frame);
  return section;
}

describe('the lines editor and the document buttons', () => {
  it('refuses a discount above the key client’s, saves one within it, makes the КП and sends it', async () => {
    const frame = await openCard(PETROVA, 3);
    const section = await openDocuments(frame, 'С-00002');
    const line = section.locator('[data-line]').first();
    await line.locator('[data-line-product]').selectOption('ПФ-60');
    await line.locator('[data-line-quantity]').fill('10');
    await line.locator('[data-line-discount]').fill('12');
    await section.locator('[data-lines-save]').click();
    await idle(frame);
    await expect(section.locator('[data-lines-errors]').textContent()).resolves.toContain('больше скидки клиента 10 %');
    expect(rowsOf(await local!.reload(), SHEETS.dealLines)).toEqual([]);

    await line.locator('[data-line-discount]').fill('10');
    await section.locator('[data-line-add]').click();
    const second = section.locator('[data-line]').nth(1);
    await second.locator('[data-line-product]').selectOption('ТР-01');
    await second.locator('[data-line-quantity]').fill('2');
    await section.locator('[data-lines-save]').click();
    await idle(frame);
    // 2 350 × 10 × 0,9 + 4 200 × 2 = 29 550
    await expect(section.locator('[data-lines-total]').textContent()).resolves.toContain('Итого 29\u00a0550,00 руб.');
    let saved = await local!.reload();
    expect(rowsOf(saved, SHEETS.dealLines).map((r) => [r['Артикул'], r['Скидка, %'], r['Сумма, руб.']])).toEqual([
      ['ПФ-60', 10, 21150],
      ['ТР-01', null, 8400],
    ]);
    expect(rowsOf(saved, SHEETS.deals).find((r) => r['ID сделки'] === 'С-00002')!['Сумма КП, руб.']).toBe(29550);

    const year = new Date().getFullYear();
    await section.locator('[data-create-document="КП"]').click();
    // making a document is several Drive and Docs calls: on a busy machine it takes a while
    await section.locator('[data-document-links] a').first().waitFor({ timeout: 120_000 });
    await idle(frame);
    await expect(section.locator('[data-document-links]').textContent()).resolves.toContain(
      `Коммерческое предложение КП-${year}/0001`,
    );
    const send = section.locator('[data-send-offer]');
    await expect(send.isDisabled()).resolves.toBe(false);
    await send.click();
    await idle(frame);
    // the success line fades after a few seconds: it is enough that it was shown
    await frame.locator('#notice', { hasText: 'отправлено на zakup@teplodom.ru' }).waitFor({ state: 'attached' });
    saved = await local!.reload();
    const contact = rowsOf(saved, SHEETS.contacts).pop()!;
    expect(contact).toMatchObject({ 'ID сделки': 'С-00002', Тип: 'Email', Сотрудник: PETROVA });
    expect(rowsOf(saved, SHEETS.deals).find((r) => r['ID сделки'] === 'С-00002')!['№ КП']).toBe(`КП-${year}/0001`);
  });

  it('offers no discount to a client who is not «Ключевой», and sending waits for a КП', async () => {
    const frame = await openCard(IVANOV, 2);
    const section = await openDocuments(frame, 'С-00001');
    await expect(section.locator('[data-line-discount]').first().isDisabled()).resolves.toBe(true);
    await expect(section.locator('[data-send-offer]').isDisabled()).resolves.toBe(true);
  });
});

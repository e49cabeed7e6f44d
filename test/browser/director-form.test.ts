/**
 * The card's director form «Ответственный и суммы договора (директор)» in
 * Debian's Chromium on the local page, calling the real dist/Code.js
 * (changeDealAsDirector): the director changes a signed deal's amount and
 * owner with a reason that lands in «Журнал» with before and after; a missing
 * reason or a bad value is said in the card and nothing is saved; a specialist
 * gets no such form.
 */
import type { FrameLocator } from 'playwright-core';
import { SHEETS } from '../../src/domain/workbook/schema';
import { IVANOV, PETROVA, fullDeal } from '../crm/crm-workbook';
import { idle, openFromMenu, selectCell, sidebarPages } from './sidebar-page';

jest.setTimeout(240_000);

const SIGNED = fullDeal('С-00001', 'Договор заключён');
const pages = sidebarPages();

function directorForm(frame: FrameLocator) {
  return frame
    .locator('.deal[data-deal="С-00001"]')
    .locator('details.override', { hasText: 'Ответственный и суммы договора (директор)' });
}

async function noticeText(frame: FrameLocator): Promise<string> {
  await idle(frame);
  const notice = frame.locator('#notice:not([hidden])');
  await notice.waitFor();
  return (await notice.textContent()) ?? '';
}

describe('the director form of a signed deal in the card', () => {
  it('changes «Сумма договора» and «Ответственный» with a reason, logged with before and after; refuses a missing reason and a bad amount', async () => {
    const p = await pages.open({ deals: [SIGNED] });
    await selectCell(p, SHEETS.deals, 2, 1);
    const frame = await openFromMenu(p, 'Карточка клиента');
    const form = directorForm(frame);
    await form.locator('summary').click();
    await form.locator('select[aria-label="Поле сделки"]').selectOption('Сумма договора, руб.');
    // the field's current value is offered for editing
    await expect(form.locator('input[aria-label="Новое значение"]').inputValue()).resolves.toMatch(/^470\s?000/);

    await form.locator('input[aria-label="Новое значение"]').fill('520000');
    await form.locator('button', { hasText: 'Изменить' }).click();
    await expect(noticeText(frame)).resolves.toBe('Укажите причину изменения');
    await form.locator('input[aria-label="Причина изменения"]').fill('Допсоглашение № 1');
    await form.locator('input[aria-label="Новое значение"]').fill('пятьсот');
    await form.locator('button', { hasText: 'Изменить' }).click();
    await expect(noticeText(frame)).resolves.toMatch(/число/i);
    expect((await pages.saved(SHEETS.deals))[0]['Сумма договора, руб.']).toBe(470000);

    await form.locator('input[aria-label="Новое значение"]').fill('520000');
    await form.locator('button', { hasText: 'Изменить' }).click();
    await expect(noticeText(frame)).resolves.toBe('«Сумма договора, руб.» сделки С-00001 изменено директором');
    expect((await pages.saved(SHEETS.deals))[0]['Сумма договора, руб.']).toBe(520000);

    // the card reloaded: the form is drawn again for the changed deal
    const again = directorForm(frame);
    await again.locator('summary').click();
    await again.locator('select[aria-label="Поле сделки"]').selectOption('Ответственный');
    await again.locator('input[aria-label="Новое значение"]').fill(PETROVA);
    await again.locator('input[aria-label="Причина изменения"]').fill('Иванов в отпуске');
    await again.locator('button', { hasText: 'Изменить' }).click();
    await expect(noticeText(frame)).resolves.toBe('«Ответственный» сделки С-00001 изменено директором');
    expect((await pages.saved(SHEETS.deals))[0]['Ответственный']).toBe(PETROVA);

    const log = (await pages.saved(SHEETS.log)).filter((r) => r['Действие'] === 'Изменение директором');
    expect(log.map((r) => [r['ID'], r['Поле'], r['Было'], r['Стало'], r['Комментарий']])).toEqual([
      ['С-00001', 'Сумма договора, руб.', '470000', '520000', 'Допсоглашение № 1'],
      ['С-00001', 'Ответственный', IVANOV, PETROVA, 'Иванов в отпуске'],
    ]);
    expect(pages.dialogs()).toEqual([]);
  });

  it('is not in the card of a specialist', async () => {
    const p = await pages.open({ deals: [SIGNED] }, IVANOV);
    await selectCell(p, SHEETS.deals, 2, 1);
    const frame = await openFromMenu(p, 'Карточка клиента');
    await frame.locator('.deal[data-deal="С-00001"]').waitFor();
    await expect(directorForm(frame).count()).resolves.toBe(0);
    await expect(frame.locator('details.override').count()).resolves.toBe(0);
  });
});

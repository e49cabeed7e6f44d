/**
 * Client fields in the CRM sidebar (dist/Sidebar.html on the local page, with
 * the real dist/Code.js): a move that needs the client's Источник or ИНН asks
 * for it in the move form, saves it with updateClient and then moves the deal;
 * «Изменить данные клиента» saves the changed fields and shows the server's
 * message under a wrong one; the director alone sees status and discount.
 */
import type { FrameLocator } from 'playwright-core';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLIENT_A, IVANOV, type Row, NEW_DEAL } from '../crm/crm-workbook';
import { sidebarPages, idle, openFromMenu, selectCell } from './sidebar-page';

jest.setTimeout(240_000);

const pages = sidebarPages();

/** The local page on a workbook of `clients` and `deals`, as `user`, with the card of the first client open. */
async function openCard(clients: Row[], deals: Row[], user?: string): Promise<FrameLocator> {
  const page = await pages.open({ clients, deals }, user);
  await selectCell(page, SHEETS.clients, 2, 2);
  return openFromMenu(page, 'Карточка клиента');
}

function saved(sheet: string): Promise<Row[]> {
  return pages.saved(sheet);
}

function dealBlock(frame: FrameLocator) {
  return frame.locator('.deal[data-deal="С-00001"]');
}

/** The data-field of every visible field of the open move form, deal fields first. */
function visibleFields(frame: FrameLocator): Promise<string[]> {
  return dealBlock(frame)
    .locator('form.move-form .field:visible')
    .evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-on') ?? 'deal'}:${n.getAttribute('data-field')}`));
}

describe('a move that needs client fields', () => {
  it('asks for the client\u2019s «Источник», saves it and moves the deal', async () => {
    const frame = await openCard([{ ...CLIENT_A, Источник: '' }], [NEW_DEAL], IVANOV);
    await expect(dealBlock(frame).locator('.needs').textContent()).resolves.toBe(
      'Для «Потребность выявлена» нужно: Источник',
    );
    await dealBlock(frame).locator('[data-move="Потребность выявлена"]').click();
    await expect(visibleFields(frame)).resolves.toEqual(['client:Источник']);
    const form = dealBlock(frame).locator('form.move-form');
    await expect(form.locator('[name="Источник"]').evaluate((n) => n.tagName)).resolves.toBe('SELECT');

    // nothing chosen: the server names the field under it and the deal stays
    await form.locator('button[type="submit"]').click();
    await idle(frame);
    await expect(form.locator('[data-error-for="Источник"]').textContent()).resolves.toBe(
      'Укажите источник — он нужен для первого этапа сделки',
    );
    expect((await saved(SHEETS.deals))[0]['Этап']).toBe('Новый');

    await form.locator('[name="Источник"]').selectOption('Рекомендация');
    await form.locator('button[type="submit"]').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Потребность выявлена"]').waitFor();
    await expect(frame.locator('.notice.ok').textContent()).resolves.toBe(
      'Сделка С-00001 переведена на этап «Потребность выявлена»',
    );
    await expect(frame.locator('dd[data-field="Источник"]').textContent()).resolves.toBe('Рекомендация');
    expect((await saved(SHEETS.clients))[0]['Источник']).toBe('Рекомендация');
    expect((await saved(SHEETS.deals))[0]['Этап']).toBe('Потребность выявлена');
  });

  it('shows the ИНН checksum error of a Юрлицо and moves to «Надёжность оценена» with a valid ИНН', async () => {
    const deal = { ...NEW_DEAL, Этап: 'Потребность выявлена' };
    const frame = await openCard([{ ...CLIENT_A, ИНН: '' }], [deal], IVANOV);
    await dealBlock(frame).locator('[data-move="Надёжность оценена"]').click();
    await expect(visibleFields(frame)).resolves.toEqual(['client:ИНН']);
    const form = dealBlock(frame).locator('form.move-form');
    const inn = form.locator('[name="ИНН"]');

    // the hint while typing comes from the same rule as the server's check
    await inn.fill('7707083894');
    await inn.blur();
    const checksum = 'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки';
    await expect(form.locator('[data-error-for="ИНН"]').textContent()).resolves.toBe(checksum);
    await form.locator('button[type="submit"]').click();
    await idle(frame);
    await expect(form.locator('[data-error-for="ИНН"]').textContent()).resolves.toBe(checksum);
    expect((await saved(SHEETS.deals))[0]['Этап']).toBe('Потребность выявлена');
    expect((await saved(SHEETS.clients))[0]['ИНН']).toBeNull();

    await inn.fill('7707083893');
    await form.locator('button[type="submit"]').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Надёжность оценена"]').waitFor();
    expect((await saved(SHEETS.clients))[0]['ИНН']).toBe('7707083893');
    expect((await saved(SHEETS.deals))[0]['Этап']).toBe('Надёжность оценена');
  });

  it('asks for the type of a client that has none, and for the ИНН once the type needs one', async () => {
    const deal = { ...NEW_DEAL, Этап: 'Потребность выявлена' };
    const frame = await openCard([{ ...CLIENT_A, Тип: '', ИНН: '' }], [deal], IVANOV);
    await dealBlock(frame).locator('[data-move="Надёжность оценена"]').click();
    await expect(visibleFields(frame)).resolves.toEqual(['client:Тип']);
    const form = dealBlock(frame).locator('form.move-form');
    await form.locator('[name="Тип"]').selectOption('ИП');
    await expect(visibleFields(frame)).resolves.toEqual(['client:Тип', 'client:ИНН']);
    await form.locator('[name="ИНН"]').fill('500100732259');
    await form.locator('button[type="submit"]').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Надёжность оценена"]').waitFor();
    expect((await saved(SHEETS.clients))[0]).toMatchObject({ Тип: 'ИП', ИНН: '500100732259' });
  });
});

describe('«Изменить данные клиента»', () => {
  it('saves only the changed fields and shows the server\u2019s message under a wrong one', async () => {
    const frame = await openCard([CLIENT_A], [], IVANOV);
    const edit = frame.locator('details[data-client-edit]');
    await edit.locator('summary').click();
    await expect(
      edit.locator('.field').evaluateAll((n) => n.map((f) => f.getAttribute('data-field'))),
    ).resolves.toEqual(['Контактное лицо', 'Телефон', 'Email', 'Город', 'Источник', 'Особые условия', 'Примечание']);

    await edit.locator('[name="Телефон"]').fill('12345');
    await edit.locator('[name="Город"]').fill('Казань');
    await edit.locator('button[type="submit"]').click();
    await idle(frame);
    await expect(edit.locator('[data-error-for="Телефон"]').textContent()).resolves.toBe(
      '«Телефон»: не российский номер телефона (например, +7 912 345-67-89)',
    );
    expect((await saved(SHEETS.clients))[0]['Город']).toBeNull();

    await edit.locator('[name="Телефон"]').fill('8 (495) 111-22-33');
    await edit.locator('[name="Телефон"]').blur();
    await expect(edit.locator('[data-field="Телефон"] .field-hint').textContent()).resolves.toBe(
      'Будет сохранён как +74951112233',
    );
    await edit.locator('button[type="submit"]').click();
    await frame.locator('dd[data-field="Город"]', { hasText: 'Казань' }).waitFor();
    await expect(frame.locator('.notice.ok').textContent()).resolves.toBe('Данные клиента сохранены');
    await expect(frame.locator('dd[data-field="Телефон"]').textContent()).resolves.toBe('+74951112233');
    expect((await saved(SHEETS.clients))[0]).toMatchObject({ Город: 'Казань', Телефон: '+74951112233' });
  });

  it('offers status and discount to the director, who makes the client «Ключевой» with a discount', async () => {
    const frame = await openCard([CLIENT_A], []);
    const edit = frame.locator('details[data-client-edit]');
    await edit.locator('summary').click();
    await edit.locator('[name="Статус клиента"]').selectOption('Ключевой');
    await edit.locator('[name="Скидка, %"]').fill('10');
    await edit.locator('button[type="submit"]').click();
    await frame.locator('.client-fields dd[data-field="Скидка, %"]').waitFor();
    await expect(frame.locator('.client-fields dd[data-field="Скидка, %"]').textContent()).resolves.toBe('10 %');
    await expect(frame.locator('.card-sub .badge').textContent()).resolves.toBe('Ключевой');
    expect((await saved(SHEETS.clients))[0]).toMatchObject({ 'Статус клиента': 'Ключевой', 'Скидка, %': 10 });
  });
});

/**
 * The CRM sidebar (dist/Sidebar.html) in Debian's Chromium on the local page,
 * calling the real dist/Code.js: the client card with its deals on the funnel,
 * a move that asks for its missing fields, a client run from «Новый» to
 * «Завершена», the duplicate warning of the new-client form, and text from the
 * workbook shown as text.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLIENT_A, DIRECTOR, IVANOV, fullDeal, type Row } from '../crm/crm-workbook';
import { actAs, sidebarPages, dayOf, idle, openFromMenu, selectCell } from './sidebar-page';

jest.setTimeout(240_000);

const TODAY = dayOf(new Date());

/** A deal of CLIENT_A standing at «Переговоры»: the fields of later stages are still empty. */
const NEGOTIATING = fullDeal('С-00001', 'Переговоры', {
  'Сумма КП, руб.': '',
  'Дата КП': '',
  'Дата встречи': '',
  '№ договора': '',
  'Дата договора': '',
  'Сумма договора, руб.': '',
  'Себестоимость, руб.': '',
  'Дата оплаты': '',
});
const LOST = fullDeal('С-00002', 'Отказ', { 'Причина отказа': 'Цена' });

const pages = sidebarPages();

function open(rows: { clients?: Row[]; deals?: Row[] }, user?: string): Promise<Page> {
  return pages.open(rows, user);
}

function deal(frame: FrameLocator, id: string) {
  return frame.locator(`.deal[data-deal="${id}"]`);
}

function dealRows() {
  return pages.saved(SHEETS.deals);
}

/** Fills every visible field of the open move form from `values` (dates as гггг-мм-дд) and submits it. */
async function fillMoveForm(frame: FrameLocator, dealId: string, values: Record<string, string>): Promise<string[]> {
  const form = deal(frame, dealId).locator('form.move-form');
  await form.waitFor();
  const fields = await form
    .locator('.field:visible')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-field') ?? ''));
  for (const header of fields) {
    if (!(header in values)) throw new Error(`the form asks for «${header}», which the test has no value for`);
    const control = form.locator(`[name="${header}"]`);
    const tag = await control.evaluate((n) => n.tagName);
    if (tag === 'SELECT') await control.selectOption(values[header]);
    else await control.fill(values[header]);
  }
  await form.locator('button[type="submit"]').click();
  return fields;
}

describe('the client card', () => {
  it('opens for the selected deal row with its deals on the funnel strip', async () => {
    const p = await open({ deals: [NEGOTIATING, LOST] });
    await selectCell(p, SHEETS.deals, 3, 1);
    const frame = await openFromMenu(p, 'Карточка клиента');

    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe('ООО «Тепло»');
    await expect(frame.locator('dd[data-field="ИНН"]').textContent()).resolves.toBe('7707083893');
    await expect(frame.locator('.deal').evaluateAll((n) => n.map((d) => d.getAttribute('data-deal')))).resolves.toEqual(
      ['С-00001', 'С-00002'],
    );

    const open1 = deal(frame, 'С-00001');
    await expect(open1.locator('.funnel .step').count()).resolves.toBe(9);
    await expect(open1.locator('.funnel .step.current').getAttribute('data-stage')).resolves.toBe('Переговоры');
    await expect(open1.locator('.funnel .step.done').count()).resolves.toBe(3);
    await expect(open1.locator('.stage-name').textContent()).resolves.toBe('Этап 4 из 9: Переговоры');
    // the moves allowed now: the next stage, «Отказ», and back to any earlier stage
    await expect(
      open1.locator('.moves [data-move]').evaluateAll((n) => n.map((b) => b.getAttribute('data-move'))),
    ).resolves.toEqual(['КП отправлено', 'Отказ']);
    await expect(open1.locator('.back-select option').allTextContents()).resolves.toEqual([
      'Вернуть на этап…',
      'Надёжность оценена',
      'Потребность выявлена',
      'Новый',
    ]);
    await expect(open1.locator('.needs').textContent()).resolves.toBe(
      'Для «КП отправлено» нужно: Сумма КП, руб., Дата КП',
    );

    const lost = deal(frame, 'С-00002');
    await expect(lost.locator('.funnel.lost .lost-mark').getAttribute('data-stage')).resolves.toBe('Отказ');
    await expect(lost.locator('.funnel .step.current').count()).resolves.toBe(0);
    await expect(lost.locator('.stage-name.lost').textContent()).resolves.toBe('Отказ');
  });

  it('shows the Russian message of an error the server threw, through google.script.run’s failure handler', async () => {
    // a deal whose client is not on «Клиенты»: getClientCard throws, as on Google the call then fails
    const p = await open({ deals: [fullDeal('С-00001', 'Новый', { 'ID клиента': 'К-00009' })] }, IVANOV);
    await selectCell(p, SHEETS.deals, 2, 3);
    const failed = p.waitForResponse(
      (r) => r.url().endsWith('/api/run') && (r.request().postData() ?? '').includes('"getClientCard"'),
    );
    const frame = await openFromMenu(p, 'Карточка клиента');
    // the server's answer is a failure with the thrown message, not a value
    await expect((await failed).json()).resolves.toMatchObject({
      ok: false,
      error: 'Клиента «К-00009» нет на листе «Клиенты»',
    });
    await expect(frame.locator('.empty').textContent()).resolves.toBe('Клиента «К-00009» нет на листе «Клиенты»');
    await expect(frame.locator('.deal').count()).resolves.toBe(0);
  });

  it('asks for exactly the missing fields of a move, shows the server error, then moves the deal', async () => {
    const p = await open({ deals: [NEGOTIATING] }, IVANOV);
    await selectCell(p, SHEETS.deals, 2, 3);
    const frame = await openFromMenu(p, 'Карточка клиента');
    const card = deal(frame, 'С-00001');

    await card.locator('[data-move="КП отправлено"]').click();
    const form = card.locator('form.move-form');
    await expect(
      form.locator('.field').evaluateAll((n) => n.map((f) => f.getAttribute('data-field'))),
    ).resolves.toEqual(['Сумма КП, руб.', 'Дата КП']);
    await expect(form.locator('[name="Дата КП"]').getAttribute('type')).resolves.toBe('date');

    // Only the amount: the server keeps the deal where it is and names the date.
    await form.locator('[name="Сумма КП, руб."]').fill('480000');
    await form.locator('button[type="submit"]').click();
    await idle(frame);
    await expect(form.locator('[data-error-for="Дата КП"]').textContent()).resolves.toMatch(/«Дата КП» не заполнено/);
    expect((await dealRows())[0]['Этап']).toBe('Переговоры');

    await form.locator('[name="Дата КП"]').fill('2026-03-05');
    await form.locator('button[type="submit"]').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="КП отправлено"]').waitFor();
    await expect(frame.locator('.notice.ok').textContent()).resolves.toBe(
      'Сделка С-00001 переведена на этап «КП отправлено»',
    );
    await expect(card.locator('.funnel .step.current').getAttribute('data-stage')).resolves.toBe('КП отправлено');

    const [saved] = await dealRows();
    expect(saved['Этап']).toBe('КП отправлено');
    expect(saved['Сумма КП, руб.']).toBe(480000);
    expect(dayOf(saved['Дата КП'])).toBe('05.03.2026');
    expect(dayOf(saved['Дата этапа'])).toBe(TODAY);
  });

  it('runs a new client from «Новый» to «Исполнение» for a specialist, and the director completes it', async () => {
    const p = await open({}, IVANOV);
    let frame = await openFromMenu(p, 'Новый клиент');
    await frame.locator('[name="Клиент"]').fill('ООО «Северный ветер»');
    await frame.locator('[name="Тип"]').selectOption('Юрлицо');
    await frame.locator('[name="ИНН"]').fill('5001007329');
    await frame.locator('[name="Телефон"]').fill('8 (495) 111-22-33');
    await frame.locator('[name="Источник"]').selectOption('Сайт');
    await frame.locator('button[type="submit"]', { hasText: 'Создать клиента' }).click();
    await frame.locator('h2.client-name[data-client="К-00002"]').waitFor();
    await expect(frame.locator('dd[data-field="Телефон"]').textContent()).resolves.toBe('+74951112233');

    await frame.locator('[data-new-deal]').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Новый"]').waitFor();

    const values: Record<string, string> = {
      Направление: 'Электрообогрев',
      Потребность: 'Обогрев цеха',
      'Потенциал, руб.': '900000',
      Надёжность: 'Средняя',
      'Основание оценки': 'Бухгалтерская отчётность',
      'Дата переговоров': '2026-04-01',
      'Сумма КП, руб.': '850000',
      'Дата КП': '2026-04-03',
      'Дата встречи': '2026-04-08',
      '№ договора': '21/26',
      'Дата договора': '2026-04-10',
      'Сумма договора, руб.': '820000',
      'Себестоимость, руб.': '510000',
    };
    const path = [
      'Потребность выявлена',
      'Надёжность оценена',
      'Переговоры',
      'КП отправлено',
      'Согласование договора',
      'Договор заключён',
      'Исполнение',
    ];
    const asked: string[] = [];
    for (const stage of path) {
      const block = deal(frame, 'С-00001');
      await block.locator(`[data-move="${stage}"]`).click();
      if (stage !== 'Исполнение') asked.push(...(await fillMoveForm(frame, 'С-00001', values)));
      await frame.locator(`.deal[data-deal="С-00001"][data-stage="${stage}"]`).waitFor();
    }
    // every stage's fields were asked for once, where they are needed
    expect(asked).toEqual(Object.keys(values));
    await expect(frame.locator('.client-fields dd[data-field="Статус клиента"]').textContent()).resolves.toBe('Клиент');

    // «Дата оплаты» of a signed deal decides pay: the director enters it and completes the deal
    await actAs(p, DIRECTOR);
    await selectCell(p, SHEETS.deals, 2, 1);
    frame = await openFromMenu(p, 'Карточка клиента');
    await deal(frame, 'С-00001').locator('[data-move="Завершена"]').click();
    expect(await fillMoveForm(frame, 'С-00001', { 'Дата оплаты': '2026-04-20' })).toEqual(['Дата оплаты']);
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Завершена"]').waitFor();
    await expect(deal(frame, 'С-00001').locator('.moves [data-move]').count()).resolves.toBe(0);

    const [saved] = await dealRows();
    expect(saved).toMatchObject({
      Этап: 'Завершена',
      'Сумма договора, руб.': 820000,
      'ID клиента': 'К-00002',
      Ответственный: IVANOV,
    });
    expect(dayOf(saved['Дата оплаты'])).toBe('20.04.2026');

    // The card opens again from the menu for the client's row.
    await selectCell(p, SHEETS.clients, 3, 2);
    frame = await openFromMenu(p, 'Карточка клиента');
    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe('ООО «Северный ветер»');
  });
});

describe('contacts and the director', () => {
  it('logs a contact with the next contact date, and lets the director override a stage with a reason', async () => {
    const p = await open({ deals: [NEGOTIATING] });
    await selectCell(p, SHEETS.deals, 2, 1);
    const frame = await openFromMenu(p, 'Карточка клиента');

    await frame.locator('details.contact summary', { hasText: 'Записать контакт' }).click();
    const form = frame.locator('form.contact-form');
    await form.locator('[data-field="Тип"] select').selectOption('Встреча');
    await form.locator('[data-field="ID сделки"] select').selectOption('С-00001');
    await form.locator('textarea').fill('Обсудили смету');
    await form.locator('input[type="date"]').fill('2026-05-12');
    await form.locator('button[type="submit"]').click();
    await frame.locator('ul.contacts li', { hasText: 'Обсудили смету' }).waitFor();
    await expect(frame.locator('.next-contact input').inputValue()).resolves.toBe('2026-05-12');
    expect(
      (await pages.saved(SHEETS.contacts)).map((c) => [
        c['ID сделки'],
        c['Тип'],
        c['Результат'],
        dayOf(c['Следующий контакт']),
      ]),
    ).toEqual([['С-00001', 'Встреча', 'Обсудили смету', '12.05.2026']]);
    expect(dayOf((await pages.saved(SHEETS.clients))[0]['Следующий контакт'])).toBe('12.05.2026');

    const override = deal(frame, 'С-00001').locator('details.override', { hasText: 'Сменить этап (директор)' });
    await override.locator('summary').click();
    await override.locator('select').selectOption('Исполнение');
    await override.locator('input').fill('Договор подписан на бумаге');
    await override.locator('button').click();
    await frame.locator('.deal[data-deal="С-00001"][data-stage="Исполнение"]').waitFor();
    expect((await dealRows())[0]['Этап']).toBe('Исполнение');
    const log = await pages.saved(SHEETS.log);
    expect(
      log.some((r) => r['Действие'] === 'Этап изменён директором' && r['Комментарий'] === 'Договор подписан на бумаге'),
    ).toBe(true);
  });
});

describe('the new-client form', () => {
  it('shows the server errors under each field', async () => {
    const p = await open({}, IVANOV);
    const frame = await openFromMenu(p, 'Новый клиент');
    await frame.locator('[name="Тип"]').selectOption('Юрлицо');
    await frame.locator('[name="ИНН"]').fill('123');
    await frame.locator('[name="Email"]').fill('a@');
    await frame.locator('button[type="submit"]').click();
    await idle(frame);
    await expect(frame.locator('[data-error-for="Клиент"]').textContent()).resolves.toMatch(/название/);
    await expect(frame.locator('[data-error-for="ИНН"]').textContent()).resolves.toMatch(/10 цифр/);
    await expect(frame.locator('[data-error-for="Email"]').textContent()).resolves.toMatch(/e-mail/);
    await expect(frame.locator('[data-error-for="Источник"]').textContent()).resolves.toMatch(/источник/i);
    expect(await pages.saved(SHEETS.clients)).toHaveLength(1);
  });

  it('warns about a client with the same ИНН, phone or e-mail and creates it only on «Всё равно создать»', async () => {
    const p = await open({}, IVANOV);
    const frame = await openFromMenu(p, 'Новый клиент');
    await frame.locator('[name="Клиент"]').fill('Тепло, филиал');
    await frame.locator('[name="Тип"]').selectOption('Юрлицо');
    await frame.locator('[name="ИНН"]').fill('7707083893');
    await frame.locator('[name="Телефон"]').fill('8 912 345-67-89');
    await frame.locator('[name="Email"]').fill('INFO@teplo.ru');
    await frame.locator('[name="Источник"]').selectOption('Выставка');
    await frame.locator('button[type="submit"]').click();

    const warning = frame.locator('.duplicates');
    await warning.waitFor();
    await expect(warning.locator('li[data-client="К-00001"]').textContent()).resolves.toBe(
      'ООО «Тепло» К-00001 — совпадает: ИНН, Телефон, Email',
    );
    expect(await pages.saved(SHEETS.clients)).toHaveLength(1);

    await warning.locator('[data-create-anyway]').click();
    await frame.locator('h2.client-name[data-client="К-00002"]').waitFor();
    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe('Тепло, филиал');
    const clients = await pages.saved(SHEETS.clients);
    expect(clients.map((c) => [c['ID клиента'], c['Клиент'], c['Телефон']])).toEqual([
      ['К-00001', 'ООО «Тепло»', '+79123456789'],
      ['К-00002', 'Тепло, филиал', '+79123456789'],
    ]);
  });
});

describe('text from the workbook', () => {
  const HOSTILE = '<img src=x onerror=alert(1)>';

  it('shows a client name with HTML in it as text and runs nothing', async () => {
    const client = { ...CLIENT_A, Клиент: HOSTILE, 'Контактное лицо': '<b>Иван</b>' };
    const p = await open({
      clients: [client],
      deals: [{ ...NEGOTIATING, Клиент: HOSTILE, Потребность: '<script>alert(2)</script>' }],
    });
    await selectCell(p, SHEETS.clients, 2, 2);
    const frame = await openFromMenu(p, 'Карточка клиента');
    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe(HOSTILE);
    await expect(frame.locator('dd[data-field="Контактное лицо"]').textContent()).resolves.toBe('<b>Иван</b>');
    await deal(frame, 'С-00001').locator('details.more summary').click();
    await expect(deal(frame, 'С-00001').locator('dd', { hasText: '<script>' }).textContent()).resolves.toBe(
      '<script>alert(2)</script>',
    );
    await expect(frame.locator('img, b, script:not(:is(head script, body > script))').count()).resolves.toBe(0);
    expect(pages.dialogs()).toEqual([]);
  });
});

describe('«Мои задачи»', () => {
  it('lists the overdue items oldest first and opens the client of a task', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);
    const p = await open(
      {
        clients: [{ ...CLIENT_A, 'Следующий контакт': day(-2) }],
        deals: [{ ...NEGOTIATING, 'Следующий шаг': day(-5) }],
      },
      IVANOV,
    );
    const frame = await openFromMenu(p, 'Мои задачи');
    await expect(frame.locator('.task').evaluateAll((n) => n.map((t) => t.getAttribute('data-task')))).resolves.toEqual(
      ['С-00001', 'К-00001'],
    );
    await expect(frame.locator('.task[data-task="С-00001"] .overdue').textContent()).resolves.toBe('просрочено 5 дней');
    await expect(frame.locator('.task[data-task="К-00001"] .overdue').textContent()).resolves.toBe('просрочено 2 дня');
    await frame.locator('.task[data-task="С-00001"]').click();
    await frame.locator('h2.client-name[data-client="К-00001"]').waitFor();
    await expect(frame.locator('.tab[aria-selected="true"]').textContent()).resolves.toBe('Карточка');
  });
});

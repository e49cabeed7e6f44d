/**
 * «Мои задачи» in the sidebar on the local page: the specialist's plan in three
 * groups (overdue, today, the next seven days) with an item of each kind — a
 * deal's «Следующий шаг», a client's «Следующий контакт», a «Дата встречи»
 * and a claim's «Срок ответа» — and each item opening its client's card.
 */
import { CLIENT_A, fullDeal, IVANOV, PETROVA, type Row } from '../crm/crm-workbook';
import { idle, openFromMenu, sidebarPages } from './sidebar-page';

jest.setTimeout(240_000);

function day(offset: number): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
}

const CLIENT_B: Row = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'ООО «Фасад»',
  ИНН: '',
  Телефон: '+74950000002',
  Email: 'fasad@example.ru',
  'Следующий контакт': day(3),
};

const pages = sidebarPages();

describe('«Мои задачи»', () => {
  it('groups overdue, today and this week with every kind of item, each opening its card', async () => {
    const p = await pages.open(
      {
        clients: [CLIENT_A, CLIENT_B],
        deals: [
          fullDeal('С-00001', 'Переговоры', { 'Следующий шаг': day(-2), 'Дата встречи': '' }),
          fullDeal('С-00002', 'КП отправлено', { 'Дата встречи': day(0) }),
          fullDeal('С-00003', 'КП отправлено', { 'Дата встречи': day(1), Ответственный: PETROVA }),
        ],
        claims: [
          {
            ID: 'П-00001',
            Дата: day(-4),
            'ID клиента': 'К-00002',
            Суть: 'Трещина на панели',
            Ответственный: IVANOV,
            'Срок ответа': day(5),
            Статус: 'В работе',
          },
        ],
      },
      IVANOV,
    );
    const frame = await openFromMenu(p, 'Мои задачи');
    const groups = await frame
      .locator('.task-group')
      .evaluateAll((nodes) =>
        nodes.map((g) => [
          g.querySelector('h3')?.textContent,
          Array.from(g.querySelectorAll('.task')).map(
            (t) => `${t.getAttribute('data-kind')} ${t.getAttribute('data-task')}`,
          ),
        ]),
      );
    expect(groups).toEqual([
      ['Просрочено (1)', ['deal С-00001']],
      ['Сегодня (1)', ['meeting С-00002']],
      ['На неделе (2)', ['client К-00002', 'claim П-00001']],
    ]);
    await expect(frame.locator('.task[data-task="С-00001"] .overdue').textContent()).resolves.toBe('просрочено 2 дня');
    await expect(frame.locator('.task[data-task="С-00002"] .kind').textContent()).resolves.toBe('Встреча · С-00002');

    await frame.locator('.task[data-task="П-00001"]').click();
    await idle(frame);
    await expect(frame.locator('h2.client-name').textContent()).resolves.toBe('ООО «Фасад»');
  });
});

import { agendaItems } from '../../../src/domain/crm/agenda';

const TODAY = new Date(2026, 2, 18, 10, 30);
const day = (offset: number) => new Date(2026, 2, 18 + offset);
const ME = 'ivanov@proekt-a.ru';

describe('the agenda', () => {
  const input = {
    deals: [
      {
        'ID сделки': 'С-00001',
        'ID клиента': 'К-00001',
        Клиент: 'А',
        Ответственный: ME,
        Этап: 'Переговоры',
        'Следующий шаг': day(-3),
      },
      {
        'ID сделки': 'С-00002',
        'ID клиента': 'К-00001',
        Клиент: 'А',
        Ответственный: ME,
        Этап: 'КП отправлено',
        'Дата встречи': day(0),
      },
      {
        'ID сделки': 'С-00003',
        'ID клиента': 'К-00002',
        Клиент: 'Б',
        Ответственный: ME,
        Этап: 'КП отправлено',
        'Дата встречи': day(-1),
        'Следующий шаг': day(8),
      },
      {
        'ID сделки': 'С-00004',
        'ID клиента': 'К-00002',
        Клиент: 'Б',
        Ответственный: ME,
        Этап: 'Отказ',
        'Следующий шаг': day(-1),
      },
      {
        'ID сделки': 'С-00005',
        'ID клиента': 'К-00003',
        Клиент: 'В',
        Ответственный: 'petrova@proekt-a.ru',
        Этап: 'Новый',
        'Следующий шаг': day(0),
      },
    ],
    clients: [
      {
        'ID клиента': 'К-00001',
        Клиент: 'А',
        Ответственный: ME,
        'Следующий контакт': day(7),
        'Статус клиента': 'Клиент',
      },
      {
        'ID клиента': 'К-00002',
        Клиент: 'Б',
        Ответственный: ME,
        'Следующий контакт': day(2),
        'Статус клиента': 'Неактивный',
      },
    ],
    claims: [
      { ID: 'П-00001', Дата: day(-10), 'ID клиента': 'К-00001', Суть: 'Брак', Ответственный: ME, Статус: 'Новая' },
      {
        ID: 'П-00002',
        Дата: day(-5),
        'ID клиента': 'К-00002',
        Суть: 'Срок',
        Ответственный: ME,
        Статус: 'В работе',
        'Срок ответа': day(3),
      },
      { ID: 'П-00003', Дата: day(-30), 'ID клиента': 'К-00002', Суть: 'Старая', Ответственный: ME, Статус: 'Решена' },
    ],
  };

  it('puts overdue, today and the next seven days in order, of every kind, for one owner', () => {
    const items = agendaItems(input, TODAY, { owner: 'IVANOV@proekt-a.ru', claimDeadlineDays: 10 });
    expect(items.map((i) => [i.kind, i.id, i.bucket, i.daysOverdue])).toEqual([
      ['deal', 'С-00001', 'overdue', 3],
      ['meeting', 'С-00002', 'today', 0],
      ['claim', 'П-00001', 'today', 0],
      ['claim', 'П-00002', 'week', -3],
      ['client', 'К-00001', 'week', -7],
    ]);
    expect(items[1].what).toBe('Сделка С-00002 (А, этап «КП отправлено»): встреча сегодня');
    expect(items[0].what).toBe('Сделка С-00001 (А, этап «Переговоры»): следующий шаг просрочен');
  });

  it('leaves out past meetings, closed deals and claims, inactive clients and what is beyond a week', () => {
    const ids = agendaItems(input, TODAY).map((i) => `${i.kind} ${i.id}`);
    expect(ids).not.toContain('meeting С-00003');
    expect(ids).not.toContain('deal С-00003');
    expect(ids).not.toContain('deal С-00004');
    expect(ids).not.toContain('client К-00002');
    expect(ids).not.toContain('claim П-00003');
    expect(ids).toContain('deal С-00005');
  });
});

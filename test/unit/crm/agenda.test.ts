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

describe('every field of an agenda item', () => {
  const deals = [
    {
      'ID сделки': 'С-00010',
      'ID клиента': 'К-00010',
      Клиент: 'ООО Тепло',
      Ответственный: 'Petrova@proekt-a.ru',
      Этап: 'Переговоры',
      'Следующий шаг': '10.03.2026',
      'Дата встречи': day(7),
    },
    { 'ID сделки': 'С-00011', Клиент: 'Г', Ответственный: ME, Этап: 'Завершена', 'Следующий шаг': day(0) },
    {
      'ID сделки': 'С-00012',
      Клиент: 'Г',
      Ответственный: ME,
      Этап: 'Новый',
      'Следующий шаг': 'скоро',
      'Дата встречи': day(8),
    },
  ];
  const clients = [
    { 'ID клиента': 'К-00010', Клиент: 'ООО Тепло', Ответственный: ME, 'Следующий контакт': day(-1) },
    { 'ID клиента': 'К-00011', Клиент: 'Д', Ответственный: ME, 'Следующий контакт': '' },
  ];
  const claims = [
    { ID: 'П-00010', Дата: day(-12), 'ID клиента': 'К-00010', Суть: 'Брак', Ответственный: ME, Статус: 'Новая' },
    { ID: 'П-00011', Дата: day(-12), Суть: 'Отказ', Ответственный: ME, Статус: 'Отклонена' },
    { ID: 'П-00012', Суть: 'Без даты', Ответственный: ME, Статус: 'Новая' },
    { ID: 'П-00013', Дата: day(-3), Суть: 'Сроки', Ответственный: ME, Статус: 'В работе' },
  ];

  it('lists overdue items oldest first, with their subject, owner and days, a claim 10 days after it came by default', () => {
    expect(agendaItems({ deals, clients, claims }, TODAY)).toEqual([
      {
        kind: 'deal',
        id: 'С-00010',
        clientId: 'К-00010',
        title: 'ООО Тепло',
        owner: 'Petrova@proekt-a.ru',
        due: new Date(2026, 2, 10),
        bucket: 'overdue',
        daysOverdue: 8,
        what: 'Сделка С-00010 (ООО Тепло, этап «Переговоры»): следующий шаг просрочен',
      },
      {
        kind: 'claim',
        id: 'П-00010',
        clientId: 'К-00010',
        title: 'Брак',
        owner: ME,
        due: new Date(2026, 2, 16),
        bucket: 'overdue',
        daysOverdue: 2,
        what: 'Претензия П-00010 (Брак): срок ответа истёк',
      },
      {
        kind: 'client',
        id: 'К-00010',
        clientId: 'К-00010',
        title: 'ООО Тепло',
        owner: ME,
        due: day(-1),
        bucket: 'overdue',
        daysOverdue: 1,
        what: 'Клиент К-00010 (ООО Тепло): следующий контакт просрочен',
      },
      // the same day: in the order of the tabs, deals before claims
      {
        kind: 'meeting',
        id: 'С-00010',
        clientId: 'К-00010',
        title: 'ООО Тепло',
        owner: 'Petrova@proekt-a.ru',
        due: day(7),
        bucket: 'week',
        daysOverdue: -7,
        what: 'Сделка С-00010 (ООО Тепло, этап «Переговоры»): встреча',
      },
      {
        kind: 'claim',
        id: 'П-00013',
        clientId: '',
        title: 'Сроки',
        owner: ME,
        due: day(7),
        bucket: 'week',
        daysOverdue: -7,
        what: 'Претензия П-00013 (Сроки): срок ответа',
      },
    ]);
  });

  it('takes the claim time from «Настройки», and an owner with spaces and capitals', () => {
    const mine = agendaItems({ deals, clients, claims }, TODAY, {
      owner: '  PETROVA@proekt-a.ru ',
      claimDeadlineDays: 3,
    });
    expect(mine.map((i) => `${i.kind} ${i.id}`)).toEqual(['deal С-00010', 'meeting С-00010']);
    const claimsOnly = agendaItems({ deals: [], clients: [], claims }, TODAY, { claimDeadlineDays: 3 });
    expect(claimsOnly.map((i) => [i.id, i.bucket, i.daysOverdue])).toEqual([
      ['П-00010', 'overdue', 9],
      ['П-00013', 'today', 0],
    ]);
    expect(claimsOnly[1].what).toBe('Претензия П-00013 (Сроки): срок ответа сегодня');
  });

  it('says «сегодня» for each kind due today', () => {
    const today = agendaItems(
      {
        deals: [{ 'ID сделки': 'С-1', Клиент: 'Е', Этап: 'Новый', 'Следующий шаг': day(0) }],
        clients: [{ 'ID клиента': 'К-1', Клиент: 'Е', 'Следующий контакт': day(0) }],
        claims: [],
      },
      TODAY,
    );
    expect(today.map((i) => [i.bucket, i.what])).toEqual([
      ['today', 'Сделка С-1 (Е, этап «Новый»): следующий шаг сегодня'],
      ['today', 'Клиент К-1 (Е): следующий контакт сегодня'],
    ]);
    const ahead = agendaItems(
      {
        deals: [{ 'ID сделки': 'С-1', Клиент: 'Е', Этап: 'Новый', 'Следующий шаг': day(1) }],
        clients: [{ 'ID клиента': 'К-1', Клиент: 'Е', 'Следующий контакт': day(2) }],
        claims: [],
      },
      TODAY,
    );
    expect(ahead.map((i) => i.what)).toEqual([
      'Сделка С-1 (Е, этап «Новый»): следующий шаг',
      'Клиент К-1 (Е): следующий контакт',
    ]);
  });
});

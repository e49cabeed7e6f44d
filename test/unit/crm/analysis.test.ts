import {
  analysisData,
  lastClosedMonth,
  parsePeriod,
  type AnalysisClient,
  type AnalysisData,
  type AnalysisDeal,
  type Period,
} from '../../../src/domain/crm/analysis';
import { DomainError } from '../../../src/domain/money';
import type { HistoryEntry } from '../../../src/domain/crm/stage-stats';

const day = (d: number, m: number, y = 2026, h = 10) => new Date(y, m - 1, d, h);
const NOW = day(15, 4);

describe('the period the director types', () => {
  it('defaults to the month before this one, December across the new year', () => {
    expect(lastClosedMonth(day(15, 3))).toEqual({
      start: day(1, 2, 2026, 0),
      end: day(1, 3, 2026, 0),
      label: '02.2026',
    });
    expect(lastClosedMonth(day(1, 1))).toEqual({
      start: day(1, 12, 2025, 0),
      end: day(1, 1, 2026, 0),
      label: '12.2025',
    });
    expect(lastClosedMonth(day(31, 12))).toEqual({
      start: day(1, 11, 2026, 0),
      end: day(1, 12, 2026, 0),
      label: '11.2026',
    });
    expect(parsePeriod('  ', NOW)).toEqual({ start: day(1, 3, 2026, 0), end: day(1, 4, 2026, 0), label: '03.2026' });
  });

  it('reads a month as 03.2026, 3.2026, 2026-03 or 2026-3', () => {
    const march = { start: day(1, 3, 2026, 0), end: day(1, 4, 2026, 0), label: '03.2026' };
    expect(parsePeriod('03.2026', NOW)).toEqual(march);
    expect(parsePeriod(' 3.2026 ', NOW)).toEqual(march);
    expect(parsePeriod('2026-03', NOW)).toEqual(march);
    expect(parsePeriod('2026-3', NOW)).toEqual(march);
    expect(parsePeriod('12.2025', NOW)).toEqual({
      start: day(1, 12, 2025, 0),
      end: day(1, 1, 2026, 0),
      label: '12.2025',
    });
    expect(parsePeriod('1.2026', NOW).label).toBe('01.2026');
    expect(parsePeriod('2026-12', NOW).end).toEqual(day(1, 1, 2027, 0));
    expect(parsePeriod('2026-1', NOW).label).toBe('01.2026');
  });

  it('refuses a month or a day with anything typed before or after it', () => {
    for (const text of ['03.2026 г', 'г2026-03', '2026-03x', '01.03.20261–31.03.2026']) {
      expect(() => parsePeriod(text, NOW)).toThrow(DomainError);
    }
  });

  it('reads two days, both included, with a dash, «..» or «с … по …»', () => {
    const firstHalf = { start: day(1, 3, 2026, 0), end: day(16, 3, 2026, 0), label: '01.03.2026–15.03.2026' };
    expect(parsePeriod('01.03.2026–15.03.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('1.3.2026 - 15.3.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('01.03.2026 — 15.03.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('01.03.2026..15.03.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('с 01.03.2026 по 15.03.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('с01.03.2026 по15.03.2026', NOW)).toEqual(firstHalf);
    expect(parsePeriod('31.12.2025–31.12.2025', NOW)).toEqual({
      start: day(31, 12, 2025, 0),
      end: day(1, 1, 2026, 0),
      label: '31.12.2025–31.12.2025',
    });
  });

  it.each([
    '13.2026',
    '0.2026',
    '2026-13',
    '2026-00',
    'март',
    '15.03.2026–01.03.2026',
    '31.02.2026–10.03.2026',
    '01.03.2026–01.13.2026',
    '01.03.2026–32.03.2026',
    '01.03.2026',
    'x01.03.2026–15.03.2026',
    '01.03.2026–15.03.2026x',
    '01.03.2026с–15.03.2026',
    '01.03.2026–15.03.2026–31.03.2026',
  ])('refuses «%s» and says how to type a period', (text) => {
    expect(() => parsePeriod(text, NOW)).toThrow(
      new DomainError(
        `«${text}» — не период. Введите месяц как 03.2026 или два дня как 01.03.2026–31.03.2026 (пусто — прошлый месяц)`,
      ),
    );
    expect(() => parsePeriod(text, NOW)).toThrow(DomainError);
  });
});

const MARCH: Period = { start: day(1, 3, 2026, 0), end: day(1, 4, 2026, 0), label: '03.2026' };

const client = (id: string, source: string, type: string, city: string, created: Date | null): AnalysisClient => ({
  id,
  source,
  type,
  city,
  created,
});

const CLIENTS = [
  client('К2', 'Сайт', 'ИП', '', day(20, 2)),
  client('К4', '', 'Юрлицо', 'Казань', day(1, 4, 2026, 0)),
  client('К3', 'Выставка', 'Физлицо', 'Пермь', day(31, 3, 2026, 23)),
  client('К1', 'Выставка', 'Юрлицо', 'Пермь', day(5, 3)),
  client('К5', 'Реклама', 'Юрлицо', 'Пермь', null),
];

const deal = (
  over: Partial<AnalysisDeal> & Pick<AnalysisDeal, 'id' | 'clientId' | 'owner' | 'stage'>,
): AnalysisDeal => ({
  stageDate: null,
  direction: '',
  lossReason: '',
  competitor: '',
  contractDate: null,
  paymentDate: null,
  contractAmount: null,
  ...over,
});

/**
 * By hand, for March 2026 (sales by contract date):
 * С1 opened 06.03 (history), won 10.03 for 50 000 ₽; С2 lost 15.03 (history); С3 opened 12.03 («Дата этапа» at «Новый»);
 * С4 opened in February, lost in February, reopened and lost again 20.03; С5 signed 28.02, paid 15.03;
 * С6 lost 10.03 («Дата этапа», no history) with a contract amount that is not a sale; С7 signed without an amount;
 * С8 lost 31.03 at 20:00 without a reason.
 */
const DEALS = [
  deal({
    id: 'С1',
    clientId: 'К1',
    owner: 'Ivanov@firma.ru',
    stage: 'Завершена',
    stageDate: day(5, 4),
    direction: 'ПОЛИФАСАД',
    contractDate: day(10, 3),
    paymentDate: day(5, 4),
    contractAmount: 5_000_000,
  }),
  deal({
    id: 'С2',
    clientId: 'К2',
    owner: 'petrov@firma.ru',
    stage: 'Отказ',
    stageDate: day(15, 3),
    lossReason: 'Цена',
  }),
  deal({
    id: 'С3',
    clientId: 'К1',
    owner: 'ivanov@firma.ru',
    stage: 'Новый',
    stageDate: day(12, 3),
    direction: 'Электрообогрев',
  }),
  deal({
    id: 'С4',
    clientId: 'К3',
    owner: 'petrov@firma.ru',
    stage: 'Отказ',
    stageDate: day(2, 4),
    direction: 'ПОЛИФАСАД',
    lossReason: 'Выбрал конкурента',
    competitor: 'ТеплоПро',
  }),
  deal({
    id: 'С5',
    clientId: 'К9',
    owner: 'sidorov@firma.ru',
    stage: 'Исполнение',
    stageDate: day(28, 2),
    direction: 'Электрообогрев',
    contractDate: day(28, 2),
    paymentDate: day(15, 3),
    contractAmount: 2_000_000,
  }),
  deal({
    id: 'С6',
    clientId: 'К2',
    owner: 'sidorov@firma.ru',
    stage: 'Отказ',
    stageDate: day(10, 3),
    direction: 'Электрообогрев',
    lossReason: 'Выбрал конкурента',
    competitor: 'Тёплый дом',
    contractDate: day(10, 3),
    contractAmount: 3_000_000,
  }),
  deal({
    id: 'С7',
    clientId: 'К1',
    owner: 'ivanov@firma.ru',
    stage: 'Договор заключён',
    stageDate: day(15, 3),
    direction: 'ПОЛИФАСАД',
    contractDate: day(15, 3),
  }),
  deal({
    id: 'С8',
    clientId: 'К4',
    owner: 'petrov@firma.ru',
    stage: 'Отказ',
    stageDate: day(31, 3, 2026, 20),
    direction: 'ПОЛИФАСАД',
  }),
];

const entry = (dealId: string, time: Date, from: string, to: string): HistoryEntry => ({ dealId, time, from, to });

const HISTORY: HistoryEntry[] = [
  entry('С1', day(6, 3), '', 'Новый'),
  entry('С1', day(7, 3), 'Новый', 'Потребность выявлена'),
  entry('С1', day(8, 3), 'Потребность выявлена', 'Надёжность оценена'),
  entry('С1', day(8, 3, 2026, 16), 'Надёжность оценена', 'Переговоры'),
  entry('С1', day(9, 3), 'Переговоры', 'КП отправлено'),
  entry('С1', day(9, 3, 2026, 12), 'КП отправлено', 'Согласование договора'),
  entry('С1', day(10, 3), 'Согласование договора', 'Договор заключён'),
  entry('С1', day(12, 3), 'Договор заключён', 'Исполнение'),
  entry('С1', day(5, 4), 'Исполнение', 'Завершена'),
  entry('С2', day(25, 2), '', 'Новый'),
  entry('С2', day(15, 3), 'Новый', 'Отказ'),
  // С4's entries out of time order, as rows sorted by hand may be
  entry('С4', day(20, 3), 'Новый', 'Отказ'),
  entry('С4', day(1, 2), '', 'Новый'),
  entry('С4', day(28, 2), 'Новый', 'Отказ'),
  entry('С4', day(10, 3), 'Отказ', 'Новый'),
];

const NAMES = new Map([
  ['ivanov@firma.ru', 'Иванов И.'],
  ['petrov@firma.ru', 'Петров П.'],
]);

const row = (
  name: string,
  clients: number,
  deals: number,
  won: number,
  lost: number,
  sales: number,
  conversion: number | null,
) => ({
  name,
  clients,
  deals,
  won,
  lost,
  sales,
  conversion,
});

describe('the analysis of a month', () => {
  // computed in each test, not while tests are collected, so a change to the code shows in every test
  let march: AnalysisData;
  beforeEach(() => {
    march = analysisData({
      clients: CLIENTS,
      deals: DEALS,
      history: HISTORY,
      names: NAMES,
      salesBy: 'contract',
      period: MARCH,
    });
  });

  it('keeps the period it was asked for', () => {
    expect(march.period).toBe(MARCH);
  });

  it('counts clients, deals, won, lost and sales by source, biggest sales first', () => {
    expect(march.bySource).toEqual([
      row('Выставка', 2, 2, 1, 1, 5_000_000, 0.5),
      row('Сайт', 0, 0, 0, 2, 0, 0),
      row('(не указано)', 0, 0, 0, 1, 0, 0),
    ]);
  });

  it('by client type and by city, more new clients first when sales are equal', () => {
    expect(march.byType).toEqual([
      row('Юрлицо', 1, 2, 1, 1, 5_000_000, 0.5),
      row('Физлицо', 1, 0, 0, 1, 0, 0),
      row('ИП', 0, 0, 0, 2, 0, 0),
    ]);
    expect(march.byCity).toEqual([
      row('Пермь', 2, 2, 1, 1, 5_000_000, 0.5),
      row('(не указано)', 0, 0, 0, 2, 0, 0),
      row('Казань', 0, 0, 0, 1, 0, 0),
    ]);
  });

  it('by direction, more new deals first when sales and clients are equal', () => {
    expect(march.byDirection).toEqual([
      row('ПОЛИФАСАД', 0, 1, 1, 2, 5_000_000, 1 / 3),
      row('Электрообогрев', 0, 1, 0, 1, 0, 0),
      row('(не указано)', 0, 0, 0, 1, 0, 0),
    ]);
  });

  it('by specialist, named from «Сотрудники» whatever the case of the e-mail, else by e-mail', () => {
    expect(march.bySpecialist).toEqual([
      row('Иванов И.', 0, 2, 1, 0, 5_000_000, 1),
      row('Петров П.', 0, 0, 0, 3, 0, 0),
      row('sidorov@firma.ru', 0, 0, 0, 1, 0, 0),
    ]);
  });

  it('counts loss reasons and competitors of the deals lost in the month, most frequent first', () => {
    expect(march.lossReasons).toEqual([
      { name: 'Выбрал конкурента', count: 2 },
      { name: 'Цена', count: 1 },
      { name: '(не указано)', count: 1 },
    ]);
    expect(march.competitors).toEqual([
      { name: 'ТеплоПро', count: 1 },
      { name: 'Тёплый дом', count: 1 },
    ]);
  });

  it('converts stage to stage and gives the median days of the stays finished by the end of the month', () => {
    expect(march.stages).toEqual([
      { from: 'Новый', to: 'Потребность выявлена', entered: 2, advanced: 1, rate: 0.5, medianDays: 14 },
      { from: 'Потребность выявлена', to: 'Надёжность оценена', entered: 1, advanced: 1, rate: 1, medianDays: 1 },
      { from: 'Надёжность оценена', to: 'Переговоры', entered: 1, advanced: 1, rate: 1, medianDays: 0.3 },
      { from: 'Переговоры', to: 'КП отправлено', entered: 1, advanced: 1, rate: 1, medianDays: 0.8 },
      { from: 'КП отправлено', to: 'Согласование договора', entered: 1, advanced: 1, rate: 1, medianDays: 0.1 },
      { from: 'Согласование договора', to: 'Договор заключён', entered: 1, advanced: 1, rate: 1, medianDays: 0.9 },
      { from: 'Договор заключён', to: 'Исполнение', entered: 1, advanced: 1, rate: 1, medianDays: 2 },
      { from: 'Исполнение', to: 'Завершена', entered: 1, advanced: 1, rate: 1, medianDays: null },
    ]);
  });

  it('counts sales by payment date when «Настройки» say so', () => {
    const paid = analysisData({
      clients: CLIENTS,
      deals: DEALS,
      history: HISTORY,
      names: NAMES,
      salesBy: 'payment',
      period: MARCH,
    });
    expect(paid.bySource).toEqual([
      row('(не указано)', 0, 0, 1, 1, 2_000_000, 0.5),
      row('Выставка', 2, 2, 0, 1, 0, 0),
      row('Сайт', 0, 0, 0, 2, 0, 0),
    ]);
    expect(paid.bySpecialist).toEqual([
      row('sidorov@firma.ru', 0, 0, 1, 1, 2_000_000, 0.5),
      row('Иванов И.', 0, 2, 0, 0, 0, null),
      row('Петров П.', 0, 0, 0, 3, 0, 0),
    ]);
  });

  it('is empty for a month without activity', () => {
    const quiet = analysisData({
      clients: CLIENTS,
      deals: DEALS,
      history: HISTORY,
      names: NAMES,
      salesBy: 'contract',
      period: { start: day(1, 6, 2026, 0), end: day(1, 7, 2026, 0), label: '06.2026' },
    });
    expect(quiet.bySource).toEqual([]);
    expect(quiet.bySpecialist).toEqual([]);
    expect(quiet.lossReasons).toEqual([]);
    expect(quiet.stages.map((s) => s.entered)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(quiet.stages[0].medianDays).toBe(14);
  });
});

describe('the analysis at the edges of the period', () => {
  const analyse = (clients: AnalysisClient[], deals: AnalysisDeal[], history: HistoryEntry[]) =>
    analysisData({ clients, deals, history, names: new Map(), salesBy: 'contract', period: MARCH });

  it('counts a client and a deal from the first moment of the period', () => {
    const first = day(1, 3, 2026, 0);
    const data = analyse(
      [client('К1', 'Сайт', 'Юрлицо', 'Пермь', first)],
      [deal({ id: 'С1', clientId: 'К1', owner: 'a@firma.ru', stage: 'Новый' })],
      [entry('С1', first, '', 'Новый')],
    );
    expect(data.bySource).toEqual([row('Сайт', 1, 1, 0, 0, 0, null)]);
  });

  it('takes the latest «Отказ» of a deal lost, reopened and lost again', () => {
    const lostTwice = [
      entry('С1', day(1, 2), '', 'Новый'),
      entry('С1', day(10, 2), 'Новый', 'Отказ'),
      entry('С1', day(2, 3), 'Отказ', 'Новый'),
      entry('С1', day(5, 3), 'Новый', 'Отказ'),
    ];
    const data = analyse(
      [],
      [deal({ id: 'С1', clientId: 'К1', owner: 'a@firma.ru', stage: 'Отказ', lossReason: 'Цена' })],
      lostTwice,
    );
    expect(data.lossReasons).toEqual([{ name: 'Цена', count: 1 }]);
  });

  it('puts more new clients first when sales are equal, whatever order the clients come in', () => {
    const created = day(10, 3);
    const data = analyse(
      [
        client('К1', 'Сайт', '', '', created),
        client('К2', 'Выставка', '', '', created),
        client('К3', 'Выставка', '', '', created),
        client('К4', 'Выставка', '', '', created),
        client('К5', 'Реклама', '', '', created),
        client('К6', 'Реклама', '', '', created),
      ],
      [],
      [],
    );
    expect(data.bySource.map((r) => [r.name, r.clients])).toEqual([
      ['Выставка', 3],
      ['Реклама', 2],
      ['Сайт', 1],
    ]);
  });

  it('leaves a stay that ends at the first moment after the period out of its days', () => {
    // the move on at 00:00 on 1 April is April's: in March the stay at «Новый» has not ended
    const data = analyse(
      [],
      [deal({ id: 'С1', clientId: 'К1', owner: 'a@firma.ru', stage: 'Потребность выявлена' })],
      [entry('С1', day(10, 3), '', 'Новый'), entry('С1', day(1, 4, 2026, 0), 'Новый', 'Потребность выявлена')],
    );
    expect(data.stages[0]).toMatchObject({ from: 'Новый', entered: 1, medianDays: null });
  });

  it('counts a specialist once whatever the case of the e-mail, named or not', () => {
    const opened = (id: string, owner: string) => deal({ id, clientId: 'К1', owner, stage: 'Новый' });
    const data = analysisData({
      clients: [],
      deals: [opened('С1', 'Sidorov@firma.ru'), opened('С2', ' sidorov@firma.ru'), opened('С3', 'IVANOV@firma.ru ')],
      history: ['С1', 'С2', 'С3'].map((id) => entry(id, day(10, 3), '', 'Новый')),
      names: new Map([['ivanov@firma.ru', 'Иванов И.']]),
      salesBy: 'contract',
      period: MARCH,
    });
    expect(data.bySpecialist).toEqual([
      row('sidorov@firma.ru', 0, 2, 0, 0, 0, null),
      row('Иванов И.', 0, 1, 0, 0, 0, null),
    ]);
  });

  it('gives a deal whose client is not on «Клиенты» no type and no city', () => {
    const data = analyse(
      [],
      [deal({ id: 'С1', clientId: 'К404', owner: 'a@firma.ru', stage: 'Новый' })],
      [entry('С1', day(10, 3), '', 'Новый')],
    );
    expect(data.byType).toEqual([row('(не указано)', 0, 1, 0, 0, 0, null)]);
    expect(data.byCity).toEqual([row('(не указано)', 0, 1, 0, 0, 0, null)]);
  });
});

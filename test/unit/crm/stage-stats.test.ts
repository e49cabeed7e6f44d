import {
  daysInStage,
  stageConversion,
  staysOf,
  stuckDeals,
  type HistoryEntry,
} from '../../../src/domain/crm/stage-stats';

const at = (day: number, hour = 10) => new Date(2026, 2, day, hour);
const move = (dealId: string, day: number, from: string, to: string, hour = 10): HistoryEntry => ({
  time: at(day, hour),
  dealId,
  from,
  to,
});

/**
 * Three deals by hand:
 * С-1: Новый 1.03 → Потребность 3.03 → Надёжность 10.03 → Отказ 12.03
 * С-2: Новый 2.03 → Потребность 6.03 → back to Новый 7.03 → Потребность 9.03
 * С-3: Новый 5.03, still there
 */
const HISTORY: HistoryEntry[] = [
  move('С-1', 1, '', 'Новый'),
  move('С-1', 3, 'Новый', 'Потребность выявлена'),
  move('С-1', 10, 'Потребность выявлена', 'Надёжность оценена'),
  move('С-1', 12, 'Надёжность оценена', 'Отказ'),
  move('С-2', 2, '', 'Новый'),
  move('С-2', 6, 'Новый', 'Потребность выявлена'),
  move('С-2', 7, 'Потребность выявлена', 'Новый'),
  move('С-2', 9, 'Новый', 'Потребность выявлена'),
  move('С-3', 5, '', 'Новый'),
];

describe('figures from the stage history', () => {
  it('converts each stage to the next: of the deals that entered, those that went on', () => {
    const conv = stageConversion(HISTORY);
    expect(conv[0]).toEqual({ from: 'Новый', to: 'Потребность выявлена', entered: 3, advanced: 2, rate: 2 / 3 });
    expect(conv[1]).toEqual({
      from: 'Потребность выявлена',
      to: 'Надёжность оценена',
      entered: 2,
      advanced: 1,
      rate: 0.5,
    });
    expect(conv[2]).toMatchObject({ from: 'Надёжность оценена', entered: 1, advanced: 0, rate: 0 });
    expect(conv[3]).toMatchObject({ entered: 0, rate: null });
    expect(conv).toHaveLength(8);
  });

  it('counts only deals that entered the stage within a period', () => {
    const conv = stageConversion(HISTORY, { start: at(2, 0), end: at(6, 0) });
    // С-2 (2.03) and С-3 (5.03) entered «Новый» then; only С-2 went on
    expect(conv[0]).toMatchObject({ entered: 2, advanced: 1, rate: 0.5 });
  });

  it('gives the median days of finished stays in each stage', () => {
    const days = daysInStage(HISTORY);
    // «Новый»: С-1 2 days, С-2 4 days then 2 days; С-3 still there (not counted)
    expect(days[0]).toEqual({ stage: 'Новый', stays: 3, medianDays: 2 });
    // «Потребность выявлена»: С-1 7 days, С-2 1 day; С-2's second stay is open
    expect(days[1]).toEqual({ stage: 'Потребность выявлена', stays: 2, medianDays: 4 });
    expect(days[2]).toEqual({ stage: 'Надёжность оценена', stays: 1, medianDays: 2 });
    expect(days[3]).toEqual({ stage: 'Переговоры', stays: 0, medianDays: null });
  });

  it('lists open deals standing still longer than the setting, longest first', () => {
    const deals = [
      { dealId: 'С-1', client: 'А', owner: 'a@x.ru', stage: 'Отказ', stageDate: at(12) },
      { dealId: 'С-2', client: 'Б', owner: 'b@x.ru', stage: 'Потребность выявлена', stageDate: at(9) },
      { dealId: 'С-3', client: 'В', owner: 'a@x.ru', stage: 'Новый', stageDate: null },
      // no history: «Дата этапа» decides
      { dealId: 'С-4', client: 'Г', owner: 'b@x.ru', stage: 'Переговоры', stageDate: at(1, 0) },
      { dealId: 'С-5', client: 'Д', owner: 'b@x.ru', stage: 'Переговоры', stageDate: null },
    ];
    const stuck = stuckDeals(deals, HISTORY, at(24, 12), 14);
    expect(stuck.map((d) => [d.dealId, d.days])).toEqual([
      ['С-4', 23],
      ['С-3', 19],
      ['С-2', 15],
    ]);
    expect(stuckDeals(deals, HISTORY, at(24, 12), 20).map((d) => d.dealId)).toEqual(['С-4']);
  });
});

describe('stage figures at their edges', () => {
  it('skips entries without a deal or a stage, and sorts each deal\u2019s entries by time', () => {
    const history = [
      move('С-7', 9, 'Новый', 'Потребность выявлена'),
      move('С-7', 4, '', 'Новый'),
      move('', 5, '', 'Новый'),
      move('С-8', 5, 'Новый', ''),
    ];
    expect(staysOf(history)).toEqual([
      { dealId: 'С-7', stage: 'Новый', start: at(4), end: at(9) },
      { dealId: 'С-7', stage: 'Потребность выявлена', start: at(9), end: null },
    ]);
  });

  it('counts a move on only after the entry in the period, the period\u2019s end excluded', () => {
    // С-9 went on to «Потребность выявлена» on 3.03, back to «Новый» on 5.03, and no further
    const history = [
      move('С-9', 1, '', 'Новый'),
      move('С-9', 3, 'Новый', 'Потребность выявлена'),
      move('С-9', 5, 'Потребность выявлена', 'Новый'),
      move('С-10', 6, '', 'Новый', 0),
    ];
    expect(stageConversion(history, { start: at(4, 0), end: at(6, 0) })[0]).toEqual({
      from: 'Новый',
      to: 'Потребность выявлена',
      entered: 1,
      advanced: 0,
      rate: 0,
    });
    expect(stageConversion(history, { start: at(1, 0), end: at(6, 0) })[0]).toMatchObject({ entered: 1, advanced: 1 });
    expect(stageConversion(history, { start: at(1, 0), end: at(6, 1) })[0]).toMatchObject({ entered: 2, advanced: 1 });
    expect(stageConversion(history, { start: at(1, 11), end: at(6, 1) })[0]).toMatchObject({ entered: 2, advanced: 0 });
  });

  it('takes the middle stay of an odd count and rounds the median to a tenth of a day', () => {
    const history = [
      move('С-1', 1, '', 'Новый', 0),
      move('С-1', 2, 'Новый', 'Потребность выявлена', 8), // 1⅓ days
      move('С-2', 1, '', 'Новый', 0),
      move('С-2', 1, 'Новый', 'Потребность выявлена', 6), // ¼ day
      move('С-3', 1, '', 'Новый', 0),
      move('С-3', 11, 'Новый', 'Потребность выявлена', 0), // 10 days
    ];
    expect(daysInStage(history)[0]).toEqual({ stage: 'Новый', stays: 3, medianDays: 1.3 });
    expect(daysInStage(history.slice(0, 4))[0]).toEqual({ stage: 'Новый', stays: 2, medianDays: 0.8 });
    expect(daysInStage([])).toHaveLength(8);
  });

  it('does not count a deal standing exactly the set days, nor a closed or unnamed one', () => {
    const deals = [
      { dealId: 'С-1', client: 'А', owner: 'a@x.ru', stage: 'Новый', stageDate: at(10, 12) },
      { dealId: 'С-2', client: 'Б', owner: 'a@x.ru', stage: 'Новый', stageDate: at(10, 13) },
      { dealId: 'С-3', client: 'В', owner: 'a@x.ru', stage: 'Завершена', stageDate: at(1) },
      { dealId: '', client: 'Г', owner: 'a@x.ru', stage: 'Новый', stageDate: at(1) },
      { dealId: 'С-5', client: 'Д', owner: 'a@x.ru', stage: '', stageDate: at(1) },
    ];
    expect(stuckDeals(deals, [], at(24, 12), 13)).toEqual([
      {
        dealId: 'С-1',
        client: 'А',
        owner: 'a@x.ru',
        stage: 'Новый',
        stageDate: at(10, 12),
        since: at(10, 12),
        days: 14,
      },
    ]);
  });

  it('dates a stay from the latest history entry into the current stage, else «Дата этапа»', () => {
    const history = [move('С-1', 2, '', 'Новый'), move('С-1', 5, 'Новый', 'Новый'), move('С-2', 5, '', 'Новый')];
    const deals = [
      { dealId: 'С-1', client: 'А', owner: 'a@x.ru', stage: 'Новый', stageDate: at(1) },
      // the last entry is into another stage: «Дата этапа» decides
      { dealId: 'С-2', client: 'Б', owner: 'a@x.ru', stage: 'Переговоры', stageDate: at(3) },
    ];
    expect(stuckDeals(deals, history, at(20), 1).map((d) => [d.dealId, d.since, d.days])).toEqual([
      ['С-2', at(3), 17],
      ['С-1', at(5), 15],
    ]);
  });
  it('counts a stay from the period’s first moment and a move on in the same minute', () => {
    // С-1 enters «Новый» exactly at the period's start and goes on at the same moment
    const history = [move('С-1', 4, '', 'Новый', 0), move('С-1', 4, 'Новый', 'Потребность выявлена', 0)];
    expect(stageConversion(history, { start: at(4, 0), end: at(5, 0) })[0]).toMatchObject({ entered: 1, advanced: 1 });
  });

  it('counts a deal that entered a stage twice by its first entry', () => {
    // С-1: Новый 1.03 → Потребность 2.03 → back to Новый 3.03; the period starts on 1.03, so it went on
    const history = [
      move('С-1', 1, '', 'Новый'),
      move('С-1', 2, 'Новый', 'Потребность выявлена'),
      move('С-1', 3, 'Потребность выявлена', 'Новый'),
    ];
    expect(stageConversion(history)[0]).toMatchObject({ entered: 1, advanced: 1 });
  });

  it('takes the latest entry by time whatever the rows’ order, and the later row of two at one moment', () => {
    const history = [
      move('С-1', 9, 'Новый', 'Переговоры'),
      move('С-1', 2, '', 'Новый'),
      move('С-2', 6, '', 'Новый'),
      move('С-2', 6, 'Новый', 'Переговоры'),
    ];
    const deals = [
      { dealId: 'С-1', client: 'А', owner: 'a@x.ru', stage: 'Переговоры', stageDate: at(1) },
      { dealId: 'С-2', client: 'Б', owner: 'a@x.ru', stage: 'Переговоры', stageDate: at(1) },
    ];
    expect(stuckDeals(deals, history, at(20), 1).map((d) => [d.dealId, d.since, d.days])).toEqual([
      ['С-2', at(6), 14],
      ['С-1', at(9), 11],
    ]);
  });
});

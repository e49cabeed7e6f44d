import { allowedMoves, checkTransition, missingForStage } from '../../../src/domain/crm/funnel';
import type { RowRecord } from '../../../src/domain/crm/records';
import { STAGES, type Stage } from '../../../src/domain/workbook/schema';

const client: RowRecord = {
  'ID клиента': 'К-00001',
  Клиент: 'ООО Тепло',
  Тип: 'Юрлицо',
  ИНН: '7707083893',
  Источник: 'Выставка',
};

/** A deal with every field of stages 1..n filled. */
function dealAt(stage: Stage): Record<string, unknown> {
  const all: Record<string, unknown> = {
    'ID сделки': 'С-00001',
    'ID клиента': 'К-00001',
    Ответственный: 'ivanov@firma.ru',
    Направление: 'ПОЛИФАСАД',
    Потребность: 'Утепление фасада склада',
    'Потенциал, руб.': 500000,
    Надёжность: 'Высокая',
    'Основание оценки': 'Бухгалтерская отчётность за 2025',
    'Дата переговоров': new Date(2026, 2, 2),
    'Сумма КП, руб.': 480000,
    'Дата КП': new Date(2026, 2, 5),
    'Дата встречи': new Date(2026, 2, 10),
    '№ договора': '15/26',
    'Дата договора': new Date(2026, 2, 12),
    'Сумма договора, руб.': 470000,
    'Себестоимость, руб.': 300000,
    'Дата оплаты': new Date(2026, 2, 20),
  };
  return { ...all, Этап: stage };
}

describe('forward moves: one stage at a time, with the fields of the target and every earlier stage', () => {
  it.each(STAGES.slice(1).map((to, i) => [STAGES[i], to] as const))('%s → %s is allowed when filled', (from, to) => {
    expect(checkTransition(dealAt(from), client, from, to)).toEqual({ ok: true, kind: 'forward' });
  });

  it('refuses skipping a stage and names the only next stage', () => {
    const result = checkTransition(dealAt('Новый'), client, 'Новый', 'Надёжность оценена');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/нельзя пропускать.*«Потребность выявлена»/);
  });

  it('a new deal starts at «Новый» only', () => {
    expect(checkTransition(dealAt('Новый'), client, '', 'Новый')).toEqual({ ok: true, kind: 'start' });
    expect(checkTransition(dealAt('Новый'), client, '', 'Переговоры').ok).toBe(false);
  });

  it.each([
    ['Новый', ['ID клиента', 'Ответственный']],
    ['Потребность выявлена', ['Направление', 'Потребность', 'Потенциал, руб.']],
    ['Надёжность оценена', ['Надёжность', 'Основание оценки']],
    ['Переговоры', ['Дата переговоров']],
    ['КП отправлено', ['Сумма КП, руб.', 'Дата КП']],
    ['Согласование договора', ['Дата встречи']],
    ['Договор заключён', ['№ договора', 'Дата договора', 'Сумма договора, руб.', 'Себестоимость, руб.']],
    ['Завершена', ['Дата оплаты']],
  ] as const)('entering «%s» requires %j', (stage, headers) => {
    const index = STAGES.indexOf(stage);
    const from = index === 0 ? '' : STAGES[index - 1];
    for (const header of headers) {
      const deal = { ...dealAt(from || 'Новый'), [header]: '' };
      const result = checkTransition(deal, client, from, stage);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.missing.map((m) => m.header)).toContain(header);
    }
  });

  it('«Исполнение» needs nothing beyond «Договор заключён»', () => {
    expect(missingForStage('Исполнение', dealAt('Договор заключён'), client)).toEqual([]);
  });

  it('also requires the fields of earlier stages that were cleared since', () => {
    const deal = { ...dealAt('Переговоры'), Потребность: '' };
    const result = checkTransition(deal, client, 'Переговоры', 'КП отправлено');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing.map((m) => m.header)).toEqual(['Потребность']);
  });

  it('needs the client\u2019s «Источник» to enter «Новый», and a known client', () => {
    const result = checkTransition(dealAt('Новый'), { ...client, Источник: '' }, '', 'Новый');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual([expect.objectContaining({ header: 'Источник', on: 'client' })]);
    expect(checkTransition(dealAt('Новый'), null, '', 'Новый').ok).toBe(false);
  });

  it('refuses a date that is not a date, a negative amount and a value off the list', () => {
    const from = 'Потребность выявлена';
    let result = checkTransition({ ...dealAt(from), Надёжность: 'Отличная' }, client, from, 'Надёжность оценена');
    expect(!result.ok && result.missing[0].message).toMatch(/Высокая, Средняя, Низкая/);
    result = checkTransition(
      { ...dealAt('Надёжность оценена'), 'Дата переговоров': 'скоро' },
      client,
      'Надёжность оценена',
      'Переговоры',
    );
    expect(!result.ok && result.missing[0].message).toMatch(/датой/);
    result = checkTransition({ ...dealAt('Переговоры'), 'Сумма КП, руб.': -5 }, client, 'Переговоры', 'КП отправлено');
    expect(!result.ok && result.missing[0].message).toMatch(/неотрицательным/);
  });
});

describe('«Надёжность оценена» needs a valid ИНН for Юрлицо and ИП', () => {
  const from = 'Потребность выявлена';
  const to = 'Надёжность оценена';
  it('refuses a legal entity whose ИНН fails the checksum', () => {
    const result = checkTransition(dealAt(from), { ...client, ИНН: '7707083894' }, from, to);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual([expect.objectContaining({ header: 'ИНН', on: 'client' })]);
  });
  it('refuses an ИП with a 10-digit ИНН', () => {
    expect(checkTransition(dealAt(from), { ...client, Тип: 'ИП' }, from, to).ok).toBe(false);
    expect(checkTransition(dealAt(from), { ...client, Тип: 'ИП', ИНН: '500100732259' }, from, to).ok).toBe(true);
  });
  it('lets an individual pass without an ИНН', () => {
    expect(checkTransition(dealAt(from), { ...client, Тип: 'Физлицо', ИНН: '' }, from, to).ok).toBe(true);
  });
});

describe('moves back, «Отказ» and reopening', () => {
  it('allows going back to any earlier stage, marked as a move back', () => {
    expect(checkTransition(dealAt('КП отправлено'), client, 'КП отправлено', 'Новый')).toEqual({
      ok: true,
      kind: 'back',
    });
    expect(checkTransition(dealAt('Завершена'), client, 'Завершена', 'Переговоры')).toEqual({ ok: true, kind: 'back' });
  });

  it('«Отказ» needs «Причина отказа», and «Конкурент» when the reason is «Выбрал конкурента»', () => {
    const deal = dealAt('Переговоры');
    let result = checkTransition(deal, client, 'Переговоры', 'Отказ');
    expect(!result.ok && result.missing.map((m) => m.header)).toEqual(['Причина отказа']);
    result = checkTransition({ ...deal, 'Причина отказа': 'Выбрал конкурента' }, client, 'Переговоры', 'Отказ');
    expect(!result.ok && result.missing.map((m) => m.header)).toEqual(['Конкурент']);
    result = checkTransition(
      { ...deal, 'Причина отказа': 'Выбрал конкурента', Конкурент: 'ТеплоПро' },
      client,
      'Переговоры',
      'Отказ',
    );
    expect(result).toEqual({ ok: true, kind: 'lost' });
    expect(checkTransition({ ...deal, 'Причина отказа': 'Цена' }, client, 'Переговоры', 'Отказ').ok).toBe(true);
  });

  it('«Отказ» is not possible after the contract is signed', () => {
    const deal = { ...dealAt('Исполнение'), 'Причина отказа': 'Цена' };
    expect(checkTransition(deal, client, 'Исполнение', 'Отказ').ok).toBe(false);
  });

  it('reopens only to the stage the deal was lost at', () => {
    const deal = { ...dealAt('Переговоры'), Этап: 'Отказ', 'Причина отказа': 'Цена' };
    expect(checkTransition(deal, client, 'Отказ', 'Переговоры', { lostAt: 'Переговоры' })).toEqual({
      ok: true,
      kind: 'reopen',
    });
    const other = checkTransition(deal, client, 'Отказ', 'Новый', { lostAt: 'Переговоры' });
    expect(!other.ok && other.reason).toMatch(/«Переговоры»/);
    expect(checkTransition(deal, client, 'Отказ', 'Переговоры').ok).toBe(false);
  });
});

describe('allowedMoves lists what the sidebar offers, with what is missing', () => {
  it('offers the next stage with its missing fields, every earlier stage and «Отказ»', () => {
    const deal = { ...dealAt('Переговоры'), 'Сумма КП, руб.': '' };
    const moves = allowedMoves(deal, client);
    expect(moves.map((m) => m.to)).toEqual([
      'КП отправлено',
      'Надёжность оценена',
      'Потребность выявлена',
      'Новый',
      'Отказ',
    ]);
    expect(moves[0]).toMatchObject({
      allowed: false,
      missing: [expect.objectContaining({ header: 'Сумма КП, руб.' })],
    });
    expect(moves[1]).toMatchObject({ allowed: true, kind: 'back' });
    expect(moves[4]).toMatchObject({
      allowed: false,
      missing: [expect.objectContaining({ header: 'Причина отказа' })],
    });
  });

  it('offers only the reopening stage from «Отказ», and nothing forward from «Завершена»', () => {
    const lost = { ...dealAt('КП отправлено'), Этап: 'Отказ' };
    expect(allowedMoves(lost, client, { lostAt: 'КП отправлено' }).map((m) => m.to)).toEqual(['КП отправлено']);
    const done = allowedMoves(dealAt('Завершена'), client);
    expect(done.every((m) => m.kind === 'back')).toBe(true);
    expect(done).toHaveLength(8);
  });
});

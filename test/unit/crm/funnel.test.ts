import {
  allowedMoves,
  checkTransition,
  fallbackStage,
  isOpenStage,
  isReopening,
  lostAtAfter,
  isStage,
  missingForStage,
  REOPEN_CLEARS,
  stageIndex,
} from '../../../src/domain/crm/funnel';
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

describe('what the funnel says, word for word', () => {
  const refusal = (reason: string, missing: unknown[] = []) => ({ ok: false, reason, missing });

  it('names a value that is not a stage, a start elsewhere than «Новый» and a skipped stage', () => {
    expect(checkTransition(dealAt('Новый'), client, 'Новый', 'Выиграна' as Stage)).toEqual(
      refusal('«Выиграна» — не этап воронки'),
    );
    expect(checkTransition(dealAt('Новый'), client, '', 'Отказ')).toEqual(
      refusal('Новая сделка начинается с этапа «Новый»; этапы нельзя пропускать'),
    );
    expect(checkTransition(dealAt('КП отправлено'), client, 'Переговоры', 'Согласование договора')).toEqual(
      refusal('Этапы нельзя пропускать: с этапа «Переговоры» можно перейти только на «КП отправлено»'),
    );
  });

  it('allows «Отказ» up to «Согласование договора» and refuses it from «Договор заключён» on', () => {
    const lost = (stage: Stage) => ({ ...dealAt(stage), 'Причина отказа': 'Нет бюджета' });
    expect(checkTransition(lost('Согласование договора'), client, 'Согласование договора', 'Отказ')).toEqual({
      ok: true,
      kind: 'lost',
    });
    expect(checkTransition(lost('Новый'), client, 'Новый', 'Отказ')).toEqual({ ok: true, kind: 'lost' });
    expect(checkTransition(lost('Договор заключён'), client, 'Договор заключён', 'Отказ')).toEqual(
      refusal('Отказ возможен только до заключения договора, а сделка на этапе «Договор заключён»'),
    );
    expect(checkTransition(lost('Завершена'), client, 'Завершена', 'Отказ')).toEqual(
      refusal('Отказ возможен только до заключения договора, а сделка на этапе «Завершена»'),
    );
    expect(checkTransition(lost('Новый'), client, 'Отказ', 'Отказ')).toEqual({ ok: true, kind: 'same' });
  });

  it('explains a reopening it cannot do', () => {
    const deal = { ...dealAt('Переговоры'), Этап: 'Отказ' };
    expect(checkTransition(deal, client, 'Отказ', 'Переговоры', { lostAt: null })).toEqual(
      refusal('Неизвестно, на каком этапе сделка была проиграна; вернуть её может директор через карточку клиента'),
    );
    expect(checkTransition(deal, client, 'Отказ', 'Новый', { lostAt: 'Переговоры' })).toEqual(
      refusal('Сделку из «Отказ» можно вернуть только на этап, где она была проиграна: «Переговоры»'),
    );
    const emptied = { ...deal, 'Дата переговоров': '' };
    expect(checkTransition(emptied, client, 'Отказ', 'Переговоры', { lostAt: 'Переговоры' })).toEqual(
      refusal('Для этапа «Переговоры» не хватает: «Дата переговоров» не заполнено', [
        { header: 'Дата переговоров', on: 'deal', message: '«Дата переговоров» не заполнено' },
      ]),
    );
  });

  it('lists every missing field with what is wrong, in the order of the stages', () => {
    const deal = {
      ...dealAt('Переговоры'),
      'Потенциал, руб.': 'полмиллиона',
      'Сумма КП, руб.': ' ',
      'Дата КП': '32.03.2026',
    };
    expect(checkTransition(deal, client, 'Переговоры', 'КП отправлено')).toEqual(
      refusal(
        'Для этапа «КП отправлено» не хватает: «Потенциал, руб.» должно быть неотрицательным числом; ' +
          '«Сумма КП, руб.» не заполнено; «Дата КП» должно быть датой',
        [
          { header: 'Потенциал, руб.', on: 'deal', message: '«Потенциал, руб.» должно быть неотрицательным числом' },
          { header: 'Сумма КП, руб.', on: 'deal', message: '«Сумма КП, руб.» не заполнено' },
          { header: 'Дата КП', on: 'deal', message: '«Дата КП» должно быть датой' },
        ],
      ),
    );
  });

  it.each([
    [
      'Потребность выявлена',
      'Направление',
      'Вентиляция',
      '«Направление»: выберите одно из значений: Электрообогрев, ПОЛИФАСАД, Электрообогрев и ПОЛИФАСАД',
    ],
    [
      'Надёжность оценена',
      'Надёжность',
      'высокая',
      '«Надёжность»: выберите одно из значений: Высокая, Средняя, Низкая',
    ],
    ['Переговоры', 'Дата переговоров', 'вчера', '«Дата переговоров» должно быть датой'],
    ['КП отправлено', 'Дата КП', 45000, '«Дата КП» должно быть датой'],
    ['Согласование договора', 'Дата встречи', '2026-02-30', '«Дата встречи» должно быть датой'],
    ['Договор заключён', 'Дата договора', 'март', '«Дата договора» должно быть датой'],
    ['Договор заключён', 'Сумма договора, руб.', '-1', '«Сумма договора, руб.» должно быть неотрицательным числом'],
    ['Договор заключён', 'Себестоимость, руб.', 'дорого', '«Себестоимость, руб.» должно быть неотрицательным числом'],
    ['Завершена', 'Дата оплаты', 'скоро', '«Дата оплаты» должно быть датой'],
  ] as const)('entering «%s», «%s» = %p is refused', (stage, header, value, message) => {
    expect(missingForStage(stage, { ...dealAt(stage), [header]: value }, client)).toEqual([
      { header, on: 'deal', message },
    ]);
  });

  it('takes free text as it is in text fields', () => {
    expect(missingForStage('Договор заключён', { ...dealAt('Договор заключён'), '№ договора': 15 }, client)).toEqual(
      [],
    );
    expect(
      missingForStage('Надёжность оценена', { ...dealAt('Надёжность оценена'), 'Основание оценки': 0 }, client),
    ).toEqual([]);
  });

  it('sends the specialist to the client card for the source, the type and the ИНН', () => {
    expect(missingForStage('Новый', dealAt('Новый'), { ...client, Источник: ' ' })).toEqual([
      { header: 'Источник', on: 'client', message: '«Источник» в карточке клиента не заполнено' },
    ]);
    expect(missingForStage('Надёжность оценена', dealAt('Надёжность оценена'), null)).toEqual([
      { header: 'Источник', on: 'client', message: '«Источник» в карточке клиента (клиент не найден в «Клиенты»)' },
    ]);
    expect(missingForStage('Надёжность оценена', dealAt('Надёжность оценена'), { ...client, Тип: '' })).toEqual([
      { header: 'Тип', on: 'client', message: '«Тип» в карточке клиента не заполнен' },
    ]);
    expect(missingForStage('Потребность выявлена', dealAt('Потребность выявлена'), { ...client, Тип: '' })).toEqual([]);
    expect(missingForStage('Завершена', dealAt('Завершена'), { ...client, ИНН: '7707083894' })).toEqual([
      {
        header: 'ИНН',
        on: 'client',
        message:
          'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки (карточка клиента)',
      },
    ]);
    expect(missingForStage('Завершена', dealAt('Завершена'), { ...client, Тип: 'ИП', ИНН: '' })).toEqual([
      { header: 'ИНН', on: 'client', message: 'ИНН не заполнен (карточка клиента)' },
    ]);
  });

  it('asks for the loss reason only at «Отказ», and the competitor only when the reason is a competitor', () => {
    const bare = { 'ID сделки': 'С-00002', Этап: 'Новый' };
    expect(missingForStage('Отказ', { ...bare, 'Причина отказа': 'Выбрал конкурента', Конкурент: ' ' }, null)).toEqual([
      { header: 'Конкурент', on: 'deal', message: '«Конкурент» не заполнено (причина — «Выбрал конкурента»)' },
    ]);
    expect(missingForStage('Отказ', { ...bare, 'Причина отказа': 'Дорого' }, null)).toEqual([
      {
        header: 'Причина отказа',
        on: 'deal',
        message:
          '«Причина отказа»: выберите одно из значений: Цена, Выбрал конкурента, Нет бюджета, Нет связи, Низкая надёжность, Другое',
      },
    ]);
    expect(missingForStage('Отказ', { ...bare, 'Причина отказа': 'Нет связи' }, null)).toEqual([]);
  });
});

describe('stages and their order', () => {
  it('knows the stages and which of them are open', () => {
    expect(isStage('Отказ')).toBe(true);
    expect(isStage('Завершена')).toBe(true);
    expect(isStage('')).toBe(false);
    expect(isStage('завершена')).toBe(false);
    expect(isStage(3)).toBe(false);
    expect(stageIndex('Новый')).toBe(0);
    expect(stageIndex('Завершена')).toBe(8);
    expect(stageIndex('Отказ')).toBe(-1);
    expect(['Новый', 'Согласование договора', 'Договор заключён', 'Отказ', ''].map(isOpenStage)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('reopens only from «Отказ» to a stage, and clears the loss fields then', () => {
    expect(isReopening('Отказ', 'Новый')).toBe(true);
    expect(isReopening('Отказ', 'Отказ')).toBe(false);
    expect(isReopening('Отказ', '')).toBe(false);
    expect(isReopening('Переговоры', 'Новый')).toBe(false);
    expect(REOPEN_CLEARS).toEqual(['Причина отказа', 'Конкурент']);
  });

  it('remembers the stage a deal was lost at only for a move to «Отказ» from a stage', () => {
    expect(lostAtAfter('Переговоры', 'Отказ')).toBe('Переговоры');
    expect(lostAtAfter('', 'Отказ')).toBe('');
    expect(lostAtAfter('Отказ', 'Переговоры')).toBe('');
    expect(lostAtAfter('Переговоры', 'КП отправлено')).toBe('');
  });

  it('falls back to the furthest filled stage up to the one given, at least «Новый»', () => {
    expect(fallbackStage({ ...dealAt('Переговоры'), 'Сумма КП, руб.': '' }, client, 'Завершена')).toBe('Переговоры');
    expect(fallbackStage(dealAt('Завершена'), client, 'КП отправлено')).toBe('КП отправлено');
    expect(fallbackStage(dealAt('Завершена'), client, 'Завершена')).toBe('Завершена');
    expect(fallbackStage(dealAt('Завершена'), client, 'Отказ')).toBe('Новый');
    expect(fallbackStage(dealAt('Завершена'), client, 'Выиграна')).toBe('Новый');
    expect(fallbackStage({}, client, 'Переговоры')).toBe('Новый');
    // a gap stops the climb even when later stages are filled
    expect(fallbackStage({ ...dealAt('Завершена'), Надёжность: '' }, client, 'Завершена')).toBe('Потребность выявлена');
  });
});

describe('the moves the sidebar offers', () => {
  it('offers a deal without a stage only «Новый», as its start', () => {
    expect(allowedMoves({ ...dealAt('Новый'), Этап: '' }, client)).toEqual([
      { to: 'Новый', kind: 'start', allowed: true, missing: [], reason: '' },
    ]);
    expect(allowedMoves({ ...dealAt('Новый'), Этап: 'Выиграна' }, client).map((m) => m.to)).toEqual(['Новый']);
    const blocked = allowedMoves({ ...dealAt('Новый'), Этап: '', Ответственный: '' }, client);
    expect(blocked).toEqual([
      {
        to: 'Новый',
        kind: 'forward',
        allowed: false,
        missing: [{ header: 'Ответственный', on: 'deal', message: '«Ответственный» не заполнено' }],
        reason: 'Для этапа «Новый» не хватает: «Ответственный» не заполнено',
      },
    ]);
  });

  it('from «Новый» offers the next stage and «Отказ», marking each kind', () => {
    const moves = allowedMoves(dealAt('Новый'), client);
    expect(moves.map((m) => [m.to, m.kind, m.allowed])).toEqual([
      ['Потребность выявлена', 'forward', true],
      ['Отказ', 'lost', false],
    ]);
    expect(moves[1].reason).toBe('Для этапа «Отказ» не хватает: «Причина отказа» не заполнено');
  });

  it('from a signed stage offers the next stage and every earlier one, not «Отказ»', () => {
    expect(allowedMoves(dealAt('Исполнение'), client).map((m) => m.to)).toEqual([
      'Завершена',
      'Договор заключён',
      'Согласование договора',
      'КП отправлено',
      'Переговоры',
      'Надёжность оценена',
      'Потребность выявлена',
      'Новый',
    ]);
  });

  it('from «Отказ» offers the reopening stage with what it lacks, or nothing when the stage is unknown', () => {
    const lost = { ...dealAt('КП отправлено'), Этап: 'Отказ', 'Дата КП': '' };
    expect(allowedMoves(lost, client, { lostAt: 'КП отправлено' })).toEqual([
      {
        to: 'КП отправлено',
        kind: 'reopen',
        allowed: false,
        missing: [{ header: 'Дата КП', on: 'deal', message: '«Дата КП» не заполнено' }],
        reason: 'Для этапа «КП отправлено» не хватает: «Дата КП» не заполнено',
      },
    ]);
    expect(allowedMoves(lost, client)).toEqual([]);
    expect(allowedMoves({ ...lost, 'Дата КП': new Date(2026, 2, 5) }, client, { lostAt: 'КП отправлено' })).toEqual([
      { to: 'КП отправлено', kind: 'reopen', allowed: true, missing: [], reason: '' },
    ]);
  });
});

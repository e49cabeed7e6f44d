import {
  backFromSignedProblem,
  checkClientFieldChange,
  checkDealFieldChange,
  contactProblem,
  directorList,
  directorOnlyDealFields,
  directorOnlyMessage,
  GUARDED_CLIENT_FIELDS,
  GUARDED_DEAL_FIELDS,
  isDirectorOf,
  ownRowProblem,
  parseDirectorList,
  payFieldsLocked,
  payMonthsOf,
  type FieldChange,
  type RightsContext,
} from '../../../src/domain/crm/rights';

const SPECIALIST = 'ivanov@firma.ru';
const DIRECTOR = 'boss@firma.ru';

function rights(over: Partial<RightsContext> = {}): RightsContext {
  return { user: SPECIALIST, isDirector: false, closedMonths: () => new Set<string>(), ...over };
}

function change(header: string, after: unknown, over: Partial<FieldChange> = {}): FieldChange {
  return { header, before: '', after, formula: false, newRow: false, ...over };
}

/** A signed deal of March 2026: contract 12.03.2026, paid 20.03.2026. */
const signedDeal: Record<string, unknown> = {
  'ID сделки': 'С-00007',
  Этап: 'Договор заключён',
  Ответственный: SPECIALIST,
  'Дата договора': new Date(2026, 2, 12),
  'Сумма договора, руб.': 470000,
  'Себестоимость, руб.': 300000,
  'Дата оплаты': new Date(2026, 2, 20),
};

describe('the director list of «Настройки»', () => {
  it('splits on commas, semicolons and spaces, lower-cases, drops non-e-mails and repeats', () => {
    expect(parseDirectorList('Boss@Firma.ru, zam@firma.ru;buh@firma.ru  \n kadry@firma.ru')).toEqual([
      'boss@firma.ru',
      'zam@firma.ru',
      'buh@firma.ru',
      'kadry@firma.ru',
    ]);
    expect(parseDirectorList('boss@firma.ru, BOSS@firma.ru, директор, @firma.ru')).toEqual(['boss@firma.ru']);
    expect(parseDirectorList('')).toEqual([]);
    expect(parseDirectorList(null)).toEqual([]);
  });

  it('adds the owner to the list, once, and leaves out an owner Google does not name', () => {
    expect(directorList(' Boss@Firma.ru ', ['zam@firma.ru', 'boss@firma.ru'])).toEqual([
      'boss@firma.ru',
      'zam@firma.ru',
    ]);
    expect(directorList('', [' Zam@Firma.ru '])).toEqual(['zam@firma.ru']);
    expect(directorList('   ', [])).toEqual([]);
  });

  it('never counts an unknown user as the director, and ignores case and spaces', () => {
    const directors = ['boss@firma.ru'];
    expect(isDirectorOf(' BOSS@firma.ru ', directors)).toBe(true);
    expect(isDirectorOf(SPECIALIST, directors)).toBe(false);
    expect(isDirectorOf('', directors)).toBe(false);
    expect(isDirectorOf('  ', ['', ' '])).toBe(false);
  });
});

describe('which deal fields lock when the contract is signed', () => {
  it('locks from «Договор заключён» on, never at «Отказ» or an unknown stage', () => {
    expect(payFieldsLocked('Согласование договора')).toBe(false);
    expect(payFieldsLocked('Новый')).toBe(false);
    expect(payFieldsLocked('Договор заключён')).toBe(true);
    expect(payFieldsLocked('Исполнение')).toBe(true);
    expect(payFieldsLocked('Завершена')).toBe(true);
    expect(payFieldsLocked('Отказ')).toBe(false);
    expect(payFieldsLocked('')).toBe(false);
  });

  it('keeps «Ответственный» for the director always, and the money and dates once signed', () => {
    expect(directorOnlyDealFields('Переговоры')).toEqual(['Ответственный']);
    expect(directorOnlyDealFields('Исполнение')).toEqual([
      'Ответственный',
      'Сумма договора, руб.',
      'Дата договора',
      'Себестоимость, руб.',
      'Дата оплаты',
    ]);
    expect(GUARDED_DEAL_FIELDS).toEqual([
      'Ответственный',
      'Сумма договора, руб.',
      'Дата договора',
      'Себестоимость, руб.',
      'Дата оплаты',
    ]);
    expect(GUARDED_CLIENT_FIELDS).toEqual(['Клиент', 'Тип', 'ИНН', 'Телефон', 'Email', 'Источник', 'Ответственный']);
  });

  it('says who may change what in Russian', () => {
    expect(directorOnlyMessage('Ответственный', 'Новый')).toBe('ответственного назначает только директор');
    expect(directorOnlyMessage('Дата оплаты', 'Завершена')).toBe(
      '«Дата оплаты» сделки на этапе «Завершена» меняет только директор',
    );
  });
});

describe('moving a signed deal back', () => {
  const why = 'сделку с заключённым договором («Исполнение») вернуть на прежний этап может только директор';
  it('needs the director to go back from a signed stage or to «Отказ»', () => {
    expect(backFromSignedProblem('Исполнение', 'КП отправлено', false)).toBe(why);
    expect(backFromSignedProblem('Исполнение', 'Договор заключён', false)).toBe(why);
    expect(backFromSignedProblem('Исполнение', 'Отказ', false)).toBe(why);
    expect(backFromSignedProblem('Договор заключён', 'Согласование договора', false)).toBe(
      'сделку с заключённым договором («Договор заключён») вернуть на прежний этап может только директор',
    );
  });
  it('lets anyone go forward or stay, go back from an open stage, and the director go anywhere', () => {
    expect(backFromSignedProblem('Исполнение', 'Завершена', false)).toBeNull();
    expect(backFromSignedProblem('Исполнение', 'Исполнение', false)).toBeNull();
    expect(backFromSignedProblem('КП отправлено', 'Новый', false)).toBeNull();
    expect(backFromSignedProblem('Отказ', 'Переговоры', false)).toBeNull();
    expect(backFromSignedProblem('Исполнение', 'КП отправлено', true)).toBeNull();
  });
  it('asks whether the person is the director only for a move back of a signed deal', () => {
    const asked: string[] = [];
    const director = (answer: boolean) => () => {
      asked.push(String(answer));
      return answer;
    };
    expect(backFromSignedProblem('КП отправлено', 'Новый', director(false))).toBeNull();
    expect(backFromSignedProblem('Исполнение', 'Завершена', director(false))).toBeNull();
    expect(asked).toEqual([]);
    expect(backFromSignedProblem('Исполнение', 'КП отправлено', director(true))).toBeNull();
    expect(backFromSignedProblem('Исполнение', 'КП отправлено', director(false))).toBe(why);
    expect(asked).toEqual(['true', 'false']);
  });
});

describe('a row led by another specialist', () => {
  const why = 'строку ведёт другой сотрудник (petrov@firma.ru); изменить может он или директор';
  it('refuses another specialist and names the owner', () => {
    expect(ownRowProblem(SPECIALIST, ' Petrov@Firma.ru ', false)).toBe(why);
    expect(ownRowProblem(SPECIALIST, 'petrov@firma.ru', () => false)).toBe(why);
  });
  it('lets the owner, the director and an unnamed user through, and a row without an owner', () => {
    expect(ownRowProblem(SPECIALIST, 'IVANOV@firma.ru', false)).toBeNull();
    expect(ownRowProblem(DIRECTOR, 'petrov@firma.ru', true)).toBeNull();
    expect(ownRowProblem(DIRECTOR, 'petrov@firma.ru', () => true)).toBeNull();
    expect(ownRowProblem('', 'petrov@firma.ru', false)).toBeNull();
    expect(ownRowProblem(SPECIALIST, '', false)).toBeNull();
  });
  it('asks whether the user is the director only when it matters', () => {
    const asked = jest.fn(() => false);
    expect(ownRowProblem(SPECIALIST, SPECIALIST, asked)).toBeNull();
    expect(ownRowProblem('', 'petrov@firma.ru', asked)).toBeNull();
    expect(asked).not.toHaveBeenCalled();
  });
});

describe('«Ответственный» of a deal', () => {
  it('is the same person whatever the case, lower-cased', () => {
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', 'Ivanov@Firma.RU', { before: SPECIALIST }),
        rights(),
      ),
    ).toEqual({ ok: true, value: SPECIALIST });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', SPECIALIST, { before: 'IVANOV@firma.ru' }),
        rights(),
      ),
    ).toEqual({ ok: true, value: SPECIALIST });
  });
  it('cannot be cleared or be a non-e-mail', () => {
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', ' ', { before: SPECIALIST }),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: false, reason: 'ответственного нельзя очистить' });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', 'Петров', { before: SPECIALIST }),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: false, reason: '«петров» — не e-mail сотрудника' });
    expect(
      checkDealFieldChange(signedDeal, 'Новый', change('Ответственный', 'Петров', { newRow: true }), rights()),
    ).toEqual({ ok: false, reason: '«петров» — не e-mail сотрудника' });
  });
  it('is reassigned only by the director; a new row names its own', () => {
    const to = change('Ответственный', 'Petrov@firma.ru', { before: SPECIALIST });
    expect(checkDealFieldChange(signedDeal, 'Переговоры', to, rights())).toEqual({
      ok: false,
      reason: 'ответственного назначает только директор',
    });
    expect(checkDealFieldChange(signedDeal, 'Переговоры', to, rights({ user: DIRECTOR, isDirector: true }))).toEqual({
      ok: true,
      value: 'petrov@firma.ru',
    });
    expect(checkDealFieldChange(signedDeal, 'Переговоры', { ...to, before: '', newRow: true }, rights())).toEqual({
      ok: true,
      value: 'petrov@firma.ru',
    });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', '', { before: SPECIALIST, newRow: true }),
        rights(),
      ),
    ).toEqual({ ok: true, value: '' });
  });
});

describe('the pay-deciding fields of a deal', () => {
  it('refuses a formula in any guarded field', () => {
    const reason = 'здесь нельзя формулу: введите значение';
    expect(
      checkDealFieldChange(
        signedDeal,
        'Новый',
        change('Ответственный', SPECIALIST, { formula: true, before: SPECIALIST }),
        rights(),
      ),
    ).toEqual({ ok: false, reason });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Переговоры',
        change('Сумма договора, руб.', 5, { formula: true }),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: false, reason });
  });
  it('passes other fields through untouched', () => {
    expect(checkDealFieldChange(signedDeal, 'Исполнение', change('Потребность', '  тёплый пол '), rights())).toEqual({
      ok: true,
      value: '  тёплый пол ',
    });
  });
  it('reads dates and amounts as typed, and says what to type instead', () => {
    const open = 'КП отправлено';
    expect(checkDealFieldChange(signedDeal, open, change('Дата договора', '12.03.2026'), rights())).toEqual({
      ok: true,
      value: new Date(2026, 2, 12),
    });
    expect(checkDealFieldChange(signedDeal, open, change('Дата оплаты', '2026-04-01'), rights())).toEqual({
      ok: true,
      value: new Date(2026, 3, 1),
    });
    expect(checkDealFieldChange(signedDeal, open, change('Дата оплаты', 'завтра'), rights())).toEqual({
      ok: false,
      reason: '«Дата оплаты»: нужна дата дд.мм.гггг',
    });
    expect(checkDealFieldChange(signedDeal, open, change('Дата договора', 45000), rights())).toEqual({
      ok: false,
      reason: '«Дата договора»: нужна дата дд.мм.гггг',
    });
    expect(checkDealFieldChange(signedDeal, open, change('Сумма договора, руб.', '1 234,50'), rights())).toEqual({
      ok: true,
      value: 1234.5,
    });
    expect(checkDealFieldChange(signedDeal, open, change('Себестоимость, руб.', -1), rights())).toEqual({
      ok: false,
      reason: '«Себестоимость, руб.»: нужно неотрицательное число',
    });
    expect(checkDealFieldChange(signedDeal, open, change('Сумма договора, руб.', '  '), rights())).toEqual({
      ok: true,
      value: '',
    });
  });
  it('checks the value even for the director and on a new row', () => {
    expect(
      checkDealFieldChange(
        signedDeal,
        'Исполнение',
        change('Сумма договора, руб.', 'много'),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: false, reason: '«Сумма договора, руб.»: нужно неотрицательное число' });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Исполнение',
        change('Сумма договора, руб.', 'много', { newRow: true }),
        rights(),
      ),
    ).toEqual({ ok: false, reason: '«Сумма договора, руб.»: нужно неотрицательное число' });
  });
  it('names a wrong value before the lock or the closed month', () => {
    const wrong = change('Сумма договора, руб.', 'много', { before: '470000' });
    const reason = '«Сумма договора, руб.»: нужно неотрицательное число';
    expect(checkDealFieldChange(signedDeal, 'Исполнение', wrong, rights())).toEqual({ ok: false, reason });
    const closed = rights({ isDirector: true, closedMonths: () => new Set(['2026-03']) });
    expect(checkDealFieldChange(signedDeal, 'Исполнение', wrong, closed)).toEqual({ ok: false, reason });
  });
  it('lets a specialist change them before the contract and on a row just typed in', () => {
    expect(
      checkDealFieldChange(signedDeal, 'Согласование договора', change('Сумма договора, руб.', 500000), rights()),
    ).toEqual({ ok: true, value: 500000 });
    expect(
      checkDealFieldChange(signedDeal, 'Завершена', change('Сумма договора, руб.', 500000, { newRow: true }), rights()),
    ).toEqual({ ok: true, value: 500000 });
  });
  it('leaves them to the director once the contract is signed', () => {
    expect(
      checkDealFieldChange(
        signedDeal,
        'Договор заключён',
        change('Сумма договора, руб.', 500000, { before: '470000' }),
        rights(),
      ),
    ).toEqual({
      ok: false,
      reason: '«Сумма договора, руб.» сделки на этапе «Договор заключён» меняет только директор',
    });
    expect(
      checkDealFieldChange(
        signedDeal,
        'Договор заключён',
        change('Сумма договора, руб.', 500000, { before: '470000' }),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: true, value: 500000 });
  });
});

describe('a signed deal of a closed month', () => {
  const closedMarch = () => new Set(['2026-03']);
  const refusal = (months: string) =>
    `сделка относится к закрытому месяцу ${months}: ведомость выплачена; изменить можно только в карточке клиента с указанием причины`;
  const director = (over: Partial<RightsContext> = {}) =>
    rights({ user: DIRECTOR, isDirector: true, closedMonths: closedMarch, ...over });

  it('is changed only with a reason of three letters or more', () => {
    const sum = change('Сумма договора, руб.', 500000, { before: '470000' });
    expect(checkDealFieldChange(signedDeal, 'Завершена', sum, director())).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
    expect(checkDealFieldChange(signedDeal, 'Завершена', sum, director({ reason: '  аб  ' }))).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
    expect(checkDealFieldChange(signedDeal, 'Завершена', sum, director({ reason: 'абв' }))).toEqual({
      ok: true,
      value: 500000,
    });
    expect(checkDealFieldChange(signedDeal, 'Завершена', sum, director({ reason: 'опечатка в сумме' }))).toEqual({
      ok: true,
      value: 500000,
    });
  });

  it('counts the month a date is moved out of, as well as the one it is moved into', () => {
    const april = { ...signedDeal, 'Дата договора': new Date(2026, 3, 2), 'Дата оплаты': new Date(2026, 3, 9) };
    expect(
      checkDealFieldChange(april, 'Завершена', change('Сумма договора, руб.', 1, { before: '2' }), director()),
    ).toEqual({ ok: true, value: 1 });
    const contract = change('Дата договора', '02.04.2026', { before: '12.03.2026' });
    expect(checkDealFieldChange(april, 'Завершена', contract, director())).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
    const payment = change('Дата оплаты', '09.04.2026', { before: '20.03.2026' });
    expect(checkDealFieldChange(april, 'Завершена', payment, director())).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
    const into = change('Дата оплаты', '31.03.2026', { before: '09.04.2026' });
    expect(checkDealFieldChange(april, 'Завершена', into, director())).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
  });

  it('names each closed month once, and asks about closed months only for a locked change', () => {
    const spans = { ...signedDeal, 'Дата оплаты': new Date(2026, 3, 9) };
    const closed = () => new Set(['2026-02', '2026-03', '2026-04']);
    const sum = change('Сумма договора, руб.', 5, { before: '4' });
    expect(checkDealFieldChange(spans, 'Завершена', sum, director({ closedMonths: closed }))).toEqual({
      ok: false,
      reason: refusal('2026-03, 2026-04'),
    });
    expect(checkDealFieldChange(signedDeal, 'Завершена', sum, director({ closedMonths: closed }))).toEqual({
      ok: false,
      reason: refusal('2026-03'),
    });
    const asked = jest.fn(closedMarch);
    checkDealFieldChange(signedDeal, 'Переговоры', sum, director({ closedMonths: asked }));
    checkDealFieldChange(signedDeal, 'Завершена', change('Потребность', 'x'), director({ closedMonths: asked }));
    expect(asked).not.toHaveBeenCalled();
  });

  it('lists the months whose pay a deal counts in', () => {
    expect(payMonthsOf(signedDeal)).toEqual(['2026-03']);
    expect(payMonthsOf({ ...signedDeal, 'Дата оплаты': '05.11.2026' }, ['', new Date(2025, 11, 31), 'нет'])).toEqual([
      '2026-03',
      '2026-11',
      '2025-12',
    ]);
    expect(payMonthsOf({})).toEqual([]);
  });
});

describe('a client\u2019s own fields', () => {
  const client: Record<string, unknown> = {
    Клиент: 'ООО Тепло',
    Тип: 'Юрлицо',
    ИНН: '7707083893',
    Телефон: '+79123456789',
  };

  it('refuses a formula', () => {
    expect(checkClientFieldChange(client, change('Телефон', '+79123456789', { formula: true }), rights())).toEqual({
      ok: false,
      reason: 'здесь нельзя формулу: введите значение',
    });
  });

  it.each([
    ['Клиент', 'укажите название клиента или ФИО'],
    ['Тип', 'выберите тип: Юрлицо, ИП или Физлицо'],
    ['Источник', 'укажите источник — он нужен для первого этапа сделки'],
    ['Статус клиента', 'выберите статус клиента'],
    ['Ответственный', 'укажите ответственного'],
  ])('does not let «%s» be cleared', (header, what) => {
    expect(checkClientFieldChange(client, change(header, ' ', { before: 'x' }), rights({ isDirector: true }))).toEqual({
      ok: false,
      reason: `поле нельзя очистить: ${what}`,
    });
    expect(checkClientFieldChange(client, change(header, '', { newRow: true }), rights())).toEqual({
      ok: true,
      value: '',
    });
  });

  it('lets optional fields be cleared', () => {
    expect(checkClientFieldChange(client, change('ИНН', '', { before: '7707083893' }), rights())).toEqual({
      ok: true,
      value: '',
    });
    expect(checkClientFieldChange(client, change('Email', null, { before: 'a@b.ru' }), rights())).toEqual({
      ok: true,
      value: '',
    });
  });

  it('leaves «Ответственный» of a client to the director', () => {
    const to = change('Ответственный', 'Petrov@Firma.ru', { before: SPECIALIST });
    expect(checkClientFieldChange(client, to, rights())).toEqual({
      ok: false,
      reason: 'ответственного за клиента назначает только директор',
    });
    expect(checkClientFieldChange(client, to, rights({ isDirector: true }))).toEqual({
      ok: true,
      value: 'petrov@firma.ru',
    });
    expect(checkClientFieldChange(client, { ...to, before: '', newRow: true }, rights())).toEqual({
      ok: true,
      value: 'petrov@firma.ru',
    });
    expect(
      checkClientFieldChange(
        client,
        change('Ответственный', 'IVANOV@firma.ru', { before: 'Ivanov@Firma.ru' }),
        rights(),
      ),
    ).toEqual({ ok: true, value: SPECIALIST });
    expect(
      checkClientFieldChange(
        client,
        change('Ответственный', 'Петров', { before: SPECIALIST }),
        rights({ isDirector: true }),
      ),
    ).toEqual({ ok: false, reason: '«петров» — не e-mail сотрудника' });
  });

  it('takes a type and a source only from their lists', () => {
    expect(checkClientFieldChange(client, change('Тип', ' ИП '), rights())).toEqual({ ok: true, value: 'ИП' });
    expect(checkClientFieldChange(client, change('Тип', 'ООО'), rights())).toEqual({
      ok: false,
      reason: 'выберите тип: Юрлицо, ИП, Физлицо',
    });
    expect(checkClientFieldChange(client, change('Источник', 'Сайт '), rights())).toEqual({ ok: true, value: 'Сайт' });
    expect(checkClientFieldChange(client, change('Источник', 'Сарафан'), rights())).toEqual({
      ok: false,
      reason:
        'выберите источник из списка: Реклама, Выставка, Ярмарка, Презентация, Email-рассылка, Факс, Звонок, Сайт, Рекомендация, Другое',
    });
  });

  it('checks the ИНН against the client\u2019s type and keeps it as digits', () => {
    expect(checkClientFieldChange(client, change('ИНН', '7707 083 893'), rights())).toEqual({
      ok: true,
      value: '7707083893',
    });
    expect(checkClientFieldChange(client, change('ИНН', 7707083893), rights())).toEqual({
      ok: true,
      value: '7707083893',
    });
    // a number cell drops the leading zero of 0274062111 and of 010100000018
    expect(checkClientFieldChange(client, change('ИНН', 274062111), rights())).toEqual({
      ok: true,
      value: '0274062111',
    });
    expect(checkClientFieldChange({ ...client, Тип: 'ИП' }, change('ИНН', 10100000018), rights())).toEqual({
      ok: true,
      value: '010100000018',
    });
    expect(checkClientFieldChange({ ...client, Тип: 'ИП' }, change('ИНН', '500100732259'), rights())).toEqual({
      ok: true,
      value: '500100732259',
    });
    expect(checkClientFieldChange(client, change('ИНН', '500100732259'), rights())).toEqual({
      ok: false,
      reason: 'ИНН для типа «Юрлицо» должен содержать 10 цифр, а в «500100732259» их 12',
    });
    expect(checkClientFieldChange(client, change('ИНН', '7707083894'), rights())).toEqual({
      ok: false,
      reason: 'ИНН «7707083894» не проходит проверку контрольных цифр — проверьте, нет ли опечатки',
    });
    // without a known type either length will do
    expect(checkClientFieldChange({ ...client, Тип: 'ООО' }, change('ИНН', '500100732259'), rights())).toEqual({
      ok: true,
      value: '500100732259',
    });
    expect(checkClientFieldChange({ ...client, Тип: '' }, change('ИНН', '7707083893'), rights())).toEqual({
      ok: true,
      value: '7707083893',
    });
  });

  it('keeps a phone as +7 and an e-mail in lower case', () => {
    expect(checkClientFieldChange(client, change('Телефон', '8 (912) 345-67-89'), rights())).toEqual({
      ok: true,
      value: '+79123456789',
    });
    expect(checkClientFieldChange(client, change('Телефон', '+1 212 555 0100'), rights())).toEqual({
      ok: false,
      reason: 'не российский номер телефона (например, +7 912 345-67-89)',
    });
    expect(checkClientFieldChange(client, change('Email', ' Info@Teplo.RU '), rights())).toEqual({
      ok: true,
      value: 'info@teplo.ru',
    });
    expect(checkClientFieldChange(client, change('Email', 'info@teplo'), rights())).toEqual({
      ok: false,
      reason: 'неверный адрес e-mail',
    });
  });

  it('trims other text and keeps other values as they are', () => {
    expect(checkClientFieldChange(client, change('Клиент', '  ООО Тепло+  '), rights())).toEqual({
      ok: true,
      value: 'ООО Тепло+',
    });
    expect(checkClientFieldChange(client, change('Примечание', 42), rights())).toEqual({ ok: true, value: 42 });
  });

  it('needs a phone or an e-mail to stay', () => {
    expect(contactProblem({ Телефон: '', Email: ' ' })).toBe('у клиента должен остаться телефон или e-mail');
    expect(contactProblem({ Телефон: '+79123456789', Email: '' })).toBeNull();
    expect(contactProblem({ Телефон: '', Email: 'a@b.ru' })).toBeNull();
  });
});

import {
  allowedDiscount,
  checkDealLines,
  clientRightsOf,
  defaultTemplate,
  fillText,
  formatDocumentNumber,
  lineDiscountProblem,
  LINES_PLACEHOLDER,
  lineSum,
  linesTable,
  parsePriceList,
  PLACEHOLDERS,
  placeholderValues,
  quantityOf,
  specialConditions,
  totalsOf,
} from '../../../src/domain/crm/offer';

const PRICE = parsePriceList([
  {
    row: 2,
    record: {
      Артикул: 'ТП-150',
      Наименование: 'Тёплый пол 150 Вт/м²',
      'Ед.': 'м²',
      'Цена, руб.': 1490.5,
      Направление: 'Отопление',
    },
  },
  {
    row: 3,
    record: {
      Артикул: 'ПФ-60',
      Наименование: 'Панель ПОЛИФАСАД 60 мм',
      'Ед.': 'м²',
      'Цена, руб.': '2 350,00',
      Направление: 'ПОЛИФАСАД',
    },
  },
  { row: 4, record: {} },
]);
const KEY = { 'Статус клиента': 'Ключевой', 'Скидка, %': 10 };
const ORDINARY = { 'Статус клиента': 'Клиент', 'Скидка, %': '' };

describe('the price list', () => {
  it('reads prices to the kopeck and skips blank rows', () => {
    expect(PRICE.map((p) => [p.article, p.price])).toEqual([
      ['ТП-150', 149050],
      ['ПФ-60', 235000],
    ]);
  });
  it('names the row of a bad price or a repeated article', () => {
    expect(() => parsePriceList([{ row: 7, record: { Артикул: 'X', 'Цена, руб.': 'дорого' } }])).toThrow(
      'Прайс, строка 7: «Цена, руб.» — нужно неотрицательное число',
    );
    expect(() =>
      parsePriceList([
        { row: 2, record: { Артикул: 'X', 'Цена, руб.': 1 } },
        { row: 3, record: { Артикул: 'X', 'Цена, руб.': 2 } },
      ]),
    ).toThrow('Прайс, строка 3: артикул «X» уже есть выше');
  });
});

describe('deal lines', () => {
  it('sums price × quantity less the discount, rounded half-up to the kopeck', () => {
    // 1 490,50 × 12,5 × 0,93 = 17 327,0625
    expect(lineSum(149050, 12.5, 7)).toBe(1732706);
    // 0,05 × 0,1 = 0,005 → 0,01
    expect(lineSum(5, 0.1, 0)).toBe(1);
  });

  it('takes the price from the price list and refuses an unknown article or a bad quantity', () => {
    const verdict = checkDealLines(
      [
        { article: 'ПФ-60', quantity: '40', discount: '' },
        { article: 'НЕТ', quantity: 1, discount: 0 },
        { article: 'ТП-150', quantity: '-2', discount: 0 },
      ],
      PRICE,
      clientRightsOf(ORDINARY, 15),
    );
    expect(verdict).toEqual({
      ok: false,
      errors: [
        'Строка 2: товара с артикулом «НЕТ» нет в прайсе',
        'Строка 3 («Тёплый пол 150 Вт/м²»): количество — положительное число, не больше трёх знаков после запятой',
      ],
    });
  });

  it('refuses any discount to a client who is not «Ключевой» (2.10)', () => {
    const verdict = checkDealLines(
      [{ article: 'ПФ-60', quantity: 1, discount: 5 }],
      PRICE,
      clientRightsOf(ORDINARY, 15),
    );
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.errors[0]).toContain('только для клиентов со статусом «Ключевой»');
  });

  it('lets a key client have up to their own discount, never more, and never above the maximum', () => {
    const ok = checkDealLines([{ article: 'ПФ-60', quantity: 2, discount: '10' }], PRICE, clientRightsOf(KEY, 15));
    expect(ok).toEqual({ ok: true, lines: [expect.objectContaining({ discount: 10, sum: 423000 })] });
    const above = checkDealLines([{ article: 'ПФ-60', quantity: 2, discount: 12 }], PRICE, clientRightsOf(KEY, 15));
    expect(!above.ok && above.errors[0]).toContain('больше скидки клиента 10 %');
    const overMax = checkDealLines(
      [{ article: 'ПФ-60', quantity: 2, discount: 20 }],
      PRICE,
      clientRightsOf({ ...KEY, 'Скидка, %': 25 }, 15),
    );
    expect(!overMax.ok && overMax.errors[0]).toContain('больше максимальной 15 %');
  });
});

describe('totals, numbers and the document text', () => {
  const lines = [
    { article: 'ПФ-60', name: 'Панель', unit: 'м²', quantity: 2, price: 235000, discount: 0, sum: 470000 },
    { article: 'ТП-150', name: 'Пол', unit: 'м²', quantity: 1, price: 149050, discount: 0, sum: 149050 },
  ];

  it('takes VAT out of prices that include it, or adds it on top', () => {
    // 6 190,50 × 22 / 122 = 1 116,319…
    expect(totalsOf(lines, { ratePercent: 22, included: true })).toEqual({ lines: 619050, vat: 111632, total: 619050 });
    expect(totalsOf(lines, { ratePercent: 22, included: false })).toEqual({
      lines: 619050,
      vat: 136191,
      total: 755241,
    });
    expect(totalsOf(lines, { ratePercent: 0, included: true })).toEqual({ lines: 619050, vat: 0, total: 619050 });
  });

  it('formats a number as the setting says', () => {
    expect(formatDocumentNumber('ДК-{ГГГГ}/{N:4}', 2026, 42)).toBe('ДК-2026/0042');
    expect(formatDocumentNumber('{N}/{ГГ}', 2026, 7)).toBe('7/26');
    expect(() => formatDocumentNumber('ДК-2026', 2026, 1)).toThrow('{N}');
  });

  it('writes the table with a line per position and the totals, and the amount in words', () => {
    const vat = { ratePercent: 22, included: true };
    const totals = totalsOf(lines, vat);
    const table = linesTable(lines, totals, vat);
    expect(table).toHaveLength(1 + 2 + 2);
    expect(table[1]).toEqual(['1', 'ПФ-60', 'Панель', 'м²', '2', '2\u00a0350,00', '—', '4\u00a0700,00']);
    expect(table[4]).toEqual(['', '', '', '', '', '', 'В т. ч. НДС 22 %', '1\u00a0116,32']);
    const facts = () => ({
      kind: 'КП' as const,
      number: 'КП-2026/0001',
      date: '26.02.2026',
      organisation: 'ООО «Проект-А»',
      organisationInn: '7701234567',
      organisationAddress: 'Москва',
      director: 'Е. А. Сараев',
      client: {
        Клиент: 'ООО «Тепло»',
        ИНН: '7707083893',
        Адрес: 'Казань, ул. Ленина, 1',
        'Контактное лицо': 'Орлов И. П.',
      },
      dealId: 'С-00001',
      owner: 'Иванова А. С.',
      totals,
      vat,
    });
    const values = placeholderValues(facts());
    expect(values['Итого']).toBe('6\u00a0190,50 руб.');
    expect(values['Итого прописью']).toBe('Шесть тысяч сто девяносто рублей 50 копеек');
    expect(values['Адрес клиента']).toBe('Казань, ул. Ленина, 1');
    expect(values['НДС']).toBe('в том числе НДС 22 % — 1\u00a0116,32 руб.');
    expect(placeholderValues({ ...facts(), vat: { ratePercent: 0, included: true } })['НДС']).toBe('НДС не облагается');
  });

  it('states the special conditions only for a key client', () => {
    expect(specialConditions({ ...KEY, 'Особые условия': 'отсрочка 30 дней' })).toBe(
      'Особые условия для ключевого клиента: скидка 10 % по позициям, где она указана; отсрочка 30 дней.',
    );
    expect(specialConditions({ ...ORDINARY, 'Особые условия': 'отсрочка 30 дней' })).toBe('');
  });
});

describe('price list rows at their edges', () => {
  const bad = (row: number) => `Прайс, строка ${row}: «Цена, руб.» — нужно неотрицательное число`;

  it('names a row with a name but no article', () => {
    expect(() => parsePriceList([{ row: 5, record: { Наименование: 'Кабель', 'Цена, руб.': 10 } }])).toThrow(
      'Прайс, строка 5: не указан артикул',
    );
  });

  it('refuses a blank, negative, infinite or non-number price, and takes a free item', () => {
    for (const price of ['', '  ', -1, '-1', Number.POSITIVE_INFINITY, Number.NaN, '1,2,3']) {
      expect(() => parsePriceList([{ row: 4, record: { Артикул: 'A', 'Цена, руб.': price } }])).toThrow(bad(4));
    }
    expect(parsePriceList([{ row: 2, record: { Артикул: 'A', 'Цена, руб.': 0 } }])[0].price).toBe(0);
  });

  it('reads a price typed with spaces and a comma, and fills a missing name and unit', () => {
    expect(parsePriceList([{ row: 2, record: { Артикул: ' A1 ', 'Цена, руб.': ' 1 490,5 ' } }])).toEqual([
      { article: 'A1', name: 'A1', unit: 'шт.', price: 149050, direction: '' },
    ]);
  });

  it('skips a row only when both the article and the name are blank', () => {
    expect(
      parsePriceList([
        { row: 2, record: { Артикул: '', Наименование: '  ', 'Цена, руб.': 5 } },
        { row: 3, record: { Артикул: 'B', Наименование: 'Бокс', 'Цена, руб.': 5 } },
      ]).map((p) => p.article),
    ).toEqual(['B']);
  });
});

describe('a line discount against the client’s own «Скидка, %»', () => {
  const rights = (status: string, discount: unknown, max = 15) =>
    clientRightsOf({ 'Статус клиента': status, 'Скидка, %': discount }, max);
  const NONE = 'Скидка не назначена клиенту: «Скидка, %» в карточке клиента пуста (её ставит директор, п. 2.10)';

  it('allows a key client exactly their own discount, within the maximum', () => {
    expect(allowedDiscount(rights('Ключевой', 10))).toBe(10);
    expect(allowedDiscount(rights('Ключевой', '7,5'))).toBe(7.5);
    expect(allowedDiscount(rights('Ключевой', 15))).toBe(15);
    expect(allowedDiscount(rights('Ключевой', 16))).toBe(0);
    expect(allowedDiscount(rights('Ключевой', ''))).toBe(0);
    expect(allowedDiscount(rights('Ключевой', -5))).toBe(0);
    expect(allowedDiscount(rights('Ключевой', 'много'))).toBe(0);
    expect(allowedDiscount(rights('Клиент', 10))).toBe(0);
  });

  it('says whether the line asks more than the client has, or that the client has none', () => {
    expect(lineDiscountProblem(12, rights('Ключевой', 10))).toBe(
      'Скидка 12 % больше скидки клиента 10 % («Скидка, %» в карточке клиента, п. 2.10)',
    );
    expect(lineDiscountProblem('10,5', rights('Ключевой', 10))).toBe(
      'Скидка 10.5 % больше скидки клиента 10 % («Скидка, %» в карточке клиента, п. 2.10)',
    );
    expect(lineDiscountProblem(10, rights('Ключевой', 10))).toBeNull();
    expect(lineDiscountProblem(5, rights('Ключевой', ''))).toBe(NONE);
    expect(lineDiscountProblem(5, rights('Ключевой', 'много'))).toBe(NONE);
    expect(lineDiscountProblem(5, rights('Ключевой', 20))).toBe(NONE);
  });

  it('lets any client have a line without a discount, and refuses a discount that is no number', () => {
    for (const none of [0, '', '0', null]) {
      expect(lineDiscountProblem(none, rights('Клиент', ''))).toBeNull();
      expect(lineDiscountProblem(none, rights('Ключевой', ''))).toBeNull();
    }
    expect(lineDiscountProblem('пять', rights('Ключевой', 10))).toBe('«Скидка, %» должна быть числом от 0');
  });
});

describe('quantities and line sums', () => {
  it('reads a positive quantity with at most three decimals', () => {
    expect(quantityOf(2)).toBe(2);
    expect(quantityOf(0.5)).toBe(0.5);
    expect(quantityOf('1,5')).toBe(1.5);
    expect(quantityOf(' 1 000 ')).toBe(1000);
    expect(quantityOf('0,001')).toBe(0.001);
    expect(quantityOf('12.125')).toBe(12.125);
    // a number cell too: 0,0005 would be summed as 0,001
    expect(quantityOf(1.001)).toBe(1.001);
    expect(quantityOf(0.0005)).toBeNull();
    expect(quantityOf(1e-7)).toBeNull();
    for (const bad of [
      0,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '0',
      '0,000',
      '-2',
      '1,2345',
      '1.',
      '.5',
      'x1',
      '1x',
      'две',
      '',
      null,
    ]) {
      expect(quantityOf(bad)).toBeNull();
    }
  });

  it('takes a discount to the hundredth of a per cent and a quantity to the thousandth', () => {
    // 1 000,00 × 3 × 0,925 = 2 775,00
    expect(lineSum(100000, 3, 7.5)).toBe(277500);
    // 1 000,00 × 0,9999 = 999,90
    expect(lineSum(100000, 1, 0.01)).toBe(99990);
    // 1 234,56 × 0,001 = 1,23456 → 1,23
    expect(lineSum(123456, 0.001, 0)).toBe(123);
    // 0,15 × 0,1 × 0,5 = 0,0075 → 0,01 (half-up); 0,09 × 0,1 × 0,5 = 0,0045 → 0
    expect(lineSum(15, 0.1, 50)).toBe(1);
    expect(lineSum(9, 0.1, 50)).toBe(0);
    expect(lineSum(100000, 2, 100)).toBe(0);
  });

  it('asks for at least one line, and names the line of a refused discount', () => {
    expect(checkDealLines([], PRICE, clientRightsOf(KEY, 15))).toEqual({
      ok: false,
      errors: ['Добавьте хотя бы одну позицию из прайса'],
    });
    expect(
      checkDealLines(
        [
          { article: ' ТП-150 ', quantity: '2,5', discount: '' },
          { article: 'ПФ-60', quantity: 1, discount: 11 },
        ],
        PRICE,
        clientRightsOf(KEY, 15),
      ),
    ).toEqual({
      ok: false,
      errors: [
        'Строка 2 («Панель ПОЛИФАСАД 60 мм»): Скидка 11 % больше скидки клиента 10 % («Скидка, %» в карточке клиента, п. 2.10)',
      ],
    });
  });

  it('gives each line the price list’s name, unit and price', () => {
    expect(
      checkDealLines([{ article: ' ТП-150 ', quantity: '2,5', discount: '' }], PRICE, clientRightsOf(KEY, 15)),
    ).toEqual({
      ok: true,
      lines: [
        {
          article: 'ТП-150',
          name: 'Тёплый пол 150 Вт/м²',
          unit: 'м²',
          price: 149050,
          direction: 'Отопление',
          quantity: 2.5,
          discount: 0,
          // 1 490,50 × 2,5 = 3 726,25
          sum: 372625,
        },
      ],
    });
  });
});

describe('totals and the table at other VAT settings', () => {
  const line = (sum: number, discount = 0, quantity = 1) => ({
    article: 'A',
    name: 'Товар',
    unit: 'шт.',
    quantity,
    price: sum,
    discount,
    sum,
  });

  it('takes a fractional VAT rate to the hundredth, and gives nothing for no lines', () => {
    // 100,00 × 10,5 / 110,5 = 9,502… ; on top: 10,50
    expect(totalsOf([line(10000)], { ratePercent: 10.5, included: true })).toEqual({
      lines: 10000,
      vat: 950,
      total: 10000,
    });
    expect(totalsOf([line(10000)], { ratePercent: 10.5, included: false })).toEqual({
      lines: 10000,
      vat: 1050,
      total: 11050,
    });
    expect(totalsOf([line(10000)], { ratePercent: 0, included: false })).toEqual({
      lines: 10000,
      vat: 0,
      total: 10000,
    });
    expect(totalsOf([], { ratePercent: 22, included: false })).toEqual({ lines: 0, vat: 0, total: 0 });
  });

  it('adds VAT on top with its own row and a «Всего к оплате» row', () => {
    const vat = { ratePercent: 20, included: false };
    expect(linesTable([line(100000, 7.5, 2.5)], { lines: 100000, vat: 20000, total: 120000 }, vat)).toEqual([
      ['№', 'Артикул', 'Наименование', 'Ед.', 'Кол-во', 'Цена, руб.', 'Скидка, %', 'Сумма, руб.'],
      ['1', 'A', 'Товар', 'шт.', '2,5', '1\u00a0000,00', '7,5', '1\u00a0000,00'],
      ['', '', '', '', '', '', 'Итого', '1\u00a0000,00'],
      ['', '', '', '', '', '', 'НДС 20 %', '200,00'],
      ['', '', '', '', '', '', 'Всего к оплате', '1\u00a0200,00'],
    ]);
  });

  it('writes «Без НДС» and a dash when there is no VAT, without a «Всего к оплате» row', () => {
    const table = linesTable([line(5000)], { lines: 5000, vat: 0, total: 5000 }, { ratePercent: 0, included: false });
    expect(table.slice(2)).toEqual([
      ['', '', '', '', '', '', 'Итого', '50,00'],
      ['', '', '', '', '', '', 'Без НДС', '—'],
    ]);
  });
});

describe('document numbers', () => {
  it('pads the two-digit year, keeps a longer sequence whole and fills every occurrence', () => {
    expect(formatDocumentNumber('{ГГ}-{N:3}', 2005, 12345)).toBe('05-12345');
    expect(formatDocumentNumber('{ГГГГ}/{ГГГГ}/{ГГ}/{ГГ}/{N}', 2026, 3)).toBe('2026/2026/26/26/3');
    expect(formatDocumentNumber('КП {N:2} / {N}', 2026, 3)).toBe('КП 03 / 3');
  });

  it('says what a format without {N} lacks', () => {
    expect(() => formatDocumentNumber('ДК-{ГГГГ}', 2026, 1)).toThrow(
      'Формат номера «ДК-{ГГГГ}» должен содержать {N} — порядковый номер',
    );
    expect(() => formatDocumentNumber('ДК-{N:}', 2026, 1)).toThrow('должен содержать {N}');
  });
});

describe('the special conditions and the placeholders of a contract', () => {
  it('names only what a key client has: a discount, a condition, both or nothing', () => {
    expect(specialConditions({ ...KEY, 'Скидка, %': '7,5' })).toBe(
      'Особые условия для ключевого клиента: скидка 7,5 % по позициям, где она указана.',
    );
    expect(specialConditions({ ...KEY, 'Скидка, %': 0, 'Особые условия': ' отсрочка 30 дней ' })).toBe(
      'Особые условия для ключевого клиента: отсрочка 30 дней.',
    );
    expect(specialConditions({ ...KEY, 'Скидка, %': 'много' })).toBe('');
    expect(specialConditions({ 'Статус клиента': 'Ключевой' })).toBe('');
    expect(specialConditions({ ...ORDINARY, 'Скидка, %': 10 })).toBe('');
  });

  it('fills every placeholder of a contract with VAT on top, a dash for what the client card lacks', () => {
    const totals = { lines: 100000, vat: 20050, total: 120050 };
    expect(
      placeholderValues({
        kind: 'Договор',
        number: 'ДК-2026/0007',
        date: '01.03.2026',
        organisation: 'ООО «Проект-А»',
        organisationInn: '7701234567',
        organisationAddress: 'Москва',
        director: 'Е. А. Сараев',
        client: { Клиент: ' ИП Петров ', Город: 'Тверь', 'Статус клиента': 'Клиент' },
        dealId: 'С-00003',
        owner: 'Иванова А. С.',
        totals,
        vat: { ratePercent: 20.05, included: false },
      }),
    ).toEqual({
      'Вид документа': 'Договор поставки',
      Номер: 'ДК-2026/0007',
      Дата: '01.03.2026',
      Организация: 'ООО «Проект-А»',
      'ИНН организации': '7701234567',
      'Адрес организации': 'Москва',
      Директор: 'Е. А. Сараев',
      Клиент: 'ИП Петров',
      'ИНН клиента': '—',
      'Адрес клиента': 'Тверь',
      'Контактное лицо': '—',
      'Телефон клиента': '—',
      'Email клиента': '—',
      Сделка: 'С-00003',
      Ответственный: 'Иванова А. С.',
      'Сумма без НДС': '1\u00a0000,00 руб.',
      НДС: 'НДС 20,05 % — 200,50 руб.',
      Итого: '1\u00a0200,50 руб.',
      'Итого прописью': 'Одна тысяча двести рублей 50 копеек',
      'Особые условия': '',
    });
  });

  it('takes the sum without VAT out of a total that includes it, and reads the client’s contacts', () => {
    const facts = {
      kind: 'КП' as const,
      number: '1',
      date: '01.03.2026',
      organisation: 'О',
      organisationInn: '1',
      organisationAddress: 'А',
      director: 'Д',
      client: {
        Клиент: 'К',
        Адрес: '',
        Город: 'Тверь',
        'Контактное лицо': 'Орлов',
        Телефон: '+79123456789',
        Email: 'a@b.ru',
        ИНН: 7707083893,
      },
      dealId: 'С-00001',
      owner: 'И',
      totals: { lines: 12200, vat: 2200, total: 12200 },
      vat: { ratePercent: 22, included: true },
    };
    const values = placeholderValues(facts);
    expect(values['Вид документа']).toBe('Коммерческое предложение');
    expect(values['Сумма без НДС']).toBe('100,00 руб.');
    expect(values['Адрес клиента']).toBe('Тверь');
    expect(placeholderValues({ ...facts, client: { Клиент: 'К' } })['Адрес клиента']).toBe('—');
    expect([
      values['Контактное лицо'],
      values['Телефон клиента'],
      values['Email клиента'],
      values['ИНН клиента'],
    ]).toEqual(['Орлов', '+79123456789', 'a@b.ru', '7707083893']);
  });
});

describe('the default templates and the e-mail text', () => {
  it('lays out the КП: the organisation on the right, the title centred, then the lines and the terms', () => {
    expect(defaultTemplate('КП')).toEqual([
      { text: '{{Организация}}', alignment: 'RIGHT' },
      { text: 'ИНН {{ИНН организации}}, {{Адрес организации}}', alignment: 'RIGHT' },
      { text: 'Коммерческое предложение № {{Номер}} от {{Дата}}', heading: 'HEADING1', alignment: 'CENTER' },
      { text: 'Кому: {{Клиент}}, ИНН {{ИНН клиента}}, {{Адрес клиента}}' },
      { text: 'Контактное лицо: {{Контактное лицо}}, {{Телефон клиента}}, {{Email клиента}}' },
      { text: 'Предлагаем поставку оборудования и материалов на следующих условиях:' },
      { text: '{{Позиции}}' },
      { text: 'Итого к оплате: {{Итого}} ({{Итого прописью}}); {{НДС}}' },
      { text: '{{Особые условия}}' },
      { text: 'Предложение действительно 30 дней с даты составления.' },
      { text: 'С уважением, {{Ответственный}}, {{Организация}}' },
    ]);
  });

  it('lays out the contract: the parties, the lines, payment and delivery terms, the signatures', () => {
    expect(defaultTemplate('Договор')).toEqual([
      { text: 'Договор № {{Номер}}', heading: 'HEADING1', alignment: 'CENTER' },
      { text: 'Дата: {{Дата}}', alignment: 'RIGHT' },
      {
        text:
          '{{Организация}} (ИНН {{ИНН организации}}, {{Адрес организации}}), именуемое «Поставщик», в лице директора ' +
          '{{Директор}}, и {{Клиент}} (ИНН {{ИНН клиента}}, {{Адрес клиента}}), именуемое «Покупатель», ' +
          'в лице {{Контактное лицо}}, заключили настоящий договор о нижеследующем.',
      },
      { text: '1. Поставщик передаёт, а Покупатель принимает и оплачивает товар:' },
      { text: '{{Позиции}}' },
      { text: 'Итого к оплате: {{Итого}} ({{Итого прописью}}); {{НДС}}' },
      { text: '{{Особые условия}}' },
      { text: '2. Оплата — в течение 5 банковских дней со дня подписания договора.' },
      { text: '3. Срок поставки — 10 рабочих дней со дня оплаты.' },
      { text: 'Поставщик: {{Организация}}, директор {{Директор}} ____________' },
      { text: 'Покупатель: {{Клиент}} ____________' },
    ]);
  });

  it('uses only placeholders the documents fill', () => {
    const known = new Set<string>([...PLACEHOLDERS, LINES_PLACEHOLDER]);
    for (const kind of ['КП', 'Договор'] as const) {
      for (const p of defaultTemplate(kind)) {
        for (const [, name] of p.text.matchAll(/\{\{([^{}]+)\}\}/g)) expect(known.has(name)).toBe(true);
      }
    }
  });

  it('fills the e-mail text by name, spaces inside the braces allowed, and leaves an unknown name as typed', () => {
    const values = { Клиент: 'ООО «Тепло»', Номер: 'КП-7' };
    expect(fillText('КП {{Номер}} для {{ Клиент }}: {{Нет такого}}, {{}} {Номер}', values)).toBe(
      'КП КП-7 для ООО «Тепло»: {{Нет такого}}, {{}} {Номер}',
    );
  });
});

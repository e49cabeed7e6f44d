import {
  checkDealLines,
  clientRightsOf,
  formatDocumentNumber,
  lineSum,
  linesTable,
  parsePriceList,
  placeholderValues,
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

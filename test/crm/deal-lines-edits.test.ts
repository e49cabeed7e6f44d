/**
 * «Позиции сделок» edited straight in the sheet on the local runtime: a typed
 * cell and a multi-row paste obey the same rules as the card's save (prices
 * from «Прайс», the discount rule of 2.10, «Сумма КП» from the lines), and the
 * two paths agree.
 */
import type { LocalRuntimeSession } from '../../local/runtime';
import { SHEETS } from '../../src/domain/workbook/schema';
import type { SaveDealLinesResult } from '../../src/shared/api';
import { DIRECTOR, IVANOV, PETROVA, columnOf, crmSession, rowsOf, KEY_CLIENT, offerWorkbook } from './crm-workbook';

jest.setTimeout(120_000);

const L = SHEETS.dealLines;

function session(options: Parameters<typeof crmSession>[2] = {}, keyDiscount = 10): LocalRuntimeSession {
  const wb = offerWorkbook({ ...KEY_CLIENT, 'Скидка, %': keyDiscount }, { 'Сумма КП, руб.': '' });
  return crmSession(wb, DIRECTOR, options);
}

type Line = { article: string; quantity: string; discount: string };
const saveLines = (s: LocalRuntimeSession, user: string, dealId: string, lines: Line[]) =>
  s.runAs(user, 'saveDealLines', [dealId, lines]) as SaveDealLinesResult;

const offerSum = (s: LocalRuntimeSession, id: string) =>
  rowsOf(s.workbook, SHEETS.deals).find((r) => r['ID сделки'] === id)!['Сумма КП, руб.'];

function noteOf(s: LocalRuntimeSession, row: number, header: string): string | undefined {
  const sheet = s.workbook.sheets.find((x) => x.name === L)!;
  return sheet.rows[row - 1]?.[columnOf(s.workbook, L, header) - 1]?.note;
}

function lineTable(s: LocalRuntimeSession) {
  return rowsOf(s.workbook, L).map((r) => [
    r['ID сделки'],
    r['Артикул'],
    r['Количество'],
    r['Цена, руб.'],
    r['Скидка, %'] || '',
    r['Сумма, руб.'],
  ]);
}

function refusedDiscountsLogged(s: LocalRuntimeSession): number {
  s.run('flushPendingWrites');
  return rowsOf(s.workbook, SHEETS.log).filter((r) => r['Действие'] === 'Отклонена скидка в позициях').length;
}

describe('a cell typed into «Позиции сделок»', () => {
  it('refuses a discount to a client who is not «Ключевой» with a note, a toast and a «Журнал» line; a quantity updates the sum and «Сумма КП»', () => {
    const s = session();
    expect(saveLines(s, IVANOV, 'С-00001', [{ article: 'ПФ-60', quantity: '40', discount: '' }]).ok).toBe(true);
    expect(offerSum(s, 'С-00001')).toBe(94000);
    s.takeUiEvents();
    s.setUser(IVANOV);
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Скидка, %'), values: [['15']] });
    expect(lineTable(s)).toEqual([['С-00001', 'ПФ-60', 40, 2350, '', 94000]]);
    expect(noteOf(s, 2, 'Скидка, %')).toMatch(/^CRM: скидка 15 % не принята: .*«Ключевой»/);
    const toasts = s.takeUiEvents().filter((e) => e.type === 'toast');
    expect(toasts).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^С-00001, ПФ-60: скидка не принята/) }),
    ]);
    expect(offerSum(s, 'С-00001')).toBe(94000);
    expect(refusedDiscountsLogged(s)).toBe(1);

    // an accepted edit: the line's sum and the deal's «Сумма КП» follow; the old note goes
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Количество'), values: [['50']] });
    expect(lineTable(s)).toEqual([['С-00001', 'ПФ-60', 50, 2350, '', 117500]]);
    expect(offerSum(s, 'С-00001')).toBe(117500);
    expect(s.run('getDealLines', ['С-00001'])).toMatchObject({ problems: [] });
  });

  it('names an article that is not in «Прайс», and recomputes both deals when a line moves to another', () => {
    const s = session();
    saveLines(s, PETROVA, 'С-00002', [
      { article: 'ТР-01', quantity: '2', discount: '' },
      { article: 'ПФ-60', quantity: '1', discount: '' },
    ]);
    saveLines(s, DIRECTOR, 'С-00001', [{ article: 'ТП-150', quantity: '2', discount: '' }]);
    expect([offerSum(s, 'С-00002'), offerSum(s, 'С-00001')]).toEqual([10750, 2981]);
    s.setUser(DIRECTOR);
    s.edit({ sheet: L, row: 3, column: columnOf(s.workbook, L, 'ID сделки'), values: [['С-00001']] });
    expect([offerSum(s, 'С-00002'), offerSum(s, 'С-00001')]).toEqual([8400, 5331]);
    s.takeUiEvents();
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Артикул'), values: [['ХХ-1']] });
    expect(noteOf(s, 2, 'Артикул')).toMatch(/«ХХ-1» нет в листе «Прайс»/);
    expect(s.takeUiEvents().filter((e) => e.type === 'toast')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/«ХХ-1» нет в прайсе/) }),
    ]);
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Артикул'), values: [['ТР-01']] });
    expect(noteOf(s, 2, 'Артикул')).toBeFalsy();
  });

  it('puts a typed price back to the price list’s', () => {
    const s = session();
    saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '2', discount: '10' }]);
    s.setUser(PETROVA);
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Цена, руб.'), values: [['1']] });
    expect(lineTable(s)).toEqual([['С-00002', 'ТР-01', 2, 4200, 10, 7560]]);
    expect(offerSum(s, 'С-00002')).toBe(7560);
  });
});

describe('a discount above «Максимальная скидка» of «Настройки»', () => {
  it('is refused in the sheet even where the client’s own «Скидка, %» is higher', () => {
    const s = session({}, 20);
    saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '1', discount: '' }]);
    s.setUser(PETROVA);
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Скидка, %'), values: [['18']] });
    expect(lineTable(s)).toEqual([['С-00002', 'ТР-01', 1, 4200, '', 4200]]);
    expect(noteOf(s, 2, 'Скидка, %')).toMatch(/больше максимальной 15 % из листа «Настройки»/);
    const card = saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '1', discount: '18' }]);
    expect(!card.ok && card.errors[0]).toMatch(/больше максимальной 15 % из листа «Настройки»/);
  });
});

describe('a multi-row paste into «Позиции сделок»', () => {
  it('keeps what is allowed, refuses the discounts the client may not have, prices from «Прайс» and agrees with the card', () => {
    const s = session();
    s.setUser(PETROVA);
    const headers = ['ID сделки', 'Артикул', 'Наименование', 'Ед.', 'Количество', 'Цена, руб.', 'Скидка, %'];
    expect(headers.map((h) => columnOf(s.workbook, L, h))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    s.takeUiEvents();
    s.edit({
      sheet: L,
      row: 2,
      column: 1,
      values: [
        ['С-00002', 'ПФ-60', 'что угодно', 'шт.', '10', '1', '10'],
        ['С-00002', 'ТР-01', '', '', '2', '', '12'],
        ['С-00002', 'ТП-150', '', '', '35', '999', ''],
        ['С-00001', 'ТР-01', '', '', '1', '', '5'],
      ],
    });
    expect(lineTable(s)).toEqual([
      ['С-00002', 'ПФ-60', 10, 2350, 10, 21150],
      ['С-00002', 'ТР-01', 2, 4200, '', 8400],
      ['С-00002', 'ТП-150', 35, 1490.5, '', 52167.5],
      ['С-00001', 'ТР-01', 1, 4200, '', 4200],
    ]);
    expect(rowsOf(s.workbook, L).map((r) => [r['Наименование'], r['Ед.']])[0]).toEqual([
      'Панель ПОЛИФАСАД 60 мм',
      'м²',
    ]);
    expect(noteOf(s, 3, 'Скидка, %')).toMatch(/больше скидки клиента 10 %/);
    expect(noteOf(s, 5, 'Скидка, %')).toMatch(/«Ключевой»/);
    expect(noteOf(s, 2, 'Скидка, %')).toBeFalsy();
    const toasts = s.takeUiEvents().filter((e) => e.type === 'toast');
    expect(toasts).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Не принято изменений позиций: 2/) }),
    ]);
    expect(offerSum(s, 'С-00002')).toBe(81717.5);
    expect(offerSum(s, 'С-00001')).toBe(4200);
    expect(refusedDiscountsLogged(s)).toBe(2);

    // the card, given the same lines, computes the same sums and the same «Сумма КП»
    const card = session();
    const saved = saveLines(card, PETROVA, 'С-00002', [
      { article: 'ПФ-60', quantity: '10', discount: '10' },
      { article: 'ТР-01', quantity: '2', discount: '' },
      { article: 'ТП-150', quantity: '35', discount: '' },
    ]);
    expect(saved.ok).toBe(true);
    expect(lineTable(card)).toEqual(lineTable(s).slice(0, 3));
    expect(offerSum(card, 'С-00002')).toBe(offerSum(s, 'С-00002'));
    // and refuses the discounts the sheet refused
    const over = saveLines(card, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '2', discount: '12' }]);
    expect(!over.ok && over.errors[0]).toContain('больше скидки клиента 10 %');
  });
});

describe('another specialist’s deal', () => {
  it('keeps its lines and «Сумма КП» from a typed cell, as the card refuses them (where Google reveals the editor)', () => {
    const s = session({ accounts: 'workspace' });
    saveLines(s, PETROVA, 'С-00002', [{ article: 'ТР-01', quantity: '2', discount: '10' }]);
    s.takeUiEvents();
    s.setUser(IVANOV);
    s.edit({ sheet: L, row: 2, column: columnOf(s.workbook, L, 'Количество'), values: [['20']] });
    expect(lineTable(s)).toEqual([['С-00002', 'ТР-01', 2, 4200, 10, 7560]]);
    expect(noteOf(s, 2, 'Количество')).toMatch(/ведёт другой сотрудник/);
    expect(offerSum(s, 'С-00002')).toBe(7560);
    expect(() => saveLines(s, IVANOV, 'С-00002', [{ article: 'ТР-01', quantity: '20', discount: '' }])).toThrow(
      /ведёт другой сотрудник/,
    );
    s.run('flushPendingWrites');
    expect(rowsOf(s.workbook, SHEETS.log).some((r) => r['Действие'] === 'Отклонена правка позиций')).toBe(true);
  });
});

import { workingDaysCells } from '../../../src/functions/calendar';
import { basePayCells, kpiBonusCells, mrotTopupCells, ndflCells } from '../../../src/functions/pay';
import { amountInWordsCells } from '../../../src/functions/words';

describe('BASE_PAY', () => {
  it('pays each category: II 12 000 × 10 / 20 = 6 000, I full 20 000, ИС 1 000 × 5', () => {
    expect(basePayCells('II', 10, 20)).toBe(6000);
    expect(basePayCells('I категория', 21, 21)).toBe(20000);
    expect(basePayCells('ис', 5, 21)).toBe(5000);
  });

  it('works over a column with a broadcast norm and leaves blank rows blank', () => {
    expect(basePayCells([['II'], [''], ['1']], [[21], [''], [7]], 21)).toEqual([[12000], [''], [6666.67]]);
  });

  it('takes the оклады from a range: I; II; без категории; day rate', () => {
    expect(basePayCells('Без категории', 10, 20, [[25000, 15000, 14000, 1200]])).toBe(7000);
    expect(basePayCells('ИС', 3, 20, [[25000], [15000], [''], [1200]])).toBe(3600);
  });

  it('names what to fix', () => {
    expect(() => basePayCells('Без категории', 10, 20)).toThrow('Не задан оклад для категории «Без категории»');
    expect(() => basePayCells('III', 10, 20)).toThrow('Неизвестная категория «III»');
    expect(() => basePayCells('II', -1, 20)).toThrow('не может быть отрицательным');
    expect(() => basePayCells('II', 'десять', 20)).toThrow('«десять» — не число');
    expect(() => basePayCells([['II'], ['I']], [[1], [30]], 21)).toThrow(
      'Строка 2 диапазона: Отработано дней (30) больше нормы',
    );
  });
});

describe('KPI_BONUS', () => {
  it('pays salary × Σ percent of the met KPI: 12 000 × (5 % + 5 %) = 1 200', () => {
    expect(kpiBonusCells(12000, [[3, 0.9, 0.2]], [[2, 0.8, 0.3]], [[5, '5 %', 0.05]])).toBe(1200);
  });

  it('serves a column of employees with one shared row of targets and percents', () => {
    const facts = [
      [2, 1],
      ['', ''],
      [1, 0.5],
    ];
    expect(kpiBonusCells([[20000], [''], [12000]], facts, [[2, 0.8]], [[10, 5]])).toEqual([[3000], [''], [0]]);
  });

  it('names a missing target row and a negative fact', () => {
    expect(() => kpiBonusCells(12000, [[1, 2]], [[1]], [[5, 5]])).toThrow(
      'Цели KPI: нужно столько же значений, сколько фактов KPI (2), получено 1',
    );
    expect(() => kpiBonusCells(12000, [[-1]], [[1]], [[5]])).toThrow('не может быть отрицательным');
  });
});

describe('MROT_TOPUP, NDFL, WORKING_DAYS, AMOUNT_IN_WORDS', () => {
  it('MROT_TOPUP: 27 093 × 21 / 21 − 12 000 = 15 093; with a regional МРОТ of 30 000: 18 000', () => {
    expect(mrotTopupCells(12000, 21, 21)).toBe(15093);
    expect(mrotTopupCells(12000, 21, 21, 30000)).toBe(18000);
    expect(mrotTopupCells([[40000], [6000]], [[21], [10]], 21)).toEqual([[0], [6901.43]]);
  });

  it('NDFL: (30 000 − 1 400) × 13 % = 3 718; over 2.4 млн the excess pays 15 %', () => {
    expect(ndflCells(30000, '', 1400)).toBe(3718);
    expect(ndflCells(30000)).toBe(3900);
    // base before 2 390 000 (tax 310 700); month 20 000: 312 000 + 15 % × 10 000 = 313 500 → 2 800
    expect(ndflCells(20000, 2390000)).toBe(2800);
    expect(() => ndflCells(-1)).toThrow('Доход месяца: значение не может быть отрицательным');
  });

  it('WORKING_DAYS from a date or «ГГГГ-ММ», over a range; an unknown year asks for its calendar', () => {
    expect(workingDaysCells('2026-01')).toBe(15);
    expect(workingDaysCells(new Date(2025, 4, 20))).toBe(18);
    expect(workingDaysCells([['2026-02'], ['2026-03']])).toEqual([[19], [21]]);
    expect(() => workingDaysCells('2024-05')).toThrow('Нет производственного календаря на 2024 год');
  });

  it('AMOUNT_IN_WORDS: «Двенадцать тысяч рублей 00 копеек»', () => {
    expect(amountInWordsCells(12000)).toBe('Двенадцать тысяч рублей 00 копеек');
    expect(amountInWordsCells('1 001,05')).toBe('Одна тысяча один рубль 05 копеек');
    expect(() => amountInWordsCells(-5)).toThrow('Сумма: значение не может быть отрицательным (-5)');
  });
});

/**
 * The pay custom functions as a director types them: optional arguments left blank or given, the
 * shapes of the KPI ranges, and the message that says which cell to fix. Rubles worked out by hand.
 */
import { basePayCells, holidayPayCells, kpiBonusCells, mrotTopupCells, ndflCells } from '../../../src/functions/pay';

describe('BASE_PAY and HOLIDAY_PAY: days and the оклады range', () => {
  it('days must be whole', () => {
    expect(() => basePayCells('II', 10.5, 21)).toThrow('Отработано дней: нужно целое число дней (получено 10.5)');
    expect(() => basePayCells('II', 10, 20.5)).toThrow('Норма рабочих дней: нужно целое число дней (получено 20.5)');
  });

  it('a blank оклад keeps the default; a single value is the I категория оклад', () => {
    // I 25 000 × 10 / 20 = 12 500; II from the range 15 000 × 10 / 20 = 7 500; I by default 20 000 → 10 000
    expect(basePayCells('I', 10, 20, [[25000]])).toBe(12500);
    expect(basePayCells('I', 10, 20, 30000)).toBe(15000);
    expect(basePayCells('II', 10, 20, [['', 15000]])).toBe(7500);
    expect(basePayCells('I', 10, 20, [['', 15000]])).toBe(10000);
    // the day rate stays 1 000 when the range has only the оклады: 3 × 1 000
    expect(basePayCells('ИС', 3, 20, [[25000, 15000]])).toBe(3000);
    expect(basePayCells('Без категории', 10, 20, [['', '', 14000]])).toBe(7000);
  });

  it('names the оклад cell that is wrong, and refuses more than four', () => {
    expect(() => basePayCells('I', 10, 20, [['abc']])).toThrow('Оклад I категории: «abc» — не число');
    expect(() => basePayCells('I', 10, 20, [[1, 'abc']])).toThrow('Оклад II категории: «abc» — не число');
    expect(() => basePayCells('I', 10, 20, [[1, 1, 'abc']])).toThrow('Оклад без категории: «abc» — не число');
    expect(() => basePayCells('I', 10, 20, [[1, 1, 1, 'abc']])).toThrow(
      'Ставка на испытательном сроке: «abc» — не число',
    );
    expect(() => basePayCells('I', 10, 20, [[-1]])).toThrow(
      'Оклад I категории: значение не может быть отрицательным (-1)',
    );
    expect(() => basePayCells('I', 10, 20, [[1, 1, 1, 1, 1]])).toThrow(
      'Оклады: нужно не больше четырёх значений (I категория; II категория; без категории; ставка в день на испытательном сроке)',
    );
  });

  it('HOLIDAY_PAY: the day’s pay × 2, or the multiplier given', () => {
    // II: 12 000 × 2 days × 2 / 21 = 2 285.714… → 2 285.71; ИС: 1 000 × 2 × 2 = 4 000
    expect(holidayPayCells('II', 2, 21)).toBe(2285.71);
    expect(holidayPayCells('ИС', 2, 21)).toBe(4000);
    // × 3: 12 000 × 3 / 20 = 1 800; blank multiplier is 2: 1 200
    expect(holidayPayCells('II', 1, 20, undefined, 3)).toBe(1800);
    expect(holidayPayCells('II', 1, 20, undefined, '')).toBe(1200);
    expect(holidayPayCells('I', 1, 20, [[30000]])).toBe(3000);
    expect(holidayPayCells('ИС', 1, 20, [['', '', '', 1500]])).toBe(3000);
    expect(holidayPayCells([['II'], ['']], [[1], ['']], 20)).toEqual([[1200], ['']]);
  });

  it('HOLIDAY_PAY names what to fix', () => {
    expect(() => holidayPayCells('II', 1.5, 20)).toThrow(
      'Дней в выходные и праздники: нужно целое число дней (получено 1.5)',
    );
    expect(() => holidayPayCells('II', 1, 20.5)).toThrow('Норма рабочих дней: нужно целое число дней (получено 20.5)');
    expect(() => holidayPayCells('II', 1, 20, undefined, 'x')).toThrow('Во сколько раз: «x» — не число');
    expect(() => holidayPayCells('II', 1, 20, undefined, 1.5)).toThrow('не меньше двойной (ТК ст. 153)');
  });
});

describe('MROT_TOPUP', () => {
  it('a blank МРОТ is the federal one; a typed one as text too', () => {
    expect(mrotTopupCells(12000, 21, 21, '')).toBe(15093);
    expect(mrotTopupCells(12000, 21, 21, '30 000')).toBe(18000);
  });

  it('names what to fix', () => {
    expect(() => mrotTopupCells('x', 21, 21)).toThrow('Начислено: «x» — не число');
    expect(() => mrotTopupCells(12000, 1.5, 21)).toThrow('Отработано дней: нужно целое число дней (получено 1.5)');
    expect(() => mrotTopupCells(12000, 21, 'x')).toThrow('Норма рабочих дней: «x» — не число');
    expect(() => mrotTopupCells(12000, 21, 21, -1)).toThrow('МРОТ: значение не может быть отрицательным (-1)');
  });
});

describe('NDFL: the tax before, the base before and the withholding limit', () => {
  it('at most half of the payment: blank, 0.5, 50 and «50 %» alike; 1, 100 and «100 %» lift it', () => {
    // base before 100 000, nothing withheld, this payment 1 000: owed 101 000 × 13 % = 13 130, half 500
    for (const half of [undefined, '', 0.5, 50, '50 %']) expect(ndflCells(1000, 100000, '', 0, half)).toBe(500);
    for (const whole of [1, 100, '100 %']) expect(ndflCells(1000, 100000, '', 0, whole)).toBe(13130);
  });

  it('another share is refused with the two allowed', () => {
    expect(() => ndflCells(1000, 0, '', '', 0.3)).toThrow(
      'Доля выплаты для удержания: 0.3 — укажите 50 % (НК ст. 226 п. 4) или 100 % (налог без ограничения)',
    );
  });

  it('a blank tax before is the tax on the base before; 0 typed means nothing was withheld', () => {
    // base 60 000: 7 800 − tax(30 000) 3 900 = 3 900; with 0 withheld: 7 800 (≤ half of 30 000)
    expect(ndflCells(30000, 30000)).toBe(3900);
    expect(ndflCells(30000, 30000, '', '')).toBe(3900);
    expect(ndflCells(30000, 30000, '', 0)).toBe(7800);
  });

  it('a negative base before (deductions above the income) lowers the tax', () => {
    // 30 000 − 1 000 = 29 000 × 13 % = 3 770
    expect(ndflCells(30000, -1000)).toBe(3770);
    expect(ndflCells(30000, '-1 000')).toBe(3770);
  });

  it('names the cell to fix', () => {
    expect(() => ndflCells(30000, 'x')).toThrow('Облагаемый доход с начала года: «x» — не число');
    expect(() => ndflCells(30000, 0, 'x')).toThrow('Вычеты месяца: «x» — не число');
    expect(() => ndflCells(30000, 0, 0, 'x')).toThrow('НДФЛ с начала года: «x» — не число');
    expect(() => ndflCells(30000, 0, 0, -1)).toThrow('НДФЛ с начала года: значение не может быть отрицательным (-1)');
    expect(() => ndflCells(30000, '', '', '', 'x')).toThrow('Доля выплаты для удержания: «x» — не число');
  });
});

describe('KPI_BONUS for one employee', () => {
  it('facts, targets and percents as a row or a column, in any mix', () => {
    // 12 000 × (5 % + 5 %) = 1 200
    expect(kpiBonusCells(12000, [[3], [0.9]], [[2], [0.8]], [[5], [5]])).toBe(1200);
    expect(kpiBonusCells(12000, [[3, 0.9]], [[2], [0.8]], [[5, 5]])).toBe(1200);
    expect(kpiBonusCells([[12000]], 3, 2, 5)).toBe(600);
  });

  it('a blank fact is not met', () => {
    expect(kpiBonusCells(12000, [['', 1]], [[1, 1]], [[5, 5]])).toBe(600);
  });

  it('a percent: 5 and «5 %» are 5 %, 0.5 is 50 %, 1 is 1 %, «0,5 %» is half a per cent; above 100 refused', () => {
    expect(kpiBonusCells(10000, 1, 1, 5)).toBe(500);
    expect(kpiBonusCells(10000, 1, 1, '5 %')).toBe(500);
    expect(kpiBonusCells(10000, 1, 1, 0.5)).toBe(5000);
    expect(kpiBonusCells(10000, 1, 1, 1)).toBe(100);
    expect(kpiBonusCells(10000, 1, 1, '0,5 %')).toBe(50);
    expect(kpiBonusCells(10000, 1, 1, 100)).toBe(10000);
    // a percent typed with a space after the sign is still a per cent; a number typed as text is read as the number
    expect(kpiBonusCells(10000, 1, 1, '100 % ')).toBe(10000);
    expect(kpiBonusCells(10000, 1, 1, '5')).toBe(500);
    expect(() => kpiBonusCells(10000, 1, 1, 150)).toThrow('% оклада KPI №1: процент должен быть не больше 100');
    expect(() => kpiBonusCells(10000, 1, 1, '150 %')).toThrow('% оклада KPI №1: процент должен быть не больше 100');
    expect(() => kpiBonusCells(10000, [[1, 1]], [[1, 1]], [[5, -5]])).toThrow(
      '% оклада KPI №2: значение не может быть отрицательным (-5)',
    );
  });

  it('modes: blank or «порог» is the threshold, «пропорционально» pays the share, capped', () => {
    // 20 000 × 10 % × 3 / 4 = 1 500; 3 < 4 under the threshold pays nothing
    expect(kpiBonusCells(20000, 3, 4, 10, [['Пропорционально ']])).toBe(1500);
    expect(kpiBonusCells(20000, 3, 4, 10, 'пропорционально')).toBe(1500);
    expect(kpiBonusCells(20000, 3, 4, 10, '')).toBe(0);
    expect(kpiBonusCells(20000, 3, 4, 10, [['']])).toBe(0);
    expect(kpiBonusCells(20000, 3, 4, 10, [[null]])).toBe(0);
    expect(kpiBonusCells(20000, 3, 4, 10, 'ПОРОГ')).toBe(0);
    // a blank modes cell beside two KPI is «порог» for both: 3 < 4 pays nothing, 4 ≥ 4 pays 20 000 × 5 % = 1 000
    expect(kpiBonusCells(20000, [[3, 4]], [[4, 4]], [[10, 5]], '')).toBe(1000);
    // 8 / 4 = 2, capped at 1.5 by default → 3 000, at 2 → 4 000
    expect(kpiBonusCells(20000, 8, 4, 10, 'пропорционально')).toBe(3000);
    expect(kpiBonusCells(20000, 8, 4, 10, 'пропорционально', '')).toBe(3000);
    expect(kpiBonusCells(20000, 8, 4, 10, 'пропорционально', 2)).toBe(4000);
  });

  it('blank оклад and blank facts give a blank cell; a blank оклад with facts is an error', () => {
    expect(kpiBonusCells('', [['', '']], [[1, 1]], [[5, 5]])).toBe('');
    expect(() => kpiBonusCells('', [[1, '']], [[1, 1]], [[5, 5]])).toThrow('Оклад: значение не заполнено');
  });

  it('names a shape it cannot read and a mode or cap it does not know', () => {
    expect(() =>
      kpiBonusCells(
        12000,
        [
          [1, 2],
          [3, 4],
        ],
        1,
        1,
      ),
    ).toThrow(
      'Факты KPI: для одного оклада нужна одна строка или один столбец, а получен диапазон 2×2. ' +
        'Для нескольких сотрудников оклады — столбцом, KPI — строкой на сотрудника',
    );
    expect(() => kpiBonusCells(12000, [[1, 2]], [[1, 1]], [[5, 5, 5]])).toThrow(
      '% оклада KPI: нужно столько же значений, сколько фактов KPI (2), получено 3',
    );
    expect(() => kpiBonusCells(12000, [[1, 2]], [[1, 1]], [[5, 5]], [['порог']])).toThrow(
      'Режимы KPI: нужно столько же значений, сколько фактов KPI (2), получено 1',
    );
    expect(() => kpiBonusCells(12000, 1, 1, 5, 'иначе')).toThrow(
      'Режим KPI №1: «иначе» — укажите «порог» или «пропорционально»',
    );
    expect(() => kpiBonusCells(12000, 1, 1, 5, '', 'x')).toThrow('Предел KPI: «x» — не число');
    expect(() => kpiBonusCells([[12000, 1]], 1, 1, 5)).toThrow('Оклад: нужен один столбец');
    expect(() => kpiBonusCells(12000, [[1]], [['']], [[5]])).toThrow('Цель KPI №1: значение не заполнено');
    expect(() => kpiBonusCells(12000, [['x']], [[1]], [[5]])).toThrow('Факт KPI №1: «x» — не число');
  });
});

describe('KPI_BONUS for a column of employees', () => {
  it('targets one row each, or one row shared', () => {
    // row 1: 1 ≥ 1 → 10 000 × 10 % = 1 000; row 2: 1 < 2 → 0
    expect(kpiBonusCells([[10000], [10000]], [[1], [1]], [[1], [2]], [[10]])).toEqual([[1000], [0]]);
    expect(kpiBonusCells([[10000], [10000]], [[1], [1]], [[1]], [[10], [20]])).toEqual([[1000], [2000]]);
  });

  it('modes one row each', () => {
    // 3 / 4 under «порог» pays nothing; «пропорционально» 10 000 × 10 % × 0.75 = 750
    expect(kpiBonusCells([[10000], [10000]], [[3], [3]], [[4]], [[10]], [['порог'], ['пропорционально']])).toEqual([
      [0],
      [750],
    ]);
  });

  it('a blank row stays blank; a blank оклад with facts names its row', () => {
    expect(kpiBonusCells([[10000], ['']], [[1], ['']], [[1]], [[10]])).toEqual([[1000], ['']]);
    expect(() => kpiBonusCells([[10000], ['']], [[1], [1]], [[1]], [[10]])).toThrow(
      'Строка 2: Оклад: значение не заполнено',
    );
    // one fact typed and one left blank is not a blank row either
    expect(() =>
      kpiBonusCells(
        [[10000], ['']],
        [
          [1, 1],
          [1, ''],
        ],
        [[1, 1]],
        [[5, 5]],
      ),
    ).toThrow('Строка 2: Оклад: значение не заполнено');
  });

  it('names the shape that does not match, with the row', () => {
    expect(() => kpiBonusCells([[1], [1]], [[1], [1], [1]], [[1]], [[5]])).toThrow('Оклад: 2 строк, а фактов KPI — 3');
    expect(() => kpiBonusCells([[1], [1]], [[1, 1], [1]], [[1, 1]], [[5, 5]])).toThrow(
      'Строка 2: Факты KPI: строки разной длины',
    );
    expect(() => kpiBonusCells([[1], [1], [1]], [[1], [1], [1]], [[1], [1]], [[5]])).toThrow(
      'Строка 3: Цели KPI: нужна одна строка или столько же строк, сколько у фактов',
    );
    expect(() =>
      kpiBonusCells(
        [[1], [1]],
        [
          [1, 1],
          [1, 1],
        ],
        [[1]],
        [[5, 5]],
      ),
    ).toThrow('Строка 1: Цели KPI: в строке должно быть столько же значений, сколько фактов KPI (2), получено 1');
    expect(() =>
      kpiBonusCells(
        [[1], [1]],
        [
          [1, 1],
          [1, 1],
        ],
        [[1, 1]],
        [[5]],
      ),
    ).toThrow('Строка 1: % оклада KPI: в строке должно быть столько же значений, сколько фактов KPI (2), получено 1');
    expect(() =>
      kpiBonusCells(
        [[1], [1]],
        [
          [1, 1],
          [1, 1],
        ],
        [[1, 1]],
        [[5, 5]],
        [['порог']],
      ),
    ).toThrow('Строка 1: Режимы KPI: в строке должно быть столько же значений, сколько фактов KPI (2), получено 1');
    expect(() => kpiBonusCells([[1], [1]], [[1], [1]], [[1]], [[5]], [['порог'], ['иначе']])).toThrow(
      'Строка 2: Режим KPI №1: «иначе» — укажите «порог» или «пропорционально»',
    );
  });
});

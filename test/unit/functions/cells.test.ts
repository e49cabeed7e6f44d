/**
 * What a custom function reads from its cells: numbers typed as Russian text, blanks, percents,
 * limits, single values and lists, and ranges broadcast cell by cell with their errors named.
 */
import {
  broadcast,
  isBlank,
  MAX_CELL_NUMBER,
  optional,
  toAmount,
  toList,
  toNonNegative,
  toNumber,
} from '../../../src/functions/cells';
import { DomainError } from '../../../src/domain/money';

describe('toNumber', () => {
  it('reads numbers and Russian text: spaces, a decimal comma, «руб.», «₽», «%»', () => {
    expect(toNumber(12.5, 'Сумма')).toBe(12.5);
    expect(toNumber('150 000,50', 'Сумма')).toBe(150_000.5);
    expect(toNumber('1\u00a0000 руб.', 'Сумма')).toBe(1000);
    expect(toNumber('1000руб', 'Сумма')).toBe(1000);
    expect(toNumber('250 ₽', 'Сумма')).toBe(250);
    expect(toNumber('5%', 'Ставка')).toBe(0.05);
    expect(toNumber(' 5 % ', 'Ставка')).toBe(0.05);
    expect(toNumber('-3', 'Сумма')).toBe(-3);
    expect(toNumber('+3', 'Сумма')).toBe(3);
    expect(toNumber(',5', 'Сумма')).toBe(0.5);
  });

  it('names the cell and what is wrong with it', () => {
    expect(() => toNumber('', 'Продажи')).toThrow(new DomainError('Продажи: значение не заполнено'));
    expect(() => toNumber('   ', 'Продажи')).toThrow('Продажи: значение не заполнено');
    expect(() => toNumber(null, 'Продажи')).toThrow('Продажи: значение не заполнено');
    expect(() => toNumber(undefined, 'Продажи')).toThrow('Продажи: значение не заполнено');
    expect(() => toNumber('abc', 'Продажи')).toThrow('Продажи: «abc» — не число');
    expect(() => toNumber('1.2.3', 'Продажи')).toThrow('Продажи: «1.2.3» — не число');
    expect(() => toNumber(true, 'Продажи')).toThrow('Продажи: «true» — не число');
    expect(() => toNumber(NaN, 'Продажи')).toThrow('Продажи: значение должно быть числом');
    expect(() => toNumber(Infinity, 'Продажи')).toThrow('Продажи: значение должно быть числом');
  });

  it('refuses numbers above a trillion either way, typed or as text', () => {
    expect(MAX_CELL_NUMBER).toBe(1e12);
    expect(toNumber(1e12, 'Сумма')).toBe(1e12);
    expect(toNumber(-1e12, 'Сумма')).toBe(-1e12);
    expect(() => toNumber(1e12 + 1, 'Сумма')).toThrow('Сумма: число 1.00e+12 слишком велико — проверьте ячейку');
    expect(() => toNumber(-2e12, 'Сумма')).toThrow('Сумма: число -2.00e+12 слишком велико');
    expect(() => toNumber('3000000000000', 'Сумма')).toThrow('слишком велико');
  });

  it('non-negative and amounts: a negative is named with its value; kopecks half-up; blank as zero when asked', () => {
    expect(toNonNegative(0, 'Дни')).toBe(0);
    expect(() => toNonNegative(-2, 'Дни')).toThrow('Дни: значение не может быть отрицательным (-2)');
    expect(toAmount('1 234,565', 'Сумма')).toBe(123_457);
    expect(toAmount('', 'Сумма', true)).toBe(0);
    expect(toAmount(null, 'Сумма', true)).toBe(0);
    expect(() => toAmount('', 'Сумма')).toThrow('Сумма: значение не заполнено');
  });
});

describe('single values and lists', () => {
  it('an optional argument is absent when blank, a value when one cell, an error when a range', () => {
    const read = (c: unknown) => `<${String(c)}>`;
    expect(optional(undefined, read)).toBeUndefined();
    expect(optional('', read)).toBeUndefined();
    expect(optional([['']], read)).toBeUndefined();
    expect(optional([[7]], read)).toBe('<7>');
    expect(optional(0, read)).toBe('<0>');
    expect(() => optional([[1], [2]], read)).toThrow('Ожидалось одно значение, а не диапазон');
  });

  it('a list is the non-blank cells of a range, in order', () => {
    expect(toList(undefined)).toEqual([]);
    expect(toList('')).toEqual([]);
    expect(toList(5)).toEqual([5]);
    expect(
      toList([
        [1, ''],
        [null, 2],
        [3, undefined],
      ]),
    ).toEqual([1, 2, 3]);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
  });
});

describe('broadcast', () => {
  const sum = (...cells: unknown[]) => cells.reduce<number>((s, c) => s + Number(c || 0), 0);

  it('calls once for scalars, and a one-cell range is a scalar', () => {
    expect(broadcast([1, 2], sum)).toBe(3);
    expect(broadcast([[[4]], 2], sum)).toBe(6);
  });

  it('maps a range cell by cell, a row and a column alike', () => {
    expect(broadcast([[[1, 2, 3]], 10], sum)).toEqual([[11, 12, 13]]);
    expect(
      broadcast(
        [
          [[1], [2]],
          [[10], [20]],
        ],
        sum,
      ),
    ).toEqual([[11], [22]]);
  });

  it('refuses ranges of different shapes, naming both', () => {
    expect(() => broadcast([[[1], [2]], [[1, 2]]], sum)).toThrow('Диапазоны должны быть одного размера: 2×1 и 1×2');
  });

  it('names the row of a Russian error and lets other errors through as they are', () => {
    const fail = (c: unknown) => {
      if (c === 2) throw new DomainError('плохо');
      if (c === 3) throw new TypeError('сбой');
      return 0;
    };
    expect(() => broadcast([[[1], [2]]], fail)).toThrow(new DomainError('Строка 2 диапазона: плохо'));
    expect(() => broadcast([[[3]], 1], fail)).toThrow(TypeError);
    expect(() => broadcast([[[1], [3]]], fail)).toThrow('сбой');
  });
});

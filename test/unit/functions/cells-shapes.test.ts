/**
 * Ranges of one size only, whichever side differs, and a unit sign read only at the end
 * of a number (a sign between digits is not a number).
 */
import { broadcast, toNumber } from '../../../src/functions/cells';

const sum = (...cells: unknown[]) => cells.reduce<number>((a, c) => a + Number(c), 0);

describe('broadcast over ranges of different sizes', () => {
  it('refuses ranges with the same rows and other columns, naming both sizes', () => {
    expect(() =>
      broadcast(
        [
          [[1], [2]],
          [
            [1, 2],
            [3, 4],
          ],
        ],
        sum,
      ),
    ).toThrow('Диапазоны должны быть одного размера: 2×1 и 2×2');
  });

  it('refuses ranges with the same columns and other rows, naming both sizes', () => {
    expect(() =>
      broadcast(
        [
          [[1], [2], [3]],
          [[1], [2]],
        ],
        sum,
      ),
    ).toThrow('Диапазоны должны быть одного размера: 3×1 и 2×1');
  });

  it('refuses a range one of whose rows is shorter', () => {
    expect(() =>
      broadcast(
        [
          [
            [1, 2],
            [3, 4],
          ],
          [[1, 2], [3]],
        ],
        sum,
      ),
    ).toThrow('Диапазоны должны быть одного размера: 2×2 и 2×2');
  });

  it('takes ranges of one size', () => {
    expect(
      broadcast(
        [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [10, 20],
            [30, 40],
          ],
        ],
        sum,
      ),
    ).toEqual([
      [11, 22],
      [33, 44],
    ]);
  });
});

describe('toNumber and unit signs', () => {
  it('reads «₽», «руб.» and «%» only at the end', () => {
    expect(toNumber('100 ₽', 'Сумма')).toBe(100);
    expect(toNumber('5%', 'Ставка')).toBe(0.05);
    expect(() => toNumber('5%5', 'Ставка')).toThrow('Ставка: «5%5» — не число');
    expect(() => toNumber('1₽00', 'Сумма')).toThrow('Сумма: «1₽00» — не число');
  });
});

/**
 * Range broadcasting: a row is left blank only when every range argument is
 * blank in it. A row where some ranges are filled is computed (and its
 * missing value is an error naming the row), never silently skipped.
 */
import { broadcast, toNumber, type Cell } from '../../../src/functions/cells';
import { PLAN_BONUS } from '../../../src/entry/custom-functions';

const sum = (...cells: Cell[]) => cells.reduce<number>((acc, c) => acc + (typeof c === 'number' ? c : 0), 0);

describe('broadcast over ranges', () => {
  it('computes a row where only some ranges are blank', () => {
    expect(
      broadcast(
        [
          [[1], [''], ['']],
          [[10], [20], ['']],
        ],
        sum,
      ),
    ).toEqual([[11], [20], ['']]);
  });

  it('leaves a row blank only when all its range cells are blank, whatever the scalars', () => {
    expect(broadcast([[[''], [2]], 100, [[''], [3]]], sum)).toEqual([[''], [105]]);
  });

  it('names the row of a value missing where the other range has one', () => {
    const need = (a: Cell, b: Cell) => toNumber(a, 'Продажи') + toNumber(b, 'План');
    expect(() =>
      broadcast(
        [
          [[1], ['']],
          [[2], [5]],
        ],
        need,
      ),
    ).toThrow(/^Строка 2 диапазона: Продажи/);
  });

  it('holds in a custom function: a sales cell with no plan is an error, not a blank bonus', () => {
    expect(() => PLAN_BONUS([[150000], [90000]], [[100000], ['']])).toThrow(/Строка 2 диапазона/);
    expect(PLAN_BONUS([[150000], ['']], [[100000], ['']])).toEqual([[7500], ['']]);
  });
});

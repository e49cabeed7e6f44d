/**
 * What the payroll tab's one-formula-per-column needs of the custom functions: pairs of columns
 * in one call, rows with no plan left empty over a range (and still an error in a single cell),
 * no оклад needed for 0 days.
 */
import { basePayCells, ndflCells } from '../../../src/functions/pay';
import { planBonusCells, planFulfilmentCells, planRateCells } from '../../../src/functions/plan';

describe('custom functions over the payroll tab’s columns', () => {
  it('BASE_PAY over side-by-side pairs gives «по ставке» and «по окладу» in one call', () => {
    // 9 probation days at 1 000, then 12 II-категория days: 12 000 × 12 / 21 = 6 857,14
    const categories = [
      ['Испытательный срок', 'II категория'],
      ['Испытательный срок', 'I категория'],
    ];
    expect(
      basePayCells(
        categories,
        [
          [9, 12],
          [0, 21],
        ],
        21,
      ),
    ).toEqual([
      [9000, 6857.14],
      [0, 20000],
    ]);
  });

  it('BASE_PAY for 0 days needs no оклад, even «Без категории» without one', () => {
    expect(basePayCells('Без категории', 0, 21)).toBe(0);
    expect(() => basePayCells('Без категории', 1, 21)).toThrow('Оклад без категории');
  });

  it('a range row with a blank plan stays blank; a single blank plan is still an error', () => {
    const sales = [[80000], [50000]];
    const plans = [[100000], ['']];
    expect(planFulfilmentCells(sales, plans)).toEqual([[0.8], ['']]);
    expect(planRateCells(sales, plans)).toEqual([[0.03], ['']]);
    expect(() => planRateCells(50000, '')).toThrow('Не задан план продаж');
    expect(() => planFulfilmentCells(50000, '')).toThrow('Не задан план продаж');
  });

  it('PLAN_BONUS with bonus sales of 0 pays 0 without a plan, and on later sales with one', () => {
    // 3 % of the 50 000 signed after probation: 1 500; a row on probation all month: 0
    expect(planBonusCells([[80000], [30000]], [[100000], ['']], '', '', [[50000], [0]])).toEqual([[1500], [0]]);
    // sales that earn a bonus with no plan stay an error, in a range too
    expect(() => planBonusCells(30000, '', '', '', 10000)).toThrow('Не задан план продаж');
    expect(() => planBonusCells([[80000], [30000]], [[100000], ['']])).toThrow(/Строка 2 диапазона/);
  });

  it('NDFL over a pair of payments gives each one’s tax, with or without the 50 % limit', () => {
    // аванс 10 000 and final 17 093 owing 21 300 and 18 522 (base 500 000 / 510 000, tax 45 000 / 50 000)
    const ndfl = (limit?: number) => ndflCells([[10000, 17093]], [[500000, 510000]], [[0, 0]], [[45000, 50000]], limit);
    expect(ndfl(1)).toEqual([[21300, 18522]]);
    expect(ndfl()).toEqual([[5000, 8546]]);
  });
});

/**
 * PLAN_FULFILMENT, PLAN_RATE and PLAN_BONUS as typed in a cell: the optional rates, threshold and
 * bonus sales, blank plans over a range and in one cell, and the messages that name the argument.
 */
import { planBonusCells, planFulfilmentCells, planRateCells } from '../../../src/functions/plan';

describe('PLAN_RATE', () => {
  it('3 % under the plan, 4 % at it, 5 % above it by default', () => {
    expect(planRateCells(99999.99, 100000)).toBe(0.03);
    expect(planRateCells(100000, 100000)).toBe(0.04);
    expect(planRateCells(100000.01, 100000)).toBe(0.05);
    // blank sales are none: under the plan
    expect(planRateCells('', 100000)).toBe(0.03);
  });

  it('an over-threshold given as a share or a percent; blank keeps 100 %', () => {
    expect(planRateCells(105000, 100000, '', 1.1)).toBe(0.04);
    expect(planRateCells(110000, 100000, '', '110 %')).toBe(0.04);
    expect(planRateCells(115000, 100000, '', '110 %')).toBe(0.05);
    expect(planRateCells(105000, 100000, '', '')).toBe(0.05);
    expect(planRateCells(105000, 100000, undefined, [['']])).toBe(0.05);
  });

  it('three rates as a row, a column or percent text; none keeps the defaults', () => {
    expect(planRateCells(50000, 100000, [[0.01, 0.02, 0.03]])).toBe(0.01);
    expect(planRateCells(100000, 100000, [['1 %'], ['2 %'], ['3 %']])).toBe(0.02);
    expect(planRateCells(200000, 100000, [[0.01, 0.02, 0.03]])).toBe(0.03);
    expect(planRateCells(200000, 100000, [['', '']])).toBe(0.05);
  });

  it('names the rate or threshold to fix', () => {
    expect(() => planRateCells(1, 1, [[0.01, 0.02]])).toThrow(
      'Ставки премии за план: нужны три значения (не выполнен, выполнен, перевыполнен), получено 2',
    );
    expect(() => planRateCells(1, 1, [[0.01, 0.02, 0.03, 0.04]])).toThrow('получено 4');
    expect(() => planRateCells(1, 1, [[0.01, 'x', 0.03]])).toThrow('Ставка премии за план №2: «x» — не число');
    expect(() => planRateCells(1, 1, '', 'x')).toThrow('Порог перевыполнения плана: «x» — не число');
  });
});

describe('PLAN_FULFILMENT', () => {
  it('sales ÷ plan; blank sales are none', () => {
    expect(planFulfilmentCells(50000, 200000)).toBe(0.25);
    expect(planFulfilmentCells('', 100000)).toBe(0);
    expect(planFulfilmentCells(0, 100000)).toBe(0);
  });

  it('a plan blank in one cell, or zero, is an error; in a range the row stays blank', () => {
    expect(() => planFulfilmentCells(50000, '')).toThrow('Не задан план продаж: заполните план на листе «Планы»');
    expect(() => planFulfilmentCells([[50000]], [['']])).toThrow('Не задан план продаж');
    expect(() => planFulfilmentCells(50000, 0)).toThrow('Не задан план продаж (план должен быть больше нуля)');
    expect(planFulfilmentCells([[50000], [30000]], [[100000], ['']])).toEqual([[0.5], ['']]);
    // a range across a row is a range too
    expect(planFulfilmentCells([[50000, 30000]], [[100000, '']])).toEqual([[0.5, '']]);
    // a plan left out of the formula is a blank one
    expect(() => planFulfilmentCells(50000, undefined as never)).toThrow('Не задан план продаж');
    expect(() => planFulfilmentCells(50000, 'x')).toThrow('План продаж: «x» — не число');
    expect(() => planFulfilmentCells('x', 1)).toThrow('Продажи: «x» — не число');
  });
});

describe('PLAN_BONUS', () => {
  it('the rate × all the sales, or × the bonus sales given', () => {
    // 150 000 of 100 000: 5 % × 150 000 = 7 500; of it 60 000 after probation: 5 % × 60 000 = 3 000
    expect(planBonusCells(150000, 100000)).toBe(7500);
    expect(planBonusCells(150000, 100000, '', '', '')).toBe(7500);
    expect(planBonusCells(150000, 100000, '', '', 60000)).toBe(3000);
    expect(planBonusCells(100000, 100000, [[0.01], [0.02], [0.03]])).toBe(2000);
    expect(planBonusCells(115000, 100000, '', 1.2)).toBe(4600);
    expect(planBonusCells(0, 100000)).toBe(0);
    expect(planBonusCells('', 100000)).toBe(0);
  });

  it('bonus sales of 0 pay 0, with or without a plan', () => {
    expect(planBonusCells(30000, '', '', '', 0)).toBe(0);
    expect(planBonusCells(30000, 100000, '', '', 0)).toBe(0);
  });

  it('names what to fix', () => {
    expect(() => planBonusCells(150000, 100000, '', '', 200000)).toThrow(
      'Продажи для премии не могут быть больше продаж месяца',
    );
    expect(() => planBonusCells(150000, 100000, '', '', 'x')).toThrow('Продажи для премии: «x» — не число');
    expect(() => planBonusCells(150000, '')).toThrow('Не задан план продаж: заполните план на листе «Планы»');
  });
});

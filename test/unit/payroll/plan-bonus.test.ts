import { DomainError } from '../../../src/domain/money';
import {
  checkOverThreshold,
  checkPlanRates,
  DEFAULT_OVER_THRESHOLD,
  DEFAULT_PLAN_RATES,
  planBonus,
  planFulfilment,
  planOutcome,
  planRate,
} from '../../../src/domain/payroll/plan-bonus';
import { planBonusCells, planFulfilmentCells, planRateCells } from '../../../src/functions/plan';

const rub = (r: number) => Math.round(r * 100);

describe('plan rate (6.2, 6.3, domain 4.2)', () => {
  it('pays 3 % below the plan, 4 % exactly at it, 5 % above it', () => {
    expect(planRate(rub(99_999.99), rub(100_000))).toBe(0.03);
    expect(planRate(rub(100_000), rub(100_000))).toBe(0.04);
    expect(planRate(rub(100_000.01), rub(100_000))).toBe(0.05);
  });

  it('counts up to the «exceeded» threshold as met when the threshold is raised to 110 %', () => {
    expect(planOutcome(rub(110_000), rub(100_000), 1.1)).toBe('met');
    expect(planOutcome(rub(110_000.01), rub(100_000), 1.1)).toBe('over');
    expect(planOutcome(rub(105_000), rub(100_000), 1.1)).toBe('met');
  });

  it('refuses a plan of zero or less instead of paying a silent 3 %', () => {
    expect(() => planRate(rub(10_000), 0)).toThrow('Не задан план продаж');
    expect(() => planRate(rub(10_000), -100)).toThrow('Не задан план продаж');
  });
});

describe('plan bonus = rate × the month sales, in kopecks', () => {
  it('5 % of 123 456.78 = 6 172.839 → 6 172.84', () => {
    expect(planBonus(12_345_678, 10_000_000)).toBe(617_284);
  });
  it('3 % of 0.50 = 0.015 → 0.02 (half-up)', () => {
    expect(planBonus(50, 100_000)).toBe(2);
  });
  it('uses the rates from the settings', () => {
    expect(planBonus(rub(200_000), rub(100_000), { under: 0.02, met: 0.035, over: 0.045 })).toBe(rub(9_000));
  });
});

describe('custom functions over cells', () => {
  it('PLAN_FULFILMENT returns a fraction', () => {
    expect(planFulfilmentCells(120_000, 100_000)).toBeCloseTo(1.2, 12);
  });
  it('PLAN_RATE takes rates from a range of three', () => {
    expect(planRateCells(100_000, 100_000, [[0.01], [0.02], [0.03]])).toBe(0.02);
    expect(() => planRateCells(100_000, 100_000, [[0.01], [0.02]])).toThrow('нужны три значения');
  });
  it('PLAN_BONUS accepts numbers typed as Russian text', () => {
    expect(planBonusCells('150 000,00', '100 000')).toBe(7500);
  });
  it('PLAN_BONUS names a negative input', () => {
    expect(() => planBonusCells(-5, 100)).toThrow('не может быть отрицательным');
  });
  it('PLAN_BONUS refuses ranges of different sizes', () => {
    expect(() => planBonusCells([[1], [2]], [[1], [2], [3]])).toThrow('одного размера');
  });
});

describe('plan rates and threshold from the settings are checked', () => {
  it('accepts shares from 0 to 1 and refuses anything else, naming the form to type', () => {
    const message = 'Ставки премии за план должны быть долями от 0 до 1 (например, 0,03; 0,04; 0,05)';
    expect(() => checkPlanRates({ under: 0, met: 0.5, over: 1 })).not.toThrow();
    for (const bad of [-0.01, 1.01, NaN, Infinity]) {
      expect(() => checkPlanRates({ ...DEFAULT_PLAN_RATES, under: bad })).toThrow(message);
      expect(() => checkPlanRates({ ...DEFAULT_PLAN_RATES, met: bad })).toThrow(message);
      expect(() => checkPlanRates({ ...DEFAULT_PLAN_RATES, over: bad })).toThrow(message);
    }
    expect(() => planRate(rub(100), rub(100), { under: 0.03, met: 4, over: 0.05 })).toThrow(message);
  });

  it('accepts a threshold of 100 % and more, refuses less', () => {
    const message = 'Порог перевыполнения плана должен быть не меньше 1 (100 %)';
    expect(() => checkOverThreshold(1)).not.toThrow();
    for (const bad of [0.99, NaN, -Infinity]) expect(() => checkOverThreshold(bad)).toThrow(message);
    expect(() => planOutcome(rub(100), rub(100), 0.9)).toThrow(message);
  });

  it('refuses negative sales and a missing plan in fulfilment as in the rate', () => {
    expect(() => planFulfilment(-1, rub(100))).toThrow(new DomainError('Продажи не могут быть отрицательными'));
    expect(() => planOutcome(-1, rub(100))).toThrow('Продажи не могут быть отрицательными');
    expect(() => planFulfilment(NaN, rub(100))).toThrow('Продажи не могут быть отрицательными');
    expect(() => planFulfilment(rub(100), NaN)).toThrow(
      'Не задан план продаж (план должен быть больше нуля): заполните лист «Планы»',
    );
    expect(planFulfilment(rub(150), rub(100))).toBe(1.5);
    expect(planFulfilment(0, rub(100))).toBe(0);
  });

  it('the defaults are the job description’s 3, 4 and 5 % with «exceeded» above 100 %', () => {
    expect(DEFAULT_PLAN_RATES).toEqual({ under: 0.03, met: 0.04, over: 0.05 });
    expect(DEFAULT_OVER_THRESHOLD).toBe(1);
    expect(planOutcome(0, rub(100))).toBe('under');
    expect(planBonus(0, rub(100))).toBe(0);
  });
});

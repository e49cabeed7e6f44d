import { planBonus, planOutcome, planRate } from '../../../src/domain/payroll/plan-bonus';
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

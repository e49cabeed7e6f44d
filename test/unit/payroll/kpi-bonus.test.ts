import { kpiBonus, kpiShare } from '../../../src/domain/payroll/kpi-bonus';

const kpi = (
  fact: number | null,
  target: number,
  percent: number,
  mode: 'threshold' | 'proportional' = 'threshold',
) => ({
  fact,
  target,
  percent,
  mode,
});

describe('KPI bonus (domain 4.3)', () => {
  it('«порог»: оклад × Σ percent of the KPI whose fact ≥ target', () => {
    // 12 000 × (5 % + 5 %) = 1 200; the third KPI (0.25 < 0.3) earns nothing
    expect(kpiBonus(1_200_000, [kpi(2, 2, 0.05), kpi(0.9, 0.8, 0.05), kpi(0.25, 0.3, 0.05)])).toBe(120_000);
  });

  it('a KPI with nothing to measure (null fact) is not met', () => {
    expect(kpiBonus(1_200_000, [kpi(null, 0, 0.05)])).toBe(0);
  });

  it('«пропорционально»: × min(fact / target, cap)', () => {
    // 20 000 × 10 % × (3 / 4) = 1 500
    expect(kpiBonus(2_000_000, [kpi(3, 4, 0.1, 'proportional')])).toBe(150_000);
    // 20 000 × 10 % × min(8 / 4, 1.5) = 3 000
    expect(kpiBonus(2_000_000, [kpi(8, 4, 0.1, 'proportional')], 1.5)).toBe(300_000);
    expect(kpiShare(kpi(8, 4, 0.1, 'proportional'), 1.5)).toBeCloseTo(0.15, 12);
  });

  it('rounds once, half-up: 12 345.67 × 5 % × 1/3 = 205.7611… → 205.76', () => {
    expect(kpiBonus(1_234_567, [kpi(1, 3, 0.05, 'proportional')])).toBe(20_576);
  });

  it('refuses a negative fact and a percent above 100', () => {
    expect(() => kpiBonus(100, [kpi(-1, 1, 0.05)])).toThrow('факт должен быть неотрицательным');
    expect(() => kpiBonus(100, [kpi(1, 1, 2)])).toThrow('от 0 до 100');
  });
});

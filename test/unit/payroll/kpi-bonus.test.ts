import { checkKpiInput, DEFAULT_KPI_CAP, kpiBonus, kpiShare } from '../../../src/domain/payroll/kpi-bonus';

const rub = (r: number) => Math.round(r * 100);

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
    // a fractional target: 20 000 × 10 % × (2 / 2,5) = 1 600; no fact at all earns nothing
    expect(kpiBonus(2_000_000, [kpi(2, 2.5, 0.1, 'proportional')])).toBe(160_000);
    expect(kpiBonus(2_000_000, [kpi(0, 2.5, 0.1, 'proportional')])).toBe(0);
  });

  it('rounds once, half-up: 12 345.67 × 5 % × 1/3 = 205.7611… → 205.76', () => {
    expect(kpiBonus(1_234_567, [kpi(1, 3, 0.05, 'proportional')])).toBe(20_576);
  });

  it('refuses a negative fact and a percent above 100', () => {
    expect(() => kpiBonus(100, [kpi(-1, 1, 0.05)])).toThrow('факт должен быть неотрицательным');
    expect(() => kpiBonus(100, [kpi(1, 1, 2)])).toThrow('от 0 до 100');
  });
});

describe('KPI bonus edges, worked by hand', () => {
  it('«порог» pays at the target exactly, not a hair below, compared without floating point', () => {
    expect(kpiBonus(rub(10_000), [kpi(0.3, 0.3, 0.05)])).toBe(rub(500));
    expect(kpiBonus(rub(10_000), [kpi(0.1 + 0.2, 0.3, 0.05)])).toBe(rub(500));
    expect(kpiBonus(rub(10_000), [kpi(0.2999, 0.3, 0.05)])).toBe(0);
    expect(kpiShare(kpi(0.3, 0.3, 0.05))).toBe(0.05);
    expect(kpiShare(kpi(0.2, 0.3, 0.05))).toBe(0);
    expect(kpiShare(kpi(null, 0.3, 0.05))).toBe(0);
  });

  it('«пропорционально»: a zero target pays the cap, a zero fact nothing, the cap bounds the share', () => {
    // 10 000 × 10 % × cap 1.5 = 1 500
    expect(kpiBonus(rub(10_000), [kpi(5, 0, 0.1, 'proportional')])).toBe(rub(1_500));
    expect(kpiBonus(rub(10_000), [kpi(0, 0, 0.1, 'proportional')])).toBe(rub(1_500));
    expect(kpiBonus(rub(10_000), [kpi(0, 4, 0.1, 'proportional')])).toBe(0);
    expect(kpiBonus(rub(10_000), [kpi(null, 4, 0.1, 'proportional')])).toBe(0);
    // fact / target = 1.5 exactly at the cap 1.5, and 1.6 above it: both pay 1 500
    expect(kpiBonus(rub(10_000), [kpi(6, 4, 0.1, 'proportional')])).toBe(rub(1_500));
    expect(kpiBonus(rub(10_000), [kpi(6.4, 4, 0.1, 'proportional')])).toBe(rub(1_500));
    // 1.2 under a cap of 2: 10 000 × 10 % × 1.2 = 1 200
    expect(kpiBonus(rub(10_000), [kpi(4.8, 4, 0.1, 'proportional')], 2)).toBe(rub(1_200));
    expect(DEFAULT_KPI_CAP).toBe(1.5);
  });

  it('sums several KPI exactly before rounding once: 1 000.01 × (5 % + 5 % × 1/3) = 66.667… → 66.67', () => {
    expect(kpiBonus(100_001, [kpi(1, 1, 0.05), kpi(1, 3, 0.05, 'proportional')])).toBe(6_667);
    expect(kpiBonus(rub(10_000), [])).toBe(0);
    expect(kpiBonus(0, [kpi(1, 1, 0.05)])).toBe(0);
  });

  it('names the KPI by its place and says what to fix', () => {
    expect(() => kpiBonus(100, [kpi(1, 1, 0.05), kpi(-1, 1, 0.05)])).toThrow(
      'KPI «2»: факт должен быть неотрицательным числом',
    );
    expect(() => kpiBonus(100, [kpi(NaN, 1, 0.05)])).toThrow('KPI «1»: факт должен быть неотрицательным числом');
    expect(() => kpiBonus(100, [kpi(1, -1, 0.05)])).toThrow('KPI «1»: цель должна быть неотрицательным числом');
    expect(() => kpiBonus(100, [kpi(1, NaN, 0.05)])).toThrow('цель должна быть неотрицательным числом');
    expect(() => kpiBonus(100, [kpi(1, 1, -0.01)])).toThrow('KPI «1»: % оклада должен быть от 0 до 100 %');
    expect(() => kpiBonus(100, [kpi(1, 1, NaN)])).toThrow('% оклада должен быть от 0 до 100 %');
    expect(() => kpiBonus(100, [kpi(1, 1, 1)])).not.toThrow();
    expect(() => checkKpiInput(kpi(null, 0, 0), 'Новые клиенты')).not.toThrow();
    expect(() => checkKpiInput(kpi(1, 1, 1.5), 'Новые клиенты')).toThrow('KPI «Новые клиенты»: % оклада');
    expect(() => kpiBonus(-1, [])).toThrow('Оклад для KPI не может быть отрицательным');
    expect(() => kpiBonus(0.5, [])).toThrow('Оклад для KPI не может быть отрицательным');
    expect(() => kpiBonus(100, [], 0.99)).toThrow(
      'Предел KPI в режиме «пропорционально» должен быть не меньше 1 (100 %)',
    );
    expect(() => kpiBonus(100, [], NaN)).toThrow('не меньше 1 (100 %)');
    expect(kpiBonus(100, [], 1)).toBe(0);
  });
});

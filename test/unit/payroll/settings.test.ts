import { defaultSettings, defaultSettingsRows, parseSettings } from '../../../src/domain/settings';

describe('«Настройки» tab', () => {
  it('the rows of a fresh workbook read back as the defaults', () => {
    expect(parseSettings(defaultSettingsRows())).toEqual(defaultSettings());
  });

  it('has the three blocks with their header rows and says the KPI numbers are examples', () => {
    const rows = defaultSettingsRows();
    const headers = rows.map((r) => r.filter((c) => c !== '').join(' | '));
    expect(headers).toContain('Параметр | Значение | Пояснение');
    expect(headers).toContain('KPI | Показатель | Цель по умолчанию | % оклада | Режим');
    expect(headers).toContain('Дата | Тип дня');
    expect(rows.some((r) => /примеры/.test(String(r[2])))).toBe(true);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  });

  it('holds the defaults of domain 4.6', () => {
    const s = defaultSettings();
    expect(s.organisation).toBe('ООО «Проект-А»');
    expect(s.director).toBe('Е. А. Сараев');
    expect(s.directorEmail).toBe('');
    expect(s.salaries).toEqual({ I: 2_000_000, II: 1_200_000, none: null });
    expect(s.probationDayRate).toBe(100_000);
    expect(s.planRates).toEqual({ under: 0.03, met: 0.04, over: 0.05 });
    expect(s.mrotByYear).toEqual({ 2025: 2_244_000, 2026: 2_709_300 });
    expect([s.salesBy, s.probationPlanBonus, s.ndflEnabled, s.maxDiscountPercent, s.claimDeadlineDays]).toEqual([
      'contract',
      false,
      true,
      15,
      10,
    ]);
  });

  it('finds blocks by their headers wherever they are, and reads edited values', () => {
    const values: unknown[][] = [
      ['Настройки надстройки'],
      [],
      ['Дата', 'Тип дня'],
      [new Date(2026, 2, 17), 'Выходной'],
      ['28.03.2026', 'Рабочий'],
      [],
      ['Параметр', 'Значение', 'Пояснение'],
      ['Оклад без категории, руб.', 15000, ''],
      ['Премия за план: перевыполнен, %', '6 %', ''],
      ['Премия за план: выполнен, %', 4.5, ''],
      ['Продажи считать по дате', 'оплаты', ''],
      ['МРОТ 2026, руб.', 30000, 'региональный'],
      ['Максимальная скидка, %', 0.2, ''],
      ['Новый параметр другой функции', 'x', ''],
      [],
      ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'],
      ['Звонки', 'Вручную', 100, 0.1, 'пропорционально'],
    ];
    const s = parseSettings(values);
    expect(s.salaries.none).toBe(1_500_000);
    expect(s.planRates).toEqual({ under: 0.03, met: 0.045, over: 0.06 });
    expect(s.salesBy).toBe('payment');
    expect(s.mrotByYear[2026]).toBe(3_000_000);
    expect(s.maxDiscountPercent).toBe(20);
    expect(s.calendar).toEqual({ holidays: ['2026-03-17'], workingDays: ['2026-03-28'] });
    expect(s.kpis).toEqual([
      { name: 'Звонки', measure: 'manual', defaultTarget: 100, percent: 0.1, mode: 'proportional' },
    ]);
  });

  it('names the row of a bad value', () => {
    const rows = defaultSettingsRows();
    const at = rows.findIndex((r) => r[0] === 'Оклад II категории, руб.');
    rows[at][1] = 'двенадцать';
    expect(() => parseSettings(rows)).toThrow(
      `Настройки, строка ${at + 1} («Оклад II категории, руб.»): «двенадцать» — не число`,
    );
    const kpiRows = defaultSettingsRows();
    const k = kpiRows.findIndex((r) => r[0] === 'Рост продаж');
    kpiRows[k][4] = 'иногда';
    expect(() => parseSettings(kpiRows)).toThrow(`строка ${k + 1} («Рост продаж»): режим должен быть`);
  });
});

import { basePay, parseCategory, splitBasePay } from '../../../src/domain/payroll/base-pay';

const salaries = { I: 2_000_000, II: 1_200_000, none: null };

describe('base pay by category (6.1–6.3, domain 4.1)', () => {
  it('reads the category as people type it', () => {
    for (const t of ['I', '1', 'i категория', ' I  КАТЕГОРИЯ ']) expect(parseCategory(t)).toBe('I');
    for (const t of ['II', '2', 'II категория', 'ii']) expect(parseCategory(t)).toBe('II');
    for (const t of ['ИС', 'ис', 'Испытательный срок']) expect(parseCategory(t)).toBe('probation');
    expect(parseCategory('без категории')).toBe('none');
    expect(() => parseCategory('III')).toThrow('Неизвестная категория «III»: укажите одну из');
    expect(() => parseCategory('')).toThrow('Категория не указана');
  });

  it('pays the full оклад for a fully worked month: II = 12 000, I = 20 000', () => {
    expect(basePay('II', 21, 21, salaries)).toBe(1_200_000);
    expect(basePay('I', 15, 15, salaries)).toBe(2_000_000);
  });

  it('prorates a partly worked month: 12 000 × 10 / 21 = 5 714.2857… → 5 714.29', () => {
    expect(basePay('II', 10, 21, salaries)).toBe(571_429);
  });

  it('pays probation 1 000 a day actually worked: 1 000 × 13 = 13 000', () => {
    expect(basePay('probation', 13, 21, salaries)).toBe(1_300_000);
  });

  it('refuses «Без категории» until its оклад is set, then prorates it', () => {
    expect(() => basePay('none', 10, 20, salaries)).toThrow('Не задан оклад для категории «Без категории»');
    // 15 000 × 10 / 20 = 7 500
    expect(basePay('none', 10, 20, { ...salaries, none: 1_500_000 })).toBe(750_000);
  });

  it('refuses more days worked than the norm and a zero norm', () => {
    expect(() => basePay('II', 22, 21, salaries)).toThrow('больше нормы');
    expect(() => basePay('II', 0, 0, salaries)).toThrow('Норма рабочих дней');
  });

  it('splits a month at the end of probation: probation days at 1 000, the rest from the оклад', () => {
    // April 2026, norm 22, worked 22; probation ends 15 April → 11 working days at 1 000 = 11 000,
    // the other 11 days: 12 000 × 11 / 22 = 6 000
    const split = splitBasePay('II', 22, 22, 11, salaries, 100_000);
    expect(split).toEqual({
      probationDays: 11,
      salaryDays: 11,
      byRate: 1_100_000,
      bySalary: 600_000,
      salary: 1_200_000,
    });
  });

  it('counts at most the days worked as probation days', () => {
    // 8 days worked, all within probation (11 working days of probation in the month)
    expect(splitBasePay('II', 8, 22, 11, salaries, 100_000)).toMatchObject({
      probationDays: 8,
      salaryDays: 0,
      bySalary: 0,
    });
  });
});

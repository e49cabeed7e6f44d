import {
  basePay,
  CATEGORY_LABELS,
  checkDays,
  DEFAULT_HOLIDAY_MULTIPLIER,
  DEFAULT_PROBATION_DAY_RATE,
  DEFAULT_SALARIES,
  holidayPay,
  parseCategory,
  probationPay,
  salaryPay,
  splitBasePay,
} from '../../../src/domain/payroll/base-pay';

const rub = (r: number) => Math.round(r * 100);

const salaries = { I: 2_000_000, II: 1_200_000, none: null };

describe('base pay by category (6.1–6.3, domain 4.1)', () => {
  it('reads the category as people type it', () => {
    for (const t of ['I', '1', 'i категория', ' I  КАТЕГОРИЯ ']) expect(parseCategory(t)).toBe('I');
    for (const t of ['II', '2', 'II категория', 'ii']) expect(parseCategory(t)).toBe('II');
    for (const t of ['ИС', 'ис', 'Испытательный срок']) expect(parseCategory(t)).toBe('probation');
    expect(parseCategory('без категории')).toBe('none');
    expect(() => parseCategory('III')).toThrow('Неизвестная категория «III»: укажите одну из');
    expect(() => parseCategory('')).toThrow('Категория не указана');
    for (const blank of [null, undefined]) expect(() => parseCategory(blank)).toThrow('Категория не указана');
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

  it('pays nothing for no day in «Без категории», with or without its оклад', () => {
    expect(basePay('none', 0, 20, salaries)).toBe(0);
    expect(holidayPay('none', 0, 20, salaries)).toBe(0);
    expect(() => holidayPay('none', 1, 20, salaries)).toThrow('Не задан оклад для категории «Без категории»');
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

describe('work on a weekend or a public holiday (ТК ст. 153), worked by hand', () => {
  it('pays at least double the day: II 12 000 / 21 × 2 × 2 days = 2 285.71; probation 1 000 × 2 × 3 = 6 000', () => {
    expect(holidayPay('II', 2, 21)).toBe(rub(2_285.71));
    expect(holidayPay('probation', 3, 21)).toBe(rub(6_000));
    expect(holidayPay('I', 1, 20)).toBe(rub(2_000));
    // a multiplier of 2.5: 20 000 / 20 × 2.5 = 2 500; probation 1 000 × 2.5 × 1 = 2 500
    expect(holidayPay('I', 1, 20, DEFAULT_SALARIES, DEFAULT_PROBATION_DAY_RATE, 2.5)).toBe(rub(2_500));
    expect(holidayPay('probation', 1, 20, DEFAULT_SALARIES, rub(1_000.01), 2.5)).toBe(rub(2_500.03)); // 2 500.025
    // 12 000 / 21 × 2 × 1 = 1 142.857… → 1 142.86
    expect(holidayPay('II', 1, 21)).toBe(rub(1_142.86));
    expect(holidayPay('II', 0, 21)).toBe(0);
  });

  it('refuses what a person must fix, in Russian', () => {
    expect(() => holidayPay('II', -1, 21)).toThrow(
      'Дней в выходные и праздники: нужно целое неотрицательное число (получено -1)',
    );
    expect(() => holidayPay('II', 1.5, 21)).toThrow('(получено 1.5)');
    expect(() => holidayPay('II', 1, 0)).toThrow(
      'Норма рабочих дней должна быть целым числом больше нуля (получено 0)',
    );
    expect(() => holidayPay('II', 1, 20.5)).toThrow('(получено 20.5)');
    expect(() => holidayPay('II', 1, 21, DEFAULT_SALARIES, DEFAULT_PROBATION_DAY_RATE, 1.99)).toThrow(
      'Оплата работы в выходные и праздники: не меньше двойной (ТК ст. 153)',
    );
    expect(() => holidayPay('II', 1, 21, DEFAULT_SALARIES, DEFAULT_PROBATION_DAY_RATE, NaN)).toThrow(
      'не меньше двойной',
    );
    expect(() => holidayPay('none', 1, 21)).toThrow('Не задан оклад для категории «Без категории»');
    expect(DEFAULT_HOLIDAY_MULTIPLIER).toBe(2);
  });
});

describe('days and categories', () => {
  it('names the wrong number of days worked', () => {
    expect(() => checkDays(-1, 21)).toThrow('Отработано дней: нужно целое неотрицательное число (получено -1)');
    expect(() => checkDays(1.5, 21)).toThrow('(получено 1.5)');
    expect(() => checkDays(22, 21)).toThrow('Отработано дней (22) больше нормы месяца (21): проверьте «Табель»');
    expect(() => checkDays(0, 20.5)).toThrow('Норма рабочих дней должна быть целым числом больше нуля (получено 20.5)');
    expect(() => checkDays(0, -1)).toThrow('(получено -1)');
    expect(() => checkDays(21, 21)).not.toThrow();
    expect(() => probationPay(100_000, -1)).toThrow('(получено -1)');
    expect(() => probationPay(100_000, 0.5)).toThrow('(получено 0.5)');
    expect(probationPay(100_000, 0)).toBe(0);
    expect(salaryPay(rub(12_000), 0, 21)).toBe(0);
  });

  it('reads a Cyrillic «І» typed for the Roman numeral, and the spelled-out categories', () => {
    expect(parseCategory('\u0406')).toBe('I');
    expect(parseCategory('\u0406\u0406 категория')).toBe('II');
    expect(parseCategory('первая  категория')).toBe('I');
    expect(parseCategory('Вторая категория')).toBe('II');
    expect(parseCategory('БЕЗ КАТЕГОРИИ')).toBe('none');
    expect(() => parseCategory(null)).toThrow(
      'Категория не указана: укажите одну из: I категория, II категория, Без категории, Испытательный срок',
    );
    expect(() => parseCategory(' III ')).toThrow(
      'Неизвестная категория «III»: укажите одну из: I категория, II категория, Без категории, Испытательный срок',
    );
    expect(CATEGORY_LABELS).toEqual({
      probation: 'Испытательный срок',
      none: 'Без категории',
      II: 'II категория',
      I: 'I категория',
    });
  });

  it('the job description’s pay by default: I 20 000, II 12 000, probation 1 000 a day', () => {
    expect(DEFAULT_SALARIES).toEqual({ I: rub(20_000), II: rub(12_000), none: null });
    expect(DEFAULT_PROBATION_DAY_RATE).toBe(rub(1_000));
    expect(basePay('II', 21, 21)).toBe(rub(12_000));
    expect(basePay('probation', 2, 21)).toBe(rub(2_000));
  });
});

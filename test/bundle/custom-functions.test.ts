/**
 * The custom functions as Sheets calls them: globals of dist/Code.js (built by
 * `npm run build`) loaded in a bare V8 context, with their JSDoc help intact.
 */
import { readFileSync } from 'node:fs';
import { CODE_PATH, loadBundle } from '../helpers/bundle';

const NAMES: Record<string, string[]> = {
  PLAN_FULFILMENT: ['sales', 'plan'],
  PLAN_RATE: ['sales', 'plan', 'rates', 'over_threshold'],
  PLAN_BONUS: ['sales', 'plan', 'rates', 'over_threshold', 'bonus_sales'],
  BASE_PAY: ['category', 'days_worked', 'norm_days', 'salaries'],
  KPI_BONUS: ['salary', 'facts', 'targets', 'percents', 'modes', 'cap'],
  HOLIDAY_PAY: ['category', 'days', 'norm_days', 'salaries', 'multiplier'],
  MROT_TOPUP: ['accrued', 'days_worked', 'norm_days', 'mrot'],
  NDFL: ['month_income', 'income_before_this_month', 'deductions', 'tax_before', 'limit_share'],
  WORKING_DAYS: ['month'],
  AMOUNT_IN_WORDS: ['amount'],
};

describe('custom functions in dist/Code.js', () => {
  const bundle = loadBundle();
  const code = readFileSync(CODE_PATH, 'utf8');

  it.each(Object.entries(NAMES))(
    '%s is a top-level function with its arguments and Russian @customfunction help',
    (name, params) => {
      const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
      expect(match).not.toBeNull();
      const [, doc, args] = match!;
      expect(args.split(',').map((a) => a.trim())).toEqual(params);
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/^\s*\* [А-ЯЁ]/m);
      for (const p of params) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p} [А-ЯЁ]`));
      expect(doc).toMatch(/@return \{[^}]+\} [А-ЯЁ]/);
    },
  );

  it('BASE_PAY: 12 000 × 10 / 21 = 5 714.29; ИС 1 000 × 13; a column broadcasting the norm', () => {
    expect(bundle.call('BASE_PAY', 'II категория', 10, 21)).toBe(5714.29);
    expect(bundle.call('BASE_PAY', 'Испытательный срок', 13, 21)).toBe(13000);
    expect(bundle.call('BASE_PAY', [['I'], [''], ['2']], [[21], [''], [21]], 21)).toEqual([[20000], [''], [12000]]);
  });

  it('KPI_BONUS, MROT_TOPUP and NDFL on the numbers of a II категория month', () => {
    // 12 000 × (5 % + 5 %) = 1 200; 27 093 − (12 000 + 1 200) = 13 893; (27 093 − 1 400) × 13 % = 3 340.09 → 3 340
    expect(bundle.call('KPI_BONUS', 12000, [[2, 1, 0.1]], [[2, 0.8, 0.3]], [[5, 5, 5]])).toBe(1200);
    expect(bundle.call('MROT_TOPUP', 13200, 21, 21)).toBe(13893);
    expect(bundle.call('NDFL', 27093, 0, 1400)).toBe(3340);
  });

  it('WORKING_DAYS takes a Date made outside the bundle and «ГГГГ-ММ» text', () => {
    expect(bundle.call('WORKING_DAYS', new Date(2026, 0, 15))).toBe(15);
    expect(bundle.call('WORKING_DAYS', [['2025-11'], ['2025-12']])).toEqual([[19], [22]]);
  });

  it('AMOUNT_IN_WORDS gives the form of the ведомость', () => {
    expect(bundle.call('AMOUNT_IN_WORDS', 12000)).toBe('Двенадцать тысяч рублей 00 копеек');
    expect(bundle.call('AMOUNT_IN_WORDS', 21.01)).toBe('Двадцать один рубль 01 копейка');
  });

  it.each([
    ['BASE_PAY', ['Без категории', 10, 21], 'Не задан оклад для категории «Без категории»'],
    ['BASE_PAY', ['Стажёр', 10, 21], 'Неизвестная категория «Стажёр»'],
    ['PLAN_BONUS', [1000, ''], 'Не задан план продаж'],
    ['WORKING_DAYS', ['2030-01'], 'Нет производственного календаря на 2030 год'],
    ['MROT_TOPUP', [-1, 21, 21], 'не может быть отрицательным'],
    ['NDFL', ['много'], '«много» — не число'],
  ])('%s names what to fix', (name, args, message) => {
    expect(() => bundle.call(name, ...(args as unknown[]))).toThrow(message);
  });
});

/**
 * Base pay by category (job description 6.1–6.3, domain 4.1): a day rate on
 * probation, an оклад prorated by days worked over the month's norm otherwise,
 * and a month split at the end of probation.
 */
import { divRoundHalfUp, DomainError, fractionToRatio, type Kopecks, prorateKopecks } from '../money';

export type Category = 'probation' | 'none' | 'II' | 'I';

/** The category names as the «Сотрудники» tab writes them. */
export const CATEGORY_LABELS: Record<Category, string> = {
  probation: 'Испытательный срок',
  none: 'Без категории',
  II: 'II категория',
  I: 'I категория',
};

/** Оклады by category; «Без категории» is null until «Настройки» sets it (the job description gives none). */
export interface Salaries {
  I: Kopecks;
  II: Kopecks;
  none: Kopecks | null;
}

export const DEFAULT_SALARIES: Salaries = { I: 2_000_000, II: 1_200_000, none: null };
export const DEFAULT_PROBATION_DAY_RATE: Kopecks = 100_000;

const CATEGORY_ALIASES: Record<string, Category> = {
  i: 'I',
  '1': 'I',
  'i категория': 'I',
  'первая категория': 'I',
  ii: 'II',
  '2': 'II',
  'ii категория': 'II',
  'вторая категория': 'II',
  ис: 'probation',
  'испытательный срок': 'probation',
  'без категории': 'none',
};

/**
 * Reads a category as people type it: «I», «1», «I категория», «II», «2», «II категория»,
 * «ИС», «Испытательный срок», «Без категории» (trimmed, any case; Latin or Cyrillic «I»).
 */
export function parseCategory(text: unknown): Category {
  const shown = String(text ?? '').trim();
  const key = shown
    .replace(/\s+/g, ' ')
    .toLowerCase()
    // a Cyrillic «І» or «І» typed for the Roman numeral
    .replace(/[\u0406\u0456]/g, 'i');
  const category = CATEGORY_ALIASES[key];
  if (!category) {
    throw new DomainError(
      `${shown === '' ? 'Категория не указана' : `Неизвестная категория «${shown}»`}: укажите одну из: ` +
        'I категория, II категория, Без категории, Испытательный срок',
    );
  }
  return category;
}

/** The оклад of a category; «Без категории» without a setting is an error naming it. */
export function salaryOf(category: Exclude<Category, 'probation'>, salaries: Salaries): Kopecks {
  const salary = salaries[category];
  if (salary === null) {
    throw new DomainError(
      'Не задан оклад для категории «Без категории»: укажите «Оклад без категории, руб.» на листе «Настройки»',
    );
  }
  return salary;
}

/** Days worked must be a whole number from 0 to the norm; the norm a positive whole number. */
export function checkDays(daysWorked: number, normDays: number): void {
  if (!Number.isInteger(normDays) || normDays <= 0) {
    throw new DomainError(`Норма рабочих дней должна быть целым числом больше нуля (получено ${normDays})`);
  }
  if (!Number.isInteger(daysWorked) || daysWorked < 0) {
    throw new DomainError(`Отработано дней: нужно целое неотрицательное число (получено ${daysWorked})`);
  }
  if (daysWorked > normDays) {
    throw new DomainError(`Отработано дней (${daysWorked}) больше нормы месяца (${normDays}): проверьте «Табель»`);
  }
}

/** Оклад × days worked / norm, half-up to the kopeck. */
export function salaryPay(salary: Kopecks, daysWorked: number, normDays: number): Kopecks {
  checkDays(daysWorked, normDays);
  return prorateKopecks(salary, daysWorked, normDays);
}

/** Probation: the day rate × days actually worked (6.1). */
export function probationPay(dayRate: Kopecks, daysWorked: number): Kopecks {
  if (!Number.isInteger(daysWorked) || daysWorked < 0) {
    throw new DomainError(`Отработано дней: нужно целое неотрицательное число (получено ${daysWorked})`);
  }
  return dayRate * daysWorked;
}

/** Base pay of a whole month in one category (the BASE_PAY custom function). */
export function basePay(
  category: Category,
  daysWorked: number,
  normDays: number,
  salaries: Salaries = DEFAULT_SALARIES,
  dayRate: Kopecks = DEFAULT_PROBATION_DAY_RATE,
): Kopecks {
  checkDays(daysWorked, normDays);
  if (category === 'probation') return probationPay(dayRate, daysWorked);
  // no day paid from the оклад needs no оклад (a month's «по окладу» part may be empty)
  if (daysWorked === 0) return 0;
  return salaryPay(salaryOf(category, salaries), daysWorked, normDays);
}

export interface SplitBasePay {
  /** days paid at the probation day rate */
  probationDays: number;
  /** days paid from the оклад */
  salaryDays: number;
  /** «по ставке»: day rate × probation days */
  byRate: Kopecks;
  /** «по окладу»: оклад × salary days / norm */
  bySalary: Kopecks;
  /** the оклад used, or null when no day was paid from it */
  salary: Kopecks | null;
}

/**
 * A month that may hold probation days (domain 4.1): `probationWorkingDays` is the
 * number of working days of the month up to and including the probation's end (or
 * the whole norm when probation lasts all month). At most the days worked are
 * probation days; the rest are paid from the category's оклад over the norm.
 */
export function splitBasePay(
  category: Exclude<Category, 'probation'>,
  daysWorked: number,
  normDays: number,
  probationWorkingDays: number,
  salaries: Salaries,
  dayRate: Kopecks,
): SplitBasePay {
  checkDays(daysWorked, normDays);
  const probationDays = Math.min(Math.max(0, probationWorkingDays), daysWorked);
  const salaryDays = daysWorked - probationDays;
  const salary = salaryDays > 0 ? salaryOf(category, salaries) : null;
  return {
    probationDays,
    salaryDays,
    byRate: probationPay(dayRate, probationDays),
    bySalary: salary === null ? 0 : prorateKopecks(salary, salaryDays, normDays),
    salary,
  };
}

/** ТК ст. 153: work on a weekend or public holiday is paid at least double. */
export const DEFAULT_HOLIDAY_MULTIPLIER = 2;

/**
 * Pay for days worked on weekends and public holidays (ТК ст. 153, domain 4.5a): the day's pay
 * × the multiplier — the probation day rate, or the оклад ÷ the month's norm — rounded once,
 * half-up to the kopeck. It is paid on top of the month's pay and stays outside the МРОТ comparison.
 */
export function holidayPay(
  category: Category,
  days: number,
  normDays: number,
  salaries: Salaries = DEFAULT_SALARIES,
  dayRate: Kopecks = DEFAULT_PROBATION_DAY_RATE,
  multiplier: number = DEFAULT_HOLIDAY_MULTIPLIER,
): Kopecks {
  if (!Number.isInteger(days) || days < 0) {
    throw new DomainError(`Дней в выходные и праздники: нужно целое неотрицательное число (получено ${days})`);
  }
  if (!Number.isInteger(normDays) || normDays <= 0) {
    throw new DomainError(`Норма рабочих дней должна быть целым числом больше нуля (получено ${normDays})`);
  }
  if (!Number.isFinite(multiplier) || multiplier < DEFAULT_HOLIDAY_MULTIPLIER) {
    throw new DomainError('Оплата работы в выходные и праздники: не меньше двойной (ТК ст. 153)');
  }
  if (days === 0) return 0;
  const { num, den } = fractionToRatio(multiplier);
  if (category === 'probation') return Number(divRoundHalfUp(BigInt(dayRate) * BigInt(days) * num, den));
  const salary = salaryOf(category, salaries);
  return Number(divRoundHalfUp(BigInt(salary) * BigInt(days) * num, BigInt(normDays) * den));
}

/**
 * The minimum wage top-up (Трудовой кодекс ст. 133, domain 4.4): a month's pay
 * may not be below МРОТ in proportion to the days worked.
 */
import { DomainError, type Kopecks, prorateKopecks } from '../money';
import { checkDays } from './base-pay';

/** Federal МРОТ by year, in kopecks; a region may set more in «Настройки». */
export const DEFAULT_MROT_BY_YEAR: Readonly<Record<number, Kopecks>> = {
  2025: 2_244_000,
  2026: 2_709_300,
};

export const DEFAULT_MROT: Kopecks = DEFAULT_MROT_BY_YEAR[2026];

/** МРОТ × days worked / norm, half-up to the kopeck: the least pay for those days. */
export function mrotFloor(mrot: Kopecks, daysWorked: number, normDays: number): Kopecks {
  if (!Number.isInteger(mrot) || mrot < 0) throw new DomainError('МРОТ не может быть отрицательным');
  checkDays(daysWorked, normDays);
  return prorateKopecks(mrot, daysWorked, normDays);
}

/** «Доплата до МРОТ» = МРОТ × worked / norm − accrued, when positive; otherwise 0. */
export function mrotTopup(
  accrued: Kopecks,
  daysWorked: number,
  normDays: number,
  mrot: Kopecks = DEFAULT_MROT,
): Kopecks {
  if (!Number.isInteger(accrued) || accrued < 0) throw new DomainError('Начислено: сумма не может быть отрицательной');
  return Math.max(0, mrotFloor(mrot, daysWorked, normDays) - accrued);
}

/** МРОТ for a year from the settings' table; a year without one is an error naming the setting. */
export function mrotForYear(byYear: Readonly<Record<number, Kopecks>>, year: number): Kopecks {
  const value = byYear[year];
  if (value === undefined) {
    throw new DomainError(`Не задан МРОТ на ${year} год: добавьте строку «МРОТ ${year}, руб.» на листе «Настройки»`);
  }
  return value;
}

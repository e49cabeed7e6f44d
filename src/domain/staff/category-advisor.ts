/**
 * Who may be given a higher qualification category on a date (job description
 * 1.3, domain 3), and why. It only advises: the director assigns categories.
 */
import { formatRuDate as ru } from '../calendar';
import { type Category, parseCategory } from '../payroll/base-pay';
import { probationEndDate } from '../payroll/month';
import type { StaffRecord } from '../payroll/inputs';

const HIGHER = 'Высшее';
const SECONDARY_SPECIAL = 'Среднее специальное';
/** Years of experience required: II — 2 years as a specialist; I — 2 years in II; secondary — 3 years. */
const YEARS_FOR_II = 2;
const YEARS_IN_II_FOR_I = 2;
const YEARS_SECONDARY = 3;

export interface CategoryAdvice {
  tabNo: string;
  name: string;
  current: Category;
  /** the higher category the person may be given on the date, or null */
  eligible: Category | null;
  /** when the next category becomes possible (null if never, or already possible) */
  eligibleFrom: Date | null;
  /** a Russian sentence for the director */
  reason: string;
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getFullYear(), date.getMonth() + months, date.getDate());
  if (d.getDate() !== date.getDate()) d.setDate(0);
  return d;
}

function maxDate(a: Date, b: Date): Date {
  // Stryker disable next-line EqualityOperator: on equal dates a and b are the same day
  return a > b ? a : b;
}

/** The date when experience reaches `years`, counting the experience before hiring (rounded to whole months). */
function experienceReached(hireDate: Date, yearsBefore: number, years: number): Date {
  return addMonths(hireDate, Math.round((years - yearsBefore) * 12));
}

/** Advice for one person on `on`. */
export function adviseCategory(person: StaffRecord, on: Date): CategoryAdvice {
  const base = { tabNo: person.tabNo, name: person.name };
  let current: Category;
  try {
    current = parseCategory(person.category);
  } catch (error) {
    return { ...base, current: 'none', eligible: null, eligibleFrom: null, reason: (error as Error).message };
  }
  const result = (eligible: Category | null, eligibleFrom: Date | null, reason: string): CategoryAdvice => ({
    ...base,
    current,
    eligible,
    eligibleFrom,
    reason,
  });
  if (!person.hireDate) return result(null, null, 'Не указана дата приёма: заполните её на листе «Сотрудники»');
  const education = person.education.trim();
  const before = person.experienceYearsBefore ?? 0;
  const probationMonths = person.probationMonths ?? 0;
  const probationEnd = probationMonths > 0 ? probationEndDate(person.hireDate, probationMonths) : null;
  const afterProbation = probationEnd
    ? new Date(probationEnd.getFullYear(), probationEnd.getMonth(), probationEnd.getDate() + 1)
    : person.hireDate;

  if (current === 'I') return result(null, null, 'Уже высшая (I) категория');

  if (current === 'II') {
    if (education !== HIGHER) return result(null, null, 'Для I категории нужно высшее образование');
    if (!person.categoryDate) {
      return result(null, null, 'Не указана дата присвоения II категории: заполните её на листе «Сотрудники»');
    }
    const from = addMonths(person.categoryDate, YEARS_IN_II_FOR_I * 12);
    return from <= on
      ? result(
          'I',
          from,
          `Высшее образование и 2 года во II категории (с ${ru(person.categoryDate)}) — можно присвоить I категорию`,
        )
      : result(null, from, `I категория возможна с ${ru(from)}: 2 года во II категории с ${ru(person.categoryDate)}`);
  }

  // probation or no category: first «Без категории» after probation, then II with higher education
  if (education === HIGHER) {
    const from = maxDate(experienceReached(person.hireDate, before, YEARS_FOR_II), afterProbation);
    if (from <= on) {
      return result(
        'II',
        from,
        `Высшее образование и стаж специалиста не менее 2 лет (${before} до приёма + работа с ${ru(person.hireDate)}) — можно присвоить II категорию`,
      );
    }
    if (current === 'probation' && afterProbation <= on) {
      // «Испытательный срок, мес» left blank: the term is unknown, so the advice names no end date
      const ended = probationEnd
        ? `Испытательный срок закончился ${ru(probationEnd)}`
        : 'Срок испытания на листе «Сотрудники» не указан';
      return result(
        'none',
        afterProbation,
        `${ended}: можно перевести в «Без категории»; II категория — с ${ru(from)}`,
      );
    }
    const byProbation = current === 'probation' && probationEnd !== null && from.getTime() === afterProbation.getTime();
    return result(
      null,
      from,
      byProbation
        ? `II категория возможна с ${ru(from)}, после окончания испытательного срока ${ru(probationEnd!)}`
        : `II категория возможна с ${ru(from)}, когда стаж специалиста достигнет 2 лет`,
    );
  }
  if (education === SECONDARY_SPECIAL) {
    if (current === 'none') return result(null, null, 'Для II категории нужно высшее образование');
    const from = maxDate(experienceReached(person.hireDate, before, YEARS_SECONDARY), afterProbation);
    return from <= on
      ? result(
          'none',
          from,
          `Среднее специальное образование и стаж не менее 3 лет — можно перевести в «Без категории»`,
        )
      : result(
          null,
          from,
          // only one on probation gets here: «Без категории» has returned above
          probationEnd !== null && from.getTime() === afterProbation.getTime()
            ? `«Без категории» возможна с ${ru(from)}, после окончания испытательного срока ${ru(probationEnd)}`
            : `«Без категории» возможна с ${ru(from)}: при среднем специальном образовании нужен стаж 3 года`,
        );
  }
  return result(null, null, `Не указано образование («${HIGHER}» или «${SECONDARY_SPECIAL}») на листе «Сотрудники»`);
}

/** Everyone employed on `on` who may be given a higher category on that date, with the reason. */
export function eligibleForHigherCategory(staff: readonly StaffRecord[], on: Date): CategoryAdvice[] {
  return staff
    .filter((p) => !p.dismissalDate || p.dismissalDate >= on)
    .map((p) => adviseCategory(p, on))
    .filter((a) => a.eligible !== null);
}

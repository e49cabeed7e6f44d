/**
 * The production calendar's smaller parts, with dates checked against a wall calendar: ISO dates,
 * month lengths, which years are known, the order in which «Настройки» overrides the built-in days,
 * and a month typed by a person.
 */
import { runInNewContext } from 'node:vm';
import {
  addMonths,
  builtInYears,
  dateToIso,
  daysInMonth,
  formatRuDate,
  inMonth,
  isDate,
  isKnownYear,
  isoDate,
  isWorkingDay,
  monthKey,
  NO_OVERRIDES,
  parseMonth,
  workingDaysBetween,
} from '../../../src/domain/calendar';
import { DomainError } from '../../../src/domain/money';

const NO_CALENDAR_2027 =
  'Нет производственного календаря на 2027 год: добавьте праздничные дни и переносы 2027 года ' +
  'в блок «Дата | Тип дня» на листе «Настройки»';

describe('dates and months', () => {
  it('ISO dates are zero-padded', () => {
    expect(isoDate(2026, 3, 9)).toBe('2026-03-09');
    expect(isoDate(2026, 11, 25)).toBe('2026-11-25');
    expect(dateToIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(formatRuDate(new Date(2026, 3, 5))).toBe('05.04.2026');
    expect(formatRuDate(new Date(2026, 11, 31))).toBe('31.12.2026');
  });

  it('month lengths, leap years included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('monthKey, addMonths across years, inMonth', () => {
    expect(monthKey({ year: 2026, month: 3 })).toBe('2026-03');
    expect(monthKey({ year: 2026, month: 12 })).toBe('2026-12');
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 3 }, 0)).toEqual({ year: 2026, month: 3 });
    expect(addMonths({ year: 2026, month: 3 }, -12)).toEqual({ year: 2025, month: 3 });
    expect(addMonths({ year: 2026, month: 1 }, 25)).toEqual({ year: 2028, month: 2 });
    expect(inMonth(new Date(2026, 2, 31), { year: 2026, month: 3 })).toBe(true);
    expect(inMonth(new Date(2026, 3, 1), { year: 2026, month: 3 })).toBe(false);
    expect(inMonth(new Date(2025, 2, 15), { year: 2026, month: 3 })).toBe(false);
  });

  it('isDate: also a Date of another realm, and nothing else', () => {
    expect(isDate(new Date(2026, 0, 1))).toBe(true);
    expect(isDate(runInNewContext('new Date(2026, 0, 1)'))).toBe(true);
    expect(isDate('2026-01-01')).toBe(false);
    expect(isDate(1_767_225_600_000)).toBe(false);
    expect(isDate({ getTime: () => 0 })).toBe(false);
  });
});

describe('which years are known', () => {
  it('2025 and 2026 are built in', () => {
    expect(builtInYears()).toEqual([2025, 2026]);
    expect(isKnownYear(2026)).toBe(true);
    expect(isKnownYear(2027)).toBe(false);
  });

  it('a year is known once «Настройки» lists a holiday or a working day of it', () => {
    expect(isKnownYear(2027, { holidays: ['2027-01-01'], workingDays: [] })).toBe(true);
    expect(isKnownYear(2027, { holidays: [], workingDays: ['2027-01-09'] })).toBe(true);
    expect(isKnownYear(2027, { holidays: ['2028-01-01'], workingDays: ['2026-01-10'] })).toBe(false);
    expect(isKnownYear(2027, NO_OVERRIDES)).toBe(false);
  });

  it('an unknown year is refused with the whole instruction', () => {
    expect(() => isWorkingDay(2027, 1, 11)).toThrow(new DomainError(NO_CALENDAR_2027));
    expect(() => workingDaysBetween(2027, 1, 1, 10)).toThrow(new DomainError(NO_CALENDAR_2027));
  });
});

describe('isWorkingDay: «Настройки» first, then the decree, then the weekday', () => {
  it('weekdays work, Saturdays and Sundays do not', () => {
    expect(isWorkingDay(2026, 4, 10)).toBe(true); // Friday
    expect(isWorkingDay(2026, 4, 11)).toBe(false); // Saturday
    expect(isWorkingDay(2026, 4, 12)).toBe(false); // Sunday
    expect(isWorkingDay(2026, 4, 13)).toBe(true); // Monday
  });

  it('a working day in «Настройки» cancels a built-in holiday; a holiday there cancels a built-in working day', () => {
    const settings = { holidays: ['2025-11-01'], workingDays: ['2026-01-05'] };
    expect(isWorkingDay(2026, 1, 5)).toBe(false);
    expect(isWorkingDay(2026, 1, 5, settings)).toBe(true);
    expect(isWorkingDay(2025, 11, 1)).toBe(true);
    expect(isWorkingDay(2025, 11, 1, settings)).toBe(false);
  });

  it('a day listed both as a holiday and as a working day in «Настройки» is a working day', () => {
    const both = { holidays: ['2026-04-11', '2026-04-13'], workingDays: ['2026-04-11', '2026-04-13'] };
    expect(isWorkingDay(2026, 4, 11, both)).toBe(true);
    expect(isWorkingDay(2026, 4, 13, both)).toBe(true);
  });

  it('a year known only from «Настройки» has no built-in days', () => {
    const y2027 = { holidays: ['2027-01-01'], workingDays: ['2027-01-09'] };
    expect(isWorkingDay(2027, 1, 1, y2027)).toBe(false); // Friday, listed
    expect(isWorkingDay(2027, 1, 4, y2027)).toBe(true); // Monday, not listed
    expect(isWorkingDay(2027, 1, 9, y2027)).toBe(true); // Saturday, listed as working
    expect(isWorkingDay(2027, 1, 10, y2027)).toBe(false); // Sunday
  });
});

describe('workingDaysBetween: the days are clamped to the month', () => {
  it('a single day, a day before the 1st and a day past the month’s end', () => {
    expect(workingDaysBetween(2026, 4, 10, 10)).toBe(1);
    expect(workingDaysBetween(2026, 4, 11, 11)).toBe(0);
    // 1–3 April 2026: Wed, Thu, Fri
    expect(workingDaysBetween(2026, 4, -5, 3)).toBe(3);
    expect(workingDaysBetween(2026, 4, 0, 3)).toBe(3);
    // 27–30 April 2026: Mon–Thu; «to» 40 stops at the 30th
    expect(workingDaysBetween(2026, 4, 27, 40)).toBe(4);
    expect(workingDaysBetween(2026, 2, 1, 31)).toBe(19);
  });
});

describe('parseMonth: a month typed by a person', () => {
  it('a date inside the month, «ГГГГ-ММ» with or without a day, «ММ.ГГГГ», spaces around', () => {
    expect(parseMonth(new Date(2026, 0, 1))).toEqual({ year: 2026, month: 1 });
    expect(parseMonth(runInNewContext('new Date(2026, 10, 30)'))).toEqual({ year: 2026, month: 11 });
    expect(parseMonth('2026-3')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('2026-03-15')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth(' 2026-12 ')).toEqual({ year: 2026, month: 12 });
    expect(parseMonth('3.2026')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth(' 12.2026 ')).toEqual({ year: 2026, month: 12 });
    expect(parseMonth('2026-01')).toEqual({ year: 2026, month: 1 });
  });

  it('names what to fix, with the name of the field', () => {
    expect(() => parseMonth(new Date(Number.NaN), 'Период')).toThrow(new DomainError('Период: некорректная дата'));
    expect(() => parseMonth('')).toThrow(
      new DomainError('Месяц: значение не заполнено (нужна дата или ГГГГ-ММ, например 2026-03)'),
    );
    expect(() => parseMonth(null)).toThrow('Месяц: значение не заполнено');
    expect(() => parseMonth(undefined)).toThrow('Месяц: значение не заполнено');
    expect(() => parseMonth(202603, 'Период')).toThrow(
      new DomainError('Период: «202603» — не месяц (нужна дата или ГГГГ-ММ, например 2026-03)'),
    );
    expect(() => parseMonth('2026-00')).toThrow(new DomainError('Месяц: «2026-00» — месяц должен быть от 01 до 12'));
    expect(() => parseMonth('13.2026')).toThrow(new DomainError('Месяц: «13.2026» — месяц должен быть от 01 до 12'));
    expect(() => parseMonth('x2026-03')).toThrow('не месяц');
    expect(() => parseMonth('2026-03x')).toThrow('не месяц');
    expect(() => parseMonth('x03.2026')).toThrow('не месяц');
    expect(() => parseMonth('03.2026x')).toThrow('не месяц');
    expect(() => parseMonth('   ')).toThrow('не месяц');
  });
});

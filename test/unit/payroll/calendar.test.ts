import {
  addMonths,
  isWorkingDay,
  parseMonth,
  workingDaysBetween,
  workingDaysInMonth,
} from '../../../src/domain/calendar';

describe('production calendar (domain 4.7)', () => {
  const table: Record<number, number[]> = {
    2025: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22],
    2026: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22],
  };

  it.each([2025, 2026])('gives the norms of the published table for %i, 247 days in the year', (year) => {
    const norms = table[year].map((_, i) => workingDaysInMonth(year, i + 1));
    expect(norms).toEqual(table[year]);
    expect(norms.reduce((a, b) => a + b, 0)).toBe(247);
  });

  it('knows the holidays and the working Saturday of 1 November 2025', () => {
    expect(isWorkingDay(2026, 1, 9)).toBe(false); // Friday inside the New Year holidays
    expect(isWorkingDay(2026, 1, 12)).toBe(true);
    expect(isWorkingDay(2026, 3, 9)).toBe(false); // Monday after 8 March
    expect(isWorkingDay(2025, 11, 1)).toBe(true); // Saturday, transferred working day
    expect(isWorkingDay(2025, 11, 3)).toBe(false);
  });

  it('applies extra holidays and transferred working days from «Настройки»', () => {
    // March 2026: 21 working days; a regional holiday on Tuesday 17 March leaves 20,
    // and working Saturday 28 March brings it back to 21.
    const overrides = { holidays: ['2026-03-17'], workingDays: [] };
    expect(workingDaysInMonth(2026, 3, overrides)).toBe(20);
    expect(workingDaysInMonth(2026, 3, { holidays: ['2026-03-17'], workingDays: ['2026-03-28'] })).toBe(21);
  });

  it('refuses a year it does not know and asks for its calendar in «Настройки»', () => {
    expect(() => workingDaysInMonth(2027, 1)).toThrow(/Нет производственного календаря на 2027 год.*«Настройки»/);
  });

  it('accepts a year whose days the director listed in «Настройки» (weekends plus the listed days)', () => {
    // January 2027 has 21 weekdays; listing 1–8 January (6 weekdays: 1, 4, 5, 6, 7, 8) leaves 15
    const holidays = ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'];
    expect(workingDaysInMonth(2027, 1, { holidays, workingDays: [] })).toBe(15);
  });

  it('counts working days inside a month, both ends included', () => {
    // 1–15 April 2026: Wed 1 … Wed 15 → 11 working days
    expect(workingDaysBetween(2026, 4, 1, 15)).toBe(11);
    expect(workingDaysBetween(2026, 4, 16, 15)).toBe(0);
  });

  it('reads a month from a date or from «ГГГГ-ММ» text', () => {
    expect(parseMonth(new Date(2026, 2, 31))).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('03.2026')).toEqual({ year: 2026, month: 3 });
    expect(() => parseMonth('2026-13')).toThrow('от 01 до 12');
    expect(() => parseMonth('март')).toThrow('не месяц');
    expect(addMonths({ year: 2026, month: 1 }, -2)).toEqual({ year: 2025, month: 11 });
  });
});

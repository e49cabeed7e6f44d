/** Cell adapter of WORKING_DAYS. */
import { parseMonth, workingDaysInMonth } from '../domain/calendar';
import { broadcast, type CellArg, type CellResult } from './cells';

/** WORKING_DAYS(month): the month's norm by the built-in production calendar. */
export function workingDaysCells(month: CellArg): CellResult | CellResult[][] {
  return broadcast([month], (m) => {
    const ym = parseMonth(m);
    return workingDaysInMonth(ym.year, ym.month);
  });
}

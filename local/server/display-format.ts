/**
 * Cell text for the local page. Display values come from the runtime's own
 * formatter (what Range.getDisplayValue returns), so the page shows exactly
 * what the script reads; this adds the text the editor starts with.
 */
import { displayValue as runtimeDisplayValue } from '../runtime/cell-values';
import type { CellValue } from '../runtime/model';

/** The text Sheets shows for a value with a number format, ru_RU locale. */
export function displayValue(value: CellValue, numberFormat: string | undefined, timeZone: string): string {
  return runtimeDisplayValue(value, numberFormat, timeZone);
}

/** What the editor starts with: the value as a person would type it back (dates as ДД.ММ.ГГГГ, decimal comma). */
export function editText(value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return runtimeDisplayValue(value, undefined, timeZone);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return value;
}

/**
 * Writing one cell's content as Sheets does, shared by script writes
 * (Range.setValue…) and a person's typing (session.edit).
 */
import { formulaFromRuLocale, isDate, parseInput } from '../cell-values';
import { ensureCell } from '../formula-engine';
import type { CellModel, CellValue, SheetModel } from '../model';
import type { RuntimeContext } from '../runtime-context';

/** Puts a value (or formula) into a cell and tells the formula engine. */
export function storeContent(
  ctx: RuntimeContext,
  sheet: SheetModel,
  row: number,
  col: number,
  content: { value: CellValue; formula?: string; autoFormat?: string },
): void {
  const existing = sheet.rows[row]?.[col];
  if (!existing && content.value === null && !content.formula) return;
  const cell = existing ?? ensureCell(sheet, row, col);
  cell.value = content.formula ? null : content.value;
  cell.formula = content.formula;
  cell.error = undefined;
  cell.spilled = undefined;
  if (content.autoFormat && !cell.numberFormat) cell.numberFormat = content.autoFormat;
  pruneCell(sheet, row, col, cell);
  ctx.engine.cellChanged(sheet, row, col);
}

/** Drops a cell that holds nothing at all, so the sparse model stays sparse. */
function pruneCell(sheet: SheetModel, row: number, col: number, cell: CellModel): void {
  const empty = Object.entries(cell).every(([k, v]) => (k === 'value' ? v === null : v === undefined));
  if (empty && sheet.rows[row]) sheet.rows[row]![col] = undefined;
}

/**
 * What a script's setValue stores: numbers, booleans and dates as they are; a
 * string as Sheets parses it in the spreadsheet's locale (a leading '=' makes a
 * formula, a leading apostrophe keeps text); null, undefined and '' clear.
 */
export function scriptContent(
  ctx: RuntimeContext,
  value: unknown,
  cellFormat: string | undefined,
): { value: CellValue; formula?: string; autoFormat?: string } {
  if (value === null || value === undefined || value === '') return { value: null };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : '#NUM!' };
  if (typeof value === 'boolean') return { value };
  if (isDate(value)) return { value: new Date(value.getTime()) };
  const text = String(value);
  const parsed = parseInput(text, ctx.workbook.timeZone, cellFormat);
  if (parsed.formula) return { value: null, formula: parsed.formula };
  return parsed;
}

/** What a person's typing stores: the ru_RU parse, with formulas typed in the ru_RU syntax. */
export function typedContent(
  ctx: RuntimeContext,
  text: string,
  cellFormat: string | undefined,
): { value: CellValue; formula?: string; autoFormat?: string } {
  const parsed = parseInput(text, ctx.workbook.timeZone, cellFormat);
  if (parsed.formula) return { value: null, formula: formulaFromRuLocale(parsed.formula) };
  return parsed;
}

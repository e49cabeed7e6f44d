/**
 * What a custom function receives from a cell or a range, and how one formula
 * serves a whole column: scalars broadcast over same-shaped ranges, and rows
 * whose inputs are all blank come back blank.
 */
import { DomainError, type Kopecks, rublesToKopecks } from '../domain/money';

export type Cell = string | number | boolean | Date | null | undefined;
export type CellArg = Cell | Cell[][];
export type CellResult = string | number | boolean | Date;

/** An empty cell: '', null or undefined. */
export function isBlank(cell: Cell): boolean {
  return cell === '' || cell === null || cell === undefined;
}

function isMatrix(arg: unknown): arg is Cell[][] {
  return Array.isArray(arg);
}

/** A 1×1 range behaves as a single value. */
function unwrapSingle(arg: CellArg): CellArg {
  if (isMatrix(arg) && arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1) return arg[0][0];
  return arg;
}

/**
 * Applies `fn` cell by cell. Returns a single value when every argument is a
 * single value, otherwise an array of the ranges' shape. Positions where all the
 * range arguments are blank give '' so a formula over a whole column leaves
 * empty rows empty.
 */
export function broadcast(args: CellArg[], fn: (...cells: Cell[]) => CellResult): CellResult | CellResult[][] {
  const values = args.map(unwrapSingle);
  const ranges = values.filter(isMatrix);
  if (ranges.length === 0) return fn(...(values as Cell[]));
  const rows = ranges[0].length;
  // Stryker disable next-line OptionalChaining: Sheets never passes a range without rows
  const cols = ranges[0][0]?.length ?? 0;
  for (const range of ranges) {
    if (range.length !== rows || range.some((row) => row.length !== cols)) {
      throw new DomainError(
        // Stryker disable next-line OptionalChaining: Sheets never passes a range without rows
        `Диапазоны должны быть одного размера: ${rows}×${cols} и ${range.length}×${range[0]?.length ?? 0}`,
      );
    }
  }
  const out: CellResult[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: CellResult[] = [];
    for (let c = 0; c < cols; c++) {
      const cells = values.map((v) => (isMatrix(v) ? v[r][c] : v));
      const rangeCells = values.filter(isMatrix).map((v) => v[r][c]);
      if (rangeCells.every(isBlank)) {
        row.push('');
        continue;
      }
      try {
        row.push(fn(...cells));
      } catch (error) {
        if (error instanceof DomainError) {
          throw new DomainError(`Строка ${r + 1} диапазона: ${error.message}`);
        }
        throw error;
      }
    }
    out.push(row);
  }
  return out;
}

/** The largest magnitude a cell argument may have: a trillion (rubles, days or percent), far above any real value. */
export const MAX_CELL_NUMBER = 1e12;

function withinLimit(value: number, what: string): number {
  if (Math.abs(value) > MAX_CELL_NUMBER) {
    throw new DomainError(`${what}: число ${value.toExponential(2)} слишком велико — проверьте ячейку`);
  }
  return value;
}

/** A number typed by a person: accepts numbers and numeric text such as «12 000,50». */
export function toNumber(cell: Cell, what: string): number {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new DomainError(`${what}: значение должно быть числом`);
    return withinLimit(cell, what);
  }
  if (typeof cell === 'string') {
    const text = cell
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.')
      .replace(/(руб\.?|₽|%)$/i, '');
    // the pattern needs a digit, so an empty text is refused below
    if (/^[-+]?\d*\.?\d+$/.test(text)) {
      const value = withinLimit(Number(text), what);
      return cell.trim().endsWith('%') ? value / 100 : value;
    }
    if (text === '') throw new DomainError(`${what}: значение не заполнено`);
  }
  if (isBlank(cell)) throw new DomainError(`${what}: значение не заполнено`);
  throw new DomainError(`${what}: «${String(cell)}» — не число`);
}

/** A number typed by a person that must not be negative. */
export function toNonNegative(cell: Cell, what: string): number {
  const value = toNumber(cell, what);
  if (value < 0) throw new DomainError(`${what}: значение не может быть отрицательным (${value})`);
  return value;
}

/** A non-negative ruble amount as kopecks; blank counts as zero only where `blankIsZero`. */
export function toAmount(cell: Cell, what: string, blankIsZero = false): Kopecks {
  if (blankIsZero && isBlank(cell)) return 0;
  return rublesToKopecks(toNonNegative(cell, what));
}

/** An optional argument: a missing argument or a blank cell gives undefined. */
export function optional<T>(arg: CellArg, read: (cell: Cell) => T): T | undefined {
  const value = unwrapSingle(arg);
  // Stryker disable next-line ConditionalExpression: a missing argument is blank too (isBlank)
  if (value === undefined || (!isMatrix(value) && isBlank(value))) return undefined;
  if (isMatrix(value)) throw new DomainError('Ожидалось одно значение, а не диапазон');
  return read(value);
}

/** A short list given as a range or values (e.g. three rates): the non-blank cells in reading order. */
export function toList(arg: CellArg): Cell[] {
  // Stryker disable next-line ConditionalExpression: a missing argument is blank too (isBlank)
  if (arg === undefined) return [];
  if (!isMatrix(arg)) return isBlank(arg) ? [] : [arg];
  return arg.flat().filter((cell) => !isBlank(cell));
}

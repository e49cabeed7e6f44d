/**
 * Cell adapters of the pay custom functions: BASE_PAY, KPI_BONUS, MROT_TOPUP,
 * NDFL. They read what people type, call the domain and return rubles.
 */
import { DomainError, kopecksToRubles, percentInputToShare } from '../domain/money';
import {
  basePay,
  DEFAULT_PROBATION_DAY_RATE,
  DEFAULT_SALARIES,
  parseCategory,
  type Salaries,
} from '../domain/payroll/base-pay';
import { kpiBonus, type KpiInput } from '../domain/payroll/kpi-bonus';
import { DEFAULT_MROT, mrotTopup } from '../domain/payroll/mrot';
import { ndflForMonth } from '../domain/payroll/ndfl';
import {
  broadcast,
  type Cell,
  type CellArg,
  type CellResult,
  isBlank,
  optional,
  toAmount,
  toNonNegative,
} from './cells';

/** A whole number of days typed in a cell. */
export function toDays(cell: Cell, what: string): number {
  const value = toNonNegative(cell, what);
  if (!Number.isInteger(value)) throw new DomainError(`${what}: нужно целое число дней (получено ${value})`);
  return value;
}

function cellsOf(arg: CellArg | undefined): Cell[] {
  if (arg === undefined) return [];
  return Array.isArray(arg) ? arg.flat() : [arg];
}

/**
 * The optional salaries range of BASE_PAY: up to four cells in this order —
 * оклад I категории, оклад II категории, оклад без категории, ставка испытательного срока в день.
 * A blank cell keeps the default; a blank «без категории» leaves it unset.
 */
function readSalaries(arg: CellArg | undefined): { salaries: Salaries; dayRate: number } {
  const cells = cellsOf(arg);
  if (cells.length > 4) {
    throw new DomainError(
      'Оклады: нужно не больше четырёх значений (I категория; II категория; без категории; ставка в день на испытательном сроке)',
    );
  }
  const [i, ii, none, day] = cells;
  return {
    salaries: {
      I: isBlank(i) ? DEFAULT_SALARIES.I : toAmount(i, 'Оклад I категории'),
      II: isBlank(ii) ? DEFAULT_SALARIES.II : toAmount(ii, 'Оклад II категории'),
      none: isBlank(none) ? DEFAULT_SALARIES.none : toAmount(none, 'Оклад без категории'),
    },
    dayRate: isBlank(day) ? DEFAULT_PROBATION_DAY_RATE : toAmount(day, 'Ставка на испытательном сроке'),
  };
}

/** BASE_PAY(category, days_worked, norm_days, [salaries]) in rubles. */
export function basePayCells(
  category: CellArg,
  daysWorked: CellArg,
  normDays: CellArg,
  salaries?: CellArg,
): CellResult | CellResult[][] {
  const { salaries: table, dayRate } = readSalaries(salaries);
  return broadcast([category, daysWorked, normDays], (c, d, n) =>
    kopecksToRubles(
      basePay(parseCategory(c), toDays(d, 'Отработано дней'), toDays(n, 'Норма рабочих дней'), table, dayRate),
    ),
  );
}

/** MROT_TOPUP(accrued, days_worked, norm_days, [mrot]) in rubles. */
export function mrotTopupCells(
  accrued: CellArg,
  daysWorked: CellArg,
  normDays: CellArg,
  mrot?: CellArg,
): CellResult | CellResult[][] {
  const floor = optional(mrot, (cell) => toAmount(cell, 'МРОТ')) ?? DEFAULT_MROT;
  return broadcast([accrued, daysWorked, normDays], (a, d, n) =>
    kopecksToRubles(
      mrotTopup(toAmount(a, 'Начислено'), toDays(d, 'Отработано дней'), toDays(n, 'Норма рабочих дней'), floor),
    ),
  );
}

/** NDFL(month_income, [income_before_this_month], [deductions]) in whole rubles. */
export function ndflCells(
  monthIncome: CellArg,
  incomeBefore?: CellArg,
  deductions?: CellArg,
): CellResult | CellResult[][] {
  const args: CellArg[] = [monthIncome, incomeBefore ?? '', deductions ?? ''];
  return broadcast(args, (m, b, d) =>
    kopecksToRubles(
      ndflForMonth(
        toAmount(m, 'Доход месяца'),
        toAmount(b, 'Облагаемый доход с начала года', true),
        toAmount(d, 'Вычеты месяца', true),
      ),
    ),
  );
}

type Matrix = Cell[][];

function asMatrix(arg: CellArg): Matrix {
  return Array.isArray(arg) ? arg : [[arg]];
}

/** A row of a KPI range for employee `r`: a single row is shared by every employee. */
function rowFor(matrix: Matrix, r: number, what: string, width: number): Cell[] {
  const row = matrix.length === 1 ? matrix[0] : matrix[r];
  if (!row) throw new DomainError(`${what}: нужна одна строка или столько же строк, сколько у фактов`);
  if (row.length !== width) {
    throw new DomainError(
      `${what}: в строке должно быть столько же значений, сколько фактов KPI (${width}), получено ${row.length}`,
    );
  }
  return row;
}

/** A KPI percent typed as 5, «5 %» or 0.05: numbers of 1 and more are per cent. */
function toPercentShare(cell: Cell, what: string): number {
  const isPercentText = typeof cell === 'string' && cell.trim().endsWith('%');
  // toNonNegative already reads «5 %» as 0.05
  const share = isPercentText ? toNonNegative(cell, what) : percentInputToShare(toNonNegative(cell, what), false);
  if (share > 1) throw new DomainError(`${what}: процент должен быть не больше 100`);
  return share;
}

/**
 * KPI_BONUS(salary, facts, targets, percents): salary × Σ percentᵢ over the KPI whose
 * fact ≥ target. One row of facts per employee (KPI across the columns); targets and
 * percents are one row shared by all, or one row per employee. A blank fact is not met.
 */
export function kpiBonusCells(
  salary: CellArg,
  facts: CellArg,
  targets: CellArg,
  percents: CellArg,
): CellResult | CellResult[][] {
  const factRows = asMatrix(facts);
  const width = factRows[0]?.length ?? 0;
  const targetRows = asMatrix(targets);
  const percentRows = asMatrix(percents);
  const salaries = asMatrix(salary);
  const single = !Array.isArray(salary) || (salaries.length === 1 && factRows.length === 1);
  if (salaries.some((row) => row.length !== 1)) throw new DomainError('Оклад: нужен один столбец');
  if (salaries.length !== 1 && salaries.length !== factRows.length) {
    throw new DomainError(`Оклад: ${salaries.length} строк, а фактов KPI — ${factRows.length}`);
  }
  const out: CellResult[][] = factRows.map((factRow, r) => {
    const pay = salaries.length === 1 ? salaries[0][0] : salaries[r][0];
    if (isBlank(pay) && factRow.every(isBlank)) return [''];
    try {
      if (factRow.length !== width) throw new DomainError('Факты KPI: строки разной длины');
      const targetRow = rowFor(targetRows, r, 'Цели KPI', width);
      const percentRow = rowFor(percentRows, r, '% оклада KPI', width);
      const kpis: KpiInput[] = factRow.map((fact, i) => ({
        fact: isBlank(fact) ? null : toNonNegative(fact, `Факт KPI №${i + 1}`),
        target: toNonNegative(targetRow[i], `Цель KPI №${i + 1}`),
        percent: toPercentShare(percentRow[i], `% оклада KPI №${i + 1}`),
        mode: 'threshold',
      }));
      return [kopecksToRubles(kpiBonus(toAmount(pay, 'Оклад'), kpis))];
    } catch (error) {
      if (error instanceof DomainError && !single) throw new DomainError(`Строка ${r + 1}: ${error.message}`);
      throw error;
    }
  });
  return single ? out[0][0] : out;
}

/**
 * Cell adapters of the pay custom functions: BASE_PAY, KPI_BONUS, MROT_TOPUP,
 * NDFL. They read what people type, call the domain and return rubles.
 */
import { DomainError, kopecksToRubles, percentInputToShare, rublesToKopecks } from '../domain/money';
import {
  basePay,
  DEFAULT_PROBATION_DAY_RATE,
  DEFAULT_HOLIDAY_MULTIPLIER,
  DEFAULT_SALARIES,
  holidayPay,
  parseCategory,
  type Salaries,
} from '../domain/payroll/base-pay';
import { DEFAULT_KPI_CAP, kpiBonus, type KpiInput, type KpiMode, KPI_MODE_LABELS } from '../domain/payroll/kpi-bonus';
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
  toNumber,
} from './cells';

/** A whole number of days typed in a cell. */
export function toDays(cell: Cell, what: string): number {
  const value = toNonNegative(cell, what);
  if (!Number.isInteger(value)) throw new DomainError(`${what}: нужно целое число дней (получено ${value})`);
  return value;
}

function cellsOf(arg: CellArg | undefined): Cell[] {
  // Stryker disable next-line ConditionalExpression: [undefined] is one blank оклад, which keeps the default as no оклад does
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

/** HOLIDAY_PAY(category, days, norm_days, [salaries], [multiplier]) in rubles. */
export function holidayPayCells(
  category: CellArg,
  days: CellArg,
  normDays: CellArg,
  salaries?: CellArg,
  multiplier?: CellArg,
): CellResult | CellResult[][] {
  const { salaries: table, dayRate } = readSalaries(salaries);
  const times = optional(multiplier ?? '', (cell) => toNumber(cell, 'Во сколько раз')) ?? DEFAULT_HOLIDAY_MULTIPLIER;
  return broadcast([category, days, normDays], (c, d, n) =>
    kopecksToRubles(
      holidayPay(
        parseCategory(c),
        toDays(d, 'Дней в выходные и праздники'),
        toDays(n, 'Норма рабочих дней'),
        table,
        dayRate,
        times,
      ),
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

/** NDFL's limit share: blank or 50 % is the law's half of the payment, 100 % the tax owed without it. */
function toLimitShare(arg: CellArg | undefined): 0.5 | 1 {
  const share = optional(arg ?? '', (cell) => toNumber(cell, 'Доля выплаты для удержания'));
  if (share === undefined || share === 0.5 || share === 50) return 0.5;
  if (share === 1 || share === 100) return 1;
  throw new DomainError(
    `Доля выплаты для удержания: ${share} — укажите 50 % (НК ст. 226 п. 4) или 100 % (налог без ограничения)`,
  );
}

/**
 * NDFL(income, [base_before], [deductions], [tax_before], [limit_share]) in whole rubles, never
 * negative: base_before is the income since 1 January before this payment less the deductions
 * since 1 January (negative while the deductions exceed the income); tax_before the tax withheld
 * this year before (by default the tax on base_before); at most half of the payment unless
 * limit_share is 100 %.
 */
export function ndflCells(
  monthIncome: CellArg,
  incomeBefore?: CellArg,
  deductions?: CellArg,
  taxBefore?: CellArg,
  limitShare?: CellArg,
): CellResult | CellResult[][] {
  const share = toLimitShare(limitShare);
  const args: CellArg[] = [monthIncome, incomeBefore ?? '', deductions ?? '', taxBefore ?? ''];
  return broadcast(args, (m, b, d, t) => {
    const base = isBlank(b) ? 0 : rublesToKopecks(toNumber(b, 'Облагаемый доход с начала года'));
    return kopecksToRubles(
      ndflForMonth(
        toAmount(m, 'Доход месяца'),
        base,
        toAmount(d, 'Вычеты месяца', true),
        isBlank(t) ? undefined : toAmount(t, 'НДФЛ с начала года'),
        share,
      ),
    );
  });
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

/** One employee's KPI values given as a row or a column; any other shape is refused, never cut. */
function vectorOf(arg: CellArg, what: string, length?: number): Cell[] {
  const m = asMatrix(arg);
  const rows = m.length;
  // Stryker disable next-line OptionalChaining: Sheets never passes a range without rows
  const cols = m[0]?.length ?? 0;
  if (rows > 1 && cols > 1) {
    throw new DomainError(
      `${what}: для одного оклада нужна одна строка или один столбец, а получен диапазон ${rows}×${cols}. ` +
        'Для нескольких сотрудников оклады — столбцом, KPI — строкой на сотрудника',
    );
  }
  const list = rows === 1 ? m[0] : m.map((row) => row[0]);
  if (length !== undefined && list.length !== length) {
    throw new DomainError(
      `${what}: нужно столько же значений, сколько фактов KPI (${length}), получено ${list.length}`,
    );
  }
  return list;
}

/** A KPI percent typed as 5, «5 %» or 0.05: numbers of 1 and more are per cent. */
function toPercentShare(cell: Cell, what: string): number {
  const isPercentText = typeof cell === 'string' && cell.trim().endsWith('%');
  // toNonNegative already reads «5 %» as 0.05
  const share = isPercentText ? toNonNegative(cell, what) : percentInputToShare(toNonNegative(cell, what), false);
  if (share > 1) throw new DomainError(`${what}: процент должен быть не больше 100`);
  return share;
}

/** A KPI's mode: «порог» (blank too) or «пропорционально». */
function toMode(cell: Cell, what: string): KpiMode {
  const text = String(cell ?? '')
    .trim()
    .toLowerCase();
  if (text === '' || text === KPI_MODE_LABELS.threshold) return 'threshold';
  if (text === KPI_MODE_LABELS.proportional) return 'proportional';
  throw new DomainError(`${what}: «${String(cell)}» — укажите «порог» или «пропорционально»`);
}

/** The KPI of one employee from their facts, targets, percents and modes, in order. */
function kpiInputs(facts: Cell[], targets: Cell[], percents: Cell[], modes: Cell[] | null): KpiInput[] {
  return facts.map((fact, i) => ({
    fact: isBlank(fact) ? null : toNonNegative(fact, `Факт KPI №${i + 1}`),
    target: toNonNegative(targets[i], `Цель KPI №${i + 1}`),
    percent: toPercentShare(percents[i], `% оклада KPI №${i + 1}`),
    mode: modes ? toMode(modes[i], `Режим KPI №${i + 1}`) : 'threshold',
  }));
}

/**
 * KPI_BONUS(salary, facts, targets, percents, [modes], [cap]): salary × Σ percentᵢ × shareᵢ,
 * where the share is 1 when factᵢ ≥ targetᵢ («порог») or min(factᵢ / targetᵢ, cap)
 * («пропорционально»). One employee's KPI are a row or a column (targets, percents and modes
 * then have as many values, in either shape); many employees are a column of salaries with a
 * row of facts each, and targets, percents and modes one row shared by all or one row each.
 * A blank fact is not met. A shape that cannot be read is an error, never a dropped KPI.
 */
export function kpiBonusCells(
  salary: CellArg,
  facts: CellArg,
  targets: CellArg,
  percents: CellArg,
  modes?: CellArg,
  cap?: CellArg,
): CellResult | CellResult[][] {
  const salaries = asMatrix(salary);
  // Stryker disable next-line MethodExpression: a range's rows are all one width, so some and every agree
  if (salaries.some((row) => row.length !== 1)) throw new DomainError('Оклад: нужен один столбец');
  const kpiCap = optional(cap ?? '', (cell) => toNumber(cell, 'Предел KPI')) ?? DEFAULT_KPI_CAP;
  const hasModes = Array.isArray(modes) || !isBlank(modes);
  if (salaries.length === 1) {
    const pay = salaries[0][0];
    const f = vectorOf(facts, 'Факты KPI');
    if (isBlank(pay) && f.every(isBlank)) return '';
    const kpis = kpiInputs(
      f,
      vectorOf(targets, 'Цели KPI', f.length),
      vectorOf(percents, '% оклада KPI', f.length),
      hasModes ? vectorOf(modes, 'Режимы KPI', f.length) : null,
    );
    return kopecksToRubles(kpiBonus(toAmount(pay, 'Оклад'), kpis, kpiCap));
  }
  const factRows = asMatrix(facts);
  // Stryker disable next-line OptionalChaining: Sheets never passes a range without rows
  const width = factRows[0]?.length ?? 0;
  if (salaries.length !== factRows.length) {
    throw new DomainError(`Оклад: ${salaries.length} строк, а фактов KPI — ${factRows.length}`);
  }
  const targetRows = asMatrix(targets);
  const percentRows = asMatrix(percents);
  const modeRows = hasModes ? asMatrix(modes) : null;
  return factRows.map((factRow, r) => {
    const pay = salaries[r][0];
    if (isBlank(pay) && factRow.every(isBlank)) return [''];
    try {
      if (factRow.length !== width) throw new DomainError('Факты KPI: строки разной длины');
      const kpis = kpiInputs(
        factRow,
        rowFor(targetRows, r, 'Цели KPI', width),
        rowFor(percentRows, r, '% оклада KPI', width),
        modeRows ? rowFor(modeRows, r, 'Режимы KPI', width) : null,
      );
      return [kopecksToRubles(kpiBonus(toAmount(pay, 'Оклад'), kpis, kpiCap))];
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(`Строка ${r + 1}: ${error.message}`);
      throw error;
    }
  });
}

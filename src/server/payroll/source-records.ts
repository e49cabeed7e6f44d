/**
 * The payroll's source tabs as plain records. Each tab arrives as the grid of
 * one getValues (header row first); columns are found by header text, so users
 * may move, insert and hide columns. Pure: no Apps Script types, unit-testable.
 */
import { monthKey, parseMonth } from '../../domain/calendar';
import { isBlankValue, parseAmountValue, parseDateValue, textOf } from '../../domain/crm/values';
import { DomainError, type Kopecks, rublesToKopecks } from '../../domain/money';
import type { ClaimRecord, DealRecord, PlanRecord, StaffRecord, TimesheetRecord } from '../../domain/payroll/inputs';
import { kpiFactHeader, kpiTargetHeader, SHEETS } from '../../domain/workbook/schema';

/** A tab's grid with its header row mapped to column indexes. */
export class SourceGrid {
  private readonly index = new Map<string, number>();

  constructor(
    readonly tab: string,
    readonly values: readonly unknown[][],
  ) {
    (values[0] ?? []).forEach((h, i) => {
      const header = textOf(h);
      if (header !== '' && !this.index.has(header)) this.index.set(header, i);
    });
  }

  /** The column of a required header; a missing one names the tab and the header. */
  col(header: string): number {
    const i = this.index.get(header);
    if (i === undefined) {
      throw new DomainError(
        `На листе «${this.tab}» нет столбца «${header}». Верните заголовок или запустите CRM → «Настроить таблицу».`,
      );
    }
    return i;
  }

  /** The column of an optional header, or -1. */
  optionalCol(header: string): number {
    return this.index.get(header) ?? -1;
  }

  /** Data rows (below the header) that are not wholly blank, with their 1-based sheet row numbers. */
  rows(): Array<{ row: readonly unknown[]; line: number }> {
    const out: Array<{ row: readonly unknown[]; line: number }> = [];
    for (let i = 1; i < this.values.length; i++) {
      const row = this.values[i] ?? [];
      if (row.every(isBlankValue)) continue;
      out.push({ row, line: i + 1 });
    }
    return out;
  }
}

function where(tab: string, line: number, header: string): string {
  return `Лист «${tab}», строка ${line}, столбец «${header}»`;
}

function dateCell(value: unknown, tab: string, line: number, header: string): Date | null {
  if (isBlankValue(value)) return null;
  const date = parseDateValue(value);
  if (!date) throw new DomainError(`${where(tab, line, header)}: «${textOf(value)}» — не дата (нужно ДД.ММ.ГГГГ)`);
  return date;
}

function amountCell(value: unknown, tab: string, line: number, header: string): Kopecks | null {
  if (isBlankValue(value)) return null;
  const rubles = parseAmountValue(value);
  if (rubles === null) {
    throw new DomainError(`${where(tab, line, header)}: «${textOf(value)}» — не сумма (нужно неотрицательное число)`);
  }
  return rublesToKopecks(rubles);
}

function numberCell(value: unknown, tab: string, line: number, header: string): number | null {
  if (isBlankValue(value)) return null;
  const n = parseAmountValue(value);
  if (n === null) throw new DomainError(`${where(tab, line, header)}: «${textOf(value)}» — не число`);
  return n;
}

/** «Месяц» of «Планы» / «Табель» as «ГГГГ-ММ» (a date cell or text). */
function monthCell(value: unknown, tab: string, line: number): string {
  return monthKey(parseMonth(value, `${where(tab, line, 'Месяц')}`));
}

/** «Сотрудники» rows. */
export function staffRecords(grid: SourceGrid): StaffRecord[] {
  const t = SHEETS.staff;
  const c = {
    tabNo: grid.col('Таб. №'),
    name: grid.col('ФИО'),
    email: grid.col('Email'),
    position: grid.col('Должность'),
    category: grid.col('Категория'),
    hire: grid.col('Дата приёма'),
    probation: grid.col('Испытательный срок, мес'),
    education: grid.optionalCol('Образование'),
    experience: grid.optionalCol('Стаж до приёма, лет'),
    categoryDate: grid.optionalCol('Дата присвоения категории'),
    deduction: grid.optionalCol('Вычеты НДФЛ, руб./мес'),
    dismissal: grid.optionalCol('Дата увольнения'),
    children: grid.optionalCol(CHILDREN),
    disabled: grid.optionalCol(DISABLED_CHILDREN),
    soleParent: grid.optionalCol(SOLE_PARENT),
  };
  const at = (row: readonly unknown[], i: number) => (i < 0 ? '' : row[i]);
  return grid.rows().map(({ row, line }) => ({
    tabNo: textOf(row[c.tabNo]),
    name: textOf(row[c.name]),
    email: textOf(row[c.email]),
    position: textOf(row[c.position]),
    category: textOf(row[c.category]),
    hireDate: dateCell(row[c.hire], t, line, 'Дата приёма'),
    probationMonths: numberCell(row[c.probation], t, line, 'Испытательный срок, мес'),
    education: textOf(at(row, c.education)),
    experienceYearsBefore: numberCell(at(row, c.experience), t, line, 'Стаж до приёма, лет'),
    categoryDate: dateCell(at(row, c.categoryDate), t, line, 'Дата присвоения категории'),
    monthlyDeduction: amountCell(at(row, c.deduction), t, line, 'Вычеты НДФЛ, руб./мес') ?? 0,
    dismissalDate: dateCell(at(row, c.dismissal), t, line, 'Дата увольнения'),
    children: {
      children: numberCell(at(row, c.children), t, line, CHILDREN) ?? 0,
      disabled: numberCell(at(row, c.disabled), t, line, DISABLED_CHILDREN) ?? 0,
      soleParent: /^(да|yes|true)$/i.test(textOf(at(row, c.soleParent))) || at(row, c.soleParent) === true,
    },
  }));
}

/** A month or a set of months («ГГГГ-ММ») to read. */
type Months = string | ReadonlySet<string>;

function inMonths(key: string, months: Months): boolean {
  return typeof months === 'string' ? key === months : months.has(key);
}

/** «Табель» rows of the months asked for (other months are skipped without being checked). */
export function timesheetRecords(grid: SourceGrid, months: Months): TimesheetRecord[] {
  const t = SHEETS.timesheet;
  const cm = grid.col('Месяц');
  const ct = grid.col('Сотрудник (Таб. №)');
  const cd = grid.col('Отработано дней');
  const ca = grid.col('Аванс, руб.');
  const ch = grid.optionalCol(HOLIDAY_DAYS);
  const cad = grid.optionalCol(ADVANCE_DATE);
  const cpd = grid.optionalCol(PAYMENT_DATE);
  const at = (row: readonly unknown[], i: number) => (i < 0 ? '' : row[i]);
  const out: TimesheetRecord[] = [];
  for (const { row, line } of grid.rows()) {
    const month = monthCell(row[cm], t, line);
    if (!inMonths(month, months)) continue;
    const days = numberCell(row[cd], t, line, 'Отработано дней');
    if (days === null) throw new DomainError(`${where(t, line, 'Отработано дней')}: значение не заполнено`);
    out.push({
      month,
      tabNo: textOf(row[ct]),
      daysWorked: days,
      advance: amountCell(row[ca], t, line, 'Аванс, руб.') ?? 0,
      holidayDays: numberCell(at(row, ch), t, line, HOLIDAY_DAYS) ?? 0,
      advanceDate: dateCell(at(row, cad), t, line, ADVANCE_DATE),
      paymentDate: dateCell(at(row, cpd), t, line, PAYMENT_DATE),
    });
  }
  return out;
}

const HOLIDAY_DAYS = 'Дней в выходные и праздники';
const ADVANCE_DATE = 'Дата аванса';
const PAYMENT_DATE = 'Дата выплаты';
const CHILDREN = 'Детей для вычета';
const DISABLED_CHILDREN = 'Из них детей-инвалидов';
const SOLE_PARENT = 'Единственный родитель';

/** «Планы» rows of one month, with «Цель: <KPI>» and «Факт: <KPI>» for each KPI name. */
export function planRecords(grid: SourceGrid, months: Months, kpiNames: readonly string[]): PlanRecord[] {
  const t = SHEETS.plans;
  const cm = grid.col('Месяц');
  const ct = grid.col('Сотрудник (Таб. №)');
  const cp = grid.col('План продаж, руб.');
  const targets = kpiNames.map((name) => ({ name, col: grid.optionalCol(kpiTargetHeader(name)) }));
  const facts = kpiNames.map((name) => ({ name, col: grid.optionalCol(kpiFactHeader(name)) }));
  const out: PlanRecord[] = [];
  for (const { row, line } of grid.rows()) {
    const month = monthCell(row[cm], t, line);
    if (!inMonths(month, months)) continue;
    const kpiTargets: Record<string, number> = {};
    const kpiFacts: Record<string, number> = {};
    for (const { name, col } of targets) {
      const v = col < 0 ? null : numberCell(row[col], t, line, kpiTargetHeader(name));
      if (v !== null) kpiTargets[name] = v;
    }
    for (const { name, col } of facts) {
      const v = col < 0 ? null : numberCell(row[col], t, line, kpiFactHeader(name));
      if (v !== null) kpiFacts[name] = v;
    }
    out.push({
      month,
      tabNo: textOf(row[ct]),
      plan: amountCell(row[cp], t, line, 'План продаж, руб.'),
      kpiTargets,
      kpiFacts,
    });
  }
  return out;
}

/** «Сделки» rows (what the payroll needs). */
export function dealRecords(grid: SourceGrid): DealRecord[] {
  const t = SHEETS.deals;
  const c = {
    id: grid.col('ID сделки'),
    client: grid.col('ID клиента'),
    responsible: grid.col('Ответственный'),
    stage: grid.col('Этап'),
    stageDate: grid.optionalCol('Дата этапа'),
    contractDate: grid.col('Дата договора'),
    amount: grid.col('Сумма договора, руб.'),
    cost: grid.col('Себестоимость, руб.'),
    paymentDate: grid.col('Дата оплаты'),
  };
  return grid.rows().map(({ row, line }) => ({
    id: textOf(row[c.id]),
    clientId: textOf(row[c.client]),
    responsible: textOf(row[c.responsible]),
    stage: textOf(row[c.stage]),
    stageDate: c.stageDate < 0 ? null : dateCell(row[c.stageDate], t, line, 'Дата этапа'),
    contractDate: dateCell(row[c.contractDate], t, line, 'Дата договора'),
    contractAmount: amountCell(row[c.amount], t, line, 'Сумма договора, руб.'),
    cost: amountCell(row[c.cost], t, line, 'Себестоимость, руб.'),
    paymentDate: dateCell(row[c.paymentDate], t, line, 'Дата оплаты'),
  }));
}

/** «Претензии» rows. */
export function claimRecords(grid: SourceGrid): ClaimRecord[] {
  const t = SHEETS.claims;
  const c = {
    id: grid.col('ID'),
    date: grid.col('Дата'),
    client: grid.col('ID клиента'),
    responsible: grid.col('Ответственный'),
    deadline: grid.col('Срок ответа'),
    status: grid.col('Статус'),
  };
  return grid.rows().map(({ row, line }) => ({
    id: textOf(row[c.id]),
    date: dateCell(row[c.date], t, line, 'Дата'),
    clientId: textOf(row[c.client]),
    responsible: textOf(row[c.responsible]),
    deadline: dateCell(row[c.deadline], t, line, 'Срок ответа'),
    status: textOf(row[c.status]),
  }));
}

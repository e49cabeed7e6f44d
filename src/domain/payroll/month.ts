/**
 * The payroll of one month for every client specialist (domain 4 and 5), as
 * plain data: one row per employee with every line of the ведомость in kopecks,
 * or the reason the row cannot be computed, and totals that are sums of the
 * rounded lines of the computable rows.
 */
import {
  formatRuDate,
  daysInMonth,
  monthKey,
  parseMonth,
  workingDaysBetween,
  workingDaysInMonth,
  type YearMonth,
} from '../calendar';
import { DomainError, type Kopecks, multiplyKopecks } from '../money';
import type { Settings } from '../settings';
import { POSITIONS } from '../workbook/schema';
import { type Category, CATEGORY_LABELS, parseCategory, splitBasePay } from './base-pay';
import { DealIndex, normaliseEmail } from './deal-index';
import type {
  ClaimRecord,
  ClientRecord,
  ContactRecord,
  DealRecord,
  PlanRecord,
  StaffRecord,
  TimesheetRecord,
  YearToDate,
} from './inputs';
import { kpiBonus, type KpiMeasure, type KpiMode, kpiShare } from './kpi-bonus';
import { claimsByPerson, measureKpi } from './kpi-measures';
import { mrotFloor, mrotForYear } from './mrot';
import { monthNdfl } from './ndfl';
import { planFulfilment, planRate } from './plan-bonus';

/** The position whose holders the payroll covers. */
export const SPECIALIST_POSITION: (typeof POSITIONS)[number] = 'Специалист по работе с клиентами';

export interface MonthPayrollInput {
  month: YearMonth;
  staff: readonly StaffRecord[];
  timesheet: readonly TimesheetRecord[];
  plans: readonly PlanRecord[];
  deals: readonly DealRecord[];
  /** not needed by today's measures; kept so that a KPI added later can use them */
  clients?: readonly ClientRecord[];
  contacts?: readonly ContactRecord[];
  claims: readonly ClaimRecord[];
  settings: Settings;
  /** by «Таб. №»: income, deductions and НДФЛ before this month of the same year */
  yearToDate: Readonly<Record<string, YearToDate>>;
  /** the deals already indexed (by `new DealIndex(deals, settings.salesBy)`), to reuse over several months */
  dealIndex?: DealIndex;
}

export interface KpiLine {
  name: string;
  measure: KpiMeasure;
  /** null: nothing to measure this month, the KPI is not met */
  fact: number | null;
  target: number;
  percent: number;
  mode: KpiMode;
  /** the share of the base this KPI earned (0.05 for a met 5 % KPI) */
  earnedShare: number;
}

/** Every line of one employee's row (domain 5), money in kopecks. */
export interface PayrollLines {
  /** the category after any probation in the month */
  category: Category;
  /** «Категория» as printed: «II категория», or «Испытательный срок» / «… (испытательный срок до 15.04.2026)» */
  categoryLabel: string;
  /** the last day of probation, when probation touches this month */
  probationEnd: Date | null;
  /** the оклад used for salary days, null when no day is paid from an оклад */
  salary: Kopecks | null;
  /** the probation day rate, null when no day is paid at it */
  dayRate: Kopecks | null;
  norm: number;
  daysWorked: number;
  probationDays: number;
  salaryDays: number;
  /** «по ставке»: day rate × probation days */
  byRate: Kopecks;
  /** «по окладу»: оклад × salary days / norm */
  bySalary: Kopecks;
  /** null when the whole month is probation without plan bonus and no plan is set */
  plan: Kopecks | null;
  sales: Kopecks;
  /** sales that earn the plan bonus (after probation unless the setting pays for probation) */
  bonusSales: Kopecks;
  fulfilment: number | null;
  rate: number | null;
  planBonus: Kopecks;
  /** the base of the KPI percents: «по окладу» */
  kpiBase: Kopecks;
  kpis: KpiLine[];
  kpiBonus: Kopecks;
  /** МРОТ × days worked / norm */
  mrotFloor: Kopecks;
  mrotTopup: Kopecks;
  accrued: Kopecks;
  ndfl: Kopecks;
  advance: Kopecks;
  toPay: Kopecks;
}

export type PayrollErrorReason = 'noPlan' | 'noTimesheet' | 'unsetSalary' | 'unknownYear' | 'unknownCategory' | 'other';

interface RowIdentity {
  tabNo: string;
  name: string;
  email: string;
}

export type PayrollRow =
  | (RowIdentity & { ok: true; lines: PayrollLines })
  | (RowIdentity & { ok: false; reason: PayrollErrorReason; error: string });

/** Sums of the money lines over the computable rows. */
export interface PayrollTotals {
  byRate: Kopecks;
  bySalary: Kopecks;
  sales: Kopecks;
  planBonus: Kopecks;
  kpiBonus: Kopecks;
  mrotTopup: Kopecks;
  accrued: Kopecks;
  ndfl: Kopecks;
  advance: Kopecks;
  toPay: Kopecks;
}

export const TOTAL_KEYS: ReadonlyArray<keyof PayrollTotals> = [
  'byRate',
  'bySalary',
  'sales',
  'planBonus',
  'kpiBonus',
  'mrotTopup',
  'accrued',
  'ndfl',
  'advance',
  'toPay',
];

export interface MonthPayroll {
  month: YearMonth;
  /** null when the month's year has no calendar */
  norm: number | null;
  rows: PayrollRow[];
  totals: PayrollTotals;
}

class RowError extends Error {
  constructor(
    readonly reason: PayrollErrorReason,
    message: string,
  ) {
    super(message);
  }
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** The last day of probation: hire date + N months − 1 day (ТК ст. 70). */
export function probationEndDate(hireDate: Date, months: number): Date {
  const end = new Date(hireDate.getFullYear(), hireDate.getMonth() + months, hireDate.getDate());
  // 31 January + 1 month overflows into March: the period then ends on the last day of February
  if (end.getDate() !== hireDate.getDate()) end.setDate(0);
  else end.setDate(end.getDate() - 1);
  return end;
}

/** Whether the person worked for the company at some day of the month. */
export function employedInMonth(person: StaffRecord, ym: YearMonth): boolean {
  const first = new Date(ym.year, ym.month - 1, 1);
  const last = new Date(ym.year, ym.month - 1, daysInMonth(ym.year, ym.month));
  if (person.hireDate && startOfDay(person.hireDate) > last) return false;
  if (person.dismissalDate && startOfDay(person.dismissalDate) < first) return false;
  return true;
}

function sameMonth(text: string, ym: YearMonth): boolean {
  try {
    return monthKey(parseMonth(text)) === monthKey(ym);
  } catch {
    return false;
  }
}

function zeroTotals(): PayrollTotals {
  return {
    byRate: 0,
    bySalary: 0,
    sales: 0,
    planBonus: 0,
    kpiBonus: 0,
    mrotTopup: 0,
    accrued: 0,
    ndfl: 0,
    advance: 0,
    toPay: 0,
  };
}

function reasonOf(error: DomainError): PayrollErrorReason {
  if (/Не задан оклад/.test(error.message)) return 'unsetSalary';
  if (/Неизвестная категория|Категория не указана/.test(error.message)) return 'unknownCategory';
  if (/Нет производственного календаря/.test(error.message)) return 'unknownYear';
  if (/Не задан план/.test(error.message)) return 'noPlan';
  return 'other';
}

/** Computes the month for every specialist employed in it. */
export function computeMonthPayroll(input: MonthPayrollInput): MonthPayroll {
  const { month, settings } = input;
  const key = monthKey(month);
  const staff = input.staff.filter((p) => p.position.trim() === SPECIALIST_POSITION && employedInMonth(p, month));

  let norm: number | null = null;
  let calendarError: string | null = null;
  try {
    norm = workingDaysInMonth(month.year, month.month, settings.calendar);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    calendarError = error.message;
  }

  const timesheets = new Map<string, TimesheetRecord[]>();
  for (const t of input.timesheet) {
    if (!sameMonth(t.month, month)) continue;
    const list = timesheets.get(t.tabNo.trim()) ?? [];
    list.push(t);
    timesheets.set(t.tabNo.trim(), list);
  }
  const plans = new Map<string, PlanRecord>();
  for (const p of input.plans) if (sameMonth(p.month, month)) plans.set(p.tabNo.trim(), p);

  const deals = input.dealIndex ?? new DealIndex(input.deals, settings.salesBy);
  const claims = claimsByPerson(input.claims);

  const rows: PayrollRow[] = staff.map((person) => {
    const identity: RowIdentity = { tabNo: person.tabNo, name: person.name, email: person.email };
    try {
      if (calendarError !== null || norm === null) throw new RowError('unknownYear', calendarError ?? '');
      const sheet = timesheets.get(person.tabNo.trim()) ?? [];
      if (sheet.length === 0) {
        throw new RowError(
          'noTimesheet',
          `Нет строки табеля за ${key} для сотрудника с таб. № ${person.tabNo}: заполните лист «Табель»`,
        );
      }
      if (sheet.length > 1) {
        throw new RowError('other', `В табеле за ${key} две строки для таб. № ${person.tabNo}: оставьте одну`);
      }
      const lines = computeRow(person, sheet[0], plans.get(person.tabNo.trim()), norm, {
        month,
        settings,
        deals,
        claims: claims.get(normaliseEmail(person.email)) ?? [],
        yearToDate: input.yearToDate[person.tabNo.trim()] ?? { income: 0, deductions: 0, tax: 0 },
      });
      return { ...identity, ok: true as const, lines };
    } catch (error) {
      if (error instanceof RowError)
        return { ...identity, ok: false as const, reason: error.reason, error: error.message };
      if (error instanceof DomainError) {
        return { ...identity, ok: false as const, reason: reasonOf(error), error: error.message };
      }
      throw error;
    }
  });

  const totals = zeroTotals();
  for (const row of rows) {
    if (!row.ok) continue;
    for (const k of TOTAL_KEYS) totals[k] += row.lines[k];
  }
  return { month, norm, rows, totals };
}

interface RowContext {
  month: YearMonth;
  settings: Settings;
  deals: DealIndex;
  claims: readonly ClaimRecord[];
  yearToDate: YearToDate;
}

function computeRow(
  person: StaffRecord,
  sheet: TimesheetRecord,
  planRecord: PlanRecord | undefined,
  norm: number,
  ctx: RowContext,
): PayrollLines {
  const { month, settings } = ctx;
  const monthFirst = new Date(month.year, month.month - 1, 1);
  const lastDay = daysInMonth(month.year, month.month);
  const monthLast = new Date(month.year, month.month - 1, lastDay);

  const typed = parseCategory(person.category);
  const months = person.probationMonths ?? 0;
  let probationEnd: Date | null = person.hireDate && months > 0 ? probationEndDate(person.hireDate, months) : null;
  if (probationEnd && probationEnd < monthFirst) probationEnd = null;
  if (typed === 'probation' && person.hireDate && months > 0 && probationEnd === null) {
    throw new RowError(
      'other',
      `Испытательный срок сотрудника с таб. № ${person.tabNo} закончился ` +
        `${formatRuDate(probationEndDate(person.hireDate, months))}: укажите его категорию на листе «Сотрудники»`,
    );
  }
  // after probation a specialist has no category until the director assigns one (domain 3)
  const category: Exclude<Category, 'probation'> = typed === 'probation' ? 'none' : typed;
  const wholeMonthProbation =
    (typed === 'probation' && probationEnd === null) || (probationEnd !== null && probationEnd >= monthLast);

  let probationWorkingDays = 0;
  if (wholeMonthProbation) {
    probationWorkingDays = norm;
  } else if (probationEnd !== null) {
    const fromDay = person.hireDate && startOfDay(person.hireDate) > monthFirst ? person.hireDate.getDate() : 1;
    probationWorkingDays = workingDaysBetween(
      month.year,
      month.month,
      fromDay,
      probationEnd.getDate(),
      settings.calendar,
    );
  }

  const split = splitBasePay(
    category,
    sheet.daysWorked,
    norm,
    probationWorkingDays,
    settings.salaries,
    settings.probationDayRate,
  );

  // Plan bonus: probation earns none (6.1) unless the setting says so.
  const email = person.email;
  const sales = ctx.deals.sales(email, month);
  let bonusSales = sales;
  if (!settings.probationPlanBonus && probationEnd !== null) {
    bonusSales = wholeMonthProbation ? 0 : ctx.deals.salesAfterDay(email, month, probationEnd.getDate());
  }
  const planNeeded = !(wholeMonthProbation && !settings.probationPlanBonus);
  const plan = planRecord?.plan ?? null;
  if (planNeeded && (plan === null || plan <= 0)) {
    throw new RowError(
      'noPlan',
      `Не задан план продаж за ${monthKey(month)} для сотрудника с таб. № ${person.tabNo}: заполните лист «Планы»`,
    );
  }
  const hasPlan = plan !== null && plan > 0;
  const rates = settings.planRates;
  const fulfilment = hasPlan ? planFulfilment(sales, plan) : null;
  const rate = hasPlan ? planRate(sales, plan, rates, settings.overThreshold) : null;
  // the rate belongs to the whole month's sales; it is paid on the sales that earn a bonus
  const planBonusKop = rate !== null ? multiplyKopecks(bonusSales, rate) : 0;

  // KPI: a percent of the оклад actually accrued for the month («по окладу»)
  const kpiBase = split.bySalary;
  const kpis: KpiLine[] = settings.kpis.map((kpi) => {
    const fact = measureKpi(kpi, {
      month,
      email,
      deals: ctx.deals,
      claims: ctx.claims,
      claimDeadlineDays: settings.claimDeadlineDays,
      manualFacts: planRecord?.kpiFacts ?? {},
    });
    const target = planRecord?.kpiTargets[kpi.name] ?? kpi.defaultTarget;
    const line = { fact, target, percent: kpi.percent, mode: kpi.mode };
    return { name: kpi.name, measure: kpi.measure, ...line, earnedShare: kpiShare(line, settings.kpiCap) };
  });
  const kpiBonusKop = kpiBonus(kpiBase, kpis, settings.kpiCap);

  const base = split.byRate + split.bySalary;
  const floor = mrotFloor(mrotForYear(settings.mrotByYear, month.year), sheet.daysWorked, norm);
  const topup = Math.max(0, floor - (base + planBonusKop + kpiBonusKop));
  const accrued = base + planBonusKop + kpiBonusKop + topup;

  const ndfl = settings.ndflEnabled
    ? monthNdfl({
        monthIncome: accrued,
        incomeBefore: ctx.yearToDate.income,
        deductionsBefore: ctx.yearToDate.deductions,
        monthDeduction: person.monthlyDeduction,
        taxBefore: ctx.yearToDate.tax,
      })
    : 0;
  const advance = sheet.advance;

  const categoryLabel = wholeMonthProbation
    ? CATEGORY_LABELS.probation
    : probationEnd !== null
      ? `${CATEGORY_LABELS[category]} (испытательный срок до ${formatRuDate(probationEnd)})`
      : CATEGORY_LABELS[category];

  return {
    category,
    categoryLabel,
    probationEnd,
    salary: split.salary,
    dayRate: split.probationDays > 0 ? settings.probationDayRate : null,
    norm,
    daysWorked: sheet.daysWorked,
    probationDays: split.probationDays,
    salaryDays: split.salaryDays,
    byRate: split.byRate,
    bySalary: split.bySalary,
    plan: hasPlan ? plan : null,
    sales,
    bonusSales,
    fulfilment,
    rate,
    planBonus: planBonusKop,
    kpiBase,
    kpis,
    kpiBonus: kpiBonusKop,
    mrotFloor: floor,
    mrotTopup: topup,
    accrued,
    ndfl,
    advance,
    toPay: accrued - ndfl - advance,
  };
}

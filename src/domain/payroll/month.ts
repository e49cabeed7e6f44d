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
import { DomainError, type Kopecks, kopecksToRubles, multiplyKopecks } from '../money';
import type { Settings } from '../settings';
import { POSITIONS } from '../workbook/schema';
import { type Category, CATEGORY_LABELS, holidayPay, parseCategory, splitBasePay } from './base-pay';
import { DealIndex, normaliseEmail } from './deal-index';
import type {
  ClaimRecord,
  ClientRecord,
  ContactRecord,
  DealRecord,
  PlanRecord,
  StaffRecord,
  PaidMonth,
  TimesheetRecord,
  YearToDate,
} from './inputs';
import { kpiBonus, type KpiMeasure, type KpiMode, kpiShare } from './kpi-bonus';
import { claimsByPerson, measureKpi } from './kpi-measures';
import { mrotFloor, mrotForYear } from './mrot';
import { childDeductionForMonth, monthNdfl, ndflDue, NO_CHILDREN } from './ndfl';
import { estimatedMonths, missingMonths, paymentYear, yearToDateOf } from './tax-year';
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
  /** by «Таб. №»: income, deductions and НДФЛ before this month of the same year (used without `history`) */
  yearToDate: Readonly<Record<string, YearToDate>>;
  /**
   * The months already paid (closed, or computed and marked estimated): when given, НДФЛ is taken
   * from them by payment date, and a month of the year missing from them makes the row an error.
   */
  history?: readonly PaidMonth[];
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
  /** null where no plan bonus applies (then `noBonusReason` says why) */
  rate: number | null;
  planBonus: Kopecks;
  /** why the row earns no plan bonus and no KPI, or '' */
  noBonusReason: string;
  /** the base of the KPI percents: «по окладу» */
  kpiBase: Kopecks;
  kpis: KpiLine[];
  kpiBonus: Kopecks;
  /** МРОТ × days worked / norm */
  mrotFloor: Kopecks;
  mrotTopup: Kopecks;
  /** days worked on weekends and public holidays (ТК ст. 153) */
  holidayDays: number;
  /** their pay: the day's pay × the multiplier, outside the МРОТ comparison */
  holidayPay: Kopecks;
  accrued: Kopecks;
  /** the standard deductions of the month: other + children (0 once income passes 450 000) */
  deduction: Kopecks;
  /** of it, for children */
  childDeduction: Kopecks;
  /** the аванс and the final payment, each taxed at its own date */
  advancePayment: PaymentTax;
  finalPayment: PaymentTax;
  ndflAdvance: Kopecks;
  ndflFinal: Kopecks;
  /** НДФЛ of both payments */
  ndfl: Kopecks;
  /**
   * НДФЛ owed but not withheld because a payment may lose at most half of itself to the tax
   * (НК ст. 226 п. 4): the next payment of the same year owes it again
   */
  ndflUnwithheld: Kopecks;
  /** the аванс accrued (from «Табель»), before its НДФЛ */
  advance: Kopecks;
  /** the аванс paid out: аванс − НДФЛ withheld from it */
  advancePaid: Kopecks;
  toPay: Kopecks;
  /** months of the year whose figures are computed, not closed */
  estimatedMonths: string[];
}

/** One payment of the month and its НДФЛ (НК ст. 226 п. 4: withheld at each payment). */
export interface PaymentTax {
  /** the payment date, or null when «Табель» gives none (the accrual month is assumed) */
  date: Date | null;
  /** the tax year the payment belongs to */
  year: number;
  income: Kopecks;
  /** income since 1 January of that year before this payment */
  incomeBefore: Kopecks;
  /** deductions since 1 January of that year before this payment */
  deductionsBefore: Kopecks;
  /** the deduction granted at this payment */
  deduction: Kopecks;
  /** НДФЛ withheld in that year before this payment */
  taxBefore: Kopecks;
  /** the tax this payment owes: the year's tax so far less the tax withheld before */
  due: Kopecks;
  /** the tax withheld: what it owes, at most half of the payment (НК ст. 226 п. 4) */
  tax: Kopecks;
}

export type PayrollErrorReason =
  | 'noPlan'
  | 'noTimesheet'
  | 'unsetSalary'
  | 'unknownYear'
  | 'unknownCategory'
  | 'category'
  | 'missingMonths'
  | 'dismissed'
  | 'other';

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
  holidayPay: Kopecks;
  accrued: Kopecks;
  ndflAdvance: Kopecks;
  ndflFinal: Kopecks;
  ndfl: Kopecks;
  advance: Kopecks;
  advancePaid: Kopecks;
  toPay: Kopecks;
}

export const TOTAL_KEYS: ReadonlyArray<keyof PayrollTotals> = [
  'byRate',
  'bySalary',
  'sales',
  'planBonus',
  'kpiBonus',
  'mrotTopup',
  'holidayPay',
  'accrued',
  'ndflAdvance',
  'ndflFinal',
  'ndfl',
  'advance',
  'advancePaid',
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
    holidayPay: 0,
    accrued: 0,
    ndflAdvance: 0,
    ndflFinal: 0,
    ndfl: 0,
    advance: 0,
    advancePaid: 0,
    toPay: 0,
  };
}

/**
 * The reason of an error a domain function raised inside a row. A year without a calendar and a
 * missing plan never get here: the month checks both before it computes a row.
 */
function reasonOf(error: DomainError): PayrollErrorReason {
  if (/Не задан оклад/.test(error.message)) return 'unsetSalary';
  if (/Неизвестная категория|Категория не указана/.test(error.message)) return 'unknownCategory';
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
    // Stryker disable next-line ConditionalExpression: workingDaysInMonth raises nothing but a DomainError
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
      // norm is null exactly when the calendar raised its error
      if (norm === null) throw new RowError('unknownYear', String(calendarError));
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
      if (input.history && settings.ndflEnabled) {
        const missing = missingMonths(input.history, person, month);
        if (missing.length > 0) {
          throw new RowError(
            'missingMonths',
            `НДФЛ считается нарастающим итогом с 1 января, а ${missing.length === 1 ? 'месяц' : 'месяцы'} ` +
              `${missing.join(', ')} не ${missing.length === 1 ? 'закрыт и не рассчитан' : 'закрыты и не рассчитаны'}: ` +
              `закройте ${missing.length === 1 ? 'его' : 'их'} (Зарплата → «Закрыть месяц») или впишите ${missing.length === 1 ? 'его' : 'их'} начисления и НДФЛ на лист ` +
              '«Начисления (закрытые месяцы)»',
          );
        }
      }
      const lines = computeRow(person, sheet[0], plans.get(person.tabNo.trim()), norm, {
        month,
        settings,
        deals,
        claims: claims.get(normaliseEmail(person.email)) ?? [],
        yearToDate: (year) =>
          input.history
            ? yearToDateOf(input.history, person.tabNo, year, month)
            : year === month.year
              ? (input.yearToDate[person.tabNo.trim()] ?? { income: 0, deductions: 0, tax: 0 })
              : { income: 0, deductions: 0, tax: 0 },
        estimatedMonths: input.history ? estimatedMonths(input.history, person.tabNo, month) : [],
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

  // a timesheet row of someone dismissed before the month is an error row, not dropped
  const listed = new Set(staff.map((p) => p.tabNo.trim()));
  for (const person of input.staff) {
    const tabNo = person.tabNo.trim();
    if (listed.has(tabNo) || !timesheets.has(tabNo) || person.position.trim() !== SPECIALIST_POSITION) continue;
    listed.add(tabNo);
    // Stryker disable next-line EqualityOperator: one dismissed on the month's first day is employed in it, so not here
    const dismissed = person.dismissalDate && startOfDay(person.dismissalDate) < monthFirstOf(month);
    rows.push({
      tabNo: person.tabNo,
      name: person.name,
      email: person.email,
      ok: false,
      reason: dismissed ? 'dismissed' : 'other',
      error: dismissed
        ? `Сотрудник уволен ${formatRuDate(person.dismissalDate!)}, а в табеле за ${key} есть его строка: ` +
          'удалите строку табеля или исправьте «Дату увольнения» на листе «Сотрудники»'
        : // not employed and not dismissed before the month: hired after it
          `Сотрудник принят ${formatRuDate(person.hireDate!)} — позже ${key}, ` +
          'а в табеле за этот месяц есть его строка: удалите строку или исправьте «Дату приёма»',
    });
  }

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
  /** income, deductions and НДФЛ of a tax year before this month's payments */
  yearToDate: (year: number) => YearToDate;
  estimatedMonths: string[];
}

function monthFirstOf(month: YearMonth): Date {
  return new Date(month.year, month.month - 1, 1);
}

function rubles(kopecks: Kopecks): string {
  return kopecksToRubles(kopecks).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** ТК ст. 70: at most 3 months (6 for managers, not this position). */
const MAX_PROBATION_MONTHS = 3;

/** The probation of a person as it touches the month, or an error naming what to fill. */
function probationOf(person: StaffRecord, month: YearMonth, norm: number, settings: Settings) {
  const monthFirst = monthFirstOf(month);
  const monthLast = new Date(month.year, month.month - 1, daysInMonth(month.year, month.month));
  const typed = parseCategory(person.category);
  const months = person.probationMonths ?? 0;
  if (!Number.isInteger(months) || months < 0 || months > MAX_PROBATION_MONTHS) {
    throw new RowError(
      'category',
      `«Испытательный срок, мес» сотрудника с таб. № ${person.tabNo}: ${months} — нужно целое число от 0 до 3 ` +
        '(ТК ст. 70): исправьте лист «Сотрудники»',
    );
  }
  if (typed === 'probation' && (!person.hireDate || months === 0)) {
    throw new RowError(
      'category',
      `Категория сотрудника с таб. № ${person.tabNo} — «Испытательный срок», но не указаны ` +
        `${!person.hireDate ? '«Дата приёма»' : '«Испытательный срок, мес»'}: заполните лист «Сотрудники»`,
    );
  }
  const end = person.hireDate && months > 0 ? probationEndDate(person.hireDate, months) : null;
  const probationEnd = end && end >= monthFirst ? end : null;
  const wholeMonth = probationEnd !== null && probationEnd >= monthLast;
  let workingDays = 0;
  if (wholeMonth) workingDays = norm;
  // a term that ends inside the month began before it (it lasts at least a month), so it counts from the 1st
  else if (probationEnd !== null) {
    workingDays = workingDaysBetween(month.year, month.month, 1, probationEnd.getDate(), settings.calendar);
  }
  return { typed, end, probationEnd, wholeMonth, workingDays };
}

function computeRow(
  person: StaffRecord,
  sheet: TimesheetRecord,
  planRecord: PlanRecord | undefined,
  norm: number,
  ctx: RowContext,
): PayrollLines {
  const { month, settings } = ctx;
  const { typed, end, probationEnd, wholeMonth, workingDays } = probationOf(person, month, norm, settings);

  // the category after probation is the director's order: the add-on never picks one (domain 4.1)
  if (typed === 'probation' && !wholeMonth) {
    const probationDays = Math.min(workingDays, sheet.daysWorked);
    throw new RowError(
      'category',
      `Испытательный срок сотрудника с таб. № ${person.tabNo} закончился ${formatRuDate(end!)}: ` +
        'укажите на листе «Сотрудники» категорию, присвоенную после него (I, II или «Без категории»)' +
        (probationEnd !== null
          ? `. Дни испытательного срока в этом месяце: ${probationDays} × ` +
            `${rubles(settings.probationDayRate)} = ${rubles(probationDays * settings.probationDayRate)} руб.`
          : ''),
    );
  }
  const category: Exclude<Category, 'probation'> = typed === 'probation' ? 'none' : typed;
  const holidayDays = sheet.holidayDays ?? 0;
  if (!Number.isInteger(holidayDays) || holidayDays < 0) {
    throw new RowError(
      'other',
      `«Дней в выходные и праздники»: нужно целое неотрицательное число, а не ${holidayDays}`,
    );
  }
  if (sheet.daysWorked > norm) {
    throw new RowError(
      'other',
      `Отработано дней (${sheet.daysWorked}) больше нормы месяца (${norm}): работу в выходные и праздничные дни ` +
        'укажите в столбце «Дней в выходные и праздники» листа «Табель»',
    );
  }

  const split = splitBasePay(
    category,
    sheet.daysWorked,
    norm,
    workingDays,
    settings.salaries,
    settings.probationDayRate,
  );

  // Plan bonus: probation earns none (6.1) unless the setting says so; «Без категории» none unless set (4.5a).
  const email = person.email;
  const sales = ctx.deals.sales(email, month);
  const noneWithoutBonus = category === 'none' && !settings.noCategoryBonuses && split.salaryDays > 0;
  let bonusSales = sales;
  if (!settings.probationPlanBonus && probationEnd !== null) {
    bonusSales = wholeMonth ? 0 : ctx.deals.salesAfterDay(email, month, probationEnd.getDate());
  }
  if (noneWithoutBonus) bonusSales = 0;
  const bonusApplies = !(wholeMonth && !settings.probationPlanBonus) && !noneWithoutBonus;
  const noBonusReason = bonusApplies
    ? ''
    : noneWithoutBonus
      ? 'без категории премия за план и KPI не начисляются (п. 6.2, 6.3 должностной инструкции)'
      : 'на испытательном сроке премия за план не начисляется (п. 6.1 должностной инструкции)';
  const plan = planRecord?.plan ?? null;
  if (bonusApplies && (plan === null || plan <= 0)) {
    throw new RowError(
      'noPlan',
      `Не задан план продаж за ${monthKey(month)} для сотрудника с таб. № ${person.tabNo}: заполните лист «Планы»`,
    );
  }
  const hasPlan = plan !== null && plan > 0;
  const rates = settings.planRates;
  const fulfilment = hasPlan ? planFulfilment(sales, plan) : null;
  const rate = hasPlan && bonusApplies ? planRate(sales, plan, rates, settings.overThreshold) : null;
  // the rate belongs to the whole month's sales; it is paid on the sales that earn a bonus
  const planBonusKop = rate !== null ? multiplyKopecks(bonusSales, rate) : 0;

  // KPI: a percent of the оклад actually accrued for the month («по окладу»)
  const kpiBase = noneWithoutBonus ? 0 : split.bySalary;
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
  const holidayPayKop = holidayPay(
    wholeMonth ? 'probation' : category,
    holidayDays,
    norm,
    settings.salaries,
    settings.probationDayRate,
    settings.holidayPayMultiplier,
  );
  const accrued = base + planBonusKop + kpiBonusKop + topup + holidayPayKop;

  const advance = sheet.advance;
  if (advance > accrued) {
    throw new RowError(
      'other',
      `Аванс (${rubles(advance)} руб.) больше начисленного за месяц (${rubles(accrued)} руб.): ` +
        'проверьте «Аванс, руб.» на листе «Табель»',
    );
  }
  const taxes = paymentTaxes(person, sheet, accrued, ctx);
  const ndfl = taxes.advance.tax + taxes.final.tax;
  const advancePaid = advance - taxes.advance.tax;

  const categoryLabel = wholeMonth
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
    noBonusReason,
    kpiBase,
    kpis,
    kpiBonus: kpiBonusKop,
    mrotFloor: floor,
    mrotTopup: topup,
    holidayDays,
    holidayPay: holidayPayKop,
    accrued,
    deduction: taxes.deduction,
    childDeduction: taxes.childDeduction,
    advancePayment: taxes.advance,
    finalPayment: taxes.final,
    ndflAdvance: taxes.advance.tax,
    ndflFinal: taxes.final.tax,
    ndfl,
    ndflUnwithheld: unwithheld(taxes.advance, taxes.final),
    advance,
    advancePaid,
    toPay: accrued - ndfl - advancePaid,
    estimatedMonths: ctx.estimatedMonths,
  };
}

/**
 * The month's two payments and their НДФЛ (domain 4.5): the аванс is income on its date, the
 * rest on the final payment's date, each in its own tax year; the month's standard deduction
 * goes with the first payment in the month's own year, and the child part stops once the
 * income since 1 January, this month's included, passes 450 000 руб.
 */
function paymentTaxes(person: StaffRecord, sheet: TimesheetRecord, accrued: Kopecks, ctx: RowContext) {
  const { month, settings } = ctx;
  const advanceDate = sheet.advanceDate ?? null;
  const paymentDate = sheet.paymentDate ?? null;
  const advanceYear = paymentYear(advanceDate, month);
  const finalYear = paymentYear(paymentDate, month);
  const advanceIncome = sheet.advance;
  const finalIncome = accrued - advanceIncome;

  const own = ctx.yearToDate(month.year);
  const incomeThisYear =
    own.income + (advanceYear === month.year ? advanceIncome : 0) + (finalYear === month.year ? finalIncome : 0);
  const childDeduction = childDeductionForMonth(person.children ?? NO_CHILDREN, incomeThisYear);
  const deduction = person.monthlyDeduction + childDeduction;

  const zero = (date: Date | null, year: number, income: Kopecks): PaymentTax => ({
    date,
    year,
    income,
    incomeBefore: 0,
    deductionsBefore: 0,
    deduction: 0,
    taxBefore: 0,
    due: 0,
    tax: 0,
  });
  if (!settings.ndflEnabled) {
    return {
      deduction: 0,
      childDeduction: 0,
      advance: zero(advanceDate, advanceYear, advanceIncome),
      final: zero(paymentDate, finalYear, finalIncome),
    };
  }
  const deductionAtAdvance = advanceYear === month.year && advanceIncome > 0 ? deduction : 0;
  const deductionAtFinal = deductionAtAdvance === 0 && finalYear === month.year ? deduction : 0;
  const taxed = (date: Date | null, year: number, income: Kopecks, before: YearToDate, ded: Kopecks) => {
    const ndflInput = {
      monthIncome: income,
      incomeBefore: before.income,
      deductionsBefore: before.deductions,
      monthDeduction: ded,
      taxBefore: before.tax,
    };
    return {
      date,
      year,
      income,
      incomeBefore: before.income,
      deductionsBefore: before.deductions,
      deduction: ded,
      taxBefore: before.tax,
      due: ndflDue(ndflInput),
      tax: monthNdfl(ndflInput),
    };
  };
  const advance = taxed(advanceDate, advanceYear, advanceIncome, ctx.yearToDate(advanceYear), deductionAtAdvance);
  const afterAdvance =
    finalYear === advanceYear
      ? {
          income: advance.incomeBefore + advance.income,
          deductions: advance.deductionsBefore + advance.deduction,
          tax: advance.taxBefore + advance.tax,
        }
      : ctx.yearToDate(finalYear);
  const final = taxed(paymentDate, finalYear, finalIncome, afterAdvance, deductionAtFinal);
  const granted = deductionAtAdvance + deductionAtFinal;
  // no payment in the month's own year (a December paid in January): no deduction, none of it for children
  return { deduction: granted, childDeduction: granted === 0 ? 0 : childDeduction, advance, final };
}

/**
 * The tax left owed after the month's payments: the final payment's shortfall (which already
 * carries the аванс's when both fall in one year), and the аванс's own when the final payment
 * belongs to the next tax year.
 */
function unwithheld(advance: PaymentTax, final: PaymentTax): Kopecks {
  return final.due - final.tax + (advance.year !== final.year ? advance.due - advance.tax : 0);
}

/** What a computed row leaves for the НДФЛ of the later payments. */
export function paidMonthOf(row: PayrollRow & { ok: true }, month: YearMonth, estimated: boolean): PaidMonth {
  const l = row.lines;
  return {
    month: monthKey(month),
    tabNo: row.tabNo,
    income: l.accrued,
    advance: l.advance,
    advanceDate: l.advancePayment.date,
    paymentDate: l.finalPayment.date,
    deductions: l.deduction,
    advanceTax: l.ndflAdvance,
    tax: l.ndfl,
    estimated,
  };
}

/**
 * The month with НДФЛ since 1 January taken from the closed months, and each earlier month of
 * the year that is not closed computed from the workbook («Табель», «Планы», deals) and marked
 * as estimated on the rows that use it. A month that cannot be computed either stays missing,
 * and the rows that need it are errors naming it: never a silent zero.
 */
export function computeMonthWithHistory(input: MonthPayrollInput, closed: readonly PaidMonth[]): MonthPayroll {
  const history: PaidMonth[] = [...closed];
  // Stryker disable next-line LogicalOperator: without the index each month builds its own from the same deals
  const dealIndex = input.dealIndex ?? new DealIndex(input.deals, input.settings.salesBy);
  if (input.settings.ndflEnabled) {
    // Stryker disable next-line EqualityOperator: the month itself is never missing from its own months before it
    for (let m = 1; m < input.month.month; m++) {
      const earlier: YearMonth = { year: input.month.year, month: m };
      const key = monthKey(earlier);
      // other positions are left out by computeMonthPayroll itself
      const staff = input.staff.filter((p) => missingMonths(history, p, input.month).includes(key));
      // Stryker disable next-line ConditionalExpression: a month of no one computes no rows; this only spares the work
      if (staff.length === 0) continue;
      const computed = computeMonthPayroll({ ...input, month: earlier, staff, history, dealIndex });
      for (const row of computed.rows) if (row.ok) history.push(paidMonthOf(row, earlier, true));
    }
  }
  return computeMonthPayroll({ ...input, history, dealIndex });
}

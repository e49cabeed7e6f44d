/**
 * Plain records the payroll reads, one per sheet row, already converted from
 * cells: dates are Date objects (or null when blank), money is kopecks. The
 * adapter that reads the tabs by header fills them; the domain never sees cells.
 */
import type { Kopecks } from '../money';
import type { ChildDeductions } from './ndfl';

/** A row of «Сотрудники». */
export interface StaffRecord {
  /** «Таб. №» as typed, the key of «Планы» and «Табель» */
  tabNo: string;
  /** «ФИО» */
  name: string;
  /** «Email»: deals are attributed by «Ответственный» equal to it */
  email: string;
  /** «Должность» */
  position: string;
  /** «Категория» as typed (see parseCategory) */
  category: string;
  /** «Дата приёма» */
  hireDate: Date | null;
  /** «Испытательный срок, мес» (0 or null: none) */
  probationMonths: number | null;
  /** «Образование»: «Высшее» or «Среднее специальное» */
  education: string;
  /** «Стаж до приёма, лет» */
  experienceYearsBefore: number | null;
  /** «Дата присвоения категории» */
  categoryDate: Date | null;
  /** «Вычеты НДФЛ, руб./мес»: standard deductions other than for children */
  monthlyDeduction: Kopecks;
  /** «Детей для вычета», «Из них детей-инвалидов», «Единственный родитель»; absent: none */
  children?: ChildDeductions;
  /** «Дата увольнения» */
  dismissalDate: Date | null;
}

/** A row of «Табель». */
export interface TimesheetRecord {
  /** «Месяц» as «ГГГГ-ММ» */
  month: string;
  /** «Сотрудник (Таб. №)» */
  tabNo: string;
  /** «Отработано дней» */
  daysWorked: number;
  /** «Аванс, руб.»: the аванс accrued, before the НДФЛ withheld from it */
  advance: Kopecks;
  /** «Дней в выходные и праздники»: days worked beyond the norm (ТК ст. 153); absent: 0 */
  holidayDays?: number;
  /** «Дата аванса»: when the аванс was paid; null: inside the month */
  advanceDate?: Date | null;
  /** «Дата выплаты»: when the rest was paid; null: inside the month */
  paymentDate?: Date | null;
}

/** A row of «Планы», with the KPI columns «Цель: <KPI>» and «Факт: <KPI>» keyed by KPI name. */
export interface PlanRecord {
  month: string;
  tabNo: string;
  /** «План продаж, руб.»; null when blank */
  plan: Kopecks | null;
  /** «Цель: <KPI>» cells that are filled */
  kpiTargets: Record<string, number>;
  /** «Факт: <KPI>» cells that are filled (director's values: manual KPIs, the quality score) */
  kpiFacts: Record<string, number>;
}

/** A row of «Сделки» (only what the payroll needs). */
export interface DealRecord {
  id: string;
  clientId: string;
  /** «Ответственный»: an e-mail */
  responsible: string;
  /** «Этап» */
  stage: string;
  /** «Дата этапа» */
  stageDate: Date | null;
  /** «Дата договора» */
  contractDate: Date | null;
  /** «Сумма договора, руб.» */
  contractAmount: Kopecks | null;
  /** «Себестоимость, руб.» */
  cost: Kopecks | null;
  /** «Дата оплаты» */
  paymentDate: Date | null;
}

/** A row of «Клиенты». */
export interface ClientRecord {
  id: string;
  responsible: string;
  status: string;
  createdDate: Date | null;
}

/** A row of «Контакты». */
export interface ContactRecord {
  date: Date | null;
  clientId: string;
  dealId: string;
  employee: string;
  type: string;
}

/** A row of «Претензии». */
export interface ClaimRecord {
  id: string;
  date: Date | null;
  clientId: string;
  responsible: string;
  /** «Срок ответа»; blank means «Дата» + the deadline from «Настройки» */
  deadline: Date | null;
  status: string;
}

/**
 * One employee's month as paid (a closed month, or a month computed but not yet closed):
 * what НДФЛ of the later payments needs. Income belongs to the year of its payment date.
 */
export interface PaidMonth {
  /** «ГГГГ-ММ» of the accrual */
  month: string;
  tabNo: string;
  /** всего начислено */
  income: Kopecks;
  /** of it, paid as the аванс */
  advance: Kopecks;
  advanceDate: Date | null;
  paymentDate: Date | null;
  /** standard deductions granted for the month */
  deductions: Kopecks;
  /** НДФЛ withheld from the аванс */
  advanceTax: Kopecks;
  /** НДФЛ of the month, both payments */
  tax: Kopecks;
  /** true: computed from the workbook, the month is not closed */
  estimated?: boolean;
}

/** What was computed for an employee earlier in the same year (from the frozen payroll tabs). */
export interface YearToDate {
  /** income since 1 January before this month */
  income: Kopecks;
  /** standard deductions granted before this month */
  deductions: Kopecks;
  /** НДФЛ computed before this month, whole rubles */
  tax: Kopecks;
}

/**
 * Plain records the payroll reads, one per sheet row, already converted from
 * cells: dates are Date objects (or null when blank), money is kopecks. The
 * adapter that reads the tabs by header fills them; the domain never sees cells.
 */
import type { Kopecks } from '../money';

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
  /** «Вычеты НДФЛ, руб./мес» */
  monthlyDeduction: Kopecks;
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
  /** «Аванс, руб.» */
  advance: Kopecks;
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

/** What was computed for an employee earlier in the same year (from the frozen payroll tabs). */
export interface YearToDate {
  /** income since 1 January before this month */
  income: Kopecks;
  /** standard deductions granted before this month */
  deductions: Kopecks;
  /** НДФЛ computed before this month, whole rubles */
  tax: Kopecks;
}

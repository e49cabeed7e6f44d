/**
 * The «Настройки» tab (domain 4.6): every rate, threshold and name the job
 * description does not fix. The tab holds three blocks, each found by its header
 * row: parameters («Параметр | Значение | Пояснение»), KPI («KPI | Показатель |
 * Цель по умолчанию | % оклада | Режим») and calendar days («Дата | Тип дня»).
 */
import { type CalendarOverrides, dateToIso, formatRuDate, isDate } from './calendar';
import { DomainError, type Kopecks, percentInputToShare, rublesToKopecks } from './money';
import { DEFAULT_PROBATION_DAY_RATE, DEFAULT_SALARIES, type Salaries } from './payroll/base-pay';
import type { SalesBy } from './payroll/deal-index';
import {
  DEFAULT_KPI_CAP,
  DEFAULT_KPIS,
  KPI_MEASURE_LABELS,
  KPI_MODE_LABELS,
  type KpiMeasure,
  type KpiMode,
  type KpiSetting,
} from './payroll/kpi-bonus';
import { DEFAULT_MROT_BY_YEAR } from './payroll/mrot';
import { DEFAULT_OVER_THRESHOLD, DEFAULT_PLAN_RATES, type PlanRates } from './payroll/plan-bonus';
import {
  DEFAULT_REGISTER_COLUMNS,
  parseRegisterColumns,
  REGISTER_COLUMNS,
  REGISTER_COLUMNS_PARAM,
  type RegisterColumn,
} from './payroll/payment-register';

export interface Settings {
  organisation: string;
  director: string;
  directorEmail: string;
  chiefAccountant: string;
  salaries: Salaries;
  probationDayRate: Kopecks;
  planRates: PlanRates;
  /** «exceeded» is fulfilment above this share (1 = 100 %) */
  overThreshold: number;
  salesBy: SalesBy;
  probationPlanBonus: boolean;
  /** «Без категории» earns the plan bonus and KPI (the job description grants them in 6.2 and 6.3 only) */
  noCategoryBonuses: boolean;
  /** work on weekends and public holidays is paid at the day's pay × this (ТК ст. 153: at least 2) */
  holidayPayMultiplier: number;
  kpis: KpiSetting[];
  /** the cap of fact / target for KPI in mode «пропорционально» */
  kpiCap: number;
  /** МРОТ by year, kopecks */
  mrotByYear: Record<number, Kopecks>;
  ndflEnabled: boolean;
  /** per cent, 15 = 15 % */
  maxDiscountPercent: number;
  claimDeadlineDays: number;
  /** «Сделка без движения, дней»: an open deal longer than this on one stage is stuck */
  stuckDealDays: number;
  calendar: CalendarOverrides;
  /** «Ведомость в отдельной таблице»: payroll tabs go to a spreadsheet only the director opens */
  separatePayrollBook: boolean;
  /** «ID таблицы ведомости»: that spreadsheet, '' until the add-on creates it */
  payrollBookId: string;
  /** «Реестр на выплату: столбцы»: the payment register's columns in order, as its bank or 1С import wants them */
  paymentRegisterColumns: RegisterColumn[];
  /** КП and contracts (2.6, 2.7): the company's details, VAT, numbering, the КП e-mail */
  documents: DocumentSettings;
}

export interface DocumentSettings {
  organisationInn: string;
  organisationAddress: string;
  /** per cent; 0 = без НДС */
  vatPercent: number;
  vatIncluded: boolean;
  offerNumberFormat: string;
  contractNumberFormat: string;
  mailSubject: string;
  mailBody: string;
}

/** The settings of a fresh workbook. */
export function defaultSettings(): Settings {
  return {
    organisation: 'ООО «Проект-А»',
    director: 'Е. А. Сараев',
    directorEmail: '',
    chiefAccountant: '',
    salaries: { ...DEFAULT_SALARIES },
    probationDayRate: DEFAULT_PROBATION_DAY_RATE,
    planRates: { ...DEFAULT_PLAN_RATES },
    overThreshold: DEFAULT_OVER_THRESHOLD,
    salesBy: 'contract',
    probationPlanBonus: false,
    noCategoryBonuses: false,
    holidayPayMultiplier: 2,
    kpis: DEFAULT_KPIS.map((k) => ({ ...k })),
    kpiCap: DEFAULT_KPI_CAP,
    mrotByYear: { ...DEFAULT_MROT_BY_YEAR },
    ndflEnabled: true,
    maxDiscountPercent: 15,
    claimDeadlineDays: 10,
    stuckDealDays: 14,
    calendar: { holidays: [], workingDays: [] },
    separatePayrollBook: false,
    payrollBookId: '',
    paymentRegisterColumns: [...DEFAULT_REGISTER_COLUMNS],
    documents: {
      organisationInn: '',
      organisationAddress: '',
      // НК ст. 164 п. 3 as amended from 1 January 2026
      vatPercent: 22,
      vatIncluded: true,
      offerNumberFormat: 'КП-{ГГГГ}/{N:4}',
      contractNumberFormat: 'ДК-{ГГГГ}/{N:4}',
      mailSubject: 'Коммерческое предложение № {{Номер}} — {{Организация}}',
      mailBody:
        'Здравствуйте, {{Контактное лицо}}!\n\nНаправляем коммерческое предложение № {{Номер}} от {{Дата}} ' +
        '(во вложении), сумма — {{Итого}}\n\nС уважением,\n{{Ответственный}}\n{{Организация}}',
    },
  };
}

export const PARAMS_HEADER = ['Параметр', 'Значение', 'Пояснение'] as const;
export const KPI_HEADER = ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'] as const;
export const CALENDAR_HEADER = ['Дата', 'Тип дня'] as const;
export const DAY_TYPES = { holiday: 'Выходной', working: 'Рабочий' } as const;

type Value = string | number | boolean;

/** How a parameter row is read and written. */
interface Param {
  name: string;
  hint: string;
  read(value: unknown, s: Settings, row: string): void;
  write(s: Settings): Value;
}

/** The parameter that sends the payroll to a separate spreadsheet. */
export const SEPARATE_BOOK_PARAM = 'Ведомость в отдельной таблице';
/** The parameter holding that spreadsheet's ID (filled by the add-on when it creates the spreadsheet). */
export const PAYROLL_BOOK_ID_PARAM = 'ID таблицы ведомости';

const YES = 'Да';
const NO = 'Нет';
const MROT_PATTERN = /^МРОТ (\d{4}), руб\.$/;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

function isBlank(value: unknown): boolean {
  return text(value) === '';
}

function number(value: unknown, row: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const t = text(value)
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.')
    .replace(/(руб\.?|₽)$/i, '');
  if (/^[-+]?\d*\.?\d+%?$/.test(t)) {
    return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  }
  throw new DomainError(`${row}: «${text(value)}» — не число`);
}

function nonNegative(value: unknown, row: string): number {
  const n = number(value, row);
  if (n < 0) throw new DomainError(`${row}: значение не может быть отрицательным`);
  return n;
}

function money(value: unknown, row: string): Kopecks {
  return rublesToKopecks(nonNegative(value, row));
}

/** A percent typed as 5, «5 %» or 0.05 (a %-formatted cell): numbers of 1 and more are per cent. */
function percentShare(value: unknown, row: string): number {
  const isPercentText = typeof value === 'string' && value.trim().endsWith('%');
  const share = percentInputToShare(nonNegative(value, row), isPercentText);
  if (share > 1) throw new DomainError(`${row}: процент должен быть не больше 100`);
  return share;
}

function yesNo(value: unknown, row: string): boolean {
  if (typeof value === 'boolean') return value;
  const t = text(value).toLowerCase();
  if (['да', 'true', 'истина', '1'].includes(t)) return true;
  if (['нет', 'false', 'ложь', '0'].includes(t)) return false;
  throw new DomainError(`${row}: укажите «Да» или «Нет»`);
}

function wholeDays(value: unknown, row: string): number {
  const n = nonNegative(value, row);
  if (!Number.isInteger(n)) throw new DomainError(`${row}: нужно целое число дней`);
  return n;
}

const PARAMS: Param[] = [
  {
    name: 'Организация',
    hint: 'Название в шапке ведомости и расчётных листков',
    read: (v, s) => (s.organisation = text(v)),
    write: (s) => s.organisation,
  },
  {
    name: 'Директор',
    hint: 'Подпись в ведомости',
    read: (v, s) => (s.director = text(v)),
    write: (s) => s.director,
  },
  {
    name: 'E-mail директора',
    hint: 'Директора кроме владельца таблицы (через запятую): только они меняют ответственных, скидки, суммы заключённых сделок и зарплату',
    read: (v, s) => (s.directorEmail = text(v)),
    write: (s) => s.directorEmail,
  },
  {
    name: 'Главный бухгалтер',
    hint: 'Подпись в ведомости',
    read: (v, s) => (s.chiefAccountant = text(v)),
    write: (s) => s.chiefAccountant,
  },
  {
    name: 'Оклад I категории, руб.',
    hint: 'Должностная инструкция, п. 6.3',
    read: (v, s, r) => (s.salaries.I = money(v, r)),
    write: (s) => s.salaries.I / 100,
  },
  {
    name: 'Оклад II категории, руб.',
    hint: 'Должностная инструкция, п. 6.2',
    read: (v, s, r) => (s.salaries.II = money(v, r)),
    write: (s) => s.salaries.II / 100,
  },
  {
    name: 'Оклад без категории, руб.',
    hint: 'Инструкция его не устанавливает: пока не заполнен, зарплата сотрудников «Без категории» не считается',
    read: (v, s, r) => (s.salaries.none = isBlank(v) ? null : money(v, r)),
    write: (s) => (s.salaries.none === null ? '' : s.salaries.none / 100),
  },
  {
    name: 'Ставка на испытательном сроке, руб./день',
    hint: 'Должностная инструкция, п. 6.1: за каждый отработанный день',
    read: (v, s, r) => (s.probationDayRate = money(v, r)),
    write: (s) => s.probationDayRate / 100,
  },
  {
    name: 'Премия за план: не выполнен, %',
    hint: 'Процент от продаж месяца при выполнении меньше 100 %',
    read: (v, s, r) => (s.planRates.under = percentShare(v, r)),
    write: (s) => percentNumber(s.planRates.under),
  },
  {
    name: 'Премия за план: выполнен, %',
    hint: 'Процент от продаж месяца при выполнении ровно 100 % (до порога перевыполнения)',
    read: (v, s, r) => (s.planRates.met = percentShare(v, r)),
    write: (s) => percentNumber(s.planRates.met),
  },
  {
    name: 'Премия за план: перевыполнен, %',
    hint: 'Процент от продаж месяца при выполнении выше порога перевыполнения',
    read: (v, s, r) => (s.planRates.over = percentShare(v, r)),
    write: (s) => percentNumber(s.planRates.over),
  },
  {
    name: 'Порог перевыполнения плана',
    hint: 'Доля плана: 1 = перевыполнение — всё, что больше 100 %; 1,1 — больше 110 %',
    read: (v, s, r) => {
      const n = number(v, r);
      if (n < 1) throw new DomainError(`${r}: порог должен быть не меньше 1 (100 %)`);
      s.overThreshold = n;
    },
    write: (s) => s.overThreshold,
  },
  {
    name: 'Продажи считать по дате',
    hint: '«договора» — по дате договора; «оплаты» — по дате оплаты',
    read: (v, s, r) => {
      const t = text(v).toLowerCase();
      if (t === 'договора') s.salesBy = 'contract';
      else if (t === 'оплаты') s.salesBy = 'payment';
      else throw new DomainError(`${r}: укажите «договора» или «оплаты»`);
    },
    write: (s) => (s.salesBy === 'contract' ? 'договора' : 'оплаты'),
  },
  {
    name: 'Премия за план на испытательном сроке',
    hint: 'По п. 6.1 на испытательном сроке премии нет; «Да» — платить за продажи этих дней',
    read: (v, s, r) => (s.probationPlanBonus = yesNo(v, r)),
    write: (s) => (s.probationPlanBonus ? YES : NO),
  },
  {
    name: 'Премия за план и KPI без категории',
    hint: 'По должностной инструкции премии есть только у II и I категорий (п. 6.2, 6.3); «Да» — платить и без категории',
    read: (v, s, r) => (s.noCategoryBonuses = yesNo(v, r)),
    write: (s) => (s.noCategoryBonuses ? YES : NO),
  },
  {
    name: 'Оплата работы в выходные и праздники, раз',
    hint: 'Во сколько раз дневная ставка (оклад ÷ норма дней) за день работы в выходной или праздник; ТК ст. 153: не менее 2',
    read: (v, s, r) => {
      const n = number(v, r);
      if (n < 2) throw new DomainError(`${r}: по ТК ст. 153 не меньше 2`);
      s.holidayPayMultiplier = n;
    },
    write: (s) => s.holidayPayMultiplier,
  },
  {
    name: 'Предел KPI в режиме «пропорционально»',
    hint:
      'Наибольшая доля факт ÷ цель, которая оплачивается (1,5 = 150 %). Значения KPI ниже — примеры: ' +
      'должностная инструкция их не задаёт, директор устанавливает свои',
    read: (v, s, r) => {
      const n = number(v, r);
      if (n < 1) throw new DomainError(`${r}: предел должен быть не меньше 1 (100 %)`);
      s.kpiCap = n;
    },
    write: (s) => s.kpiCap,
  },
  {
    name: 'Считать НДФЛ',
    hint: '«Да» — удерживать НДФЛ по прогрессивной шкале нарастающим итогом с начала года',
    read: (v, s, r) => (s.ndflEnabled = yesNo(v, r)),
    write: (s) => (s.ndflEnabled ? YES : NO),
  },
  {
    name: 'Максимальная скидка, %',
    hint: 'Скидка разрешена только ключевым клиентам и не выше этого значения',
    read: (v, s, r) => {
      const n = nonNegative(v, r);
      // a %-formatted cell gives 0.15 for 15 %
      s.maxDiscountPercent = typeof v === 'number' && n < 1 ? Math.round(n * 1e6) / 1e4 : n;
      if (s.maxDiscountPercent > 100) throw new DomainError(`${r}: скидка не может быть больше 100 %`);
    },
    write: (s) => s.maxDiscountPercent,
  },
  {
    name: 'Срок ответа на претензию, дней',
    hint: 'Претензия без ответа дольше этого срока считается просроченной',
    read: (v, s, r) => (s.claimDeadlineDays = wholeDays(v, r)),
    write: (s) => s.claimDeadlineDays,
  },
  {
    name: 'Сделка без движения, дней',
    hint: 'Открытая сделка, которая стоит на одном этапе дольше, попадает в список зависших: владельцу и директору',
    read: (v, s, r) => (s.stuckDealDays = wholeDays(v, r)),
    write: (s) => s.stuckDealDays,
  },
  {
    name: SEPARATE_BOOK_PARAM,
    hint:
      '«Да» — ведомости, расчётные листки и закрытые месяцы хранятся в отдельной таблице, которую открывает ' +
      'только директор (все редакторы этой таблицы видят все её листы). Там вместо формул — значения, ' +
      'формула каждой ячейки — в её примечании',
    read: (v, s, r) => (s.separatePayrollBook = isBlank(v) ? false : yesNo(v, r)),
    write: (s) => (s.separatePayrollBook ? YES : NO),
  },
  {
    name: REGISTER_COLUMNS_PARAM,
    hint: `Столбцы реестра на выплату по порядку, через «;»: ${REGISTER_COLUMNS.join('; ')}`,
    read: (v, s, r) => (s.paymentRegisterColumns = parseRegisterColumns(text(v), r)),
    write: (s) => s.paymentRegisterColumns.join('; '),
  },
  {
    name: 'ИНН организации',
    hint: 'В КП и договорах',
    read: (v, s) => (s.documents.organisationInn = text(v).replace(/^'/, '')),
    write: (s) => s.documents.organisationInn,
  },
  {
    name: 'Адрес организации',
    hint: 'В КП и договорах',
    read: (v, s) => (s.documents.organisationAddress = text(v)),
    write: (s) => s.documents.organisationAddress,
  },
  {
    name: 'НДС, %',
    hint: 'Ставка НДС в КП и договорах (с 2026 года — 22 %); 0 — без НДС (упрощённая система)',
    read: (v, s, r) => {
      const n = nonNegative(v, r);
      s.documents.vatPercent = typeof v === 'number' && n < 1 ? Math.round(n * 1e6) / 1e4 : n;
      if (s.documents.vatPercent > 100) throw new DomainError(`${r}: ставка не может быть больше 100 %`);
    },
    write: (s) => s.documents.vatPercent,
  },
  {
    name: 'Цены в прайсе с НДС',
    hint: '«Да» — НДС входит в цены листа «Прайс» и выделяется из суммы; «Нет» — начисляется сверху',
    read: (v, s, r) => (s.documents.vatIncluded = yesNo(v, r)),
    write: (s) => (s.documents.vatIncluded ? YES : NO),
  },
  {
    name: 'Формат номера КП',
    hint: '{ГГГГ} — год, {N:4} — порядковый номер в году из четырёх цифр',
    read: (v, s, r) => (s.documents.offerNumberFormat = numberFormat(v, r)),
    write: (s) => s.documents.offerNumberFormat,
  },
  {
    name: 'Формат номера договора',
    hint: '{ГГГГ} — год, {N:4} — порядковый номер в году из четырёх цифр, например ДК-2026/0042',
    read: (v, s, r) => (s.documents.contractNumberFormat = numberFormat(v, r)),
    write: (s) => s.documents.contractNumberFormat,
  },
  {
    name: 'Письмо с КП: тема',
    hint: 'Тема письма клиенту; подстановки — как в шаблонах документов: {{Номер}}, {{Организация}}…',
    read: (v, s) => (s.documents.mailSubject = text(v)),
    write: (s) => s.documents.mailSubject,
  },
  {
    name: 'Письмо с КП: текст',
    hint: 'Текст письма клиенту; {{Контактное лицо}}, {{Номер}}, {{Дата}}, {{Итого}}, {{Ответственный}}…',
    read: (v, s) => (s.documents.mailBody = text(v)),
    write: (s) => s.documents.mailBody,
  },
  {
    name: PAYROLL_BOOK_ID_PARAM,
    hint: 'Заполняется надстройкой, когда она создаёт отдельную таблицу ведомостей; очистите, чтобы создать новую',
    read: (v, s) => (s.payrollBookId = text(v).replace(/^'/, '')),
    write: (s) => s.payrollBookId,
  },
];

function numberFormat(value: unknown, row: string): string {
  const t = text(value);
  if (!/\{N(:\d)?\}/.test(t)) throw new DomainError(`${row}: формат должен содержать {N} — порядковый номер`);
  return t;
}

function percentNumber(share: number): number {
  return Math.round(share * 1e8) / 1e6;
}

function mrotRows(s: Settings): Value[][] {
  // integer keys: an object gives them in ascending order
  return Object.keys(s.mrotByYear)
    .map(Number)
    .map((year) => [
      `МРОТ ${year}, руб.`,
      s.mrotByYear[year] / 100,
      'Минимальная зарплата за полный месяц (ТК ст. 133); регион может установить больше',
    ]);
}

function sameRow(row: unknown[], header: readonly string[]): boolean {
  return header.every((h, i) => text(row[i]).toLowerCase() === h.toLowerCase());
}

function findHeader(values: unknown[][], header: readonly string[]): number {
  return values.findIndex((row) => sameRow(row, header));
}

const HEADERS = [PARAMS_HEADER, KPI_HEADER, CALENDAR_HEADER];

/** Rows of a block: from below its header to the first blank row or another block's header. */
function blockRows(values: unknown[][], headerIndex: number): Array<{ row: unknown[]; number: number }> {
  const rows: Array<{ row: unknown[]; number: number }> = [];
  for (let i = headerIndex + 1; i < values.length; i++) {
    const row = values[i];
    if (row.every(isBlank) || HEADERS.some((h) => sameRow(row, h))) break;
    rows.push({ row, number: i + 1 });
  }
  return rows;
}

function rowLabel(n: number, name: string): string {
  return `Настройки, строка ${n} («${name}»)`;
}

function parseMeasure(value: unknown, row: string): KpiMeasure {
  const t = text(value).toLowerCase();
  for (const [measure, label] of Object.entries(KPI_MEASURE_LABELS)) {
    if (label.toLowerCase() === t) return measure as KpiMeasure;
  }
  throw new DomainError(`${row}: показатель должен быть одним из: ${Object.values(KPI_MEASURE_LABELS).join(', ')}`);
}

function parseMode(value: unknown, row: string): KpiMode {
  const t = text(value).toLowerCase();
  if (t === '' || t === KPI_MODE_LABELS.threshold) return 'threshold';
  if (t === KPI_MODE_LABELS.proportional) return 'proportional';
  throw new DomainError(`${row}: режим должен быть «порог» или «пропорционально»`);
}

/** A target typed as a number (2 clients, 0.3 = 30 %) or as text with % («30 %»). */
function target(value: unknown, row: string): number {
  return nonNegative(value, row);
}

function parseDay(value: unknown, row: string): string {
  if (isDate(value) && !Number.isNaN(value.getTime())) return dateToIso(value);
  const t = text(value);
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1]), row);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]), row);
  throw new DomainError(`${row}: «${t}» — не дата (нужно ДД.ММ.ГГГГ)`);
}

function validDay(year: number, month: number, day: number, row: string): string {
  const d = new Date(year, month - 1, day);
  // a day outside the month (0, 31.04, 29.02.2026) moves the date into another month
  if (d.getFullYear() !== year || d.getMonth() !== month - 1) {
    throw new DomainError(`${row}: такой даты нет`);
  }
  return dateToIso(d);
}

/**
 * Reads the «Настройки» tab (all its values, as getValues returns them). A missing
 * block or parameter keeps its default; a bad value is an error naming its row.
 */
export function parseSettings(values: unknown[][]): Settings {
  const s = defaultSettings();
  const paramsAt = findHeader(values, PARAMS_HEADER);
  if (paramsAt >= 0) {
    for (const { row, number: n } of blockRows(values, paramsAt)) {
      const name = text(row[0]);
      const label = rowLabel(n, name);
      const mrot = MROT_PATTERN.exec(name);
      if (mrot) {
        if (isBlank(row[1])) delete s.mrotByYear[Number(mrot[1])];
        else s.mrotByYear[Number(mrot[1])] = money(row[1], label);
        continue;
      }
      // unknown parameters are kept for other features and ignored here
      const param = PARAMS.find((p) => p.name.toLowerCase() === name.toLowerCase());
      if (!param) continue;
      if (isBlank(row[1]) && param.name !== 'Оклад без категории, руб.' && !isTextParam(param.name)) {
        throw new DomainError(`${label}: значение не заполнено`);
      }
      param.read(row[1], s, label);
    }
  }
  const kpiAt = findHeader(values, KPI_HEADER);
  if (kpiAt >= 0) {
    s.kpis = blockRows(values, kpiAt).map(({ row, number: n }) => {
      const name = text(row[0]);
      const label = rowLabel(n, name);
      if (name === '') throw new DomainError(`${label}: не указано название KPI`);
      if (isBlank(row[2])) throw new DomainError(`${label}: не указана цель по умолчанию`);
      if (isBlank(row[3])) throw new DomainError(`${label}: не указан % оклада`);
      return {
        name,
        measure: parseMeasure(row[1], label),
        defaultTarget: target(row[2], label),
        percent: percentShare(row[3], label),
        mode: parseMode(row[4], label),
      };
    });
    const names = new Set<string>();
    for (const kpi of s.kpis) {
      if (names.has(kpi.name)) throw new DomainError(`Настройки: KPI «${kpi.name}» указан дважды`);
      names.add(kpi.name);
    }
  }
  const calendarAt = findHeader(values, CALENDAR_HEADER);
  if (calendarAt >= 0) {
    for (const { row, number: n } of blockRows(values, calendarAt)) {
      const label = rowLabel(n, text(row[0]));
      const day = parseDay(row[0], label);
      const type = text(row[1]).toLowerCase();
      if (type === DAY_TYPES.holiday.toLowerCase()) s.calendar.holidays.push(day);
      else if (type === DAY_TYPES.working.toLowerCase()) s.calendar.workingDays.push(day);
      else throw new DomainError(`${label}: тип дня должен быть «Выходной» или «Рабочий»`);
    }
  }
  return s;
}

/** Parameters that may be left blank. */
function isTextParam(name: string): boolean {
  return [
    'Организация',
    'Директор',
    'E-mail директора',
    'Главный бухгалтер',
    SEPARATE_BOOK_PARAM,
    PAYROLL_BOOK_ID_PARAM,
    'ИНН организации',
    'Адрес организации',
  ].includes(name);
}

/**
 * The 1-based row of a parameter in the parameters block of «Настройки»
 * (values as getValues returns them), or 0 when the tab has no such row.
 */
export function settingsParamRow(values: unknown[][], name: string): number {
  const paramsAt = findHeader(values, PARAMS_HEADER);
  if (paramsAt < 0) return 0;
  const found = blockRows(values, paramsAt).find(({ row }) => text(row[0]).toLowerCase() === name.toLowerCase());
  return found ? found.number : 0;
}

/**
 * The parameter rows a «Настройки» tab written by an earlier version lacks,
 * with their defaults, and the 1-based row after which they go (the last row
 * of the parameters block); none when the tab has no parameters block.
 */
export function missingParamRows(values: unknown[][]): { after: number; rows: Value[][] } {
  const paramsAt = findHeader(values, PARAMS_HEADER);
  if (paramsAt < 0) return { after: 0, rows: [] };
  const block = blockRows(values, paramsAt);
  const names = new Set(block.map(({ row }) => text(row[0]).toLowerCase()));
  const defaults = defaultSettings();
  const rows = PARAMS.filter((p) => !names.has(p.name.toLowerCase())).map((p) => [p.name, p.write(defaults), p.hint]);
  return { after: block.length > 0 ? block[block.length - 1].number : paramsAt + 1, rows };
}

const WIDTH = KPI_HEADER.length;

function pad(row: Value[]): Value[] {
  return [...row, ...Array<Value>(Math.max(0, WIDTH - row.length)).fill('')];
}

/** The whole «Настройки» tab for a fresh workbook: three blocks separated by blank rows. */
export function defaultSettingsRows(settings: Settings = defaultSettings()): Value[][] {
  const rows: Value[][] = [[...PARAMS_HEADER]];
  for (const param of PARAMS) rows.push([param.name, param.write(settings), param.hint]);
  rows.push(...mrotRows(settings));
  rows.push([]);
  rows.push([...KPI_HEADER]);
  for (const kpi of settings.kpis) {
    rows.push([
      kpi.name,
      KPI_MEASURE_LABELS[kpi.measure],
      kpi.defaultTarget,
      percentNumber(kpi.percent),
      KPI_MODE_LABELS[kpi.mode],
    ]);
  }
  rows.push([]);
  rows.push([...CALENDAR_HEADER]);
  for (const day of settings.calendar.holidays) rows.push([isoToRu(day), DAY_TYPES.holiday]);
  for (const day of settings.calendar.workingDays) rows.push([isoToRu(day), DAY_TYPES.working]);
  return rows.map(pad);
}

function isoToRu(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return formatRuDate(new Date(y, m - 1, d));
}

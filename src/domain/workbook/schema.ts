/**
 * The workbook's tabs and columns (domain section 1). Columns are always
 * found by header text, never by position; this is the list of headers each
 * tab must have, with the type of each column and its allowed values.
 */

export const SHEETS = {
  clients: 'Клиенты',
  deals: 'Сделки',
  contacts: 'Контакты',
  claims: 'Претензии',
  competitors: 'Конкуренты',
  staff: 'Сотрудники',
  plans: 'Планы',
  timesheet: 'Табель',
  settings: 'Настройки',
  log: 'Журнал',
  stageHistory: 'История этапов',
  dashboard: 'Дашборд',
  priceList: 'Прайс',
  dealLines: 'Позиции сделок',
} as const;

export type SheetKey = keyof typeof SHEETS;

/** The generated payroll tab of a month: «Зарплата 03.2026». */
export function payrollSheetName(year: number, month: number): string {
  return `Зарплата ${String(month).padStart(2, '0')}.${year}`;
}

export type ColumnType =
  | 'text'
  | 'id'
  | 'date'
  | 'money'
  | 'number'
  | 'percent'
  | 'list'
  | 'email'
  | 'phone'
  | 'inn'
  /** a bank account number: 20 digits, kept as text */
  | 'account';

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  /** allowed values for 'list' columns */
  list?: readonly string[];
  /** the add-on itself fills it; people do not type it */
  computed?: boolean;
  /** a number format other than the type's (a time stamp shows the time, not only the day) */
  format?: string;
}

/** The format of the add-on's time stamps: the day and the time. */
export const DATE_TIME_FORMAT = 'dd.MM.yyyy HH:mm:ss';

/** How a stage change was made, as «История этапов» says it. */
export const STAGE_CHANGE_WAYS = {
  sidebar: 'Боковая панель',
  sheet: 'Лист',
  override: 'Директор в обход правил',
} as const;

export const CLIENT_TYPES = ['Юрлицо', 'ИП', 'Физлицо'] as const;
export const CLIENT_STATUSES = ['Потенциальный', 'Клиент', 'Ключевой', 'Неактивный'] as const;
export const SOURCES = [
  'Реклама',
  'Выставка',
  'Ярмарка',
  'Презентация',
  'Email-рассылка',
  'Факс',
  'Звонок',
  'Сайт',
  'Рекомендация',
  'Другое',
] as const;
export const DIRECTIONS = ['Электрообогрев', 'ПОЛИФАСАД', 'Электрообогрев и ПОЛИФАСАД'] as const;
export const RELIABILITY = ['Высокая', 'Средняя', 'Низкая'] as const;
export const LOSS_REASONS = [
  'Цена',
  'Выбрал конкурента',
  'Нет бюджета',
  'Нет связи',
  'Низкая надёжность',
  'Другое',
] as const;
export const CONTACT_TYPES = ['Звонок', 'Встреча', 'Email', 'Факс', 'Выставка', 'Презентация', 'Другое'] as const;
export const CLAIM_STATUSES = ['Новая', 'В работе', 'Решена', 'Отклонена'] as const;
export const EDUCATION = ['Высшее', 'Среднее специальное'] as const;
export const CATEGORIES = ['Испытательный срок', 'Без категории', 'II категория', 'I категория'] as const;
export const POSITIONS = ['Директор', 'Специалист по работе с клиентами', 'Главный бухгалтер'] as const;

/** The funnel stages of domain section 2, in order; «Отказ» stands outside the order. */
export const STAGES = [
  'Новый',
  'Потребность выявлена',
  'Надёжность оценена',
  'Переговоры',
  'КП отправлено',
  'Согласование договора',
  'Договор заключён',
  'Исполнение',
  'Завершена',
] as const;
export const LOST_STAGE = 'Отказ';
export const ALL_STAGES = [...STAGES, LOST_STAGE] as const;
export type Stage = (typeof ALL_STAGES)[number];

const c = (header: string, type: ColumnType = 'text', extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header,
  type,
  ...extra,
});

export const COLUMNS = {
  clients: [
    c('ID клиента', 'id', { computed: true }),
    c('Клиент'),
    c('Тип', 'list', { list: CLIENT_TYPES }),
    c('ИНН', 'inn'),
    c('Контактное лицо'),
    c('Телефон', 'phone'),
    c('Email', 'email'),
    c('Город'),
    c('Источник', 'list', { list: SOURCES }),
    c('Ответственный', 'email'),
    c('Статус клиента', 'list', { list: CLIENT_STATUSES }),
    c('Скидка, %', 'percent'),
    c('Особые условия'),
    c('Дата создания', 'date', { computed: true }),
    c('Следующий контакт', 'date'),
    c('Примечание'),
    // the client's address in КП and contracts
    c('Адрес'),
  ],
  deals: [
    c('ID сделки', 'id', { computed: true }),
    c('ID клиента', 'id'),
    c('Клиент'),
    c('Ответственный', 'email'),
    c('Этап', 'list', { list: ALL_STAGES }),
    c('Дата этапа', 'date', { computed: true }),
    c('Направление', 'list', { list: DIRECTIONS }),
    c('Потребность'),
    c('Потенциал, руб.', 'money'),
    c('Надёжность', 'list', { list: RELIABILITY }),
    c('Основание оценки'),
    c('Дата переговоров', 'date'),
    c('Сумма КП, руб.', 'money'),
    c('Дата КП', 'date'),
    c('Дата встречи', 'date'),
    c('№ договора'),
    c('Дата договора', 'date'),
    c('Сумма договора, руб.', 'money'),
    c('Себестоимость, руб.', 'money'),
    c('Дата оплаты', 'date'),
    c('Разногласия'),
    c('Причина отказа', 'list', { list: LOSS_REASONS }),
    c('Конкурент'),
    c('Следующий шаг', 'date'),
    // written by «КП» and «Договор» of the card (2.6, 2.7)
    c('№ КП', 'text', { computed: true }),
    c('КП (документ)', 'text', { computed: true }),
    c('Договор (документ)', 'text', { computed: true }),
  ],
  contacts: [
    c('Дата', 'date'),
    c('ID клиента', 'id'),
    c('ID сделки', 'id'),
    c('Сотрудник', 'email'),
    c('Тип', 'list', { list: CONTACT_TYPES }),
    c('Результат'),
    c('Следующий контакт', 'date'),
  ],
  claims: [
    c('ID', 'id', { computed: true }),
    c('Дата', 'date'),
    c('ID клиента', 'id'),
    c('№ договора'),
    c('Суть'),
    c('Ответственный', 'email'),
    c('Срок ответа', 'date'),
    c('Статус', 'list', { list: CLAIM_STATUSES }),
    c('Решение'),
  ],
  competitors: [
    c('Конкурент'),
    c('Продукты'),
    c('Цены'),
    c('Условия для клиентов'),
    c('Сильные стороны'),
    c('Слабые стороны'),
    c('Обновлено', 'date'),
  ],
  staff: [
    c('Таб. №'),
    c('ФИО'),
    c('Email', 'email'),
    c('Должность', 'list', { list: POSITIONS }),
    c('Категория', 'list', { list: CATEGORIES }),
    c('Дата приёма', 'date'),
    c('Испытательный срок, мес', 'number'),
    c('Образование', 'list', { list: EDUCATION }),
    c('Стаж до приёма, лет', 'number'),
    c('Дата присвоения категории', 'date'),
    c('Вычеты НДФЛ, руб./мес', 'money'),
    c('Дата увольнения', 'date'),
    // НК ст. 218 п. 1 пп. 4: child deductions by order of birth, disabled children, sole parent
    c('Детей для вычета', 'number'),
    c('Из них детей-инвалидов', 'number'),
    c('Единственный родитель', 'list', { list: ['Да', 'Нет'] }),
    // for the payment register; «Сотрудники» is edited only by the director
    c('Номер счёта', 'account'),
  ],
  /** plus one target column per KPI, named after the KPI (see KPI_COLUMNS) */
  plans: [c('Месяц'), c('Сотрудник (Таб. №)'), c('План продаж, руб.', 'money')],
  timesheet: [
    c('Месяц'),
    c('Сотрудник (Таб. №)'),
    c('Отработано дней', 'number'),
    c('Аванс, руб.', 'money'),
    // ТК ст. 153 and НДФЛ by payment date (НК ст. 223, 226)
    c('Дней в выходные и праздники', 'number'),
    c('Дата аванса', 'date'),
    c('Дата выплаты', 'date'),
  ],
  log: [
    c('Время', 'date', { computed: true, format: DATE_TIME_FORMAT }),
    c('Пользователь'),
    c('Действие'),
    c('Лист'),
    c('ID'),
    c('Поле'),
    c('Было'),
    c('Стало'),
    c('Комментарий'),
  ],
  stageHistory: [
    c('Время', 'date', { computed: true, format: DATE_TIME_FORMAT }),
    c('ID сделки', 'id'),
    c('Клиент'),
    c('Было'),
    c('Стало'),
    c('Пользователь'),
    c('Способ'),
  ],
  /** the price list (director only) */
  priceList: [
    c('Артикул'),
    c('Наименование'),
    c('Ед.'),
    c('Цена, руб.', 'money'),
    c('Направление', 'list', { list: ['Отопление', 'ПОЛИФАСАД'] }),
  ],
  /** a deal's lines, written by the card (the discount rule of 2.10 holds per line) */
  dealLines: [
    c('ID сделки', 'id'),
    c('Артикул'),
    c('Наименование', 'text', { computed: true }),
    c('Ед.', 'text', { computed: true }),
    c('Количество', 'number'),
    c('Цена, руб.', 'money', { computed: true }),
    c('Скидка, %', 'percent'),
    c('Сумма, руб.', 'money', { computed: true }),
  ],
} satisfies Partial<Record<SheetKey, ColumnSpec[]>>;

/** Months in «Планы» and «Табель» are typed as «ГГГГ-ММ» (text) or as a date in that month. */
export const MONTH_FORMAT_HINT = 'ГГГГ-ММ, например 2026-03';

/** The five KPI of the job description (6.2 п.3); the director may add more in «Настройки». */
export const KPI_NAMES = [
  'Новые клиенты',
  'Качество обслуживания',
  'Конверсия воронки',
  'Рост продаж',
  'Рост маржи',
] as const;

/** In «Планы», each KPI's monthly target is the column «Цель: <KPI>»; a blank cell takes the default from «Настройки». */
export function kpiTargetHeader(kpiName: string): string {
  return `Цель: ${kpiName}`;
}

/** A manual KPI's monthly fact (director's value) is the column «Факт: <KPI>» in «Планы». */
export function kpiFactHeader(kpiName: string): string {
  return `Факт: ${kpiName}`;
}

/**
 * «Настройки» as the director reads and types it: the fresh tab word for word, every parameter read
 * from what a person may type in its cell, and the message naming the row of each bad value.
 */
import {
  defaultSettings,
  defaultSettingsRows,
  missingParamRows,
  parseSettings,
  settingsParamRow,
} from '../../../src/domain/settings';

const HINT_MROT = 'Минимальная зарплата за полный месяц (ТК ст. 133); регион может установить больше';
const NUMBER_HINT = '{ГГГГ} — год, {N:4} — порядковый номер в году из четырёх цифр';

/** The parameters block of a fresh tab, as the director sees it (values and hints). */
const FRESH_PARAMS: Array<[string, string | number, string]> = [
  ['Организация', 'ООО «Проект-А»', 'Название в шапке ведомости и расчётных листков'],
  ['Директор', 'Е. А. Сараев', 'Подпись в ведомости'],
  [
    'E-mail директора',
    '',
    'Директора кроме владельца таблицы (через запятую): только они меняют ответственных, скидки, суммы заключённых сделок и зарплату',
  ],
  ['Главный бухгалтер', '', 'Подпись в ведомости'],
  ['Оклад I категории, руб.', 20000, 'Должностная инструкция, п. 6.3'],
  ['Оклад II категории, руб.', 12000, 'Должностная инструкция, п. 6.2'],
  [
    'Оклад без категории, руб.',
    '',
    'Инструкция его не устанавливает: пока не заполнен, зарплата сотрудников «Без категории» не считается',
  ],
  ['Ставка на испытательном сроке, руб./день', 1000, 'Должностная инструкция, п. 6.1: за каждый отработанный день'],
  ['Премия за план: не выполнен, %', 3, 'Процент от продаж месяца при выполнении меньше 100 %'],
  ['Премия за план: выполнен, %', 4, 'Процент от продаж месяца при выполнении ровно 100 % (до порога перевыполнения)'],
  ['Премия за план: перевыполнен, %', 5, 'Процент от продаж месяца при выполнении выше порога перевыполнения'],
  ['Порог перевыполнения плана', 1, 'Доля плана: 1 = перевыполнение — всё, что больше 100 %; 1,1 — больше 110 %'],
  ['Продажи считать по дате', 'договора', '«договора» — по дате договора; «оплаты» — по дате оплаты'],
  [
    'Премия за план на испытательном сроке',
    'Нет',
    'По п. 6.1 на испытательном сроке премии нет; «Да» — платить за продажи этих дней',
  ],
  [
    'Премия за план и KPI без категории',
    'Нет',
    'По должностной инструкции премии есть только у II и I категорий (п. 6.2, 6.3); «Да» — платить и без категории',
  ],
  [
    'Оплата работы в выходные и праздники, раз',
    2,
    'Во сколько раз дневная ставка (оклад ÷ норма дней) за день работы в выходной или праздник; ТК ст. 153: не менее 2',
  ],
  [
    'Предел KPI в режиме «пропорционально»',
    1.5,
    'Наибольшая доля факт ÷ цель, которая оплачивается (1,5 = 150 %). Значения KPI ниже — примеры: ' +
      'должностная инструкция их не задаёт, директор устанавливает свои',
  ],
  ['Считать НДФЛ', 'Да', '«Да» — удерживать НДФЛ по прогрессивной шкале нарастающим итогом с начала года'],
  ['Максимальная скидка, %', 15, 'Скидка разрешена только ключевым клиентам и не выше этого значения'],
  ['Срок ответа на претензию, дней', 10, 'Претензия без ответа дольше этого срока считается просроченной'],
  [
    'Сделка без движения, дней',
    14,
    'Открытая сделка, которая стоит на одном этапе дольше, попадает в список зависших: владельцу и директору',
  ],
  [
    'Ведомость в отдельной таблице',
    'Нет',
    '«Да» — ведомости, расчётные листки и закрытые месяцы хранятся в отдельной таблице, которую открывает ' +
      'только директор (все редакторы этой таблицы видят все её листы). Там вместо формул — значения, ' +
      'формула каждой ячейки — в её примечании',
  ],
  [
    'Реестр на выплату: столбцы',
    '№ п/п; ФИО; Таб. №; Номер счёта; Сумма',
    'Столбцы реестра на выплату по порядку, через «;»: № п/п; Таб. №; ФИО; Фамилия; Имя; Отчество; Номер счёта; Сумма',
  ],
  ['ИНН организации', '', 'В КП и договорах'],
  ['Адрес организации', '', 'В КП и договорах'],
  ['НДС, %', 22, 'Ставка НДС в КП и договорах (с 2026 года — 22 %); 0 — без НДС (упрощённая система)'],
  [
    'Цены в прайсе с НДС',
    'Да',
    '«Да» — НДС входит в цены листа «Прайс» и выделяется из суммы; «Нет» — начисляется сверху',
  ],
  ['Формат номера КП', 'КП-{ГГГГ}/{N:4}', NUMBER_HINT],
  ['Формат номера договора', 'ДК-{ГГГГ}/{N:4}', NUMBER_HINT + ', например ДК-2026/0042'],
  [
    'Письмо с КП: тема',
    'Коммерческое предложение № {{Номер}} — {{Организация}}',
    'Тема письма клиенту; подстановки — как в шаблонах документов: {{Номер}}, {{Организация}}…',
  ],
  [
    'Письмо с КП: текст',
    'Здравствуйте, {{Контактное лицо}}!\n\nНаправляем коммерческое предложение № {{Номер}} от {{Дата}} ' +
      '(во вложении), сумма — {{Итого}}\n\nС уважением,\n{{Ответственный}}\n{{Организация}}',
    'Текст письма клиенту; {{Контактное лицо}}, {{Номер}}, {{Дата}}, {{Итого}}, {{Ответственный}}…',
  ],
  [
    'ID таблицы ведомости',
    '',
    'Заполняется надстройкой, когда она создаёт отдельную таблицу ведомостей; очистите, чтобы создать новую',
  ],
];

describe('a fresh «Настройки» tab', () => {
  it('is the parameters with their hints, МРОТ by year, the example KPI and an empty calendar, five columns wide', () => {
    expect(defaultSettingsRows()).toEqual([
      ['Параметр', 'Значение', 'Пояснение', '', ''],
      ...FRESH_PARAMS.map((r) => [...r, '', '']),
      ['МРОТ 2025, руб.', 22440, HINT_MROT, '', ''],
      ['МРОТ 2026, руб.', 27093, HINT_MROT, '', ''],
      ['', '', '', '', ''],
      ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'],
      ['Новые клиенты', 'Новые клиенты', 2, 5, 'порог'],
      ['Качество обслуживания', 'Качество обслуживания', 0.8, 5, 'порог'],
      ['Конверсия воронки', 'Конверсия воронки', 0.3, 5, 'порог'],
      ['Рост продаж', 'Рост продаж', 1.05, 5, 'порог'],
      ['Рост маржи', 'Рост маржи', 1.05, 5, 'порог'],
      ['', '', '', '', ''],
      ['Дата', 'Тип дня', '', '', ''],
    ]);
  });

  it('writes the director’s own choices back as a person would type them', () => {
    const s = defaultSettings();
    s.salaries.none = 1_500_050;
    s.planRates.under = 0.025;
    s.salesBy = 'payment';
    s.probationPlanBonus = true;
    s.noCategoryBonuses = true;
    s.ndflEnabled = false;
    s.separatePayrollBook = true;
    s.documents.vatIncluded = false;
    s.mrotByYear = { 2027: 3_000_000, 2025: 2_244_000 };
    s.kpis = [{ name: 'Звонки', measure: 'manual', defaultTarget: 100, percent: 0.125, mode: 'proportional' }];
    s.calendar = { holidays: ['2026-03-17'], workingDays: ['2026-03-28'] };
    const rows = defaultSettingsRows(s);
    const value = (name: string) => rows.find((r) => r[0] === name)?.[1];
    expect(value('Оклад без категории, руб.')).toBe(15000.5);
    expect(value('Премия за план: не выполнен, %')).toBe(2.5);
    expect(value('Продажи считать по дате')).toBe('оплаты');
    expect(value('Премия за план на испытательном сроке')).toBe('Да');
    expect(value('Премия за план и KPI без категории')).toBe('Да');
    expect(value('Считать НДФЛ')).toBe('Нет');
    expect(value('Ведомость в отдельной таблице')).toBe('Да');
    expect(value('Цены в прайсе с НДС')).toBe('Нет');
    expect(rows.slice(-9)).toEqual([
      ['МРОТ 2025, руб.', 22440, HINT_MROT, '', ''],
      ['МРОТ 2027, руб.', 30000, HINT_MROT, '', ''],
      ['', '', '', '', ''],
      ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'],
      ['Звонки', 'Вручную', 100, 12.5, 'пропорционально'],
      ['', '', '', '', ''],
      ['Дата', 'Тип дня', '', '', ''],
      ['17.03.2026', 'Выходной', '', '', ''],
      ['28.03.2026', 'Рабочий', '', '', ''],
    ]);
    // and it reads back as they were (a year not on the tab keeps its shipped МРОТ)
    expect(parseSettings(rows)).toEqual({ ...s, mrotByYear: { ...s.mrotByYear, 2026: 2_709_300 } });
  });
});

/** A fresh tab with the parameter `name` set to `value`; returns the rows and its 1-based row. */
function withParam(name: string, value: unknown): { rows: unknown[][]; row: number } {
  const rows: unknown[][] = defaultSettingsRows();
  const at = rows.findIndex((r) => r[0] === name);
  if (at < 0) throw new Error(`no parameter ${name}`);
  rows[at] = [name, value, ''];
  return { rows, row: at + 1 };
}
const read = (name: string, value: unknown) => parseSettings(withParam(name, value).rows);
/** The message for a bad `value` of `name`, with its row. */
function refusal(name: string, value: unknown): string {
  const { rows, row } = withParam(name, value);
  try {
    parseSettings(rows);
  } catch (e) {
    return (e as Error).message.replace(`Настройки, строка ${row} («${name}»): `, '');
  }
  return 'accepted';
}

describe('reading what the director typed', () => {
  it('takes amounts in rubles with spaces, a comma, «руб.» or ₽, into kopecks', () => {
    expect(read('Оклад I категории, руб.', '21 500,50 руб.').salaries.I).toBe(2_150_050);
    expect(read('Оклад I категории, руб.', '21\u00a0500 руб').salaries.I).toBe(2_150_000);
    expect(read('Оклад II категории, руб.', '13000₽').salaries.II).toBe(1_300_000);
    expect(read('Оклад II категории, руб.', '+13000').salaries.II).toBe(1_300_000);
    expect(read('Ставка на испытательном сроке, руб./день', ' 1 100 ').probationDayRate).toBe(110_000);
    expect(read('Ставка на испытательном сроке, руб./день', '.5').probationDayRate).toBe(50);
    expect(read('Оклад без категории, руб.', '').salaries.none).toBeNull();
    expect(read('Оклад без категории, руб.', 9000).salaries.none).toBe(900_000);
  });

  it('refuses a word, a negative amount, two numbers and a blank salary, naming the row', () => {
    expect(refusal('Оклад I категории, руб.', 'двадцать')).toBe('«двадцать» — не число');
    expect(refusal('Оклад I категории, руб.', '20 000 руб. 50')).toBe('«20 000 руб. 50» — не число');
    expect(refusal('Оклад I категории, руб.', '1.2.3')).toBe('«1.2.3» — не число');
    expect(refusal('Оклад I категории, руб.', '12a')).toBe('«12a» — не число');
    expect(refusal('Оклад I категории, руб.', 'a12')).toBe('«a12» — не число');
    expect(refusal('Оклад I категории, руб.', -1)).toBe('значение не может быть отрицательным');
    expect(refusal('Оклад I категории, руб.', '-0,01')).toBe('значение не может быть отрицательным');
    expect(refusal('Оклад I категории, руб.', Infinity)).toBe('«Infinity» — не число');
    expect(refusal('Оклад I категории, руб.', '  ')).toBe('значение не заполнено');
    expect(refusal('Оклад I категории, руб.', null)).toBe('значение не заполнено');
  });

  it('reads a plan rate typed as 5, «5 %», «4,5%» or a %-formatted 0.05, and refuses more than 100 %', () => {
    expect(read('Премия за план: перевыполнен, %', 6).planRates.over).toBe(0.06);
    expect(read('Премия за план: перевыполнен, %', '6 %').planRates.over).toBe(0.06);
    expect(read('Премия за план: выполнен, %', '4,5%').planRates.met).toBe(0.045);
    expect(read('Премия за план: не выполнен, %', 0.025).planRates.under).toBe(0.025);
    expect(read('Премия за план: не выполнен, %', 100).planRates.under).toBe(1);
    // a text cell: «6» is per cent, «100 % » with a space after the sign is 100 %
    expect(read('Премия за план: перевыполнен, %', '6').planRates.over).toBe(0.06);
    expect(read('Премия за план: не выполнен, %', '100 % ').planRates.under).toBe(1);
    expect(read('Премия за план: не выполнен, %', '0,5').planRates.under).toBe(0.5);
    expect(refusal('Премия за план: не выполнен, %', 101)).toBe('процент должен быть не больше 100');
    expect(refusal('Премия за план: не выполнен, %', '101 %')).toBe('процент должен быть не больше 100');
  });

  it('keeps the thresholds the law and the job description set', () => {
    expect(read('Порог перевыполнения плана', '1,1').overThreshold).toBe(1.1);
    expect(read('Порог перевыполнения плана', 1).overThreshold).toBe(1);
    expect(refusal('Порог перевыполнения плана', 0.99)).toBe('порог должен быть не меньше 1 (100 %)');
    expect(read('Оплата работы в выходные и праздники, раз', 2.5).holidayPayMultiplier).toBe(2.5);
    expect(read('Оплата работы в выходные и праздники, раз', 2).holidayPayMultiplier).toBe(2);
    expect(refusal('Оплата работы в выходные и праздники, раз', 1.99)).toBe('по ТК ст. 153 не меньше 2');
    expect(read('Предел KPI в режиме «пропорционально»', 2).kpiCap).toBe(2);
    expect(read('Предел KPI в режиме «пропорционально»', 1).kpiCap).toBe(1);
    expect(refusal('Предел KPI в режиме «пропорционально»', 0.5)).toBe('предел должен быть не меньше 1 (100 %)');
  });

  it('counts sales by the contract or the payment date, in any case, and nothing else', () => {
    expect(read('Продажи считать по дате', 'Оплаты').salesBy).toBe('payment');
    expect(read('Продажи считать по дате', ' ДОГОВОРА ').salesBy).toBe('contract');
    expect(refusal('Продажи считать по дате', 'счёта')).toBe('укажите «договора» или «оплаты»');
  });

  it('reads «Да» and «Нет» as a person or a checkbox writes them', () => {
    for (const yes of ['Да', 'да', 'TRUE', 'истина', '1', true, 1]) {
      expect(read('Считать НДФЛ', yes).ndflEnabled).toBe(true);
    }
    for (const no of ['Нет', 'НЕТ', 'false', 'Ложь', '0', false, 0]) {
      expect(read('Считать НДФЛ', no).ndflEnabled).toBe(false);
    }
    expect(read('Премия за план на испытательном сроке', 'да').probationPlanBonus).toBe(true);
    expect(read('Премия за план и KPI без категории', 'да').noCategoryBonuses).toBe(true);
    expect(read('Цены в прайсе с НДС', 'нет').documents.vatIncluded).toBe(false);
    expect(refusal('Считать НДФЛ', 'может быть')).toBe('укажите «Да» или «Нет»');
    expect(refusal('Премия за план на испытательном сроке', 'ага')).toBe('укажите «Да» или «Нет»');
  });

  it('reads the maximum discount and VAT as per cent, also from a %-formatted cell', () => {
    expect(read('Максимальная скидка, %', 0.15).maxDiscountPercent).toBe(15);
    expect(read('Максимальная скидка, %', 0.125).maxDiscountPercent).toBe(12.5);
    expect(read('Максимальная скидка, %', 20).maxDiscountPercent).toBe(20);
    expect(read('Максимальная скидка, %', 1).maxDiscountPercent).toBe(1);
    expect(read('Максимальная скидка, %', 0).maxDiscountPercent).toBe(0);
    expect(read('Максимальная скидка, %', '0.5').maxDiscountPercent).toBe(0.5);
    expect(read('Максимальная скидка, %', 100).maxDiscountPercent).toBe(100);
    expect(refusal('Максимальная скидка, %', 100.5)).toBe('скидка не может быть больше 100 %');
    expect(refusal('Максимальная скидка, %', -5)).toBe('значение не может быть отрицательным');
    expect(read('НДС, %', 0.22).documents.vatPercent).toBe(22);
    expect(read('НДС, %', 0.1).documents.vatPercent).toBe(10);
    expect(read('НДС, %', 20).documents.vatPercent).toBe(20);
    expect(read('НДС, %', 1).documents.vatPercent).toBe(1);
    expect(read('НДС, %', 0).documents.vatPercent).toBe(0);
    expect(read('НДС, %', '0.5').documents.vatPercent).toBe(0.5);
    expect(read('НДС, %', 100).documents.vatPercent).toBe(100);
    expect(refusal('НДС, %', 101)).toBe('ставка не может быть больше 100 %');
  });

  it('takes whole days for the claim deadline and stuck deals, and neither left blank', () => {
    expect(read('Срок ответа на претензию, дней', 30).claimDeadlineDays).toBe(30);
    expect(read('Срок ответа на претензию, дней', 0).claimDeadlineDays).toBe(0);
    expect(refusal('Срок ответа на претензию, дней', 2.5)).toBe('нужно целое число дней');
    expect(refusal('Срок ответа на претензию, дней', '')).toBe('значение не заполнено');
    expect(read('Сделка без движения, дней', 21).stuckDealDays).toBe(21);
    expect(refusal('Сделка без движения, дней', '1,5')).toBe('нужно целое число дней');
    expect(refusal('Сделка без движения, дней', '')).toBe('значение не заполнено');
  });

  it('reads the separate payroll book, its ID without the leading quote, and the register columns', () => {
    expect(read('Ведомость в отдельной таблице', 'Да').separatePayrollBook).toBe(true);
    expect(read('Ведомость в отдельной таблице', '').separatePayrollBook).toBe(false);
    expect(refusal('Ведомость в отдельной таблице', 'возможно')).toBe('укажите «Да» или «Нет»');
    expect(read('ID таблицы ведомости', " '1AbC ").payrollBookId).toBe('1AbC');
    expect(read('ID таблицы ведомости', '').payrollBookId).toBe('');
    expect(read('ID таблицы ведомости', "1Ab'C").payrollBookId).toBe("1Ab'C");
    expect(read('Реестр на выплату: столбцы', 'ФИО; Номер счёта; Сумма').paymentRegisterColumns).toEqual([
      'ФИО',
      'Номер счёта',
      'Сумма',
    ]);
    expect(refusal('Реестр на выплату: столбцы', '')).toBe('значение не заполнено');
    expect(refusal('Реестр на выплату: столбцы', 'ФИО; Паспорт')).toMatch(/^нет столбца «Паспорт»/);
  });

  it('reads the names, the company’s details, the document numbers and the КП letter', () => {
    expect(read('Организация', ' ООО «Север» ').organisation).toBe('ООО «Север»');
    expect(read('Организация', '').organisation).toBe('');
    expect(read('Директор', 'И. И. Иванов').director).toBe('И. И. Иванов');
    expect(read('Директор', '').director).toBe('');
    expect(read('ИНН организации', "77'07").documents.organisationInn).toBe("77'07");
    expect(read('E-mail директора', ' a@x.ru, b@x.ru ').directorEmail).toBe('a@x.ru, b@x.ru');
    expect(read('Главный бухгалтер', 'О. П. Петрова').chiefAccountant).toBe('О. П. Петрова');
    expect(read('ИНН организации', "'0274062111").documents.organisationInn).toBe('0274062111');
    expect(read('ИНН организации', 7707083893).documents.organisationInn).toBe('7707083893');
    expect(read('Адрес организации', 'г. Уфа').documents.organisationAddress).toBe('г. Уфа');
    expect(read('Формат номера КП', 'КП/{N}').documents.offerNumberFormat).toBe('КП/{N}');
    expect(read('Формат номера договора', '{ГГГГ}-{N:3}').documents.contractNumberFormat).toBe('{ГГГГ}-{N:3}');
    expect(refusal('Формат номера КП', 'КП-{ГГГГ}')).toBe('формат должен содержать {N} — порядковый номер');
    expect(refusal('Формат номера договора', 'ДК-{N:x}')).toBe('формат должен содержать {N} — порядковый номер');
    expect(refusal('Формат номера договора', '')).toBe('значение не заполнено');
    expect(read('Письмо с КП: тема', 'КП {{Номер}}').documents.mailSubject).toBe('КП {{Номер}}');
    expect(read('Письмо с КП: текст', 'Добрый день').documents.mailBody).toBe('Добрый день');
    expect(refusal('Письмо с КП: тема', ' ')).toBe('значение не заполнено');
    expect(refusal('Письмо с КП: текст', '')).toBe('значение не заполнено');
  });

  it('finds a parameter whatever the case of its name, and keeps a parameter it does not know', () => {
    expect(read('Оклад I категории, руб.', 1).salaries.I).toBe(100);
    const rows: unknown[][] = defaultSettingsRows();
    const at = rows.findIndex((r) => r[0] === 'Считать НДФЛ');
    rows[at] = ['СЧИТАТЬ ндфл', 'Нет'];
    rows.splice(at + 1, 0, ['Параметр другой функции', '', '']);
    expect(parseSettings(rows).ndflEnabled).toBe(false);
  });
});

describe('МРОТ by year', () => {
  it('adds a year, changes one and drops a year left blank', () => {
    const rows: unknown[][] = defaultSettingsRows();
    const at = rows.findIndex((r) => r[0] === 'МРОТ 2025, руб.');
    rows[at] = ['МРОТ 2025, руб.', '', ''];
    rows.splice(at + 1, 0, ['МРОТ 2027, руб.', '30 000', '']);
    expect(parseSettings(rows).mrotByYear).toEqual({ 2026: 2_709_300, 2027: 3_000_000 });
  });

  it('refuses a negative МРОТ, naming its row', () => {
    const rows: unknown[][] = defaultSettingsRows();
    const at = rows.findIndex((r) => r[0] === 'МРОТ 2026, руб.');
    rows[at] = ['МРОТ 2026, руб.', -1];
    expect(() => parseSettings(rows)).toThrow(
      `Настройки, строка ${at + 1} («МРОТ 2026, руб.»): значение не может быть отрицательным`,
    );
  });

  it('takes a row only of the form «МРОТ ГГГГ, руб.»', () => {
    const rows: unknown[][] = defaultSettingsRows();
    const at = rows.findIndex((r) => r[0] === 'МРОТ 2026, руб.');
    rows.splice(
      at + 1,
      0,
      ['МРОТ 20271, руб.', 1],
      ['Региональный МРОТ 2028, руб.', 1],
      ['МРОТ 2029, руб. (старый)', 1],
    );
    expect(Object.keys(parseSettings(rows).mrotByYear)).toEqual(['2025', '2026']);
  });
});

/** A tab of only a KPI block of `rows`. */
const kpiTab = (...rows: unknown[][]) => [['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'], ...rows];
function kpiRefusal(...rows: unknown[][]): string {
  try {
    parseSettings(kpiTab(...rows));
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('the KPI block', () => {
  it('reads each measure by its label in any case, a target with %, a percent and a mode, threshold by default', () => {
    expect(
      parseSettings(
        kpiTab(
          ['Новые', 'новые клиенты', 3, 5, ''],
          ['Качество', 'КАЧЕСТВО ОБСЛУЖИВАНИЯ', '90 %', '2,5 %', 'Порог'],
          ['Конверсия', 'Конверсия воронки', 0.3, 0.05, 'пропорционально'],
          ['Продажи', 'Рост продаж', 1.1, 5, 'ПРОПОРЦИОНАЛЬНО'],
          ['Маржа', 'Рост маржи', 1, 5, 'порог'],
          ['Звонки', 'Вручную', 100, 10, ''],
        ),
      ).kpis,
    ).toEqual([
      { name: 'Новые', measure: 'newClients', defaultTarget: 3, percent: 0.05, mode: 'threshold' },
      { name: 'Качество', measure: 'quality', defaultTarget: 0.9, percent: 0.025, mode: 'threshold' },
      { name: 'Конверсия', measure: 'conversion', defaultTarget: 0.3, percent: 0.05, mode: 'proportional' },
      { name: 'Продажи', measure: 'salesGrowth', defaultTarget: 1.1, percent: 0.05, mode: 'proportional' },
      { name: 'Маржа', measure: 'marginGrowth', defaultTarget: 1, percent: 0.05, mode: 'threshold' },
      { name: 'Звонки', measure: 'manual', defaultTarget: 100, percent: 0.1, mode: 'threshold' },
    ]);
  });

  it('an empty block means no KPI; a missing block keeps the examples', () => {
    expect(parseSettings(kpiTab()).kpis).toEqual([]);
    expect(parseSettings([['Параметр', 'Значение', 'Пояснение']]).kpis).toHaveLength(5);
  });

  it('names the row of a KPI without a name, target, percent, known measure or mode', () => {
    expect(kpiRefusal(['', 'Вручную', 1, 5])).toBe('Настройки, строка 2 («»): не указано название KPI');
    expect(kpiRefusal(['Звонки', 'Вручную', 1, 5], ['Встречи', 'Вручную', '', 5])).toBe(
      'Настройки, строка 3 («Встречи»): не указана цель по умолчанию',
    );
    expect(kpiRefusal(['Звонки', 'Вручную', 1, ' '])).toBe('Настройки, строка 2 («Звонки»): не указан % оклада');
    expect(kpiRefusal(['Звонки', 'Звонки', 1, 5])).toBe(
      'Настройки, строка 2 («Звонки»): показатель должен быть одним из: Новые клиенты, Качество обслуживания, ' +
        'Конверсия воронки, Рост продаж, Рост маржи, Вручную',
    );
    expect(kpiRefusal(['Звонки', 'Вручную', 1, 5, 'иногда'])).toBe(
      'Настройки, строка 2 («Звонки»): режим должен быть «порог» или «пропорционально»',
    );
    expect(kpiRefusal(['Звонки', 'Вручную', -1, 5])).toBe(
      'Настройки, строка 2 («Звонки»): значение не может быть отрицательным',
    );
    expect(kpiRefusal(['Звонки', 'Вручную', 1, 150])).toBe(
      'Настройки, строка 2 («Звонки»): процент должен быть не больше 100',
    );
  });

  it('refuses a KPI named twice', () => {
    expect(kpiRefusal(['Звонки', 'Вручную', 1, 5], ['Звонки', 'Новые клиенты', 2, 5])).toBe(
      'Настройки: KPI «Звонки» указан дважды',
    );
  });
});

/** A tab of only a calendar block of `rows`. */
const calendarTab = (...rows: unknown[][]) => [['Дата', 'Тип дня'], ...rows];
function calendarRefusal(...rows: unknown[][]): string {
  try {
    parseSettings(calendarTab(...rows));
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('the calendar block', () => {
  it('reads a date cell, ДД.ММ.ГГГГ and ГГГГ-ММ-ДД, the type in any case', () => {
    expect(
      parseSettings(
        calendarTab(
          [new Date(2026, 2, 17), 'выходной'],
          ['1.5.2027', 'ВЫХОДНОЙ'],
          ['2026-3-28', 'рабочий'],
          [' 07.11.2026 ', 'Рабочий'],
        ),
      ).calendar,
    ).toEqual({ holidays: ['2026-03-17', '2027-05-01'], workingDays: ['2026-03-28', '2026-11-07'] });
  });

  it('names the row of something not a date, a day that does not exist and an unknown type', () => {
    expect(calendarRefusal(['завтра', 'Выходной'])).toBe(
      'Настройки, строка 2 («завтра»): «завтра» — не дата (нужно ДД.ММ.ГГГГ)',
    );
    expect(calendarRefusal(['17.03.26', 'Выходной'])).toBe(
      'Настройки, строка 2 («17.03.26»): «17.03.26» — не дата (нужно ДД.ММ.ГГГГ)',
    );
    expect(calendarRefusal(['x2026-03-17', 'Выходной'])).toMatch(/не дата/);
    expect(calendarRefusal(['2026-03-17x', 'Выходной'])).toMatch(/не дата/);
    expect(calendarRefusal(['x17.03.2026', 'Выходной'])).toMatch(/не дата/);
    expect(calendarRefusal(['17.03.2026x', 'Выходной'])).toMatch(/не дата/);
    expect(calendarRefusal([new Date(NaN), 'Выходной'])).toMatch(/не дата/);
    expect(calendarRefusal(['31.04.2026', 'Выходной'])).toBe('Настройки, строка 2 («31.04.2026»): такой даты нет');
    expect(calendarRefusal(['2026-13-01', 'Выходной'])).toBe('Настройки, строка 2 («2026-13-01»): такой даты нет');
    expect(calendarRefusal(['2026-02-29', 'Выходной'])).toBe('Настройки, строка 2 («2026-02-29»): такой даты нет');
    expect(calendarRefusal(['00.03.2026', 'Выходной'])).toBe('Настройки, строка 2 («00.03.2026»): такой даты нет');
    expect(calendarRefusal(['32.12.2026', 'Выходной'])).toBe('Настройки, строка 2 («32.12.2026»): такой даты нет');
    expect(calendarRefusal(['01.00.2026', 'Выходной'])).toBe('Настройки, строка 2 («01.00.2026»): такой даты нет');
    // a two-digit year would be taken for 19ГГ
    expect(calendarRefusal(['0099-03-17', 'Выходной'])).toBe('Настройки, строка 2 («0099-03-17»): такой даты нет');
    expect(calendarRefusal(['17.03.2026', 'Праздник'])).toBe(
      'Настройки, строка 2 («17.03.2026»): тип дня должен быть «Выходной» или «Рабочий»',
    );
  });
});

describe('finding the blocks', () => {
  it('finds headers in any case; a block ends at a blank row or at the next header', () => {
    const s = parseSettings([
      ['параметр', 'ЗНАЧЕНИЕ', 'Пояснение'],
      ['Считать НДФЛ', 'Нет'],
      ['Дата', 'Тип дня'],
      ['17.03.2026', 'Выходной'],
      ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'],
      ['Звонки', 'Вручную', 1, 5],
      [null, '', ' '],
      ['Встречи', 'Вручную', 1, 5],
    ]);
    expect(s.ndflEnabled).toBe(false);
    expect(s.calendar.holidays).toEqual(['2026-03-17']);
    expect(s.kpis.map((k) => k.name)).toEqual(['Звонки']);
  });

  it('an empty tab or one of other content is the defaults', () => {
    expect(parseSettings([])).toEqual(defaultSettings());
    expect(
      parseSettings([
        ['Параметр', 'Значение'],
        ['Считать НДФЛ', 'Нет'],
      ]),
    ).toEqual(defaultSettings());
  });

  it('gives the row of a parameter (any case), or 0 when the tab has none', () => {
    const rows = defaultSettingsRows();
    expect(settingsParamRow(rows, 'ID таблицы ведомости')).toBe(33);
    expect(settingsParamRow(rows, 'организация')).toBe(2);
    expect(settingsParamRow(rows, 'Новые клиенты')).toBe(0);
    expect(settingsParamRow([['Дата', 'Тип дня']], 'Организация')).toBe(0);
    expect(settingsParamRow([['Организация', 'ООО «Север»']], 'Организация')).toBe(0);
  });

  it('lists the parameters an older tab lacks, with defaults, to go after its last parameter row', () => {
    const rows: unknown[][] = [
      ['Заголовок'],
      ['Параметр', 'Значение', 'Пояснение'],
      ...FRESH_PARAMS.filter(([name]) => name !== 'НДС, %' && name !== 'Считать НДФЛ').map(([name, value]) => [
        name.toUpperCase(),
        value,
      ]),
      [],
      ['KPI', 'Показатель', 'Цель по умолчанию', '% оклада', 'Режим'],
    ];
    expect(missingParamRows(rows)).toEqual({
      after: 2 + FRESH_PARAMS.length - 2,
      rows: [
        ['Считать НДФЛ', 'Да', '«Да» — удерживать НДФЛ по прогрессивной шкале нарастающим итогом с начала года'],
        ['НДС, %', 22, 'Ставка НДС в КП и договорах (с 2026 года — 22 %); 0 — без НДС (упрощённая система)'],
      ],
    });
    // an empty block: they go right under its header
    expect(missingParamRows([['Параметр', 'Значение', 'Пояснение']])).toEqual({
      after: 1,
      rows: FRESH_PARAMS.map(([name, value, hint]) => [name, value, hint]),
    });
    expect(missingParamRows([['Дата', 'Тип дня']])).toEqual({ after: 0, rows: [] });
  });
});

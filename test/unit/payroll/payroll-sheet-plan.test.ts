/**
 * The «Зарплата ММ.ГГГГ» tab as the director sees it: every formula of the plan evaluated by the
 * local formula engine (HyperFormula) over the add-on's custom functions, each cell equal to the
 * value the payroll engine computed for it and to the amount worked out by hand in the comments.
 * March 2026: norm 21 days, МРОТ 27 093, II категория 12 000, I категория 20 000, probation
 * 1 000 a day, plan rates 3 / 4 / 5 %, one KPI «Новые клиенты» (target 1, 5 % of «по окладу»).
 */
import type { CellModel } from '../../../local/runtime/model';
import { computeMonthPayroll, type MonthPayroll, type MonthPayrollInput } from '../../../src/domain/payroll/month';
import type { StaffRecord } from '../../../src/domain/payroll/inputs';
import { defaultSettings, type Settings } from '../../../src/domain/settings';
import {
  buildPayrollSheetPlan,
  ERROR_BACKGROUND,
  HEADER_BACKGROUND,
  HELPER_COLUMN_WIDTH,
  HELPER_HEADERS,
  MONEY_FORMAT,
  PAYROLL_HEADERS,
  PERCENT_FORMAT,
  SIGNATURE_ROW_HEIGHT,
  type SheetPlan,
  valuesWithFormulaNotes,
} from '../../../src/server/payroll/payroll-sheet-plan';
import { evaluatePlan } from './fixtures/evaluate-plan';
import { d, deal, person, plan, rub, timesheet } from './fixtures/month-fixture';

const NEW_CLIENTS = {
  name: 'Новые клиенты',
  measure: 'newClients',
  defaultTarget: 1,
  percent: 0.05,
  mode: 'threshold',
};
const SETTINGS: Settings = { ...defaultSettings(), kpis: [{ ...NEW_CLIENTS } as Settings['kpis'][number]] };

const STAFF: StaffRecord[] = [
  person('1', { name: 'Орлова Анна', category: 'I категория' }),
  person('2', { name: 'Белов Иван', monthlyDeduction: rub(1_400) }),
  person('3', { name: 'Зайцев Пётр', category: 'Испытательный срок', hireDate: d('2026-02-02'), probationMonths: 3 }),
  person('4', { name: 'Сидорова Мария', category: 'Без категории' }),
  // probation to 15 March, then II категория
  person('5', { name: 'Кузнецов Олег', hireDate: d('2025-12-16'), probationMonths: 3 }),
];

function march(settings: Settings = SETTINGS, staff: StaffRecord[] = STAFF): MonthPayrollInput {
  return {
    month: { year: 2026, month: 3 },
    staff,
    timesheet: [
      timesheet('2026-03', '1', 21, 10_000),
      timesheet('2026-03', '2', 15, 5_000),
      { ...timesheet('2026-03', '3', 10), holidayDays: 1 },
      timesheet('2026-03', '4', 21),
      timesheet('2026-03', '5', 21),
    ].filter((t) => staff.some((s) => s.tabNo === t.tabNo)),
    plans: [
      plan('2026-03', '1', 100_000),
      plan('2026-03', '2', 200_000),
      plan('2026-03', '4', 100_000),
      plan('2026-03', '5', 100_000),
    ],
    deals: [
      deal('s1@example.ru', 'К-1', '2026-03-10', 120_000, 70_000),
      deal('s2@example.ru', 'К-2', '2026-03-12', 200_000, 100_000),
    ],
    claims: [],
    settings,
    yearToDate: {},
  };
}

interface Tab {
  payroll: MonthPayroll;
  plan: SheetPlan;
  layout: ReturnType<typeof buildPayrollSheetPlan>['layout'];
  cells: Array<Array<CellModel | undefined> | undefined>;
  /** the value a cell shows (1-based row, a header of row 4 or a column number) */
  shown: (row: number, col: string | number) => unknown;
  /** the text written into a cell */
  written: (row: number, col: string | number) => unknown;
  colOf: (header: string) => number;
}

function tabOf(input: MonthPayrollInput, today = d('2026-04-01'), settings = input.settings): Tab {
  const payroll = computeMonthPayroll(input);
  const { plan: tabPlan, layout } = buildPayrollSheetPlan({ payroll, settings, staff: input.staff, today });
  const cells = evaluatePlan(tabPlan.values);
  const header = tabPlan.values[layout.headerRow - 1].map((h) => String(h));
  const colOf = (h: string) => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`no column ${h}`);
    return i + 1;
  };
  const c = (col: string | number) => (typeof col === 'number' ? col : colOf(col));
  return {
    payroll,
    plan: tabPlan,
    layout,
    cells,
    colOf,
    shown: (row, col) => {
      const cell = cells[row - 1]?.[c(col) - 1];
      if (cell?.error) throw new Error(`${header[c(col) - 1]} ${row}: ${cell.error}`);
      return cell?.value ?? '';
    },
    written: (row, col) => tabPlan.values[row - 1][c(col) - 1],
  };
}

/** Every formula and every cell an array formula fills shows the engine's value for it, to the kopeck. */
function expectFormulasEqualEngine(tab: Tab): number {
  let checked = 0;
  const computed = tab.plan.computedValues!;
  tab.plan.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const expected = computed[r][c];
      if (expected === null) return;
      const cell = tab.cells[r]?.[c];
      const where = `${PAYROLL_HEADERS[c] ?? c + 1} ${r + 1} (${String(value)})`;
      expect([where, cell?.error ?? '']).toEqual([where, '']);
      const shown = cell?.value ?? '';
      if (typeof expected === 'number' && typeof shown === 'number') {
        expect([where, Math.round(shown * 100)]).toEqual([where, Math.round(expected * 100)]);
      } else {
        expect([where, shown]).toEqual([where, expected]);
      }
      checked++;
    }),
  );
  return checked;
}

// every amount column of an employee's row: after «№ п/п», «Таб. №» and «ФИО», before «Подпись»
const LINE = PAYROLL_HEADERS.slice(3, -1);
const lineOf = (tab: Tab, row: number) => LINE.map((h) => tab.shown(row, h)).map((v) => roundNumber(v));
const roundNumber = (v: unknown) => (typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v);

describe('the payroll tab’s formulas', () => {
  // built in each test, so a mutation run sees which tests read which code
  let tab: Tab;
  beforeEach(() => {
    tab = tabOf(march());
  });

  it('show, for every computed cell, the amount the payroll engine computed', () => {
    expect(expectFormulasEqualEngine(tab)).toBeGreaterThan(4 * 25);
  });

  it('show each employee’s line as worked out by hand, the rows that could not be computed last', () => {
    // Орлова, I: 20 000; plan 100 000, sales 120 000 → 120 %, 5 % = 6 000; one new client → 5 % × 20 000
    // = 1 000; 27 000 < МРОТ 27 093 → 93. НДФЛ: аванс 10 000 → 1 300; 13 % × 27 093 = 3 522 − 1 300 = 2 222.
    // Paid: 10 000 − 1 300 = 8 700; 27 093 − 1 300 − 2 222 − 8 700 = 14 871.
    expect(lineOf(tab, 6)).toEqual([
      'I категория',
      20000,
      21,
      21,
      20000,
      100000,
      120000,
      1.2,
      0.05,
      6000,
      1000,
      93,
      0,
      27093,
      1300,
      2222,
      8700,
      14871,
    ]);
    // Белов, II, 15 of 21 days: 12 000 × 15 / 21 = 8 571,43; 200 000 of 200 000 → 4 % = 8 000; KPI
    // 5 % × 8 571,43 = 428,57; 17 000 < 27 093 × 15 / 21 = 19 352,14 → 2 352,14. НДФЛ with the 1 400
    // deduction at the аванс: (5 000 − 1 400) × 13 % = 468; 13 % × 17 952,14 = 2 334 − 468 = 1 866.
    expect(lineOf(tab, 7)).toEqual([
      'II категория',
      12000,
      21,
      15,
      8571.43,
      200000,
      200000,
      1,
      0.04,
      8000,
      428.57,
      2352.14,
      0,
      19352.14,
      468,
      1866,
      4532,
      12486.14,
    ]);
    // Зайцев, probation all month, 10 days at 1 000 = 10 000, no plan and no rate; one weekend day
    // 1 000 × 2 = 2 000 outside МРОТ; 27 093 × 10 / 21 = 12 901,43 → 2 901,43; 13 % × 14 901,43 = 1 937.
    expect(lineOf(tab, 8)).toEqual([
      'Испытательный срок',
      1000,
      21,
      10,
      10000,
      '',
      0,
      '',
      '',
      0,
      0,
      2901.43,
      2000,
      14901.43,
      0,
      1937,
      0,
      12964.43,
    ]);
    // Кузнецов, probation to 15 March (9 working days) at 1 000 = 9 000, then 12 000 × 12 / 21 = 6 857,14;
    // no sales → 0 %, 3 % of 0; 15 857,14 → МРОТ 11 235,86; 13 % × 27 093 = 3 522.
    expect(lineOf(tab, 9)).toEqual([
      'II категория (испытательный срок до 15.03.2026)',
      12000,
      21,
      21,
      15857.14,
      100000,
      0,
      0,
      0.03,
      0,
      0,
      11235.86,
      0,
      27093,
      0,
      3522,
      0,
      23571,
    ]);
    expect([tab.shown(9, HELPER_HEADERS.byRate), tab.shown(9, HELPER_HEADERS.bySalary)]).toEqual([9000, 6857.14]);
    expect([tab.shown(9, HELPER_HEADERS.probationDays), tab.shown(9, HELPER_HEADERS.salaryDays)]).toEqual([9, 12]);
    // Сидорова, «Без категории» with no оклад in «Настройки»: last, with the reason and her category
    expect([1, 2, 3, 4, 8].map((c) => tab.shown(10, c))).toEqual([
      5,
      '4',
      'Сидорова Мария',
      'Без категории',
      'Не рассчитано: Не задан оклад для категории «Без категории»: укажите «Оклад без категории, руб.» на листе «Настройки»',
    ]);
    expect(tab.plan.backgrounds[9].slice(0, 22)).toEqual(Array(22).fill(ERROR_BACKGROUND));
    expect(tab.plan.backgrounds[8].slice(0, 22)).toEqual(Array(22).fill(null));
    expect([6, 7, 8, 9, 10].map((r) => [tab.shown(r, 1), tab.shown(r, 2), tab.shown(r, 3)])).toEqual([
      [1, '1', 'Орлова Анна'],
      [2, '2', 'Белов Иван'],
      [3, '3', 'Зайцев Пётр'],
      [4, '5', 'Кузнецов Олег'],
      [5, '4', 'Сидорова Мария'],
    ]);
  });

  it('say why a row earns no plan bonus, and give the аванс’s base and deduction', () => {
    expect(tab.shown(8, HELPER_HEADERS.noBonusReason)).toBe(
      'на испытательном сроке премия за план не начисляется (п. 6.1 должностной инструкции)',
    );
    expect([6, 7].map((r) => tab.shown(r, HELPER_HEADERS.noBonusReason))).toEqual(['', '']);
    // Белов: аванс 5 000 less its 1 400 deduction is the base before the final payment
    expect(
      [
        HELPER_HEADERS.advance,
        HELPER_HEADERS.advanceDeduction,
        HELPER_HEADERS.finalBaseBefore,
        HELPER_HEADERS.finalTaxBefore,
        HELPER_HEADERS.finalIncome,
        HELPER_HEADERS.accruedBeforeTopup,
      ].map((h) => roundNumber(tab.shown(7, h))),
    ).toEqual([5000, 1400, 3600, 468, 14352.14, 17000]);
    expect([tab.shown(6, 'Факт: Новые клиенты'), tab.shown(6, 'Цель: Новые клиенты')]).toEqual([1, 1]);
    expect([tab.shown(9, 'Факт: Новые клиенты'), tab.shown(9, 'Цель: Новые клиенты')]).toEqual([0, 1]);
    expect(tab.shown(8, HELPER_HEADERS.holidayDays)).toBe(1);
    expect([tab.shown(8, HELPER_HEADERS.probationCategory), tab.shown(8, HELPER_HEADERS.salaryCategory)]).toEqual([
      'Испытательный срок',
      'Испытательный срок',
    ]);
    expect(tab.shown(9, HELPER_HEADERS.salaryCategory)).toBe('II категория');
    // no payment dates in the timesheet: the dates stay blank, and the month's payments fall in its year
    expect([tab.shown(6, HELPER_HEADERS.advanceDate), tab.shown(6, HELPER_HEADERS.paymentDate)]).toEqual(['', '']);
    expect(tab.shown(6, HELPER_HEADERS.estimated)).toBe('');
  });

  it('sum the computed rows only, and write the total to pay in words', () => {
    // 14 871 + 12 486,14 + 12 964,43 + 23 571 = 63 892,57
    expect(tab.written(11, 'К выплате')).toBe('=SUM(U6:U9)');
    expect(tab.written(11, 'Начислено по окладу / по ставке')).toBe('=SUM(H6:H9)');
    expect(tab.shown(11, 3)).toBe('Итого');
    expect(
      [
        'Начислено по окладу / по ставке',
        'Продажи',
        'Премия за план',
        'Премия KPI',
        'Доплата до МРОТ',
        'Работа в выходные и праздники',
        'Всего начислено',
        'НДФЛ с аванса',
        'НДФЛ при окончательном расчёте',
        'Аванс выплачен',
        'К выплате',
      ].map((h) => roundNumber(tab.shown(11, h))),
    ).toEqual([54428.57, 320000, 14000, 1428.57, 16582.43, 2000, 88439.57, 1768, 9547, 13232, 63892.57]);
    expect(tab.written(11, 'План')).toBe('');
    expect(tab.written(13, 1)).toBe('Итого к выплате прописью:');
    expect(tab.written(13, 'Категория')).toBe('=AMOUNT_IN_WORDS(U11)');
    expect(tab.shown(13, 'Категория')).toBe('Шестьдесят три тысячи восемьсот девяносто два рубля 57 копеек');
  });

  it('head the tab with the organisation, the month and the period, and sign it below', () => {
    expect([1, 2, 3].map((r) => tab.written(r, 1))).toEqual([
      'ООО «Проект-А»',
      'Расчётно-платёжная ведомость за март 2026 г.',
      'Период: с 01.03.2026 по 31.03.2026. Составлена 01.04.2026',
    ]);
    expect(tab.plan.values[4].slice(0, 22)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(tab.written(15, 1)).toBe('Директор _______________ / Е. А. Сараев /');
    expect(tab.written(17, 1)).toBe('Главный бухгалтер _______________ /                  /');
  });

  it('give the formulas’ parameters from «Настройки» below the signatures', () => {
    const block = [19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30].map((r) => [
      tab.written(r, 1),
      ...[8, 9, 10, 11].map((c) => roundNumber(tab.shown(r, c))),
    ]);
    expect(block).toEqual([
      ['Параметры расчёта (из листа «Настройки»)', 'к ведомости за март 2026 г., ООО «Проект-А»', '', '', ''],
      ['Оклады I, II, без категории; ставка испыт. срока в день, руб.', 20000, 12000, '', 1000],
      ['Ставки премии за план: не выполнен; выполнен; перевыполнен', 0.03, 0.04, 0.05, ''],
      ['Порог перевыполнения плана (доля плана)', 1, '', '', ''],
      ['МРОТ 2026, руб.', 27093, '', '', ''],
      ['Норма рабочих дней, 2026-03', 21, '', '', ''],
      ['Премия за план и KPI без категории (п. 6.2, 6.3: только II и I категории)', 'Нет', '', '', ''],
      ['Работа в выходные и праздники (ТК ст. 153): дневная ставка × ', 2, '', '', ''],
      ['Предел KPI в режиме «пропорционально» (доля факт ÷ цель)', 1.5, '', '', ''],
      ['KPI', 'Новые клиенты', '', '', ''],
      ['KPI: % оклада за выполнение', 0.05, '', '', ''],
      ['KPI: режим', 'порог', '', '', ''],
    ]);
    expect(tab.written(24, 8)).toBe('=WORKING_DAYS("2026-03")');
    expect(tab.plan.values).toHaveLength(30);
  });

  it('formats money, percents and days, and marks the header and totals', () => {
    const fmt = (r: number, h: string) => tab.plan.numberFormats[r - 1][tab.colOf(h) - 1];
    expect(
      ['Оклад / ставка в день', 'План', 'Продажи', 'Премия за план', 'К выплате', '% выполнения', 'Ставка'].map((h) =>
        fmt(6, h),
      ),
    ).toEqual([MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT]);
    expect(['Норма дней', 'Отработано дней', 'ФИО', 'Категория'].map((h) => fmt(7, h))).toEqual(['0', '0', '', '']);
    expect([fmt(11, 'К выплате'), fmt(21, 'Начислено по окладу / по ставке'), fmt(20, 'План')]).toEqual([
      MONEY_FORMAT,
      PERCENT_FORMAT,
      MONEY_FORMAT,
    ]);
    // every row of an array formula's block is formatted, the column numbers above it stay whole numbers
    expect([7, 8, 9].map((r) => [fmt(r, '% выполнения'), fmt(r, 'Премия за план')])).toEqual(
      Array(3).fill([PERCENT_FORMAT, MONEY_FORMAT]),
    );
    expect(tab.plan.numberFormats[4].slice(0, 22)).toEqual(Array(22).fill('0'));
    // the total in words is text, and the plain numbers of a row have no format
    expect([fmt(13, 'Категория'), fmt(6, '№ п/п')]).toEqual(['', '']);
    expect(
      [HELPER_HEADERS.byRate, HELPER_HEADERS.kpiBase, HELPER_HEADERS.salaryDays, 'Факт: Новые клиенты'].map((h) =>
        fmt(6, h),
      ),
    ).toEqual([MONEY_FORMAT, MONEY_FORMAT, '0', '']);
    expect(tab.plan.fontWeights[3].every((w) => w === 'bold')).toBe(true);
    expect(tab.plan.backgrounds[3].every((b) => b === HEADER_BACKGROUND)).toBe(true);
    expect(tab.plan.backgrounds[4].slice(0, 23)).toEqual([...Array(22).fill(HEADER_BACKGROUND), null]);
    expect([0, 1, 2, 5, 10, 12, 18].map((r) => tab.plan.fontWeights[r][0])).toEqual([
      'bold',
      'bold',
      'normal',
      'normal',
      'bold',
      'bold',
      'bold',
    ]);
    expect(tab.plan.fontWeights[18][22]).toBe('normal');
    // the column numbers and a row that could not be computed are shaded, not bold; the bold rows are not shaded
    expect([4, 9].map((r) => tab.plan.fontWeights[r].slice(0, 22))).toEqual(Array(2).fill(Array(22).fill('normal')));
    expect([0, 1, 10, 12, 18].map((r) => tab.plan.backgrounds[r].slice(0, 22))).toEqual(
      Array(5).fill(Array(22).fill(null)),
    );
  });

  it('lays the tab out for print: merges, frozen header, wraps, lines, tall rows, hidden helpers', () => {
    const width = tab.layout.width;
    expect(tab.plan.merges).toEqual([
      { row: 1, col: 1, numRows: 1, numCols: 22 },
      { row: 2, col: 1, numRows: 1, numCols: 22 },
      { row: 3, col: 1, numRows: 1, numCols: 22 },
      { row: 13, col: 4, numRows: 1, numCols: 19 },
    ]);
    expect(tab.plan.frozenRows).toBe(5);
    expect(tab.plan.wraps).toEqual([
      { row: 4, col: 1, numRows: 1, numCols: width },
      { row: 6, col: 3, numRows: 5, numCols: 2 },
      { row: 28, col: 8, numRows: 1, numCols: 1 },
    ]);
    expect(tab.plan.hiddenColumns).toEqual({ start: 23, count: width - 22 });
    expect(tab.plan.borders).toEqual([{ row: 4, col: 1, numRows: 8, numCols: 22 }]);
    expect(tab.plan.rowHeights).toEqual([{ start: 6, count: 5, height: SIGNATURE_ROW_HEIGHT }]);
    expect(tab.plan.alignments).toEqual([
      { row: 4, col: 1, numRows: 2, numCols: 22, horizontal: 'center', vertical: 'middle' },
      { row: 6, col: 1, numRows: 5, numCols: 2, horizontal: 'center' },
      { row: 6, col: 1, numRows: 6, numCols: 22, vertical: 'middle' },
    ]);
    expect(tab.plan.fontSizes).toEqual([{ row: 2, col: 1, numRows: 1, numCols: 22, size: 12 }]);
    expect(tab.plan.columnWidths.at(-1)).toEqual({ start: 24, count: width - 23, width: HELPER_COLUMN_WIDTH });
  });
});

describe('the payroll tab in other months and settings', () => {
  const noKpi = (extra: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), kpis: [], ...extra });

  it('one employee paid the rest in January: single cells, and the final payment starts the next tax year', () => {
    // I категория: 20 000 + 5 % × 250 000 = 32 500; аванс 10 000 paid 15.12.2026, the rest 12.01.2027.
    // 2026 before: income 2 390 000, НДФЛ 310 700. Аванс: tax(2 400 000) = 312 000 − 310 700 = 1 300.
    // The rest, 22 500, is 2027 income: 13 % = 2 925. Paid: 8 700, then 32 500 − 1 300 − 2 925 − 8 700 = 19 575.
    const a = person('1', { category: 'I категория' });
    const input: MonthPayrollInput = {
      ...march(noKpi(), [a]),
      month: { year: 2026, month: 12 },
      timesheet: [
        { ...timesheet('2026-12', '1', 22, 10_000), advanceDate: d('2026-12-15'), paymentDate: d('2027-01-12') },
      ],
      plans: [plan('2026-12', '1', 200_000)],
      deals: [deal(a.email, 'К-1', '2026-12-03', 250_000, 100_000)],
      yearToDate: { '1': { income: rub(2_390_000), deductions: 0, tax: rub(310_700) } },
    };
    const tab = tabOf(input, d('2026-12-20'));
    expectFormulasEqualEngine(tab);
    expect(lineOf(tab, 6)).toEqual([
      'I категория',
      20000,
      22,
      22,
      20000,
      200000,
      250000,
      1.25,
      0.05,
      12500,
      0,
      0,
      0,
      32500,
      1300,
      2925,
      8700,
      19575,
    ]);
    // one row: each formula reads its own cells; no KPI, so «Премия KPI» is a plain 0
    expect(tab.written(6, 'Премия за план')).toBe('=PLAN_BONUS(J6,AE6,$H$17:$J$17,$H$18,AF6)');
    expect(tab.written(6, 'Премия KPI')).toBe(0);
    expect([tab.written(7, 'К выплате'), tab.shown(7, 'К выплате')]).toEqual(['=SUM(U6)', 19575]);
    expect(tab.written(6, 'НДФЛ с аванса')).toBe('=NDFL(AJ6,AL6,AN6,AP6)');
    expect(tab.written(6, 'НДФЛ при окончательном расчёте')).toBe('=NDFL(AK6,AM6,AO6,AQ6)');
    expect(tab.written(6, HELPER_HEADERS.advanceDue)).toBe('=NDFL(AJ6:AK6,AL6:AM6,AN6:AO6,AP6:AQ6,1)');
    expect(tab.written(6, HELPER_HEADERS.byRate)).toBe('=BASE_PAY(X6:Y6,Z6:AA6,$H$20,$H$16:$K$16)');
    // the next year's count starts at zero, as values; what a payment could not withhold is both payments’
    expect([tab.written(6, HELPER_HEADERS.finalBaseBefore), tab.written(6, HELPER_HEADERS.finalTaxBefore)]).toEqual([
      0, 0,
    ]);
    expect([tab.shown(6, HELPER_HEADERS.advanceBaseBefore), tab.shown(6, HELPER_HEADERS.advanceTaxBefore)]).toEqual([
      2390000, 310700,
    ]);
    expect(tab.written(6, HELPER_HEADERS.unwithheld)).toBe('=AS6-S6+AR6-R6');
    expect([tab.shown(6, HELPER_HEADERS.advanceDate), tab.shown(6, HELPER_HEADERS.paymentDate)]).toEqual([
      '15.12.2026',
      '12.01.2027',
    ]);
    expect(tab.written(3, 1)).toBe('Период: с 01.12.2026 по 31.12.2026. Составлена 20.12.2026');
    expect(tab.written(2, 1)).toBe('Расчётно-платёжная ведомость за декабрь 2026 г.');
    // no KPI: the parameters block ends at the KPI cap, and only the header row wraps besides the names
    expect(tab.plan.values).toHaveLength(23);
    expect(tab.plan.wraps).toEqual([
      { row: 4, col: 1, numRows: 1, numCols: tab.layout.width },
      { row: 6, col: 3, numRows: 1, numCols: 2 },
    ]);
    expect(tab.written(6, 'Норма дней')).toBe('=$H$20');
  });

  it('with НДФЛ off, the tax cells are plain zeros and К выплате is the accrued less the аванс', () => {
    const tab = tabOf(march(noKpi({ ndflEnabled: false }), STAFF.slice(0, 2)));
    expectFormulasEqualEngine(tab);
    expect(['НДФЛ с аванса', 'НДФЛ при окончательном расчёте'].map((h) => tab.written(6, h))).toEqual([0, 0]);
    expect(
      [
        HELPER_HEADERS.advanceDue,
        HELPER_HEADERS.finalDue,
        HELPER_HEADERS.finalBaseBefore,
        HELPER_HEADERS.finalTaxBefore,
      ].map((h) => tab.written(7, h)),
    ).toEqual([0, 0, 0, 0]);
    // Орлова without KPI: 20 000 + 6 000 = 26 000 → МРОТ 1 093; 27 093 − 10 000 = 17 093 to pay
    expect(['Всего начислено', 'Аванс выплачен', 'К выплате'].map((h) => tab.shown(6, h))).toEqual([
      27093, 10000, 17093,
    ]);
    // Белов: 8 571,43 + 8 000 = 16 571,43 → 19 352,14; − 5 000 = 14 352,14
    expect(['Всего начислено', 'К выплате'].map((h) => tab.shown(7, h))).toEqual([19352.14, 14352.14]);
    expect(tab.shown(8, 'К выплате')).toBe(31445.14);
  });

  it('two KPI: each its own name, percent and mode in the parameters, and its own fact and target beside the row', () => {
    const calls = { name: 'Звонки', measure: 'manual', defaultTarget: 40, percent: 0.1, mode: 'proportional' };
    const settings: Settings = { ...defaultSettings(), kpis: [NEW_CLIENTS, calls] as Settings['kpis'] };
    const input = march(settings, STAFF.slice(0, 2));
    input.plans = [
      plan('2026-03', '1', 100_000, { kpiFacts: { Звонки: 30 }, kpiTargets: { Звонки: 50 } }),
      plan('2026-03', '2', 200_000),
    ];
    const tab = tabOf(input);
    expectFormulasEqualEngine(tab);
    const kpiRow = tab.plan.values.findIndex((line) => line[0] === 'KPI') + 1;
    expect([kpiRow, kpiRow + 1, kpiRow + 2].map((r) => [8, 9, 10].map((c) => tab.shown(r, c)))).toEqual([
      ['Новые клиенты', 'Звонки', ''],
      [0.05, 0.1, ''],
      ['порог', 'пропорционально', ''],
    ]);
    const kpiCells = (r: number) =>
      ['Факт: Новые клиенты', 'Факт: Звонки', 'Цель: Новые клиенты', 'Цель: Звонки'].map((h) => tab.shown(r, h));
    // Орлова: one new client of 1, 30 calls of 50; Белов: no manual fact, the default target of 40
    expect([kpiCells(6), kpiCells(7)]).toEqual([
      [1, 30, 1, 50],
      [1, '', 1, 40],
    ]);
    // Орлова's KPI: 5 % × 20 000 for the new client, 10 % × 20 000 × 30/50 for the calls
    expect(tab.shown(6, 'Премия KPI')).toBe(1000 + 1200);
  });

  it('a first row without a plan still leaves the plan columns to one formula over the block', () => {
    // Зайцев on probation has no plan; Орлова under him sold 120 000 of 100 000
    const tab = tabOf(march(SETTINGS, [STAFF[2], STAFF[0]]));
    expectFormulasEqualEngine(tab);
    expect(String(tab.written(6, '% выполнения'))).toMatch(/^=PLAN_FULFILMENT\(/);
    expect([tab.shown(6, '% выполнения'), tab.shown(7, '% выполнения')]).toEqual(['', 1.2]);
  });

  it('months computed but not closed before this one: their deductions leave the base, and the row names them', () => {
    // Белов, January and February estimated: 20 000 each, 1 400 deducted each, 2 418 of НДФЛ each
    const month = (key: string) => ({
      month: key,
      tabNo: '2',
      income: rub(20_000),
      advance: rub(5_000),
      advanceDate: null,
      paymentDate: null,
      deductions: rub(1_400),
      advanceTax: rub(468),
      tax: rub(2_418),
      estimated: true,
    });
    const tab = tabOf({ ...march(SETTINGS, [STAFF[1]]), history: [month('2026-02'), month('2026-01')] });
    expectFormulasEqualEngine(tab);
    expect(tab.shown(6, HELPER_HEADERS.estimated)).toBe('2026-01, 2026-02');
    // 40 000 less the 2 800 deducted
    expect([tab.shown(6, HELPER_HEADERS.advanceBaseBefore), tab.shown(6, HELPER_HEADERS.advanceTaxBefore)]).toEqual([
      37200, 4836,
    ]);
  });

  it('an аванс that cannot carry its tax in the year’s own payments: what is not withheld is the final payment’s shortfall only', () => {
    // Орлова with 1 000 000 earned before and no tax withheld: the аванс of 1 000 gives at most half of itself
    const input: MonthPayrollInput = {
      ...march(noKpi(), STAFF.slice(0, 1)),
      timesheet: [timesheet('2026-03', '1', 21, 1_000)],
      yearToDate: { '1': { income: rub(1_000_000), deductions: 0, tax: 0 } },
    };
    const tab = tabOf(input);
    expectFormulasEqualEngine(tab);
    expect(tab.shown(6, 'НДФЛ с аванса')).toBe(500);
    expect(String(tab.written(6, HELPER_HEADERS.unwithheld))).not.toMatch(/\+/);
  });

  it('a month with a day moved in «Настройки» gives its norm as a number, not WORKING_DAYS', () => {
    const settings = noKpi({ calendar: { holidays: ['2026-03-10'], workingDays: [] } });
    const tab = tabOf({ ...march(settings, STAFF.slice(0, 1)), timesheet: [timesheet('2026-03', '1', 20, 10_000)] });
    expect(tab.written(20, 8)).toBe(20);
    expect(tab.written(20, 1)).toBe('Норма рабочих дней, 2026-03');
    // 20 of 20 days: the whole оклад
    expect(tab.shown(6, 'Начислено по окладу / по ставке')).toBe(20000);
    expectFormulasEqualEngine(tab);
    // a day moved in another month leaves March to the built-in calendar
    const other = tabOf(march(noKpi({ calendar: { holidays: ['2026-04-10'], workingDays: [] } }), STAFF.slice(0, 1)));
    expect(other.written(20, 8)).toBe('=WORKING_DAYS("2026-03")');
  });

  it('«Без категории» with an оклад and no bonuses: the KPI base is 0, the plan bonus too, and the setting says «Нет»', () => {
    const settings: Settings = { ...SETTINGS, salaries: { ...SETTINGS.salaries, none: rub(15_000) } };
    const tab = tabOf(march(settings, [STAFF[3]]));
    expectFormulasEqualEngine(tab);
    // 15 000 < 27 093 → 12 093; 13 % × 27 093 = 3 522
    expect(lineOf(tab, 6).slice(0, 5)).toEqual(['Без категории', 15000, 21, 21, 15000]);
    expect(['Премия за план', 'Премия KPI', 'Доплата до МРОТ', 'К выплате'].map((h) => tab.shown(6, h))).toEqual([
      0, 0, 12093, 23571,
    ]);
    expect(tab.written(6, HELPER_HEADERS.kpiBase)).toBe(0);
    expect(tab.written(6, HELPER_HEADERS.bonusPlan)).toBe('');
    expect(tab.shown(16, 10)).toBe(15000);
    // with the setting on, it earns both, and the parameters block says «Да»
    const paid = tabOf(march({ ...settings, noCategoryBonuses: true }, [STAFF[3]]));
    expectFormulasEqualEngine(paid);
    expect(paid.written(6, HELPER_HEADERS.kpiBase)).toBe('=AC6');
    expect(paid.written(21, 8)).toBe('Да');
  });

  it('a month nobody was computed for: no tall rows, no data wraps, totals of 0', () => {
    const tab = tabOf(march(noKpi(), []));
    expect(tab.layout.firstDataRow).toBe(6);
    expect(tab.written(6, 3)).toBe('Итого');
    expect(tab.written(6, 'К выплате')).toBe('=0');
    expect(tab.shown(8, 'Категория')).toBe('Ноль рублей 00 копеек');
    expect(tab.plan.rowHeights).toEqual([]);
    expect(tab.plan.wraps).toEqual([{ row: 4, col: 1, numRows: 1, numCols: tab.layout.width }]);
    expect(tab.plan.alignments?.slice(1)).toEqual([
      { row: 6, col: 1, numRows: 1, numCols: 2, horizontal: 'center' },
      { row: 6, col: 1, numRows: 2, numCols: 22, vertical: 'middle' },
    ]);
    expect(tab.plan.borders).toEqual([{ row: 4, col: 1, numRows: 3, numCols: 22 }]);
  });

  it('finds the category of a row that could not be computed by its «Таб. №» without the spaces around it', () => {
    const padded = { ...STAFF[3], tabNo: ' 4 ' };
    const input = { ...march(SETTINGS, [padded]), timesheet: [timesheet('2026-03', '4', 21)] };
    const tab = tabOf(input);
    expect([1, 2, 3, 4].map((c) => tab.written(6, c))).toEqual([1, "' 4 ", 'Сидорова Мария', 'Без категории']);
    // a row of someone the staff list given does not have: no category
    const { plan: unlisted } = buildPayrollSheetPlan({
      payroll: computeMonthPayroll(input),
      settings: SETTINGS,
      staff: [],
      today: d('2026-04-01'),
    });
    expect(unlisted.values[5].slice(0, 4)).toEqual([1, "' 4 ", 'Сидорова Мария', '']);
  });

  it('a МРОТ and a holiday multiplier of «Настройки» other than the defaults: the formulas read them from the parameters', () => {
    const tab = tabOf(
      march(noKpi({ mrotByYear: { 2026: rub(30_000) }, holidayPayMultiplier: 3 }), [STAFF[0], STAFF[2]]),
    );
    expectFormulasEqualEngine(tab);
    // Орлова: 20 000 + 6 000 = 26 000 < 30 000 → 4 000. Зайцев: 10 days at 1 000 = 10 000 < 30 000 × 10 / 21
    // = 14 285,71 → 4 285,71; his weekend day at 1 000 × 3 = 3 000
    expect(
      [6, 7].map((r) => ['Доплата до МРОТ', 'Работа в выходные и праздники'].map((h) => roundNumber(tab.shown(r, h)))),
    ).toEqual([
      [4000, 0],
      [4285.71, 3000],
    ]);
  });

  it('a year without a production calendar: every row says so, and the norm of the parameters is blank', () => {
    const input: MonthPayrollInput = {
      ...march(noKpi(), STAFF.slice(0, 1)),
      month: { year: 2099, month: 3 },
      timesheet: [timesheet('2099-03', '1', 21, 10_000)],
      plans: [plan('2099-03', '1', 100_000)],
    };
    const tab = tabOf(input);
    expect(String(tab.written(6, 'Начислено по окладу / по ставке'))).toMatch(
      /^Не рассчитано: Нет производственного календаря на 2099 год/,
    );
    expect([tab.written(20, 1), tab.written(20, 8)]).toEqual(['Норма рабочих дней, 2099-03', '']);
  });

  it('names the chief accountant and leaves a year without МРОТ blank', () => {
    const settings = noKpi({ chiefAccountant: 'О. В. Петрова', mrotByYear: {} });
    const tab = tabOf(march(settings, STAFF.slice(0, 1)));
    expect(tab.written(13, 1)).toBe('Главный бухгалтер _______________ / О. В. Петрова /');
    expect(tab.written(19, 1)).toBe('МРОТ 2026, руб.');
    expect(tab.written(19, 8)).toBe('');
  });

  it('as values with formula notes (the director’s separate spreadsheet): each cell the amount, each formula in its note', () => {
    const tab = tabOf(march());
    const copy = valuesWithFormulaNotes(tab.plan);
    const at = (r: number, h: string) => copy.values[r - 1][tab.colOf(h) - 1];
    const note = (r: number, h: string) => copy.notes![r - 1][tab.colOf(h) - 1];
    expect([at(6, 'К выплате'), at(7, 'Премия KPI'), at(11, 'К выплате'), at(13, 'Категория')]).toEqual([
      14871,
      428.57,
      63892.57,
      'Шестьдесят три тысячи восемьсот девяносто два рубля 57 копеек',
    ]);
    expect([note(6, 'К выплате'), note(7, 'Премия KPI'), note(6, 'ФИО')]).toEqual(['Формула: =Q6-R6-S6-T6', '', '']);
    expect(note(6, 'Премия KPI')).toBe('Формула: =KPI_BONUS(AD6:AD9,AG6:AG9,AH6:AH9,$H$29:$H$29,$H$30:$H$30,$H$27)');
    expect(copy.values.flat().some((v) => typeof v === 'string' && v.startsWith('='))).toBe(false);
  });
});

describe('the payroll tab’s column widths', () => {
  /** the helper columns without KPI: 9 before the KPI, 18 after */
  const HELPERS_WITHOUT_KPI = 27;
  const widthsOf = (sales: number, withErrorRow = false): number[] => {
    const staff = withErrorRow ? [STAFF[0], STAFF[3]] : [STAFF[0]];
    const input: MonthPayrollInput = {
      ...march({ ...defaultSettings(), kpis: [] }, staff),
      deals: [deal('s1@example.ru', 'К-1', '2026-03-10', sales, 1)],
    };
    const { plan: tabPlan } = buildPayrollSheetPlan({
      payroll: computeMonthPayroll(input),
      settings: input.settings,
      staff,
      today: d('2026-04-01'),
    });
    // one width per column from the groups
    return tabPlan.columnWidths.flatMap((g) => Array<number>(g.count).fill(g.width));
  };

  it('grow with the amounts as shown: a sale of 123 456 789 widens the columns that hold it', () => {
    const small = widthsOf(1_000);
    const large = widthsOf(123_456_789);
    const wider = large.flatMap((w, i) => (w > small[i] ? [PAYROLL_HEADERS[i]] : []));
    // «Премия за план» 6 172 839,45; «Всего начислено» 6 192 839,45; «К выплате» less the НДФЛ
    expect(wider).toEqual(['Продажи', 'Премия за план', 'Всего начислено', 'К выплате']);
    expect(large.filter((w, i) => w < small[i])).toEqual([]);
  });

  it('leave out an error row’s message, the parameters’ labels and the title, which run over empty cells', () => {
    const widths = widthsOf(1_000);
    expect(widthsOf(1_000, true)).toEqual(widths);
    // «№ п/п» keeps its least width under the long labels of column A
    expect(widths[0]).toBe(30);
    expect(widths.slice(22)).toEqual(Array(HELPERS_WITHOUT_KPI).fill(HELPER_COLUMN_WIDTH));
    expect(widths).toHaveLength(22 + HELPERS_WITHOUT_KPI);
  });

  const widthsOfTab = (input: MonthPayrollInput): number[] => {
    const { plan: tabPlan } = buildPayrollSheetPlan({
      payroll: computeMonthPayroll(input),
      settings: input.settings,
      staff: input.staff,
      today: d('2026-04-01'),
    });
    return tabPlan.columnWidths.flatMap((g) => Array<number>(g.count).fill(g.width));
  };
  const month = (settings: Settings, staff: MonthPayrollInput['staff']): MonthPayrollInput => ({
    month: { year: 2026, month: 3 },
    staff,
    timesheet: staff.map((s) => timesheet('2026-03', s.tabNo, 21, s.tabNo === '2' ? 5_000 : 10_000)),
    plans: [],
    deals: [],
    claims: [],
    settings,
    yearToDate: {},
  });

  it('fit each column to the widest of its header, its rows as shown, its total and the parameters under it', () => {
    const staff = [
      person('1234567', { name: 'Константинопольская Анна', category: 'I категория' }),
      person('2', { name: 'Белов Иван' }),
    ];
    const settings: Settings = { ...defaultSettings(), kpis: [], holidayPayMultiplier: 2.3333333333 };
    const widths = widthsOfTab({
      ...month(settings, staff),
      plans: [plan('2026-03', '1234567', 100_000), plan('2026-03', '2', 1)],
      deals: [
        deal('s1234567@example.ru', 'К-1', '2026-03-10', 10_000, 1),
        deal('s2@example.ru', 'К-2', '2026-03-11', 9_995_000, 1),
      ],
    });
    // the widest text of each column (bold for the header and the totals, words whole where they wrap), in
    // thousandths of 10 pt: × 10 × 96 / 72 / 1000 px, plus 8 px of padding, rounded up
    expect(widths.slice(0, 22)).toEqual([
      30, // «№ п/п»: its least width («№» bold 1 115 needs 23)
      60, // «1234567» 3 892 → 51.9 px, written quoted as text and shown without the quote
      143, // «Константинопольская» 10 120 → 134.9 px: the full name wraps
      76, // «Категория» bold 5 049 → 67.3 px
      68, // «20 000,00» 4 448 → 59.3 px
      52, // «Норма» bold 3 240 → 43.2 px
      87, // «Отработано» bold 5 925 → 79 px
      94, // the holiday multiplier in the parameters, «2,3333333333» 6 394 → 85.3 px
      75, // the plan «100 000,00» 5 004 → 66.7 px
      94, // the total «10 005 000,00» 6 394 → 85.3 px, wider than either row’s sales («9 995 000,00» 5 838 → 86)
      98, // Белов’s «999500000,0%» 6 727 → 89.7 px, a cell the column’s array formula fills
      54, // «Ставка» bold 3 439 → 45.9 px
      75, // «499 750,00» and its total «500 050,00» 5 004 → 66.7 px
      59, // «Премия» bold 3 824 → 51 px
      64, // «Доплата» bold 4 164 → 55.5 px
      79, // «выходные» bold 5 285 → 70.5 px
      79, // «начислено» bold 5 318 → 70.9 px
      60, // «1 300,00» 3 892 → 51.9 px
      111, // «окончательном» bold 7 714 → 102.9 px
      75, // «выплачен» bold 5 005 → 66.7 px
      75, // «440 872,00» and its total «455 743,00» 5 004 → 66.7 px
      72, // «Подпись» keeps room to sign
    ]);
  });

  it('wrap the KPI names under the amounts by word, and keep the modes and the parameters’ amounts on one line', () => {
    const kpi = (name: string, mode: 'threshold' | 'proportional'): Settings['kpis'][number] => ({
      name,
      measure: 'manual',
      defaultTarget: 1,
      percent: 0.05,
      mode,
    });
    const base = defaultSettings();
    const settings: Settings = {
      ...base,
      salaries: { ...base.salaries, none: rub(100_000) },
      kpis: [kpi('Новые клиенты', 'threshold'), kpi('Повторные продажи', 'proportional')],
    };
    const staff = [person('1', { name: 'Орлова Анна', category: 'I категория' })];
    const widths = widthsOfTab({
      ...month(settings, staff),
      plans: [plan('2026-03', '1', 100_000)],
      deals: [deal('s1@example.ru', 'К-1', '2026-03-10', 1_000, 1)],
    });
    expect(widths.slice(7, 10)).toEqual([
      // «Начислено» bold 5 436 → 72.5 px; the first KPI’s name takes two lines («клиенты» 3 865 → 51.5 px,
      // the whole name 7 227 would need 105)
      81,
      // the second KPI’s mode «пропорционально» 8 316 → 110.9 px on one line, in the last row of the tab;
      // its name wraps («Повторные» 5 203 → 69.4 px, the whole 9 502 would need 135)
      119,
      // the оклад without a category «100 000,00» 5 004 → 66.7 px on one line («000,00» alone, 49)
      75,
    ]);
  });
});

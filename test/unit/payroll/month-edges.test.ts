/**
 * The month payroll at its edges, each value worked by hand: who is on the payroll of a month
 * (hire and dismissal on its first and last day, a rehire under the same «Таб. №», spaces in the
 * cells), the messages that say what to fix, probation terms that end on a month's edge, the
 * аванс and the НДФЛ withholding limit, a payroll without НДФЛ, and the totals line by line.
 */
import {
  computeMonthPayroll,
  computeMonthWithHistory,
  type MonthPayrollInput,
  paidMonthOf,
  type PayrollLines,
  type PayrollRow,
  probationEndDate,
} from '../../../src/domain/payroll/month';
import type { PaidMonth, StaffRecord, YearToDate } from '../../../src/domain/payroll/inputs';
import { defaultSettings, type Settings } from '../../../src/domain/settings';
import { d, deal, person, plan, rub, timesheet } from './fixtures/month-fixture';

function noKpi(extra: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), kpis: [], ...extra };
}

function month(
  ym: string,
  staff: StaffRecord[],
  extra: Partial<MonthPayrollInput> & { ytd?: Record<string, YearToDate> } = {},
): MonthPayrollInput {
  const [year, m] = ym.split('-').map(Number);
  return {
    month: { year, month: m },
    staff,
    timesheet: [],
    plans: [],
    deals: [],
    claims: [],
    settings: noKpi(),
    yearToDate: extra.ytd ?? {},
    ...extra,
  };
}

function ok(row: PayrollRow | undefined): PayrollLines {
  if (!row) throw new Error('no row');
  if (!row.ok) throw new Error(row.error);
  return row.lines;
}

function failure(row: PayrollRow | undefined): { reason: string; error: string } {
  if (!row) throw new Error('no row');
  if (row.ok) throw new Error(`row ${row.tabNo} was computed`);
  return { reason: row.reason, error: row.error.replace(/\u00a0/g, ' ') };
}

/** One II категория specialist working the whole month with a plan of 100 000 met exactly (4 %). */
function planned(ym: string, tabNo: string, email = `s${tabNo}@example.ru`) {
  return { plan: plan(ym, tabNo, 100_000), deal: deal(email, `К-${tabNo}`, `${ym}-10`, 100_000, 50_000) };
}

/**
 * December 2026 of a II категория specialist with one child: 27 093 accrued, the аванс paid on 15 December
 * and the rest on 12 January 2027, after 440 000 of income (15 400 deducted, 55 198 withheld) since January.
 */
function decemberPaidInJanuary(advance: number): PayrollLines {
  const a = person('1', { children: { children: 1, disabled: 0, soleParent: false } });
  const { plan: p, deal: dl } = planned('2026-12', '1');
  return ok(
    computeMonthPayroll(
      month('2026-12', [a], {
        timesheet: [
          { ...timesheet('2026-12', '1', 22, advance), advanceDate: d('2026-12-15'), paymentDate: d('2027-01-12') },
        ],
        plans: [p],
        deals: [dl],
        ytd: { '1': { income: rub(440_000), deductions: rub(15_400), tax: rub(55_198) } },
      }),
    ).rows[0],
  );
}

describe('who is on the payroll of March 2026 (norm 21)', () => {
  const hiredLastDay = person('1', { hireDate: new Date(2026, 2, 31, 10, 30) });
  const leftFirstDay = person('2', { dismissalDate: d('2026-03-01') });
  const hiredLater = person('3', { hireDate: d('2026-04-01') });
  const director = person('4', { position: 'Директор' });
  const before = person('5', { hireDate: d('2024-01-10'), dismissalDate: d('2025-12-31') });
  const rehired = person('5', { hireDate: d('2026-02-02') });
  const gone = person('6', { dismissalDate: d('2026-01-31') });
  const spaced = person(' 7 ', { position: 'Специалист по работе с клиентами ', email: 's7@example.ru' });
  const tabNos = ['1', '2', '3', '4', '5', '6'];
  const input = month(
    '2026-03',
    [hiredLastDay, leftFirstDay, hiredLater, director, before, rehired, gone, gone, spaced],
    {
      timesheet: [
        ...tabNos.map((t) => timesheet('2026-03', t, t === '1' || t === '2' ? 1 : 21)),
        timesheet('2026-03', '7 ', 21),
      ],
      plans: [...tabNos.map((t) => planned('2026-03', t).plan), plan('2026-03', ' 7', 100_000)],
    },
  );
  // computed inside each test, so that a mutation testing run sees the code it runs
  let rows: PayrollRow[];
  beforeEach(() => {
    rows = computeMonthPayroll(input).rows;
  });

  it('counts one who is hired on the last day or leaves on the first, and a rehire once', () => {
    expect(rows.map((r) => [r.tabNo, r.ok])).toEqual([
      ['1', true],
      ['2', true],
      ['5', true],
      [' 7 ', true],
      ['3', false],
      ['6', false],
    ]);
    expect(ok(rows[0]).daysWorked).toBe(1);
    // hired 02.02.2026: the rehired record, not the one dismissed in 2025
    expect(ok(rows[2]).daysWorked).toBe(21);
  });

  it('matches «Таб. №» and «Должность» with spaces around them', () => {
    // the plan of « 7» is found (no «Не задан план»), and the whole оклад is paid
    expect(ok(rows[3])).toMatchObject({ plan: rub(100_000), bySalary: rub(12_000), sales: 0 });
  });

  it('turns a timesheet row of someone hired later or dismissed before into an error naming the fix', () => {
    expect(failure(rows[4])).toEqual({
      reason: 'other',
      error:
        'Сотрудник принят 01.04.2026 — позже 2026-03, а в табеле за этот месяц есть его строка: удалите строку ' +
        'или исправьте «Дату приёма»',
    });
    expect(failure(rows[5])).toEqual({
      reason: 'dismissed',
      error:
        'Сотрудник уволен 31.01.2026, а в табеле за 2026-03 есть его строка: удалите строку табеля или исправьте ' +
        '«Дату увольнения» на листе «Сотрудники»',
    });
  });
});

describe('a timesheet row of someone not on the payroll, with spaces in the cells', () => {
  const input = (staff: StaffRecord[], tabNo: string) =>
    month('2026-03', staff, { timesheet: [timesheet('2026-03', tabNo, 21)], plans: [planned('2026-03', tabNo).plan] });

  it('finds the person by «Таб. №» and «Должность» with spaces around them', () => {
    const gone = person(' 6', { dismissalDate: d('2026-01-31') });
    expect(failure(computeMonthPayroll(input([gone], '6 ')).rows[0]).reason).toBe('dismissed');
    const spacedPosition = person('6', {
      position: ' Специалист по работе с клиентами ',
      dismissalDate: d('2026-01-31'),
    });
    expect(failure(computeMonthPayroll(input([spacedPosition], '6')).rows[0]).reason).toBe('dismissed');
    // another position's timesheet row is not the payroll's
    expect(computeMonthPayroll(input([person('6', { position: 'Директор' })], '6')).rows).toEqual([]);
  });

  it('one hired after the month and dismissed later is named as hired later, not as dismissed', () => {
    const later = person('3', { hireDate: d('2026-04-01'), dismissalDate: d('2026-06-30') });
    expect(failure(computeMonthPayroll(input([later], '3')).rows[0])).toEqual({
      reason: 'other',
      error:
        'Сотрудник принят 01.04.2026 — позже 2026-03, а в табеле за этот месяц есть его строка: удалите строку ' +
        'или исправьте «Дату приёма»',
    });
  });
});

describe('messages of rows that cannot be computed', () => {
  const a = person('1');
  const { plan: p, deal: dl } = planned('2026-03', '1');

  it('two timesheet rows of one month; a row whose month cannot be read is not counted', () => {
    const rows = (sheets: ReturnType<typeof timesheet>[]) =>
      computeMonthPayroll(month('2026-03', [a], { timesheet: sheets, plans: [p], deals: [dl] })).rows;
    expect(failure(rows([timesheet('2026-03', '1', 21), timesheet('03.2026', '1', 20)])[0])).toEqual({
      reason: 'other',
      error: 'В табеле за 2026-03 две строки для таб. № 1: оставьте одну',
    });
    expect(ok(rows([timesheet('2026-03', '1', 21), timesheet('март', '1', 20)])[0]).daysWorked).toBe(21);
  });

  it('two timesheet rows whose «Таб. №» differ only by spaces are two rows of one person', () => {
    const rows = computeMonthPayroll(
      month('2026-03', [a], {
        timesheet: [timesheet('2026-03', '1', 21), timesheet('2026-03', '1 ', 20)],
        plans: [p],
        deals: [dl],
      }),
    ).rows;
    expect(failure(rows[0]).error).toBe('В табеле за 2026-03 две строки для таб. № 1: оставьте одну');
  });

  it('a year without МРОТ in «Настройки» names the row to add', () => {
    const row = computeMonthPayroll(
      month('2026-03', [a], {
        settings: noKpi({ mrotByYear: {} }),
        timesheet: [timesheet('2026-03', '1', 21)],
        plans: [p],
        deals: [dl],
      }),
    ).rows[0];
    expect(failure(row)).toEqual({
      reason: 'other',
      error: 'Не задан МРОТ на 2026 год: добавьте строку «МРОТ 2026, руб.» на листе «Настройки»',
    });
  });

  it('a year without a calendar', () => {
    const row = computeMonthPayroll(month('2027-03', [a], { timesheet: [timesheet('2027-03', '1', 21)] })).rows[0];
    expect(failure(row)).toEqual({
      reason: 'unknownYear',
      error:
        'Нет производственного календаря на 2027 год: добавьте праздничные дни и переносы 2027 года в блок ' +
        '«Дата | Тип дня» на листе «Настройки»',
    });
  });

  it('a plan of 0 is no plan', () => {
    const row = computeMonthPayroll(
      month('2026-03', [a], { timesheet: [timesheet('2026-03', '1', 21)], plans: [plan('2026-03', '1', 0)] }),
    ).rows[0];
    expect(failure(row)).toEqual({
      reason: 'noPlan',
      error: 'Не задан план продаж за 2026-03 для сотрудника с таб. № 1: заполните лист «Планы»',
    });
  });

  it('a category that is not one of the four, or none at all', () => {
    const rowOf = (category: string) =>
      computeMonthPayroll(
        month('2026-03', [person('1', { category })], {
          timesheet: [timesheet('2026-03', '1', 21)],
          plans: [p],
        }),
      ).rows[0];
    expect(failure(rowOf('Старший')).reason).toBe('unknownCategory');
    expect(failure(rowOf('')).reason).toBe('unknownCategory');
  });

  it('more days worked than the norm', () => {
    const row = computeMonthPayroll(
      month('2026-03', [a], { timesheet: [timesheet('2026-03', '1', 22)], plans: [p], deals: [dl] }),
    ).rows[0];
    expect(failure(row)).toEqual({
      reason: 'other',
      error:
        'Отработано дней (22) больше нормы месяца (21): работу в выходные и праздничные дни укажите в столбце ' +
        '«Дней в выходные и праздники» листа «Табель»',
    });
  });

  it('weekend days that are not a whole number of days', () => {
    const rowOf = (holidayDays: number) =>
      computeMonthPayroll(
        month('2026-03', [a], { timesheet: [{ ...timesheet('2026-03', '1', 21), holidayDays }], plans: [p] }),
      ).rows[0];
    expect(failure(rowOf(1.5))).toEqual({
      reason: 'other',
      error: '«Дней в выходные и праздники»: нужно целое неотрицательное число, а не 1.5',
    });
    expect(failure(rowOf(-1)).error).toBe('«Дней в выходные и праздники»: нужно целое неотрицательное число, а не -1');
    expect(ok(rowOf(0)).holidayPay).toBe(0);
  });

  it('an аванс above the month’s pay; an аванс of all of it is paid', () => {
    // 12 000 + 4 % × 100 000 + top-up 11 093 = 27 093
    const rowOf = (advance: number) =>
      computeMonthPayroll(
        month('2026-03', [a], { timesheet: [timesheet('2026-03', '1', 21, advance)], plans: [p], deals: [dl] }),
      ).rows[0];
    expect(failure(rowOf(27_093.01))).toEqual({
      reason: 'other',
      error:
        'Аванс (27 093,01 руб.) больше начисленного за месяц (27 093,00 руб.): проверьте «Аванс, руб.» на листе «Табель»',
    });
    // the аванс carries all the НДФЛ: 13 % × 27 093 = 3 522,09 → 3 522; nothing is left to pay
    expect(ok(rowOf(27_093))).toMatchObject({
      accrued: rub(27_093),
      ndflAdvance: rub(3_522),
      ndflFinal: 0,
      advancePaid: rub(23_571),
      toPay: 0,
    });
  });
});

describe('probation at the edges of a month', () => {
  const march = (staff: StaffRecord, days = 21, extra: Partial<MonthPayrollInput> = {}) =>
    computeMonthPayroll(
      month('2026-03', [staff], {
        timesheet: [timesheet('2026-03', staff.tabNo, days)],
        plans: [plan('2026-03', staff.tabNo, 100_000)],
        deals: [deal(staff.email, 'К-1', '2026-03-02', 100_000, 50_000)],
        ...extra,
      }),
    ).rows[0];

  it('the last day of a term is the hire date + N months − 1 day, or the last day of a shorter month', () => {
    expect(probationEndDate(d('2026-03-01'), 1)).toEqual(d('2026-03-31'));
    expect(probationEndDate(d('2026-01-31'), 1)).toEqual(d('2026-02-28'));
    expect(probationEndDate(d('2025-11-30'), 3)).toEqual(d('2026-02-28'));
    expect(probationEndDate(d('2026-01-16'), 2)).toEqual(d('2026-03-15'));
  });

  it('a term of 0 to 3 months: 4, 1.5 or −1 is an error naming the cell', () => {
    const trial = (probationMonths: number) =>
      person('1', { category: 'Испытательный срок', hireDate: d('2026-01-12'), probationMonths });
    expect(failure(march(trial(4)))).toEqual({
      reason: 'category',
      error:
        '«Испытательный срок, мес» сотрудника с таб. № 1: 4 — нужно целое число от 0 до 3 (ТК ст. 70): ' +
        'исправьте лист «Сотрудники»',
    });
    expect(failure(march(trial(1.5))).error).toContain(': 1.5 — нужно целое число от 0 до 3');
    expect(failure(march(trial(-1))).error).toContain(': -1 — нужно целое число от 0 до 3');
    // 3 months from 12.01.2026 run to 11.04.2026: all of March on probation, 21 × 1 000 + top-up 6 093
    expect(ok(march(trial(3)))).toMatchObject({ categoryLabel: 'Испытательный срок', byRate: rub(21_000) });
  });

  it('«Испытательный срок» without a hire date or a term says which to fill', () => {
    const noHire = person('1', { category: 'Испытательный срок', hireDate: null, probationMonths: 3 });
    expect(failure(march(noHire))).toEqual({
      reason: 'category',
      error:
        'Категория сотрудника с таб. № 1 — «Испытательный срок», но не указаны «Дата приёма»: заполните лист «Сотрудники»',
    });
    const noTerm = person('1', { category: 'Испытательный срок', hireDate: d('2026-02-02'), probationMonths: 0 });
    expect(failure(march(noTerm)).error).toBe(
      'Категория сотрудника с таб. № 1 — «Испытательный срок», но не указаны «Испытательный срок, мес»: ' +
        'заполните лист «Сотрудники»',
    );
  });

  it('a term ending on the month’s last day keeps the whole month on probation', () => {
    // hired 01.02.2026 for 2 months: to 31.03.2026. 21 × 1 000 = 21 000, top-up to 27 093
    const lines = ok(
      march(person('1', { category: 'Испытательный срок', hireDate: d('2026-02-01'), probationMonths: 2 })),
    );
    expect(lines).toMatchObject({
      category: 'none',
      categoryLabel: 'Испытательный срок',
      probationEnd: d('2026-03-31'),
      salary: null,
      dayRate: rub(1_000),
      probationDays: 21,
      byRate: rub(21_000),
      salaryDays: 0,
      mrotTopup: rub(6_093),
      accrued: rub(27_093),
    });
  });

  it('a term ending on the month’s first day is printed, with no probation day in it (1 March is a Sunday)', () => {
    // hired 02.12.2025 for 3 months: to 01.03.2026
    const lines = ok(march(person('1', { hireDate: d('2025-12-02'), probationMonths: 3 })));
    expect(lines).toMatchObject({
      categoryLabel: 'II категория (испытательный срок до 01.03.2026)',
      probationEnd: d('2026-03-01'),
      dayRate: null,
      probationDays: 0,
      byRate: 0,
      salaryDays: 21,
      bySalary: rub(12_000),
      // the contract of 2 March is after the term: 4 % × 100 000
      bonusSales: rub(100_000),
      planBonus: rub(4_000),
    });
    // a term that ended on 28 February does not touch March
    const before = ok(march(person('1', { hireDate: d('2025-12-01'), probationMonths: 3 })));
    expect([before.categoryLabel, before.probationEnd, before.probationDays]).toEqual(['II категория', null, 0]);
  });

  it('a term without a hire date is no probation for a specialist with a category', () => {
    const lines = ok(march(person('1', { hireDate: null, probationMonths: 2 })));
    expect([lines.categoryLabel, lines.probationEnd, lines.bySalary]).toEqual(['II категория', null, rub(12_000)]);
  });

  it('no term, hired in the month: the оклад for the days worked, no probation days', () => {
    // hired 10.03.2026: 16 working days to the 31st; 12 000 × 16 / 21 = 9 142,857 → 9 142,86
    const lines = ok(march(person('1', { hireDate: d('2026-03-10'), probationMonths: 0 }), 16));
    expect(lines).toMatchObject({
      categoryLabel: 'II категория',
      probationEnd: null,
      probationDays: 0,
      salaryDays: 16,
      bySalary: rub(9_142.86),
    });
  });

  it('the error of the month a term ends counts the days worked when they are fewer than its working days', () => {
    // hired 16.01.2026 for 2 months: to 15.03.2026, 9 working days; the timesheet has 5
    const b = person('2', { category: 'Испытательный срок', hireDate: d('2026-01-16'), probationMonths: 2 });
    expect(failure(march(b, 5)).error).toBe(
      'Испытательный срок сотрудника с таб. № 2 закончился 15.03.2026: укажите на листе «Сотрудники» категорию, ' +
        'присвоенную после него (I, II или «Без категории»). Дни испытательного срока в этом месяце: ' +
        '5 × 1 000,00 = 5 000,00 руб.',
    );
  });

  it('a whole month on probation: the plan is shown without a rate, or pays when the setting says so', () => {
    const c = person('3', { category: 'Испытательный срок', hireDate: d('2026-03-02'), probationMonths: 3 });
    const half = [deal(c.email, 'К-1', '2026-03-10', 50_000, 10_000)];
    const shown = ok(march(c, 21, { deals: half }));
    expect(shown.noBonusReason).toBe(
      'на испытательном сроке премия за план не начисляется (п. 6.1 должностной инструкции)',
    );
    expect([shown.plan, shown.fulfilment, shown.rate, shown.bonusSales, shown.planBonus]).toEqual([
      rub(100_000),
      0.5,
      null,
      0,
      0,
    ]);
    const none = ok(march(c, 21, { deals: half, plans: [] }));
    expect([none.plan, none.fulfilment, none.rate]).toEqual([null, null, null]);
    // a plan of 0 is no plan either: nothing to divide by
    const zeroPlan = ok(march(c, 21, { deals: half, plans: [plan('2026-03', '3', 0)] }));
    expect([zeroPlan.plan, zeroPlan.fulfilment, zeroPlan.rate]).toEqual([null, null, null]);
    // with «Премия за план на испытательном сроке»: 50 % of the plan → 3 % × 50 000 = 1 500
    const paid = ok(march(c, 21, { deals: half, settings: noKpi({ probationPlanBonus: true }) }));
    expect([paid.rate, paid.bonusSales, paid.planBonus, paid.noBonusReason]).toEqual([
      0.03,
      rub(50_000),
      rub(1_500),
      '',
    ]);
    expect(
      failure(march(c, 21, { deals: half, plans: [], settings: noKpi({ probationPlanBonus: true }) })).reason,
    ).toBe('noPlan');
  });

  it('weekend work on probation is paid at the day rate: 1 000 × 2 days × 2 = 4 000', () => {
    const c = person('3', { category: 'Испытательный срок', hireDate: d('2026-03-02'), probationMonths: 3 });
    const lines = ok(
      computeMonthPayroll(month('2026-03', [c], { timesheet: [{ ...timesheet('2026-03', '3', 21), holidayDays: 2 }] }))
        .rows[0],
    );
    // 21 000 + top-up 6 093 + 4 000 = 31 093
    expect([lines.holidayDays, lines.holidayPay, lines.accrued]).toEqual([2, rub(4_000), rub(31_093)]);
  });
});

describe('«Без категории» and the KPI base', () => {
  const e = person('5', { category: 'Без категории' });
  const discipline = {
    name: 'Дисциплина',
    measure: 'manual' as const,
    defaultTarget: 1,
    percent: 0.1,
    mode: 'threshold' as const,
  };
  const settings = (noCategoryBonuses: boolean) =>
    noKpi({ salaries: { ...defaultSettings().salaries, none: rub(15_000) }, kpis: [discipline], noCategoryBonuses });
  const rowOf = (noCategoryBonuses: boolean) =>
    ok(
      computeMonthPayroll(
        month('2026-03', [e], {
          settings: settings(noCategoryBonuses),
          timesheet: [timesheet('2026-03', '5', 21)],
          plans: [plan('2026-03', '5', 100_000, { kpiFacts: { Дисциплина: 1 } })],
          deals: [deal(e.email, 'К-1', '2026-03-10', 150_000, 10_000)],
        }),
      ).rows[0],
    );

  it('no plan bonus and no KPI without the setting, though the KPI is met, and the row says why', () => {
    const lines = rowOf(false);
    expect([lines.kpiBase, lines.kpis[0].fact, lines.kpiBonus, lines.rate, lines.planBonus]).toEqual([
      0,
      1,
      0,
      null,
      0,
    ]);
    expect([lines.sales, lines.bonusSales]).toEqual([rub(150_000), 0]);
    expect(lines.noBonusReason).toBe(
      'без категории премия за план и KPI не начисляются (п. 6.2, 6.3 должностной инструкции)',
    );
  });

  it('with the setting the base is the оклад: 15 000 × 10 % = 1 500', () => {
    const lines = rowOf(true);
    expect([lines.kpiBase, lines.kpiBonus]).toEqual([rub(15_000), rub(1_500)]);
  });
});

describe('НДФЛ of the two payments', () => {
  it('a deduction goes with the final payment when there is no аванс', () => {
    const a = person('1', { monthlyDeduction: rub(1_400) });
    const { plan: p, deal: dl } = planned('2026-03', '1');
    const lines = ok(
      computeMonthPayroll(
        month('2026-03', [a], { timesheet: [timesheet('2026-03', '1', 21)], plans: [p], deals: [dl] }),
      ).rows[0],
    );
    // 13 % × (27 093 − 1 400) = 3 340,09 → 3 340
    expect([lines.advancePayment.deduction, lines.finalPayment.deduction, lines.deduction]).toEqual([
      0,
      rub(1_400),
      rub(1_400),
    ]);
    expect([lines.ndflAdvance, lines.ndflFinal, lines.toPay]).toEqual([0, rub(3_340), rub(23_753)]);
    // no months of history given: none is estimated
    expect(lines.estimatedMonths).toEqual([]);
  });

  it('a December paid wholly in January takes no deduction of December: 13 % × 27 093 = 3 522 in 2027', () => {
    const a = person('1', { monthlyDeduction: rub(1_400), children: { children: 1, disabled: 0, soleParent: false } });
    const { plan: p, deal: dl } = planned('2026-12', '1');
    const lines = ok(
      computeMonthPayroll(
        month('2026-12', [a], {
          timesheet: [{ ...timesheet('2026-12', '1', 22), paymentDate: d('2027-01-12') }],
          plans: [p],
          deals: [dl],
          ytd: { '1': { income: rub(300_000), deductions: rub(15_400), tax: rub(37_000) } },
        }),
      ).rows[0],
    );
    // nor a child part of it: «Из вычетов — на детей» would print 1 400 of a deduction of 0
    expect([lines.deduction, lines.childDeduction, lines.finalPayment.year, lines.finalPayment.deduction]).toEqual([
      0, 0, 2027, 0,
    ]);
    expect([lines.ndflFinal, lines.finalPayment.incomeBefore, lines.finalPayment.taxBefore]).toEqual([
      rub(3_522),
      0,
      0,
    ]);
  });

  it('a December rest paid in January is not income of December’s year for the child deduction limit', () => {
    // income since January: 440 000 + the аванс 10 000 = 450 000, not above 450 000 → 1 400 for the child.
    // Аванс: 13 % × (450 000 − 15 400 − 1 400) = 56 316 − 55 198 = 1 118. The rest 17 093 is 2027's: 2 222,09 → 2 222.
    const lines = decemberPaidInJanuary(10_000);
    expect([lines.accrued, lines.childDeduction, lines.deduction]).toEqual([rub(27_093), rub(1_400), rub(1_400)]);
    expect([lines.advancePayment.deductionsBefore, lines.advancePayment.deduction]).toEqual([rub(15_400), rub(1_400)]);
    expect([lines.finalPayment.deductionsBefore, lines.finalPayment.deduction]).toEqual([0, 0]);
    expect([lines.ndflAdvance, lines.ndflFinal, lines.ndflUnwithheld]).toEqual([rub(1_118), rub(2_222), 0]);
  });

  it('a December аванс alone can pass 450 000: 440 000 + 15 000, no child deduction though the rest is 2027’s', () => {
    // Аванс: 13 % × (455 000 − 15 400) = 57 148 − 55 198 = 1 950. The rest 12 093 in 2027: 1 572,09 → 1 572.
    const lines = decemberPaidInJanuary(15_000);
    expect([lines.childDeduction, lines.deduction, lines.ndflAdvance, lines.ndflFinal]).toEqual([
      0,
      0,
      rub(1_950),
      rub(1_572),
    ]);
  });

  it('the income since January is found for a «Таб. №» typed with spaces around it', () => {
    // 13 % × (100 000 + 27 093) = 16 522,09 → 16 522, less the 13 000 withheld before: 3 522
    const spaced = person(' 1 ');
    const { plan: p, deal: dl } = planned('2026-03', '1', spaced.email);
    const lines = ok(
      computeMonthPayroll(
        month('2026-03', [spaced], {
          timesheet: [timesheet('2026-03', '1', 21)],
          plans: [p],
          deals: [dl],
          ytd: { '1': { income: rub(100_000), deductions: 0, tax: rub(13_000) } },
        }),
      ).rows[0],
    );
    expect([lines.finalPayment.incomeBefore, lines.finalPayment.taxBefore, lines.ndfl]).toEqual([
      rub(100_000),
      rub(13_000),
      rub(3_522),
    ]);
  });

  it('both payments in December count for the child limit: 440 000 + 27 093 passes 450 000, no child deduction', () => {
    // Аванс: 13 % × (450 000 − 15 400) = 56 498 − 55 198 = 1 300; the rest: 13 % × (467 093 − 15 400) = 58 720,09
    // → 58 720 − 56 498 = 2 222
    const a = person('1', { children: { children: 1, disabled: 0, soleParent: false } });
    const { plan: p, deal: dl } = planned('2026-12', '1');
    const lines = ok(
      computeMonthPayroll(
        month('2026-12', [a], {
          timesheet: [timesheet('2026-12', '1', 22, 10_000)],
          plans: [p],
          deals: [dl],
          ytd: { '1': { income: rub(440_000), deductions: rub(15_400), tax: rub(55_198) } },
        }),
      ).rows[0],
    );
    expect([lines.childDeduction, lines.deduction, lines.ndflAdvance, lines.ndflFinal]).toEqual([
      0,
      0,
      rub(1_300),
      rub(2_222),
    ]);
  });

  it('a January аванс paid on 31 December is income of the year before, for the tax and the child limit', () => {
    // I категория: 20 000 + 5 % × 9 000 000 (plan 3 000 000) = 470 000. Аванс 30 000 on 31.12.2025: 13 % = 3 900 in 2025.
    // 2026 income since January: the rest, 440 000 ≤ 450 000 → 1 400 for the child, given at the final payment:
    // 13 % × (440 000 − 1 400) = 57 018.
    const a = person('1', { category: 'I категория', children: { children: 1, disabled: 0, soleParent: false } });
    const lines = ok(
      computeMonthPayroll(
        month('2026-01', [a], {
          timesheet: [
            { ...timesheet('2026-01', '1', 15, 30_000), advanceDate: d('2025-12-31'), paymentDate: d('2026-02-05') },
          ],
          plans: [plan('2026-01', '1', 3_000_000)],
          deals: [deal(a.email, 'К-1', '2026-01-20', 9_000_000, 1_000_000)],
        }),
      ).rows[0],
    );
    expect([lines.accrued, lines.childDeduction, lines.deduction]).toEqual([rub(470_000), rub(1_400), rub(1_400)]);
    expect([lines.advancePayment.year, lines.ndflAdvance, lines.finalPayment.deduction, lines.ndflFinal]).toEqual([
      2025,
      rub(3_900),
      rub(1_400),
      rub(57_018),
    ]);
  });

  it('at most half of each payment is withheld; the rest stays owed (НК ст. 226 п. 4)', () => {
    // April: 27 093, аванс 10 000 on 20.04, the rest 05.05; before: 100 000 income and no tax withheld.
    // Аванс: 13 % × 110 000 = 14 300 owed, half of 10 000 = 5 000 withheld.
    // Rest: 13 % × 127 093 = 16 522,09 → 16 522 − 5 000 = 11 522 owed, half of 17 093 = 8 546 withheld; 2 976 owed.
    const a = person('1');
    const { plan: p, deal: dl } = planned('2026-04', '1');
    const input = month('2026-04', [a], {
      timesheet: [
        { ...timesheet('2026-04', '1', 22, 10_000), advanceDate: d('2026-04-20'), paymentDate: d('2026-05-05') },
      ],
      plans: [p],
      deals: [dl],
      ytd: { '1': { income: rub(100_000), deductions: 0, tax: 0 } },
    });
    const row = computeMonthPayroll(input).rows[0];
    const lines = ok(row);
    expect([lines.advancePayment.due, lines.ndflAdvance, lines.finalPayment.due, lines.ndflFinal]).toEqual([
      rub(14_300),
      rub(5_000),
      rub(11_522),
      rub(8_546),
    ]);
    // 27 093 − 13 546 − 5 000 = 8 547
    expect([lines.ndfl, lines.ndflUnwithheld, lines.advancePaid, lines.toPay]).toEqual([
      rub(13_546),
      rub(2_976),
      rub(5_000),
      rub(8_547),
    ]);
    expect(paidMonthOf(row as PayrollRow & { ok: true }, input.month, false)).toEqual({
      month: '2026-04',
      tabNo: '1',
      income: rub(27_093),
      advance: rub(10_000),
      advanceDate: d('2026-04-20'),
      paymentDate: d('2026-05-05'),
      deductions: 0,
      advanceTax: rub(5_000),
      tax: rub(13_546),
      estimated: false,
    });
  });

  it('a December аванс short of its tax stays owed when the rest is paid in January', () => {
    // Аванс 10 000 on 15.12.2026: 14 300 owed, 5 000 withheld; the rest 17 093 in 2027: 2 222 owed and withheld
    const a = person('1');
    const { plan: p, deal: dl } = planned('2026-12', '1');
    const lines = ok(
      computeMonthPayroll(
        month('2026-12', [a], {
          timesheet: [
            { ...timesheet('2026-12', '1', 22, 10_000), advanceDate: d('2026-12-15'), paymentDate: d('2027-01-12') },
          ],
          plans: [p],
          deals: [dl],
          ytd: { '1': { income: rub(100_000), deductions: 0, tax: 0 } },
        }),
      ).rows[0],
    );
    expect([lines.ndflAdvance, lines.ndflFinal, lines.ndflUnwithheld]).toEqual([rub(5_000), rub(2_222), rub(9_300)]);
    expect(lines.advancePayment).toMatchObject({ date: d('2026-12-15'), year: 2026, incomeBefore: rub(100_000) });
    expect(lines.finalPayment).toMatchObject({ date: d('2027-01-12'), year: 2027, incomeBefore: 0, taxBefore: 0 });
  });

  it('without НДФЛ in «Настройки» nothing is withheld, and months not closed are not asked for', () => {
    const a = person('1', { monthlyDeduction: rub(1_400), children: { children: 1, disabled: 0, soleParent: false } });
    const may = planned('2026-05', '1');
    const april = planned('2026-04', '1');
    const input = month('2026-05', [a], {
      settings: noKpi({ ndflEnabled: false }),
      timesheet: [
        { ...timesheet('2026-05', '1', 19, 10_000), advanceDate: d('2026-05-20') },
        timesheet('2026-04', '1', 22),
      ],
      plans: [may.plan, april.plan],
      deals: [may.deal, april.deal],
    });
    const lines = ok(computeMonthWithHistory(input, []).rows[0]);
    expect(lines.accrued).toBe(rub(27_093));
    expect([lines.deduction, lines.childDeduction, lines.ndfl, lines.ndflUnwithheld]).toEqual([0, 0, 0, 0]);
    expect(lines.advancePayment).toEqual({
      date: d('2026-05-20'),
      year: 2026,
      income: rub(10_000),
      incomeBefore: 0,
      deductionsBefore: 0,
      deduction: 0,
      taxBefore: 0,
      due: 0,
      tax: 0,
    });
    expect([lines.advancePaid, lines.toPay, lines.estimatedMonths]).toEqual([rub(10_000), rub(17_093), []]);
  });
});

describe('months of the year not closed', () => {
  const a = person('1');
  const zero = (m: string): PaidMonth => ({
    month: m,
    tabNo: '1',
    income: 0,
    advance: 0,
    advanceDate: null,
    paymentDate: null,
    deductions: 0,
    advanceTax: 0,
    tax: 0,
  });
  const may = planned('2026-05', '1');
  const input = month('2026-05', [a], {
    timesheet: [timesheet('2026-05', '1', 19)],
    plans: [may.plan],
    deals: [may.deal],
  });

  it('name one month, or several, and how to close them', () => {
    const one = computeMonthPayroll({ ...input, history: ['2026-01', '2026-02', '2026-03'].map(zero) }).rows[0];
    expect(failure(one)).toEqual({
      reason: 'missingMonths',
      error:
        'НДФЛ считается нарастающим итогом с 1 января, а месяц 2026-04 не закрыт и не рассчитан: закройте его ' +
        '(Зарплата → «Закрыть месяц») или впишите его начисления и НДФЛ на лист «Начисления (закрытые месяцы)»',
    });
    const two = computeMonthPayroll({ ...input, history: ['2026-01', '2026-02'].map(zero) }).rows[0];
    expect(failure(two).error).toBe(
      'НДФЛ считается нарастающим итогом с 1 января, а месяцы 2026-03, 2026-04 не закрыты и не рассчитаны: ' +
        'закройте их (Зарплата → «Закрыть месяц») или впишите их начисления и НДФЛ на лист «Начисления (закрытые месяцы)»',
    );
  });

  it('a month computed from the workbook is marked estimated and counts since January', () => {
    // April: 12 000 + 4 % × 100 000 + top-up 11 093 = 27 093, НДФЛ 3 522; May's final payment starts from them
    const april = planned('2026-04', '1');
    const withApril = {
      ...input,
      timesheet: [...input.timesheet, timesheet('2026-04', '1', 22)],
      plans: [...input.plans, april.plan],
      deals: [...input.deals, april.deal],
    };
    const lines = ok(computeMonthWithHistory(withApril, ['2026-01', '2026-02', '2026-03'].map(zero)).rows[0]);
    expect(lines.estimatedMonths).toEqual(['2026-04']);
    expect([lines.finalPayment.incomeBefore, lines.finalPayment.taxBefore]).toEqual([rub(27_093), rub(3_522)]);
    // May: 27 093 too; 13 % × 54 186 = 7 044,18 → 7 044 − 3 522 = 3 522
    expect(lines.ndfl).toBe(rub(3_522));
  });

  it('only those who lack a month have it computed: a closed April is not counted twice', () => {
    // «1» has April closed (27 093, НДФЛ 3 522); «2» has not, and gets April from the workbook.
    // Both have an April timesheet, plan and deal, so computing April for «1» as well would add it again.
    const b = person('2');
    const aprilA = planned('2026-04', '1');
    const aprilB = planned('2026-04', '2');
    const mayB = planned('2026-05', '2');
    const april: PaidMonth = { ...zero('2026-04'), income: rub(27_093), tax: rub(3_522) };
    const both = {
      ...input,
      staff: [a, b],
      timesheet: [
        ...input.timesheet,
        timesheet('2026-05', '2', 19),
        timesheet('2026-04', '1', 22),
        timesheet('2026-04', '2', 22),
      ],
      plans: [...input.plans, mayB.plan, aprilA.plan, aprilB.plan],
      deals: [...input.deals, mayB.deal, aprilA.deal, aprilB.deal],
    };
    const closed = [...['2026-01', '2026-02', '2026-03'].flatMap((m) => [zero(m), { ...zero(m), tabNo: '2' }]), april];
    const [rowA, rowB] = computeMonthWithHistory(both, closed).rows;
    expect(ok(rowA).estimatedMonths).toEqual([]);
    expect([ok(rowA).finalPayment.incomeBefore, ok(rowA).finalPayment.taxBefore]).toEqual([rub(27_093), rub(3_522)]);
    expect(ok(rowB).estimatedMonths).toEqual(['2026-04']);
    expect(ok(rowB).finalPayment.incomeBefore).toBe(rub(27_093));
  });

  it('a month that cannot be computed from the workbook stays missing', () => {
    // April has a timesheet row but no plan: it is not estimated, and May names it
    const withApril = { ...input, timesheet: [...input.timesheet, timesheet('2026-04', '1', 22)] };
    const row = computeMonthWithHistory(withApril, ['2026-01', '2026-02', '2026-03'].map(zero)).rows[0];
    expect(failure(row).error).toContain('месяц 2026-04 не закрыт и не рассчитан');
  });
});

describe('totals, line by line', () => {
  it('are the sums of each money line of the computed rows, an error row left out', () => {
    // April 2026, norm 22.
    // X: II, 12 000 + 4 % × 100 000 + «Дисциплина» 10 % × 12 000 = 1 200 → 17 200, top-up 9 893 = 27 093;
    //    аванс 10 000: 1 300 withheld, the rest 3 522 − 1 300 = 2 222; to pay 27 093 − 3 522 − 8 700 = 14 871.
    // Y: probation all month, 22 × 1 000 + top-up 5 093 + 1 weekend day 1 000 × 2 = 29 093; НДФЛ 3 782; to pay 25 311.
    // Z: no plan — an error.
    const x = person('1');
    const y = person('2', { category: 'Испытательный срок', hireDate: d('2026-03-02'), probationMonths: 3 });
    const z = person('3');
    const discipline = {
      name: 'Дисциплина',
      measure: 'manual' as const,
      defaultTarget: 1,
      percent: 0.1,
      mode: 'threshold' as const,
    };
    const payroll = computeMonthPayroll(
      month('2026-04', [x, y, z], {
        settings: noKpi({ kpis: [discipline] }),
        timesheet: [
          timesheet('2026-04', '1', 22, 10_000),
          { ...timesheet('2026-04', '2', 22), holidayDays: 1 },
          timesheet('2026-04', '3', 22),
        ],
        plans: [plan('2026-04', '1', 100_000, { kpiFacts: { Дисциплина: 1 } })],
        deals: [deal(x.email, 'К-1', '2026-04-10', 100_000, 50_000), deal(z.email, 'К-2', '2026-04-10', 70_000, 1)],
      }),
    );
    expect(payroll.rows.map((r) => r.ok)).toEqual([true, true, false]);
    expect(payroll.totals).toEqual({
      byRate: rub(22_000),
      bySalary: rub(12_000),
      sales: rub(100_000),
      planBonus: rub(4_000),
      kpiBonus: rub(1_200),
      mrotTopup: rub(9_893 + 5_093),
      holidayPay: rub(2_000),
      accrued: rub(27_093 + 29_093),
      ndflAdvance: rub(1_300),
      ndflFinal: rub(2_222 + 3_782),
      ndfl: rub(3_522 + 3_782),
      advance: rub(10_000),
      advancePaid: rub(8_700),
      toPay: rub(14_871 + 25_311),
    });
  });
});

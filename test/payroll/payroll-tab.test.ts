/**
 * «Зарплата → Рассчитать за месяц…», «Закрыть месяц» and «Расчётные листки»
 * in the local runtime on a small hand-made staff, March 2026 (norm 21 working
 * days, МРОТ 27 093 руб., KPI switched off so every line is worked out by hand).
 */
import type { LocalRuntimeSession } from '../../local/runtime';
import {
  cellAt,
  closeMonth,
  computeMonth,
  payrollSession,
  payrollWorkbook,
  settingsWithoutKpi,
  sheetNamed,
  signedDeal,
  specialist,
} from './payroll-workbook';

const TAB = 'Зарплата 03.2026';
// columns of the ведомость
const C = { tabNo: 2, name: 3, category: 4, base: 8, plan: 9, sales: 10, rate: 12, planBonus: 13, kpi: 14 };
const M = { topup: 15, holiday: 16, accrued: 17, ndflAdvance: 18, ndflFinal: 19, advancePaid: 20, toPay: 21 };

function handMadeWorkbook() {
  return payrollWorkbook({
    settings: settingsWithoutKpi(),
    staff: [
      specialist('10', 'Орлова Анна'),
      specialist('11', 'Белов Иван', { Категория: 'I категория' }),
      // hired 16.01.2026 for 2 months: probation ends 15.03.2026
      specialist('12', 'Сидорова Ольга', { 'Дата приёма': new Date(2026, 0, 16), 'Испытательный срок, мес': 2 }),
      specialist('13', 'Зайцев Пётр'),
    ],
    timesheet: ['10', '11', '12', '13'].map((tabNo) => ({
      Месяц: '2026-03',
      'Сотрудник (Таб. №)': tabNo,
      'Отработано дней': 21,
      'Аванс, руб.': tabNo === '10' ? 5000 : tabNo === '11' ? 10000 : 0,
    })),
    plans: [
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '11', 'План продаж, руб.': 200000 },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '12', 'План продаж, руб.': 100000 },
      // no plan for 13
    ],
    deals: [
      signedDeal('10', 5, 60000),
      signedDeal('10', 20, 40000),
      signedDeal('11', 12, 250000),
      signedDeal('12', 10, 30000),
      signedDeal('12', 20, 50000),
    ],
  });
}

/** The 1-based column of a header of the tab's header row (row 4), the hidden helpers included. */
function helperColumn(s: LocalRuntimeSession, header: string, tab = TAB): number {
  const col = sheetNamed(s, tab)!.rows[3]!.findIndex((cell) => cell?.value === header);
  if (col < 0) throw new Error(`no column «${header}»`);
  return col + 1;
}

function letter(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function value(s: LocalRuntimeSession, row: number, col: number, tab = TAB) {
  return cellAt(s, tab, row, col)?.value;
}

function rowValues(s: LocalRuntimeSession, row: number) {
  return {
    base: value(s, row, C.base),
    planBonus: value(s, row, C.planBonus),
    topup: value(s, row, M.topup),
    accrued: value(s, row, M.accrued),
    ndflAdvance: value(s, row, M.ndflAdvance),
    ndflFinal: value(s, row, M.ndflFinal),
    toPay: value(s, row, M.toPay),
  };
}

describe('a month for a hand-made staff', () => {
  let s: LocalRuntimeSession;
  beforeAll(() => {
    s = payrollSession(handMadeWorkbook());
    computeMonth(s, '03.2026');
    s.recalculate();
  });

  it('pays II категория with the plan met: 4 % of sales and a top-up to МРОТ', () => {
    // оклад 12 000 × 21/21; sales 60 000 + 40 000 = plan → 4 % = 4 000;
    // МРОТ 27 093 − (12 000 + 4 000) = 11 093; НДФЛ 13 % × 27 093 = 3 522,09 → 3 522, of it
    // 13 % × 5 000 = 650 withheld from the аванс and 2 872 at the final payment;
    // аванс paid 5 000 − 650 = 4 350; 27 093 − 650 − 2 872 − 4 350 = 19 221
    expect(rowValues(s, 6)).toEqual({
      base: 12000,
      planBonus: 4000,
      topup: 11093,
      accrued: 27093,
      ndflAdvance: 650,
      ndflFinal: 2872,
      toPay: 19221,
    });
    expect(value(s, 6, M.advancePaid)).toBe(4350);
    expect(value(s, 6, C.rate)).toBe(0.04);
  });

  it('pays I категория with the plan exceeded: 5 % of sales, no top-up', () => {
    // 20 000 + 5 % × 250 000 = 32 500 ≥ МРОТ; НДФЛ 13 % × 32 500 = 4 225: 1 300 from the аванс of
    // 10 000, 2 925 at the end; 32 500 − 1 300 − 2 925 − 8 700 = 19 575
    expect(rowValues(s, 7)).toEqual({
      base: 20000,
      planBonus: 12500,
      topup: 0,
      accrued: 32500,
      ndflAdvance: 1300,
      ndflFinal: 2925,
      toPay: 19575,
    });
    expect(value(s, 7, C.rate)).toBe(0.05);
  });

  it('splits a month at the end of probation and pays the plan bonus only on later sales', () => {
    // working days 1–15 March: 2–6 and 10–13 (9 March is a holiday) = 9 days at 1 000 = 9 000;
    // the other 12 days: 12 000 × 12/21 = 6 857,142… → 6 857,14; base 15 857,14.
    // sales 80 000 < plan 100 000 → 3 %, paid on the 50 000 signed after the 15th: 1 500.
    // МРОТ 27 093 − 17 357,14 = 9 735,86; НДФЛ 3 522; no advance: 23 571
    expect(rowValues(s, 8)).toEqual({
      base: 15857.14,
      planBonus: 1500,
      topup: 9735.86,
      accrued: 27093,
      ndflAdvance: 0,
      ndflFinal: 3522,
      toPay: 23571,
    });
    expect(value(s, 8, C.category)).toBe('II категория (испытательный срок до 15.03.2026)');
    // «по ставке» and «по окладу» side by side, from one BASE_PAY over the block of computed rows
    const byRate = helperColumn(s, 'Начислено по ставке, руб.');
    expect(cellAt(s, TAB, 8, C.base)?.formula).toBe(`=${letter(byRate)}8+${letter(byRate + 1)}8`);
    expect([value(s, 8, byRate), value(s, 8, byRate + 1)]).toEqual([9000, 6857.14]);
    expect(cellAt(s, TAB, 6, byRate)?.formula).toMatch(/^=BASE_PAY\([A-Z]+6:[A-Z]+8,[A-Z]+6:[A-Z]+8,\$H\$\d+,/);
    // the plan bonus column is one formula; on row 8 it pays on the sales after probation
    expect(cellAt(s, TAB, 8, C.planBonus)?.formula).toBeUndefined();
    expect(cellAt(s, TAB, 6, C.planBonus)?.formula).toMatch(
      /^=PLAN_BONUS\(J6:J8,[A-Z]+6:[A-Z]+8,.*,[A-Z]+6:[A-Z]+8\)$/,
    );
    expect(value(s, 8, helperColumn(s, 'Продажи для премии, руб.'))).toBe(50000);
  });

  it('highlights a row without a plan with its reason and leaves it out of the totals', () => {
    const reason = String(value(s, 9, C.base));
    expect(reason).toMatch(/Не рассчитано: Не задан план продаж за 2026-03 для сотрудника с таб\. № 13/);
    expect(cellAt(s, TAB, 9, C.name)?.background).toBe('#f4cccc');
    expect(value(s, 9, M.toPay) ?? null).toBeNull();
    // totals: the three computable rows only
    expect(cellAt(s, TAB, 10, M.toPay)?.formula).toBe('=SUM(U6:U8)');
    expect(value(s, 10, C.base)).toBeCloseTo(12000 + 20000 + 15857.14, 2);
    expect(value(s, 10, M.toPay)).toBe(19221 + 19575 + 23571);
    expect(value(s, 12, 4)).toBe('Шестьдесят две тысячи триста шестьдесят семь рублей 00 копеек');
  });

  it('holds formulas over the custom functions, formats money and protects the tab for the director', () => {
    // one array formula per computed column over the three computed rows 6–8
    expect(cellAt(s, TAB, 6, C.base)?.formula).toMatch(/^=[A-Z]+6\+[A-Z]+6$/);
    expect(cellAt(s, TAB, 6, C.planBonus)?.formula).toMatch(/^=PLAN_BONUS\(J6:J8,[A-Z]+6:[A-Z]+8,/);
    expect(cellAt(s, TAB, 6, C.rate)?.formula).toMatch(/^=PLAN_RATE\(J6:J8,[A-Z]+6:[A-Z]+8,/);
    const beforeTopup = letter(helperColumn(s, 'Начислено до доплаты до МРОТ, руб.'));
    expect(cellAt(s, TAB, 6, M.topup)?.formula).toMatch(
      new RegExp(`^=MROT_TOPUP\\(${beforeTopup}6:${beforeTopup}8,G6:G8,F6:F8,`),
    );
    expect(cellAt(s, TAB, 7, helperColumn(s, 'Начислено до доплаты до МРОТ, руб.'))?.formula).toBe('=H7+M7+N7');
    expect(cellAt(s, TAB, 6, M.ndflAdvance)?.formula).toMatch(/^=NDFL\([A-Z]+6:[A-Z]+8,/);
    expect(cellAt(s, TAB, 6, M.ndflFinal)?.formula).toMatch(/^=NDFL\([A-Z]+6:[A-Z]+8,/);
    for (const col of [C.planBonus, C.rate, M.topup, M.ndflAdvance, M.ndflFinal]) {
      expect(cellAt(s, TAB, 7, col)?.formula).toBeUndefined();
    }
    expect(cellAt(s, TAB, 7, helperColumn(s, 'Доход при окончательном расчёте, руб.'))?.formula).toMatch(
      /^=Q7-[A-Z]+7$/,
    );
    expect(cellAt(s, TAB, 6, M.toPay)?.formula).toBe('=Q6-R6-S6-T6');
    expect(cellAt(s, TAB, 6, M.toPay)?.numberFormat).toBe('#,##0.00');
    expect(cellAt(s, TAB, 6, 11)?.numberFormat).toBe('0.0%');
    const sheet = sheetNamed(s, TAB)!;
    expect(sheet.frozenRows).toBe(5);
    expect(sheet.protections).toHaveLength(1);
    expect(sheet.protections[0].editors).toEqual(['director@proekt-a.ru']);
    expect(s.workbook.sheets.some((x) => x.name.includes('(расчёт)'))).toBe(false);
  });
});

describe('recompute, failure and closing', () => {
  it('replaces an open month, and a failure midway leaves the previous tab intact', () => {
    const s = payrollSession(handMadeWorkbook());
    computeMonth(s, '03.2026');
    // a new deal of Орлова: sales 130 000 > plan → 5 %
    const deals = sheetNamed(s, 'Сделки')!;
    const row = signedDeal('10', 25, 30000);
    const headers = deals.rows[0]!.map((c) => String(c?.value ?? ''));
    deals.rows[6] = headers.map((h) => (row[h] === undefined ? undefined : { value: row[h] }));
    const events = computeMonth(s, '03.2026');
    expect(events.map((e) => (e.type === 'toast' ? e.message : ''))).toEqual(
      expect.arrayContaining(['Чтение листов…', 'Расчёт…', 'Запись ведомости…']),
    );
    s.recalculate();
    expect(s.workbook.sheets.filter((x) => x.name === TAB)).toHaveLength(1);
    expect(value(s, 6, C.planBonus)).toBe(6500);

    // now a failure while the new tab is being written
    const undo = s.onServiceCall((call) => {
      if (call === 'Range.setWrap') throw new Error('Сбой записи');
    });
    expect(() => computeMonth(s, '04.2026')).toThrow('Сбой записи');
    expect(() => computeMonth(s, '03.2026')).toThrow('Сбой записи');
    undo();
    s.recalculate();
    expect(value(s, 6, C.planBonus)).toBe(6500);
    expect(s.workbook.sheets.filter((x) => x.name.startsWith('Зарплата')).map((x) => x.name)).toEqual([TAB]);
  });

  it('closing freezes values, protects, records income, refuses a recompute and feeds the next month’s НДФЛ', () => {
    const s = payrollSession(handMadeWorkbook());
    computeMonth(s, '03.2026');
    // a month with an uncomputed row cannot be closed
    const refused = closeMonth(s, '03.2026');
    expect(refused.find((e) => e.type === 'alert' && /нельзя закрыть/.test(e.message))).toBeDefined();
    // give Зайцев a plan and recompute
    const plans = sheetNamed(s, 'Планы')!;
    plans.rows[4] = [{ value: '2026-03' }, { value: '13' }, { value: 100000 }];
    computeMonth(s, '03.2026');
    s.recalculate();
    const before = sheetNamed(s, TAB)!.rows.map((r) => (r ?? []).map((c) => c?.value ?? null));
    closeMonth(s, '03.2026');
    const sheet = sheetNamed(s, TAB)!;
    expect(sheet.rows.some((r) => (r ?? []).some((c) => c?.formula))).toBe(false);
    expect(sheet.rows.map((r) => (r ?? []).map((c) => c?.value ?? null))).toEqual(before);
    expect(sheet.protections[0].description).toMatch(/^Закрытый месяц 03\.2026/);
    const closed = sheetNamed(s, 'Начисления (закрытые месяцы)')!;
    expect(closed.hidden).toBe(true);
    expect(closed.rows[9]!.slice(0, 6).map((c) => c?.value)).toEqual(['2026-03', '10', 'Орлова Анна', 27093, 0, 3522]);
    expect(
      s.workbook.sheets.find((x) => x.name === 'Журнал')!.rows.some((r) => r?.[2]?.value === 'Закрытие месяца'),
    ).toBe(true);

    // a later change of a deal does not change the closed month, and recompute is refused
    const deals = sheetNamed(s, 'Сделки')!;
    deals.rows[1]![headersOf(deals).indexOf('Сумма договора, руб.')] = { value: 1000000 };
    const again = computeMonth(s, '03.2026');
    expect(again.find((e) => e.type === 'alert' && /закрыт/.test(e.message))).toBeDefined();
    s.recalculate();
    expect(value(s, 6, C.planBonus)).toBe(4000);

    // April: Орлова earns the same again; НДФЛ on 54 186 since January less 3 522 already withheld
    for (const [sheetName, rows] of [
      ['Табель', [['2026-04', '10', 22, 0]]],
      ['Планы', [['2026-04', '10', 100000]]],
    ] as const) {
      const sh = sheetNamed(s, sheetName)!;
      rows.forEach((r) => sh.rows.push(r.map((v) => ({ value: v }))));
    }
    deals.rows.push(rowOf(deals, signedDeal('10', 6, 100000, 4)));
    computeMonth(s, '04.2026');
    s.recalculate();
    const april = 'Зарплата 04.2026';
    // 12 000 + 4 000 + (27 093 − 16 000) = 27 093; tax(54 186) = 7 044,18 → 7 044; 7 044 − 3 522 = 3 522
    expect(value(s, 6, M.accrued, april)).toBe(27093);
    expect(value(s, 6, M.ndflFinal, april)).toBe(3522);
    expect(cellAt(s, april, 6, M.ndflFinal)?.formula).toMatch(/^=NDFL\([A-Z]+6,/);
  });
});

function headersOf(sheet: { rows: Array<Array<{ value: unknown } | undefined> | undefined> }): string[] {
  return sheet.rows[0]!.map((c) => String(c?.value ?? ''));
}

function rowOf(sheet: Parameters<typeof headersOf>[0], row: Record<string, unknown>) {
  return headersOf(sheet).map((h) => (row[h] === undefined ? undefined : { value: row[h] })) as never;
}

describe('payslips', () => {
  it('prints a slip per computed employee, one row each, with the parts of pay, НДФЛ, advance and the amount to pay', () => {
    const s = payrollSession(handMadeWorkbook());
    computeMonth(s, '03.2026');
    s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    const sheet = sheetNamed(s, 'Расчётные листки 03.2026')!;
    const rows = sheet.rows.filter((r) => r?.[0]).map((r) => r!.map((c) => c?.value ?? ''));
    // three computed employees; the row without a plan gets no payslip
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(String(r[0])).toMatch(/^Расчётный листок за март 2026 г\./);
    const [identity, kinds, amounts] = rows[0].slice(0, 3).map((v) => String(v).split('\n'));
    expect(identity[3]).toBe('Орлова Анна');
    // the kind of pay, its amount and its basis on the same line of their cells
    // groups of digits apart by a no-break space
    const amount = (kind: string) => amounts[kinds.findIndex((k) => k.trim() === kind)].replace(/\u00a0/g, ' ');
    expect(amount('доплата до МРОТ')).toBe('11 093,00');
    expect(amount('НДФЛ с аванса')).toBe('650,00');
    expect(amount('НДФЛ при расчёте')).toBe('2 872,00');
    expect(amount('аванс')).toBe('4 350,00');
    expect(amount('К выплате')).toBe('19 221,00');
    // the hidden «Таб. №» and amount to pay of the row's slip
    expect(rows[0][5]).toBe(19221);
  });
});

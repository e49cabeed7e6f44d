/**
 * Small payroll workbooks for the runtime tests: staff, timesheet, plans and
 * deals of chosen rows, default settings (optionally without KPI), and a
 * session of the director on them.
 */
import type { LocalRuntimeSession } from '../../local/runtime';
import { emptyWorkbook, type WorkbookModel } from '../../local/runtime/model';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLOSED_MONTHS_HEADERS, CLOSED_MONTHS_SHEET } from '../../src/server/payroll/closed-months';
import { bundleSession, DIRECTOR, headersOf, type Row, settingsSheet, sheetOf } from '../helpers/workbook';

export { DIRECTOR };

export const NOW = new Date(2026, 3, 10);

export interface PayrollWorkbookOptions {
  staff: Row[];
  timesheet: Row[];
  plans: Row[];
  deals: Row[];
  settings?: Settings;
  /**
   * Months of 2026 already closed with no income for every specialist (НДФЛ needs every earlier
   * month of the year): January and February by default, so March is computed on its own.
   */
  closedMonths?: string[];
}

export function specialist(tabNo: string, name: string, extra: Row = {}): Row {
  return {
    'Таб. №': tabNo,
    ФИО: name,
    Email: `s${tabNo}@proekt-a.ru`,
    Должность: 'Специалист по работе с клиентами',
    Категория: 'II категория',
    'Дата приёма': new Date(2024, 0, 10),
    'Испытательный срок, мес': 0,
    ...extra,
  };
}

let dealNo = 0;
/** A signed deal of `tabNo` dated `day` of March 2026 (or `month`), for `amount` rubles. */
export function signedDeal(tabNo: string, day: number, amount: number, month = 3): Row {
  dealNo++;
  return {
    'ID сделки': `С-${String(dealNo).padStart(5, '0')}`,
    'ID клиента': `К-${String(dealNo).padStart(5, '0')}`,
    Ответственный: `s${tabNo}@proekt-a.ru`,
    Этап: 'Договор заключён',
    'Дата договора': new Date(2026, month - 1, day),
    'Сумма договора, руб.': amount,
    'Себестоимость, руб.': Math.round(amount * 0.6),
  };
}

/** Settings without KPI rows: the KPI block is kept, empty. */
export function settingsWithoutKpi(): Settings {
  return { ...defaultSettings(), kpis: [] };
}

export function payrollWorkbook(options: PayrollWorkbookOptions): WorkbookModel {
  const workbook = emptyWorkbook('Payroll test', DIRECTOR);
  sheetOf(workbook, SHEETS.clients, headersOf('clients'), []);
  sheetOf(workbook, SHEETS.deals, headersOf('deals'), options.deals);
  sheetOf(workbook, SHEETS.contacts, headersOf('contacts'), []);
  sheetOf(workbook, SHEETS.claims, headersOf('claims'), []);
  sheetOf(workbook, SHEETS.staff, headersOf('staff'), [
    { 'Таб. №': '1', ФИО: 'Сараев Е. А.', Email: DIRECTOR, Должность: 'Директор' },
    ...options.staff,
  ]);
  sheetOf(workbook, SHEETS.plans, headersOf('plans'), options.plans);
  sheetOf(workbook, SHEETS.timesheet, headersOf('timesheet'), options.timesheet);
  settingsSheet(workbook, options.settings ?? defaultSettings());
  const closed = options.closedMonths ?? ['2026-01', '2026-02'];
  if (closed.length > 0) {
    sheetOf(
      workbook,
      CLOSED_MONTHS_SHEET,
      CLOSED_MONTHS_HEADERS,
      closed.flatMap((month) =>
        options.staff.map((p) => ({
          Месяц: month,
          'Таб. №': p['Таб. №'],
          ФИО: p['ФИО'],
          'Начислено, руб.': 0,
          'Вычеты НДФЛ, руб.': 0,
          'НДФЛ, руб.': 0,
        })),
      ),
    ).hidden = true;
  }
  return workbook;
}

export function payrollSession(workbook: WorkbookModel, now: Date = NOW, user = DIRECTOR): LocalRuntimeSession {
  return bundleSession(workbook, { user, now: () => now });
}

/** Runs «Рассчитать за месяц…» for «ММ.ГГГГ» and returns the UI events. */
export function computeMonth(session: LocalRuntimeSession, month: string) {
  session.run('menuComputePayroll', [], [{ button: 'OK', text: month }, { button: 'OK' }]);
  return session.takeUiEvents();
}

/** Runs «Закрыть месяц» for «ММ.ГГГГ», confirming. */
export function closeMonth(session: LocalRuntimeSession, month: string) {
  session.run('menuClosePayrollMonth', [], [{ button: 'OK', text: month }, { button: 'YES' }, { button: 'OK' }]);
  return session.takeUiEvents();
}

/** The sheet model by name. */
export function sheetNamed(session: LocalRuntimeSession, name: string) {
  return session.workbook.sheets.find((s) => s.name === name);
}

/** A cell of a sheet, 1-based. */
export function cellAt(session: LocalRuntimeSession, name: string, row: number, col: number) {
  return sheetNamed(session, name)?.rows[row - 1]?.[col - 1];
}

/** A workbook of `employees` specialists and `deals` deals spread over them in March 2026. */
export function sizedWorkbook(employees: number, deals: number): WorkbookModel {
  const staff = Array.from({ length: employees }, (_, i) =>
    specialist(String(100 + i), `Сотрудник ${i + 1}`, { Категория: i % 2 ? 'I категория' : 'II категория' }),
  );
  return payrollWorkbook({
    staff,
    timesheet: staff.map((p) => ({
      Месяц: '2026-03',
      'Сотрудник (Таб. №)': p['Таб. №'],
      'Отработано дней': 21,
      'Аванс, руб.': 5000,
    })),
    plans: staff.map((p) => ({ Месяц: '2026-03', 'Сотрудник (Таб. №)': p['Таб. №'], 'План продаж, руб.': 300000 })),
    deals: Array.from({ length: deals }, (_, i) => signedDeal(String(100 + (i % employees)), 1 + (i % 28), 1000 + i)),
  });
}

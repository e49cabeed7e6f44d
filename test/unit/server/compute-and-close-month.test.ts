/**
 * «Рассчитать за месяц…» and «Закрыть месяц» called directly over the local runtime's services (not
 * through dist/Code.js), so a change to compute-month.ts or close-month.ts is seen. March 2026, KPI
 * off, two specialists whose lines are worked out by hand (norm 21 days, МРОТ 27 093 руб.).
 */
import type { LocalRuntimeSession } from '../../../local/runtime';
import { PayrollContext } from '../../../src/server/payroll/payroll-context';
import {
  computePayrollTab,
  isClosedSheet,
  openProtectionDescription,
  replaceTabWithPlan,
  writePlan,
} from '../../../src/server/payroll/compute-month';
import type { SheetPlan } from '../../../src/server/payroll/payroll-sheet-plan';
import { markPayDataChanged } from '../../../src/adapter/pay-changes';
import { installRuntime, uninstallRuntime } from '../adapter/runtime-services';
import { DIRECTOR, payrollWorkbook, settingsWithoutKpi, signedDeal, specialist } from '../../payroll/payroll-workbook';

const MARCH = { year: 2026, month: 3 };
const TAB = 'Зарплата 03.2026';

export function twoSpecialists(closedMonths?: string[]) {
  const months = closedMonths?.includes('2026-02') === false ? ['2026-02', '2026-03'] : ['2026-03'];
  return payrollWorkbook({
    settings: settingsWithoutKpi(),
    staff: [specialist('10', 'Орлова Анна'), specialist('11', 'Белов Иван', { Категория: 'I категория' })],
    timesheet: months.flatMap((month) =>
      ['10', '11'].map((tabNo) => ({
        Месяц: month,
        'Сотрудник (Таб. №)': tabNo,
        'Отработано дней': month === '2026-02' ? 19 : 21,
        'Аванс, руб.': tabNo === '10' ? 5000 : 10000,
      })),
    ),
    plans: months.flatMap((month) => [
      { Месяц: month, 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 100000 },
      { Месяц: month, 'Сотрудник (Таб. №)': '11', 'План продаж, руб.': 200000 },
    ]),
    deals: [signedDeal('10', 5, 60000), signedDeal('10', 20, 40000), signedDeal('11', 12, 250000)],
    ...(closedMonths ? { closedMonths } : {}),
  });
}

let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
const ctx = (user = DIRECTOR) => new PayrollContext(ss, user);

beforeEach(() => {
  session = installRuntime(twoSpecialists());
  ss = SpreadsheetApp.getActiveSpreadsheet();
});
afterEach(uninstallRuntime);

const model = (name: string) => session.workbook.sheets.find((s) => s.name === name);
const logRows = () => ss.getSheetByName('Журнал')!.getDataRange().getValues().slice(1);
const names = () => ss.getSheets().map((s) => s.getName());
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('computing a month', () => {
  it('writes the tab, protected for the director, and reports its rows and the total to pay', () => {
    const result = computePayrollTab(ctx(), MARCH);
    // Орлова: 27 093 − 650 − 2 872 − 4 350 = 19 221; Белов: 32 500 − 1 300 − 2 925 − 8 700 = 19 575
    expect(result).toEqual({
      sheetName: TAB,
      rows: 2,
      errors: 0,
      toPay: 3_879_600,
      replaced: false,
      changedSince: null,
      separateBook: null,
    });
    const tab = ss.getSheetByName(TAB)!;
    expect(tab.getRange('C6:C7').getValues()).toEqual([['Орлова Анна'], ['Белов Иван']]);
    const protections = tab.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protections.map((p) => p.getDescription())).toEqual(['Ведомость 03.2026: изменяет только директор']);
    expect(protections[0].getEditors().map((u) => u.getEmail())).toEqual([DIRECTOR]);
    expect(isClosedSheet(tab)).toBe(false);
    expect(names().filter((n) => n.startsWith('Зарплата'))).toEqual([TAB]);
    expect(logRows().map((r) => r.slice(1))).toEqual([
      [DIRECTOR, 'Расчёт зарплаты', TAB, '2026-03', '', '', '38796.00', 'строк: 2, не рассчитано: 0'],
    ]);
  });

  it('a second calculation replaces the tab, logs a recalculation and says what changed since the first', () => {
    computePayrollTab(ctx(), MARCH);
    const firstId = ss.getSheetByName(TAB)!.getSheetId();
    markPayDataChanged(['2026-03'], new Date(), 'Планы');
    const again = computePayrollTab(ctx(), MARCH);
    expect(again.replaced).toBe(true);
    expect(again.changedSince?.sheets).toEqual(['Планы']);
    expect(ss.getSheetByName(TAB)!.getSheetId()).not.toBe(firstId);
    expect(names().filter((n) => n.startsWith('Зарплата'))).toEqual([TAB]);
    expect(logRows().map((r) => r[2])).toEqual(['Расчёт зарплаты', 'Пересчёт зарплаты']);
    // nothing changed since the second
    expect(computePayrollTab(ctx(), MARCH).changedSince).toBeNull();
  });

  it('counts the rows it could not compute: an employee with no category salary', () => {
    const tabNo = ss.getSheetByName('Сотрудники')!.getRange('A3:Z3').getValues()[0];
    expect(tabNo[0]).toBe('10');
    const col = ss.getSheetByName('Сотрудники')!.getRange('1:1').getValues()[0].indexOf('Категория') + 1;
    ss.getSheetByName('Сотрудники')!.getRange(3, col).setValue('Без категории');
    const result = computePayrollTab(ctx(), MARCH);
    expect([result.rows, result.errors, result.toPay]).toEqual([2, 1, 1_957_500]);
    expect(logRows()[0][8]).toBe('строк: 2, не рассчитано: 1');
  });

  it('is the director’s only: anyone else is refused and nothing is written', () => {
    expect(errorOf(() => computePayrollTab(ctx('s10@proekt-a.ru'), MARCH))).toBe(
      'Зарплату рассчитывает и закрывает только директор.',
    );
    expect(ss.getSheetByName(TAB)).toBeNull();
  });

  it('names a missing source tab and the menu item that makes it', () => {
    ss.deleteSheet(ss.getSheetByName('Табель')!);
    expect(errorOf(() => computePayrollTab(ctx(), MARCH))).toBe(
      'Нет листа «Табель». Запустите меню CRM → «Настроить таблицу».',
    );
  });

  it('refuses a month recorded as closed', () => {
    expect(errorOf(() => computePayrollTab(ctx(), { year: 2026, month: 2 }))).toBe(
      'Месяц 02.2026 закрыт: ведомость заморожена и пересчёту не подлежит. ' +
        'Если нужен перерасчёт, начислите разницу в ведомости следующего месяца.',
    );
  });

  it('refuses a month whose tab is protected as closed, even with no closed rows recorded', () => {
    const tab = ss.insertSheet(TAB);
    tab.protect().setDescription('Закрытый месяц 03.2026: изменяет только директор');
    expect(isClosedSheet(tab)).toBe(true);
    expect(errorOf(() => computePayrollTab(ctx(), MARCH))).toMatch(/^Месяц 03\.2026 закрыт/);
    // a tab protected otherwise is not closed
    const other = ss.insertSheet('Зарплата 04.2026');
    other.protect().setDescription('Ведомость 04.2026: изменяет только директор');
    expect(isClosedSheet(other)).toBe(false);
    expect(isClosedSheet(null)).toBe(false);
  });

  it('the protection of an open tab says whose it is', () => {
    expect(openProtectionDescription({ year: 2027, month: 11 })).toBe('Ведомость 11.2027: изменяет только директор');
  });

  it('counts the months of the year before this one: a February not closed is computed for НДФЛ', () => {
    uninstallRuntime();
    session = installRuntime(twoSpecialists(['2026-01']));
    ss = SpreadsheetApp.getActiveSpreadsheet();
    const result = computePayrollTab(ctx(), MARCH);
    expect(result.errors).toBe(0);
    const tab = ss.getSheetByName(TAB)!;
    const headers = tab.getRange(4, 1, 1, tab.getLastColumn()).getValues()[0];
    const col = headers.indexOf('НДФЛ учитывает расчётные (не закрытые) месяцы') + 1;
    expect(tab.getRange(6, col).getValue()).toBe('2026-02');
  });
});

/** A 3 × 2 plan with every kind of formatting writePlan knows. */
function smallPlan(over: Partial<SheetPlan> = {}): SheetPlan {
  return {
    values: [
      ['Заголовок', ''],
      ['Имя', 'Сумма'],
      ['Орлова', 100.5],
    ],
    numberFormats: [
      ['', ''],
      ['', '@'],
      ['', '#,##0.00'],
    ],
    backgrounds: [
      [null, null],
      ['#efefef', '#efefef'],
      [null, '#f4cccc'],
    ],
    fontWeights: [
      ['bold', 'normal'],
      ['bold', 'bold'],
      ['normal', 'normal'],
    ],
    merges: [{ row: 1, col: 1, numRows: 1, numCols: 2 }],
    frozenRows: 2,
    wraps: [{ row: 2, col: 1, numRows: 1, numCols: 2 }],
    columnWidths: [{ start: 1, count: 2, width: 150 }],
    hiddenColumns: { start: 2, count: 1 },
    notes: [
      ['', ''],
      ['', ''],
      ['', 'Формула: =1'],
    ],
    borders: [{ row: 2, col: 1, numRows: 2, numCols: 2 }],
    dashedInnerRows: { row: 1, col: 1, numRows: 3, numCols: 1 },
    rowHeights: [{ start: 3, count: 1, height: 40 }],
    alignments: [
      { row: 1, col: 1, numRows: 1, numCols: 1, horizontal: 'center' },
      { row: 3, col: 1, numRows: 1, numCols: 2, vertical: 'top' },
    ],
    fontSizes: [{ row: 1, col: 1, numRows: 1, numCols: 1, size: 14 }],
    ...over,
  };
}

describe('writing a plan into a tab', () => {
  it('writes values, formats, colours, weights, notes, merges, wraps, widths, borders, heights, alignment and sizes', () => {
    const sheet = ss.insertSheet('План');
    writePlan(sheet, smallPlan());
    const m = model('План')!;
    const cell = (r: number, c: number) => m.rows[r - 1]![c - 1]!;
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      ['Заголовок', ''],
      ['Имя', 'Сумма'],
      ['Орлова', 100.5],
    ]);
    expect(sheet.getRange('A2:B3').getNumberFormats()).toEqual([
      ['General', '@'],
      ['General', '#,##0.00'],
    ]);
    expect([cell(2, 1).background, cell(3, 2).background, cell(3, 1).background ?? null]).toEqual([
      '#efefef',
      '#f4cccc',
      null,
    ]);
    expect([cell(1, 1).fontWeight, cell(3, 1).fontWeight ?? 'normal']).toEqual(['bold', 'normal']);
    expect(cell(3, 2).note).toBe('Формула: =1');
    expect(m.merges).toEqual([{ row: 0, col: 0, numRows: 1, numCols: 2 }]);
    expect([cell(2, 1).wrap, cell(2, 2).wrap, cell(3, 1).wrap ?? false]).toEqual([true, true, false]);
    expect(m.columnWidths).toMatchObject({ 0: 150, 1: 150 });
    expect(cell(2, 2).borders).toMatchObject({ top: { style: 'solid' }, bottom: { style: 'solid' } });
    expect(cell(2, 1).borders).toMatchObject({ left: { style: 'solid' } });
    expect(cell(3, 2).borders).toMatchObject({ right: { style: 'solid' } });
    expect(cell(1, 1).borders).toMatchObject({ bottom: { style: 'dashed', color: '#000000' } });
    expect(m.rowHeights).toEqual({ 2: 40 });
    expect([cell(1, 1).horizontalAlignment, cell(3, 1).verticalAlignment, cell(3, 2).verticalAlignment]).toEqual([
      'center',
      'top',
      'top',
    ]);
    expect(cell(1, 1).verticalAlignment).toBeUndefined();
    expect(cell(3, 1).horizontalAlignment).toBeUndefined();
    expect([cell(1, 1).fontSize, cell(2, 1).fontSize]).toEqual([14, undefined]);
    expect(m.frozenRows).toBe(2);
    expect(m.hiddenColumns).toEqual([1]);
  });

  it('writes no notes, hides nothing and draws no dashed line where the plan has none', () => {
    const sheet = ss.insertSheet('План');
    writePlan(
      sheet,
      smallPlan({ notes: undefined, hiddenColumns: null, dashedInnerRows: { row: 1, col: 1, numRows: 1, numCols: 2 } }),
    );
    const m = model('План')!;
    expect(m.rows.flat().some((c) => c?.note)).toBe(false);
    expect(m.hiddenColumns).toEqual([]);
    expect(m.rows[0]![0]!.borders?.bottom).toBeUndefined();
  });

  it('grows a small tab to the plan’s size', () => {
    const sheet = ss.insertSheet('План');
    sheet.deleteColumns(2, sheet.getMaxColumns() - 1);
    sheet.deleteRows(2, sheet.getMaxRows() - 1);
    writePlan(sheet, smallPlan());
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([3, 2]);
    expect(sheet.getRange('B3').getValue()).toBe(100.5);
  });

  it('replaces a tab only once the new one is written: a failure keeps the old tab and its data', () => {
    const old = ss.insertSheet('Лист');
    old.getRange('A1').setValue('прежний');
    ss.insertSheet('Лист (расчёт)').getRange('A1').setValue('брошенный');
    const protection = { description: 'Ведомость: изменяет только директор', directorEmails: [DIRECTOR] };
    expect(
      errorOf(() =>
        replaceTabWithPlan(ss, 'Лист', smallPlan(), protection, () => {
          throw new Error('сбой записи');
        }),
      ),
    ).toBe('сбой записи');
    expect(names().filter((n) => n.startsWith('Лист'))).toEqual(['Лист']);
    expect(ss.getSheetByName('Лист')!.getRange('A1').getValue()).toBe('прежний');

    const made = replaceTabWithPlan(ss, 'Лист', smallPlan(), protection);
    expect(made.getName()).toBe('Лист');
    expect(names().filter((n) => n.startsWith('Лист'))).toEqual(['Лист']);
    expect(ss.getSheetByName('Лист')!.getRange('A1').getValue()).toBe('Заголовок');
    expect(made.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].getDescription()).toBe(
      'Ведомость: изменяет только директор',
    );
  });
});

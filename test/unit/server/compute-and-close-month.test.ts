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
  swapIn,
  writePlan,
} from '../../../src/server/payroll/compute-month';
import type { SheetPlan } from '../../../src/server/payroll/payroll-sheet-plan';
import { markPayDataChanged } from '../../../src/adapter/pay-changes';
import { closeMonth, payrollEntries, prepareClosedMonths } from '../../../src/server/payroll/close-month';
import { CLOSED_MONTHS_SHEET } from '../../../src/server/payroll/closed-months';
import { installRuntime, uninstallRuntime } from '../adapter/runtime-services';
import { DIRECTOR, payrollWorkbook, settingsWithoutKpi, signedDeal, specialist } from '../../payroll/payroll-workbook';

const MARCH = { year: 2026, month: 3 };
const TAB = 'Зарплата 03.2026';

function twoSpecialists(closedMonths?: string[]) {
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

  it('sends the tab to the director’s separate spreadsheet as values with formulas in notes, and logs no amount', () => {
    const settingsTab = ss.getSheetByName('Настройки')!;
    const row = settingsTab
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'Ведомость в отдельной таблице');
    settingsTab.getRange(row + 1, 2).setValue('Да');
    const result = computePayrollTab(ctx(), MARCH);
    expect(ss.getSheetByName(TAB)).toBeNull();
    const book = SpreadsheetApp.openById(
      String(
        settingsTab
          .getDataRange()
          .getValues()
          .find((r) => r[0] === 'ID таблицы ведомости')![1],
      ),
    );
    expect(result.separateBook).toEqual({ name: book.getName(), url: book.getUrl() });
    expect(book.getName()).toBe('Зарплата — Payroll test');
    const tab = book.getSheetByName(TAB)!;
    expect(tab.getRange('C6').getValue()).toBe('Орлова Анна');
    expect(tab.getRange('Q6').getFormula()).toBe('');
    expect(tab.getRange('Q6').getNote()).toMatch(/^Формула: =/);
    expect(logRows().map((r) => r.slice(1))).toEqual([
      [
        DIRECTOR,
        'Расчёт зарплаты',
        TAB,
        '2026-03',
        '',
        '',
        '',
        'строк: 2, не рассчитано: 0; ведомость в отдельной таблице директора',
      ],
    ]);
  });

  it('with the separate spreadsheet on, refuses a month whose tab was closed in this one', () => {
    ss.insertSheet(TAB).protect().setDescription('Закрытый месяц 03.2026: изменяет только директор');
    const settingsTab = ss.getSheetByName('Настройки')!;
    const row = settingsTab
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'Ведомость в отдельной таблице');
    settingsTab.getRange(row + 1, 2).setValue('Да');
    expect(errorOf(() => computePayrollTab(ctx(), MARCH))).toMatch(/^Месяц 03\.2026 закрыт/);
    expect(errorOf(() => closeMonth(ctx(), MARCH))).toBe('Месяц 03.2026 уже закрыт.');
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

  it('when the new tab cannot take the name, the old one gets it back and the new one goes', () => {
    const old = ss.insertSheet('Лист');
    const temp = ss.insertSheet('Лист (расчёт)');
    const failing = new Proxy(temp, {
      get(target, key) {
        if (key === 'setName')
          return () => {
            throw new Error('имя занято');
          };
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    expect(errorOf(() => swapIn(ss, failing, old, 'Лист'))).toBe('имя занято');
    expect(names().filter((n) => n.startsWith('Лист'))).toEqual(['Лист']);
    expect(ss.getSheetByName('Лист')!.getSheetId()).toBe(old.getSheetId());
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

/** Types the engine's sums into the computed tab (the custom functions of its formulas exist only in the built add-on). */
function typeSums(rows: Array<Record<string, unknown>>, tab = TAB) {
  const sheet = ss.getSheetByName(tab)!;
  const headers = sheet.getRange(4, 1, 1, sheet.getLastColumn()).getValues()[0];
  rows.forEach((values, i) => {
    for (const [header, value] of Object.entries(values)) {
      const col = headers.indexOf(header);
      if (col < 0) throw new Error(`no column ${header}`);
      sheet.getRange(6 + i, col + 1).setValue(value);
    }
  });
}
const ORLOVA = {
  'Всего начислено': 27093,
  'НДФЛ с аванса': 650,
  'НДФЛ при окончательном расчёте': 2872,
  'Вычет НДФЛ при авансе, руб.': 0,
  'Вычет НДФЛ при окончательном расчёте, руб.': 1400.5,
};
const BELOV = {
  'Всего начислено': 32500.5,
  'НДФЛ с аванса': 1300,
  'НДФЛ при окончательном расчёте': 2925,
  'Вычет НДФЛ при авансе, руб.': 700,
  'Вычет НДФЛ при окончательном расчёте, руб.': 700,
  'Дата аванса': new Date(2026, 2, 20),
  'Дата окончательного расчёта': new Date(2026, 3, 3),
};
const closedRows = () => ss.getSheetByName(CLOSED_MONTHS_SHEET)!.getDataRange().getValues();

describe('closing a month', () => {
  beforeEach(() => {
    computePayrollTab(ctx(), MARCH);
  });

  it('records each employee’s income, deductions, НДФЛ and payments, freezes and protects the tab, and logs it', () => {
    typeSums([ORLOVA, BELOV]);
    const tab = ss.getSheetByName(TAB)!;
    tab.getRange('B6').setValue("'0010");
    expect(tab.getRange('B6').getValue()).toBe('0010');
    expect(closeMonth(ctx(), MARCH)).toBe(2);
    const rows = closedRows();
    // January and February of the workbook (four rows), then March
    expect(rows.slice(5).map((r) => [...r.slice(0, 6), ...r.slice(7, 10)])).toEqual([
      ['2026-03', '0010', 'Орлова Анна', 27093, 1400.5, 3522, DIRECTOR, 5000, 650],
      ['2026-03', '11', 'Белов Иван', 32500.5, 1400, 4225, DIRECTOR, 10000, 1300],
    ]);
    expect(rows[5][10]).toBe('');
    expect((rows[6][10] as Date).getTime()).toBe(new Date(2026, 2, 20).getTime());
    expect((rows[6][11] as Date).getTime()).toBe(new Date(2026, 3, 3).getTime());
    // the tab holds values only now, and the text «0010» stays text
    const m = model(TAB)!;
    expect(m.rows.flat().some((c) => c?.formula)).toBe(false);
    expect(tab.getRange('B6').getValue()).toBe('0010');
    expect(tab.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((p) => p.getDescription())).toContain(
      'Закрытый месяц 03.2026: изменяет только директор',
    );
    expect(isClosedSheet(tab)).toBe(true);
    const closedTab = ss.getSheetByName(CLOSED_MONTHS_SHEET)!;
    expect(closedTab.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((p) => p.getDescription())).toEqual([
      'Начисления закрытых месяцев: только директор',
    ]);
    expect(logRows().map((r) => r.slice(1))).toEqual([
      [DIRECTOR, 'Расчёт зарплаты', TAB, '2026-03', '', '', '38796.00', 'строк: 2, не рассчитано: 0'],
      [DIRECTOR, 'Закрытие месяца', TAB, '2026-03', '', 'открыт', 'закрыт', 'сотрудников: 2'],
    ]);
    // and neither closing nor computing again is possible
    expect(errorOf(() => closeMonth(ctx(), MARCH))).toBe('Месяц 03.2026 уже закрыт.');
    expect(errorOf(() => computePayrollTab(ctx(), MARCH))).toMatch(/^Месяц 03\.2026 закрыт/);
  });

  it('refuses a month with a row not computed, naming it, and changes nothing', () => {
    typeSums([ORLOVA]);
    expect(errorOf(() => closeMonth(ctx(), MARCH))).toBe(
      'Месяц 03.2026 нельзя закрыть: строка 7 (Белов Иван) не рассчитана. ' +
        'Исправьте причины, указанные в строках ведомости, и рассчитайте месяц заново.',
    );
    expect(closedRows()).toHaveLength(5);
    expect(isClosedSheet(ss.getSheetByName(TAB))).toBe(false);
  });

  it('refuses a month without a tab, and a month already recorded as closed', () => {
    expect(errorOf(() => closeMonth(ctx(), { year: 2026, month: 4 }))).toBe(
      'Нет листа «Зарплата 04.2026»: сначала рассчитайте месяц (Зарплата → «Рассчитать за месяц…»).',
    );
    expect(errorOf(() => closeMonth(ctx(), { year: 2026, month: 1 }))).toBe('Месяц 01.2026 уже закрыт.');
  });

  it('refuses anyone but the director', () => {
    typeSums([ORLOVA, BELOV]);
    expect(errorOf(() => closeMonth(ctx('s11@proekt-a.ru'), MARCH))).toBe(
      'Зарплату рассчитывает и закрывает только директор.',
    );
    expect(closedRows()).toHaveLength(5);
  });

  it('gives an old closed months’ tab the payment columns before writing', () => {
    typeSums([ORLOVA, BELOV]);
    const closedTab = ss.getSheetByName(CLOSED_MONTHS_SHEET)!;
    closedTab.getRange(1, 9, 1, 4).clearContent();
    expect(closedTab.getLastColumn()).toBe(8);
    closeMonth(ctx(), MARCH);
    expect(closedTab.getRange(1, 9, 1, 4).getValues()).toEqual([
      ['Аванс, руб.', 'НДФЛ с аванса, руб.', 'Дата аванса', 'Дата выплаты'],
    ]);
    expect(closedRows()[6].slice(8, 10)).toEqual([10000, 1300]);
  });
});

describe('the closed months’ tab before the first closing', () => {
  it('is made hidden and protected for the director, and the setup report says what to type in it', () => {
    ss.deleteSheet(ss.getSheetByName(CLOSED_MONTHS_SHEET)!);
    expect(prepareClosedMonths(ctx())).toBe(
      'Создан скрытый лист «Начисления (закрытые месяцы)»: если учёт в надстройке начат не с января, ' +
        'впишите в него начисления, вычеты и НДФЛ прежних месяцев года (строка на сотрудника и месяц)',
    );
    const tab = ss.getSheetByName(CLOSED_MONTHS_SHEET)!;
    expect(tab.isSheetHidden()).toBe(true);
    expect(tab.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].getDescription()).toBe(
      'Начисления закрытых месяцев: только директор',
    );
    // once it exists, nothing to report
    expect(prepareClosedMonths(ctx())).toBeNull();
    expect(errorOf(() => prepareClosedMonths(ctx('s10@proekt-a.ru')))).toBe(
      'Зарплату рассчитывает и закрывает только директор.',
    );
  });
});

describe('the employees’ rows of a payroll tab', () => {
  const header = [
    '№ п/п',
    'Таб. №',
    'ФИО',
    'Всего начислено',
    'НДФЛ с аванса',
    'НДФЛ при окончательном расчёте',
    'Аванс начислен, руб.',
    'Дата аванса',
    'Дата окончательного расчёта',
    'Вычет НДФЛ при авансе, руб.',
    'Вычет НДФЛ при окончательном расчёте, руб.',
  ];

  it('reads from below the header (and its row of column numbers) to the totals row, blank amounts as zero', () => {
    const values = [
      ['Расчётно-платёжная ведомость'],
      header,
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      [1, '7', 'Орлова', 1000.01, 0, 130, '', '', '', '', 'x'],
      [2, '8', 'Белов', 2000, 100, 160, 1000, '15.03.2026', '', 300, 200],
      ['', '', 'Итого', 3000.01, 100, 290, 1000, '', '', '', ''],
      ['', '9', 'после итогов', 'x', 'x', 'x', '', '', '', '', ''],
    ];
    const { entries, problems } = payrollEntries(values, MARCH);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        month: '2026-03',
        tabNo: '7',
        name: 'Орлова',
        income: 100_001,
        deductions: 0,
        tax: 13_000,
        advance: 0,
        advanceTax: 0,
        advanceDate: null,
        paymentDate: null,
      },
      {
        month: '2026-03',
        tabNo: '8',
        name: 'Белов',
        income: 200_000,
        deductions: 50_000,
        tax: 26_000,
        advance: 100_000,
        advanceTax: 10_000,
        advanceDate: new Date(2026, 2, 15),
        paymentDate: null,
      },
    ]);
  });

  it('names each row without an amount or a tax, by its row in the tab', () => {
    const values = [
      header,
      [1, '7', 'Орлова', '#NAME?', 0, 0, '', '', '', '', ''],
      [2, '8', 'Белов', 100, '', 0, '', '', '', '', ''],
      [3, '9', 'Зайцев', 100, 0, 'ошибка', '', '', '', '', ''],
      [4, '10', 'Сидорова', 100, 0, 0, '', '', '', '', ''],
    ];
    const { entries, problems } = payrollEntries(values, MARCH);
    expect(problems).toEqual([
      'строка 2 (Орлова) не рассчитана',
      'строка 3 (Белов) не рассчитана',
      'строка 4 (Зайцев) не рассчитана',
    ]);
    expect(entries.map((e) => e.name)).toEqual(['Сидорова']);
  });
});

describe('what the director sees while it runs, and the edges of writing and closing', () => {
  const toasts = () =>
    session
      .takeUiEvents()
      .filter((e) => e.type === 'toast')
      .map((e) => [(e as { message: string }).message, (e as { title: string }).title]);

  it('says what it is doing in toasts, in order, and opens the new tab', () => {
    // the first calculation makes «Журнал» (a set-up workbook has it), which a new tab opens
    computePayrollTab(ctx(), MARCH);
    ss.setActiveSheet(ss.getSheetByName('Табель')!);
    session.takeUiEvents();
    computePayrollTab(ctx(), MARCH);
    expect(toasts()).toEqual([
      ['Чтение листов…', 'Зарплата'],
      ['Расчёт…', 'Зарплата'],
      ['Запись ведомости…', 'Зарплата'],
    ]);
    expect(ss.getActiveSheet().getName()).toBe(TAB);
    typeSums([ORLOVA, BELOV]);
    closeMonth(ctx(), MARCH);
    expect(toasts()).toEqual([['Закрытие месяца…', 'Зарплата']]);
  });

  it('a change marked before the first calculation is not reported: there was nothing to replace', () => {
    markPayDataChanged(['2026-03'], new Date(), 'Табель');
    const result = computePayrollTab(ctx(), MARCH);
    expect([result.replaced, result.changedSince]).toEqual([false, null]);
  });

  it('writes a plan into a tab of exactly its size, and a plan without the optional formatting', () => {
    const sheet = ss.insertSheet('План');
    sheet.deleteColumns(3, sheet.getMaxColumns() - 2);
    sheet.deleteRows(4, sheet.getMaxRows() - 3);
    const { borders, dashedInnerRows, rowHeights, alignments, fontSizes, ...bare } = smallPlan();
    expect([borders, dashedInnerRows, rowHeights, alignments, fontSizes].every((p) => p !== undefined)).toBe(true);
    writePlan(sheet, bare);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([3, 2]);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([['Орлова', 100.5]]);
    const m = model('План')!;
    expect(m.rows.flat().some((c) => c?.borders)).toBe(false);
    expect(m.rowHeights ?? {}).toEqual({});
  });

  it('when the new tab cannot take the name and there is no old one, the new one goes and the error stands', () => {
    const temp = ss.insertSheet('Лист (расчёт)');
    const failing = new Proxy(temp, {
      get(target, key) {
        if (key === 'setName')
          return () => {
            throw new Error('имя занято');
          };
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    expect(errorOf(() => swapIn(ss, failing, null, 'Лист'))).toBe('имя занято');
    expect(names().filter((n) => n.startsWith('Лист'))).toEqual([]);
  });

  it('steps the old tab aside under «(прежняя)» and gives it its name back when the swap fails', () => {
    const old = ss.insertSheet('Лист');
    const given: string[] = [];
    const watched = new Proxy(old, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (key === 'setName')
          return (n: string) => {
            given.push(n);
            return target.setName(n);
          };
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const temp = ss.insertSheet('Лист (расчёт)');
    const failing = new Proxy(temp, {
      get(target, key) {
        if (key === 'setName')
          return () => {
            throw new Error('имя занято');
          };
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    expect(errorOf(() => swapIn(ss, failing, watched, 'Лист'))).toBe('имя занято');
    expect(given).toEqual(['Лист (прежняя)', 'Лист']);
  });

  it('a payroll tab without any protection is not closed, and is computed over', () => {
    ss.insertSheet(TAB);
    expect(isClosedSheet(ss.getSheetByName(TAB))).toBe(false);
    expect(computePayrollTab(ctx(), MARCH).replaced).toBe(true);
  });

  it('draws the outer bottom line and the lines between columns of a bordered block', () => {
    const sheet = ss.insertSheet('План');
    writePlan(sheet, smallPlan());
    const m = model('План')!;
    expect(m.rows[2]![0]!.borders).toMatchObject({ bottom: { style: 'solid' } });
    expect(m.rows[2]![1]!.borders).toMatchObject({ bottom: { style: 'solid' } });
    expect(m.rows[1]![0]!.borders).toMatchObject({ right: { style: 'solid' } });
    expect(m.rows[2]![0]!.borders).toMatchObject({ right: { style: 'solid' } });
  });

  it('refuses to close a month with no row computed, naming every row', () => {
    computePayrollTab(ctx(), MARCH);
    expect(errorOf(() => closeMonth(ctx(), MARCH))).toBe(
      'Месяц 03.2026 нельзя закрыть: строка 6 (Орлова Анна) не рассчитана; строка 7 (Белов Иван) не рассчитана. ' +
        'Исправьте причины, указанные в строках ведомости, и рассчитайте месяц заново.',
    );
  });

  it('closes a month with nobody in it: nothing recorded, the tab frozen, the log says 0', () => {
    uninstallRuntime();
    session = installRuntime(
      payrollWorkbook({ settings: settingsWithoutKpi(), staff: [], timesheet: [], plans: [], deals: [] }),
    );
    ss = SpreadsheetApp.getActiveSpreadsheet();
    expect(computePayrollTab(ctx(), MARCH).rows).toBe(0);
    expect(closeMonth(ctx(), MARCH)).toBe(0);
    expect(ss.getSheetByName(CLOSED_MONTHS_SHEET)!.getLastRow()).toBe(1);
    expect(isClosedSheet(ss.getSheetByName(TAB))).toBe(true);
    expect(logRows().at(-1)!.slice(2)).toEqual([
      'Закрытие месяца',
      TAB,
      '2026-03',
      '',
      'открыт',
      'закрыт',
      'сотрудников: 0',
    ]);
  });

  it('grows a full closed months’ tab to take the month’s rows', () => {
    computePayrollTab(ctx(), MARCH);
    typeSums([ORLOVA, BELOV]);
    const closedTab = ss.getSheetByName(CLOSED_MONTHS_SHEET)!;
    closedTab.deleteRows(6, closedTab.getMaxRows() - 5);
    expect(closedTab.getMaxRows()).toBe(5);
    expect(closeMonth(ctx(), MARCH)).toBe(2);
    expect(closedTab.getMaxRows()).toBe(7);
    expect(
      closedRows()
        .slice(5)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ['2026-03', '10', 'Орлова Анна'],
      ['2026-03', '11', 'Белов Иван'],
    ]);
  });

  it('with the separate spreadsheet on, refuses to close a month whose tab was closed in this one', () => {
    ss.insertSheet(TAB).protect().setDescription('Закрытый месяц 03.2026: изменяет только директор');
    const settingsTab = ss.getSheetByName('Настройки')!;
    const row = settingsTab
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'Ведомость в отдельной таблице');
    settingsTab.getRange(row + 1, 2).setValue('Да');
    expect(errorOf(() => closeMonth(ctx(), MARCH))).toBe('Месяц 03.2026 уже закрыт.');
  });

  it('a tab deleted after its calculation is computed anew: no change is reported against a tab that is gone', () => {
    computePayrollTab(ctx(), MARCH);
    ss.deleteSheet(ss.getSheetByName(TAB)!);
    markPayDataChanged(['2026-03'], new Date(), 'Планы');
    const result = computePayrollTab(ctx(), MARCH);
    expect([result.replaced, result.changedSince]).toEqual([false, null]);
    expect(logRows().map((r) => r[2])).toEqual(['Расчёт зарплаты', 'Расчёт зарплаты']);
  });
});

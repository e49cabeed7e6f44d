/**
 * How the ведомость and the payslips look: column widths that fit their
 * contents, the title lines merged across the table, wrapped headers, and
 * labels that run over empty cells only; written in the local runtime exactly
 * as planned.
 */
import {
  HELPER_COLUMN_WIDTH,
  PAYROLL_COLUMN_WIDTHS,
  PAYROLL_HEADERS,
  widthGroups,
} from '../../src/server/payroll/payroll-sheet-plan';
import { PAYSLIP_COLUMN_WIDTHS } from '../../src/server/payroll/payslips';
import { computeMonth, payrollSession, payrollWorkbook, sheetNamed, signedDeal, specialist } from './payroll-workbook';

function month() {
  const s = payrollSession(
    payrollWorkbook({
      staff: [specialist('10', 'Константинопольская Александра Вячеславовна'), specialist('11', 'Белов Иван')],
      timesheet: ['10', '11'].map((tabNo) => ({
        Месяц: '2026-03',
        'Сотрудник (Таб. №)': tabNo,
        'Отработано дней': 21,
        'Аванс, руб.': 0,
      })),
      plans: [{ Месяц: '2026-03', 'Сотрудник (Таб. №)': '10', 'План продаж, руб.': 300000 }],
      deals: [signedDeal('10', 5, 320000)],
    }),
  );
  computeMonth(s, '03.2026');
  return s;
}

describe('the layout of the payroll tab', () => {
  const s = month();
  const tab = sheetNamed(s, 'Зарплата 03.2026')!;
  const width = (header: (typeof PAYROLL_HEADERS)[number]) => tab.columnWidths[PAYROLL_HEADERS.indexOf(header)];

  it('gives the name, the category and the money columns their own widths', () => {
    expect(width('ФИО')).toBe(200);
    expect(width('Категория')).toBe(150);
    for (const h of ['Продажи', 'Всего начислено', 'К выплате'] as const) expect(width(h)).toBeGreaterThanOrEqual(90);
    PAYROLL_HEADERS.forEach((h, c) => expect([h, tab.columnWidths[c]]).toEqual([h, PAYROLL_COLUMN_WIDTHS[h]]));
    // the hidden helper columns, when shown
    expect(tab.columnWidths[PAYROLL_HEADERS.length + 1]).toBe(HELPER_COLUMN_WIDTH);
  });

  it('fits the visible columns to A4 landscape at a readable scale', () => {
    const total = PAYROLL_HEADERS.reduce((sum, h) => sum + PAYROLL_COLUMN_WIDTHS[h], 0);
    // 11.69 in less 0.4 in margins at 96 px per inch: Sheets scales the page by printable / total
    const printable = (11.69 - 0.8) * 96;
    expect(printable / total).toBeGreaterThan(0.55);
  });

  it('merges the three title lines and the amount in words across the table', () => {
    expect(tab.merges).toEqual(
      expect.arrayContaining([
        { row: 0, col: 0, numRows: 1, numCols: PAYROLL_HEADERS.length },
        { row: 1, col: 0, numRows: 1, numCols: PAYROLL_HEADERS.length },
        { row: 2, col: 0, numRows: 1, numCols: PAYROLL_HEADERS.length },
      ]),
    );
    const words = tab.rows.findIndex((r) => r?.[0]?.value === 'Итого к выплате прописью:');
    expect(tab.merges).toContainEqual({ row: words, col: 3, numRows: 1, numCols: PAYROLL_HEADERS.length - 3 });
    expect(String(tab.rows[words]?.[3]?.formula)).toMatch(/^=AMOUNT_IN_WORDS\(/);
  });

  it('wraps the header row, which is frozen so it repeats on every printed page', () => {
    const header = tab.rows[4]!;
    expect(header.slice(0, PAYROLL_HEADERS.length).map((c) => c?.wrap)).toEqual(PAYROLL_HEADERS.map(() => true));
    expect(tab.frozenRows).toBe(5);
    expect(tab.rows[5]?.[2]?.wrap).toBeUndefined();
  });

  it('puts each parameter label in column A with only empty cells up to its value', () => {
    const title = tab.rows.findIndex((r) => r?.[0]?.value === 'Параметры расчёта (из листа «Настройки»)');
    const labels = tab.rows.slice(title + 1).filter((r) => r?.[0]?.value);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    for (const row of labels) {
      expect(row!.slice(1, 7).every((c) => c === undefined || c.value === null)).toBe(true);
      expect(row![7]?.value ?? row![7]?.formula).toBeDefined();
    }
  });
});

describe('the layout of the payslips tab', () => {
  it('sets the four column widths in one call and wraps the basis column', () => {
    const s = month();
    s.resetCalls();
    s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    const tab = s.workbook.sheets.find((sh) => sh.name === 'Расчётные листки 03.2026');
    expect(tab).toBeDefined();
    expect([0, 1, 2, 3].map((c) => tab!.columnWidths[c])).toEqual([...PAYSLIP_COLUMN_WIDTHS]);
    expect(s.calls()['Sheet.setColumnWidths']).toBe(widthGroups(PAYSLIP_COLUMN_WIDTHS).length);
    expect(tab!.rows[0]?.[3]?.wrap).toBe(true);
  });
});

describe('width groups', () => {
  it('joins neighbouring columns of one width', () => {
    expect(widthGroups([95, 95, 80, 95], 3)).toEqual([
      { start: 3, count: 2, width: 95 },
      { start: 5, count: 1, width: 80 },
      { start: 6, count: 1, width: 95 },
    ]);
  });
});

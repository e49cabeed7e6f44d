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
  PAYROLL_PAGE,
  PRINT_HEADERS,
  SIGNATURE_ROW_HEIGHT,
  widthGroups,
} from '../../src/server/payroll/payroll-sheet-plan';
import { PAYSLIP_COLUMN_WIDTHS } from '../../src/server/payroll/payslips';
import { printTableLayout } from '../../src/server/payroll/print';
import { CELL_PADDING_PX, textWidthPx, widestWordPx } from '../../src/server/payroll/text-width';
import { displayValue } from '../../local/runtime/cell-values';
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
      plans: ['10', '11'].map((tabNo) => ({
        Месяц: '2026-03',
        'Сотрудник (Таб. №)': tabNo,
        'План продаж, руб.': 300000,
      })),
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

  it('sizes each column from what it holds: every word whole, every amount on one line', () => {
    // the longest word of the names (the surname) and of the headers, at 10 pt
    expect(width('ФИО')).toBeGreaterThanOrEqual(Math.ceil(widestWordPx('Константинопольская') + CELL_PADDING_PX));
    expect(width('НДФЛ при окончательном расчёте')).toBeGreaterThanOrEqual(
      Math.ceil(widestWordPx('окончательном', { bold: true }) + CELL_PADDING_PX),
    );
    // the amounts of the only sales: 320 000,00 in «Продажи» and in its total (bold)
    expect(width('Продажи')).toBe(
      Math.max(
        Math.ceil(textWidthPx('320\u00a0000,00', { bold: true }) + CELL_PADDING_PX),
        Math.ceil(widestWordPx('Продажи', { bold: true }) + CELL_PADDING_PX),
      ),
    );
    PAYROLL_HEADERS.forEach((h, c) => expect(tab.columnWidths[c]).toBeGreaterThanOrEqual(PAYROLL_COLUMN_WIDTHS[h]));
    // the hidden helper columns, when shown
    expect(tab.columnWidths[PAYROLL_HEADERS.length + 1]).toBe(HELPER_COLUMN_WIDTH);
  });

  it("measures text with Arial's widths: digits of one width, bold wider than regular, a no-break space as a space", () => {
    expect(textWidthPx('0')).toBeCloseTo(0.556 * 10 * (96 / 72), 2);
    expect(textWidthPx('1\u00a0000')).toBeCloseTo(textWidthPx('1 000'), 6);
    expect(textWidthPx('Итого', { bold: true })).toBeGreaterThan(textWidthPx('Итого'));
    expect(widestWordPx('НДФЛ при окончательном расчёте')).toBe(textWidthPx('окончательном'));
  });

  it('prints the table in shortened header words at a scale that keeps 10 pt text at 7 pt or more', () => {
    const shown = tab.rows.map((r) =>
      PAYROLL_HEADERS.map((_, c) => displayValue(r?.[c]?.value ?? null, r?.[c]?.numberFormat, 'Europe/Moscow')),
    );
    const layout = printTableLayout(shown)!;
    expect(layout.header).toEqual(PAYROLL_HEADERS.map((h) => PRINT_HEADERS[h]));
    const total = layout.widths.reduce((sum, w) => sum + w, 0);
    // A4 landscape less its margins at 96 px per inch: Sheets scales the page by printable / total
    const printable = (11.6929 - PAYROLL_PAGE.margins.left - PAYROLL_PAGE.margins.right) * 96;
    expect((printable / total) * PAYROLL_PAGE.fontSize).toBeGreaterThanOrEqual(PAYROLL_PAGE.minPrintedPoints);
    expect(layout.categories).toEqual(['II кат.', 'II кат.']);
    // the оклад and the plan are whole rubles: printed without kopecks
    expect(layout.wholeRubleColumns).toEqual(
      (['Оклад / ставка в день', 'План'] as const).map((h) => PAYROLL_HEADERS.indexOf(h) + 1),
    );
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

  it('wraps the header row and numbers its columns below it, both frozen so they repeat on every printed page', () => {
    const header = tab.rows[3]!;
    expect(header.map((c) => c?.value).slice(0, PAYROLL_HEADERS.length)).toEqual([...PAYROLL_HEADERS]);
    expect(header.slice(0, PAYROLL_HEADERS.length).map((c) => c?.wrap)).toEqual(PAYROLL_HEADERS.map(() => true));
    expect(tab.rows[4]!.slice(0, PAYROLL_HEADERS.length).map((c) => c?.value)).toEqual(
      PAYROLL_HEADERS.map((_, i) => i + 1),
    );
    expect(tab.frozenRows).toBe(5);
    // a long name takes a second line of its row
    expect(tab.rows[5]?.[2]?.wrap).toBe(true);
  });

  it('lines the table from the header to the totals, and only the table', () => {
    const totals = tab.rows.findIndex((r) => r?.[2]?.value === 'Итого');
    for (let r = 3; r <= totals; r++) {
      for (let c = 0; c < PAYROLL_HEADERS.length; c++) {
        const b = tab.rows[r]?.[c]?.borders;
        expect([r, c, b?.top?.style, b?.bottom?.style, b?.left?.style, b?.right?.style]).toEqual([
          r,
          c,
          'solid',
          'solid',
          'solid',
          'solid',
        ]);
      }
    }
    expect(tab.rows[totals + 1]?.[0]?.borders).toBeUndefined();
    expect(tab.rows[2]?.[0]?.borders).toBeUndefined();
  });

  it('makes each employee row tall enough to sign in and centres «№ п/п» and «Таб. №» in their cells', () => {
    for (const r of [5, 6]) {
      expect(tab.rowHeights?.[r]).toBe(SIGNATURE_ROW_HEIGHT);
      expect(tab.rows[r]?.[0]?.horizontalAlignment).toBe('center');
      expect(tab.rows[r]?.[1]?.horizontalAlignment).toBe('center');
    }
    expect(SIGNATURE_ROW_HEIGHT).toBeGreaterThanOrEqual(40);
  });

  it('puts each parameter label in column A with only empty cells up to its value', () => {
    const title = tab.rows.findIndex((r) => r?.[0]?.value === 'Параметры расчёта (из листа «Настройки»)');
    expect(title).toBeGreaterThan(tab.rows.findIndex((r) => String(r?.[0]?.value).startsWith('Главный бухгалтер')));
    const labels = tab.rows.slice(title + 1).filter((r) => r?.[0]?.value);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    for (const row of labels) {
      expect(row!.slice(1, 7).every((c) => c === undefined || c.value === null)).toBe(true);
      expect(row![7]?.value ?? row![7]?.formula).toBeDefined();
    }
  });
});

describe('the layout of the payslips tab', () => {
  it('sets the four column widths in one call each and wraps every slip', () => {
    const s = month();
    s.resetCalls();
    s.run('menuPayslips', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
    const tab = s.workbook.sheets.find((sh) => sh.name === 'Расчётные листки 03.2026');
    expect(tab).toBeDefined();
    expect([0, 1, 2, 3].map((c) => tab!.columnWidths[c])).toEqual([...PAYSLIP_COLUMN_WIDTHS]);
    expect(s.calls()['Sheet.setColumnWidths']).toBe(widthGroups(PAYSLIP_COLUMN_WIDTHS).length);
    for (let c = 0; c < 4; c++) expect(tab!.rows[0]?.[c]?.wrap).toBe(true);
    // a row a slip, lined, the lines between two slips dashed: where to cut
    expect(tab!.rows[0]?.[0]?.borders?.bottom?.style).toBe('dashed');
    expect(tab!.rows[1]?.[0]?.borders?.top?.style).toBe('dashed');
    expect(tab!.rows[0]?.[0]?.borders?.top?.style).toBe('solid');
    expect(tab!.hiddenColumns).toEqual([4, 5]);
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

/**
 * The small pieces of the ведомость's layout, worked by hand: where its rows and helper columns
 * are, column letters, the title's month, width groups, and the values-with-notes copy for the
 * director's separate spreadsheet.
 */
import {
  columnLetter,
  helperHeaders,
  monthTitle,
  payrollCol,
  payrollColumnWidths,
  sheetLayout,
  type SheetPlan,
  valuesWithFormulaNotes,
  widthGroups,
} from '../../../src/server/payroll/payroll-sheet-plan';

describe('the ведомость’s layout', () => {
  it('puts the header on row 4, the column numbers under it, the rows, the totals and the words two below', () => {
    // 22 visible columns, one blank, then 9 + 2 × 2 KPI + 18 helpers
    expect(sheetLayout(3, ['Звонки', 'Встречи'])).toEqual({
      headerRow: 4,
      numbersRow: 5,
      firstDataRow: 6,
      lastDataRow: 8,
      totalsRow: 9,
      wordsRow: 11,
      helperFirstCol: 24,
      kpiNames: ['Звонки', 'Встречи'],
      width: 23 + 9 + 4 + 18,
    });
    expect(sheetLayout(0, [])).toMatchObject({ firstDataRow: 6, lastDataRow: 5, totalsRow: 6, wordsRow: 8 });
  });

  it('lists the helper columns with each KPI’s fact, then its target, between the two groups', () => {
    const headers = helperHeaders(['Звонки']);
    expect(headers.slice(0, 2)).toEqual(['Категория для ставки', 'Категория для оклада']);
    expect(headers.slice(8, 12)).toEqual([
      'Продажи для премии, руб.',
      'Факт: Звонки',
      'Цель: Звонки',
      'Почему нет премии за план и KPI',
    ]);
    expect(headers.slice(-1)).toEqual(['НДФЛ учитывает расчётные (не закрытые) месяцы']);
    expect(headers).toHaveLength(29);
  });

  it('finds a visible column by its header, 1-based', () => {
    expect(payrollCol('№ п/п')).toBe(1);
    expect(payrollCol('Всего начислено')).toBe(17);
    expect(payrollCol('Подпись')).toBe(22);
  });

  it('writes column letters as Sheets does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('names the month in the title', () => {
    expect(monthTitle({ year: 2026, month: 1 })).toBe('январь 2026 г.');
    expect(monthTitle({ year: 2026, month: 12 })).toBe('декабрь 2026 г.');
  });

  it('groups neighbouring columns of one width', () => {
    expect(widthGroups([40, 40, 90, 40], 3)).toEqual([
      { start: 3, count: 2, width: 40 },
      { start: 5, count: 1, width: 90 },
      { start: 6, count: 1, width: 40 },
    ]);
    expect(widthGroups([])).toEqual([]);
    expect(widthGroups([10])).toEqual([{ start: 1, count: 1, width: 10 }]);
  });
});

describe('the ведомость as values with formula notes', () => {
  const plan = (values: SheetPlan['values'], computedValues: SheetPlan['computedValues']): SheetPlan => ({
    values,
    computedValues,
    numberFormats: [],
    backgrounds: [],
    fontWeights: [],
    merges: [],
    frozenRows: 0,
    wraps: [],
    columnWidths: [],
    hiddenColumns: null,
  });

  it('puts each formula’s computed value in its cell and the formula in its note, text made safe', () => {
    const out = valuesWithFormulaNotes(
      plan(
        [
          ['Итого', '=SUM(B2:B3)', '=T("0007")', ''],
          ['x', 5, '', ''],
        ],
        [
          [null, 1234.5, '0007', 'spilled'],
          [null, null, '=не формула', null],
        ],
      ),
    );
    expect(out.values).toEqual([
      ['Итого', 1234.5, "'0007", 'spilled'],
      ['x', 5, "'=не формула", ''],
    ]);
    expect(out.notes).toEqual([
      ['', 'Формула: =SUM(B2:B3)', 'Формула: =T("0007")', ''],
      ['', '', '', ''],
    ]);
    expect(out.computedValues).toBeUndefined();
  });

  it('refuses a formula the engine gave no value for', () => {
    expect(() => valuesWithFormulaNotes(plan([['=A1']], [[null]]))).toThrow('No computed value for the formula =A1');
    expect(() => valuesWithFormulaNotes(plan([['=A1']], undefined))).toThrow('No computed value for the formula =A1');
    expect(() => valuesWithFormulaNotes(plan([['x'], ['=A1']], [[null]]))).toThrow(
      'No computed value for the formula =A1',
    );
  });

  it('keeps the blanks, texts and numbers of a plan without computed values, with no notes', () => {
    const out = valuesWithFormulaNotes(plan([['', 'Итого', 5]], undefined));
    expect([out.values, out.notes]).toEqual([[['', 'Итого', 5]], [['', '', '']]]);
  });

  it('keeps a cell’s own value, whatever value is computed beside it', () => {
    const out = valuesWithFormulaNotes(plan([[5, 'Итого', '']], [[7, 'x', 8]]));
    expect(out.values).toEqual([[5, 'Итого', 8]]);
  });

  it('keeps the blanks of rows and columns past the computed values', () => {
    const out = valuesWithFormulaNotes(plan([['', ''], ['']], [[7]]));
    expect(out.values).toEqual([[7, ''], ['']]);
  });
});

describe('the ведомость’s column widths from their texts', () => {
  // a text's width: the sum of its glyphs' advance widths in thousandths of 10 pt, × 10 × 96 / 72 / 1000
  // px, plus 8 px of padding, rounded up; digits are 556, the space and the comma 278 either way
  it('measure the header bold by its widest word, a name and a category by theirs, amounts and the rest whole', () => {
    const blank = Array<string>(10).fill('');
    const at = (c: number, text: string) => blank.map((t, i) => (i === c ? text : t));
    const widths = payrollColumnWidths({
      columns: [
        'ФИО',
        'Категория',
        'Премия за план',
        'К выплате',
        'Отдел',
        'Телефон',
        'Комментарий',
        'Сумма',
        'Резерв',
        'Подпись',
      ],
      header: ['ФИО', 'Катег.', 'Премия за перевыполнение', 'К выплате', '', '', '', '', '', 'Подпись'],
      numbers: ['1', '2', '3', '4', '5', '6 (вставлена)', '7', '8', '9', '10'],
      rows: [
        [
          'Константинопольская Александра Вячеславовна',
          'II категория (испытательный срок до 15.03.2026)',
          '',
          '1\u00a0000\u00a0000,00',
          ...blank.slice(4),
        ],
      ],
      totals: [...at(3, '1\u00a0000\u00a0000,00').slice(0, 4), 'Итого', ...blank.slice(5)],
      extra: [
        { texts: at(6, 'Новые клиенты за месяц'), wrap: true },
        { texts: at(7, '1\u00a0234,50'), wrap: false },
      ],
    });
    expect(widths).toEqual([
      // «Константинопольская» 10 120 → 134.9 px, not the whole name (22 874, 313)
      143,
      // «(испытательный» 7 615 → 101.5 px, not the whole category (22 673, 311)
      110,
      // «перевыполнение» bold 8 581 → 114.4 px (regular, 7 916, it would need 114; the whole header 14 014, 195)
      123,
      // «1 000 000,00» on one line: 5 838 → 77.8 px, its words apart would need 49
      86,
      // «Итого» of the totals, bold: 2 848 → 38 px (regular, 2 654, it would need 44), over the least 40 of a
      // column the ведомость does not know
      46,
      // the number a person typed in the row of column numbers: «6 (вставлена)» 6 323 → 84.3 px
      93,
      // a wrapped cell under the columns: «клиенты» 3 865 → 51.5 px (the whole 11 656 → 164)
      60,
      // an amount there on one line: «1 234,50» 3 892 → 51.9 px (its words apart, «234,50», 49)
      60,
      // nothing in it: the least width of an unknown column
      40,
      // «Подпись» keeps its 72 px to sign in
      72,
    ]);
  });
});

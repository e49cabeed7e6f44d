import { sessionFor, workbookWith } from './fixture';

const code = `
function sheet_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1'); }
function writeBlock(values) { sheet_().getRange(2, 2, values.length, values[0].length).setValues(values); }
function readBlock(a1) { return sheet_().getRange(a1).getValues(); }
function typesOf(a1) {
  return sheet_().getRange(a1).getValues().map(function (row) {
    return row.map(function (v) { return v instanceof Date ? 'Date' : typeof v; });
  });
}
function a1Of(row, col, rows, cols) { return sheet_().getRange(row, col, rows, cols).getA1Notation(); }
function wrongShape() { sheet_().getRange('A1:B2').setValues([[1, 2]]); }
function wrongWidth() { sheet_().getRange('A1:B2').setValues([[1, 2], [3]]); }
function setFormulaAndRead() { var r = sheet_().getRange('C1'); r.setValue('=A1*2'); return [r.getFormula(), r.getValue()]; }
function writeText(v) { var r = sheet_().getRange('D1'); r.setValue(v); return [r.getValue(), r.getFormula()]; }
function lastRowCol() { return [sheet_().getLastRow(), sheet_().getLastColumn(), sheet_().getMaxRows()]; }
function wholeColumn() { var r = sheet_().getRange('B:B'); return [r.getA1Notation(), r.getNumRows(), r.getRow()]; }
function wholeRow() { var r = sheet_().getRange('2:2'); return [r.getA1Notation(), r.getNumColumns()]; }
function tooSmall() { sheet_().getRange(0, 1); }
function display(a1, value, format) { var r = sheet_().getRange(a1); r.setValue(value); if (format) r.setNumberFormat(format); return r.getDisplayValue(); }
`;

describe('SpreadsheetApp ranges', () => {
  it('uses 1-based rows and columns and reads them back in A1 notation', () => {
    const s = sessionFor(code);
    s.run('writeBlock', [
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(s.workbook.sheets[0].rows[1]?.[1]?.value).toBe(1); // B2 is model row 1, col 1
    expect(s.run('readBlock', ['B2:C3'])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(s.run('a1Of', [2, 2, 2, 2])).toBe('B2:C3');
    expect(s.run('a1Of', [1, 26, 1, 1])).toBe('Z1');
    expect(() => s.run('a1Of', [1, 27, 1, 1])).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(s.run('wholeColumn')).toEqual(['B:B', 1000, 1]);
    expect(s.run('wholeRow')).toEqual(['2:2', 26]);
    expect(() => s.run('tooSmall')).toThrow('The starting row of the range is too small.');
  });

  it('getValues returns numbers, booleans, Dates and empty strings for empty cells', () => {
    const s = sessionFor(code);
    s.run('writeBlock', [[[12.5, true, new Date(Date.UTC(2026, 2, 15)), 'текст']]]);
    expect(s.run('typesOf', ['B2:F2'])).toEqual([['number', 'boolean', 'Date', 'string', 'string']]);
    expect(s.run('readBlock', ['F2:F2'])).toEqual([['']]);
  });

  it('setValues with a different shape throws the documented message', () => {
    const s = sessionFor(code);
    expect(() => s.run('wrongShape')).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => s.run('wrongWidth')).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('a string starting with = becomes a formula and is computed; an apostrophe keeps it text', () => {
    const s = sessionFor(code);
    s.workbook.sheets[0].rows[0] = [{ value: 21 }];
    expect(s.run('setFormulaAndRead')).toEqual(['=A1*2', 42]);
    expect(s.run('writeText', ["'=1+1"])).toEqual(['=1+1', '']);
    expect(s.run('writeText', ['12 000,50'])).toEqual([12000.5, '']);
  });

  it('getLastRow and getLastColumn find the last non-empty cell', () => {
    const s = sessionFor(code);
    expect(s.run('lastRowCol')).toEqual([0, 0, 1000]);
    s.run('writeBlock', [
      [
        [1, ''],
        ['', 'x'],
      ],
    ]);
    expect(s.run('lastRowCol')).toEqual([3, 3, 1000]);
  });

  it('display values follow number formats in the ru_RU locale', () => {
    const s = sessionFor(code);
    expect(s.run('display', ['A1', 12000.5, '#,##0.00'])).toBe('12\u00a0000,50');
    expect(s.run('display', ['A2', 0.256, '0.00%'])).toBe('25,60%');
    expect(s.run('display', ['A3', 1.5, null])).toBe('1,5');
    expect(s.run('display', ['A4', new Date(Date.UTC(2026, 2, 14, 21)), 'dd.MM.yyyy'])).toBe('15.03.2026');
    expect(s.run('display', ['A5', true, null])).toBe('ИСТИНА');
  });

  it('works on any sheet named in A1 notation from the spreadsheet', () => {
    const s = sessionFor(
      `function f() { SpreadsheetApp.getActive().getRange("'Второй лист'!B2").setValue(5); }`,
      workbookWith('Лист1', 'Второй лист'),
    );
    s.run('f');
    expect(s.workbook.sheets[1].rows[1]?.[1]?.value).toBe(5);
  });
});

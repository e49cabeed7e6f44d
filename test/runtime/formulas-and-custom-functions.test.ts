import { existsSync } from 'node:fs';
import { createSession } from '../../local/runtime';
import { workbookFromBuffer, workbookToBuffer } from '../../local/store/xlsx';
import { DIST_CODE, OWNER, sessionFor, workbookWith } from './fixture';

const customCode = `
/**
 * Doubles a value or each value of a range.
 * @param {number|Array<Array<number>>} x
 * @customfunction
 */
function DOUBLE(x) {
  if (Array.isArray(x)) return x.map(function (row) { return row.map(function (v) { return v === '' ? '' : v * 2; }); });
  if (x === '') throw new Error('Пустое значение');
  return x * 2;
}
/**
 * Describes what Sheets passed.
 * @customfunction
 */
function KIND(x) { return Array.isArray(x) ? 'range ' + x.length + 'x' + x[0].length + ' [' + x.map(function (r) { return r.map(function (v) { return v instanceof Date ? 'Date' : v === '' ? 'empty' : typeof v; }).join(','); }).join(';') + ']' : typeof x; }
function notCustom(x) { return x; }
function read(a1) { return SpreadsheetApp.getActive().getRange(a1).getValues(); }
function setFormula(a1, f) { SpreadsheetApp.getActive().getRange(a1).setFormula(f); }
function setThenRead(a1, f, back) {
  var ss = SpreadsheetApp.getActive();
  ss.getRange('A1').getValues();
  ss.getRange(a1).setFormula(f);
  return ss.getRange(back).getValues();
}
function kopecks(a1) { return Math.round(SpreadsheetApp.getActive().getRange(a1).getValue() * 100); }
function shown(a1) { return SpreadsheetApp.getActive().getRange(a1).getDisplayValue(); }
`;

describe('formulas and custom functions', () => {
  it('custom functions of the loaded script are evaluated on scalars and ranges, arrays spill', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['1'], ['2'], ['3']] });
    s.run('setFormula', ['B1', '=DOUBLE(A1)']);
    s.run('setFormula', ['C1', '=DOUBLE(A1:A3)']);
    expect(s.run('read', ['B1:C3'])).toEqual([
      [2, 2],
      ['', 4],
      ['', 6],
    ]);
    s.edit({ sheet: 'Лист1', row: 2, column: 1, values: [['10']] });
    expect(s.run('read', ['C1:C3'])).toEqual([[2], [20], [6]]);
  });

  it('an array formula still spills after its workbook is saved to .xlsx and opened again', async () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['1'], ['2'], ['3']] });
    s.run('setFormula', ['C1', '=DOUBLE(A1:A3)']);
    expect(s.run('read', ['C1:C3'])).toEqual([[2], [4], [6]]);
    const reopened = sessionFor(customCode, await workbookFromBuffer(await workbookToBuffer(s.workbook)));
    // the spilled values the file shows are the formula's, not cells of their own that block it
    expect(reopened.run('read', ['C1:C3'])).toEqual([[2], [4], [6]]);
    reopened.edit({ sheet: 'Лист1', row: 3, column: 1, values: [['30']] });
    expect(reopened.run('read', ['C1:C3'])).toEqual([[2], [4], [60]]);
  });

  it('a formula written into a workbook without any is computed at the next read of the same execution', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['7']] });
    // the first read finds no formula anywhere; the formula written after it still counts
    expect(s.run('setThenRead', ['B1', '=A1*2', 'B1'])).toEqual([[14]]);
  });

  it('a formula put into the workbook outside the services is seen by the next execution', () => {
    const workbook = workbookWith('Лист1');
    const s = sessionFor(customCode, workbook);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['5']] });
    expect(s.run('read', ['A1:B1'])).toEqual([[5, '']]);
    workbook.sheets[0].rows[0]![1] = { value: null, formula: '=A1+1' };
    expect(s.run('read', ['A1:B1'])).toEqual([[5, 6]]);
  });

  it('formula results are the IEEE doubles Sheets gives scripts: not rounded to 10 digits, no snap to zero', () => {
    const s = sessionFor(customCode);
    s.run('setFormula', ['A1', '=0.1+0.2-0.3']);
    s.run('setFormula', ['A2', '=A1=0']);
    s.run('setFormula', ['A3', '=0.1+0.2']);
    expect(s.run('read', ['A1:A3'])).toEqual([[5.551115123125783e-17], [false], [0.30000000000000004]]);
    expect(s.run('shown', ['A3'])).toBe('0,3');
    // a ruble amount just under half a kopeck: rounded to 10 digits it would read 1000.005 and round up
    s.run('setFormula', ['B1', '=1000.00499999999*1']);
    expect(s.run('read', ['B1'])).toEqual([[1000.00499999999]]);
    expect(s.run('kopecks', ['B1'])).toBe(100000);
  });

  it('passes ranges as 2D arrays with Dates and empty cells as empty strings', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['15.03.2026', '', 'x']] });
    s.run('setFormula', ['D2', '=KIND(A1:C1)']);
    s.run('setFormula', ['D3', '=KIND(A1)']);
    expect(s.run('read', ['D2:D3'])).toEqual([['range 1x3 [Date,empty,string]'], ['object']]);
  });

  it('a thrown error shows as #ERROR! with its message kept', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 2, values: [['=DOUBLE(A1)']] });
    expect(s.run('read', ['B1'])).toEqual([['#ERROR!']]);
    const display = (s.services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActive()
      .getRange('B1')
      .getDisplayValue();
    expect(display).toBe('#ERROR!');
    expect(s.cellError('Лист1', 1, 2)).toBe('Пустое значение');
  });

  it('only functions marked @customfunction can be called from a cell', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['=notCustom(1)']] });
    expect(s.run('read', ['A1'])).toEqual([['#NAME?']]);
  });

  it('accepts formulas typed in the ru_RU syntax and stores them as Apps Script returns them', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['4', '=ЕСЛИ(1;2;3)', '=SUM(A1; 1,5)']] });
    const range = (s.services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive().getRange('C1');
    expect(range.getFormula()).toBe('=SUM(A1, 1.5)');
    expect(range.getValue()).toBe(5.5);
  });

  it('keeps computed values in the model so a saved workbook holds them', () => {
    const s = sessionFor(customCode);
    s.edit({ sheet: 'Лист1', row: 1, column: 1, values: [['2', '=A1*3']] });
    s.run('read', ['B1']);
    expect(s.workbook.sheets[0].rows[0]?.[1]).toMatchObject({ formula: '=A1*3', value: 6 });
  });

  (existsSync(DIST_CODE) ? it : it.skip)('evaluates PLAN_BONUS from dist/Code.js typed by a person in ru_RU', () => {
    const workbook = workbookWith('Планы');
    const s = createSession({ workbook, codePath: DIST_CODE, user: OWNER });
    s.edit({ sheet: 'Планы', row: 5, column: 7, values: [['100 000', '120 000', '=PLAN_BONUS(H5; G5)']] });
    const cell = workbook.sheets[0].rows[4]?.[8];
    expect(cell?.formula).toBe('=PLAN_BONUS(H5, G5)');
    expect(cell?.value).toBe(6000); // plan exceeded: 5 % of 120 000
    s.edit({ sheet: 'Планы', row: 5, column: 7, values: [['']] });
    expect(workbook.sheets[0].rows[4]?.[8]?.value).toBe('#ERROR!');
    expect(s.cellError('Планы', 5, 9)).toMatch(/план/);
  });
});

/**
 * Beside the calls, the counter keeps what they moved: the cells of content
 * each Range read or write touched, and every execution begun, a custom
 * function's evaluation included (on Google each is its own execution).
 */
import { sessionFor, workbookWith } from './fixture';

const CODE = `
function readBlock() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange(1, 1, 3, 4).getValues().length; }
function writeBlock() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange(1, 1, 2, 2).setValues([[1, 2], [3, 4]]); }
function formatBlock() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange(1, 1, 5, 5).setNumberFormat('0.00'); }
function appendOne() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').appendRow([1, 2, 3]); }
function oneCell() { var r = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange('B2'); r.setValue(7); return r.getValue(); }
/**
 * Doubles.
 * @param {number} x
 * @customfunction
 */
function DOUBLE(x) { return Array.isArray(x) ? x.map(function (r) { return r.map(function (v) { return v * 2; }); }) : x * 2; }
`;

describe('the usage counter', () => {
  it('counts the cells of content read and written, not formats', () => {
    const s = sessionFor(CODE);
    s.resetCalls();
    s.run('readBlock');
    s.run('writeBlock');
    s.run('formatBlock');
    s.run('oneCell');
    s.run('appendOne');
    expect(s.usage()).toEqual({ cellsRead: 13, cellsWritten: 8, executions: { FULL: 5 } });
    s.resetCalls();
    expect(s.usage()).toEqual({ cellsRead: 0, cellsWritten: 0, executions: {} });
  });

  it('counts one execution per custom-function formula, one for an array formula over a column', () => {
    const workbook = workbookWith('Лист1');
    const sheet = workbook.sheets[0];
    for (let r = 0; r < 6; r++) sheet.rows[r] = [{ value: r + 1 }];
    const s = sessionFor(CODE, workbook);
    s.edit({ sheet: 'Лист1', row: 1, column: 2, values: [['=DOUBLE(A1)'], ['=DOUBLE(A2)'], ['=DOUBLE(A3)']] });
    s.edit({ sheet: 'Лист1', row: 1, column: 3, values: [['=DOUBLE(A1:A6)']] });
    s.resetCalls();
    s.recalculate();
    expect(s.usage().executions).toEqual({ CUSTOM_FUNCTION: 4 });
    expect(s.workbook.sheets[0].rows[5]?.[2]?.value).toBe(12);
  });
});

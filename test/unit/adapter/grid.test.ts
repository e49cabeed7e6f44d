/**
 * Appending rows after the last row with content: one row in one call, more as one block after the
 * grid has grown, and nothing at all for no rows.
 */
import type { LocalRuntimeSession } from '../../../local/runtime';
import { appendRows, ensureGridRows } from '../../../src/adapter/grid';
import { activeSpreadsheet, installRuntime, uninstallRuntime } from './runtime-services';

let session: LocalRuntimeSession;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  session = installRuntime();
  sheet = activeSpreadsheet().insertSheet('Журнал');
  sheet.getRange(1, 1, 1, 2).setValues([['ID', 'Поле']]);
  sheet.deleteRows(3, sheet.getMaxRows() - 2);
  session.resetCalls();
});
afterEach(uninstallRuntime);

const rows = () => sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues();

describe('appendRows', () => {
  it('appends one row with a single call', () => {
    appendRows(sheet, [['С-00001', 'Этап']], 2);
    expect(session.calls()).toEqual({ 'Sheet.appendRow': 1 });
    expect(rows()).toEqual([
      ['ID', 'Поле'],
      ['С-00001', 'Этап'],
    ]);
  });

  it('appends several rows as one block past the end of the grid', () => {
    appendRows(
      sheet,
      [
        ['С-00001', 'Этап'],
        ['С-00002', 'Скидка, %'],
        ['С-00003', 'Статус клиента'],
      ],
      2,
    );
    expect(session.calls()['Range.setValues']).toBe(1);
    expect(session.calls()['Sheet.appendRow']).toBeUndefined();
    expect(sheet.getMaxRows()).toBe(4);
    expect(rows().map((r) => r[0])).toEqual(['ID', 'С-00001', 'С-00002', 'С-00003']);
  });

  it('makes no call for no rows', () => {
    appendRows(sheet, [], 2);
    expect(session.calls()).toEqual({});
    expect(sheet.getLastRow()).toBe(1);
  });
});

describe('ensureGridRows', () => {
  it('grows the grid to the row asked, and never shrinks it', () => {
    ensureGridRows(sheet, 5);
    expect(sheet.getMaxRows()).toBe(5);
    ensureGridRows(sheet, 3);
    expect(sheet.getMaxRows()).toBe(5);
  });
});

import { sessionFor } from './fixture';

const code = `
function sheet_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1'); }
function fill(a1, values) { sheet_().getRange(a1).setValues(values); }
function merge(a1) { sheet_().getRange(a1).merge(); }
function mergeAcross(a1) { sheet_().getRange(a1).mergeAcross(); }
function mergeVertically(a1) { sheet_().getRange(a1).mergeVertically(); }
function breakApart(a1) { sheet_().getRange(a1).breakApart(); }
function isPartOfMerge(a1) { return sheet_().getRange(a1).isPartOfMerge(); }
function mergedA1(a1) { return sheet_().getRange(a1).getMergedRanges().map(function (r) { return r.getA1Notation(); }).sort(); }
function values(a1) { return sheet_().getRange(a1).getValues(); }
function freezeRows(n) { sheet_().setFrozenRows(n); }
function insertRowsAfter(row, n) { sheet_().insertRowsAfter(row, n); }
function deleteRows(row, n) { sheet_().deleteRows(row, n); }
function deleteColumns(col, n) { sheet_().deleteColumns(col, n); }
`;

describe('Range merges as documented', () => {
  it('merge() keeps only the top-left value and stores one block', () => {
    const s = sessionFor(code);
    s.run('fill', [
      'A1:C2',
      [
        ['верх', 'б', 'в'],
        ['г', 'д', 'е'],
      ],
    ]);
    s.run('merge', ['A1:C2']);
    expect(s.run('values', ['A1:C2'])).toEqual([
      ['верх', '', ''],
      ['', '', ''],
    ]);
    expect(s.workbook.sheets[0].merges).toEqual([{ row: 0, col: 0, numRows: 2, numCols: 3 }]);
    expect(s.run('mergedA1', ['B2'])).toEqual(['A1:C2']);
    expect(s.run('isPartOfMerge', ['C2:D3'])).toBe(true);
    expect(s.run('isPartOfMerge', ['D1:D5'])).toBe(false);
  });

  it('mergeAcross() merges each row and mergeVertically() each column', () => {
    const s = sessionFor(code);
    s.run('mergeAcross', ['A1:C3']);
    expect(s.run('mergedA1', ['A1:C3'])).toEqual(['A1:C1', 'A2:C2', 'A3:C3']);
    s.run('breakApart', ['A1:C3']);
    s.run('mergeVertically', ['E1:F4']);
    expect(s.run('mergedA1', ['A1:Z10'])).toEqual(['E1:E4', 'F1:F4']);
  });

  it('getMergedRanges() returns blocks inside the range and blocks holding any of its cells', () => {
    const s = sessionFor(code);
    s.run('merge', ['B2:C3']);
    s.run('merge', ['E5:F5']);
    expect(s.run('mergedA1', ['A1:D4'])).toEqual(['B2:C3']);
    expect(s.run('mergedA1', ['C3:E5'])).toEqual(['B2:C3', 'E5:F5']);
    expect(s.run('mergedA1', ['A10'])).toEqual([]);
  });

  it('breakApart() unmerges whole blocks and refuses a block only partly selected', () => {
    const s = sessionFor(code);
    s.run('merge', ['A1:B2']);
    expect(() => s.run('breakApart', ['A1:A2'])).toThrow(
      'You must select all cells in a merged range to merge or unmerge them.',
    );
    expect(() => s.run('merge', ['B2:C3'])).toThrow('You must select all cells in a merged range');
    s.run('breakApart', ['A1:D4']);
    expect(s.run('isPartOfMerge', ['A1:B2'])).toBe(false);
    expect(s.workbook.sheets[0].merges).toEqual([]);
  });

  it('a larger merge absorbs the blocks inside it; a single cell is no merge', () => {
    const s = sessionFor(code);
    s.run('merge', ['A1:B1']);
    s.run('merge', ['A1:D2']);
    expect(s.run('mergedA1', ['A1:Z10'])).toEqual(['A1:D2']);
    s.run('merge', ['F1']);
    expect(s.run('isPartOfMerge', ['F1'])).toBe(false);
  });

  it('refuses to merge frozen and non-frozen rows, but merges across within them', () => {
    const s = sessionFor(code);
    s.run('freezeRows', [2]);
    expect(() => s.run('merge', ['A2:A3'])).toThrow("You can't merge frozen and non-frozen rows.");
    s.run('mergeAcross', ['A1:C4']);
    expect(s.run('mergedA1', ['A1:C4'])).toEqual(['A1:C1', 'A2:C2', 'A3:C3', 'A4:C4']);
  });

  it('merges move and grow with inserted rows and shrink with deleted rows and columns', () => {
    const s = sessionFor(code);
    s.run('merge', ['A3:B5']);
    s.run('merge', ['D1:E1']);
    s.run('insertRowsAfter', [1, 2]); // above the first block: it moves down
    expect(s.run('mergedA1', ['A1:Z20'])).toEqual(['A5:B7', 'D1:E1']);
    s.run('insertRowsAfter', [5, 1]); // inside it: it grows
    expect(s.run('mergedA1', ['A1:Z20'])).toEqual(['A5:B8', 'D1:E1']);
    s.run('deleteRows', [5, 3]);
    expect(s.run('mergedA1', ['A1:Z20'])).toEqual(['A5:B5', 'D1:E1']);
    s.run('deleteColumns', [5, 1]); // D1:E1 loses a column and is a single cell
    expect(s.run('mergedA1', ['A1:Y20'])).toEqual(['A5:B5']);
  });
});

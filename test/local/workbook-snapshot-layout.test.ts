/**
 * What the local page gets to draw a sheet as Sheets does: the merged blocks
 * of the window and which cells' text may overflow or wraps.
 */
import { emptySheet, emptyWorkbook } from '../../local/runtime/model';
import { sheetWindow } from '../../local/server/workbook-snapshot';

function sheet() {
  const wb = emptyWorkbook('Книга', 'director@example.com');
  const s = emptySheet(1, 'Лист1');
  s.rows[0] = [{ value: 'Заголовок' }];
  s.rows[1] = [
    { value: 'Текст' },
    { value: 12 },
    { value: 'Перенос', wrap: true },
    { value: 'Справа', horizontalAlignment: 'right' },
  ];
  s.rows[300] = [{ value: 'далеко' }];
  s.frozenRows = 1;
  s.merges = [
    { row: 0, col: 0, numRows: 1, numCols: 5 },
    { row: 300, col: 0, numRows: 2, numCols: 2 },
  ];
  wb.sheets.push(s);
  return { wb, s };
}

describe('the sheet window sent to the local page', () => {
  it('marks left-aligned text as able to overflow, and wrapped text as wrapping', () => {
    const { wb, s } = sheet();
    const row = sheetWindow(wb, s, 'director@example.com', 0, 10).rows[1];
    expect(row[0]).toMatchObject({ d: 'Текст', o: true });
    expect(row[1]?.o).toBeUndefined();
    expect(row[2]).toMatchObject({ w: true });
    expect(row[2]?.o).toBeUndefined();
    expect(row[3]?.o).toBeUndefined();
  });

  it('sends the merges of the frozen rows and of the window only', () => {
    const { wb, s } = sheet();
    expect(sheetWindow(wb, s, 'director@example.com', 0, 100).merges).toEqual([
      { row: 0, col: 0, numRows: 1, numCols: 5 },
    ]);
    expect(sheetWindow(wb, s, 'director@example.com', 250, 100).merges).toEqual([
      { row: 0, col: 0, numRows: 1, numCols: 5 },
      { row: 300, col: 0, numRows: 2, numCols: 2 },
    ]);
  });
});

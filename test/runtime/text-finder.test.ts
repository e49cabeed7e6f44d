/**
 * Range.createTextFinder as Sheets has it: substring and case-insensitive by
 * default, whole cells with matchEntireCell, case with matchCase, a regular
 * expression with useRegularExpression; row by row; findNext walks the matches
 * and then returns null. Each returned cell counts as one cell read.
 */
import { sessionFor, workbookWith } from './fixture';

const CODE = `
function col() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист1').getRange(1, 1, 6, 2); }
function rowsOf(ranges) { return ranges.map(function (r) { return r.getA1Notation(); }); }
function substring() { return rowsOf(col().createTextFinder('к-0000').findAll()); }
function entire() { return rowsOf(col().createTextFinder('К-00002').matchEntireCell(true).findAll()); }
function cased() { return rowsOf(col().createTextFinder('к-00002').matchEntireCell(true).matchCase(true).findAll()); }
function regex() { return rowsOf(col().createTextFinder('^(К-00001|К-00003)$').useRegularExpression(true).findAll()); }
function literal() { return rowsOf(col().createTextFinder('К-0000.').matchEntireCell(true).findAll()); }
function walk() {
  var f = col().createTextFinder('К-00002').matchEntireCell(true);
  var out = [];
  for (var r = f.findNext(); r; r = f.findNext()) out.push(r.getA1Notation());
  return out;
}
`;

function session() {
  const workbook = workbookWith('Лист1');
  const rows = [
    ['К-00001', 'a'],
    ['К-00002', 'К-00002'],
    ['x', ''],
    ['К-00003', 'К-00012'],
    ['К-00002', 'b'],
  ];
  workbook.sheets[0].rows = rows.map((r) => r.map((v) => (v === '' ? undefined : { value: v })));
  return sessionFor(CODE, workbook);
}

describe('Range.createTextFinder', () => {
  it('finds substrings case-insensitively by default, row by row', () => {
    expect(session().run('substring')).toEqual(['A1', 'A2', 'B2', 'A4', 'A5']);
  });

  it('matches whole cells, case, a regular expression, and escapes the text otherwise', () => {
    const s = session();
    expect(s.run('entire')).toEqual(['A2', 'B2', 'A5']);
    expect(s.run('cased')).toEqual([]);
    expect(s.run('regex')).toEqual(['A1', 'A4']);
    expect(s.run('literal')).toEqual([]);
  });

  it('walks the matches with findNext, then returns null; each found cell counts as read', () => {
    const s = session();
    s.resetCalls();
    expect(s.run('walk')).toEqual(['A2', 'B2', 'A5']);
    expect(s.usage().cellsRead).toBe(3);
  });
});

/**
 * What a person can do in the grid, as Sheets does it: a paste brings the
 * source cells along (validation included), a values-only paste keeps the
 * target's rules, a copied row brings its ID, a formula goes into a cell whose
 * validation only warns.
 */
import type { DataValidationModel } from '../../local/runtime/model';
import { sessionFor, workbookWith } from './fixture';

const code = `
function onEdit(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('edits', (p.getProperty('edits') || '') + e.range.getA1Notation() + ('value' in e ? '=' + e.value : '') + ';');
}
function edits() { return PropertiesService.getScriptProperties().getProperty('edits'); }
function changed(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('changes', (p.getProperty('changes') || '') + e.changeType + ';');
}
function changes() { return PropertiesService.getScriptProperties().getProperty('changes'); }
function watch() { ScriptApp.newTrigger('changed').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create(); }
function sortRange(a1, spec) {
  SpreadsheetApp.getActive().getSheetByName('Лист1').getRange(a1).sort(spec);
}
function copyFormula(from, to) {
  var sheet = SpreadsheetApp.getActive().getSheetByName('Лист1');
  sheet.getRange(from).copyTo(sheet.getRange(to));
  return sheet.getRange(to).getFormula();
}
`;

const onlyAB: DataValidationModel = { kind: 'list', values: ['a', 'b'], allowInvalid: false };

function setup() {
  const workbook = workbookWith('Лист1');
  const sheet = workbook.sheets[0];
  sheet.rows[0] = [{ value: 'С-00001' }, { value: 'zzz' }];
  sheet.rows[1] = [{ value: 'С-00002' }, { value: 'a', validation: { ...onlyAB } }];
  sheet.rows[4] = [undefined, { value: null, validation: { ...onlyAB } }];
  return { workbook, sheet, s: sessionFor(code, workbook) };
}

describe('a person’s paste', () => {
  it('carries the source values and replaces the target’s data validation', () => {
    const { sheet, s } = setup();
    s.paste({ sheet: 'Лист1', from: { row: 1, column: 2, numRows: 1, numColumns: 1 }, row: 2, column: 2 });
    expect(sheet.rows[1]?.[1]?.value).toBe('zzz');
    expect(sheet.rows[1]?.[1]?.validation).toBeUndefined();
    expect(s.run('edits')).toBe('B2=zzz;');
  });

  it('values only keeps the target’s validation, which refuses a value it does not allow', () => {
    const { sheet, s } = setup();
    expect(() =>
      s.paste({
        sheet: 'Лист1',
        from: { row: 1, column: 2, numRows: 1, numColumns: 1 },
        row: 5,
        column: 2,
        valuesOnly: true,
      }),
    ).toThrow(/Недопустимые данные в ячейке B5/);
    s.paste({
      sheet: 'Лист1',
      from: { row: 2, column: 2, numRows: 1, numColumns: 1 },
      row: 5,
      column: 2,
      valuesOnly: true,
    });
    expect(sheet.rows[4]?.[1]).toMatchObject({ value: 'a', validation: onlyAB });
  });

  it('copying a whole row copies its ID too', () => {
    const { sheet, s } = setup();
    s.paste({ sheet: 'Лист1', from: { row: 2, column: 1, numRows: 1, numColumns: 26 }, row: 7, column: 1 });
    expect(sheet.rows[6]?.[0]?.value).toBe('С-00002');
    expect(s.run('edits')).toMatch(/^(A7:Z7|7:7);$/);
  });
});

describe('a copied formula’s references', () => {
  function withFormula() {
    const workbook = workbookWith('Лист1');
    const sheet = workbook.sheets[0];
    sheet.rows[0] = [{ value: 1 }, { value: 10 }, { value: null, formula: '=A1*2+$B$1' }];
    sheet.rows[1] = [{ value: 2 }];
    sheet.rows[2] = [{ value: 3 }];
    const s = sessionFor(code, workbook);
    s.recalculate();
    return { sheet, s };
  }

  it('a paste shifts the relative references by how far the formula moved, and keeps the $-fixed ones', () => {
    const { sheet, s } = withFormula();
    s.paste({ sheet: 'Лист1', from: { row: 1, column: 3, numRows: 1, numColumns: 1 }, row: 3, column: 4 });
    expect(sheet.rows[2]?.[3]).toMatchObject({ formula: '=B3*2+$B$1' });
    s.recalculate();
    expect(sheet.rows[2]?.[3]?.value).toBe(10);
  });

  it('a reference moved above the first row becomes #REF!', () => {
    const { sheet, s } = withFormula();
    (sheet.rows[2] ??= [])[2] = { value: null, formula: '=A1+A3' };
    s.paste({ sheet: 'Лист1', from: { row: 3, column: 3, numRows: 1, numColumns: 1 }, row: 2, column: 3 });
    expect(sheet.rows[1]?.[2]?.formula).toBe('=#REF!+A2');
  });

  it('a values-only paste brings the value, not the formula', () => {
    const { sheet, s } = withFormula();
    s.paste({
      sheet: 'Лист1',
      from: { row: 1, column: 3, numRows: 1, numColumns: 1 },
      row: 3,
      column: 3,
      valuesOnly: true,
    });
    expect(sheet.rows[2]?.[2]).toMatchObject({ value: 12 });
    expect(sheet.rows[2]?.[2]?.formula).toBeUndefined();
  });

  it('Range.copyTo shifts them as a paste does', () => {
    const { s } = withFormula();
    expect(s.run('copyFormula', ['C1', 'D2'])).toBe('=B2*2+$B$1');
    expect(s.run('copyFormula', ['C1', 'C3'])).toBe('=A3*2+$B$1');
  });
});

describe('Range.sort', () => {
  function unsorted() {
    const workbook = workbookWith('Лист1');
    const sheet = workbook.sheets[0];
    const rows: Array<[string, unknown]> = [
      ['С-1', 'б'],
      ['С-2', null],
      ['С-3', 5],
      ['С-4', 'А'],
      ['С-5', true],
      ['С-6', 2],
    ];
    rows.forEach(([id, v], r) => (sheet.rows[r] = [{ value: id }, { value: v as never, note: `note ${id}` }]));
    return { sheet, s: sessionFor(code, workbook) };
  }
  const ids = (sheet: { rows: Array<Array<{ value: unknown } | undefined> | undefined> }) =>
    sheet.rows.slice(0, 6).map((r) => r?.[0]?.value);

  it('orders numbers, then text without case, then booleans, empty last; whole cells move with their rows', () => {
    const { sheet, s } = unsorted();
    s.run('sortRange', ['A1:B6', 2]);
    expect(ids(sheet)).toEqual(['С-6', 'С-3', 'С-4', 'С-1', 'С-5', 'С-2']);
    expect(sheet.rows[0]?.[1]).toMatchObject({ value: 2, note: 'note С-6' });
  });

  it('descending keeps empty cells last, and a script’s sort fires no onEdit', () => {
    const { sheet, s } = unsorted();
    s.run('sortRange', ['A1:B6', { column: 2, ascending: false }]);
    expect(ids(sheet)).toEqual(['С-5', 'С-1', 'С-4', 'С-3', 'С-6', 'С-2']);
    expect(s.run('edits')).toBeNull();
  });

  it('refuses a column outside the range', () => {
    const { s } = unsorted();
    expect(() => s.run('sortRange', ['A1:B6', 3])).toThrow(/Column 3 is not in the range A1:B6/);
  });
});

describe('typing into a validated cell', () => {
  it('a formula goes in where the validation only warns, and a refused value does not where it rejects', () => {
    const { sheet, s } = setup();
    sheet.rows[2] = [undefined, { value: null, validation: { ...onlyAB, allowInvalid: true } }];
    s.edit({ sheet: 'Лист1', row: 3, column: 2, values: [['=1+1']] });
    expect(sheet.rows[2]?.[1]).toMatchObject({ formula: '=1+1', value: 2 });
    expect(() => s.edit({ sheet: 'Лист1', row: 5, column: 2, values: [['c']] })).toThrow(/Недопустимые данные/);
  });
});

describe('array literals typed in a ru_RU sheet', () => {
  it("separate rows with ';' and columns with '\\', inside a call too", () => {
    const { sheet, s } = setup();
    s.edit({ sheet: 'Лист1', row: 10, column: 1, values: [['={1\\2;3\\4}']] });
    expect(sheet.rows[9]?.[0]?.formula).toBe('={1,2;3,4}');
    expect([sheet.rows[9]?.[0]?.value, sheet.rows[9]?.[1]?.value]).toEqual([1, 2]);
    expect([sheet.rows[10]?.[0]?.value, sheet.rows[10]?.[1]?.value]).toEqual([3, 4]);
    s.edit({ sheet: 'Лист1', row: 13, column: 1, values: [['=SUM({1,5\\2;3\\4}; 10)']] });
    expect(sheet.rows[12]?.[0]).toMatchObject({ formula: '=SUM({1.5,2;3,4}, 10)', value: 20.5 });
  });
});

describe('a person deletes rows', () => {
  it('fires no onEdit, only the installable onChange with REMOVE_ROW', () => {
    const { sheet, s } = setup();
    s.run('watch');
    s.deleteRows('Лист1', 1, 1);
    expect(sheet.rows[0]?.[0]?.value).toBe('С-00002');
    expect(s.run('edits')).toBeNull();
    expect(s.run('changes')).toBe('REMOVE_ROW;');
  });
});

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

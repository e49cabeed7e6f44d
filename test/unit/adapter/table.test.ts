/**
 * The adapter's table over the runtime's SpreadsheetApp: columns found by header wherever they
 * stand, unknown columns never written, text written stays text, and a missing tab or header is
 * a Russian error naming it.
 */
import { Table } from '../../../src/adapter/table';
import { DomainError } from '../../../src/domain/money';
import { activeSpreadsheet, installRuntime, uninstallRuntime } from './runtime-services';

let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  installRuntime();
  ss = activeSpreadsheet();
  sheet = ss.insertSheet('Клиенты');
  // the user moved «Клиент» to the front and added a column of their own
  sheet.getRange(1, 1, 3, 4).setValues([
    ['Клиент', ' ID клиента ', 'Моя пометка', 'Телефон'],
    ['ООО «Ромашка»', 'К-00001', 'звонить после 12', "'+79120000001"],
    ['ИП Петров', 'К-00012', '', "'+79120000002"],
  ]);
});
afterEach(uninstallRuntime);

const cells = () => sheet.getRange(1, 1, sheet.getLastRow(), 4).getValues();

describe('Table', () => {
  it('finds columns by their trimmed header text, not by position', () => {
    const t = Table.open(ss, 'Клиенты', ['ID клиента']);
    expect(t.col('ID клиента')).toBe(2);
    expect(t.col('Клиент')).toBe(1);
    expect(t.has('Телефон')).toBe(true);
    expect(t.has('Email')).toBe(false);
    expect(t.width).toBe(4);
    expect(t.lastRow).toBe(3);
    expect(t.readColumn('ID клиента')).toEqual(['К-00001', 'К-00012']);
    expect(t.record(t.readAll()[1])).toEqual({
      Клиент: 'ИП Петров',
      'ID клиента': 'К-00012',
      'Моя пометка': '',
      Телефон: '+79120000002',
    });
  });

  it('names the missing tab and the missing header in Russian', () => {
    expect(() => Table.open(ss, 'Сделки')).toThrow(
      new DomainError('Нет листа «Сделки». Запустите меню CRM → «Настроить таблицу».'),
    );
    expect(() => Table.open(ss, 'Клиенты', ['ИНН'])).toThrow(
      'На листе «Клиенты» нет столбца «ИНН». Верните заголовок или запустите CRM → «Настроить таблицу».',
    );
    expect(() => Table.open(ss, 'Клиенты', ['ИНН'])).toThrow(DomainError);
  });

  it('an empty tab has no headers and no rows', () => {
    const t = Table.of(ss.insertSheet('Пустой'));
    expect(t.width).toBe(0);
    expect(t.readAll()).toEqual([]);
    expect(t.readRows(2, 5)).toEqual([]);
    expect(t.name).toBe('Пустой');
  });

  it('writes fields by header into their own cells and leaves the user’s column alone', () => {
    const t = Table.open(ss, 'Клиенты');
    t.writeFields(3, { Телефон: '+79120000009', Клиент: 'ИП Петров А. А.' });
    t.writeCell(2, 'ID клиента', 'К-00002');
    t.writeColumn('Телефон', 2, ['+79120000005']);
    expect(cells()).toEqual([
      ['Клиент', ' ID клиента ', 'Моя пометка', 'Телефон'],
      ['ООО «Ромашка»', 'К-00002', 'звонить после 12', '+79120000005'],
      ['ИП Петров А. А.', 'К-00012', '', '+79120000009'],
    ]);
  });

  it('keeps text that looks like a formula or a number as text', () => {
    const t = Table.open(ss, 'Клиенты');
    t.writeFields(2, { Клиент: '=1+1', Телефон: '8 912 000' });
    expect(sheet.getRange(2, 1).getFormula()).toBe('');
    expect(sheet.getRange(2, 1).getValue()).toBe('=1+1');
    expect(sheet.getRange(2, 4).getValue()).toBe('8 912 000');
  });

  it('appends records after the last row, each value under its header, other columns empty', () => {
    const t = Table.open(ss, 'Клиенты');
    expect(t.lastRow).toBe(3);
    t.appendRecords([{ 'ID клиента': 'К-00013', Клиент: 'АО «Вектор»' }, { 'ID клиента': 'К-00014' }]);
    expect(t.lastRow).toBe(5);
    expect(cells().slice(3)).toEqual([
      ['АО «Вектор»', 'К-00013', '', ''],
      ['', 'К-00014', '', ''],
    ]);
    expect(() => t.appendRecords([{ ИНН: '7707083893' }])).toThrow('нет столбца «ИНН»');
  });

  it('finds rows whose cell is exactly one of the values, never a part of a longer one, never the header', () => {
    const t = Table.open(ss, 'Клиенты');
    t.appendRecords([{ 'ID клиента': 'К-000012' }, { 'ID клиента': 'ID клиента' }]);
    expect(t.findRows('ID клиента', ['К-00012'])).toEqual([3]);
    expect(t.findRows('ID клиента', ['К-00012', 'К-00001', ''])).toEqual([2, 3]);
    expect(t.findRows('ID клиента', ['К-0001.'])).toEqual([]);
    expect(t.findRows('ID клиента', ['К-0001.', 'К-00001'])).toEqual([2]);
    expect(t.findRows('ID клиента', [])).toEqual([]);
    expect(t.findRows('ID клиента', ['ID клиента'])).toEqual([5]);
    expect(t.findRows('Клиент', ['Клиент'])).toEqual([]);
  });

  it('searches the named columns only, each row once', () => {
    const t = Table.open(ss, 'Клиенты');
    expect(t.searchRows(['Клиент', 'Телефон'], '.*петров.*')).toEqual([3]);
    expect(t.searchRows(['Клиент'], '.*9120000001')).toEqual([]);
    expect(t.searchRows(['Клиент', 'Телефон'], '.*(ромашка|9120000001).*')).toEqual([2]);
    expect(t.searchRows(['Email'], '.*')).toEqual([]);
  });

  it('reads rows at given places, near ones in one block, the same rows either way', () => {
    const t = Table.open(ss, 'Клиенты');
    t.appendRecords(Array.from({ length: 10 }, (_, i) => ({ 'ID клиента': `К-${String(20 + i).padStart(5, '0')}` })));
    const few = t.readRowsAt([3, 2, 3]);
    expect([...few.keys()]).toEqual([2, 3]);
    expect(few.get(2)![1]).toBe('К-00001');
    const many = t.readRowsAt([4, 5, 6, 7, 9]);
    expect([...many.keys()]).toEqual([4, 5, 6, 7, 9]);
    expect([...many.values()].map((r) => r[1])).toEqual(['К-00020', 'К-00021', 'К-00022', 'К-00023', 'К-00025']);
    const far = t.readRowsAt([2, 13, 4, 12]);
    expect([...far.values()].map((r) => r[1])).toEqual(['К-00001', 'К-00020', 'К-00028', 'К-00029']);
    expect(t.readRowsAt([]).size).toBe(0);
  });

  it('sees rows appended by someone else only after refresh', () => {
    const t = Table.open(ss, 'Клиенты');
    expect(t.lastRow).toBe(3);
    sheet.appendRow(['Новый', 'К-00030', '', '']);
    expect(t.lastRow).toBe(3);
    t.refresh();
    expect(t.lastRow).toBe(4);
    expect(t.readColumn('ID клиента')).toEqual(['К-00001', 'К-00012', 'К-00030']);
  });
});

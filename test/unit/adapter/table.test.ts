/**
 * The adapter's table over the runtime's SpreadsheetApp: columns found by header wherever they
 * stand, unknown columns never written, text written stays text, and a missing tab or header is
 * a Russian error naming it.
 */
import { Table } from '../../../src/adapter/table';
import { DomainError } from '../../../src/domain/money';
import { emptyWorkbook } from '../../../local/runtime/model';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  session = installRuntime();
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

describe('Table at the edges', () => {
  it('reads nothing, and asks for no empty range, on a tab that has only its header row', () => {
    const t = Table.of(ss.insertSheet('Сделки'));
    t.sheet.getRange(1, 1, 1, 2).setValues([['ID сделки', 'Сумма']]);
    const headerOnly = Table.open(ss, 'Сделки');
    expect(headerOnly.lastRow).toBe(1);
    expect(headerOnly.readAll()).toEqual([]);
    expect(headerOnly.readRows(2, 0)).toEqual([]);
    expect(headerOnly.readColumn('Сумма')).toEqual([]);
    expect(headerOnly.searchRows(['ID сделки'], '.*')).toEqual([]);
    session.resetCalls();
    headerOnly.writeColumn('Сумма', 2, []);
    expect(session.calls()['Range.setValues']).toBeUndefined();
  });

  it('searches only the named columns of their span, wherever they stand', () => {
    const t = Table.open(ss, 'Клиенты');
    // «Моя пометка» lies between «ID клиента» and «Телефон» but is not searched
    expect(t.searchRows(['Телефон', 'ID клиента'], '.*(звонить|00012).*')).toEqual([3]);
    expect(t.searchRows(['Телефон', 'ID клиента'], 'звонить.*')).toEqual([]);
    expect(t.searchRows(['Телефон', 'ID клиента'], '.*0001.*')).toEqual([2, 3]);
  });

  it('finds rows in columns past Z (AA, AB, AZ, BA)', () => {
    const wide = ss.insertSheet('Широкий');
    const width = 53;
    const headers = Array.from({ length: width }, (_, i) => `Столбец ${i + 1}`);
    // column c holds «нужное» in row 2 + c % 7 only
    const rows = Array.from({ length: 7 }, (_, r) =>
      Array.from({ length: width }, (_, c) => ((c + 1) % 7 === r ? 'нужное' : `${r}-${c + 1}`)),
    );
    wide.insertColumnsAfter(26, width - 26);
    wide.getRange(1, 1, 8, width).setValues([headers, ...rows]);
    const t = Table.open(ss, 'Широкий');
    for (const c of [1, 7, 26, 27, 28, 52, 53]) {
      expect([c, t.findRows(`Столбец ${c}`, ['нужное'])]).toEqual([c, [2 + (c % 7)]]);
    }
  });

  it('reads a few rows one call each and more near rows in one block over their span', () => {
    const t = Table.open(ss, 'Клиенты');
    t.appendRecords(Array.from({ length: 20 }, (_, i) => ({ 'ID клиента': `К-${String(100 + i).padStart(5, '0')}` })));
    const reads = (rows: number[]) => {
      session.resetCalls();
      const got = t.readRowsAt(rows);
      return { calls: session.calls()['Range.getValues'], ids: [...got.values()].map((r) => r[1]) };
    };
    // rows 4… hold К-00100…
    expect(reads([4, 6, 8])).toEqual({ calls: 3, ids: ['К-00100', 'К-00102', 'К-00104'] });
    expect(reads([4, 5, 6, 7])).toEqual({ calls: 1, ids: ['К-00100', 'К-00101', 'К-00102', 'К-00103'] });
    // four rows over 16 rows: still one block; over 17 rows: one call each
    expect(reads([4, 10, 15, 19])).toEqual({ calls: 1, ids: ['К-00100', 'К-00106', 'К-00111', 'К-00115'] });
    expect(reads([4, 10, 15, 20])).toEqual({ calls: 4, ids: ['К-00100', 'К-00106', 'К-00111', 'К-00116'] });
  });

  it('writes adjacent fields in one call and each separate run in its own', () => {
    const t = Table.open(ss, 'Клиенты');
    const writes = (fields: Record<string, string>) => {
      session.resetCalls();
      t.writeFields(2, fields);
      return session.calls()['Range.setValues'];
    };
    expect(writes({ 'Моя пометка': 'перезвонить', Клиент: 'ООО «Ромашка-2»', 'ID клиента': 'К-00001' })).toBe(1);
    expect(writes({ Телефон: '+79120000003', Клиент: 'ООО «Ромашка-3»', 'Моя пометка': 'ждёт КП' })).toBe(2);
    expect(writes({ Телефон: '+79120000004' })).toBe(1);
    expect(cells()[1]).toEqual(['ООО «Ромашка-3»', 'К-00001', 'ждёт КП', '+79120000004']);
  });
});

describe('Table opened in one execution', () => {
  const calls = () => Object.values(session.calls()).reduce((a, b) => a + b, 0);

  it('a tab opened again reads nothing; once forgotten, its header row is read again', () => {
    Table.open(ss, 'Клиенты');
    sheet.getRange(1, 5).setValue('Email');
    session.resetCalls();
    const again = Table.open(ss, 'Клиенты');
    expect([calls(), again.has('Email')]).toEqual([0, false]);
    Table.forgetOpened(ss);
    const fresh = Table.open(ss, 'Клиенты');
    expect([fresh.has('Email'), fresh.col('Email')]).toEqual([true, 5]);
  });

  it('a table given its spreadsheet writes a date without asking the sheet for it', () => {
    const dated = (t: Table) => {
      session.resetCalls();
      t.writeCell(2, 'Моя пометка', new Date(2026, 2, 1));
      return session.calls()['Sheet.getParent'] ?? 0;
    };
    expect(dated(Table.of(sheet, [], 'Клиенты', ss))).toBe(0);
    expect(dated(Table.of(sheet))).toBe(1);
  });
});

describe('Table dates in a spreadsheet east of the script', () => {
  beforeEach(() => {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.timeZone = 'Asia/Yekaterinburg';
    session = installRuntime(workbook);
    ss = activeSpreadsheet();
    sheet = ss.insertSheet('Сделки');
    sheet.getRange(1, 1, 1, 3).setValues([['ID сделки', 'Дата', 'Сумма']]);
  });

  it('writes a day as that day’s midnight there and reads it back as the script’s day', () => {
    const t = Table.open(ss, 'Сделки');
    const day = new Date(2026, 2, 1); // 1 March, Moscow midnight
    t.appendRecords([{ 'ID сделки': 'С-00001', Дата: day, Сумма: 1000 }]);
    t.writeCell(2, 'Сумма', 1500);
    t.writeColumn('Дата', 3, [new Date(2026, 2, 2)]);
    t.writeFields(4, { 'ID сделки': 'С-00003', Дата: new Date(2026, 2, 3) });
    t.writeCell(5, 'Дата', new Date(2026, 2, 4));
    // in the cells: midnights in Yekaterinburg (UTC+5)
    const stored = sheet
      .getRange(2, 2, 4, 1)
      .getValues()
      .map((r) => (r[0] as Date).toISOString());
    expect(stored).toEqual([
      '2026-02-28T19:00:00.000Z',
      '2026-03-01T19:00:00.000Z',
      '2026-03-02T19:00:00.000Z',
      '2026-03-03T19:00:00.000Z',
    ]);
    const read = t.readColumn('Дата').map((d) => (d as Date).getTime());
    expect(read).toEqual([1, 2, 3, 4].map((d) => new Date(2026, 2, d).getTime()));
    expect((t.readAll()[0][1] as Date).getTime()).toBe(day.getTime());
    expect(t.readAll()[0][2]).toBe(1500);
    expect((t.readRowsAt([3]).get(3)![1] as Date).getTime()).toBe(new Date(2026, 2, 2).getTime());
  });
});

/**
 * The adapter's table, searching and reading at its edges: a tab with one data row, a match in
 * the last column of a span, IDs holding regular-expression characters, and a table without
 * dates never asking the spreadsheet's time zone.
 */
import { Table } from '../../../src/adapter/table';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { emptyWorkbook } from '../../../local/runtime/model';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  session = installRuntime();
  ss = activeSpreadsheet();
  sheet = ss.insertSheet('Клиенты');
  sheet.getRange(1, 1, 2, 4).setValues([
    ['Клиент', 'ID клиента', 'Моя пометка', 'Телефон'],
    ['ООО «Ромашка»', 'К-00001', 'звонить после 12', "'+79120000001"],
  ]);
});
afterEach(uninstallRuntime);

describe('Table searching', () => {
  it('searches a tab with one data row, up to the last column of the span', () => {
    const t = Table.open(ss, 'Клиенты');
    expect(t.lastRow).toBe(2);
    expect(t.searchRows(['Клиент'], '.*ромашка.*')).toEqual([2]);
    expect(t.searchRows(['ID клиента', 'Телефон'], '.*79120000001')).toEqual([2]);
    expect(t.readColumn('ID клиента')).toEqual(['К-00001']);
  });

  it('takes every regular-expression character of an ID literally', () => {
    sheet.appendRow(['ИП Петров', 'К-00012', '', '']);
    sheet.appendRow(['АО «Вектор»', 'a.bXc', '', '']);
    sheet.appendRow(['ЗАО «Сигма»', 'К(1)+', '', '']);
    const t = Table.open(ss, 'Клиенты');
    expect(t.findRows('ID клиента', ['К-00012.', 'К-00099'])).toEqual([]);
    expect(t.findRows('ID клиента', ['a.b.c', 'К-00001'])).toEqual([2]);
    expect(t.findRows('ID клиента', ['a.b.c', 'a.bXc'])).toEqual([4]);
    expect(t.findRows('ID клиента', ['К(1)+', 'К-00012'])).toEqual([3, 5]);
    expect(t.findRows('ID клиента', ['К(1)+'])).toEqual([5]);
    expect(t.findRows('ID клиента', ['a.b.c'])).toEqual([]);
    // a blank is never an ID (Sheets refuses to search for nothing)
    expect(t.findRows('ID клиента', [''])).toEqual([]);
    expect(t.findRows('ID клиента', ['', 'К-00012'])).toEqual([3]);
  });

  it('matches the whole cell, not a part of it', () => {
    const t = Table.open(ss, 'Клиенты');
    expect(t.searchRows(['Клиент', 'Телефон'], 'ромашка')).toEqual([]);
    expect(t.searchRows(['Клиент', 'Телефон'], 'ооо «ромашка»')).toEqual([2]);
  });

  it('searches and reads a tab trimmed to its data, without asking past its last row or column', () => {
    sheet.appendRow(['ИП Петров', 'К-00012', '', "'+79120000002"]);
    sheet.appendRow(['АО «Вектор»', 'К-00013', '', "'+79120000003"]);
    sheet.appendRow(['ЗАО «Сигма»', 'К-00014', '', '']);
    sheet.deleteRows(6, sheet.getMaxRows() - 5);
    sheet.deleteColumns(5, sheet.getMaxColumns() - 4);
    const t = Table.open(ss, 'Клиенты');
    expect(t.searchRows(['ID клиента', 'Телефон'], '.*0000[23]')).toEqual([3, 4]);
    expect(t.searchRows(['Телефон', 'Моя пометка'], '.+')).toEqual([2, 3, 4]);
    // four near rows: one block over rows 2–5, the last of the grid
    const rows = t.readRowsAt([2, 3, 5, 4, 2]);
    expect([...rows.values()].map((r) => r[1])).toEqual(['К-00001', 'К-00012', 'К-00013', 'К-00014']);
    expect(t.readRowsAt([3, 4, 4, 3]).get(4)![1]).toBe('К-00013');
  });
});

describe('Table headers', () => {
  it('are kept trimmed, as the checks of the workbook read them', () => {
    sheet.getRange(1, 1, 1, 2).setValues([['  Клиент', 'ID клиента  ']]);
    expect(Table.open(ss, 'Клиенты').headers).toEqual(['Клиент', 'ID клиента', 'Моя пометка', 'Телефон']);
  });
});

describe('Table reading without dates', () => {
  it('never asks for the time zone when no cell holds a date', () => {
    const t = Table.open(ss, 'Клиенты');
    session.resetCalls();
    expect(t.readAll()).toEqual([['ООО «Ромашка»', 'К-00001', 'звонить после 12', '+79120000001']]);
    t.writeCell(2, 'Моя пометка', 'перезвонить');
    expect(session.calls()['Spreadsheet.getSpreadsheetTimeZone']).toBeUndefined();
  });

  it('reads a date in any of the rows as the script’s day (east of Moscow), rows without one as they are', () => {
    const workbook = emptyWorkbook('Клиентская база', OWNER);
    workbook.timeZone = 'Asia/Yekaterinburg';
    installRuntime(workbook);
    ss = activeSpreadsheet();
    ss.insertSheet('Клиенты')
      .getRange(1, 1, 3, 3)
      .setValues([
        ['Клиент', 'ID клиента', 'Дата'],
        ['ООО «Ромашка»', 'К-00001', ''],
        ['ИП Петров', 'К-00012', new Date('2026-02-28T19:00:00Z')], // 1 March 00:00 in Yekaterinburg
      ]);
    const t = Table.open(ss, 'Клиенты');
    const rows = t.readAll();
    expect(rows[0][2]).toBe('');
    expect((rows[1][2] as Date).getTime()).toBe(new Date(2026, 2, 1).getTime());
  });
});

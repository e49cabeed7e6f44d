/**
 * «История этапов»: one row per accepted stage change, appended only; a specialist who may not
 * write the director's tab has the rows queued, and the director's next write puts them in, in
 * order, each once. Also the grid growing before a block is written past its last row.
 */
import { appendStageHistory, type StageChange } from '../../../src/adapter/stage-history';
import { ensureGridRows } from '../../../src/adapter/grid';
import { pendingEntries } from '../../../src/adapter/pending-writes';
import { protectForDirectors } from '../../../src/adapter/protection';
import { emptyWorkbook } from '../../../local/runtime/model';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const IVANOV = 'ivanov@proekt-a.ru';
const HEADERS = ['Время', 'ID сделки', 'Клиент', 'Было', 'Стало', 'Пользователь', 'Способ'];
let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;

beforeEach(() => {
  const workbook = emptyWorkbook('Клиентская база', OWNER);
  workbook.editors = [IVANOV];
  session = installRuntime(workbook);
  ss = activeSpreadsheet();
});
afterEach(uninstallRuntime);

const change = (dealId: string, from: string, to: string, over: Partial<StageChange> = {}): StageChange => ({
  dealId,
  client: 'ООО «Ромашка»',
  from,
  to,
  user: IVANOV,
  how: 'sidebar',
  ...over,
});
const tab = () => ss.getSheetByName('История этапов');
const rows = () => {
  const sheet = tab()!;
  return sheet
    .getRange(1, 1, sheet.getLastRow(), 7)
    .getValues()
    .map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)));
};
const T1 = new Date('2026-04-01T09:00:00.000Z');
const T2 = new Date('2026-04-01T10:00:00.000Z');

describe('appendStageHistory', () => {
  it('makes the tab with its headers and appends one row per change, text kept as text', () => {
    appendStageHistory(
      ss,
      [
        change('С-00001', 'Лид', 'Квалификация'),
        change('С-00002', 'КП', 'Переговоры', { client: '=IMPORTRANGE("x")', user: '  ', how: 'sheet' }),
        change('С-00003', 'Переговоры', 'Договор', { user: OWNER, how: 'override' }),
      ],
      T1,
    );
    expect(rows()).toEqual([
      HEADERS,
      [T1.toISOString(), 'С-00001', 'ООО «Ромашка»', 'Лид', 'Квалификация', IVANOV, 'Боковая панель'],
      [T1.toISOString(), 'С-00002', '=IMPORTRANGE("x")', 'КП', 'Переговоры', 'не определён', 'Лист'],
      [T1.toISOString(), 'С-00003', 'ООО «Ромашка»', 'Переговоры', 'Договор', OWNER, 'Директор в обход правил'],
    ]);
    expect(tab()!.getRange(3, 3).getFormula()).toBe('');
  });

  it('makes no tab when there is nothing to write', () => {
    appendStageHistory(ss, [], T1);
    expect(tab()).toBeNull();
  });

  it('queues the rows of a specialist who may not write the tab, and the director writes them first, once', () => {
    appendStageHistory(ss, [change('С-00001', 'Лид', 'Квалификация')], T1);
    protectForDirectors(tab()!, 'История этапов: только директор', [OWNER]);
    session.setUser(IVANOV);
    appendStageHistory(ss, [change('С-00002', 'Лид', 'Квалификация')], T1);
    appendStageHistory(ss, [change('С-00002', 'Квалификация', 'КП')], T2);
    expect(tab()!.getLastRow()).toBe(2);
    expect(pendingEntries(ss, 'history').map((e) => e.row.slice(0, 5))).toEqual([
      [T1.toISOString(), 'С-00002', 'ООО «Ромашка»', 'Лид', 'Квалификация'],
      [T2.toISOString(), 'С-00002', 'ООО «Ромашка»', 'Квалификация', 'КП'],
    ]);
    session.setUser(OWNER);
    const T3 = new Date('2026-04-01T11:00:00.000Z');
    appendStageHistory(ss, [change('С-00003', 'КП', 'Переговоры', { user: OWNER })], T3);
    expect(rows().slice(2)).toEqual([
      [T1.toISOString(), 'С-00002', 'ООО «Ромашка»', 'Лид', 'Квалификация', IVANOV, 'Боковая панель'],
      [T2.toISOString(), 'С-00002', 'ООО «Ромашка»', 'Квалификация', 'КП', IVANOV, 'Боковая панель'],
      [T3.toISOString(), 'С-00003', 'ООО «Ромашка»', 'КП', 'Переговоры', OWNER, 'Боковая панель'],
    ]);
    expect(pendingEntries(ss, 'history')).toEqual([]);
    // nothing new and nothing pending: nothing written
    appendStageHistory(ss, [], T3);
    expect(tab()!.getLastRow()).toBe(5);
  });

  it('writes the queued rows when called with no changes, the time back as a date', () => {
    ss.insertSheet('История этапов').getRange(1, 1, 1, 7).setValues([HEADERS]);
    protectForDirectors(tab()!, 'История этапов: только директор', [OWNER]);
    session.setUser(IVANOV);
    appendStageHistory(ss, [change('С-00004', 'Договор', 'Оплата')], T1);
    session.setUser(OWNER);
    appendStageHistory(ss, [], T2);
    expect(rows()).toEqual([
      HEADERS,
      [T1.toISOString(), 'С-00004', 'ООО «Ромашка»', 'Договор', 'Оплата', IVANOV, 'Боковая панель'],
    ]);
    expect(tab()!.getRange(2, 1).getValue()).toBeInstanceOf(Date);
  });

  it('writes a queued row with more cells than the tab at the tab’s width', () => {
    const t = T1.getTime().toString(36);
    PropertiesService.getDocumentProperties().setProperty(
      `crm.q.00000001.${t}.abcdef`,
      JSON.stringify([
        [
          `${t}-aaaaaa-1`,
          'history',
          [T1.toISOString(), 'С-00001', 'ООО «Ромашка»', 'Лид', 'КП', IVANOV, 'Боковая панель', 'лишнее'],
        ],
      ]),
    );
    appendStageHistory(ss, [], T2);
    expect(rows().slice(1)).toEqual([
      [T1.toISOString(), 'С-00001', 'ООО «Ромашка»', 'Лид', 'КП', IVANOV, 'Боковая панель'],
    ]);
    expect(tab()!.getLastColumn()).toBe(7);
  });

  it('appends past the last row of the grid', () => {
    const sheet = ss.insertSheet('История этапов');
    sheet.getRange(1, 1, 1, 7).setValues([HEADERS]);
    sheet.deleteRows(3, sheet.getMaxRows() - 2);
    sheet.getRange(2, 1, 1, 7).setValues([[T1, 'С-00001', 'А', 'Лид', 'Квалификация', OWNER, 'Лист']]);
    appendStageHistory(ss, [change('С-00002', 'Лид', 'Квалификация'), change('С-00003', 'Лид', 'Квалификация')], T2);
    expect(rows().map((r) => r[1])).toEqual(['ID сделки', 'С-00001', 'С-00002', 'С-00003']);
    expect(sheet.getMaxRows()).toBe(4);
  });
});

describe('ensureGridRows', () => {
  it('adds exactly the rows missing below the grid, and none when it is tall enough', () => {
    const sheet = ss.insertSheet('Лист');
    const rows0 = sheet.getMaxRows();
    session.resetCalls();
    ensureGridRows(sheet, rows0);
    expect(session.calls()['Sheet.insertRowsAfter']).toBeUndefined();
    expect(sheet.getMaxRows()).toBe(rows0);
    ensureGridRows(sheet, rows0 + 3);
    expect(sheet.getMaxRows()).toBe(rows0 + 3);
    sheet.getRange(rows0 + 3, 1).setValue('последняя');
    expect(sheet.getRange(rows0 + 3, 1).getValue()).toBe('последняя');
  });
});

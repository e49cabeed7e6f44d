/**
 * «Журнал»: entries appended only, each field as text; a specialist's entries wait in the queue
 * until the director's next write, which puts them first; rows typed into the unprotected
 * overflow tab are never entries, and are reported and removed.
 */
import { appendLog, appendLogLocked, logRefusedAccess, type LogEntry } from '../../../src/adapter/audit-log';
import { pendingEntries } from '../../../src/adapter/pending-writes';
import { protectForDirectors } from '../../../src/adapter/protection';
import { emptyWorkbook } from '../../../local/runtime/model';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, OWNER, uninstallRuntime } from './runtime-services';

const IVANOV = 'ivanov@proekt-a.ru';
const HEADERS = ['Время', 'Пользователь', 'Действие', 'Лист', 'ID', 'Поле', 'Было', 'Стало', 'Комментарий'];
const DROPPED =
  'Строка без подписи надстройки (внесена в лист вручную) или копия уже записанной: в «Журнал», память и ' +
  'историю этапов не попала';
let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;

beforeEach(() => {
  jest.resetModules();
  const workbook = emptyWorkbook('Клиентская база', OWNER);
  workbook.editors = [IVANOV];
  session = installRuntime(workbook);
  ss = activeSpreadsheet();
});
afterEach(uninstallRuntime);

const T1 = new Date('2026-04-01T09:00:00.000Z');
const T2 = new Date('2026-04-01T10:00:00.000Z');
const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  user: IVANOV,
  action: 'Изменение',
  sheet: 'Сделки',
  id: 'С-00001',
  field: 'Этап',
  before: 'Лид',
  after: 'КП',
  ...over,
});
const log = () => ss.getSheetByName('Журнал');
const rows = () => {
  const sheet = log()!;
  return sheet
    .getRange(1, 1, sheet.getLastRow(), 9)
    .getValues()
    .map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)));
};
const t1 = T1.toISOString();

describe('appendLog', () => {
  it('makes «Журнал» with its headers and writes each entry as text', () => {
    appendLog(
      ss,
      [
        entry(),
        entry({ user: ' ', before: new Date(2026, 2, 5), after: 1500.5, comment: '=1+1', id: '+7912' }),
        entry({ before: null, after: '  КП  ', field: '-скидка' }),
      ],
      T1,
    );
    expect(rows()).toEqual([
      HEADERS,
      [t1, IVANOV, 'Изменение', 'Сделки', 'С-00001', 'Этап', 'Лид', 'КП', ''],
      [t1, 'не определён', 'Изменение', 'Сделки', '+7912', 'Этап', '05.03.2026', '1500.5', '=1+1'],
      [t1, IVANOV, 'Изменение', 'Сделки', 'С-00001', '-скидка', '', 'КП', ''],
    ]);
    expect(log()!.getRange(3, 9).getFormula()).toBe('');
    expect(log()!.getRange(3, 8).getValue()).toBe('1500.5');
  });

  it('writes nothing, and makes no tab, for no entries', () => {
    appendLog(ss, [], T1);
    expect(log()).toBeNull();
  });

  it('appends below what is there, past the last row of the grid', () => {
    appendLog(ss, [entry()], T1);
    log()!.deleteRows(3, log()!.getMaxRows() - 2);
    appendLog(ss, [entry({ id: 'С-00002' }), entry({ id: 'С-00003' })], T2);
    expect(rows().map((r) => r[4])).toEqual(['ID', 'С-00001', 'С-00002', 'С-00003']);
  });

  it('queues a specialist’s entries; the director’s next write puts them first, then its own', () => {
    appendLog(ss, [entry()], T1);
    protectForDirectors(log()!, 'Журнал: только директор', [OWNER]);
    session.setUser(IVANOV);
    appendLog(ss, [entry({ id: 'С-00002' })], T1);
    expect(log()!.getLastRow()).toBe(2);
    expect(pendingEntries(ss, 'log')).toHaveLength(1);
    session.setUser(OWNER);
    appendLog(ss, [entry({ user: OWNER, id: 'С-00003' })], T2);
    expect(rows().slice(1)).toEqual([
      [t1, IVANOV, 'Изменение', 'Сделки', 'С-00001', 'Этап', 'Лид', 'КП', ''],
      [t1, IVANOV, 'Изменение', 'Сделки', 'С-00002', 'Этап', 'Лид', 'КП', ''],
      [T2.toISOString(), OWNER, 'Изменение', 'Сделки', 'С-00003', 'Этап', 'Лид', 'КП', ''],
    ]);
    expect(log()!.getRange(3, 1).getValue()).toBeInstanceOf(Date);
    expect(pendingEntries(ss, 'log')).toEqual([]);
  });

  it('writes a queued row of another width at the log’s width', () => {
    const t = T1.getTime().toString(36);
    PropertiesService.getDocumentProperties().setProperty(
      `crm.q.00000001.${t}.abcdef`,
      JSON.stringify([
        [`${t}-aaaaaa-1`, 'log', [t1, IVANOV, 'Старый формат']],
        [`${t}-aaaaaa-2`, 'log', [t1, IVANOV, 'Д', 'Л', 'ID', 'П', 'Б', 'С', 'К', 'лишнее']],
      ]),
    );
    appendLog(ss, [], T2);
    expect(rows().slice(1)).toEqual([
      [t1, IVANOV, 'Старый формат', '', '', '', '', '', ''],
      [t1, IVANOV, 'Д', 'Л', 'ID', 'П', 'Б', 'С', 'К'],
    ]);
    expect(log()!.getLastColumn()).toBe(9);
  });

  it('reads the overflow tab only to take and to forget its entries when nobody typed into it', () => {
    appendLog(ss, [entry()], T1);
    protectForDirectors(log()!, 'Журнал: только директор', [OWNER]);
    session.setUser(IVANOV);
    appendLog(ss, [entry({ id: 'С-00002', comment: 'я'.repeat(4_000) })], T1);
    expect(ss.getSheetByName('_Очередь записей')!.getLastRow()).toBe(2);
    session.setUser(OWNER);
    let overflowReads = 0;
    session.onServiceCall((call) => {
      if (call === 'Range.getValues') overflowReads++;
    });
    appendLog(ss, [entry({ user: OWNER, id: 'С-00003' })], T2);
    expect(overflowReads).toBe(2);
    expect(rows().map((r) => r[4])).toEqual(['ID', 'С-00001', 'С-00002', 'С-00003']);
  });

  it('reports a row typed into the overflow tab, never as an entry, and removes it', () => {
    PropertiesService.getDocumentProperties().setProperty('crm.queueOverflow', t1);
    const overflow = ss.insertSheet('_Очередь записей');
    const long = `["${'я'.repeat(1200)}"]`;
    overflow.getRange(1, 1, 3, 4).setValues([
      ['ID', 'Вид', 'Запись', 'Подпись'],
      ['x-1', 'memory', '["С-00001","Этап","Оплата",""]', 'подпись'],
      ['x-2', 'log', long, ''],
    ]);
    appendLog(ss, [entry()], T2);
    const t2 = T2.toISOString();
    expect(rows().slice(1)).toEqual([
      [
        t2,
        'не определён',
        'Отброшена запись очереди',
        '_Очередь записей',
        'x-1',
        'memory',
        '',
        '["С-00001","Этап","Оплата",""]',
        DROPPED,
      ],
      [
        t2,
        'не определён',
        'Отброшена запись очереди',
        '_Очередь записей',
        'x-2',
        'log',
        '',
        long.slice(0, 1000),
        DROPPED,
      ],
      [t2, IVANOV, 'Изменение', 'Сделки', 'С-00001', 'Этап', 'Лид', 'КП', ''],
    ]);
    expect(
      overflow
        .getRange(2, 1, 2, 4)
        .getValues()
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
    expect(PropertiesService.getDocumentProperties().getProperty('crm.queueOverflow')).toBeNull();
    // reported once
    appendLog(ss, [], T2);
    expect(log()!.getLastRow()).toBe(4);
  });
});

describe('the locked and best-effort forms', () => {
  it('appendLogLocked takes the document lock around the append', () => {
    let heldWhileWriting = false;
    session.onServiceCall((call) => {
      if (call === 'Range.setValues') heldWhileWriting = LockService.getDocumentLock().hasLock();
    });
    appendLogLocked(ss, [entry()], T1);
    expect(heldWhileWriting).toBe(true);
    expect(rows()).toHaveLength(2);
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });

  it('logs a refused director’s action, and a failure to log never hides the refusal', () => {
    logRefusedAccess(ss, IVANOV, 'Закрыть месяц', T1);
    expect(rows()[1]).toEqual([t1, IVANOV, 'Отказано: только директор', '', '', '', '', '', 'Закрыть месяц']);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken = new Proxy(ss, {
      get: (target, key) =>
        key === 'getSheetByName'
          ? () => {
              throw new Error('Service Spreadsheets failed while accessing document');
            }
          : Reflect.get(target, key),
    });
    expect(() => logRefusedAccess(broken, IVANOV, 'Закрыть месяц', T1)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('Service Spreadsheets failed');
    warn.mockRestore();
    expect(LockService.getDocumentLock().hasLock()).toBe(false);
  });
});

/**
 * The queue of writes a specialist may not make: values under Google's 9 KB, the store's budget,
 * the overflow tab whose rows are signed so that a typed or copied row is never an entry, and
 * entries forgotten by ID, each once.
 */
import { createHmac } from 'node:crypto';
import type { LocalRuntimeSession } from '../../../local/runtime';
import { activeSpreadsheet, installRuntime, uninstallRuntime } from './runtime-services';

type Queue = typeof import('../../../src/adapter/pending-writes');
let q: Queue;
/** Callers hold the document lock, which re-reads the store: a change another execution made counts. */
let relock: () => void;
let session: LocalRuntimeSession;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
const store = () => PropertiesService.getDocumentProperties();
const queueKeys = () =>
  Object.keys(store().getProperties())
    .filter((k) => k.startsWith('crm.q.'))
    .sort();
const overflowTab = () => ss.getSheetByName('_Очередь записей');

beforeEach(async () => {
  jest.resetModules();
  session = installRuntime();
  ss = activeSpreadsheet();
  ss.insertSheet('Сделки');
  q = await import('../../../src/adapter/pending-writes');
  relock = (await import('../../../src/adapter/document-properties')).refreshAfterLock;
});
afterEach(uninstallRuntime);

describe('utf8Bytes', () => {
  it('counts UTF-8 bytes as Google counts the quota', () => {
    expect(q.utf8Bytes('')).toBe(0);
    expect(q.utf8Bytes('a\u007f')).toBe(2);
    expect(q.utf8Bytes('\u0080я\u07ff')).toBe(6);
    expect(q.utf8Bytes('\u0800€\ud7ff\ue000\uffff')).toBe(15);
    expect(q.utf8Bytes('😀')).toBe(4);
    expect(q.utf8Bytes('\ud800\udc00\udbff\udfffa')).toBe(9);
  });
});

describe('queue keys', () => {
  it('are told apart from other properties, and carry the time they were written', () => {
    expect(q.isQueueKey('crm.q.00000001.abc.def')).toBe(true);
    expect(q.isQueueKey('crm.queueOverflow')).toBe(false);
    expect(q.queueKeyTime(`crm.q.00000001.${(1_775_000_000_000).toString(36)}.abcdef`)).toBe(1_775_000_000_000);
    const before = Date.now();
    expect(q.queueKeyTime('crm.q.00000001')).toBeGreaterThanOrEqual(before);
  });
});

describe('queueEntries and pendingEntries', () => {
  it('keeps rows as text under one new key per batch, in the order queued, each kind apart', () => {
    q.queueEntries(ss, 'log', []);
    expect(store().getProperties()).toEqual({});
    q.queueEntries(ss, 'log', [[new Date('2026-04-01T09:00:00Z'), 'ivanov@proekt-a.ru', null, undefined, 15]]);
    q.queueEntries(ss, 'memory', [['С-00001', 'Этап', 'КП', '']]);
    q.queueEntries(ss, 'log', [['2', 'второй']]);
    expect(queueKeys()).toHaveLength(3);
    expect(queueKeys().map((k) => k.split('.')[2])).toEqual(['00000001', '00000002', '00000003']);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([
      ['2026-04-01T09:00:00.000Z', 'ivanov@proekt-a.ru', '', '', '15'],
      ['2', 'второй'],
    ]);
    const [memory] = q.pendingEntries(ss, 'memory');
    expect(memory.kind).toBe('memory');
    expect(memory.row).toEqual(['С-00001', 'Этап', 'КП', '']);
    expect(q.pendingEntries(ss, 'history')).toEqual([]);
    expect(q.hasPending()).toBe(true);
    expect(q.queueState(ss)).toEqual(expect.objectContaining({ entries: 3, overflow: 0 }));
    // a random secret for signing overflow rows is made with the first queuing
    expect(store().getProperty('crm.queueSecret')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits many rows into values each under 8 000 bytes, none lost', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `С-${String(i).padStart(5, '0')}`,
      'Комментарий',
      'я'.repeat(100),
    ]);
    q.queueEntries(ss, 'log', rows);
    const values = queueKeys().map((k) => [k, store().getProperty(k)!] as const);
    expect(values.length).toBeGreaterThanOrEqual(4);
    for (const [k, v] of values) expect(q.utf8Bytes(k) + q.utf8Bytes(v)).toBeLessThanOrEqual(8_000);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0])).toEqual(rows.map((r) => r[0]));
    expect(overflowTab()).toBeNull();
  });

  it('keeps every value with its key under 8 000 bytes: an entry that fits alone but not with its key goes to the tab', () => {
    // an entry's JSON is 34 bytes around its text (ID of 17 characters, kind, brackets); its key is about 31
    q.queueEntries(ss, 'log', [['a'.repeat(7_906)]]);
    const [key] = queueKeys();
    expect(q.utf8Bytes(key) + q.utf8Bytes(store().getProperty(key)!)).toBeLessThanOrEqual(8_000);
    expect(overflowTab()).toBeNull();
    q.queueEntries(ss, 'log', [['b'.repeat(7_941)]]);
    expect(queueKeys()).toEqual([key]);
    expect(overflowTab()!.getLastRow()).toBe(2);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0][0])).toEqual(['a', 'b']);
  });

  it('reads the batches in the order they were queued, whatever order the store lists them in', () => {
    const t = Date.now().toString(36);
    store().setProperty(`crm.q.00000002.${t}.bbbbbb`, JSON.stringify([[`${t}-bbbbbb-2`, 'log', ['вторая']]]));
    store().setProperty(`crm.q.00000001.${t}.aaaaaa`, JSON.stringify([[`${t}-aaaaaa-1`, 'log', ['первая']]]));
    relock();
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([['первая'], ['вторая']]);
  });

  it('numbers its batches after the highest one even beside a key of the prefix that carries no number', () => {
    store().setProperties({ 'crm.q.-.x.y': '[]', 'crm.q.00000004.x.y': '[]' });
    relock();
    q.queueEntries(ss, 'log', [['первая']]);
    q.queueEntries(ss, 'log', [['вторая']]);
    expect(queueKeys().map((k) => k.split('.')[2])).toEqual(['-', '00000004', '00000005', '00000006']);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([['первая'], ['вторая']]);
  });

  it('puts an entry too big for one value into the signed overflow tab, and reads it back', () => {
    const big = ['С-00001', 'Комментарий', 'я'.repeat(4_000)];
    q.queueEntries(ss, 'log', [['С-00000', 'мал'], big]);
    const tab = overflowTab()!;
    expect(tab.isSheetHidden()).toBe(true);
    expect(tab.getRange(1, 1, 1, 4).getValues()).toEqual([['ID', 'Вид', 'Запись', 'Подпись']]);
    const [id, kind, text, signature] = tab.getRange(2, 1, 1, 4).getValues()[0] as string[];
    expect(kind).toBe('log');
    expect(JSON.parse(text)).toEqual(big);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toMatch(/^[0-9a-z]+-[0-9a-z]+-[0-9a-z]+$/);
    expect(store().getProperty('crm.queueOverflow')).not.toBeNull();
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0])).toEqual(['С-00000', 'С-00001']);
    expect(q.queueState(ss)).toEqual(expect.objectContaining({ entries: 1, overflow: 1 }));
  });

  it('sends rows to the overflow tab once the store is near its 500 KB', () => {
    const filler: Record<string, string> = {};
    for (let i = 0; i < 57; i++) filler[`crm.fill.${i}`] = 'x'.repeat(8_000);
    store().setProperties(filler);
    q.queueEntries(ss, 'memory', [['С-00001', 'Этап', 'КП', '']]);
    expect(queueKeys()).toEqual([]);
    expect(q.pendingEntries(ss, 'memory').map((e) => e.row)).toEqual([['С-00001', 'Этап', 'КП', '']]);
    expect(q.queueState(ss).storeBytes).toBeGreaterThan(448_000);
  });
});

describe('the overflow tab is not trusted', () => {
  function oneOverflowEntry(): string[] {
    q.queueEntries(ss, 'memory', [['С-00001', 'Этап', 'я'.repeat(4_000), '']]);
    return overflowTab()!.getRange(2, 1, 1, 4).getValues()[0] as string[];
  }

  it('signs each row with standard HMAC-SHA256 of its ID, kind and text under the secret, whatever the secret’s length', () => {
    // the text holds letters of one to four UTF-8 bytes: «a», «я», «€», «😀»
    const text = 'a я € 😀 '.repeat(700);
    // 64 bytes is a block: a longer key is hashed first, a shorter one padded with zeros
    for (const secret of ['0123456789abcdef', 'f'.repeat(64), 'e'.repeat(65), 'd'.repeat(100)]) {
      store().setProperty('crm.queueSecret', secret);
      relock();
      q.queueEntries(ss, 'memory', [['С-00001', text]]);
      const row = overflowTab()!.getRange(overflowTab()!.getLastRow(), 1, 1, 4).getValues()[0] as string[];
      const [id, kind, json, signature] = row;
      expect(JSON.parse(json)).toEqual(['С-00001', text]);
      expect(signature).toBe(
        createHmac('sha256', secret).update(`${id}\u0000${kind}\u0000${json}`, 'utf8').digest('hex'),
      );
    }
    expect(q.pendingEntries(ss, 'memory')).toHaveLength(1);
  });

  it('reads a typed, altered, unknown-kind or duplicated row as planted, never as an entry', () => {
    const [id, kind, text, signature] = oneOverflowEntry();
    const altered = text.replace('Этап', 'Сумма');
    overflowTab()!
      .getRange(3, 1, 5, 4)
      .setValues([
        ['z-1', 'memory', '["С-00002","Этап","Оплата",""]', 'подпись'],
        [id, kind, altered, signature],
        [id, 'log', text, signature],
        [id, kind, text, signature],
        ['', '', '', ''],
      ]);
    const found = { planted: [] as string[][] };
    expect(q.pendingEntries(ss, 'memory', found).map((e) => e.row[0])).toEqual(['С-00001']);
    expect(found.planted.map((r) => r[0])).toEqual(['z-1', id, id, id]);
    expect(q.queueState(ss).overflow).toBe(1);
  });

  it('takes the planted rows out of the tab, keeping the entries', () => {
    const entry = oneOverflowEntry();
    overflowTab()!.appendRow(['z-1', 'log', '["подделка"]', '']);
    expect(q.takePlantedEntries(ss)).toEqual([['z-1', 'log', '["подделка"]', '']]);
    expect(overflowTab()!.getRange(2, 1, 2, 4).getValues()).toEqual([entry, ['', '', '', '']]);
    expect(q.takePlantedEntries(ss)).toEqual([]);
    expect(store().getProperty('crm.queueOverflow')).not.toBeNull();
  });

  it('a row planted without a queued entry: taken out, and the tab is no longer flagged', () => {
    oneOverflowEntry();
    const [entry] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [entry.id]);
    expect(store().getProperty('crm.queueOverflow')).toBeNull();
    // the flag is what sends readers to the tab: without it nothing there is read
    overflowTab()!.appendRow(['z-1', 'log', '["подделка"]', '']);
    expect(q.takePlantedEntries(ss)).toEqual([]);
    store().setProperty('crm.queueOverflow', '2026-04-01T09:00:00.000Z');
    relock();
    expect(q.takePlantedEntries(ss)).toHaveLength(1);
    expect(store().getProperty('crm.queueOverflow')).toBeNull();
  });

  it('a copy of an entry already written out is planted, not written again', () => {
    const row = oneOverflowEntry();
    const [entry] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [entry.id]);
    expect(q.pendingEntries(ss, 'memory')).toEqual([]);
    store().setProperty('crm.queueOverflow', '2026-04-01T09:00:00.000Z');
    relock();
    overflowTab()!.getRange(2, 1, 1, 4).setValues([row]);
    const found = { planted: [] as string[][] };
    expect(q.pendingEntries(ss, 'memory', found)).toEqual([]);
    expect(found.planted).toEqual([row]);
  });
});

describe('forgetEntries', () => {
  it('forgets exactly the written IDs, keeping what was queued meanwhile', () => {
    q.queueEntries(ss, 'log', [['a'], ['b']]);
    q.queueEntries(ss, 'memory', [['c']]);
    const [a, b] = q.pendingEntries(ss, 'log');
    q.forgetEntries(ss, []);
    q.forgetEntries(ss, [a.id]);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([['b']]);
    expect(queueKeys()).toHaveLength(2);
    q.forgetEntries(ss, [b.id, a.id]);
    expect(queueKeys()).toHaveLength(1);
    expect(q.pendingEntries(ss, 'memory').map((e) => e.row)).toEqual([['c']]);
    const [c] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [c.id]);
    expect(q.hasPending()).toBe(false);
    expect(q.queueState(ss)).toEqual(expect.objectContaining({ entries: 0, overflow: 0 }));
  });

  it('forgets entries of the overflow tab and keeps the planted rows there for their report', () => {
    q.queueEntries(ss, 'log', [['С-00001', 'я'.repeat(4_000)]]);
    q.queueEntries(ss, 'memory', [['С-00002', 'я'.repeat(4_000)]]);
    overflowTab()!.appendRow(['z-1', 'log', '["подделка"]', '']);
    const [first] = q.pendingEntries(ss, 'log');
    q.forgetEntries(ss, [first.id]);
    expect(q.pendingEntries(ss, 'log')).toEqual([]);
    expect(q.pendingEntries(ss, 'memory').map((e) => e.row[0])).toEqual(['С-00002']);
    const rows = overflowTab()!.getRange(2, 1, 3, 4).getValues();
    expect(rows.map((r) => r[0])).toEqual([q.pendingEntries(ss, 'memory')[0].id, 'z-1', '']);
    const [second] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [second.id]);
    expect(store().getProperty('crm.queueOverflow')).not.toBeNull();
    expect(q.takePlantedEntries(ss)).toHaveLength(1);
    expect(q.hasPending()).toBe(false);
  });

  it('ignores stored values that are not the queue’s', () => {
    store().setProperties({ 'crm.q.00000001.x.y': '{не json', 'crm.q.00000002.x.y': '[["id","log","не массив"],5]' });
    relock();
    expect(q.pendingEntries(ss, 'log')).toEqual([]);
    q.queueEntries(ss, 'log', [['после']]);
    expect(queueKeys().map((k) => k.split('.')[2])).toEqual(['00000001', '00000002', '00000003']);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([['после']]);
  });
});

describe('a queue that cannot be stored', () => {
  it('goes to the overflow tab when the store refuses, and to the execution log when that fails too', () => {
    const real = PropertiesService;
    const broken = () => {
      throw new Error('Service unavailable: Properties');
    };
    (globalThis as Record<string, unknown>).PropertiesService = {
      getDocumentProperties: () => ({
        getProperties: broken,
        getProperty: broken,
        setProperty: broken,
        setProperties: broken,
      }),
    };
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => q.queueEntries(ss, 'log', [['С-00001']])).not.toThrow();
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0][1])).toContain('С-00001');
    } finally {
      error.mockRestore();
      (globalThis as Record<string, unknown>).PropertiesService = real;
    }
    session.resetCalls();
  });
});

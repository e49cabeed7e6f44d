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
    // the key's parts: sequence, time and six random letters or digits
    for (const key of queueKeys()) expect(key).toMatch(/^crm\.q\.[0-9a-z]{8}\.[0-9a-z]{8}\.[0-9a-z]{1,6}$/);
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

  it('keeps rows queued together in one value, their IDs counted up one by one', () => {
    q.queueEntries(ss, 'history', [['a'], ['b'], ['c']]);
    expect(queueKeys()).toHaveLength(1);
    const entries = q.pendingEntries(ss, 'history');
    expect(entries.map((e) => e.row)).toEqual([['a'], ['b'], ['c']]);
    // the ID's last part counts the entries of the execution, so two in one millisecond differ
    const counts = entries.map((e) => parseInt(e.id.split('-')[2], 36));
    expect(counts.slice(1).map((c, i) => c - counts[i])).toEqual([1, 1]);
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
    // plain text cells: Sheets reads none of them as a number, a date or a formula
    expect(tab.getRange(2, 1, 1, 4).getNumberFormats()).toEqual([['@', '@', '@', '@']]);
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
    // the text holds letters of one to four UTF-8 bytes: «a», «я», «€», «😀», and those at each length's ends
    const text = 'a я € 😀 \u007f \u0080 \u07ff \u0800 \uffff \u{10000} '.repeat(400);
    // Apps Script's computeDigest takes Java's signed bytes, -128 to 127
    const digested: number[] = [];
    session.onServiceCall((call, args) => {
      if (call === 'Utilities.computeDigest') digested.push(...(args[1] as number[]));
    });
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
    expect(digested.length).toBeGreaterThan(0);
    expect(digested.filter((b) => !Number.isInteger(b) || b < -128 || b > 127)).toEqual([]);
    // both halves of the range occur: the conversion is exercised, not bypassed
    expect(digested.some((b) => b < 0) && digested.includes(127)).toBe(true);
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
    // nothing planted: the tab is read, not written
    session.resetCalls();
    expect(q.takePlantedEntries(ss)).toEqual([]);
    expect(session.calls()['Range.clearContent']).toBeUndefined();
    expect(session.calls()['Range.setValues']).toBeUndefined();
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
    // forgetting an entry leaves values that hold none of the written IDs as they are
    q.forgetEntries(
      ss,
      q.pendingEntries(ss, 'log').map((e) => e.id),
    );
    expect(queueKeys().map((k) => store().getProperty(k))).toEqual(['{не json', '[["id","log","не массив"],5]']);
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
      expect(error.mock.calls[0][0]).toBe('CRM: pending entries not stored');
      expect(String(error.mock.calls[0][1])).toContain('С-00001');
    } finally {
      error.mockRestore();
      (globalThis as Record<string, unknown>).PropertiesService = real;
    }
    session.resetCalls();
  });
});

describe('the budgets, to the byte', () => {
  // a fixed random part makes every ID and key of a known length: `<time>-i-<count>`, `crm.q.<sequence>.<time>.i`
  beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0.5));
  afterEach(() => jest.restoreAllMocks());
  const id = (count: number) => `${Date.now().toString(36)}-i-${count.toString(36)}`;
  const key = (sequence: number) => `crm.q.${sequence.toString(36).padStart(8, '0')}.${Date.now().toString(36)}.i`;
  const json = (entries: Array<[number, string, string[]]>) =>
    JSON.stringify(entries.map(([count, kind, row]) => [id(count), kind, row]));
  /** Bytes the store holds for one batch: its key and its value. */
  const batchBytes = (sequence: number, entries: Array<[number, string, string[]]>) =>
    q.utf8Bytes(key(sequence)) + q.utf8Bytes(json(entries));
  /** The key and the value of the secret the first queuing makes. */
  const SECRET_BYTES = 'crm.queueSecret'.length + 64;

  /** Other properties of exactly `bytes` bytes, keys and values counted. */
  function fillStore(bytes: number): void {
    const n = Math.ceil(bytes / 8_011);
    const text = bytes - n * 'crm.fill.00'.length;
    const filler: Record<string, string> = {};
    for (let i = 0; i < n; i++)
      filler[`crm.fill.${String(i).padStart(2, '0')}`] = 'x'.repeat(Math.floor(text / n) + (i < text % n ? 1 : 0));
    store().setProperties(filler);
    relock();
    expect(q.queueState(ss).storeBytes).toBe(bytes);
  }

  const row = ['С-00001', 'Этап', 'КП', ''];

  it('stores a batch that brings the store to exactly 450 000 bytes, the secret it makes counted', () => {
    fillStore(450_000 - SECRET_BYTES - batchBytes(1, [[1, 'memory', row]]));
    q.queueEntries(ss, 'memory', [row]);
    expect(queueKeys()).toHaveLength(1);
    expect(overflowTab()).toBeNull();
    expect(q.queueState(ss).storeBytes).toBe(450_000);
  });

  it('sends a batch one byte over 450 000 to the overflow tab, the secret it makes counted', () => {
    fillStore(450_001 - SECRET_BYTES - batchBytes(1, [[1, 'memory', row]]));
    q.queueEntries(ss, 'memory', [row]);
    expect(queueKeys()).toEqual([]);
    expect(overflowTab()!.getLastRow()).toBe(2);
    expect(q.pendingEntries(ss, 'memory').map((e) => e.row)).toEqual([row]);
  });

  it('counts each batch it stores against the budget of the next', () => {
    const first = ['a'.repeat(5_000)];
    const second = ['b'.repeat(5_000)];
    fillStore(450_001 - SECRET_BYTES - batchBytes(1, [[1, 'log', first]]) - batchBytes(2, [[2, 'log', second]]));
    store().setProperty('crm.queueSecret', 'f'.repeat(64));
    relock();
    q.queueEntries(ss, 'log', [first, second]);
    expect(queueKeys()).toHaveLength(1);
    expect(overflowTab()!.getLastRow()).toBe(2);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0][0])).toEqual(['a', 'b']);
  });

  it('stores an entry whose value is exactly 7 960 bytes (40 left for the key), and sends one byte more to the tab', () => {
    const text = (bytes: number, count: number) => 'a'.repeat(bytes - q.utf8Bytes(json([[count, 'log', ['']]])));
    q.queueEntries(ss, 'log', [[text(7_960, 1)]]);
    expect(queueKeys()).toHaveLength(1);
    expect(q.utf8Bytes(store().getProperty(queueKeys()[0])!)).toBe(7_960);
    expect(overflowTab()).toBeNull();
    q.queueEntries(ss, 'log', [[text(7_961, 2)]]);
    expect(queueKeys()).toHaveLength(1);
    expect(overflowTab()!.getLastRow()).toBe(2);
  });

  it('keeps two entries in one value of exactly 7 960 bytes, and splits them one byte over', () => {
    const text = (bytes: number, count: number) =>
      'a'.repeat(
        bytes -
          q.utf8Bytes(
            json([
              [count, 'log', ['x']],
              [count + 1, 'log', ['']],
            ]),
          ),
      );
    q.queueEntries(ss, 'log', [['x'], [text(7_960, 1)]]);
    expect(queueKeys()).toHaveLength(1);
    expect(q.utf8Bytes(store().getProperty(queueKeys()[0])!)).toBe(7_960);
    q.queueEntries(ss, 'log', [['x'], [text(7_961, 3)]]);
    expect(queueKeys()).toHaveLength(3);
    expect(overflowTab()).toBeNull();
    expect(q.pendingEntries(ss, 'log')).toHaveLength(4);
  });
});

describe('the overflow tab, row by row', () => {
  const big = (id: string) => [id, 'я'.repeat(4_000)];
  /** Waits for the next millisecond, so the next entry's ID is newer. */
  function nextMillisecond(): void {
    const now = Date.now();
    while (Date.now() === now);
  }

  it('grows a tab trimmed to its rows by exactly the rows it appends, and reads and rewrites it to its last row', () => {
    q.queueEntries(ss, 'log', [big('С-00001')]);
    const tab = overflowTab()!;
    tab.deleteRows(3, tab.getMaxRows() - 2);
    nextMillisecond();
    q.queueEntries(ss, 'log', [big('С-00002')]);
    expect([tab.getLastRow(), tab.getMaxRows()]).toEqual([3, 3]);
    const [first, second] = q.pendingEntries(ss, 'log');
    expect([first.row[0], second.row[0]]).toEqual(['С-00001', 'С-00002']);
    q.forgetEntries(ss, [first.id]);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0])).toEqual(['С-00002']);
    expect(tab.getRange(2, 1, 2, 1).getValues()).toEqual([[second.id], ['']]);
  });

  it('keeps the tab flagged while an entry waits in it', () => {
    q.queueEntries(ss, 'memory', [big('С-00001')]);
    nextMillisecond();
    q.queueEntries(ss, 'memory', [big('С-00002')]);
    const [first] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [first.id]);
    expect(store().getProperty('crm.queueOverflow')).not.toBeNull();
    expect(q.pendingEntries(ss, 'memory').map((e) => e.row[0])).toEqual(['С-00002']);
  });

  it('holds «history» entries too', () => {
    q.queueEntries(ss, 'history', [big('С-00001')]);
    expect(queueKeys()).toEqual([]);
    expect(q.pendingEntries(ss, 'history').map((e) => e.row[0])).toEqual(['С-00001']);
  });

  it('counts as waiting an entry that is only in the tab, and writes nothing empty to the store', () => {
    store().setProperty('crm.queueSecret', 'f'.repeat(64));
    relock();
    session.resetCalls();
    q.queueEntries(ss, 'log', [big('С-00001')]);
    expect(session.calls()['Properties.setProperties']).toBeUndefined();
    expect(queueKeys()).toEqual([]);
    expect(q.hasPending()).toBe(true);
  });

  it('skips an emptied row between entries: neither an entry nor planted', () => {
    q.queueEntries(ss, 'log', [big('С-00001')]);
    const planted = ['z-1', 'log', '["подделка"]', ''];
    overflowTab()!.getRange(4, 1, 1, 4).setValues([planted]);
    const found = { planted: [] as string[][] };
    expect(q.pendingEntries(ss, 'log', found).map((e) => e.row[0])).toEqual(['С-00001']);
    expect(found.planted).toEqual([planted]);
    expect(q.takePlantedEntries(ss)).toEqual([planted]);
  });

  it('reads a flagged tab whose rows a person deleted as empty', () => {
    q.queueEntries(ss, 'log', [big('С-00001')]);
    overflowTab()!.deleteRow(2);
    const found = { planted: [] as string[][] };
    expect(q.pendingEntries(ss, 'log', found)).toEqual([]);
    expect(found.planted).toEqual([]);
    expect(q.queueState(ss).overflow).toBe(0);
  });

  it('writes the entries back when a person deletes the tab’s rows while the planted ones are taken out', () => {
    q.queueEntries(ss, 'log', [big('С-00001')]);
    overflowTab()!.appendRow(['z-1', 'log', '["подделка"]', '']);
    let lookups = 0;
    session.onServiceCall((call) => {
      // the second look-up of the tab is the rewrite's, after the read
      if (call === 'Spreadsheet.getSheetByName' && ++lookups === 2) overflowTab()!.deleteRows(2, 2);
    });
    expect(q.takePlantedEntries(ss).map((r) => r[0])).toEqual(['z-1']);
    expect(lookups).toBe(2);
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0])).toEqual(['С-00001']);
  });

  it('reads a new entry queued after an older one of its kind was written out', () => {
    q.queueEntries(ss, 'memory', [big('С-00001')]);
    q.forgetEntries(
      ss,
      q.pendingEntries(ss, 'memory').map((e) => e.id),
    );
    nextMillisecond();
    q.queueEntries(ss, 'memory', [big('С-00002')]);
    const found = { planted: [] as string[][] };
    expect(q.pendingEntries(ss, 'memory', found).map((e) => e.row[0])).toEqual(['С-00002']);
    expect(found.planted).toEqual([]);
  });
});

describe('reading only what it needs', () => {
  it('neither reads nor changes the tab unless it is flagged', () => {
    q.queueEntries(ss, 'log', [['a']]);
    const [entry] = q.pendingEntries(ss, 'log');
    session.resetCalls();
    expect(q.pendingEntries(ss, 'log')).toHaveLength(1);
    q.forgetEntries(ss, [entry.id]);
    expect(session.calls()['Spreadsheet.getSheetByName']).toBeUndefined();
    expect(session.calls()['Properties.deleteProperty']).toBe(1);
    expect(q.hasPending()).toBe(false);
  });

  it('forgets nothing, with no service call, when no ID is given', () => {
    q.queueEntries(ss, 'log', [['С-00001', 'я'.repeat(4_000)]]);
    q.pendingEntries(ss, 'log');
    session.resetCalls();
    q.forgetEntries(ss, []);
    expect(session.calls()).toEqual({});
  });

  it('writes nothing when the IDs to forget are not queued', () => {
    q.queueEntries(ss, 'log', [['a']]);
    session.resetCalls();
    q.forgetEntries(ss, ['lzzzzzzz-aaaaaa-1']);
    expect(session.calls()['Properties.setProperties']).toBeUndefined();
    expect(session.calls()['Properties.deleteProperty']).toBeUndefined();
    expect(store().getProperty('crm.queueDrained')).toBeNull();
    expect(q.pendingEntries(ss, 'log')).toHaveLength(1);
  });

  it('leaves the overflow tab unwritten when none of the IDs to forget is in it', () => {
    q.queueEntries(ss, 'log', [['С-00001', 'я'.repeat(4_000)]]);
    q.queueEntries(ss, 'memory', [['a']]);
    const [stored] = q.pendingEntries(ss, 'memory');
    session.resetCalls();
    q.forgetEntries(ss, [stored.id]);
    expect(session.calls()['Range.setValues']).toBeUndefined();
    expect(session.calls()['Range.clearContent']).toBeUndefined();
    expect(q.pendingEntries(ss, 'log').map((e) => e.row[0])).toEqual(['С-00001']);
    expect(q.pendingEntries(ss, 'memory')).toEqual([]);
  });

  it('neither reads, counts nor forgets a property outside the queue, whatever it holds', () => {
    const foreign = JSON.stringify([['lzzzzzzz-aaaaaa-1', 'log', ['чужое']]]);
    store().setProperty('crm.other', foreign);
    relock();
    expect(q.pendingEntries(ss, 'log')).toEqual([]);
    expect(q.queueState(ss).entries).toBe(0);
    q.forgetEntries(ss, ['lzzzzzzz-aaaaaa-1']);
    expect(store().getProperty('crm.other')).toBe(foreign);
  });
});

describe('the time of the newest entry written out, by kind', () => {
  const t = Date.now();
  const entryId = (time: number, n: number) => `${time.toString(36)}-aaaaaa-${n}`;
  const drained = () => JSON.parse(store().getProperty('crm.queueDrained') ?? 'null') as unknown;

  it('is the newest written entry’s, not that of one still queued beside it', () => {
    store().setProperty(
      'crm.q.00000001.x.y',
      JSON.stringify([
        [entryId(t, 1), 'log', ['a']],
        [entryId(t + 5, 2), 'log', ['b']],
      ]),
    );
    relock();
    q.forgetEntries(ss, [entryId(t, 1)]);
    expect(drained()).toEqual({ log: t });
    expect(q.pendingEntries(ss, 'log').map((e) => e.row)).toEqual([['b']]);
  });

  it('never goes back, and is not written again when it stays', () => {
    store().setProperties({
      'crm.q.00000001.x.a': JSON.stringify([[entryId(t, 1), 'log', ['a']]]),
      'crm.q.00000002.x.b': JSON.stringify([[entryId(t + 5, 2), 'log', ['b']]]),
      'crm.q.00000003.x.c': JSON.stringify([[entryId(t + 5, 3), 'log', ['c']]]),
    });
    relock();
    q.forgetEntries(ss, [entryId(t + 5, 2)]);
    q.forgetEntries(ss, [entryId(t, 1)]);
    expect(drained()).toEqual({ log: t + 5 });
    session.resetCalls();
    q.forgetEntries(ss, [entryId(t + 5, 3)]);
    expect(session.calls()['Properties.setProperties']).toBeUndefined();
    expect(drained()).toEqual({ log: t + 5 });
    expect(q.hasPending()).toBe(false);
  });

  it('starts afresh from a stored value that is not a record of times', () => {
    q.queueEntries(ss, 'memory', [['С-00001', 'я'.repeat(4_000)]]);
    for (const raw of ['null', '5']) {
      store().setProperty('crm.queueDrained', raw);
      relock();
      expect(q.pendingEntries(ss, 'memory').map((e) => e.row[0])).toEqual(['С-00001']);
    }
    const [entry] = q.pendingEntries(ss, 'memory');
    q.forgetEntries(ss, [entry.id]);
    expect(drained()).toEqual({ memory: parseInt(entry.id.split('-')[0], 36) });
  });
});

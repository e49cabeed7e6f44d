/**
 * Whether the director's edit trigger runs and whether the queue of pending writes drains: the
 * state and the Russian notice the director reads, and the one step that repairs it.
 */
import type { LocalRuntimeSession } from '../../../local/runtime';
import { installRuntime, uninstallRuntime } from './runtime-services';

type Health = typeof import('../../../src/adapter/trigger-health');
let h: Health;
let session: LocalRuntimeSession;
const store = () => PropertiesService.getDocumentProperties();
/** 1 April 2026, hh:mm Moscow time (UTC+3). */
const msk = (hhmm: string, day = 1) => new Date(`2026-04-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);
const MIN = 60_000;
const edit = (at: Date, a1 = 'E5') => ({ at: at.toISOString(), sheet: 'Сделки', a1, self: false });
const REPAIR = 'Директору: меню CRM → «Настроить таблицу».';

// each test is an execution of its own: the module's read of the properties lives one execution
beforeEach(async () => {
  jest.resetModules();
  session = installRuntime();
  h = await import('../../../src/adapter/trigger-health');
});
afterEach(uninstallRuntime);

describe('readTriggerHealth', () => {
  it('with nothing installed: the simple trigger enforces, nothing to tell', () => {
    expect(h.readTriggerHealth(msk('10:00'))).toEqual({
      state: 'none',
      registration: null,
      lastRun: null,
      unseen: [],
      queueWaiting: false,
      queueSince: null,
      queueOverflow: false,
      notice: '',
    });
  });

  it('a trigger of an earlier version (no ID) counts as installed', () => {
    store().setProperty('crm.ownerEditTrigger', '1');
    expect(h.readTriggerHealth(msk('10:00')).registration).toEqual({ id: '', owner: '' });
    expect(h.readTriggerHealth(msk('10:00')).state).toBe('ok');
  });

  it('is stale only once an edit has waited longer than the grace for a run', () => {
    h.registerEditTrigger('t-1', 'director@proekt-a.ru', msk('09:00'));
    const first = h.readTriggerHealth(msk('10:00'));
    h.recordEdit(edit(msk('10:00')), first);
    expect(h.readTriggerHealth(msk('10:02')).state).toBe('ok');
    const stale = h.readTriggerHealth(new Date(msk('10:02').getTime() + 1));
    expect(stale.state).toBe('stale');
    expect(stale.lastRun).toEqual(msk('09:00'));
    expect(stale.unseen).toEqual([edit(msk('10:00'))]);
    expect(stale.notice).toBe(
      'Проверка правок от имени директора не работает с 01.04.2026 09:00: ' +
        'правки проверяются без неё, записи журнала ждут в очереди. ' +
        REPAIR,
    );
  });

  it('an edit within the grace after the last run counts as seen by it', () => {
    h.registerEditTrigger('t-1', 'director@proekt-a.ru', msk('10:00'));
    const health = h.readTriggerHealth(msk('10:00'));
    h.recordEdit(edit(new Date(msk('10:00').getTime() + 2 * MIN)), health);
    h.recordEdit(edit(new Date(msk('10:00').getTime() + 2 * MIN + 1), 'E6'), h.readTriggerHealth(msk('10:03')));
    const later = h.readTriggerHealth(msk('11:00'));
    expect(later.unseen.map((e) => e.a1)).toEqual(['E6']);
    expect(later.state).toBe('stale');
  });

  it('drops unreadable edits and times, and names no last run it does not know', () => {
    store().setProperties({
      'crm.editTrigger': JSON.stringify({ id: 't-1', owner: '' }),
      'crm.editHeartbeat': 'вчера',
      'crm.lastEdit': JSON.stringify([{ at: 'не время', sheet: 'Сделки', a1: 'A1', self: false }, edit(msk('08:00'))]),
    });
    const health = h.readTriggerHealth(msk('10:00'));
    expect(health.lastRun).toBeNull();
    expect(health.unseen).toEqual([edit(msk('08:00'))]);
    expect(health.notice).toBe(
      'Проверка правок от имени директора не работает: правки проверяются без неё, записи журнала ждут в очереди. ' +
        REPAIR,
    );
  });

  it('reads broken JSON as nothing recorded', () => {
    store().setProperties({ 'crm.editTrigger': '{', 'crm.lastEdit': '{"a":1}' });
    const health = h.readTriggerHealth(msk('10:00'));
    expect(health.registration).toBeNull();
    expect(health.unseen).toEqual([]);
  });

  it('tells of a queue that has waited more than three hours, from its oldest entry', () => {
    const key = (seq: number, t: Date) => `crm.q.${String(seq).padStart(8, '0')}.${t.getTime().toString(36)}.abcdef`;
    store().setProperties({ [key(2, msk('07:30'))]: '[]', [key(1, msk('07:00'))]: '[]', 'crm.other': 'x' });
    const fresh = h.readTriggerHealth(msk('10:00'));
    expect(fresh.queueWaiting).toBe(true);
    expect(fresh.queueSince).toEqual(msk('07:00'));
    expect(fresh.notice).toBe('');
    const old = h.readTriggerHealth(new Date(msk('10:00').getTime() + 1));
    expect(old.notice).toBe(`Записи журнала ждут переноса в «Журнал» с 01.04.2026 07:00. ${REPAIR}`);
  });

  it('tells of a full store before an old queue, and both after a stale trigger', () => {
    store().setProperties({
      'crm.queueOverflow': msk('07:00').toISOString(),
      [`crm.q.00000001.${msk('06:00').getTime().toString(36)}.abcdef`]: '[]',
      'crm.editTrigger': JSON.stringify({ id: 't-1', owner: '' }),
      'crm.editHeartbeat': msk('05:00').toISOString(),
      'crm.lastEdit': JSON.stringify([edit(msk('06:00'))]),
    });
    const health = h.readTriggerHealth(msk('12:00'));
    expect(health.queueOverflow).toBe(true);
    expect(health.queueWaiting).toBe(true);
    expect(health.notice).toBe(
      'Проверка правок от имени директора не работает с 01.04.2026 05:00: правки проверяются без неё, записи ' +
        'журнала ждут в очереди. Хранилище надстройки заполнено: часть записей журнала ждёт на скрытом листе ' +
        `«_Очередь записей». ${REPAIR}`,
    );
  });

  it('an overflow alone is a queue waiting', () => {
    store().setProperty('crm.queueOverflow', msk('07:00').toISOString());
    const health = h.readTriggerHealth(msk('07:01'));
    expect(health.queueWaiting).toBe(true);
    expect(health.queueSince).toBeNull();
  });
});

describe('the registered trigger', () => {
  it('the first trigger to run where none is registered registers itself; another stands aside', () => {
    let asked = 0;
    const owner = () => {
      asked++;
      return 'director@proekt-a.ru';
    };
    expect(h.heartbeatIfRegistered('t-1', owner, msk('09:00'))).toBe(true);
    expect(asked).toBe(1);
    expect(h.readTriggerHealth(msk('09:00')).registration).toEqual({ id: 't-1', owner: 'director@proekt-a.ru' });
    expect(h.heartbeatIfRegistered('t-2', owner, msk('09:30'))).toBe(false);
    expect(h.readTriggerHealth(msk('09:30')).lastRun).toEqual(msk('09:00'));
    expect(h.heartbeatIfRegistered('t-1', owner, msk('10:00'))).toBe(true);
    expect(h.readTriggerHealth(msk('10:00')).lastRun).toEqual(msk('10:00'));
    expect(asked).toBe(1);
    expect(store().getProperty('crm.editHeartbeat')).toBe(msk('10:00').toISOString());
  });

  it('a registration without an ID (an earlier version) is taken over', () => {
    store().setProperty('crm.editTrigger', JSON.stringify({ id: '', owner: '' }));
    expect(h.heartbeatIfRegistered('t-3', () => 'deputy@proekt-a.ru', msk('09:00'))).toBe(true);
    expect(JSON.parse(store().getProperty('crm.editTrigger')!)).toEqual({ id: 't-3', owner: 'deputy@proekt-a.ru' });
  });

  it('registering starts the heartbeat and forgets the edits seen before', () => {
    h.recordEdit(edit(msk('08:00')), h.readTriggerHealth(msk('08:00')));
    h.registerEditTrigger('t-1', 'director@proekt-a.ru', msk('09:00'));
    expect(store().getProperties()).toEqual({
      'crm.editTrigger': JSON.stringify({ id: 't-1', owner: 'director@proekt-a.ru' }),
      'crm.ownerEditTrigger': '1',
      'crm.editHeartbeat': msk('09:00').toISOString(),
    });
  });
});

describe('the edits the simple trigger saw', () => {
  const edits = (n: number) => Array.from({ length: n }, (_, i) => edit(msk('08:00'), `A${i + 1}`));
  const stored = () => JSON.parse(store().getProperty('crm.lastEdit')!) as Array<{ a1: string; self: boolean }>;

  it('keeps at most 30: the first and the latest 29', () => {
    h.recordEdit(edit(msk('08:00'), 'A29'), { ...h.readTriggerHealth(msk('08:00')), unseen: edits(28) });
    expect(stored()).toHaveLength(29);
    h.recordEdit(edit(msk('08:00'), 'A30'), { ...h.readTriggerHealth(msk('08:00')), unseen: edits(29) });
    expect(stored().map((e) => e.a1)).toEqual(edits(30).map((e) => e.a1));
    h.recordEdit(edit(msk('08:00'), 'A31'), { ...h.readTriggerHealth(msk('08:00')), unseen: edits(30) });
    expect(stored().map((e) => e.a1)).toEqual([
      'A1',
      ...edits(31)
        .slice(2)
        .map((e) => e.a1),
    ]);
  });

  it('marks the edits the simple trigger enforced itself, keeping at most 30 the same way', () => {
    h.markEditsEnforced({ ...h.readTriggerHealth(msk('08:00')), unseen: edits(2) }, edit(msk('08:00'), 'B1'));
    expect(stored()).toEqual([
      { ...edit(msk('08:00'), 'A1'), self: true },
      { ...edit(msk('08:00'), 'A2'), self: true },
      { ...edit(msk('08:00'), 'B1'), self: true },
    ]);
    h.markEditsEnforced({ ...h.readTriggerHealth(msk('08:00')), unseen: edits(29) }, edit(msk('08:00'), 'B1'));
    expect(stored()).toHaveLength(30);
    h.markEditsEnforced({ ...h.readTriggerHealth(msk('08:00')), unseen: edits(30) }, edit(msk('08:00'), 'B1'));
    expect(stored().map((e) => e.a1)).toEqual([
      'A1',
      ...edits(30)
        .slice(2)
        .map((e) => e.a1),
      'B1',
    ]);
  });
});

describe('the time-driven trigger', () => {
  it('reads a registration and a last run stored before this version was installed', () => {
    store().setProperties({
      'crm.flushTrigger': JSON.stringify({ id: 'f-0', owner: 'director@proekt-a.ru' }),
      'crm.flushHeartbeat': msk('08:00').toISOString(),
    });
    expect(h.flushTriggerRegistration()).toEqual({ id: 'f-0', owner: 'director@proekt-a.ru' });
    expect(h.lastFlush()).toEqual(msk('08:00'));
  });

  it('keeps its registration and its last run', () => {
    expect(h.flushTriggerRegistration()).toBeNull();
    expect(h.lastFlush()).toBeNull();
    h.registerFlushTrigger('f-1', 'director@proekt-a.ru', msk('09:00'));
    expect(h.flushTriggerRegistration()).toEqual({ id: 'f-1', owner: 'director@proekt-a.ru' });
    expect(h.lastFlush()).toEqual(msk('09:00'));
    h.recordFlushHeartbeat(msk('10:00'));
    expect(h.lastFlush()).toEqual(msk('10:00'));
    expect(session.calls()['Properties.setProperty']).toBe(1);
  });
});

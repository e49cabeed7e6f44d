/**
 * Whether the director's installable onEdit trigger is doing its work. It
 * leaves a heartbeat in the document's properties on every run; the simple
 * onEdit notes every edit it sees. An edit that came well after the last
 * heartbeat means the trigger did not run for it (access revoked, the script
 * needs re-authorisation after an update, the daily trigger budget is spent,
 * the trigger was deleted): enforcement must not stop silently, so the simple
 * trigger takes over and the director is told, with the one step that repairs
 * it. The trigger that enforces is registered here by its unique ID, so a
 * second director's trigger (or an old one) stands aside instead of checking
 * and logging every edit twice.
 */
import { documentProperties } from './document-properties';
import { isQueueKey, OVERFLOW_KEY, queueKeyTime } from './pending-writes';

const EDIT_TRIGGER_KEY = 'crm.editTrigger';
/** Set by earlier versions of «Настроить таблицу» (no ID recorded). */
const LEGACY_KEY = 'crm.ownerEditTrigger';
const HEARTBEAT_KEY = 'crm.editHeartbeat';
const LAST_EDIT_KEY = 'crm.lastEdit';
const FLUSH_TRIGGER_KEY = 'crm.flushTrigger';
const FLUSH_HEARTBEAT_KEY = 'crm.flushHeartbeat';

/**
 * How long after its edit the trigger may leave its heartbeat. Both triggers
 * of one edit start at once; this covers a trigger waiting for the lock.
 */
export const HEARTBEAT_GRACE_MS = 2 * 60_000;
/** The queue is drained hourly; entries older than this mean the time-driven trigger does not run. */
export const QUEUE_STALE_MS = 3 * 60 * 60_000;

/** The one step that repairs it, as the director reads it. */
export const REPAIR_STEP = 'Директору: меню CRM → «Настроить таблицу».';

export interface TriggerRegistration {
  /** the trigger's unique ID ('' for one installed by an earlier version) */
  id: string;
  /** who installed it ('' when unknown) */
  owner: string;
}

/** An edit the simple trigger saw: when, and which cells. */
export interface SeenEdit {
  at: string;
  sheet: string;
  a1: string;
  /** whether the simple trigger enforced it itself */
  self: boolean;
}

/** At most this many unacknowledged edits are kept (a value stays far under 9 KB). */
const MAX_SEEN_EDITS = 30;

export interface TriggerHealth {
  /** 'none': not installed (the simple trigger enforces); 'ok'; 'stale': installed but not running */
  state: 'none' | 'ok' | 'stale';
  registration: TriggerRegistration | null;
  /** the trigger's last run */
  lastRun: Date | null;
  /** edits the simple trigger saw since the trigger's last run, oldest first */
  unseen: SeenEdit[];
  /** entries waiting for «Журнал» or the technical tab, and since when */
  queueWaiting: boolean;
  queueSince: Date | null;
  /** some entries wait in the overflow tab because the properties store is full */
  queueOverflow: boolean;
  /** what the director must read ('' when all is well): the problem and the one step */
  notice: string;
}

function props(): typeof documentProperties {
  return documentProperties;
}

function parseJson<T>(raw: string | undefined): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function dateOf(raw: string | undefined | null): Date | null {
  if (!raw) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}

function ddmmhhmm(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The health of the director's edit trigger and of the queue of pending
 * writes, read in one call from the document's properties. This is the one
 * place other features read it (the simple onEdit, onOpen, the sidebar, an
 * installation check): `state` says whether the trigger runs, `notice` is the
 * Russian text to show the director ('' when nothing needs doing), which ends
 * with the one step that repairs it.
 */
export function readTriggerHealth(now = new Date()): TriggerHealth {
  const all = props().getProperties();
  const registration =
    parseJson<TriggerRegistration>(all[EDIT_TRIGGER_KEY]) ?? (all[LEGACY_KEY] === '1' ? { id: '', owner: '' } : null);
  const lastRun = dateOf(all[HEARTBEAT_KEY]);
  const seen = parseJson<unknown>(all[LAST_EDIT_KEY]);
  const unseen = unacknowledged(Array.isArray(seen) ? (seen as SeenEdit[]) : [], lastRun);
  let state: TriggerHealth['state'] = 'none';
  if (registration) {
    // an edit the trigger has had time to see, and no run since: it missed that edit
    const first = unseen.length > 0 ? dateOf(unseen[0].at) : null;
    state = first && now.getTime() - first.getTime() > HEARTBEAT_GRACE_MS ? 'stale' : 'ok';
  }
  const queueKeys = Object.keys(all).filter(isQueueKey);
  const queueSince = queueKeys.length > 0 ? new Date(Math.min(...queueKeys.map(queueKeyTime))) : null;
  const queueOverflow = !!all[OVERFLOW_KEY];
  const lines: string[] = [];
  if (state === 'stale') {
    lines.push(
      `Проверка правок от имени директора не работает${lastRun ? ` с ${ddmmhhmm(lastRun)}` : ''}: ` +
        'правки проверяются без неё, записи журнала ждут в очереди.',
    );
  }
  if (queueOverflow) {
    lines.push(`Хранилище надстройки заполнено: часть записей журнала ждёт на скрытом листе «_Очередь записей».`);
  } else if (queueSince && now.getTime() - queueSince.getTime() > QUEUE_STALE_MS) {
    lines.push(`Записи журнала ждут переноса в «Журнал» с ${ddmmhhmm(queueSince)}.`);
  }
  if (lines.length > 0) lines.push(REPAIR_STEP);
  return {
    state,
    registration,
    lastRun,
    unseen,
    queueWaiting: queueKeys.length > 0 || queueOverflow,
    queueSince,
    queueOverflow,
    notice: lines.join(' '),
  };
}

/**
 * Whether the trigger with this unique ID is the one that enforces; if so, its
 * heartbeat is left (one read, one write). The first trigger to run where none
 * is registered (one installed by an earlier version) registers itself; any
 * other stands aside.
 */
export function heartbeatIfRegistered(triggerUid: string, owner: () => string, now = new Date()): boolean {
  const reg = parseJson<TriggerRegistration>(props().getProperty(EDIT_TRIGGER_KEY) ?? undefined);
  if (!reg || reg.id === '') {
    registerEditTrigger(triggerUid, owner(), now);
    return true;
  }
  if (reg.id !== triggerUid) return false;
  props().setProperty(HEARTBEAT_KEY, now.toISOString());
  return true;
}

/** Records which trigger enforces edits, and starts its heartbeat now. */
export function registerEditTrigger(id: string, owner: string, now = new Date()): void {
  props().setProperties({
    [EDIT_TRIGGER_KEY]: JSON.stringify({ id, owner }),
    [LEGACY_KEY]: '1',
    [HEARTBEAT_KEY]: now.toISOString(),
  });
  props().deleteProperty(LAST_EDIT_KEY);
}

/**
 * The edits not followed by a run of the trigger. The triggers of one edit
 * start at once in either order, so a run up to the grace period before an
 * edit counts as having seen it.
 */
function unacknowledged(edits: readonly SeenEdit[], lastRun: Date | null): SeenEdit[] {
  const run = lastRun?.getTime() ?? -Infinity;
  return edits.filter((e) => {
    const at = dateOf(e.at);
    return at !== null && at.getTime() > run + HEARTBEAT_GRACE_MS;
  });
}

/** At most MAX_SEEN_EDITS edits: the first (when the trouble began) and the latest. */
function capped(edits: SeenEdit[]): SeenEdit[] {
  // Stryker disable next-line EqualityOperator: at exactly the cap, the first and the latest are all of them
  return edits.length > MAX_SEEN_EDITS ? [edits[0], ...edits.slice(edits.length - MAX_SEEN_EDITS + 1)] : edits;
}

/**
 * The simple trigger saw an edit: keeps it with the others the trigger has not
 * acknowledged (one read, one write; a lost update between two simple triggers
 * only delays the notice).
 */
export function recordEdit(edit: SeenEdit, health: TriggerHealth): void {
  props().setProperty(LAST_EDIT_KEY, JSON.stringify(capped([...health.unseen, edit])));
}

/** After the simple trigger enforced the missed edits itself: they stay (the trigger still has not run) but marked. */
export function markEditsEnforced(health: TriggerHealth, current: SeenEdit): void {
  const all = [...health.unseen.map((e) => ({ ...e, self: true })), { ...current, self: true }];
  props().setProperty(LAST_EDIT_KEY, JSON.stringify(capped(all)));
}

/** The time-driven trigger that drains the queue: its registration and its heartbeat. */
export function flushTriggerRegistration(): TriggerRegistration | null {
  return parseJson<TriggerRegistration>(props().getProperty(FLUSH_TRIGGER_KEY) ?? undefined);
}

export function registerFlushTrigger(id: string, owner: string, now = new Date()): void {
  props().setProperties({
    [FLUSH_TRIGGER_KEY]: JSON.stringify({ id, owner }),
    [FLUSH_HEARTBEAT_KEY]: now.toISOString(),
  });
}

export function recordFlushHeartbeat(now = new Date()): void {
  props().setProperty(FLUSH_HEARTBEAT_KEY, now.toISOString());
}

/** When the time-driven trigger last ran. */
export function lastFlush(): Date | null {
  return dateOf(props().getProperty(FLUSH_HEARTBEAT_KEY));
}

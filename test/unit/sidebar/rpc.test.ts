/**
 * The sidebar's calls that write carry a request ID: the same one when the
 * call is retried (by the wrapper after a dropped connection, or by the person
 * after an error), a new one for the next save.
 */
import { serverApi } from '../../../sidebar/lib/rpc';

interface Api {
  createClient(form: Record<string, string>, confirm: boolean, requestId?: string): { status: string };
  getMyTasks(): string[];
}

type Outcome = { ok: unknown } | { fail: string };

/** A google.script.run that answers each call with the next outcome and records the arguments. */
function fakeRun(outcomes: Outcome[]) {
  const calls: Array<{ fn: string; args: unknown[] }> = [];
  const runner = () => {
    let success: (v: unknown) => void = () => undefined;
    let failure: (e: Error) => void = () => undefined;
    const r: Record<string, unknown> = {
      withSuccessHandler(fn: (v: unknown) => void) {
        success = fn;
        return r;
      },
      withFailureHandler(fn: (e: Error) => void) {
        failure = fn;
        return r;
      },
    };
    for (const name of ['createClient', 'getMyTasks']) {
      r[name] = (...args: unknown[]) => {
        calls.push({ fn: name, args });
        const next = outcomes.shift() ?? { ok: null };
        setTimeout(() => ('ok' in next ? success(next.ok) : failure(new Error(next.fail))), 0);
      };
    }
    return r;
  };
  (globalThis as Record<string, unknown>).google = {
    script: {
      get run() {
        return runner();
      },
      host: { close: () => undefined },
    },
  };
  return calls;
}

const form = { Клиент: 'Сидоров' };

describe('request IDs of the sidebar', () => {
  it('retries a dropped call once by itself with the same request ID', async () => {
    const calls = fakeRun([{ fail: 'NetworkError: Connection failure due to HTTP 0' }, { ok: { status: 'created' } }]);
    const api = serverApi<Api>({ createClient: 2 });
    await expect(api.createClient(form, false)).resolves.toEqual({ status: 'created' });
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map((c) => c.args[2]);
    expect(typeof first).toBe('string');
    expect(String(first).length).toBeGreaterThanOrEqual(16);
    expect(second).toBe(first);
  });

  it('keeps the ID of a failed save for the person\u2019s retry, and gives the next save a new one', async () => {
    const calls = fakeRun([
      { fail: 'Таблицу сейчас сохраняет другой пользователь.' },
      { ok: { status: 'created' } },
      { ok: { status: 'created' } },
    ]);
    const api = serverApi<Api>({ createClient: 2 });
    await expect(api.createClient(form, false)).rejects.toThrow(/другой пользователь/);
    await api.createClient(form, false);
    await api.createClient({ Клиент: 'Другой' }, false);
    const ids = calls.map((c) => c.args[2]);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[1]);
  });

  it('sends reads as they are, without an ID', async () => {
    const calls = fakeRun([{ ok: [] }]);
    await serverApi<Api>({ createClient: 2 }).getMyTasks();
    expect(calls[0].args).toEqual([]);
  });
});

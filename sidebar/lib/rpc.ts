/**
 * A typed promise wrapper around google.script.run. `Api` is the server's
 * interface from src/shared, so a renamed or retyped server function breaks the
 * sidebar's build rather than production.
 *
 * Calls that write get a request ID as their last argument. The ID of a call
 * that failed is kept and sent again when the same call (same arguments) is
 * made again, and a call that failed on the way (network, timeout) is retried
 * once by itself with it: the server then returns the first answer instead of
 * saving twice.
 */
interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [fn: string]: unknown;
}

declare const google: { script: { run: ScriptRun; host: { close(): void } } };

/** The server's functions as promise-returning calls. */
export type AsyncApi<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** For each call that writes, the 0-based position of its request ID argument. */
export type WritingCalls<Api> = Partial<Record<keyof Api, number>>;

/** Failures of the connection rather than of the server function: worth one automatic retry. */
const TRANSIENT = /network|connection|timed? ?out|timeout|HTTP 0|unavailable|quota/i;

/** A new request ID: random, URL-safe. */
export function newRequestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function call(name: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`Функция сервера ${name} недоступна`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** A proxy whose every property calls the server function of that name through google.script.run. */
export function serverApi<Api>(writing: WritingCalls<Api> = {}): AsyncApi<Api> {
  // the request ID of each call that failed, by its name and arguments
  const unanswered = new Map<string, string>();
  return new Proxy({} as AsyncApi<Api>, {
    get(_target, name) {
      const fnName = String(name);
      const at = (writing as Record<string, number | undefined>)[fnName];
      if (at === undefined) return (...args: unknown[]) => call(fnName, args);
      return async (...args: unknown[]) => {
        const sent = args.slice(0, at);
        while (sent.length < at) sent.push(undefined);
        const key = JSON.stringify([fnName, sent]);
        const requestId = unanswered.get(key) ?? newRequestId();
        unanswered.set(key, requestId);
        // on failure the ID stays: the person's next try of the same save carries it
        let answer: unknown;
        try {
          answer = await call(fnName, [...sent, requestId]);
        } catch (error) {
          if (!TRANSIENT.test(String((error as Error)?.message ?? error))) throw error;
          answer = await call(fnName, [...sent, requestId]);
        }
        unanswered.delete(key);
        return answer;
      };
    },
  });
}

/** Closes the sidebar or dialog this page runs in. */
export function closeDialog(): void {
  google.script.host.close();
}

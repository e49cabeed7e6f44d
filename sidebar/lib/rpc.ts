/**
 * A typed promise wrapper around google.script.run. `Api` is the server's
 * interface from src/shared, so a renamed or retyped server function breaks the
 * sidebar's build rather than production.
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

/** A proxy whose every property calls the server function of that name through google.script.run. */
export function serverApi<Api>(): AsyncApi<Api> {
  return new Proxy({} as AsyncApi<Api>, {
    get(_target, name) {
      return (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
          const fn = runner[String(name)];
          if (typeof fn !== 'function') {
            reject(new Error(`Функция сервера ${String(name)} недоступна`));
            return;
          }
          (fn as (...a: unknown[]) => void).apply(runner, args);
        });
    },
  });
}

/** Closes the sidebar or dialog this page runs in. */
export function closeDialog(): void {
  google.script.host.close();
}

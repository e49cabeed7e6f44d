/**
 * `google.script.run` and `google.script.host` inside a sidebar or dialog of
 * the local page. The real page from dist/ runs unchanged in an iframe; every
 * call goes to the parent page, which runs it on the local runtime exactly as a
 * menu item (its own execution, alerts answered, grid refreshed) and
 * posts the outcome back. Loaded before the page's own scripts.
 */
import { illegalArgument } from '../runtime/script-run-values';
import type { FrameToPage, PageToFrame } from './frame-messages';

type Handler = (value: unknown, userObject?: unknown) => void;

interface Pending {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

const pending = new Map<number, Pending>();
let nextCallId = 1;

function post(message: FrameToPage): void {
  window.parent.postMessage(message, window.location.origin);
}

window.addEventListener('message', (event: MessageEvent<PageToFrame>) => {
  if (event.source !== window.parent || event.origin !== window.location.origin) return;
  const message = event.data;
  if (!message || message.kind !== 'run-result') return;
  const call = pending.get(message.id);
  if (!call) return;
  pending.delete(message.id);
  if (message.ok) {
    call.success?.(message.result, call.userObject);
  } else {
    const error = new Error(message.error ?? 'Ошибка сервера');
    error.name = 'ScriptError';
    call.failure?.(error, call.userObject);
  }
});

/** A runner with the handlers chosen so far; any other property is a server function. */
function runner(state: Pending): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop !== 'string') return undefined;
        if (prop === 'withSuccessHandler') return (fn: Handler) => runner({ ...state, success: fn });
        if (prop === 'withFailureHandler') return (fn: Handler) => runner({ ...state, failure: fn });
        if (prop === 'withUserObject') return (value: unknown) => runner({ ...state, userObject: value });
        // Promises look for `then`; a runner is not one.
        if (prop === 'then') return undefined;
        return (...args: unknown[]) => {
          // a form, as the only parameter, goes as its fields' values
          if (args.length === 1 && args[0] instanceof HTMLFormElement) {
            const fields: Record<string, string> = {};
            new FormData(args[0]).forEach((value, key) => (fields[key] = String(value)));
            args = [fields];
          }
          const illegal = illegalArgument(args);
          if (illegal) {
            // the request fails, as Google's client fails it: the failure handler gets the error
            const error = new Error(illegal);
            setTimeout(() => state.failure?.(error, state.userObject), 0);
            return;
          }
          const id = nextCallId++;
          pending.set(id, state);
          // Arguments cross as JSON (undefined in arrays becomes null, as on Google).
          post({ kind: 'run', id, fn: prop, args: JSON.parse(JSON.stringify(args)) as unknown[] });
        };
      },
    },
  );
}

const host = {
  close(): void {
    post({ kind: 'close' });
  },
  setHeight(height: number): void {
    post({ kind: 'resize', height });
  },
  setWidth(width: number): void {
    post({ kind: 'resize', width });
  },
  editor: {
    focus(): void {
      post({ kind: 'focus-editor' });
    },
  },
  origin: window.location.origin,
};

(window as unknown as { google: unknown }).google = {
  script: {
    get run() {
      return runner({});
    },
    host,
    url: {
      getLocation(callback: (location: { hash: string; parameter: Record<string, string> }) => void): void {
        const parameter: Record<string, string> = {};
        new URLSearchParams(window.location.search).forEach((value, key) => (parameter[key] = value));
        callback({ hash: window.location.hash.replace(/^#/, ''), parameter });
      },
    },
  },
};

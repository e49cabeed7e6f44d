/**
 * Loads dist/Code.js the way Apps Script does: one global scope, no require,
 * module or process. Any Apps Script service touched while loading is recorded.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

export const CODE_PATH = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');

export const SERVICE_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'CacheService',
  'LockService',
  'Session',
  'Utilities',
  'ScriptApp',
  'MailApp',
  'UrlFetchApp',
  'DriveApp',
  'Drive',
  'Logger',
];

export interface LoadedBundle {
  context: vm.Context;
  /** service names touched (any property read) */
  touched: string[];
  code: string;
  call<T = unknown>(name: string, ...args: unknown[]): T;
}

/** Services that record any use; `extra` may supply working ones. */
export function loadBundle(extra: Record<string, unknown> = {}): LoadedBundle {
  const code = readFileSync(CODE_PATH, 'utf8');
  const touched: string[] = [];
  const sandbox: Record<string, unknown> = {};
  for (const name of SERVICE_NAMES) {
    sandbox[name] = new Proxy(
      {},
      {
        get(_target, prop) {
          touched.push(`${name}.${String(prop)}`);
          throw new Error(`${name}.${String(prop)} used while loading`);
        },
      },
    );
  }
  Object.assign(sandbox, extra);
  const context = vm.createContext(sandbox);
  vm.runInContext(code, context, { filename: 'Code.js' });
  return {
    context,
    touched,
    code,
    call<T>(name: string, ...args: unknown[]): T {
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`${name} is not a global function of Code.js`);
      return (fn as (...a: unknown[]) => T)(...args);
    },
  };
}

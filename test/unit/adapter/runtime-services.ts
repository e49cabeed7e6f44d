/**
 * The local runtime's services as globals, for tests that call src/adapter directly (not through
 * dist/Code.js, so a change to the adapter's source is seen). The session runs an empty script.
 */
import * as path from 'node:path';
import { createSession, type LocalRuntimeSession, type SessionOptions } from '../../../local/runtime';
import { emptyWorkbook, type WorkbookModel } from '../../../local/runtime/model';

export const OWNER = 'director@proekt-a.ru';
const SCRIPT = path.join(__dirname, 'fixtures', 'empty-script.js');
const NAMES = ['SpreadsheetApp', 'PropertiesService', 'LockService', 'Session', 'Utilities', 'CacheService'];

/** A session over `workbook` (an empty one owned by OWNER by default), its services installed as globals. */
export function installRuntime(
  workbook: WorkbookModel = emptyWorkbook('Клиентская база', OWNER),
  options: Pick<SessionOptions, 'accounts'> = {},
): LocalRuntimeSession {
  const session = createSession({
    ...options,
    workbook,
    codePath: SCRIPT,
    entryPointsPath: path.join(__dirname, 'fixtures', 'none.json'),
  });
  for (const name of NAMES) (globalThis as Record<string, unknown>)[name] = session.services[name];
  return session;
}

/** Removes the globals installRuntime set. */
export function uninstallRuntime(): void {
  for (const name of NAMES) delete (globalThis as Record<string, unknown>)[name];
}

/** The active spreadsheet, typed. */
export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

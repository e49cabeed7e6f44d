/**
 * A small Code.js written for the runtime tests (src/ belongs to the add-on),
 * and a workbook to run it on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSession, type LocalRuntimeSession, type SessionOptions } from '../../local/runtime';
import { emptySheet, emptyWorkbook, type WorkbookModel } from '../../local/runtime/model';

export const OWNER = 'director@example.com';
export const SPECIALIST = 'manager@example.com';

/** A workbook with the given empty sheets; the specialist is an editor of the file. */
export function workbookWith(...sheetNames: string[]): WorkbookModel {
  const workbook = emptyWorkbook('Тест', OWNER);
  workbook.editors.push(SPECIALIST);
  for (const name of sheetNames) workbook.sheets.push(emptySheet(workbook.nextSheetId++, name));
  return workbook;
}

/** Writes `code` (plus any HTML pages) to a fresh directory and opens a session on it. */
export function sessionFor(
  code: string,
  workbook = workbookWith('Лист1'),
  options: Partial<SessionOptions> & { pages?: Record<string, string> } = {},
): LocalRuntimeSession {
  const dir = mkdtempSync(path.join(tmpdir(), 'runtime-test-'));
  const codePath = path.join(dir, 'Code.js');
  writeFileSync(codePath, code);
  for (const [name, html] of Object.entries(options.pages ?? {})) writeFileSync(path.join(dir, `${name}.html`), html);
  return createSession({ workbook, codePath, pagesDir: dir, entryPointsPath: path.join(dir, 'none.json'), ...options });
}

/** The real bundle (run `npm run build` first): its custom functions are evaluated in formulas. */
export const DIST_CODE = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');

/**
 * Small workbooks for the printing, category report and dashboard tests, built
 * directly as the local runtime's model, and a session on dist/Code.js.
 */
import * as path from 'node:path';
import { createSession, type LocalRuntimeSession, type SessionOptions } from '../../local/runtime';
import {
  emptySheet,
  emptyWorkbook,
  type CellValue,
  type SheetModel,
  type WorkbookModel,
} from '../../local/runtime/model';
import { defaultSettingsRows } from '../../src/domain/settings';
import { COLUMNS, SHEETS } from '../../src/domain/workbook/schema';

export const DIRECTOR = 'director@proekt-a.ru';
export const IVANOV = 'ivanov@proekt-a.ru';
export const PETROVA = 'petrova@proekt-a.ru';

const ROOT = path.resolve(__dirname, '..', '..');

export type Row = Record<string, CellValue>;

export function workbook(): WorkbookModel {
  const wb = emptyWorkbook('Печать', DIRECTOR);
  wb.editors = [IVANOV, PETROVA];
  return wb;
}

/** A tab with `headers` in row 1 (frozen) and one row per record. */
export function tab(wb: WorkbookModel, name: string, headers: readonly string[], rows: readonly Row[]): SheetModel {
  const sheet = emptySheet(wb.nextSheetId++, name, Math.max(1000, rows.length + 10), Math.max(26, headers.length));
  sheet.rows[0] = headers.map((h) => ({ value: h }));
  rows.forEach((record, i) => {
    sheet.rows[i + 1] = headers.map((h) =>
      record[h] === undefined || record[h] === '' ? undefined : { value: record[h] },
    );
  });
  sheet.frozenRows = 1;
  wb.sheets.push(sheet);
  return sheet;
}

export const headersOf = (key: keyof typeof COLUMNS): string[] => COLUMNS[key].map((c) => c.header);

/** «Настройки» with the shipped defaults. */
export function settingsTab(wb: WorkbookModel): void {
  const settings = emptySheet(wb.nextSheetId++, SHEETS.settings);
  defaultSettingsRows().forEach((row, r) => {
    settings.rows[r] = row.map((v) =>
      v === '' || v === null || v === undefined ? undefined : { value: v as CellValue },
    );
  });
  wb.sheets.push(settings);
}

/** A session on the built add-on (run `npm run build` first). */
export function session(wb: WorkbookModel, options: Partial<SessionOptions> = {}): LocalRuntimeSession {
  return createSession({
    workbook: wb,
    codePath: path.join(ROOT, 'dist', 'Code.js'),
    pagesDir: path.join(ROOT, 'dist'),
    user: DIRECTOR,
    ...options,
  });
}

/** The values of a sheet as a grid (empty cells as ''). */
export function valuesOf(wb: WorkbookModel, name: string): CellValue[][] {
  const sheet = wb.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.rows.map((row) => (row ?? []).map((c) => c?.value ?? ''));
}

/**
 * Building blocks of the runtime tests' workbooks: tabs with headers and
 * records built directly as the local runtime's model, «Настройки» with given
 * settings, and a session on the built add-on (run `npm run build` first).
 */
import * as path from 'node:path';
import { createSession, type LocalRuntimeSession, type SessionOptions } from '../../local/runtime';
import { emptySheet, type CellValue, type SheetModel, type WorkbookModel } from '../../local/runtime/model';
import { defaultSettings, defaultSettingsRows, type Settings } from '../../src/domain/settings';
import { COLUMNS, SHEETS } from '../../src/domain/workbook/schema';

export const DIRECTOR = 'director@proekt-a.ru';
export const IVANOV = 'ivanov@proekt-a.ru';
export const PETROVA = 'petrova@proekt-a.ru';

const ROOT = path.resolve(__dirname, '..', '..');

export type Row = Record<string, CellValue>;

/** The headers of a tab of section 1, in the schema's order. */
export const headersOf = (key: keyof typeof COLUMNS): string[] => COLUMNS[key].map((c) => c.header);

/** A tab with `headers` in row 1 (frozen) and one row per record (unknown keys ignored). */
export function sheetOf(
  workbook: WorkbookModel,
  name: string,
  headers: readonly string[],
  rows: readonly Row[],
): SheetModel {
  const sheet = emptySheet(
    workbook.nextSheetId++,
    name,
    Math.max(1000, rows.length + 100),
    Math.max(26, headers.length),
  );
  sheet.rows[0] = headers.map((h) => ({ value: h }));
  rows.forEach((record, i) => {
    sheet.rows[i + 1] = headers.map((h) =>
      record[h] === undefined || record[h] === '' ? undefined : { value: record[h] },
    );
  });
  sheet.frozenRows = 1;
  workbook.sheets.push(sheet);
  return sheet;
}

/** «Настройки» as the add-on lays them out, with `settings` (the shipped defaults unless given). */
export function settingsSheet(workbook: WorkbookModel, settings: Settings = defaultSettings()): SheetModel {
  const sheet = emptySheet(workbook.nextSheetId++, SHEETS.settings);
  defaultSettingsRows(settings).forEach((row, r) => {
    sheet.rows[r] = row.map((v) => (v === '' || v === null || v === undefined ? undefined : { value: v as CellValue }));
  });
  workbook.sheets.push(sheet);
  return sheet;
}

/**
 * The spreadsheet's time zone for the suites' sessions: the workbook's own
 * (Moscow), or SPREADSHEET_TIME_ZONE to run a suite with the spreadsheet in
 * another zone than the script's (e.g. Asia/Yekaterinburg, Europe/Kaliningrad).
 */
export const SPREADSHEET_TIME_ZONE = process.env.SPREADSHEET_TIME_ZONE || undefined;

/** A session on dist/Code.js as the director, unless `options` say otherwise. */
export function bundleSession(workbook: WorkbookModel, options: Partial<SessionOptions> = {}): LocalRuntimeSession {
  return createSession({
    workbook,
    codePath: path.join(ROOT, 'dist', 'Code.js'),
    pagesDir: path.join(ROOT, 'dist'),
    user: DIRECTOR,
    ...(SPREADSHEET_TIME_ZONE ? { spreadsheetTimeZone: SPREADSHEET_TIME_ZONE } : {}),
    ...options,
  });
}

/** The values of a sheet as a grid (empty cells as ''). */
export function valuesOf(workbook: WorkbookModel, name: string): CellValue[][] {
  const sheet = workbook.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.rows.map((row) => (row ?? []).map((c) => c?.value ?? ''));
}

/**
 * Small CRM workbooks for the runtime tests, built directly as the local
 * runtime's model: the tabs of section 1 with chosen rows, a director in
 * «Сотрудники» and default settings.
 */
import * as path from 'node:path';
import {
  emptySheet,
  emptyWorkbook,
  type CellValue,
  type SheetModel,
  type WorkbookModel,
} from '../../local/runtime/model';
import { createSession, type LocalRuntimeSession } from '../../local/runtime';
import { defaultSettingsRows } from '../../src/domain/settings';
import { COLUMNS, SHEETS } from '../../src/domain/workbook/schema';

export const DIRECTOR = 'director@proekt-a.ru';
export const IVANOV = 'ivanov@proekt-a.ru';
export const PETROVA = 'petrova@proekt-a.ru';
/**
 * The runs' clock. The script's own Date is the real clock (the local runtime
 * does not shift it), so the tests use the real today too.
 */
export const TODAY = new Date();

const ROOT = path.resolve(__dirname, '..', '..');

export type Row = Record<string, CellValue>;

/** A sheet with `headers` in row 1 and one row per record (unknown keys ignored). */
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

export const CLIENT_A: Row = {
  'ID клиента': 'К-00001',
  Клиент: 'ООО «Тепло»',
  Тип: 'Юрлицо',
  ИНН: '7707083893',
  Телефон: '+79123456789',
  Email: 'info@teplo.ru',
  Источник: 'Выставка',
  Ответственный: IVANOV,
  'Статус клиента': 'Потенциальный',
};

/** A deal of CLIENT_A with every field of every stage filled, standing at `stage`. */
export function fullDeal(id: string, stage: string, extra: Row = {}): Row {
  return {
    'ID сделки': id,
    'ID клиента': 'К-00001',
    Клиент: 'ООО «Тепло»',
    Ответственный: IVANOV,
    Этап: stage,
    Направление: 'ПОЛИФАСАД',
    Потребность: 'Утепление склада',
    'Потенциал, руб.': 500000,
    Надёжность: 'Высокая',
    'Основание оценки': 'Отчётность 2025',
    'Дата переговоров': new Date(2026, 2, 2),
    'Сумма КП, руб.': 480000,
    'Дата КП': new Date(2026, 2, 5),
    'Дата встречи': new Date(2026, 2, 10),
    '№ договора': '15/26',
    'Дата договора': new Date(2026, 2, 12),
    'Сумма договора, руб.': 470000,
    'Себестоимость, руб.': 300000,
    'Дата оплаты': new Date(2026, 2, 14),
    ...extra,
  };
}

export interface CrmWorkbookOptions {
  clients?: Row[];
  deals?: Row[];
  /** the header order of «Сделки» (default: schema order) */
  dealHeaders?: string[];
}

export function crmWorkbook(options: CrmWorkbookOptions = {}): WorkbookModel {
  const workbook = emptyWorkbook('CRM test', DIRECTOR);
  workbook.editors = [IVANOV, PETROVA];
  const headers = (key: keyof typeof COLUMNS) => COLUMNS[key].map((c) => c.header);
  sheetOf(workbook, SHEETS.clients, headers('clients'), options.clients ?? [CLIENT_A]);
  sheetOf(workbook, SHEETS.deals, options.dealHeaders ?? headers('deals'), options.deals ?? []);
  sheetOf(workbook, SHEETS.contacts, headers('contacts'), []);
  sheetOf(workbook, SHEETS.claims, headers('claims'), []);
  sheetOf(workbook, SHEETS.staff, headers('staff'), [
    { 'Таб. №': '1', ФИО: 'Сараев Е. А.', Email: DIRECTOR, Должность: 'Директор' },
    { 'Таб. №': '2', ФИО: 'Иванов И. И.', Email: IVANOV, Должность: 'Специалист по работе с клиентами' },
    { 'Таб. №': '3', ФИО: 'Петрова А. С.', Email: PETROVA, Должность: 'Специалист по работе с клиентами' },
  ]);
  const settings = emptySheet(workbook.nextSheetId++, SHEETS.settings);
  defaultSettingsRows().forEach((row, r) => {
    settings.rows[r] = row.map((v) =>
      v === '' || v === null || v === undefined ? undefined : { value: v as CellValue },
    );
  });
  workbook.sheets.push(settings);
  return workbook;
}

/** A session on `workbook` as the director, with «Настроить таблицу» already run. */
export function crmSession(workbook: WorkbookModel, user = DIRECTOR): LocalRuntimeSession {
  const session = createSession({
    workbook,
    codePath: path.join(ROOT, 'dist', 'Code.js'),
    pagesDir: path.join(ROOT, 'dist'),
    user: DIRECTOR,
    now: () => TODAY,
  });
  session.run('menuSetupWorkbook', [], [{ button: 'OK' }]);
  session.takeUiEvents();
  session.setUser(user);
  return session;
}

/** The value of a cell by header on a sheet (row is the 1-based sheet row). */
export function cell(workbook: WorkbookModel, sheetName: string, row: number, header: string): CellValue | undefined {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  const col = sheet.rows[0]!.findIndex((c) => c?.value === header);
  if (col < 0) throw new Error(`no header ${header} on ${sheetName}`);
  return sheet.rows[row - 1]?.[col]?.value ?? null;
}

/** The 1-based column of a header. */
export function columnOf(workbook: WorkbookModel, sheetName: string, header: string): number {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  return sheet.rows[0]!.findIndex((c) => c?.value === header) + 1;
}

/** The rows of a sheet below the header as records. */
export function rowsOf(workbook: WorkbookModel, sheetName: string): Row[] {
  const sheet = workbook.sheets.find((s) => s.name === sheetName)!;
  const headers = sheet.rows[0]!.map((c) => String(c?.value ?? ''));
  const out: Row[] = [];
  for (let r = 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.every((c) => c === undefined || c.value === null || c.value === '')) continue;
    const record: Row = {};
    headers.forEach((h, i) => (record[h] = row[i]?.value ?? null));
    out.push(record);
  }
  return out;
}

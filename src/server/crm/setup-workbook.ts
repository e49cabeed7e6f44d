/**
 * «Настроить таблицу»: creates or repairs every tab of domain section 1 —
 * headers, frozen bold header row, dropdowns for list columns, date and money
 * formats, protection of the director-only tabs. It never touches existing data:
 * a missing header is appended after the last column, unknown columns stay as
 * they are. Safe to run again.
 */
import { withDocumentLock } from '../../adapter/lock';
import { ensureMemorySheet, MEMORY_SHEET, ValueMemory } from '../../adapter/value-memory';
import { protectForDirectors } from '../../adapter/protection';
import { ownerEmail } from '../../adapter/user';
import { directorList, parseDirectorList } from '../../domain/crm/rights';
import { Table } from '../../adapter/table';
import { H } from '../../domain/crm/records';
import { textOf } from '../../domain/crm/values';
import { defaultSettingsRows } from '../../domain/settings';
import { COLUMNS, SHEETS, type ColumnSpec } from '../../domain/workbook/schema';
import type { CrmContext } from './crm-context';
import { rememberRow } from './edit-enforcement';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const FORMATS: Partial<Record<ColumnSpec['type'], string>> = {
  date: 'dd.MM.yyyy',
  money: '#,##0.00',
  // text, so an ИНН keeps its leading zero and a phone stays «+7…»
  inn: '@',
  phone: '@',
  // 20 digits would lose their last ones as a number
  account: '@',
};

/** Tabs only the director edits (the closed months' and payroll tabs are protected by the payroll features). */
export const DIRECTOR_ONLY = [SHEETS.settings, SHEETS.staff, SHEETS.plans, SHEETS.timesheet, SHEETS.log];

/** Sets up the workbook; returns what it did, one Russian line per change. */
export function setupWorkbook(ctx: CrmContext): string[] {
  const report: string[] = [];
  for (const key of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    setupTable(ctx, SHEETS[key], COLUMNS[key], report);
  }
  const settings = ensureSheet(ctx, SHEETS.settings, report);
  if (settings.getLastRow() === 0) {
    const rows = defaultSettingsRows();
    const width = Math.max(...rows.map((r) => r.length));
    settings
      .getRange(1, 1, rows.length, width)
      .setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')]));
    report.push('«Настройки» заполнены значениями по умолчанию — проверьте их');
  }
  ensureSheet(ctx, SHEETS.dashboard, report);
  ensureSheet(ctx, SHEETS.log, report);
  const directors = setupDirectors(ctx);
  for (const name of DIRECTOR_ONLY) protectForDirector(directors, ctx.ss.getSheetByName(name)!, report);
  if (directors.length > 1) report.push(`Защищённые листы изменяют: ${directors.join(', ')}`);
  withDocumentLock(() => seedMemory(ctx));
  protectForDirector(directors, ctx.ss.getSheetByName(MEMORY_SHEET)!, report);
  return report;
}

function ensureSheet(ctx: CrmContext, name: string, report: string[]): Sheet {
  const existing = ctx.ss.getSheetByName(name);
  if (existing) return existing;
  report.push(`Создан лист «${name}»`);
  return ctx.ss.insertSheet(name);
}

function setupTable(ctx: CrmContext, name: string, specs: readonly ColumnSpec[], report: string[]): void {
  const sheet = ensureSheet(ctx, name, report);
  const headers = Table.of(sheet).headers;
  const missing = specs.filter((s) => !headers.includes(s.header));
  if (missing.length > 0) {
    const start = headers.length + 1;
    if (sheet.getMaxColumns() < start + missing.length - 1) {
      sheet.insertColumnsAfter(sheet.getMaxColumns(), start + missing.length - 1 - sheet.getMaxColumns());
    }
    sheet.getRange(1, start, 1, missing.length).setValues([missing.map((s) => s.header)]);
    report.push(`«${name}»: добавлены столбцы ${missing.map((s) => `«${s.header}»`).join(', ')}`);
  }
  const table = Table.of(sheet);
  sheet.getRange(1, 1, 1, table.width).setFontWeight('bold');
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const dataRows = sheet.getMaxRows() - 1;
  if (dataRows < 1) return;
  for (const spec of specs) {
    const column = sheet.getRange(2, table.col(spec.header), dataRows, 1);
    const format = FORMATS[spec.type];
    if (format) column.setNumberFormat(format);
    if (spec.type === 'list' && spec.list) {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...spec.list], true)
        .setAllowInvalid(false)
        .setHelpText(`Выберите значение из списка: ${spec.list.join(', ')}`)
        .build();
      column.setDataValidation(rule);
    }
  }
}

/** Protects a whole tab so that only the directors (the owner and the «Настройки» list) edit it. */
/**
 * Who the protections name: the directors as «Настройки» trusts them; when the
 * owner runs the setup, also the list the owner sees in «Настройки» now (on the
 * first setup the tab is not protected yet, so the list counts only on the
 * owner's word, and the report names everyone it made an editor).
 */
function setupDirectors(ctx: CrmContext): string[] {
  const trusted = ctx.directorEmails();
  const owner = ownerEmail(ctx.ss);
  if (!owner || ctx.user !== owner) return trusted;
  return directorList(owner, [...trusted, ...parseDirectorList(ctx.settings.directorEmail)]);
}

function protectForDirector(directors: readonly string[], sheet: Sheet, report: string[]): void {
  const created = protectForDirectors(sheet, `«${sheet.getName()}»: изменяет только директор`, directors);
  if (created) report.push(`Лист «${sheet.getName()}» защищён: изменяет только директор`);
}

/**
 * Remembers the current stage, owner and (for signed deals) pay-deciding fields
 * of every deal and the checked fields of every client, so the first paste over
 * old rows can be checked. A «Ключевой» status already in the table is the
 * director's earlier decision.
 */
function seedMemory(ctx: CrmContext): void {
  ensureMemorySheet(ctx.ss);
  const memory = ValueMemory.load(ctx.ss);
  const deals = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.stage]);
  for (const row of deals.readAll()) {
    const record = deals.record(row);
    rememberRow(memory, 'deals', textOf(record[H.dealId]), record);
  }
  const clients = Table.open(ctx.ss, SHEETS.clients, [H.clientId]);
  for (const row of clients.readAll()) {
    const record = clients.record(row);
    rememberRow(memory, 'clients', textOf(record[H.clientId]), record);
  }
  memory.save(ctx.ss);
}

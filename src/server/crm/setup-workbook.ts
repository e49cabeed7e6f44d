/**
 * «Настроить таблицу»: creates or repairs every tab of domain section 1 —
 * headers, frozen bold header row, dropdowns for list columns, date and money
 * formats, protection of the director-only tabs. It never touches existing data:
 * a missing header is appended after the last column, unknown columns stay as
 * they are. Safe to run again.
 */
import { withDocumentLock } from '../../adapter/lock';
import { ensureMemorySheet, MEMORY_SHEET, ValueMemory } from '../../adapter/value-memory';
import { protectedAgainstMe, protectForDirectors } from '../../adapter/protection';
import { rememberHighestIds } from '../../adapter/id-allocator';
import { ownerEmail } from '../../adapter/user';
import { directorList, parseDirectorList } from '../../domain/crm/rights';
import { Table } from '../../adapter/table';
import { H } from '../../domain/crm/records';
import { textOf } from '../../domain/crm/values';
import { defaultSettingsRows, missingParamRows } from '../../domain/settings';
import { ensureTemplates, requireDocumentAuthorization } from './offer-service';
import { DomainError } from '../../domain/money';
import { CLOSED_MONTHS_SHEET } from '../payroll/closed-months';
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
export const DIRECTOR_ONLY = [
  SHEETS.settings,
  SHEETS.staff,
  SHEETS.plans,
  SHEETS.timesheet,
  SHEETS.log,
  SHEETS.stageHistory,
  SHEETS.priceList,
];

/** Sets up the workbook; returns what it did, one Russian line per change. */
export function setupWorkbook(ctx: CrmContext): string[] {
  refuseWhereOnlyTheOwnerMay(ctx);
  const report: string[] = [];
  // the header rows are read afresh here, and once: the memory's seeding reuses them
  Table.forgetOpened(ctx.ss);
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
  } else {
    addMissingParams(settings, report);
  }
  ensureSheet(ctx, SHEETS.dashboard, report);
  ensureSheet(ctx, SHEETS.log, report);
  const directors = setupDirectors(ctx);
  for (const name of DIRECTOR_ONLY) {
    const sheet = Table.openedSheet(ctx.ss, name) ?? ctx.ss.getSheetByName(name)!;
    protectForDirector(directors, sheet, name, report);
  }
  if (directors.length > 1) report.push(`Защищённые листы изменяют: ${directors.join(', ')}`);
  withDocumentLock(() => seedMemory(ctx));
  protectForDirector(directors, ctx.ss.getSheetByName(MEMORY_SHEET)!, MEMORY_SHEET, report);
  setupTemplates(ctx, report);
  return report;
}

/** The default КП and contract templates in Google Docs; without the new authorization, a line saying so. */
function setupTemplates(ctx: CrmContext, report: string[]): void {
  try {
    requireDocumentAuthorization();
  } catch (error) {
    report.push(`Шаблоны КП и договора не созданы. ${(error as Error).message}`);
    return;
  }
  ensureTemplates(ctx, report);
}

/** Parameters a «Настройки» tab of an earlier version lacks go below its parameters, with their defaults. */
function addMissingParams(sheet: Sheet, report: string[]): void {
  const { after, rows } = missingParamRows(sheet.getDataRange().getValues());
  if (rows.length === 0 || after === 0) return;
  sheet.insertRowsAfter(after, rows.length);
  sheet.getRange(after + 1, 1, rows.length, 3).setValues(rows);
  report.push(`«Настройки»: добавлены параметры ${rows.map((r) => `«${String(r[0])}»`).join(', ')}`);
}

/**
 * Before anything changes: a tab the setup writes or protects that carries a
 * protection this user may not change (the owner's, made before this director
 * was listed in «Настройки») would stop the setup halfway with Google's
 * English error. Such a setup changes nothing and says who can run it.
 */
function refuseWhereOnlyTheOwnerMay(ctx: CrmContext): void {
  // the owner edits under every protection and changes each: nothing to ask
  if (ctx.user !== '' && ctx.user === ownerEmail(ctx.ss)) return;
  const tabs = [
    ...Object.keys(COLUMNS).map((k) => SHEETS[k as keyof typeof COLUMNS]),
    ...DIRECTOR_ONLY,
    MEMORY_SHEET,
    CLOSED_MONTHS_SHEET,
  ];
  const blocked = protectedAgainstMe(ctx.ss, [...new Set(tabs)]);
  if (blocked.length === 0) return;
  const owner = ownerEmail(ctx.ss);
  throw new DomainError(
    `«Настроить таблицу» ничего не изменила: защиту ${blocked.length === 1 ? 'листа' : 'листов'} ` +
      `${blocked.map((n) => `«${n}»`).join(', ')} ставил владелец таблицы${owner ? ` (${owner})` : ''}, ` +
      'и вас в ней нет. Изменять защищённый лист и его защиту Google разрешает только владельцу таблицы и ' +
      'тем, кого защита называет. Попросите владельца один раз запустить CRM → «Настроить таблицу»: он ' +
      'добавит всех из «E-mail директора» в редакторы защищённых листов, и после этого настройку сможете ' +
      'запускать и вы.',
  );
}

function ensureSheet(ctx: CrmContext, name: string, report: string[]): Sheet {
  const existing = ctx.ss.getSheetByName(name);
  if (existing) return existing;
  report.push(`Создан лист «${name}»`);
  return ctx.ss.insertSheet(name);
}

function setupTable(ctx: CrmContext, name: string, specs: readonly ColumnSpec[], report: string[]): void {
  const opened = Table.tryOpen(ctx.ss, name);
  if (!opened) ensureSheet(ctx, name, report);
  let table = opened ?? Table.open(ctx.ss, name);
  const sheet = table.sheet;
  const known = table;
  const missing = specs.filter((s) => !known.has(s.header));
  if (missing.length > 0) {
    const start = table.width + 1;
    if (sheet.getMaxColumns() < start + missing.length - 1) {
      sheet.insertColumnsAfter(sheet.getMaxColumns(), start + missing.length - 1 - sheet.getMaxColumns());
    }
    sheet.getRange(1, start, 1, missing.length).setValues([missing.map((s) => s.header)]);
    report.push(`«${name}»: добавлены столбцы ${missing.map((s) => `«${s.header}»`).join(', ')}`);
    Table.forgetOpened(ctx.ss);
    table = Table.open(ctx.ss, name);
  }
  (table.headerRange ?? sheet.getRange(1, 1, 1, table.width)).setFontWeight('bold');
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const dataRows = sheet.getMaxRows() - 1;
  if (dataRows < 1) return;
  const byColumn = new Map(specs.map((spec) => [table.col(spec.header), spec]));
  // formats and dropdowns go a block of adjacent columns at a time, each call over every data row
  for (const run of columnRuns(byColumn, (spec) => (spec.format ?? FORMATS[spec.type]) !== undefined)) {
    const formats = run.map((spec) => (spec.format ?? FORMATS[spec.type])!);
    sheet
      .getRange(2, table.col(run[0].header), dataRows, run.length)
      .setNumberFormats(Array.from({ length: dataRows }, () => formats));
  }
  // dropdowns over each run of adjacent known columns: the add-on owns their validation (none where no list)
  const isList = (spec: ColumnSpec) => spec.type === 'list' && spec.list !== undefined;
  for (const run of columnRuns(byColumn, () => true)) {
    if (!run.some(isList)) continue;
    const rules = run.map((spec) =>
      isList(spec)
        ? SpreadsheetApp.newDataValidation()
            .requireValueInList([...spec.list!], true)
            .setAllowInvalid(false)
            .setHelpText(`Выберите значение из списка: ${spec.list!.join(', ')}`)
            .build()
        : null,
    );
    sheet
      .getRange(2, table.col(run[0].header), dataRows, run.length)
      .setDataValidations(Array.from({ length: dataRows }, () => rules));
  }
}

/** The known columns that pass `keep`, grouped into runs of adjacent sheet columns, left to right. */
function columnRuns(byColumn: ReadonlyMap<number, ColumnSpec>, keep: (spec: ColumnSpec) => boolean): ColumnSpec[][] {
  const runs: ColumnSpec[][] = [];
  let last = -1;
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const spec = byColumn.get(col)!;
    if (!keep(spec)) continue;
    if (col === last + 1 && runs.length > 0) runs[runs.length - 1].push(spec);
    else runs.push([spec]);
    last = col;
  }
  return runs;
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

function protectForDirector(directors: readonly string[], sheet: Sheet, name: string, report: string[]): void {
  const created = protectForDirectors(sheet, `«${name}»: изменяет только директор`, directors);
  if (created) report.push(`Лист «${name}» защищён: изменяет только директор`);
}

/**
 * Remembers the current stage, owner and (for signed deals) pay-deciding fields
 * of every deal and the checked fields of every client, so the first paste over
 * old rows can be checked. A «Ключевой» status already in the table is the
 * director's earlier decision.
 */
function seedMemory(ctx: CrmContext): void {
  const memory = ValueMemory.load(ctx.ss, undefined, ensureMemorySheet(ctx.ss));
  const deals = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.stage]);
  const dealRows = deals.readAll();
  for (const row of dealRows) {
    const record = deals.record(row);
    rememberRow(memory, 'deals', textOf(record[H.dealId]), record);
  }
  const clients = Table.open(ctx.ss, SHEETS.clients, [H.clientId]);
  const clientRows = clients.readAll();
  for (const row of clientRows) {
    const record = clients.record(row);
    rememberRow(memory, 'clients', textOf(record[H.clientId]), record);
  }
  memory.save(ctx.ss);
  const idsOf = (table: Table, rows: unknown[][], header: string) => rows.map((r) => r[table.col(header) - 1]);
  rememberHighestIds({ deal: idsOf(deals, dealRows, H.dealId), client: idsOf(clients, clientRows, H.clientId) });
}

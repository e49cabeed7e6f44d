/**
 * A tab of the workbook seen through its header row. Columns are found by
 * header text, never by position, so users may insert, move and hide columns;
 * unknown columns are never written. Every string written goes through
 * safeCellText, so text read from a cell and written back stays text. Reads are whole blocks in one getValues;
 * writes are one setValues per contiguous block.
 */
import { DomainError } from '../domain/money';
import type { RowRecord } from '../domain/crm/records';
import { headerIndex } from '../domain/crm/workbook-check';
import { safeCellText } from './safe-text';
import { SheetDates } from './sheet-dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Text as a literal inside a regular expression (RE2, as TextFinder uses). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The tabs opened in this execution, by spreadsheet: on Google every execution loads the
 * script afresh and gets its own Spreadsheet objects, so this lives one execution (tests that
 * import the module install new services per case, whose spreadsheets are new keys).
 */
interface OpenedTab {
  sheet: Sheet;
  headers: string[];
  headerRange: GoogleAppsScript.Spreadsheet.Range | null;
}
const opened = new WeakMap<Spreadsheet, Map<string, OpenedTab>>();

function openedTabs(ss: Spreadsheet): Map<string, OpenedTab> {
  let tabs = opened.get(ss);
  if (!tabs) {
    tabs = new Map();
    opened.set(ss, tabs);
  }
  return tabs;
}

export class Table {
  readonly index: Map<string, number>;
  private cachedLastRow: number | null = null;
  private datesCache: SheetDates | null = null;

  private constructor(
    readonly sheet: Sheet,
    readonly name: string,
    readonly headers: string[],
    /** the sheet's spreadsheet when the caller has it (its dates then need no getParent) */
    private readonly ss: Spreadsheet | null = null,
    /** the header row's range as read (null for a tab without headers) */
    readonly headerRange: GoogleAppsScript.Spreadsheet.Range | null = null,
  ) {
    this.index = headerIndex(headers);
  }

  /**
   * Opens a tab by name and checks that it has every `required` header. The tab and its
   * header row are looked up once per execution and spreadsheet: a second open reads nothing.
   */
  static open(ss: Spreadsheet, name: string, required: readonly string[] = []): Table {
    const table = Table.tryOpen(ss, name);
    if (!table) throw new DomainError(`Нет листа «${name}». Запустите меню CRM → «Настроить таблицу».`);
    for (const header of required) table.col(header);
    return table;
  }

  /** Opens a tab by name as open() does; null when the spreadsheet has no such tab. */
  static tryOpen(ss: Spreadsheet, name: string): Table | null {
    const known = openedTabs(ss);
    const seen = known.get(name);
    if (seen) return new Table(seen.sheet, name, seen.headers, ss, seen.headerRange);
    const sheet = ss.getSheetByName(name);
    if (!sheet) return null;
    const table = Table.of(sheet, [], name, ss);
    known.set(name, { sheet, headers: table.headers, headerRange: table.headerRange });
    return table;
  }

  /** The sheet of a tab already opened in this execution (no call), else null. */
  static openedSheet(ss: Spreadsheet, name: string): Sheet | null {
    return openedTabs(ss).get(name)?.sheet ?? null;
  }

  /** Forgets the tabs opened so far in this execution (after the add-on rewrote header rows). */
  static forgetOpened(ss: Spreadsheet): void {
    openedTabs(ss).clear();
  }

  /** The table of an already known sheet (its name and spreadsheet when the caller knows them, saving calls). */
  static of(sheet: Sheet, required: readonly string[] = [], name?: string, ss?: Spreadsheet): Table {
    const lastColumn = sheet.getLastColumn();
    const headerRange = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn) : null;
    const headers = headerRange ? headerRange.getValues()[0].map((h) => String(h).trim()) : [];
    const table = new Table(sheet, name ?? sheet.getName(), headers, ss ?? null, headerRange);
    for (const header of required) table.col(header);
    return table;
  }

  /** The spreadsheet's dates seen as its people see them (read lazily: only a table holding dates asks). */
  private get dates(): SheetDates {
    this.datesCache ??= SheetDates.of(this.ss ?? this.sheet.getParent());
    return this.datesCache;
  }

  private fromSheet(rows: unknown[][]): unknown[][] {
    if (!rows.some((r) => r.some((v) => v instanceof Date))) return rows;
    const dates = this.dates;
    return rows.map((r) => r.map((v) => dates.fromSheet(v)));
  }

  /** A value as written: text kept as text, a day as the spreadsheet's day. */
  private cellValue(value: unknown): unknown {
    return value instanceof Date ? this.dates.toSheet(value) : safeCellText(value);
  }

  /** Whether the tab has this header. */
  has(header: string): boolean {
    return this.index.has(header);
  }

  /** 1-based column of a header; a missing header is a DomainError naming the tab and the header. */
  col(header: string): number {
    const i = this.index.get(header);
    if (i === undefined) {
      throw new DomainError(
        `На листе «${this.name}» нет столбца «${header}». Верните заголовок или запустите CRM → «Настроить таблицу».`,
      );
    }
    return i + 1;
  }

  get width(): number {
    return this.headers.length;
  }

  /** The last row with content (header row = 1). */
  get lastRow(): number {
    if (this.cachedLastRow === null) this.cachedLastRow = this.sheet.getLastRow();
    return this.cachedLastRow;
  }

  /** Forgets the cached last row (after another execution may have appended rows). */
  refresh(): void {
    this.cachedLastRow = null;
  }

  /** Every data row, full width, in one call. */
  readAll(): unknown[][] {
    return this.readRows(2, this.lastRow - 1);
  }

  /** `count` rows from `firstRow`, full width, in one call. */
  readRows(firstRow: number, count: number): unknown[][] {
    if (count <= 0 || this.width === 0) return [];
    return this.fromSheet(this.sheet.getRange(firstRow, 1, count, this.width).getValues());
  }

  /** One column's data values (rows 2…last), in one call. */
  readColumn(header: string): unknown[] {
    const count = this.lastRow - 1;
    if (count <= 0) return [];
    return this.fromSheet(this.sheet.getRange(2, this.col(header), count, 1).getValues()).map((r) => r[0]);
  }

  /**
   * Sheet rows (1-based, top to bottom) whose `header` cell is exactly one of
   * `values`, found on Google's side with a TextFinder: the script reads only
   * the matching cells, however long the tab.
   */
  findRows(header: string, values: readonly string[]): number[] {
    const wanted = [...new Set(values.filter((v) => v !== ''))];
    if (wanted.length === 0) return [];
    const finder = this.wholeColumn(header)
      .createTextFinder(wanted.length === 1 ? wanted[0] : wanted.map(escapeRegex).join('|'))
      .matchEntireCell(true);
    if (wanted.length > 1) finder.useRegularExpression(true);
    // the header cell is searched too: a header is never an ID, and the search needs no last row
    return finder
      .findAll()
      .map((r) => r.getRow())
      .filter((row) => row > 1);
  }

  /**
   * Sheet rows whose cell in any of `headers` matches the regular expression
   * `pattern` (RE2, whole cell, case-insensitive), searched over the span of
   * those columns on Google's side; each row once, top to bottom.
   */
  searchRows(headers: readonly string[], pattern: string): number[] {
    const cols = headers.filter((h) => this.has(h)).map((h) => this.col(h));
    if (cols.length === 0 || this.lastRow < 2) return [];
    const first = Math.min(...cols);
    const found = this.sheet
      .getRange(2, first, this.lastRow - 1, Math.max(...cols) - first + 1)
      .createTextFinder(pattern)
      .matchEntireCell(true)
      .useRegularExpression(true)
      .findAll();
    const rows = new Set<number>();
    for (const r of found) if (cols.includes(r.getColumn())) rows.add(r.getRow());
    return [...rows];
  }

  /** A whole column («E:E») as a range, for searching. */
  private wholeColumn(header: string): GoogleAppsScript.Spreadsheet.Range {
    const letters = (n: number): string =>
      (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
    const col = letters(this.col(header));
    return this.sheet.getRange(`${col}:${col}`);
  }

  /**
   * The full-width rows at these sheet rows: a few are read one call each, more
   * in one call over their span (calls stay few, cells stay near the rows asked).
   */
  readRowsAt(rows: readonly number[]): Map<number, unknown[]> {
    const out = new Map<number, unknown[]>();
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    const min = sorted[0];
    const max = sorted[sorted.length - 1];
    if (sorted.length <= 3 || max - min + 1 > 4 * sorted.length) {
      for (const row of sorted) out.set(row, this.readRows(row, 1)[0]);
    } else {
      const block = this.readRows(min, max - min + 1);
      for (const row of sorted) out.set(row, block[row - min]);
    }
    return out;
  }

  /** A row of values as a record keyed by header. */
  record(row: readonly unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [header, i] of this.index) out[header] = row[i];
    return out;
  }

  /** Writes one column's values from `firstRow` down, in one call. */
  writeColumn(header: string, firstRow: number, values: readonly unknown[]): void {
    if (values.length === 0) return;
    this.sheet.getRange(firstRow, this.col(header), values.length, 1).setValues(values.map((v) => [this.cellValue(v)]));
  }

  /** Writes one cell. */
  writeCell(row: number, header: string, value: unknown): void {
    this.sheet.getRange(row, this.col(header)).setValue(this.cellValue(value));
  }

  /**
   * Writes several fields of one row: fields in adjacent columns go in one call
   * each run (a contiguous block), so a form save is one or two calls.
   */
  writeFields(row: number, fields: RowRecord): void {
    const cols = Object.keys(fields)
      .map((h) => ({ col: this.col(h), value: fields[h] }))
      .sort((a, b) => a.col - b.col);
    let start = 0;
    while (start < cols.length) {
      let end = start;
      while (end + 1 < cols.length && cols[end + 1].col === cols[end].col + 1) end++;
      const run = cols.slice(start, end + 1);
      this.sheet.getRange(row, run[0].col, 1, run.length).setValues([run.map((c) => this.cellValue(c.value))]);
      start = end + 1;
    }
  }

  /**
   * Appends records after the sheet's real last row. Columns the records do not
   * name (and unknown columns) are left empty. Runs under the document lock,
   * which orders the add-on's own appends; a row a person types meanwhile is
   * not under any lock, so each record goes in with appendRow, which Sheets
   * places after whatever the sheet holds at that moment, never over it.
   */
  appendRecords(records: readonly RowRecord[]): void {
    for (const r of records) {
      // Stryker disable next-line ArrayDeclaration: a row appended below the last one is empty beyond what it names either way
      const row: unknown[] = new Array(this.width).fill('');
      for (const [header, value] of Object.entries(r)) row[this.col(header) - 1] = this.cellValue(value);
      this.sheet.appendRow(row);
    }
    this.cachedLastRow = null;
  }
}

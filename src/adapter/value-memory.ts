/**
 * The last valid value of enforced fields (a deal's «Этап», a client's
 * «Статус клиента» and «Скидка, %»), kept by the add-on in a hidden, protected
 * technical tab. A paste or fill-down carries no old value (e.oldValue exists only
 * for single-cell edits), so this is what an invalid change is reverted to.
 */
import { textOf } from '../domain/crm/values';
import { appendRows } from './grid';
import { currentLockHold } from './lock';
import { forgetEntries, pendingEntries, queueEntries } from './pending-writes';
import { safeCellText } from './safe-text';
import { userMayWrite } from './sheet-access';
import { protectForDirectors } from './protection';
import { ownerEmail } from './user';

/** The technical tab; its name starts with «_» so people see it is not theirs. */
export const MEMORY_SHEET = '_Последние значения';
const HEADERS = ['ID', 'Поле', 'Значение', 'Этап отказа'];

export interface Remembered {
  value: string;
  /** for «Этап» = «Отказ»: the stage the deal was lost at */
  lostAt: string;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const MEMORY_PROTECTION = 'Служебный лист надстройки CRM: изменяет только директор';

/** Creates the hidden tab if it is missing, protected for the owner («Настроить таблицу» adds the directors). */
export function ensureMemorySheet(ss: Spreadsheet): Sheet {
  let sheet = ss.getSheetByName(MEMORY_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(MEMORY_SHEET);
    sheet.getRange(1, 1, 1, HEADERS.length).setValues([HEADERS]);
    sheet.setFrozenRows(1);
    sheet.hideSheet();
    // the editors are set explicitly: a new protection would mirror every editor of the file
    // Stryker disable next-line ArrayDeclaration: the owner is an editor of every protection and cannot be removed, so naming it or not leaves the same editors
    protectForDirectors(sheet, MEMORY_PROTECTION, [ownerEmail(ss)]);
  }
  return sheet;
}

/**
 * The memory loaded in one read, with the values still queued by users who
 * could not write the tab. save() runs under the document lock and re-reads
 * the tab there: a row is found by its ID and field as the tab is now, and new
 * ones go after the tab's real last row, so a save never overwrites a value
 * another execution wrote after this one loaded.
 */
export class ValueMemory {
  private readonly entries = new Map<string, Remembered>();
  private readonly changed = new Set<string>();
  /** IDs of the queued entries folded in at load, forgotten once written */
  private readonly pendingIds: string[] = [];
  /** keys whose value came from the queue: written by a user who may, never queued again */
  private readonly fromQueue = new Set<string>();

  /** whether the tab is missing or holds no entry (known without reading it whole) */
  private readonly tabEmpty: boolean;
  /** the tab as loaded, and the hold of the document lock it was read under (null: outside the lock) */
  private loadedTab: TabRead | null = null;
  private readonly loadedHold: number | null = currentLockHold();
  /** the tab's writes by this execution when it was loaded: another instance's save makes the load stale */
  private readonly loadedWrites = tabWrites;

  private constructor(
    private readonly ss: Spreadsheet,
    private readonly sheet: Sheet | null,
    /** the IDs whose rows are read; null for the whole tab */
    private ids: readonly string[] | null,
  ) {
    if (sheet) {
      const tab = readTab(sheet, ids);
      for (const [k, value] of tab.values) this.entries.set(k, value);
      this.tabEmpty = tab.lastRow <= 1;
      this.loadedTab = tab;
    } else this.tabEmpty = true;
    // values set by users who could not write the tab
    for (const entry of pendingEntries(ss, 'memory')) {
      const [id, field, value, lostAt] = entry.row;
      this.pendingIds.push(entry.id);
      this.set(id ?? '', field ?? '', value ?? '', lostAt ?? '');
    }
    for (const k of this.changed) this.fromQueue.add(k);
    this.changed.clear();
  }

  /**
   * Reads the memory: with `ids`, only the rows of those IDs (found by
   * TextFinder, so the read does not grow with the tab), and get() knows only
   * them; without, the whole tab (one getValues). A missing tab reads as empty
   * and is created on save. `sheet`: the tab when the caller has it.
   */
  static load(ss: Spreadsheet, ids?: readonly string[], sheet?: Sheet): ValueMemory {
    return new ValueMemory(ss, sheet ?? ss.getSheetByName(MEMORY_SHEET), ids ?? null);
  }

  /**
   * Reads the rows of more IDs into a memory loaded for some (one more TextFinder
   * search, only when these IDs turn out to be needed). Values queued for them stay.
   */
  include(ids: readonly string[]): void {
    if (this.ids === null) return;
    const known = this.ids;
    const more = [...new Set(ids.filter((id) => id !== '' && !known.includes(id)))];
    if (more.length === 0) return;
    this.ids = [...known, ...more];
    if (!this.sheet) return;
    const tab = readTab(this.sheet, more);
    for (const [k, value] of tab.values) if (!this.entries.has(k)) this.entries.set(k, value);
    const loaded = this.loadedTab;
    if (!loaded) return;
    if (!tab.sparse || !loaded.sparse) {
      this.loadedTab = null;
      return;
    }
    for (const [k, i] of tab.rowOf) loaded.rowOf.set(k, i);
    for (const [k, v] of tab.values) loaded.values.set(k, v);
  }

  /** Whether nothing is remembered: the tab is missing or was emptied, and should be rebuilt. */
  get isEmpty(): boolean {
    return this.ids === null ? this.entries.size === 0 : this.tabEmpty && this.entries.size === 0;
  }

  /** Whether anything is remembered of `id` (among the IDs loaded). */
  knows(id: string): boolean {
    const prefix = key(id, '');
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** The remembered fields of `id` (among the IDs loaded), field → value. */
  fieldsOf(id: string): Map<string, string> {
    const prefix = key(id, '');
    const out = new Map<string, string>();
    for (const [k, v] of this.entries) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v.value);
    return out;
  }

  /** Every ID the memory holds, the queued ones too: one read of the tab's ID column. */
  static rememberedIds(ss: Spreadsheet): Set<string> {
    const ids = new Set<string>();
    const sheet = ss.getSheetByName(MEMORY_SHEET);
    const lastRow = sheet ? sheet.getLastRow() : 0;
    if (sheet && lastRow > 1) for (const [id] of sheet.getRange(2, 1, lastRow - 1, 1).getValues()) ids.add(textOf(id));
    for (const entry of pendingEntries(ss, 'memory')) ids.add(entry.row[0] ?? '');
    ids.delete('');
    return ids;
  }

  get(id: string, field: string): Remembered | undefined {
    return this.entries.get(key(id, field));
  }

  set(id: string, field: string, value: string, lostAt = ''): void {
    const k = key(id, field);
    const existing = this.entries.get(k);
    if (existing && existing.value === value && existing.lostAt === lostAt) return;
    this.entries.set(k, { value, lostAt });
    this.changed.add(k);
  }

  /**
   * Writes the changes (under the document lock); when this user may not write
   * the protected tab, queues them for the next execution that runs as the director.
   */
  save(ss: Spreadsheet = this.ss): void {
    if (this.changed.size === 0 && this.pendingIds.length === 0) return;
    const sheet = (ss === this.ss ? this.sheet : null) ?? ss.getSheetByName(MEMORY_SHEET) ?? ensureMemorySheet(ss);
    if (!userMayWrite(sheet)) {
      queueEntries(
        ss,
        'memory',
        [...this.changed].map((k) => {
          const [id, field] = k.split('\u0000');
          const v = this.entries.get(k)!;
          return [id, field, v.value, v.lostAt];
        }),
      );
      this.changed.clear();
      return;
    }
    for (const k of this.fromQueue) this.changed.add(k);
    this.fromQueue.clear();
    this.write(sheet);
    forgetEntries(ss, this.pendingIds.splice(0));
  }

  /**
   * Re-reads the tab, then writes the changed rows as one block over their span
   * (from what the tab holds now) and appends the new ones after its last row.
   * Loaded under the same hold of the document lock as this save, with the rows of
   * every changed ID, the tab as loaded is the tab as it is now: it is not read again.
   */
  private write(sheet: Sheet): void {
    if (this.changed.size === 0) return;
    // the rows of the changed IDs as the tab is now (the whole tab after a rebuild of many)
    const changedIds = [...new Set([...this.changed].map((k) => k.split('\u0000')[0]))];
    const loaded = this.loadedTab;
    this.loadedTab = null;
    const stillCurrent =
      loaded !== null &&
      sheet === this.sheet &&
      this.loadedHold !== null &&
      this.loadedHold === currentLockHold() &&
      this.loadedWrites === tabWrites &&
      (this.ids === null || changedIds.every((id) => this.ids!.includes(id)));
    const tab = stillCurrent ? loaded : readTab(sheet, this.ids === null ? null : changedIds);
    if (tab.sparse) {
      this.writeSparse(sheet, tab);
      return;
    }
    const block = tab.rows;
    const updated: number[] = [];
    const added: string[][] = [];
    for (const k of this.changed) {
      const [id, field] = k.split('\u0000');
      const v = this.entries.get(k)!;
      const cells = [safeCellText(id), safeCellText(field), safeCellText(v.value), safeCellText(v.lostAt)];
      const i = tab.rowOf.get(k);
      if (i === undefined) added.push(cells);
      else {
        block[i] = cells;
        updated.push(i);
      }
    }
    if (updated.length > 0) {
      // a loop, not Math.min(...updated): tens of thousands of arguments overflow the call stack
      let min = updated[0];
      let max = updated[0];
      for (const i of updated) {
        // Stryker disable next-line EqualityOperator: on a tie min already is i
        if (i < min) min = i;
        // Stryker disable next-line EqualityOperator: on a tie max already is i
        if (i > max) max = i;
      }
      sheet.getRange(min + 2, 1, max - min + 1, HEADERS.length).setValues(block.slice(min, max + 1));
    }
    appendRows(sheet, added, HEADERS.length);
    tabWrites++;
    this.changed.clear();
  }

  /** Writes each changed row found by ID in its place, and appends the new ones after the last row. */
  private writeSparse(sheet: Sheet, tab: TabRead): void {
    const added: string[][] = [];
    for (const k of this.changed) {
      const [id, field] = k.split('\u0000');
      const v = this.entries.get(k)!;
      const cells = [safeCellText(id), safeCellText(field), safeCellText(v.value), safeCellText(v.lostAt)];
      const i = tab.rowOf.get(k);
      if (i === undefined) added.push(cells);
      else sheet.getRange(i + 2, 1, 1, HEADERS.length).setValues([cells]);
    }
    appendRows(sheet, added, HEADERS.length);
    tabWrites++;
    this.changed.clear();
  }
}

/** How many times this execution wrote the tab (a save of one memory makes another's load stale). */
let tabWrites = 0;

/** Above this many IDs a read or a save goes over the whole tab: one call instead of many. */
const TARGETED_LIMIT = 50;

interface TabRead {
  /** data rows by index (row − 2); none with `sparse` (its rows are written one by one) */
  rows: unknown[][];
  rowOf: Map<string, number>;
  values: Map<string, Remembered>;
  lastRow: number;
  /** only the rows of some IDs were read */
  sparse: boolean;
}

/**
 * The tab as it is now: its data rows, the row index of each ID and field, the
 * values, its last row. With `ids`, only the rows whose ID is one of them,
 * found by TextFinder on the ID column and read row by row (few rows) or over
 * their span.
 */
function readTab(sheet: Sheet, ids: readonly string[] | null = null): TabRead {
  if (ids !== null && ids.length <= TARGETED_LIMIT) return readRowsOf(sheet, ids);
  const lastRow = sheet.getLastRow();
  const rows = lastRow > 1 ? sheet.getRange(2, 1, lastRow - 1, HEADERS.length).getValues() : [];
  const rowOf = new Map<string, number>();
  const values = new Map<string, Remembered>();
  rows.forEach((r, i) => {
    const k = key(textOf(r[0]), textOf(r[1]));
    if (k === key('', '')) return;
    // a key written twice (by an older version) reads and updates as its last row
    rowOf.set(k, i);
    values.set(k, { value: textOf(r[2]), lostAt: textOf(r[3]) });
  });
  return { rows, rowOf, values, lastRow: Math.max(lastRow, 1), sparse: false };
}

function readRowsOf(sheet: Sheet, ids: readonly string[]): TabRead {
  const rows: unknown[][] = [];
  const rowOf = new Map<string, number>();
  const values = new Map<string, Remembered>();
  const lastRow = sheet.getLastRow();
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  if (wanted.length === 0 || lastRow <= 1) return { rows, rowOf, values, lastRow: Math.max(lastRow, 1), sparse: true };
  const finder = sheet
    .getRange(2, 1, lastRow - 1, 1)
    .createTextFinder(wanted.length === 1 ? wanted[0] : wanted.map(escapeRegex).join('|'))
    .matchEntireCell(true);
  if (wanted.length > 1) finder.useRegularExpression(true);
  // Stryker disable next-line MethodExpression,ArithmeticOperator: findAll gives one column's matches in row order; the sort only guards that
  const found = [...new Set(finder.findAll().map((r) => r.getRow()))].sort((a, b) => a - b);
  const read = (first: number, count: number) => sheet.getRange(first, 1, count, HEADERS.length).getValues();
  // an ID's fields are written together, so its rows lie close: one read per cluster of near rows
  const byRow = new Map<number, unknown[]>();
  const clusters: number[][] = [];
  for (const row of found) {
    const cluster = clusters[clusters.length - 1];
    if (cluster && row - cluster[cluster.length - 1] <= 3) cluster.push(row);
    else clusters.push([row]);
  }
  for (const cluster of clusters) {
    const first = cluster[0];
    read(first, cluster[cluster.length - 1] - first + 1).forEach((r, j) => byRow.set(first + j, r));
  }
  for (const row of found) {
    const r = byRow.get(row)!;
    const id = textOf(r[0]);
    if (!wanted.includes(id)) continue; // TextFinder ignores case; the ID must be the same
    const i = row - 2;
    const k = key(id, textOf(r[1]));
    rowOf.set(k, i);
    values.set(k, { value: textOf(r[2]), lostAt: textOf(r[3]) });
  }
  return { rows, rowOf, values, lastRow, sparse: true };
}

/** Text as a literal inside a regular expression (RE2, as TextFinder uses). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function key(id: string, field: string): string {
  return `${id}\u0000${field}`;
}

/**
 * The last valid value of enforced fields (a deal's «Этап», a client's
 * «Статус клиента» and «Скидка, %»), kept by the add-on in a hidden, protected
 * technical tab. A paste or fill-down carries no old value (e.oldValue exists only
 * for single-cell edits), so this is what an invalid change is reverted to.
 */
import { textOf } from '../domain/crm/values';
import { ensureGridRows } from './grid';
import { clearPendingMemory, pendingMemoryRows, queueMemoryRows, type PendingMemoryRow } from './pending-writes';
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
    protectForDirectors(sheet, MEMORY_PROTECTION, [ownerEmail(ss)]);
  }
  return sheet;
}

/** The memory loaded in one read; changes are saved in at most two writes. */
export class ValueMemory {
  private readonly entries = new Map<string, { row: number; value: Remembered }>();
  private readonly changed = new Set<string>();
  private readonly added: string[] = [];
  private lastRow: number;
  /** values queued by users who could not write the tab, folded in at load */
  private readonly pending: PendingMemoryRow[];

  private constructor(private sheet: Sheet | null) {
    this.lastRow = sheet ? sheet.getLastRow() : 1;
    if (sheet && this.lastRow > 1) {
      const values = sheet.getRange(2, 1, this.lastRow - 1, HEADERS.length).getValues();
      values.forEach((r, i) => {
        this.entries.set(key(textOf(r[0]), textOf(r[1])), {
          row: i + 2,
          value: { value: textOf(r[2]), lostAt: textOf(r[3]) },
        });
      });
    }
    // values set by users who could not write the tab
    this.pending = pendingMemoryRows();
    for (const [id, field, value, lostAt] of this.pending) this.set(id, field, value, lostAt);
  }

  /** Reads the whole memory (one getValues); a missing tab reads as empty and is created on save. */
  static load(ss: Spreadsheet): ValueMemory {
    return new ValueMemory(ss.getSheetByName(MEMORY_SHEET));
  }

  /** Whether nothing is remembered: the tab is missing or was emptied, and should be rebuilt. */
  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  get(id: string, field: string): Remembered | undefined {
    return this.entries.get(key(id, field))?.value;
  }

  set(id: string, field: string, value: string, lostAt = ''): void {
    const k = key(id, field);
    const existing = this.entries.get(k);
    if (existing) {
      if (existing.value.value === value && existing.value.lostAt === lostAt) return;
      existing.value = { value, lostAt };
      this.changed.add(k);
    } else {
      this.entries.set(k, { row: 0, value: { value, lostAt } });
      this.added.push(k);
    }
  }

  /**
   * Writes the changes; when this user may not write the protected tab, queues
   * them for the next execution that runs as the director.
   */
  save(ss: Spreadsheet): void {
    if (this.changed.size === 0 && this.added.length === 0) return;
    if (this.sheet === null) this.sheet = ensureMemorySheet(ss);
    if (!userMayWrite(this.sheet)) {
      const rows: PendingMemoryRow[] = [...this.changed, ...this.added].map((k) => {
        const [id, field] = k.split('\u0000');
        const v = this.entries.get(k)!.value;
        return [id, field, v.value, v.lostAt];
      });
      queueMemoryRows(rows);
      return;
    }
    this.write(ss);
    if (this.pending.length > 0) clearPendingMemory(this.pending.splice(0));
  }

  /** Writes the changed rows as one block over their span, and appends new ones in one call. */
  private write(ss: Spreadsheet): void {
    const sheet = this.sheet ?? ensureMemorySheet(ss);
    const rowOf = (k: string) => this.entries.get(k)!;
    const toRow = (k: string) => {
      const [id, field] = k.split('\u0000');
      const v = rowOf(k).value;
      return [safeCellText(id), safeCellText(field), safeCellText(v.value), safeCellText(v.lostAt)];
    };
    if (this.changed.size > 0) {
      const rows = [...this.changed].map((k) => rowOf(k).row);
      const min = Math.min(...rows);
      const max = Math.max(...rows);
      if (max - min + 1 === rows.length || this.changed.size === 1) {
        sheet
          .getRange(min, 1, max - min + 1, HEADERS.length)
          .setValues([...this.changed].sort((a, b) => rowOf(a).row - rowOf(b).row).map(toRow));
      } else {
        // a sparse set of rows: rewrite the span from what is in memory (the tab is the add-on's alone)
        const byRow = new Map<number, string>();
        for (const [k, e] of this.entries) if (e.row >= min && e.row <= max) byRow.set(e.row, k);
        const block = [];
        for (let r = min; r <= max; r++) {
          const k = byRow.get(r);
          block.push(k ? toRow(k) : ['', '', '', '']);
        }
        sheet.getRange(min, 1, block.length, HEADERS.length).setValues(block);
      }
    }
    if (this.added.length > 0) {
      const first = this.lastRow + 1;
      ensureGridRows(sheet, first + this.added.length - 1);
      sheet.getRange(first, 1, this.added.length, HEADERS.length).setValues(this.added.map(toRow));
      this.added.forEach((k, i) => (rowOf(k).row = first + i));
      this.lastRow += this.added.length;
    }
    this.changed.clear();
    this.added.length = 0;
  }
}

function key(id: string, field: string): string {
  return `${id}\u0000${field}`;
}

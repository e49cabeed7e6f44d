/**
 * The sheet grid: column letters and row numbers, frozen header rows, cells
 * with their display values and formats, selection, in-cell editing, dropdowns,
 * paste of a block and fill-down. Only the rows in view are drawn and only a
 * window of rows is fetched, so a sheet of 20 000 rows scrolls as a small one.
 * Merged blocks are drawn as one cell; text runs over the empty cells to its
 * right and is clipped at the first cell holding something, as in Sheets.
 */
import type { CellView, MergeView, SheetWindow } from '../server/api-types';
import { columnLetters, parseTsv, shiftFormula, toTsv } from './block-text';

const ROW_HEIGHT = 21;
const DEFAULT_WIDTH = 100;
const ROW_HEADER_WIDTH = 46;
/** Left and right padding of a cell (style.css). */
const CELL_PADDING = 3;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 10;
/** Rows fetched at once around the visible ones. */
export const FETCH_ROWS = 200;

export interface GridCallbacks {
  /** a person's edit of a block at a 1-based cell; resolves when the grid has been refreshed */
  edit(sheet: string, row: number, column: number, values: string[][]): Promise<void>;
  /** the selection changed (1-based) */
  select(sheet: string, row: number, column: number, numRows: number, numColumns: number): void;
  /** rows [from, from + count) of the current sheet are needed */
  fetch(sheet: string, from: number, count: number): Promise<SheetWindow>;
}

interface Selection {
  anchorRow: number;
  anchorCol: number;
  row: number;
  col: number;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

const ERROR_VALUE = /^#(ERROR!|N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)/;

export class Grid {
  private readonly container = byId<HTMLDivElement>('grid');
  private readonly table = byId<HTMLTableElement>('grid-table');
  private readonly editor = byId<HTMLTextAreaElement>('cell-editor');
  private readonly dropdown = byId<HTMLDivElement>('dropdown');
  private readonly formulaInput = byId<HTMLInputElement>('formula-input');
  private readonly nameBox = byId<HTMLDivElement>('name-box');
  private readonly notePopup = byId<HTMLDivElement>('note-popup');

  private window: SheetWindow | undefined;
  private readonly rows = new Map<number, Array<CellView | null>>();
  /** merged blocks seen in the fetched windows, by their top-left cell "row:col" */
  private readonly merges = new Map<string, MergeView>();
  private selection: Selection = { anchorRow: 0, anchorCol: 0, row: 0, col: 0 };
  private editing: { row: number; col: number; source: 'cell' | 'bar' } | undefined;
  private dragging = false;
  private fetching = false;
  private frame = 0;
  /** the body rows drawn by the last render */
  private firstDrawnRow = 0;
  private lastDrawnRow = 0;
  private selectTimer = 0;

  constructor(private readonly callbacks: GridCallbacks) {
    this.container.addEventListener('scroll', () => this.scheduleRender());
    this.container.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.container.addEventListener('mouseover', (e) => this.onMouseOver(e));
    this.container.addEventListener('mouseout', () => (this.notePopup.hidden = true));
    this.container.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    this.container.addEventListener('keydown', (e) => this.onKeyDown(e));
    document.addEventListener('mouseup', () => this.onMouseUp());
    document.addEventListener('paste', (e) => this.onPaste(e));
    document.addEventListener('copy', (e) => this.onCopy(e));
    this.editor.addEventListener('keydown', (e) => this.onEditorKey(e));
    this.editor.addEventListener('blur', () => {
      if (this.editing?.source === 'cell') void this.commitEdit(this.editor.value, 0, 0);
    });
    this.editor.addEventListener('input', () => (this.formulaInput.value = this.editor.value));
    this.formulaInput.addEventListener('focus', () => {
      if (!this.editing) this.editing = { row: this.selection.row, col: this.selection.col, source: 'bar' };
    });
    this.formulaInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void this.commitEdit(this.formulaInput.value, 1, 0);
        this.container.focus();
      } else if (e.key === 'Escape') {
        this.cancelEdit();
        this.container.focus();
      }
    });
    this.formulaInput.addEventListener('blur', () => {
      if (this.editing?.source === 'bar') this.editing = undefined;
      this.showActive();
    });
  }

  get sheet(): string | undefined {
    return this.window?.sheet;
  }

  /** The rows the page is showing, for the server to send back fresh after a change. */
  visibleWindow(): { from: number; count: number } {
    const first = Math.max(0, this.firstVisibleRow() - FETCH_ROWS / 4);
    return { from: Math.floor(first), count: FETCH_ROWS };
  }

  /** Replaces the sheet's data with a fresh window; keeps the selection when the sheet is the same. */
  load(window: SheetWindow): void {
    const sameSheet = this.window?.sheet === window.sheet;
    this.window = window;
    this.rows.clear();
    this.merges.clear();
    this.absorb(window);
    if (!sameSheet) {
      this.selection = { anchorRow: window.frozenRows, anchorCol: 0, row: window.frozenRows, col: 0 };
      this.container.scrollTop = 0;
      this.container.scrollLeft = 0;
      this.notifySelection();
    }
    this.render();
  }

  private absorb(window: SheetWindow): void {
    window.frozen.forEach((cells, i) => this.rows.set(i, cells));
    window.rows.forEach((cells, i) => this.rows.set(window.from + i, cells));
    for (const m of window.merges ?? []) this.merges.set(`${m.row}:${m.col}`, m);
  }

  /** The merged block covering a cell, if any. */
  private mergeAt(row: number, col: number): MergeView | undefined {
    for (const m of this.merges.values()) {
      if (row >= m.row && row < m.row + m.numRows && col >= m.col && col < m.col + m.numCols) return m;
    }
    return undefined;
  }

  /** Sheets' overflow: how many of the next visible columns a cell's text may run over (empty, unmerged cells). */
  private spillColumns(row: number, index: number, columns: number[]): number {
    const cells = this.rows.get(row);
    if (!cells?.[columns[index]]?.o || this.mergeAt(row, columns[index])) return 0;
    let n = 0;
    for (let i = index + 1; i < columns.length; i++) {
      const next = cells[columns[i]];
      if ((next && (next.d !== undefined || next.f || next.t !== undefined)) || this.mergeAt(row, columns[i])) break;
      n++;
    }
    return n;
  }

  private cell(row: number, col: number): CellView | null {
    return this.rows.get(row)?.[col] ?? null;
  }

  private visibleColumns(): number[] {
    if (!this.window) return [];
    const hidden = new Set(this.window.hiddenColumns);
    const out: number[] = [];
    for (let c = 0; c < this.window.columnCount; c++) if (!hidden.has(c)) out.push(c);
    return out;
  }

  private width(col: number): number {
    return this.window?.columnWidths[col] ?? DEFAULT_WIDTH;
  }

  private firstVisibleRow(): number {
    const frozen = this.window?.frozenRows ?? 0;
    return frozen + Math.floor(this.container.scrollTop / ROW_HEIGHT);
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const window = this.window;
    if (!window) return;
    const columns = this.visibleColumns();
    const frozen = window.frozenRows;
    const viewRows = Math.ceil(this.container.clientHeight / ROW_HEIGHT) + 1;
    const first = Math.max(frozen, this.firstVisibleRow() - OVERSCAN);
    const last = Math.min(window.rowCount - 1, this.firstVisibleRow() + viewRows + OVERSCAN);
    this.firstDrawnRow = first;
    this.lastDrawnRow = last;
    this.ensureRows(first, last);

    const colgroup = document.createElement('colgroup');
    const totalWidth = ROW_HEADER_WIDTH + columns.reduce((sum, c) => sum + this.width(c), 0);
    colgroup.append(Object.assign(document.createElement('col'), { style: `width:${ROW_HEADER_WIDTH}px` }));
    for (const c of columns)
      colgroup.append(Object.assign(document.createElement('col'), { style: `width:${this.width(c)}px` }));

    const { top, bottom, left, right } = this.range();
    const thead = document.createElement('thead');
    const letters = document.createElement('tr');
    letters.className = 'letters';
    letters.append(Object.assign(document.createElement('th'), { className: 'corner' }));
    for (const c of columns) {
      const th = document.createElement('th');
      th.textContent = columnLetters(c + 1);
      th.dataset.col = String(c);
      if (c >= left && c <= right) th.classList.add('sel-head');
      letters.append(th);
    }
    thead.append(letters);
    for (let r = 0; r < frozen; r++) {
      const tr = this.rowElement(r, columns, top, bottom, left, right);
      tr.classList.add('frozen');
      if (r === frozen - 1) tr.classList.add('last');
      thead.append(tr);
    }

    const tbody = document.createElement('tbody');
    tbody.append(this.spacer((first - frozen) * ROW_HEIGHT, columns.length));
    for (let r = first; r <= last; r++) tbody.append(this.rowElement(r, columns, top, bottom, left, right));
    tbody.append(this.spacer((window.rowCount - 1 - last) * ROW_HEIGHT, columns.length));

    this.table.style.width = `${totalWidth}px`;
    this.table.replaceChildren(colgroup, thead, tbody);
    // Frozen rows stick below the letters, each at its own offset.
    let offset = letters.offsetHeight;
    for (const tr of Array.from(thead.querySelectorAll<HTMLTableRowElement>('tr.frozen'))) {
      for (const cell of Array.from(tr.children) as HTMLElement[]) cell.style.top = `${offset}px`;
      offset += tr.offsetHeight;
    }
    this.showActive();
  }

  private spacer(height: number, columns: number): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    const td = document.createElement('td');
    td.colSpan = columns + 1;
    td.style.height = `${Math.max(0, height)}px`;
    tr.append(td);
    return tr;
  }

  private rowElement(
    r: number,
    columns: number[],
    top: number,
    bottom: number,
    left: number,
    right: number,
  ): HTMLTableRowElement {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.className = 'rownum';
    th.dataset.row = String(r);
    th.textContent = String(r + 1);
    if (r >= top && r <= bottom) th.classList.add('sel-head');
    tr.append(th);
    const cells = this.rows.get(r);
    const frozen = this.window?.frozenRows ?? 0;
    columns.forEach((c, i) => {
      const block = this.mergeAt(r, c);
      // a block is drawn once, from its top-left cell, or from its first drawn row when scrolled into it
      const firstDrawnRow = block ? Math.max(block.row, r < frozen ? 0 : this.firstDrawnRow) : r;
      const firstDrawnCol = block ? columns.find((x) => x >= block.col && x < block.col + block.numCols) : c;
      if (block && (r !== firstDrawnRow || c !== firstDrawnCol)) return;
      const td = document.createElement('td');
      td.dataset.row = String(r);
      td.dataset.col = String(c);
      const cell = block ? (this.rows.get(block.row)?.[block.col] ?? null) : (cells?.[c] ?? null);
      if (cell) this.paintCell(td, cell);
      if (block) {
        td.colSpan = columns.filter((x) => x >= block.col && x < block.col + block.numCols).length;
        const sectionEnd = r < frozen ? frozen : this.lastDrawnRow + 1;
        td.rowSpan = Math.max(1, Math.min(block.row + block.numRows, sectionEnd) - r);
        td.classList.add('merged');
      } else if (cell?.o) {
        const n = this.spillColumns(r, i, columns);
        if (n > 0)
          this.spill(
            td,
            columns.slice(i, i + n + 1).reduce((sum, x) => sum + this.width(x), 0),
          );
      }
      if (r >= top && r <= bottom && c >= left && c <= right) td.classList.add('sel');
      if (r === this.selection.row && c === this.selection.col) td.classList.add('active');
      tr.append(td);
    });
    return tr;
  }

  /** Lets the cell's text run over `width` pixels of columns, clipped there. */
  private spill(td: HTMLTableCellElement, width: number): void {
    const text = document.createElement('div');
    text.className = 'spill-text';
    text.style.width = `${width - 2 * CELL_PADDING}px`;
    text.textContent = td.textContent;
    td.replaceChildren(text);
    td.classList.add('spill');
  }

  private paintCell(td: HTMLTableCellElement, cell: CellView): void {
    const shown = cell.d ?? '';
    // Text from cells goes in as text, never as HTML.
    td.textContent = cell.cb ? (shown === 'ИСТИНА' ? '☑' : '☐') : shown;
    if (cell.bg) td.style.backgroundColor = cell.bg;
    if (cell.fc) td.style.color = cell.fc;
    if (cell.b) td.style.fontWeight = 'bold';
    if (cell.a) td.style.textAlign = cell.a;
    if (cell.cb) td.style.textAlign = 'center';
    if (cell.n) td.classList.add('note');
    if (cell.w) td.classList.add('wrap');
    if (cell.list) td.classList.add('list');
    if (cell.p) td.classList.add('locked');
    if (ERROR_VALUE.test(shown)) td.classList.add('error');
  }

  private ensureRows(first: number, last: number): void {
    const window = this.window;
    if (!window || this.fetching) return;
    let missing = -1;
    for (let r = first; r <= last; r++) {
      if (!this.rows.has(r)) {
        missing = r;
        break;
      }
    }
    if (missing < 0) return;
    this.fetching = true;
    const from = Math.max(0, missing - OVERSCAN * 3);
    const sheet = window.sheet;
    this.callbacks
      .fetch(sheet, from, FETCH_ROWS)
      .then((fresh) => {
        if (this.window?.sheet !== sheet) return;
        this.window = { ...fresh, rows: [], frozen: [] };
        this.absorb(fresh);
      })
      .finally(() => {
        this.fetching = false;
        this.scheduleRender();
      });
  }

  private range(): { top: number; bottom: number; left: number; right: number } {
    const s = this.selection;
    return {
      top: Math.min(s.anchorRow, s.row),
      bottom: Math.max(s.anchorRow, s.row),
      left: Math.min(s.anchorCol, s.col),
      right: Math.max(s.anchorCol, s.col),
    };
  }

  /** Selects a block (0-based, inclusive); the active cell is its top-left. */
  selectRange(row: number, col: number, toRow = row, toCol = col): void {
    this.selection = { anchorRow: row, anchorCol: col, row: toRow, col: toCol };
    this.render();
    this.notifySelection();
  }

  private notifySelection(): void {
    const window = this.window;
    if (!window) return;
    clearTimeout(this.selectTimer);
    const { top, bottom, left, right } = this.range();
    this.selectTimer = setTimeout(() => {
      this.callbacks.select(window.sheet, top + 1, left + 1, bottom - top + 1, right - left + 1);
    }, 60) as unknown as number;
  }

  /** Sends a pending selection change at once (before an execution that reads it). */
  flushSelection(): void {
    if (!this.selectTimer || !this.window) return;
    clearTimeout(this.selectTimer);
    this.selectTimer = 0;
    const { top, bottom, left, right } = this.range();
    this.callbacks.select(this.window.sheet, top + 1, left + 1, bottom - top + 1, right - left + 1);
  }

  private showActive(): void {
    const { row, col } = this.selection;
    const { top, bottom, left, right } = this.range();
    const name = `${columnLetters(col + 1)}${row + 1}`;
    this.nameBox.textContent =
      top === bottom && left === right
        ? name
        : `${columnLetters(left + 1)}${top + 1}:${columnLetters(right + 1)}${bottom + 1}`;
    if (this.editing) return;
    this.formulaInput.value = this.cell(row, col)?.t ?? '';
  }

  private cellFromEvent(event: Event): { row: number; col: number; td: HTMLTableCellElement } | undefined {
    const td = (event.target as HTMLElement).closest?.('td[data-row]') as HTMLTableCellElement | null;
    if (!td) return undefined;
    return { row: Number(td.dataset.row), col: Number(td.dataset.col), td };
  }

  private onMouseDown(event: MouseEvent): void {
    if (event.target === this.editor || this.dropdown.contains(event.target as Node)) return;
    const hit = this.cellFromEvent(event);
    if (!hit) return;
    event.preventDefault();
    this.container.focus();
    this.dropdown.hidden = true;
    if (event.shiftKey) {
      this.selection = { ...this.selection, row: hit.row, col: hit.col };
    } else {
      this.selection = { anchorRow: hit.row, anchorCol: hit.col, row: hit.row, col: hit.col };
      const cell = this.cell(hit.row, hit.col);
      // The ▾ at the right edge of a dropdown cell opens its list.
      const rect = hit.td.getBoundingClientRect();
      if (cell?.list && event.clientX > rect.right - 16) {
        this.paintSelection();
        this.notifySelection();
        this.openDropdown(hit.row, hit.col);
        return;
      }
      this.dragging = true;
    }
    // Repainting classes rather than redrawing keeps the cell element, so a double-click lands on it.
    this.paintSelection();
    this.notifySelection();
  }

  /** Marks the selected cells, the active cell and the headers of the selection on the drawn grid. */
  private paintSelection(): void {
    const { top, bottom, left, right } = this.range();
    for (const td of Array.from(this.table.querySelectorAll<HTMLTableCellElement>('td[data-row]'))) {
      const r = Number(td.dataset.row);
      const c = Number(td.dataset.col);
      td.classList.toggle('sel', r >= top && r <= bottom && c >= left && c <= right);
      td.classList.toggle('active', r === this.selection.row && c === this.selection.col);
    }
    for (const th of Array.from(this.table.querySelectorAll<HTMLTableCellElement>('th[data-col]'))) {
      const c = Number(th.dataset.col);
      th.classList.toggle('sel-head', c >= left && c <= right);
    }
    for (const th of Array.from(this.table.querySelectorAll<HTMLTableCellElement>('th[data-row]'))) {
      const r = Number(th.dataset.row);
      th.classList.toggle('sel-head', r >= top && r <= bottom);
    }
    this.showActive();
  }

  private onMouseOver(event: MouseEvent): void {
    const hit = this.cellFromEvent(event);
    if (!hit) return;
    if (this.dragging && (hit.row !== this.selection.row || hit.col !== this.selection.col)) {
      this.selection = { ...this.selection, row: hit.row, col: hit.col };
      this.paintSelection();
      this.notifySelection();
    }
    const note = this.cell(hit.row, hit.col)?.n;
    if (note) {
      const rect = hit.td.getBoundingClientRect();
      this.notePopup.textContent = note;
      this.notePopup.style.left = `${rect.right + 4}px`;
      this.notePopup.style.top = `${rect.top}px`;
      this.notePopup.hidden = false;
    } else {
      this.notePopup.hidden = true;
    }
  }

  private onMouseUp(): void {
    this.dragging = false;
  }

  private onDoubleClick(event: MouseEvent): void {
    const hit = this.cellFromEvent(event);
    if (!hit) return;
    if (this.cell(hit.row, hit.col)?.list) this.openDropdown(hit.row, hit.col);
    else this.startEdit(hit.row, hit.col);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.editing || event.target !== this.container) return;
    const window = this.window;
    if (!window) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const move = (dr: number, dc: number): void => {
      event.preventDefault();
      const row = Math.min(window.rowCount - 1, Math.max(0, this.selection.row + dr));
      const col = Math.min(window.columnCount - 1, Math.max(0, this.selection.col + dc));
      this.selection = event.shiftKey ? { ...this.selection, row, col } : { anchorRow: row, anchorCol: col, row, col };
      this.scrollIntoView(row);
      this.paintSelection();
      this.notifySelection();
    };
    switch (event.key) {
      case 'ArrowUp':
        return move(-1, 0);
      case 'ArrowDown':
        return move(1, 0);
      case 'ArrowLeft':
        return move(0, -1);
      case 'ArrowRight':
        return move(0, 1);
      case 'Tab':
        return move(0, event.shiftKey ? -1 : 1);
      case 'Enter':
      case 'F2':
        event.preventDefault();
        if (this.cell(this.selection.row, this.selection.col)?.list && event.key === 'Enter') {
          this.openDropdown(this.selection.row, this.selection.col);
        } else {
          this.startEdit(this.selection.row, this.selection.col);
        }
        return;
      case 'Delete':
      case 'Backspace': {
        event.preventDefault();
        const { top, bottom, left, right } = this.range();
        const values = Array.from({ length: bottom - top + 1 }, () => Array<string>(right - left + 1).fill(''));
        void this.send(top, left, values);
        return;
      }
      case ' ': {
        const cell = this.cell(this.selection.row, this.selection.col);
        if (cell?.cb) {
          event.preventDefault();
          void this.send(this.selection.row, this.selection.col, [[cell.d === 'ИСТИНА' ? 'FALSE' : 'TRUE']]);
          return;
        }
        break;
      }
    }
    if (ctrl && (event.key === 'd' || event.key === 'D' || event.key === 'в' || event.key === 'В')) {
      event.preventDefault();
      void this.fillDown();
      return;
    }
    if (!ctrl && !event.altKey && event.key.length === 1) {
      // Typing over a cell starts editing it with what was typed, as Sheets does.
      event.preventDefault();
      this.startEdit(this.selection.row, this.selection.col, event.key);
    }
  }

  private scrollIntoView(row: number): void {
    const frozen = this.window?.frozenRows ?? 0;
    if (row < frozen) return;
    const y = (row - frozen) * ROW_HEIGHT;
    const headerHeight = ROW_HEIGHT * (1 + frozen);
    const visible = this.container.clientHeight - headerHeight - ROW_HEIGHT;
    if (y < this.container.scrollTop) this.container.scrollTop = y;
    else if (y > this.container.scrollTop + visible) this.container.scrollTop = y - visible;
  }

  private cellElement(row: number, col: number): HTMLTableCellElement | null {
    return this.table.querySelector<HTMLTableCellElement>(`td[data-row="${row}"][data-col="${col}"]`);
  }

  private placeOver(element: HTMLElement, row: number, col: number, below: boolean): boolean {
    const td = this.cellElement(row, col);
    if (!td) return false;
    const rect = td.getBoundingClientRect();
    const box = this.container.getBoundingClientRect();
    element.style.left = `${rect.left - box.left + this.container.scrollLeft}px`;
    element.style.top = `${(below ? rect.bottom : rect.top) - box.top + this.container.scrollTop}px`;
    element.style.minWidth = `${rect.width}px`;
    if (!below) element.style.height = `${rect.height + 2}px`;
    return true;
  }

  /** Opens the in-cell editor, with `initial` replacing the content when typing started it. */
  startEdit(row: number, col: number, initial?: string): void {
    const cell = this.cell(row, col);
    if (!this.placeOver(this.editor, row, col, false)) return;
    this.editing = { row, col, source: 'cell' };
    this.editor.value = initial ?? cell?.t ?? '';
    this.formulaInput.value = this.editor.value;
    this.editor.hidden = false;
    this.editor.focus();
    const end = this.editor.value.length;
    this.editor.setSelectionRange(end, end);
  }

  private onEditorKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      void this.commitEdit(this.editor.value, 1, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void this.commitEdit(this.editor.value, 0, event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelEdit();
    } else if (event.key === 'Enter' && event.altKey) {
      event.preventDefault();
      this.editor.setRangeText('\n', this.editor.selectionStart, this.editor.selectionEnd, 'end');
    }
  }

  private cancelEdit(): void {
    this.editing = undefined;
    this.editor.hidden = true;
    this.container.focus();
    this.showActive();
  }

  private async commitEdit(text: string, dr: number, dc: number): Promise<void> {
    const editing = this.editing;
    if (!editing) return;
    this.editing = undefined;
    this.editor.hidden = true;
    const before = this.cell(editing.row, editing.col)?.t ?? '';
    const window = this.window;
    if (window) {
      const row = Math.min(window.rowCount - 1, editing.row + dr);
      const col = Math.min(window.columnCount - 1, Math.max(0, editing.col + dc));
      this.selection = { anchorRow: row, anchorCol: col, row, col };
      this.scrollIntoView(row);
    }
    this.container.focus();
    this.render();
    this.notifySelection();
    // Leaving a cell unchanged is not an edit: Sheets fires no onEdit then.
    if (text === before) return;
    await this.send(editing.row, editing.col, [[text]]);
  }

  private openDropdown(row: number, col: number): void {
    const list = this.cell(row, col)?.list;
    if (!list) return;
    this.dropdown.replaceChildren();
    for (const value of list) {
      const item = document.createElement('div');
      item.textContent = value;
      item.setAttribute('role', 'option');
      item.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.dropdown.hidden = true;
        this.container.focus();
        if (value !== (this.cell(row, col)?.t ?? '')) void this.send(row, col, [[value]]);
      });
      this.dropdown.append(item);
    }
    if (this.placeOver(this.dropdown, row, col, true)) this.dropdown.hidden = false;
  }

  /** Shows typed text at once, then sends the edit; the answer redraws the grid. */
  private async send(row: number, col: number, values: string[][]): Promise<void> {
    const window = this.window;
    if (!window) return;
    values.forEach((cells, r) => {
      const existing = [...(this.rows.get(row + r) ?? [])];
      cells.forEach((text, c) => {
        existing[col + c] = { ...(existing[col + c] ?? {}), d: text, t: text };
      });
      this.rows.set(row + r, existing);
    });
    this.render();
    await this.callbacks.edit(window.sheet, row + 1, col + 1, values);
  }

  private onPaste(event: ClipboardEvent): void {
    if (document.activeElement !== this.container || this.editing) return;
    const text = event.clipboardData?.getData('text/plain');
    if (!text) return;
    event.preventDefault();
    let block = parseTsv(text);
    if (block.length === 0) return;
    const { top, bottom, left, right } = this.range();
    const height = bottom - top + 1;
    const width = right - left + 1;
    // One copied value over a larger selection fills all of it, as in Sheets.
    if (block.length === 1 && block[0].length === 1 && height * width > 1) {
      block = Array.from({ length: height }, () => Array<string>(width).fill(block[0][0]));
    }
    this.selection = { anchorRow: top, anchorCol: left, row: top + block.length - 1, col: left + block[0].length - 1 };
    this.notifySelection();
    void this.send(top, left, block);
  }

  private onCopy(event: ClipboardEvent): void {
    if (document.activeElement !== this.container || this.editing) return;
    const { top, bottom, left, right } = this.range();
    const rows: string[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row: string[] = [];
      for (let c = left; c <= right; c++) row.push(this.cell(r, c)?.d ?? '');
      rows.push(row);
    }
    event.clipboardData?.setData('text/plain', toTsv(rows));
    event.preventDefault();
  }

  /** Ctrl+D: the top row of the selection copied down over it, formulas shifted, as one edit. */
  private async fillDown(): Promise<void> {
    const { top, bottom, left, right } = this.range();
    if (bottom === top) return;
    const source: string[] = [];
    for (let c = left; c <= right; c++) source.push(this.cell(top, c)?.t ?? '');
    const values: string[][] = [];
    for (let r = top; r <= bottom; r++) values.push(source.map((text) => shiftFormula(text, r - top, 0)));
    await this.send(top, left, values);
  }
}

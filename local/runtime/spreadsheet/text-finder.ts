/**
 * SpreadsheetApp's TextFinder over a range (Range.createTextFinder): finds the
 * cells whose displayed text contains the text, or, with matchEntireCell, is
 * it; case-insensitive unless matchCase; the text is a regular expression with
 * useRegularExpression. Cells are searched row by row, left to right, as
 * Sheets searches. The search runs on Google's side: the script gets back
 * only the matching ranges.
 */
import { displayValue } from '../cell-values';
import { asGas } from './gas-types';
import type { LocalRange } from './range';

type TextFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type Range = GoogleAppsScript.Spreadsheet.Range;

export class LocalTextFinder implements Pick<
  TextFinder,
  'findAll' | 'findNext' | 'matchCase' | 'matchEntireCell' | 'useRegularExpression'
> {
  static readonly serviceName = 'TextFinder';
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  /** index in the search order of the current match, -1 before the first */
  private current = -1;

  constructor(
    private readonly range: LocalRange,
    private readonly text: string,
  ) {
    if (typeof text !== 'string' || text === '') throw new Error('Exception: Invalid argument: findText');
  }

  matchCase(matchCase: boolean): TextFinder {
    this.caseSensitive = Boolean(matchCase);
    return asGas(this);
  }

  matchEntireCell(entireCell: boolean): TextFinder {
    this.entireCell = Boolean(entireCell);
    return asGas(this);
  }

  useRegularExpression(useRegEx: boolean): TextFinder {
    this.regex = Boolean(useRegEx);
    return asGas(this);
  }

  findAll(): Range[] {
    return this.matches().map((m) => this.cellRange(m));
  }

  findNext(): Range | null {
    const all = this.matches();
    const next = all.findIndex((m) => m.order > this.current);
    if (next < 0) return null;
    this.current = all[next].order;
    return this.cellRange(all[next]);
  }

  private pattern(): RegExp {
    const source = this.regex ? this.text : this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(this.entireCell ? `^(?:${source})$` : source, this.caseSensitive ? '' : 'i');
  }

  private matches(): Array<{ r: number; c: number; order: number }> {
    const r0 = this.range._row;
    const c0 = this.range._col;
    const rows = this.range._numRows;
    const cols = this.range._numCols;
    const ctx = this.range._sheet._ctx;
    ctx.engine.recalculate();
    const model = this.range._sheet._model;
    const tz = ctx.workbook.timeZone;
    const re = this.pattern();
    const out: Array<{ r: number; c: number; order: number }> = [];
    const lastRow = Math.min(rows, model.rows.length - r0);
    for (let r = 0; r < lastRow; r++) {
      const cells = model.rows[r0 + r];
      if (!cells) continue;
      for (let c = 0; c < cols; c++) {
        const cell = cells[c0 + c];
        if (!cell || cell.value === null || cell.value === '') continue;
        if (re.test(displayValue(cell.value, cell.numberFormat, tz))) out.push({ r, c, order: r * cols + c });
      }
    }
    return out;
  }

  private cellRange(m: { r: number; c: number }): Range {
    return asGas(this.range._sheet._range(this.range._row + m.r, this.range._col + m.c, 1, 1));
  }
}

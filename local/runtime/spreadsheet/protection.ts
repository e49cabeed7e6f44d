/**
 * Protected sheets and ranges. The owner can always edit; otherwise a cell under
 * a protection (not warning-only, not in one of a sheet protection's unprotected
 * ranges) is editable only by that protection's editors. Script writes are
 * refused with Apps Script's message; a person's edit with Sheets' message.
 */
import type { ProtectionModel, SheetModel } from '../model';
import type { RuntimeContext } from '../runtime-context';
import { asGas } from './gas-types';
import { emailOf, LocalUser } from './user';

/** What Apps Script throws when a script writes into a cell its user may not edit. */
export const SCRIPT_PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** What Sheets shows a person who types into a cell they may not edit. */
export const PERSON_PROTECTED_MESSAGE =
  'Вы пытаетесь изменить защищенную ячейку или объект. Чтобы получить доступ, обратитесь к владельцу таблицы.';

export interface Block {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

function overlaps(a: Block, b: Block): boolean {
  return (
    a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols
  );
}

function contains(outer: Block, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.numRows && col >= outer.col && col < outer.col + outer.numCols;
}

/** Whether `user` may edit under this protection. */
export function protectionAllows(ctx: RuntimeContext, protection: ProtectionModel, user: string): boolean {
  if (protection.warningOnly || user === ctx.workbook.owner || protection.editors.includes(user)) return true;
  // a Workspace file's protection may let everyone of the owner's domain edit
  return protection.domainEdit === true && ctx.accounts === 'workspace' && sameDomain(user, ctx.workbook.owner);
}

const sameDomain = (a: string, b: string) =>
  a.slice(a.lastIndexOf('@')).toLowerCase() === b.slice(b.lastIndexOf('@')).toLowerCase();

/** Whether `user` may edit every cell of the 0-based block. */
export function canEditBlock(ctx: RuntimeContext, sheet: SheetModel, block: Block, user: string): boolean {
  if (user === ctx.workbook.owner) return true;
  for (const p of sheet.protections) {
    if (protectionAllows(ctx, p, user)) continue;
    if (p.type === 'range' && p.range && overlaps(p.range, block)) return false;
    if (p.type === 'sheet') {
      const open = p.unprotected ?? [];
      // a sheet protection covers every cell of the block that no unprotected range frees
      for (let r = block.row; r < block.row + block.numRows; r++) {
        for (let c = block.col; c < block.col + block.numCols; c++) {
          if (!open.some((u) => contains(u, r, c))) return false;
        }
      }
    }
  }
  return true;
}

type ProtectionMethods =
  | 'addEditor'
  | 'addEditors'
  | 'canDomainEdit'
  | 'canEdit'
  | 'getDescription'
  | 'getEditors'
  | 'getProtectionType'
  | 'getRange'
  | 'getUnprotectedRanges'
  | 'isWarningOnly'
  | 'remove'
  | 'removeEditor'
  | 'removeEditors'
  | 'setDescription'
  | 'setDomainEdit'
  | 'setRange'
  | 'setUnprotectedRanges'
  | 'setWarningOnly';

/** Builds Range objects for a sheet (supplied by the sheet, to avoid an import cycle). */
export interface RangeFactory {
  rangeFor(sheet: SheetModel, block: Block): unknown;
  blockOf(range: unknown): { sheet: SheetModel; block: Block };
}

export class LocalProtection implements Pick<GoogleAppsScript.Spreadsheet.Protection, ProtectionMethods> {
  static readonly serviceName = 'Protection';

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly sheet: SheetModel,
    readonly _model: ProtectionModel,
    private readonly ranges: RangeFactory,
  ) {}

  private self(): GoogleAppsScript.Spreadsheet.Protection {
    return asGas(this);
  }

  /** Changing a protection needs the right to edit under it. */
  private requireManage(): void {
    const user = this.ctx.current().user;
    if (user !== this.ctx.workbook.owner && !this._model.editors.includes(user)) {
      throw new Error(SCRIPT_PROTECTED_MESSAGE);
    }
  }

  addEditor(user: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    return this.addEditors([emailOf(user)]);
  }

  addEditors(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    for (const email of emailAddresses) if (!this._model.editors.includes(email)) this._model.editors.push(email);
    return this.self();
  }

  removeEditor(user: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    return this.removeEditors([emailOf(user)]);
  }

  /** Neither the owner of the spreadsheet nor the current user can be removed (Protection.removeEditor). */
  removeEditors(users: Array<string | GoogleAppsScript.Base.User>): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    const removed = new Set(users.map(emailOf));
    removed.delete(this.ctx.workbook.owner);
    removed.delete(this.ctx.current().user);
    this._model.editors = this._model.editors.filter((e) => !removed.has(e));
    return this.self();
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return this._model.editors.map((e) => asGas<GoogleAppsScript.Base.User>(new LocalUser(e)));
  }

  canEdit(): boolean {
    const user = this.ctx.current().user;
    return user === this.ctx.workbook.owner || this._model.editors.includes(user);
  }

  /** On consumer accounts there is no domain: nobody edits by domain membership. */
  canDomainEdit(): boolean {
    if (!this.canEdit()) throw new Error(SCRIPT_PROTECTED_MESSAGE);
    return this.ctx.accounts === 'workspace' && this._model.domainEdit === true;
  }

  setDomainEdit(editable: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    this._model.domainEdit = editable;
    return this.self();
  }

  getDescription(): string {
    return this._model.description;
  }

  setDescription(description: string): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    this._model.description = description;
    return this.self();
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return asGas(this._model.type === 'sheet' ? 'SHEET' : 'RANGE');
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const block = this._model.range ?? { row: 0, col: 0, numRows: this.sheet.maxRows, numCols: this.sheet.maxColumns };
    return asGas(this.ranges.rangeFor(this.sheet, block));
  }

  setRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    if (this._model.type === 'range') this._model.range = { ...this.ranges.blockOf(range).block };
    return this.self();
  }

  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return (this._model.unprotected ?? []).map((b) =>
      asGas<GoogleAppsScript.Spreadsheet.Range>(this.ranges.rangeFor(this.sheet, b)),
    );
  }

  /** Only a sheet protection can leave ranges open; for a range protection Apps Script ignores the call. */
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    if (this._model.type === 'sheet')
      this._model.unprotected = ranges.map((r) => ({ ...this.ranges.blockOf(r).block }));
    return this.self();
  }

  isWarningOnly(): boolean {
    return this._model.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this.requireManage();
    this._model.warningOnly = warningOnly;
    return this.self();
  }

  remove(): void {
    this.requireManage();
    const index = this.sheet.protections.indexOf(this._model);
    if (index >= 0) this.sheet.protections.splice(index, 1);
  }
}

/**
 * A new protection: until the script changes its editors it mirrors who can edit
 * the file (Apps Script's documented default), which here means the owner, the
 * file's editors and the user who created it.
 */
export function newProtection(ctx: RuntimeContext, type: 'sheet' | 'range', range?: Block): ProtectionModel {
  const editors = [ctx.workbook.owner, ...ctx.workbook.editors, ctx.current().user].filter(
    (e, i, all) => e && all.indexOf(e) === i,
  );
  return { type, range: range ? { ...range } : undefined, description: '', editors, warningOnly: false };
}

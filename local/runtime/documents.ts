/**
 * DocumentApp as far as the add-on uses it: create and open a Google Docs
 * document, read and change its body (paragraphs, tables, text replace and
 * search), save and close it, and get it as PDF. A document lives in the
 * workbook's Drive items (see model.ts) so it outlives the execution, as a
 * document on Drive does.
 *
 * An opened document is a working copy: its changes reach Drive (other
 * executions, another openById) only at saveAndClose, and a closed document
 * refuses further changes.
 */
import { randomUUID } from 'node:crypto';
import type { DocElementModel, DriveItemModel } from './model';
import type { RuntimeContext } from './runtime-context';
import { LocalBlob } from './script-services';
import { asGas } from './spreadsheet/gas-types';

export const DOCUMENT_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** What DocumentApp.openById throws for an ID that is no document the user can read. */
export const DOCUMENT_MISSING_MESSAGE = "Document is missing (perhaps it was deleted, or you don't have read access?)";
/** What a change of a closed document throws. */
export const DOCUMENT_CLOSED_MESSAGE = 'Document is closed, its contents cannot be updated.';
/** What saving a document shared only for reading throws. */
export const DOCUMENT_READ_ONLY_MESSAGE = 'You do not have permission to access the requested document.';

export const ParagraphHeading = {
  NORMAL: 'NORMAL',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING1',
  HEADING2: 'HEADING2',
  HEADING3: 'HEADING3',
} as const;
export const HorizontalAlignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT', JUSTIFY: 'JUSTIFY' } as const;
export const ElementType = { PARAGRAPH: 'PARAGRAPH', TABLE: 'TABLE', TEXT: 'TEXT', BODY_SECTION: 'BODY_SECTION' };

/** Renders a document to PDF bytes (the local page plugs in Chromium). */
export type DocumentExporter = (name: string, body: readonly DocElementModel[]) => Uint8Array;

/** Called when a document is saved (npm start and the command line keep a .docx of it on disk). */
export type DocumentSavedHook = (doc: DriveItemModel) => void;

/** The Drive items of the session's workbook (documents and folders). */
export function driveItems(ctx: RuntimeContext): DriveItemModel[] {
  return (ctx.workbook.drive ??= []);
}

/** Whether `user` may open `item` with DocumentApp (the `documents` scope reaches every document they can read). */
export function canRead(item: DriveItemModel, user: string): boolean {
  return item.owner === user || item.writers.includes(user) || item.readers.includes(user);
}

function canWrite(item: DriveItemModel, user: string): boolean {
  return item.owner === user || item.writers.includes(user);
}

function cloneElement(e: DocElementModel): DocElementModel {
  return e.type === 'table'
    ? { ...e, rows: e.rows.map((r) => [...r]), ...(e.boldRows ? { boldRows: [...e.boldRows] } : {}) }
    : { ...e };
}

/** Plain text of an element as Body.getText gives it: a table's cells by tabs, its rows by new lines. */
function elementText(e: DocElementModel): string {
  return e.type === 'paragraph' ? e.text : e.rows.map((r) => r.join('\t')).join('\n');
}

/**
 * The search pattern of replaceText and findText as a JavaScript RegExp. The
 * reference: "the search pattern is passed as a regular expression"; "a subset
 * of the JavaScript regular expression features are not fully supported, such
 * as capture groups and mode modifiers" — so a replacement is used literally.
 */
function pattern(searchPattern: string, global: boolean): RegExp {
  if (/\((?!\?:)/.test(searchPattern.replace(/\\./g, ''))) {
    throw new Error('Invalid argument: searchPattern (capture groups are not supported)');
  }
  return new RegExp(searchPattern, global ? 'g' : '');
}

/** An open document: its working copy and whether it is still open. */
class OpenDocument {
  closed = false;
  readonly body: DocElementModel[];
  constructor(
    readonly ctx: RuntimeContext,
    readonly item: DriveItemModel,
  ) {
    this.body = (item.body ?? [{ type: 'paragraph', text: '' }]).map(cloneElement);
  }
  /** Refuses a change after saveAndClose. */
  edit(): void {
    if (this.closed) throw new Error(DOCUMENT_CLOSED_MESSAGE);
  }
}

export class LocalText {
  static readonly serviceName = 'Text';
  constructor(
    private readonly doc: OpenDocument,
    private readonly paragraph: Extract<DocElementModel, { type: 'paragraph' }>,
  ) {}
  getText(): string {
    return this.paragraph.text;
  }
  getParent(): GoogleAppsScript.Document.Paragraph {
    return asGas(new LocalParagraph(this.doc, this.paragraph));
  }
  getType(): string {
    return ElementType.TEXT;
  }
  setBold(bold: boolean): this {
    this.doc.edit();
    this.paragraph.bold = bold;
    return this;
  }
}

export class LocalRangeElement {
  static readonly serviceName = 'RangeElement';
  constructor(
    private readonly text: LocalText,
    private readonly start: number,
    private readonly end: number,
  ) {}
  getElement(): GoogleAppsScript.Document.Element {
    return asGas(this.text);
  }
  getStartOffset(): number {
    return this.start;
  }
  getEndOffsetInclusive(): number {
    return this.end;
  }
}

/** What a paragraph and a table share: their place in the body. */
abstract class LocalElement<T extends DocElementModel> {
  constructor(
    protected readonly doc: OpenDocument,
    readonly _model: T,
  ) {}
  getParent(): GoogleAppsScript.Document.Body {
    return asGas(new LocalBody(this.doc));
  }
  /** Removes the element from the body; a body keeps at least one paragraph, as Docs does. */
  removeFromParent(): this {
    this.doc.edit();
    const index = this.doc.body.indexOf(this._model);
    if (index < 0) return this;
    const paragraphs = this.doc.body.filter((e) => e.type === 'paragraph');
    if (this._model.type === 'paragraph' && paragraphs.length === 1) {
      throw new Error("Can't remove the last paragraph in a document section.");
    }
    this.doc.body.splice(index, 1);
    return this;
  }
  getText(): string {
    return elementText(this._model);
  }
}

export class LocalParagraph extends LocalElement<Extract<DocElementModel, { type: 'paragraph' }>> {
  static readonly serviceName = 'Paragraph';
  getType(): string {
    return ElementType.PARAGRAPH;
  }
  asParagraph(): this {
    return this;
  }
  setText(text: string): this {
    this.doc.edit();
    this._model.text = String(text);
    return this;
  }
  appendText(text: string): GoogleAppsScript.Document.Text {
    this.doc.edit();
    this._model.text += String(text);
    return asGas(new LocalText(this.doc, this._model));
  }
  editAsText(): GoogleAppsScript.Document.Text {
    return asGas(new LocalText(this.doc, this._model));
  }
  getHeading(): string {
    return this._model.heading ?? ParagraphHeading.NORMAL;
  }
  setHeading(heading: string): this {
    this.doc.edit();
    this._model.heading = String(heading);
    return this;
  }
  getAlignment(): string {
    return this._model.alignment ?? HorizontalAlignment.LEFT;
  }
  setAlignment(alignment: string): this {
    this.doc.edit();
    this._model.alignment = String(alignment);
    return this;
  }
  /** A detached deep copy, to append or insert elsewhere. */
  copy(): LocalParagraph {
    return new LocalParagraph(this.doc, cloneElement(this._model) as typeof this._model);
  }
}

export class LocalTableCell {
  static readonly serviceName = 'TableCell';
  constructor(
    private readonly doc: OpenDocument,
    private readonly table: Extract<DocElementModel, { type: 'table' }>,
    private readonly row: number,
    private readonly column: number,
  ) {}
  getText(): string {
    return this.table.rows[this.row][this.column];
  }
  setText(text: string): this {
    this.doc.edit();
    this.table.rows[this.row][this.column] = String(text);
    return this;
  }
}

export class LocalTableRow {
  static readonly serviceName = 'TableRow';
  constructor(
    private readonly doc: OpenDocument,
    private readonly table: Extract<DocElementModel, { type: 'table' }>,
    private readonly row: number,
  ) {}
  getNumCells(): number {
    return this.table.rows[this.row].length;
  }
  getCell(column: number): GoogleAppsScript.Document.TableCell {
    if (column < 0 || column >= this.getNumCells())
      throw new Error(
        `Child index (${column}) must be less than the number of child elements (${this.getNumCells()}).`,
      );
    return asGas(new LocalTableCell(this.doc, this.table, this.row, column));
  }
  getText(): string {
    return this.table.rows[this.row].join('\t');
  }
  /** The row's text, for styling: only setBold is modelled (a header row). */
  editAsText(): { setBold(bold: boolean): unknown } {
    const { doc, table, row } = this;
    const text = {
      setBold(bold: boolean) {
        doc.edit();
        const rows = new Set(table.boldRows ?? []);
        if (bold) rows.add(row);
        else rows.delete(row);
        table.boldRows = [...rows].sort((a, b) => a - b);
        return text;
      },
    };
    return text;
  }
}

export class LocalTable extends LocalElement<Extract<DocElementModel, { type: 'table' }>> {
  static readonly serviceName = 'Table';
  getType(): string {
    return ElementType.TABLE;
  }
  asTable(): this {
    return this;
  }
  getNumRows(): number {
    return this._model.rows.length;
  }
  getRow(row: number): GoogleAppsScript.Document.TableRow {
    if (row < 0 || row >= this.getNumRows())
      throw new Error(`Child index (${row}) must be less than the number of child elements (${this.getNumRows()}).`);
    return asGas(new LocalTableRow(this.doc, this._model, row));
  }
  getCell(row: number, column: number): GoogleAppsScript.Document.TableCell {
    return this.getRow(row).getCell(column);
  }
  /** A new row as wide as the table, its cells empty. */
  appendTableRow(): GoogleAppsScript.Document.TableRow {
    this.doc.edit();
    const width = Math.max(1, ...this._model.rows.map((r) => r.length));
    this._model.rows.push(new Array<string>(width).fill(''));
    return this.getRow(this._model.rows.length - 1);
  }
  copy(): LocalTable {
    return new LocalTable(this.doc, cloneElement(this._model) as typeof this._model);
  }
}

function wrap(doc: OpenDocument, e: DocElementModel): LocalParagraph | LocalTable {
  return e.type === 'paragraph' ? new LocalParagraph(doc, e) : new LocalTable(doc, e);
}

/** A table argument: a two-dimensional array of strings (all rows as wide), or a Table to copy. */
function tableModel(cells: unknown): Extract<DocElementModel, { type: 'table' }> {
  if (cells instanceof LocalTable) return cloneElement(cells._model) as Extract<DocElementModel, { type: 'table' }>;
  if (cells === undefined) return { type: 'table', rows: [['']] };
  if (!Array.isArray(cells) || !cells.every(Array.isArray)) throw new Error('Invalid argument: cells');
  const rows = (cells as unknown[][]).map((r) => r.map((c) => String(c)));
  if (rows.length === 0 || rows.some((r) => r.length !== rows[0].length)) {
    throw new Error('Invalid argument: cells (every row must have the same number of cells)');
  }
  return { type: 'table', rows };
}

function paragraphModel(text: unknown): Extract<DocElementModel, { type: 'paragraph' }> {
  if (text instanceof LocalParagraph)
    return cloneElement(text._model) as Extract<DocElementModel, { type: 'paragraph' }>;
  return { type: 'paragraph', text: String(text ?? '') };
}

export class LocalBody {
  static readonly serviceName = 'Body';
  constructor(private readonly doc: OpenDocument) {}

  getText(): string {
    return this.doc.body.map(elementText).join('\n');
  }
  getNumChildren(): number {
    return this.doc.body.length;
  }
  getChild(index: number): GoogleAppsScript.Document.Element {
    const e = this.doc.body[index];
    if (!e)
      throw new Error(
        `Child index (${index}) must be less than the number of child elements (${this.doc.body.length}).`,
      );
    return asGas(wrap(this.doc, e));
  }
  getChildIndex(child: unknown): number {
    const model = (child as { _model?: DocElementModel })._model;
    const index = model ? this.doc.body.indexOf(model) : -1;
    if (index < 0) throw new Error('Element does not contain the specified child element.');
    return index;
  }
  getParagraphs(): GoogleAppsScript.Document.Paragraph[] {
    return this.doc.body.filter((e) => e.type === 'paragraph').map((e) => asGas(wrap(this.doc, e)));
  }
  getTables(): GoogleAppsScript.Document.Table[] {
    return this.doc.body.filter((e) => e.type === 'table').map((e) => asGas(wrap(this.doc, e)));
  }
  appendParagraph(text: unknown): GoogleAppsScript.Document.Paragraph {
    return this.insertParagraph(this.doc.body.length, text);
  }
  insertParagraph(index: number, text: unknown): GoogleAppsScript.Document.Paragraph {
    this.doc.edit();
    this.checkIndex(index);
    const model = paragraphModel(text);
    this.doc.body.splice(index, 0, model);
    return asGas(wrap(this.doc, model));
  }
  appendTable(cells?: unknown): GoogleAppsScript.Document.Table {
    return this.insertTable(this.doc.body.length, cells);
  }
  insertTable(index: number, cells?: unknown): GoogleAppsScript.Document.Table {
    this.doc.edit();
    this.checkIndex(index);
    const model = tableModel(cells);
    this.doc.body.splice(index, 0, model);
    return asGas(wrap(this.doc, model));
  }
  /** Replaces every match in every paragraph and table cell (a match never spans two of them). */
  replaceText(searchPattern: string, replacement: string): this {
    this.doc.edit();
    const re = pattern(searchPattern, true);
    const literal = String(replacement);
    for (const e of this.doc.body) {
      if (e.type === 'paragraph') e.text = e.text.replace(re, () => literal);
      else e.rows = e.rows.map((r) => r.map((c) => c.replace(re, () => literal)));
    }
    return this;
  }
  /** The first match in a paragraph after `from` (a RangeElement of an earlier search), or null. */
  findText(searchPattern: string, from?: unknown): GoogleAppsScript.Document.RangeElement | null {
    const re = pattern(searchPattern, false);
    let startAt = 0;
    if (from instanceof LocalRangeElement) {
      const parent = (from.getElement() as unknown as LocalText).getParent() as unknown as LocalParagraph;
      startAt = this.doc.body.indexOf(parent._model) + 1;
    }
    for (let i = startAt; i < this.doc.body.length; i++) {
      const e = this.doc.body[i];
      if (e.type !== 'paragraph') continue;
      const m = re.exec(e.text);
      if (m) return asGas(new LocalRangeElement(new LocalText(this.doc, e), m.index, m.index + m[0].length - 1));
    }
    return null;
  }
  clear(): this {
    this.doc.edit();
    this.doc.body.splice(0, this.doc.body.length, { type: 'paragraph', text: '' });
    return this;
  }
  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index > this.doc.body.length) {
      throw new Error(
        `Index (${index}) must be less than or equal to the number of child elements (${this.doc.body.length}).`,
      );
    }
  }
}

export class LocalDocument {
  static readonly serviceName = 'Document';
  constructor(private readonly doc: OpenDocument) {}

  getId(): string {
    return this.doc.item.id;
  }
  getName(): string {
    return this.doc.item.name;
  }
  setName(name: string): this {
    this.doc.edit();
    this.doc.item.name = String(name);
    return this;
  }
  getUrl(): string {
    return `https://docs.google.com/document/d/${this.doc.item.id}/edit`;
  }
  getBody(): GoogleAppsScript.Document.Body {
    return asGas(new LocalBody(this.doc));
  }
  /** Writes the working copy to Drive and closes the document: later changes through this object throw. */
  saveAndClose(): void {
    if (this.doc.closed) return;
    const user = this.doc.ctx.current().user;
    if (!canWrite(this.doc.item, user)) throw new Error(DOCUMENT_READ_ONLY_MESSAGE);
    this.doc.item.body = this.doc.body.map(cloneElement);
    this.doc.closed = true;
    this.doc.ctx.onDocumentSaved?.(this.doc.item);
  }
  /** The document as PDF: only 'application/pdf' (and MimeType.PDF) is modelled. */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    if (contentType !== 'application/pdf')
      throw new Error(`Converting from ${DOCUMENT_MIME} to ${contentType} is not supported.`);
    const exporter = this.doc.ctx.documentExporter;
    if (!exporter) throw new Error('Exception: the local runtime has no document exporter (PDF of a document)');
    const bytes = exporter(this.doc.item.name, this.doc.body);
    return asGas(new LocalBlob(bytes, 'application/pdf', `${this.doc.item.name}.pdf`));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs('application/pdf');
  }
}

export class LocalDocumentApp {
  static readonly serviceName = 'DocumentApp';
  readonly ParagraphHeading = asGas<typeof GoogleAppsScript.Document.ParagraphHeading>(ParagraphHeading);
  readonly HorizontalAlignment = asGas<typeof GoogleAppsScript.Document.HorizontalAlignment>(HorizontalAlignment);
  readonly ElementType = asGas<typeof GoogleAppsScript.Document.ElementType>(ElementType);
  constructor(private readonly ctx: RuntimeContext) {}

  /** A new empty document (one empty paragraph) in the user's My Drive. */
  create(name: string): GoogleAppsScript.Document.Document {
    const item: DriveItemModel = {
      id: 'doc-' + randomUUID(),
      name: String(name),
      mimeType: DOCUMENT_MIME,
      owner: this.ctx.current().user,
      parents: ['root'],
      writers: [],
      readers: [],
      body: [{ type: 'paragraph', text: '' }],
    };
    driveItems(this.ctx).push(item);
    return asGas(new LocalDocument(new OpenDocument(this.ctx, item)));
  }

  /** A document the user can read (its owner's, or shared with them); its saved version. */
  openById(id: string): GoogleAppsScript.Document.Document {
    const item = driveItems(this.ctx).find((d) => d.id === String(id) && d.mimeType === DOCUMENT_MIME);
    if (!item || !canRead(item, this.ctx.current().user)) throw new Error(DOCUMENT_MISSING_MESSAGE);
    return asGas(new LocalDocument(new OpenDocument(this.ctx, item)));
  }

  openByUrl(url: string): GoogleAppsScript.Document.Document {
    const m = /\/document\/d\/([^/?#]+)/.exec(String(url));
    if (!m) throw new Error('Invalid argument: url');
    return this.openById(m[1]);
  }
}

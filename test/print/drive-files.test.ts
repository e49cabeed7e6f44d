/**
 * The local runtime's Drive advanced service (v3) as «Печать / PDF» uses it
 * (a PDF saved, a scratch Google Sheet created and deleted, Sheet.copyTo into
 * it), and where `npm start` and the command line keep the files it creates.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportsDir, keepFilesOnDisk, safeFileName } from '../../local/other-workbooks';
import type { StoredFile } from '../../local/runtime';
import { OWNER, SPECIALIST, sessionFor, workbookWith } from '../runtime/fixture';

/** A script that saves one PDF through Drive.Files.create, with or without `fields`. */
const CODE = `
function savePdf(name, fields) {
  var blob = Utilities.newBlob('%PDF-1.4 test', 'application/pdf', 'ignored.pdf');
  var file = fields === undefined
    ? Drive.Files.create({ name: name, mimeType: 'application/pdf' }, blob)
    : Drive.Files.create({ name: name, mimeType: 'application/pdf' }, blob, { fields: fields });
  return JSON.stringify(file);
}`;

describe('Drive.Files.create in the local runtime', () => {
  it('returns the requested fields, with a link the local page serves, and keeps the bytes', () => {
    const created: Array<StoredFile & { id: string }> = [];
    const s = sessionFor(CODE, undefined, { onFileCreated: (f) => created.push(f) });
    const file = JSON.parse(s.run('savePdf', ['Ведомость 03.2026.pdf', 'id,name,webViewLink']) as string);
    expect(Object.keys(file).sort()).toEqual(['id', 'name', 'webViewLink']);
    expect(file.name).toBe('Ведомость 03.2026.pdf');
    expect(file.webViewLink).toBe(`/files/${file.id}`);
    const stored = s.file(file.id)!;
    expect(stored.mimeType).toBe('application/pdf');
    expect(Buffer.from(stored.bytes).toString()).toBe('%PDF-1.4 test');
    expect(created.map((f) => [f.id, f.name])).toEqual([[file.id, 'Ведомость 03.2026.pdf']]);
    expect(s.takeUiEvents()).toEqual([
      { type: 'download', name: 'Ведомость 03.2026.pdf', mimeType: 'application/pdf', url: file.webViewLink },
    ]);
    expect(s.calls()['Drive.Files.create']).toBe(1);
  });

  it('answers kind, id, name and mimeType without `fields`, as Drive API v3 does', () => {
    const s = sessionFor(CODE);
    const file = JSON.parse(s.run('savePdf', ['a.pdf']) as string);
    expect(Object.keys(file).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    expect(file.kind).toBe('drive#file');
  });
});

/** A scratch spreadsheet made through Drive, a sheet copied into it, then the file deleted. */
const SCRATCH = `
function scratch() {
  var file = Drive.Files.create({ name: 'Копия для печати', mimeType: 'application/vnd.google-apps.spreadsheet' });
  var book = SpreadsheetApp.openById(file.id);
  var source = SpreadsheetApp.getActive().getSheetByName('Зарплата');
  var copy = source.copyTo(book);
  var out = {
    file: file,
    sheets: book.getSheets().map(function (s) { return s.getName(); }),
    owner: book.getOwner().getEmail(),
    frozen: copy.getFrozenRows(),
    width: copy.getColumnWidth(2),
    hidden: copy.isColumnHiddenByUser(3),
    value: copy.getRange(2, 1).getValue(),
    note: copy.getRange(2, 1).getNote(),
    formula: copy.getRange(2, 2).getFormula(),
    merged: copy.getRange(1, 1).isPartOfMerge(),
    protections: copy.getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
    sourceProtections: source.getProtections(SpreadsheetApp.ProtectionType.SHEET).length
  };
  copy.getRange(2, 1).setValue('изменено в копии');
  out.sourceAfter = source.getRange(2, 1).getValue();
  Drive.Files.remove(file.id);
  try { SpreadsheetApp.openById(file.id); } catch (e) { out.reopened = e.message; }
  return JSON.stringify(out);
}
function removeOther(id) { Drive.Files.remove(id); }
function createOnly() {
  return Drive.Files.create({ name: 'x', mimeType: 'application/vnd.google-apps.spreadsheet' }, undefined, { fields: 'id' }).id;
}`;

describe('a scratch Google Sheet through Drive.Files and Sheet.copyTo', () => {
  function bookWithPayrollTab() {
    const wb = workbookWith('Лист1', 'Зарплата');
    const sheet = wb.sheets[1];
    sheet.rows[0] = [{ value: 'Ведомость', fontWeight: 'bold' }];
    sheet.rows[1] = [
      { value: 'Иванова', note: 'примечание' },
      { value: 5, formula: '=2+3' },
    ];
    sheet.frozenRows = 1;
    sheet.columnWidths[1] = 77;
    sheet.hiddenColumns = [2];
    sheet.merges = [{ row: 0, col: 0, numRows: 1, numCols: 3 }];
    sheet.protections.push({ type: 'sheet', description: 'директор', editors: [OWNER], warningOnly: false });
    return wb;
  }

  it('creates a spreadsheet the user owns, copies a sheet whole but for its protection, and deletes the file', () => {
    const s = sessionFor(SCRATCH, bookWithPayrollTab());
    const out = JSON.parse(s.run('scratch') as string);
    expect(out.file.mimeType).toBe('application/vnd.google-apps.spreadsheet');
    expect(out.sheets).toEqual(['Лист1', 'Copy of Зарплата']);
    expect(out.owner).toBe(OWNER);
    expect(out).toMatchObject({
      frozen: 1,
      width: 77,
      hidden: true,
      value: 'Иванова',
      note: 'примечание',
      formula: '=2+3',
      merged: true,
      protections: 0,
      sourceProtections: 1,
      // the copy is its own: a change there leaves the source as it was
      sourceAfter: 'Иванова',
    });
    expect(out.reopened).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(s.otherWorkbooks()).toEqual([]);
    expect(s.calls()['Drive.Files.remove']).toBe(1);
  });

  it('lets only the owner delete the spreadsheet', () => {
    const s = sessionFor(SCRATCH, bookWithPayrollTab());
    const id = s.run('createOnly') as string;
    s.otherWorkbook(id)!.editors.push(SPECIALIST);
    s.setUser(SPECIALIST);
    expect(() => s.run('removeOther', [id])).toThrow(/does not have sufficient permissions for this file/);
    s.setUser(OWNER);
    expect(s.otherWorkbook(id)).toBeDefined();
    s.run('removeOther', [id]);
    expect(s.otherWorkbook(id)).toBeUndefined();
  });
});

describe('files kept on disk next to the workbook', () => {
  it('writes each created file to exports/ under a safe name, replacing an older print of the same tab', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));
    try {
      const main = path.join(dir, 'demo.xlsx');
      const written: string[] = [];
      const keep = keepFilesOnDisk(main, (f) => written.push(f));
      const bytes = (text: string) => new TextEncoder().encode(text);
      keep({ id: '1', name: 'Ведомость 03.2026.pdf', mimeType: 'application/pdf', bytes: bytes('first') });
      keep({ id: '2', name: 'Ведомость 03.2026.pdf', mimeType: 'application/pdf', bytes: bytes('second') });
      keep({ id: '3', name: '../a/b:c.pdf', mimeType: 'application/pdf', bytes: bytes('x') });
      const pdf = path.join(exportsDir(main), 'Ведомость 03.2026.pdf');
      expect(written).toEqual([pdf, pdf, path.join(dir, 'exports', '.._a_b_c.pdf')]);
      expect(fs.readFileSync(pdf, 'utf8')).toBe('second');
      expect(fs.readdirSync(dir).sort()).toEqual(['exports']);
      expect(safeFileName('..')).toBe('file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

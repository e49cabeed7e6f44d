/**
 * The local runtime's Drive advanced service (v3) as «Печать / PDF» uses it,
 * and where `npm start` and the command line keep the files it creates.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportsDir, keepFilesOnDisk, safeFileName } from '../../local/other-workbooks';
import type { StoredFile } from '../../local/runtime';
import { sessionFor } from '../runtime/fixture';

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

/**
 * DocumentApp and Drive folders as the runtime models them: a document made in
 * one execution is found by ID in the next; its changes reach Drive only at
 * saveAndClose, and a closed document refuses changes; body text replace,
 * search, tables and element copies; Drive reaches only what the same user
 * created (drive.file), while a document shared with someone opens for them
 * through DocumentApp; folders hold the files created in them.
 */
import {
  DOCUMENT_CLOSED_MESSAGE,
  DOCUMENT_MISSING_MESSAGE,
  DOCUMENT_READ_ONLY_MESSAGE,
} from '../../local/runtime/documents';
import { OWNER, SPECIALIST, sessionFor, workbookWith } from './fixture';

const code = `
function makeTemplate() {
  var doc = DocumentApp.create('Шаблон');
  var body = doc.getBody();
  body.getParagraphs()[0].setText('Клиент: {{Клиент}}');
  body.appendParagraph('{{Позиции}}');
  body.appendParagraph('Итого: {{Итого}} ($)');
  doc.saveAndClose();
  return doc.getId();
}
function unsavedChange(id) {
  var doc = DocumentApp.openById(id);
  doc.getBody().appendParagraph('не сохранено');
  return doc.getBody().getText();
}
function text(id) { return DocumentApp.openById(id).getBody().getText(); }
function fill(id) {
  var template = DocumentApp.openById(id);
  var doc = DocumentApp.create('КП 1');
  var body = doc.getBody();
  var source = template.getBody();
  for (var i = 0; i < source.getNumChildren(); i++) {
    var child = source.getChild(i);
    if (child.getType() == DocumentApp.ElementType.PARAGRAPH) body.appendParagraph(child.asParagraph().copy());
    else body.appendTable(child.asTable().copy());
  }
  body.getChild(0).removeFromParent();
  body.replaceText('\\\\{\\\\{Клиент\\\\}\\\\}', 'ООО «Тепло» $1');
  body.replaceText('\\\\{\\\\{Итого\\\\}\\\\}', '1 000,00');
  var found = body.findText('\\\\{\\\\{Позиции\\\\}\\\\}');
  var paragraph = found.getElement().getParent();
  var index = body.getChildIndex(paragraph);
  var table = body.insertTable(index, [['Товар', 'Сумма'], ['Панель', '1 000,00']]);
  table.appendTableRow().getCell(0).setText('Итого');
  paragraph.removeFromParent();
  doc.saveAndClose();
  var closed = '';
  try { body.appendParagraph('после'); } catch (e) { closed = e.message; }
  return { id: doc.getId(), url: doc.getUrl(), closed: closed, rows: table.getNumRows() };
}
function capture(id) { DocumentApp.openById(id).getBody().replaceText('(a)', 'b'); }
function folderWithFile() {
  var folder = Drive.Files.create({ name: 'К-00001 ООО «Тепло»', mimeType: 'application/vnd.google-apps.folder' });
  var pdf = Drive.Files.create({ name: 'КП.pdf', parents: [folder.id] }, Utilities.newBlob('%PDF', 'application/pdf', 'КП.pdf'), { fields: 'id,parents' });
  var doc = DocumentApp.create('Договор');
  doc.saveAndClose();
  Drive.Files.update({}, doc.getId(), null, { addParents: folder.id, removeParents: 'root' });
  return { folder: folder.id, pdfParents: pdf.parents, doc: doc.getId(), docParents: Drive.Files.get(doc.getId(), { fields: 'parents' }).parents };
}
function getFile(id) { return Drive.Files.get(id, { fields: 'id,name' }).name; }
function share(id, email, role) { Drive.Permissions.create({ type: 'user', role: role, emailAddress: email }, id, { sendNotificationEmail: false }); }
function saveShared(id) { var d = DocumentApp.openById(id); d.getBody().appendParagraph('x'); d.saveAndClose(); }
function createIn(folder) { return Drive.Files.create({ name: 'x.pdf', parents: [folder] }, Utilities.newBlob('x')).id; }
function pdf(id) { var b = DocumentApp.openById(id).getAs('application/pdf'); return [b.getName(), b.getContentType(), b.getDataAsString()]; }
`;

function session() {
  return sessionFor(code, workbookWith('Лист1'));
}

describe('DocumentApp', () => {
  it('keeps a saved document for the next execution, and only what was saved', () => {
    const s = session();
    const id = s.run('makeTemplate') as string;
    expect(s.run('text', [id])).toBe('Клиент: {{Клиент}}\n{{Позиции}}\nИтого: {{Итого}} ($)');
    expect(s.run('unsavedChange', [id])).toContain('не сохранено');
    expect(s.run('text', [id])).not.toContain('не сохранено');
  });

  it('copies a template, replaces text literally, puts a table in place of a paragraph and refuses changes once closed', () => {
    const s = session();
    const template = s.run('makeTemplate') as string;
    const made = s.run('fill', [template]) as { id: string; url: string; closed: string; rows: number };
    expect(made.closed).toBe(DOCUMENT_CLOSED_MESSAGE);
    expect(made.url).toBe(`https://docs.google.com/document/d/${made.id}/edit`);
    expect(made.rows).toBe(3);
    expect(s.driveItem(made.id)!.body).toEqual([
      { type: 'paragraph', text: 'Клиент: ООО «Тепло» $1' },
      {
        type: 'table',
        rows: [
          ['Товар', 'Сумма'],
          ['Панель', '1 000,00'],
          ['Итого', ''],
        ],
      },
      { type: 'paragraph', text: 'Итого: 1 000,00 ($)' },
    ]);
    // the template is unchanged
    expect(s.run('text', [template])).toContain('{{Позиции}}');
  });

  it('refuses a search pattern with a capture group, as the reference says they are not supported', () => {
    const s = session();
    const id = s.run('makeTemplate') as string;
    expect(() => s.run('capture', [id])).toThrow(/capture groups/);
  });

  it('opens a document for someone it is shared with, and lets only a writer save it', () => {
    const s = session();
    const id = s.run('makeTemplate') as string;
    expect(() => s.runAs(SPECIALIST, 'text', [id])).toThrow(DOCUMENT_MISSING_MESSAGE);
    s.run('share', [id, SPECIALIST, 'reader']);
    expect(s.runAs(SPECIALIST, 'text', [id])).toContain('{{Клиент}}');
    expect(() => s.runAs(SPECIALIST, 'saveShared', [id])).toThrow(DOCUMENT_READ_ONLY_MESSAGE);
    s.run('share', [id, SPECIALIST, 'writer']);
    s.runAs(SPECIALIST, 'saveShared', [id]);
    expect(s.run('text', [id])).toMatch(/\nx$/);
  });

  it('gives a PDF of the document through the session exporter', () => {
    const s = session();
    const id = s.run('makeTemplate') as string;
    expect(() => s.run('pdf', [id])).toThrow(/document exporter/);
    s.setDocumentExporter((name, body) => new Uint8Array(Buffer.from(`${name}:${body.length}`)));
    expect(s.run('pdf', [id])).toEqual(['Шаблон.pdf', 'application/pdf', 'Шаблон:3']);
  });
});

describe('Drive folders under drive.file', () => {
  it('creates a folder, files in it, and moves a document into it', () => {
    const s = session();
    const r = s.run('folderWithFile') as { folder: string; pdfParents: string[]; doc: string; docParents: string[] };
    expect(r.pdfParents).toEqual([r.folder]);
    expect(r.docParents).toEqual([r.folder]);
    expect(s.driveItem(r.folder)).toMatchObject({ mimeType: 'application/vnd.google-apps.folder', owner: OWNER });
  });

  it('does not reach another user’s folder or document through Drive, even when shared', () => {
    const s = session();
    const r = s.run('folderWithFile') as { folder: string; doc: string };
    s.run('share', [r.doc, SPECIALIST, 'writer']);
    expect(() => s.runAs(SPECIALIST, 'getFile', [r.doc])).toThrow(`File not found: ${r.doc}.`);
    expect(() => s.runAs(SPECIALIST, 'createIn', [r.folder])).toThrow(`File not found: ${r.folder}.`);
    expect(s.run('getFile', [r.doc])).toBe('Договор');
  });
});

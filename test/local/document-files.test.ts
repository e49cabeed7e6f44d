/**
 * The files a person opens of a document the add-on made, locally: the .docx
 * is a zip that an Office reader opens (its parts, the text of every paragraph
 * and cell, the table's grid before its rows), and the page printed to PDF
 * holds the text escaped.
 */
import JSZip from 'jszip';
import { documentDocx, documentHtml } from '../../local/export/document-files';
import type { DocElementModel } from '../../local/runtime/model';

const BODY: DocElementModel[] = [
  { type: 'paragraph', text: 'Договор № ДК-2026/0001', heading: 'HEADING1', alignment: 'CENTER' },
  {
    type: 'table',
    rows: [
      ['№', 'Наименование'],
      ['1', 'Панель & <клинкер>'],
    ],
    boldRows: [0],
  },
  { type: 'paragraph', text: 'Итого: 4 700,00 руб.' },
];

describe('a document as .docx', () => {
  it('is a zip with the parts Word needs and every text of the document', async () => {
    const zip = await JSZip.loadAsync(documentDocx(BODY));
    expect(Object.keys(zip.files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/document.xml'].sort(),
    );
    const xml = await zip.file('word/document.xml')!.async('string');
    const texts = [...xml.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual([
      'Договор № ДК-2026/0001',
      '№',
      'Наименование',
      '1',
      'Панель &amp; &lt;клинкер&gt;',
      'Итого: 4 700,00 руб.',
    ]);
    expect(xml).toMatch(/<w:tblGrid>(<w:gridCol w:w="\d+"\/>){2}<\/w:tblGrid><w:tr>/);
    expect(xml.match(/<w:tr>/g)).toHaveLength(2);
    expect(xml).toContain('<w:jc w:val="center"/>');
  });
});

describe('a document as a printable page', () => {
  it('escapes the text and makes the header row bold', () => {
    const html = documentHtml('Договор', BODY);
    expect(html).toContain('Панель &amp; &lt;клинкер&gt;');
    expect(html).toContain('<td style="font-weight:bold">Наименование</td>');
    expect(html).toContain('text-align:center');
  });
});

/**
 * What a person opens of a Google Docs document the add-on made, locally: a
 * PDF (the document laid out as an A4 page in HTML and printed by Chromium)
 * and a .docx (Office Open XML written here, a zip of four XML parts), both
 * kept in `exports/` next to the workbook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { DocElementModel, DriveItemModel } from '../runtime/model';
import type { DocumentExporter, DocumentSavedHook } from '../runtime/documents';
import { exportsDir, safeFileName } from '../other-workbooks';
import { printPageSync } from './pdf-exporter';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const HEADING_PT: Record<string, number> = { TITLE: 20, SUBTITLE: 14, HEADING1: 15, HEADING2: 13, HEADING3: 12 };
const ALIGN: Record<string, string> = { LEFT: 'left', CENTER: 'center', RIGHT: 'right', JUSTIFY: 'justify' };

/** The document as one printable HTML page (A4 portrait, 2 cm margins, 11 pt text, tables with borders). */
export function documentHtml(name: string, body: readonly DocElementModel[]): string {
  const parts = body.map((e) => {
    if (e.type === 'paragraph') {
      const size = HEADING_PT[e.heading ?? ''] ?? 11;
      const style = [
        `font-size:${size}pt`,
        `text-align:${ALIGN[e.alignment ?? 'LEFT'] ?? 'left'}`,
        e.bold || e.heading ? 'font-weight:bold' : '',
      ]
        .filter(Boolean)
        .join(';');
      return `<p style="${style}">${escapeXml(e.text) || '&nbsp;'}</p>`;
    }
    const bold = new Set(e.boldRows ?? []);
    const rows = e.rows
      .map(
        (r, i) =>
          `<tr>${r.map((c) => `<td${bold.has(i) ? ' style="font-weight:bold"' : ''}>${escapeXml(c)}</td>`).join('')}</tr>`,
      )
      .join('');
    return `<table>${rows}</table>`;
  });
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeXml(name)}</title><style>
body { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 11pt; color: #000; margin: 0; }
p { margin: 0 0 6pt; line-height: 1.3; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9.5pt; }
td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
td:nth-child(n+5) { text-align: right; white-space: nowrap; }
</style></head><body>${parts.join('\n')}</body></html>`;
}

/** The exporter for createSession({ documentExporter }): Chromium prints the document's page. */
export function createDocumentExporter(): DocumentExporter {
  return (name, body) =>
    printPageSync({
      html: documentHtml(name, body),
      pdf: {
        width: '210mm',
        height: '297mm',
        margin: { top: '20mm', bottom: '20mm', left: '25mm', right: '15mm' },
        scale: 1,
        displayHeaderFooter: false,
        headerTemplate: '',
        footerTemplate: '',
      },
    });
}

// ------------------------------------------------------------------ .docx

function run(text: string, bold: boolean, sizePt?: number): string {
  const props = `${bold ? '<w:b/>' : ''}${sizePt ? `<w:sz w:val="${sizePt * 2}"/>` : ''}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

/** A4 (11 906 twips) less the page margins of documentDocx (1 418 and 850). */
const TEXT_WIDTH_TWIPS = 9638;

const DOCX_ALIGN: Record<string, string> = { CENTER: 'center', RIGHT: 'right', JUSTIFY: 'both' };

function docxBody(body: readonly DocElementModel[]): string {
  return body
    .map((e) => {
      if (e.type === 'paragraph') {
        const align = DOCX_ALIGN[e.alignment ?? ''];
        const ppr = align ? `<w:pPr><w:jc w:val="${align}"/></w:pPr>` : '';
        return `<w:p>${ppr}${run(e.text, Boolean(e.bold || e.heading), HEADING_PT[e.heading ?? ''])}</w:p>`;
      }
      const bold = new Set(e.boldRows ?? []);
      const border = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
        .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
        .join('');
      const rows = e.rows
        .map((r, i) => `<w:tr>${r.map((c) => `<w:tc><w:p>${run(c, bold.has(i), 9)}</w:p></w:tc>`).join('')}</w:tr>`)
        .join('');
      // Word requires the grid of columns before the rows: the text width (A4 less the margins) shared evenly
      const columns = Math.max(1, ...e.rows.map((r) => r.length));
      const width = Math.floor(TEXT_WIDTH_TWIPS / columns);
      const grid = `<w:tblGrid>${Array.from({ length: columns }, () => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>`;
      return `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${border}</w:tblBorders></w:tblPr>${grid}${rows}</w:tbl><w:p/>`;
    })
    .join('');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of the given files (deflated), written synchronously. */
function zip(files: ReadonlyArray<{ name: string; data: string }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const raw = Buffer.from(file.data, 'utf8');
    const packed = deflateRawSync(raw);
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = centrals.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The document as a .docx file (Word, LibreOffice and Google Docs open it). */
export function documentDocx(body: readonly DocElementModel[]): Buffer {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    },
    {
      name: 'word/document.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${docxBody(body)}` +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1418" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>',
    },
  ]);
}

/** Keeps `<name>.docx` of every document the script saves in `exports/` next to the workbook. */
export function keepDocumentsOnDisk(mainWorkbookPath: string, onSaved?: (file: string) => void): DocumentSavedHook {
  return (doc: DriveItemModel) => {
    const dir = exportsDir(mainWorkbookPath);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, safeFileName(`${doc.name}.docx`));
    fs.writeFileSync(file, documentDocx(doc.body ?? []));
    onSaved?.(file);
  };
}

/**
 * The text of each page of a PDF printed by Chromium, for asserting what was
 * printed. pdf-lib has no text extraction, so this decodes the content
 * streams and maps the glyph codes of `Tj`/`TJ` back to characters through
 * each font's ToUnicode CMap (Chromium writes Type0 fonts with two-byte codes).
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from 'pdf-lib';

type CMap = Map<number, string>;

function bytesOf(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** bfchar and bfrange entries of a ToUnicode CMap. */
function parseCMap(text: string): CMap {
  const map: CMap = new Map();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), utf16(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (m[3].startsWith('[')) {
        [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1])));
      } else {
        const start = parseInt(m[3].slice(1, -1), 16);
        for (let code = lo; code <= hi; code++) map.set(code, String.fromCharCode(start + code - lo));
      }
    }
  }
  return map;
}

function decodeHex(hex: string, cmap: CMap | undefined, twoByte: boolean): string {
  const width = twoByte ? 4 : 2;
  let out = '';
  for (let i = 0; i + width <= hex.length; i += width) {
    const code = parseInt(hex.slice(i, i + width), 16);
    out += cmap?.get(code) ?? '';
  }
  return out;
}

class Extractor {
  constructor(private readonly doc: PDFDocument) {}

  private lookup(obj: PDFObject | undefined): PDFObject | undefined {
    return obj instanceof PDFRef ? this.doc.context.lookup(obj) : obj;
  }

  private fonts(resources: PDFDict | undefined): Map<string, { cmap?: CMap; twoByte: boolean }> {
    const out = new Map<string, { cmap?: CMap; twoByte: boolean }>();
    const fonts = this.lookup(resources?.get(PDFName.of('Font')));
    if (!(fonts instanceof PDFDict)) return out;
    for (const [name, ref] of fonts.entries()) {
      const font = this.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      const subtype = font.get(PDFName.of('Subtype'));
      const toUnicode = this.lookup(font.get(PDFName.of('ToUnicode')));
      out.set(name.asString(), {
        cmap: toUnicode instanceof PDFStream ? parseCMap(latin1(bytesOf(toUnicode))) : undefined,
        twoByte: subtype === PDFName.of('Type0'),
      });
    }
    return out;
  }

  /** Text of a content stream (and of the Form XObjects it draws), in drawing order. */
  text(content: Uint8Array, resources: PDFDict | undefined): string {
    const fonts = this.fonts(resources);
    const xobjects = this.lookup(resources?.get(PDFName.of('XObject')));
    const source = latin1(content);
    let font: { cmap?: CMap; twoByte: boolean } | undefined;
    let out = '';
    const tokens =
      /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|\/([^\s/<>[\]()]+)\s+Do|(ET)/g;
    for (const m of source.matchAll(tokens)) {
      if (m[1]) font = fonts.get('/' + m[1]);
      else if (m[2] !== undefined) out += decodeHex(m[2], font?.cmap, font?.twoByte ?? true);
      else if (m[3] !== undefined) {
        for (const part of m[3].matchAll(/<([0-9a-fA-F]*)>/g))
          out += decodeHex(part[1], font?.cmap, font?.twoByte ?? true);
      } else if (m[4] && xobjects instanceof PDFDict) {
        const xobject = this.lookup(xobjects.get(PDFName.of(m[4])));
        if (xobject instanceof PDFStream && xobject.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) {
          const own = this.lookup(xobject.dict.get(PDFName.of('Resources')));
          out += this.text(bytesOf(xobject), own instanceof PDFDict ? own : resources);
        }
      } else if (m[5]) out += '\n';
    }
    return out;
  }
}

/** The text of every page, lines separated by newlines (one per text object). */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const extractor = new Extractor(doc);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams: PDFStream[] = [];
    if (contents instanceof PDFStream) streams.push(contents);
    else if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const s = doc.context.lookup(contents.get(i));
        if (s instanceof PDFStream) streams.push(s);
      }
    }
    const resources = page.node.Resources();
    return streams.map((s) => extractor.text(bytesOf(s), resources)).join('\n');
  });
}

/**
 * The size in points of every piece of text drawn on each page: the font size
 * of `Tf` scaled by the text matrix (`Tm`) and by the graphics state's `cm`
 * matrices in force (`q`/`Q` nest them). Chromium draws without rotation, so
 * the vertical scale of each matrix is its `d` entry.
 */
export async function pdfTextSizes(bytes: Uint8Array): Promise<number[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams: PDFStream[] = [];
    if (contents instanceof PDFStream) streams.push(contents);
    else if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const s = doc.context.lookup(contents.get(i));
        if (s instanceof PDFStream) streams.push(s);
      }
    }
    const sizes: number[] = [];
    for (const stream of streams) {
      const source = latin1(bytesOf(stream));
      const stack: number[] = [];
      let scale = 1;
      let font = 0;
      let textScale = 1;
      let operands: number[] = [];
      for (const m of source.matchAll(/<[0-9a-fA-F]*>|\[[^\]]*\]|\/[^\s/<>[\]()]+|[-+]?\d*\.?\d+|[A-Za-z*']+/g)) {
        const token = m[0];
        if (/^[-+]?\d*\.?\d+$/.test(token)) {
          operands.push(Number(token));
          continue;
        }
        if (token === 'q') stack.push(scale);
        else if (token === 'Q') scale = stack.pop() ?? 1;
        else if (token === 'cm' && operands.length >= 6) scale *= Math.abs(operands[operands.length - 3]);
        else if (token === 'Tf' && operands.length >= 1) font = operands[operands.length - 1];
        else if (token === 'Tm' && operands.length >= 6) textScale = Math.abs(operands[operands.length - 3]);
        else if (token === 'BT') textScale = 1;
        else if (token === 'Tj' || token === 'TJ') sizes.push(font * textScale * scale);
        if (!token.startsWith('/') && !token.startsWith('<') && !token.startsWith('[')) operands = [];
      }
    }
    return sizes;
  });
}

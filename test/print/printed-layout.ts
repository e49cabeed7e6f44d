/**
 * What Chromium lays out for a printed page, measured in the browser itself:
 * for every cell, whether its text is cut at the cell's edge (wider than the
 * cell and not wrapped) and which of its words are broken across lines. The
 * PDF's text cannot tell: a clipped glyph is still drawn, under its cell's clip.
 */
import { launchChromium } from '../../local/chromium';

export interface PrintedCell {
  text: string;
  /** in the repeated header (thead) */
  head: boolean;
  /** the text is wider than the cell and cut at its edge */
  cut: boolean;
  /** words of the text split over two lines */
  brokenWords: string[];
}

/** Every cell of every printed table in `html`, as Chromium lays it out for print. */
export async function printedCells(html: string): Promise<PrintedCell[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate(() =>
      Array.from(document.querySelectorAll('td'))
        .filter((td) => !td.classList.contains('spill') && (td.textContent ?? '').trim() !== '')
        .map((td) => {
          const brokenWords: string[] = [];
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (const m of text.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set(
                Array.from(range.getClientRects())
                  .filter((r) => r.width > 0)
                  .map((r) => Math.round(r.top)),
              );
              if (lines.size > 1) brokenWords.push(m[0]);
            }
          }
          return {
            text: td.textContent ?? '',
            head: td.closest('thead') !== null,
            cut: td.scrollWidth > td.clientWidth,
            brokenWords,
          };
        }),
    );
  } finally {
    await browser.close();
  }
}

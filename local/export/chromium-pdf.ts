/**
 * Prints HTML to PDF with Debian's Chromium through playwright-core (never a
 * downloaded browser), as Sheets' own export would print the sheet.
 */
import { launchChromium } from '../chromium';
import type { PdfOptions } from './sheet-html';

/** One page of HTML printed to PDF bytes. */
export async function printHtmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // the page needs nothing from the network: no request may leave the machine
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ ...options, printBackground: true, preferCSSPageSize: false });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

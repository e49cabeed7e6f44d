/**
 * Prints HTML to PDF with Debian's Chromium through playwright-core (never a
 * downloaded browser), as Sheets' own export would print the sheet.
 */
import { chromium } from 'playwright-core';
import type { PdfOptions } from './sheet-html';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One page of HTML printed to PDF bytes. */
export async function printHtmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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

/**
 * A child process that prints one page: reads { html, pdf } as JSON on stdin,
 * writes the PDF bytes to stdout. The runtime's UrlFetchApp is synchronous and
 * Chromium is driven asynchronously, so the exporter runs this with spawnSync.
 */
import { printHtmlToPdf } from './chromium-pdf';
import type { PrintablePage } from './sheet-html';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const page = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PrintablePage;
  const bytes = await printHtmlToPdf(page.html, page.pdf);
  process.stdout.write(Buffer.from(bytes));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

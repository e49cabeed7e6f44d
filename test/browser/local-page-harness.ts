/**
 * Starts the local page the way `npm start` does, on a temporary copy of a
 * workbook file and a free port, and opens it in Debian's Chromium through
 * playwright-core (never a downloaded browser).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../local/chromium';
import { createSession, type SessionOptions } from '../../local/runtime';
import type { WorkbookModel } from '../../local/runtime/model';
import { startServer, type RunningServer } from '../../local/server/server';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';

export { launchChromium };

export interface LocalPage {
  dir: string;
  workbookPath: string;
  server: RunningServer;
  /** the workbook as the file holds it once the pending saves are done */
  reload(): Promise<WorkbookModel>;
  stop(): Promise<void>;
}

/**
 * Saves `workbook` to a temporary .xlsx, opens it again from the file (as
 * npm start does) and serves it with `codePath` and `pagesDir`.
 */
export async function startLocalPage(
  workbook: WorkbookModel,
  codePath: string,
  pagesDir: string,
  options: Partial<SessionOptions> = {},
): Promise<LocalPage> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'local-page-'));
  const workbookPath = path.join(dir, 'workbook.xlsx');
  await saveWorkbook(workbook, workbookPath);
  const session = createSession({ workbook: await loadWorkbook(workbookPath), codePath, pagesDir, ...options });
  const server = await startServer({
    session,
    port: 0,
    webDir: path.join(dir, 'web'),
    save: (model) => saveWorkbook(model, workbookPath),
    log: () => undefined,
  });
  return {
    dir,
    workbookPath,
    server,
    async reload() {
      await server.idle();
      return loadWorkbook(workbookPath);
    },
    async stop() {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the page and waits until it has drawn the grid and the menus onOpen built. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
  return page;
}

/** Waits until the page has no request to its server in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body:not([data-busy])', { state: 'attached' });
}

/** The grid cell at a 1-based row and column. */
export function cell(page: Page, row: number, column: number) {
  return page.locator(`#grid td[data-row="${row - 1}"][data-col="${column - 1}"]`);
}

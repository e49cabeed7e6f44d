/**
 * Helpers for driving the CRM sidebar on the local page: a small CRM workbook
 * already set up by «Настроить таблицу», the sidebar opened from the CRM menu,
 * and the sidebar's frame waited on until its calls have returned.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { WorkbookModel } from '../../local/runtime/model';
import { zonedParts } from '../../local/store/moscow-time';
import { crmSession, crmWorkbook, rowsOf, type CrmWorkbookOptions, type Row } from '../crm/crm-workbook';
import { cell, launchChromium, openPage, settled, startLocalPage, type LocalPage } from './local-page-harness';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_PATH = path.join(ROOT, 'dist', 'Code.js');
export const PAGES_DIR = path.join(ROOT, 'dist');

/** A CRM workbook with the given rows, after the director ran «Настроить таблицу». */
export function preparedWorkbook(options: CrmWorkbookOptions = {}): WorkbookModel {
  return crmSession(crmWorkbook(options)).workbook;
}

/**
 * One Chromium per test file and one local page per test (closed after it):
 * `open` starts the page on a prepared workbook, as `user`; browser dialogs
 * (which the sidebar must never raise) are dismissed and recorded.
 */
export function sidebarPages() {
  let browser: Browser | undefined;
  let local: LocalPage | undefined;
  let page: Page | undefined;
  let dialogs: string[] = [];
  beforeAll(async () => {
    if (!existsSync(CODE_PATH) || !existsSync(`${PAGES_DIR}/Sidebar.html`)) {
      throw new Error('dist/Code.js or dist/Sidebar.html is missing: run npm run build first');
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.close();
    await local?.stop();
    page = undefined;
    local = undefined;
  });
  return {
    async open(rows: CrmWorkbookOptions, user?: string): Promise<Page> {
      local = await startLocalPage(preparedWorkbook(rows), CODE_PATH, PAGES_DIR);
      page = await openPage(browser!, local.server.url);
      dialogs = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      if (user) await actAs(page, user);
      return page;
    },
    /** the rows of a tab as the workbook file holds them once the page's saves are done */
    async saved(sheet: string): Promise<Row[]> {
      return rowsOf(await local!.reload(), sheet);
    },
    dialogs: () => dialogs,
  };
}

/** Switches the user the local page runs as with its user switcher, and waits for the page to reload. */
export async function actAs(page: Page, email: string): Promise<void> {
  await page.locator('#user-select').selectOption(email);
  await page.locator('.toast', { hasText: 'Пользователь изменён' }).waitFor();
  await settled(page);
}

/** Selects a cell on a tab of the local page (the row the card is opened for). */
export async function selectCell(page: Page, sheet: string, row: number, column: number): Promise<void> {
  await page.locator('#tabs .tab', { hasText: sheet }).click();
  await settled(page);
  await cell(page, row, column).click();
  await settled(page);
}

/** The sidebar's frame, once its page has loaded and finished its first calls. */
export async function sidebarFrame(page: Page): Promise<FrameLocator> {
  const frame = page.frameLocator('#sidebar-frame');
  await frame.locator('body[data-ready]').waitFor({ state: 'attached' });
  await idle(frame);
  return frame;
}

/** Opens the sidebar with a CRM menu item and waits for its newly loaded page. */
export async function openFromMenu(page: Page, item: string): Promise<FrameLocator> {
  const before = await page
    .locator('#sidebar-frame')
    .getAttribute('src', { timeout: 500 })
    .catch(() => null);
  await page.locator('#menubar .menu-title.addon', { hasText: 'CRM' }).click();
  await page.locator('.menu-item', { hasText: item }).click();
  await page.locator('#sidebar:not([hidden])').waitFor();
  await page.waitForFunction((old) => {
    const frame = document.querySelector<HTMLIFrameElement>('#sidebar-frame');
    return !!frame && !!frame.getAttribute('src') && frame.getAttribute('src') !== old;
  }, before);
  return sidebarFrame(page);
}

/** Waits until the sidebar has no server call in flight. */
export async function idle(frame: FrameLocator): Promise<void> {
  await frame.locator('body:not([data-busy])').waitFor({ state: 'attached' });
}

/** A Moscow calendar day of a cell value, as «дд.мм.гггг» (null when the cell is not a date). */
export function dayOf(value: unknown): string | null {
  if (!(value instanceof Date)) return null;
  const p = zonedParts(value);
  return `${String(p.day).padStart(2, '0')}.${String(p.month).padStart(2, '0')}.${p.year}`;
}

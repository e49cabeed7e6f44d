/**
 * A newcomer follows the README's first screen on the local page in Chromium:
 * `npm start`'s app on a fresh demo workbook, then the five-step tour step by
 * step, with every user, row, value and menu item read from the README (see
 * readme-tour.ts). When the product or the demo changes and the README does
 * not, this fails.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { DEMO_TODAY } from '../../local/demo/installed';
import { startLocalApp, type LocalApp } from '../../local/local-app';
import type { WorkbookModel } from '../../local/runtime/model';
import { loadWorkbook } from '../../local/store/xlsx';
import { DEFAULT_WORKBOOK_PATH } from '../../local/workbook-file';
import { SHEETS } from '../../src/domain/workbook/schema';
import { rowsOf } from '../crm/crm-workbook';
import { cell, launchChromium, openPage, settled } from './local-page-harness';
import { firstScreen, fieldValues, menuPaths, must, readme, tableAfter, tourSteps } from './readme-tour';
import { CODE_PATH, PAGES_DIR, sidebarFrame } from './sidebar-page';

jest.setTimeout(600_000);

const README = readme();
const SCREEN = firstScreen(README);
/** The first screen with its wrapped lines joined, for phrases that may break across lines. */
const FLAT = SCREEN.replace(/\s+/g, ' ');
const STEPS = tourSteps(README);

let browser: Browser;
let app: LocalApp;
let page: Page;
let dir: string;
let workbookPath: string;
const said: string[] = [];

beforeAll(async () => {
  if (!existsSync(CODE_PATH) || !existsSync(path.join(PAGES_DIR, 'Sidebar.html'))) {
    throw new Error('dist/Code.js or dist/Sidebar.html is missing: run npm run build first');
  }
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readme-tour-'));
  // a fresh clone: no demo folder yet, so the app builds the demo as npm start does
  workbookPath = path.join(dir, 'demo', 'demo.xlsx');
  app = await startLocalApp({
    workbookPath,
    port: 0,
    webDir: path.join(dir, 'web'),
    say: (line) => said.push(line),
    log: () => undefined,
  });
  browser = await launchChromium();
  page = await openPage(browser, app.server.url);
}, 600_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await app?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** The workbook as its file holds it once the page's saves are done. */
async function saved(): Promise<WorkbookModel> {
  await app.server.idle();
  return loadWorkbook(workbookPath);
}

function headerColumn(workbook: WorkbookModel, sheet: string, header: string): number {
  const s = workbook.sheets.find((x) => x.name === sheet)!;
  const col = s.rows[0]!.findIndex((c) => c?.value === header);
  if (col < 0) throw new Error(`no «${header}» on «${sheet}»`);
  return col + 1;
}

/** Chooses a person in «Пользователь:» by the name the README gives. */
async function actAsNamed(name: string): Promise<void> {
  const option = page.locator('#user-select option', { hasText: name });
  await expect(option.count()).resolves.toBe(1);
  const email = (await option.getAttribute('value'))!;
  await page.locator('#user-select').selectOption(email);
  // the switch's toast lasts a few seconds; the page is ready again once the choice stays and nothing runs
  await page.waitForFunction((e) => (document.getElementById('user-select') as HTMLSelectElement).value === e, email);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
  await settled(page);
}

async function openTab(name: string): Promise<void> {
  await page.locator('#tabs .tab', { hasText: name }).first().click();
  await settled(page);
  await expect(page.locator('#tabs .tab.active').textContent()).resolves.toBe(name);
}

/** Scrolls the grid as a person would until `row` is drawn. */
async function scrollTo(row: number): Promise<void> {
  await page.locator('#grid').evaluate((grid, r) => {
    grid.scrollTop = Math.max(0, (r - 8) * 21);
  }, row);
  // the page fetches the rows of the new window after the scroll: wait until the row's first cell is drawn with its text
  await cell(page, row, 1).filter({ hasText: /\S/ }).waitFor();
  await settled(page);
}

async function chooseMenu(menu: string, item: string): Promise<void> {
  await page.locator('#menubar .menu-title.addon', { hasText: menu }).click();
  await page.locator('.menu-item', { hasText: item }).first().click();
}

/** Answers the open prompt with `text` and the button labelled `button`. */
async function answerPrompt(text: string, button: string): Promise<void> {
  const box = page.locator('.modal[data-kind="prompt"]');
  await box.waitFor();
  await box.locator('input').fill(text);
  await box.locator('button', { hasText: button }).click();
  await box.waitFor({ state: 'detached' });
}

/** Presses `button` on the open alert whose text matches, and returns its text. */
async function answerAlert(button: string, matching?: RegExp): Promise<string> {
  const box = page.locator('.modal[data-kind="alert"]', matching ? { hasText: matching } : {});
  await box.waitFor();
  const text = (await box.textContent()) ?? '';
  await box.locator('button', { hasText: new RegExp(`^${button}$`) }).click();
  await settled(page);
  return text;
}

describe('the README first screen', () => {
  it('begins with the two commands of a fresh clone', () => {
    const top = README.split('\n').slice(0, 5).join('\n');
    expect(top).toContain('`npm ci && npm start`');
    expect(top).toContain('`npm ci && npm test`');
  });

  it('gives the address and port the app serves on, and what the app tells the terminal', () => {
    const address = must(SCREEN, /\*\*(http:\/\/[\d.]+:\d+)\*\*/, 'the address');
    const url = new URL(address);
    expect(new URL(app.server.url).hostname).toBe(url.hostname);
    expect(url.port).toBe('8080');
    expect(SCREEN).toMatch(/`PORT=\d+ npm start`/);
    expect(said).toContain(`Локальная страница: ${app.server.url}`);
  });

  it('names everyone in the «Пользователь:» switch with their position and category as the demo has them', async () => {
    expect(SCREEN).toContain('**«Пользователь:»**');
    const people = tableAfter(SCREEN, '**Кто вы.**');
    const staff = rowsOf(await saved(), SHEETS.staff);
    expect(people.map((p) => [p['Пользователь'], p['Должность'], p['Категория'], p['E-mail']])).toEqual(
      staff.map((e) => [e['ФИО'], e['Должность'], e['Категория'] ?? '', e['Email']]),
    );
    const options = await page.locator('#user-select option').allTextContents();
    for (const p of people) expect(options.some((o) => o.includes(p['Пользователь']))).toBe(true);
    // the page starts as the director
    const first = people.find((p) => p['Должность'] === 'Директор')!;
    await expect(page.locator('#user-select option:checked').textContent()).resolves.toContain(first['Пользователь']);
  });

  it('states the demo’s «today», the month closed and the month to compute as the demo has them', async () => {
    const today = must(SCREEN, /«Сегодня» в демо — \*\*(\d{2}\.\d{2}\.\d{4})\*\*/, 'the demo’s today');
    expect(today.split('.').reverse().join('-')).toBe(DEMO_TODAY);
    const toCompute = must(SCREEN, /\*\*Рассчитывать — [а-я]+: (\d{2}\.\d{4})\.\*\*/, 'the month to compute');
    expect(toCompute).toBe(today.slice(3));
    const workbook = await saved();
    expect(workbook.demoToday).toBe(DEMO_TODAY);
    // the month before is closed: frozen, protected, recorded for НДФЛ
    const closed = workbook.sheets.find((s) => s.name === 'Зарплата 01.2026')!;
    expect(closed.protections.length).toBeGreaterThan(0);
    expect(closed.rows.some((r) => r?.some((c) => c?.formula))).toBe(false);
    expect(FLAT).toContain('закрыл январь 2026');
    expect(workbook.triggers?.some((t) => t.kind === 'onEdit' && t.owner === workbook.owner)).toBe(true);
    expect(workbook.sheets.find((s) => s.name === SHEETS.dashboard)?.charts.length).toBeGreaterThan(0);
  });

  it('tells how to start afresh and where the files go, as the app does', () => {
    expect(SCREEN).toMatch(/\*\*Начать заново\.\*\* .*удалите папку `demo\/`/s);
    expect(path.relative(path.resolve(__dirname, '..', '..'), DEFAULT_WORKBOOK_PATH)).toBe('demo/demo.xlsx');
    expect(SCREEN).toContain('`demo/demo.xlsx`');
    expect(path.relative(path.dirname(workbookPath), app.exportsDir)).toBe(
      must(SCREEN, /`demo\/(exports)\/` — PDF/, 'the exports folder'),
    );
  });
});

describe('the README tour, step by step', () => {
  let row = 0;
  let dealId = '';
  let card: FrameLocator;

  it('has five steps', () => {
    expect(STEPS).toHaveLength(5);
  });

  it('1. opens the card of the deal the README names, as the specialist it names', async () => {
    const step = STEPS[0];
    await actAsNamed(must(step, /«Пользователь:» выберите «([^»]+)»/, 'whom to act as'));
    const sheet = must(step, /лист\s+«([^»]+)»/, 'the tab');
    row = Number(must(step, /до строки (\d+)/, 'the row'));
    dealId = must(step, /сделка (С-\d{5})/, 'the deal');
    const stage = must(step, /этап «([^»]+)»\)/, 'the deal’s stage');
    await openTab(sheet);
    await scrollTo(row);
    await expect(cell(page, row, 1).textContent()).resolves.toBe(dealId);
    await cell(page, row, 3).click();
    await settled(page);
    const [menu] = menuPaths(step);
    await chooseMenu(menu.menu, menu.item);
    await page.locator('#sidebar:not([hidden])').waitFor();
    card = await sidebarFrame(page);
    await card.locator(`.deal[data-deal="${dealId}"][data-stage="${stage}"]`).waitFor();
    const client = must(step, /клиент (.+?), этап/, 'the client');
    await expect(card.locator('h2.client-name').textContent()).resolves.toBe(client);
  });

  it('2. moves the deal in the card with the fields the README fills', async () => {
    const step = STEPS[1];
    const button = must(step, /нажмите «(→ [^»]+)»/, 'the move button');
    const target = button.slice(2);
    const deal = card.locator(`.deal[data-deal="${dealId}"]`);
    await expect(deal.locator(`[data-move="${target}"]`).textContent()).resolves.toBe(button);
    await deal.locator(`[data-move="${target}"]`).click();
    const form = deal.locator('form.move-form');
    await form.waitFor();
    const values = fieldValues(step);
    const asked = await form
      .locator('.field:visible')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-field') ?? ''));
    expect(asked).toEqual(values.map(([field]) => field));
    for (const [field, value] of values) {
      const control = form.locator(`[name="${field}"]`);
      if ((await control.evaluate((n) => n.tagName)) === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
    const submit = must(step, /нажмите «(Перевести: [^»]+)»/, 'the submit button');
    await form.locator('button[type="submit"]', { hasText: submit }).click();
    await card.locator(`.deal[data-deal="${dealId}"][data-stage="${target}"]`).waitFor();

    const workbook = await saved();
    const stageCol = headerColumn(workbook, SHEETS.deals, 'Этап');
    const expected = must(step, /этап станет «([^»]+)»/, 'the new stage');
    await settled(page);
    await expect(cell(page, row, stageCol).textContent()).resolves.toBe(expected);
    const today = must(SCREEN, /«Сегодня» в демо — \*\*(\d{2}\.\d{2}\.\d{4})\*\*/, 'the demo’s today');
    const dateCol = headerColumn(workbook, SHEETS.deals, 'Дата этапа');
    await expect(cell(page, row, dateCol).textContent()).resolves.toBe(today);
  });

  it('3. refuses a typed skip of stages, says why in a toast and a note, and logs the attempt', async () => {
    const step = STEPS[2];
    const typed = must(step, /наберите на клавиатуре «([^»]+)»/, 'what to type');
    const back = must(step, /вернёт «([^»]+)»/, 'the stage it returns to');
    const before = await saved();
    const stageCol = headerColumn(before, SHEETS.deals, must(step, /ячейку «([^»]+)»/, 'the cell'));
    const logBefore = rowsOf(before, SHEETS.log).length;

    // toasts go away after a few seconds: record every one the page shows from now on
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenToasts: string[] }).seenToasts = seen;
      new MutationObserver((changes) => {
        for (const change of changes) change.addedNodes.forEach((n) => seen.push(n.textContent ?? ''));
      }).observe(document.getElementById('toasts')!, { childList: true });
    });
    await cell(page, row, stageCol).click();
    // A Russian keyboard's first letter opens the cell's editor (grid.ts); Playwright sends Cyrillic
    // as text input without key events, so the editor is opened as that keystroke would, with F2.
    await page.keyboard.press('F2');
    await page.locator('#cell-editor').fill(typed);
    await page.locator('#cell-editor').press('Enter');
    await page.waitForFunction(
      (id) => (window as unknown as { seenToasts: string[] }).seenToasts.some((t) => t.includes(id)),
      dealId,
    );
    await settled(page);
    await expect(cell(page, row, stageCol).textContent()).resolves.toBe(back);
    await expect(cell(page, row, stageCol).getAttribute('class')).resolves.toMatch(/\bnote\b/);

    const after = await saved();
    const sheet = after.sheets.find((s) => s.name === SHEETS.deals)!;
    expect(sheet.rows[row - 1]![stageCol - 1]!.value).toBe(back);
    expect(sheet.rows[row - 1]![stageCol - 1]!.note).toEqual(expect.stringContaining(typed));
    const log = rowsOf(after, SHEETS.log);
    expect(log.length).toBeGreaterThan(logBefore);
    expect(log.slice(logBefore).some((r) => r['ID'] === dealId && String(r['Стало'] ?? '').includes(typed))).toBe(true);
  });

  it('4. computes and closes the month the README names, as the director', async () => {
    const step = STEPS[3];
    await actAsNamed(must(step, /«Пользователь:» выберите «([^»]+)»/, 'whom to act as'));
    const month = must(step, /введите «(\d{2}\.\d{4})»/, 'the month');
    expect(month).toBe(must(SCREEN, /\*\*Рассчитывать — [а-я]+: (\d{2}\.\d{4})\.\*\*/, 'the month to compute'));
    const tab = must(step, /лист «(Зарплата [^»]+)»/, 'the payroll tab');
    const [compute, close] = menuPaths(step);

    await chooseMenu(compute.menu, compute.item);
    await answerPrompt(month, 'ОК');
    await answerAlert('ОК', new RegExp(tab));
    await page.locator('#tabs .tab', { hasText: tab }).waitFor();
    let workbook = await saved();
    const sheet = () => workbook.sheets.find((s) => s.name === tab)!;
    expect(sheet().rows.some((r) => r?.some((c) => c?.formula))).toBe(true);

    await chooseMenu(close.menu, close.item);
    await answerPrompt(month, 'ОК');
    await answerAlert('Да');
    const closed = await answerAlert('ОК');
    expect(closed).toContain('закрыт');
    workbook = await saved();
    expect(sheet().rows.some((r) => r?.some((c) => c?.formula))).toBe(false);
    expect(sheet().protections.length).toBeGreaterThan(0);
  });

  it('5. prints the payroll tab to a PDF in the exports folder', async () => {
    const step = STEPS[4];
    await openTab(must(step, /На листе «([^»]+)»/, 'the tab to print'));
    const [print] = menuPaths(step);
    await chooseMenu(print.menu, print.item);
    const prompt = page.locator('.modal[data-kind="prompt"]');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain('(открыт сейчас)');
    await answerPrompt('', 'ОК');
    const dialog = page.locator('#modal-layer iframe');
    await dialog.waitFor();
    // one file to sign: the ведомость with its parameters block on the last page
    const links = await dialog.contentFrame().locator('a').allTextContents();
    expect(links).toEqual([expect.stringMatching(/^Ведомость \d\d\.\d{4}\.pdf$/)]);
    const files = await fs.readdir(app.exportsDir);
    const pdfs = files.filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs).toEqual([...links].sort());
    for (const pdf of pdfs) {
      const bytes = await fs.readFile(path.join(app.exportsDir, pdf));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect(step).toContain('`demo/exports/`');
  });
});

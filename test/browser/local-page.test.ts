/**
 * The local page in a real browser: the menu that onOpen builds, a sidebar
 * calling google.script.run, cell edits, a pasted block, fill-down and a
 * prompt, all on the local runtime and saved to the workbook file. A small
 * fixture add-on stands in for the product's features; one test uses the real
 * dist/Code.js.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { emptySheet, emptyWorkbook, type CellModel, type WorkbookModel } from '../../local/runtime/model';
import { cell, launchChromium, openPage, settled, startLocalPage, type LocalPage } from './local-page-harness';

jest.setTimeout(60_000);

const DIRECTOR = 'director@example.ru';

/** A fixture add-on: a menu, a sidebar, a server function, a prompt, and an onEdit that logs what it got. */
const FIXTURE_CODE = `
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createMenu('Проверка')
    .addItem('Показать панель', 'showPanel')
    .addItem('Отметить выделение', 'markSelection')
    .addSeparator()
    .addItem('Спросить имя', 'askName')
    .addToUi();
}

function showPanel() {
  var html = HtmlService.createHtmlOutputFromFile('Panel').setTitle('Панель проверки');
  SpreadsheetApp.getUi().showSidebar(html);
}

function greet(name) {
  var sales = SpreadsheetApp.getActive().getSheetByName('Данные').getRange('A2').getValue();
  return 'Здравствуйте, ' + name + '! Продажи: ' + sales;
}

function markSelection() {
  var range = SpreadsheetApp.getActiveRange();
  range.setBackground('#fce8b2');
  SpreadsheetApp.getActive().toast('Выделено: ' + range.getA1Notation(), 'Проверка');
}

function askName() {
  var ui = SpreadsheetApp.getUi();
  var sheet = SpreadsheetApp.getActive().getSheetByName('Данные');
  sheet.getRange('E1').setValue('попытка');
  var answer = ui.prompt('Знакомство', 'Как вас зовут?', ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  sheet.getRange('D1').setValue(answer.getResponseText());
}

function onEdit(e) {
  var log = e.source.getSheetByName('Журнал');
  var what = e.range.getA1Notation() + ' value=' + (e.value === undefined ? 'нет' : e.value);
  log.appendRow([what]);
  e.range.getSheet().getRange('F1').setNote('onEdit: ' + what);
  e.source.toast(what, 'onEdit');
}
`;

const PANEL_HTML = `<!doctype html>
<html><head><base target="_top"></head>
<body>
  <button id="go" onclick="go()">Поздороваться</button>
  <div id="out"></div>
  <button id="close" onclick="google.script.host.close()">Закрыть</button>
  <script>
    function go() {
      google.script.run
        .withSuccessHandler(function (text) { document.getElementById('out').textContent = text; })
        .withFailureHandler(function (error) { document.getElementById('out').textContent = 'Ошибка: ' + error.message; })
        .greet('Анна');
    }
  </script>
</body></html>`;

function text(value: string, bold = false): CellModel {
  return bold ? { value, fontWeight: 'bold' } : { value };
}

function fixtureWorkbook(): WorkbookModel {
  const workbook = emptyWorkbook('Проверка страницы', DIRECTOR);
  const data = emptySheet(1, 'Данные', 50, 8);
  data.frozenRows = 1;
  data.rows[0] = [text('Продажи', true), text('План', true), text('Удвоено', true)];
  data.rows[1] = [{ value: 120000 }, { value: 100000 }, { value: null, formula: '=A2*2' }];
  data.rows[2] = [{ value: 10 }];
  data.rows[3] = [{ value: 20 }];
  data.rows[4] = [
    { value: 'Новый', validation: { kind: 'list', values: ['Новый', 'Переговоры'], allowInvalid: false } },
  ];
  const log = emptySheet(2, 'Журнал', 100, 8);
  log.rows[0] = [text('Событие', true)];
  const hidden = emptySheet(3, 'Служебный', 10, 2);
  hidden.hidden = true;
  workbook.sheets.push(data, log, hidden);
  workbook.nextSheetId = 4;
  return workbook;
}

function valueAt(workbook: WorkbookModel, sheet: string, row: number, column: number): unknown {
  return workbook.sheets.find((s) => s.name === sheet)?.rows[row - 1]?.[column - 1]?.value ?? null;
}

function logLines(workbook: WorkbookModel): string[] {
  const log = workbook.sheets.find((s) => s.name === 'Журнал');
  return (log?.rows ?? []).slice(1).map((row) => String(row?.[0]?.value ?? ''));
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the local page with a fixture add-on', () => {
  let local: LocalPage;
  let page: Page;

  beforeEach(async () => {
    const codeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fixture-addon-'));
    await fs.writeFile(path.join(codeDir, 'Code.js'), FIXTURE_CODE);
    await fs.writeFile(path.join(codeDir, 'Panel.html'), PANEL_HTML);
    local = await startLocalPage(fixtureWorkbook(), path.join(codeDir, 'Code.js'), codeDir);
    page = await openPage(browser, local.server.url);
  });

  afterEach(async () => {
    await page?.close();
    await local?.stop();
  });

  it('shows the visible tabs, frozen header and computed values', async () => {
    await expect(page.locator('#tabs .tab').allTextContents()).resolves.toEqual(['Данные', 'Журнал']);
    await expect(page.locator('#doc-title').textContent()).resolves.toBe('Проверка страницы');
    await expect(cell(page, 1, 1).textContent()).resolves.toBe('Продажи');
    await expect(page.locator('#grid tr.frozen td[data-col="0"]').textContent()).resolves.toBe('Продажи');
    await expect(cell(page, 2, 3).textContent()).resolves.toBe('240000');
    await cell(page, 2, 3).click();
    await expect(page.locator('#formula-input').inputValue()).resolves.toBe('=A2*2');
    await expect(page.locator('#name-box').textContent()).resolves.toBe('C2');
  });

  it('shows the menu onOpen built and runs an item on the selection sent to the server', async () => {
    await expect(page.locator('#menubar .menu-title.addon').allTextContents()).resolves.toEqual(['Проверка']);
    await cell(page, 3, 1).click();
    await cell(page, 4, 2).click({ modifiers: ['Shift'] });
    await page.locator('#menubar .menu-title.addon', { hasText: 'Проверка' }).click();
    await page.locator('.menu-item', { hasText: 'Отметить выделение' }).click();
    await expect(page.locator('.toast', { hasText: 'Выделено: A3:B4' }).waitFor()).resolves.toBeUndefined();
    await settled(page);
    await expect(cell(page, 4, 2).evaluate((td) => getComputedStyle(td).backgroundColor)).resolves.toBe(
      'rgb(252, 232, 178)',
    );
    const saved = await local.reload();
    expect(saved.sheets[0].rows[2]?.[0]?.background?.toLowerCase()).toBe('#fce8b2');
  });

  it('commits a typed value, fires onEdit with it and saves the file', async () => {
    await cell(page, 2, 1).dblclick();
    await page.locator('#cell-editor').fill('150000');
    await page.locator('#cell-editor').press('Enter');
    await page.locator('.toast', { hasText: 'A2 value=150000' }).waitFor();
    await settled(page);
    await expect(cell(page, 2, 3).textContent()).resolves.toBe('300000');
    await expect(page.locator('#name-box').textContent()).resolves.toBe('A3');
    const saved = await local.reload();
    expect(valueAt(saved, 'Данные', 2, 1)).toBe(150000);
    expect(logLines(saved)).toEqual(['A2 value=150000']);
  });

  it('cancels an edit with Escape and leaves the cell and the log alone', async () => {
    await cell(page, 3, 1).click();
    await page.keyboard.type('999');
    await page.keyboard.press('Escape');
    await settled(page);
    await expect(cell(page, 3, 1).textContent()).resolves.toBe('10');
    expect(logLines(await local.reload())).toEqual([]);
  });

  it('pastes a tab-separated block as one edit whose event has no value', async () => {
    await cell(page, 7, 1).click();
    await page.locator('#grid').evaluate((grid) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Иванов\t5\r\nПетров\t7\r\n');
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await page.locator('.toast', { hasText: 'A7:B8 value=нет' }).waitFor();
    await settled(page);
    await expect(cell(page, 8, 1).textContent()).resolves.toBe('Петров');
    const saved = await local.reload();
    expect(logLines(saved)).toEqual(['A7:B8 value=нет']);
    expect([valueAt(saved, 'Данные', 7, 1), valueAt(saved, 'Данные', 7, 2), valueAt(saved, 'Данные', 8, 2)]).toEqual([
      'Иванов',
      5,
      7,
    ]);
  });

  it('fills a formula down with Ctrl+D as one edit, shifting its references', async () => {
    await cell(page, 2, 3).click();
    await cell(page, 4, 3).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await page.locator('.toast', { hasText: 'C2:C4 value=нет' }).waitFor();
    await settled(page);
    await expect(cell(page, 4, 3).textContent()).resolves.toBe('40');
    const saved = await local.reload();
    expect(saved.sheets[0].rows[3]?.[2]?.formula).toBe('=A4*2');
    expect(logLines(saved)).toEqual(['C2:C4 value=нет']);
  });

  it('offers a dropdown for a list validation and refuses a value outside it', async () => {
    await cell(page, 5, 1).dblclick();
    await page.locator('#dropdown [role="option"]', { hasText: 'Переговоры' }).click();
    await page.locator('.toast', { hasText: 'A5 value=Переговоры' }).waitFor();
    await settled(page);
    await cell(page, 5, 1).click();
    await page.keyboard.press('F2');
    await page.locator('#cell-editor').fill('Неизвестно');
    await page.locator('#cell-editor').press('Enter');
    await expect(page.locator('.modal', { hasText: 'нарушают правила проверки' }).waitFor()).resolves.toBeUndefined();
    await settled(page);
    expect(valueAt(await local.reload(), 'Данные', 5, 1)).toBe('Переговоры');
  });

  it('opens the sidebar from the menu; its google.script.run call returns and host.close closes it', async () => {
    await page.locator('#menubar .menu-title.addon', { hasText: 'Проверка' }).click();
    await page.locator('.menu-item', { hasText: 'Показать панель' }).click();
    await page.locator('#sidebar:not([hidden])').waitFor();
    await expect(page.locator('#sidebar-title').textContent()).resolves.toBe('Панель проверки');
    await expect(page.locator('#sidebar').evaluate((el) => el.getBoundingClientRect().width)).resolves.toBe(300);
    const panel = page.frameLocator('#sidebar-frame');
    await panel.locator('#go').click();
    await panel.locator('#out', { hasText: 'Здравствуйте, Анна! Продажи: 120000' }).waitFor();
    await panel.locator('#close').click();
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
  });

  it('asks a prompt in the page; the execution waits for the answer and goes on with it', async () => {
    await page.locator('#menubar .menu-title.addon', { hasText: 'Проверка' }).click();
    await page.locator('.menu-item', { hasText: 'Спросить имя' }).click();
    const box = page.locator('.modal[data-kind="prompt"]');
    await box.waitFor();
    await expect(box.textContent()).resolves.toContain('Как вас зовут?');
    // What the execution did before asking is done (as on Google) while it waits for the answer.
    const waiting = await page.evaluate(() =>
      fetch('/api/snapshot?sheet=%D0%94%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5&from=0&count=2').then((r) => r.json()),
    );
    expect((waiting as { window: { rows: Array<Array<{ d?: string } | null>> } }).window.rows[0][4]?.d).toBe('попытка');
    await box.locator('input').fill('Борис');
    await box.locator('button', { hasText: 'ОК' }).click();
    await expect(cell(page, 1, 4).filter({ hasText: 'Борис' }).waitFor()).resolves.toBeUndefined();
    await settled(page);
    const saved = await local.reload();
    expect(valueAt(saved, 'Данные', 1, 4)).toBe('Борис');
    expect(valueAt(saved, 'Данные', 1, 5)).toBe('попытка');
  });

  it('switches tabs; cell text is shown as text, not HTML', async () => {
    await page.locator('#tabs .tab', { hasText: 'Журнал' }).click();
    await settled(page);
    await expect(page.locator('#tabs .tab.active').textContent()).resolves.toBe('Журнал');
    await cell(page, 2, 1).click();
    await page.keyboard.type('<b>жирный</b>');
    await page.keyboard.press('Enter');
    await page.locator('.toast', { hasText: 'A2 value=' }).first().waitFor();
    await settled(page);
    await expect(cell(page, 2, 1).textContent()).resolves.toBe('<b>жирный</b>');
    await expect(cell(page, 2, 1).locator('b').count()).resolves.toBe(0);
  });
});

describe('the local page with the real add-on', () => {
  const root = path.resolve(__dirname, '..', '..');
  const codePath = path.join(root, 'dist', 'Code.js');
  let local: LocalPage;
  let page: Page;

  beforeAll(() => {
    if (!existsSync(codePath)) throw new Error('dist/Code.js is missing: run npm run build first');
  });

  afterEach(async () => {
    await page?.close();
    await local?.stop();
  });

  it('shows the menus dist/Code.js builds in onOpen and a PLAN_BONUS cell with its value', async () => {
    const workbook = emptyWorkbook('Реальная надстройка', DIRECTOR);
    const sheet = emptySheet(1, 'Расчёт', 20, 6);
    sheet.rows[0] = [text('Продажи', true), text('План', true), text('Премия', true)];
    sheet.rows[1] = [{ value: 120000 }, { value: 100000 }, { value: null, formula: '=PLAN_BONUS(A2, B2)' }];
    workbook.sheets.push(sheet);
    workbook.nextSheetId = 2;
    local = await startLocalPage(workbook, codePath, path.dirname(codePath));
    page = await openPage(browser, local.server.url);

    // 5 % of 120 000 for a plan exceeded by 20 %.
    await expect(cell(page, 2, 3).textContent()).resolves.toBe('6000');

    const response = await page.evaluate(() => fetch('/api/menus').then((r) => r.json()));
    const expected = (response as { menus: Array<{ title: string }> }).menus.map((m) => m.title);
    expect(expected.length).toBeGreaterThan(0);
    await expect(page.locator('#menubar .menu-title.addon').allTextContents()).resolves.toEqual(expected);
    await page.locator('#menubar .menu-title.addon').first().click();
    await expect(page.locator('.menu-list .menu-item').count()).resolves.toBeGreaterThan(0);
  });
});

/**
 * The local page: a Google Sheets look-alike over the local runtime. On load
 * it runs onOpen (as opening the document does) and draws its menus, the tabs
 * and the first visible sheet; every execution goes through `runScript`, which
 * answers the script's alerts and prompts, shows its UI events and redraws.
 */
import type { AnswerView, SheetTab, WorkbookSnapshot } from '../server/api-types';
import * as api from './api';
import type { FrameToPage, PageToFrame } from './frame-messages';
import { FETCH_ROWS, Grid } from './grid';
import { renderCharts } from './charts';
import { renderMenus } from './menus';
import { ask, closeFrameOf, initOverlays, resizeFrameOf, showToast, showUiEvents } from './overlays';

let tabs: SheetTab[] = [];

const grid = new Grid({
  edit: async (sheet, row, column, values) => {
    const { from, count } = grid.visibleWindow();
    try {
      const response = await api.postEdit({ sheet, row, column, values, from, count });
      applySnapshot(response.snapshot);
      if (response.error) void ask('alert', 'Ошибка', response.error, 'OK');
      await showUiEvents(response.uiEvents);
    } catch (error) {
      void ask('alert', 'Ошибка', (error as Error).message, 'OK');
      await refresh();
    }
  },
  select: (sheet, row, column, numRows, numColumns) => {
    void api.postSelect({ sheet, row, column, numRows, numColumns }).catch(() => undefined);
  },
  fetch: async (sheet, from, count) => (await api.getSnapshot(sheet, from, count)).window,
});

function applySnapshot(snapshot: WorkbookSnapshot): void {
  document.title = `${snapshot.title} — Google Таблицы`;
  const title = document.getElementById('doc-title');
  if (title) title.textContent = snapshot.title;
  tabs = snapshot.tabs;
  grid.load(snapshot.window);
  renderTabs(snapshot.window.sheet);
  const gridElement = document.getElementById('grid');
  if (gridElement) renderCharts(gridElement, snapshot.window);
}

function renderTabs(active: string): void {
  const bar = document.getElementById('tabs');
  if (!bar) return;
  bar.replaceChildren();
  for (const tab of tabs) {
    // Hidden sheets have no tab, as in Sheets.
    if (tab.hidden) continue;
    const button = document.createElement('button');
    button.className = tab.name === active ? 'tab active' : 'tab';
    button.textContent = tab.name;
    button.setAttribute('role', 'tab');
    if (tab.tabColor) button.style.borderBottomColor = tab.tabColor;
    button.addEventListener('click', () => void openSheet(tab.name));
    bar.append(button);
  }
}

async function openSheet(name: string): Promise<void> {
  applySnapshot(await api.getSnapshot(name, 0, FETCH_ROWS));
}

/** Re-reads the current sheet (or the first visible one if it is gone) after an execution. */
async function refresh(): Promise<void> {
  const { from, count } = grid.visibleWindow();
  applySnapshot(await api.getSnapshot(grid.sheet, from, count));
}

/**
 * Runs a public function of the script as one execution. When the script asks
 * a question (ui.alert with choices, ui.prompt), the execution waits on the
 * server while the person answers it here, then goes on with the answer.
 */
async function runScript(
  fn: string,
  args: unknown[] = [],
  fromFrame = false,
): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  const running = document.getElementById('running');
  if (running) running.hidden = false;
  grid.flushSelection();
  try {
    let response = await api.postRun({ fn, args });
    // the execution waits at each question until the person answers it here
    while (response.question && response.execution !== undefined) {
      if (running) running.hidden = true;
      const q = response.question;
      const answer: AnswerView = await ask(q.type, q.title, q.message, q.buttons);
      if (running) running.hidden = false;
      response = await api.postAnswer({ execution: response.execution, answer });
    }
    await refresh();
    await showUiEvents(response.uiEvents);
    // A sidebar's call reports its failure to its failure handler; a menu item's failure is shown.
    if (!response.ok && !fromFrame) void ask('alert', 'Ошибка', response.error ?? 'Ошибка скрипта', 'OK');
    return { ok: response.ok, result: response.result, error: response.error };
  } catch (error) {
    const message = (error as Error).message;
    if (!fromFrame) void ask('alert', 'Ошибка', message, 'OK');
    return { ok: false, error: message };
  } finally {
    if (running) running.hidden = true;
  }
}

async function loadMenus(): Promise<void> {
  const { menus, uiEvents, error } = await api.getMenus();
  renderMenus(menus, (fn) => void runScript(fn));
  await showUiEvents(uiEvents);
  if (error) showToast(error, 'Ошибка onOpen', -1);
}

async function loadUsers(): Promise<void> {
  const select = document.getElementById('user-select') as HTMLSelectElement | null;
  if (!select) return;
  const { current, users } = await api.getUsers();
  // a window keeps the person it was opened as, whatever another window switches to
  if (!api.currentPageUser()) api.setPageUser(current);
  const mine = api.currentPageUser();
  select.replaceChildren();
  for (const user of users) {
    const option = document.createElement('option');
    option.value = user.email;
    option.textContent = user.position
      ? `${user.name} (${user.position}) — ${user.email}`
      : `${user.name} — ${user.email}`;
    option.selected = user.email === mine;
    select.append(option);
  }
}

function initUserSwitch(): void {
  const select = document.getElementById('user-select') as HTMLSelectElement | null;
  select?.addEventListener('change', () => {
    void (async () => {
      await api.postUser(select.value);
      api.setPageUser(select.value);
      // Another person opening the document: onOpen runs for them and protections apply to them.
      await loadMenus();
      await refresh();
      showToast(select.options[select.selectedIndex]?.textContent ?? select.value, 'Пользователь изменён', 3);
    })();
  });
}

window.addEventListener('message', (event: MessageEvent<FrameToPage>) => {
  if (event.origin !== window.location.origin || !event.data || typeof event.data !== 'object') return;
  const message = event.data;
  const source = event.source as Window | null;
  switch (message.kind) {
    case 'run':
      void runScript(message.fn, message.args, true).then((outcome) => {
        const reply: PageToFrame = { kind: 'run-result', id: message.id, ...outcome };
        source?.postMessage(reply, window.location.origin);
      });
      break;
    case 'close':
      closeFrameOf(source);
      break;
    case 'resize':
      resizeFrameOf(source, message.width, message.height);
      break;
    case 'focus-editor':
      document.getElementById('grid')?.focus();
      break;
  }
});

async function start(): Promise<void> {
  initOverlays();
  initUserSwitch();
  const [snapshot] = await Promise.all([api.getSnapshot(undefined, 0, FETCH_ROWS), loadUsers()]);
  applySnapshot(snapshot);
  await loadMenus();
  document.body.dataset.ready = '1';
}

start().catch((error: unknown) => {
  showToast((error as Error).message, 'Не удалось открыть таблицу', -1);
});

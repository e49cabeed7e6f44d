/**
 * The CRM sidebar: asks the server which view the menu item chose, then shows
 * the client card, the new-client form or «Мои задачи». Tabs at the top switch
 * between them; everything from the server is inserted as text.
 */
import { el, replaceChildren } from '../../lib/dom';
import { errorText, whileBusy } from '../../lib/busy';
import { serverApi, type WritingCalls } from '../../lib/rpc';
import type { ServerApi, SidebarState } from '../../../src/shared/api';
import type { App, View } from './app';
import { renderCard, showCard } from './views/card';
import { showNewClient } from './views/new-client';
import { showTasks } from './views/tasks';
import { showSearch } from './views/search';

const TABS: ReadonlyArray<[View, string]> = [
  ['search', 'Поиск'],
  ['card', 'Карточка'],
  ['new-client', 'Новый клиент'],
  ['tasks', 'Мои задачи'],
];

/** The server calls that write, and where their request ID goes (after their other arguments). */
const WRITING: WritingCalls<ServerApi> = {
  moveDeal: 3,
  overrideStage: 3,
  changeDealAsDirector: 3,
  createClient: 2,
  updateClient: 2,
  createDeal: 1,
  logContact: 1,
  setNextContact: 3,
  saveDealLines: 2,
  createDocument: 2,
  sendOffer: 1,
};

/** Success messages fade after this long; errors stay until the next action. */
const NOTICE_MS = 6000;

function start(): void {
  const notice = document.getElementById('notice')!;
  const viewRoot = document.getElementById('view')!;
  const nav = document.getElementById('tabs')!;
  let noticeTimer: number | undefined;
  // a newer navigation wins over a slower earlier one
  let navigation = 0;

  const tabButtons = new Map<View, HTMLButtonElement>();
  for (const [view, label] of TABS) {
    const button = el('button', { class: 'tab', attrs: { type: 'button', 'data-view': view } }, label);
    tabButtons.set(view, button);
    nav.append(button);
  }

  function markTab(view: View): void {
    document.body.setAttribute('data-view', view);
    for (const [name, button] of tabButtons) button.setAttribute('aria-selected', String(name === view));
  }

  /**
   * While a view loads, the old one stays visible but inert (no second click
   * on a stale card), or a loading line replaces a view of another kind.
   */
  async function loading<T>(keepOld: boolean, task: () => Promise<T>): Promise<T> {
    if (keepOld && viewRoot.childElementCount > 0) {
      viewRoot.setAttribute('inert', '');
      viewRoot.classList.add('stale');
    } else {
      replaceChildren(viewRoot, el('div', { class: 'loading' }, 'Загрузка…'));
    }
    try {
      return await task();
    } finally {
      viewRoot.removeAttribute('inert');
      viewRoot.classList.remove('stale');
    }
  }

  const app: App = {
    server: serverApi<ServerApi>(WRITING),
    state: { view: 'card', clientId: '', user: '', isDirector: false, notice: '' },
    notify(message, kind = 'error') {
      window.clearTimeout(noticeTimer);
      notice.className = `notice ${kind}`;
      notice.hidden = false;
      replaceChildren(notice, message);
      if (kind === 'ok') noticeTimer = window.setTimeout(() => (notice.hidden = true), NOTICE_MS);
    },
    clearNotice() {
      window.clearTimeout(noticeTimer);
      notice.hidden = true;
      replaceChildren(notice);
    },
    async openCard(clientId, fallbackId = '') {
      const ticket = ++navigation;
      const wasCard = document.body.getAttribute('data-view') === 'card';
      markTab('card');
      const holder = el('div');
      const card = await loading(wasCard, () => showCard(app, holder, clientId, fallbackId));
      if (ticket !== navigation) return;
      if (card) app.state.clientId = card.clientId;
      replaceChildren(viewRoot, ...Array.from(holder.childNodes));
    },
    showCardData(card) {
      ++navigation;
      markTab('card');
      const holder = el('div');
      renderCard(app, holder, card);
      app.state.clientId = card.clientId;
      replaceChildren(viewRoot, ...Array.from(holder.childNodes));
    },
    openNewClient() {
      ++navigation;
      markTab('new-client');
      showNewClient(app, viewRoot);
    },
    async openTasks() {
      const ticket = ++navigation;
      markTab('tasks');
      const holder = el('div');
      await loading(false, () => showTasks(app, holder));
      if (ticket !== navigation) return;
      replaceChildren(viewRoot, ...Array.from(holder.childNodes));
    },
    async openSearch() {
      const ticket = ++navigation;
      markTab('search');
      const holder = el('div');
      await loading(false, () => showSearch(app, holder));
      if (ticket !== navigation) return;
      replaceChildren(viewRoot, ...Array.from(holder.childNodes));
      viewRoot.querySelector<HTMLInputElement>('input.search-input')?.focus();
    },
  };

  tabButtons.get('card')!.addEventListener('click', () => {
    app.clearNotice();
    void app.openCard(app.state.clientId);
  });
  tabButtons.get('new-client')!.addEventListener('click', () => {
    app.clearNotice();
    app.openNewClient();
  });
  tabButtons.get('tasks')!.addEventListener('click', () => {
    app.clearNotice();
    void app.openTasks();
  });
  tabButtons.get('search')!.addEventListener('click', () => {
    app.clearNotice();
    void app.openSearch();
  });

  void (async () => {
    let state: SidebarState;
    try {
      state = await whileBusy([], () => app.server.getSidebarState());
    } catch (error) {
      replaceChildren(viewRoot, el('div', { class: 'empty' }, errorText(error)));
      return;
    }
    app.state = state;
    if (state.notice) {
      // enforcement or the queue needs the director: shown until it is repaired
      const health = document.getElementById('health')!;
      replaceChildren(health, state.notice);
      health.hidden = false;
    }
    if (state.user)
      document.getElementById('user')!.textContent = state.isDirector ? `${state.user} · директор` : state.user;
    if (state.view === 'new-client') app.openNewClient();
    else if (state.view === 'tasks') await app.openTasks();
    else if (state.view === 'search') await app.openSearch();
    else if (state.card) app.showCardData(state.card);
    else await app.openCard(state.clientId);
    document.body.setAttribute('data-ready', '');
  })();
}

start();

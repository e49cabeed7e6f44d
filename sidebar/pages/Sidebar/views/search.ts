/**
 * «Поиск»: finds a client by any part of the name, ИНН, phone in any format,
 * e-mail, or a client or deal ID, as the person types. The key columns are
 * fetched once when the view first opens (one read per search session); every
 * keystroke filters them here, with the same matcher the server's tests use.
 */
import { el, plural, replaceChildren } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import { prepareSearchIndex, searchClients, type PreparedIndex } from '../../../../src/domain/crm/search';
import type { App } from '../app';

/** Results shown at once; the count says when there are more. */
const SHOWN = 20;

let index: PreparedIndex | null = null;
let lastQuery = '';

async function loadIndex(app: App): Promise<PreparedIndex> {
  if (!index) index = prepareSearchIndex(await whileBusy([], () => app.server.getSearchIndex()));
  return index;
}

/** Shows the search in `root`; the index is read from the server only the first time. */
export async function showSearch(app: App, root: HTMLElement): Promise<void> {
  const input = el('input', {
    class: 'search-input',
    attrs: {
      type: 'search',
      name: 'search',
      placeholder: 'Название, ИНН, телефон, e-mail или ID',
      autocomplete: 'off',
      'aria-label': 'Найти клиента',
    },
  });
  input.value = lastQuery;
  const summary = el('div', { class: 'muted small search-summary', attrs: { 'aria-live': 'polite' } });
  const list = el('ul', { class: 'search-results' });
  const refresh = el(
    'button',
    {
      class: 'icon-button',
      attrs: { type: 'button' },
      onClick: () => {
        index = null;
        void loadIndex(app)
          .then(render)
          .catch((error: unknown) => app.notify(errorText(error)));
      },
    },
    'Обновить',
  );
  const head = el('header', { class: 'card-head' }, el('h2', {}, 'Поиск клиента'), refresh);
  replaceChildren(root, head, input, summary, list);

  function render(prepared: PreparedIndex): void {
    lastQuery = input.value;
    const query = input.value.trim();
    if (query === '') {
      replaceChildren(summary, `Клиентов в базе: ${prepared.entries.length}`);
      replaceChildren(list);
      return;
    }
    const { results, total } = searchClients(prepared, query, SHOWN);
    replaceChildren(
      summary,
      total === 0
        ? 'Ничего не найдено'
        : total > results.length
          ? `Найдено ${total}, показаны первые ${results.length}`
          : `Найдено: ${total}`,
    );
    const items = results.map((r) => {
      const deals =
        r.deals.length === 0
          ? 'сделок нет'
          : `${r.deals.length} ${plural(r.deals.length, 'сделка', 'сделки', 'сделок')}: ` +
            r.deals.map((d) => `${d.id} — ${d.stage || 'без этапа'}`).join(', ');
      return el(
        'li',
        {},
        el(
          'button',
          {
            class: 'task search-result',
            attrs: { type: 'button', 'data-client': r.clientId },
            onClick: () => void app.openCard(r.clientId),
          },
          el(
            'div',
            { class: 'task-top' },
            el('span', { class: 'kind' }, r.clientId),
            el('span', { class: 'status' }, r.status),
          ),
          el('div', { class: 'task-title' }, r.name || r.clientId),
          el('div', { class: 'muted small deals-line' }, deals),
          el('div', { class: 'muted small' }, `Совпадение: ${r.matchedBy.join(', ')}`),
        ),
      );
    });
    replaceChildren(list, ...items);
  }

  let prepared: PreparedIndex;
  try {
    prepared = await loadIndex(app);
  } catch (error) {
    replaceChildren(root, head, el('div', { class: 'empty' }, errorText(error)));
    return;
  }
  input.addEventListener('input', () => render(index ?? prepared));
  render(prepared);
  input.setAttribute('data-index-ready', '');
}

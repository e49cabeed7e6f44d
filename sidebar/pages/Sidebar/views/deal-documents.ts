/**
 * «Позиции и документы» of a deal in the card (2.6, 2.7): the lines editor
 * (a product from «Прайс», quantity, a discount only where the client may have
 * one), the total, and the buttons that make the КП and the contract and send
 * the КП. The lines are read when the section is opened, so the card itself
 * costs nothing more.
 */
import { append, el, replaceChildren } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import type { DealDto, DealLinesDto, PriceItemDto } from '../../../../src/shared/api';
import type { App } from '../app';

interface LineRow {
  element: HTMLElement;
  read(): { article: string; quantity: string; discount: string };
}

function productOption(p: PriceItemDto): HTMLOptionElement {
  return el('option', { attrs: { value: p.article } }, `${p.article} — ${p.name}, ${p.price} руб./${p.unit}`);
}

function lineRow(
  view: DealLinesDto,
  line: { article: string; quantity: string; discount: string },
  onRemove: (row: LineRow) => void,
): LineRow {
  const product = el('select', { attrs: { 'aria-label': 'Товар', 'data-line-product': '' } });
  product.append(el('option', { attrs: { value: '' } }, 'Товар из прайса…'));
  for (const p of view.priceList) product.append(productOption(p));
  if (line.article && !view.priceList.some((p) => p.article === line.article)) {
    product.append(el('option', { attrs: { value: line.article } }, `${line.article} (нет в прайсе)`));
  }
  product.value = line.article;
  const quantity = el('input', {
    attrs: {
      type: 'text',
      inputmode: 'decimal',
      'aria-label': 'Количество',
      placeholder: 'Кол-во',
      'data-line-quantity': '',
    },
  });
  quantity.value = line.quantity;
  const discount = el('input', {
    attrs: {
      type: 'text',
      inputmode: 'decimal',
      'aria-label': 'Скидка, %',
      'data-line-discount': '',
      placeholder: view.maxDiscount > 0 ? `скидка до ${view.maxDiscount} %` : 'без скидки',
      title:
        view.maxDiscount > 0
          ? `Скидка клиента — не больше ${view.maxDiscount} % (п. 2.10)`
          : 'Скидка — только ключевым клиентам, её назначает директор (п. 2.10)',
    },
  });
  discount.value = line.discount;
  discount.disabled = view.maxDiscount === 0 && line.discount === '';
  const row: LineRow = {
    element: el('div', { class: 'line-row', attrs: { 'data-line': '' } }),
    read: () => ({ article: product.value, quantity: quantity.value.trim(), discount: discount.value.trim() }),
  };
  const remove = el(
    'button',
    {
      class: 'icon',
      attrs: { type: 'button', 'aria-label': 'Убрать позицию', title: 'Убрать позицию' },
      onClick: () => onRemove(row),
    },
    '×',
  );
  append(row.element, product, el('div', { class: 'line-numbers' }, quantity, discount, remove));
  return row;
}

/** Sections the user opened, by deal: a card re-read after a save keeps them open. */
const openSections = new Set<string>();
/** The document each deal made last in this sidebar, shown again after the card is re-read. */
const lastMade = new Map<string, { name: string; url: string; pdfUrl: string }>();

function madeLinks(made: { name: string; url: string; pdfUrl: string }): HTMLElement {
  return el(
    'div',
    { class: 'doc-links', attrs: { 'data-document-links': '' } },
    el('a', { attrs: { href: made.url, target: '_blank', rel: 'noopener' } }, `${made.name} (Google Документы)`),
    ' · ',
    el('a', { attrs: { href: made.pdfUrl, target: '_blank', rel: 'noopener' } }, 'PDF'),
  );
}

/** The section of `deal`; `reload` re-reads the card after a change of its fields (Сумма КП, № договора). */
export function dealDocuments(app: App, deal: DealDto, reload: () => Promise<void>): HTMLElement {
  const body = el('div', { class: 'stack' }, el('div', { class: 'muted' }, 'Загрузка…'));
  const section = el(
    'details',
    { class: 'documents', attrs: { 'data-documents': deal.id } },
    el('summary', {}, 'Позиции и документы (КП, договор)'),
    body,
  );
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (!section.open) {
      openSections.delete(deal.id);
      return;
    }
    openSections.add(deal.id);
    if (loaded) return;
    loaded = true;
    void load();
  });
  if (openSections.has(deal.id)) {
    loaded = true;
    section.open = true;
    void load();
  }

  async function load(): Promise<void> {
    try {
      render(await app.server.getDealLines(deal.id));
    } catch (error) {
      loaded = false;
      replaceChildren(body, el('div', { class: 'form-error', attrs: { role: 'alert' } }, errorText(error)));
    }
  }

  function render(view: DealLinesDto): void {
    const made = lastMade.get(deal.id);
    const links = made ? madeLinks(made) : null;
    const rows: LineRow[] = [];
    const list = el('div', { class: 'lines', attrs: { 'data-lines': '' } });
    const errors = el('div', { class: 'form-error', attrs: { role: 'alert', 'data-lines-errors': '' } });
    append(errors, ...view.problems.map((p) => el('div', {}, p)));
    const total = el('div', { class: 'lines-total', attrs: { 'data-lines-total': '' } }, view.totalText);
    const add = (line = { article: '', quantity: '1', discount: '' }) => {
      const row = lineRow(view, line, (r) => {
        rows.splice(rows.indexOf(r), 1);
        r.element.remove();
      });
      rows.push(row);
      list.append(row.element);
    };
    for (const l of view.lines) add({ article: l.article, quantity: l.quantity, discount: l.discount });
    if (view.lines.length === 0) add();
    const addButton = el(
      'button',
      { attrs: { type: 'button', 'data-line-add': '' }, onClick: () => add() },
      '+ Позиция',
    );
    const save = el(
      'button',
      { class: 'action', attrs: { type: 'button', 'data-lines-save': '' } },
      'Сохранить позиции',
    );
    const makeOffer = el('button', { attrs: { type: 'button', 'data-create-document': 'КП' } }, 'Создать КП');
    const makeContract = el(
      'button',
      { attrs: { type: 'button', 'data-create-document': 'Договор' } },
      'Создать договор',
    );
    const send = el('button', { attrs: { type: 'button', 'data-send-offer': '' } }, 'Отправить КП клиенту');
    send.disabled = !view.offer || !view.clientEmail;
    send.title = !view.offer
      ? 'Сначала создайте КП'
      : view.clientEmail
        ? `На ${view.clientEmail}, с вашей почты`
        : 'У клиента нет e-mail: заполните его в карточке клиента';
    const all = [addButton, save, makeOffer, makeContract, send];

    save.addEventListener('click', async () => {
      app.clearNotice();
      errors.textContent = '';
      const lines = rows.map((r) => r.read()).filter((l) => l.article !== '' || l.quantity !== '');
      try {
        const result = await whileBusy(all, () => app.server.saveDealLines(deal.id, lines));
        if (!result.ok) {
          replaceChildren(errors, ...result.errors.map((e) => el('div', {}, e)));
          return;
        }
        app.notify(`Позиции сделки ${deal.id} сохранены. ${result.view.totalText}`, 'ok');
        render(result.view);
        void reload();
      } catch (error) {
        errors.textContent = errorText(error);
      }
    });

    const create = async (kind: 'КП' | 'Договор') => {
      app.clearNotice();
      errors.textContent = '';
      try {
        const made = await whileBusy(all, () => app.server.createDocument(deal.id, kind));
        app.notify(`${kind === 'КП' ? 'КП' : 'Договор'} № ${made.number} создан`, 'ok');
        lastMade.set(deal.id, made);
        render(made.view);
        void reload();
      } catch (error) {
        errors.textContent = errorText(error);
      }
    };
    makeOffer.addEventListener('click', () => void create('КП'));
    makeContract.addEventListener('click', () => void create('Договор'));

    send.addEventListener('click', async () => {
      app.clearNotice();
      errors.textContent = '';
      try {
        const sent = await whileBusy(all, () => app.server.sendOffer(deal.id));
        app.notify(`КП № ${sent.number} отправлено на ${sent.to}; контакт записан`, 'ok');
        void reload();
      } catch (error) {
        errors.textContent = errorText(error);
      }
    });

    const docLine = (label: string, doc: DealLinesDto['offer']) =>
      doc
        ? el(
            'div',
            { class: 'doc-line' },
            `${label} № ${doc.number}: `,
            el('a', { attrs: { href: doc.url, target: '_blank', rel: 'noopener' } }, 'открыть'),
          )
        : null;

    replaceChildren(
      body,
      view.priceList.length === 0 ? el('div', { class: 'muted' }, 'Прайс пуст: директор заполняет лист «Прайс»') : null,
      list,
      el('div', { class: 'buttons' }, addButton, save),
      total,
      errors,
      el('div', { class: 'buttons' }, makeOffer, makeContract),
      el('div', { class: 'buttons' }, send),
      docLine('КП', view.offer),
      docLine('Договор', view.contract),
      links,
    );
  }

  return section;
}

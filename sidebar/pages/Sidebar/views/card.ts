/**
 * The client card: the client's data and «Изменить данные клиента», its deals
 * on the funnel, the next contact date, logging a contact and the latest contacts.
 */
import { el, replaceChildren, select } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import { isoToRu, ruToIso } from '../../../lib/dates';
import { CONTACT_TYPES } from '../../../../src/domain/workbook/schema';
import type { ClientCardDto } from '../../../../src/shared/api';
import type { App } from '../app';
import { attachClientHints, clientSpec } from '../client-hints';
import { fieldInput, type FieldInput } from '../field-inputs';
import { dealBlock } from './deal-block';

/** Client columns shown in the card, in this order («Следующий контакт» has its own row with a date input). */
const CLIENT_FIELDS = [
  'Тип',
  'ИНН',
  'Контактное лицо',
  'Телефон',
  'Email',
  'Город',
  'Источник',
  'Ответственный',
  'Статус клиента',
  'Скидка, %',
  'Особые условия',
  'Примечание',
];

/** Client fields anyone who may change the client edits in the card. */
const EDITABLE_FIELDS = ['Контактное лицо', 'Телефон', 'Email', 'Город', 'Источник', 'Особые условия', 'Примечание'];
/** Fields only the director sets (2.10: «Ключевой» and discounts); the server refuses them to others too. */
const DIRECTOR_FIELDS = ['Статус клиента', 'Скидка, %'];

/** How many of the latest contacts the card lists. */
const RECENT_CONTACTS = 5;

/**
 * Loads and shows the card of `clientId` ('' = the selected row) in `root`.
 * When the selected row names no client, `fallbackId`'s card stays shown with
 * the server's message above it.
 */
export async function showCard(
  app: App,
  root: HTMLElement,
  clientId: string,
  fallbackId = '',
): Promise<ClientCardDto | null> {
  let card: ClientCardDto;
  try {
    card = await whileBusy([], () => app.server.getClientCard(clientId));
  } catch (error) {
    if (fallbackId && fallbackId !== clientId) {
      const shown = await showCard(app, root, fallbackId);
      app.notify(errorText(error));
      return shown;
    }
    replaceChildren(
      root,
      el('div', { class: 'empty' }, errorText(error)),
      el(
        'div',
        { class: 'buttons' },
        el('button', { class: 'action', attrs: { type: 'button' }, onClick: () => void app.openCard('') }, 'Обновить'),
        el('button', { attrs: { type: 'button' }, onClick: () => app.openNewClient() }, 'Новый клиент'),
      ),
    );
    return null;
  }
  renderCard(app, root, card);
  return card;
}

/** Shows `card` in `root` (as loaded by showCard, or as updateClient returned it). */
export function renderCard(app: App, root: HTMLElement, card: ClientCardDto): void {
  const reload = () => app.openCard(card.clientId).then(() => undefined);
  const f = card.fields;
  const refresh = el(
    'button',
    {
      class: 'icon-button',
      attrs: { type: 'button', title: 'Перечитать выделенную строку таблицы', 'data-refresh': '' },
    },
    'Обновить',
  );
  refresh.addEventListener('click', () => {
    app.clearNotice();
    void app.openCard('', card.clientId);
  });

  const facts = el('dl', { class: 'fields client-fields' });
  for (const header of CLIENT_FIELDS) {
    const value = f[header] ?? '';
    if (!value && header !== 'Телефон' && header !== 'Email') continue;
    facts.append(
      el('dt', {}, header === 'Скидка, %' ? 'Скидка' : header),
      el('dd', { attrs: { 'data-field': header } }, value ? (header === 'Скидка, %' ? `${value} %` : value) : '—'),
    );
  }

  const newDeal = el('button', { attrs: { type: 'button', 'data-new-deal': '' } }, 'Новая сделка');
  newDeal.addEventListener('click', async () => {
    app.clearNotice();
    try {
      const { dealId } = await whileBusy([newDeal], () => app.server.createDeal(card.clientId));
      app.notify(`Открыта сделка ${dealId} на этапе «Новый»`, 'ok');
      await reload();
    } catch (error) {
      app.notify(errorText(error));
    }
  });

  const deals = el('div', { class: 'deals' });
  if (card.deals.length === 0) deals.append(el('div', { class: 'muted' }, 'Сделок пока нет'));
  for (const deal of card.deals) deals.append(dealBlock(app, deal, card, reload));

  replaceChildren(
    root,
    el(
      'header',
      { class: 'card-head' },
      el(
        'div',
        { class: 'card-title' },
        el('h2', { class: 'client-name', attrs: { 'data-client': card.clientId } }, f['Клиент'] || card.clientId),
        el(
          'div',
          { class: 'card-sub' },
          el('span', {}, card.clientId),
          f['Статус клиента'] ? el('span', { class: 'badge' }, f['Статус клиента']) : null,
        ),
      ),
      refresh,
    ),
    facts,
    editClientForm(app, card),
    nextContactRow(app, card, reload),
    el('div', { class: 'section-head' }, el('h3', {}, `Сделки (${card.deals.length})`), newDeal),
    deals,
    contactForm(app, card, reload),
    recentContacts(card),
    app.state.isDirector ? mergeForm(app, card) : null,
  );
}

/**
 * The director's «Объединить с дублем»: the ID of the duplicate, then a second
 * click to confirm; the duplicate's deals, contacts and claims move to this card.
 */
function mergeForm(app: App, card: ClientCardDto): HTMLElement {
  const input = el('input', {
    attrs: { type: 'text', name: 'merge-id', placeholder: 'ID дубля, например К-00005', autocomplete: 'off' },
  });
  const start = el('button', { attrs: { type: 'button', 'data-merge': '' } }, 'Объединить…');
  const confirm = el('button', { class: 'action', attrs: { type: 'button', 'data-merge-confirm': '' } });
  const cancel = el('button', { attrs: { type: 'button' } }, 'Отмена');
  const confirmRow = el('div', { class: 'buttons merge-confirm' }, confirm, cancel);
  confirmRow.hidden = true;
  start.addEventListener('click', () => {
    app.clearNotice();
    const id = input.value.trim().toUpperCase().replace(/^K/, 'К');
    if (!/^К-\d+$/.test(id)) {
      app.notify('Введите ID клиента-дубля в виде К-00005');
      return;
    }
    input.value = id;
    confirm.textContent = `Перенести всё из ${id} сюда и отметить ${id} объединённым`;
    confirmRow.hidden = false;
  });
  cancel.addEventListener('click', () => (confirmRow.hidden = true));
  confirm.addEventListener('click', async () => {
    const id = input.value;
    try {
      const kept = await whileBusy([confirm, cancel, start], () => app.server.mergeClients(card.clientId, id));
      app.showCardData(kept);
      app.notify(`Клиент ${id} объединён с ${card.clientId}: его сделки, контакты и претензии теперь здесь`, 'ok');
    } catch (error) {
      app.notify(errorText(error));
    }
  });
  return el(
    'details',
    { class: 'contact merge' },
    el('summary', {}, 'Объединить с дублем'),
    el(
      'div',
      { class: 'stack' },
      el(
        'div',
        { class: 'muted small' },
        'Сделки, контакты и претензии дубля перейдут к этому клиенту; дубль останется в таблице как «Неактивный».',
      ),
      input,
      el('div', { class: 'buttons' }, start),
      confirmRow,
    ),
  );
}

/**
 * «Изменить данные клиента»: the client's ordinary fields (and for the
 * director its status and discount). Only the fields changed here are sent;
 * the server's message for each is shown under it.
 */
function editClientForm(app: App, card: ClientCardDto): HTMLElement {
  const headers = [...EDITABLE_FIELDS, ...(app.state.isDirector ? DIRECTOR_FIELDS : [])];
  const inputs = new Map<string, FieldInput>();
  const initial = new Map<string, string>();
  for (const header of headers) {
    const input = fieldInput(clientSpec(header), card.fields[header] ?? '');
    inputs.set(header, input);
    initial.set(header, input.value());
  }
  if (app.state.isDirector)
    inputs.get('Скидка, %')!.setHint('Только для статуса «Ключевой», не больше максимума из «Настроек»');
  attachClientHints(inputs, () => card.fields['Тип'] ?? '');
  const error = el('div', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = el('button', { class: 'action', attrs: { type: 'submit' } }, 'Сохранить');
  const form = el(
    'form',
    { class: 'stack client-edit-form', attrs: { novalidate: '' } },
    ...[...inputs.values()].map((i) => i.element),
    error,
    el('div', { class: 'buttons' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    app.clearNotice();
    error.textContent = '';
    const changed: Record<string, string> = {};
    for (const [header, input] of inputs) {
      input.setError('');
      if (input.value() !== initial.get(header)) changed[header] = input.value();
    }
    if (Object.keys(changed).length === 0) {
      error.textContent = 'Изменений нет';
      return;
    }
    try {
      const result = await whileBusy([submit], () => app.server.updateClient(card.clientId, changed));
      if (result.status === 'invalid') {
        const unplaced: string[] = [];
        for (const [header, message] of Object.entries(result.errors)) {
          const input = inputs.get(header);
          if (input) input.setError(message);
          else unplaced.push(message);
        }
        error.textContent = unplaced.length > 0 ? unplaced.join('; ') : 'Исправьте отмеченные поля';
        form
          .querySelector<HTMLElement>('.field.invalid input, .field.invalid select, .field.invalid textarea')
          ?.focus();
        return;
      }
      app.notify('Данные клиента сохранены', 'ok');
      app.showCardData(result.card);
    } catch (e) {
      error.textContent = errorText(e);
    }
  });
  return el(
    'details',
    { class: 'more client-edit', attrs: { 'data-client-edit': '' } },
    el('summary', {}, 'Изменить данные клиента'),
    form,
  );
}

/** The client's «Следующий контакт»: a date and a button. */
function nextContactRow(app: App, card: ClientCardDto, reload: () => Promise<void>): HTMLElement {
  const input = el('input', { attrs: { type: 'date', 'aria-label': 'Следующий контакт' } });
  input.value = ruToIso(card.fields['Следующий контакт'] ?? '');
  const button = el('button', { attrs: { type: 'button' } }, 'Назначить');
  button.addEventListener('click', async () => {
    app.clearNotice();
    const date = isoToRu(input.value);
    if (!date) return app.notify('Укажите дату следующего контакта');
    try {
      await whileBusy([button, input], () => app.server.setNextContact('client', card.clientId, date));
      app.notify(`Следующий контакт: ${date}`, 'ok');
      await reload();
    } catch (error) {
      app.notify(errorText(error));
    }
  });
  return el(
    'div',
    { class: 'inline-row next-contact' },
    el('span', { class: 'inline-label' }, 'Следующий контакт'),
    input,
    button,
  );
}

/** «Записать контакт»: type, deal, result and an optional next contact date. */
function contactForm(app: App, card: ClientCardDto, reload: () => Promise<void>): HTMLElement {
  const type = select(CONTACT_TYPES, 'Звонок');
  const deal = select(
    card.deals.map((d) => d.id),
    '',
    'Без сделки',
  );
  const result = el('textarea', { attrs: { rows: '2', placeholder: 'О чём договорились' } });
  const next = el('input', { attrs: { type: 'date' } });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = el('button', { class: 'action', attrs: { type: 'submit' } }, 'Записать');
  const label = (text: string, control: HTMLElement, name: string) =>
    el('label', { class: 'field', attrs: { 'data-field': name } }, el('span', { class: 'field-label' }, text), control);
  const form = el(
    'form',
    { class: 'stack contact-form', attrs: { novalidate: '' } },
    label('Тип', type, 'Тип'),
    card.deals.length > 0 ? label('Сделка', deal, 'ID сделки') : null,
    label('Результат', result, 'Результат'),
    label('Следующий контакт (необязательно)', next, 'Следующий контакт'),
    error,
    el('div', { class: 'buttons' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    app.clearNotice();
    error.textContent = '';
    if (!result.value.trim()) {
      error.textContent = 'Опишите результат контакта';
      result.focus();
      return;
    }
    const nextContact = isoToRu(next.value);
    try {
      await whileBusy([submit], () =>
        app.server.logContact({
          clientId: card.clientId,
          ...(deal.value ? { dealId: deal.value } : {}),
          type: type.value,
          result: result.value.trim(),
          ...(nextContact ? { nextContact } : {}),
        }),
      );
      app.notify('Контакт записан', 'ok');
      await reload();
    } catch (e) {
      error.textContent = errorText(e);
    }
  });
  return el('details', { class: 'more contact' }, el('summary', {}, 'Записать контакт'), form);
}

/** The latest contacts, newest first (as the server sorts them). */
function recentContacts(card: ClientCardDto): HTMLElement | null {
  if (card.contacts.length === 0) return null;
  const list = el('ul', { class: 'contacts' });
  for (const c of card.contacts.slice(0, RECENT_CONTACTS)) {
    list.append(
      el(
        'li',
        {},
        el('div', { class: 'contact-meta' }, [c.date, c.type, c.dealId, c.employee].filter(Boolean).join(' · ')),
        el('div', {}, c.result),
        c.nextContact ? el('div', { class: 'muted small' }, `следующий контакт ${c.nextContact}`) : null,
      ),
    );
  }
  return el('div', {}, el('h3', {}, `Последние контакты (${card.contacts.length})`), list);
}

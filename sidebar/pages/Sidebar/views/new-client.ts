/**
 * The new-client form. Hints while typing (ИНН checksum, phone, e-mail) come
 * from the same domain rules the server uses; the server's answer is still
 * the one shown under each field. A likely duplicate is shown before saving.
 */
import { el, replaceChildren } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import type { ClientForm, CreateClientResult, DuplicateDto } from '../../../../src/shared/api';
import type { App } from '../app';
import { attachClientHints, clientSpec } from '../client-hints';
import { fieldInput, type FieldInput } from '../field-inputs';

/** Fields shown at once; the rest are under «Дополнительно». */
const MAIN = ['Клиент', 'Тип', 'ИНН', 'Контактное лицо', 'Телефон', 'Email', 'Город', 'Источник'];
const EXTRA = ['Статус клиента', 'Скидка, %', 'Особые условия', 'Следующий контакт', 'Ответственный', 'Примечание'];
const REQUIRED = new Set(['Клиент', 'Тип', 'Источник']);

/** Shows the empty form in `root`. */
export function showNewClient(app: App, root: HTMLElement): void {
  const inputs = new Map<string, FieldInput>();
  const make = (header: string) => {
    const input = fieldInput(clientSpec(header), '', REQUIRED.has(header) ? `${header} *` : header);
    inputs.set(header, input);
    return input.element;
  };
  const main = MAIN.map(make);
  const extra = el('details', { class: 'more' }, el('summary', {}, 'Дополнительно'), ...EXTRA.map(make));
  inputs.get('Ответственный')!.control.setAttribute('placeholder', app.state.user || 'вы');
  inputs.get('Статус клиента')!.setHint('По умолчанию «Потенциальный»; «Ключевой» назначает директор');

  const type = inputs.get('Тип')!;
  attachClientHints(inputs, () => type.value());

  const formError = el('div', { class: 'form-error', attrs: { role: 'alert' } });
  const duplicates = el('div', { class: 'duplicates-area' });
  const submit = el('button', { class: 'action', attrs: { type: 'submit' } }, 'Создать клиента');
  const form = el(
    'form',
    { class: 'stack new-client', attrs: { novalidate: '' } },
    el('h2', {}, 'Новый клиент'),
    ...main,
    extra,
    formError,
    duplicates,
    el('div', { class: 'buttons' }, submit),
  );

  function values(): ClientForm {
    const out: ClientForm = {};
    for (const [header, input] of inputs) {
      const value = input.value();
      if (value !== '') out[header] = value;
    }
    return out;
  }

  async function save(confirm: boolean, controls: HTMLButtonElement[]): Promise<void> {
    app.clearNotice();
    formError.textContent = '';
    for (const input of inputs.values()) input.setError('');
    const sent = values();
    let result: CreateClientResult;
    try {
      result = await whileBusy(controls, () => app.server.createClient(sent, confirm));
    } catch (error) {
      formError.textContent = errorText(error);
      return;
    }
    replaceChildren(duplicates);
    if (result.status === 'invalid') {
      const unplaced: string[] = [];
      for (const [header, message] of Object.entries(result.errors)) {
        const input = inputs.get(header);
        if (input) input.setError(message);
        else unplaced.push(message);
        if (EXTRA.includes(header)) extra.open = true;
      }
      formError.textContent = unplaced.length > 0 ? unplaced.join('; ') : 'Исправьте отмеченные поля';
      form.querySelector<HTMLElement>('.field.invalid input, .field.invalid select, .field.invalid textarea')?.focus();
      return;
    }
    if (result.status === 'duplicate') {
      replaceChildren(
        duplicates,
        duplicateBox(app, result.matches, (button) => save(true, [button, submit])),
      );
      return;
    }
    app.notify(`Клиент ${result.clientId} создан`, 'ok');
    await app.openCard(result.clientId);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(false, [submit]);
  });
  replaceChildren(root, form);
  inputs.get('Клиент')!.control.focus();
}

/** The likely duplicates with «Всё равно создать». */
function duplicateBox(
  app: App,
  matches: readonly DuplicateDto[],
  createAnyway: (button: HTMLButtonElement) => Promise<void>,
): HTMLElement {
  const list = el('ul', { class: 'duplicate-list' });
  for (const m of matches) {
    list.append(
      el(
        'li',
        { attrs: { 'data-client': m.clientId } },
        el(
          'button',
          { class: 'link', attrs: { type: 'button' }, onClick: () => void app.openCard(m.clientId) },
          m.name || m.clientId,
        ),
        el('span', { class: 'muted' }, ` ${m.clientId} — совпадает: ${m.matchedBy.join(', ')}`),
      ),
    );
  }
  const anyway = el(
    'button',
    { class: 'action', attrs: { type: 'button', 'data-create-anyway': '' } },
    'Всё равно создать',
  );
  anyway.addEventListener('click', () => void createAnyway(anyway));
  return el(
    'div',
    { class: 'warning duplicates', attrs: { role: 'alert' } },
    el('strong', {}, 'Похоже, такой клиент уже есть'),
    list,
    el('div', { class: 'buttons' }, anyway),
  );
}

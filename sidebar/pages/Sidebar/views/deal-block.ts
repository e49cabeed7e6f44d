/**
 * One deal in the client card: its stage on the funnel strip, the moves
 * allowed now with the fields each still needs, the form that asks for exactly
 * those fields (the deal's, and the client's such as Источник or ИНН, which are
 * saved with updateClient before the move), the next step date and, for the
 * director, the stage override.
 */
import { append, el, replaceChildren, select } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import { isoToRu, ruToIso } from '../../../lib/dates';
import { ALL_STAGES, COLUMNS, LOST_STAGE, type ColumnSpec } from '../../../../src/domain/workbook/schema';
import type { ClientCardDto, DealDto, MissingFieldDto, MoveOptionDto } from '../../../../src/shared/api';
import type { App } from '../app';
import { attachClientHint, clientSpec } from '../client-hints';
import { fieldInput, type FieldInput } from '../field-inputs';
import { formatMoney } from '../format';
import { funnelStrip, stageCaption } from './funnel-strip';
import { dealDocuments } from './deal-documents';

const COMPETITOR = 'Конкурент';
const LOSS_REASON = 'Причина отказа';
const CLIENT_TYPE = 'Тип';
const INN = 'ИНН';
/** Client types that need a valid ИНН at «Надёжность оценена». */
const INN_TYPES = ['Юрлицо', 'ИП'];

/** What a move form sends: deal fields for moveDeal, client fields for updateClient first. */
interface MoveValues {
  deal: Record<string, string>;
  client: Record<string, string>;
}

function dealSpec(header: string): ColumnSpec {
  return COLUMNS.deals.find((c) => c.header === header) ?? { header, type: 'text' };
}

function moveLabel(move: MoveOptionDto): string {
  if (move.to === LOST_STAGE) return 'Отказ';
  if (move.kind === 'reopen') return `Вернуть в работу: ${move.to}`;
  return `→ ${move.to}`;
}

/** Key facts of a deal in one or two lines. */
function dealFacts(deal: DealDto): HTMLElement {
  const f = deal.fields;
  const facts: string[] = [];
  if (f['Направление']) facts.push(f['Направление']);
  if (f['Сумма договора, руб.']) facts.push(`договор ${formatMoney(f['Сумма договора, руб.'])}`);
  else if (f['Сумма КП, руб.']) facts.push(`КП ${formatMoney(f['Сумма КП, руб.'])}`);
  else if (f['Потенциал, руб.']) facts.push(`потенциал ${formatMoney(f['Потенциал, руб.'])}`);
  if (f[LOSS_REASON] && deal.stage === LOST_STAGE) facts.push(`причина: ${f[LOSS_REASON]}`);
  return el('div', { class: 'deal-facts' }, facts.join(' · '));
}

/** Every filled field of the deal, for reference. */
function allFields(deal: DealDto): HTMLElement {
  const list = el('dl', { class: 'fields' });
  for (const spec of COLUMNS.deals) {
    const value = deal.fields[spec.header];
    if (!value) continue;
    list.append(el('dt', {}, spec.header), el('dd', {}, spec.type === 'money' ? formatMoney(value) : value));
  }
  return el('details', { class: 'more' }, el('summary', {}, 'Все поля сделки'), list);
}

/** The block of `deal` of the client in `card`; `reload` re-reads the card after a change. */
export function dealBlock(app: App, deal: DealDto, card: ClientCardDto, reload: () => Promise<void>): HTMLElement {
  const canOverride = card.canOverride;
  const block = el('section', { class: 'deal', attrs: { 'data-deal': deal.id, 'data-stage': deal.stage } });
  const formArea = el('div', { class: 'move-form-area' });
  const moveButtons: HTMLButtonElement[] = [];

  async function send(to: string, values: MoveValues, form?: MoveForm): Promise<void> {
    app.clearNotice();
    const controls = [...(form ? [form.submit] : []), ...moveButtons];
    try {
      // one busy span for both calls, so nothing looks idle between them
      const result = await whileBusy(controls, async () => {
        if (Object.keys(values.client).length > 0) {
          const saved = await app.server.updateClient(card.clientId, values.client);
          if (saved.status === 'invalid') return saved;
        }
        return app.server.moveDeal(deal.id, to, values.deal);
      });
      if ('status' in result) {
        form?.showClientErrors(result.errors);
        return;
      }
      if (result.ok) {
        app.notify(`Сделка ${deal.id} переведена на этап «${result.stage}»`, 'ok');
        if (result.card) app.showCardData(result.card);
        else await reload();
        return;
      }
      const target = form ?? openForm(to, []);
      target.showProblems(result.reason, result.missing);
    } catch (error) {
      const message = errorText(error);
      if (form) form.showProblems(message, []);
      else app.notify(message);
    }
  }

  function openForm(to: string, missing: readonly MissingFieldDto[], reason = ''): MoveForm {
    const form = moveForm(
      deal,
      card.fields,
      to,
      missing,
      (values) => send(to, values, form),
      () => replaceChildren(formArea),
    );
    replaceChildren(formArea, form.element);
    if (reason && form.fieldCount() === 0) form.showProblems(reason, []);
    form.focus();
    return form;
  }

  function choose(move: MoveOptionDto): void {
    app.clearNotice();
    if (move.allowed && move.to !== LOST_STAGE) {
      void send(move.to, { deal: {}, client: {} });
      return;
    }
    openForm(move.to, move.missing, move.reason);
  }

  const forward = deal.moves.filter((m) => m.kind !== 'back' && m.to !== LOST_STAGE);
  const back = deal.moves.filter((m) => m.kind === 'back');
  const lost = deal.moves.find((m) => m.to === LOST_STAGE);
  const moves = el('div', { class: 'moves' });
  for (const move of forward) {
    const button = el(
      'button',
      { class: 'action', attrs: { type: 'button', 'data-move': move.to }, onClick: () => choose(move) },
      moveLabel(move),
    );
    moveButtons.push(button);
    moves.append(button);
  }
  if (lost) {
    const button = el(
      'button',
      { class: 'danger', attrs: { type: 'button', 'data-move': lost.to }, onClick: () => choose(lost) },
      'Отказ',
    );
    moveButtons.push(button);
    moves.append(button);
  }
  if (back.length > 0) {
    const target = select(
      back.map((m) => m.to),
      '',
      'Вернуть на этап…',
    );
    target.classList.add('back-select');
    target.setAttribute('aria-label', 'Вернуть на этап');
    const button = el('button', { attrs: { type: 'button', 'data-move-back': '' } }, 'Вернуть');
    button.addEventListener('click', () => {
      const move = back.find((m) => m.to === target.value);
      if (!move) {
        app.notify('Выберите этап, на который вернуть сделку');
        return;
      }
      choose(move);
    });
    moveButtons.push(button);
    moves.append(el('div', { class: 'back-row' }, target, button));
  }
  const needs = forward
    .filter((m) => !m.allowed && m.missing.length > 0)
    .map((m) => el('div', { class: 'needs' }, `Для «${m.to}» нужно: ${m.missing.map((x) => x.header).join(', ')}`));
  if (deal.moves.length === 0) moves.append(el('div', { class: 'muted' }, 'Сделка закрыта: переходов нет'));

  append(
    block,
    el(
      'div',
      { class: 'deal-head' },
      el('span', { class: 'deal-id' }, deal.id),
      el('span', { class: deal.stage === LOST_STAGE ? 'stage-name lost' : 'stage-name' }, stageCaption(deal.stage)),
    ),
    funnelStrip(deal.stage),
    el('div', { class: 'deal-meta' }, deal.stageDate ? `на этапе с ${deal.stageDate}` : ''),
    dealFacts(deal),
    moves,
    ...needs,
    formArea,
    nextStepRow(app, deal, reload),
    dealDocuments(app, deal, reload),
    canOverride ? overrideForm(app, deal, reload) : null,
    canOverride ? directorFieldsForm(app, deal, reload) : null,
    allFields(deal),
  );
  return block;
}

interface MoveForm {
  element: HTMLElement;
  submit: HTMLButtonElement;
  fieldCount(): number;
  showProblems(reason: string, missing: readonly MissingFieldDto[]): void;
  /** updateClient's errors under the client fields */
  showClientErrors(errors: Record<string, string>): void;
  focus(): void;
}

/**
 * The inline form that asks for the fields a move still needs: the deal's, and
 * the client's (`client` is the card's client row, as text).
 */
function moveForm(
  deal: DealDto,
  client: Record<string, string>,
  to: string,
  initial: readonly MissingFieldDto[],
  onSubmit: (values: MoveValues) => void,
  onCancel: () => void,
): MoveForm {
  const inputs = new Map<string, FieldInput>();
  const clientInputs = new Map<string, FieldInput>();
  const fieldsBox = el('div', { class: 'move-fields' });
  const clientBox = el(
    'fieldset',
    { class: 'move-client-fields', attrs: { 'data-client-fields': '' } },
    el('legend', {}, 'Карточка клиента'),
  );
  const reasonLine = el('div', { class: 'form-error', attrs: { role: 'alert' } });
  const submit = el('button', { class: 'action', attrs: { type: 'submit' } }, `Перевести: ${to}`);
  const cancel = el('button', { attrs: { type: 'button' }, onClick: onCancel }, 'Отмена');

  function addField(header: string): FieldInput {
    const existing = inputs.get(header);
    if (existing) return existing;
    const input = fieldInput(dealSpec(header), deal.fields[header] ?? '');
    inputs.set(header, input);
    fieldsBox.append(input.element);
    return input;
  }

  /** The type the ИНН is checked against: the one chosen in this form, or the client's. */
  const clientType = () => clientInputs.get(CLIENT_TYPE)?.value() ?? client[CLIENT_TYPE] ?? '';

  const checks = new Map<string, () => void>();
  let typeLinked = false;

  /** Shows the ИНН only for the types that need one, and re-checks it when the type changes. */
  function linkTypeAndInn(): void {
    const type = clientInputs.get(CLIENT_TYPE);
    const inn = clientInputs.get(INN);
    if (!type || !inn || typeLinked) return;
    typeLinked = true;
    const sync = () => {
      inn.element.hidden = !INN_TYPES.includes(type.value());
      if (inn.value()) checks.get(INN)?.();
    };
    type.control.addEventListener('change', sync);
    sync();
  }

  function addClientField(header: string): FieldInput {
    const existing = clientInputs.get(header);
    if (existing) return existing;
    const input = fieldInput(clientSpec(header), client[header] ?? '');
    input.element.setAttribute('data-on', 'client');
    clientInputs.set(header, input);
    clientBox.append(input.element);
    clientBox.hidden = false;
    const check = attachClientHint(input, clientType);
    if (check) checks.set(header, check);
    // a missing type is asked at «Надёжность оценена», where Юрлицо and ИП also need their ИНН
    if (header === CLIENT_TYPE) addClientField(INN);
    linkTypeAndInn();
    return input;
  }

  function addMissing(missing: readonly MissingFieldDto[]): void {
    for (const m of missing) {
      if (m.on === 'deal') addField(m.header).setError(m.message);
      else addClientField(m.header).setError(m.message);
    }
  }

  clientBox.hidden = true;
  for (const m of initial) {
    if (m.on === 'deal') addField(m.header);
    else addClientField(m.header);
  }
  if (to === LOST_STAGE) {
    addField(LOSS_REASON);
    const competitor = addField(COMPETITOR);
    const reason = inputs.get(LOSS_REASON)!.control;
    const sync = () => {
      // the competitor is asked for only when the deal went to one
      competitor.element.hidden = reason.value !== 'Выбрал конкурента';
    };
    reason.addEventListener('change', sync);
    sync();
  }

  const form = el(
    'form',
    { class: 'move-form', attrs: { 'data-move-form': to, novalidate: '' } },
    el('div', { class: 'form-title' }, to === LOST_STAGE ? 'Отказ по сделке' : `Переход на этап «${to}»`),
    fieldsBox,
    clientBox,
    reasonLine,
    el('div', { class: 'buttons' }, submit, cancel),
  );
  const read = (from: Map<string, FieldInput>): Record<string, string> => {
    const values: Record<string, string> = {};
    for (const [header, input] of from) {
      if (input.element.hidden) continue;
      input.setError('');
      values[header] = input.value();
    }
    return values;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    reasonLine.textContent = '';
    onSubmit({ deal: read(inputs), client: read(clientInputs) });
  });
  const all = () => [...inputs.values(), ...clientInputs.values()];
  return {
    element: form,
    submit,
    fieldCount: () => inputs.size + clientInputs.size,
    showProblems(reason, missing) {
      addMissing(missing);
      // the reason repeats the messages already shown under the fields; show it when some are not
      const visible = (m: MissingFieldDto) =>
        (m.on === 'deal' ? inputs : clientInputs).get(m.header)?.element.hidden === false;
      const underFields = missing.length > 0 && missing.every(visible);
      reasonLine.textContent = underFields ? '' : reason;
    },
    showClientErrors(errors) {
      const unplaced: string[] = [];
      for (const [header, message] of Object.entries(errors)) {
        const input = clientInputs.get(header);
        if (input && !input.element.hidden) input.setError(message);
        else unplaced.push(message);
      }
      reasonLine.textContent = unplaced.join('; ');
      all()
        .find((i) => i.element.classList.contains('invalid'))
        ?.control.focus();
    },
    focus() {
      const first = all().find((i) => !i.element.hidden);
      first?.control.focus();
    },
  };
}

/** «Следующий шаг» of the deal: a date and a button. */
function nextStepRow(app: App, deal: DealDto, reload: () => Promise<void>): HTMLElement | null {
  if (deal.stage === 'Завершена' || deal.stage === LOST_STAGE) return null;
  const input = el('input', { attrs: { type: 'date', 'aria-label': 'Следующий шаг' } });
  input.value = ruToIso(deal.fields['Следующий шаг'] ?? '');
  const button = el('button', { attrs: { type: 'button' } }, 'Назначить');
  button.addEventListener('click', async () => {
    app.clearNotice();
    const date = isoToRu(input.value);
    if (!date) {
      app.notify('Укажите дату следующего шага');
      return;
    }
    try {
      await whileBusy([button, input], () => app.server.setNextContact('deal', deal.id, date));
      app.notify(`Следующий шаг по сделке ${deal.id}: ${date}`, 'ok');
      await reload();
    } catch (error) {
      app.notify(errorText(error));
    }
  });
  return el(
    'div',
    { class: 'inline-row next-step' },
    el('span', { class: 'inline-label' }, 'Следующий шаг'),
    input,
    button,
  );
}

/** Fields of a deal only the director changes once the contract is signed (a closed month's too, with a reason). */
const DIRECTOR_FIELDS = [
  'Ответственный',
  'Сумма договора, руб.',
  'Дата договора',
  'Себестоимость, руб.',
  'Дата оплаты',
];

/** The director's change of «Ответственный» or a pay-deciding field, with a reason for «Журнал». */
function directorFieldsForm(app: App, deal: DealDto, reload: () => Promise<void>): HTMLElement {
  const field = select(DIRECTOR_FIELDS, '', 'Поле…');
  field.setAttribute('aria-label', 'Поле сделки');
  const value = el('input', {
    attrs: { type: 'text', placeholder: 'Новое значение (дата — дд.мм.гггг)', 'aria-label': 'Новое значение' },
  });
  field.addEventListener('change', () => (value.value = deal.fields[field.value] ?? ''));
  const reason = el('input', {
    attrs: { type: 'text', placeholder: 'Причина (попадёт в «Журнал»)', 'aria-label': 'Причина изменения' },
  });
  const button = el('button', { attrs: { type: 'button' } }, 'Изменить');
  button.addEventListener('click', async () => {
    app.clearNotice();
    if (!field.value) return app.notify('Выберите поле');
    if (reason.value.trim().length < 3) return app.notify('Укажите причину изменения');
    try {
      const result = await whileBusy([button], () =>
        app.server.changeDealAsDirector(deal.id, { [field.value]: value.value.trim() }, reason.value.trim()),
      );
      if (!result.ok) return app.notify(result.reason);
      app.notify(`«${field.value}» сделки ${deal.id} изменено директором`, 'ok');
      await reload();
    } catch (error) {
      app.notify(errorText(error));
    }
  });
  return el(
    'details',
    { class: 'override' },
    el('summary', {}, 'Ответственный и суммы договора (директор)'),
    el('div', { class: 'stack' }, field, value, reason, el('div', { class: 'buttons' }, button)),
  );
}

/** The director's stage override with a reason for «Журнал». */
function overrideForm(app: App, deal: DealDto, reload: () => Promise<void>): HTMLElement {
  const stage = select(
    ALL_STAGES.filter((s) => s !== deal.stage),
    '',
    'Новый этап…',
  );
  stage.setAttribute('aria-label', 'Новый этап');
  const reason = el('input', {
    attrs: { type: 'text', placeholder: 'Причина (попадёт в «Журнал»)', 'aria-label': 'Причина' },
  });
  const button = el('button', { attrs: { type: 'button' } }, 'Сменить этап');
  button.addEventListener('click', async () => {
    app.clearNotice();
    if (!stage.value) return app.notify('Выберите новый этап');
    if (reason.value.trim().length < 3) return app.notify('Укажите причину смены этапа');
    try {
      const result = await whileBusy([button], () =>
        app.server.overrideStage(deal.id, stage.value, reason.value.trim()),
      );
      if (!result.ok) return app.notify(result.reason);
      app.notify(`Этап сделки ${deal.id} изменён директором: «${result.stage}»`, 'ok');
      await reload();
    } catch (error) {
      app.notify(errorText(error));
    }
  });
  return el(
    'details',
    { class: 'override' },
    el('summary', {}, 'Сменить этап (директор)'),
    el('div', { class: 'stack' }, stage, reason, el('div', { class: 'buttons' }, button)),
  );
}

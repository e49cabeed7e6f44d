/**
 * One deal in the client card: its stage on the funnel strip, the moves
 * allowed now with the fields each still needs, the form that asks for exactly
 * those fields, the next step date and, for the director, the stage override.
 */
import { append, el, replaceChildren, select } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import { isoToRu, ruToIso } from '../../../lib/dates';
import { ALL_STAGES, COLUMNS, LOST_STAGE, type ColumnSpec } from '../../../../src/domain/workbook/schema';
import type { DealDto, MissingFieldDto, MoveOptionDto } from '../../../../src/shared/api';
import type { App } from '../app';
import { fieldInput, type FieldInput } from '../field-inputs';
import { formatMoney } from '../format';
import { funnelStrip, stageCaption } from './funnel-strip';

const COMPETITOR = 'Конкурент';
const LOSS_REASON = 'Причина отказа';

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

/** The block of `deal`; `reload` re-reads the card after a change. */
export function dealBlock(app: App, deal: DealDto, canOverride: boolean, reload: () => Promise<void>): HTMLElement {
  const block = el('section', { class: 'deal', attrs: { 'data-deal': deal.id, 'data-stage': deal.stage } });
  const formArea = el('div', { class: 'move-form-area' });
  const moveButtons: HTMLButtonElement[] = [];

  async function send(to: string, values: Record<string, string>, form?: MoveForm): Promise<void> {
    app.clearNotice();
    const controls = [...(form ? [form.submit] : []), ...moveButtons];
    try {
      const result = await whileBusy(controls, () => app.server.moveDeal(deal.id, to, values));
      if (result.ok) {
        app.notify(`Сделка ${deal.id} переведена на этап «${result.stage}»`, 'ok');
        await reload();
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
      void send(move.to, {});
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
    canOverride ? overrideForm(app, deal, reload) : null,
    allFields(deal),
  );
  return block;
}

interface MoveForm {
  element: HTMLElement;
  submit: HTMLButtonElement;
  fieldCount(): number;
  showProblems(reason: string, missing: readonly MissingFieldDto[]): void;
  focus(): void;
}

/** The inline form that asks for the fields a move still needs. */
function moveForm(
  deal: DealDto,
  to: string,
  initial: readonly MissingFieldDto[],
  onSubmit: (values: Record<string, string>) => void,
  onCancel: () => void,
): MoveForm {
  const inputs = new Map<string, FieldInput>();
  const fieldsBox = el('div', { class: 'move-fields' });
  const clientNotes = el('ul', { class: 'client-missing' });
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

  function addMissing(missing: readonly MissingFieldDto[]): void {
    for (const m of missing) {
      if (m.on === 'deal') addField(m.header).setError(m.message);
      else if (!clientNotes.querySelector(`[data-header="${CSS.escape(m.header)}"]`)) {
        clientNotes.append(el('li', { attrs: { 'data-header': m.header } }, m.message));
      }
    }
    clientNotes.hidden = clientNotes.childElementCount === 0;
    submit.hidden = inputs.size === 0 && clientNotes.childElementCount > 0;
  }

  for (const m of initial) if (m.on === 'deal') addField(m.header);
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
  addMissing(initial.filter((m) => m.on === 'client'));
  const clientHelp = el(
    'div',
    { class: 'muted small' },
    'Поля клиента заполните на листе «Клиенты», затем нажмите «Обновить».',
  );

  const form = el(
    'form',
    { class: 'move-form', attrs: { 'data-move-form': to, novalidate: '' } },
    el('div', { class: 'form-title' }, to === LOST_STAGE ? 'Отказ по сделке' : `Переход на этап «${to}»`),
    fieldsBox,
    clientNotes,
    clientNotes.hidden ? null : clientHelp,
    reasonLine,
    el('div', { class: 'buttons' }, submit, cancel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [header, input] of inputs) {
      if (input.element.hidden) continue;
      input.setError('');
      values[header] = input.value();
    }
    reasonLine.textContent = '';
    onSubmit(values);
  });
  return {
    element: form,
    submit,
    fieldCount: () => inputs.size,
    showProblems(reason, missing) {
      addMissing(missing);
      // the reason repeats the messages already shown under the fields; show it when some are not
      const underFields = missing.length > 0 && missing.every((m) => m.on === 'deal' && inputs.has(m.header));
      reasonLine.textContent = underFields ? '' : reason;
    },
    focus() {
      const first = [...inputs.values()].find((i) => !i.element.hidden);
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

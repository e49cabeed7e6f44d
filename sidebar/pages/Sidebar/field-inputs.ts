/**
 * Inputs for workbook columns by their schema type: dates as <input type=date>
 * (sent as «дд.мм.гггг»), lists as selects of the schema's values, money as
 * numbers, the rest as text. Each comes with its label and an error line.
 */
import { el, select } from '../../lib/dom';
import { isoToRu, ruToIso } from '../../lib/dates';
import type { ColumnSpec } from '../../../src/domain/workbook/schema';

/** Columns whose text is usually longer than a line. */
const LONG_TEXT = new Set(['Потребность', 'Основание оценки', 'Разногласия', 'Особые условия', 'Примечание']);

export interface FieldInput {
  header: string;
  /** the label, control, hint and error line together */
  element: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** the text to send to the server */
  value(): string;
  /** shows (or with '' clears) a message under the field */
  setError(message: string): void;
  setHint(message: string): void;
}

/** A number typed in the sheet may hold spaces or a decimal comma («1 234,5»). */
function numberText(text: string): string {
  const plain = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(plain) ? plain : '';
}

/** The control for `spec`, pre-filled with `current` (the cell's text). */
export function fieldInput(spec: ColumnSpec, current = '', label = spec.header): FieldInput {
  let control: FieldInput['control'];
  let read: () => string;
  switch (spec.type) {
    case 'date': {
      const input = el('input', { attrs: { type: 'date' } });
      input.value = ruToIso(current);
      control = input;
      read = () => isoToRu(input.value);
      break;
    }
    case 'money':
    case 'number':
    case 'percent': {
      const input = el('input', { attrs: { type: 'number', min: '0', step: spec.type === 'money' ? '0.01' : 'any' } });
      input.value = numberText(current);
      control = input;
      read = () => input.value.trim();
      break;
    }
    case 'list': {
      const list = select(spec.list ?? [], current, '— выберите —');
      control = list;
      read = () => list.value;
      break;
    }
    default: {
      const type = spec.type === 'email' ? 'email' : spec.type === 'phone' ? 'tel' : 'text';
      const input = LONG_TEXT.has(spec.header)
        ? el('textarea', { attrs: { rows: '2' } })
        : el('input', { attrs: { type } });
      input.value = current;
      control = input;
      read = () => input.value.trim();
    }
  }
  control.setAttribute('name', spec.header);
  const hint = el('div', { class: 'field-hint' });
  const error = el('div', { class: 'field-error', attrs: { 'data-error-for': spec.header, role: 'alert' } });
  const element = el(
    'label',
    { class: 'field', attrs: { 'data-field': spec.header } },
    el('span', { class: 'field-label' }, label),
    control,
    hint,
    error,
  );
  return {
    header: spec.header,
    element,
    control,
    value: read,
    setError(message) {
      error.textContent = message;
      element.classList.toggle('invalid', message !== '');
    },
    setHint(message) {
      hint.textContent = message;
    },
  };
}

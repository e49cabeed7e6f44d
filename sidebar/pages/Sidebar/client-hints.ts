/**
 * Hints while typing a client's ИНН, phone and e-mail, from the same domain
 * rules the server uses. Shared by the new-client form, the client fields of a
 * move and «Изменить данные клиента»; the server's answer is still the one
 * shown under each field after saving.
 */
import { innProblem, isValidEmail, normalizePhone } from '../../../src/domain/crm/values';
import type { ClientType } from '../../../src/domain/crm/records';
import { COLUMNS, type ColumnSpec } from '../../../src/domain/workbook/schema';
import type { FieldInput } from './field-inputs';

/** The schema column of a client header (plain text for a header the schema does not know). */
export function clientSpec(header: string): ColumnSpec {
  return COLUMNS.clients.find((c) => c.header === header) ?? { header, type: 'text' };
}

/**
 * Runs `check` when focus leaves `control`, except towards a submit button:
 * a hint appearing then would shift the button away from under the pointer and
 * swallow the click, and the server checks the field anyway.
 */
export function onLeave(control: HTMLElement, check: () => void): void {
  control.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget;
    if (next instanceof HTMLButtonElement && next.type === 'submit') return;
    check();
  });
}

/** The check of `input`'s header (ИНН, Телефон, Email), or null for a header without one. */
function hintCheck(input: FieldInput, clientType: () => string): (() => void) | null {
  switch (input.header) {
    case 'ИНН':
      return () => {
        const text = input.value();
        input.setError(text ? (innProblem(text, clientType() as ClientType | '') ?? '') : '');
      };
    case 'Телефон':
      return () => {
        const text = input.value();
        const normal = text ? normalizePhone(text) : null;
        input.setError(text && !normal ? 'Не российский номер телефона (например, +7 912 345-67-89)' : '');
        input.setHint(normal && normal !== text ? `Будет сохранён как ${normal}` : '');
      };
    case 'Email':
      return () => {
        const text = input.value();
        input.setError(text && !isValidEmail(text) ? 'Неверный адрес e-mail' : '');
      };
    default:
      return null;
  }
}

/**
 * Adds the hint of its header to `input` when it is ИНН, Телефон or Email.
 * `clientType` gives the type the ИНН is checked against. Returns the check
 * (null for other headers), so a change of type can re-run it.
 */
export function attachClientHint(input: FieldInput, clientType: () => string): (() => void) | null {
  const check = hintCheck(input, clientType);
  if (check) onLeave(input.control, check);
  return check;
}

/**
 * Adds the hints to whichever of ИНН, Телефон and Email are among `inputs`;
 * a Тип input among them re-checks the ИНН when it changes.
 */
export function attachClientHints(inputs: ReadonlyMap<string, FieldInput>, clientType: () => string): void {
  for (const input of inputs.values()) {
    const check = attachClientHint(input, clientType);
    if (check && input.header === 'ИНН') inputs.get('Тип')?.control.addEventListener('change', check);
  }
}

/**
 * Turns the text a person typed in the sidebar into the value written to a
 * column of the given type: a Date, a number, a list value, or text
 * (Table writes text safely, so «=…» stays text).
 */
import { innProblem, isValidEmail, normalizePhone, parseAmountValue, parseDateValue } from '../../domain/crm/values';
import type { ClientType } from '../../domain/crm/records';
import type { ColumnSpec } from '../../domain/workbook/schema';

export type FieldResult = { ok: true; value: unknown } | { ok: false; message: string };

/** The cell value for `text` under `spec`, or a Russian message saying what to fix. Blank text clears. */
export function fieldValue(spec: ColumnSpec, text: string, clientType: ClientType | '' = ''): FieldResult {
  if (text === '') return { ok: true, value: '' };
  switch (spec.type) {
    case 'date': {
      const date = parseDateValue(text);
      return date ? { ok: true, value: date } : { ok: false, message: `«${spec.header}»: нужна дата дд.мм.гггг` };
    }
    case 'money':
    case 'number':
    case 'percent': {
      const n = parseAmountValue(text.replace('%', '').trim());
      return n === null
        ? { ok: false, message: `«${spec.header}»: нужно неотрицательное число` }
        : { ok: true, value: n };
    }
    case 'list':
      return spec.list?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `«${spec.header}»: выберите одно из значений: ${spec.list?.join(', ')}` };
    case 'email':
      return isValidEmail(text)
        ? { ok: true, value: text.toLowerCase() }
        : { ok: false, message: `«${spec.header}»: неверный адрес e-mail` };
    case 'phone': {
      const phone = normalizePhone(text);
      return phone
        ? { ok: true, value: phone }
        : { ok: false, message: `«${spec.header}»: не российский номер телефона (например, +7 912 345-67-89)` };
    }
    case 'inn': {
      const problem = innProblem(text, clientType);
      return problem ? { ok: false, message: problem } : { ok: true, value: text.replace(/\s/g, '') };
    }
    default:
      return { ok: true, value: text };
  }
}

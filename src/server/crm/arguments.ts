/**
 * Argument checks for functions google.script.run can reach: anyone with the
 * document can call them with anything, so each value is checked on the server.
 */
import { DomainError } from '../../domain/money';

/** A string of at most `max` characters (trimmed). */
export function argString(value: unknown, name: string, max = 2000): string {
  if (typeof value !== 'string') throw new DomainError(`Неверный запрос: «${name}» должно быть строкой`);
  const text = value.trim();
  if (text.length > max) throw new DomainError(`«${name}» длиннее ${max} символов`);
  return text;
}

/** A record of string values whose keys are among `allowed`. */
export function argFields(value: unknown, name: string, allowed: readonly string[]): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DomainError(`Неверный запрос: «${name}» должно быть набором полей`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!allowed.includes(key)) throw new DomainError(`Поле «${key}» нельзя изменить здесь`);
    out[key] = argString(v, key);
  }
  return out;
}

export function argBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new DomainError(`Неверный запрос: «${name}» должно быть да/нет`);
  return value;
}

/** An ID of the given prefix (К-, С-, П-). */
export function argId(value: unknown, name: string, prefix: string): string {
  const id = argString(value, name, 40);
  if (!new RegExp(`^${prefix}-\\d{5,}$`).test(id))
    throw new DomainError(`«${name}»: «${id}» — не ID вида ${prefix}-00001`);
  return id;
}

/** A sidebar's request ID (letters, digits, dashes; at most 64), or '' when the caller sent none. */
export function argRequestId(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const id = argString(value, 'ID запроса', 64);
  if (!/^[A-Za-z0-9_-]+$/.test(id))
    throw new DomainError('Неверный запрос: «ID запроса» — только латиница, цифры и «-»');
  return id;
}

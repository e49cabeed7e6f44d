/**
 * Rules on the client row: status after a won deal, and the special
 * conditions of 2.10 (discounts only for «Ключевой» clients, set by the director).
 */
import type { Stage } from '../workbook/schema';
import { stageIndex } from './funnel';
import type { ClientStatus } from './records';
import { isBlankValue, textOf } from './values';

/**
 * The client's status after one of its deals enters `stage`: a deal reaching
 * «Договор заключён» turns a «Потенциальный» (or blank) client into a «Клиент».
 * Returns null when the status stays as it is.
 */
export function statusAfterStage(currentStatus: unknown, stage: Stage): ClientStatus | null {
  const status = textOf(currentStatus);
  if (stageIndex(stage) < stageIndex('Договор заключён')) return null;
  return status === '' || status === 'Потенциальный' ? 'Клиент' : null;
}

/** The discount cell as a percent number (15 for «15», «15 %», 0.15 formatted as percent is read as 15). */
export function discountPercent(value: unknown): number | null {
  if (isBlankValue(value)) return 0;
  if (typeof value === 'number') {
    // a cell formatted as percent holds 0.15 for 15 %; people type whole percents elsewhere
    // Stryker disable next-line EqualityOperator: a discount of exactly 0 is 0 either way
    return value > 0 && value < 1 ? Math.round(value * 10000) / 100 : value;
  }
  const text = textOf(value).replace('%', '').replace(',', '.').trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * Checks «Скидка, %» against 2.10. Returns a Russian message saying what to fix,
 * or null when the discount is allowed (blank or 0 is always allowed).
 */
export function discountProblem(discount: unknown, status: unknown, maxDiscountPercent: number): string | null {
  const percent = discountPercent(discount);
  if (percent === null || percent < 0) return '«Скидка, %» должна быть числом от 0';
  if (percent === 0) return null;
  if (textOf(status) !== 'Ключевой') {
    return `Скидка возможна только для клиентов со статусом «Ключевой» (п. 2.10); сейчас статус «${textOf(status) || 'не указан'}»`;
  }
  if (percent > maxDiscountPercent) {
    return `Скидка ${percent} % больше максимальной ${maxDiscountPercent} % из листа «Настройки»`;
  }
  return null;
}

/**
 * Whether a user may change «Статус клиента» from `from` to `to`: only the
 * director sets or removes «Ключевой». Returns a Russian message or null.
 */
export function statusChangeProblem(from: unknown, to: unknown, isDirector: boolean): string | null {
  const before = textOf(from);
  const after = textOf(to);
  if (before === after || isDirector) return null;
  if (after === 'Ключевой') return 'Статус «Ключевой» присваивает только директор (п. 2.10)';
  if (before === 'Ключевой') return 'Статус «Ключевой» снимает только директор (п. 2.10)';
  return null;
}

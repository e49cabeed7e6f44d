/**
 * How the sidebar shows amounts: whole rubles with thousands separators,
 * kopecks only when there are any.
 */

/** «470000» → «470 000 ₽», «1234.5» → «1 234,50 ₽»; text that is not a number is returned as is. */
export function formatMoney(text: string): string {
  const n = Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(n)) return text;
  const whole = Number.isInteger(n);
  const shown = n.toLocaleString('ru-RU', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return `${shown} ₽`;
}

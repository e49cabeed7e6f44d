/**
 * Commercial proposals and contracts (job description 2.6, 2.7): the price
 * list, a deal's lines with their discounts, the totals with VAT, the document
 * numbers and the text that fills a template. Pure: the server reads the tabs
 * and writes the documents.
 *
 * A line's discount obeys 2.10 through the one discount rule (discountProblem):
 * only a «Ключевой» client has one, never above «Максимальная скидка» — and
 * never above the client's own «Скидка, %», which the director grants.
 */
import { amountInWords } from '../words';
import { divRoundHalfUp, DomainError, type Kopecks, rublesToKopecks } from '../money';
import { formatRubles } from '../payroll/payslip';
import { discountPercent, discountProblem } from './client-rules';
import { H, type RowRecord } from './records';
import { isBlankValue, textOf } from './values';

export const DOCUMENT_KINDS = ['КП', 'Договор'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const PRICE_DIRECTIONS = ['Отопление', 'ПОЛИФАСАД'] as const;

/** Headers of «Прайс» and «Позиции сделок». */
export const P = {
  article: 'Артикул',
  name: 'Наименование',
  unit: 'Ед.',
  price: 'Цена, руб.',
  direction: 'Направление',
  quantity: 'Количество',
  discount: 'Скидка, %',
  sum: 'Сумма, руб.',
} as const;

export interface PriceItem {
  article: string;
  name: string;
  unit: string;
  price: Kopecks;
  direction: string;
}

/** The price list from the rows of «Прайс» (blank rows skipped); a bad row is an error naming it. */
export function parsePriceList(rows: ReadonlyArray<{ row: number; record: RowRecord }>): PriceItem[] {
  const items: PriceItem[] = [];
  const seen = new Set<string>();
  for (const { row, record } of rows) {
    const article = textOf(record[P.article]);
    if (article === '' && isBlankValue(record[P.name])) continue;
    const where = `Прайс, строка ${row}`;
    if (article === '') throw new DomainError(`${where}: не указан артикул`);
    if (seen.has(article)) throw new DomainError(`${where}: артикул «${article}» уже есть выше`);
    seen.add(article);
    // a number cell reads as its own digits («1490.5», «Infinity»)
    const price = Number(textOf(record[P.price]).replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(price) || price < 0 || textOf(record[P.price]) === '') {
      throw new DomainError(`${where}: «${P.price}» — нужно неотрицательное число`);
    }
    items.push({
      article,
      name: textOf(record[P.name]) || article,
      unit: textOf(record[P.unit]) || 'шт.',
      price: rublesToKopecks(price),
      direction: textOf(record[P.direction]),
    });
  }
  return items;
}

/** A line as the sidebar sends it or the lines tab holds it. */
export interface DealLineInput {
  article: string;
  quantity: unknown;
  discount: unknown;
}

export interface DealLine {
  article: string;
  name: string;
  unit: string;
  quantity: number;
  price: Kopecks;
  /** per cent, 5 = 5 % */
  discount: number;
  sum: Kopecks;
}

/** What the discount rule needs to know about the client. */
export interface ClientRights {
  status: unknown;
  /** the client's «Скидка, %» as the director set it */
  discount: unknown;
  maxDiscountPercent: number;
}

export function clientRightsOf(client: RowRecord, maxDiscountPercent: number): ClientRights {
  return { status: client[H.clientStatus], discount: client[H.discount], maxDiscountPercent };
}

/** The highest line discount the client may have: 0 unless «Ключевой» with a «Скидка, %» within the maximum. */
export function allowedDiscount(rights: ClientRights): number {
  const own = discountPercent(rights.discount);
  // the rule refuses a negative «Скидка, %», one above the maximum and one of a client not «Ключевой»
  return own !== null && discountProblem(own, rights.status, rights.maxDiscountPercent) === null ? own : 0;
}

/** Why a line's discount is refused, or null: the rule of 2.10, then the client's own «Скидка, %». */
export function lineDiscountProblem(discount: unknown, rights: ClientRights): string | null {
  const rule = discountProblem(discount, rights.status, rights.maxDiscountPercent);
  if (rule) return rule;
  // the rule has refused a discount that is no number
  const percent = discountPercent(discount) ?? 0;
  const own = allowedDiscount(rights);
  if (percent <= own) return null;
  return own === 0
    ? 'Скидка не назначена клиенту: «Скидка, %» в карточке клиента пуста (её ставит директор, п. 2.10)'
    : `Скидка ${percent} % больше скидки клиента ${own} % («Скидка, %» в карточке клиента, п. 2.10)`;
}

/** A line's quantity: a positive number with at most three decimals, or null (a number cell reads as its digits). */
export function quantityOf(value: unknown): number | null {
  const text = textOf(value).replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,3})?$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

/** price × quantity × (100 − discount) / 100, rounded half-up to the kopeck (exact: quantities to 0.001, discounts to 0.01 %). */
export function lineSum(price: Kopecks, quantity: number, discount: number): Kopecks {
  const q = BigInt(Math.round(quantity * 1000));
  const d = BigInt(Math.round((100 - discount) * 100));
  return Number(divRoundHalfUp(BigInt(price) * q * d, 1000n * 10000n));
}

export type LinesVerdict = { ok: true; lines: DealLine[] } | { ok: false; errors: string[] };

/**
 * Checks a deal's lines against the price list and the client's rights; the
 * price always comes from the price list. Every problem is named with its line.
 */
export function checkDealLines(
  inputs: readonly DealLineInput[],
  priceList: readonly PriceItem[],
  rights: ClientRights,
): LinesVerdict {
  const byArticle = new Map(priceList.map((p) => [p.article, p]));
  const errors: string[] = [];
  const lines: DealLine[] = [];
  inputs.forEach((input, i) => {
    const where = `Строка ${i + 1}`;
    const item = byArticle.get(textOf(input.article));
    if (!item) {
      errors.push(`${where}: товара с артикулом «${textOf(input.article)}» нет в прайсе`);
      return;
    }
    const quantity = quantityOf(input.quantity);
    if (quantity === null) {
      errors.push(`${where} («${item.name}»): количество — положительное число, не больше трёх знаков после запятой`);
      return;
    }
    const problem = lineDiscountProblem(input.discount, rights);
    if (problem) {
      errors.push(`${where} («${item.name}»): ${problem}`);
      return;
    }
    const discount = discountPercent(input.discount) ?? 0;
    lines.push({ ...item, quantity, discount, sum: lineSum(item.price, quantity, discount) });
  });
  if (inputs.length === 0) errors.push('Добавьте хотя бы одну позицию из прайса');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

export interface VatSettings {
  /** per cent; 0 = без НДС */
  ratePercent: number;
  /** the price list's prices include VAT */
  included: boolean;
}

export interface Totals {
  /** the sum of the lines */
  lines: Kopecks;
  vat: Kopecks;
  /** what the client pays */
  total: Kopecks;
}

/** The totals: VAT inside the prices (total × r / (100 + r)) or on top of them, rounded half-up to the kopeck. */
export function totalsOf(lines: readonly DealLine[], vat: VatSettings): Totals {
  const sum = lines.reduce((a, l) => a + l.sum, 0);
  const r = BigInt(Math.round(vat.ratePercent * 100));
  if (vat.included) return { lines: sum, vat: Number(divRoundHalfUp(BigInt(sum) * r, 10000n + r)), total: sum };
  const tax = Number(divRoundHalfUp(BigInt(sum) * r, 10000n));
  return { lines: sum, vat: tax, total: sum + tax };
}

/**
 * A document number from its format: {ГГГГ} the year, {ГГ} its last two
 * digits, {N} the sequence number, {N:4} padded to four digits.
 * «ДК-{ГГГГ}/{N:4}» with 2026 and 42 is «ДК-2026/0042».
 */
export function formatDocumentNumber(format: string, year: number, sequence: number): string {
  if (!/\{N(:\d)?\}/.test(format))
    throw new DomainError(`Формат номера «${format}» должен содержать {N} — порядковый номер`);
  return format
    .replace(/\{ГГГГ\}/g, String(year))
    .replace(/\{ГГ\}/g, String(year % 100).padStart(2, '0'))
    .replace(/\{N(?::(\d))?\}/g, (_, width: string | undefined) => String(sequence).padStart(Number(width ?? 0), '0'));
}

/** The placeholders a template may hold, with what each becomes (the README lists them). */
export const PLACEHOLDERS = [
  'Вид документа',
  'Номер',
  'Дата',
  'Организация',
  'ИНН организации',
  'Адрес организации',
  'Директор',
  'Клиент',
  'ИНН клиента',
  'Адрес клиента',
  'Контактное лицо',
  'Телефон клиента',
  'Email клиента',
  'Сделка',
  'Ответственный',
  'Сумма без НДС',
  'НДС',
  'Итого',
  'Итого прописью',
  'Особые условия',
] as const;

/** The paragraph of a template that becomes the table of lines. */
export const LINES_PLACEHOLDER = 'Позиции';

export const LINES_TABLE_HEADER = [
  '№',
  'Артикул',
  'Наименование',
  'Ед.',
  'Кол-во',
  'Цена, руб.',
  'Скидка, %',
  'Сумма, руб.',
];

function quantityText(q: number): string {
  return String(q).replace('.', ',');
}

/** The lines as the document's table: a header row, a row per line, the totals. */
export function linesTable(lines: readonly DealLine[], totals: Totals, vat: VatSettings): string[][] {
  const rows = lines.map((l, i) => [
    String(i + 1),
    l.article,
    l.name,
    l.unit,
    quantityText(l.quantity),
    formatRubles(l.price),
    l.discount === 0 ? '—' : String(l.discount).replace('.', ','),
    formatRubles(l.sum),
  ]);
  const blank = ['', '', '', '', '', ''];
  const vatLabel =
    vat.ratePercent === 0 ? 'Без НДС' : vat.included ? `В т. ч. НДС ${vat.ratePercent} %` : `НДС ${vat.ratePercent} %`;
  return [
    LINES_TABLE_HEADER,
    ...rows,
    [...blank, 'Итого', formatRubles(totals.lines)],
    [...blank, vatLabel, vat.ratePercent === 0 ? '—' : formatRubles(totals.vat)],
    ...(vat.included || vat.ratePercent === 0 ? [] : [[...blank, 'Всего к оплате', formatRubles(totals.total)]]),
  ];
}

export interface DocumentFacts {
  kind: DocumentKind;
  number: string;
  date: string;
  organisation: string;
  organisationInn: string;
  organisationAddress: string;
  director: string;
  client: RowRecord;
  dealId: string;
  owner: string;
  totals: Totals;
  vat: VatSettings;
}

/** The special conditions of 2.10 for a key client: its «Особые условия» and its discount; nothing for others. */
export function specialConditions(client: RowRecord): string {
  if (textOf(client[H.clientStatus]) !== 'Ключевой') return '';
  const parts: string[] = [];
  const own = discountPercent(client[H.discount]);
  if (own !== null && own > 0) parts.push(`скидка ${String(own).replace('.', ',')} % по позициям, где она указана`);
  const text = textOf(client['Особые условия']);
  if (text) parts.push(text);
  return parts.length > 0 ? `Особые условия для ключевого клиента: ${parts.join('; ')}.` : '';
}

/** Placeholder → text for a document. */
export function placeholderValues(f: DocumentFacts): Record<string, string> {
  const c = f.client;
  const rate = String(f.vat.ratePercent).replace('.', ',');
  const vatText =
    f.vat.ratePercent === 0
      ? 'НДС не облагается'
      : `${f.vat.included ? 'в том числе ' : ''}НДС ${rate} % — ${formatRubles(f.totals.vat)} руб.`;
  return {
    'Вид документа': f.kind === 'КП' ? 'Коммерческое предложение' : 'Договор поставки',
    Номер: f.number,
    Дата: f.date,
    Организация: f.organisation,
    'ИНН организации': f.organisationInn,
    'Адрес организации': f.organisationAddress,
    Директор: f.director,
    Клиент: textOf(c[H.client]),
    'ИНН клиента': textOf(c[H.inn]) || '—',
    'Адрес клиента': textOf(c['Адрес']) || textOf(c['Город']) || '—',
    'Контактное лицо': textOf(c['Контактное лицо']) || '—',
    'Телефон клиента': textOf(c[H.phone]) || '—',
    'Email клиента': textOf(c[H.email]) || '—',
    Сделка: f.dealId,
    Ответственный: f.owner,
    'Сумма без НДС': `${formatRubles(f.vat.included ? f.totals.total - f.totals.vat : f.totals.lines)} руб.`,
    НДС: vatText,
    Итого: `${formatRubles(f.totals.total)} руб.`,
    'Итого прописью': amountInWords(f.totals.total),
    'Особые условия': specialConditions(c),
  };
}

/** The default templates: paragraphs with placeholders; the {{Позиции}} paragraph becomes the table. */
export interface TemplateParagraph {
  text: string;
  heading?: 'TITLE' | 'HEADING1' | 'HEADING2';
  alignment?: 'CENTER' | 'RIGHT';
}

export function defaultTemplate(kind: DocumentKind): TemplateParagraph[] {
  const head: TemplateParagraph[] = [
    { text: '{{Организация}}', alignment: 'RIGHT' },
    { text: 'ИНН {{ИНН организации}}, {{Адрес организации}}', alignment: 'RIGHT' },
  ];
  const lines: TemplateParagraph[] = [
    { text: '{{Позиции}}' },
    { text: 'Итого к оплате: {{Итого}} ({{Итого прописью}}); {{НДС}}' },
    { text: '{{Особые условия}}' },
  ];
  if (kind === 'КП') {
    return [
      ...head,
      { text: 'Коммерческое предложение № {{Номер}} от {{Дата}}', heading: 'HEADING1', alignment: 'CENTER' },
      { text: 'Кому: {{Клиент}}, ИНН {{ИНН клиента}}, {{Адрес клиента}}' },
      { text: 'Контактное лицо: {{Контактное лицо}}, {{Телефон клиента}}, {{Email клиента}}' },
      { text: 'Предлагаем поставку оборудования и материалов на следующих условиях:' },
      ...lines,
      { text: 'Предложение действительно 30 дней с даты составления.' },
      { text: 'С уважением, {{Ответственный}}, {{Организация}}' },
    ];
  }
  return [
    { text: 'Договор № {{Номер}}', heading: 'HEADING1', alignment: 'CENTER' },
    { text: 'Дата: {{Дата}}', alignment: 'RIGHT' },
    {
      text:
        '{{Организация}} (ИНН {{ИНН организации}}, {{Адрес организации}}), именуемое «Поставщик», в лице директора ' +
        '{{Директор}}, и {{Клиент}} (ИНН {{ИНН клиента}}, {{Адрес клиента}}), именуемое «Покупатель», ' +
        'в лице {{Контактное лицо}}, заключили настоящий договор о нижеследующем.',
    },
    { text: '1. Поставщик передаёт, а Покупатель принимает и оплачивает товар:' },
    ...lines,
    { text: '2. Оплата — в течение 5 банковских дней со дня подписания договора.' },
    { text: '3. Срок поставки — 10 рабочих дней со дня оплаты.' },
    { text: 'Поставщик: {{Организация}}, директор {{Директор}} ____________' },
    { text: 'Покупатель: {{Клиент}} ____________' },
  ];
}

/** The subject and text of the КП e-mail from their templates in «Настройки». */
export function fillText(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => values[name.trim()] ?? whole);
}

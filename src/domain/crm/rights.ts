/**
 * Who may change what (domain section 7, «Who may change what»). Pure: the
 * sheet's edit check, the sidebar and every callable function ask here.
 *
 * The director is the spreadsheet's owner or an e-mail of the «E-mail
 * директора» list in «Настройки» (a tab only the director edits). A blank
 * e-mail (Google hides who is editing on personal accounts) is never the
 * director: a change that needs the director's rights, made by someone Google
 * does not name, is treated as a specialist's change.
 */
import { CLIENT_TYPES, SOURCES, type Stage } from '../workbook/schema';
import { stageIndex } from './funnel';
import { H } from './records';
import {
  innProblem,
  isBlankValue,
  isValidEmail,
  normalizePhone,
  parseAmountValue,
  parseDateValue,
  textOf,
} from './values';

// Stryker disable next-line Regex: a run of separators split one by one gives empty pieces, which are no e-mail
const DIRECTOR_LIST_SEPARATORS = /[\s,;]+/;

/** The e-mails of a «E-mail директора» cell: separated by commas, semicolons or spaces, lower-case. */
export function parseDirectorList(value: unknown): string[] {
  const pieces = textOf(value).toLowerCase().split(DIRECTOR_LIST_SEPARATORS);
  return pieces.filter((e, i) => isValidEmail(e) && pieces.indexOf(e) === i);
}

/** The directors: the owner (when known) and the list from «Настройки». */
export function directorList(owner: string, settingsList: readonly string[]): string[] {
  const out = new Set<string>();
  const o = owner.trim().toLowerCase();
  if (o) out.add(o);
  for (const e of settingsList) out.add(e.trim().toLowerCase());
  return [...out];
}

/** Whether `user` is one of `directors`; '' (an unknown user) never is. */
export function isDirectorOf(user: string, directors: readonly string[]): boolean {
  const u = user.trim().toLowerCase();
  return u !== '' && directors.includes(u);
}

/** Pay-deciding deal fields: once the contract is signed only the director changes them. */
export const PAY_FIELDS = [H.contractSum, H.contractDate, H.cost, H.paymentDate] as const;

/** Whether a deal at `stage` has its pay-deciding fields locked («Договор заключён» or later; never «Отказ», index -1). */
export function payFieldsLocked(stage: string): boolean {
  return stageIndex(stage) >= stageIndex('Договор заключён');
}

/** Fields of a deal that only the director changes at this stage. */
export function directorOnlyDealFields(stage: string): string[] {
  return payFieldsLocked(stage) ? [H.owner, ...PAY_FIELDS] : [H.owner];
}

/** Why a move of a deal back from a signed stage needs the director, or null. */
export function backFromSignedProblem(from: string, to: Stage, isDirector: boolean | (() => boolean)): string | null {
  if (!payFieldsLocked(from)) return null;
  // «Отказ» has index -1: a signed deal moved there is a move back too
  if (stageIndex(to) >= stageIndex(from)) return null;
  if (typeof isDirector === 'function' ? isDirector() : isDirector) return null;
  return `сделку с заключённым договором («${from}») вернуть на прежний этап может только директор`;
}

/** Why `user` may not change a field of a row owned by `owner`, or null. */
export function ownRowProblem(user: string, owner: unknown, isDirector: boolean | (() => boolean)): string | null {
  const o = textOf(owner).toLowerCase();
  if (!user || !o || o === user) return null;
  if (typeof isDirector === 'function' ? isDirector() : isDirector) return null;
  return `строку ведёт другой сотрудник (${o}); изменить может он или директор`;
}

/** The message for a director-only field changed by someone else. */
export function directorOnlyMessage(header: string, stage: string): string {
  if (header === H.owner) return 'ответственного назначает только директор';
  return `«${header}» сделки на этапе «${stage}» меняет только директор`;
}

/** What a rights check needs to know about the person and the payroll. */
export interface RightsContext {
  user: string;
  isDirector: boolean;
  /** «ГГГГ-ММ» of the closed months (asked only when a pay-deciding field of a signed deal changes) */
  closedMonths: () => ReadonlySet<string>;
  /** the director's logged reason for changing a closed month's deal (sidebar only) */
  reason?: string;
}

/** One changed cell of a row, as the sheet or the sidebar gives it. */
export interface FieldChange {
  header: string;
  /** the last valid value, as text ('' when there was none) */
  before: string;
  /** the new value as the cell or the form holds it */
  after: unknown;
  /** the new value is a formula */
  formula: boolean;
  /** the row was created by this very change (its ID was just given) */
  newRow: boolean;
}

export type ChangeVerdict = { ok: true; value: unknown } | { ok: false; reason: string };

/** Deal fields whose rules live here (besides «Этап», which the funnel checks). */
export const GUARDED_DEAL_FIELDS: readonly string[] = [H.owner, ...PAY_FIELDS];

/** Client fields whose rules live here (besides «Статус клиента» and «Скидка, %», see client-rules.ts). */
export const GUARDED_CLIENT_FIELDS: readonly string[] = [
  H.client,
  H.clientType,
  H.inn,
  H.phone,
  H.email,
  H.source,
  H.owner,
];

/** Client fields that may not be cleared, with what to do. */
export const REQUIRED_CLIENT_FIELDS: Readonly<Record<string, string>> = {
  [H.client]: 'укажите название клиента или ФИО',
  [H.clientType]: 'выберите тип: Юрлицо, ИП или Физлицо',
  [H.source]: 'укажите источник — он нужен для первого этапа сделки',
  [H.clientStatus]: 'выберите статус клиента',
  [H.owner]: 'укажите ответственного',
};

const FORMULA_REASON = 'здесь нельзя формулу: введите значение';

function monthOfDate(value: unknown): string | null {
  const date = parseDateValue(value);
  return date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}` : null;
}

/** The closed months a change of a signed deal touches: its contract and payment dates before and after. */
function closedMonthsTouched(
  deal: Readonly<Record<string, unknown>>,
  change: FieldChange,
  rights: RightsContext,
): string[] {
  // the old and new value count when the change is of a date (an amount's values read as no date)
  const dates: unknown[] = [deal[H.contractDate], deal[H.paymentDate], change.before, change.after];
  const closed = rights.closedMonths();
  const months = dates.map(monthOfDate).filter((m): m is string => m !== null && closed.has(m));
  return [...new Set(months)];
}

/** A cell value of a deal's money or date field from text or a cell: null when it is neither blank nor valid. */
function typedValue(header: string, value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (isBlankValue(value)) return { ok: true, value: '' };
  if (header === H.contractDate || header === H.paymentDate) {
    const date = parseDateValue(value);
    return date ? { ok: true, value: date } : { ok: false, reason: `«${header}»: нужна дата дд.мм.гггг` };
  }
  const amount = parseAmountValue(value);
  return amount === null
    ? { ok: false, reason: `«${header}»: нужно неотрицательное число` }
    : { ok: true, value: amount };
}

/**
 * Whether a change of a deal's «Ответственный» or pay-deciding field is
 * allowed. `deal` holds the row as it will be (the change applied); `stage` is
 * the deal's last valid stage. Returns the value to keep (normalised) or why not.
 */
export function checkDealFieldChange(
  deal: Readonly<Record<string, unknown>>,
  stage: string,
  change: FieldChange,
  rights: RightsContext,
): ChangeVerdict {
  if (change.formula) return { ok: false, reason: FORMULA_REASON };
  if (change.header === H.owner) {
    const owner = textOf(change.after).toLowerCase();
    if (owner === change.before.toLowerCase()) return { ok: true, value: owner };
    if (owner === '' && !change.newRow) return { ok: false, reason: 'ответственного нельзя очистить' };
    if (owner !== '' && !isValidEmail(owner)) return { ok: false, reason: `«${owner}» — не e-mail сотрудника` };
    // a row typed by hand names its own responsible person; afterwards only the director reassigns
    if (!change.newRow && !rights.isDirector) return { ok: false, reason: directorOnlyMessage(H.owner, stage) };
    return { ok: true, value: owner };
  }
  if (!(PAY_FIELDS as readonly string[]).includes(change.header)) return { ok: true, value: change.after };
  const typed = typedValue(change.header, change.after);
  if (!typed.ok) return typed;
  if (!payFieldsLocked(stage) || change.newRow) return typed;
  if (!rights.isDirector) return { ok: false, reason: directorOnlyMessage(change.header, stage) };
  const closed = closedMonthsTouched(deal, change, rights);
  if (closed.length > 0 && !(rights.reason && rights.reason.trim().length >= 3)) {
    return {
      ok: false,
      reason:
        `сделка относится к закрытому месяцу ${closed.join(', ')}: ведомость выплачена; ` +
        'изменить можно только в карточке клиента с указанием причины',
    };
  }
  return typed;
}

/**
 * Whether a change of a client's own field is allowed: «Ответственный» only by
 * the director, required fields not cleared, ИНН, phone and e-mail checked and
 * normalised as in the card. `client` holds the row as it will be.
 */
export function checkClientFieldChange(
  client: Readonly<Record<string, unknown>>,
  change: FieldChange,
  rights: RightsContext,
): ChangeVerdict {
  if (change.formula) return { ok: false, reason: FORMULA_REASON };
  const { header, after } = change;
  const required = REQUIRED_CLIENT_FIELDS[header];
  if (isBlankValue(after)) {
    if (required && !change.newRow) return { ok: false, reason: `поле нельзя очистить: ${required}` };
    return { ok: true, value: '' };
  }
  switch (header) {
    case H.owner: {
      const owner = textOf(after).toLowerCase();
      if (!isValidEmail(owner)) return { ok: false, reason: `«${owner}» — не e-mail сотрудника` };
      if (owner !== change.before.toLowerCase() && !change.newRow && !rights.isDirector) {
        return { ok: false, reason: 'ответственного за клиента назначает только директор' };
      }
      return { ok: true, value: owner };
    }
    case H.clientType: {
      const type = textOf(after);
      return (CLIENT_TYPES as readonly string[]).includes(type)
        ? { ok: true, value: type }
        : { ok: false, reason: `выберите тип: ${CLIENT_TYPES.join(', ')}` };
    }
    case H.source: {
      const source = textOf(after);
      return (SOURCES as readonly string[]).includes(source)
        ? { ok: true, value: source }
        : { ok: false, reason: `выберите источник из списка: ${SOURCES.join(', ')}` };
    }
    case H.inn: {
      const type = textOf(client[H.clientType]);
      const problem = innProblem(after, (CLIENT_TYPES as readonly string[]).includes(type) ? (type as never) : '');
      if (problem) return { ok: false, reason: problem };
      const digits = textOf(after).replace(/\s/g, '');
      return { ok: true, value: digits.length === 9 || digits.length === 11 ? '0' + digits : digits };
    }
    case H.phone: {
      const phone = normalizePhone(after);
      return phone
        ? { ok: true, value: phone }
        : { ok: false, reason: 'не российский номер телефона (например, +7 912 345-67-89)' };
    }
    case H.email: {
      return isValidEmail(after)
        ? { ok: true, value: textOf(after).toLowerCase() }
        : { ok: false, reason: 'неверный адрес e-mail' };
    }
    default:
      return { ok: true, value: typeof after === 'string' ? after.trim() : after };
  }
}

/** Why a client row as it will be lacks a way to reach the client, or null. */
export function contactProblem(client: Readonly<Record<string, unknown>>): string | null {
  return isBlankValue(client[H.phone]) && isBlankValue(client[H.email])
    ? 'у клиента должен остаться телефон или e-mail'
    : null;
}

/** «ГГГГ-ММ» of the months whose pay a signed deal counts in: its contract and payment dates (and earlier ones). */
// Stryker disable next-line ArrayDeclaration: a default value that is no date gives no month
export function payMonthsOf(deal: Readonly<Record<string, unknown>>, earlier: readonly unknown[] = []): string[] {
  const months = [deal[H.contractDate], deal[H.paymentDate], ...earlier].map(monthOfDate);
  return [...new Set(months.filter((m): m is string => m !== null))];
}

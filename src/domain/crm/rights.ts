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
import { LOST_STAGE, type Stage } from '../workbook/schema';
import { stageIndex } from './funnel';
import { H } from './records';
import { isValidEmail, textOf } from './values';

/** The e-mails of a «E-mail директора» cell: separated by commas, semicolons or spaces, lower-case. */
export function parseDirectorList(value: unknown): string[] {
  return textOf(value)
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e, i, all) => e !== '' && isValidEmail(e) && all.indexOf(e) === i);
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

/** Whether a deal at `stage` has its pay-deciding fields locked («Договор заключён» or later). */
export function payFieldsLocked(stage: string): boolean {
  return stage !== LOST_STAGE && stageIndex(stage) >= stageIndex('Договор заключён');
}

/** Fields of a deal that only the director changes at this stage. */
export function directorOnlyDealFields(stage: string): string[] {
  return payFieldsLocked(stage) ? [H.owner, ...PAY_FIELDS] : [H.owner];
}

/** Why a move of a deal back from a signed stage needs the director, or null. */
export function backFromSignedProblem(from: string, to: Stage, isDirector: boolean): string | null {
  if (isDirector || !payFieldsLocked(from)) return null;
  if (to !== LOST_STAGE && stageIndex(to) >= stageIndex(from)) return null;
  return `сделку с заключённым договором («${from}») вернуть на прежний этап может только директор`;
}

/** Why `user` may not change a field of a row owned by `owner`, or null. */
export function ownRowProblem(user: string, owner: unknown, isDirector: boolean): string | null {
  const o = textOf(owner).toLowerCase();
  if (isDirector || !user || !o || o === user) return null;
  return `строку ведёт другой сотрудник (${o}); изменить может он или директор`;
}

/** The message for a director-only field changed by someone else. */
export function directorOnlyMessage(header: string, stage: string): string {
  if (header === H.owner) return 'ответственного назначает только директор';
  return `«${header}» сделки на этапе «${stage}» меняет только директор`;
}

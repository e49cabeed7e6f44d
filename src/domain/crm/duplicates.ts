/**
 * Likely duplicates of a new client (domain section 1): the same ИНН, the same
 * phone once normalised, or the same e-mail ignoring case.
 */
import { H, type RowRecord } from './records';
import { normalizePhone, textOf } from './values';

export interface DuplicateMatch {
  clientId: string;
  name: string;
  /** which fields matched, by header */
  matchedBy: string[];
}

function innKey(value: unknown): string {
  return textOf(value).replace(/\s/g, '');
}

/** The existing clients that share an ИНН, phone or e-mail with `candidate`. */
export function findDuplicates(candidate: RowRecord, existing: readonly RowRecord[]): DuplicateMatch[] {
  const inn = innKey(candidate[H.inn]);
  const phone = normalizePhone(candidate[H.phone]);
  const email = textOf(candidate[H.email]).toLowerCase();
  const matches: DuplicateMatch[] = [];
  for (const row of existing) {
    const by: string[] = [];
    if (inn && innKey(row[H.inn]) === inn) by.push(H.inn);
    if (phone && normalizePhone(row[H.phone]) === phone) by.push(H.phone);
    if (email && textOf(row[H.email]).toLowerCase() === email) by.push(H.email);
    if (by.length > 0) matches.push({ clientId: textOf(row[H.clientId]), name: textOf(row[H.client]), matchedBy: by });
  }
  return matches;
}

/** A regular-expression literal of `text` (RE2, as Sheets' TextFinder uses). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression (RE2, matched against whole cells, case-insensitive)
 * that every cell findDuplicates would count as the candidate's ИНН, phone or
 * e-mail matches: the digits in order with anything between them, the e-mail
 * with spaces around. It may match a little more; findDuplicates decides on
 * the rows it finds. Null when the candidate has none of the three.
 */
export function duplicateSearchPattern(candidate: RowRecord): string | null {
  const digitsApart = (digits: string) => digits.split('').join('\\D*');
  const parts: string[] = [];
  const inn = innKey(candidate[H.inn]);
  if (inn) parts.push(`\\s*${digitsApart(inn.replace(/\D/g, '')) || literal(inn)}\\s*`);
  const phone = normalizePhone(candidate[H.phone]);
  if (phone) parts.push(`\\D*(?:[78]\\D*)?${digitsApart(phone.slice(2))}\\D*`);
  const email = textOf(candidate[H.email]).toLowerCase();
  if (email) parts.push(`\\s*${literal(email)}\\s*`);
  return parts.length > 0 ? parts.join('|') : null;
}

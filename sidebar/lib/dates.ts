/**
 * Dates cross google.script.run as «дд.мм.гггг» text; <input type=date> works
 * in «гггг-мм-дд». These convert between the two without time zones.
 */

/** «2026-03-05» → «05.03.2026»; '' for '' or anything else. */
export function isoToRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** «05.03.2026» (or «5.3.2026») → «2026-03-05»; '' when the text is not such a date. */
export function ruToIso(ru: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(ru.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
}

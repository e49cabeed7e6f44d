/**
 * The protection of a director-only tab: a sheet protection whose editor list
 * is set explicitly to the directors (the owner always stays an editor, as
 * Sheets keeps it), never left as Sheets creates it, mirroring every editor
 * of the file.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Protects the whole tab so that only `directors` (and the owner) edit it; returns whether it was unprotected before. */
export function protectForDirectors(sheet: Sheet, description: string, directors: readonly string[]): boolean {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  const protection = existing.length > 0 ? existing[0] : sheet.protect();
  // extra sheet protections (someone else's) would keep their own editors: only one stays
  for (const extra of existing.slice(1)) extra.remove();
  protection.setDescription(description);
  protection.setWarningOnly(false);
  const keep = new Set(directors.filter((e) => e !== '').map((e) => e.toLowerCase()));
  // the editors read once: after the others are removed, those kept are the ones of `keep` it had
  // Stryker disable next-line StringLiteral: keep holds e-mails only, so '' and any other text are equally not in it
  const editors = protection.getEditors().map((u) => ({ user: u, email: (u.getEmail() || '').toLowerCase() }));
  const others = editors.filter((e) => !keep.has(e.email));
  if (others.length > 0) protection.removeEditors(others.map((e) => e.user));
  const missing = [...keep].filter((e) => !editors.some((u) => u.email === e));
  if (missing.length > 0) protection.addEditors(missing);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return existing.length === 0;
}

/**
 * The tabs among `names` that carry a protection (of the sheet or of a range)
 * the current user may not change. On Google only the spreadsheet's owner and
 * the editors of a protection may edit under it or change it (its description,
 * editors, warning mode): a director from the «Настройки» list whom the owner's
 * protection does not name gets «You are trying to edit a protected cell or
 * object» from the first such call.
 */
export function protectedAgainstMe(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const protections = [
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET),
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE),
    ];
    if (protections.some((p) => !p.canEdit())) out.push(name);
  }
  return out;
}

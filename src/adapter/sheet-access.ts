/**
 * Whether the current user may write a tab that the add-on protects for the
 * director («Журнал», the technical tab). Asked before writing, so that only a
 * missing permission sends entries to the pending queue; any other failure
 * surfaces as an error instead of being queued silently.
 */

/** Set for the rest of the execution once its caller verified that it runs as a director. */
let asDirector = false;

/**
 * The execution runs as a director, as its caller has verified (the installable trigger, once
 * it found itself registered to the director who installed it): every tab protected for the
 * directors is theirs to write, so no protection needs asking about.
 */
export function runsAsDirector(): void {
  asDirector = true;
}

export function userMayWrite(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  if (asDirector) return true;
  return sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).every((p) => p.canEdit());
}

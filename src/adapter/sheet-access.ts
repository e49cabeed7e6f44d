/**
 * Whether the current user may write a tab that the add-on protects for the
 * director («Журнал», the technical tab). Asked before writing, so that only a
 * missing permission sends entries to the pending queue; any other failure
 * surfaces as an error instead of being queued silently.
 */
export function userMayWrite(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  return sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).every((p) => p.canEdit());
}

/**
 * setValues beyond the sheet's last grid row fails (unlike appendRow), so a
 * block append first grows the grid.
 */

/** Makes sure the sheet has at least `lastRow` rows. */
export function ensureGridRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < lastRow) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
}

/**
 * setValues beyond the sheet's last grid row fails (unlike appendRow), so a
 * block append first grows the grid.
 */

/** Makes sure the sheet has at least `lastRow` rows. */
export function ensureGridRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, lastRow: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < lastRow) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
}

/**
 * Appends rows after the sheet's last row with content: one row with appendRow (one call,
 * and Sheets grows the grid itself), more as one block after growing the grid.
 */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: readonly unknown[][], width: number): void {
  if (rows.length === 0) return;
  if (rows.length === 1) {
    sheet.appendRow([...rows[0]]);
    return;
  }
  const first = sheet.getLastRow() + 1;
  ensureGridRows(sheet, first + rows.length - 1);
  sheet.getRange(first, 1, rows.length, width).setValues(rows.map((r) => [...r]));
}

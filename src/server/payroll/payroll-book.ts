/**
 * Where the payroll lives, and who may see it. Every editor of a spreadsheet
 * can see every tab (protection stops edits, not reading), so «Настройки» may
 * send the payroll to a separate spreadsheet that only the director opens:
 * «Ведомость в отдельной таблице» (Да / Нет) and «ID таблицы ведомости», filled
 * by the add-on when it creates that spreadsheet.
 */
import { documentProperties } from '../../adapter/document-properties';
import { DomainError } from '../../domain/money';
import { protectForDirectors } from '../../adapter/protection';
import { PAYROLL_BOOK_ID_PARAM, parseSettings, settingsParamRow } from '../../domain/settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where the ID is kept when «Настройки» has no row for it. */
const BOOK_ID_PROPERTY = 'payrollSpreadsheetId';

export interface PayrollBookSetting {
  separate: boolean;
  id: string;
  /** 1-based row of «ID таблицы ведомости» in «Настройки», or 0 when the row is missing */
  idRow: number;
}

/**
 * The two privacy parameters, read by parseSettings (the one reading of
 * «Настройки»), and the row where the add-on writes the ID back.
 */
export function payrollBookSetting(values: unknown[][]): PayrollBookSetting {
  const settings = parseSettings(values);
  return {
    separate: settings.separatePayrollBook,
    id: settings.payrollBookId,
    idRow: settingsParamRow(values, PAYROLL_BOOK_ID_PARAM),
  };
}

/** The ID of the separate spreadsheet: from «Настройки», or from where it was kept when that row is missing. */
function separateBookId(setting: PayrollBookSetting): string {
  return setting.id || documentProperties.getProperty(BOOK_ID_PROPERTY) || '';
}

function openSeparateBook(id: string): Spreadsheet {
  try {
    return SpreadsheetApp.openById(id);
  } catch {
    // Google gives the same failure for a wrong ID and for a spreadsheet shared with someone else only
    throw new DomainError(
      `Нет доступа к таблице ведомостей (ID ${id}): её открывает только директор, который её создал. ` +
        `Если ID неверный, исправьте «${PAYROLL_BOOK_ID_PARAM}» на листе «Настройки» или очистите его, ` +
        'чтобы создать новую таблицу.',
    );
  }
}

/**
 * The spreadsheet the payroll tabs go to: this one, or the director's separate
 * one (created on first use, its ID written back to «Настройки»). The new
 * spreadsheet belongs to the running user — the director — and is shared
 * with nobody.
 */
export function openPayrollBook(
  ss: Spreadsheet,
  settingsSheet: Sheet | null,
  setting: PayrollBookSetting,
): Spreadsheet {
  if (!setting.separate) return ss;
  const id = separateBookId(setting);
  if (id) return openSeparateBook(id);
  const book = SpreadsheetApp.create(`Зарплата — ${ss.getName()}`);
  const newId = book.getId();
  if (settingsSheet && setting.idRow > 0) settingsSheet.getRange(setting.idRow, 2).setValue(`'${newId}`);
  else documentProperties.setProperty(BOOK_ID_PROPERTY, newId);
  return book;
}

/**
 * The spreadsheet that holds the payroll tabs now, without creating one: this
 * one, the separate one, or null when the separate one was not created yet.
 */
export function existingPayrollBook(ss: Spreadsheet, setting: PayrollBookSetting): Spreadsheet | null {
  if (!setting.separate) return ss;
  const id = separateBookId(setting);
  return id ? openSeparateBook(id) : null;
}

/** Whether the payroll goes to a spreadsheet other than the shared one. */
export function isSeparateBook(ss: Spreadsheet, book: Spreadsheet): boolean {
  // the same object is the same spreadsheet: no ID to ask
  return book !== ss && book.getId() !== ss.getId();
}

/** Protects a payroll tab so that only the directors edit it (see adapter/protection.ts). */
export function protectForDirector(sheet: Sheet, description: string, directorEmails: readonly string[]): void {
  protectForDirectors(sheet, description, directorEmails);
}

/**
 * Where the payroll lives, and who may see it. Every editor of a spreadsheet
 * can see every tab (protection stops edits, not reading), so «Настройки» may
 * send the payroll to a separate spreadsheet that only the director opens:
 * «Ведомость в отдельной таблице» (Да / Нет) and «ID таблицы ведомости», filled
 * by the add-on when it creates that spreadsheet.
 */
import { textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { PARAMS_HEADER } from '../../domain/settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SEPARATE_BOOK_PARAM = 'Ведомость в отдельной таблице';
export const SEPARATE_BOOK_ID_PARAM = 'ID таблицы ведомости';
/** Where the ID is kept when «Настройки» has no row for it. */
const BOOK_ID_PROPERTY = 'payrollSpreadsheetId';

export interface PayrollBookSetting {
  separate: boolean;
  id: string;
  /** 1-based row of «ID таблицы ведомости» in «Настройки», or 0 when the row is missing */
  idRow: number;
}

/** Reads the two privacy parameters from the «Настройки» grid (values of one getValues). */
export function payrollBookSetting(values: readonly unknown[][]): PayrollBookSetting {
  const out: PayrollBookSetting = { separate: false, id: '', idRow: 0 };
  const headerAt = values.findIndex(
    (row) => textOf(row[0]) === PARAMS_HEADER[0] && textOf(row[1]) === PARAMS_HEADER[1],
  );
  if (headerAt < 0) return out;
  for (let i = headerAt + 1; i < values.length; i++) {
    const name = textOf(values[i][0]).toLowerCase();
    if (name === SEPARATE_BOOK_PARAM.toLowerCase()) {
      const v = textOf(values[i][1]).toLowerCase();
      if (['да', 'true', 'истина', '1'].includes(v)) out.separate = true;
      else if (v !== '' && !['нет', 'false', 'ложь', '0'].includes(v)) {
        throw new DomainError(`Настройки, строка ${i + 1} («${SEPARATE_BOOK_PARAM}»): укажите «Да» или «Нет»`);
      }
    } else if (name === SEPARATE_BOOK_ID_PARAM.toLowerCase()) {
      out.id = textOf(values[i][1]);
      out.idRow = i + 1;
    }
  }
  return out;
}

/**
 * The spreadsheet the payroll tabs go to: this one, or the director's separate
 * one (created on first use, its ID written back to «Настройки»).
 */
export function openPayrollBook(
  ss: Spreadsheet,
  settingsSheet: Sheet | null,
  setting: PayrollBookSetting,
): Spreadsheet {
  if (!setting.separate) return ss;
  const id = setting.id || PropertiesService.getDocumentProperties().getProperty(BOOK_ID_PROPERTY) || '';
  if (id) {
    try {
      return SpreadsheetApp.openById(id);
    } catch {
      throw new DomainError(
        `Не удалось открыть таблицу ведомостей (ID ${id}). Проверьте «${SEPARATE_BOOK_ID_PARAM}» на листе «Настройки» ` +
          'или очистите его, чтобы создать новую таблицу.',
      );
    }
  }
  const book = SpreadsheetApp.create(`Зарплата — ${ss.getName()}`);
  const newId = book.getId();
  if (settingsSheet && setting.idRow > 0) settingsSheet.getRange(setting.idRow, 2).setValue(`'${newId}`);
  else PropertiesService.getDocumentProperties().setProperty(BOOK_ID_PROPERTY, newId);
  return book;
}

/**
 * Protects a payroll tab so that only the director edits it. The director runs
 * the payroll, so the running user stays an editor.
 */
export function protectForDirector(sheet: Sheet, description: string, directorEmails: readonly string[]): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  const protection = existing.length > 0 ? existing[0] : sheet.protect();
  protection.setDescription(description);
  protection.setWarningOnly(false);
  const keep = new Set(directorEmails.filter((e) => e !== '').map((e) => e.toLowerCase()));
  const others = protection.getEditors().filter((u) => !keep.has(u.getEmail().toLowerCase()));
  if (others.length > 0) protection.removeEditors(others);
  if (keep.size > 0) protection.addEditors([...keep]);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

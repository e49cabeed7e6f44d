/**
 * What the payroll features share: the spreadsheet and the running user, the
 * «Настройки» grid, the spreadsheet the payroll goes to, the closed months, and
 * the parse of the month a person types.
 */
import { addMonths, monthKey, parseMonth, type YearMonth } from '../../domain/calendar';
import { textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { defaultSettings, parseSettings, type Settings } from '../../domain/settings';
import { payrollSheetName, SHEETS } from '../../domain/workbook/schema';
import { logRefusedAccess } from '../../adapter/audit-log';
import { SheetDates } from '../../adapter/sheet-dates';
import { currentUserEmail, directorEmails, isDirectorEmail } from '../../adapter/user';
import { CLOSED_MONTHS_HEADERS, CLOSED_MONTHS_SHEET, closedEntries, type ClosedMonthEntry } from './closed-months';
import { isSeparateBook, openPayrollBook, payrollBookSetting } from './payroll-book';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** «ММ.ГГГГ» of a month, as the payroll tab names it. */
export function monthLabel(month: YearMonth): string {
  return `${String(month.month).padStart(2, '0')}.${month.year}`;
}

/** The month a person typed: «03.2026» or «2026-03»; blank takes `fallback`. */
export function parseMonthAnswer(text: string, fallback: YearMonth): YearMonth {
  const t = text.trim();
  if (t === '') return fallback;
  if (!/^\d{1,2}\.\d{4}$/.test(t) && !/^\d{4}-\d{1,2}$/.test(t)) {
    throw new DomainError(`«${t}» — не месяц. Введите месяц в виде ММ.ГГГГ, например ${monthLabel(fallback)}.`);
  }
  return parseMonth(t, 'Месяц');
}

/** The month before the one of `today`: the usual month to compute. */
export function previousMonth(today: Date): YearMonth {
  return addMonths({ year: today.getFullYear(), month: today.getMonth() + 1 }, -1);
}

/** The payroll features' view of the running execution. */
export class PayrollContext {
  readonly now = new Date();
  private settingsValues: unknown[][] | null = null;
  private settingsParsed: Settings | null = null;
  private bookCache: Spreadsheet | null = null;
  private booksCache: Spreadsheet[] | null = null;

  constructor(
    readonly ss: Spreadsheet,
    /** lower-case e-mail, '' when Google does not reveal it */
    readonly user: string,
  ) {}

  static current(): PayrollContext {
    return new PayrollContext(SpreadsheetApp.getActiveSpreadsheet(), currentUserEmail());
  }

  /** «Настройки» as one getValues (empty when the tab is missing). */
  get settingsGrid(): unknown[][] {
    if (this.settingsValues === null) {
      const sheet = this.ss.getSheetByName(SHEETS.settings);
      this.settingsValues = sheet ? SheetDates.of(this.ss).grid(sheet.getDataRange().getValues()) : [];
    }
    return this.settingsValues;
  }

  /** Today as the spreadsheet's people see it (its own time zone), as a script-zone midnight. */
  get today(): Date {
    return SheetDates.of(this.ss).today(this.now);
  }

  get settings(): Settings {
    if (this.settingsParsed === null) {
      this.settingsParsed = this.settingsGrid.length > 0 ? parseSettings(this.settingsGrid) : defaultSettings();
    }
    return this.settingsParsed;
  }

  /** The directors' e-mails (the owner and the «Настройки» list): the editors of the payroll tabs. */
  directorEmails(): string[] {
    return directorEmails(this.ss, this.settings.directorEmail);
  }

  /** Payroll is the director's: anyone else, and a user Google does not name, is refused. */
  requireDirector(): void {
    if (isDirectorEmail(this.ss, this.settings.directorEmail, this.user)) return;
    logRefusedAccess(this.ss, this.user, 'Зарплата: пункт меню директора', this.now);
    throw new DomainError(
      this.user === ''
        ? 'Зарплату рассчитывает и закрывает только директор, а Google не сообщил, кто вы. Войдите в свою учётную запись Google и повторите.'
        : 'Зарплату рассчитывает и закрывает только директор.',
    );
  }

  /** The spreadsheet the payroll tabs go to (this one unless «Ведомость в отдельной таблице» is «Да»). */
  get book(): Spreadsheet {
    if (this.bookCache === null) {
      this.bookCache = openPayrollBook(
        this.ss,
        this.ss.getSheetByName(SHEETS.settings),
        payrollBookSetting(this.settingsGrid),
      );
    }
    return this.bookCache;
  }

  /** The payroll tab of a month, or null. */
  payrollSheet(month: YearMonth): Sheet | null {
    return this.book.getSheetByName(payrollSheetName(month.year, month.month));
  }

  /**
   * The closed months' rows, [] when none was closed yet. Closed means closed in
   * either book: a month closed here before «Ведомость в отдельной таблице» was
   * switched on (or closed in the separate book before it was switched off)
   * stays closed. One getValues per book; a month and employee are counted once.
   */
  closedEntries(): ClosedMonthEntry[] {
    const out: ClosedMonthEntry[] = [];
    const seen = new Set<string>();
    for (const book of this.allBooks()) {
      const sheet = book.getSheetByName(CLOSED_MONTHS_SHEET);
      if (!sheet) continue;
      for (const entry of closedEntries(SheetDates.of(book).grid(sheet.getDataRange().getValues()))) {
        const key = `${entry.month}\u0000${entry.tabNo}\u0000${entry.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(entry);
      }
    }
    return out;
  }

  /** The payroll book first, then the other one that may hold months closed earlier. */
  private allBooks(): Spreadsheet[] {
    if (this.booksCache === null) this.booksCache = this.findBooks();
    return this.booksCache;
  }

  private findBooks(): Spreadsheet[] {
    const book = this.book;
    if (isSeparateBook(this.ss, book)) return [book, this.ss];
    const otherId = this.settings.payrollBookId.trim();
    if (!otherId) return [book];
    try {
      return [book, SpreadsheetApp.openById(otherId)];
    } catch {
      // the separate book is gone or not shared with this user: only this book's months are known
      return [book];
    }
  }

  /** The payroll tab of a month in the other book (see allBooks), or null. */
  otherBookPayrollSheet(month: YearMonth): Sheet | null {
    const [, other] = this.allBooks();
    return other ? other.getSheetByName(payrollSheetName(month.year, month.month)) : null;
  }

  /** The hidden, director-only tab of closed months, created when missing. */
  closedMonthsSheet(): Sheet {
    const existing = this.book.getSheetByName(CLOSED_MONTHS_SHEET);
    if (existing) return existing;
    const sheet = this.book.insertSheet(CLOSED_MONTHS_SHEET);
    sheet.getRange(1, 1, 1, CLOSED_MONTHS_HEADERS.length).setValues([[...CLOSED_MONTHS_HEADERS]]);
    sheet.setFrozenRows(1);
    sheet.hideSheet();
    return sheet;
  }

  toast(message: string): void {
    this.ss.toast(message, 'Зарплата', 5);
  }
}

/** Whether the month was closed: recorded in the closed months' tab. */
export function isClosed(entries: readonly ClosedMonthEntry[], month: YearMonth): boolean {
  const key = monthKey(month);
  return entries.some((e) => e.month === key);
}

/**
 * The header row of a payroll tab's values and its columns by header; a
 * missing column means the tab is not a ведомость this add-on wrote.
 */
export function payrollColumns(values: readonly unknown[][]): {
  headerAt: number;
  /** the first employee row: below the header row and its row of column numbers (a tab of the older layout has none) */
  firstDataAt: number;
  col: (header: string) => number;
} {
  const headerAt = findHeaderRow(values);
  const headers = values[headerAt].map((h) => textOf(h));
  const next = values[headerAt + 1] ?? [];
  const numbered = headers.length > 1 && next[0] === 1 && next[1] === 2 && next[2] === 3;
  const firstDataAt = headerAt + (numbered ? 2 : 1);
  const col = (header: string) => {
    const i = headers.indexOf(header);
    if (i < 0) throw new DomainError(`В ведомости нет столбца «${header}»: рассчитайте месяц заново.`);
    return i;
  };
  return { headerAt, firstDataAt, col };
}

/** The header row of a payroll tab's values: the row whose first cell is «№ п/п». */
export function findHeaderRow(values: readonly unknown[][]): number {
  const i = values.findIndex((row) => textOf(row[0]) === '№ п/п');
  if (i < 0) throw new DomainError('На листе ведомости нет строки заголовков («№ п/п»): рассчитайте месяц заново.');
  return i;
}

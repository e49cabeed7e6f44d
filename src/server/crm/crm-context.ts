/**
 * What every CRM server feature needs: the spreadsheet, the current user, the
 * time, and the settings, read lazily so an edit that needs no setting reads none.
 */
import { DomainError } from '../../domain/money';
import { logRefusedAccess } from '../../adapter/audit-log';
import { PayrollContext } from '../payroll/payroll-context';
import { defaultSettings, parseSettings, type Settings } from '../../domain/settings';
import { SHEETS } from '../../domain/workbook/schema';
import { SheetDates } from '../../adapter/sheet-dates';
import { currentUserEmail, directorEmails, isDirectorEmail } from '../../adapter/user';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class CrmContext {
  private settingsCache: Settings | null = null;
  private directorCache: boolean | null = null;
  private todayCache: Date | null = null;
  private userCache: string | null;
  readonly now = new Date();

  constructor(
    readonly ss: Spreadsheet,
    /** lower-case e-mail, or '' when Google does not reveal it (consumer accounts); a function to ask only when needed */
    private readonly userOf: string | (() => string),
  ) {
    this.userCache = typeof userOf === 'string' ? userOf : null;
  }

  /** The current user's lower-case e-mail, or '' when Google does not reveal it (asked once, when first needed). */
  get user(): string {
    this.userCache ??= typeof this.userOf === 'string' ? this.userOf : this.userOf();
    return this.userCache;
  }

  /** The context of the running execution (active spreadsheet, active user asked when first needed). */
  static current(): CrmContext {
    return new CrmContext(SpreadsheetApp.getActiveSpreadsheet(), currentUserEmail);
  }

  /** «Настройки» parsed (defaults when the tab is missing). */
  get settings(): Settings {
    if (!this.settingsCache) {
      const sheet = this.ss.getSheetByName(SHEETS.settings);
      this.settingsCache = sheet ? parseSettings(sheet.getDataRange().getValues()) : defaultSettings();
    }
    return this.settingsCache;
  }

  /** Whether the current user is the director: the owner or the «E-mail директора» list (never an unknown user). */
  get isDirector(): boolean {
    if (this.directorCache === null) {
      this.directorCache = this.user !== '' && isDirectorEmail(this.ss, this.directorSetting(), this.user);
    }
    return this.directorCache;
  }

  /** «ГГГГ-ММ» of the months closed in either payroll book. */
  closedMonths(): ReadonlySet<string> {
    try {
      return new Set(new PayrollContext(this.ss, this.user).closedEntries().map((e) => e.month));
    } catch (error) {
      if (error instanceof DomainError) return new Set();
      throw error;
    }
  }

  /** Refuses anyone but the director (an unknown user too) with `what` and how to be recognised. */
  requireDirector(what: string): void {
    if (this.isDirector) return;
    logRefusedAccess(this.ss, this.user, what, this.now);
    throw new DomainError(
      this.user === ''
        ? `${what}. Google не сообщил, кто вы: войдите в свою учётную запись Google и повторите.`
        : `${what}. Вы вошли как ${this.user}.`,
    );
  }

  /** The directors' e-mails (the owner and the «Настройки» list), for protections. */
  directorEmails(): string[] {
    return directorEmails(this.ss, this.directorSetting());
  }

  /** «E-mail директора», '' when «Настройки» cannot be read (then only the owner is the director). */
  private directorSetting(): string {
    try {
      return this.settings.directorEmail;
    } catch {
      return '';
    }
  }

  /** The midnight of today as the spreadsheet's people see it (its time zone), for «Дата этапа» and «Дата создания». */
  get today(): Date {
    this.todayCache ??= SheetDates.of(this.ss).today(this.now);
    return this.todayCache;
  }
}

/**
 * What every CRM server feature needs: the spreadsheet, the current user, the
 * time, and the settings, read lazily so an edit that needs no setting reads none.
 */
import { defaultSettings, parseSettings, type Settings } from '../../domain/settings';
import { SHEETS } from '../../domain/workbook/schema';
import { currentUserEmail, isDirectorEmail } from '../../adapter/user';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class CrmContext {
  private settingsCache: Settings | null = null;
  private directorCache: boolean | null = null;
  readonly now = new Date();

  constructor(
    readonly ss: Spreadsheet,
    /** lower-case e-mail, or '' when Google does not reveal it (consumer accounts) */
    readonly user: string,
  ) {}

  /** The context of the running execution (active spreadsheet, active user). */
  static current(): CrmContext {
    return new CrmContext(SpreadsheetApp.getActiveSpreadsheet(), currentUserEmail());
  }

  /** «Настройки» parsed (defaults when the tab is missing). */
  get settings(): Settings {
    if (!this.settingsCache) {
      const sheet = this.ss.getSheetByName(SHEETS.settings);
      this.settingsCache = sheet ? parseSettings(sheet.getDataRange().getValues()) : defaultSettings();
    }
    return this.settingsCache;
  }

  /** Whether the current user is the director (staff row «Директор», the owner, or «E-mail директора»). */
  get isDirector(): boolean {
    if (this.directorCache === null) {
      const fromSettings = (() => {
        try {
          return this.settings.directorEmail.trim().toLowerCase();
        } catch {
          return '';
        }
      })();
      this.directorCache = this.user !== '' && (this.user === fromSettings || isDirectorEmail(this.ss, this.user));
    }
    return this.directorCache;
  }

  /** The midnight of today, for «Дата этапа» and «Дата создания». */
  get today(): Date {
    return new Date(this.now.getFullYear(), this.now.getMonth(), this.now.getDate());
  }
}

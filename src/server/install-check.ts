/**
 * «Проверка установки» (director): runs each check on the live platform — the
 * scopes Google granted, the account kind, the director's triggers and their
 * heartbeat, the protections, time zone and locale, a real PDF export saved to
 * Drive, MailApp's quota, a custom function computed in a cell, the size of the
 * document properties — and shows one dialog. What it creates to test (a
 * temporary tab, a file on Drive) is removed, even when a check fails midway.
 */
import { documentProperties } from '../adapter/document-properties';
import {
  accountLine,
  checkReportHtml,
  liveLine,
  mailLine,
  propertiesLine,
  protectionLines,
  queueLine,
  SCOPE_PURPOSES,
  scopesLine,
  triggerLine,
  zoneLine,
  type AccountEvidence,
  type CheckLine,
  type ProtectionFact,
} from '../domain/install-check';
import { UNKNOWN_USER } from '../adapter/audit-log';
import { flushTriggerRegistration, lastFlush, QUEUE_STALE_MS, readTriggerHealth } from '../adapter/trigger-health';
import { workingDaysInMonth } from '../domain/calendar';
import { DomainError } from '../domain/money';
import { textOf } from '../domain/crm/values';
import { pluralForm } from '../domain/words';
import { SHEETS } from '../domain/workbook/schema';
import { CrmContext } from './crm/crm-context';
import { MEMORY_SHEET } from '../adapter/value-memory';
import { DIRECTOR_ONLY } from './crm/setup-workbook';
import { CLOSED_MONTHS_SHEET } from './payroll/closed-months';
import { FLUSH_FUNCTION, OWNER_EDIT_FUNCTION } from './crm/edit-trigger';
import { exportSheetPdf } from './payroll/print';

/** The manifest's scopes (a test keeps this list equal to appsscript.json). */
export const REQUIRED_SCOPES = Object.keys(SCOPE_PURPOSES);

/** The temporary tab of the live checks; its name cannot clash with the workbook's tabs. */
export const CHECK_SHEET = '_Проверка установки';

/** A month whose norm the production calendar knows, computed by WORKING_DAYS in a cell. */
const PROBE_MONTH = '2026-03';
const WORKING_DAY_FORMS = ['рабочий день', 'рабочих дня', 'рабочих дней'] as const;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** ScriptApp.getAuthorizationInfo with the scope list (newer than the type definitions). */
interface AuthorizationInfoWithScopes {
  getAuthorizedScopes?(): string[] | null;
}

function grantedScopes(): string[] | null {
  const getInfo = ScriptApp.getAuthorizationInfo as unknown as (
    mode: GoogleAppsScript.Script.AuthMode,
    scopes: string[],
  ) => AuthorizationInfoWithScopes;
  const info = getInfo(ScriptApp.AuthMode.FULL, REQUIRED_SCOPES);
  return typeof info.getAuthorizedScopes === 'function' ? info.getAuthorizedScopes() : null;
}

/** The director-only tabs of this spreadsheet: setup's, the memory, the closed months, each month's payroll and payslips. */
function directorOnlyTabs(ss: Spreadsheet): string[] {
  const monthly = ss
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => /^(Зарплата|Расчётные листки) \d\d\.\d{4}$/.test(n));
  return [...DIRECTOR_ONLY, MEMORY_SHEET, CLOSED_MONTHS_SHEET, ...monthly];
}

function protectionFacts(ss: Spreadsheet): ProtectionFact[] {
  return directorOnlyTabs(ss).map((name) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet)
      return { sheet: name, exists: false, protected: false, warningOnly: false, domainEdit: false, editors: [] };
    const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    if (!protection) {
      return { sheet: name, exists: true, protected: false, warningOnly: false, domainEdit: false, editors: [] };
    }
    return {
      sheet: name,
      exists: true,
      protected: true,
      warningOnly: protection.isWarningOnly(),
      domainEdit: protection.canDomainEdit(),
      editors: protection.getEditors().map((u) => u.getEmail().toLowerCase()),
    };
  });
}

/** How many recent «Журнал» entries have no user, and how many name someone other than a director. */
function accountEvidence(ctx: CrmContext): AccountEvidence {
  const sheet = ctx.ss.getSheetByName(SHEETS.log);
  const evidence = { unknownUsers: 0, otherUsers: 0 };
  if (!sheet || sheet.getLastRow() < 2) return evidence;
  const headers = sheet
    .getRange(1, 1, 1, sheet.getLastColumn())
    .getValues()[0]
    .map((h) => textOf(h));
  const col = headers.indexOf('Пользователь') + 1;
  if (col === 0) return evidence;
  const first = Math.max(2, sheet.getLastRow() - RECENT_LOG_ROWS + 1);
  const directors = ctx.directorEmails();
  for (const [cell] of sheet.getRange(first, col, sheet.getLastRow() - first + 1, 1).getValues()) {
    const user = textOf(cell).toLowerCase();
    if (user === UNKNOWN_USER) evidence.unknownUsers++;
    else if (user.includes('@') && !directors.includes(user)) evidence.otherUsers++;
  }
  return evidence;
}

/** How far back the log is read for whose e-mails Google gives. */
const RECENT_LOG_ROWS = 500;

/** Employees with an e-mail who are not dismissed: who gets the digest and a payslip. */
function teamWithMail(ss: Spreadsheet): number {
  const sheet = ss.getSheetByName(SHEETS.staff);
  if (!sheet || sheet.getLastRow() < 2) return 0;
  const values = sheet.getDataRange().getValues();
  const headers = values[0].map((h) => textOf(h));
  const email = headers.indexOf('Email');
  const dismissed = headers.indexOf('Дата увольнения');
  if (email < 0) return 0;
  return values.slice(1).filter((r) => textOf(r[email]) !== '' && (dismissed < 0 || textOf(r[dismissed]) === ''))
    .length;
}

function propertiesFacts(): { total: number; largest: number; largestKey: string } {
  const all = documentProperties.getProperties();
  let total = 0;
  let largest = 0;
  let largestKey = '';
  for (const [key, value] of Object.entries(all)) {
    // Google counts a property as its key and value, in bytes
    const size = utf8Length(key) + utf8Length(value);
    total += size;
    if (size > largest) {
      largest = size;
      largestKey = key;
    }
  }
  return { total, largest, largestKey };
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The checks that need the live platform, on one temporary tab: a custom
 * function computed in a cell, then a PDF export of the tab saved to Drive and
 * deleted. The tab and the file are removed whatever fails.
 */
function liveChecks(ss: Spreadsheet): CheckLine[] {
  const lines: CheckLine[] = [];
  const probeNorm = workingDaysInMonth(Number(PROBE_MONTH.slice(0, 4)), Number(PROBE_MONTH.slice(5)));
  const leftover = ss.getSheetByName(CHECK_SHEET);
  if (leftover) ss.deleteSheet(leftover);
  const sheet = ss.insertSheet(CHECK_SHEET);
  try {
    let formulaError: string | null = null;
    try {
      sheet.getRange(1, 1).setValue('Проверка установки: этот лист удаляется сам');
      sheet.getRange(2, 1).setFormula(`=WORKING_DAYS("${PROBE_MONTH}")`);
      SpreadsheetApp.flush();
      const got = sheet.getRange(2, 1).getValue() as unknown;
      if (got !== probeNorm) {
        formulaError = `=WORKING_DAYS("${PROBE_MONTH}") дала «${textOf(got) || sheet.getRange(2, 1).getDisplayValue()}» вместо ${probeNorm}.`;
      }
    } catch (error) {
      formulaError = message(error);
    }
    lines.push(
      liveLine(
        'Функции ячеек',
        formulaError,
        `=WORKING_DAYS("${PROBE_MONTH}") посчитана в ячейке: ${probeNorm} ${pluralForm(probeNorm, WORKING_DAY_FORMS)}.`,
        'Обновите вкладку таблицы и повторите; если ошибка останется, загрузите надстройку заново (npm run deploy).',
      ),
    );

    let exportError: string | null = null;
    let fileId = '';
    try {
      fileId = exportSheetPdf(ss, sheet).fileId;
    } catch (error) {
      exportError = message(error);
    } finally {
      if (fileId) {
        try {
          Drive!.Files!.remove(fileId);
        } catch (error) {
          exportError = `PDF сохранён, но не удалён с Диска (${message(error)}): удалите файл «Проверка установки» вручную.`;
        }
      }
    }
    lines.push(
      liveLine(
        'Печать в PDF и Google Диск',
        exportError,
        'PDF листа получен по адресу выгрузки, сохранён на Диск и удалён.',
        'Проверьте, что в редакторе скриптов в «Службах» подключён Drive API v3 и что разрешения выданы (CRM → «Настроить таблицу»).',
      ),
    );
  } finally {
    ss.deleteSheet(sheet);
  }
  return lines;
}

/**
 * The director's two installable triggers, from what setup registered and
 * their heartbeats (adapter/trigger-health.ts), and the queue they drain.
 */
function triggerChecks(ctx: CrmContext): CheckLine[] {
  const health = readTriggerHealth(ctx.now);
  const own = ScriptApp.getProjectTriggers();
  const mine = (handler: string) => own.filter((t) => t.getHandlerFunction() === handler).map((t) => t.getUniqueId());
  const directors = ctx.directorEmails();
  const queueStale = health.queueSince !== null && ctx.now.getTime() - health.queueSince.getTime() > QUEUE_STALE_MS;
  return [
    triggerLine({
      purpose: 'проверка правок от имени директора',
      registration: health.registration,
      mine: mine(OWNER_EDIT_FUNCTION),
      me: ctx.user,
      directors,
      lastRun: health.lastRun,
      missed: health.state === 'stale',
    }),
    triggerLine({
      purpose: 'ежечасный перенос записей в «Журнал»',
      registration: flushTriggerRegistration(),
      mine: mine(FLUSH_FUNCTION),
      me: ctx.user,
      directors,
      lastRun: lastFlush(),
      missed: queueStale,
    }),
    queueLine(health.queueSince, health.queueOverflow, queueStale),
  ];
}

/** Every check, in the dialog's order. */
export function installCheckLines(ctx: CrmContext): CheckLine[] {
  const lines: CheckLine[] = [];
  const guard = (title: string, fn: () => CheckLine | CheckLine[]) => {
    try {
      lines.push(...([] as CheckLine[]).concat(fn()));
    } catch (error) {
      lines.push({
        title,
        ok: false,
        found: message(error),
        fix: 'Повторите проверку; если ошибка останется, запустите «Настроить таблицу».',
      });
    }
  };
  guard('Разрешения', () => scopesLine(REQUIRED_SCOPES, grantedScopes()));
  guard('Учётные записи', () => accountLine(ctx.user, accountEvidence(ctx)));
  guard('Триггеры', () => triggerChecks(ctx));
  guard('Защита листов', () => protectionLines(protectionFacts(ctx.ss), ctx.directorEmails()));
  guard('Часовой пояс и язык', () =>
    zoneLine(ctx.ss.getSpreadsheetTimeZone(), Session.getScriptTimeZone(), ctx.ss.getSpreadsheetLocale()),
  );
  guard('Почта: дневной лимит', () => mailLine(MailApp.getRemainingDailyQuota(), teamWithMail(ctx.ss)));
  guard('Служебная память документа', () => {
    const p = propertiesFacts();
    return propertiesLine(p.total, p.largest, p.largestKey);
  });
  guard('Проверки на листе', () => liveChecks(ctx.ss));
  return lines;
}

/** Menu CRM → «Проверка установки»: the director only, refused before anything runs. */
export function runInstallCheck(ctx: CrmContext): CheckLine[] {
  if (!ctx.isDirector) throw new DomainError('Проверку установки запускает директор.');
  const lines = installCheckLines(ctx);
  const html = HtmlService.createHtmlOutput(checkReportHtml(lines)).setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Проверка установки');
  return lines;
}

/** The end of the director's «Настроить таблицу»: its report, and the offer to check the installation now. */
export function offerInstallCheck(ctx: CrmContext, title: string, report: string): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(title, report + '\n\nПроверить установку сейчас? (около минуты)', ui.ButtonSet.YES_NO);
  if (answer === ui.Button.YES) runInstallCheck(ctx);
}

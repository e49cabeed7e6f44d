/**
 * «Зарплата → Разослать расчётные листки» (ТК ст. 136): each employee gets by
 * e-mail, from the director's account, a PDF of their own payslip and nothing
 * else. The PDF is the export of the one row of the payslips tab that holds
 * their slip, and the row's hidden «Таб. №» is checked against the addressee
 * before sending. Who already got the month's slip is kept in a document
 * property, re-read and updated under the document lock around each send, so
 * a run stopped by MailApp's daily quota (or by the 6-minute limit) is
 * continued by the next one and nobody gets a slip twice. Every mail is
 * recorded in «Журнал» (who, which month, to which address; no amounts, as
 * every editor reads «Журнал»).
 */
import { documentProperties } from '../../adapter/document-properties';
import { monthKey, type YearMonth } from '../../domain/calendar';
import { isValidEmail } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { formatRubles } from '../../domain/payroll/payslip';
import { SHEETS } from '../../domain/workbook/schema';
import { appendLog } from '../../adapter/audit-log';
import { withDocumentLock } from '../../adapter/lock';
import { SheetDates } from '../../adapter/sheet-dates';
import { isClosedSheet } from './compute-month';
import { isClosed, monthLabel, type PayrollContext } from './payroll-context';
import { monthTitle } from './payroll-sheet-plan';
import { makePayslips, PAYSLIP_TABNO_COL, type PayslipRow, payslipSheetName, slipsOfTab } from './payslips';
import { fetchSheetPdf, PAYSLIP_PRINT } from './print';
import { SourceGrid, staffRecords } from './source-records';

export const MAIL_LOG_ACTION = 'Расчётный листок отправлен';

/** A run stops starting new mails after this long, well inside Apps Script's 6 minutes. */
export const MAIL_RUN_BUDGET_MS = 4.5 * 60 * 1000;

/** The document property with the «Таб. №» of those who got the month's slip. */
export function sentPropertyKey(month: YearMonth): string {
  return `payslipMail.${monthKey(month)}`;
}

export interface MailRunResult {
  month: YearMonth;
  /** slips of the month */
  total: number;
  /** sent by this run: «ФИО <e-mail>» */
  sent: string[];
  /** got it in an earlier run */
  earlier: number;
  /** no e-mail in «Сотрудники», or one that is not an address */
  noEmail: string[];
  /** not sent because the address is shared or the «Таб. №» is not unique: nobody may get another's slip */
  ambiguous: string[];
  /** refused by Google for another reason */
  failed: string[];
  /** what is left for the next run: the daily quota or the time ran out */
  stoppedBy: 'quota' | 'time' | null;
  remaining: number;
}

function readSent(month: YearMonth): Set<string> {
  const raw = documentProperties.getProperty(sentPropertyKey(month));
  if (!raw) return new Set();
  try {
    const list = JSON.parse(raw) as unknown;
    return new Set(Array.isArray(list) ? list.map(String) : []);
  } catch {
    return new Set();
  }
}

function writeSent(month: YearMonth, sent: ReadonlySet<string>): void {
  documentProperties.setProperty(sentPropertyKey(month), JSON.stringify([...sent]));
}

/** Google's message when the day's mail is used up. */
function isQuotaError(error: unknown): boolean {
  return /too many times|квот|limit/i.test(error instanceof Error ? error.message : String(error));
}

interface Addressee {
  slip: PayslipRow;
  email: string;
}

/**
 * Who may get a slip: their «Email» in «Сотрудники» by «Таб. №»; an address or
 * a «Таб. №» shared by two employees is never used.
 */
function addressees(
  ctx: PayrollContext,
  slips: readonly PayslipRow[],
): { ok: Addressee[]; noEmail: string[]; ambiguous: string[] } {
  const sheet = ctx.ss.getSheetByName(SHEETS.staff);
  if (!sheet) throw new DomainError(`Нет листа «${SHEETS.staff}». Запустите меню CRM → «Настроить таблицу».`);
  const staff = staffRecords(
    new SourceGrid(SHEETS.staff, SheetDates.of(ctx.ss).grid(sheet.getDataRange().getValues())),
  );
  const byTabNo = new Map<string, string[]>();
  const byEmail = new Map<string, Set<string>>();
  for (const s of staff) {
    const tabNo = s.tabNo.trim();
    const email = s.email.trim().toLowerCase();
    byTabNo.set(tabNo, [...(byTabNo.get(tabNo) ?? []), email]);
    if (email) byEmail.set(email, new Set([...(byEmail.get(email) ?? []), tabNo]));
  }
  const ok: Addressee[] = [];
  const noEmail: string[] = [];
  const ambiguous: string[] = [];
  for (const slip of slips) {
    const emails = byTabNo.get(slip.tabNo.trim()) ?? [];
    const who = `${slip.name} (Таб. № ${slip.tabNo})`;
    if (emails.length > 1) {
      ambiguous.push(`${who}: «Таб. №» повторяется в «${SHEETS.staff}»`);
      continue;
    }
    const email = emails[0] ?? '';
    if (!email || !isValidEmail(email)) {
      noEmail.push(email ? `${who}: «${email}» — не адрес e-mail` : who);
      continue;
    }
    if ((byEmail.get(email)?.size ?? 0) > 1) {
      ambiguous.push(`${who}: адрес ${email} указан и у другого сотрудника`);
      continue;
    }
    ok.push({ slip, email });
  }
  return { ok, noEmail, ambiguous };
}

/** The month's payslips: a closed month's frozen tab as it is, otherwise the tab built afresh from the ведомость. */
function monthSlips(
  ctx: PayrollContext,
  month: YearMonth,
): { slips: PayslipRow[]; sheet: GoogleAppsScript.Spreadsheet.Sheet; sheetName: string } {
  const sheetName = payslipSheetName(month);
  const existing = ctx.book.getSheetByName(sheetName);
  const closed = isClosedSheet(ctx.payrollSheet(month)) || isClosed(ctx.closedEntries(), month);
  if (!existing || !closed) return makePayslips(ctx, month);
  const slips = slipsOfTab(SheetDates.of(ctx.book).grid(existing.getDataRange().getValues()));
  if (!slips) {
    throw new DomainError(
      `Лист «${sheetName}» закрытого месяца составлен в прежнем виде, по нему нельзя разослать листки по одному. ` +
        'Разошлите их вручную из PDF (Зарплата → «Печать / PDF»).',
    );
  }
  return { slips, sheet: existing, sheetName };
}

/** Sends the month's payslips that have not been sent yet, as far as the quota and the time allow. */
export function mailPayslips(ctx: PayrollContext, month: YearMonth, startedAt = Date.now()): MailRunResult {
  ctx.requireDirector();
  if (ctx.user === '') {
    throw new DomainError(
      'Google не сообщил, от чьего имени идёт рассылка. Откройте таблицу под учётной записью директора и повторите.',
    );
  }
  const { slips, sheet, sheetName } = monthSlips(ctx, month);
  const { ok, noEmail, ambiguous } = addressees(ctx, slips);
  // the hidden «Таб. №» of every row, read once: the row exported for a person must be theirs
  const rowTabNos = sheet
    .getRange(1, PAYSLIP_TABNO_COL, slips.length, 1)
    .getDisplayValues()
    .map((r) => String(r[0]).trim());
  const result: MailRunResult = {
    month,
    total: slips.length,
    sent: [],
    earlier: 0,
    noEmail,
    ambiguous,
    failed: [],
    stoppedBy: null,
    remaining: 0,
  };
  const title = monthTitle(month);
  const organisation = ctx.settings.organisation;
  const sentBefore = readSent(month);
  result.earlier = ok.filter((a) => sentBefore.has(a.slip.tabNo)).length;
  let pending = ok.filter((a) => !sentBefore.has(a.slip.tabNo));
  while (pending.length > 0) {
    if (Date.now() - startedAt > MAIL_RUN_BUDGET_MS) {
      result.stoppedBy = 'time';
      break;
    }
    if (MailApp.getRemainingDailyQuota() < 1) {
      result.stoppedBy = 'quota';
      break;
    }
    const { slip, email } = pending[0];
    if (rowTabNos[slip.row - 1] !== slip.tabNo.trim()) {
      throw new Error(`Payslip row ${slip.row} holds «${rowTabNos[slip.row - 1]}», not «${slip.tabNo}»`);
    }
    const outcome = withDocumentLock(() => {
      // another run may have sent it meanwhile
      const sent = readSent(month);
      if (sent.has(slip.tabNo)) return 'earlier' as const;
      const pdf = fetchSheetPdf(ctx.book, sheet, {
        ...PAYSLIP_PRINT,
        pageNumbers: false,
        range: { row: slip.row, col: 1, numRows: 1, numCols: 4 },
      }).setName(`Расчётный листок ${monthLabel(month)} — ${slip.name}.pdf`);
      try {
        MailApp.sendEmail({
          to: email,
          subject: `Расчётный листок за ${title}`,
          name: organisation,
          body:
            `Здравствуйте, ${slip.name}!\n\n` +
            `Во вложении ваш расчётный листок за ${title} (ТК РФ ст. 136): начисления, удержания ` +
            `и сумма к выплате — ${formatRubles(slip.toPay)} руб.\n` +
            'Если что-то неверно, ответьте на это письмо.\n\n' +
            organisation,
          attachments: [pdf],
        });
      } catch (error) {
        if (isQuotaError(error)) return 'quota' as const;
        return error instanceof Error ? error.message : String(error);
      }
      sent.add(slip.tabNo);
      writeSent(month, sent);
      appendLog(
        ctx.ss,
        [
          {
            user: ctx.user,
            action: MAIL_LOG_ACTION,
            sheet: sheetName,
            id: slip.tabNo,
            field: '',
            before: '',
            after: email,
            comment: `${slip.name}, ${monthLabel(month)}`,
          },
        ],
        ctx.now,
      );
      return 'sent' as const;
    });
    if (outcome === 'quota') {
      result.stoppedBy = 'quota';
      break;
    }
    pending = pending.slice(1);
    if (outcome === 'sent') result.sent.push(`${slip.name} <${email}>`);
    else if (outcome === 'earlier') result.earlier++;
    else result.failed.push(`${slip.name} <${email}>: ${outcome}`);
  }
  result.remaining = pending.length;
  return result;
}

/** The director's report of a run, in Russian. */
export function mailRunReport(r: MailRunResult): string {
  const lines = [`Расчётные листки за ${monthLabel(r.month)}: отправлено сейчас ${r.sent.length} из ${r.total}.`];
  if (r.earlier > 0) lines.push(`Получили раньше (повторно не отправлялись): ${r.earlier}.`);
  if (r.stoppedBy === 'quota') {
    lines.push(
      `Не отправлено ${r.remaining}: на сегодня исчерпан лимит писем Google. ` +
        'Запустите «Разослать расчётные листки» завтра — письма получат только те, кому их ещё не отправляли.',
    );
  } else if (r.stoppedBy === 'time') {
    lines.push(
      `Не отправлено ${r.remaining}: время выполнения кончилось. Запустите рассылку ещё раз, чтобы продолжить.`,
    );
  }
  if (r.noEmail.length > 0) {
    lines.push(
      `Нет e-mail в листе «${SHEETS.staff}» — вручите листок лично или впишите адрес: ${r.noEmail.join('; ')}.`,
    );
  }
  if (r.ambiguous.length > 0) lines.push(`Не отправлено, чтобы листок не попал к другому: ${r.ambiguous.join('; ')}.`);
  if (r.failed.length > 0) lines.push(`Google не принял письма: ${r.failed.join('; ')}.`);
  if (r.sent.length === 0 && r.remaining === 0 && r.earlier > 0 && r.noEmail.length === 0) {
    lines.push('Все расчётные листки за этот месяц уже разосланы.');
  }
  return lines.join('\n');
}

/**
 * «Зарплата → Реестр на выплату…»: the month's payment register from its
 * ведомость (ФИО, Таб. №, the account number from «Сотрудники», the amount to
 * pay) in the column layout of «Настройки», as the tab «Реестр ММ.ГГГГ» and as
 * a CSV and an .xlsx file on Drive for the bank's salary project or the
 * accountant's 1С import. Its total is
 * checked against the ведомость's «Итого» to the kopeck.
 */
import type { YearMonth } from '../../domain/calendar';
import { textOf } from '../../domain/crm/values';
import { DomainError, rublesToKopecks } from '../../domain/money';
import { paymentRegister, type RegisterEntry, registerCsv } from '../../domain/payroll/payment-register';
import { formatRubles } from '../../domain/payroll/payslip';
import { payrollSheetName, SHEETS } from '../../domain/workbook/schema';
import { replaceTabWithPlan } from './compute-month';
import { monthLabel, payrollColumns, type PayrollContext } from './payroll-context';
import { HEADER_BACKGROUND, type SheetPlan, TOTALS_LABEL, widthGroups } from './payroll-sheet-plan';
import { driveFiles, sheetAsXlsx, XLSX_MIME_TYPE } from './print';
import { SourceGrid } from './source-records';
import { columnWidthsFor } from './text-width';
import { safeCellText } from '../../adapter/safe-text';
import { SheetDates } from '../../adapter/sheet-dates';

export const ACCOUNT_HEADER = 'Номер счёта';

/** The register's tab of a month: «Реестр 03.2026». */
export function registerSheetName(month: YearMonth): string {
  return `Реестр ${monthLabel(month)}`;
}

/** The ведомость's computed rows as register entries, and its «Итого» of «К выплате» in kopecks. */
export function registerEntries(
  values: readonly unknown[][],
  accounts: ReadonlyMap<string, string>,
): { entries: RegisterEntry[]; total: number | null } {
  const { firstDataAt, col } = payrollColumns(values);
  const entries: RegisterEntry[] = [];
  let total: number | null = null;
  for (let i = firstDataAt; i < values.length; i++) {
    const row = values[i];
    const name = textOf(row[col('ФИО')]);
    const toPay = row[col('К выплате')];
    if (name === TOTALS_LABEL) {
      total = typeof toPay === 'number' ? rublesToKopecks(toPay) : null;
      break;
    }
    if (typeof toPay !== 'number' || typeof row[col('Всего начислено')] !== 'number') continue;
    const tabNo = textOf(row[col('Таб. №')]);
    entries.push({ tabNo, name, account: accounts.get(tabNo.trim()) ?? '', toPay: rublesToKopecks(toPay) });
  }
  return { entries, total };
}

export interface RegisterResult {
  sheetName: string;
  rows: number;
  /** kopecks, equal to the ведомость's */
  total: number;
  problems: string[];
  csv: { name: string; url: string };
  /** the register's tab alone as an .xlsx file */
  xlsx: { name: string; url: string };
}

/** Builds the register of a month and saves its CSV. */
export function makePaymentRegister(ctx: PayrollContext, month: YearMonth): RegisterResult {
  ctx.requireDirector();
  const sourceName = payrollSheetName(month.year, month.month);
  const source = ctx.payrollSheet(month);
  if (!source) {
    throw new DomainError(`Нет листа «${sourceName}»: сначала рассчитайте месяц (Зарплата → «Рассчитать за месяц…»).`);
  }
  const staffSheet = ctx.ss.getSheetByName(SHEETS.staff);
  if (!staffSheet) throw new DomainError(`Нет листа «${SHEETS.staff}». Запустите меню CRM → «Настроить таблицу».`);
  const staff = new SourceGrid(SHEETS.staff, SheetDates.of(ctx.ss).grid(staffSheet.getDataRange().getValues()));
  const accountCol = staff.optionalCol(ACCOUNT_HEADER);
  if (accountCol < 0) {
    throw new DomainError(
      `В листе «${SHEETS.staff}» нет столбца «${ACCOUNT_HEADER}»: запустите CRM → «Настроить таблицу» и впишите номера счетов.`,
    );
  }
  const tabNoCol = staff.col('Таб. №');
  const accounts = new Map<string, string>();
  for (const row of staff.values.slice(1)) {
    const tabNo = textOf(row[tabNoCol]).trim();
    if (tabNo) accounts.set(tabNo, textOf(row[accountCol]).replace(/^'/, ''));
  }
  const { entries, total } = registerEntries(SheetDates.of(ctx.book).grid(source.getDataRange().getValues()), accounts);
  if (entries.length === 0) throw new DomainError(`В ведомости «${sourceName}» нет рассчитанных строк.`);
  const register = paymentRegister(entries, ctx.settings.paymentRegisterColumns);
  if (total === null || total !== register.total) {
    throw new DomainError(
      `Сумма реестра ${formatRubles(register.total)} руб. не равна итогу ведомости «${sourceName}»` +
        `${total === null ? '' : ` (${formatRubles(total)} руб.)`}: пересчитайте месяц и повторите.`,
    );
  }

  const name = registerSheetName(month);
  const width = register.header.length;
  const sumCol = register.header.indexOf('Сумма');
  const totalRow = Array<string | number>(width).fill('');
  totalRow[Math.max(0, sumCol - 1)] = TOTALS_LABEL;
  totalRow[sumCol] = register.total / 100;
  // every cell text but the amounts, so an account number keeps all its 20 digits
  const values: Array<Array<string | number>> = [
    register.header,
    ...register.rows.map((r) =>
      r.map((v, c) => (c === sumCol ? rublesToKopecks(Number(v.replace(',', '.'))) / 100 : safeCellText(v))),
    ),
    totalRow,
  ];
  const plan: SheetPlan = {
    values,
    numberFormats: values.map((r, i) => r.map((_, c) => (c === sumCol ? '#,##0.00' : i === 0 ? '' : '@'))),
    backgrounds: values.map((_, i) => Array<string | null>(width).fill(i === 0 ? HEADER_BACKGROUND : null)),
    fontWeights: values.map((_, i) =>
      Array<'bold' | 'normal'>(width).fill(i === 0 || i === values.length - 1 ? 'bold' : 'normal'),
    ),
    merges: [],
    frozenRows: 1,
    wraps: [],
    // as wide as what the columns hold: a long full name and a 20-digit account number whole
    columnWidths: widthGroups(
      columnWidthsFor(
        values.map((row, i) => ({
          texts: row.map((v) =>
            typeof v === 'number' ? formatRubles(Math.round(v * 100)) : String(v).replace(/^'/, ''),
          ),
          bold: i === 0 || i === values.length - 1,
        })),
        register.header.map(() => 60),
      ),
    ),
    hiddenColumns: null,
    alignments: register.header.flatMap((h, c) =>
      h === '№ п/п' || h === 'Таб. №'
        ? [{ row: 2, col: c + 1, numRows: register.rows.length, numCols: 1, horizontal: 'center' as const }]
        : [],
    ),
    borders: [{ row: 1, col: 1, numRows: values.length - 1, numCols: width }],
  };
  replaceTabWithPlan(ctx.book, name, plan, {
    description: `${name}: изменяет только директор`,
    directorEmails: ctx.directorEmails(),
  });

  const drive = driveFiles();
  const save = (fileName: string, blob: GoogleAppsScript.Base.Blob, mimeType: string) => {
    const file = drive.create({ name: fileName, mimeType }, blob, { fields: 'id,name,webViewLink' });
    if (!file.webViewLink) throw new DomainError(`Google Диск не сохранил файл «${fileName}». Повторите.`);
    return { name: fileName, url: file.webViewLink };
  };
  const base = `Реестр на выплату ${monthLabel(month)}`;
  const csv = save(
    `${base}.csv`,
    Utilities.newBlob(registerCsv(register.header, register.rows), 'text/csv', `${base}.csv`),
    'text/csv',
  );
  // the tab alone as .xlsx, for a bank or a 1С that reads Excel
  const tab = ctx.book.getSheetByName(name);
  if (!tab) throw new DomainError(`Нет листа «${name}». Повторите.`);
  const xlsx = save(`${base}.xlsx`, sheetAsXlsx(tab, `${base}.xlsx`), XLSX_MIME_TYPE);
  return {
    sheetName: name,
    rows: register.rows.length,
    total: register.total,
    problems: register.problems,
    csv,
    xlsx,
  };
}

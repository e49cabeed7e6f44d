/**
 * The payroll's public globals: the «Зарплата» menu items. Each is thin: ask
 * for the month, call the server, tell the director what happened.
 */
import { alert, menuAction } from '../server/menu-action';
import { closeMonth } from '../server/payroll/close-month';
import { computePayrollTab } from '../server/payroll/compute-month';
import { monthLabel, parseMonthAnswer, PayrollContext, previousMonth } from '../server/payroll/payroll-context';
import { makePayslips } from '../server/payroll/payslips';
import { mailPayslips, mailRunReport } from '../server/payroll/payslip-mail';
import { makePaymentRegister } from '../server/payroll/payment-register';
import { monthKey, type YearMonth } from '../domain/calendar';
import { changedSheetsText, changedSinceComputed } from '../adapter/pay-changes';

/** Asks for «ММ.ГГГГ» (blank: the previous month); null when cancelled. */
function askMonth(title: string, ctx: PayrollContext): YearMonth | null {
  const ui = SpreadsheetApp.getUi();
  const fallback = previousMonth(ctx.today);
  const answer = ui.prompt(title, `Месяц в виде ММ.ГГГГ (пусто — ${monthLabel(fallback)}):`, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  return parseMonthAnswer(answer.getResponseText(), fallback);
}

function formatTime(date: Date): string {
  return Utilities.formatDate(date, SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), 'dd.MM.yyyy HH:mm');
}

function rubles(kopecks: number): string {
  return (kopecks / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * Menu Зарплата → «Рассчитать за месяц…»: builds or replaces «Зарплата ММ.ГГГГ».
 */
export function menuComputePayroll(): void {
  menuAction('Рассчитать за месяц', () => {
    const ctx = PayrollContext.current();
    ctx.requireDirector();
    const month = askMonth('Рассчитать за месяц', ctx);
    if (!month) return;
    // the new tab is made the active one as it is swapped in (a separate book opens by its link)
    const result = computePayrollTab(ctx, month);
    const lines = [
      `${result.replaced ? 'Ведомость пересчитана' : 'Ведомость создана'}: лист «${result.sheetName}».`,
      `Сотрудников: ${result.rows}. К выплате: ${rubles(result.toPay)} руб.`,
    ];
    if (result.changedSince) {
      lines.push(
        `Внимание: данные месяца (${changedSheetsText(result.changedSince)}) менялись после прошлого расчёта — ` +
          `${formatTime(result.changedSince.at)}. Ведомость пересчитана с этими изменениями; проверьте её перед подписью.`,
      );
    }
    if (result.separateBook) {
      lines.push(
        `Лист в отдельной таблице «${result.separateBook.name}» (только для директора): ${result.separateBook.url}`,
      );
    }
    if (result.errors > 0) {
      lines.push(
        `Не рассчитано строк: ${result.errors} — они выделены цветом, причина указана в строке; в итоги они не входят.`,
      );
    }
    alert('Рассчитать за месяц', lines.join('\n'));
  });
}

/**
 * Menu Зарплата → «Закрыть месяц»: freezes the month's ведомость and keeps its income for НДФЛ.
 */
export function menuClosePayrollMonth(): void {
  menuAction('Закрыть месяц', () => {
    const ctx = PayrollContext.current();
    ctx.requireDirector();
    const month = askMonth('Закрыть месяц', ctx);
    if (!month) return;
    const ui = SpreadsheetApp.getUi();
    const changed = changedSinceComputed(monthKey(month));
    const sure = ui.alert(
      'Закрыть месяц',
      (changed
        ? `Внимание: данные месяца (${changedSheetsText(changed)}) менялись после последнего расчёта ` +
          `(${formatTime(changed.at)}) — ` +
          'ведомость их не учитывает. Лучше сначала рассчитать месяц заново.\n\n'
        : '') +
        `Закрыть ${monthLabel(month)}? Формулы ведомости заменятся значениями, лист будет защищён, ` +
        'пересчитать месяц будет нельзя.',
      ui.ButtonSet.YES_NO,
    );
    if (sure !== ui.Button.YES) return;
    const count = closeMonth(ctx, month);
    alert('Закрыть месяц', `Месяц ${monthLabel(month)} закрыт. Записаны начисления ${count} сотрудников для НДФЛ.`);
  });
}

/**
 * Menu Зарплата → «Расчётные листки»: a payslip for each employee of a month (ТК ст. 136).
 */
export function menuPayslips(): void {
  menuAction('Расчётные листки', () => {
    const ctx = PayrollContext.current();
    ctx.requireDirector();
    const month = askMonth('Расчётные листки', ctx);
    if (!month) return;
    const result = makePayslips(ctx, month);
    alert('Расчётные листки', `Лист «${result.sheetName}»: ${result.count} расчётных листков, готовы к печати.`);
  });
}

/**
 * Menu Зарплата → «Разослать расчётные листки»: each employee gets their own
 * payslip as a PDF by e-mail from the director's account; a run stopped by the
 * daily mail quota is continued by the next one.
 */
export function menuMailPayslips(): void {
  menuAction('Разослать расчётные листки', () => {
    const ctx = PayrollContext.current();
    ctx.requireDirector();
    const month = askMonth('Разослать расчётные листки', ctx);
    if (!month) return;
    const result = mailPayslips(ctx, month);
    alert('Разослать расчётные листки', mailRunReport(result));
  });
}

/**
 * Menu Зарплата → «Реестр на выплату…»: the month's amounts to pay with the
 * employees' account numbers, as a tab and a CSV file for the bank or 1С.
 */
export function menuPaymentRegister(): void {
  menuAction('Реестр на выплату', () => {
    const ctx = PayrollContext.current();
    ctx.requireDirector();
    const month = askMonth('Реестр на выплату', ctx);
    if (!month) return;
    const r = makePaymentRegister(ctx, month);
    const lines = [
      `Лист «${r.sheetName}»: ${r.rows} сотрудников, итого ${rubles(r.total)} руб. — как в ведомости.`,
      `Файлы для банка или 1С на Google Диске:`,
      `«${r.csv.name}»: ${r.csv.url}`,
      `«${r.xlsx.name}»: ${r.xlsx.url}`,
    ];
    if (r.problems.length > 0) lines.push(`Проверьте номера счетов в листе «Сотрудники»: ${r.problems.join('; ')}.`);
    alert('Реестр на выплату', lines.join('\n'));
  });
}

/**
 * Public globals of the «Зарплата» menu for printing, the category report and
 * the dashboard. Each is thin: it calls the server feature and shows a
 * DomainError as an alert the person can act on.
 */
import { menuAction } from '../server/menu-action';
import { showCategoryReport } from '../server/payroll/advisor-report';
import { printPayrollPdf } from '../server/payroll/print';
import { refreshDashboardNow } from '../server/dashboard';
import { lastClosedMonth, parsePeriod } from '../domain/crm/analysis';
import { PayrollContext } from '../server/payroll/payroll-context';
import { SheetDates } from '../adapter/sheet-dates';

/**
 * Menu «Зарплата» → «Печать / PDF»: the payroll or payslips tab as an A4
 * landscape PDF saved to Drive, with its link in a dialog.
 */
export function menuPrintPdf(): void {
  menuAction('Печать / PDF', () => {
    PayrollContext.current().requireDirector();
    printPayrollPdf();
  });
}

/**
 * Menu «Зарплата» → «Кто готов к повышению категории»: the tab «Повышение
 * категории» for a date the director gives. It never changes anyone's category.
 */
export function menuCategoryReport(): void {
  menuAction('Кто готов к повышению категории', () => {
    PayrollContext.current().requireDirector();
    showCategoryReport();
  });
}

/**
 * Menu «CRM» → «Обновить дашборд»: refills «Дашборд» and its charts, the
 * analysis for the month just closed.
 */
export function menuRefreshDashboard(): void {
  menuAction('Обновить дашборд', () => refreshDashboardNow());
}

/**
 * Menu «CRM» → «Дашборд за период…»: asks for a month or two days and refills
 * «Дашборд» with the analysis of that period.
 */
export function menuDashboardForPeriod(): void {
  menuAction('Дашборд за период', () => {
    const ui = SpreadsheetApp.getUi();
    const today = SheetDates.of(SpreadsheetApp.getActiveSpreadsheet()).today(new Date());
    const fallback = lastClosedMonth(today).label;
    const answer = ui.prompt(
      'Дашборд за период',
      `Месяц (03.2026) или период (01.03.2026–31.03.2026); пусто — ${fallback}:`,
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    refreshDashboardNow(parsePeriod(answer.getResponseText(), today));
  });
}

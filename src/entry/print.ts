/**
 * Public globals of the «Зарплата» menu for printing, the category report and
 * the dashboard. Each is thin: it calls the server feature and shows a
 * DomainError as an alert the person can act on.
 */
import { menuAction } from '../server/menu-action';
import { showCategoryReport } from '../server/payroll/advisor-report';
import { printPayrollPdf } from '../server/payroll/print';
import { refreshDashboardNow } from '../server/dashboard';
import { PayrollContext } from '../server/payroll/payroll-context';

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
 * Menu «Зарплата» → «Обновить дашборд»: refills «Дашборд» and its charts.
 */
export function menuRefreshDashboard(): void {
  menuAction('Обновить дашборд', refreshDashboardNow);
}

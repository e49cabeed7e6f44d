/**
 * The «Зарплата» menu. Each item calls a public global of src/entry/payroll.ts
 * (or of the printing and category features, which add their items here).
 */
import type { MenuSpec } from '../menu';

export const PAYROLL_MENU: MenuSpec = {
  title: 'Зарплата',
  items: [
    { caption: 'Рассчитать за месяц…', fn: 'menuComputePayroll' },
    { caption: 'Закрыть месяц', fn: 'menuClosePayrollMonth' },
    { caption: 'Расчётные листки', fn: 'menuPayslips' },
    { caption: 'Разослать расчётные листки', fn: 'menuMailPayslips' },
    { caption: 'Печать / PDF', fn: 'menuPrintPdf' },
    { caption: 'Реестр на выплату…', fn: 'menuPaymentRegister' },
    'separator',
    { caption: 'Кто готов к повышению категории', fn: 'menuCategoryReport' },
  ],
};

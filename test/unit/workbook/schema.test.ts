/**
 * The names the add-on gives tabs and columns, as the director reads them in the tab bar and in
 * «Планы»: the payroll tab of a month, and a KPI's target and fact columns.
 */
import { kpiFactHeader, kpiTargetHeader, payrollSheetName } from '../../../src/domain/workbook/schema';

describe('generated names', () => {
  it('names the payroll tab «Зарплата ММ.ГГГГ», the month in two digits', () => {
    expect(payrollSheetName(2026, 3)).toBe('Зарплата 03.2026');
    expect(payrollSheetName(2027, 12)).toBe('Зарплата 12.2027');
  });

  it('names a KPI’s monthly target and fact columns of «Планы»', () => {
    expect(kpiTargetHeader('Новые клиенты')).toBe('Цель: Новые клиенты');
    expect(kpiFactHeader('Качество обслуживания')).toBe('Факт: Качество обслуживания');
  });
});

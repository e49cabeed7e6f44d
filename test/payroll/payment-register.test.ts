/**
 * «Реестр на выплату…»: the ведомость's amounts to pay with the account
 * numbers of «Сотрудники», as a tab and a CSV file in the column layout of
 * «Настройки», and the tab alone as an .xlsx file; its total equals the
 * ведомость's to the kopeck; wrong account
 * numbers are named to the director; a specialist is refused.
 */
import ExcelJS from 'exceljs';
import { createPdfExporter } from '../../local/export/pdf-exporter';
import type { LocalRuntimeSession } from '../../local/runtime';
import {
  accountProblem,
  paymentRegister,
  parseRegisterColumns,
  REGISTER_COLUMNS_PARAM,
  registerCsv,
} from '../../src/domain/payroll/payment-register';
import { CELL_PADDING_PX, textWidthPx } from '../../src/server/payroll/text-width';
import { bundleSession, IVANOV } from '../helpers/workbook';
import { paperStaff, paperWorkbook } from '../print/paper-workbook';
import { computeMonth, NOW, sheetNamed } from './payroll-workbook';

const N = 5;

function session(layout?: string): LocalRuntimeSession {
  const wb = paperWorkbook(N);
  // the third employee's account typed wrong: 19 digits (row 1 is the header, row 2 the director)
  const staff = wb.sheets.find((s) => s.name === 'Сотрудники')!;
  const accountCol = staff.rows[0]!.findIndex((c) => c?.value === 'Номер счёта');
  staff.rows[4]![accountCol] = { value: '4081781000000000001' };
  if (layout) {
    const settings = wb.sheets.find((s) => s.name === 'Настройки')!;
    const row = settings.rows.find((r) => r?.[0]?.value === REGISTER_COLUMNS_PARAM)!;
    row[1] = { value: layout };
  }
  const s = bundleSession(wb, { now: () => NOW, exporter: createPdfExporter() });
  computeMonth(s, '03.2026');
  return s;
}

function run(s: LocalRuntimeSession) {
  s.run('menuPaymentRegister', [], [{ button: 'OK', text: '03.2026' }, { button: 'OK' }]);
  const events = s.takeUiEvents();
  const report = events.filter((e) => e.type === 'alert').pop();
  const downloads = events.flatMap((e) => (e.type === 'download' ? [e] : []));
  const bytes = (d: (typeof downloads)[number] | undefined) =>
    d ? Buffer.from(s.file(d.url.replace('/files/', ''))!.bytes) : null;
  const xlsx = downloads.find((d) => d.name.endsWith('.xlsx'));
  return {
    report: report?.type === 'alert' ? report.message : '',
    csv: bytes(downloads[0]),
    name: downloads[0]?.name ?? '',
    xlsx: bytes(xlsx),
    xlsxDownload: xlsx,
  };
}

/** «Итого» of «К выплате» on the ведомость, in kopecks. */
function payrollTotal(s: LocalRuntimeSession): number {
  const tab = sheetNamed(s, 'Зарплата 03.2026')!;
  const header = tab.rows.findIndex((r) => r?.[0]?.value === '№ п/п');
  const col = tab.rows[header]!.findIndex((c) => c?.value === 'К выплате');
  const totals = tab.rows.find((r) => r?.[2]?.value === 'Итого')!;
  return Math.round((totals[col]!.value as number) * 100);
}

describe('the payment register of a month', () => {
  const s = session();
  const { report, csv, name, xlsx, xlsxDownload } = run(s);
  const staff = paperStaff(N);

  it('saves a CSV for the bank or 1С in the default layout, its total equal to the ведомость’s', () => {
    expect(name).toBe('Реестр на выплату 03.2026.csv');
    const text = csv!.toString('utf8');
    expect(text.startsWith('\ufeff№ п/п;ФИО;Таб. №;Номер счёта;Сумма\r\n')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(N);
    lines.forEach((line, i) => {
      const [no, fio, tabNo, account, amount] = line.split(';');
      expect([no, fio, tabNo]).toEqual([String(i + 1), staff[i].name, staff[i].tabNo]);
      if (i !== 2) expect(account).toBe(staff[i].account);
      expect(amount).toMatch(/^\d+,\d\d$/);
    });
    const sum = lines.reduce((acc, l) => acc + Math.round(Number(l.split(';')[4].replace(',', '.')) * 100), 0);
    expect(sum).toBe(payrollTotal(s));
  });

  it('writes the tab «Реестр 03.2026» with every account number whole and the total', () => {
    const tab = sheetNamed(s, 'Реестр 03.2026')!;
    expect(tab.rows[0]!.map((c) => c?.value)).toEqual(['№ п/п', 'ФИО', 'Таб. №', 'Номер счёта', 'Сумма']);
    expect(tab.rows[1]![3]!.value).toBe(staff[0].account);
    expect(tab.rows[1]![3]!.numberFormat).toBe('@');
    const last = tab.rows[N + 1]!;
    expect(last[3]!.value).toBe('Итого');
    expect(Math.round((last[4]!.value as number) * 100)).toBe(payrollTotal(s));
    expect(tab.protections.some((p) => p.type === 'sheet')).toBe(true);
    // as wide as what it holds: the longest full name and the 20-digit account on one line
    const longest = Math.max(...staff.map((p) => textWidthPx(p.name)));
    expect(tab.columnWidths[1]).toBeGreaterThanOrEqual(Math.ceil(longest + CELL_PADDING_PX));
    expect(tab.columnWidths[3]).toBeGreaterThanOrEqual(Math.ceil(textWidthPx(staff[0].account) + CELL_PADDING_PX));
    expect(tab.rows[1]![0]!.horizontalAlignment).toBe('center');
  });

  it('saves the tab alone as an .xlsx file: the register, every account number as text, the total, nothing else of the book', async () => {
    expect(xlsxDownload?.name).toBe('Реестр на выплату 03.2026.xlsx');
    expect(xlsxDownload?.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(report).toContain(`«Реестр на выплату 03.2026.xlsx»: ${xlsxDownload!.url}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx! as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Реестр 03.2026']);
    const sheet = book.worksheets[0];
    const rows = Array.from({ length: N + 2 }, (_, i) =>
      (sheet.getRow(i + 1).values as unknown[]).slice(1).map((v) => v ?? ''),
    );
    expect(rows[0]).toEqual(['№ п/п', 'ФИО', 'Таб. №', 'Номер счёта', 'Сумма']);
    rows.slice(1, N + 1).forEach((row, i) => {
      expect(row.slice(1, 3)).toEqual([staff[i].name, staff[i].tabNo]);
      if (i !== 2) expect(row[3]).toBe(staff[i].account);
    });
    const sum = rows.slice(1, N + 1).reduce((acc: number, row) => acc + Math.round((row[4] as number) * 100), 0);
    expect(sum).toBe(payrollTotal(s));
    expect(rows[N + 1].slice(3)).toEqual(['Итого', payrollTotal(s) / 100]);
    // the scratch copy it was exported from is gone
    expect(s.otherWorkbooks()).toEqual([]);
  });

  it('names the employee whose account number is wrong', () => {
    expect(report).toContain(
      `${staff[2].name} (Таб. № ${staff[2].tabNo}): номер счёта «4081781000000000001» — не 20 цифр`,
    );
    expect(report).toContain('как в ведомости');
  });

  it('takes its columns and their order from «Настройки»', () => {
    const other = run(session('Номер счёта; Фамилия; Имя; Отчество; Сумма'));
    const [header, first] = other.csv!.toString('utf8').slice(1).split('\r\n');
    expect(header).toBe('Номер счёта;Фамилия;Имя;Отчество;Сумма');
    expect(first.split(';').slice(0, 4)).toEqual([staff[0].account, ...staff[0].name.split(' ')]);
  });

  it('is refused to a specialist', () => {
    const t = session();
    t.setUser(IVANOV);
    const r = run(t);
    expect(r.csv).toBeNull();
    expect(r.report).toContain('только директор');
  });
});

describe('the register’s rules', () => {
  it('reads the layout and names what is wrong in it', () => {
    expect(parseRegisterColumns('ФИО; номер счета; Сумма')).toEqual(['ФИО', 'Номер счёта', 'Сумма']);
    expect(() => parseRegisterColumns('ФИО; ИНН; Сумма')).toThrow('нет столбца «ИНН»');
    expect(() => parseRegisterColumns('ФИО; Номер счёта')).toThrow('нужен столбец «Сумма»');
    expect(() => parseRegisterColumns('Сумма; Сумма; Номер счёта')).toThrow('указан дважды');
  });

  it('checks an account number is 20 digits and quotes CSV fields that need it', () => {
    expect(accountProblem('4081 7810 0000 0000 0001')).toBeNull();
    expect(accountProblem('')).toBe('нет номера счёта');
    const r = paymentRegister(
      [{ tabNo: '1', name: 'Ип "Тест"; и Ко', account: '40817810000000000001', toPay: 1234567 }],
      ['ФИО', 'Сумма', 'Номер счёта'],
    );
    expect(r.total).toBe(1234567);
    expect(registerCsv(r.header, r.rows)).toBe(
      '\ufeffФИО;Сумма;Номер счёта\r\n"Ип ""Тест""; и Ко";12345,67;40817810000000000001\r\n',
    );
  });
});

/**
 * A staff of any size for the pay-day paper tests: real-looking full names
 * (one of them long), both categories, a probation, sales around the plan,
 * an аванс, e-mails (one employee without) and account numbers, March 2026.
 */
import { SeededRandom } from '../../local/demo/random';
import { fullName, randomPerson } from '../../local/demo/russian-data';
import type { WorkbookModel } from '../../local/runtime/model';
import { payrollWorkbook, signedDeal, specialist } from '../payroll/payroll-workbook';
import type { Row } from '../helpers/workbook';

export interface PaperEmployee {
  tabNo: string;
  name: string;
  email: string;
  account: string;
}

/** The employees of paperWorkbook(n), in «Сотрудники» order. */
export function paperStaff(n: number, options: { withoutEmail?: number[] } = {}): PaperEmployee[] {
  const rng = new SeededRandom(1300 + n);
  const used = new Set<string>();
  return Array.from({ length: n }, (_, i) => {
    let name = i === 1 ? 'Константинопольская Александра Вячеславовна' : fullName(randomPerson(rng));
    while (used.has(name)) name = fullName(randomPerson(rng));
    used.add(name);
    const tabNo = String(10 + i);
    return {
      tabNo,
      name,
      email: options.withoutEmail?.includes(i) ? '' : `s${tabNo}@proekt-a.ru`,
      account: `40817810${String(5500000000 + i * 7919).padStart(12, '0')}`,
    };
  });
}

/** The workbook of `paperStaff(n)` with their March 2026: timesheet, plans and signed deals. */
export function paperWorkbook(n: number, options: { withoutEmail?: number[] } = {}): WorkbookModel {
  const rng = new SeededRandom(7 + n);
  const people = paperStaff(n, options);
  const staff: Row[] = people.map((p, i) =>
    specialist(p.tabNo, p.name, {
      Email: p.email,
      Категория: i % 3 === 0 ? 'I категория' : 'II категория',
      'Номер счёта': p.account,
      ...(i === 2 ? { 'Дата приёма': new Date(2026, 0, 20), 'Испытательный срок, мес': 3 } : {}),
    }),
  );
  const deals: Row[] = [];
  people.forEach((p, i) => {
    const count = 1 + (i % 4);
    for (let d = 0; d < count; d++) deals.push(signedDeal(p.tabNo, 2 + ((i + d * 5) % 26), rng.int(60, 900) * 1000));
  });
  return payrollWorkbook({
    staff,
    timesheet: people.map((p, i) => ({
      Месяц: '2026-03',
      'Сотрудник (Таб. №)': p.tabNo,
      'Отработано дней': i % 5 === 4 ? 18 : 21,
      'Аванс, руб.': 10000 + (i % 3) * 2500,
    })),
    plans: people.map((p, i) => ({
      Месяц: '2026-03',
      'Сотрудник (Таб. №)': p.tabNo,
      'План продаж, руб.': 400000 + (i % 5) * 150000,
    })),
    deals,
  });
}

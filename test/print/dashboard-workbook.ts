/**
 * A small workbook for the dashboard: eight deals of two specialists, their
 * plans for March 2026 and default settings; the numbers of the dashboard
 * tests are computed by hand from it.
 */
import { headersOf, IVANOV, PETROVA, type Row, settingsSheet, sheetOf } from '../helpers/workbook';
import { workbook } from './workbook';

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
export const NOW = d(2026, 3, 20);
const SPECIALIST = 'Специалист по работе с клиентами';

function deal(id: string, responsible: string, stage: string, extra: Row = {}): Row {
  return { 'ID сделки': id, 'ID клиента': 'К-00001', Ответственный: responsible, Этап: stage, ...extra };
}

export const DEALS: Row[] = [
  deal('С-00001', IVANOV, 'Завершена', {
    'Дата договора': d(2026, 3, 5),
    'Сумма договора, руб.': 100000,
    'Себестоимость, руб.': 60000,
    'Дата оплаты': d(2026, 3, 10),
  }),
  deal('С-00002', IVANOV, 'Договор заключён', {
    'Дата договора': d(2026, 2, 10),
    'Сумма договора, руб.': 50000,
    'Себестоимость, руб.': 30000,
  }),
  deal('С-00003', IVANOV, 'Отказ', { 'Дата этапа': d(2026, 3, 1), 'Потенциал, руб.': 70000, 'Сумма КП, руб.': 65000 }),
  deal('С-00004', PETROVA, 'КП отправлено', { 'Потенциал, руб.': 45000, 'Сумма КП, руб.': 40000 }),
  deal('С-00005', PETROVA, 'Исполнение', {
    'Дата договора': d(2026, 3, 15),
    'Сумма договора, руб.': 200000,
    'Себестоимость, руб.': 150000,
  }),
  deal('С-00006', PETROVA, 'Новый'),
  // both before the 14 months of the dashboard
  deal('С-00007', PETROVA, 'Отказ', { 'Дата этапа': d(2025, 1, 10) }),
  deal('С-00008', IVANOV, 'Завершена', {
    'Дата договора': d(2025, 1, 20),
    'Сумма договора, руб.': 10000,
    'Себестоимость, руб.': 1000,
    'Дата оплаты': d(2025, 1, 25),
  }),
];

export function dashboardWorkbook(deals: Row[] = DEALS) {
  const wb = workbook();
  sheetOf(wb, 'Сделки', headersOf('deals'), deals);
  sheetOf(wb, 'Сотрудники', headersOf('staff'), [
    { 'Таб. №': '1', ФИО: 'Сараев Е. А.', Email: 'director@proekt-a.ru', Должность: 'Директор' },
    { 'Таб. №': '2', ФИО: 'Иванов И. И.', Email: IVANOV, Должность: SPECIALIST, 'Дата приёма': d(2021, 9, 1) },
    { 'Таб. №': '3', ФИО: 'Петрова А. С.', Email: PETROVA, Должность: SPECIALIST, 'Дата приёма': d(2025, 1, 15) },
  ]);
  sheetOf(
    wb,
    'Планы',
    ['Месяц', 'Сотрудник (Таб. №)', 'План продаж, руб.'],
    [
      { Месяц: '2026-02', 'Сотрудник (Таб. №)': '2', 'План продаж, руб.': 1 },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '2', 'План продаж, руб.': 80000 },
      { Месяц: '2026-03', 'Сотрудник (Таб. №)': '3', 'План продаж, руб.': 250000 },
    ],
  );
  settingsSheet(wb);
  return wb;
}

/**
 * «CRM» → «Дашборд за период…» through the local runtime: the analysis of a
 * chosen month by source, segment, specialist, loss reason and competitor, and
 * the stage-to-stage conversion from «История этапов», each number computed by
 * hand from the rows below; percentages are numbers formatted as %; the month
 * just closed is the default; a wrong period is a clear message.
 */
import type { CellValue } from '../../local/runtime/model';
import { COLUMNS, SHEETS } from '../../src/domain/workbook/schema';
import {
  bundleSession,
  headersOf,
  IVANOV,
  PETROVA,
  settingsSheet,
  sheetOf,
  valuesOf,
  type Row,
} from '../helpers/workbook';
import { workbook } from './workbook';

const d = (m: number, day: number, h = 10) => new Date(2026, m - 1, day, h);
const NOW = d(4, 2);

function client(id: string, source: string, type: string, city: string, created: Date): Row {
  return { 'ID клиента': id, Клиент: id, Тип: type, Источник: source, Город: city, 'Дата создания': created };
}

function deal(id: string, clientId: string, owner: string, stage: string, extra: Row = {}): Row {
  return { 'ID сделки': id, 'ID клиента': clientId, Ответственный: owner, Этап: stage, ...extra };
}

function analysisWorkbook() {
  const wb = workbook();
  sheetOf(wb, SHEETS.clients, headersOf('clients'), [
    client('К-00001', 'Выставка', 'Юрлицо', 'Пермь', d(3, 2)),
    client('К-00002', 'Выставка', 'ИП', 'Пермь', d(3, 5)),
    client('К-00003', 'Сайт', 'Юрлицо', 'Казань', d(3, 9)),
    client('К-00004', 'Сайт', 'Физлицо', 'Казань', d(2, 1)),
  ]);
  sheetOf(wb, SHEETS.deals, headersOf('deals'), [
    // won in March: 300 000 and 100 000
    deal('С-00001', 'К-00001', IVANOV, 'Договор заключён', {
      Направление: 'ПОЛИФАСАД',
      'Дата договора': d(3, 20),
      'Сумма договора, руб.': 300000,
    }),
    deal('С-00002', 'К-00003', PETROVA, 'Исполнение', {
      Направление: 'Электрообогрев',
      'Дата договора': d(3, 25),
      'Сумма договора, руб.': 100000,
    }),
    // lost in March, one to a competitor
    deal('С-00003', 'К-00002', IVANOV, 'Отказ', {
      Направление: 'ПОЛИФАСАД',
      'Причина отказа': 'Выбрал конкурента',
      Конкурент: 'ТеплоЛюкс',
    }),
    deal('С-00004', 'К-00004', PETROVA, 'Отказ', { 'Причина отказа': 'Цена', 'Дата этапа': d(3, 28) }),
    // won in February: not in the period
    deal('С-00005', 'К-00004', PETROVA, 'Завершена', { 'Дата договора': d(2, 10), 'Сумма договора, руб.': 50000 }),
  ]);
  const h = (dealId: string, time: Date, from: string, to: string) => ({
    Время: time,
    'ID сделки': dealId,
    Было: from,
    Стало: to,
    Пользователь: IVANOV,
    Способ: 'Лист',
  });
  sheetOf(
    wb,
    SHEETS.stageHistory,
    COLUMNS.stageHistory.map((c) => c.header),
    [
      h('С-00001', d(3, 3), '', 'Новый'),
      h('С-00001', d(3, 6), 'Новый', 'Потребность выявлена'),
      h('С-00003', d(3, 7), '', 'Новый'),
      h('С-00003', d(3, 9), 'Новый', 'Потребность выявлена'),
      h('С-00003', d(3, 15), 'Потребность выявлена', 'Отказ'),
      h('С-00002', d(3, 10), '', 'Новый'),
    ],
  );
  sheetOf(wb, SHEETS.staff, headersOf('staff'), [
    { 'Таб. №': '2', ФИО: 'Иванов И. И.', Email: IVANOV, Должность: 'Специалист по работе с клиентами' },
    { 'Таб. №': '3', ФИО: 'Петрова А. С.', Email: PETROVA, Должность: 'Специалист по работе с клиентами' },
  ]);
  sheetOf(wb, SHEETS.plans, ['Месяц', 'Сотрудник (Таб. №)', 'План продаж, руб.'], []);
  settingsSheet(wb);
  return wb;
}

function block(values: CellValue[][], title: string, width = 7): CellValue[][] {
  const at = values.findIndex((r) => String(r[0]).startsWith(title));
  if (at < 0) throw new Error(`no block ${title}`);
  const out: CellValue[][] = [];
  for (let r = at + 2; r < values.length && values[r]?.[0] !== ''; r++) out.push(values[r].slice(0, width));
  return out;
}

describe('the dashboard for a chosen period', () => {
  it('analyses March 2026 by source, segment, specialist, loss and stage', () => {
    const wb = analysisWorkbook();
    const s = bundleSession(wb, { now: () => NOW });
    s.run('menuDashboardForPeriod', [], [{ button: 'OK', text: '03.2026' }]);
    const values = valuesOf(wb, SHEETS.dashboard);
    expect(values.some((r) => r[0] === 'Анализ за период 03.2026')).toBe(true);
    expect(block(values, 'Источники клиентов за 03.2026')).toEqual([
      // clients created in March · deals opened · won · lost · sales · conversion
      ['Выставка', 2, 2, 1, 1, 300000, 0.5],
      ['Сайт', 1, 1, 1, 1, 100000, 0.5],
    ]);
    expect(block(values, 'По типу клиента за 03.2026')).toEqual([
      ['Юрлицо', 2, 2, 2, 0, 400000, 1],
      ['ИП', 1, 1, 0, 1, 0, 0],
      ['Физлицо', 0, 0, 0, 1, 0, 0],
    ]);
    expect(block(values, 'По городам за 03.2026')).toEqual([
      ['Пермь', 2, 2, 1, 1, 300000, 0.5],
      ['Казань', 1, 1, 1, 1, 100000, 0.5],
    ]);
    expect(block(values, 'По направлениям за 03.2026', 6)).toEqual([
      ['ПОЛИФАСАД', 2, 1, 1, 300000, 0.5],
      ['Электрообогрев', 1, 1, 0, 100000, 1],
      ['(не указано)', 0, 0, 1, 0, 0],
    ]);
    expect(block(values, 'Воронка специалистов за 03.2026', 6)).toEqual([
      ['Иванов И. И.', 2, 1, 1, 300000, 0.5],
      ['Петрова А. С.', 1, 1, 1, 100000, 0.5],
    ]);
    expect(block(values, 'Причины отказа за 03.2026', 2)).toEqual([
      ['Выбрал конкурента', 1],
      ['Цена', 1],
    ]);
    expect(block(values, 'Проиграно конкурентам за 03.2026', 2)).toEqual([['ТеплоЛюкс', 1]]);
    const stages = block(values, 'Конверсия по этапам за 03.2026', 5);
    expect(stages[0]).toEqual(['Новый → Потребность выявлена', 3, 2, 2 / 3, 2.5]);
    expect(stages[1]).toEqual(['Потребность выявлена → Надёжность оценена', 2, 0, 0, 6]);
    expect(stages[2]).toEqual(['Надёжность оценена → Переговоры', 0, 0, '—', '—']);

    // percentages are numbers shown as %, not 0–1 fractions
    const sheet = wb.sheets.find((x) => x.name === SHEETS.dashboard)!;
    const row = values.findIndex((r) => r[0] === 'Выставка');
    expect(sheet.rows[row]?.[6]?.numberFormat).toMatch(/%$/);
    const charts = sheet.charts.map((c) => [c.type, c.title]);
    expect(charts).toContainEqual(['pie', 'Причины отказа (03.2026)']);
    expect(charts).toContainEqual(['bar', 'Выиграно и проиграно по специалистам (03.2026)']);
  });

  it('defaults to the month just closed and refuses a period it cannot read', () => {
    const wb = analysisWorkbook();
    const s = bundleSession(wb, { now: () => NOW });
    s.run('menuDashboardForPeriod', [], [{ button: 'OK', text: '' }]);
    expect(valuesOf(wb, SHEETS.dashboard).some((r) => r[0] === 'Анализ за период 03.2026')).toBe(true);
    s.takeUiEvents();
    s.run('menuDashboardForPeriod', [], [{ button: 'OK', text: 'март' }]);
    const alerts = s.takeUiEvents().filter((e) => e.type === 'alert');
    expect(JSON.stringify(alerts)).toMatch(/«март» — не период/);
    s.run('menuDashboardForPeriod', [], [{ button: 'OK', text: '01.03.2026–15.03.2026' }]);
    const values = valuesOf(wb, SHEETS.dashboard);
    expect(block(values, 'Источники клиентов за 01.03.2026–15.03.2026')).toEqual([
      ['Выставка', 2, 2, 0, 1, 0, 0],
      ['Сайт', 1, 1, 0, 0, 0, '—'],
    ]);
  });
});

import { CATEGORY_REPORT_HEADERS, CATEGORY_REPORT_SHEET } from '../../src/server/payroll/advisor-report';
import { DIRECTOR, headersOf, IVANOV, PETROVA, bundleSession, sheetOf, valuesOf } from '../helpers/workbook';
import { workbook } from './workbook';

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const SPECIALIST = 'Специалист по работе с клиентами';

function staffWorkbook() {
  const wb = workbook();
  sheetOf(wb, 'Сотрудники', headersOf('staff'), [
    { 'Таб. №': '1', ФИО: 'Сараев Е. А.', Email: DIRECTOR, Должность: 'Директор', 'Дата приёма': d(2015, 1, 12) },
    {
      'Таб. №': '2',
      ФИО: 'Иванов И. И.',
      Email: IVANOV,
      Должность: SPECIALIST,
      Категория: 'II категория',
      'Дата приёма': d(2021, 9, 1),
      Образование: 'Высшее',
      'Стаж до приёма, лет': 0,
      'Дата присвоения категории': d(2024, 3, 1),
    },
    {
      'Таб. №': '3',
      ФИО: 'Петрова А. С.',
      Email: PETROVA,
      Должность: SPECIALIST,
      Категория: 'Без категории',
      'Дата приёма': d(2025, 1, 15),
      Образование: 'Высшее',
      'Стаж до приёма, лет': 0,
    },
    {
      'Таб. №': '4',
      ФИО: 'Сидоров П. П.',
      Email: 'sidorov@proekt-a.ru',
      Должность: SPECIALIST,
      Категория: 'Испытательный срок',
      'Дата приёма': d(2022, 1, 10),
      'Испытательный срок, мес': 3,
      Образование: 'Среднее специальное',
      'Стаж до приёма, лет': 1,
    },
    {
      'Таб. №': '5',
      ФИО: 'Уволенная Н. Н.',
      Email: 'gone@proekt-a.ru',
      Должность: SPECIALIST,
      Категория: 'II категория',
      'Дата приёма': d(2019, 1, 10),
      Образование: 'Высшее',
      'Дата присвоения категории': d(2020, 1, 10),
      'Дата увольнения': d(2025, 12, 31),
    },
  ]);
  return wb;
}

describe('«Кто готов к повышению категории»', () => {
  it('lists the specialists employed on the date with their next category, yes or no, and why', () => {
    const wb = staffWorkbook();
    const before = JSON.stringify(valuesOf(wb, 'Сотрудники'));
    const s = bundleSession(wb);
    s.run('menuCategoryReport', [], [{ button: 'OK', text: '01.04.2026' }]);

    const values = valuesOf(wb, CATEGORY_REPORT_SHEET);
    expect(values[0][0]).toBe('Кто готов к повышению категории на 01.04.2026');
    expect(values[2].slice(0, CATEGORY_REPORT_HEADERS.length)).toEqual([...CATEGORY_REPORT_HEADERS]);
    const rows = values.slice(3).filter((r) => r.some((v) => v !== ''));
    const byName = new Map(rows.map((r) => [r[1], r]));
    // the director has no category and the dismissed specialist left before the date
    expect([...byName.keys()]).toEqual(['Иванов И. И.', 'Петрова А. С.', 'Сидоров П. П.']);

    const col = (h: (typeof CATEGORY_REPORT_HEADERS)[number]) => CATEGORY_REPORT_HEADERS.indexOf(h);
    const ivanov = byName.get('Иванов И. И.')!;
    expect(ivanov[col('Категория')]).toBe('II категория');
    expect(ivanov[col('Следующая категория')]).toBe('I категория');
    expect(ivanov[col('Можно повысить')]).toBe('Да');
    expect(ivanov[col('С даты')]).toBe('01.03.2026');
    expect(ivanov[col('Дата присвоения категории')]).toBe('01.03.2024');
    expect(ivanov[col('Основание')]).toContain('2 года во II категории (с 01.03.2024)');

    const petrova = byName.get('Петрова А. С.')!;
    expect(petrova[col('Следующая категория')]).toBe('II категория');
    expect(petrova[col('Можно повысить')]).toBe('Нет');
    expect(petrova[col('С даты')]).toBe('15.01.2027');
    expect(petrova[col('Основание')]).toContain('II категория возможна с 15.01.2027');

    const sidorov = byName.get('Сидоров П. П.')!;
    expect(sidorov[col('Категория')]).toBe('Испытательный срок');
    expect(sidorov[col('Следующая категория')]).toBe('Без категории');
    expect(sidorov[col('Можно повысить')]).toBe('Да');
    expect(sidorov[col('Образование')]).toBe('Среднее специальное');
    expect(sidorov[col('Основание')]).toContain('стаж не менее 3 лет');

    // it only advises: «Сотрудники» is untouched
    expect(JSON.stringify(valuesOf(wb, 'Сотрудники'))).toBe(before);
    const toast = s.takeUiEvents().find((e) => e.type === 'toast');
    expect(toast).toMatchObject({ message: 'Можно повысить: 2. Подробности — на листе.' });
  });

  it('answers a date it cannot read with an alert naming the format', () => {
    const s = bundleSession(staffWorkbook());
    s.run('menuCategoryReport', [], [{ button: 'OK', text: '31.02.2026' }, { button: 'OK' }]);
    const alert = s.takeUiEvents().find((e) => e.type === 'alert' && e.title === 'Кто готов к повышению категории');
    expect(alert).toMatchObject({ message: expect.stringContaining('ДД.ММ.ГГГГ') });
  });
});

/**
 * «Кто готов к повышению категории» (domain section 3): the category advisor
 * of src/domain/staff as a report tab for the director. It reads «Сотрудники»
 * and writes only its own tab: nobody is ever promoted by it.
 */
import { formatDateRu, parseDateValue } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { CATEGORY_LABELS, parseCategory, type Category } from '../../domain/payroll/base-pay';
import type { StaffRecord } from '../../domain/payroll/inputs';
import { SPECIALIST_POSITION } from '../../domain/payroll/month';
import { adviseCategory } from '../../domain/staff/category-advisor';
import { SHEETS } from '../../domain/workbook/schema';
import { SourceGrid, staffRecords } from './source-records';
import { SheetDates } from '../../adapter/sheet-dates';

/** The report's tab. */
export const CATEGORY_REPORT_SHEET = 'Повышение категории';

export const CATEGORY_REPORT_HEADERS = [
  'Таб. №',
  'ФИО',
  'Категория',
  'Следующая категория',
  'Можно повысить',
  'С даты',
  'Образование',
  'Стаж до приёма, лет',
  'Дата приёма',
  'Дата присвоения категории',
  'Основание',
] as const;

/** The category after `current` on the ladder of domain section 3 (II needs higher education). */
function nextOnLadder(current: Category, education: string): Category | null {
  if (current === 'I') return null;
  if (current === 'II') return 'I';
  if (current === 'none') return 'II';
  return education.trim() === 'Высшее' ? 'II' : 'none';
}

function isCategory(text: string): boolean {
  try {
    parseCategory(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether the report lists a person: specialists, and anyone with a category, employed on the date. */
function listed(person: StaffRecord, on: Date): boolean {
  if (person.tabNo === '' && person.name === '') return false;
  if (person.dismissalDate && person.dismissalDate < on) return false;
  return person.position === SPECIALIST_POSITION || person.category !== '';
}

/** One report row per listed person, in the order of «Сотрудники». */
export function categoryReportRows(staff: readonly StaffRecord[], on: Date): string[][] {
  return staff
    .filter((p) => listed(p, on))
    .map((person) => {
      const advice = adviseCategory(person, on);
      const known = isCategory(person.category);
      const next = advice.eligible ?? (known ? nextOnLadder(advice.current, person.education) : null);
      return [
        person.tabNo,
        person.name,
        known ? CATEGORY_LABELS[advice.current] : person.category || '—',
        next ? CATEGORY_LABELS[next] : '—',
        advice.eligible ? 'Да' : 'Нет',
        advice.eligibleFrom ? formatDateRu(advice.eligibleFrom) : '',
        person.education,
        person.experienceYearsBefore === null ? '' : String(person.experienceYearsBefore).replace('.', ','),
        person.hireDate ? formatDateRu(person.hireDate) : '',
        person.categoryDate ? formatDateRu(person.categoryDate) : '',
        advice.reason,
      ];
    });
}

/** Reads «Сотрудники» by header in one call. */
export function readStaff(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StaffRecord[] {
  const sheet = ss.getSheetByName(SHEETS.staff);
  if (!sheet) throw new DomainError(`Нет листа «${SHEETS.staff}». Запустите меню CRM → «Настроить таблицу».`);
  return staffRecords(new SourceGrid(SHEETS.staff, SheetDates.of(ss).grid(sheet.getDataRange().getValues())));
}

/** The date the director asks about: blank is today; «дд.мм.гггг» otherwise. */
export function reportDate(answer: string, today: Date): Date {
  if (answer.trim() === '') return new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const date = parseDateValue(answer.trim());
  if (!date)
    throw new DomainError(`Дата «${answer.trim()}» не распознана: введите её как ДД.ММ.ГГГГ, например 01.04.2026.`);
  return date;
}

/**
 * Writes the report tab (created when missing, its old content replaced) in
 * one write and returns the number of people who may be promoted.
 */
export function writeCategoryReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, on: Date): number {
  const rows = categoryReportRows(readStaff(ss), on);
  const sheet = ss.getSheetByName(CATEGORY_REPORT_SHEET) ?? ss.insertSheet(CATEGORY_REPORT_SHEET);
  sheet.clear();
  const title = [
    `Кто готов к повышению категории на ${formatDateRu(on)}`,
    ...CATEGORY_REPORT_HEADERS.slice(1).map(() => ''),
  ];
  const note = [
    'Отчёт только советует: категорию присваивает директор приказом и вносит на лист «Сотрудники».',
    ...CATEGORY_REPORT_HEADERS.slice(1).map(() => ''),
  ];
  const values = [title, note, [...CATEGORY_REPORT_HEADERS], ...rows];
  // text cells stay text (a «Таб. №» of 007 must not become 7)
  sheet.getRange(1, 1, values.length, CATEGORY_REPORT_HEADERS.length).setNumberFormat('@').setValues(values);
  sheet.getRange(1, 1).setFontWeight('bold');
  sheet.getRange(3, 1, 1, CATEGORY_REPORT_HEADERS.length).setFontWeight('bold').setBackground('#e8eaed');
  sheet.setFrozenRows(3);
  // each column as wide as its longest entry (the title and the note rows span the table), long reasons wrap
  CATEGORY_REPORT_HEADERS.forEach((_, c) => {
    const longest = Math.max(...values.slice(2).map((r) => String(r[c] ?? '').length));
    sheet.setColumnWidth(c + 1, Math.min(40 + longest * 7, 480));
  });
  sheet.getRange(3, 1, values.length - 2, CATEGORY_REPORT_HEADERS.length).setWrap(true);
  return rows.filter((r) => r[4] === 'Да').length;
}

/** Menu «Зарплата» → «Кто готов к повышению категории»: asks the date, writes the report tab. */
export function showCategoryReport(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const response = ui.prompt(
    'Кто готов к повышению категории',
    'На какую дату проверить? ДД.ММ.ГГГГ; пусто — на сегодня.',
    ui.ButtonSet.OK_CANCEL,
  );
  if (response.getSelectedButton() !== ui.Button.OK) return;
  const on = reportDate(response.getResponseText(), SheetDates.of(ss).today(new Date()));
  const eligible = writeCategoryReport(ss, on);
  const sheet = ss.getSheetByName(CATEGORY_REPORT_SHEET);
  if (sheet) ss.setActiveSheet(sheet);
  ss.toast(
    eligible === 0 ? 'На эту дату повышать некого.' : `Можно повысить: ${eligible}. Подробности — на листе.`,
    CATEGORY_REPORT_SHEET,
    8,
  );
}

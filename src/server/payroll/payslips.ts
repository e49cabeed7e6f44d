/**
 * «Зарплата → Расчётные листки»: a расчётный листок (ТК ст. 136) for each
 * employee of a month, taken from the month's ведомость so that both always
 * agree: the parts of pay by type, the deductions (НДФЛ), the advance already
 * paid, the amount to pay and the days worked. Blocks are stacked with a blank
 * row between them (Apps Script cannot set page breaks). The tab is built by a
 * pure plan and written in a constant number of calls.
 */
import type { YearMonth } from '../../domain/calendar';
import { textOf } from '../../domain/crm/values';
import { DomainError } from '../../domain/money';
import { payrollSheetName } from '../../domain/workbook/schema';
import { safeCellText } from '../../adapter/safe-text';
import { isClosed, payrollColumns, monthLabel, type PayrollContext } from './payroll-context';
import {
  HELPER_HEADERS,
  MONEY_FORMAT,
  monthTitle,
  type PlanCell,
  type SheetPlan,
  TOTALS_LABEL,
  widthGroups,
} from './payroll-sheet-plan';
import { isClosedSheet, replaceTabWithPlan } from './compute-month';

/** The payslips tab of a month: «Расчётные листки 03.2026». */
export function payslipSheetName(month: YearMonth): string {
  return `Расчётные листки ${monthLabel(month)}`;
}

const WIDTH = 4;

/**
 * Widths of the four columns in pixels: the section and the full name, the
 * kind of pay, the amount, and the basis (wrapped). A block's title and the
 * full name run over the empty cells to their right, as Sheets lets text
 * overflow, so no per-block merges are needed and the calls stay constant.
 */
export const PAYSLIP_COLUMN_WIDTHS = [190, 190, 110, 380] as const;

/** The payslips of every computed row of a payroll tab's values. */
export function buildPayslipPlan(
  values: readonly unknown[][],
  month: YearMonth,
  organisation: string,
  sourceName: string,
): { plan: SheetPlan; count: number } {
  const { headerAt, col } = payrollColumns(values);
  const out: PlanCell[][] = [];
  const formats: string[][] = [];
  const weights: Array<Array<'bold' | 'normal'>> = [];
  const push = (cells: PlanCell[], format: string[] = [], bold = false) => {
    const row = [...cells, ...Array<PlanCell>(WIDTH - cells.length).fill('')].map((v) =>
      typeof v === 'string' ? safeCellText(v) : v,
    );
    out.push(row);
    formats.push(Array.from({ length: WIDTH }, (_, i) => format[i] ?? ''));
    weights.push(Array<'bold' | 'normal'>(WIDTH).fill(bold ? 'bold' : 'normal'));
  };
  const money = (v: unknown): PlanCell => (typeof v === 'number' ? v : 0);
  const M = ['', '', MONEY_FORMAT, ''];
  let count = 0;
  for (let i = headerAt + 1; i < values.length; i++) {
    const row = values[i];
    const get = (h: string) => row[col(h)];
    if (textOf(get('ФИО')) === TOTALS_LABEL) break;
    if (typeof get('Всего начислено') !== 'number') continue;
    count++;
    push([`Расчётный листок за ${monthTitle(month)}`, '', '', organisation], [], true);
    push([`${textOf(get('ФИО'))}`, `Таб. № ${textOf(get('Таб. №'))}`, textOf(get('Категория')), '']);
    push(['Отработано дней', '', money(get('Отработано дней')), `из ${textOf(get('Норма дней'))} по норме`]);
    push(['Начислено', 'вид', 'сумма, руб.', 'основание'], [], true);
    push(
      [
        '',
        'По окладу / по ставке',
        money(get('Начислено по окладу / по ставке')),
        `оклад / ставка ${textOf(get('Оклад / ставка в день'))}`,
      ],
      M,
    );
    const fulfilment = get('% выполнения');
    const rate = get('Ставка');
    push(
      [
        '',
        'Премия за план',
        money(get('Премия за план')),
        typeof fulfilment === 'number' && typeof rate === 'number'
          ? `продажи ${textOf(get('Продажи'))} при плане ${textOf(get('План'))}: выполнение ${(fulfilment * 100).toFixed(1)} %, ставка ${(rate * 100).toFixed(1)} %`
          : textOf(get(HELPER_HEADERS.noBonusReason)) || 'плана нет',
      ],
      M,
    );
    push(['', 'Премия KPI', money(get('Премия KPI')), ''], M);
    push(['', 'Доплата до МРОТ', money(get('Доплата до МРОТ')), 'ТК РФ ст. 133'], M);
    if (money(get('Работа в выходные и праздники')) !== 0) {
      push(
        [
          '',
          'Работа в выходные и праздники',
          money(get('Работа в выходные и праздники')),
          `ТК РФ ст. 153, дней: ${textOf(get(HELPER_HEADERS.holidayDays))}`,
        ],
        M,
      );
    }
    push(['', 'Всего начислено', money(get('Всего начислено')), ''], M, true);
    const paidOn = (h: string) => (textOf(get(h)) ? `, выплата ${textOf(get(h))}` : '');
    push(
      [
        'Удержано',
        'НДФЛ с аванса',
        money(get('НДФЛ с аванса')),
        `НК РФ ст. 224, 226${paidOn(HELPER_HEADERS.advanceDate)}`,
      ],
      M,
    );
    push(
      [
        '',
        'НДФЛ при окончательном расчёте',
        money(get('НДФЛ при окончательном расчёте')),
        `НК РФ ст. 224, 226${paidOn(HELPER_HEADERS.paymentDate)}`,
      ],
      M,
    );
    push(['Выплачено', 'Аванс', money(get('Аванс выплачен')), ''], M);
    push(['К выплате', '', money(get('К выплате')), `по ведомости «${sourceName}», строка ${i + 1}`], M, true);
    push([]);
  }
  if (count === 0) throw new DomainError(`В ведомости «${sourceName}» нет рассчитанных строк.`);
  return {
    count,
    plan: {
      values: out,
      numberFormats: formats,
      backgrounds: out.map(() => Array<string | null>(WIDTH).fill(null)),
      fontWeights: weights,
      merges: [],
      frozenRows: 0,
      wraps: [{ row: 1, col: WIDTH, numRows: out.length, numCols: 1 }],
      columnWidths: widthGroups(PAYSLIP_COLUMN_WIDTHS),
      hiddenColumns: null,
    },
  };
}

/** Builds the payslips tab of a month from its ведомость; replaces an older one. */
export function makePayslips(ctx: PayrollContext, month: YearMonth): { sheetName: string; count: number } {
  ctx.requireDirector();
  const sourceName = payrollSheetName(month.year, month.month);
  const source = ctx.payrollSheet(month);
  if (!source) {
    throw new DomainError(`Нет листа «${sourceName}»: сначала рассчитайте месяц (Зарплата → «Рассчитать за месяц…»).`);
  }
  const name = payslipSheetName(month);
  // a closed month's payslips are frozen with it: what was handed out stays as it was
  if (ctx.book.getSheetByName(name) && (isClosedSheet(source) || isClosed(ctx.closedEntries(), month))) {
    throw new DomainError(
      `Месяц ${monthLabel(month)} закрыт: расчётные листки «${name}» заморожены вместе с ведомостью и не пересоздаются.`,
    );
  }
  ctx.toast('Расчётные листки…');
  const { plan, count } = buildPayslipPlan(
    source.getDataRange().getValues(),
    month,
    ctx.settings.organisation,
    sourceName,
  );
  replaceTabWithPlan(ctx.book, name, plan, {
    description: `Расчётные листки ${monthLabel(month)}: изменяет только директор`,
    directorEmails: ctx.directorEmails(),
  });
  return { sheetName: name, count };
}

/**
 * The text of a расчётный листок (ТК ст. 136): each part of the pay with its
 * basis in words and Russian numbers, the deductions with their grounds, the
 * amount to pay and its date. The lines of the kind, the amount and the basis
 * are parallel lists, so a slip prints as one row of a sheet whose cells hold
 * one line each: one row never splits across pages.
 */
import { formatDateRu } from '../crm/values';
import { type Kopecks } from '../money';

/** «2 215 470,00»: rubles with kopecks, groups of three split by a no-break space as Russian print has them. */
export function formatRubles(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(Math.round(kopecks));
  const rubles = Math.floor(abs / 100);
  const kop = String(abs % 100).padStart(2, '0');
  const grouped = String(rubles).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${grouped},${kop}`;
}

/** «115,3 %», «5 %»: a share as a Russian percent with at most `digits` decimals. */
export function formatPercent(share: number, digits = 1): string {
  const value = Math.round(share * 100 * 10 ** digits) / 10 ** digits;
  const text = Number.isInteger(value) ? String(value) : value.toFixed(digits).replace(/0+$/, '');
  return `${text.replace('.', ',').replace('-', '−')}\u00a0%`;
}

/** «21 день», «3 дня», «18 дней». */
function days(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return `${n} дней`;
  if (last === 1) return `${n} день`;
  if (last >= 2 && last <= 4) return `${n} дня`;
  return `${n} дней`;
}

export interface PayslipKpi {
  name: string;
  /** null: nothing to measure this month */
  fact: number | null;
  target: number;
  /** the percent of the оклад it pays when met, when known */
  percent: number | null;
  met: boolean;
}

/** One employee's row of the ведомость, money in kopecks. */
export interface PayslipData {
  organisation: string;
  /** «март 2026 г.» */
  monthTitle: string;
  tabNo: string;
  name: string;
  category: string;
  /** the оклад or the probation day rate */
  salaryOrRate: Kopecks;
  norm: number;
  daysWorked: number;
  probationDays: number;
  salaryDays: number;
  base: Kopecks;
  plan: Kopecks | null;
  sales: Kopecks;
  fulfilment: number | null;
  rate: number | null;
  planBonus: Kopecks;
  /** why no plan bonus or KPI is paid (the ведомость's own words), '' when they are */
  noBonusReason: string;
  kpiBonus: Kopecks;
  kpis: PayslipKpi[];
  mrot: Kopecks | null;
  mrotTopup: Kopecks;
  /** ТК ст. 153: work on days off and holidays */
  holidayPay: Kopecks;
  holidayDays: number;
  accrued: Kopecks;
  /** НДФЛ withheld from the аванс and at the final payment (income on the day it is paid, НК ст. 223) */
  ndflAdvance: Kopecks;
  ndflFinal: Kopecks;
  /** НДФЛ owed but not withheld: at most half of a payment goes to the tax (НК ст. 226 п. 4); 0 when none */
  ndflUnwithheld?: Kopecks;
  /** the deductions applied at each payment, and the children's among them */
  advanceDeduction: Kopecks;
  finalDeduction: Kopecks;
  childDeduction: Kopecks;
  advance: Kopecks;
  advanceDate: Date | null;
  toPay: Kopecks;
  payDate: Date | null;
  /** the ведомость and its row, for the reader who checks */
  source: string;
}

export interface PayslipText {
  /** the left cell: whose slip, for which month */
  identity: string[];
  kinds: string[];
  amounts: string[];
  bases: string[];
}

/** The basis column holds this many characters a line, so no line wraps at its width. */
export const BASIS_LINE_CHARS = 76;

/** Splits a basis into lines of at most `width` characters at spaces. */
export function wrapWords(text: string, width = BASIS_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

const rub = (k: Kopecks) => `${formatRubles(k)} руб.`;

/** A KPI fact or target: at most two decimals, a decimal comma. */
function number(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

function kpiBasis(d: PayslipData): string {
  if (d.kpis.length === 0) return 'KPI не заданы';
  const met = d.kpis.filter((k) => k.met);
  const missed = d.kpis.filter((k) => !k.met);
  const fact = (k: PayslipKpi) => (k.fact === null ? 'нет данных' : `${number(k.fact)} при цели ${number(k.target)}`);
  const parts: string[] = [];
  if (met.length > 0) {
    parts.push(
      'выполнены: ' +
        met
          .map((k) => `«${k.name}» (${fact(k)}${k.percent !== null ? `, ${formatPercent(k.percent)}` : ''})`)
          .join(', '),
    );
  }
  if (missed.length > 0) parts.push('не выполнены: ' + missed.map((k) => `«${k.name}» (${fact(k)})`).join(', '));
  return `${parts.join('; ')}; процент от начисленного по окладу`;
}

/** The lines of one slip. */
export function payslipText(d: PayslipData): PayslipText {
  const kinds: string[] = [];
  const amounts: string[] = [];
  const bases: string[] = [];
  const line = (kind: string, amount: Kopecks | null, basis = '') => {
    const wrapped = basis ? wrapWords(basis) : [''];
    wrapped.forEach((b, i) => {
      kinds.push(i === 0 ? kind : '');
      amounts.push(i === 0 && amount !== null ? formatRubles(amount) : '');
      bases.push(b);
    });
  };
  line('Начислено:', null);
  if (d.probationDays > 0 && d.salaryDays > 0) {
    line(
      '  по ставке и по окладу',
      d.base,
      `испытательный срок ${days(d.probationDays)} по ставке, затем ${days(d.salaryDays)} по окладу (${d.category}); норма ${days(d.norm)}`,
    );
  } else if (d.probationDays > 0) {
    line('  по ставке', d.base, `ставка испытательного срока ${rub(d.salaryOrRate)} в день × ${days(d.probationDays)}`);
  } else {
    line(
      '  по окладу',
      d.base,
      `оклад ${rub(d.salaryOrRate)} (${d.category}) × ${d.daysWorked} из ${days(d.norm)} по норме`,
    );
  }
  if (d.plan === null || d.fulfilment === null) {
    line('  премия за план', d.planBonus, d.noBonusReason || 'план продаж на месяц не установлен');
  } else {
    const probationOnly = d.probationDays > 0 && d.planBonus === 0 && d.sales > 0;
    line(
      '  премия за план',
      d.planBonus,
      `продажи ${rub(d.sales)} при плане ${rub(d.plan)}: выполнение ${formatPercent(d.fulfilment)}` +
        (d.rate !== null ? `, ставка ${formatPercent(d.rate)} от продаж` : '') +
        (d.noBonusReason
          ? `; ${d.noBonusReason}`
          : probationOnly
            ? '; в испытательный срок премия за план не начисляется'
            : ''),
    );
  }
  line(
    '  премия KPI',
    d.kpiBonus,
    d.salaryDays === 0 && d.kpis.length > 0
      ? 'KPI — процент от начисленного по окладу; в испытательный срок по окладу не начислялось'
      : kpiBasis(d),
  );
  line(
    '  доплата до МРОТ',
    d.mrotTopup,
    d.mrotTopup > 0 && d.mrot !== null
      ? `до МРОТ ${rub(d.mrot)} за ${d.daysWorked} из ${days(d.norm)} (ТК РФ ст. 133)`
      : 'начисленное не ниже МРОТ (ТК РФ ст. 133)',
  );
  if (d.holidayPay !== 0) {
    line(
      '  работа в выходные',
      d.holidayPay,
      `${days(d.holidayDays)} в выходные и праздники, не менее двойной оплаты (ТК РФ ст. 153)`,
    );
  }
  line('Всего начислено', d.accrued);
  line('Удержано:', null);
  const paid = (date: Date | null) => (date ? ` ${formatDateRu(date)}` : '');
  const ndflBasis = (when: string, deduction: Kopecks, children: Kopecks) =>
    `${when}: 13–22 % с дохода с начала года (НК РФ ст. 224, 226); вычеты ${rub(deduction)}` +
    (children > 0 ? `, из них на детей ${rub(children)} (НК РФ ст. 218)` : '');
  line('  НДФЛ с аванса', d.ndflAdvance, ndflBasis(`при выплате аванса${paid(d.advanceDate)}`, d.advanceDeduction, 0));
  line(
    '  НДФЛ при расчёте',
    d.ndflFinal,
    ndflBasis(`при окончательном расчёте${paid(d.payDate)}`, d.finalDeduction, d.childDeduction),
  );
  if ((d.ndflUnwithheld ?? 0) > 0) {
    line(
      '  НДФЛ не удержан',
      d.ndflUnwithheld!,
      'удерживается не больше половины выплаты (НК РФ ст. 226 п. 4); остаток — из следующих выплат года',
    );
  }
  line('Выплачено ранее:', null);
  line('  аванс', d.advance, d.advanceDate ? `выплачен ${formatDateRu(d.advanceDate)}` : 'за первую половину месяца');
  line('К выплате', d.toPay, d.payDate ? `дата выплаты ${formatDateRu(d.payDate)}` : `по ведомости «${d.source}»`);
  const identity = [
    `Расчётный листок за ${d.monthTitle}`,
    d.organisation,
    '',
    d.name,
    `Таб. № ${d.tabNo}`,
    d.category,
    `Отработано ${d.daysWorked} из ${days(d.norm)}`,
    '',
    `К выплате: ${rub(d.toPay)}`,
  ];
  return { identity, kinds, amounts, bases };
}

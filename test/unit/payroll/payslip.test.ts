/**
 * The расчётный листок's text (ТК ст. 136): what an employee reads on paper, written out here by hand
 * for each kind of month: a month on the оклад, a month split by the end of probation, a probation month,
 * the МРОТ top-up, work on days off, the НДФЛ the half-of-a-payment limit left unwithheld.
 */
import {
  BASIS_LINE_CHARS,
  formatPercent,
  formatRubles,
  type PayslipData,
  payslipText,
  wrapWords,
} from '../../../src/domain/payroll/payslip';
import { d } from './fixtures/month-fixture';

const NB = '\u00a0';
/** «40 000,00» with the no-break space print uses. */
const r = (text: string) => text.replace(/(\d) (?=\d{3})/g, `$1${NB}`);
const pct = (text: string) => `${text}${NB}%`;

describe('formatRubles', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [99_999, '999,99'],
    [100_000, '1 000,00'],
    [4_000_000, '40 000,00'],
    [221_547_000, '2 215 470,00'],
    [123_456_789_012, '1 234 567 890,12'],
    [-123_450, '−1 234,50'],
    [-7, '−0,07'],
  ])('%i kopecks → «%s»', (kopecks, text) => {
    expect(formatRubles(kopecks)).toBe(r(text));
  });

  it('a fraction of a kopeck is rounded to the kopeck', () => {
    expect(formatRubles(1_234.5)).toBe('12,35');
    expect(formatRubles(1_234.4)).toBe('12,34');
  });
});

describe('formatPercent', () => {
  it.each([
    [0.05, 1, '5'],
    [1.153, 1, '115,3'],
    [1.1, 1, '110'],
    [0.1234, 1, '12,3'],
    [0.1234, 2, '12,34'],
    [0.125, 2, '12,5'],
    [0.1, 0, '10'],
    [-0.05, 1, '−5'],
    [-0.125, 1, '−12,5'],
  ])('%d with %i decimals → «%s %»', (share, digits, text) => {
    expect(formatPercent(share, digits)).toBe(pct(text));
  });

  it('one decimal unless told otherwise', () => {
    expect(formatPercent(0.12345)).toBe(pct('12,3'));
  });
});

describe('wrapWords', () => {
  it('breaks at spaces so that no line is longer than the width', () => {
    expect(wrapWords('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapWords('aa bb cc', 4)).toEqual(['aa', 'bb', 'cc']);
    expect(wrapWords('aa bb cc', 8)).toEqual(['aa bb cc']);
    expect(wrapWords('aa bb cc', 7)).toEqual(['aa bb', 'cc']);
  });

  it('a word longer than the width stands on its own line', () => {
    expect(wrapWords('abcdefg hi', 3)).toEqual(['abcdefg', 'hi']);
    expect(wrapWords('hi abcdefg', 3)).toEqual(['hi', 'abcdefg']);
  });

  it('empty text is one empty line', () => {
    expect(wrapWords('', 5)).toEqual(['']);
  });

  it(`the basis column's width is ${BASIS_LINE_CHARS} characters`, () => {
    const words = Array.from({ length: 20 }, (_, i) => `слово${String(i).padStart(2, '0')}`).join(' ');
    // each word is 7 characters: nine words and their eight spaces are 71, a tenth would make 79
    expect(wrapWords(words).map((l) => l.length)).toEqual([71, 71, 15]);
    expect(BASIS_LINE_CHARS).toBe(76);
  });
});

/** A month on the оклад: 21 of 21 days, plan exceeded, one KPI met and one not, a child deduction. */
function march(extra: Partial<PayslipData> = {}): PayslipData {
  return {
    organisation: 'ООО «Ромашка»',
    monthTitle: 'март 2026 г.',
    tabNo: '7',
    name: 'Иванов Иван Иванович',
    category: 'II категория',
    salaryOrRate: 4_000_000,
    norm: 21,
    daysWorked: 21,
    probationDays: 0,
    salaryDays: 21,
    base: 4_000_000,
    plan: 30_000_000,
    sales: 34_590_000,
    fulfilment: 1.153,
    rate: 0.03,
    planBonus: 1_037_700,
    noBonusReason: '',
    kpiBonus: 200_000,
    kpis: [
      { name: 'Новые клиенты', fact: 3, target: 2, percent: 0.05, met: true },
      { name: 'Конверсия воронки', fact: 1 / 3, target: 0.4, percent: 0.05, met: false },
    ],
    mrot: 2_702_600,
    mrotTopup: 0,
    holidayPay: 0,
    holidayDays: 0,
    accrued: 5_237_700,
    ndflAdvance: 130_000,
    ndflFinal: 544_700,
    advanceDeduction: 0,
    finalDeduction: 140_000,
    childDeduction: 140_000,
    advance: 1_000_000,
    advanceDate: d('2026-03-25'),
    toPay: 3_563_000,
    payDate: d('2026-04-10'),
    source: 'Зарплата 03.2026, строка 3',
    ...extra,
  };
}

/** The slip as [kind, amount, basis] per item, a basis's wrapped lines joined again. */
function items(data: PayslipData): string[][] {
  const { kinds, amounts, bases } = payslipText(data);
  expect(amounts).toHaveLength(kinds.length);
  expect(bases).toHaveLength(kinds.length);
  const out: string[][] = [];
  kinds.forEach((kind, i) => {
    expect(bases[i].length).toBeLessThanOrEqual(BASIS_LINE_CHARS);
    if (i > 0 && kind === '') {
      expect(amounts[i]).toBe('');
      const last = out[out.length - 1];
      last[2] = `${last[2]} ${bases[i]}`;
    } else out.push([kind, amounts[i], bases[i]]);
  });
  return out;
}

function item(data: PayslipData, kind: string): string[] | undefined {
  return items(data).find((i) => i[0] === kind);
}

const NDFL_LAW = '13–22 % с дохода с начала года (НК РФ ст. 224, 226)';

describe('payslipText: a month on the оклад', () => {
  it('every line, its amount and its basis', () => {
    expect(items(march())).toEqual([
      ['Начислено:', '', ''],
      ['  по окладу', r('40 000,00'), r('оклад 40 000,00 руб. (II категория) × 21 из 21 день по норме')],
      [
        '  премия за план',
        r('10 377,00'),
        r('продажи 345 900,00 руб. при плане 300 000,00 руб.: выполнение ') +
          pct('115,3') +
          ', ставка ' +
          pct('3') +
          ' от продаж',
      ],
      [
        '  премия KPI',
        r('2 000,00'),
        'выполнены: «Новые клиенты» (3 при цели 2, ' +
          pct('5') +
          '); не выполнены: «Конверсия воронки» (0,33 при цели 0,4); процент от начисленного по окладу',
      ],
      ['  доплата до МРОТ', '0,00', 'начисленное не ниже МРОТ (ТК РФ ст. 133)'],
      ['Всего начислено', r('52 377,00'), ''],
      ['Удержано:', '', ''],
      ['  НДФЛ с аванса', r('1 300,00'), `при выплате аванса 25.03.2026: ${NDFL_LAW}; вычеты 0,00 руб.`],
      [
        '  НДФЛ при расчёте',
        r('5 447,00'),
        r(
          `при окончательном расчёте 10.04.2026: 13–22 % с дохода с начала года (НК РФ ст. 224, 226); вычеты 1 400,00 руб., из них на детей 1 400,00 руб. (НК РФ ст. 218)`,
        ),
      ],
      ['Выплачено ранее:', '', ''],
      ['  аванс', r('10 000,00'), 'выплачен 25.03.2026'],
      ['К выплате', r('35 630,00'), 'дата выплаты 10.04.2026'],
    ]);
  });

  it('the left cell: whose slip and for which month', () => {
    expect(payslipText(march()).identity).toEqual([
      'Расчётный листок за март 2026 г.',
      'ООО «Ромашка»',
      '',
      'Иванов Иван Иванович',
      'Таб. № 7',
      'II категория',
      'Отработано 21 из 21 день',
      '',
      r('К выплате: 35 630,00 руб.'),
    ]);
  });

  it('a long basis wraps onto lines of its own with the kind and the amount only on the first', () => {
    const { kinds, amounts, bases } = payslipText(march());
    const at = kinds.indexOf('  НДФЛ при расчёте');
    expect(kinds[at + 1]).toBe('');
    expect(amounts[at + 1]).toBe('');
    expect(bases[at]).toBe('при окончательном расчёте 10.04.2026: 13–22 % с дохода с начала года (НК РФ');
    expect(kinds[at + 2]).toBe('');
    expect(bases[at + 2]).toBe(r('ст. 218)'));
  });

  it.each([
    [1, '1 день'],
    [2, '2 дня'],
    [4, '4 дня'],
    [5, '5 дней'],
    [11, '11 дней'],
    [12, '12 дней'],
    [14, '14 дней'],
    [15, '15 дней'],
    [20, '20 дней'],
    [22, '22 дня'],
    [24, '24 дня'],
    [101, '101 день'],
    [111, '111 дней'],
    [112, '112 дней'],
    [0, '0 дней'],
  ])('a norm of %i: «%s»', (norm, text) => {
    expect(payslipText(march({ norm })).identity[6]).toBe(`Отработано 21 из ${text}`);
  });

  it('no dates of payment: the аванс is for the first half and the rest is by the ведомость', () => {
    const slip = items(march({ advanceDate: null, payDate: null }));
    expect(slip.find((i) => i[0] === '  аванс')).toEqual(['  аванс', r('10 000,00'), 'за первую половину месяца']);
    expect(slip.find((i) => i[0] === 'К выплате')).toEqual([
      'К выплате',
      r('35 630,00'),
      'по ведомости «Зарплата 03.2026, строка 3»',
    ]);
    expect(slip.find((i) => i[0] === '  НДФЛ с аванса')![2]).toBe(`при выплате аванса: ${NDFL_LAW}; вычеты 0,00 руб.`);
    expect(slip.find((i) => i[0] === '  НДФЛ при расчёте')![2]).toBe(
      r(`при окончательном расчёте: ${NDFL_LAW}; вычеты 1 400,00 руб., из них на детей 1 400,00 руб. (НК РФ ст. 218)`),
    );
  });

  it('deductions without children do not mention ст. 218', () => {
    expect(item(march({ childDeduction: 0, finalDeduction: 50_000 }), '  НДФЛ при расчёте')![2]).toBe(
      `при окончательном расчёте 10.04.2026: ${NDFL_LAW}; вычеты 500,00 руб.`,
    );
  });
});

describe('payslipText: the plan bonus line', () => {
  it('no plan for the month', () => {
    expect(item(march({ plan: null, fulfilment: null, rate: null, planBonus: 0 }), '  премия за план')).toEqual([
      '  премия за план',
      '0,00',
      'план продаж на месяц не установлен',
    ]);
  });

  it('no fulfilment: the ведомость’s reason, when it gives one', () => {
    expect(
      item(march({ fulfilment: null, planBonus: 0, noBonusReason: 'нет продаж в месяце' }), '  премия за план'),
    ).toEqual(['  премия за план', '0,00', 'нет продаж в месяце']);
  });

  it('the plan met below the first rate: no rate, the reason after the fulfilment', () => {
    expect(
      item(
        march({ fulfilment: 0.5, rate: null, planBonus: 0, noBonusReason: 'план выполнен меньше чем на 80 %' }),
        '  премия за план',
      ),
    ).toEqual([
      '  премия за план',
      '0,00',
      r('продажи 345 900,00 руб. при плане 300 000,00 руб.: выполнение ') +
        pct('50') +
        '; план выполнен меньше чем на 80 %',
    ]);
  });

  it('sales in probation days only: no plan bonus in probation', () => {
    const data = march({ probationDays: 10, salaryDays: 11, planBonus: 0 });
    expect(item(data, '  премия за план')![2]).toBe(
      r('продажи 345 900,00 руб. при плане 300 000,00 руб.: выполнение ') +
        pct('115,3') +
        ', ставка ' +
        pct('3') +
        ' от продаж; в испытательный срок премия за план не начисляется',
    );
  });

  it('in a probation month with a bonus paid, or no sales, the probation note is not added', () => {
    const paid = item(march({ probationDays: 10, salaryDays: 11 }), '  премия за план')![2];
    expect(paid.endsWith(' от продаж')).toBe(true);
    const noSales = item(march({ probationDays: 10, salaryDays: 11, planBonus: 0, sales: 0 }), '  премия за план')![2];
    expect(noSales.endsWith(' от продаж')).toBe(true);
    const noProbation = item(march({ planBonus: 0 }), '  премия за план')![2];
    expect(noProbation.endsWith(' от продаж')).toBe(true);
  });
});

describe('payslipText: the KPI line', () => {
  it('no KPI set', () => {
    expect(item(march({ kpis: [], kpiBonus: 0 }), '  премия KPI')).toEqual(['  премия KPI', '0,00', 'KPI не заданы']);
    expect(item(march({ kpis: [], kpiBonus: 0, salaryDays: 0 }), '  премия KPI')![2]).toBe('KPI не заданы');
  });

  it('all met, a fact with nothing to measure, a percent not known', () => {
    const kpis = [
      { name: 'Рост продаж', fact: 1.256, target: 1.1, percent: null, met: true },
      { name: 'Качество обслуживания', fact: 1, target: 0.8, percent: 0.1, met: true },
    ];
    expect(item(march({ kpis }), '  премия KPI')![2]).toBe(
      'выполнены: «Рост продаж» (1,26 при цели 1,1), «Качество обслуживания» (1 при цели 0,8, ' +
        pct('10') +
        '); процент от начисленного по окладу',
    );
    const none = [{ name: 'Конверсия воронки', fact: null, target: 0.3, percent: 0.05, met: false }];
    expect(item(march({ kpis: none, kpiBonus: 0 }), '  премия KPI')![2]).toBe(
      'не выполнены: «Конверсия воронки» (нет данных); процент от начисленного по окладу',
    );
  });

  it('a month all in probation: nothing on the оклад for KPI to be a percent of', () => {
    expect(item(march({ probationDays: 21, salaryDays: 0, kpiBonus: 0 }), '  премия KPI')![2]).toBe(
      'KPI — процент от начисленного по окладу; в испытательный срок по окладу не начислялось',
    );
  });
});

describe('payslipText: probation, МРОТ, days off, the unwithheld НДФЛ', () => {
  it('a month split at the end of probation', () => {
    expect(item(march({ probationDays: 8, salaryDays: 13, base: 3_512_345 }), '  по ставке и по окладу')).toEqual([
      '  по ставке и по окладу',
      r('35 123,45'),
      'испытательный срок 8 дней по ставке, затем 13 дней по окладу (II категория); норма 21 день',
    ]);
  });

  it('a month all in probation: the day rate × the days', () => {
    const data = march({
      category: 'Испытательный срок',
      salaryOrRate: 150_000,
      probationDays: 3,
      salaryDays: 0,
      base: 450_000,
    });
    expect(item(data, '  по ставке')).toEqual([
      '  по ставке',
      r('4 500,00'),
      r('ставка испытательного срока 1 500,00 руб. в день × 3 дня'),
    ]);
    expect(item(data, '  по окладу')).toBeUndefined();
  });

  it('the МРОТ top-up names the МРОТ and the days', () => {
    expect(item(march({ mrotTopup: 12_345, daysWorked: 10 }), '  доплата до МРОТ')).toEqual([
      '  доплата до МРОТ',
      '123,45',
      r('до МРОТ 27 026,00 руб. за 10 из 21 день (ТК РФ ст. 133)'),
    ]);
    expect(item(march({ mrotTopup: 12_345, mrot: null }), '  доплата до МРОТ')![2]).toBe(
      'начисленное не ниже МРОТ (ТК РФ ст. 133)',
    );
  });

  it('work on days off, only when there was any', () => {
    expect(item(march({ holidayPay: 380_952, holidayDays: 2 }), '  работа в выходные')).toEqual([
      '  работа в выходные',
      r('3 809,52'),
      '2 дня в выходные и праздники, не менее двойной оплаты (ТК РФ ст. 153)',
    ]);
    expect(item(march(), '  работа в выходные')).toBeUndefined();
    expect(items(march({ holidayPay: 380_952, holidayDays: 2 })).map((i) => i[0])).toEqual([
      'Начислено:',
      '  по окладу',
      '  премия за план',
      '  премия KPI',
      '  доплата до МРОТ',
      '  работа в выходные',
      'Всего начислено',
      'Удержано:',
      '  НДФЛ с аванса',
      '  НДФЛ при расчёте',
      'Выплачено ранее:',
      '  аванс',
      'К выплате',
    ]);
  });

  it('the НДФЛ the half-of-a-payment limit left unwithheld, only when there is some', () => {
    const slip = items(march({ ndflUnwithheld: 10_000 }));
    const at = slip.findIndex((i) => i[0] === '  НДФЛ не удержан');
    expect(slip[at]).toEqual([
      '  НДФЛ не удержан',
      '100,00',
      'удерживается не больше половины выплаты (НК РФ ст. 226 п. 4); остаток — из следующих выплат года',
    ]);
    expect(slip[at - 1][0]).toBe('  НДФЛ при расчёте');
    expect(item(march({ ndflUnwithheld: 0 }), '  НДФЛ не удержан')).toBeUndefined();
    expect(item(march(), '  НДФЛ не удержан')).toBeUndefined();
  });
});

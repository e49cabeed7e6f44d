/**
 * The deal index and the KPI measures built on it (domain 4.3), with hand-counted deals: the sales,
 * margin, new clients and conversion a specialist's KPI bonus is paid on.
 */
import { DealIndex, normaliseEmail } from '../../../src/domain/payroll/deal-index';
import type { DealRecord } from '../../../src/domain/payroll/inputs';
import { claimDeadline, claimsByPerson, measureKpi, overdueClaims } from '../../../src/domain/payroll/kpi-measures';
import type { KpiMeasureContext } from '../../../src/domain/payroll/kpi-measures';
import type { KpiSetting } from '../../../src/domain/payroll/kpi-bonus';
import { d, deal, lostDeal, rub } from './fixtures/month-fixture';

const A = 'a@example.ru';
const B = 'b@example.ru';
const MARCH = { year: 2026, month: 3 };
const APRIL = { year: 2026, month: 4 };

function paid(base: DealRecord, paymentDate: string | null): DealRecord {
  return { ...base, paymentDate: paymentDate === null ? null : d(paymentDate) };
}

describe('DealIndex: sales and margin by responsible and month', () => {
  it('sums «Сумма договора» of the month by contract date, and margin as amount less cost', () => {
    const index = new DealIndex(
      [
        deal(A, 'К-1', '2026-03-02', 100_000, 60_000),
        deal(A, 'К-2', '2026-03-31', 50_000.5, 20_000.25),
        deal(A, 'К-3', '2026-04-01', 7_000, 1_000),
        deal(B, 'К-4', '2026-03-15', 9_999, 0),
      ],
      'contract',
    );
    expect(index.sales(A, MARCH)).toBe(rub(150_000.5));
    expect(index.margin(A, MARCH)).toBe(rub(70_000.25));
    expect(index.sales(A, APRIL)).toBe(rub(7_000));
    expect(index.margin(A, APRIL)).toBe(rub(6_000));
    expect(index.sales(B, MARCH)).toBe(rub(9_999));
    expect(index.sales(B, APRIL)).toBe(0);
    expect(index.margin(B, APRIL)).toBe(0);
  });

  it('a deal without «Себестоимость» counts its whole amount as margin', () => {
    const index = new DealIndex([{ ...deal(A, 'К-1', '2026-03-02', 40_000, 0), cost: null }], 'contract');
    expect(index.margin(A, MARCH)).toBe(rub(40_000));
  });

  it('«Ответственный» matches the e-mail without case and surrounding spaces', () => {
    const index = new DealIndex([deal('  A@Example.RU ', 'К-1', '2026-03-02', 1_000, 0)], 'contract');
    expect(index.sales(A, MARCH)).toBe(rub(1_000));
    expect(index.sales(' a@EXAMPLE.ru', MARCH)).toBe(rub(1_000));
    expect(normaliseEmail(' Ivanov@Mail.RU  ')).toBe('ivanov@mail.ru');
  });

  it('by payment date: a sale counts in the month it was paid, and an unpaid one not at all', () => {
    const deals = [
      paid(deal(A, 'К-1', '2026-02-20', 30_000, 10_000), '2026-03-05'),
      paid(deal(A, 'К-2', '2026-03-10', 20_000, 5_000), null),
      paid(deal(A, 'К-3', '2026-03-11', 4_000, 0), '2026-03-12'),
    ];
    const byPayment = new DealIndex(deals, 'payment');
    expect(byPayment.sales(A, { year: 2026, month: 2 })).toBe(0);
    expect(byPayment.sales(A, MARCH)).toBe(rub(34_000));
    expect(byPayment.margin(A, MARCH)).toBe(rub(24_000));
    const byContract = new DealIndex(deals, 'contract');
    expect(byContract.sales(A, { year: 2026, month: 2 })).toBe(rub(30_000));
    expect(byContract.sales(A, MARCH)).toBe(rub(24_000));
  });

  it('no sale without «Дата договора» or without «Сумма договора», even when paid', () => {
    const noContract = { ...paid(deal(A, 'К-1', '2026-03-02', 5_000, 0), '2026-03-03'), contractDate: null };
    const noAmount = { ...deal(A, 'К-2', '2026-03-02', 0, 0), contractAmount: null };
    expect(new DealIndex([noContract], 'payment').sales(A, MARCH)).toBe(0);
    expect(new DealIndex([noAmount], 'contract').sales(A, MARCH)).toBe(0);
    expect(new DealIndex([noAmount], 'contract').closed(A, MARCH)).toEqual({ won: 1, lost: 0 });
  });

  it('salesAfterDay: only sales dated after the day (the part of a month after probation)', () => {
    const index = new DealIndex(
      [
        deal(A, 'К-1', '2026-03-09', 1_000, 0),
        deal(A, 'К-2', '2026-03-10', 2_000, 0),
        deal(A, 'К-3', '2026-03-11', 4_000, 0),
        deal(A, 'К-4', '2026-03-11', 8_000, 0),
      ],
      'contract',
    );
    expect(index.salesAfterDay(A, MARCH, 10)).toBe(rub(12_000));
    expect(index.salesAfterDay(A, MARCH, 8)).toBe(rub(15_000));
    expect(index.salesAfterDay(A, MARCH, 31)).toBe(0);
    expect(index.salesAfterDay(B, MARCH, 0)).toBe(0);
  });

  it('sumMonths: the given month and the ones before it, across the new year', () => {
    const index = new DealIndex(
      [
        deal(A, 'К-1', '2025-11-05', 1_000, 500),
        deal(A, 'К-2', '2025-12-05', 2_000, 500),
        deal(A, 'К-3', '2026-01-05', 4_000, 500),
        deal(A, 'К-4', '2026-02-05', 8_000, 500),
      ],
      'contract',
    );
    expect(index.sumMonths(A, { year: 2026, month: 1 }, 3, 'sales')).toBe(rub(7_000));
    expect(index.sumMonths(A, { year: 2026, month: 1 }, 3, 'margin')).toBe(rub(5_500));
    expect(index.sumMonths(A, { year: 2026, month: 2 }, 2, 'sales')).toBe(rub(12_000));
    expect(index.sumMonths(A, { year: 2026, month: 2 }, 0, 'sales')).toBe(0);
  });
});

describe('DealIndex: won, lost and new clients', () => {
  it('a won deal counts in its contract month, a lost one («Отказ») in its «Дата этапа» month', () => {
    const index = new DealIndex(
      [
        deal(A, 'К-1', '2026-03-02', 1_000, 0),
        deal(A, 'К-2', '2026-03-20', 1_000, 0),
        lostDeal(A, 'К-3', '2026-03-31'),
        lostDeal(A, 'К-4', '2026-04-01'),
        { ...lostDeal(A, 'К-5', '2026-03-05'), stageDate: null },
      ],
      'contract',
    );
    expect(index.closed(A, MARCH)).toEqual({ won: 2, lost: 1 });
    expect(index.closed(A, APRIL)).toEqual({ won: 0, lost: 1 });
    expect(index.closed(B, MARCH)).toEqual({ won: 0, lost: 0 });
  });

  it('a lost deal that once had a contract is neither won nor a sale', () => {
    const lostAfterContract = { ...deal(A, 'К-1', '2026-03-02', 9_000, 0), stage: 'Отказ', stageDate: d('2026-03-20') };
    const index = new DealIndex([lostAfterContract], 'contract');
    expect(index.closed(A, MARCH)).toEqual({ won: 0, lost: 1 });
    expect(index.sales(A, MARCH)).toBe(0);
    expect(index.newClients(A, MARCH)).toBe(0);
  });

  it('a new client is counted once, for whoever signed its first contract, in that month', () => {
    const index = new DealIndex(
      [
        deal(B, 'К-1', '2026-03-10', 1_000, 0),
        deal(A, 'К-1', '2026-02-27', 1_000, 0),
        deal(A, 'К-1', '2026-03-01', 1_000, 0),
        deal(A, 'К-2', '2026-03-15', 1_000, 0),
        deal(A, 'К-2', '2026-03-16', 1_000, 0),
        deal(A, '', '2026-03-17', 1_000, 0),
      ],
      'contract',
    );
    expect(index.newClients(A, { year: 2026, month: 2 })).toBe(1);
    expect(index.newClients(A, MARCH)).toBe(1);
    expect(index.newClients(B, MARCH)).toBe(0);
  });

  it('two first contracts of one client on the same day: the one listed first signed it', () => {
    const index = new DealIndex(
      [deal(B, 'К-1', '2026-03-10', 1_000, 0), deal(A, 'К-1', '2026-03-10', 1_000, 0)],
      'contract',
    );
    expect(index.newClients(B, MARCH)).toBe(1);
    expect(index.newClients(A, MARCH)).toBe(0);
  });
});

const KPI = (measure: KpiSetting['measure'], name = 'KPI'): KpiSetting => ({
  name,
  measure,
  defaultTarget: 1,
  percent: 0.05,
  mode: 'threshold',
});

function ctx(extra: Partial<KpiMeasureContext> = {}): KpiMeasureContext {
  return {
    month: MARCH,
    email: A,
    deals: new DealIndex([], 'contract'),
    claims: [],
    claimDeadlineDays: 10,
    manualFacts: {},
    ...extra,
  };
}

const claimOn = (date: string | null, deadline: string | null, status = 'Новая') => ({
  id: 'П-1',
  date: date === null ? null : d(date),
  clientId: 'К-1',
  responsible: A,
  deadline: deadline === null ? null : d(deadline),
  status,
});

describe('claims: response deadline and overdue count', () => {
  it('«Срок ответа» wins; otherwise «Дата» + the days of «Настройки»; neither: no deadline', () => {
    expect(claimDeadline(claimOn('2026-03-01', '2026-03-05'), 10)).toEqual(d('2026-03-05'));
    expect(claimDeadline(claimOn('2026-03-25', null), 10)).toEqual(d('2026-04-04'));
    expect(claimDeadline(claimOn(null, null), 10)).toBeNull();
  });

  it('claimDeadline does not move the claim’s own date', () => {
    const claim = claimOn('2026-03-25', null);
    claimDeadline(claim, 10);
    expect(claim.date).toEqual(d('2026-03-25'));
  });

  it('an open claim is overdue in the month once its deadline day is over before the month ends', () => {
    expect(overdueClaims([claimOn(null, '2026-03-30')], MARCH, 10)).toBe(1);
    expect(overdueClaims([claimOn(null, '2026-03-31')], MARCH, 10)).toBe(0);
    expect(overdueClaims([claimOn(null, '2026-02-10')], MARCH, 10)).toBe(1);
    // «Дата» 19 March + 10 days = 29 March: over in March; «Дата» 25 March + 10 = 4 April: not yet
    expect(overdueClaims([claimOn('2026-03-19', null), claimOn('2026-03-25', null)], MARCH, 10)).toBe(1);
    expect(overdueClaims([claimOn(null, null)], MARCH, 10)).toBe(0);
  });

  it('only «Новая» and «В работе» are open (spaces around the status ignored)', () => {
    const claims = [
      claimOn(null, '2026-03-01', 'Новая'),
      claimOn(null, '2026-03-01', ' В работе '),
      claimOn(null, '2026-03-01', 'Решена'),
      claimOn(null, '2026-03-01', 'Отклонена'),
    ];
    expect(overdueClaims(claims, MARCH, 10)).toBe(2);
  });

  it('claimsByPerson groups by «Ответственный» without case and spaces', () => {
    const claims = [
      { ...claimOn(null, null), id: 'П-1', responsible: ' A@example.ru' },
      { ...claimOn(null, null), id: 'П-2', responsible: B },
      { ...claimOn(null, null), id: 'П-3', responsible: 'a@EXAMPLE.ru ' },
    ];
    const map = claimsByPerson(claims);
    expect([...map.keys()].sort()).toEqual([A, B]);
    expect(map.get(A)!.map((c) => c.id)).toEqual(['П-1', 'П-3']);
    expect(map.get(B)!.map((c) => c.id)).toEqual(['П-2']);
  });
});

describe('measureKpi: the fact of each KPI', () => {
  const deals = new DealIndex(
    [
      deal(A, 'К-1', '2025-12-05', 10_000, 4_000),
      deal(A, 'К-9', '2026-01-10', 20_000, 6_000),
      deal(A, 'К-2', '2026-02-10', 30_000, 10_000),
      deal(A, 'К-3', '2026-03-05', 15_000, 5_000),
      deal(A, 'К-4', '2026-03-06', 45_000, 5_000),
      deal(A, 'К-1', '2026-03-07', 30_000, 0),
      lostDeal(A, 'К-5', '2026-03-20'),
      deal(A, 'К-6', '2025-10-01', 60_000, 60_000),
    ],
    'contract',
  );

  it('new clients: first contracts of the month (К-3, К-4; К-1 bought before)', () => {
    expect(measureKpi(KPI('newClients'), ctx({ deals }))).toBe(2);
  });

  it('conversion: won ÷ (won + lost) of the month; none closed: nothing to measure', () => {
    expect(measureKpi(KPI('conversion'), ctx({ deals }))).toBe(0.75);
    expect(measureKpi(KPI('conversion'), ctx({ deals, month: APRIL }))).toBeNull();
  });

  it('sales growth: January–March ÷ October–December', () => {
    // (20 000 + 30 000 + 15 000 + 45 000 + 30 000) ÷ (60 000 + 10 000) = 140 000 ÷ 70 000 = 2
    expect(measureKpi(KPI('salesGrowth'), ctx({ deals }))).toBe(2);
  });

  it('margin growth: the same on margin', () => {
    // (14 000 + 20 000 + 10 000 + 40 000 + 30 000) ÷ (0 + 6 000) = 114 000 ÷ 6 000 = 19
    expect(measureKpi(KPI('marginGrowth'), ctx({ deals }))).toBe(19);
  });

  it('growth without a base (nothing sold in the three months before) is not measurable', () => {
    const fresh = new DealIndex([deal(A, 'К-1', '2026-03-05', 15_000, 5_000)], 'contract');
    expect(measureKpi(KPI('salesGrowth'), ctx({ deals: fresh }))).toBeNull();
    const noMargin = new DealIndex(
      [deal(A, 'К-1', '2025-12-05', 5_000, 5_000), deal(A, 'К-2', '2026-03-05', 15_000, 5_000)],
      'contract',
    );
    expect(measureKpi(KPI('marginGrowth'), ctx({ deals: noMargin }))).toBeNull();
    expect(measureKpi(KPI('salesGrowth'), ctx({ deals: noMargin }))).toBe(3);
  });

  it('growth never goes below 0 when the recent margin is negative', () => {
    const loss = new DealIndex(
      [deal(A, 'К-1', '2025-12-05', 5_000, 1_000), deal(A, 'К-2', '2026-03-05', 1_000, 3_000)],
      'contract',
    );
    expect(measureKpi(KPI('marginGrowth'), ctx({ deals: loss }))).toBe(0);
  });

  it('quality: 1 without an overdue claim, 0 with one', () => {
    expect(measureKpi(KPI('quality'), ctx())).toBe(1);
    expect(measureKpi(KPI('quality'), ctx({ claims: [claimOn(null, '2026-03-02', 'В работе')] }))).toBe(0);
    expect(measureKpi(KPI('quality'), ctx({ claims: [claimOn(null, '2026-03-02', 'Решена')] }))).toBe(1);
  });

  it('a manual KPI has no computed fact', () => {
    expect(measureKpi(KPI('manual'), ctx({ deals }))).toBeNull();
  });

  it('a fact the director typed wins; for quality 85 and 0.85 both mean 85 %', () => {
    expect(measureKpi(KPI('newClients', 'Новые'), ctx({ deals, manualFacts: { Новые: 7 } }))).toBe(7);
    expect(measureKpi(KPI('manual', 'Отзывы'), ctx({ manualFacts: { Отзывы: 0 } }))).toBe(0);
    expect(measureKpi(KPI('quality', 'Q'), ctx({ manualFacts: { Q: 85 } }))).toBe(0.85);
    expect(measureKpi(KPI('quality', 'Q'), ctx({ manualFacts: { Q: 0.85 } }))).toBe(0.85);
    expect(measureKpi(KPI('quality', 'Q'), ctx({ manualFacts: { Q: 1 } }))).toBe(1);
    expect(measureKpi(KPI('conversion', 'Conv'), ctx({ deals, manualFacts: { Conv: 50 } }))).toBe(50);
    expect(measureKpi(KPI('quality', 'Q'), ctx({ manualFacts: { Other: 10 } }))).toBe(1);
  });
});

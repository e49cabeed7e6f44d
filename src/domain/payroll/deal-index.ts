/**
 * Deals grouped once per payroll run, so that every employee and month is a
 * lookup: sales and gross margin by responsible and month, first contracts per
 * client, and deals won and lost by month.
 */
import { addMonths, monthKey, type YearMonth } from '../calendar';
import type { Kopecks } from '../money';
import { LOST_STAGE } from '../workbook/schema';
import type { DealRecord } from './inputs';

export type SalesBy = 'contract' | 'payment';

interface MonthTotals {
  sales: Kopecks;
  margin: Kopecks;
  won: number;
  lost: number;
  newClients: number;
  /** sales by day of month, for splitting a month at the end of probation */
  salesByDay: Map<number, Kopecks>;
}

function key(date: Date): string {
  return monthKey({ year: date.getFullYear(), month: date.getMonth() + 1 });
}

/** E-mails compare without case and surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The deals of a workbook indexed by responsible and month; build once, read for every row and month. */
export class DealIndex {
  private readonly byPerson = new Map<string, Map<string, MonthTotals>>();

  /** Indexes `deals`, counting sales by contract or payment date. */
  constructor(deals: readonly DealRecord[], salesBy: SalesBy) {
    const firstContract = new Map<string, DealRecord>();
    for (const deal of deals) {
      if (deal.stage === LOST_STAGE) {
        if (deal.stageDate) this.totals(deal.responsible, key(deal.stageDate)).lost++;
        continue;
      }
      if (deal.contractDate) {
        this.totals(deal.responsible, key(deal.contractDate)).won++;
        const first = firstContract.get(deal.clientId);
        if (deal.clientId && (!first || deal.contractDate < first.contractDate!))
          firstContract.set(deal.clientId, deal);
      }
      const countDate = salesBy === 'contract' ? deal.contractDate : deal.paymentDate;
      if (countDate && deal.contractAmount !== null && deal.contractDate) {
        const totals = this.totals(deal.responsible, key(countDate));
        totals.sales += deal.contractAmount;
        totals.margin += deal.contractAmount - (deal.cost ?? 0);
        const day = countDate.getDate();
        totals.salesByDay.set(day, (totals.salesByDay.get(day) ?? 0) + deal.contractAmount);
      }
    }
    for (const deal of firstContract.values()) this.totals(deal.responsible, key(deal.contractDate!)).newClients++;
  }

  private totals(email: string, month: string): MonthTotals {
    const person = normaliseEmail(email);
    let months = this.byPerson.get(person);
    if (!months) this.byPerson.set(person, (months = new Map()));
    let totals = months.get(month);
    if (!totals) {
      totals = { sales: 0, margin: 0, won: 0, lost: 0, newClients: 0, salesByDay: new Map() };
      months.set(month, totals);
    }
    return totals;
  }

  private get(email: string, ym: YearMonth): MonthTotals | undefined {
    return this.byPerson.get(normaliseEmail(email))?.get(monthKey(ym));
  }

  /** «Сумма договора» of the person's deals counted in the month (by contract or payment date). */
  sales(email: string, ym: YearMonth): Kopecks {
    return this.get(email, ym)?.sales ?? 0;
  }

  /** Sales of the month dated after `day` (for the part of a month after probation). */
  salesAfterDay(email: string, ym: YearMonth, day: number): Kopecks {
    let sum = 0;
    for (const [d, amount] of this.get(email, ym)?.salesByDay ?? []) if (d > day) sum += amount;
    return sum;
  }

  margin(email: string, ym: YearMonth): Kopecks {
    return this.get(email, ym)?.margin ?? 0;
  }

  /** Clients whose first contract (over all deals) was signed by this person in the month. */
  newClients(email: string, ym: YearMonth): number {
    return this.get(email, ym)?.newClients ?? 0;
  }

  /** Deals won (contract signed) and lost («Отказ») in the month. */
  closed(email: string, ym: YearMonth): { won: number; lost: number } {
    const t = this.get(email, ym);
    return { won: t?.won ?? 0, lost: t?.lost ?? 0 };
  }

  /** Sum of `pick` over `count` months ending with `last`. */
  sumMonths(email: string, last: YearMonth, count: number, pick: 'sales' | 'margin'): Kopecks {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const ym = addMonths(last, -i);
      sum += pick === 'sales' ? this.sales(email, ym) : this.margin(email, ym);
    }
    return sum;
  }
}

/**
 * The search index the sidebar filters as the person types: only the key
 * columns of «Клиенты» and «Сделки», one read per column, once per search
 * session (the sidebar keeps it until the person asks to refresh it).
 */
import { Table } from '../../adapter/table';
import { H } from '../../domain/crm/records';
import type { SearchClientRow, SearchDealRow, SearchIndexData } from '../../domain/crm/search';
import { textOf } from '../../domain/crm/values';
import { SHEETS } from '../../domain/workbook/schema';
import type { CrmContext } from './crm-context';

/** The client columns the search reads, in SearchClientRow order. */
export const SEARCH_CLIENT_HEADERS = [H.clientId, H.client, H.inn, H.phone, H.email, H.clientStatus, H.owner] as const;
/** The deal columns the search reads, in SearchDealRow order. */
export const SEARCH_DEAL_HEADERS = [H.dealId, H.clientId, H.stage] as const;

function columns(table: Table, headers: readonly string[]): string[][] {
  return headers.map((h) => (table.has(h) ? table.readColumn(h).map(textOf) : []));
}

/** The key columns of every client and deal. */
export function searchIndex(ctx: CrmContext): SearchIndexData {
  const clients = Table.open(ctx.ss, SHEETS.clients, [H.clientId, H.client]);
  const clientCols = columns(clients, SEARCH_CLIENT_HEADERS);
  const clientRows: SearchClientRow[] = clientCols[0].map(
    (_, i) => SEARCH_CLIENT_HEADERS.map((__, c) => clientCols[c][i] ?? '') as SearchClientRow,
  );
  const dealRows: SearchDealRow[] = [];
  if (ctx.ss.getSheetByName(SHEETS.deals)) {
    const deals = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.clientId]);
    const dealCols = columns(deals, SEARCH_DEAL_HEADERS);
    dealCols[0].forEach((_, i) =>
      dealRows.push(SEARCH_DEAL_HEADERS.map((__, c) => dealCols[c][i] ?? '') as SearchDealRow),
    );
  }
  return { clients: clientRows.filter((r) => r[0] !== ''), deals: dealRows.filter((r) => r[0] !== '') };
}

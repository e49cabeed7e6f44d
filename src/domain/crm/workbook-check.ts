/**
 * «Проверить таблицу»: checks every CRM tab row by row and lists each problem
 * with its cell (sheet, row, header, A1) and a Russian text saying what to fix.
 */
import { COLUMNS, SHEETS, type ColumnSpec } from '../workbook/schema';
import { discountProblem } from './client-rules';
import { isStage, missingForStage } from './funnel';
import { parseIdNumber, type IdKind } from './ids';
import { duplicateGroups } from './duplicates';
import { H, type ClientType, type RowRecord } from './records';
import {
  innProblem,
  isBlankValue,
  isValidEmail,
  normalizePhone,
  parseAmountValue,
  parseDateValue,
  textOf,
} from './values';

/** One tab as read from the sheet: its header row and its data rows, positions as in the sheet. */
export interface TableSnapshot {
  headers: readonly string[];
  /** data rows in sheet order; rows[i] is sheet row headerRow + 1 + i */
  rows: readonly (readonly unknown[])[];
  /** 1-based sheet row of the header (1 unless a tab has a title above) */
  headerRow?: number;
}

export interface Problem {
  sheet: string;
  row: number;
  header: string;
  a1: string;
  message: string;
}

/** Column letters for a 1-based column: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Rows of a snapshot as records keyed by header (the first column with a header wins). */
export function recordsOf(table: TableSnapshot): RowRecord[] {
  const index = headerIndex(table.headers);
  return table.rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [header, col] of index) record[header] = row[col];
    return record;
  });
}

/** header → 0-based column, trimmed; the first of two equal headers wins. */
export function headerIndex(headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = String(h ?? '').trim();
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}

function isEmptyRow(row: readonly unknown[]): boolean {
  return row.every(isBlankValue);
}

function genericCellProblem(spec: ColumnSpec, value: unknown, record: RowRecord): string | null {
  if (isBlankValue(value)) return null;
  switch (spec.type) {
    case 'date':
      return parseDateValue(value) ? null : `«${spec.header}»: «${textOf(value)}» — не дата (нужно дд.мм.гггг)`;
    case 'money':
    case 'number':
      return parseAmountValue(value) === null
        ? `«${spec.header}»: «${textOf(value)}» — нужно неотрицательное число`
        : null;
    case 'list':
      return spec.list && !spec.list.includes(textOf(value))
        ? `«${spec.header}»: «${textOf(value)}» нет в списке (${spec.list.join(', ')})`
        : null;
    case 'email':
      return isValidEmail(value) ? null : `«${spec.header}»: «${textOf(value)}» — неверный e-mail`;
    case 'phone':
      return normalizePhone(value)
        ? null
        : `«${spec.header}»: «${textOf(value)}» — не российский номер (нужно +7XXXXXXXXXX)`;
    case 'inn': {
      const problem = innProblem(value, textOf(record[H.clientType]) as ClientType | '');
      return problem;
    }
    default:
      return null;
  }
}

const ID_COLUMNS: Partial<Record<keyof typeof COLUMNS, { header: string; kind: IdKind }>> = {
  clients: { header: H.clientId, kind: 'client' },
  deals: { header: H.dealId, kind: 'deal' },
  claims: { header: H.claimId, kind: 'claim' },
};

interface RowCheck {
  record: RowRecord;
  row: number;
  at: (row: number, header: string, message: string) => void;
  index: Map<string, number>;
  clientsById: ReadonlyMap<string, RowRecord>;
  clientsRead: boolean;
  options: { maxDiscountPercent: number };
}

/** A row's «ID клиента» names a client of «Клиенты» (checked only when «Клиенты» was read). */
function clientKnown({ record, row, at, clientsById, clientsRead }: RowCheck): void {
  const clientId = textOf(record[H.clientId]);
  if (clientId && clientsRead && !clientsById.has(clientId)) {
    at(row, H.clientId, `Клиента «${clientId}» нет на листе «Клиенты»`);
  }
}

/** Each tab's own checks of a row, besides those of its columns and its ID. */
const ROW_CHECKS: Partial<Record<keyof typeof COLUMNS, (check: RowCheck) => void>> = {
  clients: ({ record, row, at, options }) => {
    const problem = discountProblem(record[H.discount], record[H.clientStatus], options.maxDiscountPercent);
    if (problem) at(row, H.discount, problem);
  },
  deals: (check) => {
    clientKnown(check);
    const { record, row, at, index, clientsById } = check;
    const stage = textOf(record[H.stage]);
    if (!isStage(stage)) return;
    const client = clientsById.get(textOf(record[H.clientId])) ?? null;
    // «Отказ» asks only for its own fields: the deal keeps those of the stage it was lost at
    for (const m of missingForStage(stage, record, client)) {
      if (m.on === 'client') at(row, H.clientId, `Этап «${stage}»: ${m.message}`);
      else if (index.has(m.header)) at(row, m.header, `Этап «${stage}»: ${m.message}`);
    }
  },
  contacts: clientKnown,
  claims: clientKnown,
};

/**
 * Checks the CRM tabs. `tables` maps a tab key to its snapshot (a missing tab is a
 * problem). `maxDiscountPercent` comes from «Настройки».
 */
export function checkWorkbook(
  tables: Partial<Record<keyof typeof COLUMNS, TableSnapshot>>,
  options: { maxDiscountPercent: number; lostAt?: ReadonlyMap<string, string> },
): Problem[] {
  const problems: Problem[] = [];
  const clientsById = new Map<string, RowRecord>();
  if (tables.clients) {
    for (const r of recordsOf(tables.clients)) {
      const id = textOf(r[H.clientId]);
      if (id) clientsById.set(id, r);
    }
  }
  for (const key of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    // «История этапов» is the add-on's own append-only record, created when first written
    if (key === 'stageHistory') continue;
    const sheet = SHEETS[key];
    const table = tables[key];
    if (!table) {
      problems.push({
        sheet,
        row: 0,
        header: '',
        a1: '',
        message: `Нет листа «${sheet}» — запустите «Настроить таблицу»`,
      });
      continue;
    }
    const headerRow = table.headerRow ?? 1;
    const index = headerIndex(table.headers);
    const at = (row: number, header: string, message: string) => {
      const col = index.get(header);
      problems.push({
        sheet,
        row,
        header,
        a1: col === undefined ? '' : `${columnLetter(col + 1)}${row}`,
        message,
      });
    };
    const specs = COLUMNS[key];
    for (const spec of specs) {
      if (!index.has(spec.header)) at(headerRow, spec.header, `На листе «${sheet}» нет столбца «${spec.header}»`);
    }
    // a record holds only the tab's own headers: a missing column reads as blank below and is reported once, above
    const records = recordsOf(table);
    const seenIds = new Map<string, number>();
    const idColumn = ID_COLUMNS[key];
    records.forEach((record, i) => {
      if (isEmptyRow(table.rows[i])) return;
      const row = headerRow + 1 + i;
      for (const spec of specs) {
        const problem = genericCellProblem(spec, record[spec.header], record);
        if (problem) at(row, spec.header, problem);
      }
      if (idColumn && index.has(idColumn.header)) {
        const id = textOf(record[idColumn.header]);
        if (!id) at(row, idColumn.header, `Нет ID — запустите «Настроить таблицу» или введите строку заново`);
        else if (parseIdNumber(idColumn.kind, id) === null) at(row, idColumn.header, `ID «${id}» в неверном формате`);
        else if (seenIds.has(id)) at(row, idColumn.header, `ID «${id}» повторяется (уже в строке ${seenIds.get(id)})`);
        else seenIds.set(id, row);
      }
      ROW_CHECKS[key]?.({ record, row, at, index, clientsById, clientsRead: tables.clients !== undefined, options });
    });
    // Stryker disable next-line ConditionalExpression: duplicateGroups skips rows without «ID клиента», and no other tab has it beside an ИНН, a phone or an e-mail
    if (key === 'clients') {
      for (const g of duplicateGroups(records)) {
        const ids = g.rows.map((i) => textOf(records[i][H.clientId]));
        const lines = g.rows.map((i) => headerRow + 1 + i);
        at(
          lines[0],
          g.header,
          `Возможные дубли (${g.header} ${g.value}): ${ids.map((id, k) => `${id} в строке ${lines[k]}`).join(', ')}. ` +
            'Директор может объединить их в карточке клиента',
        );
      }
    }
  }
  return problems;
}

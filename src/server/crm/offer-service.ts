/**
 * КП and contracts from the deal (job description 2.6, 2.7): the deal's lines
 * on «Позиции сделок» priced from «Прайс», the document made from the
 * director's template in Google Docs with its PDF in a folder per client on
 * Drive, its number under the document lock, and the КП sent to the client.
 *
 * Scopes: DocumentApp needs `documents` (it opens the director's template
 * shared with the team, and the documents it makes); folders, PDFs and shares
 * go through the Drive advanced service with `drive.file` (only what the
 * add-on created). A document is made by the person who asks for it, in their
 * own Drive, and shared with the directors and the deal's owner.
 */
import { appendLog, type LogEntry } from '../../adapter/audit-log';
import { withRequestLock } from '../../adapter/request-ids';
import { Table } from '../../adapter/table';
import {
  checkDealLines,
  clientRightsOf,
  allowedDiscount,
  defaultTemplate,
  type DealLine,
  type DealLineInput,
  type DocumentKind,
  fillText,
  formatDocumentNumber,
  lineDiscountProblem,
  lineSum,
  quantityOf,
  LINES_PLACEHOLDER,
  linesTable,
  P,
  parsePriceList,
  placeholderValues,
  type PriceItem,
  totalsOf,
  type VatSettings,
} from '../../domain/crm/offer';
import { H, type RowRecord } from '../../domain/crm/records';
import { formatDateRu, isValidEmail, textOf } from '../../domain/crm/values';
import { DomainError, kopecksToRubles } from '../../domain/money';
import { discountPercent } from '../../domain/crm/client-rules';
import { formatRubles } from '../../domain/payroll/payslip';
import { SHEETS } from '../../domain/workbook/schema';
import type { CreatedDocumentDto, DealLinesDto, SaveDealLinesResult, SentOfferDto } from '../../shared/api';
import type { CrmContext } from './crm-context';
import { findById, requireOwnRow, type FoundRow } from './deal-service';
import { ownRowProblem } from '../../domain/crm/rights';

/** «Было» in «Журнал» when the previous value of a pasted cell is not known. */
const PREVIOUS_UNKNOWN = '(неизвестно)';

export const DOCUMENTS_SCOPE = 'https://www.googleapis.com/auth/documents';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The deal columns the documents write. */
export const DOC_COLUMNS = { offerNo: '№ КП', offerDoc: 'КП (документ)', contractDoc: 'Договор (документ)' } as const;

const TEMPLATE_KEY = 'docs.template.';
const FOLDER_KEY = 'docs.folder.';
const NUMBER_KEY = 'docs.number.';

/** The document property holding the ID of the director's template of `kind`. */
export function templateKey(kind: DocumentKind): string {
  return TEMPLATE_KEY + kind;
}

/** The name of a specialist from «Сотрудники» by e-mail (the e-mail itself when the tab does not name them). */
function employeeName(ctx: CrmContext, email: string): string {
  const e = email.trim().toLowerCase();
  if (!e || !ctx.ss.getSheetByName(SHEETS.staff)) return email;
  const staff = Table.open(ctx.ss, SHEETS.staff, []);
  if (!staff.has('Email') || !staff.has('ФИО')) return email;
  const rows = staff.readRowsAt(staff.findRows('Email', [e]));
  for (const values of rows.values()) {
    const r = staff.record(values);
    if (textOf(r['Email']).toLowerCase() === e && textOf(r['ФИО'])) return textOf(r['ФИО']);
  }
  return email;
}

function vatOf(ctx: CrmContext): VatSettings {
  return { ratePercent: ctx.settings.documents.vatPercent, included: ctx.settings.documents.vatIncluded };
}

/** The price list from «Прайс». */
export function readPriceList(ctx: CrmContext): PriceItem[] {
  const table = Table.open(ctx.ss, SHEETS.priceList, [P.article, P.price]);
  return parsePriceList(table.readAll().map((values, i) => ({ row: i + 2, record: table.record(values) })));
}

function linesTableOf(ctx: CrmContext): Table {
  return Table.open(ctx.ss, SHEETS.dealLines, [H.dealId, P.article, P.quantity, P.discount]);
}

/** The deal's rows on «Позиции сделок», top to bottom. */
function lineRows(table: Table, dealId: string): Array<{ row: number; record: Record<string, unknown> }> {
  return [...table.readRowsAt(table.findRows(H.dealId, [dealId])).entries()]
    .map(([row, values]) => ({ row, record: table.record(values) }))
    .filter((r) => textOf(r.record[H.dealId]) === dealId)
    .sort((a, b) => a.row - b.row);
}

function inputsOf(rows: ReadonlyArray<{ record: RowRecord }>): DealLineInput[] {
  return rows.map(({ record }) => ({
    article: textOf(record[P.article]),
    quantity: record[P.quantity],
    discount: record[P.discount],
  }));
}

function totalText(lines: readonly DealLine[], vat: VatSettings): string {
  if (lines.length === 0) return '';
  const t = totalsOf(lines, vat);
  if (vat.ratePercent === 0) return `Итого ${formatRubles(t.total)} руб., без НДС`;
  return vat.included
    ? `Итого ${formatRubles(t.total)} руб., в т. ч. НДС ${vat.ratePercent} % ${formatRubles(t.vat)} руб.`
    : `Итого ${formatRubles(t.lines)} руб. + НДС ${vat.ratePercent} % ${formatRubles(t.vat)} руб. = ${formatRubles(t.total)} руб.`;
}

/** The id of a Google Docs document from its link. */
function documentIdOf(url: string): string {
  const m = /\/document\/d\/([^/?#]+)/.exec(url);
  return m ? m[1] : '';
}

interface DealAndClient {
  deal: FoundRow;
  client: FoundRow;
}

function dealAndClient(ctx: CrmContext, dealId: string): DealAndClient {
  const deal = findById(ctx, SHEETS.deals, H.dealId, dealId);
  if (!deal) throw new DomainError(`Сделки «${dealId}» нет на листе «Сделки»`);
  const clientId = textOf(deal.record[H.clientId]);
  const client = clientId ? findById(ctx, SHEETS.clients, H.clientId, clientId) : null;
  if (!client) throw new DomainError(`У сделки ${dealId} нет клиента на листе «Клиенты»`);
  return { deal, client };
}

function view(
  ctx: CrmContext,
  found: DealAndClient,
  lines: readonly DealLine[],
  priceList: readonly PriceItem[],
): DealLinesDto {
  const { deal, client } = found;
  const doc = (header: string, number: string) => {
    const url = deal.table.has(header) ? textOf(deal.record[header]) : '';
    return url ? { number, url } : null;
  };
  const email = textOf(client.record[H.email]);
  return {
    dealId: textOf(deal.record[H.dealId]),
    priceList: priceList.map((p) => ({
      article: p.article,
      name: p.name,
      unit: p.unit,
      price: formatRubles(p.price),
      direction: p.direction,
    })),
    lines: lines.map((l) => ({
      article: l.article,
      name: l.name,
      unit: l.unit,
      quantity: String(l.quantity).replace('.', ','),
      price: formatRubles(l.price),
      discount: l.discount === 0 ? '' : String(l.discount).replace('.', ','),
      sum: formatRubles(l.sum),
    })),
    maxDiscount: allowedDiscount(clientRightsOf(client.record, ctx.settings.maxDiscountPercent)),
    totalText: totalText(lines, vatOf(ctx)),
    offer: doc(DOC_COLUMNS.offerDoc, textOf(deal.record[DOC_COLUMNS.offerNo])),
    contract: doc(DOC_COLUMNS.contractDoc, textOf(deal.record[H.contractNo])),
    clientEmail: isValidEmail(email) ? email.toLowerCase() : '',
    problems: [],
  };
}

/**
 * The deal's lines as they are now, checked again: a line typed into
 * «Позиции сделок» by hand with a discount the client may not have is refused
 * here, so it never reaches a document.
 */
function checkedLines(ctx: CrmContext, found: DealAndClient, priceList: readonly PriceItem[]): DealLine[] {
  const rows = lineRows(linesTableOf(ctx), textOf(found.deal.record[H.dealId]));
  if (rows.length === 0) return [];
  const verdict = checkDealLines(
    inputsOf(rows),
    priceList,
    clientRightsOf(found.client.record, ctx.settings.maxDiscountPercent),
  );
  if (!verdict.ok) {
    throw new DomainError(`Позиции сделки не приняты — исправьте их в карточке: ${verdict.errors.join('; ')}`);
  }
  return verdict.lines;
}

/**
 * The card's view of a deal's lines. Lines typed into «Позиции сделок» by hand
 * that break the rules are shown as typed, with what to fix, so the card can
 * correct them.
 */
export function dealLinesView(ctx: CrmContext, dealId: string): DealLinesDto {
  const found = dealAndClient(ctx, dealId);
  const priceList = readPriceList(ctx);
  const rows = lineRows(linesTableOf(ctx), dealId);
  const verdict = checkDealLines(
    inputsOf(rows),
    priceList,
    clientRightsOf(found.client.record, ctx.settings.maxDiscountPercent),
  );
  if (rows.length === 0 || verdict.ok) return view(ctx, found, verdict.ok ? verdict.lines : [], priceList);
  return {
    ...view(ctx, found, [], priceList),
    lines: rows.map(({ record }) => ({
      article: textOf(record[P.article]),
      name: textOf(record[P.name]),
      unit: textOf(record[P.unit]),
      quantity: textOf(record[P.quantity]),
      price: '',
      discount: textOf(record[P.discount]),
      sum: '',
    })),
    problems: verdict.errors,
  };
}

/**
 * Replaces the deal's lines: every line checked against «Прайс» and the
 * client's rights (2.10), prices from the price list, sums to the kopeck;
 * «Сумма КП» becomes their total. A refused discount is logged.
 */
export function saveDealLines(
  ctx: CrmContext,
  dealId: string,
  inputs: readonly DealLineInput[],
  requestId = '',
): SaveDealLinesResult {
  return withRequestLock(requestId, (): SaveDealLinesResult => {
    const found = dealAndClient(ctx, dealId);
    requireOwnRow(ctx, found.deal.record, `Сделку ${dealId}`);
    const priceList = readPriceList(ctx);
    const verdict = checkDealLines(
      inputs,
      priceList,
      clientRightsOf(found.client.record, ctx.settings.maxDiscountPercent),
    );
    if (!verdict.ok) {
      const discounts = verdict.errors.filter((e) => e.includes('Скидк') || e.includes('скидк'));
      if (discounts.length > 0) {
        appendLog(
          ctx.ss,
          discounts.map((e) => ({
            user: ctx.user,
            action: 'Отклонена скидка в позициях',
            sheet: SHEETS.dealLines,
            id: dealId,
            field: P.discount,
            before: '',
            after: '',
            comment: e,
          })),
          ctx.now,
        );
      }
      return { ok: false, errors: verdict.errors };
    }
    const table = linesTableOf(ctx);
    const existing = lineRows(table, dealId);
    const records = verdict.lines.map((l) => ({
      [H.dealId]: dealId,
      [P.article]: l.article,
      [P.name]: l.name,
      [P.unit]: l.unit,
      [P.quantity]: l.quantity,
      [P.price]: kopecksToRubles(l.price),
      [P.discount]: l.discount === 0 ? '' : l.discount,
      [P.sum]: kopecksToRubles(l.sum),
    }));
    const blank = Object.fromEntries(Object.keys(records[0]).map((h) => [h, '']));
    // the deal's rows are rewritten in place; extra rows are emptied, never deleted (others' rows keep their place)
    existing.forEach(({ row }, i) => table.writeFields(row, records[i] ?? blank));
    if (records.length > existing.length) table.appendRecords(records.slice(existing.length));
    const totals = totalsOf(verdict.lines, vatOf(ctx));
    const before = found.deal.record[H.offerSum];
    found.deal.table.writeCell(found.deal.row, H.offerSum, kopecksToRubles(totals.total));
    found.deal.record[H.offerSum] = kopecksToRubles(totals.total);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: 'Позиции сделки',
          sheet: SHEETS.dealLines,
          id: dealId,
          field: H.offerSum,
          before,
          after: kopecksToRubles(totals.total),
          comment: verdict.lines
            .map((l) => `${l.article} × ${l.quantity}${l.discount ? ` −${l.discount} %` : ''}`)
            .join('; '),
        },
      ],
      ctx.now,
    );
    return { ok: true, view: view(ctx, found, verdict.lines, priceList) };
  });
}

/** The prefix of the add-on's notes (the same as the other tabs' enforcement). */
const LINE_NOTE_PREFIX = 'CRM: ';

/**
 * A person's typing, paste or fill-down into «Позиции сделок», checked by the
 * card's rules (runs under the document lock, from the edit trigger): a line's
 * name, unit and price come from «Прайс» (a typed price is put back), its sum
 * is computed; a discount the client may not have (2.10) is refused — the cell
 * goes back to its previous value when Sheets gives it and that value is
 * allowed, else it is emptied — with a note, a toast and a «Журнал» line;
 * everything else typed stays. Each deal touched gets «Сумма КП» recomputed
 * from its lines, as the card's save does, when all its lines are valid.
 */
export function enforceLinesEdit(ctx: CrmContext, range: GoogleAppsScript.Spreadsheet.Range, oldValue: unknown): void {
  const sheet = range.getSheet();
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = Math.min(range.getRow() + range.getNumRows() - 1, sheet.getLastRow());
  if (lastRow < firstRow) return;
  const table = linesTableOf(ctx);
  const discountCol = table.col(P.discount);
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1 && range.getColumn() === discountCol;
  const rows = table.readRows(firstRow, lastRow - firstRow + 1);
  const priceList = readPriceList(ctx);
  const byArticle = new Map(priceList.map((p) => [p.article, p]));
  const deals = new Map<string, DealAndClient | null>();
  const foundOf = (dealId: string): DealAndClient | null => {
    if (!deals.has(dealId)) {
      try {
        deals.set(dealId, dealAndClient(ctx, dealId));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        deals.set(dealId, null);
      }
    }
    return deals.get(dealId) ?? null;
  };
  const log: LogEntry[] = [];
  const refusals: string[] = [];
  const notOwnDeals = new Set<string>();
  const notes = sheet.getRange(firstRow, discountCol, rows.length, 1).getNotes();
  let notesChanged = false;
  const articleNotes = sheet.getRange(firstRow, table.col(P.article), rows.length, 1).getNotes();
  let articleNotesChanged = false;
  const computed = [P.name, P.unit, P.price, P.sum].filter((h) => table.has(h));
  const out: unknown[][] = rows.map((values) => computed.map((h) => values[table.col(h) - 1]));
  let outChanged = false;
  rows.forEach((values, i) => {
    const record = table.record(values);
    const dealId = textOf(record[H.dealId]);
    const item = byArticle.get(textOf(record[P.article]));
    const ownNote = String(notes[i][0]).startsWith(LINE_NOTE_PREFIX);
    if (dealId && !item && textOf(record[P.article]) !== '') {
      articleNotes[i][0] = `${LINE_NOTE_PREFIX}товара с артикулом «${textOf(record[P.article])}» нет в листе «Прайс»`;
      articleNotesChanged = true;
      refusals.push(`${dealId}: товара с артикулом «${textOf(record[P.article])}» нет в прайсе`);
    } else if (String(articleNotes[i][0]).startsWith(LINE_NOTE_PREFIX)) {
      articleNotes[i][0] = '';
      articleNotesChanged = true;
    }
    if (!dealId || !item) return;
    const found = foundOf(dealId);
    if (!found) return;
    // as the card: another specialist's deal is changed only by its owner or a director
    const notOwn = ownRowProblem(ctx.user, found.deal.record[H.owner], () => ctx.isDirector);
    if (notOwn) {
      notOwnDeals.add(dealId);
      const row = firstRow + i;
      const message = `позиции сделки ${dealId}: ${notOwn}`;
      if (range.getNumRows() === 1 && range.getNumColumns() === 1) {
        range.setValue(oldValue ?? '');
        range.setNote(`${LINE_NOTE_PREFIX}${message}; прежнее значение возвращено`);
      } else {
        sheet
          .getRange(row, table.col(H.dealId))
          .setNote(`${LINE_NOTE_PREFIX}${message}; правка отмечена для директора`);
      }
      refusals.push(`${dealId}: ${notOwn}`);
      log.push({
        user: ctx.user,
        action: 'Отклонена правка позиций',
        sheet: SHEETS.dealLines,
        id: dealId,
        field: `строка ${row}`,
        before: range.getNumRows() === 1 && range.getNumColumns() === 1 ? (oldValue ?? '') : PREVIOUS_UNKNOWN,
        after: '',
        comment: notOwn,
      });
      return;
    }
    const rights = clientRightsOf(found.client.record, ctx.settings.maxDiscountPercent);
    let discount = record[P.discount];
    const problem = lineDiscountProblem(discount, rights);
    if (problem) {
      const previous = single && lineDiscountProblem(oldValue, rights) === null ? (oldValue ?? '') : '';
      table.writeCell(firstRow + i, P.discount, previous);
      notes[i][0] = `${LINE_NOTE_PREFIX}скидка ${textOf(discount)} % не принята: ${problem}`;
      notesChanged = true;
      refusals.push(`${dealId}, ${item.article}: скидка не принята — ${problem}`);
      log.push({
        user: ctx.user,
        action: 'Отклонена скидка в позициях',
        sheet: SHEETS.dealLines,
        id: dealId,
        field: P.discount,
        before: previous,
        after: discount,
        comment: problem,
      });
      discount = previous;
    } else if (ownNote) {
      notes[i][0] = '';
      notesChanged = true;
    }
    const quantity = quantityOf(record[P.quantity]);
    const percent = discountPercent(discount) ?? 0;
    const next: Record<string, unknown> = {
      [P.name]: item.name,
      [P.unit]: item.unit,
      [P.price]: kopecksToRubles(item.price),
      [P.sum]: quantity === null ? '' : kopecksToRubles(lineSum(item.price, quantity, percent)),
    };
    computed.forEach((h, c) => {
      if (out[i][c] !== next[h]) {
        out[i][c] = next[h];
        outChanged = true;
      }
    });
  });
  // a line moved off a deal by typing another ID: the deal it left is recomputed too
  const oneCell = range.getNumRows() === 1 && range.getNumColumns() === 1;
  if (oneCell && range.getColumn() === table.col(H.dealId) && textOf(oldValue)) foundOf(textOf(oldValue));
  if (outChanged)
    for (const [c, h] of computed.entries())
      table.writeColumn(
        h,
        firstRow,
        out.map((r) => r[c]),
      );
  if (notesChanged) sheet.getRange(firstRow, discountCol, rows.length, 1).setNotes(notes);
  if (articleNotesChanged) sheet.getRange(firstRow, table.col(P.article), rows.length, 1).setNotes(articleNotes);
  for (const [dealId, found] of deals) {
    if (!found || notOwnDeals.has(dealId)) continue;
    const lines = lineRows(linesTableOf(ctx), dealId);
    const verdict = checkDealLines(
      inputsOf(lines),
      priceList,
      clientRightsOf(found.client.record, ctx.settings.maxDiscountPercent),
    );
    if (!verdict.ok) continue;
    const total = kopecksToRubles(totalsOf(verdict.lines, vatOf(ctx)).total);
    const before = found.deal.record[H.offerSum];
    if (before === total) continue;
    found.deal.table.writeCell(found.deal.row, H.offerSum, total);
    log.push({
      user: ctx.user,
      action: 'Позиции сделки',
      sheet: SHEETS.dealLines,
      id: dealId,
      field: H.offerSum,
      before,
      after: total,
      comment: 'правка на листе «Позиции сделок»',
    });
  }
  if (refusals.length > 0) {
    ctx.ss.toast(
      refusals.length === 1
        ? refusals[0]
        : `Не принято изменений позиций: ${refusals.length}. Причины — в примечаниях к ячейкам.`,
      'Изменение не принято',
      15,
    );
  }
  appendLog(ctx.ss, log, ctx.now);
}

/**
 * Refuses until the user has granted what documents need: Google asks again
 * when a new version of the add-on adds a scope, and says so here once.
 */
export function requireDocumentAuthorization(): void {
  const getInfo = ScriptApp.getAuthorizationInfo as unknown as (
    mode: GoogleAppsScript.Script.AuthMode,
    scopes: string[],
  ) => GoogleAppsScript.Script.AuthorizationInfo & { getAuthorizedScopes?(): string[] | null };
  const needed = [DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE];
  const info = getInfo(ScriptApp.AuthMode.FULL, needed);
  const granted = typeof info.getAuthorizedScopes === 'function' ? info.getAuthorizedScopes() : null;
  const missing = granted
    ? needed.some((scope) => !granted.includes(scope))
    : info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
  if (!missing) return;
  const url = info.getAuthorizationUrl();
  throw new DomainError(
    'Для КП и договоров надстройке нужно новое разрешение Google: создавать документы в Google Документах ' +
      'и сохранять их и PDF на вашем Диске (только файлы, созданные надстройкой). ' +
      (url
        ? `Откройте ${url}, разрешите доступ и повторите.`
        : 'Откройте меню надстройки ещё раз, разрешите доступ и повторите.'),
  );
}

/** The Drive advanced service, or a message saying how to turn it on. */
function drive(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new DomainError(
      'Не подключена служба Google Drive API: в редакторе скриптов откройте «Службы» и добавьте Drive API версии v3.',
    );
  }
  return Drive;
}

/** The next free number of `kind` this year, kept in the document properties and checked against the deals column. */
function nextNumber(ctx: CrmContext, kind: DocumentKind, deals: Table): string {
  const year = ctx.today.getFullYear();
  const format = kind === 'КП' ? ctx.settings.documents.offerNumberFormat : ctx.settings.documents.contractNumberFormat;
  const header = kind === 'КП' ? DOC_COLUMNS.offerNo : H.contractNo;
  const props = PropertiesService.getDocumentProperties();
  const key = `${NUMBER_KEY}${kind}.${year}`;
  let n = (Number(props.getProperty(key)) || 0) + 1;
  let number = formatDocumentNumber(format, year, n);
  // a number typed into the column by hand is passed over
  while (deals.findRows(header, [number]).length > 0) number = formatDocumentNumber(format, year, ++n);
  props.setProperty(key, String(n));
  return number;
}

/** The user's folder for the client on Drive, made on first use and shared with the directors. */
function clientFolder(ctx: CrmContext, client: RowRecord, shareWith: readonly string[]): string {
  const clientId = textOf(client[H.clientId]);
  const props = PropertiesService.getDocumentProperties();
  const key = `${FOLDER_KEY}${ctx.user || 'unknown'}.${clientId}`;
  const known = props.getProperty(key);
  if (known) {
    try {
      drive().Files.get(known, { fields: 'id' });
      return known;
    } catch {
      // deleted, or made by someone else: a new one
    }
  }
  const folder = drive().Files.create({
    name: `${clientId} ${textOf(client[H.client])}`,
    mimeType: FOLDER_MIME,
  });
  share(folder.id!, shareWith, 'reader');
  props.setProperty(key, folder.id!);
  return folder.id!;
}

function share(fileId: string, emails: readonly string[], role: 'reader' | 'writer'): void {
  for (const email of emails) {
    drive().Permissions.create({ type: 'user', role, emailAddress: email }, fileId, { sendNotificationEmail: false });
  }
}

/** Escapes a placeholder for Body.replaceText (its pattern is a regular expression). */
function placeholderPattern(name: string): string {
  return `\\{\\{${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}\\}`;
}

/** Copies the template's body into a new document, fills it and saves it. */
function renderDocument(
  templateId: string,
  name: string,
  values: Record<string, string>,
  table: string[][],
): GoogleAppsScript.Document.Document {
  let template: GoogleAppsScript.Document.Document;
  try {
    template = DocumentApp.openById(templateId);
  } catch {
    throw new DomainError(
      'Шаблон документа не открывается: директор мог удалить его или закрыть к нему доступ. ' +
        'Директору: CRM → «Настроить таблицу» создаст шаблоны заново.',
    );
  }
  const doc = DocumentApp.create(name);
  const body = doc.getBody();
  const source = template.getBody();
  for (let i = 0; i < source.getNumChildren(); i++) {
    const child = source.getChild(i);
    if (child.getType() === DocumentApp.ElementType.TABLE) body.appendTable(child.asTable().copy());
    else if (child.getType() === DocumentApp.ElementType.PARAGRAPH) body.appendParagraph(child.asParagraph().copy());
  }
  // a new document starts with one empty paragraph
  if (body.getNumChildren() > 1) body.getChild(0).removeFromParent();
  const found = body.findText(placeholderPattern(LINES_PLACEHOLDER));
  if (found) {
    const paragraph = found.getElement().getParent();
    const index = body.getChildIndex(paragraph);
    const inserted = body.insertTable(index, table);
    inserted.getRow(0).editAsText().setBold(true);
    paragraph.removeFromParent();
  } else {
    body.appendTable(table).getRow(0).editAsText().setBold(true);
  }
  for (const [key, value] of Object.entries(values)) body.replaceText(placeholderPattern(key), value);
  doc.saveAndClose();
  return doc;
}

/**
 * Makes the КП or the contract of a deal from the director's template: the
 * company's and the client's details, the lines as a table, the totals with
 * VAT and in words, the special conditions of a key client, the date and the
 * number (a new one under the document lock; the deal's own when it has one).
 * Saves it and its PDF in the client's folder, writes the number and the
 * link into the deal and logs it. The stage does not change.
 */
export function createDocument(
  ctx: CrmContext,
  dealId: string,
  kind: DocumentKind,
  requestId = '',
): CreatedDocumentDto {
  requireDocumentAuthorization();
  return withRequestLock(requestId, (): CreatedDocumentDto => {
    const found = dealAndClient(ctx, dealId);
    const { deal, client } = found;
    requireOwnRow(ctx, deal.record, `Сделку ${dealId}`);
    const deals = Table.open(ctx.ss, SHEETS.deals, [H.dealId, H.contractNo, ...Object.values(DOC_COLUMNS)]);
    const priceList = readPriceList(ctx);
    const lines = checkedLines(ctx, found, priceList);
    if (lines.length === 0)
      throw new DomainError(`У сделки ${dealId} нет позиций: добавьте товары из прайса в карточке`);
    const templateId = PropertiesService.getDocumentProperties().getProperty(templateKey(kind));
    if (!templateId) {
      throw new DomainError(
        `Нет шаблона «${kind}». Директору: CRM → «Настроить таблицу» создаст шаблоны КП и договора.`,
      );
    }
    const numberHeader = kind === 'КП' ? DOC_COLUMNS.offerNo : H.contractNo;
    const number = textOf(deal.record[numberHeader]) || nextNumber(ctx, kind, deals);
    const vat = vatOf(ctx);
    const totals = totalsOf(lines, vat);
    const s = ctx.settings;
    const values = placeholderValues({
      kind,
      number,
      date: formatDateRu(ctx.today),
      organisation: s.organisation,
      organisationInn: s.documents.organisationInn,
      organisationAddress: s.documents.organisationAddress,
      director: s.director,
      client: client.record,
      dealId,
      owner: employeeName(ctx, textOf(deal.record[H.owner])),
      totals,
      vat,
    });
    const name = `${kind === 'КП' ? 'Коммерческое предложение' : 'Договор'} ${number} ${textOf(client.record[H.client])}`;
    const readers = [...new Set([...ctx.directorEmails(), textOf(deal.record[H.owner]).toLowerCase()])].filter(
      (e) => e !== '' && e !== ctx.user,
    );
    const folder = clientFolder(ctx, client.record, readers);
    const doc = renderDocument(templateId, name, values, linesTable(lines, totals, vat));
    const docId = doc.getId();
    drive().Files.update({}, docId, undefined as unknown as GoogleAppsScript.Base.Blob, {
      addParents: folder,
      removeParents: 'root',
    });
    share(docId, readers, 'writer');
    const pdf = DocumentApp.openById(docId).getAs('application/pdf').setName(`${name}.pdf`);
    const pdfFile = drive().Files.create({ name: `${name}.pdf`, parents: [folder] }, pdf, { fields: 'id,webViewLink' });
    const url = doc.getUrl();
    const fields: Record<string, unknown> =
      kind === 'КП'
        ? {
            [DOC_COLUMNS.offerNo]: number,
            [DOC_COLUMNS.offerDoc]: url,
            [H.offerSum]: kopecksToRubles(totals.total),
            [H.offerDate]: ctx.today,
          }
        : { [H.contractNo]: number, [DOC_COLUMNS.contractDoc]: url };
    deal.table.writeFields(deal.row, fields);
    Object.assign(deal.record, fields);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: kind === 'КП' ? 'Создано КП' : 'Создан договор',
          sheet: SHEETS.deals,
          id: dealId,
          field: numberHeader,
          before: '',
          after: number,
          comment: `${url} · ${formatRubles(totals.total)} руб.`,
        },
      ],
      ctx.now,
    );
    return {
      kind,
      number,
      name,
      url,
      pdfUrl: String(pdfFile.webViewLink ?? ''),
      view: view(ctx, found, lines, priceList),
    };
  });
}

/**
 * Sends the deal's КП as a PDF to the client's e-mail, from the user's own
 * account, with the subject and text of «Настройки»; logs the contact
 * («Email», with the document's link) in «Контакты». The stage moves only by
 * the usual rules, in the card.
 */
export function sendOffer(ctx: CrmContext, dealId: string, requestId = ''): SentOfferDto {
  requireDocumentAuthorization();
  return withRequestLock(requestId, (): SentOfferDto => {
    const found = dealAndClient(ctx, dealId);
    const { deal, client } = found;
    requireOwnRow(ctx, deal.record, `Сделку ${dealId}`);
    const url = deal.table.has(DOC_COLUMNS.offerDoc) ? textOf(deal.record[DOC_COLUMNS.offerDoc]) : '';
    const docId = documentIdOf(url);
    if (!docId) throw new DomainError(`У сделки ${dealId} ещё нет КП: сначала нажмите «Создать КП»`);
    const to = textOf(client.record[H.email]).toLowerCase();
    if (!isValidEmail(to)) {
      throw new DomainError(
        `У клиента ${textOf(client.record[H.clientId])} нет верного e-mail: заполните «Email» в карточке клиента`,
      );
    }
    if (MailApp.getRemainingDailyQuota() < 1) {
      throw new DomainError('Дневной лимит писем Google исчерпан: отправьте КП завтра или со своей почты вручную');
    }
    const number = textOf(deal.record[DOC_COLUMNS.offerNo]);
    const lines = checkedLines(ctx, found, readPriceList(ctx));
    const totals = totalsOf(lines, vatOf(ctx));
    const s = ctx.settings;
    const values = {
      ...placeholderValues({
        kind: 'КП',
        number,
        date: formatDateRu(deal.record[H.offerDate] instanceof Date ? (deal.record[H.offerDate] as Date) : ctx.today),
        organisation: s.organisation,
        organisationInn: s.documents.organisationInn,
        organisationAddress: s.documents.organisationAddress,
        director: s.director,
        client: client.record,
        dealId,
        owner: employeeName(ctx, textOf(deal.record[H.owner])),
        totals,
        vat: vatOf(ctx),
      }),
      Ссылка: url,
    };
    let pdf: GoogleAppsScript.Base.Blob;
    try {
      pdf = DocumentApp.openById(docId).getAs('application/pdf');
    } catch {
      throw new DomainError('Документ КП не открывается (удалён или нет доступа): создайте КП заново');
    }
    pdf.setName(`КП ${number}.pdf`);
    MailApp.sendEmail({
      to,
      subject: fillText(s.documents.mailSubject, values),
      body: fillText(s.documents.mailBody, values),
      attachments: [pdf],
    });
    const contacts = Table.open(ctx.ss, SHEETS.contacts, ['Дата', H.clientId]);
    const record: Record<string, unknown> = {
      Дата: ctx.today,
      [H.clientId]: textOf(client.record[H.clientId]),
      [H.dealId]: dealId,
      Сотрудник: ctx.user,
      Тип: 'Email',
      Результат: `Отправлено КП № ${number} на ${to}: ${url}`,
    };
    for (const header of Object.keys(record)) if (!contacts.has(header)) delete record[header];
    contacts.appendRecords([record]);
    appendLog(
      ctx.ss,
      [
        {
          user: ctx.user,
          action: 'КП отправлено клиенту',
          sheet: SHEETS.contacts,
          id: dealId,
          field: 'Email',
          before: '',
          after: to,
          comment: url,
        },
      ],
      ctx.now,
    );
    return { to, number };
  });
}

/**
 * «Настроить таблицу»: the default templates of КП and contract, made by the
 * director in Google Docs (where the director edits them) and shared for
 * reading with the spreadsheet's editors; a template already there is kept.
 */
export function ensureTemplates(ctx: CrmContext, report: string[]): void {
  const props = PropertiesService.getDocumentProperties();
  const editors = ctx.ss
    .getEditors()
    .map((u) => (u.getEmail() || '').toLowerCase())
    .filter((e) => e !== '' && e !== ctx.user);
  for (const kind of ['КП', 'Договор'] as const) {
    const known = props.getProperty(templateKey(kind));
    if (known) {
      try {
        DocumentApp.openById(known);
        continue;
      } catch {
        // deleted: made again below
      }
    }
    const doc = DocumentApp.create(`Шаблон: ${kind === 'КП' ? 'коммерческое предложение' : 'договор'}`);
    const body = doc.getBody();
    for (const p of defaultTemplate(kind)) {
      const paragraph = body.appendParagraph(p.text);
      if (p.heading) paragraph.setHeading(DocumentApp.ParagraphHeading[p.heading]);
      if (p.alignment) paragraph.setAlignment(DocumentApp.HorizontalAlignment[p.alignment]);
    }
    body.getChild(0).removeFromParent();
    doc.saveAndClose();
    share(doc.getId(), editors, 'reader');
    props.setProperty(templateKey(kind), doc.getId());
    report.push(
      `Создан шаблон «${kind}» в Google Документах: ${doc.getUrl()} — его можно изменить, подстановки {{…}} описаны в README`,
    );
  }
}

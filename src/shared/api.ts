/**
 * What crosses google.script.run between the sidebar and the server. The
 * sidebar imports these as types only, so a renamed or retyped server function
 * breaks the sidebar's build, not production. Dates travel as «дд.мм.гггг» text
 * (google.script.run cannot return Date objects).
 */

import type { SearchIndexData } from '../domain/crm/search';

export type { SearchIndexData };

/** Which view the sidebar shows; set by the menu item that opened it. */
export interface SidebarState {
  view: 'card' | 'new-client' | 'tasks' | 'search';
  /** for 'card': the client of the row selected when the menu was used ('' when none) */
  clientId: string;
  /** the current user's e-mail ('' when Google does not reveal it) */
  user: string;
  isDirector: boolean;
  /** what the director must do so enforcement and «Журнал» keep working ('' when nothing) */
  notice: string;
  /** for 'card': the card itself, read in the same call, so opening the card is two executions (menu, page) */
  card?: ClientCardDto;
}

/** A field that blocks a stage move; `on: 'client'` lives in the client's card. */
export interface MissingFieldDto {
  header: string;
  on: 'deal' | 'client';
  message: string;
}

export interface MoveOptionDto {
  to: string;
  /** 'forward' | 'back' | 'lost' | 'reopen' | 'start' */
  kind: string;
  allowed: boolean;
  missing: MissingFieldDto[];
  reason: string;
}

export interface DealDto {
  id: string;
  stage: string;
  stageDate: string;
  /** every deal column by header, as text */
  fields: Record<string, string>;
  moves: MoveOptionDto[];
}

export interface ContactDto {
  date: string;
  dealId: string;
  employee: string;
  type: string;
  result: string;
  nextContact: string;
}

export interface ClientCardDto {
  clientId: string;
  /** every client column by header, as text */
  fields: Record<string, string>;
  deals: DealDto[];
  /** newest first */
  contacts: ContactDto[];
  /** the director may override a stage with a reason */
  canOverride: boolean;
}

export type MoveDealResult =
  /** `card`: the client's card as it is after the move, so the sidebar needs no second call */
  | { ok: true; dealId: string; stage: string; stageDate: string; card?: ClientCardDto }
  | { ok: false; dealId: string; reason: string; missing: MissingFieldDto[] };

/** The new-client form: header → typed text (Клиент, Тип, ИНН, Контактное лицо, Телефон, Email, …). */
export type ClientForm = Record<string, string>;

export interface DuplicateDto {
  clientId: string;
  name: string;
  matchedBy: string[];
}

export type CreateClientResult =
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'duplicate'; matches: DuplicateDto[] }
  | { status: 'created'; clientId: string };

/** updateClient's answer: a Russian message per header, or the card as saved. */
export type UpdateClientResult =
  { status: 'invalid'; errors: Record<string, string> } | { status: 'saved'; card: ClientCardDto };

export interface ContactForm {
  clientId: string;
  dealId?: string;
  /** Звонок / Встреча / Email / Факс / Выставка / Презентация / Другое */
  type: string;
  result: string;
  /** «дд.мм.гггг», optional: also becomes the client's «Следующий контакт» */
  nextContact?: string;
}

export interface TaskDto {
  /** deal: «Следующий шаг»; client: «Следующий контакт»; meeting: a deal's «Дата встречи»; claim: «Срок ответа»; stuck: a deal standing still */
  kind: 'deal' | 'client' | 'meeting' | 'claim' | 'stuck';
  id: string;
  /** the client whose card the task opens ('' when the row names none) */
  clientId: string;
  title: string;
  due: string;
  /** overdue, due today, or within the next seven days */
  bucket: 'overdue' | 'today' | 'week';
  /** days past the due date: positive when overdue, 0 today, negative ahead */
  daysOverdue: number;
  what: string;
}

export interface ProblemDto {
  sheet: string;
  row: number;
  header: string;
  a1: string;
  message: string;
}

/** A product of «Прайс» as the lines editor offers it. */
export interface PriceItemDto {
  article: string;
  name: string;
  unit: string;
  /** «2 350,00» */
  price: string;
  direction: string;
}

/** A line of a deal as the card shows it (and sends it back: article, quantity, discount). */
export interface DealLineDto {
  article: string;
  name: string;
  unit: string;
  quantity: string;
  price: string;
  discount: string;
  sum: string;
}

export interface DealDocumentDto {
  number: string;
  url: string;
}

/** A deal's lines, what the client may be given, its documents. */
export interface DealLinesDto {
  dealId: string;
  priceList: PriceItemDto[];
  lines: DealLineDto[];
  /** the highest discount, %, the client may have on a line (0: none) */
  maxDiscount: number;
  /** «Итого 6 190,50 руб., в т. ч. НДС 22 % 1 116,32 руб.» ('' without lines) */
  totalText: string;
  offer: DealDocumentDto | null;
  contract: DealDocumentDto | null;
  /** where «Отправить КП» sends ('' when the client has no e-mail) */
  clientEmail: string;
  /** what is wrong with lines typed into «Позиции сделок» by hand (they are shown as typed) */
  problems: string[];
}

export type SaveDealLinesResult = { ok: true; view: DealLinesDto } | { ok: false; errors: string[] };

export interface CreatedDocumentDto {
  kind: 'КП' | 'Договор';
  number: string;
  name: string;
  url: string;
  pdfUrl: string;
  view: DealLinesDto;
}

export interface SentOfferDto {
  to: string;
  number: string;
}

/**
 * The server functions the sidebar calls (top-level globals of Code.js). Each
 * one that writes takes a last `requestId`: the sidebar's
 * wrapper adds it, and a retry with the same ID returns the first answer.
 */
export interface ServerApi {
  getSidebarState(): SidebarState;
  /** the card of `clientId`, or of the selected row on «Клиенты»/«Сделки» when '' */
  getClientCard(clientId: string): ClientCardDto;
  /** saves `fieldValues` (deal headers → text) and moves the deal, or returns what is missing */
  moveDeal(dealId: string, toStage: string, fieldValues: Record<string, string>, requestId?: string): MoveDealResult;
  /** director only: sets any stage, with a reason that goes to «Журнал» */
  overrideStage(dealId: string, toStage: string, reason: string, requestId?: string): MoveDealResult;
  /** director only: changes «Ответственный» or pay-deciding fields of a deal, a closed month's too, with a logged reason */
  changeDealAsDirector(
    dealId: string,
    fields: Record<string, string>,
    reason: string,
    requestId?: string,
  ): MoveDealResult;
  createClient(form: ClientForm, confirmDuplicate: boolean, requestId?: string): CreateClientResult;
  /**
   * changes client fields (header → text, blank clears); only the changed cells are written.
   * A move's missing client fields are saved with this first, then moveDeal is retried.
   */
  updateClient(clientId: string, fields: ClientForm, requestId?: string): UpdateClientResult;
  createDeal(clientId: string, requestId?: string): { dealId: string };
  logContact(contact: ContactForm, requestId?: string): { ok: true };
  /** sets a client's «Следующий контакт» (kind 'client') or a deal's «Следующий шаг» (kind 'deal') */
  setNextContact(kind: 'client' | 'deal', id: string, date: string, requestId?: string): { ok: true };
  getMyTasks(): TaskDto[];
  /** the key columns of every client and deal, read once per search session */
  getSearchIndex(): SearchIndexData;
  /** director only: moves the deals, contacts and claims of `mergeId` to `keepId` and marks `mergeId` merged */
  mergeClients(keepId: string, mergeId: string): ClientCardDto;
  checkWorkbook(): ProblemDto[];
  toggleDailyDigest(on: boolean): { on: boolean };
  /** a deal's lines, the price list and its documents */
  getDealLines(dealId: string): DealLinesDto;
  /** replaces a deal's lines (prices from «Прайс», discounts within the client's rights) and sets «Сумма КП» */
  saveDealLines(
    dealId: string,
    lines: Array<{ article: string; quantity: string; discount: string }>,
    requestId?: string,
  ): SaveDealLinesResult;
  /** makes the КП or the contract from the director's template, saves it and its PDF in the client's folder */
  createDocument(dealId: string, kind: 'КП' | 'Договор', requestId?: string): CreatedDocumentDto;
  /** sends the КП's PDF to the client's e-mail from the user's account and logs the contact */
  sendOffer(dealId: string, requestId?: string): SentOfferDto;
}

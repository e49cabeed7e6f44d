/**
 * The CRM's public globals: menu items and the functions the sidebar calls
 * through google.script.run. Each is thin: check the arguments, call the server.
 * The request and response types are in src/shared/api.ts (ServerApi).
 */
import { runsAsDirector } from '../adapter/sheet-access';
import { alert, menuAction } from '../server/menu-action';
import { CrmContext } from '../server/crm/crm-context';
import { argBoolean, argFields, argId, argRequestId, argString } from '../server/crm/arguments';
import { problemsHtml, workbookProblems } from '../server/crm/check-workbook';
import {
  CLIENT_FORM_HEADERS,
  createClient as createClientRow,
  logContact as logContactRow,
  setNextContact as setNextContactRow,
  updateClient as updateClientRow,
} from '../server/crm/client-service';
import {
  clientCard,
  createDeal as createDealRow,
  EDITABLE_DEAL_HEADERS,
  moveDeal as moveDealRow,
  overrideStage as overrideStageRow,
  changeDealAsDirector as changeDealAsDirectorRow,
} from '../server/crm/deal-service';
import { GUARDED_DEAL_FIELDS } from '../domain/crm/rights';
import {
  drainPending,
  editorEmail,
  installFlushTrigger,
  installOwnerEditTrigger,
  isEditEvent,
  mayWriteLog,
  NOT_AN_EDIT_EVENT,
  runEnforcement,
} from '../server/crm/edit-trigger';
import { heartbeatIfRegistered, recordFlushHeartbeat } from '../adapter/trigger-health';
import { setupWorkbook } from '../server/crm/setup-workbook';
import { offerInstallCheck } from '../server/install-check';
import { prepareClosedMonths } from '../server/payroll/close-month';
import { PayrollContext } from '../server/payroll/payroll-context';
import { openSidebar, sidebarState } from '../server/crm/sidebar';
import { searchIndex } from '../server/crm/search-service';
import { mergeClients as mergeClientRows } from '../server/crm/merge-clients';
import { sendWeeklySummary as sendWeeklySummaryMail } from '../server/crm/weekly-summary';
import { digestIsOn, myTasks, sendDigest, toggleDigest } from '../server/crm/tasks-and-digest';
import { DomainError } from '../domain/money';
import {
  createDocument as createDealDocument,
  dealLinesView,
  saveDealLines as saveDealLineRows,
  sendOffer as sendDealOffer,
} from '../server/crm/offer-service';
import { DOCUMENT_KINDS, type DocumentKind } from '../domain/crm/offer';
import type {
  ClientCardDto,
  ContactForm,
  CreatedDocumentDto,
  DealLinesDto,
  SaveDealLinesResult,
  SentOfferDto,
  CreateClientResult,
  MoveDealResult,
  ProblemDto,
  SearchIndexData,
  SidebarState,
  TaskDto,
  UpdateClientResult,
} from '../shared/api';

/**
 * Menu CRM → «Настроить таблицу»: creates or repairs every tab, never touching data.
 */
export function menuSetupWorkbook(): void {
  menuAction('Настроить таблицу', () => {
    const ctx = CrmContext.current();
    ctx.requireDirector(
      '«Настроить таблицу» запускает директор: настройка ставит защиту листов и проверку правок от его имени',
    );
    const report = setupWorkbook(ctx);
    for (const line of [
      installOwnerEditTrigger(ctx.ss, ctx.user, ctx.directorEmails()),
      installFlushTrigger(ctx.user, ctx.directorEmails()),
    ]) {
      if (line) report.push(line);
    }
    drainPending(ctx.ss);
    const closedMonths = prepareClosedMonths(new PayrollContext(ctx.ss, ctx.user));
    if (closedMonths) report.push(closedMonths);
    offerInstallCheck(
      ctx,
      'Настроить таблицу',
      report.length > 0 ? report.join('\n') : 'Таблица уже настроена, изменений нет.',
    );
  });
}

/**
 * Menu CRM → «Найти клиента»: the sidebar's search by name, ИНН, phone, e-mail or ID.
 */
export function menuFindClient(): void {
  menuAction('Найти клиента', () => openSidebar(CrmContext.current(), 'search'), false);
}

/**
 * Menu CRM → «Карточка клиента»: the sidebar on the selected row's client.
 */
export function menuClientCard(): void {
  menuAction('Карточка клиента', () => openSidebar(CrmContext.current(), 'card'), false);
}

/**
 * Menu CRM → «Новый клиент»: the sidebar's new-client form.
 */
export function menuNewClient(): void {
  menuAction('Новый клиент', () => openSidebar(CrmContext.current(), 'new-client'), false);
}

/**
 * Menu CRM → «Мои задачи»: the sidebar's list of overdue items.
 */
export function menuMyTasks(): void {
  menuAction('Мои задачи', () => openSidebar(CrmContext.current(), 'tasks'), false);
}

/**
 * Menu CRM → «Проверить таблицу»: a dialog listing each problem with its cell.
 */
export function menuCheckWorkbook(): void {
  menuAction('Проверить таблицу', () => {
    const problems = workbookProblems(CrmContext.current());
    const html = HtmlService.createHtmlOutput(problemsHtml(problems)).setWidth(760).setHeight(480);
    SpreadsheetApp.getUi().showModelessDialog(html, 'Проверка таблицы');
  });
}

/**
 * Menu CRM → «Ежедневная сводка»: turns the daily e-mail of overdue items on or off.
 */
export function menuToggleDailyDigest(): void {
  menuAction('Ежедневная сводка', () => {
    const { on } = toggleDigest(CrmContext.current(), !digestIsOn());
    alert(
      'Ежедневная сводка',
      on
        ? 'Сводка включена: каждое утро специалисты получат письмо со своими просроченными задачами.'
        : 'Сводка выключена.',
    );
  });
}

/**
 * The daily digest, run by its time-driven trigger: e-mails each specialist their overdue items.
 */
export function sendDailyDigest(): void {
  sendDigest(CrmContext.current());
}

/**
 * The weekly summary e-mail to the director (the daily digest sends it on Mondays; run it any day by hand).
 */
export function sendWeeklySummary(): void {
  sendWeeklySummaryMail(CrmContext.current());
}

/**
 * The installable onEdit trigger (runs as the director who installed it).
 * @param {GoogleAppsScript.Events.SheetsOnEdit} e
 */
export function onEditAsOwner(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!isEditEvent(e)) throw new DomainError(NOT_AN_EDIT_EVENT);
  const triggerUid = String((e as { triggerUid?: unknown }).triggerUid ?? '');
  // a second director's trigger, or an old one, stands aside: each edit is checked and logged once
  if (!heartbeatIfRegistered(triggerUid, () => Session.getEffectiveUser().getEmail().toLowerCase())) return;
  // registered to the director who installed it: it writes their protected tabs without asking
  runsAsDirector();
  // what the check writes to «Журнал» and the memory also writes out what specialists left queued
  runEnforcement(e.source ?? SpreadsheetApp.getActiveSpreadsheet(), editorEmail(e), e);
}

/**
 * The hourly time-driven trigger (runs as the director who installed it):
 * writes the entries queued by specialists into «Журнал» and the technical tab.
 */
export function flushPendingWrites(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) return;
  // only a run that may write «Журнал» counts as the trigger's run (anyone can call this from the console)
  if (!mayWriteLog(ss)) return;
  recordFlushHeartbeat();
  drainPending(ss);
}

/**
 * Sidebar: which view to show.
 */
export function getSidebarState(): SidebarState {
  return sidebarState(CrmContext.current());
}

/**
 * Sidebar: the client card (of clientId, or of the selected row when '').
 * @param {string} clientId
 */
export function getClientCard(clientId: string): ClientCardDto {
  const id = argString(clientId ?? '', 'ID клиента', 40);
  return clientCard(CrmContext.current(), id === '' ? '' : argId(id, 'ID клиента', 'К'));
}

/**
 * Sidebar: fills the given fields and moves the deal, or returns the missing fields.
 * @param {string} dealId
 * @param {string} toStage
 * @param {Object} fieldValues
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function moveDeal(
  dealId: string,
  toStage: string,
  fieldValues: Record<string, string>,
  requestId?: string,
): MoveDealResult {
  return moveDealRow(
    CrmContext.current(),
    argId(dealId, 'ID сделки', 'С'),
    argString(toStage, 'Этап', 40),
    argFields(fieldValues, 'Поля сделки', EDITABLE_DEAL_HEADERS),
    argRequestId(requestId),
  );
}

/**
 * Sidebar, director only: sets a stage bypassing the rules, with a reason for «Журнал».
 * @param {string} dealId
 * @param {string} toStage
 * @param {string} reason
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function overrideStage(dealId: string, toStage: string, reason: string, requestId?: string): MoveDealResult {
  return overrideStageRow(
    CrmContext.current(),
    argId(dealId, 'ID сделки', 'С'),
    argString(toStage, 'Этап', 40),
    argString(reason, 'Причина', 500),
    argRequestId(requestId),
  );
}

/**
 * Sidebar, director only: changes «Ответственный» or pay-deciding fields of a deal (a closed month's too), with a reason for «Журнал».
 * @param {string} dealId
 * @param {Object} fields
 * @param {string} reason
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function changeDealAsDirector(
  dealId: string,
  fields: Record<string, string>,
  reason: string,
  requestId?: string,
): MoveDealResult {
  return changeDealAsDirectorRow(
    CrmContext.current(),
    argId(dealId, 'ID сделки', 'С'),
    argFields(fields, 'Поля сделки', GUARDED_DEAL_FIELDS),
    argString(reason, 'Причина', 500),
    argRequestId(requestId),
  );
}

/**
 * Sidebar: saves a new client, or returns field errors / likely duplicates.
 * @param {Object} form
 * @param {boolean} confirmDuplicate
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function createClient(
  form: Record<string, string>,
  confirmDuplicate: boolean,
  requestId?: string,
): CreateClientResult {
  return createClientRow(
    CrmContext.current(),
    argFields(form, 'Анкета клиента', CLIENT_FORM_HEADERS),
    argBoolean(confirmDuplicate, 'Подтверждение дубля'),
    argRequestId(requestId),
  );
}

/**
 * Sidebar: changes fields of an existing client, or returns field errors.
 * @param {string} clientId
 * @param {Object} fields
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function updateClient(clientId: string, fields: Record<string, string>, requestId?: string): UpdateClientResult {
  return updateClientRow(
    CrmContext.current(),
    argId(clientId, 'ID клиента', 'К'),
    argFields(fields, 'Поля клиента', CLIENT_FORM_HEADERS),
    argRequestId(requestId),
  );
}

/**
 * Sidebar: opens a new deal at «Новый» for a client.
 * @param {string} clientId
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function createDeal(clientId: string, requestId?: string): { dealId: string } {
  return createDealRow(CrmContext.current(), argId(clientId, 'ID клиента', 'К'), argRequestId(requestId));
}

/**
 * Sidebar: records a contact with a client.
 * @param {Object} contact
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function logContact(contact: ContactForm, requestId?: string): { ok: true } {
  if (!contact || typeof contact !== 'object') throw new DomainError('Неверный запрос: нет данных контакта');
  return logContactRow(
    CrmContext.current(),
    {
      clientId: argId(contact.clientId, 'ID клиента', 'К'),
      dealId: contact.dealId ? argId(contact.dealId, 'ID сделки', 'С') : undefined,
      type: argString(contact.type, 'Тип', 40),
      result: argString(contact.result, 'Результат'),
      nextContact: contact.nextContact ? argString(contact.nextContact, 'Следующий контакт', 20) : undefined,
    },
    argRequestId(requestId),
  );
}

/**
 * Sidebar: sets a client's «Следующий контакт» or a deal's «Следующий шаг».
 * @param {string} kind
 * @param {string} id
 * @param {string} date
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function setNextContact(kind: 'client' | 'deal', id: string, date: string, requestId?: string): { ok: true } {
  if (kind !== 'client' && kind !== 'deal') throw new DomainError('Неверный запрос: kind — client или deal');
  const checked = kind === 'client' ? argId(id, 'ID клиента', 'К') : argId(id, 'ID сделки', 'С');
  return setNextContactRow(CrmContext.current(), kind, checked, argString(date, 'Дата', 20), argRequestId(requestId));
}

/**
 * Sidebar: the current user's overdue items, oldest first.
 */
export function getMyTasks(): TaskDto[] {
  return myTasks(CrmContext.current());
}

/**
 * Sidebar: the key columns of every client and deal, for the search as you type.
 */
export function getSearchIndex(): SearchIndexData {
  return searchIndex(CrmContext.current());
}

/**
 * Sidebar, director only: merges a duplicate client into the one kept.
 * @param {string} keepId
 * @param {string} mergeId
 */
export function mergeClients(keepId: string, mergeId: string): ClientCardDto {
  return mergeClientRows(CrmContext.current(), argId(keepId, 'ID клиента', 'К'), argId(mergeId, 'ID клиента', 'К'));
}

/**
 * Sidebar: every problem of the workbook with its cell.
 */
export function checkWorkbook(): ProblemDto[] {
  return workbookProblems(CrmContext.current());
}

/**
 * Sidebar, director only: turns the daily digest on or off.
 * @param {boolean} on
 */
export function toggleDailyDigest(on: boolean): { on: boolean } {
  return toggleDigest(CrmContext.current(), argBoolean(on, 'Включить'));
}

/**
 * Sidebar: a deal's lines, the price list and the deal's КП and contract.
 * @param {string} dealId
 */
export function getDealLines(dealId: string): DealLinesDto {
  return dealLinesView(CrmContext.current(), argId(dealId, 'ID сделки', 'С'));
}

/** At most this many lines in a deal. */
const MAX_LINES = 200;

/**
 * Sidebar: replaces a deal's lines (product, quantity, discount) and sets «Сумма КП».
 * @param {string} dealId
 * @param {Object[]} lines
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function saveDealLines(
  dealId: string,
  lines: Array<{ article: string; quantity: string; discount: string }>,
  requestId?: string,
): SaveDealLinesResult {
  if (!Array.isArray(lines)) throw new DomainError('Неверный запрос: позиции должны быть списком');
  if (lines.length > MAX_LINES) throw new DomainError(`Не больше ${MAX_LINES} позиций в сделке`);
  const checked = lines.map((line, i) => {
    if (!line || typeof line !== 'object') throw new DomainError(`Неверный запрос: позиция ${i + 1}`);
    return {
      article: argString(line.article, 'Артикул', 60),
      quantity: argString(line.quantity, 'Количество', 20),
      discount: argString(line.discount ?? '', 'Скидка, %', 10),
    };
  });
  return saveDealLineRows(CrmContext.current(), argId(dealId, 'ID сделки', 'С'), checked, argRequestId(requestId));
}

/**
 * Sidebar: makes the deal's КП or contract from the director's template, with its PDF, in the client's folder on Drive.
 * @param {string} dealId
 * @param {string} kind «КП» or «Договор»
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function createDocument(dealId: string, kind: string, requestId?: string): CreatedDocumentDto {
  const k = argString(kind, 'Вид документа', 20);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(k)) throw new DomainError('Вид документа: «КП» или «Договор»');
  return createDealDocument(
    CrmContext.current(),
    argId(dealId, 'ID сделки', 'С'),
    k as DocumentKind,
    argRequestId(requestId),
  );
}

/**
 * Sidebar: sends the deal's КП as PDF to the client's e-mail from your account and logs the contact.
 * @param {string} dealId
 * @param {string} requestId the sidebar's ID of this request: a retry returns the first answer
 */
export function sendOffer(dealId: string, requestId?: string): SentOfferDto {
  return sendDealOffer(CrmContext.current(), argId(dealId, 'ID сделки', 'С'), argRequestId(requestId));
}

/**
 * The local page's HTTP server (node:http, no framework). It serves the page
 * built from local/web, the sidebars and dialogs the script shows, and a JSON
 * API over one LocalSession: workbook windows, edits, selection, menus, runs
 * and the user switcher. Every person's action (a menu item, a sidebar call,
 * an edit) is its own execution, started as its request arrives and run at
 * the same time as the others (session.live: they interleave at service
 * calls, as on Google); an alert or prompt keeps its execution waiting for the
 * person's answer. Each request may name the person it acts for, so two
 * browser windows can be two people. The workbook is saved to its file after
 * a change, from a copy, so no action waits for a save.
 */
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { WorkbookModel } from '../runtime/model';
import type { LocalSession, MenuSnapshot, UiAnswer, UiEvent } from '../runtime/session';
import { AddonPages } from './addon-pages';
import type {
  AnswerBody,
  EditBody,
  EditResponse,
  MenuView,
  RunRequest,
  RunResponse,
  SelectBody,
  UiEventView,
  UsersResponse,
} from './api-types';
import { ExecutionQueue } from './execution-queue';
import { buildWebPage, WEB_BUILD_DIR } from './web-build';
import { editBlockedByProtection, findSheet, workbookSnapshot } from './workbook-snapshot';
import { workbookUsers } from './workbook-users';
import { returnedValue } from '../runtime/script-run-values';
import type { LiveExecutions, LiveOutcome, SchedulerOptions, TriggerRun } from '../runtime';
import { isDate } from '../runtime/cell-values';

/** The runtime's extras the page uses when the session has them: files the script created, formula error texts. */
export type PageSession = LocalSession & {
  file?(id: string): { name: string; mimeType: string; bytes: Uint8Array } | undefined;
  cellError?(sheet: string, row: number, column: number): string | undefined;
  live(options?: Partial<SchedulerOptions>): LiveExecutions;
};

export interface ServerOptions {
  session: PageSession;
  /** writes the workbook to its file; called after every execution and edit */
  save: (workbook: WorkbookModel) => Promise<void> | void;
  /** 0 picks a free port (tests) */
  port?: number;
  host?: string;
  /** where the page is built; build/web by default */
  webDir?: string;
  /** the user the page starts as; the workbook's owner by default */
  user?: string;
  /** where request errors are reported; stderr by default */
  log?: (line: string) => void;
  /** the seed of the scheduler that interleaves the page's executions (default: from the clock) */
  seed?: number;
  /** its chance of switching executions at a service call (default 0.25) */
  switchChance?: number;
  /** live calls after which a slice gives other executions their turn (tests; by default a slice ends by time, see minSliceMs) */
  yieldEvery?: number;
  /** wall-clock milliseconds a slice runs live before others get their turn (default 250) */
  minSliceMs?: number;
  /**
   * How often (real milliseconds) the server looks for time-driven triggers
   * whose turn has come on the session's clock and runs them, as Google runs
   * installed triggers whether anyone has the file open or not (default
   * 30 000; 0: only when fireDueTimeTriggers is called)
   */
  timeTriggerCheckMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** the user the executions run as now (a request may name its own) */
  currentUser(): string;
  /** the page's executions, running at the same time */
  executions: LiveExecutions;
  /** runs the time-driven triggers due now on the session's clock (the server also does so on its own, every timeTriggerCheckMs) */
  fireDueTimeTriggers(): Promise<TriggerRun[]>;
  /** resolves when every queued save has finished (the file then holds every change) */
  idle(): Promise<void>;
  /** waits for running executions and saves, then stops listening */
  close(): Promise<void>;
}

export const PROTECTED_MESSAGE =
  'Вы пытаетесь изменить защищённую ячейку или объект. Чтобы получить доступ к редактированию, обратитесь к владельцу таблицы.';
export const INVALID_MESSAGE = 'Введённые данные нарушают правила проверки, заданные для этой ячейки.';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 20 * 1024 * 1024;

async function readJson<T>(request: http.IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Слишком большой запрос');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T;
  } catch {
    throw new HttpError(400, 'Запрос не в формате JSON');
  }
}

function send(response: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendJson(response: http.ServerResponse, value: unknown, status = 200): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function menuView(menu: MenuSnapshot): MenuView {
  return {
    title: menu.title,
    items: menu.items.map((item) => {
      if ('separator' in item) return { separator: true };
      if ('submenu' in item) return { submenu: menuView(item.submenu) };
      return { caption: item.caption, fn: item.fn };
    }),
  };
}

/**
 * The runtime records ui.prompt as an alert whose buttons start with "PROMPT_";
 * this gives the question the page must ask, or undefined for an alert with a
 * lone OK (its answer cannot change what the script does).
 */
function questionOf(event: UiEvent): RunResponse['question'] {
  if (event.type !== 'alert') return undefined;
  if (event.buttons.startsWith('PROMPT_')) {
    return {
      type: 'prompt',
      title: event.title,
      message: event.message,
      buttons: event.buttons.slice('PROMPT_'.length),
    };
  }
  if (event.buttons === 'OK') return undefined;
  return { type: 'alert', title: event.title, message: event.message, buttons: event.buttons };
}

const STATIC_FILES: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
};

/** Builds the page and starts listening; resolves once the port is bound. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { session } = options;
  const webDir = await buildWebPage(options.webDir ?? WEB_BUILD_DIR);
  const shim = await fs.readFile(path.join(webDir, 'shim.js'), 'utf8');
  // Saves are written one at a time; executions do not wait for them (each save writes a copy of the model).
  const queue = new ExecutionQueue();
  const pages = new AddonPages();
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const errorText = session.cellError?.bind(session);
  let user = options.user ?? session.workbook.owner;
  session.setUser(user);
  // Sheets computes every formula when the document opens; the file may hold stale results.
  session.recalculate();
  const live = session.live({
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.switchChance !== undefined ? { switchChance: options.switchChance } : {}),
    ...(options.yieldEvery !== undefined ? { yieldEvery: options.yieldEvery } : {}),
    ...(options.minSliceMs !== undefined ? { minSliceMs: options.minSliceMs } : {}),
  });

  /** The person a request acts for: its own `user` (one of the workbook's people), else the switcher's. */
  function personOf(requested: unknown): string {
    if (requested === undefined || requested === null || requested === '') return user;
    const email = String(requested).trim();
    if (!workbookUsers(session.workbook).some((u) => u.email === email)) {
      throw new HttpError(400, `Нет такого пользователя: ${email}`);
    }
    return email;
  }

  function eventViews(events: UiEvent[]): UiEventView[] {
    const out: UiEventView[] = [];
    for (const event of events) {
      switch (event.type) {
        case 'sidebar':
          out.push({ type: 'sidebar', title: event.title, width: event.width, url: pages.add(event.html) });
          break;
        case 'dialog':
          out.push({
            type: 'dialog',
            title: event.title,
            width: event.width,
            height: event.height,
            modal: event.modal,
            url: pages.add(event.html),
          });
          break;
        case 'mail':
          out.push({ type: 'mail', to: event.to, subject: event.subject, body: event.body });
          break;
        default:
          out.push(event);
      }
    }
    return out;
  }

  let saveQueued = false;
  /**
   * Saves the workbook as the next queued save, after the answer has gone to the
   * page: writing a large .xlsx takes seconds. Changes that arrive while a save
   * waits share it.
   */
  function save(): void {
    if (saveQueued) return;
    saveQueued = true;
    void queue
      .run(async () => {
        saveQueued = false;
        // a copy taken now: the executions that run while the file is being written change the model, not it
        await options.save(copyOf(session.workbook));
      })
      .catch((error: unknown) => log(`Не удалось сохранить таблицу: ${errorMessage(error)}`));
  }

  /** A cheap fingerprint of the workbook, to skip saving after an execution that changed nothing. */
  function fingerprint(): string {
    return JSON.stringify(session.workbook);
  }
  let saved = fingerprint();
  function saveIfChanged(): void {
    const now = fingerprint();
    if (now === saved) return;
    saved = now;
    save();
  }

  /**
   * One execution of a public function, as `person`. It runs at the same time
   * as any other; when the script asks a question (ui.alert with choices,
   * ui.prompt), the execution waits and the page is told to ask the person and
   * send the answer to /api/answer, which lets it go on.
   */
  async function execute(request: RunRequest): Promise<RunResponse> {
    if (typeof request.fn !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(request.fn)) {
      throw new HttpError(400, 'Не указано имя функции');
    }
    if (request.fn.endsWith('_')) {
      // Apps Script hides globals ending in "_" from menus and google.script.run.
      return { ok: false, error: `Функция скрипта не найдена: ${request.fn}`, uiEvents: [] };
    }
    const person = personOf(request.user);
    const answers: UiAnswer[] = Array.isArray(request.answers) ? request.answers : [];
    const args = Array.isArray(request.args) ? request.args : [];
    return response(await live.run(person, request.fn, args, answers));
  }

  /** The page's answer to a question an execution waits on. */
  async function answer(body: AnswerBody): Promise<RunResponse> {
    const id = Number(body.execution);
    const given = body.answer;
    if (!given || typeof given !== 'object' || !['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(String(given.button))) {
      throw new HttpError(400, 'Не указан ответ');
    }
    try {
      return response(await live.answer(id, { button: given.button, text: String(given.text ?? '') }));
    } catch (error) {
      throw new HttpError(400, errorMessage(error));
    }
  }

  function response(outcome: LiveOutcome): RunResponse {
    if (outcome.question) {
      const question = questionOf(outcome.question);
      if (question) return { ok: false, uiEvents: [], question, execution: outcome.id };
    }
    saveIfChanged();
    // Questions were answered in the page already; the rest is shown now.
    const shown = eventViews(outcome.uiEvents.filter((e) => !questionOf(e)));
    if (outcome.error !== undefined) return { ok: false, error: outcome.error, uiEvents: shown };
    // what google.script.run hands the success handler (a Date anywhere: null)
    return { ok: true, result: jsonSafe(returnedValue(outcome.value)), uiEvents: shown };
  }

  async function edit(body: EditBody): Promise<EditResponse> {
    const sheet = session.workbook.sheets.find((s) => s.name === body.sheet);
    if (!sheet) throw new HttpError(400, `Нет листа «${String(body.sheet)}»`);
    const values = body.values;
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      !values.every(
        (row) => Array.isArray(row) && row.length === values[0].length && row.every((v) => typeof v === 'string'),
      )
    ) {
      throw new HttpError(400, 'Изменение должно быть прямоугольным блоком текста');
    }
    const row = Math.floor(Number(body.row));
    const column = Math.floor(Number(body.column));
    if (!(row >= 1 && column >= 1)) throw new HttpError(400, 'Неверный адрес ячейки');
    const person = personOf(body.user);
    const snapshot = () => workbookSnapshot(session.workbook, person, sheet.name, body.from, body.count, errorText);
    if (
      editBlockedByProtection(session.workbook, sheet, person, row - 1, column - 1, values.length, values[0].length)
    ) {
      return { ok: false, error: PROTECTED_MESSAGE, uiEvents: [], snapshot: snapshot() };
    }
    const invalid = invalidCell(sheet, person, row, column, values);
    if (invalid) return { ok: false, error: invalid, uiEvents: [], snapshot: snapshot() };
    // the cells change at once; the triggers the edit fires run beside every other execution
    const { error, uiEvents } = await live.edit(person, { sheet: sheet.name, row, column, values });
    saveIfChanged();
    return {
      ok: error === undefined,
      ...(error ? { error } : {}),
      uiEvents: eventViews(uiEvents),
      snapshot: snapshot(),
    };
  }

  /** A strict dropdown rejects a value outside its list, as Sheets does; the message names it. */
  function invalidCell(
    sheet: WorkbookModel['sheets'][number],
    person: string,
    row: number,
    column: number,
    values: string[][],
  ): string | undefined {
    const window = workbookSnapshot(session.workbook, person, sheet.name, row - 1, values.length).window;
    for (let r = 0; r < values.length; r++) {
      for (let c = 0; c < values[r].length; c++) {
        const typed = values[r][c];
        const model = sheet.rows[row - 1 + r]?.[column - 1 + c];
        const view = window.rows[r]?.[column - 1 + c];
        if (!model?.validation || model.validation.allowInvalid || !view?.list || typed === '') continue;
        if (!view.list.includes(typed)) return `${INVALID_MESSAGE} Допустимые значения: ${view.list.join(', ')}.`;
      }
    }
    return undefined;
  }

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const staticFile = STATIC_FILES[url.pathname];
    if (method === 'GET' && staticFile) {
      send(response, 200, await fs.readFile(path.join(webDir, staticFile[0])), staticFile[1]);
      return;
    }
    const file = /^\/files\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && file && session.file) {
      const stored = session.file(decodeURIComponent(file[1]));
      if (!stored) throw new HttpError(404, 'Файл не найден');
      response.writeHead(200, {
        'Content-Type': stored.mimeType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.name)}`,
      });
      response.end(Buffer.from(stored.bytes));
      return;
    }
    if (method === 'GET' && url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const page = /^\/page\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && page) {
      const html = pages.render(Number(page[1]), shim);
      if (html === undefined) send(response, 404, 'Страница закрыта', 'text/plain; charset=utf-8');
      else send(response, 200, html, 'text/html; charset=utf-8');
      return;
    }
    if (method === 'GET' && url.pathname === '/api/snapshot') {
      const from = Number(url.searchParams.get('from') ?? 0) || 0;
      const count = Number(url.searchParams.get('count') ?? 0) || undefined;
      const sheet = url.searchParams.get('sheet') ?? undefined;
      const person = personOf(url.searchParams.get('user') ?? undefined);
      // Reads need no turn: a save writes its own copy of the model.
      sendJson(response, workbookSnapshot(session.workbook, person, sheet, from, count, errorText));
      return;
    }
    if (method === 'GET' && url.pathname === '/api/menus') {
      // The page opening is the document opening: onOpen runs and builds the menus.
      const person = personOf(url.searchParams.get('user') ?? undefined);
      const body = await (async () => {
        let menus: MenuSnapshot[] = [];
        let error: string | undefined;
        // onOpen is a simple trigger of the person opening the document (built between other executions' calls)
        const switcher = user;
        session.setUser(person);
        try {
          menus = session.open();
        } catch (e) {
          error = errorMessage(e);
        } finally {
          session.setUser(switcher);
        }
        const uiEvents = eventViews(session.takeUiEvents());
        saveIfChanged();
        return { menus: menus.map(menuView), uiEvents, ...(error ? { error } : {}) };
      })();
      sendJson(response, body);
      return;
    }
    if (method === 'POST' && url.pathname === '/api/run') {
      const body = await readJson<RunRequest>(request);
      // each person's action is its own execution, run as it arrives, beside the others (no turn in a queue)
      sendJson(response, await execute(body));
      return;
    }
    if (method === 'POST' && url.pathname === '/api/answer') {
      const body = await readJson<AnswerBody>(request);
      sendJson(response, await answer(body));
      return;
    }
    if (method === 'POST' && url.pathname === '/api/edit') {
      const body = await readJson<EditBody>(request);
      sendJson(response, await edit(body));
      return;
    }
    if (method === 'POST' && url.pathname === '/api/select') {
      const body = await readJson<SelectBody>(request);
      await (() => {
        const sheet = findSheet(session.workbook, body.sheet);
        if (!sheet || sheet.name !== body.sheet) throw new HttpError(400, `Нет листа «${String(body.sheet)}»`);
        const positive = (n: unknown, fallback: number): number =>
          Math.max(1, Math.floor(Number(n ?? fallback)) || fallback);
        live.select(
          personOf(body.user),
          sheet.name,
          positive(body.row, 1),
          positive(body.column, 1),
          positive(body.numRows, 1),
          positive(body.numColumns, 1),
        );
      })();
      sendJson(response, { ok: true });
      return;
    }
    if (method === 'GET' && url.pathname === '/api/users') {
      const body: UsersResponse = { current: user, users: workbookUsers(session.workbook) };
      sendJson(response, body);
      return;
    }
    if (method === 'POST' && url.pathname === '/api/user') {
      const body = await readJson<{ email?: string }>(request);
      const email = String(body.email ?? '').trim();
      if (!workbookUsers(session.workbook).some((u) => u.email === email)) {
        throw new HttpError(400, `Нет такого пользователя: ${email}`);
      }
      user = email;
      session.setUser(email);
      sendJson(response, { ok: true, current: user });
      return;
    }
    throw new HttpError(404, 'Не найдено');
  }

  /** Time-driven triggers whose turn has come run as their owners' executions, beside the people's. */
  async function fireDueTimeTriggers(): Promise<TriggerRun[]> {
    const runs = await live.fireDueTimeTriggers();
    saveIfChanged();
    for (const run of runs) if (run.error) log(`Триггер ${run.handler}: ${run.error}`);
    return runs;
  }
  const checkMs = options.timeTriggerCheckMs ?? 30_000;
  const clock =
    checkMs > 0
      ? setInterval(() => {
          fireDueTimeTriggers().catch((error: unknown) => log(`Триггеры по времени: ${errorMessage(error)}`));
        }, checkMs)
      : undefined;
  clock?.unref();

  const server = http.createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500)
        log(
          `${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      if (!response.headersSent) sendJson(response, { ok: false, error: errorMessage(error), uiEvents: [] }, status);
      else response.end();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    currentUser: () => user,
    executions: live,
    fireDueTimeTriggers,
    idle: () => queue.idle(),
    async close() {
      if (clock) clearInterval(clock);
      await queue.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A deep copy of the model, its dates as dates of this realm (structuredClone makes them another realm's). */
function copyOf<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => copyOf(item)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = copyOf(item);
  return out as T;
}

/** What google.script.run can return: plain values; Dates become their ISO text as JSON gives. */
function jsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}

/** Calls from the page to its server; while any is pending, <body data-busy> is set (tests wait on it). */
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
  WorkbookSnapshot,
} from '../server/api-types';

let pending = 0;
/** the person this browser window acts for: every request names them, so two windows can be two people */
let pageUser: string | undefined;

export function setPageUser(email: string): void {
  pageUser = email;
}

export function currentPageUser(): string | undefined {
  return pageUser;
}

function track<T>(promise: Promise<T>): Promise<T> {
  pending++;
  document.body.dataset.busy = '1';
  return promise.finally(() => {
    pending--;
    if (pending === 0) delete document.body.dataset.busy;
  });
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(data.error ?? `Ошибка сервера ${response.status}`);
  return data;
}

export function getSnapshot(sheet: string | undefined, from: number, count: number): Promise<WorkbookSnapshot> {
  const query = new URLSearchParams({ from: String(from), count: String(count) });
  if (sheet !== undefined) query.set('sheet', sheet);
  if (pageUser) query.set('user', pageUser);
  return track(call<WorkbookSnapshot>('GET', `/api/snapshot?${query.toString()}`));
}

export function getMenus(): Promise<{ menus: MenuView[]; uiEvents: UiEventView[]; error?: string }> {
  return track(call('GET', pageUser ? `/api/menus?user=${encodeURIComponent(pageUser)}` : '/api/menus'));
}

export function postRun(request: RunRequest): Promise<RunResponse> {
  return track(call<RunResponse>('POST', '/api/run', { ...request, user: pageUser }));
}

export function postAnswer(body: AnswerBody): Promise<RunResponse> {
  return track(call<RunResponse>('POST', '/api/answer', body));
}

export function postEdit(body: EditBody): Promise<EditResponse> {
  return track(call<EditResponse>('POST', '/api/edit', { ...body, user: pageUser }));
}

export function postSelect(body: SelectBody): Promise<void> {
  return track(call<void>('POST', '/api/select', { ...body, user: pageUser }));
}

export function getUsers(): Promise<UsersResponse> {
  return track(call<UsersResponse>('GET', '/api/users'));
}

export function postUser(email: string): Promise<void> {
  return track(call<void>('POST', '/api/user', { email }));
}

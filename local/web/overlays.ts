/**
 * What the script shows over the grid: toasts bottom-right, alerts and prompts
 * as modal boxes, the sidebar on the right (300 px, as in Sheets) and dialogs
 * centred at their requested size. Sidebars and dialogs are iframes of the
 * real pages; all text from the script is inserted as text, never as HTML.
 */
import type { AnswerView, UiEventView } from '../server/api-types';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** A toast as SpreadsheetApp.toast shows it; a negative timeout keeps it until closed. */
export function showToast(
  message: string,
  title = '',
  timeoutSeconds = 5,
  link?: { text: string; href: string; download?: string },
): void {
  const toast = element('div', 'toast');
  toast.setAttribute('role', 'status');
  if (title) toast.append(element('div', 'toast-title', title));
  toast.append(element('div', 'toast-message', message));
  if (link) {
    const a = element('a', undefined, link.text);
    a.href = link.href;
    if (link.download) a.download = link.download;
    toast.append(a);
  }
  const close = element('button', 'icon-button', '×');
  close.title = 'Закрыть';
  close.addEventListener('click', () => toast.remove());
  toast.append(close);
  byId('toasts').append(toast);
  const seconds = timeoutSeconds < 0 ? 0 : timeoutSeconds || 5;
  if (seconds > 0) setTimeout(() => toast.remove(), seconds * 1000);
}

const BUTTON_SETS: Record<string, Array<[AnswerView['button'], string]>> = {
  OK: [['OK', 'ОК']],
  OK_CANCEL: [
    ['CANCEL', 'Отмена'],
    ['OK', 'ОК'],
  ],
  YES_NO: [
    ['NO', 'Нет'],
    ['YES', 'Да'],
  ],
  YES_NO_CANCEL: [
    ['CANCEL', 'Отмена'],
    ['NO', 'Нет'],
    ['YES', 'Да'],
  ],
};

let modalOpen: Promise<unknown> = Promise.resolve();

/** One modal at a time, as Sheets shows them: each waits for the previous one to close. */
function queued<T>(open: () => Promise<T>): Promise<T> {
  const next = modalOpen.then(open, open);
  modalOpen = next.catch(() => undefined);
  return next;
}

/** An alert or prompt box; resolves with the button pressed (CLOSE for ×) and the text typed. */
export function ask(kind: 'alert' | 'prompt', title: string, message: string, buttons: string): Promise<AnswerView> {
  return queued(
    () =>
      new Promise<AnswerView>((resolve) => {
        const layer = byId('modal-layer');
        layer.replaceChildren();
        layer.className = 'modal-layer';
        const box = element('div', 'modal');
        box.setAttribute('role', 'dialog');
        box.dataset.kind = kind;
        box.style.width = '480px';
        const head = element('div', 'modal-head');
        head.append(element('span', undefined, title || (kind === 'prompt' ? '' : 'Сообщение')));
        const close = element('button', 'icon-button', '×');
        close.title = 'Закрыть';
        head.append(close);
        const body = element('div', 'modal-body', message);
        const input = element('input');
        if (kind === 'prompt') body.append(input);
        const row = element('div', 'modal-buttons');
        const finish = (button: AnswerView['button']): void => {
          layer.hidden = true;
          layer.replaceChildren();
          resolve(kind === 'prompt' ? { button, text: input.value } : { button });
        };
        const set = BUTTON_SETS[buttons] ?? BUTTON_SETS.OK;
        set.forEach(([button, label], index) => {
          const b = element('button', index === set.length - 1 ? 'primary' : undefined, label);
          b.addEventListener('click', () => finish(button));
          row.append(b);
        });
        close.addEventListener('click', () => finish('CLOSE'));
        input.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') finish(set[set.length - 1][0]);
        });
        box.append(head, body, row);
        layer.append(box);
        layer.hidden = false;
        (kind === 'prompt' ? input : (row.lastElementChild as HTMLElement)).focus();
      }),
  );
}

/** Closes whichever of the sidebar and the dialog `source` belongs to. */
export function closeFrameOf(source: MessageEventSource | null): void {
  const sidebarFrame = byId<HTMLIFrameElement>('sidebar-frame');
  if (source && source === sidebarFrame.contentWindow) {
    closeSidebar();
    return;
  }
  const dialogFrame = document.querySelector<HTMLIFrameElement>('#modal-layer iframe');
  if (source && dialogFrame && source === dialogFrame.contentWindow) closeDialog();
}

export function resizeFrameOf(source: MessageEventSource | null, width?: number, height?: number): void {
  const dialogFrame = document.querySelector<HTMLIFrameElement>('#modal-layer iframe');
  if (!source || !dialogFrame || source !== dialogFrame.contentWindow) return;
  if (width) dialogFrame.style.width = `${width}px`;
  if (height) dialogFrame.style.height = `${height}px`;
}

export function closeSidebar(): void {
  const sidebar = byId('sidebar');
  sidebar.hidden = true;
  byId<HTMLIFrameElement>('sidebar-frame').src = 'about:blank';
}

function closeDialog(): void {
  const layer = byId('modal-layer');
  layer.hidden = true;
  layer.replaceChildren();
  dialogClosed?.();
  dialogClosed = undefined;
}

let dialogClosed: (() => void) | undefined;

function openSidebar(title: string, url: string): void {
  byId('sidebar-title').textContent = title;
  byId<HTMLIFrameElement>('sidebar-frame').src = url;
  byId('sidebar').hidden = false;
}

function openDialog(title: string, url: string, width: number, height: number, modal: boolean): Promise<void> {
  return queued(
    () =>
      new Promise<void>((resolve) => {
        const layer = byId('modal-layer');
        layer.replaceChildren();
        layer.className = modal ? 'modal-layer' : 'modal-layer modeless';
        const box = element('div', 'modal');
        box.setAttribute('role', 'dialog');
        box.dataset.kind = 'html';
        const head = element('div', 'modal-head');
        head.append(element('span', undefined, title));
        const close = element('button', 'icon-button', '×');
        close.title = 'Закрыть';
        close.addEventListener('click', closeDialog);
        head.append(close);
        const frame = element('iframe');
        frame.title = title;
        frame.style.width = `${width}px`;
        frame.style.height = `${height}px`;
        frame.src = url;
        box.append(head, frame);
        layer.append(box);
        layer.hidden = false;
        dialogClosed = resolve;
      }),
  );
}

/** Shows the script's UI events in order; alerts wait for OK before the next event. */
export async function showUiEvents(events: UiEventView[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'toast':
        showToast(event.message, event.title, event.timeoutSeconds);
        break;
      case 'alert':
      case 'prompt':
        void ask(event.type, event.title, event.message, event.buttons);
        break;
      case 'sidebar':
        openSidebar(event.title, event.url);
        break;
      case 'dialog':
        void openDialog(event.title, event.url, event.width, event.height, event.modal);
        break;
      case 'mail':
        showToast(`Кому: ${event.to}\nТема: ${event.subject}`, 'Письмо отправлено', 8);
        break;
      case 'download':
        showToast(event.name, 'Файл готов', -1, { text: 'Скачать', href: event.url, download: event.name });
        break;
    }
  }
}

export function initOverlays(): void {
  byId('sidebar-close').addEventListener('click', closeSidebar);
}

/**
 * «Мои задачи»: the current user's overdue next steps, contacts and claims,
 * oldest first as the server sorts them; a task opens its client's card.
 */
import { el, plural, replaceChildren } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import type { TaskDto } from '../../../../src/shared/api';
import type { App } from '../app';

const KIND_LABEL: Record<TaskDto['kind'], string> = {
  deal: 'Сделка',
  client: 'Клиент',
  claim: 'Претензия',
};

/** Loads and shows the tasks in `root`. */
export async function showTasks(app: App, root: HTMLElement): Promise<void> {
  let tasks: TaskDto[];
  try {
    tasks = await whileBusy([], () => app.server.getMyTasks());
  } catch (error) {
    replaceChildren(root, el('div', { class: 'empty' }, errorText(error)));
    return;
  }
  const refresh = el(
    'button',
    { class: 'icon-button', attrs: { type: 'button' }, onClick: () => void app.openTasks() },
    'Обновить',
  );
  const head = el('header', { class: 'card-head' }, el('h2', {}, `Мои задачи (${tasks.length})`), refresh);
  if (tasks.length === 0) {
    replaceChildren(root, head, el('div', { class: 'empty' }, 'Просроченных задач нет'));
    return;
  }
  const list = el('ul', { class: 'tasks' });
  for (const task of tasks) {
    const days = `просрочено ${task.daysOverdue} ${plural(task.daysOverdue, 'день', 'дня', 'дней')}`;
    const content = [
      el(
        'div',
        { class: 'task-top' },
        el('span', { class: `kind kind-${task.kind}` }, `${KIND_LABEL[task.kind]} ${task.id}`),
        el('span', { class: 'overdue' }, days),
      ),
      el('div', { class: 'task-title' }, task.title || task.id),
      el('div', { class: 'muted small' }, `${task.what} · срок ${task.due}`),
    ];
    const item = task.clientId
      ? el(
          'button',
          {
            class: 'task',
            attrs: { type: 'button', 'data-task': task.id },
            onClick: () => void app.openCard(task.clientId),
          },
          ...content,
        )
      : el('div', { class: 'task', attrs: { 'data-task': task.id } }, ...content);
    list.append(el('li', {}, item));
  }
  replaceChildren(root, head, list);
}

/**
 * «Мои задачи»: the current user's plan in three groups — overdue (oldest
 * first), today, the next seven days — of next steps, next contacts, meetings
 * and claims' deadlines, as the server sorts them; a task opens its client's card.
 */
import { el, plural, replaceChildren } from '../../../lib/dom';
import { errorText, whileBusy } from '../../../lib/busy';
import type { TaskDto } from '../../../../src/shared/api';
import type { App } from '../app';

const KIND_LABEL: Record<TaskDto['kind'], string> = {
  deal: 'Следующий шаг',
  client: 'Следующий контакт',
  meeting: 'Встреча',
  claim: 'Претензия',
  stuck: 'Без движения',
};

const GROUPS: ReadonlyArray<[TaskDto['bucket'], string]> = [
  ['overdue', 'Просрочено'],
  ['today', 'Сегодня'],
  ['week', 'На неделе'],
];

function when(task: TaskDto): string {
  if (task.bucket === 'overdue')
    return `просрочено ${task.daysOverdue} ${plural(task.daysOverdue, 'день', 'дня', 'дней')}`;
  if (task.bucket === 'today') return 'сегодня';
  return task.due;
}

function taskItem(app: App, task: TaskDto): HTMLElement {
  const content = [
    el(
      'div',
      { class: 'task-top' },
      el('span', { class: `kind kind-${task.kind}` }, `${KIND_LABEL[task.kind]} · ${task.id}`),
      el('span', { class: task.bucket === 'overdue' ? 'overdue' : 'due' }, when(task)),
    ),
    el('div', { class: 'task-title' }, task.title || task.id),
    el('div', { class: 'muted small' }, `${task.what} · срок ${task.due}`),
  ];
  const attrs = { 'data-task': task.id, 'data-kind': task.kind, 'data-bucket': task.bucket };
  return task.clientId
    ? el(
        'button',
        { class: 'task', attrs: { type: 'button', ...attrs }, onClick: () => void app.openCard(task.clientId) },
        ...content,
      )
    : el('div', { class: 'task', attrs }, ...content);
}

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
    replaceChildren(
      root,
      head,
      el('div', { class: 'empty' }, 'Нет задач: ничего не просрочено и на неделю ничего не назначено'),
    );
    return;
  }
  const sections = GROUPS.map(([bucket, title]) => {
    const items = tasks.filter((t) => t.bucket === bucket);
    if (items.length === 0) return null;
    const list = el('ul', { class: 'tasks' }, ...items.map((t) => el('li', {}, taskItem(app, t))));
    return el(
      'section',
      { class: `task-group task-group-${bucket}`, attrs: { 'data-bucket': bucket } },
      el('h3', {}, `${title} (${items.length})`),
      list,
    );
  });
  replaceChildren(root, head, ...sections);
}

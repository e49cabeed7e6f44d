/**
 * The menu bar: Sheets' own menus (shown, inert: the local page does not
 * imitate them) followed by the menus the add-on's onOpen built. Clicking an
 * item runs its function as one execution.
 */
import type { MenuView } from '../server/api-types';

const SHEETS_MENUS = ['Файл', 'Правка', 'Вид', 'Вставка', 'Формат', 'Данные', 'Инструменты', 'Расширения', 'Справка'];

let openList: HTMLElement[] = [];
let openTitle: HTMLElement | undefined;

function closeMenus(): void {
  for (const list of openList) list.remove();
  openList = [];
  openTitle?.classList.remove('open');
  openTitle = undefined;
}

function showList(menu: MenuView, x: number, y: number, depth: number, run: (fn: string) => void): void {
  // Opening a list closes the deeper ones of a previous hover.
  for (const list of openList.splice(depth)) list.remove();
  const list = document.createElement('div');
  list.className = 'menu-list';
  list.setAttribute('role', 'menu');
  list.style.left = `${x}px`;
  list.style.top = `${y}px`;
  for (const item of menu.items) {
    if (item.separator) {
      list.append(Object.assign(document.createElement('div'), { className: 'menu-separator' }));
      continue;
    }
    const row = document.createElement('div');
    row.className = 'menu-item';
    row.setAttribute('role', 'menuitem');
    const label = document.createElement('span');
    label.textContent = item.submenu ? item.submenu.title : (item.caption ?? '');
    row.append(label);
    if (item.submenu) {
      const arrow = document.createElement('span');
      arrow.className = 'arrow';
      arrow.textContent = '▸';
      row.append(arrow);
      const submenu = item.submenu;
      row.addEventListener('mouseenter', () => {
        const rect = row.getBoundingClientRect();
        showList(submenu, rect.right - 2, rect.top - 6, depth + 1, run);
      });
    } else {
      row.addEventListener('mouseenter', () => {
        for (const deeper of openList.splice(depth + 1)) deeper.remove();
      });
      const fn = item.fn;
      row.addEventListener('click', (event) => {
        event.stopPropagation();
        closeMenus();
        if (fn) run(fn);
      });
    }
    list.append(row);
  }
  document.body.append(list);
  openList.push(list);
}

/** Draws the menu bar; `run` is called with the function name of a chosen item. */
export function renderMenus(menus: MenuView[], run: (fn: string) => void): void {
  const bar = document.getElementById('menubar');
  if (!bar) return;
  closeMenus();
  bar.replaceChildren();
  for (const title of SHEETS_MENUS) {
    const button = document.createElement('button');
    button.className = 'menu-title inert';
    button.textContent = title;
    button.title = 'В локальном запуске недоступно';
    bar.append(button);
  }
  for (const menu of menus) {
    const button = document.createElement('button');
    button.className = 'menu-title addon';
    button.textContent = menu.title;
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      const wasOpen = openTitle === button;
      closeMenus();
      if (wasOpen) return;
      const rect = button.getBoundingClientRect();
      showList(menu, rect.left, rect.bottom + 2, 0, run);
      button.classList.add('open');
      openTitle = button;
    });
    bar.append(button);
  }
}

document.addEventListener('click', (event) => {
  if (openList.some((list) => list.contains(event.target as Node))) return;
  closeMenus();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeMenus();
});

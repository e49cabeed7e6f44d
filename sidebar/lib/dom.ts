/**
 * Building DOM nodes without innerHTML: every string becomes a text node, so
 * text from the server (a client named «<img onerror=…>») is shown literally.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** attributes set with setAttribute (never event handlers) */
  attrs?: Record<string, string | undefined>;
  onClick?: (event: Event) => void;
}

/** An element with props and children; strings and numbers are added as text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined) continue;
    if (/^on/i.test(name)) throw new Error(`event attribute ${name} is not allowed`);
    node.setAttribute(name, value);
  }
  if (props.onClick) node.addEventListener('click', props.onClick);
  append(node, ...children);
  return node;
}

/** Appends children, turning strings into text nodes and skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** A <select> of `options`, with an empty first choice when `placeholder` is given. */
export function select(options: readonly string[], value = '', placeholder?: string): HTMLSelectElement {
  const node = el('select');
  if (placeholder !== undefined) node.appendChild(el('option', { attrs: { value: '' } }, placeholder));
  for (const option of options) node.appendChild(el('option', { attrs: { value: option } }, option));
  // a value outside the list (typed in the sheet) is kept visible rather than silently replaced
  if (value && !options.includes(value)) node.appendChild(el('option', { attrs: { value } }, value));
  node.value = value;
  return node;
}

/** Russian plural: plural(3, 'день', 'дня', 'дней') → 'дня'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

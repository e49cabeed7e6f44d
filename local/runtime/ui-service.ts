/**
 * SpreadsheetApp.getUi() and HtmlService. Menus built by onOpen are collected as
 * MenuSnapshots; alerts and prompts take the answers queued for the execution
 * (none queued: alert answers OK, prompt answers CANCEL with ''); sidebars and
 * dialogs are recorded as UiEvents with their HTML.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RuntimeContext } from './runtime-context';
import type { MenuSnapshot, UiEvent } from './session';
import { asGas } from './spreadsheet/gas-types';

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

/** Menus collected from addToUi during one onOpen. */
export class MenuCollector {
  menus: MenuSnapshot[] = [];
  add(menu: MenuSnapshot): void {
    const index = this.menus.findIndex((m) => m.title === menu.title);
    if (index >= 0) this.menus[index] = menu;
    else this.menus.push(menu);
  }
}

export class LocalMenu implements Pick<
  GoogleAppsScript.Base.Menu,
  'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'
> {
  static readonly serviceName = 'Menu';
  readonly _snapshot: MenuSnapshot;

  constructor(
    private readonly collector: MenuCollector,
    title: string,
  ) {
    this._snapshot = { title, items: [] };
  }

  private self(): GoogleAppsScript.Base.Menu {
    return asGas(this);
  }

  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this._snapshot.items.push({ caption, fn: functionName });
    return this.self();
  }
  addSeparator(): GoogleAppsScript.Base.Menu {
    this._snapshot.items.push({ separator: true });
    return this.self();
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    this._snapshot.items.push({ submenu: asGas<LocalMenu>(menu)._snapshot });
    return this.self();
  }
  addToUi(): void {
    this.collector.add(this._snapshot);
  }
}

export class LocalPromptResponse implements Pick<
  GoogleAppsScript.Base.PromptResponse,
  'getResponseText' | 'getSelectedButton'
> {
  static readonly serviceName = 'PromptResponse';
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    return asGas(this.button);
  }
}

type UiMethods =
  'alert' | 'prompt' | 'createMenu' | 'createAddonMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog';

export class LocalUi implements Pick<GoogleAppsScript.Base.Ui, UiMethods | 'Button' | 'ButtonSet'> {
  static readonly serviceName = 'Ui';
  readonly Button = asGas<typeof GoogleAppsScript.Base.Button>(Button);
  readonly ButtonSet = asGas<typeof GoogleAppsScript.Base.ButtonSet>(ButtonSet);

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly collector: MenuCollector,
    private readonly addonTitle: () => string,
  ) {}

  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    return asGas(new LocalMenu(this.collector, caption));
  }

  /** The add-on's menu under Extensions carries the add-on's name. */
  createAddonMenu(): GoogleAppsScript.Base.Menu {
    return asGas(new LocalMenu(this.collector, this.addonTitle()));
  }

  alert(
    a: string,
    b?: string | GoogleAppsScript.Base.ButtonSet,
    c?: GoogleAppsScript.Base.ButtonSet,
  ): GoogleAppsScript.Base.Button {
    const [title, message, buttons] =
      c !== undefined ? [a, String(b), String(c)] : b !== undefined ? ['', a, String(b)] : ['', a, 'OK'];
    const question: UiEvent = { type: 'alert', title, message, buttons };
    const execution = this.ctx.current();
    // a lone OK cannot change what the script does; choices wait for the person
    if (buttons !== 'OK' && execution.answers.length === 0) execution.askPerson?.(question);
    this.ctx.record(question);
    const answer = execution.answers.shift();
    return asGas(answer?.button ?? Button.OK);
  }

  prompt(
    a: string,
    b?: string | GoogleAppsScript.Base.ButtonSet,
    c?: GoogleAppsScript.Base.ButtonSet,
  ): GoogleAppsScript.Base.PromptResponse {
    const [title, message, buttons] =
      c !== undefined ? [a, String(b), String(c)] : b !== undefined ? ['', a, String(b)] : ['', a, 'OK'];
    const question: UiEvent = { type: 'alert', title, message, buttons: `PROMPT_${buttons}` };
    const execution = this.ctx.current();
    if (execution.answers.length === 0) execution.askPerson?.(question);
    this.ctx.record(question);
    const answer = execution.answers.shift();
    if (!answer) return asGas(new LocalPromptResponse('', Button.CANCEL));
    return asGas(new LocalPromptResponse(answer.text ?? '', answer.button));
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const html = asGas<LocalHtmlOutput>(userInterface);
    this.ctx.record({ type: 'sidebar', title: html.getTitle(), html: html.getContent(), width: html._width ?? 300 });
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = asGas<LocalHtmlOutput>(userInterface);
    this.ctx.record({
      type: 'dialog',
      title,
      html: html.getContent(),
      width: html.getWidth(),
      height: html.getHeight(),
      modal: true,
    });
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = asGas<LocalHtmlOutput>(userInterface);
    this.ctx.record({
      type: 'dialog',
      title,
      html: html.getContent(),
      width: html.getWidth(),
      height: html.getHeight(),
      modal: false,
    });
  }
}

// ---------------------------------------------------------------- HtmlService

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

type HtmlOutputMethods =
  | 'append'
  | 'appendUntrusted'
  | 'addMetaTag'
  | 'clear'
  | 'getContent'
  | 'getHeight'
  | 'getTitle'
  | 'getWidth'
  | 'setContent'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setTitle'
  | 'setWidth'
  | 'setXFrameOptionsMode'
  | 'setFaviconUrl';

export class LocalHtmlOutput implements Pick<GoogleAppsScript.HTML.HtmlOutput, HtmlOutputMethods> {
  static readonly serviceName = 'HtmlOutput';
  private title = '';
  _width: number | undefined;
  private height = 400;
  private readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(private content: string) {}

  private self(): GoogleAppsScript.HTML.HtmlOutput {
    return asGas(this);
  }

  append(addedContent: string): GoogleAppsScript.HTML.HtmlOutput {
    this.content += addedContent;
    return this.self();
  }
  appendUntrusted(addedContent: string): GoogleAppsScript.HTML.HtmlOutput {
    this.content += escapeHtml(addedContent);
    return this.self();
  }
  addMetaTag(name: string, content: string): GoogleAppsScript.HTML.HtmlOutput {
    this.metaTags.push({ name, content });
    return this.self();
  }
  clear(): GoogleAppsScript.HTML.HtmlOutput {
    this.content = '';
    return this.self();
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): GoogleAppsScript.HTML.HtmlOutput {
    this.content = content;
    return this.self();
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): GoogleAppsScript.HTML.HtmlOutput {
    this.title = title;
    return this.self();
  }
  getWidth(): number {
    return this._width ?? 600;
  }
  setWidth(width: number): GoogleAppsScript.HTML.HtmlOutput {
    this._width = width;
    return this.self();
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): GoogleAppsScript.HTML.HtmlOutput {
    this.height = height;
    return this.self();
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GoogleAppsScript.HTML.HtmlOutput {
    void mode; // IFRAME is the only mode Apps Script still honours
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GoogleAppsScript.HTML.HtmlOutput {
    void mode;
    return this.self();
  }
  setFaviconUrl(iconUrl: string): GoogleAppsScript.HTML.HtmlOutput {
    void iconUrl;
    return this.self();
  }
}

/** HTML-escapes what <?= ?> prints, as HtmlService does. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Compiles a template's scriptlets into a function of its variables: <? code ?>
 * runs, <?= expr ?> prints escaped, <?!= expr ?> prints raw. It runs in the
 * script's vm context so templates can call the script's globals.
 */
export function compileTemplate(source: string): string {
  let body = 'var __out = [];\n';
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    if (m.index > last) body += `__out.push(${JSON.stringify(source.slice(last, m.index))});\n`;
    const code = m[2];
    if (m[1] === '=') body += `__out.push(__escape(${code}));\n`;
    else if (m[1] === '!=') body += `__out.push(String((${code}) == null ? '' : (${code})));\n`;
    else body += code + '\n';
    last = re.lastIndex;
  }
  if (last < source.length) body += `__out.push(${JSON.stringify(source.slice(last))});\n`;
  return body + 'return __out.join("");';
}

/** Runs compiled template code with the given variables in the script's realm. */
export type TemplateRunner = (code: string, vars: Record<string, unknown>, escape: (v: unknown) => string) => string;

export class LocalHtmlTemplate implements Pick<
  GoogleAppsScript.HTML.HtmlTemplate,
  'evaluate' | 'getCode' | 'getRawContent'
> {
  static readonly serviceName = 'HtmlTemplate';

  constructor(
    private readonly source: string,
    private readonly runner: TemplateRunner,
  ) {}

  evaluate(): GoogleAppsScript.HTML.HtmlOutput {
    const vars: Record<string, unknown> = {};
    // template variables are the properties the script set on the template object
    for (const key of Object.keys(this))
      if (key !== 'source' && key !== 'runner') vars[key] = (this as Record<string, unknown>)[key];
    return asGas(new LocalHtmlOutput(this.runner(compileTemplate(this.source), vars, escapeHtml)));
  }

  getCode(): string {
    return compileTemplate(this.source);
  }

  getRawContent(): string {
    return this.source;
  }
}

export class LocalHtmlService implements Pick<
  GoogleAppsScript.HTML.HtmlService,
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile'
  | 'SandboxMode'
  | 'XFrameOptionsMode'
> {
  static readonly serviceName = 'HtmlService';
  readonly SandboxMode = asGas<typeof GoogleAppsScript.HTML.SandboxMode>(SandboxMode);
  readonly XFrameOptionsMode = asGas<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(XFrameOptionsMode);

  constructor(
    private readonly pagesDir: string,
    private readonly runner: TemplateRunner,
  ) {}

  private file(name: string): string {
    const fileName = name.endsWith('.html') ? name : `${name}.html`;
    try {
      return readFileSync(path.join(this.pagesDir, fileName), 'utf8');
    } catch {
      throw new Error(`No HTML file named ${name} was found.`);
    }
  }

  createHtmlOutput(html?: unknown): GoogleAppsScript.HTML.HtmlOutput {
    return asGas(new LocalHtmlOutput(html === undefined ? '' : String(html)));
  }
  createHtmlOutputFromFile(filename: string): GoogleAppsScript.HTML.HtmlOutput {
    return asGas(new LocalHtmlOutput(this.file(filename)));
  }
  createTemplate(html: unknown): GoogleAppsScript.HTML.HtmlTemplate {
    return asGas(new LocalHtmlTemplate(String(html), this.runner));
  }
  createTemplateFromFile(filename: string): GoogleAppsScript.HTML.HtmlTemplate {
    return asGas(new LocalHtmlTemplate(this.file(filename), this.runner));
  }
}

/**
 * The headless command line: runs one server function or menu action of
 * dist/Code.js on an .xlsx workbook as a given user, prints the result and
 * what the script showed (toasts, alerts, sidebars, mails), and saves the
 * workbook (and the other spreadsheets the script created, as `<ID>.xlsx`
 * next to it; PDFs saved to Drive go to `exports/` next to it). For scripted checks:
 *
 *   npm run cli -- --workbook demo/demo.xlsx --user ivanova@proekt-a.ru run getSidebarState
 *   npm run cli -- --workbook demo/demo.xlsx --answer OK menu "Рассчитать зарплату"
 *
 * Exit codes: 0 done, 1 the function threw (its message goes to stderr),
 * 2 the command line itself is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPdfExporter } from './export/pdf-exporter';
import { createDocumentExporter, keepDocumentsOnDisk } from './export/document-files';
import { dropFilesFromDisk, keepFilesOnDisk, loadOtherWorkbooks, saveOtherWorkbooks } from './other-workbooks';
import { createSession } from './runtime';
import type { MenuSnapshot, UiAnswer, UiEvent } from './runtime/session';
import { loadWorkbook, saveWorkbook } from './store/xlsx';
import { moscowDay } from './demo/installed';
import { DEFAULT_WORKBOOK_PATH, openOrCreateDemo, sessionClock } from './workbook-file';

const root = path.resolve(__dirname, '..');

export interface CliOptions {
  workbook: string;
  user?: string;
  answers: UiAnswer[];
  select?: { sheet: string; row: number; column: number; numRows: number; numColumns: number };
  newDemo: boolean;
  /** a fixed clock for the session (and the demo's today), for repeatable checks */
  now?: Date;
  save: boolean;
  json: boolean;
  command: { kind: 'run'; fn: string; args: unknown[] } | { kind: 'menu'; caption: string };
}

export const USAGE = `Использование:
  npm run cli -- [параметры] run <функция> [аргументы в JSON…]
  npm run cli -- [параметры] menu "<пункт меню>"

Параметры:
  --workbook <файл.xlsx>   таблица (по умолчанию demo/demo.xlsx)
  --user <email>           от чьего имени выполнять (по умолчанию владелец таблицы)
  --answer OK|CANCEL|YES|NO|CLOSE[:текст]
                           ответ на очередное окно alert/prompt; можно повторять
  --select 'Лист!A1[:B2]'  активный лист и выделение
  --new-demo               создать демо-таблицу, если файла нет
  --now <ГГГГ-ММ-ДДTчч:мм> считать это время текущим (часы сессии и «сегодня» новой демо-таблицы;
                           без него демо-таблица живёт по своему «сегодня», другие — по часам компьютера)
  --no-save                не сохранять таблицу после выполнения
  --json                   вывести результат и события одним JSON-объектом`;

/** A wrong command line: the message says what to fix. */
export class UsageError extends Error {}

const BUTTONS = ['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'] as const;

function parseAnswer(text: string): UiAnswer {
  const colon = text.indexOf(':');
  const button = (colon < 0 ? text : text.slice(0, colon)).toUpperCase();
  if (!(BUTTONS as readonly string[]).includes(button)) {
    throw new UsageError(`--answer: «${text}» — кнопка должна быть одной из ${BUTTONS.join(', ')}`);
  }
  const answer: UiAnswer = { button: button as UiAnswer['button'] };
  if (colon >= 0) answer.text = text.slice(colon + 1);
  return answer;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseSelection(text: string): NonNullable<CliOptions['select']> {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--select: «${text}» — нужен адрес вида 'Сделки!E12' или 'Сделки!E12:F14'`);
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const row = Number(m[4]);
  const column = columnNumber(m[3]);
  const lastRow = m[6] ? Number(m[6]) : row;
  const lastColumn = m[5] ? columnNumber(m[5]) : column;
  return {
    sheet,
    row: Math.min(row, lastRow),
    column: Math.min(column, lastColumn),
    numRows: Math.abs(lastRow - row) + 1,
    numColumns: Math.abs(lastColumn - column) + 1,
  };
}

function parseNow(text: string): Date {
  // A time without a zone is Moscow time, the workbook's zone.
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : /T/.test(text) ? `${text}+03:00` : `${text}T12:00+03:00`;
  const date = new Date(withZone);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--now: «${text}» — нужна дата вида 2026-03-18 или 2026-03-18T10:00`);
  return date;
}

/** A JSON argument, or the text itself when it is not JSON (so plain words need no quotes). */
function parseArgument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Parses the command line (the arguments after `npm run cli --`). */
export function parseCliArgs(argv: string[]): CliOptions {
  const options: Partial<CliOptions> & { answers: UiAnswer[] } = {
    answers: [],
    newDemo: false,
    save: true,
    json: false,
  };
  let i = 0;
  const value = (flag: string): string => {
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`${flag}: не указано значение`);
    return v;
  };
  // options may stand anywhere; the other words are the command and its arguments; after a bare
  // «--» everything is an argument (a function argument may itself start with «--»)
  const words: string[] = [];
  let optionsEnded = false;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsEnded || !arg.startsWith('--')) words.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--workbook') options.workbook = value(arg);
    else if (arg === '--user') options.user = value(arg);
    else if (arg === '--answer') options.answers.push(parseAnswer(value(arg)));
    else if (arg === '--select') options.select = parseSelection(value(arg));
    else if (arg === '--new-demo') options.newDemo = true;
    else if (arg === '--now') options.now = parseNow(value(arg));
    else if (arg === '--no-save') options.save = false;
    else if (arg === '--json') options.json = true;
    else throw new UsageError(`Непонятный параметр «${arg}»`);
  }
  const [command, ...rest] = words;
  if (command === 'run') {
    const [fn, ...args] = rest;
    if (!fn) throw new UsageError('run: не указано имя функции');
    options.command = { kind: 'run', fn, args: args.map(parseArgument) };
  } else if (command === 'menu') {
    const caption = rest.join(' ').trim();
    if (!caption) throw new UsageError('menu: не указан пункт меню');
    options.command = { kind: 'menu', caption };
  } else if (command !== undefined) {
    throw new UsageError(`Непонятная команда «${command}»: нужна run <функция> или menu "<пункт меню>"`);
  }
  if (!options.command) throw new UsageError('Не указана команда: run <функция> или menu "<пункт меню>"');
  return { workbook: DEFAULT_WORKBOOK_PATH, ...options } as CliOptions;
}

/** Finds a menu item by its caption (case and spaces ignored); «Меню > Пункт» picks one menu. */
export function findMenuItem(menus: MenuSnapshot[], caption: string): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const parts = caption.split('>').map(norm);
  const wanted = parts[parts.length - 1];
  const within = parts.length > 1 ? parts[0] : null;
  const found: Array<{ path: string; fn: string }> = [];
  const walk = (menu: MenuSnapshot, trail: string[], inScope: boolean) => {
    const scope = inScope || within === null || norm(menu.title) === within;
    for (const item of menu.items) {
      if ('submenu' in item) walk(item.submenu, [...trail, menu.title], scope);
      else if ('caption' in item && scope && norm(item.caption) === wanted) {
        found.push({ path: [...trail, menu.title, item.caption].join(' > '), fn: item.fn });
      }
    }
  };
  for (const m of menus) walk(m, [], false);
  if (found.length === 1) return found[0].fn;
  const all: string[] = [];
  const list = (menu: MenuSnapshot, trail: string[]) => {
    for (const item of menu.items) {
      if ('submenu' in item) list(item.submenu, [...trail, menu.title]);
      else if ('caption' in item) all.push([...trail, menu.title, item.caption].join(' > '));
    }
  };
  menus.forEach((m) => list(m, []));
  if (found.length > 1) {
    throw new UsageError(
      `Пункт «${caption}» есть в нескольких меню: ${found.map((f) => f.path).join('; ')}. Укажите «Меню > Пункт».`,
    );
  }
  throw new UsageError(`Нет пункта меню «${caption}». Есть: ${all.join('; ') || 'меню пусто'}`);
}

/** One line per UI event, as a person would have seen it. */
export function describeEvent(e: UiEvent): string {
  switch (e.type) {
    case 'toast':
      return `Уведомление${e.title ? ` «${e.title}»` : ''}: ${e.message}`;
    case 'alert':
      return `Окно${e.title ? ` «${e.title}»` : ''}: ${e.message}`;
    case 'sidebar':
      return `Боковая панель «${e.title}»`;
    case 'dialog':
      return `Диалог «${e.title}»:\n${dialogText(e.html)}`;
    case 'mail':
      return `Письмо для ${e.to}: «${e.subject}»${e.attachments?.length ? `, вложения: ${e.attachments.map((a) => `«${a.name}»`).join(', ')}` : ''}`;
    case 'download':
      return `Файл «${e.name}» (${e.mimeType})`;
  }
}

/** A dialog's HTML as the lines a person reads in it, indented under the dialog's title. */
export function dialogText(html: string): string {
  const text = html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|tr|li|h\d|div)>/gi, '\n')
    .replace(/<\/td>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .map((l) => '  ' + l)
    .join('\n');
}

/** Events without the pages' HTML (too long for a terminal; the title names the page). */
function compactEvent(e: UiEvent): Record<string, unknown> {
  if (e.type === 'sidebar' || e.type === 'dialog') {
    const { html: _html, ...rest } = e;
    return rest;
  }
  if (e.type === 'mail' && e.attachments) {
    return {
      ...e,
      attachments: e.attachments.map((a) => ({ name: a.name, contentType: a.contentType, bytes: a.bytes.length })),
    };
  }
  return e;
}

/** Runs the command line; returns the process exit code. */
export async function runCli(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    err.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  const file = path.resolve(options.workbook);
  if (!fs.existsSync(file) && !options.newDemo) {
    err.write(`Нет файла ${file}. Добавьте --new-demo, чтобы создать демо-таблицу.\n`);
    return 2;
  }
  const codePath = path.join(root, 'dist', 'Code.js');
  if (!fs.existsSync(codePath)) {
    err.write('Нет dist/Code.js: сначала выполните npm run build.\n');
    return 2;
  }
  const now = options.now;
  const workbook = options.newDemo
    ? await openOrCreateDemo(file, now ? { today: moscowDay(now) } : {})
    : await loadWorkbook(file);
  const clock = sessionClock(workbook, now);
  const savedFiles: string[] = [];
  const session = createSession({
    workbook,
    codePath,
    pagesDir: path.join(root, 'dist'),
    user: options.user ?? workbook.owner,
    exporter: createPdfExporter(),
    documentExporter: createDocumentExporter(),
    onDocumentSaved: keepDocumentsOnDisk(file, (saved) => savedFiles.push(saved)),
    otherWorkbooks: await loadOtherWorkbooks(file),
    onFileCreated: keepFilesOnDisk(file, (saved) => savedFiles.push(saved)),
    onFileRemoved: dropFilesFromDisk(file, (removed) => {
      const at = savedFiles.indexOf(removed);
      if (at >= 0) savedFiles.splice(at, 1);
    }),
    ...(clock ? { now: clock } : {}),
  });

  let result: unknown;
  let failure: string | null = null;
  const events: UiEvent[] = [];
  try {
    let fn: string;
    let args: unknown[] = [];
    if (options.command.kind === 'menu') {
      fn = findMenuItem(session.open(), options.command.caption);
      events.push(...session.takeUiEvents());
    } else {
      fn = options.command.fn;
      args = options.command.args;
    }
    if (options.select) {
      const s = options.select;
      session.select(s.sheet, s.row, s.column, s.numRows, s.numColumns);
    }
    result = session.run(fn, args, options.answers);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`${e.message}\n`);
      return 2;
    }
    failure = e instanceof Error ? e.message : String(e);
  }
  events.push(...session.takeUiEvents());

  // Like Sheets, whatever the script wrote before it failed stays written.
  if (options.save) {
    await saveWorkbook(session.workbook, file);
    await saveOtherWorkbooks(file, session.otherWorkbooks());
  }

  if (options.json) {
    out.write(
      JSON.stringify(
        { result: result ?? null, error: failure, events: events.map(compactEvent), files: savedFiles },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const e of events) out.write(describeEvent(e) + '\n');
    for (const saved of savedFiles) out.write(`Файл сохранён: ${saved}\n`);
    if (failure === null) out.write(`Результат: ${JSON.stringify(result ?? null, null, 2)}\n`);
  }
  if (failure !== null) {
    err.write(`Ошибка: ${failure}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

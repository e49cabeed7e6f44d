/**
 * What each interactive action costs on the local runtime's counter, at two
 * sizes: service calls, executions (custom-function executions included),
 * cells read and written, and the time on Google estimated from those counts
 * (bench/google-latency.ts). Beside each count, the itemised minimum the action
 * needs (MINIMUMS below, item by item) and the ratio; and the calls a plausible
 * naive add-on would make (one getValues per tab it reads, one call per cell it
 * writes). The tests in test/crm/action-costs.test.ts hold the same counts.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { LocalRuntimeSession, Usage } from '../local/runtime';
import { crmSession, crmWorkbook, DIRECTOR, IVANOV } from '../test/crm/crm-workbook';
import { sizedCrmWorkbook } from '../test/crm/sized-crm-workbook';
import { COLUMNS, SHEETS, type ColumnSpec } from '../src/domain/workbook/schema';
import { defaultTemplate } from '../src/domain/crm/offer';
import { MEMORY_SHEET } from '../src/adapter/value-memory';
import { CLOSED_MONTHS_SHEET } from '../src/server/payroll/closed-months';
import type { WorkbookModel } from '../local/runtime/model';
import { bundleSession } from '../test/helpers/workbook';
import { estimateMs } from './google-latency';

/** The counts of one action. */
export interface ActionCost {
  calls: number;
  executions: number;
  customFunctionExecutions: number;
  cellsRead: number;
  cellsWritten: number;
  /** distinct tabs the action read (for the naive baseline) */
  tabsRead: number;
  estimateMs: number;
  /** the calls by service method */
  byCall: Record<string, number>;
}

export const BUNDLE_KB = () => statSync(path.resolve(__dirname, '..', 'dist', 'Code.js')).size / 1024;

/** Runs `action` on a prepared session and returns what it cost. */
export function measure(session: LocalRuntimeSession, action: () => void): ActionCost {
  const tabs = new Set<string>();
  const stop = session.onServiceCall((call, args) => {
    if (call === 'Spreadsheet.getSheetByName') tabs.add(String(args[0]));
  });
  session.resetCalls();
  action();
  stop();
  const calls = session.calls();
  const usage: Usage = session.usage();
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return {
    calls: total,
    executions: Object.values(usage.executions).reduce((a, b) => a + b, 0),
    customFunctionExecutions: usage.executions.CUSTOM_FUNCTION ?? 0,
    cellsRead: usage.cellsRead,
    cellsWritten: usage.cellsWritten,
    tabsRead: Math.max(1, tabs.size),
    estimateMs: estimateMs(calls, usage, BUNDLE_KB()),
    byCall: calls,
  };
}

/**
 * The least an action can cost, item by item: what it must read and write
 * whatever the implementation. Calls count `getRange` + `getValues` as two,
 * as the runtime does.
 */
export interface Minimum {
  items: Array<[what: string, calls: number]>;
  executions: number;
  /** cells that must be read: the edited block, the rows of the IDs concerned, headers */
  cellsRead: number;
}

const DEALS_WIDTH = 24;
const CLIENTS_WIDTH = 16;

/**
 * The items the actions share. Each is a call the action cannot do without: reading a tab needs
 * its header row (columns are found by header), a row is found by TextFinder on its ID column
 * and read whole, a write to shared state holds the document lock, one row is appended with
 * appendRow. The memory keeps one row per remembered field (a deal: «Этап», «Ответственный»).
 */
const SPREADSHEET: [string, number] = ['таблица: getActiveSpreadsheet', 1];
const HEADERS = (tab: string): [string, number] => [
  `заголовки «${tab}»: getSheetByName, getLastColumn, getRange, getValues`,
  4,
];
const PROPERTIES: [string, number] = ['свойства документа (очередь, ID): getDocumentProperties, getProperties', 2];
const FIND_ROW = (tab: string): [string, number] => [
  `строка по ID на «${tab}»: getRange (столбец), createTextFinder, matchEntireCell, findAll, getRow, getRange, getValues`,
  7,
];
const FIND_ROWS = (what: string, rows: number): [string, number] => [
  `${what}: getRange (столбец), createTextFinder, matchEntireCell, findAll и по строке getRow, getRange, getValues`,
  4 + 3 * rows,
];
const MEMORY_OF_DEAL: [string, number] = [
  'память сделки (2 строки рядом): getSheetByName, getRange, createTextFinder, matchEntireCell, findAll, getRow ×2, getRange, getValues',
  9,
];
const LOCK: [string, number] = ['блокировка документа: getDocumentLock, waitLock, flush, releaseLock', 4];
const REREAD: [string, number] = ['свойства документа заново под блокировкой: getProperties', 1];
const USER: [string, number] = ['кто работает: Session.getActiveUser, getEmail', 2];
const DIRECTOR_CHECK: [string, number] = [
  'директор ли (не владелец): «Настройки» getSheetByName, getDataRange, getValues; getOwner, getEmail',
  5,
];
const TIME_ZONES: [string, number] = ['сегодня в поясе таблицы: getSpreadsheetTimeZone, getScriptTimeZone', 2];
const APPEND = (tab: string): [string, number] => [`строка в «${tab}»: getSheetByName, appendRow`, 2];
const STAGE_EDIT_START: Array<[string, number]> = [
  ['простой триггер уступает: getDocumentProperties, getProperties', 2],
  [
    'простой триггер отмечает правку (видно, что триггер директора работает): range.getSheet, getName, getA1Notation, setProperty',
    4,
  ],
  ['триггер директора: пульс (getDocumentProperties, getProperties, setProperty)', 3],
  ['событие: e.user.getEmail, range.getSheet, getName, getRow, getNumRows, getColumn, getNumColumns', 7],
  LOCK,
  REREAD,
  ['заголовки «Сделки» (лист из события): getLastColumn, getRange, getValues', 3],
  ['правленая строка: getRange, getValues', 2],
  ['формула в «Этап»: range.getFormulas', 1],
  MEMORY_OF_DEAL,
  HEADERS('Клиенты'),
  FIND_ROW('Клиенты'),
];
/** A specialist may not write the director's tabs: each asks its protection, and the entries wait in the queue. */
const QUEUED = (tabs: number, newQueue: boolean): Array<[string, number]> => [
  [`защищённые листы (${tabs}): getSheetByName, getProtections, canEdit`, 3 * tabs],
  ...(newQueue ? [['ключ очереди при первой записи: Utilities.getUuid ×2', 2] as [string, number]] : []),
  [`очередь записей: setProperties на каждый лист`, tabs],
];

export const MINIMUMS: Record<string, Minimum> = {
  stageEdit: {
    items: [
      ...STAGE_EDIT_START,
      TIME_ZONES,
      ['дата этапа: getRange, setValues', 2],
      ['примечание: range.getNotes', 1],
      ['память: getRange, setValues', 2],
      APPEND('Журнал'),
      APPEND('История этапов'),
    ],
    executions: 2,
    cellsRead: DEALS_WIDTH * 2 + CLIENTS_WIDTH * 2 + 4 + 1,
  },
  rejectedEdit: {
    items: [
      ...STAGE_EDIT_START,
      ['возврат этапа: getRange, setValues', 2],
      ['примечание: range.getNotes, setNotes', 2],
      ['сообщение: toast', 1],
      APPEND('Журнал'),
    ],
    executions: 2,
    cellsRead: DEALS_WIDTH * 2 + CLIENTS_WIDTH * 2 + 4,
  },
  card: {
    items: [
      SPREADSHEET,
      ['выделенная строка: getActiveSheet, getName, getActiveRange, getRow', 4],
      ['заголовки «Сделки» (лист выделен): getLastColumn, getRange, getValues', 3],
      ['строка сделки: getRange, getValues', 2],
      ['состояние панели: getUserProperties, setProperty', 2],
      ['боковая панель: createHtmlOutputFromFile, setTitle, getUi, showSidebar', 4],
      SPREADSHEET,
      ['состояние панели: getUserProperties, getProperty', 2],
      PROPERTIES,
      USER,
      DIRECTOR_CHECK,
      HEADERS('Клиенты'),
      FIND_ROW('Клиенты'),
      HEADERS('Сделки'),
      FIND_ROWS('4 сделки клиента', 4),
      HEADERS('Контакты'),
      FIND_ROWS('2 контакта клиента', 2),
      TIME_ZONES,
    ],
    executions: 2,
    cellsRead: DEALS_WIDTH * 2 + CLIENTS_WIDTH * 2 + 2 * DEALS_WIDTH,
  },
  moveAndCard: {
    items: [
      SPREADSHEET,
      LOCK,
      HEADERS('Сделки'),
      FIND_ROW('Сделки'),
      USER,
      HEADERS('Клиенты'),
      FIND_ROW('Клиенты'),
      MEMORY_OF_DEAL,
      PROPERTIES,
      TIME_ZONES,
      ['этап и дата: getRange, setValues', 2],
      ['примечание: getRange, getNote', 2],
      ['память (лист уже открыт): getProtections, canEdit', 2],
      ...QUEUED(2, true),
      ['очередь памяти: setProperties', 1],
      ['карточка после снятия блокировки: клиент заново', 7],
      FIND_ROWS('4 сделки клиента', 4),
      HEADERS('Контакты'),
      FIND_ROWS('2 контакта клиента', 2),
    ],
    executions: 1,
    cellsRead: DEALS_WIDTH * 3 + CLIENTS_WIDTH * 3 + 4,
  },
  createClient: {
    items: [
      SPREADSHEET,
      USER,
      LOCK,
      HEADERS('Клиенты'),
      [
        'дубли по ИНН, телефону, e-mail одним поиском: getLastRow, getRange (ключевые столбцы), createTextFinder, matchEntireCell, useRegularExpression, findAll',
        6,
      ],
      PROPERTIES,
      ['новый ID не занят: getRange (столбец), createTextFinder, matchEntireCell, findAll; setProperty', 5],
      TIME_ZONES,
      ['новая строка: appendRow', 1],
      ['память (новый ID, строк в ней нет): getSheetByName, getProtections, canEdit', 3],
      ['ключ очереди при первой записи: Utilities.getUuid ×2', 2],
      ['очередь памяти: setProperties', 1],
      ['«Журнал» защищён: getSheetByName, getProtections, canEdit; очередь: setProperties', 4],
    ],
    executions: 1,
    cellsRead: CLIENTS_WIDTH + 2,
  },
  logContact: {
    items: [
      SPREADSHEET,
      LOCK,
      HEADERS('Клиенты'),
      FIND_ROW('Клиенты'),
      USER,
      HEADERS('Контакты'),
      TIME_ZONES,
      ['новая строка: appendRow', 1],
    ],
    executions: 1,
    cellsRead: CLIENTS_WIDTH * 2 + 7,
  },
};

export function minimumCalls(key: string): number {
  return MINIMUMS[key].items.reduce((a, [, n]) => a + n, 0);
}

/** The calls of a plausible naive add-on: per tab read getSheetByName + getDataRange + getValues, then one setValue per cell written. */
export function naiveCalls(cost: ActionCost): number {
  return cost.tabsRead * 3 + cost.cellsWritten;
}

export interface CrmCase {
  key: keyof typeof MINIMUMS;
  title: string;
  /** runs the action on a fresh sized workbook's session (Иванов, «Настроить таблицу» run) */
  run: (s: LocalRuntimeSession) => void;
}

export const CRM_CASES: CrmCase[] = [
  {
    key: 'stageEdit',
    title: 'Этап в ячейке, принят',
    run: (s) => s.edit({ sheet: 'Сделки', row: 2, column: 5, values: [['Потребность выявлена']] }),
  },
  {
    key: 'rejectedEdit',
    title: 'Этап в ячейке, отклонён',
    run: (s) => s.edit({ sheet: 'Сделки', row: 2, column: 5, values: [['Переговоры']] }),
  },
  {
    key: 'card',
    title: 'Открыть карточку клиента',
    run: (s) => {
      s.select('Сделки', 2, 1);
      s.run('menuClientCard');
      // the page asks for the card only when the state did not bring it
      const state = s.run('getSidebarState') as { clientId: string; card?: unknown };
      if (!state.card) s.run('getClientCard', [state.clientId]);
    },
  },
  {
    key: 'moveAndCard',
    title: 'Переход из карточки + обновление',
    run: (s) => {
      // the sidebar reloads the card only when the move did not bring it
      const moved = s.run('moveDeal', ['С-00001', 'Потребность выявлена', {}]) as { card?: unknown };
      if (!moved.card) s.run('getClientCard', ['К-00001']);
    },
  },
  {
    key: 'createClient',
    title: 'Новый клиент',
    run: (s) =>
      s.run('createClient', [
        { Клиент: 'ООО «Новый»', Тип: 'Физлицо', Телефон: '+79990001122', Источник: 'Сайт', Ответственный: IVANOV },
        false,
      ]),
  },
  {
    key: 'logContact',
    title: 'Записать контакт',
    run: (s) => s.run('logContact', [{ clientId: 'К-00001', type: 'Звонок', result: 'Обсудили КП' }]),
  },
];

/** A sized CRM session as Иванов, ready for an action. */
export function crmCaseSession(deals: number): LocalRuntimeSession {
  const s = crmSession(sizedCrmWorkbook(deals), IVANOV);
  s.takeUiEvents();
  return s;
}

/**
 * «Настроить таблицу» as the director (the owner): on a workbook never set up (`again` false),
 * which seeds the memory with every deal and client, or once more on a set-up one, which
 * must change nothing.
 */
export function measureSetup(deals: number, again = false): ActionCost {
  if (again) {
    const s = crmCaseSession(deals);
    s.setUser(DIRECTOR);
    return measure(s, () => s.run('menuSetupWorkbook', [], [{ button: 'OK' }]));
  }
  const s = bundleSession(setupWorkbook(deals), { user: DIRECTOR });
  return measure(s, () => s.run('menuSetupWorkbook', [], [{ button: 'OK' }]));
}

/** The workbook a first setup is measured on: the test workbook (≤ 1 deal) or a sized one. */
export function setupWorkbook(deals: number): WorkbookModel {
  return deals <= 1 ? crmWorkbook() : sizedCrmWorkbook(deals);
}

/** Runs of adjacent columns (in schema order, as a set-up tab has them) whose spec passes `keep`. */
function runsOf(specs: readonly ColumnSpec[], keep: (spec: ColumnSpec) => boolean): ColumnSpec[][] {
  const runs: ColumnSpec[][] = [];
  let open = false;
  for (const spec of specs) {
    if (!keep(spec)) {
      open = false;
      continue;
    }
    if (open) runs[runs.length - 1].push(spec);
    else runs.push([spec]);
    open = true;
  }
  return runs;
}

const FORMATTED_TYPES: ReadonlyArray<ColumnSpec['type']> = ['date', 'money', 'inn', 'phone', 'account'];

/**
 * What «Настроить таблицу» needs on a set-up workbook, item by item: per tab its header row,
 * the bold header, the frozen row, its size, formats and dropdowns a block of adjacent columns
 * at a time (a dropdown is built with five builder calls); the director-only tabs' protections;
 * the memory's seeding under the lock (every deal and client read in one call each, nothing
 * new to write); the templates, the triggers, the closed months' tab and the report.
 */
export function setupMinimum(): Array<[what: string, calls: number]> {
  const items: Array<[string, number]> = [
    ['меню разбирает очередь: getActiveSpreadsheet, getDocumentProperties, getProperties', 3],
    [
      'директор ли (владелец): getActiveUser, getEmail, getOwner, getEmail; «Настройки»: getSheetByName, getDataRange, getValues',
      7,
    ],
  ];
  for (const [key, specs] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, readonly ColumnSpec[]]>) {
    const formats = runsOf(specs, (spec) => spec.format !== undefined || FORMATTED_TYPES.includes(spec.type));
    const lists = specs.filter((spec) => spec.type === 'list' && spec.list !== undefined).length;
    const validationRuns = runsOf(specs, () => true).filter(() => lists > 0).length;
    items.push([
      `«${SHEETS[key]}»: заголовки (4), жирная шапка, закрепление, число строк, форматы (${formats.length} блок.), списки (${lists})`,
      4 + 1 + 1 + 1 + 2 * formats.length + 5 * lists + 2 * validationRuns,
    ]);
  }
  items.push(
    ['«Настройки»: getSheetByName, getLastRow, getDataRange, getValues', 4],
    ['«Дашборд», «Журнал» на месте: getSheetByName ×2', 2],
    [
      'защита 9 листов директора: getSheetByName, getProtections, setDescription, setWarningOnly, getEditors, getEmail, canDomainEdit',
      63,
    ],
    ['память: блокировка (4), лист (getSheetByName, getLastRow, getRange, getValues), свойства заново', 9],
    ['все сделки и клиенты: getLastRow, getRange, getValues ×2; последние ID: setProperties', 7],
    ['шаблоны: getAuthorizationInfo, getAuthorizedScopes, getProperty ×2, openById ×2', 6],
    ['триггеры правок и очереди: getProjectTriggers, getHandlerFunction ×2, getUniqueId ×2 (дважды)', 10],
    ['итог: getUi, alert', 2],
  );
  return items;
}

/**
 * What the first «Настроить таблицу» of a workbook needs beyond a repeated one: each tab it lacks
 * inserted and given its header row; each of the 9 director-only tabs protected anew (protect, and
 * the spreadsheet's other editors, which a new protection copies, removed); the two technical tabs
 * hidden and the memory written once; the two templates built paragraph by paragraph (a heading
 * or an alignment is a call of its own), shared with the editors and remembered; the two
 * triggers built. The repeated setup's check that a template still opens is not needed.
 */
export function firstSetupMinimum(workbook: WorkbookModel): Array<[what: string, calls: number]> {
  const present = new Set(workbook.sheets.map((sheet) => sheet.name));
  const tabs = [...Object.values(SHEETS), MEMORY_SHEET, CLOSED_MONTHS_SHEET].filter((name) => !present.has(name));
  const others = workbook.editors.filter((e) => e.toLowerCase() !== workbook.owner.toLowerCase()).length;
  const items = setupMinimum().filter(([what]) => !what.startsWith('шаблоны:'));
  const paragraphs = (['КП', 'Договор'] as const).map((kind) => defaultTemplate(kind));
  const styling = paragraphs.flat().reduce((a, p) => a + (p.heading ? 1 : 0) + (p.alignment ? 1 : 0), 0);
  items.push(
    [`листов нет: ${tabs.length} × (insertSheet, setValues шапки)`, 2 * tabs.length],
    ['защита 9 листов директора впервые: protect, removeEditors', 18],
    ['технические листы: hideSheet ×2; память: setValues', 3],
    ['шаблоны: getAuthorizationInfo, getAuthorizedScopes, getEditors, getProperty ×2', 5],
    [
      `шаблоны КП и договора: create, getBody, абзацы (${paragraphs.flat().length}), заголовки и выравнивание (${styling}), getChild, removeFromParent, saveAndClose, getId, setProperty, getUrl`,
      2 * 8 + paragraphs.flat().length + styling,
    ],
    [`доступ к шаблонам редакторам таблицы: Permissions.create, ${others} × 2`, 2 * others],
    ['триггеры: newTrigger, forSpreadsheet, onEdit, create; newTrigger, timeBased, everyHours, create', 8],
  );
  return items;
}

const fmt = (n: number) => Math.round(n).toLocaleString('ru-RU');
const ratio = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(2)}` : '—');

export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(title);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('');
}

/** Prints the CRM actions' table at 100 and 20 000 deals. */
export function runActionCostBench(sizes: readonly number[] = [100, 20_000]): void {
  const rows: string[][] = [];
  for (const c of CRM_CASES) {
    const min = MINIMUMS[c.key];
    const minCalls = minimumCalls(c.key);
    for (const size of sizes) {
      const s = crmCaseSession(size);
      const cost = measure(s, () => c.run(s));
      rows.push([
        `${c.title} @${fmt(size)}`,
        fmt(cost.calls),
        fmt(minCalls),
        ratio(cost.calls, minCalls),
        `${cost.executions}/${min.executions}`,
        fmt(cost.cellsRead),
        fmt(min.cellsRead),
        ratio(cost.cellsRead, min.cellsRead),
        fmt(cost.cellsWritten),
        fmt(naiveCalls(cost)),
        fmt(cost.estimateMs),
      ]);
    }
  }
  // the first setup creates the tabs and seeds the memory with every deal and client
  for (const size of [1, 20_000]) {
    const cost = measureSetup(size);
    const firstMin = firstSetupMinimum(setupWorkbook(size)).reduce((a, [, n]) => a + n, 0);
    rows.push([
      `Настроить таблицу, впервые @${size <= 1 ? 'пустая' : fmt(size)}`,
      fmt(cost.calls),
      fmt(firstMin),
      ratio(cost.calls, firstMin),
      `${cost.executions}/1`,
      fmt(cost.cellsRead),
      '—',
      '—',
      fmt(cost.cellsWritten),
      fmt(naiveCalls(cost)),
      fmt(cost.estimateMs),
    ]);
  }
  const setupMin = setupMinimum().reduce((a, [, n]) => a + n, 0);
  for (const size of sizes) {
    const cost = measureSetup(size, true);
    rows.push([
      `Настроить таблицу, повторно @${fmt(size)}`,
      fmt(cost.calls),
      fmt(setupMin),
      ratio(cost.calls, setupMin),
      `${cost.executions}/1`,
      fmt(cost.cellsRead),
      '—',
      '—',
      fmt(cost.cellsWritten),
      fmt(naiveCalls(cost)),
      fmt(cost.estimateMs),
    ]);
  }
  printTable(
    'Действия CRM в локальной среде (сделок: 100 и 20 000): вызовы, выполнения, ячейки, оценка времени на Google',
    [
      'Действие @сделок',
      'Вызовов',
      'Минимум',
      'Доля',
      'Выполнений/мин.',
      'Прочитано яч.',
      'Минимум',
      'Доля',
      'Записано яч.',
      'Наивно, вызовов',
      'Google, мс',
    ],
    rows,
  );
}

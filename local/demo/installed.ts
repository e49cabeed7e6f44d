/**
 * The demo workbook as a company has it a week after installing the add-on:
 * the client base of generate.ts, then the add-on itself run on the local
 * runtime as the director would have run it — «Настроить таблицу» (tabs,
 * protections, the director's edit trigger, the memory of last valid stages),
 * last month's payroll computed and closed through the «Зарплата» menu (with
 * the earlier months of its year, for НДФЛ since 1 January), the dashboard
 * refreshed. Nothing here writes the add-on's tabs by hand, so the
 * demo stays what the add-on makes as the add-on changes.
 */
import * as path from 'node:path';
import { addMonths, type YearMonth } from '../../src/domain/calendar';
import { payrollSheetName, SHEETS } from '../../src/domain/workbook/schema';
import { CLOSED_MONTHS_SHEET } from '../../src/server/payroll/closed-months';
import { createSession } from '../runtime';
import type { UiAnswer } from '../runtime/session';
import type { WorkbookModel } from '../runtime/model';
import { zonedDate, zonedParts } from '../store/moscow-time';
import { generateDemoWorkbook } from './generate';

/**
 * The demo's «today»: Thursday 26 February 2026, Moscow. Late in the month, so
 * the dashboard shows most of the month's plan, the timesheet and the аванс of
 * February are in, January is closed and February is the month to compute.
 */
export const DEMO_TODAY = '2026-02-26';

const ROOT = path.resolve(__dirname, '..', '..');
const DAY_MS = 86_400_000;

export interface InstalledDemoOptions {
  seed?: number;
  /** the demo's «today» as ГГГГ-ММ-ДД (Moscow); DEMO_TODAY by default */
  today?: string;
  /** the script to run; dist/Code.js by default */
  codePath?: string;
}

/** «ГГГГ-ММ-ДД» of a moment, in Moscow. */
export function moscowDay(moment: Date): string {
  const p = zonedParts(moment);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Noon in Moscow of a «ГГГГ-ММ-ДД» day, or throws a message saying what to fix. */
export function parseDemoDay(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`«${text}»: нужна дата вида 2026-02-26`);
  const at = zonedDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return new Date(at.getTime() + 12 * 3_600_000);
}

/**
 * The demo's clock: its «today» at 10:00 Moscow time when the program started
 * (or, when the demo was used before, where its clock stopped), running on
 * from there in real time, so the «Журнал» keeps its order across restarts.
 */
export function demoClock(today: string, stoppedAt?: string, started = Date.now()): () => Date {
  const morning = parseDemoDay(today).getTime() - 2 * 3_600_000;
  const stopped = stoppedAt ? new Date(stoppedAt).getTime() : NaN;
  const start = Number.isFinite(stopped) && stopped > morning ? stopped : morning;
  return () => new Date(start + (Date.now() - started));
}

/** The month before the one of `moment`, in Moscow. */
function monthBefore(moment: Date): YearMonth {
  const p = zonedParts(moment);
  return addMonths({ year: p.year, month: p.month }, -1);
}

const label = (m: YearMonth) => `${String(m.month).padStart(2, '0')}.${m.year}`;

/** Open deals before «КП отправлено» of each specialist, with lines of their direction (a key client's with its discount). */
function demoDealLines(
  workbook: WorkbookModel,
): Array<{ owner: string; dealId: string; lines: Array<{ article: string; quantity: string; discount: string }> }> {
  const rowsOf = (name: string) => {
    const sheet = workbook.sheets.find((x) => x.name === name)!;
    const headers = sheet.rows[0]!.map((c) => String(c?.value ?? ''));
    return sheet.rows.slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r?.[i]?.value ?? null])));
  };
  const clients = new Map(rowsOf(SHEETS.clients).map((c) => [String(c['ID клиента']), c]));
  const perOwner = new Map<string, number>();
  const picks: ReturnType<typeof demoDealLines> = [];
  for (const d of rowsOf(SHEETS.deals)) {
    if (!['Надёжность оценена', 'Переговоры'].includes(String(d['Этап']))) continue;
    const owner = String(d['Ответственный']);
    if ((perOwner.get(owner) ?? 0) >= 2) continue;
    perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
    const client = clients.get(String(d['ID клиента']));
    const discount =
      client?.['Статус клиента'] === 'Ключевой' && typeof client['Скидка, %'] === 'number'
        ? String(client['Скидка, %'])
        : '';
    const n = Number(String(d['ID сделки']).replace(/\D/g, ''));
    const heating = String(d['Направление']).startsWith('Электрообогрев');
    const facade = String(d['Направление']).includes('ПОЛИФАСАД');
    const lines = [
      ...(heating
        ? [
            { article: 'ТП-150', quantity: String(20 + (n % 7) * 15), discount },
            { article: 'ТР-01', quantity: String(1 + (n % 4)), discount: '' },
            { article: 'МН-01', quantity: String(20 + (n % 7) * 15), discount: '' },
          ]
        : []),
      ...(facade
        ? [
            { article: n % 2 ? 'ПФ-80' : 'ПФ-50', quantity: String(60 + (n % 9) * 25), discount },
            { article: 'ПФ-УГ', quantity: String(12 + (n % 5) * 4), discount: '' },
            { article: 'ПФ-МТ', quantity: String(60 + (n % 9) * 25), discount: '' },
          ]
        : []),
    ];
    if (lines.length > 0) picks.push({ owner, dealId: String(d['ID сделки']), lines });
  }
  return picks;
}

/**
 * Generates the client base and runs the add-on over it as its director did
 * during the last week (see the file comment). Throws when a step the
 * director ran fails, naming the step: a demo that is not what it says is
 * worse than none.
 */
export function installedDemoWorkbook(options: InstalledDemoOptions = {}): WorkbookModel {
  const today = options.today ?? DEMO_TODAY;
  const noon = parseDemoDay(today);
  const workbook = generateDemoWorkbook({ seed: options.seed, today: noon });
  workbook.demoToday = today;

  let now = new Date(noon.getTime() - 7 * DAY_MS - 2 * 3_600_000);
  const session = createSession({
    workbook,
    codePath: options.codePath ?? path.join(ROOT, 'dist', 'Code.js'),
    user: workbook.owner,
    now: () => now,
  });
  /** runs a menu item as the director; returns what its windows said */
  const step = (fn: string, answers: UiAnswer[] = []): string => {
    session.open();
    session.run(fn, [], answers);
    return session
      .takeUiEvents()
      .flatMap((e) => (e.type === 'alert' ? [e.message] : []))
      .join('\n');
  };
  const fail = (caption: string, said: string): never => {
    throw new Error(`Демо-таблица: «${caption}» не удалась: ${said || 'без сообщения'}`);
  };
  const sheet = (name: string) => session.workbook.sheets.find((s) => s.name === name);

  // a week ago the director installed the add-on and set the workbook up
  let said = step('menuSetupWorkbook');
  if (!session.triggers().some((t) => t.kind === 'onEdit' && t.owner === workbook.owner)) {
    fail('Настроить таблицу', said);
  }
  // during the week the specialists entered the lines of some deals in their cards
  now = new Date(now.getTime() + 3_600_000);
  for (const pick of demoDealLines(session.workbook)) {
    const result = session.runAs(pick.owner, 'saveDealLines', [pick.dealId, pick.lines]) as {
      ok: boolean;
      errors?: string[];
    };
    if (!result.ok) fail(`Позиции сделки ${pick.dealId}`, (result.errors ?? []).join('; '));
  }
  // the next day: last month's payroll, computed and closed through the menu (and, since НДФЛ is
  // counted from 1 January, every earlier month of its year the same way first)
  now = new Date(now.getTime() + DAY_MS);
  const last = monthBefore(noon);
  for (
    let month = { year: last.year, month: 1 };
    month.month <= last.month && month.year === last.year;
    month = addMonths(month, 1)
  ) {
    said = step('menuComputePayroll', [{ button: 'OK', text: label(month) }]);
    if (!sheet(payrollSheetName(month.year, month.month)) || /Не рассчитано/.test(said)) {
      fail(`Рассчитать за месяц ${label(month)}`, said);
    }
    now = new Date(now.getTime() + 600_000);
    said = step('menuClosePayrollMonth', [{ button: 'OK', text: label(month) }, { button: 'YES' }]);
    const key = `${month.year}-${String(month.month).padStart(2, '0')}`;
    if (!sheet(CLOSED_MONTHS_SHEET)?.rows.some((row) => row?.[0]?.value === key)) {
      fail(`Закрыть месяц ${label(month)}`, said);
    }
    now = new Date(now.getTime() + 600_000);
  }
  // this morning: the dashboard as of today
  now = new Date(noon.getTime() - 3 * 3_600_000);
  said = step('menuRefreshDashboard');
  if ((sheet(SHEETS.dashboard)?.charts.length ?? 0) === 0) fail('Обновить дашборд', said);
  session.recalculate();
  return session.workbook;
}

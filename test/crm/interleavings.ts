/**
 * The whole team at once, as Google runs it: seeded interleavings of 2 to 20
 * executions (specialists' typed edits, pastes and fill-downs of «Этап»,
 * sidebar saves and moves, the director's edits, the hourly flush of the
 * queue, a custom function) on the runtime's scheduler, which switches between
 * executions at service calls and makes lock waits really wait. After each
 * interleaving: no row lost, every «Журнал» entry there once (none lost, none
 * twice), no duplicate ID, no limit error shown to anyone, and every stage one
 * the rules can reach (a stage of the funnel, the one the memory holds).
 *
 * 1 000 interleavings run by default, as four test files of a quarter each
 * (interleavings-1…4.test.ts) that jest can run side by side.
 * CRM_INTERLEAVINGS=<n> runs seeds 1…n instead (split the same way), and a
 * failing seed replays alone: CRM_INTERLEAVING_SEED=<seed>.
 */
import type { InterleaveStep, LocalRuntimeSession } from '../../local/runtime';
import { seededRandom } from '../../local/runtime/interleave';
import { isStage } from '../../src/domain/crm/funnel';
import { SHEETS, STAGES } from '../../src/domain/workbook/schema';
import {
  CLIENT_A,
  DIRECTOR,
  IVANOV,
  PETROVA,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from './crm-workbook';

const D = SHEETS.deals;
const MEMORY = '_Последние значения';
/** how many interleavings the four parts run together */
export const TRIALS = Number(process.env.CRM_INTERLEAVINGS ?? 1000);
const ONLY = process.env.CRM_INTERLEAVING_SEED ? Number(process.env.CRM_INTERLEAVING_SEED) : undefined;
export const PARTS = 4;
/** Trials share a session (the workbook grows as a real one does); a new one every so often keeps it small. */
const TRIALS_PER_SESSION = 25;
const LIMIT_ERROR = /too large|quota|limit|exceeded|Argument too large|too many|Превышен/i;

const CLIENT_B = {
  ...CLIENT_A,
  'ID клиента': 'К-00002',
  Клиент: 'ИП Смирнов',
  Тип: 'Физлицо',
  ИНН: '',
  Телефон: '+79123450002',
  Email: 'smirnov@example.ru',
  Ответственный: PETROVA,
};

function workbook() {
  const deals = [
    fullDeal('С-00001', 'Новый'),
    fullDeal('С-00002', 'Потребность выявлена'),
    fullDeal('С-00003', 'Переговоры'),
    fullDeal('С-00004', 'Новый', { 'ID клиента': 'К-00002', Клиент: 'ИП Смирнов', Ответственный: PETROVA }),
    fullDeal('С-00005', 'КП отправлено', { 'ID клиента': 'К-00002', Клиент: 'ИП Смирнов', Ответственный: PETROVA }),
    fullDeal('С-00006', 'Надёжность оценена', {
      'ID клиента': 'К-00002',
      Клиент: 'ИП Смирнов',
      Ответственный: PETROVA,
    }),
  ];
  return crmWorkbook({ clients: [CLIENT_A, CLIENT_B], deals });
}

interface Expect {
  /** «Журнал» entries that must be there exactly once: action and «Стало» */
  logged: Array<{ action: string; after: string }>;
  /** client names that must be on «Клиенты» exactly once */
  clients: string[];
}

/** One trial's executions, drawn from the seed. */
function drawSteps(session: LocalRuntimeSession, seed: number, expect: Expect): InterleaveStep[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // mostly a few at once, sometimes the whole team
  const count = 2 + Math.floor(random() ** 3 * 19);
  const stageCol = columnOf(session.workbook, D, 'Этап');
  const deals = rowsOf(session.workbook, D).length;
  const steps: InterleaveStep[] = [];
  for (let n = 0; n < count; n++) {
    const tag = `${seed}-${n}`;
    const person = pick([IVANOV, PETROVA]);
    const row = 2 + Math.floor(random() * deals);
    const kind = pick([
      'typed',
      'typed',
      'paste',
      'fill',
      'newClient',
      'updateClient',
      'move',
      'contact',
      'director',
      'flush',
      'custom',
    ] as const);
    switch (kind) {
      case 'typed':
        steps.push({ user: person, edit: { sheet: D, row, column: stageCol, values: [[pick(STAGES)]] } });
        break;
      case 'paste': {
        const rows = Math.min(3, deals - row + 2);
        steps.push({
          user: person,
          edit: { sheet: D, row, column: stageCol, values: Array.from({ length: rows }, () => [pick(STAGES)]) },
        });
        break;
      }
      case 'fill': {
        const stage = pick(STAGES);
        const rows = Math.min(4, deals - row + 2);
        steps.push({ user: person, edit: { sheet: D, row, column: stageCol, values: Array(rows).fill([stage]) } });
        break;
      }
      case 'newClient': {
        const name = `Клиент ${tag}`;
        const phone = `+7912${String(seed % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
        expect.clients.push(name);
        expect.logged.push({ action: 'Новый клиент', after: name });
        steps.push({
          user: person,
          fn: 'createClient',
          args: [{ Клиент: name, Тип: 'Физлицо', Источник: 'Сайт', Телефон: phone }, true, `new-${tag}`],
        });
        break;
      }
      case 'updateClient': {
        const city = `Город ${tag}`;
        expect.logged.push({ action: 'Изменение поля', after: city });
        const client = person === IVANOV ? 'К-00001' : 'К-00002';
        steps.push({ user: person, fn: 'updateClient', args: [client, { Город: city }, `upd-${tag}`] });
        break;
      }
      case 'move': {
        const id = `С-${String(row - 1).padStart(5, '0')}`;
        steps.push({ user: person, fn: 'moveDeal', args: [id, pick(STAGES), {}, `move-${tag}`] });
        break;
      }
      case 'contact': {
        const client = person === IVANOV ? 'К-00001' : 'К-00002';
        steps.push({
          user: person,
          fn: 'logContact',
          args: [{ clientId: client, type: 'Звонок', result: `Звонок ${tag}` }, `contact-${tag}`],
        });
        break;
      }
      case 'director':
        steps.push({ user: DIRECTOR, edit: { sheet: D, row, column: stageCol, values: [[pick(STAGES)]] } });
        break;
      case 'flush':
        steps.push({ user: DIRECTOR, fn: 'flushPendingWrites' });
        break;
      case 'custom':
        steps.push({ user: person, fn: 'WORKING_DAYS', args: ['2026-03'] });
        break;
    }
  }
  return steps;
}

/** The invariants after an interleaving (and a final flush of the queue); throws naming the seed. */
function check(session: LocalRuntimeSession, seed: number, expect: Expect, outcomes: Array<{ error?: string }>): void {
  const fail = (what: string) => {
    throw new Error(`seed ${seed}: ${what}`);
  };
  for (const o of outcomes) if (o.error && LIMIT_ERROR.test(o.error)) fail(`a limit error shown: ${o.error}`);
  for (const line of session.logs()) if (LIMIT_ERROR.test(line)) fail(`a limit error in a trigger: ${line}`);
  for (const [k, v] of Object.entries(session.workbook.documentProperties)) {
    if (Buffer.byteLength(k + v, 'utf8') > 9 * 1024) fail(`property ${k} over 9 KB`);
  }
  const clients = rowsOf(session.workbook, SHEETS.clients);
  const names = clients.map((r) => String(r['Клиент']));
  for (const name of expect.clients) {
    const n = names.filter((x) => x === name).length;
    if (n !== 1) fail(`client «${name}» on «Клиенты» ${n} times`);
  }
  const clientIds = clients.map((r) => String(r['ID клиента']));
  if (new Set(clientIds).size !== clientIds.length) fail(`duplicate client IDs ${clientIds.join(',')}`);
  const deals = rowsOf(session.workbook, D);
  const dealIds = deals.map((r) => String(r['ID сделки']));
  if (new Set(dealIds).size !== dealIds.length) fail(`duplicate deal IDs ${dealIds.join(',')}`);
  const log = rowsOf(session.workbook, SHEETS.log);
  for (const { action, after } of expect.logged) {
    const n = log.filter((r) => r['Действие'] === action && String(r['Стало']) === after).length;
    if (n !== 1) fail(`«${action}» → «${after}» in «Журнал» ${n} times`);
  }
  const memory = new Map(
    rowsOf(session.workbook, MEMORY)
      .filter((r) => r['Поле'] === 'Этап')
      .map((r) => [String(r['ID']), String(r['Значение'])]),
  );
  for (const deal of deals) {
    const stage = String(deal['Этап'] ?? '');
    if (!isStage(stage)) fail(`${deal['ID сделки']} stands at «${stage}»`);
    if (memory.get(String(deal['ID сделки'])) !== stage)
      fail(`${deal['ID сделки']} at «${stage}», the memory says «${memory.get(String(deal['ID сделки']))}»`);
  }
}

/** The seeds of one part (1-based) of the TRIALS: a quarter each, or the one seed asked for (in part 1). */
export function seedsOfPart(part: number): number[] {
  if (ONLY !== undefined) return part === 1 ? [ONLY] : [];
  const from = Math.floor(((part - 1) * TRIALS) / PARTS) + 1;
  const to = Math.floor((part * TRIALS) / PARTS);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Runs the interleavings of `seeds`; returns how many executions they started (throws naming a failing seed). */
export function runInterleavings(seeds: number[]): number {
  let session: LocalRuntimeSession | null = null;
  let executions = 0;
  seeds.forEach((seed, i) => {
    if (session === null || i % TRIALS_PER_SESSION === 0) session = crmSession(workbook(), IVANOV);
    const s: LocalRuntimeSession = session;
    const expect_: Expect = { logged: [], clients: [] };
    const steps = drawSteps(s, seed, expect_);
    const { outcomes, trace } = s.interleave(steps, { seed, switchChance: 0.1 });
    executions += trace.filter((t) => t.endsWith('starts')).length;
    // a save that failed (the document busy too long) is not done: the person tries it again, same request ID
    outcomes.forEach((o, k) => {
      const step = steps[k];
      if (!o.error || !('fn' in step)) return;
      try {
        s.runAs(step.user, step.fn, step.args ?? []);
      } catch {
        // refused for good (not the person's deal…): nothing of it may be in «Журнал»
        const marker = JSON.stringify(step.args ?? []);
        expect_.logged = expect_.logged.filter((l) => !marker.includes(l.after));
        expect_.clients = expect_.clients.filter((c) => !marker.includes(c));
      }
    });
    // what the director's executions have not written out yet, the hourly trigger does
    s.runAs(DIRECTOR, 'flushPendingWrites');
    check(s, seed, expect_, outcomes);
  });
  return executions;
}

/** The jest test of one part. */
export function describePart(part: number): void {
  const seeds = seedsOfPart(part);
  const what =
    seeds.length === 1 ? `seed ${seeds[0]}` : `${seeds.length} interleavings (seeds ${seeds[0]}–${seeds.at(-1)})`;
  describe(`the team at once, part ${part} of ${PARTS}`, () => {
    (seeds.length > 0 ? it : it.skip)(
      `keeps every row, every «Журнал» entry once, unique IDs and reachable stages over ${what}`,
      () => {
        const executions = runInterleavings(seeds);
        expect(executions).toBeGreaterThanOrEqual(seeds.length * 2);
      },
    );
  });
}

/**
 * The local page runs each person's action as its own execution, at the same
 * time as the others, as Google does: requests from two browser windows (two
 * people) overlap inside one another's service calls, and a question
 * (ui.prompt) keeps its execution waiting while other people work, without
 * undoing what they do.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunResponse, EditResponse } from '../../local/server/api-types';
import { startServer, type RunningServer } from '../../local/server/server';
import { SHEETS } from '../../src/domain/workbook/schema';
import {
  DIRECTOR,
  IVANOV,
  PETROVA,
  cell,
  columnOf,
  crmSession,
  crmWorkbook,
  fullDeal,
  rowsOf,
} from '../crm/crm-workbook';
import type { LocalRuntimeSession } from '../../local/runtime';

jest.setTimeout(120_000);

const D = SHEETS.deals;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'page-executions-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function serve(session: LocalRuntimeSession, seed: number): Promise<RunningServer> {
  return startServer({
    session,
    port: 0,
    webDir: path.join(dir, 'web'),
    save: () => undefined,
    log: () => undefined,
    seed,
    // every call may hand over to another execution, so two requests that arrive together overlap
    yieldEvery: 1,
    switchChance: 0.5,
  });
}

async function post<T>(server: RunningServer, url: string, body: unknown): Promise<T> {
  const response = await fetch(server.url + url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** Whose execution made each live call of the trace, in order. */
function callers(trace: string[], people: string[]): string[] {
  return trace
    .filter((t) => !t.endsWith(' starts') && !/ ends/.test(t))
    .map((t) => people.find((p) => t.includes(p)) ?? '?');
}

/** Whether `a` made calls both before and after a call of `b` (they overlapped). */
function overlapped(order: string[], a: string, b: string): boolean {
  const firstB = order.indexOf(b);
  return firstB > order.indexOf(a) && order.indexOf(a) >= 0 && order.lastIndexOf(a) > firstB;
}

describe('the local page runs two people at the same time', () => {
  it('two specialists’ sidebar calls overlap inside one another’s service calls, and both moves are kept', async () => {
    const session = crmSession(
      crmWorkbook({
        deals: [fullDeal('С-00001', 'Новый'), fullDeal('С-00002', 'Новый', { Ответственный: PETROVA })],
      }),
      IVANOV,
    );
    const server = await serve(session, 7);
    try {
      const [ivanov, petrova] = await Promise.all([
        post<RunResponse>(server, '/api/run', {
          fn: 'moveDeal',
          args: ['С-00001', 'Потребность выявлена', {}, 'page-1'],
          user: IVANOV,
        }),
        post<RunResponse>(server, '/api/run', {
          fn: 'moveDeal',
          args: ['С-00002', 'Потребность выявлена', {}, 'page-2'],
          user: PETROVA,
        }),
      ]);
      expect(ivanov).toMatchObject({ ok: true, result: { ok: true } });
      expect(petrova).toMatchObject({ ok: true, result: { ok: true } });
      const order = callers(server.executions.trace(), [IVANOV, PETROVA]);
      expect(overlapped(order, IVANOV, PETROVA) || overlapped(order, PETROVA, IVANOV)).toBe(true);
      expect(cell(session.workbook, D, 2, 'Этап')).toBe('Потребность выявлена');
      expect(cell(session.workbook, D, 3, 'Этап')).toBe('Потребность выявлена');
    } finally {
      await server.close();
    }
  });

  it('two specialists’ refused stage edits from two windows overlap, and both rejections are in «Журнал»', async () => {
    const session = crmSession(
      crmWorkbook({
        deals: [fullDeal('С-00001', 'Новый'), fullDeal('С-00002', 'Новый', { Ответственный: PETROVA })],
      }),
      IVANOV,
    );
    const stage = columnOf(session.workbook, D, 'Этап');
    const logBefore = rowsOf(session.workbook, SHEETS.log).length;
    const server = await serve(session, 3);
    try {
      const [ivanov, petrova] = await Promise.all([
        post<EditResponse>(server, '/api/edit', {
          sheet: D,
          row: 2,
          column: stage,
          values: [['Переговоры']],
          user: IVANOV,
        }),
        post<EditResponse>(server, '/api/edit', {
          sheet: D,
          row: 3,
          column: stage,
          values: [['Переговоры']],
          user: PETROVA,
        }),
      ]);
      // each window is told why its edit was put back
      expect(ivanov.uiEvents.some((e) => e.type === 'toast')).toBe(true);
      expect(petrova.uiEvents.some((e) => e.type === 'toast')).toBe(true);
      const order = callers(server.executions.trace(), [IVANOV, PETROVA]);
      expect(overlapped(order, IVANOV, PETROVA) || overlapped(order, PETROVA, IVANOV)).toBe(true);
      expect(cell(session.workbook, D, 2, 'Этап')).toBe('Новый');
      expect(cell(session.workbook, D, 3, 'Этап')).toBe('Новый');
      const rejections = rowsOf(session.workbook, SHEETS.log)
        .slice(logBefore)
        .filter((r) => r['Действие'] === 'Отклонена смена этапа')
        .map((r) => r.ID)
        .sort();
      expect(rejections).toEqual(['С-00001', 'С-00002']);
    } finally {
      await server.close();
    }
  });

  it('a prompt keeps its execution waiting while another person works; answering it undoes nothing of theirs', async () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    const server = await serve(session, 11);
    try {
      const asked = await post<RunResponse>(server, '/api/run', { fn: 'menuComputePayroll', user: DIRECTOR });
      expect(asked.question).toMatchObject({ type: 'prompt', title: 'Рассчитать за месяц' });
      expect(asked.execution).toEqual(expect.any(Number));
      // the director's execution is still under way while the specialist's runs and ends
      expect(server.executions.running()).toBe(1);
      const moved = await post<RunResponse>(server, '/api/run', {
        fn: 'moveDeal',
        args: ['С-00001', 'Потребность выявлена', {}, 'page-3'],
        user: IVANOV,
      });
      expect(moved).toMatchObject({ ok: true, result: { ok: true } });
      expect(server.executions.running()).toBe(1);
      const done = await post<RunResponse>(server, '/api/answer', {
        execution: asked.execution,
        answer: { button: 'CANCEL', text: '' },
      });
      expect(done).toMatchObject({ ok: true });
      expect(server.executions.running()).toBe(0);
      expect(cell(session.workbook, D, 2, 'Этап')).toBe('Потребность выявлена');
      // an answer to a question nobody waits on is refused
      const stale = await post<{ ok: boolean; error?: string }>(server, '/api/answer', {
        execution: asked.execution,
        answer: { button: 'OK', text: '02.2026' },
      });
      expect(stale).toMatchObject({ ok: false, error: 'Это окно уже закрыто' });
    } finally {
      await server.close();
    }
  });
});

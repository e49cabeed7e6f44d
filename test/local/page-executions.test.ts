/**
 * The local page runs each person's action as its own execution, at the same
 * time as the others, as Google does: requests from two browser windows (two
 * people) overlap inside one another's service calls, and a question
 * (ui.prompt) keeps its execution waiting while other people work, without
 * undoing what they do.
 */
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
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

/** A POST on its own connection (a kept-alive one may be closed by the server while a test runs a long trigger). */
function post<T>(server: RunningServer, url: string, body: unknown): Promise<T> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      server.url + url,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': data.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(data);
  });
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

describe('the local page fires time-driven triggers on their schedule', () => {
  const journal = (session: LocalRuntimeSession) =>
    rowsOf(session.workbook, SHEETS.log)
      .filter((r) => r['Пользователь'] === IVANOV && r['Действие'] === 'Изменение поля')
      .map((r) => r['Стало']);

  it('runs the hourly drain as its owner once its hour has come, and a disabled trigger not at all', async () => {
    const session = crmSession(crmWorkbook({ deals: [fullDeal('С-00001', 'Новый')] }), IVANOV);
    const drain = session.triggers().find((t) => t.kind === 'clock');
    expect(drain).toMatchObject({ handler: 'flushPendingWrites', owner: DIRECTOR, everyHours: 1 });
    const server = await startServer({
      session,
      port: 0,
      webDir: path.join(dir, 'web'),
      save: () => undefined,
      log: () => undefined,
      timeTriggerCheckMs: 0,
    });
    try {
      // a specialist's change waits in the document properties: only the director's executions write «Журнал»
      const saved = await post<RunResponse>(server, '/api/run', {
        fn: 'updateClient',
        args: ['К-00001', { Город: 'Самара' }, 'page-4'],
        user: IVANOV,
      });
      expect(saved).toMatchObject({ ok: true, result: { status: 'saved' } });
      expect(journal(session)).toEqual([]);
      session.advanceClock(59 * 60_000);
      await expect(server.fireDueTimeTriggers()).resolves.toEqual([]);
      expect(journal(session)).toEqual([]);
      session.advanceClock(60_000);
      await expect(server.fireDueTimeTriggers()).resolves.toEqual([{ handler: 'flushPendingWrites' }]);
      expect(journal(session)).toEqual(['Самара']);
      // its next turn is an hour after this one
      await expect(server.fireDueTimeTriggers()).resolves.toEqual([]);

      session.disableTrigger(drain!.id, 'доступ отозван');
      await post<RunResponse>(server, '/api/run', {
        fn: 'updateClient',
        args: ['К-00001', { Город: 'Тверь' }, 'page-5'],
        user: IVANOV,
      });
      session.advanceClock(2 * 60 * 60_000);
      await expect(server.fireDueTimeTriggers()).resolves.toEqual([]);
      expect(journal(session)).toEqual(['Самара']);
      expect(session.logs()).toContain('flushPendingWrites: не запущен (доступ отозван)');
    } finally {
      await server.close();
    }
  });
});

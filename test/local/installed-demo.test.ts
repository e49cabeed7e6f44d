/**
 * The demo workbook is what the add-on makes of the client base when its
 * director installs it: set up, last month closed, the dashboard drawn; and
 * reopened from its file, the director's edit trigger still enforces the funnel.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_TODAY, demoClock, installedDemoWorkbook } from '../../local/demo/installed';
import { createSession } from '../../local/runtime';
import type { WorkbookModel } from '../../local/runtime/model';
import { zonedParts } from '../../local/store/moscow-time';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { sessionClock } from '../../local/workbook-file';
import { SHEETS } from '../../src/domain/workbook/schema';
import { CLOSED_MONTHS_SHEET } from '../../src/server/payroll/closed-months';
import { rowsOf } from '../crm/crm-workbook';

const ROOT = path.resolve(__dirname, '..', '..');
let demo: WorkbookModel;
let dir: string;

beforeAll(() => {
  demo = installedDemoWorkbook({ seed: 7 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installed-demo-'));
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sheet = (wb: WorkbookModel, name: string) => wb.sheets.find((s) => s.name === name);

describe('the installed demo workbook', () => {
  it('was set up by the director: protected tabs, the edit trigger, the memory of every deal’s stage', () => {
    expect(demo.demoToday).toBe(DEMO_TODAY);
    expect(demo.triggers).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'onEdit', owner: demo.owner })]),
    );
    expect(demo.triggers!.filter((t) => t.kind === 'onEdit')).toHaveLength(1);
    for (const name of [SHEETS.settings, SHEETS.log]) expect(sheet(demo, name)!.protections.length).toBeGreaterThan(0);
    const memory = demo.sheets.find((s) => s.hidden && s.name.startsWith('_'))!;
    expect(memory).toBeDefined();
    const remembered = new Set(memory.rows.flatMap((r) => (r ?? []).map((c) => String(c?.value ?? ''))));
    for (const deal of rowsOf(demo, SHEETS.deals)) expect(remembered).toContain(String(deal['ID сделки']));
  });

  it('has last month computed and closed through the menu, and the dashboard as of its today', () => {
    const closed = sheet(demo, 'Зарплата 01.2026')!;
    expect(closed.protections.length).toBeGreaterThan(0);
    expect(closed.rows.some((r) => r?.some((c) => c?.formula))).toBe(false);
    const specialists = rowsOf(demo, SHEETS.staff).filter((e) => e['Должность'] !== 'Директор' && e['Категория']);
    const entries = rowsOf(demo, CLOSED_MONTHS_SHEET).filter((r) => r['Месяц'] === '2026-01');
    expect(entries.map((e) => String(e['Таб. №'])).sort()).toEqual(specialists.map((e) => String(e['Таб. №'])).sort());
    expect(sheet(demo, 'Зарплата 02.2026')).toBeUndefined();
    const log = rowsOf(demo, SHEETS.log);
    expect(log.map((r) => [r['Действие'], r['Пользователь'], r['ID']])).toEqual(
      expect.arrayContaining([
        ['Расчёт зарплаты', demo.owner, '2026-01'],
        ['Закрытие месяца', demo.owner, '2026-01'],
      ]),
    );
    const dashboard = sheet(demo, SHEETS.dashboard)!;
    expect(dashboard.charts.length).toBeGreaterThan(0);
    expect(String(dashboard.rows[0]![0]!.value)).toContain('26.02.2026');
  });

  it('keeps enforcing the funnel after the file is reopened, on the demo’s own clock', async () => {
    const file = path.join(dir, 'demo.xlsx');
    await saveWorkbook(demo, file);
    const workbook = await loadWorkbook(file);
    const clock = sessionClock(workbook)!;
    const p = zonedParts(clock());
    expect([p.year, p.month, p.day]).toEqual([2026, 2, 26]);
    // 10:00 in Moscow is 07:00 UTC
    expect(clock().getUTCHours()).toBe(7);
    const session = createSession({
      workbook,
      codePath: path.join(ROOT, 'dist', 'Code.js'),
      user: 'ivanova@proekt-a.ru',
      now: clock,
    });
    session.open();
    const deals = sheet(workbook, SHEETS.deals)!;
    const header = deals.rows[0]!.map((c) => c?.value);
    const stageCol = header.indexOf('Этап');
    const row = deals.rows.findIndex(
      (r) => r?.[stageCol]?.value === 'Новый' && r?.[header.indexOf('Ответственный')]?.value === 'ivanova@proekt-a.ru',
    );
    expect(row).toBeGreaterThan(0);
    const id = deals.rows[row]![0]!.value;
    session.edit({ sheet: SHEETS.deals, row: row + 1, column: stageCol + 1, values: [['Договор заключён']] });
    expect(deals.rows[row]![stageCol]!.value).toBe('Новый');
    expect(deals.rows[row]![stageCol]!.note).toContain('Договор заключён');
    const log = rowsOf(session.workbook, SHEETS.log);
    const attempt = log.find((r) => r['ID'] === id);
    expect(Object.values(attempt ?? {}).some((v) => String(v ?? '').includes('Договор заключён'))).toBe(true);
  }, 300_000);

  it('runs on from where the demo’s clock stopped, never back to the morning', () => {
    const later = new Date(demoClock(DEMO_TODAY)().getTime() + 3 * 3_600_000);
    const reopened = { ...demo, demoClockAt: later.toISOString() };
    expect(sessionClock(reopened)!().getTime()).toBeGreaterThanOrEqual(later.getTime());
    expect(sessionClock(demo)!().getTime()).toBeLessThan(later.getTime());
  });

  it('runs by the real clock when the workbook is not a demo, and by --now when given', () => {
    const plain = { ...demo, demoToday: undefined };
    expect(sessionClock(plain)).toBeUndefined();
    const fixed = new Date('2026-03-18T07:00:00Z');
    expect(sessionClock(demo, fixed)!().getTime()).toBe(fixed.getTime());
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findMenuItem, parseCliArgs } from '../../local/cli';
import { generateDemoWorkbook } from '../../local/demo/generate';
import { zonedDate } from '../../local/store/moscow-time';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'local', 'cli.ts');
let dir: string;
let template: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'Code.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  template = path.join(dir, 'template.xlsx');
  await saveWorkbook(generateDemoWorkbook({ seed: 11, today: zonedDate(2026, 3, 18) }), template);
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the demo workbook for one test. */
function copy(name: string): string {
  const file = path.join(dir, name);
  fs.copyFileSync(template, file);
  return file;
}

function cli(...args: string[]) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command line arguments', () => {
  it('reads options, repeated answers, a selection and JSON arguments', () => {
    const o = parseCliArgs([
      '--workbook',
      'a.xlsx',
      '--user',
      'ivanova@proekt-a.ru',
      '--answer',
      'OK',
      '--answer',
      'cancel:Причина: нет бюджета',
      '--select',
      "'Сделки'!E12:F14",
      'run',
      'moveDeal',
      'С-00001',
      '"Переговоры"',
      '{"Дата переговоров":"18.03.2026"}',
    ]);
    expect(o.workbook).toBe('a.xlsx');
    expect(o.user).toBe('ivanova@proekt-a.ru');
    expect(o.answers).toEqual([{ button: 'OK' }, { button: 'CANCEL', text: 'Причина: нет бюджета' }]);
    expect(o.select).toEqual({ sheet: 'Сделки', row: 12, column: 5, numRows: 3, numColumns: 2 });
    expect(o.command).toEqual({
      kind: 'run',
      fn: 'moveDeal',
      args: ['С-00001', 'Переговоры', { 'Дата переговоров': '18.03.2026' }],
    });
  });

  it('reads options after the command too, and takes everything after a bare «--» as arguments', () => {
    const menu = parseCliArgs(['menu', 'Рассчитать', 'за', 'месяц…', '--answer', 'OK:10.2026', '--answer', 'OK']);
    expect(menu.command).toEqual({ kind: 'menu', caption: 'Рассчитать за месяц…' });
    expect(menu.answers).toEqual([{ button: 'OK', text: '10.2026' }, { button: 'OK' }]);
    const run = parseCliArgs(['run', 'logContact', '--user', 'a@b.ru', '--', '--не-параметр']);
    expect(run.user).toBe('a@b.ru');
    expect(run.command).toEqual({ kind: 'run', fn: 'logContact', args: ['--не-параметр'] });
    expect(() => parseCliArgs(['open', 'x'])).toThrow('Непонятная команда «open»');
  });

  it('rejects an unknown button and an option without a command', () => {
    expect(() => parseCliArgs(['--answer', 'MAYBE', 'run', 'x'])).toThrow('кнопка должна быть одной из');
    expect(() => parseCliArgs(['--workbook', 'a.xlsx'])).toThrow('Не указана команда');
  });

  it('finds a menu item by caption, or by «Menu > Item» when two menus share it', () => {
    const menus = [
      { title: 'CRM', items: [{ caption: 'Проверить таблицу', fn: 'menuCheck' }, { separator: true as const }] },
      { title: 'Зарплата', items: [{ caption: 'Проверить  таблицу', fn: 'payrollCheck' }] },
    ];
    expect(() => findMenuItem(menus, 'Проверить таблицу')).toThrow('Укажите «Меню > Пункт»');
    expect(findMenuItem(menus, 'Зарплата > проверить таблицу')).toBe('payrollCheck');
    expect(() => findMenuItem(menus, 'Удалить всё')).toThrow('Есть: CRM > Проверить таблицу');
  });
});

describe('npm run cli on a workbook copy', () => {
  it('runs a server function as a user, prints its result as JSON and saves the change to the file', async () => {
    const file = copy('create-deal.xlsx');
    const before = await loadWorkbook(file);
    const dealsBefore = before.sheets.find((s) => s.name === 'Сделки')!.rows.length;

    const r = cli('--workbook', file, '--user', 'ivanova@proekt-a.ru', '--json', 'run', 'createDeal', 'К-00001');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { result: { dealId: string }; error: null };
    expect(out.error).toBeNull();
    expect(out.result.dealId).toMatch(/^С-\d{5}$/);

    const after = await loadWorkbook(file);
    const deals = after.sheets.find((s) => s.name === 'Сделки')!;
    expect(deals.rows.length).toBe(dealsBefore + 1);
    const row = deals.rows[deals.rows.length - 1]!;
    expect(row[0]!.value).toBe(out.result.dealId);
    expect(row.some((c) => c?.value === 'ivanova@proekt-a.ru')).toBe(true);
  }, 180_000);

  it('runs a menu item found by its caption after onOpen and prints what the user would see', () => {
    const file = copy('menu.xlsx');
    const r = cli('--workbook', file, '--user', 'saraev@proekt-a.ru', 'menu', 'Проверить таблицу');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(Диалог|Окно|Уведомление|Боковая панель)/m);
  }, 180_000);

  it('exits 1 with the error message when the function throws', () => {
    const file = copy('error.xlsx');
    const r = cli('--workbook', file, 'run', 'PLAN_BONUS', '150000', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Не задан план продаж');
  }, 180_000);

  it('exits 2 naming the menu items when the caption is unknown', () => {
    const file = copy('unknown-menu.xlsx');
    const r = cli('--workbook', file, 'menu', 'Нет такого пункта');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Нет пункта меню «Нет такого пункта»');
    expect(r.stderr).toContain('Проверить таблицу');
  }, 180_000);

  it('creates the demo workbook with --new-demo when the file is missing, and refuses without it', async () => {
    const file = path.join(dir, 'fresh', 'demo.xlsx');
    const refused = cli('--workbook', file, 'run', 'PLAN_BONUS', '150000', '100000');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--new-demo');
    expect(fs.existsSync(file)).toBe(false);

    const r = cli('--workbook', file, '--new-demo', '--now', '2026-03-18', 'run', 'PLAN_BONUS', '150000', '100000');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Результат: 7500');
    const model = await loadWorkbook(file);
    expect(model.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Клиенты', 'Сделки', 'Планы', 'Табель']));
  }, 180_000);
});

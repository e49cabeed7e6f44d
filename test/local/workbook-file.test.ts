import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDemoWorkbook } from '../../local/demo/generate';
import { installedDemoWorkbook } from '../../local/demo/installed';
import type { WorkbookModel } from '../../local/runtime/model';
import { zonedDate } from '../../local/store/moscow-time';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { openOrCreateDemo } from '../../local/workbook-file';

const TODAY = zonedDate(2026, 3, 18);

/** Every tab's cell values, rows trimmed of trailing empty cells. */
function valuesOf(model: WorkbookModel): Record<string, unknown[][]> {
  return Object.fromEntries(
    model.sheets.map((s) => {
      const rows = Array.from(s.rows, (r) => {
        const values = Array.from(r ?? [], (c) => c?.value ?? null);
        while (values.length && values[values.length - 1] === null) values.pop();
        return values;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      return [s.name, rows];
    }),
  );
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-file-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openOrCreateDemo', () => {
  it('creates the folder and the installed demo workbook when the file is missing, and the saved file loads equal', async () => {
    const file = path.join(dir, 'nested', 'demo.xlsx');
    const model = await openOrCreateDemo(file, { seed: 3, today: '2026-03-18' });
    expect(fs.existsSync(file)).toBe(true);
    // the demo as installedDemoWorkbook builds it (trigger IDs come from the machine's clock, so values are compared)
    expect(valuesOf(model)).toEqual(valuesOf(installedDemoWorkbook({ seed: 3, today: '2026-03-18' })));
    // what the file holds: the same tabs with the same values, and the director's trigger
    const loaded = await loadWorkbook(file);
    expect(valuesOf(loaded)).toEqual(valuesOf(model));
    expect(loaded.triggers).toEqual(model.triggers);
    expect(loaded.demoToday).toBe('2026-03-18');
  }, 600_000);

  it('opens an existing file as it is instead of generating a new demo', async () => {
    const file = path.join(dir, 'existing.xlsx');
    const model = generateDemoWorkbook({ seed: 4, today: TODAY });
    model.sheets[0].rows[1]![1] = { value: 'ООО «Изменено вручную»' };
    await saveWorkbook(model, file);
    const opened = await openOrCreateDemo(file, { seed: 5, today: '2026-03-18' });
    expect(opened.sheets[0].rows[1]![1]!.value).toBe('ООО «Изменено вручную»');
    expect(opened).toEqual(model);
  }, 60_000);
});

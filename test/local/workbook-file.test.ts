import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDemoWorkbook } from '../../local/demo/generate';
import { zonedDate } from '../../local/store/moscow-time';
import { loadWorkbook, saveWorkbook } from '../../local/store/xlsx';
import { openOrCreateDemo } from '../../local/workbook-file';

const TODAY = zonedDate(2026, 3, 18);
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-file-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openOrCreateDemo', () => {
  it('creates the folder and the demo workbook when the file is missing, and the saved file loads equal', async () => {
    const file = path.join(dir, 'nested', 'demo.xlsx');
    const model = await openOrCreateDemo(file, { seed: 3, today: TODAY });
    expect(fs.existsSync(file)).toBe(true);
    expect(model).toEqual(generateDemoWorkbook({ seed: 3, today: TODAY }));
    expect(await loadWorkbook(file)).toEqual(model);
  }, 60_000);

  it('opens an existing file as it is instead of generating a new demo', async () => {
    const file = path.join(dir, 'existing.xlsx');
    const model = generateDemoWorkbook({ seed: 4, today: TODAY });
    model.sheets[0].rows[1]![1] = { value: 'ООО «Изменено вручную»' };
    await saveWorkbook(model, file);
    const opened = await openOrCreateDemo(file, { seed: 5, today: TODAY });
    expect(opened.sheets[0].rows[1]![1]!.value).toBe('ООО «Изменено вручную»');
    expect(opened).toEqual(model);
  }, 60_000);
});

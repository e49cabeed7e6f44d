/**
 * The workbook file that `npm start` and the command line work on: an
 * existing .xlsx, or the demo workbook generated and saved on first use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDemoWorkbook, type DemoOptions } from './demo/generate';
import type { WorkbookModel } from './runtime/model';
import { loadWorkbook, saveWorkbook } from './store/xlsx';

/** demo/demo.xlsx under the project root (the folder is git-ignored through *.xlsx). */
export const DEFAULT_WORKBOOK_PATH = path.resolve(__dirname, '..', 'demo', 'demo.xlsx');

/**
 * Loads the workbook at `file`; when there is no such file, generates the demo
 * workbook, saves it there (creating the folder) and returns it.
 */
export async function openOrCreateDemo(file: string, demo: DemoOptions = {}): Promise<WorkbookModel> {
  if (fs.existsSync(file)) return loadWorkbook(file);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const model = generateDemoWorkbook(demo);
  await saveWorkbook(model, file);
  return model;
}

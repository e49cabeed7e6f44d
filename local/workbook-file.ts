/**
 * The workbook file that `npm start` and the command line work on: an
 * existing .xlsx, or the demo workbook generated and saved on first use; and
 * the clock a session on it runs by (a demo's own «today», else the real one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoClock, installedDemoWorkbook, type InstalledDemoOptions } from './demo/installed';
import type { WorkbookModel } from './runtime/model';
import { loadWorkbook, saveWorkbook } from './store/xlsx';

/** demo/demo.xlsx under the project root (the folder is git-ignored through *.xlsx). */
export const DEFAULT_WORKBOOK_PATH = path.resolve(__dirname, '..', 'demo', 'demo.xlsx');

/**
 * Loads the workbook at `file`; when there is no such file, builds the demo
 * workbook (set up and used by its director, see demo/installed.ts), saves it
 * there (creating the folder) and returns it.
 */
export async function openOrCreateDemo(file: string, demo: InstalledDemoOptions = {}): Promise<WorkbookModel> {
  if (fs.existsSync(file)) return loadWorkbook(file);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const model = installedDemoWorkbook(demo);
  await saveWorkbook(model, file);
  return model;
}

/**
 * The clock of a session on `workbook`: `fixed` when given (the command line's
 * --now), the demo's own «today» running on from 10:00 for a demo workbook,
 * else undefined (the real clock).
 */
export function sessionClock(workbook: WorkbookModel, fixed?: Date): (() => Date) | undefined {
  if (fixed) return () => new Date(fixed.getTime());
  if (!workbook.demoToday) return undefined;
  const clock = demoClock(workbook.demoToday, workbook.demoClockAt);
  return () => {
    const now = clock();
    // saved with the workbook: the next session's clock starts from here
    workbook.demoClockAt = now.toISOString();
    return now;
  };
}

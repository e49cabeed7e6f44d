/**
 * What a local session keeps beside its workbook file, so that `npm start`
 * and the command line find it again after they stop: the other spreadsheets
 * the script created (the director's separate payroll spreadsheet), each as
 * `<ID>.xlsx` next to the workbook, and the files it saved to Drive (PDFs),
 * in `exports/` next to the workbook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCAL_BOOK_ID_PREFIX, type FileCreatedHook, type FileRemovedHook } from './runtime';
import type { WorkbookModel } from './runtime/model';
import { loadWorkbook, saveWorkbook } from './store/xlsx';

/** The file of another spreadsheet of the session: `<ID>.xlsx` next to the main workbook. */
export function otherWorkbookPath(mainWorkbookPath: string, id: string): string {
  return path.join(path.dirname(path.resolve(mainWorkbookPath)), `${id}.xlsx`);
}

/** The spreadsheets created by earlier sessions next to the main workbook (any of them may be opened by ID). */
export async function loadOtherWorkbooks(mainWorkbookPath: string): Promise<WorkbookModel[]> {
  const dir = path.dirname(path.resolve(mainWorkbookPath));
  if (!fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(LOCAL_BOOK_ID_PREFIX) && name.endsWith('.xlsx'))
    .sort();
  const out: WorkbookModel[] = [];
  for (const name of names) out.push(await loadWorkbook(path.join(dir, name)));
  return out;
}

/** Saves each other spreadsheet of the session next to the main workbook. */
export async function saveOtherWorkbooks(mainWorkbookPath: string, workbooks: readonly WorkbookModel[]): Promise<void> {
  for (const workbook of workbooks) await saveWorkbook(workbook, otherWorkbookPath(mainWorkbookPath, workbook.id));
}

/** `exports/` next to the main workbook: where the files the script saved to Drive are kept. */
export function exportsDir(mainWorkbookPath: string): string {
  return path.join(path.dirname(path.resolve(mainWorkbookPath)), 'exports');
}

/** A file name any file system accepts: no path separators or reserved characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/**
 * Writes each file the script creates on Drive to `exports/<name>` next to the
 * main workbook; printing the same tab again replaces its PDF. Calls
 * `onSaved` with the path written.
 */
export function keepFilesOnDisk(mainWorkbookPath: string, onSaved?: (file: string) => void): FileCreatedHook {
  return (created) => {
    const dir = exportsDir(mainWorkbookPath);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, safeFileName(created.name));
    fs.writeFileSync(file, created.bytes);
    onSaved?.(file);
  };
}

/** Deletes the copy on disk of a file the script deleted from Drive; calls `onRemoved` with its path. */
export function dropFilesFromDisk(mainWorkbookPath: string, onRemoved?: (file: string) => void): FileRemovedHook {
  return (removed) => {
    const file = path.join(exportsDir(mainWorkbookPath), safeFileName(removed.name));
    fs.rmSync(file, { force: true });
    onRemoved?.(file);
  };
}

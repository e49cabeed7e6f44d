/**
 * What `npm start` runs, as a function the browser tests run too: the
 * workbook file opened (the demo built on first use), dist/Code.js on the
 * local runtime with the clock the workbook runs by, PDFs and other
 * spreadsheets kept next to the file, and the local page served.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPdfExporter } from './export/pdf-exporter';
import { createDocumentExporter, keepDocumentsOnDisk } from './export/document-files';
import {
  dropFilesFromDisk,
  exportsDir,
  keepFilesOnDisk,
  loadOtherWorkbooks,
  saveOtherWorkbooks,
} from './other-workbooks';
import { createSession, type LocalRuntimeSession } from './runtime';
import { startServer, type RunningServer } from './server/server';
import { saveWorkbook } from './store/xlsx';
import { openOrCreateDemo, sessionClock } from './workbook-file';

const ROOT = path.resolve(__dirname, '..');

export interface LocalAppOptions {
  workbookPath: string;
  /** 0 picks a free port */
  port: number;
  /** where the page is built; build/web by default */
  webDir?: string;
  /** what the app tells the person (the terminal) */
  say?: (line: string) => void;
  /** request errors; stderr by default */
  log?: (line: string) => void;
}

export interface LocalApp {
  server: RunningServer;
  session: LocalRuntimeSession;
  /** where «Печать / PDF» and other files saved to Drive go */
  exportsDir: string;
  /** waits for running executions, saves every spreadsheet and stops the server */
  stop(): Promise<void>;
}

export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const say = options.say ?? ((line: string) => console.log(line));
  const workbookPath = path.resolve(options.workbookPath);
  if (!fs.existsSync(workbookPath)) {
    say(`Создаю демо-таблицу ${workbookPath} (директор настраивает её и закрывает прошлый месяц)…`);
  }
  const workbook = await openOrCreateDemo(workbookPath);
  const clock = sessionClock(workbook);
  const session = createSession({
    workbook,
    codePath: path.join(ROOT, 'dist', 'Code.js'),
    pagesDir: path.join(ROOT, 'dist'),
    user: workbook.owner,
    exporter: createPdfExporter(),
    otherWorkbooks: await loadOtherWorkbooks(workbookPath),
    onFileCreated: keepFilesOnDisk(workbookPath, (file) => say(`Файл сохранён: ${file}`)),
    onFileRemoved: dropFilesFromDisk(workbookPath),
    documentExporter: createDocumentExporter(),
    onDocumentSaved: keepDocumentsOnDisk(workbookPath, (file) => say(`Файл сохранён: ${file}`)),
    ...(clock ? { now: clock } : {}),
  });
  // the server may hand over a copy of the model to save, so no action waits for the file
  const saveAll = async (model = session.workbook): Promise<void> => {
    await saveWorkbook(model, workbookPath);
    await saveOtherWorkbooks(workbookPath, session.otherWorkbooks());
  };
  const server = await startServer({
    session,
    port: options.port,
    save: saveAll,
    ...(options.webDir ? { webDir: options.webDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  say(`Локальная страница: ${server.url}`);
  say(`Таблица: ${workbookPath}`);
  if (workbook.demoToday) {
    const [y, m, d] = workbook.demoToday.split('-');
    say(`Демо-таблица: «сегодня» в ней ${d}.${m}.${y}, что бы ни показывали часы компьютера`);
  }
  say('Все изменения сохраняются в этот файл. Остановить: Ctrl+C');
  say(`PDF из «Печать / PDF»: ${exportsDir(workbookPath)}`);
  return {
    server,
    session,
    exportsDir: exportsDir(workbookPath),
    // a change made only in another spreadsheet leaves the main one unchanged, so save them all once more
    stop: () => server.close().then(() => saveOtherWorkbooks(workbookPath, session.otherWorkbooks())),
  };
}

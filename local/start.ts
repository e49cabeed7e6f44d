/**
 * `npm start`: opens the workbook file (creating the demo workbook when there
 * is none), runs dist/Code.js on the local runtime and serves the local page.
 * The workbook path is the first argument, or $WORKBOOK, or demo/demo.xlsx.
 * Spreadsheets the script creates (the director's separate payroll
 * spreadsheet) are saved next to it as `<ID>.xlsx` and loaded back at start;
 * PDFs it saves to Drive go to `exports/` next to it.
 */
import * as path from 'node:path';
import { createPdfExporter } from './export/pdf-exporter';
import { exportsDir, keepFilesOnDisk, loadOtherWorkbooks, saveOtherWorkbooks } from './other-workbooks';
import { createSession } from './runtime';
import { startServer } from './server/server';
import { saveWorkbook } from './store/xlsx';
import { openOrCreateDemo } from './workbook-file';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const workbookPath = path.resolve(process.argv[2] ?? process.env.WORKBOOK ?? path.join(root, 'demo', 'demo.xlsx'));
  const workbook = await openOrCreateDemo(workbookPath);
  const session = createSession({
    workbook,
    codePath: path.join(root, 'dist', 'Code.js'),
    pagesDir: path.join(root, 'dist'),
    user: workbook.owner,
    exporter: createPdfExporter(),
    otherWorkbooks: await loadOtherWorkbooks(workbookPath),
    onFileCreated: keepFilesOnDisk(workbookPath, (file) => console.log(`Файл сохранён: ${file}`)),
  });
  const saveAll = async (workbook = session.workbook): Promise<void> => {
    await saveWorkbook(workbook, workbookPath);
    await saveOtherWorkbooks(workbookPath, session.otherWorkbooks());
  };
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  const server = await startServer({
    session,
    port,
    save: saveAll,
  });
  console.log(`Откройте ${server.url} в браузере`);
  console.log(`Таблица: ${workbookPath}`);
  console.log('Все изменения сохраняются в этот файл. Остановить: Ctrl+C');
  console.log(`PDF из «Печать / PDF»: ${exportsDir(workbookPath)}`);
  const stop = (): void => {
    // a change made only in another spreadsheet leaves the main one unchanged, so save them all once more
    void server
      .close()
      .then(() => saveOtherWorkbooks(workbookPath, session.otherWorkbooks()))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

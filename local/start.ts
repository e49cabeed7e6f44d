/**
 * `npm start`: opens the workbook file (building the demo workbook when there
 * is none), runs dist/Code.js on the local runtime and serves the local page
 * (see local-app.ts), then opens it in the browser where there is a desktop.
 * The workbook path is the first argument, or $WORKBOOK, or demo/demo.xlsx;
 * the port is $PORT, or 8080.
 */
import * as path from 'node:path';
import { startLocalApp } from './local-app';
import { openInBrowser } from './open-browser';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const workbookPath = path.resolve(process.argv[2] ?? process.env.WORKBOOK ?? path.join(root, 'demo', 'demo.xlsx'));
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT=${process.env.PORT}: нужен номер порта от 1 до 65535, например PORT=8081 npm start`);
  }
  const app = await startLocalApp({ workbookPath, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new Error(`Порт ${port} занят другой программой: запустите на другом, например PORT=8081 npm start`);
  });
  console.log((await openInBrowser(app.server.url)).message);
  const stop = (): void => {
    void app.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

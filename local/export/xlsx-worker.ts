/**
 * A child process that writes one workbook as .xlsx: reads the model
 * (v8-serialised, so its dates stay dates) on stdin, writes the file's bytes
 * to stdout. The runtime's UrlFetchApp is synchronous and ExcelJS writes
 * asynchronously, so the exporter runs this with spawnSync.
 */
import { deserialize } from 'node:v8';
import type { WorkbookModel } from '../runtime/model';
import { workbookToBuffer } from '../store/xlsx';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const model = deserialize(Buffer.concat(chunks)) as WorkbookModel;
  process.stdout.write(await workbookToBuffer(model, { meta: false }));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

/**
 * `npm run deploy [-- --script-id ID]`: builds and pushes dist/ to the Apps
 * Script project named in .clasp.json. The first time, the project's ID is
 * given once with --script-id and kept in .clasp.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const configPath = path.join(root, '.clasp.json');

export function setScriptId(config: { scriptId: string; rootDir: string }, id: string) {
  if (!/^[A-Za-z0-9_-]{20,}$/.test(id)) {
    throw new Error(`«${id}» не похож на идентификатор скрипта (Настройки проекта → Идентификатор скрипта)`);
  }
  return { ...config, scriptId: id };
}

function main(): void {
  let config = JSON.parse(readFileSync(configPath, 'utf8')) as { scriptId: string; rootDir: string };
  const flag = process.argv.indexOf('--script-id');
  if (flag >= 0) {
    config = setScriptId(config, process.argv[flag + 1] ?? '');
    writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
  }
  if (!config.scriptId) {
    console.error(
      'Не указан проект Apps Script. Откройте таблицу → Расширения → Apps Script → Настройки проекта,\n' +
        'скопируйте «Идентификатор скрипта» и выполните: npm run deploy -- --script-id <ИДЕНТИФИКАТОР>',
    );
    process.exit(1);
  }
  execFileSync('npx', ['clasp', 'push', '--force'], { cwd: root, stdio: 'inherit' });
}

if (require.main === module) main();

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

describe('clasp push contents', () => {
  it('would push exactly Code.js, appsscript.json and the built HTML pages from dist/', () => {
    // clasp needs a script ID to report status; a copy of the project with one set stands in for a configured clone.
    const dir = mkdtempSync(path.join(tmpdir(), 'clasp-'));
    const config = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8'));
    expect(config.rootDir).toBe('dist');
    writeFileSync(
      path.join(dir, '.clasp.json'),
      JSON.stringify({ ...config, scriptId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' }),
    );
    cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
    const out = execFileSync(path.join(root, 'node_modules', '.bin', 'clasp'), ['status', '--json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const status = JSON.parse(out) as { filesToPush: string[] };
    const pages = readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.html'));
    expect(status.filesToPush.sort()).toEqual(
      ['dist/Code.js', 'dist/appsscript.json', ...pages.map((p) => `dist/${p}`)].sort(),
    );
  });
});

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));

describe('appsscript.json', () => {
  it('runs on V8 in Moscow time', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
  });

  it('asks for explicit scopes, none of them the whole of Drive or every spreadsheet', () => {
    const scopes: string[] = manifest.oauthScopes;
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(scopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  });

  it('is copied unchanged into dist/', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'dist', 'appsscript.json'), 'utf8'))).toEqual(manifest);
  });
});

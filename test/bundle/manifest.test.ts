import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

/** The scopes the README's table «Какие разрешения и зачем» explains, each with its reason. */
function readmeScopeTable(): Map<string, string> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('### Какие разрешения и зачем')[1]?.split(/\n#{2,3} /)[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*(.*?)\s*\|$/.exec(line.trim());
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

describe('appsscript.json', () => {
  it('runs on V8 in Moscow time', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
  });

  it('asks for explicit scopes, never the whole of Drive', () => {
    const scopes: string[] = manifest.oauthScopes;
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes).not.toContain(`${SCOPE_PREFIX}drive`);
    expect(scopes).not.toContain(`${SCOPE_PREFIX}drive.readonly`);
    // SpreadsheetApp.create / openById (the separate payroll spreadsheet) and the export URL's token need it
    expect(scopes).toContain(`${SCOPE_PREFIX}spreadsheets`);
    expect(scopes).not.toContain(`${SCOPE_PREFIX}spreadsheets.currentonly`);
  });

  it('asks only for scopes that the README explains to the director', () => {
    const table = readmeScopeTable();
    const scopes: string[] = manifest.oauthScopes;
    const short = scopes.map((s) => (s.startsWith(SCOPE_PREFIX) ? s.slice(SCOPE_PREFIX.length) : s));
    for (const scope of short) {
      expect({ scope, explained: (table.get(scope) ?? '').length > 10 }).toEqual({ scope, explained: true });
    }
    // and the table explains nothing the add-on does not ask for
    expect([...table.keys()].sort()).toEqual([...short].sort());
  });

  it('enables the Drive advanced service v3 as «Drive», which saves PDFs with drive.file alone', () => {
    expect(manifest.dependencies?.enabledAdvancedServices).toEqual([
      { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
    ]);
    expect(manifest.oauthScopes).toContain(`${SCOPE_PREFIX}drive.file`);
  });

  it('is copied unchanged into dist/', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'dist', 'appsscript.json'), 'utf8'))).toEqual(manifest);
  });
});

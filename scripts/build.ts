/**
 * Builds what clasp pushes, into dist/:
 *  - Code.js: the esbuild bundle of src/index.ts as one IIFE held in the private
 *    global `AddonBundle_`, preceded by a top-level `function` for every function
 *    exported from src/entry/, with its JSDoc and parameter names, delegating to the
 *    bundle. Apps Script needs such declarations for triggers, menu items,
 *    google.script.run and custom functions (the JSDoc gives the autocomplete help).
 *  - appsscript.json, copied.
 *  - one self-contained HTML file per sidebar/dialog page (JS and CSS inlined).
 * It also writes build/entry-points.json, the list of those globals, for the
 * local runtime and the tests.
 */
import * as esbuild from 'esbuild';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const buildDir = path.join(root, 'build');
const BUNDLE_GLOBAL = 'AddonBundle_';

export interface EntryPoint {
  name: string;
  params: string[];
  jsdoc: string;
  customFunction: boolean;
  file: string;
}

export async function readEntryPoints(entryDir = path.join(root, 'src', 'entry')): Promise<EntryPoint[]> {
  const files = (await fs.readdir(entryDir)).filter((f) => f.endsWith('.ts')).sort();
  const found: EntryPoint[] = [];
  for (const file of files) {
    const full = path.join(entryDir, file);
    const text = await fs.readFile(full, 'utf8');
    const source = ts.createSourceFile(full, text, ts.ScriptTarget.ES2020, true);
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      const ranges = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
      const docs = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**');
      const last = docs[docs.length - 1];
      const jsdoc = last ? text.slice(last.pos, last.end) : '';
      const name = statement.name.text;
      const params = statement.parameters.map((p) => {
        if (!ts.isIdentifier(p.name)) throw new Error(`${file}: ${name} must use plain parameter names`);
        return p.name.text;
      });
      if (!jsdoc) throw new Error(`${file}: ${name} needs a JSDoc comment`);
      if (name.endsWith('_')) throw new Error(`${file}: ${name} ends in _ and would be private`);
      found.push({ name, params, jsdoc, customFunction: /@customfunction\b/.test(jsdoc), file: `src/entry/${file}` });
    }
  }
  const seen = new Set<string>();
  for (const ep of found) {
    if (seen.has(ep.name)) throw new Error(`entry point ${ep.name} is exported twice`);
    seen.add(ep.name);
  }
  return found;
}

/** Replaces a file in one step, so a test or the local page reading dist/ never sees half a build. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

function wrapper(ep: EntryPoint): string {
  const args = ep.params.join(', ');
  return `${ep.jsdoc}\nfunction ${ep.name}(${args}) {\n  return ${BUNDLE_GLOBAL}.${ep.name}(${args});\n}\n`;
}

async function buildCode(entryPoints: EntryPoint[]): Promise<void> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    // every execution (each custom-function cell among them) parses the whole file: keep it small;
    // the JSDoc'd entry points above the bundle are written unminified
    minify: true,
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;
  const header =
    '// Built from src/ by scripts/build.ts. Top-level functions are the entry points Apps Script calls;\n' +
    `// everything else lives inside ${BUNDLE_GLOBAL}, which runs no service when loaded.\n\n`;
  const code = header + entryPoints.map(wrapper).join('\n') + '\n' + bundle;
  await writeAtomically(path.join(dist, 'Code.js'), code);
}

async function buildPages(): Promise<string[]> {
  const pagesDir = path.join(root, 'sidebar', 'pages');
  const names = await fs
    .readdir(pagesDir, { withFileTypes: true })
    .then((entries) => entries.filter((d) => d.isDirectory()).map((d) => d.name))
    .catch(() => [] as string[]);
  const written: string[] = [];
  for (const name of names) {
    const dir = path.join(pagesDir, name);
    let html = await fs.readFile(path.join(dir, 'index.html'), 'utf8');
    const script = await esbuild.build({
      entryPoints: [path.join(dir, 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2019',
      charset: 'utf8',
      minify: true,
      logLevel: 'warning',
    });
    const css = await esbuild.build({
      entryPoints: [path.join(dir, 'style.css')],
      bundle: true,
      write: false,
      minify: true,
      logLevel: 'warning',
    });
    // esbuild escapes "</script" inside string literals, so the inline script cannot end early.
    const js = script.outputFiles[0].text;
    html = html.replace('<style data-inline="style.css"></style>', () => `<style>${css.outputFiles[0].text}</style>`);
    html = html.replace('<script data-inline="main.ts"></script>', () => `<script>${js}</script>`);
    if (/data-inline=/.test(html))
      throw new Error(`sidebar/pages/${name}/index.html: an inline marker was not replaced`);
    const fileName = `${name}.html`;
    await writeAtomically(path.join(dist, fileName), html);
    written.push(fileName);
  }
  return written;
}

export async function build(): Promise<void> {
  await fs.mkdir(dist, { recursive: true });
  await fs.mkdir(buildDir, { recursive: true });
  const entryPoints = await readEntryPoints();
  await buildCode(entryPoints);
  await writeAtomically(
    path.join(dist, 'appsscript.json'),
    await fs.readFile(path.join(root, 'appsscript.json'), 'utf8'),
  );
  const pages = await buildPages();
  await writeAtomically(path.join(buildDir, 'entry-points.json'), JSON.stringify({ entryPoints, pages }, null, 2));
  // what clasp pushes is exactly this build: files left from earlier builds (a removed page) go
  const keep = new Set(['Code.js', 'appsscript.json', ...pages]);
  for (const name of await fs.readdir(dist))
    if (!keep.has(name) && !name.endsWith('.tmp')) await fs.rm(path.join(dist, name), { recursive: true });
  console.log(`dist/Code.js: ${entryPoints.length} entry points; pages: ${pages.join(', ') || 'none'}`);
}

if (require.main === module) {
  build().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

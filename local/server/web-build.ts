/**
 * Builds the local page (local/web) into build/web: the page's script, the
 * google.script.run shim injected into sidebars and dialogs, and the static
 * HTML and CSS. Runs when the server starts, so the page always matches the
 * sources.
 */
import * as esbuild from 'esbuild';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const WEB_SOURCE_DIR = path.resolve(__dirname, '..', 'web');
export const WEB_BUILD_DIR = path.resolve(__dirname, '..', '..', 'build', 'web');

/** Builds the page into `outDir` and returns the directory. */
export async function buildWebPage(outDir = WEB_BUILD_DIR): Promise<string> {
  await fs.mkdir(outDir, { recursive: true });
  const bundles: Array<[string, string]> = [
    ['main.ts', 'app.js'],
    ['script-run-shim.ts', 'shim.js'],
  ];
  for (const [source, target] of bundles) {
    await esbuild.build({
      entryPoints: [path.join(WEB_SOURCE_DIR, source)],
      outfile: path.join(outDir, target),
      bundle: true,
      format: 'iife',
      target: 'es2020',
      charset: 'utf8',
      sourcemap: source === 'main.ts' ? 'inline' : false,
      logLevel: 'warning',
    });
  }
  for (const file of ['index.html', 'style.css']) {
    await fs.copyFile(path.join(WEB_SOURCE_DIR, file), path.join(outDir, file));
  }
  return outDir;
}

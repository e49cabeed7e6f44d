/**
 * Every execution on Google (each custom-function cell among them) parses the
 * whole Code.js, so the bundle is minified; the entry points above it keep
 * their JSDoc and parameter names (code-js.test.ts proves those), and loading
 * it runs no service and defines nothing but the entry points and the bundle.
 */
import { readFileSync } from 'node:fs';
import { CODE_PATH, loadBundle } from '../helpers/bundle';

describe('the size of dist/Code.js', () => {
  const code = readFileSync(CODE_PATH, 'utf8');
  const bundleStart = code.indexOf('var AddonBundle_');

  it('is minified below the entry points: no indented or commented source lines in the bundle', () => {
    expect(bundleStart).toBeGreaterThan(0);
    const bundle = code.slice(bundleStart);
    // only line breaks inside string literals remain; the source as written has thousands of lines
    expect(bundle.split('\n').length).toBeLessThan(200);
    expect(bundle).not.toMatch(/\n\s{2,}\S/);
    expect(bundle).not.toMatch(/\/\*\*[^]*?\*\//);
  });

  it('has no whitespace runs left in the bundle: its size is the code, not indentation', () => {
    const bundle = code.slice(bundleStart);
    // an unminified esbuild bundle is about a fifth indentation and line breaks
    expect((bundle.match(/\n| {2,}/g) ?? []).length).toBeLessThan(bundle.length / 1000);
  });

  it('keeps the entry points readable above the bundle, each a plain delegating function', () => {
    const head = code.slice(0, bundleStart);
    expect(head).toMatch(
      /\/\*\*\n \* [^\n]+\n[^]*?\*\/\nfunction PLAN_BONUS\(([^)]*)\) \{\n {2}return AddonBundle_\.PLAN_BONUS\(\1\);\n\}/,
    );
    const bundle = loadBundle();
    expect(bundle.touched).toEqual([]);
    expect(bundle.call('PLAN_BONUS', 150000, 150000)).toBe(6000);
  });
});

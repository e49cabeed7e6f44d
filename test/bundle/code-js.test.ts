import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CODE_PATH, loadBundle } from '../helpers/bundle';

const entry = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'build', 'entry-points.json'), 'utf8')) as {
  entryPoints: Array<{ name: string; params: string[]; customFunction: boolean }>;
};

describe('dist/Code.js as Apps Script loads it', () => {
  it('exists (npm run build writes it)', () => {
    expect(existsSync(CODE_PATH)).toBe(true);
  });

  it('loads in a bare V8 context with no require, module or process, and touches no service', () => {
    const bundle = loadBundle();
    expect(bundle.touched).toEqual([]);
    expect(typeof (bundle.context as Record<string, unknown>).require).toBe('undefined');
  });

  it.each(['onOpen', 'onInstall', 'onEdit', 'PLAN_FULFILMENT', 'PLAN_RATE', 'PLAN_BONUS'])(
    'declares %s as a top-level function',
    (name) => {
      const code = readFileSync(CODE_PATH, 'utf8');
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    },
  );

  it('puts each custom function JSDoc, with @customfunction and its @param names, right above the declaration', () => {
    const code = readFileSync(CODE_PATH, 'utf8');
    const custom = entry.entryPoints.filter((e) => e.customFunction);
    expect(custom.map((e) => e.name)).toEqual(expect.arrayContaining(['PLAN_FULFILMENT', 'PLAN_RATE', 'PLAN_BONUS']));
    for (const fn of custom) {
      const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\nfunction ${fn.name}\\(([^)]*)\\)`).exec(code);
      expect(match).not.toBeNull();
      const [, doc, params] = match!;
      expect(doc).toContain('@customfunction');
      expect(doc).toMatch(/[А-Яа-яЁё]/);
      expect(params.split(',').map((p) => p.trim())).toEqual(fn.params);
      for (const p of fn.params) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p} `));
    }
  });

  it('keeps internal globals private: the only non-entry global ends in _', () => {
    const bundle = loadBundle();
    const names = Object.keys(bundle.context).filter((k) => typeof bundle.context[k] !== 'object');
    const publicNames = new Set(entry.entryPoints.map((e) => e.name));
    for (const name of names) expect(publicNames.has(name) || name.endsWith('_')).toBe(true);
    expect(typeof bundle.context.AddonBundle_).toBe('object');
  });

  it('computes PLAN_BONUS on scalars: 4 % of 150 000 at exactly the plan', () => {
    const bundle = loadBundle();
    expect(bundle.call('PLAN_BONUS', 150000, 150000)).toBe(6000);
    // 100 000.50 under a plan of 200 000: 3 % = 3 000.015 → 3 000.02 (half-up)
    expect(bundle.call('PLAN_BONUS', 100000.5, 200000)).toBe(3000.02);
  });

  it('computes PLAN_BONUS over a 2D range, leaving blank rows blank and broadcasting a single plan', () => {
    const bundle = loadBundle();
    const sales = [[90000], [100000], [''], [130000]];
    expect(bundle.call('PLAN_BONUS', sales, 100000)).toEqual([[2700], [4000], [''], [6500]]);
    const plans = [[100000], [50000], [''], [200000]];
    expect(bundle.call('PLAN_RATE', sales, plans)).toEqual([[0.03], [0.05], [''], [0.03]]);
  });

  it('throws a Russian message when the plan is missing', () => {
    const bundle = loadBundle();
    expect(() => bundle.call('PLAN_BONUS', 1000, '')).toThrow(/Не задан план продаж/);
  });
});

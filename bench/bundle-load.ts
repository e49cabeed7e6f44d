/**
 * What every execution pays before it runs: loading Code.js. On Google each
 * custom-function cell, edit, sidebar call and menu item is its own execution
 * that parses and runs the whole script. Measured in node:vm (a fresh context
 * each time, as each execution is a fresh global scope), median of runs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const CODE = path.resolve(__dirname, '..', 'dist', 'Code.js');

export interface BundleLoad {
  bytes: number;
  /** median ms to compile and run the script in a fresh context */
  loadMs: number;
  /** median ms of loading and one PLAN_BONUS call, as a custom-function execution does */
  customFunctionMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function measureBundleLoad(runs = 21, code = readFileSync(CODE, 'utf8')): BundleLoad {
  const load: number[] = [];
  const custom: number[] = [];
  for (let i = 0; i < runs; i++) {
    // a new Script each time: Google does not keep a compiled script between executions
    let t = performance.now();
    const context = vm.createContext({});
    new vm.Script(`${code}\n// run ${i}`, { filename: `Code-${i}.js` }).runInContext(context);
    load.push(performance.now() - t);
    t = performance.now();
    const again = vm.createContext({});
    new vm.Script(`${code}\n// custom ${i}`, { filename: `Code-c${i}.js` }).runInContext(again);
    (again as { PLAN_BONUS: (s: number, p: number) => number }).PLAN_BONUS(150000, 150000);
    custom.push(performance.now() - t);
  }
  return { bytes: Buffer.byteLength(code), loadMs: median(load), customFunctionMs: median(custom) };
}

export function runBundleLoadBench(): void {
  const r = measureBundleLoad();
  console.log('Загрузка Code.js в node:vm (каждое выполнение на Google загружает его целиком)');
  console.log(
    `| Размер, КБ | Загрузка, мс (медиана) | Загрузка + PLAN_BONUS, мс |\n|---|---|---|\n| ${(r.bytes / 1024).toFixed(0)} | ${r.loadMs.toFixed(1)} | ${r.customFunctionMs.toFixed(1)} |`,
  );
  console.log('');
}

if (require.main === module) runBundleLoadBench();

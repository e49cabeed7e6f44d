/**
 * A payroll tab's plan written into a workbook of the local runtime and evaluated by its formula
 * engine (HyperFormula with Sheets' binary arithmetic) over the add-on's custom functions, as
 * the bundle declares them.
 */
import { readFileSync } from 'node:fs';
import { FormulaEngine } from '../../local/runtime/formula-engine';
import { customFunctionTableArgs } from '../../local/runtime/index';
import { emptySheet, emptyWorkbook, type CellModel } from '../../local/runtime/model';
import * as customFunctions from '../../src/entry/custom-functions';
import type { PlanCell } from '../../src/server/payroll/payroll-sheet-plan';
import { CODE_PATH } from '../helpers/bundle';
import { planRows } from '../unit/payroll/fixtures/evaluate-plan';

const names = Object.keys(customFunctions);
let tableArgs: ReturnType<typeof customFunctionTableArgs> | undefined;

export interface EvaluatedPlan {
  rows: Array<Array<CellModel | undefined> | undefined>;
  /** custom-function executions the evaluation made */
  customCalls: number;
}

/** The plan's cells in a workbook, evaluated; `extra` cells (formulas over the tab) are added first. */
export function evaluatePlan(values: readonly PlanCell[][], extra: PlanCell[][] = []): EvaluatedPlan {
  tableArgs ??= customFunctionTableArgs(readFileSync(CODE_PATH, 'utf8'));
  const all = [...values, ...extra];
  const width = Math.max(...all.map((row) => row.length));
  const workbook = emptyWorkbook('Formulas', 'director@example.ru');
  const sheet = emptySheet(workbook.nextSheetId++, 'Зарплата', all.length, width);
  sheet.rows = planRows(all);
  workbook.sheets.push(sheet);
  const engine = new FormulaEngine(workbook);
  let customCalls = 0;
  engine.setCustomFunctions(
    names,
    (name, args) => {
      customCalls++;
      return (customFunctions as Record<string, (...a: unknown[]) => unknown>)[name](...args);
    },
    tableArgs,
  );
  engine.rebuild();
  return { rows: sheet.rows, customCalls };
}

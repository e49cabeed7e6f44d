/**
 * An estimate of how long the counted work takes on Google, from the counts
 * the local runtime keeps (service calls by "Class.method", cells read and
 * written, executions begun). Google publishes no latencies; the figures below
 * are the usual orders of magnitude of Apps Script's own best-practice advice
 * (a service call is a round trip to another Google server, so batch; each
 * execution starts a fresh V8 isolate and loads the whole script) and are
 * kept in one place so the bench's estimates can be compared with each other,
 * not read as a promise.
 */
import type { CallCounts, Usage } from '../local/runtime';

/** Calls answered from the object the script already holds (no round trip). */
const LOCAL_CALLS = new Set([
  'Range.getRow',
  'Range.getColumn',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Range.getLastRow',
  'Range.getLastColumn',
  'Range.getSheet',
  'Range.getA1Notation',
  'Sheet.getRange',
  'Spreadsheet.getRange',
  'SpreadsheetApp.getActiveSpreadsheet',
  'SpreadsheetApp.getUi',
  'Ui.createMenu',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'SpreadsheetApp.newDataValidation',
  'DataValidationBuilder.requireValueInList',
  'DataValidationBuilder.requireNumberBetween',
  'DataValidationBuilder.requireDate',
  'DataValidationBuilder.setAllowInvalid',
  'DataValidationBuilder.setHelpText',
  'DataValidationBuilder.build',
  'HtmlService.createHtmlOutput',
  'HtmlOutput.setTitle',
  'HtmlOutput.setWidth',
  'HtmlOutput.setHeight',
]);

export interface LatencyModel {
  /** starting an execution: a fresh isolate, before the script is parsed */
  executionStartMs: number;
  /** parsing and running Code.js at load, per KB of the bundle */
  loadMsPerKb: number;
  /** a call that goes to a Google server (SpreadsheetApp reads and writes, properties, locks…) */
  roundTripMs: number;
  /** a call answered locally (a range's position, builders, the menu) */
  localCallMs: number;
  /** per cell of content moved, beyond the round trip */
  readMsPerCell: number;
  writeMsPerCell: number;
}

export const LATENCY: LatencyModel = {
  executionStartMs: 100,
  loadMsPerKb: 0.2,
  roundTripMs: 50,
  localCallMs: 1,
  readMsPerCell: 0.002,
  writeMsPerCell: 0.01,
};

/** The estimated time on Google of counted work, in milliseconds. */
export function estimateMs(calls: CallCounts, usage: Usage, bundleKb: number, model: LatencyModel = LATENCY): number {
  let ms = 0;
  for (const [call, n] of Object.entries(calls))
    ms += n * (LOCAL_CALLS.has(call) ? model.localCallMs : model.roundTripMs);
  const executions = Object.values(usage.executions).reduce((a, b) => a + b, 0);
  ms += executions * (model.executionStartMs + bundleKb * model.loadMsPerKb);
  ms += usage.cellsRead * model.readMsPerCell + usage.cellsWritten * model.writeMsPerCell;
  return ms;
}

/**
 * An estimate of how long the counted work takes on Google, from the counts
 * the local runtime keeps: each service call at the runtime's own latency
 * model (DEFAULT_LATENCY, the clock the runtime advances), plus what that model
 * does not price: starting each execution and loading Code.js into it (every
 * edit, sidebar call and custom-function cell is its own execution), and
 * moving cells of content. Google publishes no such figures; these are orders
 * of magnitude, kept in one place so the bench's estimates compare with each
 * other, not read as a promise.
 */
import { type CallCounts, DEFAULT_LATENCY, type LatencyModel, type Usage } from '../local/runtime';

export interface ExecutionCosts {
  /** starting an execution: a fresh isolate, before the script is parsed */
  executionStartMs: number;
  /** parsing and running Code.js at load, per KB of the bundle */
  loadMsPerKb: number;
  /** per cell of content moved, beyond the call itself */
  readMsPerCell: number;
  writeMsPerCell: number;
}

export const EXECUTION_COSTS: ExecutionCosts = {
  executionStartMs: 100,
  loadMsPerKb: 0.2,
  readMsPerCell: 0.002,
  writeMsPerCell: 0.01,
};

/** The estimated time on Google of counted work, in milliseconds. */
export function estimateMs(
  calls: CallCounts,
  usage: Usage,
  bundleKb: number,
  latency: LatencyModel = DEFAULT_LATENCY,
  costs: ExecutionCosts = EXECUTION_COSTS,
): number {
  let ms = 0;
  for (const [call, n] of Object.entries(calls)) ms += n * latency(call);
  const executions = Object.values(usage.executions).reduce((a, b) => a + b, 0);
  ms += executions * (costs.executionStartMs + bundleKb * costs.loadMsPerKb);
  ms += usage.cellsRead * costs.readMsPerCell + usage.cellsWritten * costs.writeMsPerCell;
  return ms;
}

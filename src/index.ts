/**
 * The bundle's entry: everything exported from src/entry becomes a top-level
 * function of Code.js (see scripts/build.ts). Nothing here runs a service at load.
 */
export * from './entry/custom-functions';
export * from './entry/triggers';
export * from './entry/crm';
export * from './entry/print';
export * from './entry/payroll';
export * from './entry/install-check';

// Separate environments: server code (Apps Script globals, no DOM), browser code
// (sidebar pages, the local sheet page) and Node code (build, local runtime, tests).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = Object.fromEntries(
  [
    'SpreadsheetApp',
    'HtmlService',
    'PropertiesService',
    'CacheService',
    'LockService',
    'Session',
    'Utilities',
    'ScriptApp',
    'MailApp',
    'UrlFetchApp',
    'DriveApp',
    'Logger',
    'console',
    'GoogleAppsScript',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: appsScriptGlobals },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require'],
    },
  },
  {
    files: ['sidebar/**/*.ts', 'local/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, google: 'readonly' } },
  },
  {
    files: ['scripts/**/*.ts', 'local/**/*.ts', 'test/**/*.ts', 'test/**/*.js', 'bench/**/*.ts', '*.js', '*.mjs'],
    ignores: ['local/web/**'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);

// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layersRule } from './eslint/layers.js';
const electron = {
  names: ['electron'],
  message: 'Only electron/main/adapters/ and electron/preload/ may import electron.',
};
const dexie = {
  names: ['dexie', 'dexie-react-hooks'],
  message: 'Only renderer/db/ may import Dexie: use a repository.',
};
const node = { names: ['node:'], message: 'Only electron/main/adapters/ reach the OS (Node built-ins).' };
const ui = {
  names: ['react', 'react-dom', 'zustand', 'uplot'],
  message: 'shared/ and main are pure TypeScript: no UI or state libraries.',
};

const MAIN = ['electron/main', 'electron/main/services', 'electron/main/ipc', 'electron/main/kinetic'];
/**
 * The layers: one row per folder (or file), the layers its files may import, the packages they
 * may not. A file belongs to the longest layer path holding it; imports of a layer missing from
 * `may` are refused. Files in no layer (scripts, bench) are free. The rows are checked by
 * test/tooling/layers.test.ts, which lints a forbidden import for each.
 */
const CODE = [
  // Pure: types, schemas, the IPC contract, parser, policy, timer maths.
  { layer: 'shared', may: ['shared'], not: [electron, dexie, ui, node] },
  // Main: services are written against ports; only adapters touch Electron and the OS.
  {
    layer: 'electron/main',
    may: ['shared', ...MAIN, 'electron/main/adapters'],
    not: [electron, dexie, ui, node],
  },
  { layer: 'electron/main/adapters', may: ['shared', ...MAIN, 'electron/main/adapters'], not: [dexie, ui] },
  {
    layer: 'electron/main/services',
    may: ['shared', 'electron/main', 'electron/main/services'],
    not: [electron, dexie, ui, node],
  },
  {
    layer: 'electron/main/ipc',
    may: ['shared', 'electron/main', 'electron/main/services', 'electron/main/ipc'],
    not: [electron, dexie, ui, node],
  },
  { layer: 'electron/main/kinetic', may: ['shared', ...MAIN], not: [electron, dexie, ui, node] },
  { layer: 'electron/preload', may: ['shared', 'electron/preload'], not: [dexie, ui, node] },
  // Renderer: one entry per window (windows/); only db/ knows Dexie; only ipc.ts reads window.kinetic.
  {
    layer: 'renderer/windows',
    may: [
      'shared',
      'renderer',
      'renderer/windows',
      'renderer/db',
      'renderer/features',
      'renderer/store',
      'renderer/ui',
      'renderer/ipc',
      'renderer/errors',
      'renderer/stores',
    ],
    not: [electron, dexie, node],
  },
  // The rest of renderer/'s own files: the error reporter every entry loads first, the types.
  { layer: 'renderer', may: ['shared', 'renderer', 'renderer/ipc'], not: [electron, dexie, node] },
  { layer: 'renderer/ipc', may: ['shared'], not: [electron, dexie, node], bridge: true },
  { layer: 'renderer/errors', may: ['shared'], not: [electron, dexie, node] },
  { layer: 'renderer/db', may: ['shared', 'renderer/db'], not: [electron, node] },
  {
    layer: 'renderer/store',
    may: ['shared', 'renderer/store', 'renderer/db', 'renderer/errors'],
    not: [electron, dexie, node],
  },
  // Features reach data and main only through stores (handed over by the window's entry).
  {
    layer: 'renderer/features',
    may: [
      'shared',
      'renderer/features',
      'renderer/store',
      'renderer/stores',
      'renderer/ui',
      'renderer/errors',
    ],
    not: [electron, dexie, node],
  },
  {
    layer: 'renderer/stores',
    may: ['shared', 'renderer/store', 'renderer/db'],
    not: [electron, dexie, node],
  },
  { layer: 'renderer/ui', may: ['shared', 'renderer/ui'], not: [electron, dexie, node] },
];
const code = CODE.map((l) => l.layer);
export const LAYERS = [
  ...CODE,
  // Tests use any layer; outside test/e2e they take their fakes from test/fakes, never from the
  // e2e harness or its tests (the harness takes its fakes from test/fakes too).
  { layer: 'test', may: [...code, 'test'], not: [], bridge: true },
  { layer: 'test/e2e', may: [...code, 'test', 'test/e2e'], not: [], bridge: true },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'docs/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/e2e/harness/bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Layers, from the table above (one rule, so no later block can drop an earlier restriction).
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'],
    plugins: { kinetic: { rules: { layers: layersRule } } },
    rules: { 'kinetic/layers': ['error', { root: import.meta.dirname, layers: LAYERS }] },
  },
  // shared/ runs everywhere and is given the time.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'shared/ runs everywhere: no browser globals.' },
        { name: 'document', message: 'shared/ runs everywhere: no browser globals.' },
        { name: 'process', message: 'shared/ runs everywhere: no Node globals.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'shared/ takes `now` as an argument; it never reads the clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ takes `now` as an argument; it never reads the clock.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

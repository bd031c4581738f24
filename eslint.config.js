// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electron = {
  name: 'electron',
  message: 'Only electron/main/adapters/ and electron/preload/ may import electron.',
};
const dexie = ['dexie', 'dexie-react-hooks'].map((name) => ({
  name,
  message: 'Only renderer/db/ may import Dexie: use a repository.',
}));
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'http'],
  message: 'shared/ is pure TypeScript: no Node imports.',
};
const ui = ['react', 'react-dom', 'react-dom/client', 'zustand', 'zustand/vanilla'].map((name) => ({
  name,
  message: 'shared/ is pure TypeScript: no UI or state libraries.',
}));

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
  // Layers. shared/: pure. Only adapters and the preload touch Electron. Only renderer/db touches Dexie.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...dexie, ...ui],
          patterns: [
            nodeBuiltins,
            {
              group: ['../electron/*', '../renderer/*'],
              message: 'shared/ depends on nothing else in the app.',
            },
          ],
        },
      ],
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
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...dexie],
          patterns: [
            {
              group: ['../../renderer/*', '../renderer/*'],
              message: 'Main never touches the renderer or IndexedDB.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/services/**/*.ts', 'electron/main/ipc/**/*.ts', 'electron/main/kinetic.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...dexie],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'Services work through ports; the OS is reached in adapters/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...dexie] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...dexie],
          patterns: [
            {
              group: ['node:*', '../../electron/*', '../electron/*'],
              message: 'The renderer talks to main only through window.kinetic.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron] }] },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

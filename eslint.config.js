// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto'];

/** Folder boundaries (DESIGN.md): each folder may only import what runs where it runs. */
const boundary = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'test/fixtures/**',
      'resources/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { ecmaVersion: 2023, sourceType: 'module' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  boundary(
    ['shared/**/*.ts'],
    [
      { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
      { group: ['electron', 'electron/*'], message: 'shared/ must not import electron.' },
      { group: ['bullmq', 'ioredis', 'ws'], message: 'shared/ must not import I/O libraries.' },
      {
        group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'],
        message: 'shared/ must not import UI libraries.',
      },
      { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports only shared/.' },
    ],
  ),
  boundary(
    ['renderer/**/*.{ts,tsx}'],
    [
      { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
      { group: ['electron', 'electron/*'], message: 'renderer/ talks to the host via the API.' },
      { group: ['bullmq', 'ioredis', 'ws'], message: 'renderer/ must not import host libraries.' },
      { group: ['**/main/**'], message: 'renderer/ never imports main/.' },
    ],
  ),
  {
    // Only renderer/state/ owns stores.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
            {
              group: ['electron', 'electron/*'],
              message: 'renderer/ talks to the host via the API.',
            },
            {
              group: ['bullmq', 'ioredis', 'ws'],
              message: 'renderer/ must not import host libraries.',
            },
            { group: ['**/main/**'], message: 'renderer/ never imports main/.' },
            { group: ['zustand', 'zustand/*'], message: 'Only renderer/state/ imports zustand.' },
          ],
        },
      ],
    },
  },
  boundary(
    ['main/**/*.ts'],
    [
      { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
      { group: ['react', 'react-dom', '@xyflow/*', 'zustand'], message: 'main/ has no UI.' },
    ],
  ),
  {
    // Raw IPC is allowed only in the preload and the one IPC module.
    files: ['**/*.{ts,tsx}'],
    ignores: ['main/electron/preload.ts', 'main/electron/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(ipcMain|ipcRenderer)$/]',
          message: 'Use the typed API (main/electron/ipc.ts); raw ipcMain/ipcRenderer is banned.',
        },
        {
          selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]',
          message: 'Use the typed API (main/electron/ipc.ts); raw ipcMain/ipcRenderer is banned.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  prettier,
);

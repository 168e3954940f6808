// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

/**
 * Layers (docs/architecture.md "Layers"): each folder may import only what runs where it runs, and
 * only the layers below it. A rule is a regular expression over module specifiers with a message;
 * each is enforced on static imports, re-exports and dynamic `import()` alike. test/unit/lint/layers.test.ts proves every rule fires.
 */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (names) => names.map(escape).join('|');

/** A banned module specifier, as one regular expression, and why it is banned. */
const rule = (regex, message) => ({ regex, message, caseSensitive: true });
const NODE = rule(
  `^(?:node:.*|(?:${oneOf(builtinModules)})(?:/.*)?)$`,
  'no Node built-ins here: this code also runs in the browser.',
);
const ELECTRON = rule('^electron(?:/.*)?$', 'only main/electron/ imports electron.');
const HOST_LIBS = rule('^(?:bullmq|ioredis|ws)(?:/.*)?$', 'no I/O libraries.');
const UI_LIBS = rule('^(?:react|react-dom|zustand)(?:/.*)?$|^@xyflow/', 'no UI libraries.');
/** A top-level folder of the repository (main, renderer), however a relative path reaches it. */
const topFolder = (name, message) => rule(`(?:^|/)${name}(?:/|$)`, message);
/** A sibling folder of main/, as files one or two levels inside main/ name it. */
const mainFolder = (name, message) =>
  rule(`^(?:\\.\\./){1,2}${name}(?:/|$)|(?:^|/)main/${name}(?:/|$)`, message);

/** Node-only globals that must not appear where the code also runs in a browser. */
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
].map((name) => ({ name, message: `${name} is Node-only: this code also runs in the browser.` }));
const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'navigator'].map((name) => ({
  name,
  message: `${name} is browser-only: shared/ also runs in Node.`,
}));

/** Raw IPC is allowed only in the preload and the one IPC module. */
const RAW_IPC = ['ImportSpecifier', 'MemberExpression'].map((node) => ({
  selector: `${node}[${node === 'ImportSpecifier' ? 'imported' : 'property'}.name=/^(ipcMain|ipcRenderer)$/]`,
  message: 'Use the typed API (main/electron/ipc.ts); raw ipcMain/ipcRenderer is banned.',
}));
const RAW_IPC_ALLOWED = ['main/electron/preload.ts', 'main/electron/ipc.ts'];

/** One layer: its files, the modules it may not import, and the globals it may not use. */
function layer(files, banned, { restrictedGlobals = [], ignores = [] } = {}) {
  const dynamic = banned.map(({ regex, message }) => ({
    // esquery's regular expressions cannot contain a slash: write it as \x2F.
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
    message,
  }));
  const configs = [
    {
      files,
      ignores,
      rules: {
        'no-restricted-imports': ['error', { patterns: banned }],
        'no-restricted-syntax': ['error', ...RAW_IPC, ...dynamic],
        ...(restrictedGlobals.length > 0
          ? { 'no-restricted-globals': ['error', ...restrictedGlobals] }
          : {}),
      },
    },
  ];
  // The two modules that may use raw IPC keep their layer's other rules.
  const ipcModules = RAW_IPC_ALLOWED.filter((f) =>
    files.some((g) => f.startsWith(g.split('*')[0])),
  );
  if (ipcModules.length > 0) {
    configs.push({ files: ipcModules, rules: { 'no-restricted-syntax': ['error', ...dynamic] } });
  }
  return configs;
}

const mainLayer = (folder, banned) =>
  layer(
    [`main/${folder}/**/*.ts`],
    [topFolder('renderer', 'main/ never imports renderer/.'), UI_LIBS, ...banned],
  );
const mainAbove = (folders, message) => folders.map((f) => mainFolder(f, message));

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
      'no-restricted-syntax': ['error', ...RAW_IPC],
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
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },

  // shared/: pure TypeScript, run by the renderer, its workers, the host and the CLI.
  ...layer(
    ['shared/**/*.ts'],
    [
      NODE,
      ELECTRON,
      HOST_LIBS,
      UI_LIBS,
      topFolder('main', 'shared/ imports only shared/.'),
      topFolder('renderer', 'shared/ imports only shared/.'),
    ],
    { restrictedGlobals: [...NODE_GLOBALS, ...BROWSER_GLOBALS] },
  ),

  // renderer/: the browser. Only renderer/state/ owns stores.
  ...layer(
    ['renderer/**/*.{ts,tsx}'],
    [
      NODE,
      rule(ELECTRON.regex, 'renderer/ talks to the host through the API.'),
      HOST_LIBS,
      topFolder('main', 'renderer/ never imports main/.'),
      rule('^zustand(?:/.*)?$', 'Only renderer/state/ imports zustand.'),
    ],
    { restrictedGlobals: NODE_GLOBALS, ignores: ['renderer/state/**'] },
  ),
  ...layer(
    ['renderer/state/**/*.{ts,tsx}'],
    [
      NODE,
      rule(ELECTRON.regex, 'renderer/ talks to the host through the API.'),
      HOST_LIBS,
      topFolder('main', 'renderer/ never imports main/.'),
    ],
    { restrictedGlobals: NODE_GLOBALS },
  ),

  // main/: Node. Shells (cli, web, electron) sit above services; services above runner and redis.
  ...mainLayer('cli', [ELECTRON, ...mainAbove(['electron'], 'main/cli/ runs without Electron.')]),
  ...mainLayer('web', [
    ELECTRON,
    ...mainAbove(['cli', 'electron'], 'main/web/ is a shell: it uses services, not other shells.'),
  ]),
  ...mainLayer('electron', [
    ...mainAbove(['cli', 'web'], 'main/electron/ is a shell: it uses services, not other shells.'),
  ]),
  ...mainLayer('services', [
    ELECTRON,
    ...mainAbove(['cli', 'web', 'electron'], 'main/services/ sits below the shells.'),
  ]),
  ...mainLayer('runner', [
    ELECTRON,
    ...mainAbove(['cli', 'web', 'electron', 'services'], 'main/runner/ sits below services.'),
  ]),
  ...mainLayer('redis', [
    ELECTRON,
    ...mainAbove(
      ['cli', 'web', 'electron', 'services', 'runner'],
      'main/redis/ is the lowest layer of main/.',
    ),
  ]),
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': ['error', ...RAW_IPC] },
  },
  prettier,
);

import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The layer arrows of src/ (DESIGN.md): ui -> state -> (persist, ingest) -> core,
// ui -> charts -> core, everything may use i18n, and core imports nothing else in src.
// Each folder gets exactly one block below: a later block's no-restricted-imports would
// replace an earlier one for the same file, so the `files` globs never overlap.
// Specifiers are matched by path segment, so depth does not matter ('../../ui/x', '../ui/x').
const layers = {
  core: { regex: '(^|/)core(/|$)', what: 'core/' },
  ingest: { regex: '(^|/)ingest(/|$)', what: 'ingest/' },
  persist: { regex: '(^|/)persist(/|$)', what: 'persist/' },
  state: { regex: '(^|/)state(/|$)', what: 'state/' },
  charts: { regex: '(^|/)charts(/|$)', what: 'charts/' },
  ui: { regex: '(^|/)ui(/|$)', what: 'ui/' },
  i18n: { regex: '(^|/)i18n(/|$)', what: 'i18n/' },
  shell: { regex: '(^|/)(App\\.svelte|main(\\.[jt]s)?)$', what: 'the shell (App.svelte, main.ts)' },
  engineQuery: {
    regex: '(^|/)core/engine/(slice|aggregate)(\\.[jt]s)?$',
    what: 'core/engine/slice or core/engine/aggregate',
  },
};

/** One block: `files` may not import any of `forbidden` (keys of `layers`), statically or by import(). */
function boundary(name, files, forbidden, why, extra = []) {
  const message = (what) => `${name} may not import ${what}: ${why} (see the arrows in DESIGN.md).`;
  const entries = forbidden.map((key) => ({ ...layers[key], message: message(layers[key].what) }));
  return {
    name: `layers/${name}`,
    files,
    rules: {
      // Covers `import`, `import type`, `export … from` and side-effect imports.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...entries.map(({ regex, message }) => ({ regex, message, caseSensitive: true })),
            ...extra,
          ],
        },
      ],
      // no-restricted-imports does not see import(); the same paths are refused there too.
      'no-restricted-syntax': [
        'error',
        ...entries.map(({ regex, message }) => ({
          selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
          message,
        })),
      ],
    },
  };
}

const notFromSrc = ['ingest', 'persist', 'state', 'charts', 'ui', 'i18n', 'shell'];

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    rules: {
      'svelte/no-at-html-tags': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  boundary(
    'core',
    ['src/core/**'],
    notFromSrc,
    'core is pure TypeScript and imports nothing in src outside src/core',
    [
      {
        group: ['svelte', 'svelte/*', 'idb-keyval'],
        message:
          'core may not import Svelte or IndexedDB: it runs unchanged in node and the worker.',
      },
    ],
  ),
  boundary(
    'i18n',
    ['src/i18n/**'],
    ['core', ...notFromSrc.filter((key) => key !== 'i18n')],
    'every layer may use i18n, so i18n uses none of them',
  ),
  boundary(
    'persist',
    ['src/persist/**'],
    ['ingest', 'state', 'charts', 'ui', 'i18n', 'shell'],
    'persist sits on core alone and returns data, not text',
  ),
  boundary(
    'ingest',
    ['src/ingest/**'],
    ['persist', 'state', 'charts', 'ui', 'i18n', 'shell'],
    'ingest sits on core alone and returns data, not text',
  ),
  boundary(
    'state',
    ['src/state/**'],
    ['charts', 'ui', 'shell'],
    'state sits below the screens and the charts',
  ),
  boundary(
    'charts',
    ['src/charts/**'],
    ['ingest', 'persist', 'state', 'ui', 'shell'],
    'charts draw what they are given from core figures and i18n text',
  ),
  boundary(
    'ui',
    ['src/ui/**'],
    ['ingest', 'persist', 'engineQuery', 'shell'],
    'screens read the state query model and keep through state',
  ),
  boundary(
    'shell',
    ['src/App.svelte', 'src/main.ts'],
    ['ingest', 'persist', 'engineQuery'],
    'the shell creates the session and lays out screens; it reads state like any screen',
  ),
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'public/',
    ],
  },
);

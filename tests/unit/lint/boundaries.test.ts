// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer arrows of DESIGN.md, as eslint.config.js enforces them. Snippets are linted at
// virtual paths inside src/, so the real tree is never touched.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const boundaryRules = new Set(['no-restricted-imports', 'no-restricted-syntax']);

let eslint: ESLint;
beforeAll(() => {
  // The repo's own config, but .svelte files parsed without type information: the import
  // rules need none, and the project service would refuse (and slowly) a file not on disk.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.svelte', '**/*.svelte.ts'],
      languageOptions: { parserOptions: { projectService: false } },
    },
  });
});

/** The boundary messages ESLint reports for `code` placed at `filePath` (relative to the repo). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const fatal = result.messages.filter((message) => message.fatal);
  expect(fatal, `${filePath} should parse`).toEqual([]);
  return result.messages
    .filter((message) => message.ruleId !== null && boundaryRules.has(message.ruleId))
    .map((message) => message.message);
}

describe('import boundaries of src/', () => {
  it.each([
    [
      'core importing a screen',
      'src/core/engine/x.ts',
      "import FunnelScreen from '../../ui/explore/FunnelScreen.svelte';\nexport { FunnelScreen };",
    ],
    [
      'core importing state',
      'src/core/engine/x.ts',
      "import { view } from '../../state/view.svelte';\nexport { view };",
    ],
    [
      'core importing a state type only',
      'src/core/spec/x.ts',
      "import type { View } from '../../state/view.svelte';\nexport type V = View;",
    ],
    [
      'core re-exporting persist',
      'src/core/table/x.ts',
      "export { x } from '../../persist/share';",
    ],
    ['core importing i18n', 'src/core/decide/x.ts', "import '../../i18n/i18n.svelte';"],
    ['core importing charts', 'src/core/engine/x.ts', "import '../../charts/FunnelChart.svelte';"],
    ['core importing ingest', 'src/core/read/x.ts', "import '../../ingest/client';"],
    ['core importing the shell', 'src/core/read/x.ts', "import '../../App.svelte';"],
    ['core importing Svelte', 'src/core/engine/x.ts', "import { tick } from 'svelte';\ntick();"],
    [
      'core importing a screen by import()',
      'src/core/engine/x.ts',
      "export const load = () => import('../../ui/explore/FunnelScreen.svelte');",
    ],
    [
      'charts importing state',
      'src/charts/X.ts',
      "import { view } from '../state/view.svelte';\nexport { view };",
    ],
    ['charts importing persist', 'src/charts/X.ts', "import '../persist/share';"],
    ['charts importing ui', 'src/charts/X.ts', "import '../ui/controls/bytes-text';"],
    ['ui importing persist', 'src/ui/keep/x.ts', "import { x } from '../../persist/share';\nx();"],
    ['ui importing ingest', 'src/ui/import/x.ts', "import '../../ingest/client';"],
    [
      'ui importing the engine slice',
      'src/ui/explore/x.ts',
      "import { x } from '../../core/engine/slice';\nx();",
    ],
    [
      'ui importing the engine aggregate',
      'src/ui/decide/x.ts',
      "import { x } from '../../core/engine/aggregate';\nx();",
    ],
    [
      'ui importing an engine slice type only',
      'src/ui/explore/x.ts',
      "import type { Slice } from '../../core/engine/slice';\nexport type S = Slice;",
    ],
    [
      'ui importing persist by import()',
      'src/ui/keep/x.ts',
      "export const load = () => import('../../persist/share');",
    ],
    ['state importing ui', 'src/state/x.svelte.ts', "import '../ui/explore/headline';"],
    ['state importing charts', 'src/state/x.ts', "import '../charts/FunnelChart.svelte';"],
    ['persist importing state', 'src/persist/x.ts', "import '../state/view.svelte';"],
    ['persist importing ingest', 'src/persist/x.ts', "import '../ingest/client';"],
    ['persist importing i18n', 'src/persist/x.ts', "import '../i18n/i18n.svelte';"],
    ['ingest importing persist', 'src/ingest/x.ts', "import '../persist/store';"],
    ['ingest importing ui', 'src/ingest/x.ts', "import '../ui/import/DropZone.svelte';"],
    ['i18n importing state', 'src/i18n/x.ts', "import '../state/view.svelte';"],
    ['i18n importing core', 'src/i18n/x.ts', "import '../core/table/table';"],
    ['the shell importing persist', 'src/main.ts', "import './persist/store';"],
  ])('refuses %s', async (_what, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toHaveLength(1);
  });

  it('refuses a forbidden import in the <script> of a .svelte component', async () => {
    const code = [
      '<script lang="ts">',
      "  import { shareLink } from '../../persist/share';",
      "  import type { Slice } from '../../core/engine/slice';",
      '  let { slice }: { slice: Slice } = $props();',
      '</script>',
      '',
      '<p>{shareLink(slice)}</p>',
      '',
    ].join('\n');
    expect(await boundaryErrors('src/ui/keep/X.svelte', code)).toHaveLength(2);
  });

  it.each([
    ['ui -> state', 'src/ui/explore/x.ts', "import '../../state/view.svelte';"],
    ['ui -> charts', 'src/ui/explore/x.ts', "import '../../charts/FunnelChart.svelte';"],
    ['ui -> ui', 'src/ui/explore/x.ts', "import '../controls/bytes-text';"],
    ['ui -> core', 'src/ui/explore/x.ts', "import '../../core/engine/period';"],
    ['ui -> core types', 'src/ui/mapping/x.ts', "import type { S } from '../../core/spec/spec';"],
    ['ui -> i18n', 'src/ui/decide/x.ts', "import '../../i18n/i18n.svelte';"],
    ['state -> persist', 'src/state/x.svelte.ts', "import '../persist/repo';"],
    ['state -> ingest', 'src/state/x.ts', "import '../ingest/client';"],
    ['state -> core', 'src/state/x.ts', "import '../core/engine/slice';"],
    ['state -> i18n', 'src/state/x.ts', "import '../i18n/i18n.svelte';"],
    ['charts -> core', 'src/charts/X.ts', "import '../core/engine/funnel';"],
    ['charts -> i18n', 'src/charts/X.ts', "import '../i18n/format';"],
    ['charts -> charts', 'src/charts/X.ts', "import './SegmentName.svelte';"],
    ['core -> core', 'src/core/engine/x.ts', "import '../table/table';\nimport './slice';"],
    ['core -> npm', 'src/core/read/x.ts', "import Papa from 'papaparse';\nPapa.parse('');"],
    ['persist -> core', 'src/persist/x.ts', "import '../core/spec/spec';"],
    ['ingest -> core', 'src/ingest/x.ts', "import '../core/read/delimited';"],
    ['ingest -> ingest by import()', 'src/ingest/x.ts', "export const l = () => import('./xlsx');"],
    ['i18n -> i18n', 'src/i18n/x.ts', "import './messages/app';"],
    [
      'the shell -> ui',
      'src/main.ts',
      "import './App.svelte';\nimport './ui/keep/KeepBar.svelte';",
    ],
    ['the shell -> state', 'src/main.ts', "import './state/view.svelte';"],
  ])('allows %s', async (_what, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  it('gives every source file one layer block', async () => {
    const files = sourceFiles(join(root, 'src')).filter((file) => /\.(ts|svelte)$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const config = await eslint.calculateConfigForFile(file);
      const rule = config.rules?.['no-restricted-imports'];
      expect(rule, relative(root, file)).toBeDefined();
      expect(rule[0], relative(root, file)).toBe(2);
    }
  });
});

describe('screens and charts', () => {
  // The rule, as a plain grep: no component under ui/ or charts/ (nor the shell)
  // reaches the engine's slice or aggregate, or IndexedDB, itself.
  it('never import core/engine/slice, core/engine/aggregate or persist/', () => {
    const src = join(root, 'src');
    const files = [
      ...sourceFiles(join(src, 'ui')),
      ...sourceFiles(join(src, 'charts')),
      join(src, 'App.svelte'),
      join(src, 'main.ts'),
    ];
    const forbidden = /^(core\/engine\/(slice|aggregate)(\.ts)?|persist\/.*)$/;
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(src, resolve(dirname(file), specifier)).replaceAll('\\', '/');
        if (forbidden.test(target)) offending.push(`${relative(root, file)}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier in `from '…'`, bare `import '…'` and `import('…')`. */
function importSpecifiers(code: string): string[] {
  const pattern = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;
  return [...code.matchAll(pattern)].map((match) => match[1] ?? match[2]);
}

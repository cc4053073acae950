// ESLint flat config. `npm run lint` runs `eslint .`.
//
// - @eslint/js and typescript-eslint recommended everywhere; promise rules type-aware in src/.
// - Office.js batching rules (eslint-plugin-office-addins) where Office.js is called: src/taskpane, src/workbook.
// - The layers of DESIGN.md: src/engine, src/data, src/cms and src/scenario know nothing of Office, the DOM or
//   the UI, and each imports only the layers above it. tsconfig.engine.json (no DOM lib, no ambient types)
//   enforces the first half in `npm run typecheck`; the rules below say it again, with the file and the name.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const SRC = path.join(import.meta.dirname, 'src');

/** For each layer, the src/ folders it may import from besides itself (DESIGN.md "Layers and folders"). */
const LOWER_LAYERS = {
  engine: [],
  data: ['engine'],
  cms: ['engine', 'data'],
  scenario: ['engine', 'data', 'cms'],
};
const UI_AND_HOST = ['functions', 'workbook', 'taskpane', 'cli'];

/** The src/ folder a module path lands in, or undefined when it is not under src/. */
function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep)[0];
}

/** Local rule: an import (static, dynamic, re-export or require) must not reach a layer it may not use. */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each src/ layer imports only the layers DESIGN.md puts above it.' },
    schema: [],
    messages: {
      upward: '{{from}} may not import from src/{{to}} ({{why}}); see DESIGN.md "Layers and folders".',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (to === undefined || to === from) return;
      let why;
      if (from in LOWER_LAYERS) {
        const allowed = LOWER_LAYERS[from];
        if (allowed.includes(to)) return;
        why = allowed.length ? `it may use ${allowed.map((l) => `src/${l}`).join(', ')}` : 'it may use no other layer';
      } else if (to === 'cli' || to === 'taskpane') {
        why = `nothing outside src/${to} builds on it`;
      } else {
        return;
      }
      context.report({ node, messageId: 'upward', data: { from: `src/${from}`, to, why } });
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node.moduleReference, node.moduleReference.expression.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((g) => [
    g,
    'readonly',
  ]),
);

const OFFICE_OR_DOM_GLOBALS = [
  'Office',
  'Excel',
  'OfficeExtension',
  'OfficeRuntime',
  'CustomFunctions',
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
].map((name) => ({ name, message: 'This layer knows nothing of Office or the DOM (DESIGN.md); pass values in.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'coverage/**', '.tmp/**', '.data-update/**'] },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  // Plain JavaScript tooling (webpack, jest, scripts, bin): CommonJS on Node.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...NODE_GLOBALS, require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: NODE_GLOBALS } },

  // All of src/: no `any`, and promises handled (an un-awaited context.sync() is a silent bug). The
  // type-aware rules use tsconfig.json's program through the project service.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { layers: { rules: { imports: layerImports } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'layers/imports': 'error',
    },
  },

  // The four layers without Office or DOM.
  {
    files: ['src/{engine,data,cms,scenario}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...OFFICE_OR_DOM_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'No UI below src/taskpane.' },
            { name: 'react-dom', message: 'No UI below src/taskpane.' },
          ],
          patterns: [
            { group: ['react-dom/*', '@fluentui/*'], message: 'No UI below src/taskpane.' },
            { group: ['office-*', '@microsoft/office-js*', '@types/office-*'], message: 'No Office below src/functions.' },
            {
              regex: `(^|/)src/(${UI_AND_HOST.join('|')})(/|$)`,
              message: 'Lower layers do not import functions, workbook, taskpane or cli (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },

  // The task pane's own folders (DESIGN.md): services.ts declares the ports; excel/ implements them, app/ and ui/
  // use them, model/ is pure conversion. Nothing imports upward: excel/ and model/ know nothing of app/ or ui/,
  // ui/ nothing of app/ or excel/ (the Office implementations reach the UI only through the ports, wired in
  // taskpane.tsx), app/ nothing of excel/.
  ...[
    { files: ['src/taskpane/services.ts'], banned: ['app', 'ui', 'excel'], from: './' },
    { files: ['src/taskpane/excel/**/*.{ts,tsx}'], banned: ['app', 'ui'], from: '../' },
    { files: ['src/taskpane/model/**/*.{ts,tsx}'], banned: ['app', 'ui', 'excel'], from: '../' },
    { files: ['src/taskpane/ui/**/*.{ts,tsx}'], banned: ['app', 'excel'], from: '../' },
    { files: ['src/taskpane/app/**/*.{ts,tsx}'], banned: ['excel'], from: '../' },
  ].map(({ files, banned, from }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${from.replace(/[./]/g, (c) => `\\${c}`)}(${banned.join('|')})(/|$)`,
              message: `src/taskpane/${files[0].split('/')[2].replace(/\*.*$/, '').replace(/\.ts$/, '')} may not import from ${banned.map((b) => `${b}/`).join(', ')}: use the ports of src/taskpane/services.ts (DESIGN.md).`,
            },
          ],
        },
      ],
    },
  })),

  // Where Office.js is called: batch reads and writes, one sync per phase (STYLE.md 8).
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/workbook/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/no-office-initialize': 'error',
    },
  },
);

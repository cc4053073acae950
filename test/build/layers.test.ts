/**
 * The layer rules of DESIGN.md hold where they are enforced: tsconfig.engine.json (no Office, no DOM, no
 * Node in src/engine, src/data, src/cms, src/scenario) and eslint.config.mjs (no UI or Office imports there,
 * no upward imports between layers).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('tsconfig.engine.json', () => {
  it('makes Office, Excel, CustomFunctions, document, window and process unknown names, not TextDecoder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infusion-planner-layers-'));
    try {
      writeFileSync(
        path.join(dir, 'probe.ts'),
        [
          'export const a = Office.context;',
          'export const b = Excel.run;',
          'export const c = CustomFunctions.ErrorCode;',
          'export const d = document.title;',
          'export const e = window.name;',
          'export const f = process.env;',
          'export const ok: readonly number[] = [1, 2].map((n) => n * 2);',
          "export const text: string = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([104, 105]));",
        ].join('\n'),
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: path.join(ROOT, 'tsconfig.engine.json'),
          include: [],
          files: ['probe.ts', path.join(ROOT, 'types/portable-globals.d.ts')],
        }),
      );
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', dir], { encoding: 'utf8' });
      const unknown = [...tsc.stdout.matchAll(/probe\.ts\((\d+),\d+\): error TS\d+: Cannot find name '(\w+)'/g)].map((m) => m[2]);
      expect(unknown).toEqual(['Office', 'Excel', 'CustomFunctions', 'document', 'window', 'process']);
      expect(tsc.stdout.match(/error TS/g)).toHaveLength(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('eslint.config.mjs layer rules', () => {
  /** Lints `text` as if it were the file `file` (no type information: the probes do not exist on disk). */
  function lint(file: string, text: string): string[] {
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)}, overrideConfig: {
        languageOptions: { parserOptions: { projectService: false } },
        rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off',
                 '@typescript-eslint/no-unused-vars': 'off', '@typescript-eslint/no-require-imports': 'off' } } });
      const [result] = await eslint.lintText(${JSON.stringify(text)}, { filePath: ${JSON.stringify(file)} });
      console.log(JSON.stringify(result.messages.map((m) => m.line + ' ' + m.ruleId)));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as string[];
  }

  it('keeps src/engine free of other layers, UI and Office', () => {
    const text = [
      "import { a } from '../data/catalog';",
      "import { b } from '../cli/main';",
      "export * from '../scenario';",
      "const c = require('../cms/csv');",
      "import React from 'react';",
      "import { Button } from '@fluentui/react-components';",
      "import { d } from './units';",
      "import Decimal from 'decimal.js';",
      'export const e = [a, b, c, React, Button, d, Decimal, document.title, Excel.run];',
    ].join('\n');
    expect(lint('src/engine/zz-probe.ts', text)).toEqual([
      '1 layers/imports',
      '2 layers/imports',
      '3 layers/imports',
      '4 layers/imports',
      '5 no-restricted-imports',
      '6 no-restricted-imports',
      '9 no-restricted-globals',
      '9 no-restricted-globals',
    ]);
  }, 60_000);

  it('lets each lower layer use only the layers above it', () => {
    const imports = ['engine', 'data', 'cms', 'scenario'].map((l) => `import * as ${l} from '../${l}';`).join('\n');
    const text = `${imports}\nexport const all = [engine, data, cms, scenario];`;
    expect(lint('src/data/zz-probe.ts', text)).toEqual(['3 layers/imports', '4 layers/imports']);
    expect(lint('src/cms/zz-probe.ts', text)).toEqual(['4 layers/imports']);
    expect(lint('src/scenario/zz-probe.ts', text)).toEqual([]);
  }, 60_000);

  it('lets nothing outside src/taskpane and src/cli import them', () => {
    const text = "import { a } from '../taskpane/app';\nimport { b } from '../cli/main';\nimport { c } from '../engine';\nexport const d = [a, b, c];";
    expect(lint('src/workbook/zz-probe.ts', text)).toEqual(['1 layers/imports', '2 layers/imports']);
    expect(lint('src/functions/zz-probe.ts', text)).toEqual(['1 layers/imports', '2 layers/imports']);
  }, 60_000);

  it('forbids `any` in src', () => {
    expect(lint('src/workbook/zz-probe.ts', 'export const x: any = 1;')).toEqual(['1 @typescript-eslint/no-explicit-any']);
  }, 60_000);

  it('applies the Office.js batching rules in src/workbook', () => {
    const text = [
      'export async function f(context: Excel.RequestContext, names: string[]): Promise<void> {',
      '  for (const n of names) {',
      '    context.workbook.worksheets.add(n);',
      '    await context.sync();',
      '  }',
      '}',
    ].join('\n');
    expect(lint('src/workbook/zz-probe.ts', text)).toEqual(['4 office-addins/no-context-sync-in-loop']);
  }, 60_000);
});

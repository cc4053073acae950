/**
 * CMS parsing: the time to parse one full quarterly payment limit file, as CSV (the "section 508 version")
 * and as xlsx, and the time of the import's quarter impact on the sample formulary. Goal (issue 6): under
 * 100 ms for the CSV.
 *
 * Files: the repository's copies in data/cms (the largest, October 2025 with 1012 codes, and January 2026).
 * The xlsx is made from the CSV once, before any timing, with exceljs: the CSV's rows in the same cells,
 * payment limits and co-insurance as numbers with a 0.000 format, as CMS's workbooks have them. Each figure
 * is the median of several runs after one warm-up run.
 *
 * Under tsx (this runner) `await import('exceljs')` in src/cms/xlsx.ts is Node's native ESM import, which
 * gives exceljs (CommonJS) as a `default` export only, so the xlsx parse fails there ("Workbook is not a
 * constructor") although it works where TypeScript compiles the import to `require` (the command line in
 * lib/, jest) and under webpack. Until xlsx.ts copes with both shapes, the xlsx figures are measured in a
 * child node process that loads the sources compiled to CommonJS by TypeScript's own transpiler, as lib/ is.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePaymentLimitCsv, parsePaymentLimitFile } from '../src/cms';
import { referenceData } from '../src/data';
import { ReferenceBook } from '../src/engine/book';
import { compareImportedQuarter } from '../src/engine/impact';
import { resolveScenario, sampleScenario } from '../src/scenario';
import { paymentLimitXlsx } from '../test/support/cms-xlsx';

const DIR = path.join(__dirname, '../data/cms/asp-pricing-files');
const FILES = [
  'section 508 version of Oct 2025 ASP Pricing File 091725.csv',
  'section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv',
];
const GOAL_CSV_MS = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function time(label: string, runs: number, f: () => unknown): Promise<number> {
  await f(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  const m = median(samples);
  console.log(`${label}: median ${m.toFixed(1)} ms over ${runs} runs (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`);
  return m;
}


const XLSX_CHILD = 'CMS_BENCH_XLSX_CHILD';

function describe(name: string, rows: number): string {
  return `${name.replace(/^section 508 version of /, '').replace(/\.csv$/, '')} (${rows} codes)`;
}

/** Times the xlsx parse of every file; false when this runtime cannot load exceljs the way xlsx.ts asks. */
async function timeXlsx(): Promise<boolean> {
  for (const name of FILES) {
    const csv = new Uint8Array(readFileSync(path.join(DIR, name)));
    const xlsx = await paymentLimitXlsx(Buffer.from(csv).toString('latin1'));
    const label = `cms: parse xlsx ${describe(name, parsePaymentLimitCsv(csv, name).rows.length)}, ${(xlsx.length / 1024).toFixed(0)} KB`;
    try {
      await time(label, 9, () => parsePaymentLimitFile(xlsx, name.replace(/csv$/, 'xlsx')));
    } catch (e) {
      if (e instanceof TypeError && /not a constructor/.test(e.message) && process.env[XLSX_CHILD] === undefined) return false;
      throw e;
    }
  }
  return true;
}

/** The xlsx timings in a child node process running this file compiled to CommonJS (see the header). */
function timeXlsxInChild(): void {
  console.log('cms: (xlsx under tsx: exceljs arrives as a default export only; measuring with the sources compiled to CommonJS)');
  const hook = `
    const ts = require('typescript');
    const fs = require('fs');
    require.extensions['.ts'] = (module, file) => {
      const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
      });
      module._compile(out.outputText, file);
    };
    require(${JSON.stringify(__filename)});`;
  const run = spawnSync(process.execPath, ['-e', hook], { stdio: 'inherit', env: { ...process.env, [XLSX_CHILD]: '1' }, cwd: path.join(__dirname, '..') });
  if (run.status !== 0) throw new Error(`xlsx timing in a child process failed (${run.signal ?? `exit ${run.status}`})`);
}

async function main(): Promise<void> {
  if (process.env[XLSX_CHILD] !== undefined) {
    await timeXlsx();
    return;
  }
  let slowestCsv = 0;
  for (const name of FILES) {
    const csv = new Uint8Array(readFileSync(path.join(DIR, name)));
    const short = describe(name, parsePaymentLimitCsv(csv, name).rows.length);
    slowestCsv = Math.max(slowestCsv, await time(`cms: parse CSV  ${short}, ${(csv.length / 1024).toFixed(0)} KB`, 25, () => parsePaymentLimitCsv(csv, name)));
  }
  if (!(await timeXlsx())) timeXlsxInChild();
  console.log(`cms: CSV goal under ${GOAL_CSV_MS} ms: ${slowestCsv < GOAL_CSV_MS ? 'met' : 'NOT met'} (slowest median ${slowestCsv.toFixed(1)} ms)`);

  const october = parsePaymentLimitCsv(new Uint8Array(readFileSync(path.join(DIR, FILES[0] as string))), FILES[0] as string);
  const input = resolveScenario(sampleScenario, referenceData);
  // A fresh book each run, as the command line and the pane build one per import.
  await time('cms: import comparison of Oct 2025 against the embedded 2026Q1, sample formulary (10 drugs x 5 payers)', 10, () =>
    compareImportedQuarter(new ReferenceBook(referenceData), october, input),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

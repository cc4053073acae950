/**
 * Board workbook benchmark (issue 4): the time to build the plan of the board workbook (every sheet, cell,
 * formula with its cached engine value, table, name, chart and print setup) for the embedded sample and for
 * the stress scenario of 200 drug lines x 6 payers x 60 months, and the number of context.sync() calls the
 * Office.js renderer makes for each (through the fake Excel host of the tests, which also measures each
 * request's payload against Excel on the web's 5 MB limit).
 *
 * Goals: plan under 200 ms (sample) and under 2 s (stress); the same number of syncs for both, at most 10 (issue 15).
 * The engine's own run (model, sensitivity, named scenarios) is not part of the plan's time; it is reported
 * alongside. Each plan time is the median of several runs after a warm-up run. The process exits non-zero
 * when the sync counts miss their goal (timings depend on the machine and are reported, not enforced).
 */
import { performance } from 'node:perf_hooks';
import { referenceData } from '../src/data';
import { ReferenceBook } from '../src/engine/book';
import { resolveScenario, sampleScenario, scenarioDefaultsApplied } from '../src/scenario';
import { type BoardInputs, boardInputs, buildBoardPlan } from '../src/workbook/board';
import { formulaCells } from '../src/workbook/plan';
import { type ExcelRun, REQUESTS, renderBoardInExcel } from '../src/workbook/render-officejs';
import { createFakeExcel } from '../test/support/fake-excel/node';
import { stressModelInput } from './stress';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function measure(label: string, make: () => BoardInputs, runs: number, goalMs: number): Promise<{ syncs: number; ok: boolean }> {
  let t = performance.now();
  const src = make();
  const engineMs = performance.now() - t;
  buildBoardPlan(src); // warm-up
  const times: number[] = [];
  let plan = buildBoardPlan(src);
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    plan = buildBoardPlan(src);
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const fake = createFakeExcel();
  t = performance.now();
  const result = await renderBoardInExcel(plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  const renderMs = performance.now() - t;
  const largest = Math.max(...fake.host.syncs.map((r) => r.payloadBytes));
  const total = fake.host.syncs.reduce((s, r) => s + r.payloadBytes, 0);
  const cells = plan.sheets.reduce((s, sh) => s + sh.rows.reduce((n, r) => n + (r?.filter((c) => c !== undefined).length ?? 0), 0), 0);
  console.log(
    `${label.padEnd(34)} plan ${ms.toFixed(0).padStart(5)} ms (goal < ${goalMs} ms: ${ms < goalMs ? 'met' : 'MISSED'}), ` +
      `${cells} cells, ${[...formulaCells(plan)].length} formulas; engine ${engineMs.toFixed(0)} ms; ` +
      `Office.js: ${result.syncs} syncs, largest request ${(largest / 1e6).toFixed(2)} MB, all ${(total / 1e6).toFixed(1)} MB, fake host ${renderMs.toFixed(0)} ms`,
  );
  return { syncs: result.syncs, ok: ms < goalMs };
}

async function main(): Promise<void> {
  const book = new ReferenceBook(referenceData);
  const sample = await measure(
    'sample (10 drugs, 5 payers, 42 mo)',
    () => boardInputs(book, resolveScenario(sampleScenario, referenceData), { applied: scenarioDefaultsApplied(sampleScenario, referenceData) }),
    9,
    200,
  );
  const stress = await measure('stress (200 drugs, 6 payers, 66 mo)', () => boardInputs(book, stressModelInput(referenceData, 200, 60)), 3, 2000);
  const syncsOk = sample.syncs === stress.syncs && stress.syncs <= 10 && stress.syncs === REQUESTS;
  console.log(`syncs: sample ${sample.syncs}, stress ${stress.syncs} (goal: equal and <= 10: ${syncsOk ? 'met' : 'MISSED'})`);
  if (!syncsOk) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * Issue 14: the task pane opening a board workbook as the command line leaves it (no record of the add-in
 * building it, no settings), in headless Chromium over the fake Excel host (production build): the sample with
 * the service area and launch plan of test/support/planned-scenario.ts, whose Market and Launch plan sheets
 * the pane reads with the Inputs sheet, against the same formulary without them. From the start of navigation
 * to the first full render (formulary listed, results computed, save state settled), and the round trips
 * (context.sync) the pane made by then: Excel on the web pays for each.
 *
 * Run with `npm run bench` (or `npx tsx bench/board-sheets.bench.ts`).
 */
import { openPane, startEnv } from '../test/taskpane/harness';
import { createFakeExcel } from '../test/support/fake-excel/node';
import { plannedScenario } from '../test/support/planned-scenario';
import { boardFor } from '../test/workbook/fixture';
import { type ExcelRun, renderBoardInExcel } from '../src/workbook/render-officejs';
import type { Scenario } from '../src/scenario/types';
import { firstFullRender, stats } from './pane-timing';

const RUNS = 5;

async function commandLineBoard(s: Scenario): Promise<string> {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  await renderBoardInExcel(boardFor(s).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  fake.host.state.settings = {};
  return JSON.stringify(fake.host.state);
}

async function main(): Promise<void> {
  const env = await startEnv({ production: true });
  try {
    const planned = plannedScenario();
    const { market: _m, launchPlan: _l, ...rest } = planned;
    void _m;
    void _l;
    const bare: Scenario = { ...rest, drugs: rest.drugs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'demand')) as Scenario['drugs'][number]) };
    const boards = { 'without Market and Launch plan sheets': await commandLineBoard(bare), 'with Market and Launch plan sheets': await commandLineBoard(planned) };
    const times: Record<string, number[]> = {};
    const syncs: Record<string, number> = {};
    // Alternated, so that both see the same load of the machine.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, state] of Object.entries(boards)) {
        const pane = await openPane(env, { state, waitReady: false });
        (times[name] ??= []).push(await firstFullRender(pane.page));
        syncs[name] = await pane.page.evaluate(() => (window as unknown as { __fakeExcel: { syncs: unknown[] } }).__fakeExcel.syncs.length);
        await pane.close();
      }
    }
    for (const name of Object.keys(boards)) console.log(`task pane, command-line board ${name}, load to first full render: ${stats(times[name] ?? [])}; ${syncs[name]} round trips`);
  } finally {
    await env.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

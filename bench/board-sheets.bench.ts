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

const RUNS = 5;

async function commandLineBoard(s: Scenario): Promise<string> {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  await renderBoardInExcel(boardFor(s).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  fake.host.state.settings = {};
  return JSON.stringify(fake.host.state);
}

function median(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${(sorted[Math.floor(sorted.length / 2)] as number).toFixed(0)} ms (min ${(sorted[0] as number).toFixed(0)}, max ${(sorted[sorted.length - 1] as number).toFixed(0)}, n=${sorted.length})`;
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
        const handle = await pane.page.waitForFunction(
          () => {
            const heading = [...document.querySelectorAll('h2')].some((h) => h.textContent === 'Proposed formulary (10 drugs)');
            const saved = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved';
            const npv = document.querySelector('[data-testid="summary"]')?.textContent?.includes('NPV') ?? false;
            return heading && saved && npv ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        (times[name] ??= []).push((await handle.jsonValue()) as number);
        syncs[name] = await pane.page.evaluate(() => (window as unknown as { __fakeExcel: { syncs: unknown[] } }).__fakeExcel.syncs.length);
        await pane.close();
      }
    }
    for (const name of Object.keys(boards)) console.log(`task pane, command-line board ${name}, load to first full render: ${median(times[name] ?? [])}; ${syncs[name]} round trips`);
  } finally {
    await env.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * The task pane in headless Chromium (the production build, over the fake Excel host):
 *
 * - load: from the start of navigation to the first full render of a workbook that holds the sample
 *   scenario (the scenario read from the Inputs tables, the formulary listed, the results computed and
 *   the save state settled). Goal: under 1 s.
 * - input change: from the input event of a typed value (a drug's new patients per month) to the updated
 *   results on screen (the header's NPV, computed from the model's results). Goal: under 100 ms.
 *
 * Run with `npm run bench` (or `npx tsx bench/taskpane.bench.ts`). Measures a production build (built into .tmp/taskpane-build/ when a source is newer).
 */
import { openPane, serializeWorkbook, startEnv } from '../test/taskpane/harness';
import { firstFullRender, stats } from './pane-timing';

const LOAD_RUNS = 7;
const CHANGE_RUNS = 15;

async function main(): Promise<void> {
  const env = await startEnv({ production: true });
  try {
    // A workbook holding the sample scenario.
    const setup = await openPane(env);
    await setup.page.getByRole('button', { name: 'Load the sample' }).click();
    await setup.page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    await setup.page.waitForTimeout(500);
    const workbook = await serializeWorkbook(setup.page);
    await setup.close();

    const loads: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const pane = await openPane(env, { state: workbook, waitReady: false });
      loads.push(await firstFullRender(pane.page));
      await pane.close();
    }

    const pane = await openPane(env, { state: workbook });
    const page = pane.page;
    await page.getByRole('button', { name: /Avsola/ }).first().click();
    const field = page.getByRole('group', { name: 'Avsola (infliximab-axxq) settings' }).getByLabel('New patients / month');
    await page.evaluate(() => {
      const w = window as unknown as { __bench: { input: number; changed: number[] } };
      w.__bench = { input: 0, changed: [] };
      document.addEventListener('input', () => (w.__bench.input = performance.now()), true);
      const summary = document.querySelector('[data-testid="summary"]');
      if (!summary) throw new Error('no summary line');
      new MutationObserver(() => w.__bench.changed.push(performance.now() - w.__bench.input)).observe(summary, { childList: true, characterData: true, subtree: true });
    });
    const changes: number[] = [];
    for (let i = 0; i < CHANGE_RUNS; i++) {
      const before = await page.evaluate(() => (window as unknown as { __bench: { changed: number[] } }).__bench.changed.length);
      await field.fill(String(2 + ((i % 5) + 1) * 0.5));
      await page.waitForFunction((n) => (window as unknown as { __bench: { changed: number[] } }).__bench.changed.length > n, before, { polling: 'raf' });
      await page.waitForTimeout(350);
      changes.push(await page.evaluate((n) => (window as unknown as { __bench: { changed: number[] } }).__bench.changed[n] as number, before));
    }
    await pane.close();

    console.log(`task pane, load to first full render (sample scenario, 10 drugs): ${stats(loads)}; goal < 1000 ms`);
    console.log(`task pane, input change to updated results: ${stats(changes)}; goal < 100 ms`);
  } finally {
    await env.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

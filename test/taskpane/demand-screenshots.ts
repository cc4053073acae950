/**
 * Screenshots of the Demand view for the README, at 320 px (the narrowest pane) and 500 px: the sample scenario
 * with the service area of test/taskpane/demand-pane.test.ts (120,000 adults, capture 40%), the IBD area
 * opened, and Avsola adopting its derived 0.78 new patients a month.
 *
 *     npx tsx test/taskpane/demand-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-demand-<width>.png (the service area and the areas) and taskpane-demand-drugs-<width>.png
 * (the per-drug figures).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openPane, startEnv } from './harness';
import { enterServiceArea, typeInto } from './demand-steps';

const OUT = path.resolve(process.argv[2] ?? path.join(__dirname, '../../docs'));

async function enter(page: Page): Promise<void> {
  await enterServiceArea(page, { dismiss: true });
  await page.getByLabel('Area of Q5121').selectOption('ibd');
  await typeInto(page, 'Share of Q5121', '50');
  await page.getByRole('radiogroup', { name: 'Volume of Q5121' }).getByLabel('Use derived').check();
  await page.getByLabel('Area of J2350').selectOption('ms');
  await typeInto(page, 'Share of J2350', '80');
  await page.getByText('volume: derived default, 0.78 a month').waitFor();
}

async function main(): Promise<void> {
  const env = await startEnv();
  try {
    for (const width of [320, 500]) {
      const pane = await openPane(env, { width, height: 900 });
      const { page } = pane;
      await enter(page);
      await page.getByTestId('save-state').filter({ hasText: 'Saved in workbook' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const top = path.join(OUT, `taskpane-demand-${width}.png`);
      await page.screenshot({ path: top });
      console.log(top);
      await page.getByRole('button', { name: /Crohn's disease/ }).click();
      await page.getByTestId('demand-Q5121').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(300);
      const drugs = path.join(OUT, `taskpane-demand-drugs-${width}.png`);
      await page.screenshot({ path: drugs });
      console.log(drugs);
      await pane.close();
    }
  } finally {
    await env.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

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

const OUT = path.resolve(process.argv[2] ?? path.join(__dirname, '../../docs'));

async function enter(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load the sample' }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('tab', { name: 'Demand' }).click();
  await page.getByRole('button', { name: 'Estimate demand for my service area' }).click();
  const type = async (label: string, value: string): Promise<void> => {
    const input = page.getByLabel(new RegExp(`^${label.replace(/[+]/g, '\\+')}`));
    await input.fill(value);
    await input.blur();
  };
  await type('Adults 18-49', '60000');
  await type('Adults 50-64', '36000');
  await type('Adults 65+', '24000');
  await type('Travelling beyond it', '20');
  await type('Hospital outpatient', '1');
  await type('Other practices', '1');
  await type('Home infusion', '1');
  await page.getByLabel('Area of Q5121').selectOption('ibd');
  await type('Share of Q5121', '50');
  await page.getByRole('radiogroup', { name: 'Volume of Q5121' }).getByLabel('Use derived').check();
  await page.getByLabel('Area of J2350').selectOption('ms');
  await type('Share of J2350', '80');
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

/**
 * Screenshots of the Demand view for the README, at 320 px (the narrowest pane) and 500 px: the sample scenario
 * with the service area of test/taskpane/demand-pane.test.ts (120,000 adults, capture 40%), the IBD area
 * opened, and Avsola adopting its derived 0.676 (shown 0.68) new patients a month.
 *
 *     npx tsx test/taskpane/demand-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-demand-<width>.png (the service area and the areas) and taskpane-demand-drugs-<width>.png
 * (the per-drug figures), then taskpane-demand-not-estimated-<width>.png: the immune globulin area opened (no
 * public share on infused therapy nor yearly starts: no default, "not estimated") once Privigen (J1459) claims it,
 * and taskpane-demand-not-estimated-drug-<width>.png: Privigen with no derived figure, "Use derived" disabled.
 */
import type { Page } from 'playwright-core';
import { runScreenshots } from './harness';
import { enterServiceArea, typeInto } from './demand-steps';

async function enter(page: Page): Promise<void> {
  await enterServiceArea(page, { dismiss: true });
  await page.getByLabel('Area of Q5121').selectOption('ibd');
  await typeInto(page, 'Share of Q5121', '50');
  await page.getByRole('radiogroup', { name: 'Volume of Q5121' }).getByLabel('Use derived').check();
  await page.getByLabel('Area of J2350').selectOption('ms');
  await typeInto(page, 'Share of J2350', '80');
  await page.getByText('volume: derived default, 0.68 a month').waitFor();
}

runScreenshots(
  async (page, shot) => {
    await enter(page);
    await page.getByTestId('save-state').filter({ hasText: 'Saved in workbook' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('demand');
    await page.getByRole('button', { name: /Crohn's disease/ }).click();
    await page.getByTestId('demand-Q5121').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('demand-drugs');
    await page.getByRole('button', { name: /Crohn's disease/ }).click();
    await page.getByLabel('Area of J1459').selectOption('immune_globulin');
    await page.getByTestId('no-derived-J1459').waitFor();
    await page.getByRole('button', { name: /Immune globulin/ }).click();
    // Below the pane's sticky header.
    await page.getByRole('button', { name: /Immune globulin/ }).evaluate((e) => {
      e.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -120);
    });
    await shot('demand-not-estimated');
    await page.getByTestId('demand-J1459').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('demand-not-estimated-drug');
  },
  // enterServiceArea loads the sample itself.
  { loadSample: false },
);

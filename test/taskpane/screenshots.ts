/**
 * Screenshots of the task pane's main views for the README, at the narrowest width Excel gives a pane
 * (320 px) and a comfortable one (500 px), with the sample scenario:
 *
 *     npx tsx test/taskpane/screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-<view>-<width>.png. Each shot is what the user sees in a 900 px tall pane (the board
 * workbook is built in the fake Excel host for the Workbook view).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openPane, startEnv } from './harness';

const OUT = path.resolve(process.argv[2] ?? path.join(__dirname, '../../docs'));

async function shoot(page: Page, name: string, width: number): Promise<void> {
  await page.waitForTimeout(300);
  const file = path.join(OUT, `taskpane-${name}-${width}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

async function main(): Promise<void> {
  const env = await startEnv();
  try {
    for (const width of [320, 500]) {
      const pane = await openPane(env, { width, height: 900 });
      const { page } = pane;
      await page.getByRole('button', { name: 'Load the sample' }).click();
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await page.getByRole('searchbox').fill('infliximab');
      await page.getByRole('button', { name: /Avsola/ }).last().click();
      await page.getByRole('heading', { name: /Proposed formulary/ }).scrollIntoViewIfNeeded();
      await page.getByRole('group', { name: 'Avsola (infliximab-axxq) settings' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'formulary', width);

      await page.getByRole('tab', { name: 'Payers' }).click();
      await page.getByRole('group', { name: 'Payer mix' }).getByLabel('Commercial', { exact: true }).fill('17');
      await shoot(page, 'payers-mix-off', width);
      await page.getByRole('group', { name: 'Payer mix' }).getByLabel('Commercial', { exact: true }).fill('27');
      await page.getByRole('button', { name: /^Commercial/ }).click();
      await page.getByRole('group', { name: 'Commercial contract terms' }).scrollIntoViewIfNeeded();
      await shoot(page, 'payers', width);

      await page.getByRole('tab', { name: 'Results' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'results', width);
      await page.getByRole('heading', { name: 'Margin per administration' }).evaluate((e) => e.scrollIntoView());
      await shoot(page, 'results-drugs', width);

      await page.getByRole('tab', { name: 'Program' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'program', width);

      await page.getByRole('tab', { name: 'Workbook' }).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: 'Build board workbook' }).click();
      await page.getByText(/^Board workbook built/).waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'workbook', width);
      await page.getByRole('button', { name: 'Build board workbook' }).click();
      await page.getByRole('alertdialog').waitFor();
      await shoot(page, 'workbook-confirm', width);
      await page.getByRole('button', { name: 'Keep them' }).click();
      // A new drug adds rows to Inputs: the pane asks before it lays the board out again.
      await page.getByRole('tab', { name: 'Formulary' }).click();
      await page.getByRole('searchbox').fill('Tysabri');
      await page.getByRole('button', { name: /^Add Tysabri/ }).click();
      await page.getByRole('alertdialog', { name: 'Lay the board out again?' }).waitFor();
      await shoot(page, 'relayout-confirm', width);
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

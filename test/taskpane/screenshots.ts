/**
 * Screenshots of the task pane's main views for the README, at the narrowest width Excel gives a pane
 * (320 px) and a comfortable one (500 px), with the sample scenario:
 *
 *     npx tsx test/taskpane/screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-<view>-<width>.png. Each shot is what the user sees in a 900 px tall pane (the board
 * workbook is built in the fake Excel host for the Workbook view).
 */
import { runScreenshots } from './harness';

runScreenshots(async (page, shot) => {
  await page.getByRole('searchbox').fill('infliximab');
  await page.getByRole('button', { name: /Avsola/ }).last().click();
  await page.getByRole('heading', { name: /Proposed formulary/ }).scrollIntoViewIfNeeded();
  await page.getByRole('group', { name: 'Avsola (infliximab-axxq) settings' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('formulary');

  await page.getByRole('tab', { name: 'Payers' }).click();
  await page.getByRole('group', { name: 'Payer mix' }).getByLabel('Commercial', { exact: true }).fill('17');
  await shot('payers-mix-off');
  await page.getByRole('group', { name: 'Payer mix' }).getByLabel('Commercial', { exact: true }).fill('27');
  await page.getByRole('button', { name: /^Commercial/ }).click();
  await page.getByRole('group', { name: 'Commercial contract terms' }).scrollIntoViewIfNeeded();
  await shot('payers');

  await page.getByRole('tab', { name: 'Results' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('results');
  await page.getByRole('heading', { name: 'Margin per administration' }).evaluate((e) => e.scrollIntoView());
  await shot('results-drugs');

  await page.getByRole('tab', { name: 'Program' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('program');

  await page.getByRole('tab', { name: 'Workbook' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Build board workbook' }).click();
  await page.getByText(/^Board workbook built/).waitFor({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('workbook');
  await page.getByRole('button', { name: 'Build board workbook' }).click();
  await page.getByRole('alertdialog').waitFor();
  await shot('workbook-confirm');
  await page.getByRole('button', { name: 'Keep them' }).click();
  // A new drug adds rows to Inputs: the pane asks before it lays the board out again.
  await page.getByRole('tab', { name: 'Formulary' }).click();
  await page.getByRole('searchbox').fill('Tysabri');
  await page.getByRole('button', { name: /^Add Tysabri/ }).click();
  await page.getByRole('alertdialog', { name: 'Lay the board out again?' }).waitFor();
  await shot('relayout-confirm');
});

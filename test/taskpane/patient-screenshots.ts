/**
 * Screenshots of the Patient estimate view for the README, at 320 px (the narrowest pane) and 500 px, with the
 * sample scenario: a Medicare Advantage patient on Ocrevus, who reaches the out-of-pocket limit in month 7.
 *
 *     npx tsx test/taskpane/patient-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-patient-<width>.png (the top of the view) and taskpane-patient-months-<width>.png (the
 * month-by-month line and the help).
 */
import path from 'node:path';
import { openPane, startEnv } from './harness';

const OUT = path.resolve(process.argv[2] ?? path.join(__dirname, '../../docs'));

async function main(): Promise<void> {
  const env = await startEnv();
  try {
    for (const width of [320, 500]) {
      const pane = await openPane(env, { width, height: 900 });
      const { page } = pane;
      await page.getByRole('button', { name: 'Load the sample' }).click();
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await page.getByRole('tab', { name: 'Patient' }).click();
      await page.getByLabel('Payer').selectOption('MEDICARE_ADVANTAGE');
      await page.getByLabel('Drug', { exact: true }).selectOption('J2350');
      await page.getByTestId('cap').filter({ hasText: 'reached in month 7' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const top = path.join(OUT, `taskpane-patient-${width}.png`);
      await page.screenshot({ path: top });
      console.log(top);
      await page.getByRole('table', { name: 'Month by month' }).evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(300);
      const months = path.join(OUT, `taskpane-patient-months-${width}.png`);
      await page.screenshot({ path: months });
      console.log(months);
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

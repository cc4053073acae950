/**
 * Screenshots of the Patient estimate view for the README, at 320 px (the narrowest pane) and 500 px, with the
 * sample scenario: a Medicare Advantage patient on Ocrevus, who reaches the out-of-pocket limit in month 7.
 *
 *     npx tsx test/taskpane/patient-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-patient-<width>.png (the top of the view) and taskpane-patient-months-<width>.png (the
 * month-by-month line and the help).
 */
import { runScreenshots } from './harness';

runScreenshots(async (page, shot) => {
  await page.getByRole('tab', { name: 'Patient' }).click();
  await page.getByLabel('Payer').selectOption('MEDICARE_ADVANTAGE');
  await page.getByLabel('Drug', { exact: true }).selectOption('J2350');
  await page.getByTestId('cap').filter({ hasText: 'reached in month 7' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('patient');
  await page.getByRole('table', { name: 'Month by month' }).evaluate((e) => e.scrollIntoView());
  await shot('patient-months');
});

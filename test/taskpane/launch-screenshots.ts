/**
 * Screenshots of the Launch view for the README, at 320 px (the narrowest pane) and 500 px: the sample with the
 * default plan, Remicade's distributor task late to month 8 (held back to operating month 3), the Medicaid
 * prior-authorization workflow done and the chairs and space in progress.
 *
 *     npx tsx test/taskpane/launch-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-launch-<width>.png (readiness and the first tasks) and taskpane-launch-tasks-<width>.png (further down).
 */
import { runScreenshots } from './harness';

runScreenshots(async (page, shot) => {
  await page.getByRole('tab', { name: 'Launch' }).click();
  await page.getByRole('button', { name: 'Start the default plan' }).click();
  await page.getByTestId('task-5').getByLabel('Status of task 5').selectOption('late');
  await page.getByTestId('task-5').getByLabel('End').fill('8');
  await page.getByTestId('task-15').getByLabel('Status of task 15').selectOption('done');
  await page.getByTestId('task-20').getByLabel('Status of task 20').selectOption('in_progress');
  await page.getByTestId('readiness-counts').filter({ hasText: '1 of 20 tasks done · 1 in progress · 1 late' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('launch');
  await page.getByTestId('task-14').evaluate((e) => e.scrollIntoView());
  await shot('launch-tasks');
});

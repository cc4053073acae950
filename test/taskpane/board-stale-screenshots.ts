/**
 * Screenshot of the notice that a board sheet no longer matches the pane (issue 14), for the README: the sample
 * with the default launch plan, the board built, then the plan removed in the pane. The Launch plan sheet still
 * shows the 20 tasks, and the Launch view says so.
 *
 *     npx tsx test/taskpane/board-stale-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-board-stale-360.png.
 */
import { runScreenshots } from './harness';

runScreenshots(
  async (page, shot) => {
    await page.getByRole('tab', { name: 'Launch' }).click();
    await page.getByRole('button', { name: 'Start the default plan' }).click();
    await page.getByTestId('readiness-counts').waitFor();
    await page.getByRole('tab', { name: 'Workbook' }).click();
    await page.getByRole('button', { name: 'Build board workbook' }).click();
    await page.getByText(/^Board workbook built:/).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Launch' }).click();
    await page.getByRole('button', { name: 'Remove the launch plan' }).click();
    await page.getByTestId('stale-launch').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('board-stale');
  },
  { widths: [360] },
);

/**
 * Issue 14: the Launch view in the real pane (webpack's build, headless Chromium, the fake Excel host), with the
 * sample formulary. Figures worked out by hand in test/scenario/launch-plan.test.ts (the template splits the
 * sample's $60,000 of startup costs: 7,500, 7,500, 13,500, 13,500, 12,000, 6,000 over months 1-6) and
 * test/cli/model-launch.test.ts (a distributor task running to month 8 of a 6-month plan holds its drug 2 months:
 * first patients in operating month 3).
 */
import type { Page } from 'playwright-core';
import { ReferenceBook } from '../../src/engine/book';
import { referenceData } from '../../src/data';
import { defaultLaunchPlan, sampleScenario, type Scenario } from '../../src/scenario';
import { computeResults } from '../../src/taskpane/model/results';
import { moneyRounded } from '../../src/taskpane/ui/format';
import { expectText as expectIn, serializeWorkbook, usePaneEnv } from './harness';

jest.setTimeout(240_000);

const { open } = usePaneEnv();

const expectText = (page: Page, testId: string, text: string): Promise<void> => expectIn(page.getByTestId(testId), text);

describe('Launch plan in the task pane (fake host)', () => {
  it('starts the default plan, takes a late distributor task, shows the drug held back and keeps the plan with the file', async () => {
    const pane = await open({ width: 360 });
    const { page } = pane;
    await page.getByRole('button', { name: 'Load the sample' }).click();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('tab', { name: 'Launch' }).click();
    await page.getByRole('button', { name: 'Start the default plan' }).click();
    await page.getByText(/Default plan template \(an assumption\)/).waitFor();
    // 3 contracts + 10 distributors + 3 prior-authorization workflows + 2 order sets + training + space = 20 tasks.
    await expectText(page, 'readiness-counts', '0 of 20 tasks done · 0 in progress · 0 late');
    await expectText(page, 'held-drugs', 'No drug is held back past launch.');
    await expectText(page, 'startup-by-month', '1: $7,500 · 2: $7,500 · 3: $13,500 · 4: $13,500 · 5: $12,000 · 6: $6,000');

    // Task 5, Remicade's distributor account, runs late to month 8.
    const task = page.getByTestId('task-5');
    await task.getByText('Distributor account and availability: Remicade (infliximab)').waitFor();
    await task.getByLabel('Status of task 5').selectOption('late');
    await task.getByLabel('End').fill('8');
    await expectText(page, 'readiness-counts', '0 of 20 tasks done · 0 in progress · 1 late');
    await expectText(page, 'held-drugs', 'Remicade (infliximab): first patients in operating month 3, waiting on Distributor account and availability: Remicade (infliximab)');
    // The template label goes with the first change: the plan is the practice's own.
    await page.getByText(/Default plan template/).waitFor({ state: 'detached' });
    // The model follows: the header's NPV is the engine's for the sample with this plan (planning months from the
    // plan, startup costs by month, Remicade's patients from operating month 3).
    const template = defaultLaunchPlan(sampleScenario, referenceData);
    const { planningMonths: _pm, ...program } = sampleScenario.program;
    void _pm;
    const planned: Scenario = { ...sampleScenario, program, launchPlan: { months: 6, team: template.team, tasks: template.tasks.map((t, i) => (i === 4 ? { ...t, status: 'late', endMonth: 8 } : t)) } };
    const expected = computeResults(planned, new ReferenceBook(referenceData), referenceData);
    if (!expected.ok || !expected.program) throw new Error('the planned scenario does not run');
    await page.getByTestId('summary').filter({ hasText: `NPV ${moneyRounded(expected.program.npv)}` }).waitFor();
    // A month before the start is refused where it is typed, naming the rule.
    await task.getByLabel('End').fill('0');
    await task.getByText('Enter a whole number of months from 1 to 240.').waitFor();
    await task.getByLabel('End').fill('8');

    // The Program view leaves the planning months and startup costs to the plan.
    await page.getByRole('tab', { name: 'Program' }).click();
    await page.getByText('Set by the launch plan (Launch view).').first().waitFor();
    expect(await page.getByLabel('Planning months').isDisabled()).toBe(true);

    // Saved with the file: a new pane over the same workbook shows the plan as left.


    await page.getByTestId('save-state').filter({ hasText: 'Saved in workbook' }).waitFor();
    // The plan is kept in the document's settings (a save of its own): wait until the file holds the late task.
    let state = '';
    for (let i = 0; i < 100 && !state.includes('"endMonth":8'); i++) {
      await page.waitForTimeout(100);
      state = await serializeWorkbook(page);
    }
    expect(state).toContain('"endMonth":8');
    const again = (await open({ width: 360, state })).page;
    await again.getByRole('tab', { name: 'Launch' }).click();
    await expectText(again, 'readiness-counts', '0 of 20 tasks done · 0 in progress · 1 late');
    expect(await again.getByTestId('task-5').getByLabel('End').inputValue()).toBe('8');
    expect(pane.errors).toEqual([]);
  });
});

/**
 * Issue 14: the steps of the Demand view shared by its browser test and its screenshots: the sample, the Demand
 * view, and the service area of test/support/market-scenario.ts typed in (120,000 adults; capture 40%).
 */
import type { Page } from 'playwright-core';

/** Types `value` into the field whose label starts with `label`, and leaves it (the value is committed). */
export async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(new RegExp(`^${label.replace(/[+]/g, '\\+')}`));
  await input.fill(value);
  await input.blur();
}

/** The sample, the Demand view, and the service area typed in; `dismiss`: close the sample's notice first (for a clean screenshot). */
export async function enterServiceArea(page: Page, options: { dismiss?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Load the sample' }).click();
  if (options.dismiss === true) await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('tab', { name: 'Demand' }).click();
  await page.getByRole('button', { name: 'Estimate demand for my service area' }).click();
  const type = (label: string, value: string): Promise<void> => typeInto(page, label, value);
  await type('Adults 18-49', '60000');
  await type('Adults 50-64', '36000');
  await type('Adults 65+', '24000');
  await type('Travelling beyond it', '20');
  await type('Hospital outpatient', '1');
  await type('Other practices', '1');
  await type('Home infusion', '1');
}

/**
 * Screenshots of a drug's own terms and of the form for a drug the catalog lacks, for the README, at 320 px
 * (the narrowest pane) and 500 px, with the sample scenario:
 *
 *     npx tsx test/taskpane/drug-terms-screenshots.ts [OUT_DIR]     (default docs/)
 *
 * Writes taskpane-drug-terms-<width>.png (Entyvio: 40% of Commercial's patients white-bagged, its own payer
 * mix being set) and taskpane-custom-drug-<width>.png (Lemtrada, J0202, being added; a field's problem named).
 */
import { runScreenshots } from './harness';

runScreenshots(async (page, shot) => {
  await page.getByRole('button', { name: /^Entyvio/ }).first().click();
  const entyvio = page.getByRole('group', { name: 'Entyvio (vedolizumab) settings' });
  await entyvio.getByLabel('Commercial: where Entyvio (vedolizumab) comes from').selectOption('buy_and_bill');
  await entyvio.getByLabel('Commercial: white-bagged').fill('40');
  await entyvio.getByRole('switch', { name: 'Entyvio (vedolizumab): its own payer mix' }).click();
  const mix = entyvio.getByRole('group', { name: 'Entyvio (vedolizumab): payer mix' });
  await mix.getByLabel('Medicare fee-for-service', { exact: true }).fill('50');
  await mix.getByLabel('Commercial', { exact: true }).fill('37');
  await entyvio.getByText('Payers for this drug').evaluate((e) => e.scrollIntoView());
  // The sticky header covers the top of the pane: the section's heading just below it.
  await page.evaluate(() => window.scrollBy(0, -110));
  await shot('drug-terms');

  await page.getByRole('button', { name: 'Add a drug of your own' }).click();
  const form = page.getByRole('group', { name: 'A drug of your own' });
  await form.getByLabel('HCPCS code').fill('J0202');
  await form.getByLabel('Name').fill('Lemtrada (alemtuzumab)');
  await form.getByLabel('Dose', { exact: true }).fill('12');
  await form.getByLabel('Infusion time').fill('240');
  await form.getByLabel('Loading days').fill('0, 1, 2, 3, 4');
  await form.getByLabel('Doses in all').fill('5');
  await form.getByRole('button', { name: 'Add your drug' }).click();
  await form.getByText('Required. Enter a whole number of minutes from 0 to 1,440.').waitFor();
  await page.getByRole('heading', { name: 'A drug the catalog lacks' }).evaluate((e) => e.scrollIntoView());
  await page.evaluate(() => window.scrollBy(0, -110));
  await shot('custom-drug');
});

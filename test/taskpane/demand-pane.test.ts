/**
 * Issue 14, the Demand view in the real pane (webpack's build, headless Chromium, the fake Excel host), with the
 * sample formulary and the service area of test/support/market-scenario.ts, typed in: 120,000 adults (60,000 /
 * 36,000 / 24,000), 20% travelling beyond the drive time, one hospital outpatient site, one other practice and
 * one home infusion provider:
 *   capture = 0.2 + 0.8 x 1/(1 + 3) = 40%;
 *   IBD: 120,000 x 1.3% = 1,560 x 13% = 202.8 x 20% / 12 = 3.38 a month x 0.4 = 1.352 (shown 1.35);
 *   Avsola takes half: 0.676 a month (shown 0.68), beside its own 2: gap 2 - 0.676 = +1.324 (+1.32); adopted: the
 *   model runs on 0.676.
 * Immune globulin: no public share on infused therapy nor yearly starts, so no default: 120,000 x 0.0863% = 103.56
 *   diagnosed (shown 103.6), "not estimated". Privigen (J1459) claiming all of it has no derived figure to use.
 *   With the practice's 25% and 15% typed: 103.56 x 0.25 x 0.15 / 12 x 0.4 = 0.12945 a month (shown 0.13);
 *   Privigen kept at its own 0.5: gap 0.5 - 0.12945 = +0.37055 (+0.37).
 */
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { referenceData } from '../../src/data';
import { resolveScenario } from '../../src/scenario';
import { moneyRounded } from '../../src/taskpane/ui/format';
import { marketScenario } from '../support/market-scenario';
import { expectText, serializeWorkbook, usePaneEnv } from './harness';
import { typeInto } from './demand-steps';
import { parseState, workbookScenario } from './workbook-state';
import { enterServiceArea } from './demand-steps';

jest.setTimeout(240_000);

const { open } = usePaneEnv();

describe('Demand view in the task pane (fake host)', () => {
  it('derives the capture share and each area\'s new patients a month from the service area', async () => {
    const { page, errors } = await open({ width: 360 });
    await enterServiceArea(page);
    await expectText(page.getByTestId('capture'), '40%');
    await expectText(page.getByTestId('area-ibd'), '1.35 / month');
    // RA: 636 x 16% x 43% / 12 x 0.4 = 1.45856 -> 1.46; osteoporosis: 7,272 x 9% x 27% / 12 x 0.4 = 5.89032 -> 5.89.
    await expectText(page.getByTestId('area-ra'), '1.46 / month');
    await expectText(page.getByTestId('area-osteoporosis'), '5.89 / month');
    expect(errors).toEqual([]);
  });

  it('keeps the user\'s own figure with the gap shown, or adopts the derived one as the model\'s volume; both survive reopening the file', async () => {
    const { page } = await open({ width: 360 });
    await enterServiceArea(page);
    await page.getByLabel('Area of Q5121').selectOption('ibd');
    const share = page.getByLabel('Share of Q5121', { exact: true });
    await share.fill('50');
    await share.blur();
    await expectText(page.getByTestId('derived-Q5121'), '0.68');
    // Kept: 2 - 0.676 = +1.324 (+1.32); the sample's NPV is unchanged.
    await expectText(page.getByTestId('gap-Q5121'), '+1.32');
    const book = new ReferenceBook(referenceData);
    const npv = (adopt: boolean): string => moneyRounded(runModel(book, resolveScenario(marketScenario(adopt), referenceData)).summary.npv.toNumber());
    await expectText(page.getByTestId('summary'), `NPV ${npv(false)}`);

    await page.getByRole('radiogroup', { name: 'Volume of Q5121' }).getByLabel('Use derived').check();
    await expectText(page.getByTestId('gap-Q5121'), 'none');
    await page.getByText('volume: derived default, 0.68 a month').waitFor();
    // The model runs on 0.676 new Avsola patients a month: the NPV is the engine's for the adopted scenario.
    expect(npv(true)).not.toBe(npv(false));
    await expectText(page.getByTestId('summary'), `NPV ${npv(true)}`);

    await page.getByTestId('save-state').filter({ hasText: 'Saved in workbook' }).waitFor();
    const again = await open({ state: await serializeWorkbook(page), width: 360 });
    await again.page.getByRole('tab', { name: 'Demand' }).click();
    await expectText(again.page.getByTestId('capture'), '40%');
    await again.page.getByText('volume: derived default, 0.68 a month').waitFor();
    await expectText(again.page.getByTestId('summary'), `NPV ${npv(true)}`);
    // The Inputs sheet still holds the user's own 2 a month for Avsola (the pane never overwrote it).
    expect(workbookScenario(parseState(await serializeWorkbook(again.page))).drugs.find((d) => d.hcpcs === 'Q5121')?.newPatientsPerMonth).toBe(2);
  });

  it('shows immune globulin "not estimated" with empty fields, and "Use derived" disabled for its drug until the practice enters its figures', async () => {
    const { page, errors } = await open({ width: 360 });
    await enterServiceArea(page);
    await expectText(page.getByTestId('area-immune_globulin'), 'not estimated');
    await page.getByRole('button', { name: /Immune globulin/ }).click();
    await expectText(page.getByTestId('not-estimated-immune_globulin'), '103.6 diagnosed · not estimated: enter your figures');
    // Empty, with no default shown (no placeholder figure): nothing invented.
    const infused = page.getByLabel(/^On infused therapy/);
    expect([await infused.inputValue(), await infused.getAttribute('placeholder')]).toEqual(['', null]);
    await page.getByText("no public figure: enter the practice's own.").first().waitFor();

    await page.getByLabel('Area of J1459').selectOption('immune_globulin');
    await expectText(page.getByTestId('derived-J1459'), 'not estimated');
    const useDerived = page.getByRole('radiogroup', { name: 'Volume of J1459' }).getByLabel('Use derived');
    expect(await useDerived.isDisabled()).toBe(true);
    await expectText(page.getByTestId('no-derived-J1459'), 'No derived figure to use: Immune globulin (primary immunodeficiency, neurology) is not estimated');

    // The practice's own 25% and 15%: 0.12945 a month (0.13), Privigen's gap 0.5 - 0.12945 = +0.37.
    await typeInto(page, 'On infused therapy', '25');
    await typeInto(page, 'Start or switch a year', '15');
    await expectText(page.getByTestId('area-immune_globulin'), '0.13 / month');
    await expectText(page.getByTestId('derived-J1459'), '0.13');
    await expectText(page.getByTestId('gap-J1459'), '+0.37');
    expect(await useDerived.isDisabled()).toBe(false);
    await useDerived.check();
    await page.getByText('volume: derived default, 0.13 a month').waitFor();

    // The starts cleared again: not estimated, and the drug back on its own figure (nothing to adopt).
    await typeInto(page, 'Start or switch a year', '');
    await expectText(page.getByTestId('area-immune_globulin'), 'not estimated');
    await expectText(page.getByTestId('derived-J1459'), 'not estimated');
    expect(await page.getByRole('radiogroup', { name: 'Volume of J1459' }).getByLabel('Keep mine').isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('refuses a share above 100% where it is typed', async () => {
    const { page } = await open({ width: 360 });
    await enterServiceArea(page);
    await page.getByLabel('Area of Q5121').selectOption('ibd');
    await page.getByLabel('Share of Q5121', { exact: true }).fill('150');
    await page.getByText(/Enter a percentage from 0 to 100/).first().waitFor();
  });
});

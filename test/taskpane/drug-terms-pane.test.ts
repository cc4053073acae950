/**
 * A drug's own terms in the real pane (webpack's build, headless Chromium, the fake Excel host), with the
 * sample formulary: its drug source by payer with a white-bagged share (DOMAIN.md 5.1), its own payer mix
 * (5.2), and a drug the catalog lacks added with its facts (5.4). The scenario draft, the Results view, the
 * Inputs sheet and the INFUSION functions follow. Figures worked out by hand in
 * test/functions/scenario-drugs.test.ts:
 *   Entyvio 300 mg, COMMERCIAL with 40% white-bagged: margin 571.09 (all bought: 823.81);
 *   Entyvio's own mix MEDICARE 50% / COMMERCIAL 50%: 0.5 x 326.01495358 + 0.5 x 571.08534655 = 448.55;
 *   Lemtrada J0202 12 mg, MEDICARE: 28814.48484 - 27703.04150943 = 1111.44.
 */
import type { Locator, Page } from 'playwright-core';
import type { Scenario } from '../../src/scenario/types';
import { type OpenPane, expectText, serializeWorkbook, until, usePaneEnv } from './harness';
import { cell, parseState, sheet, workbookScenario } from './workbook-state';

jest.setTimeout(240_000);

const panes = usePaneEnv();

async function withSample(): Promise<OpenPane> {
  const pane = await panes.open({ width: 360 });
  await pane.page.getByRole('button', { name: 'Load the sample' }).click();
  await pane.page.getByRole('button', { name: 'Dismiss' }).click();
  return pane;
}

async function savedScenario(page: Page, ok: (s: Scenario) => boolean, what: string): Promise<Scenario> {
  return until(async () => {
    const s = workbookScenario(parseState(await serializeWorkbook(page)));
    return ok(s) ? s : undefined;
  }, what);
}

/** The user typing a formula into Sheet1!A1, and the value the fake Excel computes for it (after recalculations). */
async function formula(page: Page, text: string): Promise<void> {
  await page.evaluate((f) => (window as unknown as { __fakeExcel: { userEdit(s: string, a: string, v: unknown[][]): void } }).__fakeExcel.userEdit('Sheet1', 'A1', [[f]]), text);
}
async function a1(page: Page): Promise<unknown> {
  const s = sheet(parseState(await serializeWorkbook(page)), 'Sheet1');
  return s === undefined ? undefined : cell(s, 0, 0)?.v;
}

/** A drug's line in Results: its text. */
function resultLine(page: Page, hcpcs: string): Locator {
  return page.getByRole('list', { name: 'Drugs, by margin per administration' }).locator(`li[data-hcpcs="${hcpcs}"]`);
}

describe("a drug's own terms in the task pane (fake host)", () => {
  it("white-bags 40% of Commercial's Entyvio patients and gives Entyvio its own mix: Results, the Inputs sheet and INFUSION.MARGIN follow", async () => {
    const pane = await withSample();
    const { page } = pane;
    await page.getByRole('button', { name: /^Entyvio/ }).first().click();
    const entyvio = page.getByRole('group', { name: 'Entyvio (vedolizumab) settings' });
    await entyvio.waitFor();
    await formula(page, '=INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL")');
    await until(async () => (await a1(page)) === 823.81, 'all of Entyvio bought: 823.81');

    await entyvio.getByLabel('Commercial: where Entyvio (vedolizumab) comes from').selectOption('buy_and_bill');
    const share = entyvio.getByLabel('Commercial: white-bagged');
    // A share over 100% is refused where it is typed, naming what the field takes.
    await share.fill('140');
    await entyvio.getByText('Enter a percentage from 0 to 100, or leave it empty for the default.').waitFor();
    await share.fill('40');
    const saved = await savedScenario(
      page,
      (s) => s.drugs.find((d) => d.hcpcs === 'J3380')?.drugSources?.[0]?.whiteBagShare === 0.4,
      "Entyvio's white-bagged share in the Inputs sheet",
    );
    expect(saved.drugs.find((d) => d.hcpcs === 'J3380')?.drugSources).toEqual([{ payer: 'COMMERCIAL', source: 'buy_and_bill', whiteBagShare: 0.4 }]);
    // The INFUSION functions price Entyvio for Commercial with 60% bought: 571.09.
    await until(async () => (await a1(page)) === 571.09, 'the formula recalculated to 571.09');

    // Its own mix: the program's to start with; 110% is named as not 100%; then Medicare 50%, Commercial 50%.
    await entyvio.getByRole('switch', { name: 'Entyvio (vedolizumab): its own payer mix' }).click();
    const mix = entyvio.getByRole('group', { name: 'Entyvio (vedolizumab): payer mix' });
    await mix.getByLabel('Medicare fee-for-service', { exact: true }).fill('50');
    await entyvio.getByText('Payer mix for Entyvio (vedolizumab): 110%. It must add up to 100%; the scenario is not saved until it does.').waitFor();
    for (const [name, pct] of [['Medicare Advantage', '0'], ['Medicaid', '0'], ['Commercial', '50'], ['Self-pay (uninsured)', '0']] as const) {
      await mix.getByLabel(name, { exact: true }).fill(pct);
    }
    await entyvio.getByText('Payer mix for Entyvio (vedolizumab): 100%.').waitFor();
    const withMix = await savedScenario(page, (s) => s.drugs.find((d) => d.hcpcs === 'J3380')?.payerMix !== undefined, "Entyvio's own mix in the Inputs sheet");
    expect(withMix.drugs.find((d) => d.hcpcs === 'J3380')?.payerMix).toEqual({ MEDICARE: 0.5, COMMERCIAL: 0.5 });

    await page.getByRole('tab', { name: 'Results' }).click();
    const line = resultLine(page, 'J3380');
    // Mix-weighted: 0.5 x 326.01495358 + 0.5 x 571.08534655 = 448.55; Commercial's own row 571.09.
    await expectText(line, '$448.55');
    expect(await line.getByRole('row', { name: /^Commercial/ }).innerText()).toContain('$571.09');
    expect(pane.errors).toEqual([]);
  });

  it('adds a drug the catalog lacks with its facts, naming each field it cannot take; Results and INFUSION.MARGIN price it', async () => {
    const pane = await withSample();
    const { page } = pane;
    await page.getByRole('button', { name: 'Add a drug of your own' }).click();
    const form = page.getByRole('group', { name: 'A drug of your own' });
    await form.getByRole('button', { name: 'Add your drug' }).click();
    await form.getByText('Enter the HCPCS code of the drug, e.g. J0202.').waitFor();
    await form.getByText('Enter a name for the drug; it cannot be empty.').waitFor();
    await form.getByText('Required. Enter a number greater than 0.').waitFor();

    // A catalog code is sent to the catalog; a code the quarter does not price gets the scenario validation's words.
    await form.getByLabel('HCPCS code').fill('J2323');
    await form.getByLabel('Name').fill('Lemtrada (alemtuzumab)');
    await form.getByLabel('Dose', { exact: true }).fill('12');
    await form.getByLabel('Infusion time').fill('240');
    await form.getByLabel('Chair prep and observation').fill('120');
    await form.getByRole('button', { name: 'Add your drug' }).click();
    await form.getByText('J2323 is in the catalog (Tysabri (natalizumab)): add it from the catalog above.').waitFor();
    await form.getByLabel('HCPCS code').fill('J9999');
    await form.getByRole('button', { name: 'Add your drug' }).click();
    await form.getByText('"J9999" has no payment limit in 2026Q1.').waitFor();

    await form.getByLabel('HCPCS code').fill('j0202');
    // The code's billing unit and the crosswalk's vial size are shown once the code is priced.
    await form.getByText('Billing unit 1 mg; priced in 2026Q1.').waitFor();
    await form.getByText("Billing units per vial. Empty: the CMS crosswalk's 12.").waitFor();
    await form.getByLabel('Loading days').fill('0, 1, 2, 3, 4');
    await form.getByLabel('Doses in all').fill('5');
    await form.getByRole('button', { name: 'Add your drug' }).click();
    await form.getByText('Lemtrada (alemtuzumab) (J0202) is in the formulary, labelled as your drug.').waitFor();
    const lemtrada = page.getByRole('group', { name: 'Lemtrada (alemtuzumab) settings' });
    await lemtrada.waitFor();

    // The Inputs sheet holds it, facts and all: the pane's reader gives them back.
    const saved = await savedScenario(page, (s) => s.drugs.some((d) => d.hcpcs === 'J0202'), 'J0202 on the Inputs sheet');
    expect(saved.drugs.find((d) => d.hcpcs === 'J0202')?.custom).toMatchObject({ name: 'Lemtrada (alemtuzumab)', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maxDoses: 5 });
    // =INFUSION.MARGIN("J0202", 12): its facts and the CMS payment limit, 1111.44.
    await formula(page, '=INFUSION.MARGIN("J0202", 12)');
    await until(async () => (await a1(page)) === 1111.44, 'MARGIN of the user\'s drug: 1111.44');

    // Its facts can be changed, with the same checks: a dose of 0 is refused by name.
    await lemtrada.getByRole('button', { name: 'Facts of your drug' }).click();
    const facts = lemtrada.getByRole('group', { name: 'Facts of Lemtrada (alemtuzumab)' });
    await facts.getByLabel('Dose', { exact: true }).fill('0');
    await facts.getByRole('button', { name: 'Save facts' }).click();
    await facts.getByText('Enter a number greater than 0.').waitFor();

    await page.getByRole('tab', { name: 'Results' }).click();
    const line = resultLine(page, 'J0202');
    await expectText(line, 'Lemtrada (alemtuzumab) (your drug)');
    expect(await line.getByRole('row', { name: /^Medicare fee-for-service/ }).innerText()).toContain('$1,111.44');
    expect(pane.errors).toEqual([]);
  });
});

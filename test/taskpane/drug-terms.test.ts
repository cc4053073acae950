/**
 * The pane's edits of a drug's own terms (DOMAIN.md 5.1, 5.2) and of a drug of the user's own (5.4), as pure
 * functions over the scenario (src/taskpane/model/edit.ts, custom-drug.ts), and the figures they lead to.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { roundCents } from '../../src/engine/decimal';
import { runModel } from '../../src/engine/model';
import { resolveScenario, sampleScenario, validateScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { type CustomDrugDraft, EMPTY_CUSTOM_DRUG, draftOf, parseCustomDrug } from '../../src/taskpane/model/custom-drug';
import { sameScenario } from '../../src/scenario';
import { addCustomDrug, drugMixOf, removePayer, setDrugMixWeight, setDrugPayerMix, setDrugSource } from '../../src/taskpane/model/edit';

const book = new ReferenceBook(referenceData);
const entyvio = (s: Scenario) => s.drugs.find((d) => d.hcpcs === 'J3380')!;
const valid = (s: Scenario): boolean => validateScenario(s, referenceData).ok;

describe("a drug's own drug source and payer mix", () => {
  it('sets a white-bagged share for one payer and prices it as DOMAIN.md 5.1 says', () => {
    const s = setDrugSource(sampleScenario, 'J3380', 'COMMERCIAL', 'buy_and_bill', 0.4);
    expect(entyvio(s).drugSources).toEqual([{ payer: 'COMMERCIAL', source: 'buy_and_bill', whiteBagShare: 0.4 }]);
    expect(valid(s)).toBe(true);
    // Entyvio 300 mg, COMMERCIAL, 60% bought: net 4173.396 x 0.9604 + 199.91 x 0.9604 = 4200.1230824;
    // cost 0.6 x 300 x 21.371 / 1.06 = 3629.03773585; margin 571.08534655 -> 571.09 (test/engine/realism.test.ts).
    const line = runModel(book, resolveScenario(s, referenceData)).drugs.find((d) => d.input.hcpcs === 'J3380')!;
    expect(roundCents(line.perPayer.find((e) => e.payerId === 'COMMERCIAL')!.margin).toFixed(2)).toBe('571.09');
  });

  it('goes back to the payer\'s own source, keeps the payers\' order, and drops a share that is not buy and bill', () => {
    let s = setDrugSource(sampleScenario, 'J3380', 'COMMERCIAL', 'buy_and_bill', 0.4);
    s = setDrugSource(s, 'J3380', 'MEDICARE', 'white_bag');
    expect(entyvio(s).drugSources?.map((x) => x.payer)).toEqual(['MEDICARE', 'COMMERCIAL']);
    s = setDrugSource(s, 'J3380', 'COMMERCIAL', 'free_drug', 0.4);
    expect(entyvio(s).drugSources?.[1]).toEqual({ payer: 'COMMERCIAL', source: 'free_drug' });
    s = setDrugSource(setDrugSource(s, 'J3380', 'COMMERCIAL', undefined), 'J3380', 'MEDICARE', undefined);
    expect(entyvio(s).drugSources).toBeUndefined();
    expect(s).toEqual(sampleScenario);
  });

  it("starts a drug's own mix from the program's and leaves payers at 0 out", () => {
    let s = setDrugPayerMix(sampleScenario, 'J3380', { MEDICARE: 0.4, MEDICARE_ADVANTAGE: 0.2, MEDICAID: 0.1, COMMERCIAL: 0.27, SELF_PAY: 0.03 });
    s = setDrugMixWeight(s, 'J3380', 'MEDICARE', 0.5);
    // 0.5 + 0.2 + 0.1 + 0.27 + 0.03 = 1.1: not valid until the mix is 100%.
    expect(valid(s)).toBe(false);
    for (const id of ['MEDICARE_ADVANTAGE', 'MEDICAID', 'SELF_PAY']) s = setDrugMixWeight(s, 'J3380', id, 0);
    s = setDrugMixWeight(s, 'J3380', 'COMMERCIAL', 0.5);
    expect(entyvio(s).payerMix).toEqual({ MEDICARE: 0.5, COMMERCIAL: 0.5 });
    expect(drugMixOf(s, entyvio(s))).toEqual({ MEDICARE: 0.5, MEDICARE_ADVANTAGE: 0, MEDICAID: 0, COMMERCIAL: 0.5, SELF_PAY: 0 });
    expect(valid(s)).toBe(true);
    expect(entyvio(setDrugPayerMix(s, 'J3380', undefined)).payerMix).toBeUndefined();
  });

  it('counts as a change to save (the pane writes the Inputs sheet only when the scenario differs from what it holds)', () => {
    const white = setDrugSource(sampleScenario, 'J3380', 'COMMERCIAL', 'buy_and_bill', 0.4);
    expect(sameScenario(white, sampleScenario)).toBe(false);
    expect(sameScenario(setDrugMixWeight(sampleScenario, 'J3380', 'MEDICARE', 0.5), sampleScenario)).toBe(false);
    expect(sameScenario(white, JSON.parse(JSON.stringify(white)) as Scenario)).toBe(true);
  });

  it('removes a payer from the drugs\' own sources and mixes with the payer', () => {
    let s = setDrugSource(sampleScenario, 'J3380', 'SELF_PAY', 'buy_and_bill');
    s = setDrugPayerMix(s, 'J3380', { MEDICARE: 0.97, SELF_PAY: 0.03 });
    s = removePayer(s, 'SELF_PAY');
    expect(entyvio(s).drugSources).toBeUndefined();
    expect(entyvio(s).payerMix).toEqual({ MEDICARE: 0.97 });
  });
});

describe('a drug of your own from the pane', () => {
  const lemtrada: CustomDrugDraft = {
    ...EMPTY_CUSTOM_DRUG,
    hcpcs: ' j0202 ',
    name: 'Lemtrada (alemtuzumab)',
    dose: '12',
    infusionMinutes: '240',
    chairExtraMinutes: '120',
    loadingDays: '0, 1, 2, 3, 4',
    maxDoses: '5',
  };

  it('turns the form into the scenario\'s facts, priced as DOMAIN.md 5.4 says', () => {
    const parsed = parseCustomDrug(lemtrada, sampleScenario, referenceData);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.hcpcs).toBe('J0202');
    expect(parsed.custom).toEqual({
      name: 'Lemtrada (alemtuzumab)',
      route: 'IV',
      complexity: 'complex',
      dose: 12,
      infusionMinutes: 240,
      chairExtraMinutes: 120,
      loadingDays: [0, 1, 2, 3, 4],
      maintenanceIntervalDays: null,
      maxDoses: 5,
    });
    const s = addCustomDrug(sampleScenario, parsed.hcpcs, parsed.custom);
    expect(valid(s)).toBe(true);
    // 12 units x 2447.102 = 29365.224 -> 29365.22; admin 133.27 + 3 x 28.39 = 218.44; Medicare net x 0.974 =
    // 28814.48484; cost 29365.224 / 1.06 = 27703.04150943; margin 1111.44.
    const line = runModel(book, resolveScenario(s, referenceData)).drugs.find((d) => d.input.hcpcs === 'J0202')!;
    expect(roundCents(line.perPayer[0]!.margin).toFixed(2)).toBe('1111.44');
    expect(line.input.label).toBe('Lemtrada (alemtuzumab) (your drug)');
    // The form filled again from the facts gives the same facts.
    const again = parseCustomDrug(draftOf('J0202', parsed.custom), s, referenceData, 'J0202');
    expect(again).toEqual({ ok: true, hcpcs: 'J0202', custom: parsed.custom });
  });

  it('names each field it cannot take', () => {
    const empty = parseCustomDrug(EMPTY_CUSTOM_DRUG, sampleScenario, referenceData);
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.errors).toEqual({
      hcpcs: 'Enter the HCPCS code of the drug, e.g. J0202.',
      name: 'Enter a name for the drug; it cannot be empty.',
      dose: 'Required. Enter a number greater than 0.',
      infusionMinutes: 'Required. Enter a whole number of minutes from 0 to 1,440.',
      chairExtraMinutes: 'Required. Enter a whole number of minutes from 0 to 1,440.',
    });
    const bad = parseCustomDrug({ ...lemtrada, hcpcs: 'infliximab', loadingDays: '0, two', vialSizes: '-1', maintenanceIntervalDays: '0' }, sampleScenario, referenceData);
    expect(bad.ok ? {} : bad.errors).toEqual({
      hcpcs: 'Enter an HCPCS code: a letter and four digits, e.g. J0202 (not “infliximab”).',
      loadingDays: 'Enter days from the first dose as whole numbers from 0 to 3650, separated by commas (e.g. 0, 14), or leave it empty for a first dose on day 0 only.',
      vialSizes: 'Enter billing units per vial as numbers greater than 0, separated by commas (e.g. 100, 400), or leave it empty for the CMS crosswalk’s.',
      maintenanceIntervalDays: 'Enter a whole number of days from 1 to 3,650, or leave it empty for the default.',
    });
  });

  it('refuses a catalog code, a code already in the formulary, and one the quarter does not price (the scenario validation\'s message)', () => {
    const inCatalog = parseCustomDrug({ ...lemtrada, hcpcs: 'j2323' }, sampleScenario, referenceData);
    expect(inCatalog.ok ? null : inCatalog.errors.hcpcs).toBe('J2323 is in the catalog (Tysabri (natalizumab)): add it from the catalog above.');
    const first = parseCustomDrug(lemtrada, sampleScenario, referenceData);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const s = addCustomDrug(sampleScenario, 'J0202', first.custom);
    const twice = parseCustomDrug(lemtrada, s, referenceData);
    expect(twice.ok ? null : twice.errors.hcpcs).toBe('J0202 is in the formulary already.');
    const unpriced = parseCustomDrug({ ...lemtrada, hcpcs: 'J9999' }, sampleScenario, referenceData);
    expect(unpriced.ok ? null : unpriced.errors).toEqual({
      hcpcs: '"J9999" has no payment limit in 2026Q1.',
      vialSizes: 'Required: the crosswalk lists no vial sizes for "J9999".',
    });
  });
});

/** DOMAIN.md 5.4: a drug the catalog lacks, added by the user with its facts, labelled as the user's. */
import { ReferenceBook } from '../../src/engine/book';
import { roundCents } from '../../src/engine/decimal';
import { runModel } from '../../src/engine/model';
import { formatIssue, resolveScenario, validateScenario, type Scenario, type ScenarioDrug } from './imports';
import { referenceData } from '../../src/data';
import { edited, minimalScenario } from './fixture';

/** Lemtrada (alemtuzumab, J0202, 1 mg units, one 12 mg vial in the crosswalk): 12 mg a day for 5 days. */
const lemtrada: ScenarioDrug = {
  hcpcs: 'j0202',
  newPatientsPerMonth: 0.5,
  rampMonths: 0,
  distributorVerified: false,
  custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 },
};
const withDrug = (drug: ScenarioDrug): Scenario => ({ ...minimalScenario(), drugs: [...minimalScenario().drugs, drug] });
const issues = (doc: unknown): string[] => {
  const r = validateScenario(doc, referenceData);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('a drug of the user\'s own (DOMAIN.md 5.4)', () => {
  it('accepts any code the CMS file prices, with its facts, and labels it as the user\'s', () => {
    expect(issues(withDrug(lemtrada))).toEqual([]);
    const line = resolveScenario(withDrug(lemtrada), referenceData).drugs[2]!;
    expect(line).toMatchObject({ hcpcs: 'J0202', label: 'Lemtrada (alemtuzumab) (your drug)', custom: true, route: 'IV', complexity: 'complex', infusionMinutes: 240 });
    // Vial sizes default from the crosswalk: J0202 BILLUNITS 12 (one 12 mg vial).
    expect(line.vialSizes).toEqual([12]);
    expect(line.regimen).toMatchObject({ loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 });
  });

  it('prices it like any drug: 12 mg = 12 units x the payment limit 2447.102 = 29365.22 for Medicare', () => {
    const input = resolveScenario(withDrug(lemtrada), referenceData);
    const d = runModel(new ReferenceBook(referenceData), input).drugs[2]!;
    // 12 x 2447.102 = 29365.224 -> 29365.22; 240 min: 96413 133.27 + 3 x 96415 28.39 (240 - 90 = 150 -> 3 hours) = 218.44.
    expect(d.perPayer[0]!.allowedDrug.toFixed(2)).toBe('29365.22');
    expect(d.perPayer[0]!.allowedAdmin.toFixed(2)).toBe('218.44');
    // Five administrations, all in year one, none after.
    expect(d.administrationsYear1.toString()).toBe('5');
    expect(roundCents(d.perPayer[0]!.drugCost).toFixed(2)).toBe('27703.04'); // 12 x 2447.102 / 1.06 = 27703.0415...
  });

  it('refuses a catalog code, a code the quarter does not price, and a drug without a dose', () => {
    expect(issues(withDrug({ ...lemtrada, hcpcs: 'J1745' }))).toEqual(['drugs[2].custom: "J1745" is in the catalog: leave out custom to use the catalog\'s facts']);
    expect(issues(withDrug({ ...lemtrada, hcpcs: 'J9999' }))).toEqual(['drugs[2].hcpcs: "J9999" has no payment limit in 2026Q1', 'drugs[2].custom.vialSizes: required: the crosswalk lists no vial sizes for "J9999"']);
    const noDose = edited(withDrug(lemtrada), 'drugs[2].custom.dose', undefined);
    expect(issues(noDose)).toEqual(['drugs[2].custom: give one of dose and dosePerKg']);
  });
});

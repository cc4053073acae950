/**
 * DOMAIN.md 5.7: the optional patient coverage fields of a payer and the access-risk threshold, in the scenario
 * format (validation, JSON Schema, resolution). Optional fields: the format version stays 1.
 */
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../src/scenario/scenario.schema.json';
import { coverageOf } from '../../src/engine/patient';
import { SCENARIO_FORMAT_VERSION, resolveScenario, validateScenario } from './imports';
import { edited, minimalScenario, referenceData } from './fixture';

const schemaValidate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
const problems = (doc: unknown): string[] => {
  const v = validateScenario(doc, referenceData);
  return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('patient coverage fields of a payer (DOMAIN.md 5.7)', () => {
  it('keeps the scenario format at version 1', () => {
    expect(SCENARIO_FORMAT_VERSION).toBe(1);
  });

  it('accepts a deductible, an out-of-pocket maximum (or null for none), supplemental coverage and a coverage type', () => {
    const doc = edited(minimalScenario(), 'payers[0]', { ...minimalScenario().payers[0], annualDeductible: 283, outOfPocketMax: null, supplemental: 'medigap_g', coverageType: 'medicare' });
    expect(problems(doc)).toEqual([]);
    expect(schemaValidate(doc)).toBe(true);
  });

  it.each([
    ['supplemental', 'medigap', 'must be one of "none", "medigap_g", "medicaid_qmb"'],
    ['annualDeductible', -1, 'must be between 0 and 1000000'],
    ['outOfPocketMax', 2e6, 'must be between 0 and 1000000'],
    ['outOfPocketMax', 'none', 'must be a number, found'],
    ['coverageType', 'MEDICARE', 'must be one of "medicare"'],
  ])('refuses %s = %j, naming the field, and the schema agrees', (field, value, message) => {
    const doc = edited(minimalScenario(), `payers[0].${field}`, value);
    expect(problems(doc).join('\n')).toContain(`payers[0].${field}: ${message}`);
    expect(schemaValidate(doc)).toBe(false);
  });

  it('refuses a negative access-risk threshold', () => {
    expect(problems(edited(minimalScenario(), 'program.accessRiskThreshold', -5))).toEqual(['program.accessRiskThreshold: must be between 0 and 1000000']);
  });

  it("gives a custom payer based on MEDICARE traditional Medicare's coverage, and its own fields over it", () => {
    const doc = edited(minimalScenario(), 'payers[1]', { id: 'MEDICARE_G', name: 'Medicare with Medigap G', weight: minimalScenario().payers[1]?.weight, basedOn: 'MEDICARE', supplemental: 'medigap_g' });
    const v = validateScenario(doc, referenceData);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const profile = resolveScenario(v.scenario, referenceData).payers[1]?.profile;
    if (!profile) throw new Error('no payer');
    expect(coverageOf(profile)).toEqual({ coverageType: 'medicare', annualDeductible: 283, outOfPocketMax: null, supplemental: 'medigap_g' });
  });

  it('leaves a built-in payer without coverage fields as it was (the engine takes its defaults)', () => {
    const input = resolveScenario(minimalScenario(), referenceData);
    expect(input.payers[0]?.profile.annualDeductible).toBeUndefined();
    expect(input.program.accessRiskThreshold).toBeUndefined();
  });
});

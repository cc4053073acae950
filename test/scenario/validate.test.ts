import { formatIssue, scenarioWarnings, validateScenario, type ReferenceData, type Scenario } from './imports';
import { edited, editedAll, january2026, minimalScenario, referenceData, REMOVE } from './fixture';

/** The issues of a validation as "path: message" lines; [] when the document is valid. */
function issues(json: unknown, ref?: ReferenceData): string[] {
  const result = validateScenario(json, ref);
  return result.ok ? [] : result.errors.map(formatIssue);
}

const threePayers = editedAll(minimalScenario(), [
  ['payers[1]', { id: 'COMMERCIAL', name: 'Commercial', weight: 0.3 }],
  ['payers[2]', { id: 'SELF_PAY', name: 'Self-pay', weight: 0.1 }],
]);

describe('validateScenario', () => {
  describe('a valid document', () => {
    it('returns the scenario itself, typed', () => {
      const doc = minimalScenario();
      const result = validateScenario(doc, referenceData);
      expect(result).toEqual({ ok: true, scenario: doc });
      expect(result.ok && result.scenario).toBe(doc);
    });

    it('sums the weights as written, in decimal (0.7 + 0.2 + 0.1 is 1, not 0.9999999999999999)', () => {
      expect(0.7 + 0.2 + 0.1).toBe(0.9999999999999999);
      const doc = edited(minimalScenario(), 'payers', [
        { id: 'MEDICARE', name: 'Medicare', weight: 0.7 },
        { id: 'MEDICAID', name: 'Medicaid', weight: 0.2 },
        { id: 'COMMERCIAL', name: 'Commercial', weight: 0.1 },
      ]);
      expect(issues(doc, referenceData)).toEqual([]);
    });

    it('accepts weights within 1e-9 of 1 (thirds computed in Excel)', () => {
      const doc = editedAll(threePayers, [
        ['payers[0].weight', 1 / 3],
        ['payers[1].weight', 1 / 3],
        ['payers[2].weight', 1 / 3],
      ]);
      expect(issues(doc)).toEqual([]);
    });

    it('treats a field set to undefined in code as absent', () => {
      const doc = { ...minimalScenario(), quarter: undefined };
      expect(issues(doc, referenceData)).toEqual([]);
    });
  });

  describe('field values', () => {
    it('reports a weight outside 0..1 by its path', () => {
      expect(issues(edited(threePayers, 'payers[2].weight', 1.5))).toEqual(['payers[2].weight: must be between 0 and 1']);
    });

    it('reports a number given as a string, naming what was found', () => {
      expect(issues(edited(minimalScenario(), 'payers[0].weight', '0.6'))).toEqual([
        'payers[0].weight: must be a number, found string "0.6"',
      ]);
    });

    it('reports chairs that are not a whole number between 1 and 1000', () => {
      expect(issues(edited(minimalScenario(), 'program.chairs', 2.5))).toEqual([
        'program.chairs: must be a whole number between 1 and 1000',
      ]);
      expect(issues(edited(minimalScenario(), 'program.chairs', 0))).toEqual([
        'program.chairs: must be a whole number between 1 and 1000',
      ]);
    });

    it('states each kind of numeric bound in its message', () => {
      const doc = editedAll(minimalScenario(), [
        ['program.hoursPerDay', 25],
        ['program.daysPerMonth', 32],
        ['program.utilizationTarget', 0],
        ['program.fixedCosts[0].monthly', -5],
        ['program.horizonMonths', 121],
        ['drugs[0].dose', 0],
        ['drugs[0].weightKg', 401],
        ['drugs[0].rampMonths', 1.5],
      ]);
      expect(issues(doc)).toEqual([
        'drugs[0].dose: must be greater than 0 and at most 1000000',
        'drugs[0].weightKg: must be greater than 0 and at most 400',
        'drugs[0].rampMonths: must be a whole number between 0 and 120',
        'program.hoursPerDay: must be greater than 0 and at most 24',
        'program.daysPerMonth: must be a whole number between 1 and 31',
        'program.utilizationTarget: must be greater than 0 and at most 1',
        'program.fixedCosts[0].monthly: must be between 0 and 100000000',
        'program.horizonMonths: must be a whole number between 1 and 120',
      ]);
    });

    it('reports wrong types of strings, booleans, enumerations, arrays and objects', () => {
      const doc = editedAll(minimalScenario(), [
        ['name', '  '],
        ['practiceName', 42],
        ['drugs[0].distributorVerified', 'yes'],
        ['drugs[0].complexity', 'simple'],
        ['drugs[1].priorAuthPayers', 'MEDICARE'],
        ['program.fixedCosts', { name: 'RN', monthly: 9000 }],
      ]);
      expect(issues(doc)).toEqual([
        'name: must not be empty',
        'practiceName: must be a string, found number 42',
        'drugs[0].complexity: must be one of "complex", "therapeutic"',
        'drugs[0].distributorVerified: must be true or false, found string "yes"',
        'drugs[1].priorAuthPayers: must be an array, found string "MEDICARE"',
        'program.fixedCosts: must be an array, found an object',
      ]);
    });

    it('reports codes, ids and quarters in the wrong form', () => {
      const doc = editedAll(minimalScenario(), [
        ['quarter', '2026-Q1'],
        ['drugs[0].hcpcs', ' '],
        ['payers[0].id', '1MEDICARE'],
      ]);
      expect(issues(doc)).toEqual([
        'quarter: must be a quarter like "2026Q1"',
        'drugs[0].hcpcs: must not be empty',
        'payers[0].id: must be an identifier like "ACME_PPO" (letters, digits and _)',
      ]);
    });

    it('accepts what calc accepts (DOMAIN.md 5.5): lower-case codes, brand names, payer ids in any case, weights within 0.001 of 1', () => {
      const doc = editedAll(minimalScenario(), [
        ['drugs[0].hcpcs', 'q5121'],
        ['drugs[1].hcpcs', 'Remicade'],
        ['payers[0].id', 'medicare'],
      ]);
      expect(issues(doc, referenceData)).toEqual([]);
      // 0.333 x 3 = 0.999: within 0.001 of 1.
      const thirds = edited(doc, 'payers', [
        { id: 'MEDICARE', name: 'Medicare', weight: 0.333 },
        { id: 'COMMERCIAL', name: 'Commercial', weight: 0.333 },
        { id: 'SELF_PAY', name: 'Self-pay', weight: 0.333 },
      ]);
      expect(issues(thirds, referenceData)).toEqual([]);
      // 0.333 + 0.333 + 0.33 = 0.996 is not (0.004 from 1).
      expect(issues(edited(thirds, 'payers[2].weight', 0.33), referenceData)).toEqual(['payers: weights sum to 0.996, must sum to 1']);
    });

    it('asks for version 1 and points to migration', () => {
      expect(issues(edited(minimalScenario(), 'version', 0))).toEqual([
        'version: must be 1 (migrateScenario brings older versions up to it)',
      ]);
    });
  });

  describe('structure', () => {
    it('reports an unknown field by its path', () => {
      expect(issues(edited(minimalScenario(), 'drugs[1].dosee', 300))).toEqual(['drugs[1].dosee: unknown field']);
    });

    it('reports unknown fields at the top level and inside payers and the program', () => {
      const doc = editedAll(minimalScenario(), [
        ['notes', 'x'],
        ['payers[0].coinsurance', 0.2],
        ['program.nurses', 2],
      ]);
      // Each object's known fields first, then its unknown ones: the top level's come last.
      expect(issues(doc)).toEqual(['payers[0].coinsurance: unknown field', 'program.nurses: unknown field', 'notes: unknown field']);
    });

    it('reports each missing required field', () => {
      const doc = editedAll(minimalScenario(), [
        ['program.discountRate', REMOVE],
        ['drugs[0].distributorVerified', REMOVE],
        ['payers[1].name', REMOVE],
      ]);
      expect(issues(doc)).toEqual([
        'drugs[0].distributorVerified: required field is missing',
        'payers[1].name: required field is missing',
        'program.discountRate: required field is missing',
      ]);
    });

    it('rejects a document that is not an object', () => {
      expect(issues([])).toEqual(['scenario: must be a JSON object, found an array']);
      expect(issues(null)).toEqual(['scenario: must be a JSON object, found null']);
    });

    it('asks for at least one drug and one payer', () => {
      const doc = editedAll(minimalScenario(), [
        ['drugs', []],
        ['payers', []],
      ]);
      expect(issues(doc)).toEqual(['drugs: must list at least one drug', 'payers: must list at least one payer']);
    });

    it('allows a $schema pointer for editors', () => {
      expect(issues(edited(minimalScenario(), '$schema', './scenario.schema.json'))).toEqual([]);
    });
  });

  describe('the payer mix', () => {
    it('reports weights that do not sum to 1, with the sum', () => {
      expect(issues(edited(threePayers, 'payers[2].weight', 0))).toEqual(['payers: weights sum to 0.9, must sum to 1']);
    });

    it('states the sum as the weights were written (0.9, not the binary 0.8999999999999999)', () => {
      expect(0.3 + 0.3 + 0.3).toBe(0.8999999999999999);
      const doc = editedAll(threePayers, [
        ['payers[0].weight', 0.3],
        ['payers[1].weight', 0.3],
        ['payers[2].weight', 0.3],
      ]);
      expect(issues(doc)).toEqual(['payers: weights sum to 0.9, must sum to 1']);
    });

    it('leaves the sum alone while a weight is itself wrong (one mistake, one issue)', () => {
      expect(issues(edited(threePayers, 'payers[1].weight', -0.3))).toEqual(['payers[1].weight: must be between 0 and 1']);
    });

    it('reports a duplicate payer id, naming the first', () => {
      const doc = editedAll(threePayers, [['payers[2].id', 'MEDICARE']]);
      expect(issues(doc)).toEqual(['payers[2].id: duplicate payer id "MEDICARE" (also payers[0])']);
    });

    it('requires basedOn for a custom payer that does not give every term, listing the missing terms', () => {
      const doc = edited(minimalScenario(), 'payers[1]', {
        id: 'ACME_PPO',
        name: 'Acme PPO',
        weight: 0.4,
        drugRule: { kind: 'asp_plus', percent: 0.12 },
      });
      expect(issues(doc)).toEqual([
        'payers[1].basedOn: required for custom payer "ACME_PPO" unless every contract term is given (missing: ' +
          'adminPercentOfFeeSchedule, drugCoinsurance, adminCoinsurance, sequestration, collectionRate, ' +
          'denialWriteOff, paysDiscarded, daysToPayment, priorAuthDenialRate)',
      ]);
    });

    it('accepts a custom payer that gives every term without basedOn', () => {
      const doc = edited(minimalScenario(), 'payers[1]', {
        id: 'UNION_TRUST',
        name: 'Union health trust',
        weight: 0.4,
        drugRule: { kind: 'fixed_per_unit', amount: 25 },
        adminPercentOfFeeSchedule: 1.2,
        drugCoinsurance: 0.1,
        adminCoinsurance: 0.1,
        sequestration: 0,
        collectionRate: 0.9,
        denialWriteOff: 0.02,
        paysDiscarded: false,
        daysToPayment: 40,
        priorAuthDenialRate: 0.05,
      });
      expect(issues(doc, referenceData)).toEqual([]);
    });

    it('accepts only a built-in profile as basedOn', () => {
      const doc = edited(minimalScenario(), 'payers[1]', { id: 'ACME_PPO', name: 'Acme', weight: 0.4, basedOn: 'AETNA' });
      expect(issues(doc)).toEqual([
        'payers[1].basedOn: must be one of "MEDICARE", "MEDICARE_ADVANTAGE", "MEDICAID", "COMMERCIAL", "SELF_PAY"',
      ]);
    });

    it('checks contract terms: drug rule kind and fields, coinsurance, percentages typed as whole numbers', () => {
      const doc = editedAll(threePayers, [
        ['payers[0].drugRule', { kind: 'asp', percent: 0.1 }],
        ['payers[1].drugRule', { kind: 'asp_plus', percent: 15 }],
        ['payers[1].adminPercentOfFeeSchedule', 150],
        ['payers[2].drugRule', { kind: 'payment_limit', percent: 1 }],
        ['payers[2].drugCoinsurance', 'FILE'],
      ]);
      expect(issues(doc)).toEqual([
        'payers[0].drugRule.kind: must be one of "payment_limit", "asp_plus", "wac_percent", "fixed_per_unit"',
        'payers[1].drugRule.percent: must be between 0 and 2',
        'payers[1].adminPercentOfFeeSchedule: must be between 0 and 5',
        'payers[2].drugRule.factor: required field is missing',
        'payers[2].drugRule.percent: unknown field',
        'payers[2].drugCoinsurance: must be "file" or between 0 and 1',
      ]);
    });
  });

  describe('drugs', () => {
    it('reports a duplicate drug code, naming the first', () => {
      expect(issues(edited(minimalScenario(), 'drugs[1].hcpcs', 'Q5121'))).toEqual([
        'drugs[1].hcpcs: duplicate drug "Q5121" (also drugs[0])',
      ]);
    });

    it('reports a prior-authorization payer that is not in payers, and one listed twice', () => {
      const doc = edited(minimalScenario(), 'drugs[0].priorAuthPayers', ['MEDICARE', 'HUMANA', 'MEDICARE']);
      expect(issues(doc)).toEqual([
        'drugs[0].priorAuthPayers[2]: "MEDICARE" is listed twice',
        'drugs[0].priorAuthPayers[1]: payer "HUMANA" is not in payers',
      ]);
    });

    it('requires a WAC for every drug when a payer pays a percent of WAC', () => {
      const doc = editedAll(minimalScenario(), [
        ['payers[1]', { id: 'ACME_WAC', name: 'Acme', weight: 0.4, basedOn: 'COMMERCIAL', drugRule: { kind: 'wac_percent', percent: 0.97 } }],
        ['drugs[1].wacPerUnit', 31.5],
      ]);
      expect(issues(doc)).toEqual(['drugs[0].wacPerUnit: required because payer "ACME_WAC" pays a percent of WAC']);
    });
  });

  describe('against the reference data', () => {
    it('reports a code that is not in the catalog', () => {
      const doc = edited(minimalScenario(), 'drugs[0].hcpcs', 'J9999');
      expect(issues(doc, referenceData)).toEqual(['drugs[0].hcpcs: unknown code "J9999" (not in the catalog)']);
    });

    it('suggests the drug meant, and refuses a dose under 10% of the label dose (DOMAIN.md 5.5)', () => {
      expect(issues(edited(minimalScenario(), 'drugs[0].hcpcs', 'Remicaid'), referenceData)).toEqual([
        'drugs[0].hcpcs: unknown drug "Remicaid" (not in the catalog); did you mean "Remicade"?',
      ]);
      // Infliximab (drugs[1], J1745) 0.4 mg: 5 mg/kg x 80 kg = 400 mg; 0.4 / 400 = 0.1%.
      const doc = editedAll(minimalScenario(), [['drugs[1]', { hcpcs: 'J1745', dose: 0.4, newPatientsPerMonth: 1, rampMonths: 0, distributorVerified: true }]]);
      expect(issues(doc, referenceData)).toEqual([
        'drugs[1].dose: 0.4 mg is under 10% of the label dose of 400 mg (5 mg/kg at 80 kg); doses are in mg',
      ]);
    });

    it('skips the catalog checks without reference data', () => {
      expect(issues(edited(minimalScenario(), 'drugs[0].hcpcs', 'J9999'))).toEqual([]);
    });

    it('reports a quarter or fee schedule year that is not loaded, listing those that are', () => {
      const doc = editedAll(minimalScenario(), [
        ['quarter', '2023Q1'],
        ['feeScheduleYear', 2024],
      ]);
      expect(issues(doc, referenceData)).toEqual([
        'quarter: no payment limits loaded for "2023Q1" (loaded: 2024Q4, 2026Q1)',
        'feeScheduleYear: no fee schedule loaded for 2024 (loaded: 2025, 2026)',
      ]);
    });

    it('reports a drug with no payment limit in the chosen quarter', () => {
      const doc = editedAll(minimalScenario(), [
        ['quarter', '2024Q4'],
        ['drugs[2]', { hcpcs: 'J1299', newPatientsPerMonth: 0.5, rampMonths: 6, distributorVerified: true }],
      ]);
      expect(issues(doc, referenceData)).toEqual(['drugs[2].hcpcs: "J1299" has no payment limit in 2024Q4']);
      // The newest quarter (the default) prices it.
      expect(issues(edited(doc, 'quarter', REMOVE), referenceData)).toEqual([]);
    });

    it('reports a biosimilar whose reference product is not priced (its ASP cannot be derived)', () => {
      const ref: ReferenceData = {
        ...referenceData,
        quarters: [{ ...january2026, rows: january2026.rows.filter((r) => r.hcpcs !== 'J1745') }],
      };
      expect(issues(minimalScenario(), ref)).toEqual([
        'drugs[0].hcpcs: "Q5121" is a biosimilar of "J1745", which has no payment limit in 2026Q1',
      ]);
    });
  });

  it('collects every issue of a document, not just the first: each field, then the checks across fields', () => {
    const doc = editedAll(minimalScenario(), [
      ['quarter', '2030Q1'],
      ['drugs[0].hcpcs', 'J9999'],
      ['drugs[1].dosee', 300],
      ['drugs[1].discontinuationRate', 1.2],
      ['drugs[1].priorAuthPayers', ['HUMANA']],
      ['payers[1].weight', 0.3],
      ['payers[1].id', 'MEDICARE'],
      ['program.chairs', 0],
    ]);
    expect(issues(doc, referenceData)).toEqual([
      'drugs[1].discontinuationRate: must be between 0 and 1',
      'drugs[1].dosee: unknown field',
      'program.chairs: must be a whole number between 1 and 1000',
      'quarter: no payment limits loaded for "2030Q1" (loaded: 2024Q4, 2026Q1)',
      'drugs[0].hcpcs: unknown code "J9999" (not in the catalog)',
      'drugs[1].priorAuthPayers[0]: payer "HUMANA" is not in payers',
      'payers[1].id: duplicate payer id "MEDICARE" (also payers[0])',
      'payers: weights sum to 0.9, must sum to 1',
    ]);
  });
});

describe('scenarioWarnings (DOMAIN.md 5.5)', () => {
  it('warns, naming the field, about a dose from 10% to 50% or above 300% of the label dose, and a price per unit above 3x the limit', () => {
    const scenario = editedAll(minimalScenario(), [
      // Prolia (J0897) 60 mg: 20 mg = 33%.
      ['drugs[1].dose', 20],
      // A Prolia syringe price typed per 1 mg unit: 1632 / 29.457 = 55.4x the January 2026 payment limit.
      ['drugs[1].acquisitionPerUnit', 1632],
    ]) as Scenario;
    expect(scenarioWarnings(scenario, referenceData).map(formatIssue)).toEqual([
      'drugs[1].dose: 20 mg is 33% of the label dose of 60 mg; check the dose is in mg',
      'drugs[1].acquisitionPerUnit: $1632 per unit is 55.4x the payment limit of $29.457 per 1 MG; it looks like a per-vial or per-package price (enter the price per billing unit)',
    ]);
    expect(scenarioWarnings(minimalScenario(), referenceData)).toEqual([]);
  });
});

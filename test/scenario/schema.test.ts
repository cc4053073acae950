import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import schema from '../../src/scenario/scenario.schema.json';
import {
  DEFAULT_ACCESS_RISK_THRESHOLD,
  DEFAULT_DISTRIBUTOR_TERMS_DAYS,
  DEFAULT_INVENTORY_DAYS_ON_HAND,
  DEFAULT_DRUG_DISCONTINUATION_RATE,
  DEFAULT_HORIZON_MONTHS,
  DEFAULT_PATIENT_WEIGHT_KG,
  DEFAULT_PLANNING_MONTHS,
  DEFAULT_PRIOR_AUTH_DELAY_DAYS,
  DEFAULT_UTILIZATION_TARGET,
  PAYER_SOURCE_KEYS,
  PAYER_COVERAGE_KEYS,
  PAYER_TERM_KEYS,
  sampleScenario,
  validateScenario,
  type ScenarioDefault,
} from './imports';
import { edited, editedAll, fullScenario, minimalScenario, REMOVE } from './fixture';
import { schemaPaths } from './schema-paths';

// Strict, except strictRequired: the custom-payer rule requires fields declared by the enclosing object, not by
// the `then` subschema itself, which is how JSON Schema states "basedOn or every term".
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const schemaValidate = ajv.compile(schema);

describe('scenario.schema.json', () => {
  it('compiles under ajv strict mode (draft 2020-12)', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schemaValidate).toBe('function');
  });

  it.each([
    ['the sample scenario', sampleScenario],
    ['the minimal fixture', minimalScenario()],
    ['the fixture that uses every optional field', fullScenario()],
  ])('accepts %s', (_title, doc) => {
    expect(schemaValidate(doc)).toBe(true);
    expect(schemaValidate.errors ?? null).toBeNull();
  });

  it.each<[string, ScenarioDefault<number>]>([
    ['patientWeightKg', DEFAULT_PATIENT_WEIGHT_KG],
    ['drugs[].discontinuationRate', DEFAULT_DRUG_DISCONTINUATION_RATE],
    ['program.utilizationTarget', DEFAULT_UTILIZATION_TARGET],
    ['program.planningMonths', DEFAULT_PLANNING_MONTHS],
    ['program.horizonMonths', DEFAULT_HORIZON_MONTHS],
    ['program.distributorTermsDays', DEFAULT_DISTRIBUTOR_TERMS_DAYS],
    ['program.inventoryDaysOnHand', DEFAULT_INVENTORY_DAYS_ON_HAND],
    ['program.priorAuthDelayDays', DEFAULT_PRIOR_AUTH_DELAY_DAYS],
    ['program.accessRiskThreshold', DEFAULT_ACCESS_RISK_THRESHOLD],
  ])('annotates %s with the default of defaults.ts', (field, def) => {
    expect(def.field).toBe(field);
    const defs = schema.$defs;
    const annotated: Record<string, unknown> = {
      patientWeightKg: schema.properties.patientWeightKg.default,
      'drugs[].discontinuationRate': defs.drug.properties.discontinuationRate.default,
      'program.utilizationTarget': defs.program.properties.utilizationTarget.default,
      'program.planningMonths': defs.program.properties.planningMonths.default,
      'program.horizonMonths': defs.program.properties.horizonMonths.default,
      'program.distributorTermsDays': defs.program.properties.distributorTermsDays.default,
      'program.inventoryDaysOnHand': defs.program.properties.inventoryDaysOnHand.default,
      'program.priorAuthDelayDays': defs.program.properties.priorAuthDelayDays.default,
      'program.whiteBagHandlingCost': defs.program.properties.whiteBagHandlingCost.default,
      'program.promptPayDiscount': defs.program.properties.promptPayDiscount.default,
      'program.gpoDiscount': defs.program.properties.gpoDiscount.default,
      'program.accessRiskThreshold': defs.program.properties.accessRiskThreshold.default,
    };
    expect(annotated[field]).toBe(def.value);
  });

  it('lists the same payer contract terms as PayerProfile', () => {
    const payerFields = Object.keys(schema.$defs.payer.properties);
    expect(payerFields).toEqual(['id', 'name', 'weight', 'basedOn', ...PAYER_TERM_KEYS, ...PAYER_SOURCE_KEYS, ...PAYER_COVERAGE_KEYS]);
    expect(schema.$defs.payer.then.anyOf[1]?.required).toEqual([...PAYER_TERM_KEYS]);
  });
});

/** The paths (in the validator's "payers[2].weight" form) at which ajv reports errors. */
function ajvPaths(errors: readonly ErrorObject[]): Set<string> {
  return new Set(errors.flatMap((e) => schemaPaths(e)));
}

describe('the schema and validateScenario agree', () => {
  /** Documents both must reject, for a reason the schema can state. */
  const structural: [string, unknown][] = [
    ['a weight above 1', edited(minimalScenario(), 'payers[1].weight', 1.5)],
    ['a weight given as a string', edited(minimalScenario(), 'payers[0].weight', '0.6')],
    ['a fractional number of chairs', edited(minimalScenario(), 'program.chairs', 2.5)],
    ['zero chairs', edited(minimalScenario(), 'program.chairs', 0)],
    ['an unknown drug field', edited(minimalScenario(), 'drugs[1].dosee', 300)],
    ['an unknown top-level field', edited(minimalScenario(), 'notes', 'x')],
    ['a missing discount rate', edited(minimalScenario(), 'program.discountRate', REMOVE)],
    ['a missing version', edited(minimalScenario(), 'version', REMOVE)],
    ['version 2', edited(minimalScenario(), 'version', 2)],
    ['an array for a document', []],
    ['no drugs', edited(minimalScenario(), 'drugs', [])],
    ['no payers', edited(minimalScenario(), 'payers', [])],
    ['a drug given as a string', edited(minimalScenario(), 'drugs[0]', 'Q5121')],
    ['a blank drug', edited(minimalScenario(), 'drugs[0].hcpcs', ' ')],
    ['a payer id that starts with a digit', edited(minimalScenario(), 'payers[0].id', '1MEDICARE')],
    ['a quarter in another form', edited(minimalScenario(), 'quarter', '2026-Q1')],
    ['a fee schedule year of 1999', edited(minimalScenario(), 'feeScheduleYear', 1999)],
    ['a blank name', edited(minimalScenario(), 'name', '  ')],
    ['25 hours a day', edited(minimalScenario(), 'program.hoursPerDay', 25)],
    ['a negative fixed cost', edited(minimalScenario(), 'program.fixedCosts[0].monthly', -5)],
    ['an unknown complexity', edited(minimalScenario(), 'drugs[0].complexity', 'simple')],
    ['"yes" for a boolean', edited(minimalScenario(), 'drugs[0].distributorVerified', 'yes')],
    ['a prior-authorization payer listed twice', edited(minimalScenario(), 'drugs[0].priorAuthPayers', ['MEDICARE', 'MEDICARE'])],
    ['basedOn that is not built in', edited(minimalScenario(), 'payers[1]', { id: 'ACME_PPO', name: 'Acme', weight: 0.4, basedOn: 'AETNA' })],
    [
      'a custom payer without basedOn or every term',
      edited(minimalScenario(), 'payers[1]', { id: 'ACME_PPO', name: 'Acme', weight: 0.4, collectionRate: 0.9 }),
    ],
    ['an unknown drug rule kind', edited(minimalScenario(), 'payers[0].drugRule', { kind: 'asp', percent: 0.1 })],
    ['ASP + 15 typed as 15', edited(minimalScenario(), 'payers[0].drugRule', { kind: 'asp_plus', percent: 15 })],
    ['a drug rule with the wrong field', edited(minimalScenario(), 'payers[0].drugRule', { kind: 'payment_limit', percent: 1 })],
    ['"FILE" for drug coinsurance', edited(minimalScenario(), 'payers[0].drugCoinsurance', 'FILE')],
    ['150 for 150% of the fee schedule', edited(minimalScenario(), 'payers[0].adminPercentOfFeeSchedule', 150)],
    ['a fractional days to payment', edited(minimalScenario(), 'payers[0].daysToPayment', 14.5)],
  ];

  it.each(structural)('both reject %s, and ajv reports an error at each path the validator names', (_title, doc) => {
    const ours = validateScenario(doc);
    expect(ours.ok).toBe(false);
    expect(schemaValidate(doc)).toBe(false);
    const theirs = ajvPaths(schemaValidate.errors ?? []);
    const ourPaths = ours.ok ? [] : ours.errors.map((e) => e.path);
    for (const path of ourPaths) expect(theirs).toContain(path);
  });

  /** Documents only the validator can reject: the rules span fields, which a JSON Schema cannot state. */
  const acrossFields: [string, unknown][] = [
    ['weights summing to 0.9', edited(minimalScenario(), 'payers[1].weight', 0.3)],
    ['a duplicate payer id', editedAll(minimalScenario(), [['payers[1].id', 'MEDICARE']])],
    ['a duplicate drug code', edited(minimalScenario(), 'drugs[1].hcpcs', 'Q5121')],
    ['a prior-authorization payer not in payers', edited(minimalScenario(), 'drugs[0].priorAuthPayers', ['HUMANA'])],
    ['a WAC payer and a drug without WAC', edited(fullScenario(), 'drugs[0].wacPerUnit', REMOVE)],
  ];

  it.each(acrossFields)('the schema accepts, the validator rejects %s (documented in the schema description)', (_title, doc) => {
    expect(schemaValidate(doc)).toBe(true);
    expect(validateScenario(doc).ok).toBe(false);
  });

  it.each([
    ['the sample', sampleScenario],
    ['the minimal fixture', minimalScenario()],
    ['the fixture with every optional field', fullScenario()],
    ['a custom payer with every term and no basedOn', edited(fullScenario(), 'payers[1].basedOn', REMOVE)],
    ['a built-in payer with basedOn', edited(minimalScenario(), 'payers[1].basedOn', 'COMMERCIAL')],
    ['zero weight for a payer', editedAll(minimalScenario(), [['payers[0].weight', 1], ['payers[1].weight', 0]])],
    ['drug coinsurance as a fraction', edited(minimalScenario(), 'payers[0].drugCoinsurance', 0.2)],
    ['a fixed-per-unit drug rule', edited(minimalScenario(), 'payers[0].drugRule', { kind: 'fixed_per_unit', amount: 12.5 })],
  ])('both accept %s', (_title, doc) => {
    expect(schemaValidate(doc)).toBe(true);
    expect(validateScenario(doc)).toMatchObject({ ok: true });
  });
});

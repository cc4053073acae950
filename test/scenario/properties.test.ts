import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { doseFor } from '../../src/engine/regimen';
import schema from '../../src/scenario/scenario.schema.json';
import { BUILTIN_PAYER_IDS } from '../../src/engine/payers';
import {
  formatIssue,
  PAYER_TERM_KEYS,
  resolveScenario,
  validateScenario,
  type PayerTerms,
  type Scenario,
  type ScenarioDrug,
  type ScenarioPayer,
  type ScenarioProgram,
} from './imports';
import { catalog, edited, referenceData } from './fixture';
import { schemaPaths } from './schema-paths';

const schemaValidate = new Ajv2020({ allErrors: true, strictRequired: false }).compile(schema);

/** An optional field: present with a value from `arb`, or absent. */
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
/** A plain-JSON object without the fields that came out undefined. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const num = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const int = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });
const fraction = num(0, 1);

const drugRule: fc.Arbitrary<PayerTerms['drugRule']> = fc.oneof(
  num(0.01, 3).map((factor) => ({ kind: 'payment_limit' as const, factor })),
  num(0, 2).map((percent) => ({ kind: 'asp_plus' as const, percent })),
  num(0.01, 2).map((percent) => ({ kind: 'wac_percent' as const, percent })),
  num(0, 500).map((amount) => ({ kind: 'fixed_per_unit' as const, amount })),
);

/** A valid value for each contract term. */
const TERM_ARBITRARIES = {
  drugRule,
  adminPercentOfFeeSchedule: num(0, 5),
  drugCoinsurance: fc.oneof(fc.constant('file' as const), fraction),
  adminCoinsurance: fraction,
  sequestration: fraction,
  collectionRate: fraction,
  denialWriteOff: fraction,
  paysDiscarded: fc.boolean(),
  daysToPayment: int(0, 180),
  priorAuthDenialRate: fraction,
};

/** Any subset of the contract terms, with valid values. */
const termOverrides: fc.Arbitrary<Partial<PayerTerms>> = fc.record(TERM_ARBITRARIES, { requiredKeys: [] });
/** Every contract term, for a custom payer without basedOn. */
const allTerms: fc.Arbitrary<PayerTerms> = fc.record(TERM_ARBITRARIES);

/** Weights in hundredths that sum to exactly 1: the gaps between sorted cut points of 0..100. */
const weights = (n: number): fc.Arbitrary<number[]> =>
  fc.array(int(0, 100), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => (p - (points[i] as number)) / 100);
  });

const CUSTOM_IDS = ['ACME_PPO', 'UNION_TRUST', 'BLUE_PLAN_2'];

const payers: fc.Arbitrary<ScenarioPayer[]> = fc
  .tuple(
    fc.subarray([...BUILTIN_PAYER_IDS], { minLength: 0 }),
    fc.subarray(CUSTOM_IDS, { minLength: 0 }),
  )
  .filter(([builtins, customs]) => builtins.length + customs.length > 0)
  .chain(([builtins, customs]) => {
    const ids = [...builtins, ...customs];
    const builtIn = new Set<string>(builtins);
    // A built-in id: its own profile plus any overrides. A custom id: basedOn plus any overrides, or every term.
    const termsOf = (id: string): fc.Arbitrary<Partial<ScenarioPayer>> =>
      builtIn.has(id)
        ? termOverrides
        : fc.oneof(
            fc.tuple(fc.constantFrom(...BUILTIN_PAYER_IDS), termOverrides).map(([basedOn, terms]) => ({ basedOn, ...terms })),
            allTerms,
          );
    return fc
      .tuple(weights(ids.length), fc.tuple(...ids.map(termsOf)))
      .map(([ws, terms]) => ids.map((id, i) => defined({ id, name: `Payer ${id}`, weight: ws[i] as number, ...terms[i] })));
  });

const drugs = (payerIds: readonly string[], needWac: boolean): fc.Arbitrary<ScenarioDrug[]> =>
  fc.subarray(catalog.map((d) => d.hcpcs), { minLength: 1, maxLength: 6 }).chain((codes) =>
    fc.tuple(
      ...codes.map((hcpcs) =>
        fc
          .record({
            // DOMAIN.md 5.5: a dose under 10% of the label dose is refused, so a valid piece is 11% to 500% of it.
            dose: maybe(num(0.11, 5)),
            weightKg: maybe(num(1, 400)),
            newPatientsPerMonth: num(0, 10),
            rampMonths: int(0, 12),
            discontinuationRate: maybe(fraction),
            acquisitionPerUnit: maybe(num(0, 1000)),
            wacPerUnit: needWac ? num(0, 1000) : maybe(num(0, 1000)),
            infusionMinutes: maybe(int(0, 600)),
            chairExtraMinutes: maybe(int(0, 120)),
            complexity: maybe(fc.constantFrom('complex' as const, 'therapeutic' as const)),
            distributorVerified: fc.boolean(),
            priorAuthPayers: maybe(fc.subarray([...payerIds])),
          })
          .map((fields): ScenarioDrug => {
            const facts = catalog.find((d) => d.hcpcs === hcpcs);
            // The dose is set against the drug's own weight (given with it), not the scenario's patient weight.
            const weightKg = fields.dose === undefined ? fields.weightKg : (fields.weightKg ?? 80);
            const label = facts === undefined ? 1 : doseFor(facts.dose, weightKg ?? 80).toNumber();
            const dose = fields.dose === undefined ? undefined : Math.round(fields.dose * label * 1000) / 1000;
            return defined({ hcpcs, ...fields, weightKg, dose });
          }),
      ),
    ),
  );

const program: fc.Arbitrary<ScenarioProgram> = fc
  .record({
    chairs: int(1, 20),
    hoursPerDay: num(1, 24),
    daysPerMonth: int(1, 31),
    utilizationTarget: maybe(num(0.05, 1)),
    chairsPerNurse: num(0.5, 6),
    fixedCosts: fc.array(fc.record({ name: fc.constantFrom('RN', 'Rent', 'Pharmacy technician'), monthly: num(0, 50000) }), {
      maxLength: 4,
    }),
    startupCosts: num(0, 500000),
    planningMonths: maybe(int(0, 24)),
    horizonMonths: maybe(int(1, 120)),
    discountRate: fraction,
    distributorTermsDays: maybe(int(0, 120)),
    priorAuthDelayDays: maybe(int(0, 60)),
    priorAuthStaffMinutes: num(0, 240),
    staffHourlyCost: num(0, 200),
  })
  .map(defined);

/** A scenario assembled from random valid pieces. */
const scenario: fc.Arbitrary<Scenario> = payers.chain((ps) =>
  fc
    .record({
      drugs: drugs(
        ps.map((p) => p.id),
        ps.some((p) => p.drugRule?.kind === 'wac_percent'),
      ),
      program,
      quarter: maybe(fc.constant('2026Q1')),
      feeScheduleYear: maybe(fc.constantFrom(2025, 2026)),
      patientWeightKg: maybe(num(1, 400)),
    })
    .map(({ drugs: ds, program: prog, ...rest }) =>
      defined({ version: 1 as const, name: 'Random', practiceName: 'Random Practice', ...rest, drugs: ds, payers: ps, program: prog }),
    ),
);

/** Paths of every number in a JSON value, in the validator's form. */
function numericPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v: unknown, i) => numericPaths(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => numericPaths(v, path === '' ? k : `${path}.${k}`));
  }
  return [];
}

describe('scenario properties (fast-check)', () => {
  it('any scenario built from random valid pieces validates, passes the schema and resolves', () => {
    fc.assert(
      fc.property(scenario, (doc) => {
        const result = validateScenario(doc, referenceData);
        expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([]);
        expect(schemaValidate(doc)).toBe(true);
        const input = resolveScenario(doc, referenceData);
        expect(input.drugs).toHaveLength(doc.drugs.length);
        expect(input.payers.map((p) => p.profile.id)).toEqual(doc.payers.map((p) => p.id));
        for (const p of input.payers) for (const key of PAYER_TERM_KEYS) expect(p.profile[key]).toBeDefined();
      }),
    );
  });

  it('setting any one number to a negative value gives exactly one issue, at that path, which the schema also reports', () => {
    const mutation = scenario.chain((doc) =>
      fc.tuple(fc.constant(doc), fc.constantFrom(...numericPaths(doc)), fc.oneof(num(-1e6, -1e-6), int(-1000, -1))),
    );
    fc.assert(
      fc.property(mutation, ([doc, path, negative]) => {
        const bad = edited(doc, path, negative);
        const result = validateScenario(bad, referenceData);
        expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([path]);
        expect(schemaValidate(bad)).toBe(false);
        expect((schemaValidate.errors ?? []).flatMap(schemaPaths)).toContain(path);
      }),
    );
  });
});

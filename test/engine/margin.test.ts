/**
 * The margin's fast path (src/engine/margin.ts, issue 15) against the full economics of one administration
 * (economics.ts, decimal.js throughout): the same margin to the last digit, or the same failure, over 100,000
 * random administrations from a fixed seed (random drugs priced in the embedded quarters, doses from tiny to
 * huge and with binary noise, every kind of payer rule and drug source, contract prices, infusion times,
 * discounts). Its dispensing without a decimal division against units.ts `dispense`, and the mix-weighted
 * margin against `mixWeighted`, likewise. (Counted once: about half the random administrations run the fast path to
 * the end, four in ten go to the full economics by design, the rest fail in both.)
 */
import fc from 'fast-check';
import { ReferenceBook } from '../../src/engine/book';
import { type Dec, dec } from '../../src/engine/decimal';
import { type AdministrationSpec, administrationEconomics } from '../../src/engine/economics';
import { administrationMargin, mixMargin, quickDispense } from '../../src/engine/margin';
import { mixWeighted } from '../../src/engine/mix';
import { BUILTIN_PAYERS, builtinPayer } from '../../src/engine/payers';
import type { Complexity, Route } from '../../src/engine/reference';
import type { DrugSourceTerms, PayerProfile } from '../../src/engine/types';
import { dispense } from '../../src/engine/units';
import { sameDecimal } from './same-decimal';
import { referenceData } from '../../src/data';

const RUNS = 100_000;
const SEED = 15_2026;
const book = new ReferenceBook(referenceData);

const same = sameDecimal;

/** The margin, or the failure's text. */
function outcome(f: () => Dec): Dec | string {
  try {
    return f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}
function agree(a: Dec | string, b: Dec | string): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : same(a, b);
}

// Codes: every catalog drug and a sample of the other priced codes of the newest quarter (with vial sizes from
// the crosswalk, or none: a failure both paths must give), plus a code that is not priced at all.
const newest = referenceData.quarters[0]!;
const codeArb = fc.oneof(
  { arbitrary: fc.constantFrom(...referenceData.catalog.map((d) => d.hcpcs)), weight: 6 },
  { arbitrary: fc.constantFrom(...newest.rows.filter((_, i) => i % 9 === 0).map((r) => r.hcpcs)), weight: 2 },
  { arbitrary: fc.constant('J9999'), weight: 1 },
);
// Mostly the newest quarter (the default), sometimes an older one (where fewer codes are priced).
const quarterArb = fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.constantFrom(...referenceData.quarters.map((q) => q.quarter)), weight: 2 });

/** Doses: whole, decimal, with binary noise (100 + 7 x 0.01 = 100.07000000000001), tiny and very large. */
const doseArb = fc.oneof(
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: 500_000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 30_000 }).map((i) => 100 + i * 0.01),
  fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
  fc.integer({ min: 1, max: 1_000_000_000 }),
);
const money = fc.oneof(fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000), fc.double({ min: 0.001, max: 5000, noNaN: true }));
const rate01 = fc.oneof(fc.constantFrom(0, 0.02, 0.2, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const sourceArb: fc.Arbitrary<DrugSourceTerms> = fc.oneof(
  { arbitrary: fc.constant<DrugSourceTerms>({ source: 'buy_and_bill', whiteBagShare: 0 }), weight: 6 },
  rate01.map((w): DrugSourceTerms => ({ source: 'buy_and_bill', whiteBagShare: w })),
  fc.constant<DrugSourceTerms>({ source: 'white_bag', whiteBagShare: 0 }),
  fc.constant<DrugSourceTerms>({ source: 'free_drug', whiteBagShare: 0 }),
);
const customPayer: fc.Arbitrary<PayerProfile> = fc
  .record({
    rule: fc.oneof(
      fc.double({ min: 0.5, max: 2, noNaN: true }).map((factor) => ({ kind: 'payment_limit' as const, factor })),
      fc.double({ min: -0.2, max: 0.6, noNaN: true }).map((percent) => ({ kind: 'asp_plus' as const, percent })),
      fc.double({ min: 0.5, max: 1.2, noNaN: true }).map((percent) => ({ kind: 'wac_percent' as const, percent })),
      money.map((amount) => ({ kind: 'fixed_per_unit' as const, amount })),
    ),
    admin: fc.double({ min: 0, max: 3, noNaN: true }),
    cDrug: fc.oneof(fc.constant<'file'>('file'), rate01),
    cAdmin: rate01,
    seq: fc.constantFrom(0, 0.02),
    collect: rate01,
    denial: rate01,
    paysDiscarded: fc.boolean(),
    source: sourceArb,
  })
  .map((r) => ({
    ...builtinPayer('COMMERCIAL')!,
    id: 'CUSTOM',
    drugRule: r.rule,
    adminPercentOfFeeSchedule: r.admin,
    drugCoinsurance: r.cDrug,
    adminCoinsurance: r.cAdmin,
    sequestration: r.seq,
    collectionRate: r.collect,
    denialWriteOff: r.denial,
    paysDiscarded: r.paysDiscarded,
    drugSource: r.source.source,
    whiteBagShare: r.source.whiteBagShare,
  }));
/** Mostly null (what the cell functions pass), one time in `every`: the cases the fast path hands on. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: arb, weight: 1 });
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: arb, weight: 1 });
// Built-in profiles are the same objects on every call (the caches key on them); custom ones are new.
const payerArb = fc.oneof({ arbitrary: fc.constantFrom(...BUILTIN_PAYERS), weight: 2 }, { arbitrary: customPayer, weight: 1 });

const specArb: fc.Arbitrary<AdministrationSpec> = fc
  .record({
    code: codeArb,
    quarter: quarterArb,
    dose: doseArb,
    route: fc.constantFrom<Route>('IV', 'SC'),
    complexity: fc.constantFrom<Complexity>('complex', 'therapeutic'),
    minutes: fc.oneof(fc.constantFrom(0, 30, 60, 90, 120, 180, 240), fc.integer({ min: 0, max: 1440 })),
    acquisition: fc.option(money, { freq: 2 }),
    wac: fc.option(money, { freq: 2 }),
    extras: fc.record({
      priceFactor: rarely(fc.constantFrom(0.9, 1.1)),
      drugSource: rarely(sourceArb),
      handling: sometimes(money),
      discount: sometimes(fc.constantFrom(0.95, 0.98 * 0.97)),
      vialSizes: rarely(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 })),
    }),
  })
  .map((r): AdministrationSpec => {
    const drug = referenceData.catalog.find((d) => d.hcpcs === r.code);
    return {
      hcpcs: r.code,
      dose: dec(r.dose),
      route: drug?.route ?? r.route,
      complexity: drug?.complexity ?? r.complexity,
      minutes: r.minutes,
      acquisitionPerUnit: r.acquisition === null ? null : dec(r.acquisition),
      wacPerUnit: r.wac === null ? null : dec(r.wac),
      ...(r.quarter === undefined ? {} : { quarter: r.quarter }),
      ...(r.extras.priceFactor === null ? {} : { priceFactor: dec(r.extras.priceFactor) }),
      ...(r.extras.drugSource === null ? {} : { drugSource: r.extras.drugSource }),
      ...(r.extras.handling === null ? {} : { whiteBagHandlingCost: dec(r.extras.handling) }),
      ...(r.extras.discount === null ? {} : { defaultAcquisitionFactor: dec(r.extras.discount) }),
      ...(r.extras.vialSizes === null ? {} : { vialSizes: r.extras.vialSizes }),
    };
  });

describe('the margin fast path equals the full economics (100,000 random administrations)', () => {
  it('administrationMargin(book, spec, payer) is administrationEconomics(book, spec, payer).margin, or the same failure', () => {
    fc.assert(
      fc.property(specArb, payerArb, (spec, payer) =>
        agree(
          outcome(() => administrationMargin(book, spec, payer)),
          outcome(() => administrationEconomics(book, spec, payer).margin),
        ),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('quickDispense gives dispense’s units administered, JW units and vial units', () => {
    const unitArb = fc.oneof(fc.constantFrom('1', '10', '100', '0.1', '2.5', '150', '1000', '0.5', '3', '7'), fc.integer({ min: 1, max: 999 }).map((n) => String(n / 10)));
    fc.assert(
      fc.property(doseArb, unitArb, fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(0.5, 2.5, 12.5)), { minLength: 1, maxLength: 4 }), (dose, unit, sizes) => {
        const q = quickDispense(dec(dose), dec(unit), sizes);
        const d = dispense(dec(dose), dec(unit), sizes);
        return q.unitsAdministered === d.unitsAdministered && q.jwUnits === d.jwUnits && same(q.totalUnits, d.vials.totalUnits);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('mixMargin is mixWeighted over the payers’ full-economics margins', () => {
    const weightsArb = fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(specArb, fc.array(payerArb, { minLength: 1, maxLength: 5 }), weightsArb, (spec, payers, raw) => {
        const ws = payers.map((_, i) => dec(raw[i % raw.length] ?? 0).div(1000));
        return agree(
          outcome(() => mixMargin(book, spec, payers, ws)),
          outcome(() => mixWeighted(ws, payers.map((p) => administrationEconomics(book, spec, p).margin))),
        );
      }),
      { seed: SEED + 2, numRuns: 20_000 },
    );
  });
});

describe('the margin fast path, worked by hand', () => {
  it('prices 400 mg of infliximab for Medicare as the README does', () => {
    const spec: AdministrationSpec = { hcpcs: 'J1745', dose: dec(400), route: 'IV', complexity: 'complex', minutes: 120, acquisitionPerUnit: null, wacPerUnit: null, quarter: '2026Q1' };
    // 40 units x $32.423 = $1,296.92 + 96413 + 96415 $161.66 = $1,458.58 allowed; x 0.974 (0.8 x 0.98 + 0.2 x 0.95)
    // = $1,420.65692 net; 4 vials x 10 units x ($32.423 / 1.06) = $1,223.50943...; margin $197.147... -> $197.15.
    expect(administrationMargin(book, spec, builtinPayer('MEDICARE')!).toDecimalPlaces(2).toString()).toBe('197.15');
  });

  it('a self-pay patient on manufacturer free drug: the margin is the administration lines’ net revenue alone', () => {
    const spec: AdministrationSpec = { hcpcs: 'J1745', dose: dec(400), route: 'IV', complexity: 'complex', minutes: 120, acquisitionPerUnit: null, wacPerUnit: null, quarter: '2026Q1' };
    // No drug line and no drug cost (DOMAIN.md 5.1). The administration lines allow $161.66 (100% of the fee
    // schedule), all of it the patient's share (co-insurance 100%), of which 6% is collected:
    // ((161.66 - 161.66) x 1 + 161.66 x 0.06) x (1 - 0) = 9.6996.
    expect(administrationMargin(book, spec, builtinPayer('SELF_PAY')!).toString()).toBe('9.6996');
  });
});

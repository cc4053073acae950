/**
 * The margin of one administration, fast (issue 15), for the cell functions that recalculate it for every
 * new argument list (`INFUSION.MARGIN`, `INFUSION.MIXMARGIN`): `administrationMargin(book, spec, payer)` is
 * `administrationEconomics(book, spec, payer).margin` to the last digit. It computes only what the margin
 * needs (DOMAIN.md 2.5-2.7: the drug line's net revenue, the administration lines' net revenue, the vials'
 * cost), with the exact fast decimal operations of fast-decimal.ts, and keeps what does not change between
 * calls: per book (a new book for every new quarter or data set) and drug, the price entry, vial sizes and
 * the dispensing of each dose; per payer profile (a new object whenever the scenario's payers change), the
 * drug rate and the administration lines' net revenue.
 *
 * Everything else (a drug source other than the payer's own buy and bill, a white-bagged share, a payer paid
 * a percent of WAC, the sensitivity's price factor, a user's own vial sizes) goes to administrationEconomics
 * itself. test/engine/margin.test.ts checks both paths give the same margin over 100,000 random cases.
 */
import type { ReferenceBook } from './book';
import { type Dec, ONE, ZERO, dec } from './decimal';
import { type AdministrationSpec, administrationAllowed, administrationEconomics, drugRate, payerDecimalsOf } from './economics';
import { fail } from './errors';
import { RunningSum, add, mul, roundTo, sub } from './fast-decimal';
import { mixWeighted } from './mix';
import type { PayerProfile } from './types';
import { type VialChoice, dispense, vialPlan, vialsInSteps } from './units';

interface DrugFacts {
  readonly price: ReturnType<ReferenceBook['price']>;
  readonly vialSizes: readonly number[];
  /** The payer's rate per billing unit of the drug, by payer profile. */
  readonly rates: WeakMap<PayerProfile, Dec>;
  asp?: Dec;
}

interface BookFacts {
  readonly drugs: Map<string, DrugFacts>;
  /** Net revenue of the administration lines, by payer profile, then route, complexity, minutes and fee year. */
  readonly adminNet: WeakMap<PayerProfile, Map<string, Dec>>;
}

/** The co-insurance of a Medicare drug line where the CMS file is silent (as economics.ts). */
const TWENTY_PERCENT = dec('0.2');

const byBook = new WeakMap<ReferenceBook, BookFacts>();

function factsOf(book: ReferenceBook): BookFacts {
  let f = byBook.get(book);
  if (!f) {
    f = { drugs: new Map(), adminNet: new WeakMap() };
    byBook.set(book, f);
  }
  return f;
}

/** Whole numbers as decimals, made once (units administered, JW units). */
const WHOLE: Dec[] = [];
function whole(n: number): Dec {
  if (n < 0 || n >= 4096 || !Number.isInteger(n)) return dec(n);
  return (WHOLE[n] ??= dec(n));
}

/** Set by `scaledInteger`: the number is scaledV x 10^scaledK. */
let scaledV = 0;
let scaledK = 0;

/**
 * A positive decimal as v x 10^k, v a whole number of at most 15 digits without trailing zeros (exact in a
 * double); false when it has more digits than that.
 */
function scaledInteger(x: Dec): boolean {
  const r = x as unknown as { s: number; e: number; d: number[] | null };
  const d = r.d;
  if (!d || r.s < 0 || d[0] === 0 || d.length > 3) return false;
  let v = 0;
  for (const w of d) v = v * 1e7 + w;
  if (v > 1e15) return false;
  let k = 7 * (Math.floor(r.e / 7) - d.length + 1);
  while (v % 10 === 0) {
    v /= 10;
    k++;
  }
  scaledV = v;
  scaledK = k;
  return true;
}

/** The least whole number at or above num / den, for whole num and den below 2^52. */
function ceilDivide(num: number, den: number): number {
  let q = Math.floor(num / den);
  let r = num - q * den;
  // The quotient in a double may be one off; the remainder, exact, says which way.
  if (r < 0) {
    q--;
    r += den;
  } else if (r >= den) {
    q++;
    r -= den;
  }
  return r > 0 ? q + 1 : q;
}

const SAFE = 2 ** 52;

/** Floor of each vial choice's total units (a whole number of units or not), once per choice. */
const floorOfTotal = new WeakMap<VialChoice, number>();

/** The dispensing of `unitsAdministered` units whose vials must hold `steps` gcd steps of the plan. */
function fromSteps(plan: ReturnType<typeof vialPlan>, unitsAdministered: number, steps: number): QuickDispensing {
  let choice = plan.bySteps.get(steps);
  if (!choice) {
    choice = vialsInSteps(plan, whole(steps));
    if (plan.bySteps.size >= 5000) plan.bySteps.clear();
    plan.bySteps.set(steps, choice);
  }
  let floor = floorOfTotal.get(choice);
  if (floor === undefined) {
    floor = choice.totalUnits.floor().toNumber();
    floorOfTotal.set(choice, floor);
  }
  return { unitsAdministered, jwUnits: Math.max(0, floor - unitsAdministered), totalUnits: choice.totalUnits };
}

/** What the margin needs of a dispensing (units.ts `dispense`). */
export interface QuickDispensing {
  readonly unitsAdministered: number;
  readonly jwUnits: number;
  readonly totalUnits: Dec;
}

/**
 * `dispense(dose, unit, sizes)`'s units administered, JW units and vial units, without a decimal division:
 * dose = D x 10^a and unit = U x 10^b are whole numbers times powers of ten, so dose / unit is a fraction of
 * whole numbers below 2^52 and its ceiling (the units administered) and the vials' requirement in whole gcd
 * steps (ceil(dose / unit x scale / gcd)) are exact integer divisions. decimal.js rounds dose / unit to 28
 * digits before the ceiling; with at most 15 digits in each number the quotient is either whole or more than
 * 1e-16 of itself away from a whole number, so the rounding never moves the ceiling. Anything larger takes
 * the decimal path (`dispense`).
 */
export function quickDispense(dose: Dec, unit: Dec, sizes: readonly number[]): QuickDispensing {
  const plan = vialPlan(sizes);
  if (scaledInteger(dose)) {
    const dv = scaledV;
    const dk = scaledK;
    if (scaledInteger(unit)) {
      const t = dk - scaledK;
      let num = dv;
      let den = scaledV;
      if (t >= 0) num = t > 22 ? Infinity : dv * 10 ** t;
      else den = t < -22 ? Infinity : scaledV * 10 ** -t;
      const num2 = num * plan.scale;
      const den2 = den * plan.gcd;
      if (num2 < SAFE && den2 < SAFE) {
        return fromSteps(plan, ceilDivide(num, den), ceilDivide(num2, den2));
      }
    }
  }
  const big = bigDispense(dose, unit, plan);
  if (big) return big;
  const d = dispense(dose, unit, sizes);
  return { unitsAdministered: d.unitsAdministered, jwUnits: d.jwUnits, totalUnits: d.vials.totalUnits };
}

/** A positive decimal of at most 21 digits as [v, k] with the number v x 10^k; null otherwise. */
function bigScaled(x: Dec): [bigint, number] | null {
  const r = x as unknown as { s: number; e: number; d: number[] | null };
  const d = r.d;
  if (!d || r.s < 0 || d[0] === 0 || d.length > 3) return null;
  let v = 0n;
  for (const w of d) v = v * 10_000_000n + BigInt(w);
  return [v, 7 * (Math.floor(r.e / 7) - d.length + 1)];
}

function bigCeilDivide(num: bigint, den: bigint): bigint {
  const q = num / den;
  return q * den === num ? q : q + 1n;
}

/** quickDispense for doses or units of 16 to 21 digits (a dose computed in Excel: 100.07000000000001), in whole numbers of any size. */
function bigDispense(dose: Dec, unit: Dec, plan: ReturnType<typeof vialPlan>): QuickDispensing | null {
  const a = bigScaled(dose);
  const b = bigScaled(unit);
  if (!a || !b || Math.abs(a[1] - b[1]) > 40) return null;
  const t = a[1] - b[1];
  const num = t >= 0 ? a[0] * 10n ** BigInt(t) : a[0];
  const den = t >= 0 ? b[0] : b[0] * 10n ** BigInt(-t);
  const units = bigCeilDivide(num, den);
  const steps = bigCeilDivide(num * BigInt(plan.scale), den * BigInt(plan.gcd));
  if (units > BigInt(SAFE) || steps > BigInt(SAFE)) return null;
  return fromSteps(plan, Number(units), Number(steps));
}

/** Net revenue of a line with allowed amount A and co-insurance c: ((A - A c)(1 - seq) + A c coll)(1 - denial), as economics.ts. */
function lineNet(allowed: Dec, c: Dec, keep: Dec, collect: Dec, afterDenial: Dec): Dec {
  const share = mul(allowed, c);
  const paid = mul(sub(allowed, share), keep);
  return mul(add(paid, mul(share, collect)), afterDenial);
}

/** `administrationEconomics(book, spec, payer).margin`, to the last digit. */
export function administrationMargin(book: ReferenceBook, spec: AdministrationSpec, payer: PayerProfile): Dec {
  const pd = payerDecimalsOf(payer);
  const kind = payer.drugRule.kind;
  if (
    (spec.vialSizes && spec.vialSizes.length > 0) ||
    spec.drugSource !== undefined ||
    spec.priceFactor !== undefined ||
    kind === 'wac_percent' ||
    !pd.shares.whiteBag.isZero() ||
    (pd.shares.buyAndBill !== ONE && !pd.shares.buyAndBill.isZero())
  ) {
    return administrationEconomics(book, spec, payer).margin;
  }
  // The same checks, in the same order, as administrationEconomics: the same failure for the same arguments.
  if (!spec.dose.isFinite() || spec.dose.lte(0)) {
    fail({ code: 'invalid_amount', argument: 'dose', problem: `must be a positive amount, not ${spec.dose.toString()}` });
  }
  const book$ = factsOf(book);
  const drugKey = `${spec.hcpcs}|${spec.quarter ?? ''}`;
  let drug = book$.drugs.get(drugKey);
  if (!drug) {
    const price = book.price(spec.hcpcs, spec.quarter);
    drug = { price, vialSizes: book.vialSizes(spec.hcpcs), rates: new WeakMap() };
    book$.drugs.set(drugKey, drug);
  }
  const dispensing = quickDispense(spec.dose, drug.price.unit.amount, drug.vialSizes);
  let rate = drug.rates.get(payer);
  if (!rate) {
    rate = drugRate(book, spec, payer);
    drug.rates.set(payer, rate);
  }
  // All of the payer's patients bought and billed, or none (free drug: no drug line, no drug cost; 5.1).
  const bought = pd.shares.buyAndBill === ONE;
  const jwUnitsBilled = payer.paysDiscarded && bought ? dispensing.jwUnits : 0;
  const administered = roundTo(mul(rate, whole(dispensing.unitsAdministered)), 2);
  const allowedDrug = bought ? add(administered, jwUnitsBilled === 0 ? ZERO : roundTo(mul(rate, whole(jwUnitsBilled)), 2)) : ZERO;

  let byPayer = book$.adminNet.get(payer);
  if (!byPayer) {
    byPayer = new Map();
    book$.adminNet.set(payer, byPayer);
  }
  const adminKey = `${spec.route}|${spec.complexity}|${spec.minutes}|${spec.feeScheduleYear ?? ''}`;
  let adminNet = byPayer.get(adminKey);
  if (!adminNet) {
    adminNet = lineNet(administrationAllowed(book, spec, payer).allowed, pd.cAdmin, pd.keep, pd.collect, pd.afterDenial);
    byPayer.set(adminKey, adminNet);
  }

  const cDrug = pd.cDrug ?? drug.price.coinsurance ?? TWENTY_PERCENT;
  // Nothing allowed nets nothing: ((0 - 0) x keep + 0 x collect) x (1 - denial) is 0.
  const netRevenue = add(bought ? lineNet(allowedDrug, cDrug, pd.keep, pd.collect, pd.afterDenial) : ZERO, adminNet);
  let acquisition = spec.acquisitionPerUnit;
  if (acquisition === null) {
    drug.asp ??= book.asp(spec.hcpcs, spec.quarter);
    acquisition = spec.defaultAcquisitionFactor ? drug.asp.times(spec.defaultAcquisitionFactor) : drug.asp;
  }
  return sub(netRevenue, bought ? mul(acquisition, dispensing.totalUnits) : ZERO);
}

/**
 * `mixWeighted(weights, payers.map((p) => administrationEconomics(book, spec, p).margin))`, to the last
 * digit: the mix-weighted margin of one administration (DOMAIN.md 2.7).
 */
const MIX_SUM = new RunningSum();

export function mixMargin(book: ReferenceBook, spec: AdministrationSpec, payers: readonly PayerProfile[], weights: readonly Dec[]): Dec {
  const margins = payers.map((p) => administrationMargin(book, spec, p));
  // The length check and its failure are mixWeighted's own.
  if (weights.length !== margins.length) return mixWeighted(weights, margins);
  const sum = MIX_SUM.reset();
  for (let i = 0; i < weights.length; i++) sum.addProduct(weights[i] as Dec, margins[i] as Dec);
  return sum.value();
}

/**
 * Billing units, vials and waste: DOMAIN.md 2.4 (rule).
 * - Units administered = dose / billing unit, rounded UP to a whole unit (CGS units-of-service guidance:
 *   "If dosage given is not a multiple of the number provided in the HCPCS code description, round up").
 * - Vials: the combination of the drug's single-dose vial sizes that covers the dose with the least total
 *   amount, ties broken by the fewest vials. A greedy choice is wrong: 300 mg of tocilizumab from 80, 200
 *   and 400 mg vials is 4 x 80 mg (320 mg), not one 400 mg vial.
 * - JW units (discarded, billed) = units in the vials opened - units administered, when positive; zero
 *   means the claim carries JZ (CMS discarded-drug policy; Noridian JZ guidance).
 */
import { Dec, dec } from './decimal';

/** A billing unit as the CMS file states it ("10 MG", "1000 UNITS", "1 MCG"). */
export interface BillingUnit {
  readonly amount: Dec;
  /** Upper-case measure as in the file: "MG", "MCG", "UNITS", "ML", ... */
  readonly measure: string;
  readonly text: string;
}

const DOSAGE = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z%][A-Za-z% ]*?)\s*$/;
const dosageCache = new Map<string, BillingUnit | null>();

/** Parses "HCPCS Code Dosage"; null when the text gives no amount (e.g. "per vial"). */
export function parseBillingUnit(text: string): BillingUnit | null {
  const cached = dosageCache.get(text);
  if (cached !== undefined) return cached;
  const m = DOSAGE.exec(text);
  let unit: BillingUnit | null = null;
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const amount = dec(m[1]);
    if (amount.gt(0)) unit = { amount, measure: m[2].toUpperCase(), text: text.trim() };
  }
  dosageCache.set(text, unit);
  return unit;
}

/** Units administered: dose / unit, rounded up to a whole number. */
export function unitsAdministered(dose: Dec, unit: Dec): number {
  return dose.div(unit).ceil().toNumber();
}

export interface VialCount {
  /** Vial size in billing units. */
  readonly size: number;
  readonly count: number;
}

export interface VialChoice {
  readonly vials: readonly VialCount[];
  readonly vialCount: number;
  /** Billing units in all vials opened. */
  readonly totalUnits: Dec;
}

/** Decimal places of a finite number's shortest form (0.5 -> 1, 12 -> 0). */
function decimalPlaces(n: number): number {
  const s = String(n);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2)) + (s.indexOf('.') >= 0 ? e - s.indexOf('.') - 1 : 0);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const vialCache = new Map<string, VialChoice>();

/** A drug's vial sizes as chooseVials counts them: sorted distinct sizes, scaled to integers, in gcd steps. */
export interface VialPlan {
  readonly sizes: readonly number[];
  /** 10^places: sizes x scale are integers (places: the sizes' decimal places, at most 6). */
  readonly scale: number;
  /** The greatest common divisor of the scaled sizes. */
  readonly gcd: number;
  /** Each size in gcd steps. */
  readonly steps: readonly number[];
  readonly key: string;
  /** Choices by required gcd steps (issue 15: the custom functions' fast path asks by steps). */
  readonly bySteps: Map<number, VialChoice>;
}

const plans = new WeakMap<readonly number[], VialPlan>();

/** The vial plan of a list of sizes (remembered per list). */
export function vialPlan(sizes: readonly number[]): VialPlan {
  const hit = plans.get(sizes);
  if (hit) return hit;
  const uniq = [...new Set(sizes)].filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  if (uniq.length === 0) throw new RangeError('chooseVials(): no vial sizes');
  const places = Math.min(6, Math.max(...uniq.map(decimalPlaces)));
  const scale = 10 ** places;
  const scaled = uniq.map((s) => Math.round(s * scale));
  const g = scaled.reduce(gcd);
  const plan: VialPlan = { sizes: uniq, scale, gcd: g, steps: scaled.map((s) => s / g), key: uniq.join(';'), bySteps: new Map() };
  plans.set(sizes, plan);
  return plan;
}

/**
 * The vial combination covering `requiredUnits` billing units with the least total, then fewest vials.
 * Exact: sizes are scaled to integers and divided by their greatest common divisor, then an unbounded
 * min-count knapsack runs over totals [required, required + largest). For very large requirements the bulk
 * is first filled with the largest vial: with s = the largest size (in gcd steps), any set of s or more
 * smaller vials holds a subset whose total is a multiple of s, which the same total of large vials replaces
 * with fewer vials, so an optimal choice has fewer than s smaller vials and the reduction is exact.
 */
export function chooseVials(requiredUnits: Dec, sizes: readonly number[]): VialChoice {
  const plan = vialPlan(sizes);
  const key = `${plan.key}|${requiredUnits.toString()}`;
  const hit = vialCache.get(key);
  if (hit) return hit;
  // Required amount in gcd steps, rounded up: vials can only total whole steps.
  const choice = vialsInSteps(plan, requiredUnits.times(plan.scale).div(plan.gcd).ceil());
  if (vialCache.size > 5000) vialCache.clear();
  vialCache.set(key, choice);
  return choice;
}

/** chooseVials for a requirement already counted in whole gcd steps of the plan. */
export function vialsInSteps(plan: VialPlan, required: Dec): VialChoice {
  const uniq = plan.sizes;
  const steps = plan.steps;
  const largest = steps[steps.length - 1] as number;
  const threshold = largest * largest + largest;
  let bulk = 0;
  let rest = required.toNumber();
  if (required.gt(threshold)) {
    bulk = required.minus(threshold).div(largest).floor().toNumber();
    rest = required.minus(dec(bulk).times(largest)).toNumber();
  }
  const limit = Math.max(rest, 0) + largest; // totals 0 .. limit-1
  const count = new Int32Array(limit).fill(-1);
  const lastStep = new Int32Array(limit).fill(-1);
  count[0] = 0;
  for (let t = 1; t < limit; t++) {
    let best = -1;
    let bestIdx = -1;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i] as number;
      if (s > t) break;
      const c = count[t - s] as number;
      if (c >= 0 && (best < 0 || c + 1 < best)) {
        best = c + 1;
        bestIdx = i;
      }
    }
    count[t] = best;
    lastStep[t] = bestIdx;
  }
  let total = Math.max(rest, 0);
  while ((count[total] as number) < 0) total++;
  const counts = new Array<number>(steps.length).fill(0);
  counts[steps.length - 1] = bulk;
  for (let t = total; t > 0; ) {
    const i = lastStep[t] as number;
    counts[i] = (counts[i] as number) + 1;
    t -= steps[i] as number;
  }
  const vials: VialCount[] = [];
  let vialCount = 0;
  let totalUnits = dec(0);
  for (let i = steps.length - 1; i >= 0; i--) {
    const c = counts[i] as number;
    if (c > 0) {
      const size = uniq[i] as number;
      vials.push({ size, count: c });
      vialCount += c;
      totalUnits = totalUnits.plus(dec(size).times(c));
    }
  }
  return { vials, vialCount, totalUnits };
}

export interface Dispensing {
  readonly unitsAdministered: number;
  /** Units billed on the JW line (0 means JZ). */
  readonly jwUnits: number;
  readonly modifier: 'JW' | 'JZ';
  readonly vials: VialChoice;
}

/** Units administered, vials opened and JW units for one dose (dose in the billing measure). */
export function dispense(dose: Dec, unit: Dec, vialSizes: readonly number[]): Dispensing {
  const administered = unitsAdministered(dose, unit);
  const vials = chooseVials(dose.div(unit), vialSizes);
  const jw = Math.max(0, vials.totalUnits.floor().toNumber() - administered);
  return { unitsAdministered: administered, jwUnits: jw, modifier: jw > 0 ? 'JW' : 'JZ', vials };
}

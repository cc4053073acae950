/**
 * A quarter's price change and what it does to a formulary: DOMAIN.md 2.10 (rule), over the economics of
 * 2.5-2.7 and the volume of 2.8.
 *
 * For each drug of the formulary, between an old and a new quarter of CMS payment limits:
 * - the payment limit per billing unit in each quarter and its change;
 * - units billed per administration for Medicare = units administered + units discarded on the JW line
 *   (Medicare pays JW units at the same rate, DOMAIN.md 2.4);
 * - change per administration = new payment limit x new units billed - old payment limit x old units billed,
 *   i.e. the change in payment limit x units billed when the billing unit is the same in both quarters: the
 *   change in Medicare's allowed amount for the drug line (DOMAIN.md 2.10). It is the rule's product, exact;
 *   a claim rounds each line (administered, JW) to cents, so the allowed amount on a real claim can differ
 *   from it by a cent;
 * - change per year = change per administration x administrations per year, where administrations per
 *   year are the model's projected administrations of the drug over the last 12 months of the horizon (a
 *   year at the end of the planning horizon, with the scenario's ramp, discontinuation and prior
 *   authorization applied: the same figure as the last year of the projection; a horizon shorter than 12
 *   months is scaled up to 12). Volume does not depend on prices, so it is the same in both quarters;
 * - the economics of one administration re-run under each quarter (per payer and mix-weighted net revenue,
 *   drug cost, margin, underwater), so the change in net revenue and in margin per administration is what
 *   every payer rule makes of the new prices, and the default acquisition cost (the derived ASP) moves
 *   with the quarter, as it does in the model;
 * - drugs that become underwater and drugs that stop being underwater, per payer and for the mix;
 * - drugs that cannot be priced in one of the quarters (no payment limit, or a biosimilar whose reference
 *   product has none), with the reason.
 *
 * Both quarters use the input's fee schedule year, so the figures isolate the payment limit file; the input's
 * own quarter is ignored. Everything is full precision; `quarterImpactReport` rounds where figures leave.
 *
 * Also `compareImportedQuarter`, which places an imported file against the newest quarter in use (newer, older,
 * a revision, or the same file), with `diffQuarters` (quarter-diff.ts), a code-level comparison of two quarters'
 * files. The rounded reports are in impact-report.ts.
 */
import { type ReferenceBook, compareQuarters } from './book';
import { Dec, ZERO, dec, sum } from './decimal';
import { type QuarterDiff, diffQuarters } from './quarter-diff';
import { DomainError } from './errors';
import { type DrugResult, type ModelResults, runModel } from './model';
import type { PaymentLimitQuarter } from './reference';
import type { ModelInput } from './types';

/** One side of a comparison: a book and the id of one of its quarters. */
export interface QuarterSide {
  readonly book: ReferenceBook;
  readonly quarter: string;
}

/** The figures of one administration for one payer (or for the mix) in one quarter. */
export interface PayerQuarterFigures {
  /** The payer's id; `MIX` for the mix-weighted figures. */
  readonly payerId: string;
  readonly netRevenueDrug: Dec;
  readonly netRevenue: Dec;
  readonly drugCost: Dec;
  readonly margin: Dec;
  readonly underwater: boolean;
}

/** The id the mix-weighted figures carry where a payer id would be. */
export const MIX_ID = 'MIX';

/** One drug priced in one quarter. */
export interface DrugQuarterFigures {
  readonly quarter: string;
  /** Payment limit per billing unit, as the file states it. */
  readonly paymentLimit: Dec;
  /** Co-insurance of the drug line as a fraction, or null when the file leaves it blank. */
  readonly coinsurance: Dec | null;
  /** "HCPCS Code Dosage", e.g. "10 MG". */
  readonly billingUnit: string;
  readonly notes: string;
  readonly unitsAdministered: number;
  readonly jwUnits: number;
  /** Units billed to Medicare: administered + JW. */
  readonly unitsBilled: number;
  /** Payment limit x units billed: Medicare's allowed amount for the drug line (unrounded). */
  readonly medicareAllowedDrug: Dec;
  /** Per payer, in the order of the input's payers. */
  readonly perPayer: readonly PayerQuarterFigures[];
  readonly mix: PayerQuarterFigures;
}

export interface DrugChange {
  readonly paymentLimitPerUnit: Dec;
  /** Change in Medicare's allowed drug line per administration (payment limit x units billed). */
  readonly perAdministration: Dec;
  /** `perAdministration` x administrations per year. */
  readonly perYear: Dec;
  /** Change in the payment limit as a fraction of the old one; null when the old one is zero. */
  readonly paymentLimitFraction: Dec | null;
  /** Mix-weighted change in net revenue of one administration (drug and administration lines). */
  readonly mixNetRevenuePerAdministration: Dec;
  /** Mix-weighted change in margin of one administration. */
  readonly mixMarginPerAdministration: Dec;
  /** `mixMarginPerAdministration` x administrations per year. */
  readonly mixMarginPerYear: Dec;
  /** Change in margin per administration, per payer (input order). */
  readonly marginPerAdministration: readonly { readonly payerId: string; readonly change: Dec }[];
}

export interface UnderwaterChange {
  /** Payer ids for which the drug is underwater in the new quarter and was not in the old one. */
  readonly became: readonly string[];
  /** Payer ids for which the drug was underwater in the old quarter and is not in the new one. */
  readonly stopped: readonly string[];
  readonly mixBecame: boolean;
  readonly mixStopped: boolean;
}

export interface DrugImpact {
  readonly hcpcs: string;
  readonly label: string;
  /** The drug in the old quarter; null when it cannot be priced there (see `unpricedOld`). */
  readonly old: DrugQuarterFigures | null;
  readonly new: DrugQuarterFigures | null;
  /** Why the drug cannot be priced in the old quarter (the engine's message), else null. */
  readonly unpricedOld: string | null;
  readonly unpricedNew: string | null;
  /** Projected administrations over a year at the end of the horizon (see the module header). */
  readonly administrationsPerYear: Dec;
  /** Null unless the drug is priced in both quarters. */
  readonly change: DrugChange | null;
  /** Null unless the drug is priced in both quarters. */
  readonly underwater: UnderwaterChange | null;
}

/** A drug that crossed the underwater line, for the lists a reader looks at first. */
export interface UnderwaterListing {
  readonly hcpcs: string;
  readonly label: string;
  readonly payers: readonly string[];
  readonly mix: boolean;
}

export interface UnpricedListing {
  readonly hcpcs: string;
  readonly label: string;
  /** The quarter the drug is not priced in. */
  readonly quarter: string;
  readonly reason: string;
}

export interface QuarterImpact {
  readonly from: string;
  readonly to: string;
  readonly feeScheduleYear: number;
  readonly payerIds: readonly string[];
  readonly weights: readonly Dec[];
  readonly drugs: readonly DrugImpact[];
  readonly becameUnderwater: readonly UnderwaterListing[];
  readonly stoppedUnderwater: readonly UnderwaterListing[];
  readonly unpriced: readonly UnpricedListing[];
  /** Sums over the drugs priced in both quarters. */
  readonly totals: {
    readonly perYear: Dec;
    readonly mixMarginPerYear: Dec;
  };
}

/** Failures that belong to one quarter's prices; anything else is the input's problem and is thrown. */
const QUARTER_FAILURES: ReadonlySet<string> = new Set(['not_priced', 'missing_fact']);

type SideRun = { readonly ok: true; readonly results: ModelResults; readonly drug: DrugResult } | { readonly ok: false; readonly reason: string };

function quarterFailure(e: unknown): string | null {
  return e instanceof DomainError && QUARTER_FAILURES.has(e.failure.code) ? e.message : null;
}

/**
 * Every drug of the input run under one quarter: the whole formulary in one model run (a drug's results do
 * not depend on the other drugs); only when some drug cannot be priced, each drug on its own, so that the
 * others still are.
 */
function runSide(side: QuarterSide, input: ModelInput): SideRun[] {
  try {
    const results = runModel(side.book, { ...input, quarter: side.quarter });
    return results.drugs.map((drug) => ({ ok: true, results, drug }));
  } catch (e) {
    if (quarterFailure(e) === null) throw e;
  }
  return input.drugs.map((line): SideRun => {
    try {
      const results = runModel(side.book, { ...input, quarter: side.quarter, drugs: [line] });
      return { ok: true, results, drug: results.drugs[0] as DrugResult };
    } catch (e) {
      const reason = quarterFailure(e);
      if (reason === null) throw e;
      return { ok: false, reason };
    }
  });
}

function figures(side: QuarterSide, run: Extract<SideRun, { ok: true }>): DrugQuarterFigures {
  const { drug, results } = run;
  const price = side.book.price(drug.input.hcpcs, side.quarter);
  const first = drug.perPayer[0];
  const dispensing = first?.dispensing;
  const unitsAdministered = dispensing?.unitsAdministered ?? 0;
  const jwUnits = dispensing?.jwUnits ?? 0;
  const unitsBilled = unitsAdministered + jwUnits;
  return {
    quarter: results.quarter,
    paymentLimit: price.paymentLimit,
    coinsurance: price.coinsurance,
    billingUnit: price.unit.text,
    notes: price.notes,
    unitsAdministered,
    jwUnits,
    unitsBilled,
    medicareAllowedDrug: price.paymentLimit.times(unitsBilled),
    perPayer: drug.perPayer.map((e) => ({
      payerId: e.payerId,
      netRevenueDrug: e.netRevenueDrug,
      netRevenue: e.netRevenue,
      drugCost: e.drugCost,
      margin: e.margin,
      underwater: e.underwater,
    })),
    mix: {
      payerId: MIX_ID,
      netRevenueDrug: drug.mix.netRevenueDrug,
      netRevenue: drug.mix.netRevenue,
      drugCost: drug.mix.drugCost,
      margin: drug.mix.margin,
      underwater: drug.mix.underwater,
    },
  };
}

/**
 * Administrations over the last 12 months of the projection (all of it, scaled to 12 months, when the
 * horizon is shorter).
 */
export function administrationsInLastYear(monthly: readonly Dec[]): Dec {
  const n = Math.min(12, monthly.length);
  if (n === 0) return ZERO;
  const total = sum(monthly.slice(monthly.length - n));
  return n === 12 ? total : total.times(12).div(n);
}

function change(old: DrugQuarterFigures, next: DrugQuarterFigures, perYear: Dec): DrugChange {
  const perAdministration = next.medicareAllowedDrug.minus(old.medicareAllowedDrug);
  const mixMarginPerAdministration = next.mix.margin.minus(old.mix.margin);
  const paymentLimitPerUnit = next.paymentLimit.minus(old.paymentLimit);
  return {
    paymentLimitPerUnit,
    perAdministration,
    perYear: perAdministration.times(perYear),
    paymentLimitFraction: old.paymentLimit.isZero() ? null : paymentLimitPerUnit.div(old.paymentLimit),
    mixNetRevenuePerAdministration: next.mix.netRevenue.minus(old.mix.netRevenue),
    mixMarginPerAdministration,
    mixMarginPerYear: mixMarginPerAdministration.times(perYear),
    marginPerAdministration: next.perPayer.map((p, i) => ({ payerId: p.payerId, change: p.margin.minus((old.perPayer[i] as PayerQuarterFigures).margin) })),
  };
}

function underwaterChange(old: DrugQuarterFigures, next: DrugQuarterFigures): UnderwaterChange {
  const became: string[] = [];
  const stopped: string[] = [];
  next.perPayer.forEach((p, i) => {
    const was = (old.perPayer[i] as PayerQuarterFigures).underwater;
    if (p.underwater && !was) became.push(p.payerId);
    if (!p.underwater && was) stopped.push(p.payerId);
  });
  return {
    became,
    stopped,
    mixBecame: next.mix.underwater && !old.mix.underwater,
    mixStopped: !next.mix.underwater && old.mix.underwater,
  };
}

/**
 * The impact of moving a formulary from one quarter's payment limits to another's (module header).
 * @throws DomainError for an unknown quarter, or for an input that fails whatever the prices (weights
 *   that do not sum to 1, an invalid dose); a drug that cannot be priced in one quarter is reported, not thrown.
 */
export function quarterImpact(input: ModelInput, from: QuarterSide, to: QuarterSide): QuarterImpact {
  const fromId = from.book.quarterTable(from.quarter).id;
  const toId = to.book.quarterTable(to.quarter).id;
  const oldSide: QuarterSide = { book: from.book, quarter: fromId };
  const newSide: QuarterSide = { book: to.book, quarter: toId };
  let feeScheduleYear = input.feeScheduleYear;
  let weights: readonly Dec[] = input.payers.map((p) => dec(p.weight));

  const oldRuns = runSide(oldSide, input);
  const newRuns = runSide(newSide, input);
  const drugs: DrugImpact[] = input.drugs.map((line, i): DrugImpact => {
    const oldRun = oldRuns[i] as SideRun;
    const newRun = newRuns[i] as SideRun;
    const volumeRun = newRun.ok ? newRun : oldRun.ok ? oldRun : null;
    if (volumeRun !== null) {
      feeScheduleYear = volumeRun.results.feeScheduleYear;
      weights = volumeRun.results.weights;
    }
    const perYear = volumeRun === null ? ZERO : administrationsInLastYear(volumeRun.drug.administrations);
    const old = oldRun.ok ? figures(oldSide, oldRun) : null;
    const next = newRun.ok ? figures(newSide, newRun) : null;
    return {
      hcpcs: line.hcpcs,
      label: line.label,
      old,
      new: next,
      unpricedOld: oldRun.ok ? null : oldRun.reason,
      unpricedNew: newRun.ok ? null : newRun.reason,
      administrationsPerYear: perYear,
      change: old && next ? change(old, next, perYear) : null,
      underwater: old && next ? underwaterChange(old, next) : null,
    };
  });

  const listing = (d: DrugImpact, payers: readonly string[], mix: boolean): UnderwaterListing => ({ hcpcs: d.hcpcs, label: d.label, payers, mix });
  const becameUnderwater = drugs
    .filter((d) => d.underwater !== null && (d.underwater.became.length > 0 || d.underwater.mixBecame))
    .map((d) => listing(d, d.underwater?.became ?? [], d.underwater?.mixBecame ?? false));
  const stoppedUnderwater = drugs
    .filter((d) => d.underwater !== null && (d.underwater.stopped.length > 0 || d.underwater.mixStopped))
    .map((d) => listing(d, d.underwater?.stopped ?? [], d.underwater?.mixStopped ?? false));
  const unpriced: UnpricedListing[] = [];
  for (const d of drugs) {
    if (d.unpricedOld !== null) unpriced.push({ hcpcs: d.hcpcs, label: d.label, quarter: fromId, reason: d.unpricedOld });
    if (d.unpricedNew !== null) unpriced.push({ hcpcs: d.hcpcs, label: d.label, quarter: toId, reason: d.unpricedNew });
  }
  const changes = drugs.flatMap((d) => (d.change === null ? [] : [d.change]));
  return {
    from: fromId,
    to: toId,
    feeScheduleYear,
    payerIds: input.payers.map((p) => p.profile.id),
    weights,
    drugs,
    becameUnderwater,
    stoppedUnderwater,
    unpriced,
    totals: {
      perYear: sum(changes.map((c) => c.perYear)),
      mixMarginPerYear: sum(changes.map((c) => c.mixMarginPerYear)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// An imported file against the quarters in use

/**
 * Where an imported quarter stands against the newest quarter in use:
 * - `newer`: a later quarter; the comparison runs from the one in use to the imported one;
 * - `older`: an earlier quarter; the comparison runs the other way round, from the imported one to the one
 *   in use, so that changes still read forward in time;
 * - `revision`: the same quarter with different rows (CMS re-publishes corrected files); from the one in use
 *   to the imported one;
 * - `identical`: the same quarter and rows as the one in use: nothing changes.
 */
export type ImportDirection = 'newer' | 'older' | 'revision' | 'identical';

export interface ImportComparison {
  readonly direction: ImportDirection;
  readonly imported: PaymentLimitQuarter;
  /** The newest quarter of the book in use. */
  readonly baseline: PaymentLimitQuarter;
  /** The book in use with the imported quarter added (or replacing the quarter of the same id). */
  readonly combined: ReferenceBook;
  /** Whether the imported quarter becomes the default (newest) quarter once added. */
  readonly becomesNewest: boolean;
  /** Oldest to newest; from the baseline to the imported quarter for a revision. */
  readonly diff: QuarterDiff;
  /** Null when the imported quarter is identical to the one in use. */
  readonly impact: QuarterImpact | null;
}

/**
 * Places an imported quarter against the newest quarter of `book` (the data in use) and, unless it is the
 * same file, works out the impact on `input`'s formulary. `book` itself is never changed.
 */
export function compareImportedQuarter(book: ReferenceBook, imported: PaymentLimitQuarter, input: ModelInput): ImportComparison {
  const baseline = book.quarterTable().quarter;
  const combined = book.withQuarter(imported);
  const catalogCodes = [...book.catalog.keys()];
  const id = imported.quarter;
  if (id === baseline.quarter) {
    const diff = diffQuarters(baseline, imported, catalogCodes);
    if (diff.identical) return { direction: 'identical', imported, baseline, combined, becomesNewest: true, diff, impact: null };
    const impact = quarterImpact(input, { book, quarter: id }, { book: combined, quarter: id });
    return { direction: 'revision', imported, baseline, combined, becomesNewest: true, diff, impact };
  }
  const newer = compareQuarters(id, baseline.quarter) > 0;
  const [older, later] = newer ? [baseline, imported] : [imported, baseline];
  const diff = diffQuarters(older, later, catalogCodes);
  const impact = quarterImpact(input, { book: combined, quarter: older.quarter }, { book: combined, quarter: later.quarter });
  return { direction: newer ? 'newer' : 'older', imported, baseline, combined, becomesNewest: newer, diff, impact };
}

export * from './quarter-diff';
export * from './impact-report';

/**
 * Sensitivity (one driver at a time, low and high) and named scenarios. The ranges are DEFAULTS: judgement
 * calls a board can change, labelled as such wherever they are shown.
 */
import type { ReferenceBook } from './book';
import type { Dec } from './decimal';
import { type ModelAdjustments, type ModelResults, runModel } from './model';
import type { ModelInput } from './types';

export type DriverId = 'payment_limits' | 'acquisition_cost' | 'volume' | 'payer_mix' | 'denial_rate';

export interface Driver {
  readonly id: DriverId;
  readonly label: string;
  /** What the low and high cases change, in words. */
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly low: (input: ModelInput) => ModelAdjustments;
  readonly high: (input: ModelInput) => ModelAdjustments;
}

/** Moves `points` of weight from payer `from` to payer `to` (indices), within [0, 1]. */
export function shiftWeight(weights: readonly number[], from: number, to: number, points: number): number[] {
  const moved = Math.min(points, weights[from] ?? 0);
  return weights.map((w, i) => (i === from ? w - moved : i === to ? w + moved : w));
}

/** The payer-mix driver moves 10 points from the best-paying to the worst-paying payer (low) and back (high). */
function mixShift(input: ModelInput, direction: 'low' | 'high', ranking: readonly number[]): ModelAdjustments {
  const weights = input.payers.map((p) => p.weight);
  if (ranking.length < 2) return {};
  const best = ranking[0] as number;
  const worst = ranking[ranking.length - 1] as number;
  return { weights: direction === 'low' ? shiftWeight(weights, best, worst, 0.1) : shiftWeight(weights, worst, best, 0.1) };
}

export const DEFAULT_DRIVERS = (ranking: readonly number[]): readonly Driver[] => [
  { id: 'payment_limits', label: 'Payment limits', lowLabel: '-10%', highLabel: '+10%', low: () => ({ paymentLimitFactor: 0.9 }), high: () => ({ paymentLimitFactor: 1.1 }) },
  { id: 'acquisition_cost', label: 'Acquisition cost', lowLabel: '+5%', highLabel: '-5%', low: () => ({ acquisitionFactor: 1.05 }), high: () => ({ acquisitionFactor: 0.95 }) },
  { id: 'volume', label: 'Patient volume', lowLabel: '-20%', highLabel: '+20%', low: () => ({ volumeFactor: 0.8 }), high: () => ({ volumeFactor: 1.2 }) },
  { id: 'payer_mix', label: 'Payer mix', lowLabel: '10 pts to the lowest-paying payer', highLabel: '10 pts to the best-paying payer', low: (i) => mixShift(i, 'low', ranking), high: (i) => mixShift(i, 'high', ranking) },
  // Write-offs cannot fall below 0, and the built-in payers start at 0 or near it: a case "as entered" would
  // be the base case again, so both cases are rises, a large one (low) and a small one (high).
  { id: 'denial_rate', label: 'Denial write-off', lowLabel: '+5 pts', highLabel: '+1 pt', low: () => ({ denialWriteOffAdd: 0.05 }), high: () => ({ denialWriteOffAdd: 0.01 }) },
];

export interface SensitivityRow {
  readonly driver: Driver;
  readonly lowAdjustments: ModelAdjustments;
  readonly highAdjustments: ModelAdjustments;
  readonly lowNpv: Dec;
  readonly highNpv: Dec;
  readonly lowTotalNet: Dec;
  readonly highTotalNet: Dec;
}

/** Payer indices ranked by the mix-weighted per-administration margin of the formulary, best first. */
export function rankPayers(base: ModelResults): number[] {
  const score = base.payers.map((_, i) => base.drugs.reduce((s, d) => s + (d.perPayer[i]?.margin.toNumber() ?? 0), 0));
  return score.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
}

/** One driver at a time, low then high; the base case for reference. */
export function sensitivity(book: ReferenceBook, input: ModelInput, base: ModelResults = runModel(book, input)): SensitivityRow[] {
  return DEFAULT_DRIVERS(rankPayers(base)).map((driver) => {
    const lowAdjustments = driver.low(input);
    const highAdjustments = driver.high(input);
    const low = runModel(book, input, lowAdjustments);
    const high = runModel(book, input, highAdjustments);
    return {
      driver,
      lowAdjustments,
      highAdjustments,
      lowNpv: low.summary.npv,
      highNpv: high.summary.npv,
      lowTotalNet: low.summary.totalNet,
      highTotalNet: high.summary.totalNet,
    };
  });
}

export interface NamedScenario {
  readonly id: 'conservative' | 'base' | 'optimistic';
  readonly label: string;
  readonly description: string;
  readonly adjustments: ModelAdjustments;
}

/** Default named scenarios (assumptions, not rules). */
export const NAMED_SCENARIOS: readonly NamedScenario[] = [
  {
    id: 'conservative',
    label: 'Conservative',
    description: 'volume -20%, payment limits -5%, acquisition cost +3%, denial write-off +3 pts',
    adjustments: { volumeFactor: 0.8, paymentLimitFactor: 0.95, acquisitionFactor: 1.03, denialWriteOffAdd: 0.03 },
  },
  { id: 'base', label: 'Base', description: 'the scenario as entered', adjustments: {} },
  {
    id: 'optimistic',
    label: 'Optimistic',
    description: 'volume +20%, acquisition cost -3%',
    adjustments: { volumeFactor: 1.2, acquisitionFactor: 0.97 },
  },
];

export function namedScenarios(book: ReferenceBook, input: ModelInput): { scenario: NamedScenario; results: ModelResults }[] {
  return NAMED_SCENARIOS.map((scenario) => ({ scenario, results: runModel(book, input, scenario.adjustments) }));
}

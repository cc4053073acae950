/**
 * Payer mix: DOMAIN.md 2.7. Weights per payer must sum to 1 (rejected otherwise, with the sum in the
 * message); a per-payer figure's mix-weighted value is sum(weight x figure).
 */
import { Dec, ZERO, dec } from './decimal';
import { fail } from './errors';

/** Weights computed in Excel (=1/3) carry binary noise; sums within this of 1 are accepted. */
export const WEIGHT_SUM_TOLERANCE = dec('1e-9');

/** DOMAIN.md 5.5: a scenario's weights (typed by hand: 0.333 x 3) are accepted within 0.001 of 1, then scaled. */
export const SCENARIO_WEIGHT_TOLERANCE = dec('0.001');

/**
 * Weights scaled to sum to exactly 1 (each / their sum), for weights already accepted within
 * SCENARIO_WEIGHT_TOLERANCE; returned unchanged when they sum to 1 already.
 */
export function scaledWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s.plus(dec(w)), ZERO);
  if (total.eq(1) || total.isZero()) return [...weights];
  return weights.map((w) => dec(w).div(total).toNumber());
}

/** Checks each weight is in [0, 1] and that they sum to 1; returns them as decimals. */
export function checkWeights(weights: readonly (number | Dec)[], argument = 'weights'): Dec[] {
  const ds = weights.map((w, i) => {
    const d = dec(w);
    if (d.lt(0) || d.gt(1)) fail({ code: 'invalid_amount', argument: `${argument}[${i + 1}]`, problem: `must be between 0 and 1, not ${d.toString()}` });
    return d;
  });
  const total = ds.reduce((s, w) => s.plus(w), ZERO);
  if (total.minus(1).abs().gt(WEIGHT_SUM_TOLERANCE)) fail({ code: 'weights_sum', sum: total.toSignificantDigits(12).toString() });
  return ds;
}

/** sum(weight x figure). */
export function mixWeighted(weights: readonly Dec[], figures: readonly Dec[]): Dec {
  if (weights.length !== figures.length) {
    fail({ code: 'mismatched', problem: `payers and weights: ${figures.length} payers but ${weights.length} weights` });
  }
  let total = ZERO;
  for (let i = 0; i < weights.length; i++) total = total.plus((weights[i] as Dec).times(figures[i] as Dec));
  return total;
}

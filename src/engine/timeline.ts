/**
 * Month arithmetic of the projection (DOMAIN.md 2.8-2.9). A month is 1/12 of the 52-week year used for
 * dose counting (364 / 12 = 30 1/3 days), so that twelve months hold exactly the doses of a year.
 */
import { Dec, ZERO, dec } from './decimal';

export const DAYS_PER_MONTH: Dec = dec(364).div(12);

/** The month (0-based) in which a day offset falls. */
export function monthOfDay(day: number): number {
  // A whole day: floor(12 day / 364) in integers (exact: the quotient is either whole or at least 1/364 from one).
  if (Number.isSafeInteger(day) && Math.abs(day) < 1e12) return Math.floor((12 * day) / 364);
  return dec(day).div(DAYS_PER_MONTH).floor().toNumber();
}

/**
 * Delays a monthly series by `days`: with `days / DAYS_PER_MONTH = k + f` (k whole, 0 <= f < 1), an amount
 * of month m arrives (1 - f) in month m + k and f in month m + k + 1. Amounts pushed past the end are dropped
 * (they arrive after the horizon).
 */
export function delaySeries(series: readonly Dec[], days: number): Dec[] {
  const shift = dec(days).div(DAYS_PER_MONTH);
  const k = shift.floor().toNumber();
  const f = shift.minus(k);
  const out = series.map(() => ZERO);
  for (let m = 0; m < series.length; m++) {
    const x = series[m] as Dec;
    if (x.isZero()) continue;
    if (m + k < out.length) out[m + k] = (out[m + k] as Dec).plus(x.times(dec(1).minus(f)));
    if (!f.isZero() && m + k + 1 < out.length) out[m + k + 1] = (out[m + k + 1] as Dec).plus(x.times(f));
  }
  return out;
}

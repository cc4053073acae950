/**
 * The engine's own decimal type. Money never touches binary floating point (DOMAIN.md 3): every number
 * enters through `dec()`, which goes through the number's shortest string form, and leaves through one of
 * the rounding functions below, each named for the rounding it applies.
 */
import DecimalJs from 'decimal.js';

/** A private clone: 28 significant digits, half-up rounding. Never the global `Decimal.set`. */
export const Dec = DecimalJs.clone({ precision: 28, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);

/** A decimal from a number or a decimal string. Throws on NaN or an infinity (a programming error here). */
export function dec(value: number | string | Dec): Dec {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`dec(): ${value} is not a finite number`);
  }
  return value instanceof Dec ? value : new Dec(value);
}

/** Money leaving the engine: rounded half up to cents (DOMAIN.md 3). */
export function roundCents(value: Dec): Dec {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Per-unit prices leaving the engine: rounded half up to 3 decimals, as CMS states them (DOMAIN.md 3). */
export function roundUnitPrice(value: Dec): Dec {
  return value.toDecimalPlaces(3, Dec.ROUND_HALF_UP);
}

/** Percentages leaving the engine (a price change of 2.35%): rounded half up to 2 decimals. */
export function roundPercent(value: Dec): Dec {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Sum of decimals. */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

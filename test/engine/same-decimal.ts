/** Test helper: whether two decimals are the same to the last digit (decimal.js's unique form: sign, exponent, digit words). */
import type { Dec } from '../../src/engine/decimal';

interface Fields {
  s: number;
  e: number;
  d: number[] | null;
}

export function sameDecimal(x: Dec, y: Dec): boolean {
  const a = x as unknown as Fields;
  const b = y as unknown as Fields;
  if (a.s !== b.s || (a.e !== b.e && !(Number.isNaN(a.e) && Number.isNaN(b.e)))) return false;
  if (a.d === null || b.d === null) return a.d === b.d;
  return a.d.length === b.d.length && a.d.every((w, i) => w === b.d?.[i]);
}

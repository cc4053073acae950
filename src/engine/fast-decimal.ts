/**
 * Exact fast paths for the decimal operations the engine's hot loops repeat (issue 15): `mul(x, y)` is
 * `x.times(y)`, `add(x, y)` is `x.plus(y)` and a `RunningSum` is a chain of `plus`, each with the same result
 * to the last digit as decimal.js, as an instance of the engine's `Dec`. They skip what decimal.js does for
 * every operation in general (a defensive copy of the operand, the generic rounding of all nine rounding
 * modes, a new object for every partial sum) and do only what the engine's settings need: the exact product or
 * sum, rounded half up to `Dec.precision` (28) significant digits. Half up needs only the first digit dropped
 * (5 or more: up), so the rounding is exact whatever follows it.
 *
 * How decimal.js stores a finite number (its source: `Decimal`, `finalise`): sign `s` (1 or -1), base-10
 * exponent `e` of the leading digit, and digits `d` in base-1e7 words, the first word holding the leading 1-7
 * digits (never 0 unless the number is 0) and the others 7 digits each, word i worth 1e7^(floor(e / 7) - i);
 * trailing zero words removed. That form is unique for each value, which is what lets
 * test/engine/fast-decimal.test.ts compare the fast results with decimal.js's own, field by field, over
 * 100,000 random cases.
 *
 * Anything outside the common case (an infinity or NaN, a zero factor, operands of opposite signs for a sum,
 * operands too far apart for the word buffer) goes to decimal.js itself.
 */
import { Dec } from './decimal';

const D = Dec;
const BASE = 1e7;
const LOG_BASE = 7;
/** Rounding half up at this many significant digits (the engine's Dec: see decimal.ts). */
const PRECISION = D.precision;
if (D.rounding !== D.ROUND_HALF_UP) throw new Error('fast-decimal: Dec must round half up');
const MAX_E = D.maxE;
const MIN_E = D.minE;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
/** Words of a buffer: two rounded operands of at most 5 words each, up to 5 words apart, and a carry. */
const WORDS = 16;

interface Raw {
  s: number;
  e: number;
  d: number[] | null;
}

/** A Dec made from its fields, as decimal.js makes one (own `constructor`, then s, e, d). */
const Made = function (this: Raw & { constructor: unknown }, s: number, e: number, d: number[]) {
  this.constructor = D;
  this.s = s;
  this.e = e;
  this.d = d;
} as unknown as new (s: number, e: number, d: number[]) => Dec;
Made.prototype = D.prototype;

const ZERO_DEC = new D(0);

function digitsOf(w: number): number {
  return w >= 1e6 ? 7 : w >= 1e5 ? 6 : w >= 1e4 ? 5 : w >= 1e3 ? 4 : w >= 100 ? 3 : w >= 10 ? 2 : 1;
}

/** The word exponent of the last `normalise`. */
let outTop = 0;

/**
 * Rounds the words buf[0..n) (any may be 0; each < 1e7), worth sum buf[i] x 1e7^(top - i), half up to
 * `precision` (at least 1) significant digits, in place: afterwards buf[0] is the leading non-zero word, the trailing zero
 * words are gone, `outTop` is the word exponent of buf[0]; returns the number of words (0 for zero).
 */
function normalise(buf: Float64Array, n: number, top: number, precision = PRECISION): number {
  let start = 0;
  while (start < n && buf[start] === 0) start++;
  if (start === n) return 0;
  if (start > 0) {
    for (let i = start; i < n; i++) buf[i - start] = buf[i] as number;
    n -= start;
    top -= start;
  }
  const lead = digitsOf(buf[0] as number);
  // Digits kept after the leading word, and the words that hold them.
  const after = precision - lead;
  const kept = 1 + Math.ceil(after / LOG_BASE);
  if (n > kept || (n === kept && after % LOG_BASE !== 0)) {
    // The last kept word q keeps m of its 7 digits (m = 7: the first digit dropped leads word q + 1).
    const q = kept - 1;
    const m = after - LOG_BASE * (kept - 2);
    let roundUp: boolean;
    let unit: number;
    if (m === LOG_BASE) {
      roundUp = (buf[q + 1] as number) >= 5e6;
      unit = 1;
    } else {
      unit = POW10[LOG_BASE - m] as number;
      const w = buf[q] as number;
      const rest = w % unit;
      roundUp = rest >= unit / 2;
      buf[q] = w - rest;
    }
    n = kept;
    if (roundUp) {
      // A kept word is a multiple of `unit` below 1e7, so a carry makes it exactly 1e7.
      let i = q;
      buf[i] = (buf[i] as number) + unit;
      while (i > 0 && buf[i] === BASE) {
        buf[i] = 0;
        i--;
        buf[i] = (buf[i] as number) + 1;
      }
      if (buf[0] === BASE) {
        // 9999999 + 1 in the leading word: the number is 1 one word up (every other word is 0 now).
        buf[0] = 1;
        n = 1;
        top++;
      }
    }
  }
  while (buf[n - 1] === 0) n--;
  outTop = top;
  return n;
}

/** The Dec of sign s whose words are buf[0..n), buf[0] worth 1e7^top; null outside decimal.js's exponent range. */
function made(s: number, buf: Float64Array, n: number, top: number): Dec | null {
  if (n === 0) return ZERO_DEC;
  const d = new Array<number>(n);
  for (let i = 0; i < n; i++) d[i] = buf[i] as number;
  const e = top * LOG_BASE + digitsOf(d[0] as number) - 1;
  if (e > MAX_E || e < MIN_E) return null;
  return new Made(s, e, d);
}

/**
 * buf[0..) = the exact product of two non-zero finite numbers' words, buf[0] worth 1e7^(returned top);
 * returns NaN when the product needs more words than the buffer holds. `outLen` is its number of words.
 */
let outLen = 0;
function productWords(buf: Float64Array, xd: readonly number[], xe: number, yd: readonly number[], ye: number): number {
  const xl = xd.length;
  const yl = yd.length;
  const n = xl + yl;
  // A column adds at most 8 products below 1e14, plus a carry: exact in a double (below 2^53).
  if (n > WORDS) return Number.NaN;
  // buf[k + 1] collects the products of words i + j = k; buf[0] takes the final carry.
  for (let k = 0; k < n; k++) buf[k] = 0;
  for (let i = 0; i < xl; i++) {
    const a = xd[i] as number;
    for (let j = 0; j < yl; j++) buf[i + j + 1] = (buf[i + j + 1] as number) + a * (yd[j] as number);
  }
  let carry = 0;
  for (let k = n - 1; k >= 0; k--) {
    const t = (buf[k] as number) + carry;
    carry = Math.floor(t / BASE);
    buf[k] = t - carry * BASE;
  }
  outLen = n;
  return Math.floor(xe / LOG_BASE) + Math.floor(ye / LOG_BASE) + 1;
}

/**
 * W[0..) = the exact sum of two magnitudes given as words (a[0..an) worth 1e7^atop, b[0..bn) worth 1e7^btop);
 * returns the word exponent of W[0], or NaN when the sum needs more words than the buffer holds.
 */
function sumWords(a: ArrayLike<number>, an: number, atop: number, b: ArrayLike<number>, bn: number, btop: number): number {
  if (btop > atop) return sumWords(b, bn, btop, a, an, atop);
  const shift = atop - btop;
  const n = Math.max(an, shift + bn) + 1;
  if (n > WORDS) return Number.NaN;
  for (let k = 0; k < n; k++) W[k] = 0;
  for (let i = 0; i < an; i++) W[i + 1] = a[i] as number;
  for (let j = 0; j < bn; j++) W[shift + j + 1] = (W[shift + j + 1] as number) + (b[j] as number);
  let carry = 0;
  for (let k = n - 1; k >= 0; k--) {
    let t = (W[k] as number) + carry;
    if (t >= BASE) {
      t -= BASE;
      carry = 1;
    } else carry = 0;
    W[k] = t;
  }
  outLen = n;
  return atop + 1;
}

/**
 * W[0..) = |a| - |b| for magnitudes given as words (as for sumWords) with |a| > |b|; returns the word
 * exponent of W[0], or NaN when it needs more words than the buffer holds.
 */
function differenceWords(a: ArrayLike<number>, an: number, atop: number, b: ArrayLike<number>, bn: number, btop: number): number {
  const shift = atop - btop;
  const n = Math.max(an, shift + bn);
  if (n > WORDS) return Number.NaN;
  for (let k = 0; k < n; k++) W[k] = k < an ? (a[k] as number) : 0;
  let borrow = 0;
  for (let k = n - 1; k >= 0; k--) {
    const j = k - shift;
    let t = (W[k] as number) - borrow - (j >= 0 && j < bn ? (b[j] as number) : 0);
    if (t < 0) {
      t += BASE;
      borrow = 1;
    } else borrow = 0;
    W[k] = t;
  }
  outLen = n;
  return atop;
}

/** -1, 0 or 1 as |a| is below, equal to or above |b| (words as for sumWords, each with a non-zero first word). */
function compareMagnitudes(a: readonly number[], atop: number, b: readonly number[], btop: number): number {
  if (atop !== btop) return atop > btop ? 1 : -1;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

/** Scratch buffers (an operation never nests another). */
const W = new Float64Array(WORDS);
const P = new Float64Array(WORDS);

/** x.times(y), exactly as decimal.js computes it with the engine's settings. */
export function mul(x: Dec, y: Dec): Dec {
  const xr = x as unknown as Raw;
  const yr = y as unknown as Raw;
  const xd = xr.d;
  const yd = yr.d;
  if (!xd || !yd || xd[0] === 0 || yd[0] === 0) return x.times(y);
  const top = productWords(W, xd, xr.e, yd, yr.e);
  if (Number.isNaN(top)) return x.times(y);
  const n = normalise(W, outLen, top);
  return made(xr.s * yr.s, W, n, outTop) ?? x.times(y);
}

/** A non-zero finite number rounded to the precision; the number itself when it has no more digits than that. */
function rounded(r: Raw, x: Dec): Dec | null {
  const d = r.d as number[];
  if (d.length * LOG_BASE <= PRECISION) return x;
  if (d.length > WORDS) return null;
  for (let i = 0; i < d.length; i++) W[i] = d[i] as number;
  const n = normalise(W, d.length, Math.floor(r.e / LOG_BASE));
  return made(r.s, W, n, outTop);
}

/** x.plus(y), exactly as decimal.js computes it with the engine's settings. */
export function add(x: Dec, y: Dec): Dec {
  const xr = x as unknown as Raw;
  const yr = y as unknown as Raw;
  const xd = xr.d;
  const yd = yr.d;
  if (!xd || !yd) return x.plus(y);
  // A zero and a number: the number, rounded to the precision (decimal.js `plus`: "If either is zero").
  if (xd[0] === 0) return yd[0] === 0 ? x.plus(y) : (rounded(yr, y) ?? x.plus(y));
  if (yd[0] === 0) return rounded(xr, x) ?? x.plus(y);
  if (xr.s !== yr.s) return x.plus(y);
  const top = sumWords(xd, xd.length, Math.floor(xr.e / LOG_BASE), yd, yd.length, Math.floor(yr.e / LOG_BASE));
  if (Number.isNaN(top)) return x.plus(y);
  const n = normalise(W, outLen, top);
  return made(xr.s, W, n, outTop) ?? x.plus(y);
}

/** x.minus(y), exactly as decimal.js computes it with the engine's settings. */
export function sub(x: Dec, y: Dec): Dec {
  const xr = x as unknown as Raw;
  const yr = y as unknown as Raw;
  const xd = xr.d;
  const yd = yr.d;
  if (!xd || !yd || xd[0] === 0) return x.minus(y);
  // A number less zero: the number, rounded to the precision (decimal.js `minus`: "If either is zero").
  if (yd[0] === 0) return rounded(xr, x) ?? x.minus(y);
  const xtop = Math.floor(xr.e / LOG_BASE);
  const ytop = Math.floor(yr.e / LOG_BASE);
  if (xr.s !== yr.s) {
    // x - y = x + |y| in x's direction.
    const top = sumWords(xd, xd.length, xtop, yd, yd.length, ytop);
    if (Number.isNaN(top)) return x.minus(y);
    const n = normalise(W, outLen, top);
    return made(xr.s, W, n, outTop) ?? x.minus(y);
  }
  const c = compareMagnitudes(xd, xtop, yd, ytop);
  // Equal: zero (+0 when rounding half up, as decimal.js gives it).
  if (c === 0) return x.minus(y);
  const top = c > 0 ? differenceWords(xd, xd.length, xtop, yd, yd.length, ytop) : differenceWords(yd, yd.length, ytop, xd, xd.length, xtop);
  if (Number.isNaN(top)) return x.minus(y);
  const n = normalise(W, outLen, top);
  return made(c > 0 ? xr.s : -xr.s, W, n, outTop) ?? x.minus(y);
}

/**
 * A running sum: starts at zero, and `add(x)` / `addProduct(x, y)` do `sum = sum.plus(x)` /
 * `sum = sum.plus(x.times(y))` with decimal.js's results to the last digit, without a Dec for each partial
 * sum. `value()` is the sum as a Dec (zero: the Dec 0).
 */
export class RunningSum {
  private s = 1;
  private top = 0;
  /** 0: the sum is zero. */
  private n = 0;
  private readonly w = new Float64Array(WORDS);
  /** Set when an operation left the fast path: the sum is this Dec. */
  private slow: Dec | null = null;

  reset(): this {
    this.n = 0;
    this.s = 1;
    this.slow = null;
    return this;
  }

  add(x: Dec): this {
    const xr = x as unknown as Raw;
    const xd = xr.d;
    if (this.slow !== null || !xd || xd.length > WORDS) return this.viaDecimal((v) => v.plus(x));
    if (xd[0] === 0) {
      // sum + 0 is the sum (already rounded); 0 + 0 is 0.
      return this;
    }
    return this.addWords(xr.s, xd, xd.length, Math.floor(xr.e / LOG_BASE), x);
  }

  addProduct(x: Dec, y: Dec): this {
    const xr = x as unknown as Raw;
    const yr = y as unknown as Raw;
    const xd = xr.d;
    const yd = yr.d;
    if (this.slow !== null || !xd || !yd) return this.viaDecimal((v) => v.plus(x.times(y)));
    // A zero product (of finite numbers) leaves the sum as it is, as `add` of a zero does.
    if (xd[0] === 0 || yd[0] === 0) return this;
    const top = productWords(P, xd, xr.e, yd, yr.e);
    if (Number.isNaN(top)) return this.viaDecimal((v) => v.plus(x.times(y)));
    const pn = normalise(P, outLen, top);
    const ptop = outTop;
    const pe = ptop * LOG_BASE + digitsOf(P[0] as number) - 1;
    if (pe > MAX_E || pe < MIN_E) return this.viaDecimal((v) => v.plus(x.times(y)));
    return this.addWords(xr.s * yr.s, P, pn, ptop, null, x, y);
  }

  value(): Dec {
    if (this.slow !== null) return this.slow;
    if (this.n === 0) return ZERO_DEC;
    const v = made(this.s, this.w, this.n, this.top);
    if (v === null) throw new RangeError('RunningSum: exponent out of range');
    return v;
  }

  /** sum + (s, words): the fast path for operands of the sum's sign, else decimal.js. */
  private addWords(s: number, d: ArrayLike<number>, dn: number, dtop: number, x: Dec | null, px?: Dec, py?: Dec): this {
    if (this.n === 0) {
      // 0 + x: x rounded.
      for (let i = 0; i < dn; i++) W[i] = d[i] as number;
      const n = normalise(W, dn, dtop);
      const e = outTop * LOG_BASE + digitsOf(W[0] as number) - 1;
      if (e > MAX_E || e < MIN_E) return this.redo(x, px, py);
      for (let i = 0; i < n; i++) this.w[i] = W[i] as number;
      this.n = n;
      this.top = outTop;
      this.s = s;
      return this;
    }
    if (s !== this.s) return this.redo(x, px, py);
    const top = sumWords(this.w, this.n, this.top, d, dn, dtop);
    if (Number.isNaN(top)) return this.redo(x, px, py);
    const n = normalise(W, outLen, top);
    const e = outTop * LOG_BASE + digitsOf(W[0] as number) - 1;
    if (e > MAX_E || e < MIN_E) return this.redo(x, px, py);
    for (let i = 0; i < n; i++) this.w[i] = W[i] as number;
    this.n = n;
    this.top = outTop;
    return this;
  }

  private redo(x: Dec | null, px?: Dec, py?: Dec): this {
    return this.viaDecimal((v) => (x !== null ? v.plus(x) : v.plus((px as Dec).times(py as Dec))));
  }

  private viaDecimal(f: (sum: Dec) => Dec): this {
    this.slow = f(this.value());
    return this;
  }
}

/** The sum of decimals, added in order from zero: what `sum` in decimal.ts returns, to the last digit. */
export function total(values: Iterable<Dec>): Dec {
  const acc = new RunningSum();
  for (const v of values) acc.add(v);
  return acc.value();
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function roundedSlowly(x: Dec, dp: number): number {
  return x.toDecimalPlaces(dp, D.ROUND_HALF_UP).toNumber();
}

/**
 * x.toDecimalPlaces(dp, ROUND_HALF_UP).toNumber() for dp from 0 to 6, exactly: the rounded number is an
 * integer C of 10^-dp steps, and C / 10^dp (both exact in a double, the division correctly rounded) is the
 * double nearest the decimal, which is what decimal.js's toNumber (the decimal's text, parsed) gives.
 */
export function roundedNumber(x: Dec, dp: number): number {
  const r = x as unknown as Raw;
  const d = r.d;
  if (!d || dp < 0 || dp > 6) return roundedSlowly(x, dp);
  if (d[0] === 0) return r.s < 0 ? -0 : 0;
  // Significant digits kept: below 1, decimal.js rounds to 0 or one step (not on this path).
  const sd = dp + r.e + 1;
  if (sd < 1 || d.length > WORDS) return roundedSlowly(x, dp);
  for (let i = 0; i < d.length; i++) W[i] = d[i] as number;
  const n = normalise(W, d.length, Math.floor(r.e / LOG_BASE), sd);
  if (n > 3) return roundedSlowly(x, dp);
  let v = 0;
  for (let i = 0; i < n; i++) v = v * BASE + (W[i] as number);
  if (v > MAX_SAFE) return roundedSlowly(x, dp);
  // The rounded number is v x 10^k.
  const k = LOG_BASE * (outTop - n + 1) + dp;
  let c: number;
  if (k >= 0) {
    if (k > 15) return roundedSlowly(x, dp);
    c = v * 10 ** k;
    if (c > MAX_SAFE) return roundedSlowly(x, dp);
  } else {
    if (k < -22) return roundedSlowly(x, dp);
    // Exact: the rounding left no digit below 10^-dp, so 10^-k divides v.
    c = v / 10 ** -k;
  }
  return r.s < 0 ? -(c / (POW10[dp] as number)) : c / (POW10[dp] as number);
}

/** x.toDecimalPlaces(dp, ROUND_HALF_UP) (roundCents for dp = 2), exactly. */
export function roundTo(x: Dec, dp: number): Dec {
  const r = x as unknown as Raw;
  const d = r.d;
  // Significant digits kept: below 1, decimal.js rounds to 0 or one step (not on this path).
  const sd = d ? dp + r.e + 1 : 0;
  if (!d || d[0] === 0 || sd < 1 || d.length > WORDS) return x.toDecimalPlaces(dp, D.ROUND_HALF_UP);
  // No digit below 10^-dp: the number itself.
  if (digitsOf(d[0] as number) + LOG_BASE * (d.length - 1) <= sd) return x;
  for (let i = 0; i < d.length; i++) W[i] = d[i] as number;
  const n = normalise(W, d.length, Math.floor(r.e / LOG_BASE), sd);
  return made(r.s, W, n, outTop) ?? x.toDecimalPlaces(dp, D.ROUND_HALF_UP);
}

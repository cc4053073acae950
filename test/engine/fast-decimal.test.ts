/**
 * The engine's fast decimal paths (src/engine/fast-decimal.ts) against decimal.js itself: the same sign,
 * exponent and digit words (decimal.js's unique form of a number), so the same number to the last digit.
 * 100,000 random cases per operation, from a fixed seed (a failure names its case and replays).
 */
import fc from 'fast-check';
import { Dec, dec } from '../../src/engine/decimal';
import { RunningSum, add, mul, roundTo, roundedNumber, sub, total } from '../../src/engine/fast-decimal';
import { sameDecimal } from './same-decimal';

const RUNS = 100_000;
const SEED = 20261204;

const same = sameDecimal;

/**
 * A decimal as the engine meets them and worse: 1 to 34 significant digits (beyond the 28 kept), often ending
 * in a run of 9s or 0s (carries through every word), exponents from 1e-30 to 1e30, either sign, now and then
 * a zero of either sign.
 */
const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 34 });
const decimalArb: fc.Arbitrary<Dec> = fc
  .record({
    zero: fc.integer({ min: 0, max: 40 }),
    negative: fc.boolean(),
    lead: fc.integer({ min: 1, max: 9 }),
    digits,
    tail: fc.constantFrom('', '', '9999999', '99999999999999', '0000000', '5', '49999999'),
    exponent: fc.integer({ min: -30, max: 30 }),
  })
  .map(({ zero, negative, lead, digits: ds, tail, exponent }) => {
    if (zero === 0) return new Dec(negative ? -0 : 0);
    const text = `${lead}${ds.join('')}${tail}`.slice(0, 40);
    return new Dec(`${negative ? '-' : ''}${text}e${exponent}`);
  });
/** A second operand: unrelated, or close to the first (cancellation, equal numbers), or a rounded product of it. */
const pairArb = fc.tuple(decimalArb, decimalArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })).map(([x, y, how, shift]) => {
  switch (how) {
    case 0:
      return [x, y] as const;
    case 1:
      return [x, x.plus(y.times(`1e-${shift}`))] as const;
    case 2:
      return [x, new Dec(x)] as const;
    case 3:
      return [x, x.times(y)] as const;
    default:
      return [x, x.negated().plus(y.times(`1e-${shift}`))] as const;
  }
});

describe('fast decimal paths equal decimal.js (100,000 random cases each)', () => {
  it('mul(x, y) is x.times(y)', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        return same(mul(x, y), x.times(y));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('add(x, y) is x.plus(y)', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        return same(add(x, y), x.plus(y));
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('sub(x, y) is x.minus(y)', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        return same(sub(x, y), x.minus(y));
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it('roundTo(x, dp) is x.toDecimalPlaces(dp, half up), and roundedNumber(x, dp) its toNumber()', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 6 }), (x, dp) => {
        const slow = x.toDecimalPlaces(dp, Dec.ROUND_HALF_UP);
        return same(roundTo(x, dp), slow) && Object.is(roundedNumber(x, dp), slow.toNumber());
      }),
      { seed: SEED + 4, numRuns: RUNS },
    );
  });

  it('a RunningSum of terms and products is the chain of plus and times, from zero', () => {
    const sum = new RunningSum();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), pairArb), { minLength: 0, maxLength: 8 }), (terms) => {
        sum.reset();
        let expected = new Dec(0);
        for (const [product, [x, y]] of terms) {
          if (product) {
            sum.addProduct(x, y);
            expected = expected.plus(x.times(y));
          } else {
            sum.add(x);
            expected = expected.plus(x);
          }
        }
        return same(sum.value(), expected);
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });
});

describe('fast decimal paths, worked by hand', () => {
  it('rounds half up at 28 significant digits', () => {
    // 28 nines + 0.5: the 29th digit is 5, so the 28 nines round up to 1 followed by 28 zeros.
    expect(add(dec('9999999999999999999999999999'), dec('0.5')).toString()).toBe(`1${'0'.repeat(28)}`);
    // 28 nines + 0.4: the 29th digit is 4, so the sum stays 28 nines.
    expect(add(dec('9999999999999999999999999999'), dec('0.4')).toString()).toBe('9999999999999999999999999999');
    // 1/3 to 28 digits is 0.333...3 (28 threes); x 3 = 0.999...9 (28 nines), exact.
    expect(mul(dec(1).div(3), dec(3)).toString()).toBe('0.9999999999999999999999999999');
    // 1 - 1e-40 = 0.999...9 (40 nines): 28 nines, then a 9, rounds up to 1.
    expect(sub(dec(1), dec('1e-40')).toString()).toBe('1');
    // 1 - 1e-28 = 0.999...9 (28 nines): exactly 28 digits, no rounding.
    expect(sub(dec(1), dec('1e-28')).toString()).toBe('0.9999999999999999999999999999');
    // 32.423 x 40 = 1296.92 (the J1745 drug line of the README), exact.
    expect(mul(dec('32.423'), dec(40)).toString()).toBe('1296.92');
  });

  it('rounds to cents half up, and gives the double of the rounded decimal', () => {
    // 197.147... -> 197.15; 0.005 -> 0.01 (half up); -0.004 -> -0 (decimal.js keeps the sign).
    expect(roundTo(dec('197.1474910377358490566037736'), 2).toString()).toBe('197.15');
    expect(roundedNumber(dec('197.1474910377358490566037736'), 2)).toBe(197.15);
    expect(roundedNumber(dec('0.005'), 2)).toBe(0.01);
    expect(Object.is(roundedNumber(dec('-0.004'), 2), -0)).toBe(true);
    // 1234567.8949 to 3 decimals is 1234567.895.
    expect(roundedNumber(dec('1234567.8949'), 3)).toBe(1234567.895);
  });

  it('sums in order from zero', () => {
    // 0.1 + 0.2 + 0.3 = 0.6 exactly (no binary floating point).
    expect(total([dec('0.1'), dec('0.2'), dec('0.3')]).toString()).toBe('0.6');
    expect(total([]).isZero()).toBe(true);
    // 0.35 x 2 + 0.65 x 2 = 0.7 + 1.3 = 2.
    expect(new RunningSum().addProduct(dec('0.35'), dec(2)).addProduct(dec('0.65'), dec(2)).value().toString()).toBe('2');
  });
});

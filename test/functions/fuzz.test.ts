/**
 * Argument fuzzing: every function, called through its associated function with tuples of values of every
 * type Excel may hand over (numbers including 0, negatives, huge and tiny, NaN and infinities; text, numeric
 * and error-like text; TRUE/FALSE; null and undefined; ranges, ragged and nested arrays; error values and rich
 * cell values), biased towards plausible arguments so that the engine paths run too. Each result must be a
 * finite number, text, a boolean, a table of those (errors allowed in cells), or an Excel error carrying a
 * message; an error passed in may come back unchanged. Nothing may throw. 111,777 argument tuples in all.
 */
import fc from 'fast-check';
import { StandInError } from '../../src/functions/host';
import { designFunctions } from './design';
import { fn, functions } from './support';

/** 19 functions take arguments: 19 x 5883 = 111,777 tuples; PAYERS() and SOURCE() are called 100 times each. */
const PER_FUNCTION = 5883;
const NULLARY_RUNS = 100;

const inputError = new StandInError('#N/A', 'an error in the referenced cell');
const bareError = new StandInError('#DIV/0!');

const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 305, 400, 1440, 1441, 1000, 1e9, 1e9 + 1, 1e308, -1e308, 1e-308, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, 0.5, 1.5),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.double({ min: -10, max: 2000, noNaN: true }),
  fc.integer({ min: -5, max: 3000 }),
);
const drugs = fc.constantFrom('J1745', 'j1745 ', 'Remicade', 'infliximab', 'Avsola', 'Q5121', 'J3262', 'Actemra', 'Orencia', 'Prolia', 'J0897', 'Injectafer', 'Ocrevus', 'Privigen', 'Epogen', 'Procrit', 'J0885', 'J2507', 'J9035', 'J0129', 'J9999', 'Q5199', '90371');
const payerIds = fc.constantFrom('MEDICARE', 'medicare_advantage', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY', 'ACME_PPO', ' Commercial ');
const texts = fc.oneof(
  drugs,
  payerIds,
  fc.constantFrom('2026Q1', '2025q4', '2024-Q2', '2019Q1', 'RA', 'ibd', 'MS', 'anemia', 'dermatology', '400', ' 305 ', '1e3', '-5', 'NaN', 'Infinity', '1e400', '0x10', '#N/A', '#VALUE!', '#REF!', '#DIV/0!', '', '   ', 'TRUE', '50%'),
  fc.string({ maxLength: 12 }),
);
const scalars: fc.Arbitrary<unknown> = fc.oneof(numbers, texts, fc.boolean(), fc.constantFrom(null, undefined));
const oddities = fc.constantFrom<unknown>(
  inputError,
  bareError,
  { type: 'Double', basicValue: 400 },
  { type: 'FormattedNumber', basicValue: 29, numberFormat: '$0.00' },
  { type: 'String', basicValue: 'J1745' },
  { type: 'Error', basicValue: '#N/A', errorType: 'NotAvailable' },
  { type: 'Entity', text: 'x', properties: {} },
  {},
  [],
  [[]],
  [[[1]]],
);
const ranges = fc.oneof(
  fc.array(fc.array(scalars, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  fc.array(fc.array(scalars, { maxLength: 3 }), { maxLength: 3 }),
  fc.array(scalars, { maxLength: 3 }),
  fc.array(fc.array(fc.array(scalars, { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }),
);
const anything: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: scalars }, { weight: 1, arbitrary: oddities }, { weight: 1, arbitrary: ranges });

/** Plausible payers and weights: rows or columns of payer ids, weights that sum to 1 or nearly. */
const payerRanges = fc.array(payerIds, { minLength: 1, maxLength: 5 }).chain((ids) =>
  fc.tuple(fc.constant(ids), fc.boolean(), fc.boolean(), fc.constantFrom(0, 0, 0.1, -0.5)).map(([ps, payerRow, weightRow, skew]) => {
    const w = ps.map((_, i) => (i === 0 ? 1 - (ps.length - 1) / ps.length + skew : 1 / ps.length));
    return [payerRow ? [ps] : ps.map((p) => [p]), weightRow ? [w] : w.map((x) => [x])];
  }),
);

/** A plausible value for each parameter of DESIGN.md, mixed with anything at all. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  drug: drugs,
  dose: fc.oneof(fc.double({ min: 1, max: 2000, noNaN: true }), fc.constantFrom(305, 400, 750, 60, 1000)),
  quarter: fc.constantFrom(null, '2026Q1', '2025Q4', '2024Q1'),
  weightKg: fc.oneof(fc.constant(null), fc.double({ min: 1, max: 300, noNaN: true })),
  minutes: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 600 })),
  payer: fc.oneof(fc.constant(null), payerIds),
  acquisitionPerUnit: fc.oneof(fc.constant(null), fc.double({ min: 0.01, max: 100, noNaN: true })),
  year: fc.constantFrom(null, 1, 2, 5),
  area: fc.constantFrom(null, 'RA', 'anemia', 'MS'),
  deductibleRemaining: fc.oneof(fc.constant(null), fc.constantFrom(0, 283, 1787), fc.double({ min: 0, max: 5000, noNaN: true })),
  outOfPocketRemaining: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 12000, noNaN: true })),
  deductible: fc.oneof(fc.constant(null), fc.constantFrom(0, 283, 1787), fc.double({ min: 0, max: 5000, noNaN: true })),
  outOfPocketMax: fc.oneof(fc.constant(null), fc.constantFrom(0, 9250, 10600), fc.double({ min: 0, max: 12000, noNaN: true })),
};

function isCell(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';
}

function hasMessage(v: unknown): boolean {
  return v instanceof StandInError && typeof v.message === 'string' && v.message.length > 0;
}

/** What a custom function may return for these arguments. */
function acceptable(result: unknown, args: readonly unknown[]): boolean {
  if (isCell(result) || hasMessage(result)) return true;
  if (result instanceof StandInError) return args.includes(result); // an error argument, passed through
  if (Array.isArray(result)) {
    return (
      result.length > 0 &&
      result.every((row: unknown) => Array.isArray(row) && row.length > 0 && row.every((c: unknown) => isCell(c) || hasMessage(c) || args.includes(c)))
    );
  }
  return false;
}

beforeAll(async () => {
  await functions();
});

describe('every function, fuzzed with Excel values of every type', () => {
  it.each(designFunctions().map((d) => [d.id, d] as const))('%s', (id, design) => {
    const f = fn(id);
    const argument = (name: string): fc.Arbitrary<unknown> => {
      const p = plausible[name];
      return p ? fc.oneof({ weight: 3, arbitrary: p }, { weight: 2, arbitrary: anything }) : anything;
    };
    let tuple: fc.Arbitrary<unknown[]>;
    if (id === 'MIXMARGIN') {
      tuple = fc
        .tuple(argument('drug'), argument('dose'), fc.oneof({ weight: 3, arbitrary: payerRanges }, { weight: 2, arbitrary: fc.tuple(anything, anything) }), argument('acquisitionPerUnit'))
        .map(([drug, dose, [payers, weights], acq]) => [drug, dose, payers, weights, acq]);
    } else {
      tuple = fc.tuple(...design.parameters.map((p) => argument(p.name)));
    }
    // Sometimes fewer arguments than declared (Excel passes null; a script may pass nothing).
    const calls = fc.tuple(tuple, fc.nat({ max: design.parameters.length })).map(([args, drop]) => (drop === 0 ? args : args.slice(0, args.length - (drop % 2))));
    fc.assert(
      fc.property(calls, (args) => {
        let result: unknown;
        try {
          result = f(...args);
        } catch (e) {
          throw new Error(`${id} threw ${String(e)}`);
        }
        if (!acceptable(result, args)) throw new Error(`${id}(${args.map((a) => JSON.stringify(a)).join(', ')}) returned ${JSON.stringify(result)}`);
      }),
      { numRuns: design.parameters.length === 0 ? NULLARY_RUNS : PER_FUNCTION },
    );
  });
});

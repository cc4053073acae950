/**
 * The one runner behind every custom function (STYLE.md 2): it coerces Excel's arguments, resolves drugs,
 * payers and quarters through the shared store, memoizes results, and turns every failure into a
 * `CustomFunctions.Error` value, so that each function in functions.ts is a few lines and none ever throws.
 *
 * How arguments are read (the contract the tooltips and the README state):
 * - Absent: `null` or `undefined` (Excel passes null for an omitted optional argument), or text that is
 *   empty or only spaces (an empty cell). An absent required argument is #VALUE! "… is missing".
 * - A number is due: a finite number, or text that is a plain decimal number (" 400 ", "2.5e3"), which is
 *   how numbers arrive from imported data. Any other text, TRUE/FALSE (a boolean is not a number here), or
 *   a non-finite number is #VALUE! naming the argument.
 * - Text is due (drug, payer, quarter, area): text, or a number as its text (what Excel does for a text
 *   parameter); TRUE/FALSE is #VALUE!.
 * - A single value is due and a range arrives: a 1 x 1 range is its value; a larger one is #VALUE!.
 * - An Excel error arriving as an argument is returned as the result, unchanged.
 * - Ranges (MIXMARGIN's payers and weights): one row or one column; a single value is a range of one.
 *
 * Failures: domain failures (DomainError, the engine's catalogue) become #N/A (unknown drug, payer or
 * quarter, a missing fact) or #VALUE! (an invalid argument); any unexpected exception becomes #VALUE! with a
 * message saying so. Both carry a message, which Excel shows on the cell's error flag.
 */
import { dec } from '../engine/decimal';
import { checkDose } from '../engine/dose-check';
import { DomainError, fail } from '../engine/errors';
import type { CatalogDrug } from '../engine/reference';
import { DEFAULT_WEIGHT_KG, doseFor } from '../engine/regimen';
import { closest } from '../engine/suggest';
import type { PayerProfile } from '../engine/types';
import { store } from './store';

/** One cell of a spilled result. */
export type Cell = string | number | boolean;
/** What a scalar function returns. */
export type Scalar = Cell | CustomFunctions.Error;
/** What a spilling function returns: rows of cells, or a 1 x 1 table holding the error. */
export type Table = Array<Array<Cell | CustomFunctions.Error>>;

/**
 * Failures of the Excel edge itself (a result Excel cannot show, a programming error), both #VALUE!. Domain
 * failures are the engine's (errors.ts), whatever layer raises them.
 */
type EdgeFailure =
  | { readonly code: 'not_finite'; readonly fn: string }
  | { readonly code: 'unexpected'; readonly fn: string; readonly detail: string };

function edgeMessage(f: EdgeFailure): string {
  switch (f.code) {
    case 'not_finite':
      return `INFUSION.${f.fn}: the result is too large to show`;
    case 'unexpected':
      return `INFUSION.${f.fn} failed unexpectedly (${f.detail}); please report this`;
  }
}

function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

function invalidValue(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** An Excel error value: a `CustomFunctions.Error`, or what Excel hands over for an error in a cell. */
export function isExcelError(v: unknown): v is CustomFunctions.Error {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const code = (v as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('#');
}

/** Thrown to hand an Excel error that came in as an argument back out as the result. */
class PassThrough extends Error {
  constructor(readonly error: CustomFunctions.Error) {
    super(error.message ?? String(error.code));
    this.name = 'PassThrough';
  }
}

function toExcelError(fn: string, e: unknown): CustomFunctions.Error {
  if (e instanceof DomainError) return e.kind === 'not_available' ? notAvailable(e.message) : invalidValue(e.message);
  if (e instanceof PassThrough) return e.error;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return invalidValue(edgeMessage({ code: 'unexpected', fn, detail: detail.slice(0, 200) }));
}

// ---------------------------------------------------------------------------------------------------
// Memo: results per argument tuple, cleared whenever the store changes. Pure functions of (arguments,
// store), so a recalculation of a sheet full of the same formulas costs a map look-up per cell.

const MEMO_LIMIT = 20000;
const memo = new Map<string, unknown>();
let memoVersion = -1;

/** A collision-free key for scalars and nested arrays of scalars; null for anything else (not memoized). */
function encode(v: unknown): string | null {
  switch (typeof v) {
    case 'number':
      return `n${v}`;
    case 'string':
      return `s${v.length}:${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return '_';
    case 'object': {
      if (v === null) return '_';
      if (!Array.isArray(v)) return null;
      let out = `[${v.length}`;
      for (const x of v) {
        const e = encode(x);
        if (e === null) return null;
        out += `,${e}`;
      }
      return `${out}]`;
    }
    default:
      return null;
  }
}

function memoKey(fn: string, args: readonly unknown[]): string | null {
  let key = fn;
  for (const a of args) {
    const e = encode(a);
    if (e === null) return null;
    key += `|${e}`;
  }
  return key;
}

function remember(key: string, value: unknown): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

function checkVersion(): void {
  if (memoVersion !== store.version) {
    memo.clear();
    // A drug of the scenario's own may have a new label dose.
    refuseBelow.clear();
    memoVersion = store.version;
  }
}

function finiteCell(v: unknown): boolean {
  return typeof v !== 'number' || Number.isFinite(v);
}

/** Runs a function that returns one value. Never throws. */
export function scalar<T extends Cell>(fn: string, args: readonly unknown[], compute: () => T): T | CustomFunctions.Error {
  checkVersion();
  const key = memoKey(fn, args);
  if (key !== null) {
    const hit = memo.get(key);
    if (hit !== undefined) return hit as T | CustomFunctions.Error;
  }
  let result: T | CustomFunctions.Error;
  try {
    const value = compute();
    result = finiteCell(value) ? value : invalidValue(edgeMessage({ code: 'not_finite', fn }));
  } catch (e) {
    result = toExcelError(fn, e);
  }
  if (key !== null) remember(key, result);
  return result;
}

/** Runs a function that spills a table. Never throws; a failure is a 1 x 1 table holding the error. */
export function table(fn: string, args: readonly unknown[], compute: () => Cell[][]): Table {
  checkVersion();
  const key = memoKey(fn, args);
  if (key !== null) {
    const hit = memo.get(key);
    if (hit !== undefined) return hit as Table;
  }
  let result: Table;
  try {
    const rows = compute();
    result = rows.every((r) => r.every(finiteCell)) ? rows : [[invalidValue(edgeMessage({ code: 'not_finite', fn }))]];
  } catch (e) {
    result = [[toExcelError(fn, e)]];
  }
  if (key !== null) remember(key, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Coercion

function invalid(argument: string, problem: string): never {
  fail({ code: 'invalid_amount', argument, problem });
}

/** How a value is named in a message: `"abc"`, `TRUE`, `-5`, `a 2 x 3 range`. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return 'a range';
  if (v === null || v === undefined) return 'nothing';
  return typeof v;
}

function isAbsent(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A single value: a 1 x 1 range is its value; an error argument is passed through; a larger range is refused. */
function single(v: unknown, argument: string): unknown {
  let x = v;
  while (Array.isArray(x)) {
    if (x.length !== 1) invalid(argument, `must be a single value, not a range of ${x.length}`);
    x = x[0];
  }
  if (isExcelError(x)) throw new PassThrough(x);
  if (x !== null && typeof x === 'object') return cellValue(x, argument);
  return x;
}

const ERROR_TEXTS: ReadonlySet<string> = new Set(['#VALUE!', '#N/A', '#DIV/0!', '#NUM!', '#NULL!', '#NAME?', '#REF!']);

/**
 * An Excel.CellValue object (what an `any` parameter may receive for a rich value, since functions.json
 * allows custom data for `any`): its basic value; an error value passes through.
 */
function cellValue(x: object, argument: string): unknown {
  const { type, basicValue } = x as { type?: unknown; basicValue?: unknown };
  if (type === 'Error' && typeof basicValue === 'string' && ERROR_TEXTS.has(basicValue)) {
    throw new PassThrough(new CustomFunctions.Error(basicValue as CustomFunctions.ErrorCode, `${argument}: the cell holds ${basicValue}`));
  }
  if (typeof type === 'string' && type !== 'Error' && ['number', 'string', 'boolean'].includes(typeof basicValue)) return basicValue;
  invalid(argument, 'must be a single value');
}

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number, or undefined when absent. */
function numberOrAbsent(v: unknown, argument: string): number | undefined {
  const x = single(v, argument);
  if (isAbsent(x)) return undefined;
  let n: number;
  if (typeof x === 'number') n = x;
  else if (typeof x === 'string' && DECIMAL_TEXT.test(x.trim())) n = Number(x.trim());
  else invalid(argument, `must be a number, not ${shown(x)}`);
  if (!Number.isFinite(n)) invalid(argument, `must be a finite number, not ${shown(x)}`);
  return n;
}

/** Text (trimmed), or undefined when absent. */
function textOrAbsent(v: unknown, argument: string): string | undefined {
  const x = single(v, argument);
  if (isAbsent(x)) return undefined;
  if (typeof x === 'string') return x.trim();
  if (typeof x === 'number') return String(x);
  invalid(argument, `must be text, not ${shown(x)}`);
}

/** Upper bound of amounts (doses, prices per unit): far above any real one, low enough that every result is finite and exact. */
export const MAX_AMOUNT = 1e9;

/** A positive amount up to MAX_AMOUNT; undefined when absent and optional. */
function positive(v: unknown, argument: string, required: boolean): number | undefined {
  const n = numberOrAbsent(v, argument);
  if (n === undefined) {
    if (required) invalid(argument, 'is missing');
    return undefined;
  }
  if (n <= 0) invalid(argument, `must be a positive amount, not ${n}`);
  if (n > MAX_AMOUNT) invalid(argument, `must be at most ${MAX_AMOUNT}, not ${n}`);
  return n;
}

/** A required positive amount: dose. */
export function amount(v: unknown, argument: string): number {
  return positive(v, argument, true) as number;
}

/** An optional positive amount: acquisitionPerUnit. */
export function optionalAmount(v: unknown, argument: string): number | undefined {
  return positive(v, argument, false);
}

/** An optional amount of dollars that may be 0 (a deductible or out-of-pocket remaining), up to MAX_AMOUNT; undefined when absent. */
export function optionalDollars(v: unknown, argument: string): number | undefined {
  const n = numberOrAbsent(v, argument);
  if (n === undefined) return undefined;
  if (n < 0) invalid(argument, `must be 0 or more dollars, not ${n}`);
  if (n > MAX_AMOUNT) invalid(argument, `must be at most ${MAX_AMOUNT}, not ${n}`);
  return n;
}

/** An infusion lasting more than a day is not one administration. */
export const MAX_MINUTES = 1440;

/** Optional infusion minutes, 0 to 1440. */
export function minutesArg(v: unknown): number | undefined {
  const n = numberOrAbsent(v, 'minutes');
  if (n === undefined) return undefined;
  if (n < 0 || n > MAX_MINUTES) invalid('minutes', `must be between 0 and ${MAX_MINUTES} minutes, not ${n}`);
  return n;
}

export const MAX_WEIGHT_KG = 1000;

/** Optional patient weight in kg, above 0 and up to 1000. */
export function weightArg(v: unknown): number | undefined {
  const n = numberOrAbsent(v, 'weightKg');
  if (n === undefined) return undefined;
  if (n <= 0 || n > MAX_WEIGHT_KG) invalid('weightKg', `must be a weight in kg above 0 and up to ${MAX_WEIGHT_KG}, not ${n}`);
  return n;
}

export const MAX_YEAR = 100;

/** Optional year of therapy: a whole number from 1 to 100; default 1. */
export function yearArg(v: unknown): number {
  const n = numberOrAbsent(v, 'year');
  if (n === undefined) return 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_YEAR) invalid('year', `must be a whole number from 1 to ${MAX_YEAR}, not ${n}`);
  return n;
}

/** Optional text argument. */
export function optionalText(v: unknown, argument: string): string | undefined {
  return textOrAbsent(v, argument);
}

/** A range given as one row or one column (or a single value), as a list of its cells. */
export function vector(v: unknown, argument: string): unknown[] {
  if (!Array.isArray(v)) return [v];
  const rows: unknown[][] = v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : [v];
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  if (height === 0 || width === 0) invalid(argument, 'is an empty range');
  if (rows.some((r) => r.length !== width)) invalid(argument, 'is not a rectangular range');
  if (height > 1 && width > 1) invalid(argument, `must be one row or one column, not ${height} x ${width} cells`);
  return height === 1 ? (rows[0] as unknown[]) : rows.map((r) => r[0]);
}

/** The number in cell i (1-based in messages) of a range. */
export function vectorNumber(v: unknown, argument: string): number {
  const n = numberOrAbsent(v, argument);
  if (n === undefined) invalid(argument, 'is missing');
  return n;
}

/** No administration opens more vials than this of the drug's largest size; more means a mistaken dose or measure. */
export const MAX_VIALS_OF_LARGEST = 100;

/**
 * Refuses a dose beyond MAX_VIALS_OF_LARGEST vials of the largest size. Besides catching a dose in the wrong
 * measure (grams for mg), it bounds the vial search, whose work grows with the dose.
 */
export function checkVialDose(code: string, dose: number): void {
  const book = store.functionBook;
  const unit = book.price(code).unit;
  checkUnitMistake(code, dose);
  const largest = Math.max(...book.vialSizes(code));
  // A bound, not a price: binary floating point is precise enough here.
  if (dose / unit.amount.toNumber() > largest * MAX_VIALS_OF_LARGEST) {
    const size = unit.amount.times(largest).toString();
    invalid('dose', `${dose} is more than ${MAX_VIALS_OF_LARGEST} vials of the largest size (${size} ${unit.measure}); check the dose and its measure`);
  }
}

/** A tenth of each catalog drug's label maintenance dose at 80 kg, by code (a bound, not money: a double will do). */
const refuseBelow = new Map<string, number>();

/** DOMAIN.md 5.5: a dose under 10% of a catalog drug's label maintenance dose (at 80 kg) is a unit mistake. */
export function checkUnitMistake(code: string, dose: number): void {
  const drug = store.functionBook.catalogDrug(code);
  if (!drug) return;
  let bound = refuseBelow.get(code);
  if (bound === undefined) {
    bound = doseFor(drug.dose, DEFAULT_WEIGHT_KG).toNumber() * 0.1 * (1 + 1e-12);
    if (refuseBelow.size > 1000) refuseBelow.clear();
    refuseBelow.set(code, bound);
  }
  if (dose >= bound) return;
  // Near or under the bound: the exact check in decimal, and its message.
  const finding = checkDose(drug, dec(dose), store.functionBook.price(code).unit.measure, DEFAULT_WEIGHT_KG);
  if (finding?.level === 'refuse') fail({ code: 'unit_mistake', message: finding.message });
}

// ---------------------------------------------------------------------------------------------------
// Resolution

/** The HCPCS code for a drug argument (code, generic or brand name, any case). */
export function drugCode(v: unknown): string {
  const text = textOrAbsent(v, 'drug');
  if (text === undefined) invalid('drug', 'is missing');
  return store.functionBook.resolveDrug(text);
}

/** The catalog entry of a code, or #N/A naming the catalog facts the function needs. */
export function catalogEntry(code: string, facts: string): CatalogDrug {
  const d = store.functionBook.catalogDrug(code);
  if (!d) fail({ code: 'not_in_catalog', drug: code, facts });
  return d;
}

/** The payer profile for a payer argument; MEDICARE when absent. */
export function payerArg(v: unknown, argument = 'payer'): PayerProfile {
  const id = textOrAbsent(v, argument) ?? 'MEDICARE';
  const p = store.payer(id);
  if (!p) {
    const suggestion = closest(id, store.payers().map((x) => x.id));
    fail(suggestion === undefined ? { code: 'unknown_payer', payer: id } : { code: 'unknown_payer', payer: id, suggestion });
  }
  return p;
}

/** A quarter id as given ("2026Q1"), or undefined for the newest loaded; the book says when it is unknown. */
export function quarterArg(v: unknown): string | undefined {
  const q = textOrAbsent(v, 'quarter');
  if (q !== undefined) store.functionBook.quarterTable(q);
  return q;
}

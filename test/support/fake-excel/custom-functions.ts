/**
 * The custom-functions side of the fake Excel: the `CustomFunctions` namespace the page's functions.js
 * associates its functions with, and the evaluation of `=INFUSION.*` formulas through them, as Excel does:
 *
 * - Associating: each id maps to one function (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#associating-function-names-with-json-metadata).
 *   Associating an id that already has a function replaces it, and the runtime warns about the duplicate,
 *   as real Excel logs one warning per id associated twice: `duplicateAssociations` records them.
 * - Omitted arguments arrive as null, up to the parameters functions.json declares.
 * - Error arguments (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors#errors-as-custom-function-inputs):
 *   "To process inputs that contain errors, a custom function must have the JSON metadata property
 *   allowErrorForDataTypeAny set to true" (and the parameter must be of type any). Otherwise Excel does not
 *   call the function: the cell shows the argument's error. With it, the function receives the error.
 * - A function's error result (a `CustomFunctions.Error`) is the cell's error value.
 *
 * Other formulas are not evaluated (no calculation engine): their value stays as it was.
 */
import { type Box, type CellValue, parseBox } from './workbook';
import { isErrorValue } from './typed-text';

export type CustomFunction = (...args: unknown[]) => unknown;

/** functions.json, as much as the fake reads of it. */
export interface FunctionsMetadata {
  readonly allowErrorForDataTypeAny?: boolean;
  readonly functions: readonly { readonly id: string; readonly parameters?: readonly { readonly name: string; readonly type?: string }[] }[];
}

/** What the page registered (id in upper case -> implementation), and the metadata Excel read. */
export interface FunctionRegistry {
  readonly functions: Map<string, CustomFunction>;
  /** Parameter types by function id (upper case), from functions.json. */
  readonly parameters: Map<string, readonly string[]>;
  readonly allowErrorForDataTypeAny: boolean;
  /** Ids associated more than once (one entry per extra association). */
  readonly duplicateAssociations: string[];
}

export function createRegistry(metadata?: FunctionsMetadata): FunctionRegistry {
  return {
    functions: new Map(),
    parameters: new Map((metadata?.functions ?? []).map((f) => [f.id.toUpperCase(), (f.parameters ?? []).map((p) => p.type ?? 'any')])),
    allowErrorForDataTypeAny: metadata?.allowErrorForDataTypeAny === true,
    duplicateAssociations: [],
  };
}

/** Error values a custom function returns, by `CustomFunctions.ErrorCode`. */
export const ERROR_VALUES: Readonly<Record<string, string>> = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
};

/** `CustomFunctions.Error`: an error code (the value, e.g. "#N/A") and a message. */
export class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
  }
}

/** The `CustomFunctions` namespace over a registry. */
export function customFunctionsNamespace(registry: FunctionRegistry): {
  associate(idOrMap: string | Record<string, CustomFunction>, fn?: CustomFunction): void;
  Error: typeof CustomFunctionsError;
  ErrorCode: Readonly<Record<string, string>>;
} {
  const one = (id: string, fn: CustomFunction): void => {
    const key = id.toUpperCase();
    if (registry.functions.has(key)) registry.duplicateAssociations.push(key);
    registry.functions.set(key, fn);
  };
  return {
    associate(idOrMap, fn) {
      if (typeof idOrMap === 'string') {
        if (fn) one(idOrMap, fn);
        return;
      }
      for (const [id, f] of Object.entries(idOrMap)) one(id, f);
    },
    Error: CustomFunctionsError,
    ErrorCode: ERROR_VALUES,
  };
}

const CALL = /^=\s*INFUSION\.([A-Z0-9_]+)\s*\(([\s\S]*)\)\s*$/i;

/** Splits a function's argument list at top-level commas (outside quotes and braces). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      current += ch;
      if (ch === '"') {
        if (text[i + 1] === '"') {
          current += '"';
          i++;
        } else quoted = false;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '' || out.length > 0) out.push(current);
  return out;
}

function literal(text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (/^TRUE$/i.test(t)) return true;
  if (/^FALSE$/i.test(t)) return false;
  if (t.startsWith('{') && t.endsWith('}')) {
    return t
      .slice(1, -1)
      .split(';')
      .map((row) => splitArgs(row).map(literal));
  }
  const n = Number(t);
  if (t !== '' && Number.isFinite(n)) return n;
  return undefined;
}

export type Evaluation =
  | { kind: 'value'; value: CellValue; error?: boolean }
  | { kind: 'array'; values: CellValue[][]; errors: boolean[][] }
  | { kind: 'pending' };

const isErrorObject = (v: unknown): v is { code: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { code?: unknown }).code === 'string' && (v as { code: string }).code.startsWith('#');

function asCellValue(v: unknown): { value: CellValue; error: boolean } {
  if (isErrorObject(v)) return { value: v.code, error: true };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v, error: false };
  if (v === null || v === undefined) return { value: 0, error: false };
  return { value: String(v), error: false };
}

function fromResult(result: unknown): Evaluation {
  if (Array.isArray(result)) {
    const rows = (result as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]).map(asCellValue) : [asCellValue(row)]));
    if (rows.length === 1 && rows[0]?.length === 1) {
      const only = rows[0][0] as { value: CellValue; error: boolean };
      return { kind: 'value', value: only.value, error: only.error };
    }
    return { kind: 'array', values: rows.map((r) => r.map((c) => c.value)), errors: rows.map((r) => r.map((c) => c.error)) };
  }
  const one = asCellValue(result);
  return { kind: 'value', value: one.value, error: one.error };
}

/** The error value of something a custom function threw. */
export function errorValue(error: unknown): CellValue {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code.startsWith('#')) return code;
  return (typeof code === 'string' && ERROR_VALUES[code]) || '#VALUE!';
}

/** A referenced cell's value, and whether it is an error value. */
export interface ReferencedValue {
  readonly value: CellValue | undefined;
  readonly error: boolean;
}

/**
 * Evaluates a formula that is one `INFUSION.*` call with literal arguments or references to single cells of
 * the same sheet. Returns null for any other formula (the fake does not evaluate native formulas).
 */
export function evaluateInfusion(
  formula: string,
  registry: FunctionRegistry,
  cellValue: (local: string) => ReferencedValue,
  onLate: (evaluation: Evaluation) => void,
): Evaluation | null {
  const m = CALL.exec(formula);
  if (!m) return null;
  const id = (m[1] as string).toUpperCase();
  const fn = registry.functions.get(id);
  if (!fn) return { kind: 'value', value: '#NAME?', error: true };
  const types = registry.parameters.get(id) ?? [];
  const args: unknown[] = [];
  for (const raw of splitArgs(m[2] as string)) {
    const lit = literal(raw);
    if (lit !== undefined) {
      args.push(lit);
      continue;
    }
    const ref = raw.trim();
    if (isErrorValue(ref)) {
      args.push(new CustomFunctionsError(ref.toUpperCase()));
      continue;
    }
    if (parseBox(ref) === null) return null;
    const box = parseBox(ref) as Box;
    if (box.rows !== 1 || box.cols !== 1) return null;
    const v = cellValue(ref);
    args.push(v.error ? new CustomFunctionsError(String(v.value)) : v.value === '' || v.value === undefined ? null : v.value);
  }
  // An error argument: passed only with allowErrorForDataTypeAny to a parameter of type any; else the
  // function is not called and the cell shows the error.
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!(a instanceof CustomFunctionsError)) continue;
    if (!registry.allowErrorForDataTypeAny || (types[i] ?? 'any') !== 'any') return { kind: 'value', value: a.code, error: true };
  }
  while (args.length < types.length) args.push(null);
  try {
    const result = fn(...args);
    if (result instanceof Promise) {
      result.then(
        (r: unknown) => onLate(fromResult(r)),
        (e: unknown) => onLate({ kind: 'value', value: errorValue(e), error: true }),
      );
      return { kind: 'pending' };
    }
    return fromResult(result);
  } catch (e) {
    return { kind: 'value', value: errorValue(e), error: true };
  }
}

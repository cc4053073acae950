/**
 * A stand-in for Excel's custom-functions host, to run the very functions Excel calls outside Excel: the
 * command line (`infusion-planner calc`), the tests and the benchmarks. It installs a global `CustomFunctions`
 * with `associate` (recording each function by id), `Error` and `ErrorCode`, then loads functions.ts, whose
 * own registration code associates every function as it does in Excel. Never bundled into the add-in.
 */

/** `CustomFunctions.ErrorCode` as the custom-functions runtime defines it. */
export const ERROR_CODES = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export type ErrorCodeText = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** `CustomFunctions.Error` outside Excel: an error code and an optional message. */
export class StandInError {
  constructor(
    readonly code: ErrorCodeText,
    readonly message?: string,
  ) {}
}

export type CustomFunction = (...args: unknown[]) => unknown;

/** The functions associated so far, by id (upper case). */
export type Registry = Map<string, CustomFunction>;

interface StandIn {
  readonly registry: Registry;
  readonly Error: typeof StandInError;
  readonly ErrorCode: typeof ERROR_CODES;
  associate(idOrMappings: string | Record<string, CustomFunction>, fn?: CustomFunction): void;
}

function isStandIn(v: unknown): v is StandIn {
  return typeof v === 'object' && v !== null && (v as { registry?: unknown }).registry instanceof Map;
}

/** Installs the stand-in as the global `CustomFunctions` (once); returns its registry. */
export function installHost(): Registry {
  const g = globalThis as { CustomFunctions?: unknown };
  if (isStandIn(g.CustomFunctions)) return g.CustomFunctions.registry;
  if (g.CustomFunctions !== undefined) throw new Error('installHost(): a CustomFunctions host other than the stand-in is installed');
  const registry: Registry = new Map();
  const standIn: StandIn = {
    registry,
    Error: StandInError,
    ErrorCode: ERROR_CODES,
    associate(idOrMappings, fn) {
      if (typeof idOrMappings === 'string') {
        if (typeof fn !== 'function') throw new TypeError(`associate("${idOrMappings}"): not a function`);
        registry.set(idOrMappings.toUpperCase(), fn);
      } else {
        for (const [id, f] of Object.entries(idOrMappings)) registry.set(id.toUpperCase(), f);
      }
    },
  };
  g.CustomFunctions = standIn;
  return registry;
}

/**
 * Installs the stand-in and loads the functions module, so that its registration runs as it does in Excel
 * (or runs it now, when the module was loaded before the stand-in existed). Returns the associated functions.
 */
export async function loadFunctions(): Promise<Registry> {
  const registry = installHost();
  const mod = await import('./functions');
  if (registry.size === 0) mod.registerFunctions();
  return registry;
}

/** Whether a value is an Excel error result (a StandInError, or the runtime's own). */
export function isErrorResult(v: unknown): v is { readonly code: string; readonly message?: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { code?: unknown }).code === 'string' && (v as { code: string }).code.startsWith('#');
}

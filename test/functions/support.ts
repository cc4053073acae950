/**
 * Calling the custom functions as Excel does, outside Excel: the host stand-in (src/functions/host.ts) is
 * installed, the functions module registers itself, and each call goes through the function associated with
 * its id, with Excel-shaped arguments (null for an omitted argument, rows of cells for a range).
 */
import { type CustomFunction, type Registry, StandInError, loadFunctions } from '../../src/functions/host';

let registry: Registry | undefined;

export async function functions(): Promise<Registry> {
  registry ??= await loadFunctions();
  return registry;
}

/** The function associated with an id. */
export function fn(id: string): CustomFunction {
  const f = registry?.get(id);
  if (!f) throw new Error(`${id} is not associated (call functions() first)`);
  return f;
}

export function call(id: string, ...args: unknown[]): unknown {
  return fn(id)(...args);
}

/** The result as "#CODE message" when it is an Excel error, else the value itself. */
export function shown(result: unknown): unknown {
  if (result instanceof StandInError) return `${result.code} ${result.message ?? ''}`.trim();
  if (Array.isArray(result) && result.length === 1 && result[0]?.length === 1 && result[0][0] instanceof StandInError) return shown(result[0][0]);
  return result;
}

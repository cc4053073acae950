/**
 * Scenario equality: two scenarios are the same when they give every field the same value, whatever the order
 * of their keys; a field set to `undefined` is the same as a field left out (as in the scenario file, JSON).
 * Lists keep their order (the drugs', the payers' order is the formulary's and the mix's).
 */
import type { Scenario } from './types';

/** The value as JSON with every object's keys in order and undefined fields left out. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Whether two scenarios (or none) are the same scenario. */
export function sameScenario(a: Scenario | null, b: Scenario | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || canonical(a) === canonical(b);
}

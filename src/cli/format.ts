/** Number formats of the command line's tables. */

/**
 * A format that refuses to print infinity or NaN (issue 16): a figure that is not finite means an input
 * escaped its bound, and `$∞` in a board summary must never be printed as if it were a result.
 */
function finiteOnly(format: Intl.NumberFormat): { format(value: number): string } {
  return {
    format(value: number): string {
      if (!Number.isFinite(value)) throw new RangeError(`a figure came out as ${String(value)}, not a finite number; check the scenario's numbers`);
      return format.format(value);
    },
  };
}

export const usd = finiteOnly(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }));
export const usd0 = finiteOnly(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }));
export const num1 = finiteOnly(new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
export const pct = finiteOnly(new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }));

/** JSON of a report, refusing a number that is not finite (JSON.stringify would write it as null). */
export function finiteJson(value: unknown): string {
  return JSON.stringify(
    value,
    (key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`"${key}" came out as ${String(v)}, not a finite number; check the scenario's numbers`);
      return v;
    },
    2,
  );
}

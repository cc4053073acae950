/**
 * How fresh the prices are. CMS publishes a payment limit file for each calendar quarter, effective from the
 * quarter's first day to its last (cms.gov/medicare/payment/part-b-drugs/asp-pricing-files; the file's own
 * "Effective ... through ..." line); once the quarter of the prices in use has ended, a newer file exists and
 * the board should know the figures may be stale.
 */

/** The last day of a quarter like "2026Q1" (UTC): 2026-03-31. */
export function quarterEnd(quarter: string): Date {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: "${quarter}"`);
  // Day 0 of the month after the quarter is its last day.
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) * 3, 0));
}

/** The line a board reads beside the prices: their quarter, and a warning once that quarter has ended. */
export function stalenessLine(quarter: string, built: Date): { stale: boolean; text: string } {
  const end = quarterEnd(quarter);
  const endText = end.toISOString().slice(0, 10);
  const builtText = built.toISOString().slice(0, 10);
  if (built.getTime() > end.getTime() + 24 * 3600 * 1000 - 1) {
    return {
      stale: true,
      text: `Warning: prices are CMS payment limits for ${quarter}, which ended ${endText}; built ${builtText}, a newer quarter's file may exist: check cms.gov (ASP pricing files) and update (npm run data:update).`,
    };
  }
  return { stale: false, text: `Prices: CMS payment limits for ${quarter}, in effect through ${endText} (built ${builtText}).` };
}

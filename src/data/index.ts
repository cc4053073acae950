/**
 * The embedded reference data: the drug catalog, CMS payment limits (the newest quarter in full, older
 * quarters for the catalog codes), vial sizes from the NDC-HCPCS crosswalk and the administration codes'
 * fee schedules. All of it is generated from the files in data/ by `npx tsx scripts/data-update.ts`
 * (see the header of each module in ./generated). Plain data and tiny lookups; pricing rules are the
 * engine's.
 */
import type { CatalogDrug, FeeSchedule, PaymentLimitQuarter, ReferenceData } from '../engine/reference';
import { expandQuarter, type CrosswalkSource, type EmbeddedFeeSchedule } from './compact';
import { catalog, crosswalkSource, feeSchedules, fullQuarter, priceHistory, vialSizes } from './generated';

export type { CompactQuarter, CrosswalkSource, EmbeddedFeeSchedule, PaymentLimitTuple } from './compact';

const newest = expandQuarter(fullQuarter);

/** Everything one calculation uses: the full newest quarter first, then the older quarters, oldest first. */
export const referenceData: ReferenceData = {
  catalog,
  quarters: [newest, ...priceHistory.filter((q) => q.quarter !== newest.quarter).map(expandQuarter)],
  vialSizes,
  feeSchedules,
};

/** The crosswalk the vial sizes come from (file and effective dates). */
export const embeddedCrosswalk: CrosswalkSource = crosswalkSource;

/** The fee schedules with their relative value files' titles and release dates. */
export const embeddedFeeSchedules: readonly EmbeddedFeeSchedule[] = feeSchedules;

/** The quarter with the latest effective date (the default for every price). */
export function newestQuarter(data: ReferenceData = referenceData): PaymentLimitQuarter {
  let best: PaymentLimitQuarter | undefined;
  for (const quarter of data.quarters) if (best === undefined || quarter.effectiveFrom > best.effectiveFrom) best = quarter;
  if (best === undefined) throw new RangeError('newestQuarter: the reference data holds no quarter');
  return best;
}

/** A quarter by its id ("2026Q1", any case), or undefined. */
export function findQuarter(id: string, data: ReferenceData = referenceData): PaymentLimitQuarter | undefined {
  const wanted = id.trim().toUpperCase();
  return data.quarters.find((quarter) => quarter.quarter === wanted);
}

/** The fee schedule of a calendar year, else of the latest year; undefined when there is none. */
function describedFeeSchedule(data: ReferenceData, year: number): FeeSchedule | undefined {
  const exact = data.feeSchedules.find((schedule) => schedule.year === year);
  if (exact !== undefined) return exact;
  let best: FeeSchedule | undefined;
  for (const schedule of data.feeSchedules) if (best === undefined || schedule.year > best.year) best = schedule;
  return best;
}

/**
 * What `=INFUSION.SOURCE()` shows: the vintage of the payment limits (the quarter's CMS file and effective
 * dates) and of the fee schedule (the quarter's calendar year if loaded, else the latest), e.g. "CMS payment limits 2026Q1 (Effective January 1, 2026 through March
 * 31, 2026; section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv); Physician
 * Fee Schedule CY2026 national non-facility, conversion factor 33.4009".
 * @param quarterId the quarter to describe; default the newest.
 */
export function sourceDescription(data: ReferenceData = referenceData, quarterId?: string): string {
  const quarter = quarterId === undefined ? newestQuarter(data) : findQuarter(quarterId, data);
  if (quarter === undefined) throw new RangeError(`sourceDescription: no quarter "${quarterId ?? ''}"`);
  const prices = `CMS payment limits ${quarter.quarter} (${quarter.effective}; ${quarter.source})`;
  const schedule = describedFeeSchedule(data, Number(quarter.effectiveFrom.slice(0, 4)));
  if (schedule === undefined) return prices;
  return `${prices}; Physician Fee Schedule CY${schedule.year} national non-facility, conversion factor ${schedule.conversionFactor}`;
}

/** The catalog drug with this HCPCS code (any case, blanks ignored), or undefined. */
export function findCatalogDrug(code: string, data: ReferenceData = referenceData): CatalogDrug | undefined {
  const wanted = code.trim().toUpperCase();
  return data.catalog.find((drug) => drug.hcpcs === wanted);
}

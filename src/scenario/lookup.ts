/**
 * Look-ups in the reference data that validation and resolution share: the default quarter and fee
 * schedule year (the newest loaded), catalog entries by code, and whether a code is priced in a quarter.
 */
import type { CatalogDrug, PaymentLimitQuarter, ReferenceData } from '../engine/reference';

/** Quarter ids as loaded, oldest first ("2024Q4" < "2026Q1" sorts as text because the format is fixed). */
export function loadedQuarters(ref: ReferenceData): string[] {
  return ref.quarters.map((q) => q.quarter).sort();
}

/** The newest quarter loaded, or undefined when none is. */
export function newestQuarter(ref: ReferenceData): string | undefined {
  const ids = loadedQuarters(ref);
  return ids[ids.length - 1];
}

export function findQuarter(ref: ReferenceData, quarter: string): PaymentLimitQuarter | undefined {
  return ref.quarters.find((q) => q.quarter === quarter);
}

/** Fee schedule years as loaded, oldest first. */
export function loadedFeeScheduleYears(ref: ReferenceData): number[] {
  return ref.feeSchedules.map((f) => f.year).sort((a, b) => a - b);
}

/** The newest fee schedule year loaded, or undefined when none is. */
export function newestFeeScheduleYear(ref: ReferenceData): number | undefined {
  const years = loadedFeeScheduleYears(ref);
  return years[years.length - 1];
}

/**
 * The catalog product a scenario names (DOMAIN.md 5.5: what calc accepts): its HCPCS code in any case, or its
 * brand or generic name in any case; a name shared with biosimilars means the reference product.
 */
export function findCatalogDrug(ref: ReferenceData, hcpcs: string): CatalogDrug | undefined {
  const text = hcpcs.trim();
  const upper = text.toUpperCase();
  const byCode = ref.catalog.find((d) => d.hcpcs === upper);
  if (byCode !== undefined) return byCode;
  const lower = text.toLowerCase();
  const named = (d: CatalogDrug): boolean =>
    d.generic.toLowerCase() === lower || d.brand.toLowerCase() === lower || d.brand.toLowerCase().split('/').includes(lower);
  return ref.catalog.find((d) => d.referenceHcpcs === null && named(d)) ?? ref.catalog.find(named);
}

/** The catalog's codes and names, for "did you mean". */
export function catalogNames(ref: ReferenceData): string[] {
  return ref.catalog.flatMap((d) => [d.hcpcs, d.brand, d.generic]);
}

/** Whether the quarter's file gives the code a payment limit. */
export function isPriced(quarter: PaymentLimitQuarter, hcpcs: string): boolean {
  return quarter.rows.some((r) => r.hcpcs === hcpcs && r.paymentLimit !== null);
}

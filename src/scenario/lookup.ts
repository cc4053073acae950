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

export function findCatalogDrug(ref: ReferenceData, hcpcs: string): CatalogDrug | undefined {
  return ref.catalog.find((d) => d.hcpcs === hcpcs);
}

/** Whether the quarter's file gives the code a payment limit. */
export function isPriced(quarter: PaymentLimitQuarter, hcpcs: string): boolean {
  return quarter.rows.some((r) => r.hcpcs === hcpcs && r.paymentLimit !== null);
}

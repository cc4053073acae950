/**
 * Shapes of the reference data the engine computes from. The data layer (`src/data/`) fills them from
 * CMS files; the engine never reads a file. Numbers that are money or rates travel as decimal strings
 * ("32.423") so that no binary floating point touches them before decimal.js does.
 */

/** A therapeutic route as the catalog states it. */
export type Route = 'IV' | 'SC';

/** DOMAIN.md 2.3: complex drugs use 96401-96417, therapeutic ones 96365-96374. */
export type Complexity = 'complex' | 'therapeutic';

/** One weight tier of a weight-tiered dose: the first tier whose condition holds gives the dose. */
export interface WeightTier {
  /** `lt`: weight < kg; `le`: weight <= kg; `range`: from <= weight <= to; `gt`: weight > kg; `ge`: weight >= kg. */
  readonly op: 'lt' | 'le' | 'range' | 'gt' | 'ge';
  readonly kg: number;
  /** Upper bound for `range`. */
  readonly toKg?: number;
  /** Dose in the billing measure. */
  readonly dose: number;
}

export type DoseBasis =
  | { readonly kind: 'fixed'; readonly amount: number }
  | { readonly kind: 'per_kg'; readonly perKg: number; readonly maxDose?: number }
  | { readonly kind: 'weight_tiers'; readonly tiers: readonly WeightTier[] };

/** DOMAIN.md 5.3: a loading administration's own dose and infusion time. */
export interface LoadingDose {
  readonly dose: DoseBasis;
  /** Infusion minutes of this administration. */
  readonly minutes: number;
}

/**
 * DOMAIN.md 2.8 and 5.3: loading doses (days from the first dose), then a maintenance interval; optional cap.
 * A loading administration may have its own dose and time (`loadingDoses`, by position in `loadingDays`;
 * absent or null = the maintenance dose and time). A regimen given in courses repeats its loading
 * administrations every `courseIntervalDays` from the first (and has no maintenance interval).
 */
export interface RegimenSpec {
  readonly loadingDays: readonly number[];
  /** Days between maintenance doses, counted from the last loading dose; null when the regimen ends. */
  readonly maintenanceIntervalDays: number | null;
  /** Doses in a finite course; null when ongoing. */
  readonly maxDoses: number | null;
  /** Own dose and time of each loading administration, by position; null = the maintenance dose. */
  readonly loadingDoses?: readonly (LoadingDose | null)[];
  /** Days from the start of one course to the next; absent or null when not given in courses. */
  readonly courseIntervalDays?: number | null;
  /** Where the regimen comes from (the product label). */
  readonly source?: string;
}

/** One product of the drug catalog (reference/drug-catalog-seed.csv). */
export interface CatalogDrug {
  readonly hcpcs: string;
  readonly generic: string;
  readonly brand: string;
  /** For a biosimilar: the reference product's HCPCS code. */
  readonly referenceHcpcs: string | null;
  readonly area: string;
  readonly route: Route;
  readonly complexity: Complexity;
  readonly dose: DoseBasis;
  readonly regimen: RegimenSpec;
  readonly infusionMinutes: number;
  readonly chairExtraMinutes: number;
  /** Single-item package sizes in billing units (crosswalk BILLUNITS). */
  readonly vialSizes: readonly number[];
  readonly labelNote: string;
}

/** One row of a CMS payment limit file. */
export interface PaymentLimitRow {
  readonly hcpcs: string;
  readonly description: string;
  /** "HCPCS Code Dosage", e.g. "10 MG". */
  readonly dosage: string;
  /** Payment limit per billing unit, decimal string; null where the file says N/A or leaves it blank. */
  readonly paymentLimit: string | null;
  /** Co-insurance percentage as in the file, e.g. "20.000". */
  readonly coinsurancePercent: string | null;
  readonly notes: string;
}

/** One quarter's CMS payment limit file. */
export interface PaymentLimitQuarter {
  /** "2026Q1". */
  readonly quarter: string;
  /** As the file states: "Effective January 1, 2026 through March 31, 2026". */
  readonly effective: string;
  /** ISO dates of the effective period. */
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  /** The file it came from. */
  readonly source: string;
  readonly rows: readonly PaymentLimitRow[];
}

/** National non-facility fee schedule of the administration codes for one calendar year. */
export interface FeeSchedule {
  readonly year: number;
  /** Conversion factor, decimal string. */
  readonly conversionFactor: string;
  /** Total non-facility RVU by CPT code, decimal strings. */
  readonly rvu: Readonly<Record<string, string>>;
  readonly source: string;
}

/** All reference data one calculation uses. */
export interface ReferenceData {
  readonly catalog: readonly CatalogDrug[];
  /** Quarters, any order; the newest is the default. */
  readonly quarters: readonly PaymentLimitQuarter[];
  /** Vial sizes (billing units per item) of every code the crosswalk lists. */
  readonly vialSizes: Readonly<Record<string, readonly number[]>>;
  readonly feeSchedules: readonly FeeSchedule[];
}

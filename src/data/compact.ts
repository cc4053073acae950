/**
 * The compact shapes the generated modules store (one short row per line, so that the embedded data stays
 * small), and their expansion into the engine's shapes. Plain data: no pricing rule lives here.
 */
import type { FeeSchedule, PaymentLimitQuarter, PaymentLimitRow } from '../engine/reference';

/** One payment limit row: [hcpcs, description, dosage, paymentLimit, coinsurancePercent, notes]. */
export type PaymentLimitTuple = readonly [
  hcpcs: string,
  description: string,
  dosage: string,
  paymentLimit: string | null,
  coinsurancePercent: string | null,
  notes: string,
];

/** A quarter's payment limits as generated: the file's effective period and its rows as tuples. */
export interface CompactQuarter {
  readonly quarter: string;
  readonly effective: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  /** The CMS file's name. */
  readonly source: string;
  readonly rows: readonly PaymentLimitTuple[];
}

/** A fee schedule with the relative value file's own title and release date. */
export interface EmbeddedFeeSchedule extends FeeSchedule {
  /** E.g. "2026 National Physician Fee Schedule Relative Value File July Release". */
  readonly title: string;
  /** ISO date of the file's "RELEASED" line, or null. */
  readonly released: string | null;
}

/** The crosswalk the vial sizes come from. */
export interface CrosswalkSource {
  readonly quarter: string;
  readonly effective: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  readonly source: string;
}

export function expandRow([hcpcs, description, dosage, paymentLimit, coinsurancePercent, notes]: PaymentLimitTuple): PaymentLimitRow {
  return { hcpcs, description, dosage, paymentLimit, coinsurancePercent, notes };
}

export function expandQuarter(compact: CompactQuarter): PaymentLimitQuarter {
  const { quarter, effective, effectiveFrom, effectiveTo, source } = compact;
  return { quarter, effective, effectiveFrom, effectiveTo, source, rows: compact.rows.map(expandRow) };
}

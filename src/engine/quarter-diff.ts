/** A code-level comparison of two quarters' CMS payment limit files (split from impact.ts). */
import { type Dec, dec } from './decimal';
import type { PaymentLimitQuarter, PaymentLimitRow } from './reference';

// ---------------------------------------------------------------------------------------------------------
// Code-level comparison of two quarters' files

/** A catalog code whose payment limit differs between the quarters, or that one of them lacks. */
export interface CodePriceChange {
  readonly hcpcs: string;
  /** Payment limit per unit in the old quarter; null when the code is absent or N/A there. */
  readonly from: Dec | null;
  readonly to: Dec | null;
}

export interface QuarterDiff {
  readonly from: string;
  readonly to: string;
  readonly rowsFrom: number;
  readonly rowsTo: number;
  /** Codes in `to` and not in `from`, sorted. */
  readonly added: readonly string[];
  /** Codes in `from` and not in `to`, sorted. */
  readonly removed: readonly string[];
  /** Codes in both whose payment limit differs (a limit that becomes or stops being N/A counts). */
  readonly priceChanged: number;
  /** Codes in both whose row is the same in every field. */
  readonly unchanged: number;
  /** True when the two hold the same effective period and the same rows (whatever their order or file name). */
  readonly identical: boolean;
  /** For the codes asked about (e.g. the catalog): those whose payment limit changed or that one side lacks. */
  readonly watched: readonly CodePriceChange[];
}

function rowsByCode(q: PaymentLimitQuarter): Map<string, PaymentLimitRow> {
  return new Map(q.rows.map((r) => [r.hcpcs.toUpperCase(), r]));
}

function sameRow(a: PaymentLimitRow, b: PaymentLimitRow): boolean {
  return (
    a.description === b.description &&
    a.dosage === b.dosage &&
    a.paymentLimit === b.paymentLimit &&
    a.coinsurancePercent === b.coinsurancePercent &&
    a.notes === b.notes
  );
}

function samePrice(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return dec(a).eq(dec(b));
}

const limitOf = (row: PaymentLimitRow | undefined): Dec | null => (row === undefined || row.paymentLimit === null ? null : dec(row.paymentLimit));

/**
 * Compares two quarters' files code by code. Meant for full files: an extract (the embedded history keeps
 * only the catalog codes of older quarters) would show every other code as added or removed.
 * @param watch codes whose price changes are listed one by one (e.g. the catalog's), in this order.
 */
export function diffQuarters(from: PaymentLimitQuarter, to: PaymentLimitQuarter, watch: readonly string[] = []): QuarterDiff {
  const a = rowsByCode(from);
  const b = rowsByCode(to);
  const added = [...b.keys()].filter((c) => !a.has(c)).sort();
  const removed = [...a.keys()].filter((c) => !b.has(c)).sort();
  let priceChanged = 0;
  let unchanged = 0;
  for (const [code, row] of a) {
    const other = b.get(code);
    if (other === undefined) continue;
    if (!samePrice(row.paymentLimit, other.paymentLimit)) priceChanged++;
    if (sameRow(row, other)) unchanged++;
  }
  const identical =
    from.effective === to.effective && added.length === 0 && removed.length === 0 && unchanged === a.size && a.size === b.size;
  const watched: CodePriceChange[] = [];
  for (const code of new Set(watch.map((c) => c.trim().toUpperCase()))) {
    const x = a.get(code);
    const y = b.get(code);
    if (x === undefined && y === undefined) continue;
    if (x !== undefined && y !== undefined && samePrice(x.paymentLimit, y.paymentLimit) && x.paymentLimit !== null) continue;
    watched.push({ hcpcs: code, from: limitOf(x), to: limitOf(y) });
  }
  return { from: from.quarter, to: to.quarter, rowsFrom: from.rows.length, rowsTo: to.rows.length, added, removed, priceChanged, unchanged, identical, watched };
}

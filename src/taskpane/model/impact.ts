/**
 * A new quarter's impact on the formulary (DOMAIN.md 2.10): per drug, the old and new payment limit, the
 * change per administration (change per unit x units billed, Medicare's rate) and whether the drug becomes
 * or stops being underwater across the mix. The full view belongs to the CMS-data issue; this is the pane's
 * first cut over the engine.
 */
import type { ReferenceBook } from '../../engine/book';
import { roundCents, roundUnitPrice } from '../../engine/decimal';
import type { PaymentLimitQuarter, ReferenceData } from '../../engine/reference';
import type { Scenario } from '../../scenario/types';
import { computeResults } from './results';

export interface DrugImpact {
  readonly hcpcs: string;
  readonly label: string;
  readonly oldLimit: number | null;
  readonly newLimit: number | null;
  /** Change of Medicare's allowed amount for the drug line of one administration. */
  readonly perAdministration: number | null;
  readonly oldMargin: number | null;
  readonly newMargin: number | null;
  readonly becomesUnderwater: boolean;
  readonly stopsUnderwater: boolean;
}

export interface QuarterImpact {
  readonly oldQuarter: string;
  readonly newQuarter: string;
  readonly drugs: readonly DrugImpact[];
  /** Formulary drugs the new file does not price. */
  readonly unpriced: readonly string[];
}

export function quarterImpact(scenario: Scenario, ref: ReferenceData, book: ReferenceBook, quarter: PaymentLimitQuarter): QuarterImpact {
  const oldQuarter = scenario.quarter ?? book.newestQuarter;
  const newBook = book.withQuarter(quarter);
  const newRef: ReferenceData = newBook.data;
  const before = computeResults({ ...scenario, quarter: oldQuarter }, book, ref);
  const after = computeResults({ ...scenario, quarter: quarter.quarter }, newBook, newRef);
  const newRows = new Map(quarter.rows.map((r) => [r.hcpcs.toUpperCase(), r]));
  const unpriced: string[] = [];
  const drugs = scenario.drugs.map((d): DrugImpact => {
    const limit = (b: ReferenceBook, q: string): number | null => {
      try {
        return roundUnitPrice(b.price(d.hcpcs, q).paymentLimit).toNumber();
      } catch {
        return null;
      }
    };
    const oldLimit = limit(book, oldQuarter);
    const newLimit = newRows.get(d.hcpcs)?.paymentLimit == null ? null : limit(newBook, quarter.quarter);
    if (newLimit === null) unpriced.push(d.hcpcs);
    const b = before.ok ? before.drugs.find((x) => x.hcpcs === d.hcpcs) : undefined;
    const a = after.ok ? after.drugs.find((x) => x.hcpcs === d.hcpcs) : undefined;
    const units = b ? b.unitsAdministered + b.jwUnits : null;
    let perAdministration: number | null = null;
    if (oldLimit !== null && newLimit !== null && units !== null) {
      const oldPl = book.price(d.hcpcs, oldQuarter).paymentLimit;
      const newPl = newBook.price(d.hcpcs, quarter.quarter).paymentLimit;
      perAdministration = roundCents(newPl.times(units)).minus(roundCents(oldPl.times(units))).toNumber();
    }
    const wasUnder = b?.mix?.underwater ?? false;
    const isUnder = a?.mix?.underwater ?? false;
    return {
      hcpcs: d.hcpcs,
      label: b?.label ?? a?.label ?? d.hcpcs,
      oldLimit,
      newLimit,
      perAdministration,
      oldMargin: b?.mix?.margin ?? null,
      newMargin: a?.mix?.margin ?? null,
      becomesUnderwater: !wasUnder && isUnder,
      stopsUnderwater: wasUnder && !isUnder,
    };
  });
  return { oldQuarter, newQuarter: quarter.quarter, drugs, unpriced };
}


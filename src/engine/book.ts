/**
 * The reference book: reference data indexed for fast look-ups, the single place drug names, quarters and
 * prices are resolved. Built once per set of reference data (a new imported quarter makes a new book).
 */
import { FeeTable } from './admin';
import { Dec, dec } from './decimal';
import { fail } from './errors';
import { closest } from './suggest';
import type { CatalogDrug, PaymentLimitQuarter, PaymentLimitRow, ReferenceData } from './reference';
import { type BillingUnit, parseBillingUnit } from './units';

/** One code's price in one quarter, parsed. */
export interface PriceEntry {
  readonly hcpcs: string;
  readonly description: string;
  /** Payment limit per billing unit (already 106% of ASP or the biosimilar rule; never x 1.06 again). */
  readonly paymentLimit: Dec | null;
  /** Co-insurance as a fraction (17.585 in the file -> 0.17585); null when the file leaves it blank. */
  readonly coinsurance: Dec | null;
  readonly unit: BillingUnit | null;
  readonly notes: string;
}

export class QuarterTable {
  readonly id: string;
  private readonly raw = new Map<string, PaymentLimitRow>();
  private readonly parsed = new Map<string, PriceEntry>();

  constructor(readonly quarter: PaymentLimitQuarter) {
    this.id = quarter.quarter;
    for (const row of quarter.rows) this.raw.set(row.hcpcs.toUpperCase(), row);
  }

  has(code: string): boolean {
    return this.raw.has(code);
  }

  get size(): number {
    return this.raw.size;
  }

  codes(): IterableIterator<string> {
    return this.raw.keys();
  }

  entry(code: string): PriceEntry | undefined {
    const hit = this.parsed.get(code);
    if (hit) return hit;
    const row = this.raw.get(code);
    if (!row) return undefined;
    const entry: PriceEntry = {
      hcpcs: code,
      description: row.description,
      paymentLimit: row.paymentLimit === null ? null : dec(row.paymentLimit),
      coinsurance: row.coinsurancePercent === null ? null : dec(row.coinsurancePercent).div(100),
      unit: parseBillingUnit(row.dosage),
      notes: row.notes,
    };
    this.parsed.set(code, entry);
    return entry;
  }
}

/** Orders quarter ids "2026Q1" chronologically. */
export function compareQuarters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const QUARTER_ID = /^(\d{4})\s*-?\s*Q([1-4])$/i;

/** "2026q1", "2026-Q1", " 2026Q1 " -> "2026Q1"; null when not a quarter id. */
export function normalizeQuarter(text: string): string | null {
  const m = QUARTER_ID.exec(text.trim());
  return m ? `${m[1]}Q${m[2]}` : null;
}

/** The 8% biosimilar add-on note (Inflation Reduction Act section 11403). */
export const EIGHT_PERCENT_NOTE = /8%\s+of\s+reference/i;

export class ReferenceBook {
  readonly catalog: ReadonlyMap<string, CatalogDrug>;
  readonly quarterIds: readonly string[];
  readonly newestQuarter: string;
  readonly feeYears: readonly number[];
  readonly newestFeeYear: number;
  private readonly quarters = new Map<string, QuarterTable>();
  private readonly byName = new Map<string, string>();
  private readonly feeTables = new Map<number, FeeTable>();
  private readonly resolved = new Map<string, string>();
  private readonly aspCache = new Map<string, Dec>();

  constructor(readonly data: ReferenceData) {
    this.catalog = new Map(data.catalog.map((d) => [d.hcpcs.toUpperCase(), d]));
    for (const q of data.quarters) {
      const existing = this.quarters.get(q.quarter);
      // A full quarter (more rows) wins over a history extract of the same quarter.
      if (!existing || existing.size < q.rows.length) this.quarters.set(q.quarter, new QuarterTable(q));
    }
    if (this.quarters.size === 0) throw new RangeError('ReferenceBook: no payment limit quarter');
    this.quarterIds = [...this.quarters.keys()].sort(compareQuarters);
    this.newestQuarter = this.quarterIds[this.quarterIds.length - 1] as string;
    for (const f of data.feeSchedules) this.feeTables.set(f.year, new FeeTable(f));
    if (this.feeTables.size === 0) throw new RangeError('ReferenceBook: no fee schedule');
    this.feeYears = [...this.feeTables.keys()].sort((a, b) => a - b);
    this.newestFeeYear = this.feeYears[this.feeYears.length - 1] as number;
    // Names: reference products first, so that a name shared with biosimilars resolves to the reference.
    const ordered = [...data.catalog].sort((a, b) => Number(a.referenceHcpcs !== null) - Number(b.referenceHcpcs !== null));
    for (const d of ordered) {
      for (const name of [d.generic, d.brand, ...d.brand.split('/')]) {
        const key = name.trim().toLowerCase();
        if (key && !this.byName.has(key)) this.byName.set(key, d.hcpcs.toUpperCase());
      }
    }
  }

  /** A book with one more (or a replaced) quarter. */
  withQuarter(q: PaymentLimitQuarter): ReferenceBook {
    const others = this.data.quarters.filter((x) => x.quarter !== q.quarter);
    return new ReferenceBook({ ...this.data, quarters: [...others, q] });
  }

  /** A HCPCS code, generic or brand name, any case, spaces ignored -> the HCPCS code. */
  resolveDrug(query: string): string {
    const hit = this.resolved.get(query);
    if (hit !== undefined) return hit;
    const text = query.trim();
    const upper = text.toUpperCase();
    let code: string | undefined;
    if (this.catalog.has(upper) || this.quarterTable(this.newestQuarter).has(upper)) code = upper;
    else code = this.byName.get(text.toLowerCase()) ?? (this.quarterIds.some((q) => this.quarterTable(q).has(upper)) ? upper : undefined);
    if (code === undefined) {
      const suggestion = closest(text, this.drugNames());
      fail(suggestion === undefined ? { code: 'unknown_drug', drug: text } : { code: 'unknown_drug', drug: text, suggestion });
    }
    if (this.resolved.size > 10000) this.resolved.clear();
    this.resolved.set(query, code);
    return code;
  }

  /** Every name a drug can be given by: catalog codes, brand and generic names as the catalog spells them. */
  drugNames(): string[] {
    return [...this.catalog.values()].flatMap((d) => [d.hcpcs, d.brand, d.generic]);
  }

  catalogDrug(code: string): CatalogDrug | undefined {
    return this.catalog.get(code);
  }

  /** The quarter table; `quarter` undefined = the newest. */
  quarterTable(quarter?: string): QuarterTable {
    const id = quarter === undefined ? this.newestQuarter : normalizeQuarter(quarter);
    const table = id === null ? undefined : this.quarters.get(id);
    if (!table) fail({ code: 'unknown_quarter', quarter: quarter ?? '', available: this.quarterIds });
    return table;
  }

  /** The code's price entry with a payment limit, or a failure naming what is missing. */
  price(code: string, quarter?: string): PriceEntry & { readonly paymentLimit: Dec; readonly unit: BillingUnit } {
    const table = this.quarterTable(quarter);
    const entry = table.entry(code);
    if (!entry || entry.paymentLimit === null) fail({ code: 'not_priced', drug: code, quarter: table.id });
    if (!entry.unit) fail({ code: 'missing_fact', drug: code, fact: `the billing unit ("${entry.description}")` });
    return entry as PriceEntry & { readonly paymentLimit: Dec; readonly unit: BillingUnit };
  }

  /** The billing unit of a code (from the newest quarter that lists it). */
  billingUnit(code: string, quarter?: string): BillingUnit {
    return this.price(code, quarter).unit;
  }

  /**
   * ASP per billing unit, derived from the payment limit (DOMAIN.md 2.1; 42 USC 1395w-3a(b)(1) and (b)(8)):
   * ordinary code ASP = PL / 1.06; biosimilar with the 8% note ASP = PL - 0.08 x ASP(reference) (Inflation
   * Reduction Act section 11403); other biosimilar ASP = PL - 0.06 x ASP(reference). Full precision.
   */
  asp(code: string, quarter?: string): Dec {
    const table = this.quarterTable(quarter);
    const key = `${code}|${table.id}`;
    const hit = this.aspCache.get(key);
    if (hit) return hit;
    const entry = this.price(code, table.id);
    const ref = this.catalog.get(code)?.referenceHcpcs ?? null;
    let asp: Dec;
    if (ref === null) {
      if (EIGHT_PERCENT_NOTE.test(entry.notes) || /^Q51\d\d$/.test(code)) {
        fail({ code: 'missing_fact', drug: code, fact: 'the reference product of this biosimilar' });
      }
      asp = entry.paymentLimit.div('1.06');
    } else {
      const refEntry = this.price(ref, table.id);
      // Reference ASP per billing unit of the biosimilar (the units are normally the same).
      const refAsp = this.asp(ref, table.id).times(entry.unit.amount).div(refEntry.unit.amount);
      const addOn = EIGHT_PERCENT_NOTE.test(entry.notes) ? dec('0.08') : dec('0.06');
      asp = entry.paymentLimit.minus(addOn.times(refAsp));
      // A biosimilar's payment limit is its own ASP plus the add-on, so a derived ASP at or below zero means
      // the two limits cannot both be right (a damaged file, or a reference limit typed in the wrong unit).
      if (asp.lte(0)) {
        fail({
          code: 'nonpositive_asp',
          drug: code,
          reference: ref,
          quarter: table.id,
          asp: asp.toDecimalPlaces(3).toFixed(3),
          paymentLimit: entry.paymentLimit.toFixed(),
          addOn: addOn.toFixed(2),
          referenceAsp: refAsp.toDecimalPlaces(3).toFixed(3),
        });
      }
    }
    this.aspCache.set(key, asp);
    return asp;
  }

  /** Vial sizes in billing units: the catalog's, else the crosswalk's, else a failure. */
  vialSizes(code: string): readonly number[] {
    const fromCatalog = this.catalog.get(code)?.vialSizes;
    if (fromCatalog && fromCatalog.length > 0) return fromCatalog;
    const fromCrosswalk = this.data.vialSizes[code];
    if (fromCrosswalk && fromCrosswalk.length > 0) return fromCrosswalk;
    fail({ code: 'missing_fact', drug: code, fact: 'the vial sizes (not in the NDC-HCPCS crosswalk)' });
  }

  feeTable(year?: number): FeeTable {
    const y = year ?? this.newestFeeYear;
    const t = this.feeTables.get(y);
    if (!t) fail({ code: 'missing_fact', drug: 'fee schedule', fact: `calendar year ${y} (loaded: ${this.feeYears.join(', ')})` });
    return t;
  }
}

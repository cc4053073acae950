/**
 * Finding drugs in the catalog: by brand, generic name, HCPCS code or therapeutic area, every word of the
 * query matching somewhere. Results come in families, each reference product followed by its biosimilars,
 * so a biosimilar is always offered beside the product it copies (and a search for "Avsola" shows Remicade
 * and the other infliximab biosimilars too).
 */
import type { CatalogDrug, ReferenceData } from '../../engine/reference';
import { isPriced } from '../../scenario/lookup';

export interface CatalogFamily {
  /** The reference product (or a product without biosimilars). */
  readonly reference: CatalogDrug;
  readonly biosimilars: readonly CatalogDrug[];
}

/** "Avsola (infliximab-axxq)". */
export function drugName(drug: Pick<CatalogDrug, 'brand' | 'generic'>): string {
  return `${drug.brand} (${drug.generic})`;
}

function haystack(drug: CatalogDrug): string {
  return [drug.hcpcs, drug.brand, drug.generic, drug.area, drug.referenceHcpcs !== null ? 'biosimilar' : '', drug.route].join(' ').toLowerCase();
}

/** Families in catalog order. */
export function catalogFamilies(catalog: readonly CatalogDrug[]): CatalogFamily[] {
  const byCode = new Map(catalog.map((d) => [d.hcpcs, d]));
  const families = new Map<string, { reference: CatalogDrug; biosimilars: CatalogDrug[] }>();
  for (const drug of catalog) {
    const refCode = drug.referenceHcpcs !== null && byCode.has(drug.referenceHcpcs) ? drug.referenceHcpcs : drug.hcpcs;
    let family = families.get(refCode);
    if (family === undefined) {
      family = { reference: byCode.get(refCode) as CatalogDrug, biosimilars: [] };
      families.set(refCode, family);
    }
    if (refCode !== drug.hcpcs) family.biosimilars.push(drug);
  }
  return [...families.values()];
}

/** The families with a member matching every word of the query; all families for an empty query. */
export function searchCatalog(catalog: readonly CatalogDrug[], query: string): CatalogFamily[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const families = catalogFamilies(catalog);
  if (words.length === 0) return families;
  const matches = (d: CatalogDrug): boolean => {
    const text = haystack(d);
    return words.every((w) => text.includes(w));
  };
  return families.filter((f) => matches(f.reference) || f.biosimilars.some(matches));
}

/** Why a catalog drug cannot be added to the formulary, or null when it can. */
export function cannotAdd(ref: ReferenceData, quarterId: string, drug: CatalogDrug, inFormulary: ReadonlySet<string>): string | null {
  if (inFormulary.has(drug.hcpcs)) return 'In the formulary';
  const quarter = ref.quarters.find((q) => q.quarter === quarterId);
  if (quarter === undefined) return null;
  if (!isPriced(quarter, drug.hcpcs)) return `No payment limit in ${quarterId}`;
  if (drug.referenceHcpcs !== null && !isPriced(quarter, drug.referenceHcpcs)) return `Reference product not priced in ${quarterId}`;
  return null;
}

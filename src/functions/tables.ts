/**
 * The spilled tables and the source line: DRUGS, PAYERS and SOURCE. Plain rows of text, numbers and booleans
 * (numbers stay numbers so that Excel can format them; fractions stay fractions, 0.2 for 20%).
 */
import { sourceDescription } from '../data';
import { dec } from '../engine/decimal';
import type { DrugRule, PayerProfile } from '../engine/types';
import { doseFor } from '../engine/regimen';
import { count, unitPrice } from '../engine/report';
import type { Cell } from './excel';
import { fail } from '../engine/errors';
import { store } from './store';

export const DRUG_COLUMNS = [
  'HCPCS',
  'Generic name',
  'Brand',
  'Reference product',
  'Area',
  'Route',
  'Complexity',
  'Billing unit',
  'Dose at 80 kg',
  'Infusion minutes',
  'Chair minutes',
  'Payment limit',
  'Vial sizes (units)',
] as const;

/** The parts of an area as the catalog writes it: "IBD/RA" -> ["ibd", "ra"]. */
function areaParts(area: string): string[] {
  return area
    .split('/')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
}

/** DRUGS([area]): the catalog, or the drugs whose area is `area` or includes it ("RA" matches "IBD/RA"). */
export function drugTable(area: string | undefined): Cell[][] {
  const book = store.book;
  const all = [...book.catalog.values()];
  let chosen = all;
  if (area !== undefined) {
    const wanted = area.trim().toLowerCase();
    chosen = all.filter((d) => d.area.trim().toLowerCase() === wanted || areaParts(d.area).includes(wanted));
    if (chosen.length === 0) {
      const areas = [...new Set(all.flatMap((d) => d.area.split('/').map((p) => p.trim())))].sort((a, b) => a.localeCompare(b));
      fail({ code: 'unknown_area', area, areas });
    }
  }
  const rows: Cell[][] = [[...DRUG_COLUMNS]];
  for (const d of chosen) {
    const entry = book.quarterTable().entry(d.hcpcs);
    rows.push([
      d.hcpcs,
      d.generic,
      d.brand,
      d.referenceHcpcs ?? '',
      d.area,
      d.route,
      d.complexity,
      entry?.unit?.text ?? '',
      count(doseFor(d.dose)),
      d.infusionMinutes,
      d.chairExtraMinutes,
      entry?.paymentLimit ? unitPrice(entry.paymentLimit) : '',
      d.vialSizes.join('; '),
    ]);
  }
  return rows;
}

export const PAYER_COLUMNS = [
  'Payer',
  'Name',
  'Drug rate',
  'Administration (x fee schedule)',
  'Drug coinsurance',
  'Administration coinsurance',
  'Sequestration',
  'Collection rate',
  'Denial write-off',
  'Pays JW (discarded) units',
  'Days to payment',
  'Drug source',
  'Defined by',
] as const;

/** DOMAIN.md 5.1: a payer's drug source in words: "buy and bill", "buy and bill, 40% white-bagged", "white bag", "free drug". */
export function drugSourceText(p: Pick<PayerProfile, 'drugSource' | 'whiteBagShare'>): string {
  const source = p.drugSource ?? 'buy_and_bill';
  if (source === 'white_bag') return 'white bag';
  if (source === 'free_drug') return 'free drug (manufacturer program)';
  const share = p.whiteBagShare ?? 0;
  return share > 0 ? `buy and bill, ${dec(share).times(100).toString()}% white-bagged` : 'buy and bill';
}

const percent = (fraction: number): string => `${dec(fraction).times(100).toString()}%`;

/** A payer's drug rule in words: "CMS payment limit", "ASP + 15%", "90% of WAC", "$31.5 per unit". */
export function drugRuleText(rule: DrugRule): string {
  switch (rule.kind) {
    case 'payment_limit':
      return rule.factor === 1 ? 'CMS payment limit' : `CMS payment limit x ${rule.factor}`;
    case 'asp_plus':
      return `ASP + ${percent(rule.percent)}`;
    case 'wac_percent':
      return `${percent(rule.percent)} of WAC`;
    case 'fixed_per_unit':
      return `$${rule.amount} per unit`;
  }
}

function payerRow(p: PayerProfile): Cell[] {
  return [
    p.id,
    p.name,
    drugRuleText(p.drugRule),
    p.adminPercentOfFeeSchedule,
    p.drugCoinsurance === 'file' ? 'CMS file %' : p.drugCoinsurance,
    p.adminCoinsurance,
    p.sequestration,
    p.collectionRate,
    p.denialWriteOff,
    p.paysDiscarded,
    p.daysToPayment,
    drugSourceText(p),
    store.isScenarioPayer(p.id) ? 'scenario' : 'built-in default',
  ];
}

/** PAYERS(): every profile in use, built-ins first (each replaced by the scenario's of the same id). */
export function payerTable(): Cell[][] {
  return [[...PAYER_COLUMNS], ...store.payers().map(payerRow)];
}

/** SOURCE(): the data helper's description of the newest quarter in use and its fee schedule. */
export function sourceText(): string {
  const book = store.book;
  return sourceDescription(book.data, book.newestQuarter);
}

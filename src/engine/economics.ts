/**
 * One administration of one drug billed to one payer: DOMAIN.md 2.5 (Medicare Part B, rule), 2.6 (other
 * payers, defaults) and 2.7 (cost and margin). Each claim line is priced as units x rate and rounded to
 * cents (DOMAIN.md 3); everything derived from the lines keeps full precision.
 *
 *     allowed_drug  = administered line + JW line
 *     allowed_admin = sum of administration lines
 *     patient_share = allowed_drug x c_drug + allowed_admin x c_admin
 *     payer_paid    = (allowed - patient_share) x (1 - sequestration)
 *     collected     = payer_paid + patient_share x collectionRate
 *     net_revenue   = collected x (1 - denialWriteOff)
 *     margin        = net_revenue - drug cost;  recovery = drug-line net revenue / drug cost
 *
 * DOMAIN.md 5.1, where the drug comes from: with buy-and-bill share b (1 - the white-bagged share under
 * buy-and-bill; 0 for white bag or free drug) every drug figure of the expected administration is b x the
 * buy-and-bill claim's (drug lines, drug cost); without buy-and-bill the drug allowed and cost are 0, JW does
 * not apply, recovery is "not applicable" and the drug is never underwater. A white-bagged administration
 * costs the practice its handling cost (default $0), so margin = net revenue - drug cost - handling.
 */
import { type AdminLine, adminCodes } from './admin';
import type { ReferenceBook } from './book';
import { Dec, ONE, ZERO, dec, roundCents } from './decimal';
import { fail } from './errors';
import type { Complexity, Route } from './reference';
import type { DrugSource, DrugSourceTerms, PayerProfile } from './types';
import { type Dispensing, dispense } from './units';

/** What one administration needs to know about the drug. */
export interface AdministrationSpec {
  readonly hcpcs: string;
  /** Dose in the billing measure (mg, mcg, units). */
  readonly dose: Dec;
  readonly route: Route;
  readonly complexity: Complexity;
  readonly minutes: number;
  /** Acquisition price per billing unit; null = the default, derived ASP (an assumption). */
  readonly acquisitionPerUnit: Dec | null;
  readonly wacPerUnit: Dec | null;
  readonly quarter?: string;
  readonly feeScheduleYear?: number;
  /** Sensitivity only: multiplies the CMS-derived drug rates (payment limit and ASP rules); default 1. */
  readonly priceFactor?: Dec;
  /** DOMAIN.md 5.1: the drug source for this drug and payer; absent = the payer's own. */
  readonly drugSource?: DrugSourceTerms;
  /** DOMAIN.md 5.1: handling cost of one white-bagged administration; absent = 0. */
  readonly whiteBagHandlingCost?: Dec;
  /** DOMAIN.md 5.6: (1 - prompt-pay discount) x (1 - GPO discount) on the default (ASP) price; absent = 1. */
  readonly defaultAcquisitionFactor?: Dec;
  /** Vial sizes in billing units; absent = the catalog's or the crosswalk's (a user's drug gives its own: 5.4). */
  readonly vialSizes?: readonly number[];
}

/** DOMAIN.md 5.1: net cost recovery where the practice buys no drug; shown as such, never 0% or infinite. */
export const NOT_APPLICABLE = 'not applicable' as const;
export type NotApplicable = typeof NOT_APPLICABLE;

/** The drug source a payer uses for a drug: the drug's override, else the payer's own (default buy-and-bill). */
export function drugSourceOf(payer: PayerProfile, override?: DrugSourceTerms): DrugSourceTerms {
  return override ?? { source: payer.drugSource ?? 'buy_and_bill', whiteBagShare: payer.whiteBagShare ?? 0 };
}

/** Shares of a payer's administrations bought and billed, and white-bagged. */
export function sourceShares(terms: DrugSourceTerms): { buyAndBill: Dec; whiteBag: Dec } {
  switch (terms.source) {
    case 'buy_and_bill': {
      if (terms.whiteBagShare === 0) return { buyAndBill: ONE, whiteBag: ZERO };
      const w = dec(terms.whiteBagShare);
      return { buyAndBill: ONE.minus(w), whiteBag: w };
    }
    case 'white_bag':
      return { buyAndBill: ZERO, whiteBag: ONE };
    case 'free_drug':
      return { buyAndBill: ZERO, whiteBag: ZERO };
  }
}

export interface PricedAdminLine extends AdminLine {
  readonly rate: Dec;
  readonly allowed: Dec;
}

export interface AdministrationEconomics {
  readonly hcpcs: string;
  readonly payerId: string;
  readonly dose: Dec;
  readonly dispensing: Dispensing;
  /** Units billed on the JW line (0 when the payer does not pay discarded drug, or nothing is discarded). */
  readonly jwUnitsBilled: number;
  readonly adminLines: readonly PricedAdminLine[];
  /** The payer's rate per billing unit of drug. */
  readonly drugRate: Dec;
  readonly allowedDrugAdministered: Dec;
  readonly allowedDrugDiscarded: Dec;
  readonly allowedDrug: Dec;
  readonly allowedAdmin: Dec;
  readonly allowed: Dec;
  readonly patientShare: Dec;
  /** Coinsurance of the drug line as applied (MEDICARE: the CMS file's per-code figure) and of the administration lines. */
  readonly coinsuranceDrug: Dec;
  readonly coinsuranceAdmin: Dec;
  readonly payerPaid: Dec;
  readonly collected: Dec;
  readonly netRevenueDrug: Dec;
  readonly netRevenueAdmin: Dec;
  readonly netRevenue: Dec;
  readonly acquisitionPerUnit: Dec;
  readonly acquisitionIsDefault: boolean;
  /** DOMAIN.md 5.1: where the drug comes from for this payer and drug. */
  readonly drugSource: DrugSource;
  /** Share of the payer's administrations the practice buys and bills (0-1). */
  readonly buyAndBillShare: Dec;
  /** Share of the payer's administrations white-bagged (0-1). */
  readonly whiteBagShare: Dec;
  /** Expected white-bag handling cost of one administration (white-bagged share x handling cost). */
  readonly handlingCost: Dec;
  readonly drugCost: Dec;
  readonly margin: Dec;
  /** Drug-line net revenue / drug cost; "not applicable" without buy-and-bill; null when the cost is zero. */
  readonly recovery: Dec | NotApplicable | null;
  /** Drug-line net revenue below drug cost (never without buy-and-bill). */
  readonly underwater: boolean;
}

const TWENTY_PERCENT = dec('0.2');

/** A payer profile's figures as decimals, converted once per profile object (custom functions call often). */
export interface PayerDecimals {
  /** The drug rule's multiplier or amount: the payment-limit factor, 1 + the ASP percent, the WAC percent or the amount. */
  readonly drugFigure: Dec;
  readonly adminPct: Dec;
  readonly cDrug: Dec | null;
  readonly cAdmin: Dec;
  readonly keep: Dec;
  readonly collect: Dec;
  readonly afterDenial: Dec;
  /** The payer's own drug source (DOMAIN.md 5.1) and its shares, converted once. */
  readonly source: DrugSourceTerms;
  readonly shares: { readonly buyAndBill: Dec; readonly whiteBag: Dec };
}

const payerDecimals = new WeakMap<PayerProfile, PayerDecimals>();

function decimalsOf(payer: PayerProfile): PayerDecimals {
  let d = payerDecimals.get(payer);
  if (!d) {
    const rule = payer.drugRule;
    d = {
      drugFigure:
        rule.kind === 'payment_limit' ? dec(rule.factor) : rule.kind === 'asp_plus' ? ONE.plus(dec(rule.percent)) : rule.kind === 'wac_percent' ? dec(rule.percent) : dec(rule.amount),
      adminPct: dec(payer.adminPercentOfFeeSchedule),
      cDrug: payer.drugCoinsurance === 'file' ? null : dec(payer.drugCoinsurance),
      cAdmin: dec(payer.adminCoinsurance),
      keep: ONE.minus(dec(payer.sequestration)),
      collect: dec(payer.collectionRate),
      afterDenial: ONE.minus(dec(payer.denialWriteOff)),
      source: drugSourceOf(payer),
      shares: sourceShares(drugSourceOf(payer)),
    };
    payerDecimals.set(payer, d);
  }
  return d;
}

/** A payer profile's figures as decimals (cached per profile object): for margin.ts's fast path. */
export function payerDecimalsOf(payer: PayerProfile): PayerDecimals {
  return decimalsOf(payer);
}

const adminCache = new Map<string, { lines: readonly PricedAdminLine[]; allowed: Dec }>();

/** Administration lines priced for a payer: each line units x (fee x percent), rounded to cents. */
function pricedAdminLines(book: ReferenceBook, spec: Pick<AdministrationSpec, 'route' | 'complexity' | 'minutes' | 'feeScheduleYear'>, adminPct: Dec): { lines: readonly PricedAdminLine[]; allowed: Dec } {
  const fees = book.feeTable(spec.feeScheduleYear);
  const key = `${fees.year}|${fees.conversionFactor.toString()}|${spec.route}|${spec.complexity}|${spec.minutes}|${adminPct.toString()}`;
  let hit = adminCache.get(key);
  if (!hit) {
    const lines = adminCodes(spec.route, spec.complexity, spec.minutes).map((line): PricedAdminLine => {
      const lineRate = fees.amount(line.code).times(adminPct);
      return { ...line, rate: lineRate, allowed: roundCents(lineRate.times(line.units)) };
    });
    let allowed = ZERO;
    for (const l of lines) allowed = allowed.plus(l.allowed);
    hit = { lines, allowed };
    if (adminCache.size > 2000) adminCache.clear();
    adminCache.set(key, hit);
  }
  return hit;
}

/**
 * The payer's rate per billing unit for the drug line. The sensitivity `priceFactor` scales the rates that
 * derive from CMS prices (payment limit and ASP rules), not WAC or fixed contracts.
 */
export function drugRate(book: ReferenceBook, spec: AdministrationSpec, payer: PayerProfile): Dec {
  const f = decimalsOf(payer).drugFigure;
  const rule = payer.drugRule;
  const scaled = (rate: Dec): Dec => (spec.priceFactor ? rate.times(spec.priceFactor) : rate);
  switch (rule.kind) {
    case 'payment_limit':
      return scaled(book.price(spec.hcpcs, spec.quarter).paymentLimit.times(f));
    case 'asp_plus':
      return scaled(book.asp(spec.hcpcs, spec.quarter).times(f));
    case 'wac_percent':
      if (spec.wacPerUnit === null) fail({ code: 'missing_fact', drug: spec.hcpcs, fact: `the WAC per unit (payer ${payer.id} pays a percent of WAC)` });
      return spec.wacPerUnit.times(f);
    case 'fixed_per_unit':
      return f;
  }
}

/** The administration lines of one administration and their allowed amount for a payer (no drug price needed). */
export function administrationAllowed(
  book: ReferenceBook,
  spec: Pick<AdministrationSpec, 'route' | 'complexity' | 'minutes' | 'feeScheduleYear'>,
  payer: PayerProfile,
): { lines: readonly PricedAdminLine[]; allowed: Dec } {
  return pricedAdminLines(book, spec, decimalsOf(payer).adminPct);
}

/** Economics of one administration for one payer. */
export function administrationEconomics(book: ReferenceBook, spec: AdministrationSpec, payer: PayerProfile): AdministrationEconomics {
  if (!spec.dose.isFinite() || spec.dose.lte(0)) {
    fail({ code: 'invalid_amount', argument: 'dose', problem: `must be a positive amount, not ${spec.dose.toString()}` });
  }
  const price = book.price(spec.hcpcs, spec.quarter);
  const dispensing = dispense(spec.dose, price.unit.amount, spec.vialSizes && spec.vialSizes.length > 0 ? spec.vialSizes : book.vialSizes(spec.hcpcs));
  const pd = decimalsOf(payer);
  const rate = drugRate(book, spec, payer);
  const terms = spec.drugSource ?? pd.source;
  const shares = spec.drugSource ? sourceShares(spec.drugSource) : pd.shares;
  const b = shares.buyAndBill;
  const bought = !b.isZero();
  const jwUnitsBilled = payer.paysDiscarded && bought ? dispensing.jwUnits : 0;
  // The buy-and-bill claim's lines (units x rate, to cents), times the share of administrations bought (all of
  // them, the common case, without the multiplication).
  const all = b === ONE;
  const administeredLine = roundCents(rate.times(dispensing.unitsAdministered));
  const allowedDrugAdministered = all ? administeredLine : administeredLine.times(b);
  const discardedLine = jwUnitsBilled === 0 ? ZERO : roundCents(rate.times(jwUnitsBilled));
  const allowedDrugDiscarded = all ? discardedLine : discardedLine.times(b);
  const allowedDrug = allowedDrugAdministered.plus(allowedDrugDiscarded);

  const { lines: adminLines, allowed: allowedAdmin } = pricedAdminLines(book, spec, pd.adminPct);

  // The Medicare drug line uses the file's co-insurance percentage (20% where the file is silent).
  const cDrug = pd.cDrug ?? price.coinsurance ?? TWENTY_PERCENT;
  const { cAdmin, keep, collect, afterDenial } = pd;

  // Net revenue of a line with allowed amount A and co-insurance c: ((A - A c)(1 - seq) + A c coll)(1 - denial).
  const lineNet = (allowed: Dec, c: Dec): { share: Dec; paid: Dec; net: Dec } => {
    const share = allowed.times(c);
    const paid = allowed.minus(share).times(keep);
    return { share, paid, net: paid.plus(share.times(collect)).times(afterDenial) };
  };
  const d = lineNet(allowedDrug, cDrug);
  const a = lineNet(allowedAdmin, cAdmin);
  const patientShare = d.share.plus(a.share);
  const payerPaid = d.paid.plus(a.paid);
  const collected = payerPaid.plus(patientShare.times(collect));

  const acquisitionIsDefault = spec.acquisitionPerUnit === null;
  const acquisitionPerUnit =
    spec.acquisitionPerUnit ?? (spec.defaultAcquisitionFactor ? book.asp(spec.hcpcs, spec.quarter).times(spec.defaultAcquisitionFactor) : book.asp(spec.hcpcs, spec.quarter));
  const vialCost = acquisitionPerUnit.times(dispensing.vials.totalUnits);
  const drugCost = all ? vialCost : vialCost.times(b);
  const handlingCost = spec.whiteBagHandlingCost && !shares.whiteBag.isZero() ? spec.whiteBagHandlingCost.times(shares.whiteBag) : ZERO;
  const netRevenue = d.net.plus(a.net);
  return {
    hcpcs: spec.hcpcs,
    payerId: payer.id,
    dose: spec.dose,
    dispensing,
    jwUnitsBilled,
    adminLines,
    drugRate: rate,
    allowedDrugAdministered,
    allowedDrugDiscarded,
    allowedDrug,
    allowedAdmin,
    allowed: allowedDrug.plus(allowedAdmin),
    patientShare,
    coinsuranceDrug: cDrug,
    coinsuranceAdmin: cAdmin,
    payerPaid,
    collected,
    netRevenueDrug: d.net,
    netRevenueAdmin: a.net,
    netRevenue,
    acquisitionPerUnit,
    acquisitionIsDefault,
    drugSource: terms.source,
    buyAndBillShare: b,
    whiteBagShare: shares.whiteBag,
    handlingCost,
    drugCost,
    margin: handlingCost.isZero() ? netRevenue.minus(drugCost) : netRevenue.minus(drugCost).minus(handlingCost),
    recovery: !bought ? NOT_APPLICABLE : drugCost.isZero() ? null : d.net.div(drugCost),
    underwater: bought && d.net.lt(drugCost),
  };
}

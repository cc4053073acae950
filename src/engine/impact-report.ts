/**
 * A quarter's impact (impact.ts) and a code-level comparison (quarter-diff.ts) as plain rounded numbers, where
 * the figures leave the engine (DOMAIN.md 3), each through the named rounding functions of report.ts.
 */
import { ONE, ZERO } from './decimal';
import type { DrugQuarterFigures, PayerQuarterFigures, QuarterImpact } from './impact';
import type { QuarterDiff } from './quarter-diff';
import { count, money, percentOut, rate, unitPrice } from './report';

// ---------------------------------------------------------------------------------------------------------
// Where the figures leave the engine (DOMAIN.md 3): money to cents, per-unit prices to 3 decimals, half up.

function payerReport(p: PayerQuarterFigures) {
  return {
    payer: p.payerId,
    netRevenueDrug: money(p.netRevenueDrug),
    netRevenue: money(p.netRevenue),
    drugCost: money(p.drugCost),
    margin: money(p.margin),
    underwater: p.underwater,
  };
}

function sideReport(f: DrugQuarterFigures | null) {
  if (f === null) return null;
  return {
    quarter: f.quarter,
    paymentLimit: unitPrice(f.paymentLimit),
    coinsurancePercent: f.coinsurance === null ? null : rate(f.coinsurance.times(100)),
    billingUnit: f.billingUnit,
    notes: f.notes,
    unitsAdministered: f.unitsAdministered,
    jwUnits: f.jwUnits,
    unitsBilled: f.unitsBilled,
    medicareAllowedDrug: money(f.medicareAllowedDrug),
    perPayer: f.perPayer.map(payerReport),
    mix: payerReport(f.mix),
  };
}

/** The impact as plain rounded numbers (money to cents, payment limits to 3 decimals, counts to 4). */
export function quarterImpactReport(impact: QuarterImpact) {
  return {
    from: impact.from,
    to: impact.to,
    feeScheduleYear: impact.feeScheduleYear,
    payers: impact.payerIds.map((id, i) => ({ id, weight: rate(impact.weights[i] ?? ZERO) })),
    drugs: impact.drugs.map((d) => ({
      hcpcs: d.hcpcs,
      label: d.label,
      old: sideReport(d.old),
      new: sideReport(d.new),
      unpricedOld: d.unpricedOld,
      unpricedNew: d.unpricedNew,
      administrationsPerYear: count(d.administrationsPerYear),
      change:
        d.change === null
          ? null
          : {
              paymentLimitPerUnit: unitPrice(d.change.paymentLimitPerUnit),
              paymentLimitPercent: d.change.paymentLimitFraction === null ? null : percentOut(d.change.paymentLimitFraction),
              perAdministration: money(d.change.perAdministration),
              perYear: money(d.change.perYear),
              mixNetRevenuePerAdministration: money(d.change.mixNetRevenuePerAdministration),
              mixMarginPerAdministration: money(d.change.mixMarginPerAdministration),
              mixMarginPerYear: money(d.change.mixMarginPerYear),
              marginPerAdministration: d.change.marginPerAdministration.map((m) => ({ payer: m.payerId, change: money(m.change) })),
            },
      underwater: d.underwater,
    })),
    becameUnderwater: impact.becameUnderwater,
    stoppedUnderwater: impact.stoppedUnderwater,
    unpriced: impact.unpriced,
    totals: { perYear: money(impact.totals.perYear), mixMarginPerYear: money(impact.totals.mixMarginPerYear) },
  };
}

export type QuarterImpactReport = ReturnType<typeof quarterImpactReport>;

/** The code-level comparison as plain data (payment limits to 3 decimals). */
export function quarterDiffReport(diff: QuarterDiff) {
  return {
    from: diff.from,
    to: diff.to,
    rowsFrom: diff.rowsFrom,
    rowsTo: diff.rowsTo,
    added: diff.added,
    removed: diff.removed,
    priceChanged: diff.priceChanged,
    unchanged: diff.unchanged,
    identical: diff.identical,
    watched: diff.watched.map((w) => ({
      hcpcs: w.hcpcs,
      from: w.from === null ? null : unitPrice(w.from),
      to: w.to === null ? null : unitPrice(w.to),
      percent: w.from === null || w.to === null || w.from.isZero() ? null : percentOut(w.to.div(w.from).minus(ONE)),
    })),
  };
}

export type QuarterDiffReport = ReturnType<typeof quarterDiffReport>;

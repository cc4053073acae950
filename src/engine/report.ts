/**
 * The model's results as plain, rounded numbers: where figures leave the engine (DOMAIN.md 3). Money is
 * rounded half up to cents, per-unit prices to 3 decimals, counts of patients and administrations (expected
 * values, not money) to 4 decimals, rates to 6.
 */
import type { Dec } from './decimal';
import { roundPercent } from './decimal';
import { roundedNumber } from './fast-decimal';
import { type AdministrationEconomics, NOT_APPLICABLE, type NotApplicable } from './economics';
import type { ModelResults } from './model';
import { launchReport } from './launch';

// roundCents(d).toNumber() (and roundUnitPrice, toDecimalPlaces(4 or 6), all half up) to the last bit, without a
// Dec in between (fast-decimal.ts, property-tested; issue 15).
export const money = (d: Dec): number => roundedNumber(d, 2);
export const unitPrice = (d: Dec): number => roundedNumber(d, 3);
export const count = (d: Dec): number => roundedNumber(d, 4);
export const rate = (d: Dec): number => roundedNumber(d, 6);
/** A fraction leaving the engine as a percentage (x 100), rounded half up to 2 decimals. */
export const percentOut = (fraction: Dec): number => roundPercent(fraction.times(100)).toNumber();
/** A net cost recovery leaving the engine: a rate, "not applicable" (no drug bought: DOMAIN.md 5.1), or null. */
export const recoveryOut = (r: Dec | NotApplicable | null): number | NotApplicable | null => (r === null || r === NOT_APPLICABLE ? r : rate(r));

export function administrationReport(e: AdministrationEconomics) {
  return {
    payer: e.payerId,
    unitsAdministered: e.dispensing.unitsAdministered,
    jwUnits: e.dispensing.jwUnits,
    jwUnitsBilled: e.jwUnitsBilled,
    modifier: e.dispensing.modifier,
    vials: e.dispensing.vials.vials.map((v) => ({ size: v.size, count: v.count })),
    vialCount: e.dispensing.vials.vialCount,
    adminLines: e.adminLines.map((l) => ({ code: l.code, units: l.units, allowed: money(l.allowed) })),
    drugRatePerUnit: unitPrice(e.drugRate),
    allowedDrug: money(e.allowedDrug),
    allowedAdmin: money(e.allowedAdmin),
    allowed: money(e.allowed),
    patientShare: money(e.patientShare),
    payerPaid: money(e.payerPaid),
    collected: money(e.collected),
    netRevenueDrug: money(e.netRevenueDrug),
    netRevenue: money(e.netRevenue),
    acquisitionPerUnit: unitPrice(e.acquisitionPerUnit),
    acquisitionIsDefault: e.acquisitionIsDefault,
    drugCost: money(e.drugCost),
    margin: money(e.margin),
    drugSource: e.drugSource,
    buyAndBillShare: rate(e.buyAndBillShare),
    handlingCost: money(e.handlingCost),
    recovery: recoveryOut(e.recovery),
    underwater: e.underwater,
  };
}

export function modelReport(r: ModelResults) {
  return {
    name: r.input.name,
    practiceName: r.input.practiceName,
    quarter: r.quarter,
    feeScheduleYear: r.feeScheduleYear,
    payers: r.payers.map((p, i) => ({ id: p.id, name: p.name, weight: rate(r.weights[i] as Dec) })),
    drugs: r.drugs.map((d) => ({
      hcpcs: d.input.hcpcs,
      label: d.input.label,
      dose: count(d.dose),
      billingUnit: d.billingUnit,
      adminCodes: d.adminCodes,
      chairMinutes: d.chairMinutes,
      administrationsPerPatientYear1: count(d.administrationsYear1),
      administrationsPerPatientSteadyState: count(d.administrationsSteadyState),
      ownPayerMix: d.ownMix ? d.weights.map(rate) : null,
      doseKinds: d.doseKinds.map((k) => ({
        dose: count(k.dose),
        minutes: k.minutes,
        adminCodes: k.adminCodes,
        loading: k.loadingPositions.length > 0,
        perPatientYear1: k.perPatientYear1,
        mixNetRevenue: money(k.mix.netRevenue),
        mixDrugCost: money(k.mix.drugCost),
        mixMargin: money(k.mix.margin),
      })),
      distributorVerified: d.input.distributorVerified,
      perPayer: d.perPayer.map(administrationReport),
      mix: {
        allowed: money(d.mix.allowed),
        netRevenueDrug: money(d.mix.netRevenueDrug),
        netRevenue: money(d.mix.netRevenue),
        drugCost: money(d.mix.drugCost),
        margin: money(d.mix.margin),
        handlingCost: money(d.mix.handlingCost),
        recovery: recoveryOut(d.mix.recovery),
        underwater: d.mix.underwater,
      },
      underwaterPayers: d.underwaterPayers,
      marginPerChairHour: d.marginPerChairHour === null ? null : money(d.marginPerChairHour),
      years: yearsOf(d.administrations, d.margin, r.input.program.horizonMonths).map((y) => ({ year: y.year, administrations: count(y.administrations), margin: money(y.margin) })),
    })),
    months: r.months.map((m) => ({
      month: m.month,
      operatingMonth: m.operatingMonth,
      newPatients: count(m.newPatients),
      activePatients: count(m.activePatients),
      administrations: count(m.administrations),
      netRevenue: money(m.netRevenue),
      drugCost: money(m.drugCost),
      margin: money(m.margin),
      fixedCosts: money(m.fixedCosts),
      priorAuthCost: money(m.priorAuthCost),
      startupCosts: money(m.startupCosts),
      net: money(m.net),
      cashIn: money(m.cashIn),
      cashOutDrug: money(m.cashOutDrug),
      cashFlow: money(m.cashFlow),
      cumulativeCash: money(m.cumulativeCash),
      workingCapital: money(m.workingCapital),
      chairHoursDemand: count(m.chairHoursDemand),
      chairHoursCapacity: count(m.chairHoursCapacity),
      utilization: rate(m.utilization),
      overCapacity: m.overCapacity,
      nursesNeeded: count(m.nursesNeeded),
    })),
    summary: {
      breakEvenMonth: r.summary.breakEvenMonth,
      paybackMonth: r.summary.paybackMonth,
      npv: money(r.summary.npv),
      peakWorkingCapital: money(r.summary.peakWorkingCapital),
      totalNet: money(r.summary.totalNet),
      endingCash: money(r.summary.endingCash),
      peakUtilization: rate(r.summary.peakUtilization),
      averageUtilization: rate(r.summary.averageUtilization),
      monthsOverCapacity: r.summary.monthsOverCapacity,
      peakNursesNeeded: count(r.summary.peakNursesNeeded),
      years: r.summary.years.map((y) => ({
        year: y.year,
        administrations: count(y.administrations),
        netRevenue: money(y.netRevenue),
        drugCost: money(y.drugCost),
        margin: money(y.margin),
        fixedCosts: money(y.fixedCosts),
        net: money(y.net),
        activePatientsAtEnd: count(y.activePatientsAtEnd),
      })),
    },
    /** Issue 14: where the launch plan stands (null without a plan). */
    launch: r.launch === null || r.input.launchPlan === undefined ? null : launchReport(r.input.launchPlan, r.launch),
  };
}

export type ModelReport = ReturnType<typeof modelReport>;

/** Sums monthly administrations and margin by operating year (12 months each; the last may be partial). */
export function yearsOf(administrations: readonly Dec[], margin: readonly Dec[], horizon: number): { year: number; administrations: Dec; margin: Dec }[] {
  const out: { year: number; administrations: Dec; margin: Dec }[] = [];
  for (let y = 1; (y - 1) * 12 < horizon; y++) {
    const from = (y - 1) * 12;
    const to = Math.min(horizon, y * 12);
    let a = administrations[from] as Dec;
    let m = margin[from] as Dec;
    for (let i = from + 1; i < to; i++) {
      a = a.plus(administrations[i] as Dec);
      m = m.plus(margin[i] as Dec);
    }
    out.push({ year: y, administrations: a, margin: m });
  }
  return out;
}

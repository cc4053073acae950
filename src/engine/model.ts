/**
 * The whole model of a proposed formulary and program: per drug and payer economics (DOMAIN.md 2.5-2.7),
 * the payer mix, regimens and volume (2.8), the monthly projection and program finance (2.9).
 *
 * Projection rules (over the user's inputs; each input is a default the user can change):
 * - Months 1..P are the planning period (startup costs spread evenly, no patients); months P+1..P+H are
 *   operating months 1..H.
 * - New patients of a drug in operating month k = target x min(1, k / ramp), times the share of patients
 *   whose prior authorization is not denied: 1 - sum over payers requiring it of weight x denial rate.
 * - A patient's doses follow the regimen from the first dose, which prior authorization delays by the PA
 *   delay (for the share of the mix whose payer requires it). A dose on day d after the start of the month the
 *   patient started falls in month floor(d / (364/12)) after it. Patients stay on therapy with a monthly
 *   retention of (1 - annual discontinuation)^(1/12).
 * - Revenue and drug cost accrue in the month of administration. Payers pay after their days to payment and
 *   the distributor is paid after its terms (see timeline.ts for how days become months).
 * - Break-even month: the first operating month whose net (margin - fixed costs - PA staff) is >= 0.
 *   Payback month: the first operating month from which cumulative cash stays >= 0 to the horizon.
 *   NPV: each month's cash flow discounted at (1 + annual rate)^(month / 12), month 1 = the first planning
 *   month. Peak working capital: the largest (receivables - payables + drug inventory on hand, inventory.ts)
 *   over the months, i.e. cash tied up in drug on the shelf and in drug given before payers pay.
 */
import type { ReferenceBook } from './book';
import { Dec, ONE, ZERO, dec, sum } from './decimal';
import { type AdministrationEconomics, administrationEconomics } from './economics';
import { formatAdminCodes, adminCodes } from './admin';
import { checkWeights, mixWeighted } from './mix';
import { DAYS_PER_YEAR, administrationsPerPatient, doseDays, doseFor } from './regimen';
import { inventoryOnHand } from './inventory';
import { delaySeries, monthOfDay } from './timeline';
import type { DrugLineInput, ModelInput, PayerProfile } from './types';

/** What-if multipliers, used by sensitivity and named scenarios. All default to no change. */
export interface ModelAdjustments {
  /** Multiplies CMS-derived drug rates (payment limit and ASP rules). */
  readonly paymentLimitFactor?: number;
  /** Multiplies acquisition cost. */
  readonly acquisitionFactor?: number;
  /** Multiplies new patients. */
  readonly volumeFactor?: number;
  /** Added to every payer's denial write-off rate (capped at 1). */
  readonly denialWriteOffAdd?: number;
  /** Replaces the mix weights (same order as the payers). */
  readonly weights?: readonly number[];
}

export interface MixFigures {
  readonly allowed: Dec;
  readonly netRevenueDrug: Dec;
  readonly netRevenue: Dec;
  readonly drugCost: Dec;
  readonly margin: Dec;
  readonly recovery: Dec | null;
  readonly underwater: boolean;
}

export interface DrugResult {
  readonly input: DrugLineInput;
  readonly dose: Dec;
  readonly billingUnit: string;
  readonly adminCodes: string;
  /** Chair minutes of one administration: infusion + preparation and observation. */
  readonly chairMinutes: number;
  /** Economics per payer, in the order of the model's payers. */
  readonly perPayer: readonly AdministrationEconomics[];
  readonly mix: MixFigures;
  readonly underwaterPayers: readonly string[];
  /** Mix-weighted margin per chair hour; null when the drug takes no chair time. */
  readonly marginPerChairHour: Dec | null;
  readonly administrationsYear1: Dec;
  readonly administrationsSteadyState: Dec;
  /** Operating months 1..H (index 0 = operating month 1). */
  readonly newPatients: readonly Dec[];
  /** Patients put forward for prior authorization each month (denied ones included). */
  readonly priorAuthRequests: readonly Dec[];
  readonly activePatients: readonly Dec[];
  readonly administrations: readonly Dec[];
  readonly netRevenue: readonly Dec[];
  readonly drugCost: readonly Dec[];
  readonly margin: readonly Dec[];
  readonly chairHours: readonly Dec[];
}

export interface MonthRow {
  /** 1-based month from the start of planning. */
  readonly month: number;
  /** 1-based operating month; 0 or less during planning. */
  readonly operatingMonth: number;
  readonly newPatients: Dec;
  readonly activePatients: Dec;
  readonly administrations: Dec;
  readonly netRevenue: Dec;
  readonly drugCost: Dec;
  readonly margin: Dec;
  readonly fixedCosts: Dec;
  readonly priorAuthCost: Dec;
  readonly startupCosts: Dec;
  /** margin - fixed - PA staff - startup. */
  readonly net: Dec;
  readonly cashIn: Dec;
  readonly cashOutDrug: Dec;
  readonly cashFlow: Dec;
  readonly cumulativeCash: Dec;
  /** Drug inventory on hand at the end of the month, at cost (inventory.ts). */
  readonly inventory: Dec;
  /** Receivables - payables + inventory on hand. */
  readonly workingCapital: Dec;
  readonly chairHoursDemand: Dec;
  readonly chairHoursCapacity: Dec;
  /** Demand / (chairs x hours x days): the share of all open chair hours used. */
  readonly utilization: Dec;
  readonly overCapacity: boolean;
  /** Average chairs in use / chairs per nurse. */
  readonly nursesNeeded: Dec;
}

export interface YearSummary {
  readonly year: number;
  readonly administrations: Dec;
  readonly netRevenue: Dec;
  readonly drugCost: Dec;
  readonly margin: Dec;
  readonly fixedCosts: Dec;
  readonly net: Dec;
  readonly activePatientsAtEnd: Dec;
}

export interface ProgramSummary {
  readonly breakEvenMonth: number | null;
  readonly paybackMonth: number | null;
  readonly npv: Dec;
  readonly peakWorkingCapital: Dec;
  readonly totalNet: Dec;
  readonly endingCash: Dec;
  readonly peakUtilization: Dec;
  readonly averageUtilization: Dec;
  readonly monthsOverCapacity: readonly number[];
  readonly peakNursesNeeded: Dec;
  readonly years: readonly YearSummary[];
}

export interface ModelResults {
  readonly input: ModelInput;
  readonly quarter: string;
  readonly feeScheduleYear: number;
  readonly payers: readonly PayerProfile[];
  readonly weights: readonly Dec[];
  readonly drugs: readonly DrugResult[];
  readonly months: readonly MonthRow[];
  readonly summary: ProgramSummary;
}

function adjustedPayer(p: PayerProfile, adj: ModelAdjustments): PayerProfile {
  if (!adj.denialWriteOffAdd) return p;
  return { ...p, denialWriteOff: Math.min(1, p.denialWriteOff + adj.denialWriteOffAdd) };
}

/** The dose days a patient can reach within `months` months (of 364/12 days) of starting. */
function doseDaysWithin(line: DrugLineInput, months: number): number[] {
  return doseDays(line.regimen, Math.ceil((months * DAYS_PER_YEAR) / 12) + 1);
}

/**
 * Expected administrations in each month after a patient's start month (index 0 = the start month), per
 * patient started, with retention applied: kernel[j] = sum over doses falling in month j of retention^j.
 */
export function administrationKernel(line: DrugLineInput, delayDays: number, months: number, retention: Dec): Dec[] {
  const counts = new Array<number>(months).fill(0);
  for (const d of doseDaysWithin(line, months)) {
    const m = monthOfDay(delayDays + d);
    if (m < months) counts[m] = (counts[m] as number) + 1;
  }
  const kernel: Dec[] = [];
  let survive = ONE;
  for (let j = 0; j < months; j++) {
    kernel.push(counts[j] === 0 ? ZERO : survive.times(counts[j] as number));
    survive = survive.times(retention);
  }
  return kernel;
}

/** Whether a patient who started j months ago is still on therapy (a finite course ends with its last dose). */
function onTherapyKernel(line: DrugLineInput, delayDays: number, months: number, retention: Dec): Dec[] {
  const days = doseDaysWithin(line, months);
  const finite = line.regimen.maxDoses !== null || line.regimen.maintenanceIntervalDays === null;
  const lastMonth = finite && days.length > 0 ? monthOfDay(delayDays + (days[days.length - 1] as number)) : Number.POSITIVE_INFINITY;
  const out: Dec[] = [];
  let survive = ONE;
  for (let j = 0; j < months; j++) {
    out.push(j <= lastMonth ? survive : ZERO);
    survive = survive.times(retention);
  }
  return out;
}

/**
 * out[k] = sum over c <= k of inflow[c] x kernel[k - c], computed through differences: with
 * delta[c] = inflow[c] - inflow[c - 1] and prefix[j] = kernel[0] + ... + kernel[j], out[k] = sum over c of
 * delta[c] x prefix[k - c]. New patients ramp up and then hold steady, so delta is zero after the ramp and the
 * work is months x ramp months instead of months squared. Exact: it is the same sum regrouped.
 */
function convolve(inflow: readonly Dec[], kernel: readonly Dec[]): Dec[] {
  const prefix: Dec[] = [];
  let running = ZERO;
  for (const k of kernel) {
    running = running.plus(k);
    prefix.push(running);
  }
  const out: Dec[] = inflow.map(() => ZERO);
  let previous = ZERO;
  for (let c = 0; c < inflow.length; c++) {
    const delta = (inflow[c] as Dec).minus(previous);
    previous = inflow[c] as Dec;
    if (delta.isZero()) continue;
    for (let k = c; k < inflow.length; k++) out[k] = (out[k] as Dec).plus(delta.times(prefix[k - c] as Dec));
  }
  return out;
}

/** Runs the model. */
export function runModel(book: ReferenceBook, input: ModelInput, adj: ModelAdjustments = {}): ModelResults {
  const quarter = book.quarterTable(input.quarter).id;
  const feeScheduleYear = book.feeTable(input.feeScheduleYear).year;
  const payers = input.payers.map((p) => adjustedPayer(p.profile, adj));
  const weights = checkWeights(adj.weights ?? input.payers.map((p) => p.weight));
  const prog = input.program;
  const H = prog.horizonMonths;
  const P = prog.planningMonths;
  const priceFactor = adj.paymentLimitFactor === undefined ? undefined : dec(adj.paymentLimitFactor);
  const acqFactor = adj.acquisitionFactor === undefined ? null : dec(adj.acquisitionFactor);
  const volume = dec(adj.volumeFactor ?? 1);
  const hoursOpen = dec(prog.chairs).times(prog.hoursPerDay).times(prog.daysPerMonth);
  const capacity = hoursOpen.times(dec(prog.utilizationTarget));

  const drugs: DrugResult[] = input.drugs.map((line) => {
    const dose = doseFor(line.dose, line.weightKg);
    const baseAcq = line.acquisitionPerUnit === null ? book.asp(line.hcpcs, quarter) : dec(line.acquisitionPerUnit);
    const spec = {
      hcpcs: line.hcpcs,
      dose,
      route: line.route,
      complexity: line.complexity,
      minutes: line.infusionMinutes,
      acquisitionPerUnit: acqFactor ? baseAcq.times(acqFactor) : line.acquisitionPerUnit === null ? null : baseAcq,
      wacPerUnit: line.wacPerUnit === null ? null : dec(line.wacPerUnit),
      quarter,
      feeScheduleYear,
      ...(priceFactor ? { priceFactor } : {}),
    };
    const perPayer = payers.map((p) => administrationEconomics(book, spec, p));
    const pick = (f: (e: AdministrationEconomics) => Dec): Dec => mixWeighted(weights, perPayer.map(f));
    const drugCost = (perPayer[0] as AdministrationEconomics).drugCost;
    const netRevenueDrug = pick((e) => e.netRevenueDrug);
    const netRevenue = pick((e) => e.netRevenue);
    const mix: MixFigures = {
      allowed: pick((e) => e.allowed),
      netRevenueDrug,
      netRevenue,
      drugCost,
      margin: netRevenue.minus(drugCost),
      recovery: drugCost.isZero() ? null : netRevenueDrug.div(drugCost),
      underwater: netRevenueDrug.lt(drugCost),
    };
    const chairMinutes = line.infusionMinutes + line.chairExtraMinutes;
    const chairHoursPer = dec(chairMinutes).div(60);

    // Volume: prior-authorization denials lower the patients who start; PA delays the first dose.
    const paShare = sum(payers.map((p, i) => (line.priorAuthPayers.includes(p.id) ? (weights[i] as Dec) : ZERO)));
    const paDenied = sum(payers.map((p, i) => (line.priorAuthPayers.includes(p.id) ? (weights[i] as Dec).times(dec(p.priorAuthDenialRate)) : ZERO)));
    const retention = ONE.minus(dec(line.discontinuationRate)).pow(dec(1).div(12));
    const kernelFor = (f: (l: DrugLineInput, delay: number, months: number, r: Dec) => Dec[]): Dec[] => {
      const withPa = f(line, prog.priorAuthDelayDays, H, retention);
      const without = f(line, 0, H, retention);
      return withPa.map((x, j) => x.times(paShare).plus((without[j] as Dec).times(ONE.minus(paShare))));
    };
    const newPatients: Dec[] = [];
    const priorAuthRequests: Dec[] = [];
    for (let k = 1; k <= H; k++) {
      const ramp = line.rampMonths <= 0 ? ONE : Dec.min(ONE, dec(k).div(line.rampMonths));
      const referred = dec(line.newPatientsPerMonth).times(ramp).times(volume);
      newPatients.push(referred.times(ONE.minus(paDenied)));
      priorAuthRequests.push(referred.times(paShare));
    }
    const administrations = convolve(newPatients, kernelFor(administrationKernel));
    const activePatients = convolve(newPatients, kernelFor(onTherapyKernel));
    const revenueSeries = administrations.map((a) => a.times(netRevenue));
    const costSeries = administrations.map((a) => a.times(drugCost));
    return {
      input: line,
      dose,
      billingUnit: book.billingUnit(line.hcpcs, quarter).text,
      adminCodes: formatAdminCodes(adminCodes(line.route, line.complexity, line.infusionMinutes)),
      chairMinutes,
      perPayer,
      mix,
      underwaterPayers: payers.filter((_, i) => (perPayer[i] as AdministrationEconomics).underwater).map((p) => p.id),
      marginPerChairHour: chairMinutes === 0 ? null : mix.margin.div(chairHoursPer),
      administrationsYear1: administrationsPerPatient(line.regimen, 1),
      administrationsSteadyState: administrationsPerPatient(line.regimen, 2),
      newPatients,
      priorAuthRequests,
      activePatients,
      administrations,
      netRevenue: revenueSeries,
      drugCost: costSeries,
      margin: revenueSeries.map((x, i) => x.minus(costSeries[i] as Dec)),
      chairHours: administrations.map((a) => a.times(chairHoursPer)),
    };
  });

  // Program months: planning (P) then operating (H).
  const N = P + H;
  const op = <T>(k: number, f: (i: number) => T, zero: T): T => (k >= P ? f(k - P) : zero);
  const total = (k: number, f: (d: DrugResult) => readonly Dec[]): Dec => op(k, (i) => sum(drugs.map((d) => f(d)[i] as Dec)), ZERO);
  const fixedMonthly = sum(prog.fixedCosts.map((c) => dec(c.monthly)));
  const startupPerMonth = P > 0 ? dec(prog.startupCosts).div(P) : ZERO;
  const paCostPerNewPatient = dec(prog.priorAuthStaffMinutes).div(60).times(dec(prog.staffHourlyCost));

  const accrualRevenue: Dec[] = [];
  const accrualDrugCost: Dec[] = [];
  // Cash in: each payer's share of net revenue arrives after its days to payment. Payers with the same days
  // are summed before the delay (the same arithmetic, fewer multiplications).
  const delays = [...new Set(payers.map((p) => p.daysToPayment))];
  const weightedNetByDelay = drugs.map((d) =>
    delays.map((days) => sum(payers.map((p, i) => (p.daysToPayment === days ? (weights[i] as Dec).times((d.perPayer[i] as AdministrationEconomics).netRevenue) : ZERO)))),
  );
  const earnedByDelay: Dec[][] = delays.map(() => []);
  for (let k = 0; k < N; k++) {
    accrualRevenue.push(total(k, (d) => d.netRevenue));
    accrualDrugCost.push(total(k, (d) => d.drugCost));
    delays.forEach((_, g) => {
      (earnedByDelay[g] as Dec[]).push(op(k, (m) => sum(drugs.map((d, di) => (d.administrations[m] as Dec).times((weightedNetByDelay[di] as Dec[])[g] as Dec))), ZERO));
    });
  }
  const cashIn = delays.reduce<Dec[]>((acc, days, g) => {
    const delayed = delaySeries(earnedByDelay[g] as Dec[], days);
    return acc.map((x, k) => x.plus(delayed[k] as Dec));
  }, new Array<Dec>(N).fill(ZERO));
  const cashOutDrug = delaySeries(accrualDrugCost, prog.distributorTermsDays);

  const months: MonthRow[] = [];
  let cumCash = ZERO;
  let cumRevenue = ZERO;
  let cumCashIn = ZERO;
  let cumCost = ZERO;
  let cumCostPaid = ZERO;
  for (let k = 0; k < N; k++) {
    const operating = k >= P;
    // Prior-authorization staff time: every patient put forward, including those whose authorization is denied.
    const priorAuthCost = total(k, (d) => d.priorAuthRequests).times(paCostPerNewPatient);
    const fixedCosts = operating ? fixedMonthly : ZERO;
    const startupCosts = operating ? (P === 0 && k === 0 ? dec(prog.startupCosts) : ZERO) : startupPerMonth;
    const margin = (accrualRevenue[k] as Dec).minus(accrualDrugCost[k] as Dec);
    const net = margin.minus(fixedCosts).minus(priorAuthCost).minus(startupCosts);
    const cashFlow = (cashIn[k] as Dec).minus(cashOutDrug[k] as Dec).minus(fixedCosts).minus(priorAuthCost).minus(startupCosts);
    cumCash = cumCash.plus(cashFlow);
    cumRevenue = cumRevenue.plus(accrualRevenue[k] as Dec);
    cumCashIn = cumCashIn.plus(cashIn[k] as Dec);
    cumCost = cumCost.plus(accrualDrugCost[k] as Dec);
    cumCostPaid = cumCostPaid.plus(cashOutDrug[k] as Dec);
    const inventory = inventoryOnHand(accrualDrugCost[k] as Dec, prog.inventoryDaysOnHand ?? 0);
    const demand = total(k, (d) => d.chairHours);
    const nurses = hoursOpen.isZero() || prog.chairsPerNurse <= 0
      ? ZERO
      : demand.div(dec(prog.hoursPerDay).times(prog.daysPerMonth)).div(dec(prog.chairsPerNurse));
    months.push({
      month: k + 1,
      operatingMonth: k + 1 - P,
      newPatients: total(k, (d) => d.newPatients),
      activePatients: total(k, (d) => d.activePatients),
      administrations: total(k, (d) => d.administrations),
      netRevenue: accrualRevenue[k] as Dec,
      drugCost: accrualDrugCost[k] as Dec,
      margin,
      fixedCosts,
      priorAuthCost,
      startupCosts,
      net,
      cashIn: cashIn[k] as Dec,
      cashOutDrug: cashOutDrug[k] as Dec,
      cashFlow,
      cumulativeCash: cumCash,
      inventory,
      // Receivables - payables + drug on the shelf.
      workingCapital: cumRevenue.minus(cumCashIn).minus(cumCost.minus(cumCostPaid)).plus(inventory),
      chairHoursDemand: demand,
      chairHoursCapacity: operating ? capacity : ZERO,
      utilization: hoursOpen.isZero() ? ZERO : demand.div(hoursOpen),
      overCapacity: operating && demand.gt(capacity),
      nursesNeeded: nurses,
    });
  }

  return { input, quarter, feeScheduleYear, payers, weights, drugs, months, summary: summarize(months, P, H, dec(prog.discountRate)) };
}

function summarize(months: readonly MonthRow[], P: number, H: number, discountRate: Dec): ProgramSummary {
  const operating = months.slice(P);
  const be = operating.find((m) => m.net.gte(0));
  let payback: number | null = null;
  for (let i = operating.length - 1; i >= 0; i--) {
    if ((operating[i] as MonthRow).cumulativeCash.lt(0)) break;
    payback = (operating[i] as MonthRow).operatingMonth;
  }
  const monthlyFactor = ONE.plus(discountRate);
  const npv = sum(months.map((m) => m.cashFlow.div(monthlyFactor.pow(dec(m.month).div(12)))));
  const years: YearSummary[] = [];
  for (let y = 1; (y - 1) * 12 < H; y++) {
    const slice = operating.slice((y - 1) * 12, y * 12);
    years.push({
      year: y,
      administrations: sum(slice.map((m) => m.administrations)),
      netRevenue: sum(slice.map((m) => m.netRevenue)),
      drugCost: sum(slice.map((m) => m.drugCost)),
      margin: sum(slice.map((m) => m.margin)),
      fixedCosts: sum(slice.map((m) => m.fixedCosts.plus(m.priorAuthCost))),
      net: sum(slice.map((m) => m.net)),
      activePatientsAtEnd: (slice[slice.length - 1] as MonthRow).activePatients,
    });
  }
  const util = operating.map((m) => m.utilization);
  const last = months[months.length - 1];
  return {
    breakEvenMonth: be ? be.operatingMonth : null,
    paybackMonth: payback,
    npv,
    peakWorkingCapital: months.reduce((mx, m) => Dec.max(mx, m.workingCapital), ZERO),
    totalNet: sum(months.map((m) => m.net)),
    endingCash: last ? last.cumulativeCash : ZERO,
    peakUtilization: util.reduce((mx, u) => Dec.max(mx, u), ZERO),
    averageUtilization: util.length === 0 ? ZERO : sum(util).div(util.length),
    monthsOverCapacity: operating.filter((m) => m.overCapacity).map((m) => m.operatingMonth),
    peakNursesNeeded: operating.reduce((mx, m) => Dec.max(mx, m.nursesNeeded), ZERO),
    years,
  };
}


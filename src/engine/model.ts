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
import { RunningSum, add, mul, sub, total as addAll } from './fast-decimal';
import { type AdministrationEconomics, type AdministrationSpec, NOT_APPLICABLE, type NotApplicable, administrationEconomics } from './economics';
import { formatAdminCodes, adminCodes } from './admin';
import { fail } from './errors';
import { checkWeights, mixWeighted } from './mix';
import { DAYS_PER_YEAR, administrationsPerPatient, doseFor, loadingDoseAt, regimenDays, regimenEnds } from './regimen';
import { inventoryOnHand } from './inventory';
import { type DrugHold, type LaunchReadiness, drugHold, heldRamp, launchCostByMonth, launchReadiness } from './launch';
import { delaySeries, monthOfDay } from './timeline';
import type { LoadingDose } from './reference';
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
  /** Mix-weighted drug cost (payers whose patients get the drug elsewhere cost nothing: DOMAIN.md 5.1). */
  readonly drugCost: Dec;
  /** Mix-weighted white-bag handling cost. */
  readonly handlingCost: Dec;
  readonly margin: Dec;
  /** Mix drug-line net revenue / mix drug cost; "not applicable" when no payer's patients are bought for. */
  readonly recovery: Dec | NotApplicable | null;
  readonly underwater: boolean;
}

/**
 * DOMAIN.md 5.3: one kind of administration of a drug's regimen, priced at its own dose and time. The
 * maintenance dose is always the first; loading administrations with their own dose follow.
 */
export interface DoseKind {
  /** Positions in the regimen's loading days that take this dose; empty for the maintenance dose. */
  readonly loadingPositions: readonly number[];
  readonly dose: Dec;
  readonly minutes: number;
  readonly adminCodes: string;
  readonly perPayer: readonly AdministrationEconomics[];
  readonly mix: MixFigures;
  /** Administrations of this kind per patient in year one. */
  readonly perPatientYear1: number;
  /** Operating months 1..H. */
  readonly administrations: readonly Dec[];
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
  /** This drug's payer mix (the program's, or its own: DOMAIN.md 5.2), in the order of the model's payers. */
  readonly weights: readonly Dec[];
  /** Whether the drug has its own payer mix. */
  readonly ownMix: boolean;
  /** DOMAIN.md 5.3: the kinds of administration, maintenance first; one kind when every dose is the same. */
  readonly doseKinds: readonly DoseKind[];
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
  /** Issue 14: the operating months the launch plan holds the drug back, and the tasks holding it (launch.ts); 0 and none without a plan. */
  readonly hold: DrugHold;
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
  /** Issue 14: where the launch plan stands; null without a plan. */
  readonly launch: LaunchReadiness | null;
}

const NO_HOLD: DrugHold = { months: 0, tasks: [] };

function adjustedPayer(p: PayerProfile, adj: ModelAdjustments): PayerProfile {
  if (!adj.denialWriteOffAdd) return p;
  return { ...p, denialWriteOff: Math.min(1, p.denialWriteOff + adj.denialWriteOffAdd) };
}

/** The dose days a patient can reach within `months` months (of 364/12 days) of starting. */
function doseDaysWithin(line: DrugLineInput, months: number): number[] {
  return regimenDays(line.regimen, Math.ceil((months * DAYS_PER_YEAR) / 12) + 1).map((d) => d.day);
}

/**
 * Expected administrations in each month after a patient's start month (index 0 = the start month), per
 * patient started, with retention applied: kernel[j] = sum over doses falling in month j of retention^j.
 * With `positions`, only the administrations of those loading positions count (`[-1]` = maintenance doses).
 */
export function administrationKernel(line: DrugLineInput, delayDays: number, months: number, retention: Dec, positions?: readonly number[]): Dec[] {
  return kernelOf(line, delayDays, months, survival(retention, months), positions);
}

/** survive[j] = retention^j, as the product ONE x retention x ... x retention of j factors, each rounded. */
function survival(retention: Dec, months: number): Dec[] {
  const out: Dec[] = [];
  let survive = ONE;
  for (let j = 0; j < months; j++) {
    out.push(survive);
    survive = mul(survive, retention);
  }
  return out;
}

function kernelOf(line: DrugLineInput, delayDays: number, months: number, survive: readonly Dec[], positions?: readonly number[]): Dec[] {
  const counts = new Array<number>(months).fill(0);
  for (const d of regimenDays(line.regimen, Math.ceil((months * DAYS_PER_YEAR) / 12) + 1)) {
    if (positions && !positions.includes(d.loading)) continue;
    const m = monthOfDay(delayDays + d.day);
    if (m < months) counts[m] = (counts[m] as number) + 1;
  }
  const kernel: Dec[] = [];
  for (let j = 0; j < months; j++) {
    const c = counts[j] as number;
    // survive x 1 is survive itself (at most 28 digits already): the same value without the multiplication.
    kernel.push(c === 0 ? ZERO : c === 1 ? (survive[j] as Dec) : mul(survive[j] as Dec, dec(c)));
  }
  return kernel;
}

/** Whether a patient who started j months ago is still on therapy (a finite course ends with its last dose). */
function onTherapyKernel(line: DrugLineInput, delayDays: number, months: number, survive: readonly Dec[]): Dec[] {
  const days = doseDaysWithin(line, months);
  const finite = regimenEnds(line.regimen);
  const lastMonth = finite && days.length > 0 ? monthOfDay(delayDays + (days[days.length - 1] as number)) : Number.POSITIVE_INFINITY;
  const out: Dec[] = [];
  for (let j = 0; j < months; j++) out.push(j <= lastMonth ? (survive[j] as Dec) : ZERO);
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
    running = add(running, k);
    prefix.push(running);
  }
  // The non-zero differences, in month order.
  const at: number[] = [];
  const deltas: Dec[] = [];
  let previous = ZERO;
  for (let c = 0; c < inflow.length; c++) {
    // The same month's figure again (the steady state after the ramp): a difference of zero.
    if (inflow[c] === previous) continue;
    const delta = sub(inflow[c] as Dec, previous);
    previous = inflow[c] as Dec;
    if (delta.isZero()) continue;
    at.push(c);
    deltas.push(delta);
  }
  // Month by month, the terms in the order of c (the order of the sum above).
  const out: Dec[] = [];
  const acc = new RunningSum();
  for (let k = 0; k < inflow.length; k++) {
    acc.reset();
    for (let i = 0; i < at.length && (at[i] as number) <= k; i++) acc.addProduct(deltas[i] as Dec, prefix[k - (at[i] as number)] as Dec);
    out.push(acc.value());
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
  if (input.launchPlan && input.launchPlan.months !== P) {
    fail({ code: 'mismatched', problem: `program.planningMonths (${P}) must be the launch plan's length (${input.launchPlan.months} months)` });
  }
  const priceFactor = adj.paymentLimitFactor === undefined ? undefined : dec(adj.paymentLimitFactor);
  const acqFactor = adj.acquisitionFactor === undefined ? null : dec(adj.acquisitionFactor);
  const volume = dec(adj.volumeFactor ?? 1);
  const hoursOpen = dec(prog.chairs).times(prog.hoursPerDay).times(prog.daysPerMonth);
  const capacity = hoursOpen.times(dec(prog.utilizationTarget));

  const handling = prog.whiteBagHandlingCost ? dec(prog.whiteBagHandlingCost) : undefined;
  const discount = ONE.minus(dec(prog.promptPayDiscount ?? 0)).times(ONE.minus(dec(prog.gpoDiscount ?? 0)));
  const defaultAcquisitionFactor = discount.eq(ONE) ? undefined : discount;

  // Each discontinuation rate's monthly survival, retention^j = ((1 - rate)^(1/12))^j, once per run.
  const survivals = new Map<number, Dec[]>();
  const survivalFor = (rate: number): Dec[] => {
    let s = survivals.get(rate);
    if (!s) {
      s = survival(ONE.minus(dec(rate)).pow(dec(1).div(12)), H);
      survivals.set(rate, s);
    }
    return s;
  };

  const drugs: DrugResult[] = input.drugs.map((line, li) => {
    const ownMix = line.payerWeights !== undefined;
    const dw = line.payerWeights ? checkWeights(line.payerWeights, `drugs[${li}].payerWeights`) : weights;
    if (dw.length !== payers.length) {
      fail({ code: 'mismatched', problem: `drugs[${li}].payerWeights: ${payers.length} payers but ${dw.length} weights` });
    }
    const dose = doseFor(line.dose, line.weightKg);
    const baseAcq = line.acquisitionPerUnit === null ? book.asp(line.hcpcs, quarter).times(defaultAcquisitionFactor ?? ONE) : dec(line.acquisitionPerUnit);
    const baseSpec = {
      hcpcs: line.hcpcs,
      route: line.route,
      complexity: line.complexity,
      acquisitionPerUnit: acqFactor ? baseAcq.times(acqFactor) : line.acquisitionPerUnit === null ? null : baseAcq,
      wacPerUnit: line.wacPerUnit === null ? null : dec(line.wacPerUnit),
      quarter,
      feeScheduleYear,
      ...(priceFactor ? { priceFactor } : {}),
      ...(handling ? { whiteBagHandlingCost: handling } : {}),
      ...(defaultAcquisitionFactor ? { defaultAcquisitionFactor } : {}),
      ...(line.custom && line.vialSizes.length > 0 ? { vialSizes: line.vialSizes } : {}),
    };
    const pricedAt = (d: Dec, minutes: number): { perPayer: AdministrationEconomics[]; mix: MixFigures } => {
      const spec: AdministrationSpec = { ...baseSpec, dose: d, minutes };
      const perPayer = payers.map((p) => {
        const src = line.drugSources?.[p.id];
        return administrationEconomics(book, src ? { ...spec, drugSource: src } : spec, p);
      });
      return { perPayer, mix: mixOf(dw, perPayer) };
    };
    const { perPayer, mix } = pricedAt(dose, line.infusionMinutes);
    const chairMinutes = line.infusionMinutes + line.chairExtraMinutes;
    const chairHoursPer = dec(chairMinutes).div(60);

    // Volume: prior-authorization denials lower the patients who start; PA delays the first dose.
    const paShare = sum(payers.map((p, i) => (line.priorAuthPayers.includes(p.id) ? (dw[i] as Dec) : ZERO)));
    const paDenied = sum(payers.map((p, i) => (line.priorAuthPayers.includes(p.id) ? (dw[i] as Dec).times(dec(p.priorAuthDenialRate)) : ZERO)));
    const survive = survivalFor(line.discontinuationRate);
    const noPaShare = ONE.minus(paShare);
    const kernelFor = (f: (l: DrugLineInput, delay: number, months: number, s: readonly Dec[]) => Dec[]): Dec[] => {
      const withPa = f(line, prog.priorAuthDelayDays, H, survive);
      const without = f(line, 0, H, survive);
      // x.times(paShare).plus(without.times(1 - paShare)), month by month.
      const acc = new RunningSum();
      return withPa.map((x, j) => acc.reset().addProduct(x, paShare).addProduct(without[j] as Dec, noPaShare).value());
    };
    // Issue 14: a drug waiting on launch-plan tasks starts (and ramps) after they end.
    const plan = input.launchPlan;
    const hold: DrugHold = plan ? drugHold(plan, line.hcpcs, line.priorAuthPayers, (id) => dw[payers.findIndex((p) => p.id === id)] ?? ZERO) : NO_HOLD;
    const newPatients: Dec[] = [];
    const priorAuthRequests: Dec[] = [];
    const perMonth = dec(line.newPatientsPerMonth);
    const notDenied = ONE.minus(paDenied);
    for (let k = 1; k <= H; k++) {
      // After the ramp every month's figures are the ramp's last (the same arithmetic): reuse them. Issue 14: a
      // drug held back by the launch plan ramps from the month after its hold.
      if (k - 1 > hold.months && line.rampMonths <= k - 1 - hold.months) {
        newPatients.push(newPatients[k - 2] as Dec);
        priorAuthRequests.push(priorAuthRequests[k - 2] as Dec);
        continue;
      }
      const ramp = heldRamp(k, hold.months, line.rampMonths);
      const referred = mul(mul(perMonth, ramp), volume);
      newPatients.push(mul(referred, notDenied));
      priorAuthRequests.push(mul(referred, paShare));
    }
    const activePatients = convolve(newPatients, kernelFor(onTherapyKernel));

    // DOMAIN.md 5.3: each kind of administration priced at its own dose and time.
    const all = loadingGroups(line);
    const groups = all.filter((g) => !g.maintenance);
    const asMaintenance = all.filter((g) => g.maintenance).flatMap((g) => g.positions);
    const year1 = regimenDays(line.regimen, DAYS_PER_YEAR);
    const doseKinds: DoseKind[] = [];
    const single = groups.length === 0;
    const maintenancePositions = single ? undefined : [-1, ...asMaintenance];
    doseKinds.push({
      loadingPositions: [],
      dose,
      minutes: line.infusionMinutes,
      adminCodes: formatAdminCodes(adminCodes(line.route, line.complexity, line.infusionMinutes)),
      perPayer,
      mix,
      perPatientYear1: year1.filter((d) => single || d.loading === -1 || asMaintenance.includes(d.loading)).length,
      administrations: convolve(newPatients, kernelFor((l, delay, months, sv) => kernelOf(l, delay, months, sv, maintenancePositions))),
    });
    for (const g of groups) {
      const kd = doseFor(g.dose.dose, line.weightKg);
      const priced = pricedAt(kd, g.dose.minutes);
      doseKinds.push({
        loadingPositions: g.positions,
        dose: kd,
        minutes: g.dose.minutes,
        adminCodes: formatAdminCodes(adminCodes(line.route, line.complexity, g.dose.minutes)),
        perPayer: priced.perPayer,
        mix: priced.mix,
        perPatientYear1: year1.filter((d) => g.positions.includes(d.loading)).length,
        administrations: convolve(newPatients, kernelFor((l, delay, months, sv) => kernelOf(l, delay, months, sv, g.positions))),
      });
    }
    const administrations = single ? (doseKinds[0] as DoseKind).administrations : newPatients.map((_, m) => addAll(doseKinds.map((k) => k.administrations[m] as Dec)));
    // Each kind's administrations at its own figure per administration (one kind: one product per month).
    const over = (f: (k: DoseKind) => Dec): Dec[] => {
      const perKind = doseKinds.map(f);
      if (single) return administrations.map((a) => mul(a, perKind[0] as Dec));
      const acc = new RunningSum();
      return newPatients.map((_, m) => {
        acc.reset();
        doseKinds.forEach((k, ki) => acc.addProduct(k.administrations[m] as Dec, perKind[ki] as Dec));
        return acc.value();
      });
    };
    const revenueSeries = over((k) => k.mix.netRevenue);
    const costSeries = over((k) => (k.mix.handlingCost.isZero() ? k.mix.drugCost : k.mix.drugCost.plus(k.mix.handlingCost)));
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
      weights: dw,
      ownMix,
      doseKinds,
      administrationsYear1: administrationsPerPatient(line.regimen, 1),
      administrationsSteadyState: administrationsPerPatient(line.regimen, 2),
      newPatients,
      priorAuthRequests,
      activePatients,
      administrations,
      netRevenue: revenueSeries,
      drugCost: costSeries,
      margin: revenueSeries.map((x, i) => sub(x, costSeries[i] as Dec)),
      chairHours: over((k) => dec(k.minutes + line.chairExtraMinutes).div(60)),
      hold,
    };
  });

  // Program months: planning (P) then operating (H).
  const N = P + H;
  const op = <T>(k: number, f: (i: number) => T, zero: T): T => (k >= P ? f(k - P) : zero);
  const monthSum = new RunningSum();
  const total = (k: number, f: (d: DrugResult) => readonly Dec[]): Dec =>
    op(
      k,
      (i) => {
        monthSum.reset();
        for (const d of drugs) monthSum.add(f(d)[i] as Dec);
        return monthSum.value();
      },
      ZERO,
    );
  const fixedMonthly = sum(prog.fixedCosts.map((c) => dec(c.monthly)));
  const startupPerMonth = P > 0 ? dec(prog.startupCosts).div(P) : ZERO;
  // Issue 14: with a launch plan, the startup costs are its tasks' costs in the months they run.
  const planCosts = input.launchPlan ? launchCostByMonth(input.launchPlan, P + H) : null;
  const paCostPerNewPatient = dec(prog.priorAuthStaffMinutes).div(60).times(dec(prog.staffHourlyCost));

  const accrualRevenue: Dec[] = [];
  const accrualDrugCost: Dec[] = [];
  // Cash in: each payer's share of net revenue arrives after its days to payment. Payers with the same days
  // are summed before the delay (the same arithmetic, fewer multiplications).
  const delays = [...new Set(payers.map((p) => p.daysToPayment))];
  const weightedNetByDelay = drugs.map((d) =>
    d.doseKinds.map((kind) =>
      delays.map((days) => sum(payers.map((p, i) => (p.daysToPayment === days ? (d.weights[i] as Dec).times((kind.perPayer[i] as AdministrationEconomics).netRevenue) : ZERO)))),
    ),
  );
  const earnedByDelay: Dec[][] = delays.map(() => []);
  for (let k = 0; k < N; k++) {
    accrualRevenue.push(total(k, (d) => d.netRevenue));
    accrualDrugCost.push(total(k, (d) => d.drugCost));
    delays.forEach((_, g) => {
      (earnedByDelay[g] as Dec[]).push(
        op(
          k,
          (m) => {
            monthSum.reset();
            drugs.forEach((d, di) => d.doseKinds.forEach((kind, ki) => monthSum.addProduct(kind.administrations[m] as Dec, ((weightedNetByDelay[di] as Dec[][])[ki] as Dec[])[g] as Dec)));
            return monthSum.value();
          },
          ZERO,
        ),
      );
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
    const startupCosts = planCosts ? (planCosts[k] as Dec) : operating ? (P === 0 && k === 0 ? dec(prog.startupCosts) : ZERO) : startupPerMonth;
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

  const launch = input.launchPlan ? launchReadiness(input.launchPlan, drugs.map((d) => ({ hcpcs: d.input.hcpcs, label: d.input.label, hold: d.hold }))) : null;
  return { input, quarter, feeScheduleYear, payers, weights, drugs, months, summary: summarize(months, P, H, dec(prog.discountRate)), launch };
}

/** Mix figures of one administration over a payer mix (DOMAIN.md 2.7 and 5.1). */
function mixOf(weights: readonly Dec[], perPayer: readonly AdministrationEconomics[]): MixFigures {
  const pick = (f: (e: AdministrationEconomics) => Dec): Dec => mixWeighted(weights, perPayer.map(f));
  const drugCost = pick((e) => e.drugCost);
  const handlingCost = pick((e) => e.handlingCost);
  const netRevenueDrug = pick((e) => e.netRevenueDrug);
  const netRevenue = pick((e) => e.netRevenue);
  const bought = perPayer.some((e, i) => !e.buyAndBillShare.isZero() && !(weights[i] as Dec).isZero());
  return {
    allowed: pick((e) => e.allowed),
    netRevenueDrug,
    netRevenue,
    drugCost,
    handlingCost,
    margin: netRevenue.minus(drugCost).minus(handlingCost),
    recovery: !bought ? NOT_APPLICABLE : drugCost.isZero() ? null : netRevenueDrug.div(drugCost),
    underwater: bought && netRevenueDrug.lt(drugCost),
  };
}

/**
 * The loading positions with their own dose, grouped by identical dose and time (DOMAIN.md 5.3); a loading dose
 * that is the maintenance dose at the same time (ublituximab's 450 mg at week 2) counts as a maintenance dose.
 */
export function loadingGroups(line: DrugLineInput): { positions: number[]; dose: LoadingDose; maintenance: boolean }[] {
  const maintenanceDose = doseFor(line.dose, line.weightKg);
  const groups: { key: string; positions: number[]; dose: LoadingDose; maintenance: boolean }[] = [];
  line.regimen.loadingDays.forEach((_, i) => {
    const own = loadingDoseAt(line.regimen, i);
    if (!own) return;
    const d = doseFor(own.dose, line.weightKg);
    const maintenance = d.eq(maintenanceDose) && own.minutes === line.infusionMinutes;
    const key = maintenance ? 'maintenance' : `${d.toString()}|${own.minutes}`;
    const hit = groups.find((g) => g.key === key);
    if (hit) hit.positions.push(i);
    else groups.push({ key, positions: [i], dose: own, maintenance });
  });
  return groups.map(({ positions, dose, maintenance }) => ({ positions, dose, maintenance }));
}

/**
 * (1 + rate)^(month / 12), remembered: the same decimal power every run with that rate computes (a power is
 * a logarithm and an exponential in decimal.js; sensitivity and the task pane run the model many times).
 */
const discountFactors = new Map<string, Dec>();
function discountFactor(monthlyFactor: Dec, month: number): Dec {
  const key = `${monthlyFactor.toString()}|${month}`;
  let f = discountFactors.get(key);
  if (!f) {
    f = monthlyFactor.pow(dec(month).div(12));
    if (discountFactors.size >= 5000) discountFactors.clear();
    discountFactors.set(key, f);
  }
  return f;
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
  const npv = sum(months.map((m) => m.cashFlow.div(discountFactor(monthlyFactor, m.month))));
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


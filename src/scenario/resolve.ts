/**
 * Resolution of a valid scenario into the engine's input: defaults applied (defaults.ts), catalog facts with
 * the scenario's overrides, each payer profile built from its built-in or `basedOn` profile plus the
 * scenario's terms, and the quarter and fee schedule year chosen.
 */
import type { CatalogDrug, DoseBasis, ReferenceData, RegimenSpec } from '../engine/reference';
import { DAYS_PER_YEAR, inCourses } from '../engine/regimen';
import { scaledWeights } from '../engine/mix';
import { coverageDefault } from '../engine/patient';
import { builtinPayer } from '../engine/payers';
import { launchTotalCost } from '../engine/launch';
import type { DrugLineInput, DrugRule, DrugSourceTerms, ModelInput, PayerProfile, ProgramInput } from '../engine/types';
import {
  DEFAULT_ACCESS_RISK_THRESHOLD,
  DEFAULT_DISTRIBUTOR_TERMS_DAYS,
  DEFAULT_INVENTORY_DAYS_ON_HAND,
  DEFAULT_DRUG_ACQUISITION_PER_UNIT,
  DEFAULT_DRUG_CHAIR_EXTRA_MINUTES,
  DEFAULT_DRUG_COMPLEXITY,
  DEFAULT_DRUG_DISCONTINUATION_RATE,
  DEFAULT_DRUG_DOSE,
  DEFAULT_DRUG_INFUSION_MINUTES,
  DEFAULT_DRUG_PRIOR_AUTH_PAYERS,
  DEFAULT_DRUG_WEIGHT_KG,
  DEFAULT_FEE_SCHEDULE_YEAR,
  DEFAULT_HORIZON_MONTHS,
  DEFAULT_PATIENT_WEIGHT_KG,
  DEFAULT_PAYER_TERMS,
  DEFAULT_PLANNING_MONTHS,
  DEFAULT_PRIOR_AUTH_DELAY_DAYS,
  DEFAULT_QUARTER,
  DEFAULT_UTILIZATION_TARGET,
  DEFAULT_GPO_DISCOUNT,
  DEFAULT_PROMPT_PAY_DISCOUNT,
  DEFAULT_WHITE_BAG_HANDLING_COST,
  defaultPriorAuthPayers,
  type ScenarioDefault,
} from './defaults';
import { applyAdoptedDemand, resolveMarket } from './market';
import {
  findCatalogDrug,
  findQuarter,
  loadedFeeScheduleYears,
  loadedQuarters,
  newestFeeScheduleYear,
  newestQuarter,
} from './lookup';
import { DEFAULT_LAUNCH_PLAN, resolveLaunchPlan } from './launch-plan';
import {
  PAYER_COVERAGE_KEYS,
  PAYER_TERM_KEYS,
  type PayerTerms,
  type Scenario,
  type ScenarioCustomDrug,
  type ScenarioDrug,
  type ScenarioPayer,
  type ScenarioProgram,
} from './types';

/**
 * Thrown by `resolveScenario` when the scenario names something the reference data does not hold (a
 * quarter, a fee schedule year, a drug code) or a payer without terms. `validateScenario(json, ref)`
 * reports all of these as issues first; this error means a scenario was resolved without that check.
 */
export class ScenarioResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioResolutionError';
  }
}

/** Turns a valid scenario into the engine's input, applying every default. */
export function resolveScenario(scenario: Scenario, ref: ReferenceData): ModelInput {
  const quarter = resolveQuarter(scenario, ref);
  const feeScheduleYear = resolveFeeScheduleYear(scenario, ref);
  const patientWeightKg = scenario.patientWeightKg ?? DEFAULT_PATIENT_WEIGHT_KG.value;
  const payerIds = scenario.payers.map((p) => p.id.toUpperCase());
  // DOMAIN.md 5.5: weights within 0.001 of 1 are scaled to sum to 1.
  const weights = scaledWeights(scenario.payers.map((p) => p.weight));
  // Issue 14: a drug that adopts the market's figure runs on it (scenario/market.ts).
  const lines = scenario.drugs.map((drug) => resolveDrug(drug, ref, patientWeightKg, payerIds, scenario.payers));
  const market = resolveMarket(scenario, lines);
  return {
    name: scenario.name,
    practiceName: scenario.practiceName,
    quarter,
    feeScheduleYear,
    drugs: applyAdoptedDemand(lines, market),
    payers: scenario.payers.map((payer, i) => ({ profile: resolvePayer(payer), weight: weights[i] as number })),
    ...withLaunchPlan(scenario, ref, resolveProgram(scenario.program)),
    ...(market === undefined ? {} : { market }),
  };
}

/**
 * Issue 14: with a launch plan, the program's planning months are the plan's length and its startup costs the
 * plan's total (the engine spreads them over the tasks' months, engine/launch.ts).
 */
function withLaunchPlan(scenario: Scenario, ref: ReferenceData, program: ProgramInput): Pick<ModelInput, 'program' | 'launchPlan'> {
  if (scenario.launchPlan === undefined) return { program };
  const launchPlan = resolveLaunchPlan(scenario.launchPlan, ref);
  return { program: { ...program, planningMonths: launchPlan.months, startupCosts: launchTotalCost(launchPlan).toNumber() }, launchPlan };
}

function resolveQuarter(scenario: Scenario, ref: ReferenceData): string {
  const quarter = scenario.quarter ?? newestQuarter(ref);
  if (quarter === undefined) throw new ScenarioResolutionError('No quarter of payment limits is loaded');
  if (findQuarter(ref, quarter) === undefined) {
    throw new ScenarioResolutionError(
      `Unknown quarter "${quarter}": no payment limits loaded for it (loaded: ${loadedQuarters(ref).join(', ')})`,
    );
  }
  return quarter;
}

function resolveFeeScheduleYear(scenario: Scenario, ref: ReferenceData): number {
  const year = scenario.feeScheduleYear ?? newestFeeScheduleYear(ref);
  if (year === undefined) throw new ScenarioResolutionError('No fee schedule is loaded');
  const years = loadedFeeScheduleYears(ref);
  if (!years.includes(year)) {
    throw new ScenarioResolutionError(`Unknown fee schedule year ${year} (loaded: ${years.join(', ')})`);
  }
  return year;
}

/** A drug's own mix weight for a payer id, its keys in any case (DOMAIN.md 5.5); 0 when left out. */
function mixWeight(mix: Readonly<Record<string, number>>, id: string): number {
  const key = Object.keys(mix).find((k) => k.toUpperCase() === id.toUpperCase());
  return key === undefined ? 0 : (mix[key] ?? 0);
}

function resolveDrug(
  drug: ScenarioDrug,
  ref: ReferenceData,
  patientWeightKg: number,
  payerIds: readonly string[],
  payers: readonly ScenarioPayer[],
): DrugLineInput {
  const facts = drug.custom === undefined ? findCatalogDrug(ref, drug.hcpcs) : customFacts(drug.hcpcs, drug.custom, ref);
  if (facts === undefined) throw new ScenarioResolutionError(`Unknown drug code "${drug.hcpcs}" (not in the catalog)`);
  const dose: DoseBasis = drug.dose === undefined ? facts.dose : { kind: 'fixed', amount: drug.dose };
  const courses = drug.coursesPerYear;
  const regimen: RegimenSpec =
    courses !== undefined && inCourses(facts.regimen) ? { ...facts.regimen, courseIntervalDays: DAYS_PER_YEAR / courses } : facts.regimen;
  const sources: Record<string, DrugSourceTerms> = {};
  for (const s of drug.drugSources ?? []) sources[s.payer.toUpperCase()] = { source: s.source, whiteBagShare: s.source === 'buy_and_bill' ? (s.whiteBagShare ?? 0) : 0 };
  return {
    ...(drug.drugSources !== undefined && drug.drugSources.length > 0 ? { drugSources: sources } : {}),
    ...(drug.payerMix !== undefined ? { payerWeights: scaledWeights(payers.map((p) => mixWeight(drug.payerMix ?? {}, p.id))) } : {}),
    hcpcs: facts.hcpcs,
    label: drug.custom === undefined ? `${facts.brand} (${facts.generic})` : `${drug.custom.name} (your drug)`,
    ...(drug.custom === undefined ? {} : { custom: true }),
    route: facts.route,
    complexity: drug.complexity ?? facts.complexity,
    dose,
    regimen,
    weightKg: drug.weightKg ?? patientWeightKg,
    infusionMinutes: drug.infusionMinutes ?? facts.infusionMinutes,
    chairExtraMinutes: drug.chairExtraMinutes ?? facts.chairExtraMinutes,
    vialSizes: facts.vialSizes.length > 0 ? facts.vialSizes : (ref.vialSizes[facts.hcpcs] ?? []),
    // null = the engine's default, the derived ASP (DEFAULT_DRUG_ACQUISITION_PER_UNIT).
    acquisitionPerUnit: drug.acquisitionPerUnit ?? null,
    wacPerUnit: drug.wacPerUnit ?? null,
    newPatientsPerMonth: drug.newPatientsPerMonth,
    rampMonths: drug.rampMonths,
    discontinuationRate: drug.discontinuationRate ?? DEFAULT_DRUG_DISCONTINUATION_RATE.value,
    priorAuthPayers: drug.priorAuthPayers?.map((id) => id.toUpperCase()) ?? defaultPriorAuthPayers(payerIds),
    distributorVerified: drug.distributorVerified,
  };
}

/** DOMAIN.md 5.4: the catalog facts of a user's drug, from the scenario (vial sizes default from the crosswalk). */
function customFacts(hcpcs: string, custom: ScenarioCustomDrug, ref: ReferenceData): CatalogDrug {
  const code = hcpcs.trim().toUpperCase();
  const loadingDays = custom.loadingDays ?? [];
  return {
    hcpcs: code,
    generic: custom.name,
    brand: custom.name,
    referenceHcpcs: null,
    area: 'your drug',
    route: custom.route,
    complexity: custom.complexity,
    dose: custom.dosePerKg !== undefined ? { kind: 'per_kg', perKg: custom.dosePerKg } : { kind: 'fixed', amount: custom.dose ?? 0 },
    regimen: { loadingDays, maintenanceIntervalDays: custom.maintenanceIntervalDays, maxDoses: custom.maxDoses ?? null, source: 'your input (DOMAIN.md 5.4)' },
    infusionMinutes: custom.infusionMinutes,
    chairExtraMinutes: custom.chairExtraMinutes,
    vialSizes: [...(custom.vialSizes ?? ref.vialSizes[code] ?? [])].sort((a, b) => a - b),
    labelNote: 'your drug: facts from the scenario',
  };
}

/** The profile a payer's terms start from: its `basedOn`, or the built-in profile of its own id. */
function basePayer(payer: ScenarioPayer): PayerProfile | undefined {
  if (payer.basedOn === undefined) return builtinPayer(payer.id);
  const base = builtinPayer(payer.basedOn);
  if (base === undefined) {
    throw new ScenarioResolutionError(`Payer "${payer.id}": basedOn "${payer.basedOn}" is not a built-in payer`);
  }
  return base;
}

function resolvePayer(payer: ScenarioPayer): PayerProfile {
  const base = basePayer(payer);
  const overrides: Partial<PayerTerms> = payer;
  const term = <K extends keyof PayerTerms>(key: K): PayerTerms[K] => {
    const own = overrides[key];
    if (own !== undefined) return own;
    if (base !== undefined) return base[key];
    throw new ScenarioResolutionError(`Payer "${payer.id}" has neither basedOn nor a ${key}`);
  };
  return {
    id: payer.id.toUpperCase(),
    name: payer.name,
    drugRule: term('drugRule'),
    adminPercentOfFeeSchedule: term('adminPercentOfFeeSchedule'),
    drugCoinsurance: term('drugCoinsurance'),
    adminCoinsurance: term('adminCoinsurance'),
    sequestration: term('sequestration'),
    collectionRate: term('collectionRate'),
    denialWriteOff: term('denialWriteOff'),
    paysDiscarded: term('paysDiscarded'),
    daysToPayment: term('daysToPayment'),
    priorAuthDenialRate: term('priorAuthDenialRate'),
    drugSource: payer.drugSource ?? base?.drugSource ?? 'buy_and_bill',
    whiteBagShare: payer.whiteBagShare ?? (payer.drugSource === undefined ? base?.whiteBagShare : undefined) ?? 0,
    ...resolveCoverage(payer),
  };
}

/**
 * DOMAIN.md 5.7: the patient coverage a payer states, and, for a payer based on another profile whose
 * coverage differs from that of its own id, the coverage of its basedOn (a custom payer based on MEDICARE is
 * traditional Medicare coverage). Fields left out stay absent: the engine takes them from the profile id's
 * default (engine/patient.ts coverageOf).
 */
function resolveCoverage(payer: ScenarioPayer): Partial<Pick<PayerProfile, (typeof PAYER_COVERAGE_KEYS)[number]>> {
  const inherited = payer.basedOn === undefined ? undefined : coverageDefault(payer.basedOn);
  const out: { -readonly [K in (typeof PAYER_COVERAGE_KEYS)[number]]?: PayerProfile[K] } = {};
  if (inherited !== undefined && inherited !== coverageDefault(payer.id)) {
    out.coverageType = inherited.coverageType;
    out.annualDeductible = inherited.annualDeductible;
    out.outOfPocketMax = inherited.outOfPocketMax;
    out.supplemental = inherited.supplemental;
  }
  if (payer.coverageType !== undefined) out.coverageType = payer.coverageType;
  if (payer.annualDeductible !== undefined) out.annualDeductible = payer.annualDeductible;
  if (payer.outOfPocketMax !== undefined) out.outOfPocketMax = payer.outOfPocketMax;
  if (payer.supplemental !== undefined) out.supplemental = payer.supplemental;
  return out;
}

function resolveProgram(program: ScenarioProgram): ProgramInput {
  return {
    chairs: program.chairs,
    hoursPerDay: program.hoursPerDay,
    daysPerMonth: program.daysPerMonth,
    utilizationTarget: program.utilizationTarget ?? DEFAULT_UTILIZATION_TARGET.value,
    chairsPerNurse: program.chairsPerNurse,
    fixedCosts: program.fixedCosts.map((c) => ({ name: c.name, monthly: c.monthly })),
    startupCosts: program.startupCosts,
    planningMonths: program.planningMonths ?? DEFAULT_PLANNING_MONTHS.value,
    horizonMonths: program.horizonMonths ?? DEFAULT_HORIZON_MONTHS.value,
    discountRate: program.discountRate,
    distributorTermsDays: program.distributorTermsDays ?? DEFAULT_DISTRIBUTOR_TERMS_DAYS.value,
    inventoryDaysOnHand: program.inventoryDaysOnHand ?? DEFAULT_INVENTORY_DAYS_ON_HAND.value,
    priorAuthDelayDays: program.priorAuthDelayDays ?? DEFAULT_PRIOR_AUTH_DELAY_DAYS.value,
    priorAuthStaffMinutes: program.priorAuthStaffMinutes,
    staffHourlyCost: program.staffHourlyCost,
    whiteBagHandlingCost: program.whiteBagHandlingCost ?? DEFAULT_WHITE_BAG_HANDLING_COST.value,
    promptPayDiscount: program.promptPayDiscount ?? DEFAULT_PROMPT_PAY_DISCOUNT.value,
    gpoDiscount: program.gpoDiscount ?? DEFAULT_GPO_DISCOUNT.value,
    // Absent = DEFAULT_ACCESS_RISK_THRESHOLD, applied where the access risk is computed (engine/access.ts).
    ...(program.accessRiskThreshold === undefined ? {} : { accessRiskThreshold: program.accessRiskThreshold }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Which defaults a scenario uses

export type AppliedDefaultValue = number | string | boolean | readonly string[] | DoseBasis | DrugRule | null;

/** One default a scenario relies on, for "labelled as assumption" displays. */
export interface AppliedDefault {
  /** The field left out, e.g. "drugs[0].discontinuationRate". */
  readonly path: string;
  /** The default that fills it: its label, display text and source. */
  readonly default: ScenarioDefault;
  /**
   * The value used. null when it depends on reference data that was not given, or when the engine
   * computes it (the derived ASP of `acquisitionPerUnit`).
   */
  readonly value: AppliedDefaultValue;
}

/**
 * Every default a scenario relies on, in the order of its fields. With `ref`, the values that come from the
 * reference data are filled in, and the weight defaults are listed only where a weight-based dose uses them.
 */
export function scenarioDefaultsApplied(scenario: Scenario, ref?: ReferenceData): AppliedDefault[] {
  const applied: AppliedDefault[] = [];
  const use = (path: string, def: ScenarioDefault, value: AppliedDefaultValue): void => {
    applied.push({ path, default: def, value });
  };

  if (scenario.quarter === undefined) use('quarter', DEFAULT_QUARTER, ref === undefined ? null : (newestQuarter(ref) ?? null));
  if (scenario.feeScheduleYear === undefined) {
    use('feeScheduleYear', DEFAULT_FEE_SCHEDULE_YEAR, ref === undefined ? null : (newestFeeScheduleYear(ref) ?? null));
  }

  // A drug uses a weight when its dose is the catalog's and the catalog's is weight-based (unknown without ref).
  const usesWeight = (drug: ScenarioDrug): boolean => {
    if (drug.dose !== undefined) return false;
    const facts = ref === undefined ? undefined : findCatalogDrug(ref, drug.hcpcs);
    return facts === undefined || facts.dose.kind !== 'fixed';
  };
  const patientWeightKg = scenario.patientWeightKg ?? DEFAULT_PATIENT_WEIGHT_KG.value;
  if (scenario.patientWeightKg === undefined && scenario.drugs.some((d) => d.weightKg === undefined && usesWeight(d))) {
    use('patientWeightKg', DEFAULT_PATIENT_WEIGHT_KG, DEFAULT_PATIENT_WEIGHT_KG.value);
  }

  const payerIds = scenario.payers.map((p) => p.id);
  scenario.drugs.forEach((drug, i) => {
    const path = `drugs[${i}]`;
    const facts = ref === undefined ? undefined : findCatalogDrug(ref, drug.hcpcs);
    if (drug.dose === undefined) use(`${path}.dose`, DEFAULT_DRUG_DOSE, facts?.dose ?? null);
    if (drug.weightKg === undefined && usesWeight(drug)) use(`${path}.weightKg`, DEFAULT_DRUG_WEIGHT_KG, patientWeightKg);
    if (drug.discontinuationRate === undefined) {
      use(`${path}.discontinuationRate`, DEFAULT_DRUG_DISCONTINUATION_RATE, DEFAULT_DRUG_DISCONTINUATION_RATE.value);
    }
    if (drug.acquisitionPerUnit === undefined) use(`${path}.acquisitionPerUnit`, DEFAULT_DRUG_ACQUISITION_PER_UNIT, null);
    if (drug.infusionMinutes === undefined) {
      use(`${path}.infusionMinutes`, DEFAULT_DRUG_INFUSION_MINUTES, facts?.infusionMinutes ?? null);
    }
    if (drug.chairExtraMinutes === undefined) {
      use(`${path}.chairExtraMinutes`, DEFAULT_DRUG_CHAIR_EXTRA_MINUTES, facts?.chairExtraMinutes ?? null);
    }
    if (drug.complexity === undefined) use(`${path}.complexity`, DEFAULT_DRUG_COMPLEXITY, facts?.complexity ?? null);
    if (drug.priorAuthPayers === undefined) {
      use(`${path}.priorAuthPayers`, DEFAULT_DRUG_PRIOR_AUTH_PAYERS, defaultPriorAuthPayers(payerIds));
    }
  });

  scenario.payers.forEach((payer, i) => {
    const base = payer.basedOn === undefined ? builtinPayer(payer.id) : builtinPayer(payer.basedOn);
    if (base === undefined) return;
    for (const key of PAYER_TERM_KEYS) {
      if (payer[key] === undefined) use(`payers[${i}].${key}`, DEFAULT_PAYER_TERMS, base[key]);
    }
  });

  const program = scenario.program;
  const programDefaults: readonly [keyof ScenarioProgram, ScenarioDefault<number>][] = [
    ['utilizationTarget', DEFAULT_UTILIZATION_TARGET],
    ['planningMonths', DEFAULT_PLANNING_MONTHS],
    ['horizonMonths', DEFAULT_HORIZON_MONTHS],
    ['distributorTermsDays', DEFAULT_DISTRIBUTOR_TERMS_DAYS],
    ['inventoryDaysOnHand', DEFAULT_INVENTORY_DAYS_ON_HAND],
    ['priorAuthDelayDays', DEFAULT_PRIOR_AUTH_DELAY_DAYS],
    ['whiteBagHandlingCost', DEFAULT_WHITE_BAG_HANDLING_COST],
    ['promptPayDiscount', DEFAULT_PROMPT_PAY_DISCOUNT],
    ['gpoDiscount', DEFAULT_GPO_DISCOUNT],
    ['accessRiskThreshold', DEFAULT_ACCESS_RISK_THRESHOLD],
  ];
  // Issue 14: the plan template is a default until the task force makes it its own.
  if (scenario.launchPlan?.template === true) use('launchPlan', DEFAULT_LAUNCH_PLAN, DEFAULT_LAUNCH_PLAN.display);
  for (const [key, def] of programDefaults) {
    // Issue 14: a launch plan sets the planning months.
    if (key === 'planningMonths' && scenario.launchPlan !== undefined) continue;
    if (program[key] === undefined) use(`program.${key}`, def, def.value);
  }
  return applied;
}

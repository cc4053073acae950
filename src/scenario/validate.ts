/**
 * Validation of a scenario document (format version 1), by hand rather than with a JSON Schema library at
 * run time (the add-in bundle stays small). Every problem is collected, each as the path of the field and
 * what is wrong with it: `payers[2].weight: must be between 0 and 1`. `scenario.schema.json` states the
 * same structural rules; a test holds the two together. The checks that need the drug catalog or the loaded
 * quarters run only when reference data is given.
 */
import { dec, ZERO } from '../engine/decimal';
import { SCENARIO_WEIGHT_TOLERANCE } from '../engine/mix';
import { BUILTIN_PAYER_IDS, builtinPayer } from '../engine/payers';
import type { ReferenceData } from '../engine/reference';
import { SCENARIO_BOUNDS } from './bounds';
import { describe, isRecord, type JsonRecord } from './json';
import { checkDose, type DoseFinding } from '../engine/dose-check';
import { DEFAULT_WEIGHT_KG } from '../engine/regimen';
import { closest } from '../engine/suggest';
import { parseBillingUnit } from '../engine/units';
import {
  catalogNames,
  findCatalogDrug,
  findQuarter,
  isPriced,
  loadedFeeScheduleYears,
  loadedQuarters,
  newestQuarter,
} from './lookup';
import { COVERAGE_TYPES, SUPPLEMENTAL_COVERAGES } from '../engine/patient';
import { LAUNCH_ROLES, LAUNCH_STATUSES, LAUNCH_TASK_KINDS } from '../engine/launch';
import { DEFAULT_HORIZON_MONTHS } from './defaults';
import { AGE_BANDS, DEMAND_AREAS, type DemandAreaId } from '../engine/demand';
import { areaMissingFigures, notEstimatedProblem } from './market';
import { PAYER_COVERAGE_KEYS, PAYER_TERM_KEYS, SCENARIO_FORMAT_VERSION, type Scenario, type ValidationIssue } from './types';

export type ScenarioValidation =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** "payers[2].weight: must be between 0 and 1"; an issue of the whole document reads "scenario: ...". */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path === '' ? 'scenario' : issue.path}: ${issue.message}`;
}

/**
 * Check a parsed scenario document. Returns the typed scenario when it is valid (the same object, not a
 * copy), or every issue found. The document must already be at the current format version (see
 * `migrateScenario`, or `loadScenario` which does both). With `ref`, also checks the drug codes against the
 * catalog, that the quarter and fee schedule year are loaded and that each drug is priced in the quarter.
 */
export function validateScenario(json: unknown, ref?: ReferenceData): ScenarioValidation {
  const out = new Issues();
  if (!isRecord(json)) {
    out.add('', `must be a JSON object, found ${describe(json)}`);
  } else {
    checkObject(json, '', SCENARIO_SHAPE, out);
    crossCheck(json, out, ref);
  }
  // The cast is sound: every field was checked against the shape of `Scenario` and no issue was found.
  return out.list.length === 0 ? { ok: true, scenario: json as Scenario } : { ok: false, errors: out.list };
}

// ---------------------------------------------------------------------------------------------------
// Issues

class Issues {
  readonly list: ValidationIssue[] = [];
  private readonly paths = new Set<string>();

  add(path: string, message: string): void {
    this.list.push({ path, message });
    this.paths.add(path);
  }

  /** Whether an issue was recorded at this exact path. */
  at(path: string): boolean {
    return this.paths.has(path);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

// ---------------------------------------------------------------------------------------------------
// Rules: each checks one value at one path and records what is wrong with it.

type Rule = (value: unknown, path: string, out: Issues) => void;

interface FieldSpec {
  readonly rule: Rule;
  readonly required: boolean;
}

type Shape = Readonly<Record<string, FieldSpec>>;

const required = (rule: Rule): FieldSpec => ({ rule, required: true });
const optional = (rule: Rule): FieldSpec => ({ rule, required: false });

/**
 * Checks an object against a shape: its fields in the shape's order (each present one by its rule, each
 * missing required one reported), then any unknown fields. A field whose value is `undefined` (possible
 * from code, never from JSON) counts as absent.
 */
function checkObject(value: unknown, path: string, shape: Shape, out: Issues): value is JsonRecord {
  if (!isRecord(value)) {
    out.add(path, `must be an object, found ${describe(value)}`);
    return false;
  }
  for (const [key, spec] of Object.entries(shape)) {
    const fieldValue = value[key];
    if (fieldValue !== undefined) spec.rule(fieldValue, join(path, key), out);
    else if (spec.required) out.add(join(path, key), 'required field is missing');
  }
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key) && value[key] !== undefined) out.add(join(path, key), 'unknown field');
  }
  return true;
}

const objectOf =
  (shape: Shape): Rule =>
  (value, path, out) => {
    checkObject(value, path, shape, out);
  };

interface NumberSpec {
  readonly min: number;
  /** The minimum itself is not allowed. */
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly whole?: boolean;
}

/** The requirement a number rule states, e.g. "must be a whole number of at least 1". */
function numberRequirement(spec: NumberSpec): string {
  const { min, max, minExclusive = false, whole = false } = spec;
  if (whole) {
    return max === undefined ? `must be a whole number of at least ${min}` : `must be a whole number between ${min} and ${max}`;
  }
  if (minExclusive) {
    return max === undefined ? `must be greater than ${min}` : `must be greater than ${min} and at most ${max}`;
  }
  return max === undefined ? `must be at least ${min}` : `must be between ${min} and ${max}`;
}

function numberOk(value: number, spec: NumberSpec): boolean {
  if (spec.whole === true && !Number.isInteger(value)) return false;
  if (spec.minExclusive === true ? value <= spec.min : value < spec.min) return false;
  return spec.max === undefined || value <= spec.max;
}

const numberRule =
  (spec: NumberSpec): Rule =>
  (value, path, out) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) out.add(path, `must be a number, found ${describe(value)}`);
    else if (!numberOk(value, spec)) out.add(path, numberRequirement(spec));
  };

/** A number within its bound of bounds.ts, the field named by the issue's path. */
const bounded = (name: keyof typeof SCENARIO_BOUNDS): Rule => numberRule(SCENARIO_BOUNDS[name]);

const fraction = numberRule({ min: 0, max: 1 });
const weightKg = numberRule({ min: 0, minExclusive: true, max: 400 });

const nonEmptyString: Rule = (value, path, out) => {
  if (typeof value !== 'string') out.add(path, `must be a string, found ${describe(value)}`);
  else if (value.trim() === '') out.add(path, 'must not be empty');
};

const anyString: Rule = (value, path, out) => {
  if (typeof value !== 'string') out.add(path, `must be a string, found ${describe(value)}`);
};

const patternString =
  (pattern: RegExp, requirement: string): Rule =>
  (value, path, out) => {
    if (typeof value !== 'string') out.add(path, `must be a string, found ${describe(value)}`);
    else if (!pattern.test(value)) out.add(path, requirement);
  };

const boolean: Rule = (value, path, out) => {
  if (typeof value !== 'boolean') out.add(path, `must be true or false, found ${describe(value)}`);
};

const oneOf =
  (values: readonly string[]): Rule =>
  (value, path, out) => {
    if (typeof value !== 'string' || !values.includes(value)) out.add(path, `must be one of ${quoteList(values)}`);
  };

const arrayOf =
  (item: Rule, emptyMessage?: string): Rule =>
  (value, path, out) => {
    if (!Array.isArray(value)) {
      out.add(path, `must be an array, found ${describe(value)}`);
      return;
    }
    if (value.length === 0 && emptyMessage !== undefined) out.add(path, emptyMessage);
    value.forEach((element: unknown, i) => {
      item(element, `${path}[${i}]`, out);
    });
  };

// ---------------------------------------------------------------------------------------------------
// The format, field by field (keep in step with types.ts and scenario.schema.json)

export const PAYER_ID_PATTERN = /^[A-Z][A-Z0-9_]*$/;
/** Payer ids as a scenario may write them (any case; resolution upper-cases them, as calc does). */
const PAYER_ID_ANY_CASE = /^[A-Za-z][A-Za-z0-9_]*$/;
export const HCPCS_PATTERN = /^[A-Z][0-9]{4}$/;
export const QUARTER_PATTERN = /^[0-9]{4}Q[1-4]$/;

const payerId = patternString(PAYER_ID_ANY_CASE, 'must be an identifier like "ACME_PPO" (letters, digits and _)');

const priorAuthPayers: Rule = (value, path, out) => {
  arrayOf(payerId)(value, path, out);
  if (!Array.isArray(value)) return;
  value.forEach((id: unknown, i) => {
    if (typeof id === 'string' && value.indexOf(id) < i) out.add(`${path}[${i}]`, `${JSON.stringify(id)} is listed twice`);
  });
};

const DRUG_SOURCE_NAMES = ['buy_and_bill', 'white_bag', 'free_drug'] as const;

const DRUG_SOURCE_SHAPE: Shape = {
  payer: required(payerId),
  source: required(oneOf(DRUG_SOURCE_NAMES)),
  whiteBagShare: optional(fraction),
};

/** A drug's own payer mix: weight by payer id. */
const payerMix: Rule = (value, path, out) => {
  if (!isRecord(value)) {
    out.add(path, `must be an object of weights by payer id, found ${describe(value)}`);
    return;
  }
  for (const [key, weight] of Object.entries(value)) {
    if (!PAYER_ID_ANY_CASE.test(key)) out.add(join(path, key), 'must be a payer id like "ACME_PPO"');
    else fraction(weight, join(path, key), out);
  }
};

// Issue 14, demand (scenario/market.ts).
const DRUG_DEMAND_SHAPE: Shape = {
  area: required(oneOf(DEMAND_AREAS)),
  share: required(fraction),
  adopt: optional(boolean),
};

const prevalenceByBand: Rule = (value, path, out) => {
  if (!Array.isArray(value) || value.length !== AGE_BANDS.length) {
    out.add(path, `must be an array of ${AGE_BANDS.length} fractions, one per age band (${AGE_BANDS.join(', ')})`);
    return;
  }
  value.forEach((v: unknown, i) => fraction(v, `${path}[${i}]`, out));
};

const MARKET_AREA_SHAPE: Shape = {
  area: required(oneOf(DEMAND_AREAS)),
  prevalence: optional(prevalenceByBand),
  infusedShare: optional(fraction),
  startsPerYear: optional(fraction),
  backlog: optional(bounded('referralBacklog')),
  waitWeeks: optional(bounded('waitWeeks')),
};

const MARKET_SHAPE: Shape = {
  adults18to49: required(bounded('adultsInBand')),
  adults50to64: required(bounded('adultsInBand')),
  adults65plus: required(bounded('adultsInBand')),
  driveTimeMinutes: optional(bounded('driveTimeMinutes')),
  travelShare: optional(fraction),
  hospitalOutpatient: optional(bounded('competingSites')),
  otherPractices: optional(bounded('competingSites')),
  homeInfusion: optional(bounded('competingSites')),
  areas: optional(arrayOf(objectOf(MARKET_AREA_SHAPE))),
};

const CUSTOM_DRUG_SHAPE: Shape = {
  name: required(nonEmptyString),
  route: required(oneOf(['IV', 'SC'])),
  complexity: required(oneOf(['complex', 'therapeutic'])),
  dose: optional(bounded('dose')),
  dosePerKg: optional(bounded('dose')),
  infusionMinutes: required(bounded('infusionMinutes')),
  chairExtraMinutes: required(bounded('chairExtraMinutes')),
  loadingDays: optional(arrayOf(numberRule({ min: 0, max: 3650, whole: true }))),
  maintenanceIntervalDays: required((value, path, out) => {
    if (value !== null) numberRule({ min: 1, whole: true })(value, path, out);
  }),
  maxDoses: optional(numberRule({ min: 1, whole: true })),
  vialSizes: optional(arrayOf(numberRule({ min: 0, minExclusive: true, max: 1_000_000 }), 'must list at least one vial size')),
};

const DRUG_SHAPE: Shape = {
  // DOMAIN.md 5.5: what calc accepts, an HCPCS code in any case or a brand or generic name ("j1745", "Remicade").
  hcpcs: required(nonEmptyString),
  dose: optional(bounded('dose')),
  weightKg: optional(weightKg),
  newPatientsPerMonth: required(bounded('newPatientsPerMonth')),
  rampMonths: required(bounded('rampMonths')),
  discontinuationRate: optional(fraction),
  acquisitionPerUnit: optional(bounded('acquisitionPerUnit')),
  wacPerUnit: optional(bounded('wacPerUnit')),
  infusionMinutes: optional(bounded('infusionMinutes')),
  chairExtraMinutes: optional(bounded('chairExtraMinutes')),
  complexity: optional(oneOf(['complex', 'therapeutic'])),
  distributorVerified: required(boolean),
  priorAuthPayers: optional(priorAuthPayers),
  drugSources: optional(arrayOf(objectOf(DRUG_SOURCE_SHAPE))),
  payerMix: optional(payerMix),
  coursesPerYear: optional(numberRule({ min: 0, minExclusive: true, max: 52 })),
  custom: optional(objectOf(CUSTOM_DRUG_SHAPE)),
  demand: optional(objectOf(DRUG_DEMAND_SHAPE)),
};

const DRUG_RULE_KINDS = ['payment_limit', 'asp_plus', 'wac_percent', 'fixed_per_unit'] as const;
const KIND_FIELD = required(oneOf(DRUG_RULE_KINDS));

/** The fields of each kind of drug rule (engine/types.ts DrugRule). */
const DRUG_RULE_SHAPES: Readonly<Record<(typeof DRUG_RULE_KINDS)[number], Shape>> = {
  // 1 = Medicare's payment limit; above 3 is surely a percentage typed as a whole number.
  payment_limit: { kind: KIND_FIELD, factor: required(numberRule({ min: 0, minExclusive: true, max: 3 })) },
  // 0.15 = ASP + 15%.
  asp_plus: { kind: KIND_FIELD, percent: required(numberRule({ min: 0, max: 2 })) },
  // 0.97 = 97% of WAC.
  wac_percent: { kind: KIND_FIELD, percent: required(numberRule({ min: 0, minExclusive: true, max: 2 })) },
  fixed_per_unit: { kind: KIND_FIELD, amount: required(bounded('fixedPerUnit')) },
};

const drugRule: Rule = (value, path, out) => {
  if (!isRecord(value)) {
    out.add(path, `must be an object, found ${describe(value)}`);
    return;
  }
  const kind = value.kind;
  if (kind === undefined) {
    out.add(join(path, 'kind'), 'required field is missing');
  } else if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(DRUG_RULE_SHAPES, kind)) {
    out.add(join(path, 'kind'), `must be one of ${quoteList(DRUG_RULE_KINDS)}`);
  } else {
    checkObject(value, path, DRUG_RULE_SHAPES[kind as keyof typeof DRUG_RULE_SHAPES], out);
  }
};

const drugCoinsurance: Rule = (value, path, out) => {
  if (value !== 'file' && (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)) {
    out.add(path, 'must be "file" or between 0 and 1');
  }
};

/** The contract terms a payer may override (engine/types.ts PayerProfile). */
const PAYER_TERM_RULES: Readonly<Record<(typeof PAYER_TERM_KEYS)[number], Rule>> = {
  drugRule,
  // 1.5 = 150% of the fee schedule; above 5 is surely a percentage typed as a whole number.
  adminPercentOfFeeSchedule: numberRule({ min: 0, max: 5 }),
  drugCoinsurance,
  adminCoinsurance: fraction,
  sequestration: fraction,
  collectionRate: fraction,
  denialWriteOff: fraction,
  paysDiscarded: boolean,
  daysToPayment: bounded('daysToPayment'),
  priorAuthDenialRate: fraction,
};

/** An out-of-pocket maximum: dollars, or null for no limit (traditional Medicare). */
const outOfPocketMax: Rule = (value, path, out) => {
  if (value !== null) bounded('outOfPocketMax')(value, path, out);
};

/** DOMAIN.md 5.7: the patient coverage a payer may state (engine/patient.ts). */
const PAYER_COVERAGE_RULES: Readonly<Record<(typeof PAYER_COVERAGE_KEYS)[number], Rule>> = {
  coverageType: oneOf(COVERAGE_TYPES),
  annualDeductible: bounded('annualDeductible'),
  outOfPocketMax,
  supplemental: oneOf(SUPPLEMENTAL_COVERAGES),
};

const PAYER_SHAPE: Shape = {
  id: required(payerId),
  name: required(nonEmptyString),
  weight: required(fraction),
  basedOn: optional(oneOf(BUILTIN_PAYER_IDS)),
  ...Object.fromEntries(PAYER_TERM_KEYS.map((key) => [key, optional(PAYER_TERM_RULES[key])])),
  drugSource: optional(oneOf(DRUG_SOURCE_NAMES)),
  whiteBagShare: optional(fraction),
  ...Object.fromEntries(PAYER_COVERAGE_KEYS.map((key) => [key, optional(PAYER_COVERAGE_RULES[key])])),
};

const FIXED_COST_SHAPE: Shape = {
  name: required(nonEmptyString),
  monthly: required(bounded('monthlyCost')),
};

const PROGRAM_SHAPE: Shape = {
  chairs: required(bounded('chairs')),
  hoursPerDay: required(numberRule({ min: 0, minExclusive: true, max: 24 })),
  daysPerMonth: required(numberRule({ min: 1, max: 31, whole: true })),
  utilizationTarget: optional(numberRule({ min: 0, minExclusive: true, max: 1 })),
  chairsPerNurse: required(bounded('chairsPerNurse')),
  fixedCosts: required(arrayOf(objectOf(FIXED_COST_SHAPE))),
  startupCosts: required(bounded('startupCosts')),
  planningMonths: optional(bounded('planningMonths')),
  horizonMonths: optional(bounded('horizonMonths')),
  discountRate: required(fraction),
  distributorTermsDays: optional(bounded('distributorTermsDays')),
  inventoryDaysOnHand: optional(bounded('inventoryDaysOnHand')),
  priorAuthDelayDays: optional(bounded('priorAuthDelayDays')),
  priorAuthStaffMinutes: required(bounded('priorAuthStaffMinutes')),
  staffHourlyCost: required(bounded('staffHourlyCost')),
  // DOMAIN.md 5.1 and 5.6.
  whiteBagHandlingCost: optional(bounded('acquisitionPerUnit')),
  promptPayDiscount: optional(fraction),
  gpoDiscount: optional(fraction),
  accessRiskThreshold: optional(bounded('accessRiskThreshold')),
};

// Issue 14: the launch plan (launch-plan.ts, engine/launch.ts).

/** A task-force member's name: a staff member's, short, without digits (no record numbers or dates: no patient data is stored). */
const memberName: Rule = (value, path, out) => {
  nonEmptyString(value, path, out);
  if (typeof value !== 'string' || out.at(path)) return;
  if (value.length > 80) out.add(path, 'must be at most 80 characters (a staff member\'s name)');
  else if (/[0-9]/.test(value)) out.add(path, 'must be a staff member\'s name without digits (no record numbers or dates: the plan holds no patient data)');
};

const LAUNCH_MEMBER_SHAPE: Shape = {
  role: required(oneOf(LAUNCH_ROLES)),
  name: optional(memberName),
};

const LAUNCH_TASK_SHAPE: Shape = {
  name: required(nonEmptyString),
  kind: required(oneOf(LAUNCH_TASK_KINDS)),
  owner: required(oneOf(LAUNCH_ROLES)),
  startMonth: required(bounded('launchTaskMonth')),
  endMonth: required(bounded('launchTaskMonth')),
  cost: required(bounded('launchTaskCost')),
  status: required(oneOf(LAUNCH_STATUSES)),
  drug: optional(nonEmptyString),
  payer: optional(payerId),
  note: optional(anyString),
};

const LAUNCH_PLAN_SHAPE: Shape = {
  months: required(bounded('launchPlanMonths')),
  team: required(arrayOf(objectOf(LAUNCH_MEMBER_SHAPE), 'must name at least one role of the task force')),
  tasks: required(arrayOf(objectOf(LAUNCH_TASK_SHAPE))),
  template: optional(boolean),
};

const version: Rule = (value, path, out) => {
  if (value !== SCENARIO_FORMAT_VERSION) {
    out.add(path, `must be ${SCENARIO_FORMAT_VERSION} (migrateScenario brings older versions up to it)`);
  }
};

const SCENARIO_SHAPE: Shape = {
  $schema: optional(anyString),
  version: required(version),
  name: required(nonEmptyString),
  practiceName: required(nonEmptyString),
  quarter: optional(patternString(QUARTER_PATTERN, 'must be a quarter like "2026Q1"')),
  feeScheduleYear: optional(numberRule({ min: 2000, max: 2100, whole: true })),
  patientWeightKg: optional(weightKg),
  drugs: required(arrayOf(objectOf(DRUG_SHAPE), 'must list at least one drug')),
  payers: required(arrayOf(objectOf(PAYER_SHAPE), 'must list at least one payer')),
  program: required(objectOf(PROGRAM_SHAPE)),
  launchPlan: optional(objectOf(LAUNCH_PLAN_SHAPE)),
  market: optional(objectOf(MARKET_SHAPE)),
};

// ---------------------------------------------------------------------------------------------------
// Checks across fields, and against the reference data. Each runs only on values that passed their own
// field's rule, so one wrong value gives one issue.

function crossCheck(doc: JsonRecord, out: Issues, ref: ReferenceData | undefined): void {
  const drugs = Array.isArray(doc.drugs) ? doc.drugs.map((d: unknown) => (isRecord(d) ? d : undefined)) : [];
  const payers = Array.isArray(doc.payers) ? doc.payers.map((p: unknown) => (isRecord(p) ? p : undefined)) : [];

  const quarter = ref === undefined ? undefined : checkQuarter(doc, out, ref);
  if (ref !== undefined) checkFeeScheduleYear(doc, out, ref);

  const payerIds = new Set<string>();
  const wacPayers: string[] = [];
  payers.forEach((payer, i) => {
    if (payer === undefined) return;
    if (typeof payer.id === 'string') payerIds.add(payer.id.toUpperCase());
    if (isRecord(payer.drugRule) && payer.drugRule.kind === 'wac_percent' && typeof payer.id === 'string') {
      if (!out.at(`payers[${i}].id`)) wacPayers.push(payer.id);
    }
  });

  const seenCodes = new Map<string, number>();
  drugs.forEach((drug, i) => {
    if (drug === undefined) return;
    const path = `drugs[${i}]`;
    const code = drug.hcpcs;
    if (typeof code === 'string' && !out.at(`${path}.hcpcs`)) {
      const key = (ref === undefined ? undefined : findCatalogDrug(ref, code)?.hcpcs) ?? code.trim().toUpperCase();
      const first = seenCodes.get(key);
      if (first !== undefined) out.add(`${path}.hcpcs`, `duplicate drug ${JSON.stringify(code)} (also drugs[${first}])`);
      else seenCodes.set(key, i);
      if (ref !== undefined && isRecord(drug.custom)) checkCustomDrug(code, drug.custom, path, quarter, out, ref);
      else if (ref !== undefined) checkCatalogCode(code, `${path}.hcpcs`, quarter, out, ref);
      if (ref !== undefined && drug.custom === undefined && typeof drug.dose === 'number' && !out.at(`${path}.dose`) && !out.at(`${path}.hcpcs`)) {
        const weight = typeof drug.weightKg === 'number' ? drug.weightKg : typeof doc.patientWeightKg === 'number' ? doc.patientWeightKg : DEFAULT_WEIGHT_KG;
        const finding = doseFinding(ref, quarter, code, drug.dose, weight, `${path}.dose`);
        if (finding?.level === 'refuse') out.add(`${path}.dose`, finding.problem);
      }
    }
    if (Array.isArray(drug.priorAuthPayers) && Array.isArray(doc.payers)) {
      drug.priorAuthPayers.forEach((id: unknown, j) => {
        const idPath = `${path}.priorAuthPayers[${j}]`;
        if (typeof id === 'string' && !out.at(idPath) && !payerIds.has(id.toUpperCase())) {
          out.add(idPath, `payer ${JSON.stringify(id)} is not in payers`);
        }
      });
    }
    if (Array.isArray(drug.drugSources)) {
      drug.drugSources.forEach((src: unknown, j) => {
        if (!isRecord(src)) return;
        const srcPath = `${path}.drugSources[${j}]`;
        if (typeof src.payer === 'string' && !out.at(`${srcPath}.payer`) && !payerIds.has(src.payer.toUpperCase())) {
          out.add(`${srcPath}.payer`, `payer ${JSON.stringify(src.payer)} is not in payers`);
        }
        if (src.whiteBagShare !== undefined && src.source !== 'buy_and_bill' && !out.at(`${srcPath}.source`)) {
          out.add(`${srcPath}.whiteBagShare`, 'applies only with source "buy_and_bill" (white_bag sends every patient\'s drug, free_drug none)');
        }
      });
    }
    if (isRecord(drug.payerMix) && !out.at(`${path}.payerMix`)) {
      let total = ZERO;
      let complete = true;
      for (const [key, weight] of Object.entries(drug.payerMix)) {
        if (out.at(`${path}.payerMix.${key}`) || typeof weight !== 'number') {
          complete = false;
          continue;
        }
        if (!payerIds.has(key.toUpperCase())) out.add(`${path}.payerMix.${key}`, `payer ${JSON.stringify(key)} is not in payers`);
        total = total.plus(dec(weight));
      }
      if (complete && total.minus(1).abs().greaterThan(SCENARIO_WEIGHT_TOLERANCE)) {
        out.add(`${path}.payerMix`, `weights sum to ${total.toString()}, must sum to 1`);
      }
    }
    if (drug.wacPerUnit === undefined && wacPayers.length > 0) {
      out.add(`${path}.wacPerUnit`, `required because payer ${JSON.stringify(wacPayers[0])} pays a percent of WAC`);
    }
  });

  const seenIds = new Map<string, number>();
  payers.forEach((payer, i) => {
    if (payer === undefined) return;
    const path = `payers[${i}]`;
    const id = payer.id;
    if (typeof id !== 'string' || out.at(`${path}.id`)) return;
    const first = seenIds.get(id);
    if (first !== undefined) out.add(`${path}.id`, `duplicate payer id ${JSON.stringify(id)} (also payers[${first}])`);
    else seenIds.set(id, i);
    if (payer.whiteBagShare !== undefined && payer.drugSource !== undefined && payer.drugSource !== 'buy_and_bill' && !out.at(`${path}.drugSource`)) {
      out.add(`${path}.whiteBagShare`, 'applies only with drugSource "buy_and_bill"');
    }
    if (builtinPayer(id) === undefined && payer.basedOn === undefined) {
      const missing = PAYER_TERM_KEYS.filter((key) => payer[key] === undefined);
      if (missing.length > 0) {
        out.add(
          `${path}.basedOn`,
          `required for custom payer ${JSON.stringify(id)} unless every contract term is given (missing: ${missing.join(', ')})`,
        );
      }
    }
  });

  checkWeightSum(payers, out);
  if (isRecord(doc.launchPlan)) checkLaunchPlan(doc, doc.launchPlan, drugs, payerIds, out, ref);
  checkMarket(doc, drugs, out);
}

/**
 * Issue 14: a task's months in order and within the projection, the drug or payer it unblocks in the scenario,
 * its owner a role of the task force; the program's planning months, when given, the plan's length.
 */
function checkLaunchPlan(doc: JsonRecord, plan: JsonRecord, drugs: readonly (JsonRecord | undefined)[], payerIds: ReadonlySet<string>, out: Issues, ref: ReferenceData | undefined): void {
  const drugKey = (name: string): string => (ref === undefined ? undefined : findCatalogDrug(ref, name)?.hcpcs) ?? name.trim().toUpperCase();
  const codes = new Set(drugs.flatMap((d) => (d !== undefined && typeof d.hcpcs === 'string' ? [drugKey(d.hcpcs)] : [])));
  const roles = new Set(Array.isArray(plan.team) ? plan.team.flatMap((m: unknown) => (isRecord(m) && typeof m.role === 'string' ? [m.role] : [])) : []);
  const months = typeof plan.months === 'number' && !out.at('launchPlan.months') ? plan.months : undefined;
  const program = isRecord(doc.program) ? doc.program : undefined;
  const horizon = program !== undefined && typeof program.horizonMonths === 'number' ? program.horizonMonths : DEFAULT_HORIZON_MONTHS.value;
  if (months !== undefined && program !== undefined && typeof program.planningMonths === 'number' && !out.at('program.planningMonths') && program.planningMonths !== months) {
    out.add('program.planningMonths', `must be the launch plan's length (launchPlan.months = ${months}) or left out: the plan sets the planning months`);
  }
  if (!Array.isArray(plan.tasks)) return;
  plan.tasks.forEach((task: unknown, i) => {
    if (!isRecord(task)) return;
    const path = `launchPlan.tasks[${i}]`;
    const ok = (field: string): boolean => task[field] !== undefined && !out.at(`${path}.${field}`);
    if (ok('startMonth') && ok('endMonth') && (task.endMonth as number) < (task.startMonth as number)) {
      out.add(`${path}.endMonth`, `must be at least the start month (${String(task.startMonth)})`);
    } else if (ok('endMonth') && months !== undefined && (task.endMonth as number) > months + horizon) {
      out.add(`${path}.endMonth`, `must be within the projection: at most ${months + horizon} (${months} planning + ${horizon} operating months)`);
    }
    if (ok('owner') && !roles.has(task.owner as string)) out.add(`${path}.owner`, `${JSON.stringify(task.owner)} is not a role of the task force (launchPlan.team)`);
    if (task.kind === 'distributor' && task.drug === undefined) out.add(`${path}.drug`, 'required for a distributor task: the drug it makes available');
    if (task.kind === 'prior_auth' && task.payer === undefined) out.add(`${path}.payer`, 'required for a prior-authorization workflow: the payer it is for');
    if (ok('drug') && !codes.has(drugKey(task.drug as string))) out.add(`${path}.drug`, `drug ${JSON.stringify(task.drug)} is not in drugs`);
    if (ok('payer') && !payerIds.has((task.payer as string).toUpperCase())) out.add(`${path}.payer`, `payer ${JSON.stringify(task.payer)} is not in payers`);
  });
}

/**
 * Issue 14: a drug's demand claim needs the market, and adopting the derived figure needs an area that is
 * estimated (no default where no public figure exists: the practice enters its own); an area is listed once in
 * the market.
 */
function checkMarket(doc: JsonRecord, drugs: readonly (JsonRecord | undefined)[], out: Issues): void {
  const marketAreas = isRecord(doc.market) && Array.isArray(doc.market.areas) ? doc.market.areas.filter(isRecord) : [];
  drugs.forEach((drug, i) => {
    if (drug === undefined || drug.demand === undefined) return;
    if (doc.market === undefined) {
      out.add(`drugs[${i}].demand`, 'needs the scenario\'s market (the service area the demand comes from)');
      return;
    }
    const claim = drug.demand;
    if (!isRecord(claim) || claim.adopt !== true || out.at(`drugs[${i}].demand.area`) || !DEMAND_AREAS.includes(claim.area as DemandAreaId)) return;
    const area = claim.area as DemandAreaId;
    const missing = areaMissingFigures(area, marketAreas.find((a) => a.area === area));
    if (missing.length > 0) out.add(`drugs[${i}].demand.adopt`, notEstimatedProblem(area, missing));
  });
  if (!isRecord(doc.market) || !Array.isArray(doc.market.areas)) return;
  const seen = new Map<string, number>();
  doc.market.areas.forEach((a: unknown, i) => {
    if (!isRecord(a) || typeof a.area !== 'string') return;
    const first = seen.get(a.area);
    if (first !== undefined) out.add(`market.areas[${i}].area`, `duplicate area ${JSON.stringify(a.area)} (also market.areas[${first}])`);
    else seen.set(a.area, i);
  });
}

/** The quarter the scenario prices drugs in (given or the newest loaded), or undefined when not loaded. */
function checkQuarter(doc: JsonRecord, out: Issues, ref: ReferenceData): string | undefined {
  if (doc.quarter === undefined) return newestQuarter(ref);
  if (typeof doc.quarter !== 'string' || out.at('quarter')) return undefined;
  if (findQuarter(ref, doc.quarter) === undefined) {
    out.add('quarter', `no payment limits loaded for ${JSON.stringify(doc.quarter)} (loaded: ${loadedQuarters(ref).join(', ')})`);
    return undefined;
  }
  return doc.quarter;
}

function checkFeeScheduleYear(doc: JsonRecord, out: Issues, ref: ReferenceData): void {
  const year = doc.feeScheduleYear;
  if (typeof year !== 'number' || out.at('feeScheduleYear')) return;
  const years = loadedFeeScheduleYears(ref);
  if (!years.includes(year)) out.add('feeScheduleYear', `no fee schedule loaded for ${year} (loaded: ${years.join(', ')})`);
}

/**
 * DOMAIN.md 5.5: a dose checked against the label's maintenance dose at the weight; undefined when the drug or its
 * billing unit is not known (other checks report those).
 */
export function doseFinding(ref: ReferenceData, quarterId: string | undefined, code: string, dose: number, weightKg: number, field: string): DoseFinding | undefined {
  const drug = findCatalogDrug(ref, code);
  const quarter = quarterId === undefined ? undefined : findQuarter(ref, quarterId);
  const row = quarter?.rows.find((r) => r.hcpcs === drug?.hcpcs);
  const unit = row === undefined ? null : parseBillingUnit(row.dosage);
  if (drug === undefined || unit === null || !(dose > 0) || !(weightKg > 0)) return undefined;
  return checkDose(drug, dec(dose), unit.measure, weightKg, field) ?? undefined;
}

/** DOMAIN.md 5.4: a user's drug: a code outside the catalog that the quarter prices, one dose, vial sizes known. */
function checkCustomDrug(given: string, custom: JsonRecord, path: string, quarterId: string | undefined, out: Issues, ref: ReferenceData): void {
  const code = given.trim().toUpperCase();
  if (!HCPCS_PATTERN.test(code)) {
    out.add(`${path}.hcpcs`, 'must be an HCPCS code like "J0202" for a drug of your own');
    return;
  }
  if (findCatalogDrug(ref, code) !== undefined) {
    out.add(`${path}.custom`, `${JSON.stringify(code)} is in the catalog: leave out custom to use the catalog's facts`);
    return;
  }
  const quarter = quarterId === undefined ? undefined : findQuarter(ref, quarterId);
  if (quarter !== undefined && !isPriced(quarter, code)) out.add(`${path}.hcpcs`, `${JSON.stringify(code)} has no payment limit in ${quarter.quarter}`);
  if ((custom.dose === undefined) === (custom.dosePerKg === undefined)) out.add(`${path}.custom`, 'give one of dose and dosePerKg');
  if (custom.vialSizes === undefined && (ref.vialSizes[code] ?? []).length === 0) {
    out.add(`${path}.custom.vialSizes`, `required: the crosswalk lists no vial sizes for ${JSON.stringify(code)}`);
  }
}

function checkCatalogCode(given: string, path: string, quarterId: string | undefined, out: Issues, ref: ReferenceData): void {
  const drug = findCatalogDrug(ref, given);
  if (drug === undefined) {
    const suggestion = closest(given, catalogNames(ref));
    const what = HCPCS_PATTERN.test(given.trim().toUpperCase()) ? 'code' : 'drug';
    out.add(path, `unknown ${what} ${JSON.stringify(given)} (not in the catalog)${suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`}`);
    return;
  }
  const code = drug.hcpcs;
  const quarter = quarterId === undefined ? undefined : findQuarter(ref, quarterId);
  if (quarter === undefined) return;
  if (!isPriced(quarter, code)) {
    out.add(path, `${JSON.stringify(code)} has no payment limit in ${quarter.quarter}`);
  } else if (drug.referenceHcpcs !== null && !isPriced(quarter, drug.referenceHcpcs)) {
    // DOMAIN.md 2.1: a biosimilar's ASP is derived from its reference product's.
    out.add(
      path,
      `${JSON.stringify(code)} is a biosimilar of ${JSON.stringify(drug.referenceHcpcs)}, which has no payment limit in ${quarter.quarter}`,
    );
  }
}

/**
 * DOMAIN.md 2.7 and 5.5: the weights sum to 1 within 0.001 (0.333 x 3 is accepted; the resolved scenario
 * scales them to sum to exactly 1); checked only when every weight is
 * itself valid. Summed in decimal, so that 0.4 + 0.2 + 0.1 + 0.27 + 0.03 is 1 and the sum in the message
 * reads as the user wrote the weights.
 */
function checkWeightSum(payers: readonly (JsonRecord | undefined)[], out: Issues): void {
  if (payers.length === 0) return;
  let sum = ZERO;
  for (let i = 0; i < payers.length; i++) {
    const weight = payers[i]?.weight;
    if (typeof weight !== 'number' || out.at(`payers[${i}].weight`)) return;
    sum = sum.plus(dec(weight));
  }
  if (sum.minus(1).abs().greaterThan(SCENARIO_WEIGHT_TOLERANCE)) {
    out.add('payers', `weights sum to ${sum.toString()}, must sum to 1`);
  }
}

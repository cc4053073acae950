/**
 * The scenario file format (version 1): the one description of a proposed formulary and program that a
 * financial counselor edits (DESIGN.md "Scenario file"). Plain JSON data; fractions are numbers (0.15 =
 * 15%), money is dollars as numbers (the engine converts them to decimal.js through their string form).
 *
 * Every optional field has a default whose value, label and source live in `defaults.ts`; `resolve.ts`
 * turns a scenario into the engine's `ModelInput`. `scenario.schema.json` states the same format as a JSON
 * Schema, and a test holds the two together.
 */
import type { Complexity } from '../engine/reference';
import type { PayerProfile } from '../engine/types';

/** The format version this code reads and writes. `migrate.ts` brings older files up to it. */
export const SCENARIO_FORMAT_VERSION = 1;

/** One drug of the proposed formulary. */
export interface ScenarioDrug {
  /** HCPCS code of a catalog product, e.g. "Q5121". */
  readonly hcpcs: string;
  /** Dose override in the drug's billing measure (mg, mcg or units); a fixed amount. Default: the catalog's. */
  readonly dose?: number;
  /** Patient weight for a weight-based dose, kg. Default: the scenario's `patientWeightKg`. */
  readonly weightKg?: number;
  /** New patients starting the drug each month once the ramp is over. */
  readonly newPatientsPerMonth: number;
  /** Months of linear ramp to reach `newPatientsPerMonth` (0 = from the first month). */
  readonly rampMonths: number;
  /** Fraction of active patients who stop the drug in a year. */
  readonly discontinuationRate?: number;
  /** Contract acquisition price per billing unit, dollars. Default: the derived ASP (DOMAIN.md 2.7). */
  readonly acquisitionPerUnit?: number;
  /** Wholesale acquisition cost per billing unit, dollars; needed when a payer pays a percent of WAC. */
  readonly wacPerUnit?: number;
  /** Infusion minutes override (0 for SC). Default: the catalog's. */
  readonly infusionMinutes?: number;
  /** Chair preparation and observation minutes override. Default: the catalog's. */
  readonly chairExtraMinutes?: number;
  /** Administration coding complexity override (contractors differ). Default: the catalog's. */
  readonly complexity?: Complexity;
  /** Whether the distributor has confirmed it can supply the drug (DOMAIN.md 1, step 3). */
  readonly distributorVerified: boolean;
  /** Ids of the scenario's payers that require prior authorization for this drug. */
  readonly priorAuthPayers?: readonly string[];
}

/** The contract terms of a payer profile: everything but its id and name. */
export type PayerTerms = Omit<PayerProfile, 'id' | 'name'>;

/** The names of the contract terms, in the order they are listed and checked. */
export const PAYER_TERM_KEYS = [
  'drugRule',
  'adminPercentOfFeeSchedule',
  'drugCoinsurance',
  'adminCoinsurance',
  'sequestration',
  'collectionRate',
  'denialWriteOff',
  'paysDiscarded',
  'daysToPayment',
  'priorAuthDenialRate',
] as const satisfies readonly (keyof PayerTerms)[];

/**
 * One payer of the mix. A built-in id (MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY) starts
 * from that built-in profile; a custom id starts from `basedOn`, or gives every term. Any term given here
 * overrides the starting point.
 */
export interface ScenarioPayer extends Partial<PayerTerms> {
  /** Upper-case identifier, e.g. "MEDICARE" or "ACME_PPO". */
  readonly id: string;
  readonly name: string;
  /** Share of patients, a fraction; the weights of all payers sum to 1. */
  readonly weight: number;
  /** The built-in profile whose terms are the starting point. */
  readonly basedOn?: string;
}

export interface ScenarioFixedCost {
  readonly name: string;
  /** Dollars a month. */
  readonly monthly: number;
}

/** Capacity, costs, horizon and cash terms of the program. */
export interface ScenarioProgram {
  readonly chairs: number;
  readonly hoursPerDay: number;
  readonly daysPerMonth: number;
  /** Target chair utilization, a fraction. */
  readonly utilizationTarget?: number;
  readonly chairsPerNurse: number;
  readonly fixedCosts: readonly ScenarioFixedCost[];
  /** One-time costs before launch, dollars. */
  readonly startupCosts: number;
  readonly planningMonths?: number;
  readonly horizonMonths?: number;
  /** Annual discount rate for NPV, a fraction. */
  readonly discountRate: number;
  /** Days after administration the practice pays the distributor. */
  readonly distributorTermsDays?: number;
  /** Days of drug use the practice keeps on hand as inventory (working capital); default 7. */
  readonly inventoryDaysOnHand?: number;
  /** Days prior authorization delays a new patient's first dose. */
  readonly priorAuthDelayDays?: number;
  /** Staff minutes one prior authorization takes. */
  readonly priorAuthStaffMinutes: number;
  /** Loaded cost of an hour of prior-authorization staff time, dollars. */
  readonly staffHourlyCost: number;
}

/** A scenario file, format version 1. */
export interface Scenario {
  /** Optional pointer to the JSON Schema, for editors; ignored. */
  readonly $schema?: string;
  readonly version: typeof SCENARIO_FORMAT_VERSION;
  /** Name of the scenario, e.g. "Specialty infusions, base case". */
  readonly name: string;
  readonly practiceName: string;
  /** Quarter of CMS payment limits, e.g. "2026Q1". Default: the newest loaded. */
  readonly quarter?: string;
  /** Physician fee schedule year, e.g. 2026. Default: the newest loaded. */
  readonly feeScheduleYear?: number;
  /** Patient weight for weight-based doses, kg. */
  readonly patientWeightKg?: number;
  readonly drugs: readonly ScenarioDrug[];
  readonly payers: readonly ScenarioPayer[];
  readonly program: ScenarioProgram;
}

/** One problem found in a scenario document: the field's path and what is wrong with it. */
export interface ValidationIssue {
  /** Path of the field, e.g. "payers[2].weight"; "" for the document itself. */
  readonly path: string;
  /** The problem, e.g. "must be between 0 and 1". */
  readonly message: string;
}

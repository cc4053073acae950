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
import type { DrugSource, PayerProfile } from '../engine/types';
import type { ScenarioLaunchPlan } from './launch-plan';
import type { DemandAreaId } from '../engine/demand';

/** DOMAIN.md 5.1: one payer's drug source for one drug, overriding the payer's own. */
export interface ScenarioDrugSource {
  /** The payer's id (one of the scenario's payers). */
  readonly payer: string;
  readonly source: DrugSource;
  /** With `buy_and_bill`: the share of this payer's patients on the drug who are white-bagged (0-1). */
  readonly whiteBagShare?: number;
}

/** The format version this code reads and writes. `migrate.ts` brings older files up to it. */
export const SCENARIO_FORMAT_VERSION = 1;

/**
 * DOMAIN.md 5.4: a drug the catalog lacks, added by the user: any HCPCS code the CMS file prices, with the
 * facts the catalog would hold. Labelled as the user's wherever it is shown.
 */
export interface ScenarioCustomDrug {
  /** The user's name for it, e.g. "Lemtrada (alemtuzumab)". */
  readonly name: string;
  readonly route: 'IV' | 'SC';
  readonly complexity: Complexity;
  /** Maintenance dose in the billing measure, a fixed amount; or `dosePerKg`. */
  readonly dose?: number;
  /** Maintenance dose per kg of body weight, in the billing measure. */
  readonly dosePerKg?: number;
  readonly infusionMinutes: number;
  readonly chairExtraMinutes: number;
  /** Loading days from the first dose (default: none, the first dose is day 0). */
  readonly loadingDays?: readonly number[];
  /** Days between maintenance doses after the last loading day; null when the regimen ends. */
  readonly maintenanceIntervalDays: number | null;
  /** Doses in a finite course; default none (ongoing). */
  readonly maxDoses?: number;
  /** Billing units per vial; default: the CMS NDC-HCPCS crosswalk's for the code. */
  readonly vialSizes?: readonly number[];
}

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
  /** DOMAIN.md 5.1: drug source per payer for this drug; a payer not listed uses its own. */
  readonly drugSources?: readonly ScenarioDrugSource[];
  /**
   * DOMAIN.md 5.2: this drug's own payer mix, weight by payer id (a payer left out weighs 0); the weights
   * sum to 1. Default: the program's mix (the payers' weights).
   */
  readonly payerMix?: Readonly<Record<string, number>>;
  /** DOMAIN.md 5.3: courses a year for a drug given in courses (IV iron, rituximab). Default: the label's. */
  readonly coursesPerYear?: number;
  /** DOMAIN.md 5.4: the facts of a drug the catalog lacks (then `hcpcs` is its code, priced by CMS). */
  readonly custom?: ScenarioCustomDrug;
  /** Issue 14: the drug's claim on the market's demand (needs the scenario's `market`). */
  readonly demand?: ScenarioDrugDemand;
}

// ---- Issue 14, demand: the service area and market (engine/demand.ts) ----

/** Issue 14: a drug's share of a therapeutic area's new patients, and whether its volume is that figure. */
export interface ScenarioDrugDemand {
  readonly area: DemandAreaId;
  /** The drug's share of the area's new patients at the practice, a fraction. */
  readonly share: number;
  /**
   * true: the drug's volume is the derived figure (a derived default; `newPatientsPerMonth` is kept for when
   * the user goes back to it). false or absent: the scenario's own figure, with the gap shown.
   */
  readonly adopt?: boolean;
}

/** Issue 14: one therapeutic area's figures, overriding the product's defaults (src/data/demand.ts). */
export interface ScenarioMarketArea {
  readonly area: DemandAreaId;
  /** Prevalence among adults by age band [18-49, 50-64, 65+], fractions. */
  readonly prevalence?: readonly [number, number, number];
  /** Share of the diagnosed on an infused therapy. */
  readonly infusedShare?: number;
  /** New starts and switches onto an infused therapy a year, a share of those on one. */
  readonly startsPerYear?: number;
  /** Patients referred and waiting for a first infusion elsewhere. Default 0. */
  readonly backlog?: number;
  /** Current wait to a first infusion elsewhere, weeks. Default 0. */
  readonly waitWeeks?: number;
}

/** Issue 14: the practice's service area (user-entered, e.g. from the Census Bureau's county tables). */
export interface ScenarioMarket {
  readonly adults18to49: number;
  readonly adults50to64: number;
  readonly adults65plus: number;
  /** The drive time the travel share is counted beyond, minutes. Default 60. */
  readonly driveTimeMinutes?: number;
  /** Share of the area's patients who now travel beyond the drive time for infusions. Default 0. */
  readonly travelShare?: number;
  /** Competing infusion sites in the area. Each default 0. */
  readonly hospitalOutpatient?: number;
  readonly otherPractices?: number;
  readonly homeInfusion?: number;
  /** Areas whose figures differ from the defaults; an area left out uses the defaults. */
  readonly areas?: readonly ScenarioMarketArea[];
}

// ---- end of issue 14 ----

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
 * DOMAIN.md 5.1: the payer's drug source terms. Not contract terms of the claim: they default to buy-and-bill
 * with nothing white-bagged (SELF_PAY: free drug) for any payer, so a custom payer need not give them.
 */
export const PAYER_SOURCE_KEYS = ['drugSource', 'whiteBagShare'] as const satisfies readonly (keyof PayerTerms)[];

/**
 * DOMAIN.md 5.7: the patient coverage a payer may state (optional for every payer, built-in or custom; each
 * missing one is the default of the payer's built-in id or basedOn, engine/patient.ts). Not contract terms:
 * they move what the patient pays, never the practice's revenue.
 */
export const PAYER_COVERAGE_KEYS = ['coverageType', 'annualDeductible', 'outOfPocketMax', 'supplemental'] as const satisfies readonly (keyof PayerTerms)[];

/**
 * One payer of the mix. A built-in id (MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY) starts
 * from that built-in profile; a custom id starts from `basedOn`, or gives every term. Any term given here
 * overrides the starting point.
 */
export interface ScenarioPayer extends Partial<PayerTerms> {
  /** DOMAIN.md 5.1: where this payer's patients' drug comes from. Default: the built-in profile's. */
  readonly drugSource?: DrugSource;
  /** DOMAIN.md 5.1: with `buy_and_bill`, the share of the payer's patients white-bagged. Default 0. */
  readonly whiteBagShare?: number;
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
  /** DOMAIN.md 5.1: the practice's handling cost of one white-bagged administration, dollars (default 0). */
  readonly whiteBagHandlingCost?: number;
  /** DOMAIN.md 5.6: distributor prompt-pay discount on the default (ASP) price, a fraction (default 0). */
  readonly promptPayDiscount?: number;
  /** DOMAIN.md 5.6: GPO discount on the default (ASP) price, a fraction (default 0). */
  readonly gpoDiscount?: number;
  /** DOMAIN.md 5.7 access risk: a patient's annual out-of-pocket above this, without help, is counted at risk, dollars. Default $2,000. */
  readonly accessRiskThreshold?: number;
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
  /**
   * Issue 14: the task force's launch plan (launch-plan.ts). When present it sets the planning months (its
   * `months`), replaces program.startupCosts by its tasks' costs in the months they run, and holds a drug back
   * until its distributor and prior-authorization tasks end (engine/launch.ts).
   */
  readonly launchPlan?: ScenarioLaunchPlan;
  /** Issue 14: the service area and market that demand is estimated from. */
  readonly market?: ScenarioMarket;
}

/** One problem found in a scenario document: the field's path and what is wrong with it. */
export interface ValidationIssue {
  /** Path of the field, e.g. "payers[2].weight"; "" for the document itself. */
  readonly path: string;
  /** The problem, e.g. "must be between 0 and 1". */
  readonly message: string;
}

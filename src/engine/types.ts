/**
 * The engine's input types: payer profiles and the model input the scenario layer resolves a scenario
 * into. Plain, JSON-friendly data (fractions as numbers, e.g. 0.2 for 20%); the engine converts every
 * number to decimal.js through its string form before any arithmetic.
 */
import type { LaunchPlanInput } from './launch';
import type { CoverageType, SupplementalCoverage } from './patient';
import type { Complexity, DoseBasis, RegimenSpec, Route } from './reference';
import type { DemandInput } from './demand';

/** DOMAIN.md 2.6: how a payer prices the drug line. */
export type DrugRule =
  /** CMS payment limit x factor (1 = Medicare's rate). */
  | { readonly kind: 'payment_limit'; readonly factor: number }
  /** ASP x (1 + percent); percent 0.15 = ASP + 15%. */
  | { readonly kind: 'asp_plus'; readonly percent: number }
  /** WAC x percent; needs the drug's WAC per unit. */
  | { readonly kind: 'wac_percent'; readonly percent: number }
  /** A fixed amount per billing unit, whatever the drug (rarely useful beyond one-drug contracts). */
  | { readonly kind: 'fixed_per_unit'; readonly amount: number };

/**
 * DOMAIN.md 5.1: where the drug of an administration comes from. `buy_and_bill`: the practice buys the drug
 * and bills it; `white_bag`: the payer's specialty pharmacy ships it for the patient (the practice bills
 * administration only, with a handling cost); `free_drug`: a manufacturer patient-assistance program gives it
 * (the practice bills administration only).
 */
export type DrugSource = 'buy_and_bill' | 'white_bag' | 'free_drug';

export const DRUG_SOURCES: readonly DrugSource[] = ['buy_and_bill', 'white_bag', 'free_drug'];

/** A payer's drug source for a drug: the source, and for `buy_and_bill` the share of patients white-bagged. */
export interface DrugSourceTerms {
  readonly source: DrugSource;
  /** Fraction of the payer's patients whose drug is white-bagged (only with `buy_and_bill`; 0-1). */
  readonly whiteBagShare: number;
}

/** DOMAIN.md 2.6 and 5.2: a payer profile. Every figure is a default the user can change. */
export interface PayerProfile {
  readonly id: string;
  readonly name: string;
  readonly drugRule: DrugRule;
  /** Administration allowed amount as a fraction of the fee schedule (1.5 = 150%). */
  readonly adminPercentOfFeeSchedule: number;
  /** Patient share of the drug line: 'file' = the CMS file's co-insurance percentage, or a fraction. */
  readonly drugCoinsurance: 'file' | number;
  /** Patient share of the administration lines, a fraction. */
  readonly adminCoinsurance: number;
  /** Sequestration cut on the payer-paid portion (0.02 for Medicare fee-for-service). */
  readonly sequestration: number;
  /** Fraction of the patient share the practice collects. */
  readonly collectionRate: number;
  /** Fraction of collected revenue written off to denials. */
  readonly denialWriteOff: number;
  /** Whether discarded units (JW line) are paid. */
  readonly paysDiscarded: boolean;
  /** Days from administration to payment. */
  readonly daysToPayment: number;
  /** Fraction of prior-authorization requests denied (lowers volume, not the claim). */
  readonly priorAuthDenialRate: number;
  /** DOMAIN.md 5.1: where the drug comes from; absent = `buy_and_bill`. */
  readonly drugSource?: DrugSource;
  /** DOMAIN.md 5.1: share of patients white-bagged under `buy_and_bill`; absent = 0. */
  readonly whiteBagShare?: number;
  /** DOMAIN.md 5.7, patient coverage (optional; absent = the default of the profile's id, patient.ts). */
  readonly coverageType?: CoverageType;
  /** Annual deductible the patient meets first, dollars. */
  readonly annualDeductible?: number;
  /** Annual out-of-pocket maximum, dollars; null = no limit (traditional Medicare). */
  readonly outOfPocketMax?: number | null;
  /** Supplemental coverage of the patient: none, Medigap plan G, Medicaid as secondary (QMB). */
  readonly supplemental?: SupplementalCoverage;
}

/** A drug as the model uses it: catalog facts with the scenario's overrides applied. */
export interface DrugLineInput {
  readonly hcpcs: string;
  readonly label: string;
  readonly route: Route;
  readonly complexity: Complexity;
  readonly dose: DoseBasis;
  readonly regimen: RegimenSpec;
  /** Patient weight for weight-based doses, kg. */
  readonly weightKg: number;
  readonly infusionMinutes: number;
  readonly chairExtraMinutes: number;
  readonly vialSizes: readonly number[];
  /** Acquisition price per billing unit; null = the default (derived ASP). */
  readonly acquisitionPerUnit: number | null;
  /** WAC per billing unit, for payers paid as a percent of WAC. */
  readonly wacPerUnit: number | null;
  /** New patients per month at target. */
  readonly newPatientsPerMonth: number;
  /** Months of linear ramp to reach the target. */
  readonly rampMonths: number;
  /** Annual discontinuation rate, a fraction. */
  readonly discontinuationRate: number;
  /** Payer ids whose prior authorization this drug requires. */
  readonly priorAuthPayers: readonly string[];
  readonly distributorVerified: boolean;
  /** DOMAIN.md 5.1: drug source by payer id for this drug, overriding the payer's own. */
  readonly drugSources?: Readonly<Record<string, DrugSourceTerms>>;
  /** DOMAIN.md 5.2: this drug's payer mix (same order as the model's payers); absent = the program's mix. */
  readonly payerWeights?: readonly number[];
  /** DOMAIN.md 5.4: a drug the user added (not in the catalog). */
  readonly custom?: boolean;
}

/** A payer in the scenario: its profile and its weight in the mix. */
export interface PayerMixEntry {
  readonly profile: PayerProfile;
  readonly weight: number;
}

export interface FixedCost {
  readonly name: string;
  readonly monthly: number;
}

export interface ProgramInput {
  readonly chairs: number;
  readonly hoursPerDay: number;
  readonly daysPerMonth: number;
  /** Target utilization, fraction (default 0.8). */
  readonly utilizationTarget: number;
  readonly chairsPerNurse: number;
  readonly fixedCosts: readonly FixedCost[];
  /** One-time costs, spread evenly over the planning months (or in month 1 when there is none). */
  readonly startupCosts: number;
  readonly planningMonths: number;
  readonly horizonMonths: number;
  /** Annual discount rate, fraction. */
  readonly discountRate: number;
  /** Days after administration the practice pays the distributor for the drug. */
  readonly distributorTermsDays: number;
  /** Days of drug use kept on hand as inventory (inventory.ts); absent = none. */
  readonly inventoryDaysOnHand?: number;
  /** Days prior authorization delays a new patient's first dose. */
  readonly priorAuthDelayDays: number;
  /** Staff minutes per prior authorization. */
  readonly priorAuthStaffMinutes: number;
  /** Cost of an hour of prior-authorization staff time. */
  readonly staffHourlyCost: number;
  /** DOMAIN.md 5.1: the practice's handling cost of one white-bagged administration (default 0). */
  readonly whiteBagHandlingCost?: number;
  /** DOMAIN.md 5.6: distributor prompt-pay discount on the default (ASP) acquisition price (default 0). */
  readonly promptPayDiscount?: number;
  /** DOMAIN.md 5.6: GPO discount on the default (ASP) acquisition price (default 0). */
  readonly gpoDiscount?: number;
  /** DOMAIN.md 5.7 access risk threshold: annual patient out-of-pocket, dollars (default 2,000). */
  readonly accessRiskThreshold?: number;
}

/** Everything one model run needs, resolved. */
export interface ModelInput {
  readonly name: string;
  readonly practiceName: string;
  /** Quarter of payment limits to use, e.g. "2026Q1". */
  readonly quarter: string;
  /** Fee schedule year, e.g. 2026. */
  readonly feeScheduleYear: number;
  readonly drugs: readonly DrugLineInput[];
  readonly payers: readonly PayerMixEntry[];
  readonly program: ProgramInput;
  /**
   * Issue 14: the launch plan (launch.ts), when the scenario has one: it sets the planning months (resolved
   * into program.planningMonths), spreads the startup costs over the months its tasks run, and holds back a
   * drug until the tasks it waits on end. Absent = the program's planning months and startup costs.
   */
  readonly launchPlan?: LaunchPlanInput;
  /** Issue 14: the market demand is estimated from (engine/demand.ts); absent when the scenario has none. */
  readonly market?: DemandInput;
}

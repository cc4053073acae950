/**
 * The plausible range of every number a scenario holds, in one place (issue 16): validate.ts checks each
 * field against its bound, scenario.schema.json states the same maxima (a test holds them together), and a
 * new field takes its bound from here. A bound is not a business rule: it is far beyond any community
 * practice, so that a slip (a number typed in the wrong unit, an extra zero run, 1e308) is refused with the
 * field named instead of running out of memory, printing infinity or storing NaN.
 *
 * Each product the model forms stays finite within these: the largest money figure it can reach is
 * $10,000,000 a unit x 1,000,000 units a dose x 10,000 patients x 120 months x a few doses a month,
 * about 1e22, far inside a double (1.8e308) and Decimal's range.
 */
import { MAX_PAYMENT_LIMIT_PER_UNIT } from '../cms/payment-limit';

export interface NumberBound {
  readonly min: number;
  /** The minimum itself is not allowed. */
  readonly minExclusive?: boolean;
  readonly max: number;
  readonly whole?: boolean;
}

/** An infusion lasting more than a day is not one administration (the functions' `minutes` bound, 0-1440). */
export const MAX_MINUTES = 1440;

/** Months the model projects at most: the horizon's maximum, ten years. */
export const MAX_MONTHS = 120;

/** Days a payer or distributor can take, or prior authorization can delay: two years. */
const MAX_DAYS = 730;

/** A price per billing unit: the same ceiling as a CMS payment limit ($10,000,000 a unit). */
const MAX_PRICE_PER_UNIT = MAX_PAYMENT_LIMIT_PER_UNIT;

export const SCENARIO_BOUNDS = {
  /**
   * A dose in the drug's billing measure (mg, mcg or units): at most 1,000,000 (a kilogram of drug when the
   * measure is mg; the largest label doses, immune globulin at 2 g/kg, are about 200,000 mg).
   */
  dose: { min: 0, minExclusive: true, max: 1_000_000 },
  /** New patients a month for one drug: at most 10,000 (a community practice starts tens). */
  newPatientsPerMonth: { min: 0, max: 10_000 },
  rampMonths: { min: 0, max: MAX_MONTHS, whole: true },
  acquisitionPerUnit: { min: 0, max: MAX_PRICE_PER_UNIT },
  wacPerUnit: { min: 0, max: MAX_PRICE_PER_UNIT },
  infusionMinutes: { min: 0, max: MAX_MINUTES, whole: true },
  chairExtraMinutes: { min: 0, max: MAX_MINUTES, whole: true },
  /** A payer's fixed rate per billing unit. */
  fixedPerUnit: { min: 0, max: MAX_PRICE_PER_UNIT },
  daysToPayment: { min: 0, max: MAX_DAYS, whole: true },
  /** Chairs of one infusion center: at most 1,000. */
  chairs: { min: 1, max: 1000, whole: true },
  chairsPerNurse: { min: 0, minExclusive: true, max: 100 },
  /** A fixed cost a month: at most $100,000,000. */
  monthlyCost: { min: 0, max: 100_000_000 },
  /** Startup costs: at most $1,000,000,000. */
  startupCosts: { min: 0, max: 1_000_000_000 },
  planningMonths: { min: 0, max: MAX_MONTHS, whole: true },
  horizonMonths: { min: 1, max: MAX_MONTHS, whole: true },
  distributorTermsDays: { min: 0, max: MAX_DAYS, whole: true },
  /** Days of drug stock on hand: at most a year. */
  inventoryDaysOnHand: { min: 0, max: 365, whole: true },
  priorAuthDelayDays: { min: 0, max: MAX_DAYS, whole: true },
  priorAuthStaffMinutes: { min: 0, max: MAX_MINUTES },
  /** Staff cost an hour: at most $10,000. */
  staffHourlyCost: { min: 0, max: 10_000 },
  /** DOMAIN.md 5.7: a patient's annual deductible, out-of-pocket maximum and the access-risk threshold: at most $1,000,000 a year. */
  annualDeductible: { min: 0, max: 1_000_000 },
  outOfPocketMax: { min: 0, max: 1_000_000 },
  accessRiskThreshold: { min: 0, max: 1_000_000 },
  // Issue 14: the launch plan. Its length is planning months; a task's months run to the end of the projection.
  launchPlanMonths: { min: 1, max: MAX_MONTHS, whole: true },
  launchTaskMonth: { min: 1, max: 2 * MAX_MONTHS, whole: true },
  /** A task's cost: the bound of the startup costs. */
  launchTaskCost: { min: 0, max: 1_000_000_000 },
  // Issue 14, the market (scenario/market.ts):
  /** Adults of one age band in the service area: at most 100,000,000 (a third of the US). */
  adultsInBand: { min: 0, max: 100_000_000, whole: true },
  /** The drive time the travel share is counted beyond: at most a day, as infusion minutes. */
  driveTimeMinutes: { min: 0, max: MAX_MINUTES, whole: true },
  /** Competing infusion sites of one kind in the area: at most 1,000. */
  competingSites: { min: 0, max: 1000, whole: true },
  /** Patients waiting for a first infusion elsewhere, in one area: at most 1,000,000. */
  referralBacklog: { min: 0, max: 1_000_000 },
  /** Weeks of wait to a first infusion elsewhere: at most ten years. */
  waitWeeks: { min: 0, max: 520 },
} as const satisfies Readonly<Record<string, NumberBound>>;

/**
 * What a number field of the pane accepts, and the refusal message when it gets something else. The user
 * types in display units (percent for shares and rates, dollars, whole months); the scenario stores
 * fractions and plain numbers (src/scenario/types.ts), converted through decimal.js so that "27" % is 0.27
 * exactly. The limits restate src/scenario/validate.ts in the user's units; the pane validates the whole
 * scenario again before anything reaches the workbook.
 */
import { dec } from '../../engine/decimal';

export type FieldUnit = 'percent' | 'money' | 'unitPrice' | 'number';

export interface FieldSpec {
  readonly unit: FieldUnit;
  /** Smallest value allowed, in display units. */
  readonly min: number;
  /** True when `min` itself is not allowed ("greater than 0"). */
  readonly minExclusive?: boolean;
  /** Largest value allowed, in display units. */
  readonly max?: number;
  readonly whole?: boolean;
  /** What the number counts, for the message: "months", "kg", "mg". */
  readonly noun?: string;
  /** Whether an empty field means "use the default". */
  readonly optional?: boolean;
}

export type FieldParse =
  | { readonly ok: true; readonly value: number | undefined }
  | { readonly ok: false; readonly message: string };

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function plain(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** The sentence that says what a field allows, e.g. "Enter a percentage from 0 to 100." */
export function allowedText(spec: FieldSpec): string {
  const what =
    spec.unit === 'percent'
      ? 'a percentage'
      : spec.unit === 'money' || spec.unit === 'unitPrice'
        ? 'a dollar amount'
        : spec.whole
          ? `a whole number${spec.noun ? ` of ${spec.noun}` : ''}`
          : `a number${spec.noun ? ` of ${spec.noun}` : ''}`;
  let range: string;
  if (spec.max !== undefined) {
    range = spec.minExclusive ? `greater than ${plain(spec.min)} and at most ${plain(spec.max)}` : `from ${plain(spec.min)} to ${plain(spec.max)}`;
  } else {
    range = spec.minExclusive ? `greater than ${plain(spec.min)}` : `of ${plain(spec.min)} or more`;
  }
  const blank = spec.optional ? ', or leave it empty for the default' : '';
  return `Enter ${what} ${range}${blank}.`;
}

/**
 * Parses what the user typed. Accepts "1,250.50", "$21", "27%" and surrounding spaces; refuses anything
 * else, out of range, or fractional where a whole number is due, with `allowedText` as the message.
 */
export function parseField(text: string, spec: FieldSpec): FieldParse {
  const refuse = (): FieldParse => ({ ok: false, message: allowedText(spec) });
  let t = text.trim();
  if (t === '') return spec.optional ? { ok: true, value: undefined } : { ok: false, message: `Required. ${allowedText(spec)}` };
  t = t.replace(/,/g, '');
  if ((spec.unit === 'money' || spec.unit === 'unitPrice') && t.startsWith('$')) t = t.slice(1).trim();
  if (spec.unit === 'percent' && t.endsWith('%')) t = t.slice(0, -1).trim();
  if (!NUMBER_TEXT.test(t)) return refuse();
  const shown = dec(t);
  if (!shown.isFinite()) return refuse();
  if (spec.whole && !shown.isInteger()) return refuse();
  if (spec.minExclusive ? shown.lte(spec.min) : shown.lt(spec.min)) return refuse();
  if (spec.max !== undefined && shown.gt(spec.max)) return refuse();
  const stored = spec.unit === 'percent' ? shown.div(100) : shown;
  return { ok: true, value: stored.toNumber() };
}

/** A stored value as the field shows it: 0.27 -> "27" for a percentage; undefined -> "". */
export function formatField(value: number | undefined, spec: FieldSpec): string {
  if (value === undefined) return '';
  const shown = spec.unit === 'percent' ? dec(value).times(100) : dec(value);
  return shown.toDecimalPlaces(spec.unit === 'money' ? 2 : 6).toString();
}

// ---------------------------------------------------------------------------------------------------
// The fields of the pane (limits from src/scenario/validate.ts, in display units)

export const FIELDS = {
  dose: { unit: 'number', min: 0, minExclusive: true, optional: true },
  weightKg: { unit: 'number', min: 0, minExclusive: true, max: 400, noun: 'kg', optional: true },
  patientWeightKg: { unit: 'number', min: 0, minExclusive: true, max: 400, noun: 'kg', optional: true },
  newPatientsPerMonth: { unit: 'number', min: 0, noun: 'patients' },
  rampMonths: { unit: 'number', min: 0, whole: true, noun: 'months' },
  discontinuationRate: { unit: 'percent', min: 0, max: 100, optional: true },
  acquisitionPerUnit: { unit: 'unitPrice', min: 0, optional: true },
  wacPerUnit: { unit: 'unitPrice', min: 0, optional: true },
  infusionMinutes: { unit: 'number', min: 0, whole: true, noun: 'minutes', optional: true },
  chairExtraMinutes: { unit: 'number', min: 0, whole: true, noun: 'minutes', optional: true },

  weight: { unit: 'percent', min: 0, max: 100 },
  aspPlusPercent: { unit: 'percent', min: 0, max: 200, optional: true },
  paymentLimitPercent: { unit: 'percent', min: 0, minExclusive: true, max: 300, optional: true },
  wacPercent: { unit: 'percent', min: 0, minExclusive: true, max: 200, optional: true },
  fixedPerUnit: { unit: 'unitPrice', min: 0, optional: true },
  adminPercentOfFeeSchedule: { unit: 'percent', min: 0, max: 500, optional: true },
  coinsurance: { unit: 'percent', min: 0, max: 100, optional: true },
  rate: { unit: 'percent', min: 0, max: 100, optional: true },
  daysToPayment: { unit: 'number', min: 0, whole: true, noun: 'days', optional: true },

  chairs: { unit: 'number', min: 1, whole: true, noun: 'chairs' },
  hoursPerDay: { unit: 'number', min: 0, minExclusive: true, max: 24, noun: 'hours' },
  daysPerMonth: { unit: 'number', min: 1, max: 31, whole: true, noun: 'days' },
  utilizationTarget: { unit: 'percent', min: 0, minExclusive: true, max: 100, optional: true },
  chairsPerNurse: { unit: 'number', min: 0, minExclusive: true, noun: 'chairs' },
  monthly: { unit: 'money', min: 0 },
  startupCosts: { unit: 'money', min: 0 },
  planningMonths: { unit: 'number', min: 0, whole: true, noun: 'months', optional: true },
  horizonMonths: { unit: 'number', min: 1, max: 120, whole: true, noun: 'months', optional: true },
  discountRate: { unit: 'percent', min: 0, max: 100 },
  distributorTermsDays: { unit: 'number', min: 0, whole: true, noun: 'days', optional: true },
  inventoryDaysOnHand: { unit: 'number', min: 0, max: 365, whole: true, noun: 'days', optional: true },
  priorAuthDelayDays: { unit: 'number', min: 0, whole: true, noun: 'days', optional: true },
  priorAuthStaffMinutes: { unit: 'number', min: 0, noun: 'minutes' },
  staffHourlyCost: { unit: 'money', min: 0 },
} as const satisfies Record<string, FieldSpec>;

export type FieldId = keyof typeof FIELDS;

/** A text field's refusal: names must not be empty. */
export function parseName(text: string, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = text.trim();
  if (value === '') return { ok: false, message: `Enter a ${what}; it cannot be empty.` };
  if (value.length > 120) return { ok: false, message: `Enter a ${what} of at most 120 characters.` };
  return { ok: true, value };
}

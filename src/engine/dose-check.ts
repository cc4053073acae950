/**
 * DOMAIN.md 5.5, doses in the wrong measure (rule): a dose below 10% of the catalog's maintenance dose for
 * the drug (at the scenario's or the default weight) is refused as a unit mistake, naming the measure; between
 * 10% and 50%, or above 300%, it is warned about. An acquisition price per unit above 3x the payment limit is
 * warned about as a likely per-vial or per-package price.
 */
import { type Dec, dec } from './decimal';
import { doseFor } from './regimen';
import type { CatalogDrug, DoseBasis } from './reference';

export const REFUSE_BELOW = dec('0.1');
export const WARN_BELOW = dec('0.5');
export const WARN_ABOVE = dec('3');
export const PRICE_WARN_FACTOR = dec('3');

/** What a dose check found: a refusal (a unit mistake) or a warning (go on), each naming the field. */
export interface DoseFinding {
  readonly level: 'refuse' | 'warn';
  /** The field or argument, e.g. "dose" or "drugs[2].dose". */
  readonly field: string;
  /** What is wrong, without the field. */
  readonly problem: string;
  /** "field: problem". */
  readonly message: string;
}

function finding(level: DoseFinding['level'], field: string, problem: string): DoseFinding {
  return { level, field, problem, message: `${field}: ${problem}` };
}

/** The measure of a billing unit in words: "MG" -> "mg", "UNITS" / "U" -> "units", "MCG" -> "mcg". */
export function measureWord(measure: string): string {
  const m = measure.trim().toUpperCase();
  if (m === 'U' || m.startsWith('UNIT')) return 'units';
  return m.toLowerCase();
}

function basisText(basis: DoseBasis, weightKg: number, measure: string): string {
  switch (basis.kind) {
    case 'fixed':
      return '';
    case 'per_kg':
      return ` (${dec(basis.perKg).toString()} ${measure}/kg at ${weightKg} kg)`;
    case 'weight_tiers':
      return ` (at ${weightKg} kg)`;
  }
}

/**
 * Checks a dose against the label's maintenance dose. `field` names the field or argument ("dose",
 * "drugs[2].dose"); `measure` is the billing unit's measure ("MG").
 */
export function checkDose(drug: CatalogDrug, dose: Dec, measure: string, weightKg: number, field = 'dose'): DoseFinding | null {
  const label = doseFor(drug.dose, weightKg);
  if (label.lte(0)) return null;
  const word = measureWord(measure);
  const ratio = dose.div(label);
  const labelText = `the label dose of ${label.toSignificantDigits(10).toString()} ${word}${basisText(drug.dose, weightKg, word)}`;
  const doseText = `${dose.toString()} ${word}`;
  if (ratio.lt(REFUSE_BELOW)) {
    return finding('refuse', field, `${doseText} is under 10% of ${labelText}; doses are in ${word}`);
  }
  const pct = ratio.times(100).toDecimalPlaces(0).toString();
  if (ratio.lt(WARN_BELOW) || ratio.gt(WARN_ABOVE)) {
    return finding('warn', field, `${doseText} is ${pct}% of ${labelText}; check the dose is in ${word}`);
  }
  return null;
}

/** A price per billing unit above 3x the payment limit: likely typed per vial or per package. */
export function checkAcquisitionPrice(price: Dec, paymentLimit: Dec | null, unitText: string, field = 'acquisitionPerUnit'): DoseFinding | null {
  if (paymentLimit === null || paymentLimit.lte(0)) return null;
  if (price.lte(paymentLimit.times(PRICE_WARN_FACTOR))) return null;
  const times = price.div(paymentLimit).toDecimalPlaces(1).toString();
  return finding(
    'warn',
    field,
    `$${price.toString()} per unit is ${times}x the payment limit of $${paymentLimit.toString()} per ${unitText}; it looks like a per-vial or per-package price (enter the price per billing unit)`,
  );
}


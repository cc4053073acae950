/**
 * DOMAIN.md 5.5 on the command line: a formula's dose between 10% and 50% or above 300% of the label's
 * maintenance dose (at the default 80 kg), and an acquisition price per unit above 3x the payment limit, are
 * warned about on stderr, naming the argument; the value is still printed (under 10% the function itself
 * refuses the dose).
 */
import type { ReferenceBook } from '../engine/book';
import { dec } from '../engine/decimal';
import { checkAcquisitionPrice, checkDose } from '../engine/dose-check';
import { DEFAULT_WEIGHT_KG } from '../engine/regimen';

/** Positions of the dose and acquisition price arguments of the functions that take them. */
const ARGUMENTS: Readonly<Record<string, { readonly dose: number; readonly acquisition?: number }>> = {
  UNITS: { dose: 1 },
  WASTE: { dose: 1 },
  VIALS: { dose: 1 },
  ALLOWED: { dose: 1 },
  REVENUE: { dose: 1 },
  COST: { dose: 1, acquisition: 2 },
  MARGIN: { dose: 1, acquisition: 3 },
  RECOVERY: { dose: 1, acquisition: 3 },
  MIXMARGIN: { dose: 1, acquisition: 4 },
};

export function formulaWarnings(name: string, args: readonly unknown[], book: ReferenceBook): string[] {
  const spec = ARGUMENTS[name];
  if (spec === undefined || typeof args[0] !== 'string') return [];
  let code: string;
  try {
    code = book.resolveDrug(args[0]);
  } catch {
    return []; // the function reports an unknown drug itself
  }
  const out: string[] = [];
  const price = book.quarterTable().entry(code);
  const drug = book.catalogDrug(code);
  const dose = args[spec.dose];
  if (drug !== undefined && price?.unit && typeof dose === 'number' && dose > 0) {
    const finding = checkDose(drug, dec(dose), price.unit.measure, DEFAULT_WEIGHT_KG);
    if (finding?.level === 'warn') out.push(`warning: ${finding.message}`);
  }
  const acquisition = spec.acquisition === undefined ? undefined : args[spec.acquisition];
  if (typeof acquisition === 'number' && acquisition > 0 && price !== undefined) {
    const finding = checkAcquisitionPrice(dec(acquisition), price.paymentLimit, price.unit?.text ?? 'unit');
    if (finding !== null) out.push(`warning: ${finding.message}`);
  }
  return out;
}

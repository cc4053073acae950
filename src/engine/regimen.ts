/**
 * Regimens and doses: DOMAIN.md 2.8 (rules over user inputs).
 * - A dose is a fixed amount, an amount per kg of body weight (default weight 80 kg), or weight tiers.
 * - Loading doses at given days from the first dose, then maintenance every `interval` days counted from the
 *   last loading dose; a finite course stops after `maxDoses`.
 * - Counting uses a 52-week year (364 days): year one holds the doses on days 0-363; steady state is
 *   364 / interval doses a year (infliximab days 0, 14, 42, then every 56: 8 in year one, 6.5 a year after).
 */
import { Dec, dec } from './decimal';
import { fail } from './errors';
import type { DoseBasis, RegimenSpec, WeightTier } from './reference';

export const DAYS_PER_YEAR = 364;
export const DEFAULT_WEIGHT_KG = 80;

function tierMatches(t: WeightTier, kg: number): boolean {
  switch (t.op) {
    case 'lt':
      return kg < t.kg;
    case 'le':
      return kg <= t.kg;
    case 'gt':
      return kg > t.kg;
    case 'ge':
      return kg >= t.kg;
    case 'range':
      return kg >= t.kg && kg <= (t.toKg ?? t.kg);
  }
}

/** The dose for a patient weight, in the billing measure. */
export function doseFor(basis: DoseBasis, weightKg: number = DEFAULT_WEIGHT_KG): Dec {
  if (!Number.isFinite(weightKg) || weightKg <= 0) {
    fail({ code: 'invalid_amount', argument: 'weightKg', problem: `must be a positive weight in kg, not ${weightKg}` });
  }
  switch (basis.kind) {
    case 'fixed':
      return dec(basis.amount);
    case 'per_kg': {
      const d = dec(basis.perKg).times(dec(weightKg));
      return basis.maxDose !== undefined && d.gt(basis.maxDose) ? dec(basis.maxDose) : d;
    }
    case 'weight_tiers': {
      const tier = basis.tiers.find((t) => tierMatches(t, weightKg));
      if (!tier) fail({ code: 'invalid_amount', argument: 'weightKg', problem: `${weightKg} kg falls in no weight tier of this drug` });
      return dec(tier.dose);
    }
  }
}

/** Dose days from the first dose, up to (not including) `untilDay`. */
export function doseDays(regimen: RegimenSpec, untilDay: number): number[] {
  const days: number[] = [];
  const max = regimen.maxDoses ?? Number.POSITIVE_INFINITY;
  const loading = regimen.loadingDays.length > 0 ? regimen.loadingDays : [0];
  for (const d of loading) {
    if (days.length >= max || d >= untilDay) return days;
    days.push(d);
  }
  const interval = regimen.maintenanceIntervalDays;
  if (interval === null || interval <= 0) return days;
  for (let d = (loading[loading.length - 1] as number) + interval; d < untilDay && days.length < max; d += interval) days.push(d);
  return days;
}

/**
 * Administrations per patient: year 1 = doses on days 0-363; year 2 and later = 364 / interval for an
 * ongoing regimen (steady state), or the doses of a finite course falling in that year.
 */
export function administrationsPerPatient(regimen: RegimenSpec, year = 1): Dec {
  if (!Number.isInteger(year) || year < 1) {
    fail({ code: 'invalid_amount', argument: 'year', problem: `must be a whole number of at least 1, not ${year}` });
  }
  if (year === 1) return dec(doseDays(regimen, DAYS_PER_YEAR).length);
  if (regimen.maxDoses === null && regimen.maintenanceIntervalDays !== null && regimen.maintenanceIntervalDays > 0) {
    return dec(DAYS_PER_YEAR).div(regimen.maintenanceIntervalDays);
  }
  const from = DAYS_PER_YEAR * (year - 1);
  return dec(doseDays(regimen, DAYS_PER_YEAR * year).filter((d) => d >= from).length);
}

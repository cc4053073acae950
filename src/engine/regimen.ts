/**
 * Regimens and doses: DOMAIN.md 2.8 (rules over user inputs).
 * - A dose is a fixed amount, an amount per kg of body weight (default weight 80 kg), or weight tiers.
 * - Loading doses at given days from the first dose, then maintenance every `interval` days counted from the
 *   last loading dose; a finite course stops after `maxDoses`.
 * - Counting uses a 52-week year (364 days): year one holds the doses on days 0-363; steady state is
 *   364 / interval doses a year (infliximab days 0, 14, 42, then every 56: 8 in year one, 6.5 a year after).
 * - DOMAIN.md 5.3: a loading administration may have its own dose and time; a regimen in courses repeats its
 *   loading administrations every course interval (rituximab RA: days 0 and 14 every 168 days, so days 0, 14,
 *   168, 182, 336, 350 = 6 in year one and 2 x 364 / 168 = 4.33 a year after).
 */
import { Dec, dec } from './decimal';
import { fail } from './errors';
import type { DoseBasis, LoadingDose, RegimenSpec, WeightTier } from './reference';

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

/** One administration of a regimen: its day from the first dose and which dose it takes. */
export interface RegimenDay {
  readonly day: number;
  /** Position in `loadingDays` whose own dose it takes, or -1 for the maintenance dose. */
  readonly loading: number;
}

/** Whether a regimen is given in courses (its loading administrations repeat). */
export function inCourses(regimen: RegimenSpec): boolean {
  return regimen.courseIntervalDays !== undefined && regimen.courseIntervalDays !== null && regimen.courseIntervalDays > 0;
}

/** The loading dose at a position: its own dose and time, or null for the maintenance dose. */
export function loadingDoseAt(regimen: RegimenSpec, position: number): LoadingDose | null {
  return position < 0 ? null : (regimen.loadingDoses?.[position] ?? null);
}

/** Administrations from the first dose, up to (not including) `untilDay`, each with its dose position. */
export function regimenDays(regimen: RegimenSpec, untilDay: number): RegimenDay[] {
  const out: RegimenDay[] = [];
  const max = regimen.maxDoses ?? Number.POSITIVE_INFINITY;
  const loading = regimen.loadingDays.length > 0 ? regimen.loadingDays : [0];
  const own = (i: number): number => (regimen.loadingDays.length > 0 && loadingDoseAt(regimen, i) !== null ? i : -1);
  if (inCourses(regimen)) {
    const every = regimen.courseIntervalDays as number;
    for (let start = 0; start < untilDay; start += every) {
      for (let i = 0; i < loading.length; i++) {
        const d = start + (loading[i] as number);
        if (out.length >= max || d >= untilDay) return out;
        out.push({ day: d, loading: own(i) });
      }
    }
    return out;
  }
  for (let i = 0; i < loading.length; i++) {
    const d = loading[i] as number;
    if (out.length >= max || d >= untilDay) return out;
    out.push({ day: d, loading: own(i) });
  }
  const interval = regimen.maintenanceIntervalDays;
  if (interval === null || interval <= 0) return out;
  for (let d = (loading[loading.length - 1] as number) + interval; d < untilDay && out.length < max; d += interval) out.push({ day: d, loading: -1 });
  return out;
}

/** Dose days from the first dose, up to (not including) `untilDay`. */
export function doseDays(regimen: RegimenSpec, untilDay: number): number[] {
  return regimenDays(regimen, untilDay).map((d) => d.day);
}

/** Whether the regimen ends (a fixed course, or loading doses without maintenance or courses). */
export function regimenEnds(regimen: RegimenSpec): boolean {
  if (regimen.maxDoses !== null) return true;
  if (inCourses(regimen)) return false;
  return regimen.maintenanceIntervalDays === null || regimen.maintenanceIntervalDays <= 0;
}

/**
 * Administrations per patient: year 1 = doses on days 0-363; year 2 and later = 364 / interval for an
 * ongoing regimen (steady state; in courses: administrations per course x 364 / course interval), or the
 * doses of a finite course falling in that year.
 */
export function administrationsPerPatient(regimen: RegimenSpec, year = 1): Dec {
  if (!Number.isInteger(year) || year < 1) {
    fail({ code: 'invalid_amount', argument: 'year', problem: `must be a whole number of at least 1, not ${year}` });
  }
  if (year === 1) return dec(doseDays(regimen, DAYS_PER_YEAR).length);
  if (!regimenEnds(regimen)) {
    if (inCourses(regimen)) return dec(Math.max(1, regimen.loadingDays.length)).times(DAYS_PER_YEAR).div(regimen.courseIntervalDays as number);
    return dec(DAYS_PER_YEAR).div(regimen.maintenanceIntervalDays as number);
  }
  const from = DAYS_PER_YEAR * (year - 1);
  return dec(doseDays(regimen, DAYS_PER_YEAR * year).filter((d) => d >= from).length);
}

/**
 * The drug catalog seed (`data/reference/drug-catalog-seed.csv`): the project's own CSV of specialty
 * infusion products with label dosing. Not a CMS file, but read with the same reader and the same error
 * discipline. Columns are found by name. Doses are in the code's billing measure (mg, mcg or units).
 */
import type { CatalogDrug, Complexity, DoseBasis, LoadingDose, RegimenSpec, Route, WeightTier } from '../engine/reference';
import { refuseIncompleteHeader, refuseMissingHeader, refuseShortRow } from './checks';
import { isBlankRow } from './csv';
import { CmsFileError } from './errors';
import { readCsvSheet, type CmsFileInput } from './input';
import { HCPCS_PATTERN, cellAt, headerKey, lastFilled } from './table';

const KIND = 'catalog-seed';

const COLUMNS = [
  'hcpcs',
  'generic',
  'brand',
  'reference_hcpcs',
  'area',
  'route',
  'complexity',
  'dose_basis',
  'dose',
  'weight_tiers_kg_to_dose',
  'loading_days',
  'maintenance_interval_days',
  'max_doses',
  'infusion_minutes',
  'chair_extra_minutes',
  'vial_sizes_in_billing_units',
  'label_note',
] as const;

/**
 * DOMAIN.md 5.3, optional columns (an older seed without them still reads): `loading_doses` gives each
 * loading administration its own dose and minutes, `dose@minutes` by position in `loading_days` (`300@150`,
 * `4/kg@60` per kg, empty = the maintenance dose); `course_interval_days` repeats the loading administrations
 * every so many days; `regimen_source` names the label the regimen comes from.
 */
type OptionalColumn = 'loading_doses' | 'course_interval_days' | 'regimen_source';

type Column = (typeof COLUMNS)[number] | OptionalColumn;

/** Thrown inside a row's parsing; the caller adds the row. */
class CellProblem extends Error {}

const NUMBER = /^\d+(?:\.\d+)?$/;

function positiveNumber(text: string, what: string): number {
  if (!NUMBER.test(text) || Number(text) <= 0) throw new CellProblem(`${what} "${text}" is not a positive number`);
  return Number(text);
}

function wholeNumber(text: string, what: string, allowZero = true): number {
  if (!/^\d+$/.test(text) || (!allowZero && Number(text) === 0)) {
    throw new CellProblem(`${what} "${text}" is not a ${allowZero ? 'whole number' : 'positive whole number'}`);
  }
  return Number(text);
}

function optionalWhole(text: string, what: string): number | null {
  return text === '' ? null : wholeNumber(text, what, false);
}

/**
 * Parses weight tiers such as `<60:500;60-100:750;>100:1000` or `<=55:260;55-85:390;>85:520`: each
 * `condition:dose`, the condition `<kg`, `<=kg`, `>kg`, `>=kg` or `from-to` (inclusive). The first tier whose
 * condition holds gives the dose, so `55` in `<=55:260;55-85:390` takes 260.
 */
export function parseWeightTiers(text: string): WeightTier[] {
  const tiers = text.split(';').map((part): WeightTier => {
    const match = /^\s*(<=|>=|<|>)?\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (match === null) throw new CellProblem(`weight tier "${part}" is not like "<60:500", "60-100:750" or ">100:1000"`);
    const [, op, kg = '', toKg, dose = ''] = match;
    if (op !== undefined && toKg !== undefined) throw new CellProblem(`weight tier "${part}" mixes a comparison and a range`);
    if (toKg !== undefined) {
      if (Number(toKg) < Number(kg)) throw new CellProblem(`weight tier "${part}" runs backwards`);
      return { op: 'range', kg: Number(kg), toKg: Number(toKg), dose: Number(dose) };
    }
    if (op === undefined) throw new CellProblem(`weight tier "${part}" has neither a comparison nor a range`);
    const ops = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;
    return { op: ops[op as keyof typeof ops], kg: Number(kg), dose: Number(dose) };
  });
  if (tiers.length === 0) throw new CellProblem('no weight tiers');
  return tiers;
}

/** A per-dose cap stated in the label note, e.g. "max 800 mg per dose" -> 800 (in the note's measure). */
export function maxDoseFromNote(note: string): number | null {
  const match = /\bmax(?:imum)?\.?\s+(\d+(?:\.\d+)?)\s*(?:mg|mcg|units?)\s+(?:per|a|\/)\s*dose\b/i.exec(note);
  return match === null ? null : Number(match[1]);
}

function doseBasis(get: (column: Column) => string): DoseBasis {
  const basis = get('dose_basis');
  switch (basis) {
    case 'fixed':
      return { kind: 'fixed', amount: positiveNumber(get('dose'), 'dose') };
    case 'per_kg': {
      const perKg = positiveNumber(get('dose'), 'dose');
      const maxDose = maxDoseFromNote(get('label_note'));
      return maxDose === null ? { kind: 'per_kg', perKg } : { kind: 'per_kg', perKg, maxDose };
    }
    case 'weight_tiers':
      return { kind: 'weight_tiers', tiers: parseWeightTiers(get('weight_tiers_kg_to_dose')) };
    default:
      throw new CellProblem(`dose_basis "${basis}" is not fixed, per_kg or weight_tiers`);
  }
}

function regimen(get: (column: Column) => string): RegimenSpec {
  const loading = get('loading_days');
  const loadingDays = loading === '' ? [] : loading.split(';').map((day) => wholeNumber(day.trim(), 'loading day'));
  for (let k = 1; k < loadingDays.length; k++) {
    if ((loadingDays[k] ?? 0) <= (loadingDays[k - 1] ?? 0)) throw new CellProblem(`loading_days "${loading}" do not increase`);
  }
  const maintenanceIntervalDays = optionalWhole(get('maintenance_interval_days'), 'maintenance_interval_days');
  const maxDoses = optionalWhole(get('max_doses'), 'max_doses');
  if (maintenanceIntervalDays === null && maxDoses === null && loadingDays.length === 0) {
    throw new CellProblem('the regimen has no loading days, no maintenance interval and no dose count');
  }
  const spec: { -readonly [K in keyof RegimenSpec]: RegimenSpec[K] } = { loadingDays, maintenanceIntervalDays, maxDoses };
  const doses = get('loading_doses');
  if (doses !== '') {
    const parts = doses.split(';').map((part) => part.trim());
    if (parts.length !== loadingDays.length) {
      throw new CellProblem(`loading_doses "${doses}" gives ${parts.length} doses for ${loadingDays.length} loading days`);
    }
    spec.loadingDoses = parts.map((part): LoadingDose | null => {
      if (part === '') return null;
      const match = /^(\d+(?:\.\d+)?)(\/kg)?@(\d+)$/.exec(part);
      if (match === null) throw new CellProblem(`loading dose "${part}" is not like "300@150" or "4/kg@60" (dose@minutes)`);
      const amount = positiveNumber(match[1] ?? '', 'loading dose');
      return { dose: match[2] === undefined ? { kind: 'fixed', amount } : { kind: 'per_kg', perKg: amount }, minutes: Number(match[3]) };
    });
  }
  const course = optionalWhole(get('course_interval_days'), 'course_interval_days');
  if (course !== null) {
    if (maintenanceIntervalDays !== null) throw new CellProblem('a regimen in courses has no maintenance interval');
    if (loadingDays.length === 0) throw new CellProblem('a regimen in courses needs the loading days of one course');
    spec.courseIntervalDays = course;
  }
  const source = get('regimen_source');
  if (source !== '') spec.source = source;
  return spec;
}

function drug(get: (column: Column) => string): CatalogDrug {
  const hcpcs = get('hcpcs');
  if (!HCPCS_PATTERN.test(hcpcs)) throw new CellProblem(`hcpcs "${hcpcs}" is not a five-character code`);
  const reference = get('reference_hcpcs');
  if (reference !== '' && !HCPCS_PATTERN.test(reference)) throw new CellProblem(`reference_hcpcs "${reference}" is not a five-character code`);
  const route = get('route');
  if (route !== 'IV' && route !== 'SC') throw new CellProblem(`route "${route}" is not IV or SC`);
  const complexity = get('complexity');
  if (complexity !== 'complex' && complexity !== 'therapeutic') throw new CellProblem(`complexity "${complexity}" is not complex or therapeutic`);
  const vials = get('vial_sizes_in_billing_units');
  const vialSizes = [...new Set(vials.split(';').map((size) => positiveNumber(size.trim(), 'vial size')))].sort((a, b) => a - b);
  return {
    hcpcs,
    generic: get('generic'),
    brand: get('brand'),
    referenceHcpcs: reference === '' ? null : reference,
    area: get('area'),
    route: route satisfies Route,
    complexity: complexity satisfies Complexity,
    dose: doseBasis(get),
    regimen: regimen(get),
    infusionMinutes: wholeNumber(get('infusion_minutes'), 'infusion_minutes'),
    chairExtraMinutes: wholeNumber(get('chair_extra_minutes'), 'chair_extra_minutes'),
    vialSizes,
    labelNote: get('label_note'),
  };
}

/**
 * Parses the catalog seed into catalog drugs, in file order.
 * @throws CmsFileError naming the file, the row and the problem (also for a duplicate code, or a
 *   biosimilar whose reference product is not in the seed).
 */
export function parseCatalogSeed(input: CmsFileInput, fileName: string): CatalogDrug[] {
  const sheet = readCsvSheet(input, fileName, KIND);
  const index = sheet.rows.findIndex((row) => row.some((cell) => headerKey(cell) === 'hcpcs'));
  if (index === -1) return refuseMissingHeader([sheet], KIND, fileName, COLUMNS);
  const header = sheet.rows[index] ?? [];
  const keys = header.map((cell) => cell.trim());
  refuseIncompleteHeader(header, index + 1, COLUMNS.filter((column) => !keys.includes(column)), KIND, fileName);
  const lastNamed = lastFilled(header);
  const drugs: CatalogDrug[] = [];
  const rowOf = new Map<string, number>();
  for (let r = index + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const rowNumber = r + 1;
    if (isBlankRow(cells)) continue;
    refuseShortRow(sheet, cells, rowNumber, { lastNamed, lastName: cellAt(header, lastNamed) }, KIND, fileName);
    const get = (column: Column): string => cellAt(cells, keys.indexOf(column));
    let parsed: CatalogDrug;
    try {
      parsed = drug(get);
    } catch (error) {
      if (error instanceof CellProblem) throw new CmsFileError(KIND, fileName, rowNumber, error.message);
      throw error;
    }
    const earlier = rowOf.get(parsed.hcpcs);
    if (earlier !== undefined) throw new CmsFileError(KIND, fileName, rowNumber, `${parsed.hcpcs} is already on row ${earlier}`);
    rowOf.set(parsed.hcpcs, rowNumber);
    drugs.push(parsed);
  }
  if (drugs.length === 0) throw new CmsFileError(KIND, fileName, index + 1, 'the header is followed by no data rows');
  for (const item of drugs) {
    if (item.referenceHcpcs !== null && !rowOf.has(item.referenceHcpcs)) {
      throw new CmsFileError(
        KIND,
        fileName,
        rowOf.get(item.hcpcs) ?? null,
        `reference product ${item.referenceHcpcs} of ${item.hcpcs} is not in the seed`,
      );
    }
  }
  return drugs;
}

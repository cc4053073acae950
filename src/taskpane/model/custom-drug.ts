/**
 * DOMAIN.md 5.4 in the pane: a drug the catalog lacks, added with the facts the catalog would hold. The form
 * keeps what the user typed (text, as typed); `parseCustomDrug` turns it into the scenario's `custom` facts or
 * into one message per field, naming what is wrong. Each field's own limits are checked here (fields.ts); the
 * rules that need the reference data (a code the quarter prices, not a catalog code, vial sizes the crosswalk
 * lacks) are the scenario validation's (validate.ts), whose messages are shown beside the field they name.
 */
import type { Complexity, ReferenceData, Route } from '../../engine/reference';
import { HCPCS_PATTERN, validateScenario } from '../../scenario';
import { findCatalogDrug } from '../../scenario/lookup';
import type { Scenario, ScenarioCustomDrug } from '../../scenario/types';
import { drugName } from './catalog';
import { type FieldSpec, FIELDS, parseField, parseName } from './fields';

/** What the user typed in the form, field by field. */
export interface CustomDrugDraft {
  readonly hcpcs: string;
  readonly name: string;
  readonly route: Route;
  readonly complexity: Complexity;
  /** A fixed dose, or a dose per kg of body weight. */
  readonly doseBasis: 'fixed' | 'per_kg';
  readonly dose: string;
  readonly infusionMinutes: string;
  readonly chairExtraMinutes: string;
  /** Days from the first dose, e.g. "0, 14". */
  readonly loadingDays: string;
  /** Days between maintenance doses; empty when the regimen ends after the loading doses. */
  readonly maintenanceIntervalDays: string;
  readonly maxDoses: string;
  /** Billing units per vial, e.g. "12" or "100, 400"; empty for the CMS crosswalk's. */
  readonly vialSizes: string;
}

export type CustomDrugField = keyof CustomDrugDraft;

export const EMPTY_CUSTOM_DRUG: CustomDrugDraft = {
  hcpcs: '',
  name: '',
  route: 'IV',
  complexity: 'complex',
  doseBasis: 'fixed',
  dose: '',
  infusionMinutes: '',
  chairExtraMinutes: '',
  loadingDays: '',
  maintenanceIntervalDays: '',
  maxDoses: '',
  vialSizes: '',
};

/** The form filled with a drug's facts, for editing them. */
export function draftOf(hcpcs: string, c: ScenarioCustomDrug): CustomDrugDraft {
  const list = (xs: readonly number[] | undefined): string => (xs ?? []).join(', ');
  return {
    hcpcs,
    name: c.name,
    route: c.route,
    complexity: c.complexity,
    doseBasis: c.dosePerKg !== undefined ? 'per_kg' : 'fixed',
    dose: String(c.dosePerKg ?? c.dose ?? ''),
    infusionMinutes: String(c.infusionMinutes),
    chairExtraMinutes: String(c.chairExtraMinutes),
    loadingDays: list(c.loadingDays),
    maintenanceIntervalDays: c.maintenanceIntervalDays === null ? '' : String(c.maintenanceIntervalDays),
    maxDoses: c.maxDoses === undefined ? '' : String(c.maxDoses),
    vialSizes: list(c.vialSizes),
  };
}

const SPECS = {
  dose: { unit: 'number', min: 0, minExclusive: true },
  infusionMinutes: { ...FIELDS.infusionMinutes, max: 1440, optional: false },
  chairExtraMinutes: { ...FIELDS.chairExtraMinutes, max: 1440, optional: false },
  maintenanceIntervalDays: { unit: 'number', min: 1, max: 3650, whole: true, noun: 'days', optional: true },
  maxDoses: { unit: 'number', min: 1, max: 1000, whole: true, noun: 'doses', optional: true },
} as const satisfies Record<string, FieldSpec>;

/** A list of numbers typed with commas, semicolons or spaces between them; null when one is not a number in range. */
function numberList(text: string, ok: (n: number) => boolean): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(p)) return null;
    const n = Number(p);
    if (!ok(n)) return null;
    out.push(n);
  }
  return out;
}

export type CustomDrugParse =
  | { readonly ok: true; readonly hcpcs: string; readonly custom: ScenarioCustomDrug }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<CustomDrugField, string>>> };

/** Which form field a scenario validation path under `drugs[i]` belongs to. */
function fieldOfPath(rest: string): CustomDrugField | null {
  if (rest === '.hcpcs' || rest === '.custom') return 'hcpcs';
  const m = /^\.custom\.([A-Za-z]+)/.exec(rest);
  if (m === null) return null;
  const key = m[1] as string;
  if (key === 'dosePerKg') return 'dose';
  return key in EMPTY_CUSTOM_DRUG ? (key as CustomDrugField) : null;
}

/**
 * The form's drug as the scenario's, or a message for each field that is wrong. `editing` is the code of the
 * drug whose facts are being changed (its code cannot change), absent when a drug is being added.
 */
export function parseCustomDrug(draft: CustomDrugDraft, scenario: Scenario, ref: ReferenceData, editing?: string): CustomDrugParse {
  const errors: Partial<Record<CustomDrugField, string>> = {};
  const hcpcs = editing ?? draft.hcpcs.trim().toUpperCase();
  if (editing === undefined) {
    if (hcpcs === '') errors.hcpcs = 'Enter the HCPCS code of the drug, e.g. J0202.';
    else if (!HCPCS_PATTERN.test(hcpcs)) errors.hcpcs = `Enter an HCPCS code: a letter and four digits, e.g. J0202 (not “${draft.hcpcs.trim()}”).`;
    else if (scenario.drugs.some((d) => d.hcpcs.toUpperCase() === hcpcs)) errors.hcpcs = `${hcpcs} is in the formulary already.`;
    else {
      const inCatalog = findCatalogDrug(ref, hcpcs);
      if (inCatalog !== undefined) errors.hcpcs = `${hcpcs} is in the catalog (${drugName(inCatalog)}): add it from the catalog above.`;
    }
  }
  const name = parseName(draft.name, 'name for the drug');
  if (!name.ok) errors.name = name.message;
  const number = (field: keyof typeof SPECS): number | undefined => {
    const parsed = parseField(draft[field], SPECS[field]);
    if (!parsed.ok) {
      errors[field] = parsed.message;
      return undefined;
    }
    return parsed.value;
  };
  const dose = number('dose');
  const infusionMinutes = number('infusionMinutes');
  const chairExtraMinutes = number('chairExtraMinutes');
  const interval = number('maintenanceIntervalDays');
  const maxDoses = number('maxDoses');
  const loadingDays = numberList(draft.loadingDays, (n) => Number.isInteger(n) && n <= 3650);
  if (loadingDays === null) errors.loadingDays = 'Enter days from the first dose as whole numbers from 0 to 3650, separated by commas (e.g. 0, 14), or leave it empty for a first dose on day 0 only.';
  const vialSizes = numberList(draft.vialSizes, (n) => n > 0 && n <= 1_000_000);
  if (vialSizes === null) errors.vialSizes = 'Enter billing units per vial as numbers greater than 0, separated by commas (e.g. 100, 400), or leave it empty for the CMS crosswalk’s.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const custom: ScenarioCustomDrug = {
    name: (name as { value: string }).value,
    route: draft.route,
    complexity: draft.complexity,
    ...(draft.doseBasis === 'per_kg' ? { dosePerKg: dose as number } : { dose: dose as number }),
    infusionMinutes: infusionMinutes as number,
    chairExtraMinutes: chairExtraMinutes as number,
    ...(loadingDays !== null && loadingDays.length > 0 ? { loadingDays: [...new Set(loadingDays)].sort((a, b) => a - b) } : {}),
    maintenanceIntervalDays: interval ?? null,
    ...(maxDoses === undefined ? {} : { maxDoses }),
    ...(vialSizes !== null && vialSizes.length > 0 ? { vialSizes } : {}),
  };

  // The rules that need the reference data: the scenario's validation, on the scenario with this drug in it.
  const index = editing === undefined ? scenario.drugs.length : scenario.drugs.findIndex((d) => d.hcpcs === editing);
  const drugs = [...scenario.drugs];
  const before = drugs[index];
  drugs[index] = before === undefined ? { hcpcs, newPatientsPerMonth: 1, rampMonths: 6, distributorVerified: false, custom } : { ...before, custom };
  const v = validateScenario({ ...scenario, drugs }, ref);
  if (!v.ok) {
    const prefix = `drugs[${index}]`;
    for (const issue of v.errors) {
      if (!issue.path.startsWith(prefix)) continue;
      const field = fieldOfPath(issue.path.slice(prefix.length));
      if (field !== null && errors[field] === undefined) errors[field] = `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
  }
  return { ok: true, hcpcs, custom };
}

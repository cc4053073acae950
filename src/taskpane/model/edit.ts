/**
 * Edits of a scenario, as pure functions: each returns a new scenario and leaves its argument alone. A
 * value of `undefined` removes an optional field, which brings its labelled default back (defaults.ts).
 * The pane checks each typed value (fields.ts) and the whole scenario (validateScenario) around these.
 */
import { builtinPayer } from '../../engine/payers';
import type { Complexity } from '../../engine/reference';
import type { DrugRule } from '../../engine/types';
import { defaultPriorAuthPayers } from '../../scenario/defaults';
import type { PayerTerms, Scenario, ScenarioDrug, ScenarioFixedCost, ScenarioPayer, ScenarioProgram } from '../../scenario/types';

/** Fields of a drug the pane edits with a number (undefined = the default, where the field is optional). */
export type DrugNumberField =
  | 'dose'
  | 'weightKg'
  | 'newPatientsPerMonth'
  | 'rampMonths'
  | 'discontinuationRate'
  | 'acquisitionPerUnit'
  | 'wacPerUnit'
  | 'infusionMinutes'
  | 'chairExtraMinutes';

export type ProgramNumberField = Exclude<keyof ScenarioProgram, 'fixedCosts'>;

/** A copy of `obj` with `key` set, or removed when `value` is undefined. */
function withField<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const copy = { ...obj };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

// -- drugs --------------------------------------------------------------------------------------------

/** A new drug line: one new patient a month over a 6-month ramp, availability not yet verified. */
export function addDrug(s: Scenario, hcpcs: string): Scenario {
  if (s.drugs.some((d) => d.hcpcs === hcpcs)) return s;
  const drug: ScenarioDrug = { hcpcs, newPatientsPerMonth: 1, rampMonths: 6, distributorVerified: false };
  return { ...s, drugs: [...s.drugs, drug] };
}

export function removeDrug(s: Scenario, hcpcs: string): Scenario {
  return { ...s, drugs: s.drugs.filter((d) => d.hcpcs !== hcpcs) };
}

function mapDrug(s: Scenario, hcpcs: string, f: (d: ScenarioDrug) => ScenarioDrug): Scenario {
  return { ...s, drugs: s.drugs.map((d) => (d.hcpcs === hcpcs ? f(d) : d)) };
}

export function setDrugNumber(s: Scenario, hcpcs: string, field: DrugNumberField, value: number | undefined): Scenario {
  return mapDrug(s, hcpcs, (d) => withField(d, field, value));
}

export function setComplexity(s: Scenario, hcpcs: string, complexity: Complexity | undefined): Scenario {
  return mapDrug(s, hcpcs, (d) => withField(d, 'complexity', complexity));
}

export function setDistributorVerified(s: Scenario, hcpcs: string, verified: boolean): Scenario {
  return mapDrug(s, hcpcs, (d) => ({ ...d, distributorVerified: verified }));
}

/** The payers whose prior authorization a drug needs: its own list, or the labelled default. */
export function priorAuthPayersOf(s: Scenario, drug: ScenarioDrug): readonly string[] {
  return drug.priorAuthPayers ?? defaultPriorAuthPayers(s.payers.map((p) => p.id));
}

export function setPriorAuth(s: Scenario, hcpcs: string, payerId: string, required: boolean): Scenario {
  return mapDrug(s, hcpcs, (d) => {
    const current = priorAuthPayersOf(s, d);
    const next = required ? [...current.filter((id) => id !== payerId), payerId] : current.filter((id) => id !== payerId);
    // Keep the payers' order, so the list reads the same as the Payers view.
    const ordered = s.payers.map((p) => p.id).filter((id) => next.includes(id));
    return { ...d, priorAuthPayers: ordered };
  });
}

export function resetPriorAuth(s: Scenario, hcpcs: string): Scenario {
  return mapDrug(s, hcpcs, (d) => withField(d, 'priorAuthPayers', undefined));
}

// -- payers -------------------------------------------------------------------------------------------

function mapPayer(s: Scenario, id: string, f: (p: ScenarioPayer) => ScenarioPayer): Scenario {
  return { ...s, payers: s.payers.map((p) => (p.id === id ? f(p) : p)) };
}

export function setPayerWeight(s: Scenario, id: string, weight: number): Scenario {
  return mapPayer(s, id, (p) => ({ ...p, weight }));
}

export function setPayerName(s: Scenario, id: string, name: string): Scenario {
  return mapPayer(s, id, (p) => ({ ...p, name }));
}

export function setPayerTerm<K extends keyof PayerTerms>(s: Scenario, id: string, key: K, value: PayerTerms[K] | undefined): Scenario {
  return mapPayer(s, id, (p) => withField(p, key, value as ScenarioPayer[K] | undefined));
}

/** The profile a payer's terms start from: its `basedOn`, or the built-in profile with its own id. */
export function basePayerOf(p: ScenarioPayer) {
  return builtinPayer(p.basedOn ?? p.id);
}

/** Upper-case identifier from a name, unique among the scenario's payers: "Acme PPO" -> "ACME_PPO". */
export function payerIdFor(s: Scenario, name: string): string {
  let base = name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '' || !/^[A-Z]/.test(base)) base = `PAYER_${base}`.replace(/_+$/, '');
  base = base.slice(0, 40);
  const taken = new Set(s.payers.map((p) => p.id));
  if (!taken.has(base) && builtinPayer(base) === undefined) return base;
  for (let n = 2; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Adds a custom payer at 0% of the mix (so the mix still sums to 100%), starting from a built-in profile. */
export function addCustomPayer(s: Scenario, name: string, basedOn: string, drugRule?: DrugRule): Scenario {
  const id = payerIdFor(s, name);
  const payer: ScenarioPayer = drugRule === undefined ? { id, name, weight: 0, basedOn } : { id, name, weight: 0, basedOn, drugRule };
  return { ...s, payers: [...s.payers, payer] };
}

/** Removes a payer and its prior-authorization entries. */
export function removePayer(s: Scenario, id: string): Scenario {
  return {
    ...s,
    payers: s.payers.filter((p) => p.id !== id),
    drugs: s.drugs.map((d) => (d.priorAuthPayers === undefined ? d : { ...d, priorAuthPayers: d.priorAuthPayers.filter((x) => x !== id) })),
  };
}

// -- program and scenario -------------------------------------------------------------------------------

export function setProgramNumber(s: Scenario, field: ProgramNumberField, value: number | undefined): Scenario {
  return { ...s, program: withField(s.program, field, value as ScenarioProgram[typeof field] | undefined) };
}

export function setFixedCosts(s: Scenario, costs: readonly ScenarioFixedCost[]): Scenario {
  return { ...s, program: { ...s.program, fixedCosts: costs } };
}

export function setScenarioText(s: Scenario, field: 'name' | 'practiceName', value: string): Scenario {
  return { ...s, [field]: value };
}

export function setPatientWeight(s: Scenario, value: number | undefined): Scenario {
  return withField(s, 'patientWeightKg', value);
}

export function setQuarter(s: Scenario, quarter: string | undefined): Scenario {
  return withField(s, 'quarter', quarter);
}

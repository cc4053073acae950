/**
 * Edits of a scenario, as pure functions: each returns a new scenario and leaves its argument alone. A
 * value of `undefined` removes an optional field, which brings its labelled default back (defaults.ts).
 * The pane checks each typed value (fields.ts) and the whole scenario (validateScenario) around these.
 */
import { builtinPayer } from '../../engine/payers';
import type { Complexity } from '../../engine/reference';
import type { DrugRule, DrugSource } from '../../engine/types';
import { defaultPriorAuthPayers } from '../../scenario/defaults';
import type { PayerTerms, Scenario, ScenarioCustomDrug, ScenarioDrug, ScenarioFixedCost, ScenarioPayer, ScenarioProgram } from '../../scenario/types';

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

/** DOMAIN.md 5.4: adds a drug the catalog lacks, with its facts (one new patient a month over a 6-month ramp). */
export function addCustomDrug(s: Scenario, hcpcs: string, custom: ScenarioCustomDrug): Scenario {
  if (s.drugs.some((d) => d.hcpcs === hcpcs)) return s;
  const drug: ScenarioDrug = { hcpcs, newPatientsPerMonth: 1, rampMonths: 6, distributorVerified: false, custom };
  return { ...s, drugs: [...s.drugs, drug] };
}

/** Replaces the facts of a drug of the user's own. */
export function setCustomFacts(s: Scenario, hcpcs: string, custom: ScenarioCustomDrug): Scenario {
  return mapDrug(s, hcpcs, (d) => (d.custom === undefined ? d : { ...d, custom }));
}

/** DOMAIN.md 5.2: a drug's own payer mix, weight by payer id (undefined = the program's mix). */
export function setDrugPayerMix(s: Scenario, hcpcs: string, mix: Readonly<Record<string, number>> | undefined): Scenario {
  return mapDrug(s, hcpcs, (d) => withField(d, 'payerMix', mix));
}

/** A drug's own payer mix, payer by payer in the order of the scenario's payers (0 for a payer left out). */
export function drugMixOf(s: Scenario, drug: ScenarioDrug): Record<string, number> {
  const own = drug.payerMix ?? {};
  const out: Record<string, number> = {};
  for (const p of s.payers) {
    const key = Object.keys(own).find((k) => k.toUpperCase() === p.id.toUpperCase());
    out[p.id] = key === undefined ? 0 : (own[key] ?? 0);
  }
  return out;
}

/**
 * Sets one payer's weight in a drug's own mix (the mix starts from the program's when the drug has none).
 * Payers at 0 are left out, as the scenario file and the Inputs sheet's reader leave them.
 */
export function setDrugMixWeight(s: Scenario, hcpcs: string, payerId: string, weight: number): Scenario {
  return mapDrug(s, hcpcs, (d) => {
    const mix = d.payerMix === undefined ? Object.fromEntries(s.payers.map((p) => [p.id, p.weight])) : drugMixOf(s, d);
    mix[payerId] = weight;
    return { ...d, payerMix: Object.fromEntries(Object.entries(mix).filter(([, w]) => w !== 0)) };
  });
}

/** The drug source a drug sets for a payer (DOMAIN.md 5.1), or undefined when it uses the payer's own. */
export function drugSourceFor(drug: ScenarioDrug, payerId: string): { readonly source: DrugSource; readonly whiteBagShare?: number } | undefined {
  return drug.drugSources?.find((x) => x.payer.toUpperCase() === payerId.toUpperCase());
}

/**
 * Sets a drug's own drug source for one payer: `source` undefined goes back to the payer's own; a white-bagged
 * share is kept only with buy and bill (and left out at 0, its default).
 */
export function setDrugSource(s: Scenario, hcpcs: string, payerId: string, source: DrugSource | undefined, whiteBagShare?: number): Scenario {
  return mapDrug(s, hcpcs, (d) => {
    const others = (d.drugSources ?? []).filter((x) => x.payer.toUpperCase() !== payerId.toUpperCase());
    const entry =
      source === undefined ? [] : [source === 'buy_and_bill' && whiteBagShare !== undefined && whiteBagShare !== 0 ? { payer: payerId, source, whiteBagShare } : { payer: payerId, source }];
    // In the order of the scenario's payers, so the list reads as the Payers view does.
    const order = (id: string): number => s.payers.findIndex((p) => p.id.toUpperCase() === id.toUpperCase());
    const next = [...others, ...entry].sort((a, b) => order(a.payer) - order(b.payer));
    return withField(d, 'drugSources', next.length === 0 ? undefined : next);
  });
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

/** Removes a payer and its entries in the drugs: prior authorization, a drug's own source and its own mix. */
export function removePayer(s: Scenario, id: string): Scenario {
  const other = (x: string): boolean => x.toUpperCase() !== id.toUpperCase();
  return {
    ...s,
    payers: s.payers.filter((p) => p.id !== id),
    drugs: s.drugs.map((d) => {
      let out = d.priorAuthPayers === undefined ? d : { ...d, priorAuthPayers: d.priorAuthPayers.filter((x) => x !== id) };
      if (d.drugSources !== undefined) {
        const kept = d.drugSources.filter((x) => other(x.payer));
        out = withField(out, 'drugSources', kept.length === 0 ? undefined : kept);
      }
      // The payer's weight leaves the drug's own mix: the pane then shows what the mix adds up to.
      if (d.payerMix !== undefined) out = { ...out, payerMix: Object.fromEntries(Object.entries(d.payerMix).filter(([k]) => other(k))) };
      return out;
    }),
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

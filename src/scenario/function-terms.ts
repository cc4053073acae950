/**
 * What the INFUSION functions take from a scenario (src/functions/store.ts): its payer profiles, the facts
 * of its own drugs (DOMAIN.md 5.4), the drug sources it sets per drug (5.1), and the program terms that price
 * one administration (the white-bag handling cost, 5.1; prompt-pay and GPO discounts on the ASP default, 5.6).
 * With them a formula such as =INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL") gives the figure the model gives
 * for that drug and payer.
 */
import type { CatalogDrug, ReferenceData } from '../engine/reference';
import type { DrugSourceTerms, ModelInput, PayerProfile } from '../engine/types';
import { customFacts, resolveScenario } from './resolve';
import type { Scenario } from './types';

export interface ScenarioFunctionTerms {
  readonly payers: readonly PayerProfile[];
  /** The scenario's own drugs as catalog entries (vial sizes from the crosswalk where not given). */
  readonly customDrugs: readonly CatalogDrug[];
  /** Drug source by HCPCS code, then payer id, where the scenario overrides the payer's own. */
  readonly drugSources: Readonly<Record<string, Readonly<Record<string, DrugSourceTerms>>>>;
  /** DOMAIN.md 5.1: the practice's handling cost of one white-bagged administration, dollars (0: none). */
  readonly whiteBagHandlingCost: number;
  /** DOMAIN.md 5.6: the discounts on the default (ASP) acquisition price, fractions (0: none). */
  readonly promptPayDiscount: number;
  readonly gpoDiscount: number;
}

/** The function terms of a valid scenario (`input`: its resolution, when the caller has it already). */
export function scenarioFunctionTerms(scenario: Scenario, ref: ReferenceData, input: ModelInput = resolveScenario(scenario, ref)): ScenarioFunctionTerms {
  const customDrugs: CatalogDrug[] = [];
  for (const drug of scenario.drugs) if (drug.custom !== undefined) customDrugs.push(customFacts(drug.hcpcs, drug.custom, ref));
  const drugSources: Record<string, Readonly<Record<string, DrugSourceTerms>>> = {};
  for (const line of input.drugs) if (line.drugSources !== undefined) drugSources[line.hcpcs] = line.drugSources;
  return {
    payers: input.payers.map((p) => p.profile),
    customDrugs,
    drugSources,
    whiteBagHandlingCost: input.program.whiteBagHandlingCost ?? 0,
    promptPayDiscount: input.program.promptPayDiscount ?? 0,
    gpoDiscount: input.program.gpoDiscount ?? 0,
  };
}

/**
 * Issue 14: the scenario's market resolved into the engine's demand input (engine/demand.ts), the product's
 * defaults (src/data/demand.ts) filling what the scenario leaves out, and the adopted drugs' volume.
 */
import { DEMAND_AREAS, type DemandAreaInput, type DemandInput, demand } from '../engine/demand';
import type { DrugLineInput } from '../engine/types';
import { DEFAULT_DRIVE_TIME_MINUTES, demandAreaDefault } from '../data/demand';
import type { Scenario, ScenarioMarket } from './types';

/** Every area, with the scenario's figures over the defaults. */
export function resolveMarketAreas(market: ScenarioMarket): DemandAreaInput[] {
  return DEMAND_AREAS.map((id) => {
    const d = demandAreaDefault(id);
    const own = market.areas?.find((a) => a.area === id);
    return {
      id,
      prevalence: own?.prevalence ?? d.prevalence,
      infusedShare: own?.infusedShare ?? d.infusedShare,
      startsPerYear: own?.startsPerYear ?? d.startsPerYear,
      backlog: own?.backlog ?? 0,
      waitWeeks: own?.waitWeeks ?? 0,
    };
  });
}

/**
 * The demand input of a scenario with a market; undefined without one. `lines` are the resolved drugs (same
 * order as the scenario's), for their codes and labels; only drugs with a `demand` claim are listed.
 */
export function resolveMarket(scenario: Scenario, lines: readonly Pick<DrugLineInput, 'hcpcs' | 'label'>[]): DemandInput | undefined {
  const market = scenario.market;
  if (market === undefined) return undefined;
  return {
    population: [market.adults18to49, market.adults50to64, market.adults65plus],
    driveTimeMinutes: market.driveTimeMinutes ?? DEFAULT_DRIVE_TIME_MINUTES,
    travelShare: market.travelShare ?? 0,
    hospitalOutpatient: market.hospitalOutpatient ?? 0,
    otherPractices: market.otherPractices ?? 0,
    homeInfusion: market.homeInfusion ?? 0,
    areas: resolveMarketAreas(market),
    drugs: scenario.drugs.flatMap((drug, i) => {
      const line = lines[i];
      if (drug.demand === undefined || line === undefined) return [];
      return [{ hcpcs: line.hcpcs, label: line.label, area: drug.demand.area, share: drug.demand.share, scenarioNewPatients: drug.newPatientsPerMonth, adopted: drug.demand.adopt === true }];
    }),
  };
}

/**
 * The drug lines with the adopted drugs' volume set to the derived figure (a derived default): the model then
 * runs on what the market suggests. A drug kept at its own figure is unchanged.
 */
export function applyAdoptedDemand(lines: readonly DrugLineInput[], market: DemandInput | undefined): DrugLineInput[] {
  if (market === undefined || !market.drugs.some((d) => d.adopted)) return [...lines];
  const used = new Map(demand(market).drugs.filter((d) => d.adopted).map((d) => [d.hcpcs, d.used]));
  return lines.map((line) => {
    const figure = used.get(line.hcpcs);
    return figure === undefined ? line : { ...line, newPatientsPerMonth: figure.toNumber() };
  });
}

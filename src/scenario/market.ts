/**
 * Issue 14: the scenario's market resolved into the engine's demand input (engine/demand.ts), the product's
 * defaults (src/data/demand.ts) filling what the scenario leaves out, and the adopted drugs' volume.
 */
import { DEMAND_AREAS, DEMAND_AREA_NAMES, type DemandAreaFigure, type DemandAreaId, type DemandAreaInput, type DemandInput, demand, missingAreaFigures } from '../engine/demand';
import { fail } from '../engine/errors';
import type { DrugLineInput } from '../engine/types';
import { DEFAULT_DRIVE_TIME_MINUTES, demandAreaDefault } from '../data/demand';
import type { Scenario, ScenarioMarket } from './types';

/**
 * The figures an area lacks once the scenario's own (`own`, its market.areas[] entry, possibly not yet
 * validated: any figure given counts) are laid over the defaults, which are null where no public figure exists.
 */
export function areaMissingFigures(id: DemandAreaId, own: { readonly infusedShare?: unknown; readonly startsPerYear?: unknown } | undefined): DemandAreaFigure[] {
  const d = demandAreaDefault(id);
  return missingAreaFigures({
    infusedShare: own?.infusedShare === undefined ? d.infusedShare : 0,
    startsPerYear: own?.startsPerYear === undefined ? d.startsPerYear : 0,
  });
}

const FIGURE_NAMES: Readonly<Record<DemandAreaFigure, string>> = { infusedShare: 'share on an infused therapy', startsPerYear: 'yearly new starts and switches' };

/**
 * Why a drug cannot adopt the derived figure of an area that is not estimated, naming the fix (validation and
 * resolution say the same).
 */
export function notEstimatedProblem(id: DemandAreaId, missing: readonly DemandAreaFigure[]): string {
  const what = missing.map((f) => `no ${FIGURE_NAMES[f]}`).join(' and ');
  return `the area ${DEMAND_AREA_NAMES[id]} has ${what} (no public figure to default to): enter market.areas[${id}].${missing.join(' and ')}, or keep your own figure (adopt false)`;
}

/** Every area, with the scenario's figures over the defaults (null where neither gives one). */
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
      if (drug.demand.adopt === true) {
        const missing = areaMissingFigures(drug.demand.area, market.areas?.find((a) => a.area === drug.demand?.area));
        if (missing.length > 0) fail({ code: 'invalid_amount', argument: `drugs[${i}].demand.adopt`, problem: notEstimatedProblem(drug.demand.area, missing) });
      }
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

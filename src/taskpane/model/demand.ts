/**
 * Issue 14, the Demand view's model: edits of the scenario's market and of a drug's demand claim, and the
 * demand estimate shown beside the scenario's figures (engine/demand.ts through scenario/market.ts). Pure.
 */
import { type DemandAreaId, type DemandReport, demand, demandReport } from '../../engine/demand';
import type { ReferenceData } from '../../engine/reference';
import { areaMissingFigures } from '../../scenario/market';
import { resolveScenario } from '../../scenario/resolve';
import type { Scenario, ScenarioDrug, ScenarioDrugDemand, ScenarioMarket, ScenarioMarketArea } from '../../scenario/types';

/** A market to start from: no adults yet (the user enters the service area), every other figure its default. */
export const EMPTY_MARKET: ScenarioMarket = { adults18to49: 0, adults50to64: 0, adults65plus: 0 };

export type MarketNumberField = 'adults18to49' | 'adults50to64' | 'adults65plus' | 'driveTimeMinutes' | 'travelShare' | 'hospitalOutpatient' | 'otherPractices' | 'homeInfusion';
export type AreaNumberField = 'infusedShare' | 'startsPerYear' | 'backlog' | 'waitWeeks';

/** Drops the keys whose value is undefined (a field back to its default). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function withoutDemand(d: ScenarioDrug): ScenarioDrug {
  const rest: ScenarioDrug = { ...d };
  delete (rest as { demand?: unknown }).demand;
  return rest;
}

export function startMarket(s: Scenario): Scenario {
  return s.market === undefined ? { ...s, market: EMPTY_MARKET } : s;
}

/** Removes the market and every drug's claim on it (the scenario is as before the estimate). */
export function removeMarket(s: Scenario): Scenario {
  const rest: Scenario = { ...s };
  delete (rest as { market?: unknown }).market;
  return { ...rest, drugs: s.drugs.map(withoutDemand) };
}

export function setMarketNumber(s: Scenario, field: MarketNumberField, value: number | undefined): Scenario {
  const market = s.market ?? EMPTY_MARKET;
  const required = field === 'adults18to49' || field === 'adults50to64' || field === 'adults65plus';
  return { ...s, market: defined({ ...market, [field]: required ? (value ?? 0) : value }) };
}

function setArea(s: Scenario, area: DemandAreaId, change: (a: ScenarioMarketArea) => ScenarioMarketArea): Scenario {
  const market = s.market ?? EMPTY_MARKET;
  const areas = market.areas ?? [];
  const current = areas.find((a) => a.area === area) ?? { area };
  const next = defined(change(current));
  const rest = areas.filter((a) => a.area !== area);
  const kept = Object.keys(next).length > 1 ? [...rest, next] : rest;
  return { ...s, market: defined({ ...market, areas: kept.length > 0 ? kept : undefined }) };
}

export function setAreaNumber(s: Scenario, area: DemandAreaId, field: AreaNumberField, value: number | undefined): Scenario {
  return setArea(s, area, (a) => ({ ...a, [field]: value }));
}

/** One age band's prevalence; the other bands keep theirs (the defaults' when the area had none of its own). */
export function setAreaPrevalence(s: Scenario, area: DemandAreaId, band: number, value: number | undefined, defaults: readonly number[]): Scenario {
  return setArea(s, area, (a) => {
    const current = [...(a.prevalence ?? defaults)];
    current[band] = value ?? (defaults[band] as number);
    const same = current.every((v, i) => v === defaults[i]);
    return { ...a, prevalence: same ? undefined : (current as unknown as readonly [number, number, number]) };
  });
}

/** A drug's claim on an area (null removes it). */
export function setDrugDemand(s: Scenario, hcpcs: string, claim: ScenarioDrugDemand | null): Scenario {
  return {
    ...s,
    drugs: s.drugs.map((d) => {
      if (d.hcpcs !== hcpcs) return d;
      const rest = withoutDemand(d);
      return claim === null ? rest : { ...rest, demand: defined(claim) };
    }),
  };
}

export type DemandEstimate = { readonly kind: 'none' } | { readonly kind: 'ok'; readonly report: DemandReport } | { readonly kind: 'error'; readonly message: string };

/** The estimate for the scenario as it stands; a scenario the engine cannot run gives the reason. */
export function demandEstimate(s: Scenario, ref: ReferenceData): DemandEstimate {
  if (s.market === undefined) return { kind: 'none' };
  try {
    const market = resolveScenario(s, ref).market;
    return market === undefined ? { kind: 'none' } : { kind: 'ok', report: demandReport(demand(market)) };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A drug adopting the derived figure of an area that is not estimated (no share on infused therapy or no
 * yearly starts: no public figure to default to, none entered) goes back to its own figure: there is no
 * derived one to adopt, and the scenario would not validate.
 */
export function dropUnestimatedAdoptions(s: Scenario): Scenario {
  const stale = (d: ScenarioDrug): boolean => d.demand?.adopt === true && areaMissingFigures(d.demand.area, s.market?.areas?.find((a) => a.area === d.demand?.area)).length > 0;
  if (!s.drugs.some(stale)) return s;
  return { ...s, drugs: s.drugs.map((d) => (stale(d) && d.demand !== undefined ? { ...withoutDemand(d), demand: defined({ ...d.demand, adopt: undefined }) } : d)) };
}

/**
 * Issue 14: the scenario's market and the drugs' demand claims are not on the Inputs sheet (the Market sheet
 * states them once a board is built), so the pane keeps them in the document's settings, which travel with the
 * file: a decorator of the scenario store puts them back on every read and saves them when they change.
 * A stored market that no longer fits the scenario (a drug removed on the sheet) keeps the claims that fit.
 */
import type { ReferenceBook } from '../../engine/book';
import { validateScenario } from '../../scenario/validate';
import type { Scenario, ScenarioDrugDemand, ScenarioMarket } from '../../scenario/types';
import { SETTING_KEYS, type ScenarioStore } from '../services';
import { officeDocumentSettings } from './document-settings';

const SETTING = SETTING_KEYS.market;

interface StoredMarket {
  readonly market: ScenarioMarket;
  /** Demand claims by HCPCS code. */
  readonly claims: Readonly<Record<string, ScenarioDrugDemand>>;
}

/** What of a scenario is kept in the settings; null without a market. */
export function storedMarketOf(s: Scenario): StoredMarket | null {
  if (s.market === undefined) return null;
  const claims: Record<string, ScenarioDrugDemand> = {};
  for (const d of s.drugs) if (d.demand !== undefined) claims[d.hcpcs.toUpperCase()] = d.demand;
  return { market: s.market, claims };
}

/** The scenario read from the Inputs sheet with the stored market put back, when it is valid. */
export function withStoredMarket(s: Scenario, stored: unknown, book: ReferenceBook): Scenario {
  if (typeof stored !== 'object' || stored === null || !('market' in stored)) return s;
  const { market, claims } = stored as StoredMarket;
  const merged: Scenario = {
    ...s,
    market,
    drugs: s.drugs.map((d) => {
      const claim = claims?.[d.hcpcs.toUpperCase()];
      return claim === undefined ? d : { ...d, demand: claim };
    }),
  };
  return validateScenario(merged, book.data).ok ? merged : s;
}

export function withMarketSettings(inner: ScenarioStore, book: () => ReferenceBook): ScenarioStore {
  let saved = JSON.stringify(officeDocumentSettings().get(SETTING) ?? null);
  return {
    async read() {
      const r = await inner.read();
      if (r.kind !== 'ok') return r;
      return { ...r, scenario: withStoredMarket(r.scenario, officeDocumentSettings().get(SETTING), book()) };
    },
    async write(scenario) {
      const next = storedMarketOf(scenario);
      const text = JSON.stringify(next);
      if (text !== saved) {
        // Through the one adapter (document-settings.ts).
        const settings = officeDocumentSettings();
        if (next === null) settings.remove(SETTING);
        else settings.set(SETTING, next);
        await settings.save();
        saved = text;
      }
      return inner.write(scenario);
    },
    watch: (onEdit) => inner.watch(onEdit),
    built: (scenario) => inner.built(scenario),
    equivalent: (a, b) => inner.equivalent(a, b) && JSON.stringify(storedMarketOf(a)) === JSON.stringify(storedMarketOf(b)),
  };
}

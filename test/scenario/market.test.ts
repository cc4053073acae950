/**
 * Issue 14: the scenario's market and a drug's demand claim; adopt or keep (scenario/market.ts). The market
 * of test/support/market-scenario.ts: 120,000 adults, capture 0.4 (worked there). IBD by hand:
 *   120,000 x 1.3% = 1,560 diagnosed x 13% on infused therapy = 202.8 x 20% a year / 12 = 3.38 a month x 0.4 = 1.352;
 *   Avsola (Q5121) takes half: 1.352 x 0.5 = 0.676 a month.
 * MS: 120,000 x 0.3092% = 371.04 x 21% = 77.9184 x 12% / 12 = 0.779184 x 0.4 = 0.3116736; Ocrevus takes 80%:
 *   0.24933888.
 * Immune globulin: no public share on infused therapy nor yearly starts, so no default: 120,000 x 0.0863% = 103.56
 *   diagnosed, not estimated. With the practice's own 25% and 15%: 103.56 x 0.25 x 0.15 / 12 x 0.4 = 0.12945 a
 *   month; Privigen (J1459, drugs[9] of the sample) taking all of it: 0.12945.
 */
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../src/scenario/scenario.schema.json';
import { ReferenceBook } from '../../src/engine/book';
import { demand, demandReport } from '../../src/engine/demand';
import { runModel } from '../../src/engine/model';
import { modelReport } from '../../src/engine/report';
import { referenceData } from '../../src/data';
import { formatIssue, resolveScenario, sampleScenario, validateScenario, type Scenario } from '../../src/scenario';
import { marketScenario } from '../support/market-scenario';

const book = new ReferenceBook(referenceData);
const issues = (doc: unknown): string[] => {
  const r = validateScenario(doc, referenceData);
  return r.ok ? [] : r.errors.map(formatIssue);
};

describe('adopt or keep the derived new patients a month', () => {
  it('adopted: the model runs on the derived figure, 0.676 a month for Avsola', () => {
    const input = resolveScenario(marketScenario(true), referenceData);
    expect(input.drugs.find((d) => d.hcpcs === 'Q5121')?.newPatientsPerMonth).toBe(0.676);
    // The same model as a scenario whose user typed 0.676 and made no claim.
    const typed: Scenario = { ...sampleScenario, drugs: sampleScenario.drugs.map((d) => (d.hcpcs === 'Q5121' ? { ...d, newPatientsPerMonth: 0.676 } : d)) };
    const a = modelReport(runModel(book, input));
    const b = modelReport(runModel(book, resolveScenario(typed, referenceData)));
    expect(a.months).toEqual(b.months);
    expect(a.summary).toEqual(b.summary);
  });

  it('kept: the model runs on the scenario\'s 2 a month and the gap 2 - 0.676 = 1.324 is shown', () => {
    const input = resolveScenario(marketScenario(false), referenceData);
    expect(input.drugs.find((d) => d.hcpcs === 'Q5121')?.newPatientsPerMonth).toBe(2);
    const r = demandReport(demand(input.market!));
    expect(r.drugs.map((d) => [d.hcpcs, d.derived, d.scenario, d.adopted, d.used, d.gap])).toEqual([
      ['Q5121', 0.676, 2, false, 2, 1.324],
      // Ocrevus keeps 1 a month: derived 0.24933888 (0.2493), gap 1 - 0.24933888 = 0.75066112 (0.7507).
      ['J2350', 0.2493, 1, false, 1, 0.7507],
    ]);
    // The sample's model, untouched by a market it does not adopt.
    expect(modelReport(runModel(book, input)).summary).toEqual(modelReport(runModel(book, resolveScenario(sampleScenario, referenceData))).summary);
  });

  it('a scenario without a market resolves without one', () => {
    expect(resolveScenario(sampleScenario, referenceData).market).toBeUndefined();
  });

  it('an area the scenario states overrides the defaults; the others keep them', () => {
    const s = marketScenario(true);
    const own: Scenario = { ...s, market: { ...s.market!, areas: [{ area: 'ibd', prevalence: [0.01, 0.01, 0.01], infusedShare: 0.2 }] } };
    // 120,000 x 1% = 1,200 x 20% = 240 x 20% / 12 = 4 x 0.4 = 1.6; Avsola 0.8.
    expect(resolveScenario(own, referenceData).drugs.find((d) => d.hcpcs === 'Q5121')?.newPatientsPerMonth).toBe(0.8);
  });
});

describe('an area with no public figure (immune globulin): not estimated until the practice enters its own', () => {
  const igClaim = (adopt: boolean, area?: { infusedShare?: number; startsPerYear?: number }): Scenario => {
    const s = marketScenario(false);
    return {
      ...s,
      drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1, adopt } } : d)),
      market: { ...s.market!, areas: [...(s.market!.areas ?? []), ...(area === undefined ? [] : [{ area: 'immune_globulin' as const, ...area }])] },
    };
  };
  const problem =
    'drugs[9].demand.adopt: the area Immune globulin (primary immunodeficiency, neurology) has no share on an infused therapy and no yearly new starts and switches (no public figure to default to): enter market.areas[immune_globulin].infusedShare and startsPerYear, or keep your own figure (adopt false)';

  it('refuses adopting the derived figure of an area not estimated, naming the field and the fix', () => {
    expect(issues(igClaim(true))).toEqual([problem]);
    // Resolving without validating says the same.
    expect(() => resolveScenario(igClaim(true), referenceData)).toThrow(problem);
    // One figure entered: the other is still asked for.
    expect(issues(igClaim(true, { infusedShare: 0.25 }))).toEqual([
      'drugs[9].demand.adopt: the area Immune globulin (primary immunodeficiency, neurology) has no yearly new starts and switches (no public figure to default to): enter market.areas[immune_globulin].startsPerYear, or keep your own figure (adopt false)',
    ]);
  });

  it('keeps the drug\'s own figure with no derived figure and no gap', () => {
    expect(issues(igClaim(false))).toEqual([]);
    const input = resolveScenario(igClaim(false), referenceData);
    const own = sampleScenario.drugs[9]!.newPatientsPerMonth;
    expect(input.drugs.find((d) => d.hcpcs === 'J1459')?.newPatientsPerMonth).toBe(own);
    const r = demandReport(demand(input.market!));
    expect(r.drugs.find((d) => d.hcpcs === 'J1459')).toMatchObject({ derived: null, scenario: own, used: own, gap: null });
    expect(r.areas.find((a) => a.area === 'immune_globulin')).toMatchObject({ diagnosed: 103.56, newPatientsPerMonth: null, missing: ['infusedShare', 'startsPerYear'] });
  });

  it('with the practice\'s 25% and 15% entered, the drug can adopt 103.56 x 0.25 x 0.15 / 12 x 0.4 = 0.12945 a month', () => {
    const s = igClaim(true, { infusedShare: 0.25, startsPerYear: 0.15 });
    expect(issues(s)).toEqual([]);
    expect(resolveScenario(s, referenceData).drugs.find((d) => d.hcpcs === 'J1459')?.newPatientsPerMonth).toBe(0.12945);
  });
});

describe('validation of the market', () => {
  const schemaValidate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

  it('accepts the market scenario, as scenario.schema.json does', () => {
    expect(issues(marketScenario())).toEqual([]);
    expect(schemaValidate(marketScenario())).toBe(true);
  });

  it('scenario.schema.json refuses what the validator refuses: an unknown area, a prevalence of two bands', () => {
    const s = marketScenario();
    expect(schemaValidate({ ...s, market: { ...s.market, areas: [{ area: 'gout' }] } })).toBe(false);
    expect(schemaValidate({ ...s, market: { ...s.market, areas: [{ area: 'ibd', prevalence: [0.1, 0.2] }] } })).toBe(false);
    expect(schemaValidate({ ...s, market: { ...s.market, adults18to49: 1.5 } })).toBe(false);
  });

  it('names each wrong field', () => {
    const s = marketScenario();
    expect(
      issues({
        ...s,
        market: { ...s.market, adults65plus: -5, travelShare: 2, homeInfusion: 1.5, areas: [{ area: 'gout' }, { area: 'ibd', prevalence: [0.1, 0.2], waitWeeks: 1000 }, { area: 'ibd' }] },
      }),
    ).toEqual([
      'market.adults65plus: must be a whole number between 0 and 100000000',
      'market.travelShare: must be between 0 and 1',
      'market.homeInfusion: must be a whole number between 0 and 1000',
      'market.areas[0].area: must be one of "ra", "ms", "ibd", "osteoporosis", "iron", "immune_globulin"',
      'market.areas[1].prevalence: must be an array of 3 fractions, one per age band (18-49, 50-64, 65+)',
      'market.areas[1].waitWeeks: must be between 0 and 520',
      'market.areas[2].area: duplicate area "ibd" (also market.areas[1])',
    ]);
  });

  it('refuses a drug\'s demand claim without a market, and a share above 1', () => {
    const drugs = sampleScenario.drugs.map((d, i) => (i === 0 ? { ...d, demand: { area: 'ibd', share: 1.2 } } : d));
    expect(issues({ ...sampleScenario, drugs })).toEqual([
      'drugs[0].demand.share: must be between 0 and 1',
      "drugs[0].demand: needs the scenario's market (the service area the demand comes from)",
    ]);
  });
});

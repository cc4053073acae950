/**
 * Issue 14, demand (engine/demand.ts) for a service area of 120,000 adults: 60,000 aged 18-49, 36,000 aged
 * 50-64, 24,000 aged 65+. A fifth travel beyond the drive time; one hospital outpatient site, one other
 * practice and one home infusion provider compete:
 *   fair share = 1 / (1 + 3) = 0.25; capture = 0.2 + 0.8 x 0.25 = 0.4.
 * Per area, with the product's defaults (src/data/demand.ts, each from a public source; immune globulin has no
 * public share on infused therapy nor yearly starts, so no default): prevalence x share on infused therapy x
 * starts a year / 12 x capture, by hand:
 *   RA:    120,000 x 0.53%   = 636      x 0.16 = 101.76  x 0.43 / 12 = 3.6464   x 0.4 = 1.45856
 *   MS:    120,000 x 0.3092% = 371.04   x 0.21 = 77.9184 x 0.12 / 12 = 0.779184 x 0.4 = 0.3116736
 *   IBD:   120,000 x 1.3%    = 1,560    x 0.13 = 202.8   x 0.20 / 12 = 3.38     x 0.4 = 1.352
 *   Osteoporosis: 60,000 x 0 + 36,000 x 8.4% + 24,000 x 17.7% = 3,024 + 4,248 = 7,272
 *                                        x 0.09 = 654.48  x 0.27 / 12 = 14.7258  x 0.4 = 5.89032
 *   Iron:  120,000 x 5.6%    = 6,720    x 0.06 = 403.2   x 1.00 / 12 = 33.6     x 0.4 = 13.44
 *   IG:    120,000 x 0.0863% = 103.56 diagnosed; no share nor starts: not estimated (null).
 *          With the practice's own 25% and 15% entered:
 *                                 103.56   x 0.25 = 25.89   x 0.15 / 12 = 0.323625 x 0.4 = 0.12945
 * (Before the shares and starts had public sources: RA 0.10 and 0.25, MS 0.30 and 0.15, IBD 0.15 and 0.20,
 * osteoporosis 0.05 and 0.30, iron 0.03 and 1; IBD gave 1.56 a month. Immune globulin carried the product's own
 * 0.25 and 0.15 until it was decided that a figure without a public source is no default.)
 */
import { AGE_BANDS, DEMAND_AREAS, captureShare, demand, demandReport, type DemandInput } from '../../src/engine/demand';
import { DEMAND_AREA_DEFAULTS, demandAreaDefault, demandDefaultLabel, demandSharesLabel } from '../../src/data/demand';
import { DomainError } from '../../src/engine/errors';

const areas = DEMAND_AREAS.map((id) => {
  const d = demandAreaDefault(id);
  return { id, prevalence: d.prevalence, infusedShare: d.infusedShare, startsPerYear: d.startsPerYear, backlog: 0, waitWeeks: 0 };
});

const input = (over: Partial<DemandInput> = {}): DemandInput => ({
  population: [60_000, 36_000, 24_000],
  driveTimeMinutes: 60,
  travelShare: 0.2,
  hospitalOutpatient: 1,
  otherPractices: 1,
  homeInfusion: 1,
  areas,
  drugs: [],
  ...over,
});

describe('demand for a service area of 120,000 adults', () => {
  it('captures 0.2 + 0.8 x 1/4 = 40% with a fifth travelling and three competing sites', () => {
    const r = demandReport(demand(input()));
    expect([r.adults, r.competingSites, r.fairShare, r.capture]).toEqual([120_000, 3, 0.25, 0.4]);
  });

  it('gives each area prevalence x share on infused therapy x starts a year / 12 x capture', () => {
    const r = demandReport(demand(input()));
    expect(r.areas.map((a) => [a.area, a.diagnosed, a.onInfused, a.marketStartsPerMonth, a.newPatientsPerMonth])).toEqual([
      ['ra', 636, 101.76, 3.6464, 1.4586], // 1.45856 to 4 decimals
      ['ms', 371.04, 77.9184, 0.7792, 0.3117], // 0.779184 and 0.3116736 to 4 decimals
      ['ibd', 1560, 202.8, 3.38, 1.352],
      ['osteoporosis', 7272, 654.48, 14.7258, 5.8903], // 5.89032 to 4 decimals
      ['iron', 6720, 403.2, 33.6, 13.44],
      ['immune_globulin', 103.56, null, null, null], // no public share nor starts: not estimated
    ]);
    expect(r.areas.map((a) => a.missing)).toEqual([[], [], [], [], [], ['infusedShare', 'startsPerYear']]);
  });

  const withIg = (infusedShare: number | null, startsPerYear: number | null): DemandInput['areas'] =>
    areas.map((a) => (a.id === 'immune_globulin' ? { ...a, infusedShare, startsPerYear } : a));

  it('estimates immune globulin once the practice enters its own share and starts: 103.56 x 25% x 15% / 12 x 0.4', () => {
    const r = demand(input({ areas: withIg(0.25, 0.15) }));
    const ig = r.areas.find((a) => a.id === 'immune_globulin');
    // 103.56 x 0.25 = 25.89; x 0.15 / 12 = 0.323625; x 0.4 = 0.12945, exactly (nothing rounded in the engine).
    expect([ig?.diagnosed.toString(), ig?.onInfused?.toString(), ig?.marketStartsPerMonth?.toString(), ig?.newPatientsPerMonth?.toString()]).toEqual(['103.56', '25.89', '0.323625', '0.12945']);
    expect(ig?.missing).toEqual([]);
    // The report rounds counts to 4 decimals where they leave the engine: 0.323625 -> 0.3236, 0.12945 -> 0.1295 (half up).
    expect(demandReport(r).areas.find((a) => a.area === 'immune_globulin')).toMatchObject({ onInfused: 25.89, marketStartsPerMonth: 0.3236, newPatientsPerMonth: 0.1295 });
  });

  it('leaves an area with one of its two figures still not estimated', () => {
    // 25% on infused therapy entered, no starts: diagnosed 103.56 only.
    const ig = demandReport(demand(input({ areas: withIg(0.25, null) }))).areas.find((a) => a.area === 'immune_globulin');
    expect(ig).toMatchObject({ diagnosed: 103.56, onInfused: null, marketStartsPerMonth: null, newPatientsPerMonth: null, missing: ['startsPerYear'] });
  });

  it('gives a drug of an area not estimated no derived figure and no gap; it uses its own figure, adopted or not', () => {
    const drugs: DemandInput['drugs'] = [
      { hcpcs: 'J1459', label: 'Privigen', area: 'immune_globulin', share: 0.4, scenarioNewPatients: 0.5, adopted: false },
      { hcpcs: 'J1569', label: 'Gammagard', area: 'immune_globulin', share: 0.6, scenarioNewPatients: 0.25, adopted: true },
    ];
    const r = demandReport(demand(input({ drugs })));
    expect(r.drugs.map((d) => [d.hcpcs, d.derived, d.scenario, d.used, d.gap])).toEqual([
      ['J1459', null, 0.5, 0.5, null],
      ['J1569', null, 0.25, 0.25, null],
    ]);
    // With 25% and 15% entered: 0.12945 x 0.4 = 0.05178 for Privigen, kept at 0.5: gap 0.5 - 0.05178 = 0.44822;
    // Gammagard adopts 0.12945 x 0.6 = 0.07767, gap 0.
    const entered = demandReport(demand(input({ drugs, areas: withIg(0.25, 0.15) })));
    expect(entered.drugs.map((d) => [d.hcpcs, d.derived, d.used, d.gap])).toEqual([
      ['J1459', 0.0518, 0.5, 0.4482],
      ['J1569', 0.0777, 0.0777, 0],
    ]);
  });

  it('shows the backlog captured once and the referrals a month it implies (Little\'s law)', () => {
    const withBacklog = input({ areas: areas.map((a) => (a.id === 'ibd' ? { ...a, backlog: 30, waitWeeks: 6 } : a)) });
    const ibd = demandReport(demand(withBacklog)).areas.find((a) => a.area === 'ibd');
    // 30 waiting x capture 0.4 = 12 once; 30 / (6 weeks / (52/12) weeks a month) = 30 x 52 / 72 = 21.6667 a month.
    expect([ibd?.backlogCaptured, ibd?.referralsPerMonth, ibd?.newPatientsPerMonth]).toEqual([12, 21.6667, 1.352]);
    // No wait known: no referral flow to show.
    expect(demandReport(demand(input())).areas.find((a) => a.area === 'ibd')?.referralsPerMonth).toBeNull();
  });

  it('splits an area between drugs by the share the user sets, beside the scenario figure, with the gap', () => {
    const r = demandReport(
      demand(
        input({
          drugs: [
            // Kept: the scenario's 2 a month beside IBD 1.352 x 0.5 = 0.676; gap 2 - 0.676 = 1.324.
            { hcpcs: 'Q5121', label: 'Avsola', area: 'ibd', share: 0.5, scenarioNewPatients: 2, adopted: false },
            // Adopted: MS 0.3116736 x 0.8 = 0.24933888 (0.2493) is used; the gap is 0.
            { hcpcs: 'J2350', label: 'Ocrevus', area: 'ms', share: 0.8, scenarioNewPatients: 1, adopted: true },
          ],
        }),
      ),
    );
    expect(r.drugs.map((d) => [d.hcpcs, d.derived, d.scenario, d.used, d.gap])).toEqual([
      ['Q5121', 0.676, 2, 2, 1.324],
      ['J2350', 0.2493, 1, 0.2493, 0],
    ]);
  });

  it('with nobody travelling and no competitor, the practice has the whole area (capture 1)', () => {
    expect(captureShare({ travelShare: 0, hospitalOutpatient: 0, otherPractices: 0, homeInfusion: 0 }).capture.toNumber()).toBe(1);
  });

  it('grows with the travel share and shrinks with each competing site', () => {
    const c = (travelShare: number, sites: number): number => captureShare({ travelShare, hospitalOutpatient: sites, otherPractices: 0, homeInfusion: 0 }).capture.toNumber();
    expect(c(0.5, 1)).toBeGreaterThan(c(0.2, 1));
    expect(c(0.2, 2)).toBeLessThan(c(0.2, 1));
    // Everyone travels: capture 1 whatever the competitors.
    expect(c(1, 5)).toBe(1);
  });

  it('refuses a share outside 0-1 and a negative count, naming the field', () => {
    expect(() => demand(input({ travelShare: 1.5 }))).toThrow(new DomainError({ code: 'invalid_amount', argument: 'travelShare', problem: '1.5 must be a fraction between 0 and 1' }));
    expect(() => demand(input({ homeInfusion: -1 }))).toThrow('homeInfusion: -1 must be a number of 0 or more');
    expect(() => demand(input({ population: [1, 2] }))).toThrow('population: one figure per age band (18-49, 50-64, 65+)');
  });
});

describe('the product\'s demand defaults', () => {
  it('cover every area, one prevalence per age band, each with a public source named', () => {
    expect(DEMAND_AREA_DEFAULTS.map((d) => d.id)).toEqual([...DEMAND_AREAS]);
    for (const d of DEMAND_AREA_DEFAULTS) {
      expect(d.prevalence).toHaveLength(AGE_BANDS.length);
      expect(d.prevalenceSource).toMatch(/\d{4}/); // a year of publication
      for (const p of [...d.prevalence, d.infusedShare, d.startsPerYear]) expect(p === null || (p >= 0 && p <= 1)).toBe(true);
    }
  });

  it('name a public source for each share and each starts figure, or carry none and say what was searched', () => {
    for (const d of DEMAND_AREA_DEFAULTS) {
      for (const [value, source, cite] of [
        [d.infusedShare, d.infusedShareSource, d.infusedShareCite],
        [d.startsPerYear, d.startsSource, d.startsCite],
      ] as const) {
        if (value !== null) {
          expect(source).toMatch(/(19|20)\d\d/); // a year of publication
          expect(cite).not.toMatch(/estimate|no public figure/);
        } else {
          expect(source).toMatch(/^No public figure: .* the product carries no default\. Searched/);
          expect(cite).toBe("no public figure: enter the practice's own");
        }
        // No figure of the product's own making: nothing says "estimate".
        expect(`${source} ${cite}`).not.toMatch(/product's estimate/);
      }
    }
    // Immune globulin is the one area with no default share nor starts (no public figure found); the five others are sourced.
    expect(DEMAND_AREA_DEFAULTS.filter((d) => d.infusedShare === null || d.startsPerYear === null).map((d) => [d.id, d.infusedShare, d.startsPerYear])).toEqual([['immune_globulin', null, null]]);
  });

  it('label each share by its source, none where there is no public figure, and a share the scenario gives as its input', () => {
    const ra = demandAreaDefault('ra');
    expect(demandDefaultLabel(ra.infusedShare)).toBe('default: public source');
    expect(demandDefaultLabel(demandAreaDefault('immune_globulin').startsPerYear)).toBe("no public figure: enter the practice's own");
    expect(demandSharesLabel(ra)).toBe(`share on infused therapy: default, ${ra.infusedShareCite}; starts a year: default, ${ra.startsCite}`);
    expect(demandSharesLabel(demandAreaDefault('immune_globulin'), { infused: true })).toBe("share on infused therapy: scenario input; starts a year: no public figure: enter the practice's own");
  });
});

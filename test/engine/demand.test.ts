/**
 * Issue 14, demand (engine/demand.ts) for a service area of 120,000 adults: 60,000 aged 18-49, 36,000 aged
 * 50-64, 24,000 aged 65+. A fifth travel beyond the drive time; one hospital outpatient site, one other
 * practice and one home infusion provider compete:
 *   fair share = 1 / (1 + 3) = 0.25; capture = 0.2 + 0.8 x 0.25 = 0.4.
 * Per area, with the product's defaults (src/data/demand.ts): prevalence x share on infused therapy x starts a
 * year / 12 x capture, by hand:
 *   RA:    120,000 x 0.53%   = 636      x 0.10 = 63.6    x 0.25 / 12 = 1.325    x 0.4 = 0.53
 *   MS:    120,000 x 0.3092% = 371.04   x 0.30 = 111.312 x 0.15 / 12 = 1.3914   x 0.4 = 0.55656
 *   IBD:   120,000 x 1.3%    = 1,560    x 0.15 = 234     x 0.20 / 12 = 3.9      x 0.4 = 1.56
 *   Osteoporosis: 60,000 x 0 + 36,000 x 8.4% + 24,000 x 17.7% = 3,024 + 4,248 = 7,272
 *                                        x 0.05 = 363.6   x 0.30 / 12 = 9.09     x 0.4 = 3.636
 *   Iron:  120,000 x 5.6%    = 6,720    x 0.03 = 201.6   x 1.00 / 12 = 16.8     x 0.4 = 6.72
 *   IG:    120,000 x 0.0863% = 103.56   x 0.25 = 25.89   x 0.15 / 12 = 0.323625 x 0.4 = 0.12945
 */
import { AGE_BANDS, DEMAND_AREAS, captureShare, demand, demandReport, type DemandInput } from '../../src/engine/demand';
import { DEMAND_AREA_DEFAULTS, demandAreaDefault } from '../../src/data/demand';
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
      ['ra', 636, 63.6, 1.325, 0.53],
      ['ms', 371.04, 111.312, 1.3914, 0.5566], // 0.55656 to 4 decimals
      ['ibd', 1560, 234, 3.9, 1.56],
      ['osteoporosis', 7272, 363.6, 9.09, 3.636],
      ['iron', 6720, 201.6, 16.8, 6.72],
      ['immune_globulin', 103.56, 25.89, 0.3236, 0.1295], // 0.323625 and 0.12945, half up
    ]);
  });

  it('shows the backlog captured once and the referrals a month it implies (Little\'s law)', () => {
    const withBacklog = input({ areas: areas.map((a) => (a.id === 'ibd' ? { ...a, backlog: 30, waitWeeks: 6 } : a)) });
    const ibd = demandReport(demand(withBacklog)).areas.find((a) => a.area === 'ibd');
    // 30 waiting x capture 0.4 = 12 once; 30 / (6 weeks / (52/12) weeks a month) = 30 x 52 / 72 = 21.6667 a month.
    expect([ibd?.backlogCaptured, ibd?.referralsPerMonth, ibd?.newPatientsPerMonth]).toEqual([12, 21.6667, 1.56]);
    // No wait known: no referral flow to show.
    expect(demandReport(demand(input())).areas.find((a) => a.area === 'ibd')?.referralsPerMonth).toBeNull();
  });

  it('splits an area between drugs by the share the user sets, beside the scenario figure, with the gap', () => {
    const r = demandReport(
      demand(
        input({
          drugs: [
            // Kept: the scenario's 2 a month beside IBD 1.56 x 0.5 = 0.78; gap 2 - 0.78 = 1.22.
            { hcpcs: 'Q5121', label: 'Avsola', area: 'ibd', share: 0.5, scenarioNewPatients: 2, adopted: false },
            // Adopted: MS 0.55656 x 0.8 = 0.445248 is used; the gap is 0.
            { hcpcs: 'J2350', label: 'Ocrevus', area: 'ms', share: 0.8, scenarioNewPatients: 1, adopted: true },
          ],
        }),
      ),
    );
    expect(r.drugs.map((d) => [d.hcpcs, d.derived, d.scenario, d.used, d.gap])).toEqual([
      ['Q5121', 0.78, 2, 2, 1.22],
      ['J2350', 0.4452, 1, 0.4452, 0],
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
      for (const p of [...d.prevalence, d.infusedShare, d.startsPerYear]) expect(p >= 0 && p <= 1).toBe(true);
    }
  });
});

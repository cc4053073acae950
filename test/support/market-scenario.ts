/**
 * Issue 14: the sample scenario with a service area of 120,000 adults (60,000 aged 18-49, 36,000 aged 50-64,
 * 24,000 aged 65 and over), a fifth of its patients travelling beyond an hour for infusions, and one
 * competing hospital outpatient site, one other practice and one home infusion provider. Capture by hand:
 *   fair share = 1 / (1 + 3) = 0.25; capture = 0.2 + (1 - 0.2) x 0.25 = 0.2 + 0.2 = 0.4.
 * IBD has a referral backlog of 30 patients waiting 6 weeks elsewhere.
 * Drugs: Avsola (Q5121) takes half of the IBD area and ADOPTS the derived figure; Ocrevus (J2350) takes 80% of
 * MS and KEEPS its own figure (1 a month); the others make no claim.
 */
import { sampleScenario, type Scenario } from '../../src/scenario';

export function marketScenario(adoptQ5121 = true): Scenario {
  return {
    ...sampleScenario,
    drugs: sampleScenario.drugs.map((d) => {
      if (d.hcpcs === 'Q5121') return { ...d, demand: { area: 'ibd', share: 0.5, adopt: adoptQ5121 } };
      if (d.hcpcs === 'J2350') return { ...d, demand: { area: 'ms', share: 0.8 } };
      return d;
    }),
    market: {
      adults18to49: 60_000,
      adults50to64: 36_000,
      adults65plus: 24_000,
      driveTimeMinutes: 60,
      travelShare: 0.2,
      hospitalOutpatient: 1,
      otherPractices: 1,
      homeInfusion: 1,
      areas: [{ area: 'ibd', backlog: 30, waitWeeks: 6 }],
    },
  };
}

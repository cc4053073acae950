/**
 * Issue 14, the Demand view's model (src/taskpane/model/demand.ts): a drug cannot stay adopting the derived
 * figure of an area that is not estimated. Immune globulin has no public share on infused therapy nor yearly
 * starts (no default), so a drug adopting it goes back to its own figure until the practice enters both.
 */
import { dropUnestimatedAdoptions, setAreaNumber } from '../../src/taskpane/model/demand';
import type { Scenario } from '../../src/scenario';
import { marketScenario } from '../support/market-scenario';

const adoptingIg = (): Scenario => {
  const s = marketScenario(true);
  return { ...s, drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1, adopt: true } } : d)) };
};
const claim = (s: Scenario, hcpcs: string) => s.drugs.find((d) => d.hcpcs === hcpcs)?.demand;

describe('dropUnestimatedAdoptions', () => {
  it('takes back the adoption of a drug whose area has no share or no starts, and leaves the others', () => {
    const s = dropUnestimatedAdoptions(adoptingIg());
    expect(claim(s, 'J1459')).toEqual({ area: 'immune_globulin', share: 1 });
    // Avsola adopts IBD, which has both figures from public sources: unchanged.
    expect(claim(s, 'Q5121')).toEqual({ area: 'ibd', share: 0.5, adopt: true });
  });

  it('keeps the adoption once both figures are entered, and takes it back when one is cleared', () => {
    const entered = setAreaNumber(setAreaNumber(adoptingIg(), 'immune_globulin', 'infusedShare', 0.25), 'immune_globulin', 'startsPerYear', 0.15);
    expect(dropUnestimatedAdoptions(entered)).toBe(entered);
    const cleared = dropUnestimatedAdoptions(setAreaNumber(entered, 'immune_globulin', 'startsPerYear', undefined));
    expect(claim(cleared, 'J1459')?.adopt).toBeUndefined();
  });
});

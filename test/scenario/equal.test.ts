/**
 * Scenario equality in the scenario layer (src/scenario/equal.ts): key order and fields set to undefined do
 * not count; every field does, including those the earlier version's tables did not hold (a drug's own payer
 * mix, drug sources, courses a year, a custom drug's facts, a payer's coverage).
 */
import { sameScenario, sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';

const first = (s: Scenario, f: (d: Scenario['drugs'][number]) => Scenario['drugs'][number]): Scenario => ({ ...s, drugs: s.drugs.map((d, i) => (i === 0 ? f(d) : d)) });

describe('sameScenario', () => {
  it('does not count key order or fields set to undefined', () => {
    const rebuilt: Scenario = { ...(Object.fromEntries(Object.entries(sampleScenario).reverse()) as unknown as Scenario), program: { ...sampleScenario.program, horizonMonths: sampleScenario.program.horizonMonths } };
    expect(sameScenario(rebuilt, sampleScenario)).toBe(true);
    expect(sameScenario(first(sampleScenario, (d) => ({ ...d, wacPerUnit: undefined })), first(sampleScenario, (d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'wacPerUnit')) as unknown as Scenario['drugs'][number]))).toBe(true);
    expect(sameScenario(null, null)).toBe(true);
    expect(sameScenario(sampleScenario, null)).toBe(false);
  });

  it('counts every field, those of DOMAIN.md 5 too', () => {
    const id = sampleScenario.payers[0]?.id as string;
    expect(sameScenario(first(sampleScenario, (d) => ({ ...d, payerMix: { [id]: 1 } })), sampleScenario)).toBe(false);
    expect(sameScenario(first(sampleScenario, (d) => ({ ...d, drugSources: [{ payer: id, source: 'white_bag' }] })), sampleScenario)).toBe(false);
    expect(sameScenario(first(sampleScenario, (d) => ({ ...d, coursesPerYear: 2 })), sampleScenario)).toBe(false);
    expect(sameScenario({ ...sampleScenario, payers: sampleScenario.payers.map((p, i) => (i === 0 ? { ...p, annualDeductible: 500 } : p)) }, sampleScenario)).toBe(false);
    // The drugs' order is the formulary's: another order is another scenario.
    expect(sameScenario({ ...sampleScenario, drugs: [...sampleScenario.drugs].reverse() }, sampleScenario)).toBe(false);
  });
});

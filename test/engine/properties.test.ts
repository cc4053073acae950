import fc from 'fast-check';
import { ReferenceBook } from '../../src/engine/book';
import { dec } from '../../src/engine/decimal';
import { administrationEconomics } from '../../src/engine/economics';
import { runModel } from '../../src/engine/model';
import { builtinPayer, BUILTIN_PAYERS } from '../../src/engine/payers';
import { namedScenarios, sensitivity } from '../../src/engine/sensitivity';
import type { ModelInput, PayerProfile } from '../../src/engine/types';
import { chooseVials, dispense } from '../../src/engine/units';
import { referenceData } from './fixture';

const book = new ReferenceBook(referenceData);
const sizesArb = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 });

describe('invariants (fast-check)', () => {
  it('bills enough units: units administered x billing unit >= dose, and less than one unit more', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(1, 2, 10, 500, 1000), (doseTenths, unit) => {
      const dose = dec(doseTenths).div(10);
      const d = dispense(dose, dec(unit), [unit * 3]);
      expect(dec(d.unitsAdministered).times(unit).gte(dose)).toBe(true);
      expect(dec(d.unitsAdministered - 1).times(unit).lt(dose)).toBe(true);
    }));
  });

  it('wastes less than the smallest vial opened, and covers the dose', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), sizesArb, (required, sizes) => {
      const c = chooseVials(dec(required), sizes);
      const waste = c.totalUnits.minus(required);
      expect(waste.gte(0)).toBe(true);
      expect(waste.lt(Math.min(...c.vials.map((v) => v.size)))).toBe(true);
    }));
  });

  it('chooses the least total, then the fewest vials, as brute force does', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 150 }), sizesArb, (required, sizes) => {
      // Brute force over every count of each size up to ceil(required / size).
      let best: [number, number] = [Infinity, Infinity];
      const rec = (i: number, total: number, count: number): void => {
        if (i === sizes.length) {
          if (total >= required && (total < best[0] || (total === best[0] && count < best[1]))) best = [total, count];
          return;
        }
        const s = sizes[i] as number;
        for (let n = 0; n <= Math.ceil(required / s); n++) rec(i + 1, total + n * s, count + n);
      };
      rec(0, 0, 0);
      const c = chooseVials(dec(required), sizes);
      expect([c.totalUnits.toNumber(), c.vialCount]).toEqual(best);
    }), { numRuns: 300 });
  });

  it('a mix of identical payers equals that payer', () => {
    const medicare = builtinPayer('MEDICARE') as PayerProfile;
    const input = (weights: number[]): ModelInput => ({
      name: 'x', practiceName: 'x', quarter: '2026Q1', feeScheduleYear: 2026,
      drugs: [{
        hcpcs: 'J1745', label: 'infliximab', route: 'IV', complexity: 'complex', dose: { kind: 'per_kg', perKg: 5 },
        regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null }, weightKg: 80, infusionMinutes: 120,
        chairExtraMinutes: 30, vialSizes: [10], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 1, rampMonths: 3,
        discontinuationRate: 0.1, priorAuthPayers: [], distributorVerified: true,
      }],
      payers: weights.map((w, i) => ({ profile: { ...medicare, id: `M${i}` }, weight: w })),
      program: {
        chairs: 2, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2, fixedCosts: [], startupCosts: 0,
        planningMonths: 0, horizonMonths: 6, discountRate: 0.05, distributorTermsDays: 30, priorAuthDelayDays: 14,
        priorAuthStaffMinutes: 0, staffHourlyCost: 0,
      },
    });
    const single = runModel(book, input([1])).drugs[0]!.mix.margin;
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 }), (pct) => {
      const mixed = runModel(book, input([pct / 100, (100 - pct) / 100])).drugs[0]!.mix.margin;
      expect(mixed.minus(single).abs().lt('1e-30')).toBe(true);
    }), { numRuns: 50 });
  });

  it('margins rise with payment and fall with acquisition cost, for every built-in payer', () => {
    fc.assert(fc.property(fc.constantFrom(...BUILTIN_PAYERS), fc.integer({ min: 50, max: 3000 }), fc.integer({ min: 1, max: 60 }), (payer, dose, acq) => {
      const spec = { hcpcs: 'J1745', dose: dec(dose), route: 'IV' as const, complexity: 'complex' as const, minutes: 120, acquisitionPerUnit: dec(acq), wacPerUnit: null };
      const base = administrationEconomics(book, spec, payer).margin;
      const richer = administrationEconomics(book, { ...spec, priceFactor: dec('1.1') }, payer).margin;
      const dearer = administrationEconomics(book, { ...spec, acquisitionPerUnit: dec(acq + 1) }, payer).margin;
      expect(richer.gte(base)).toBe(true);
      // DOMAIN.md 5.1: where the practice buys no drug (SELF_PAY's free drug) its price cannot move the margin.
      if (payer.drugSource === 'free_drug') expect(dearer.eq(base)).toBe(true);
      else expect(dearer.lt(base)).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('sensitivity and named scenarios', () => {
  const medicare = builtinPayer('MEDICARE') as PayerProfile;
  const selfPay = builtinPayer('SELF_PAY') as PayerProfile;
  const input: ModelInput = {
    name: 'x', practiceName: 'x', quarter: '2026Q1', feeScheduleYear: 2026,
    drugs: [{
      hcpcs: 'J1745', label: 'infliximab', route: 'IV', complexity: 'complex', dose: { kind: 'per_kg', perKg: 5 },
      regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null }, weightKg: 80, infusionMinutes: 120,
      chairExtraMinutes: 30, vialSizes: [10], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 2, rampMonths: 3,
      discontinuationRate: 0.1, priorAuthPayers: [], distributorVerified: true,
    }],
    // Mix margin per administration: 0.9 x 197.15 (Medicare, 95% collection) + 0.1 x 9.70 (self-pay on free drug:
    // 6% of the 161.66 administration) = 178.40 > 0, so more volume earns more.
    payers: [{ profile: medicare, weight: 0.9 }, { profile: selfPay, weight: 0.1 }],
    program: {
      chairs: 2, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2, fixedCosts: [{ name: 'rn', monthly: 1000 }], startupCosts: 5000,
      planningMonths: 2, horizonMonths: 12, discountRate: 0.05, distributorTermsDays: 30, priorAuthDelayDays: 14,
      priorAuthStaffMinutes: 0, staffHourlyCost: 0,
    },
  };

  it('moves NPV the right way for each driver', () => {
    const rows = sensitivity(book, input);
    expect(rows.map((r) => r.driver.id)).toEqual(['payment_limits', 'acquisition_cost', 'volume', 'payer_mix', 'denial_rate']);
    for (const r of rows) expect(r.lowNpv.lte(r.highNpv)).toBe(true);
    // The mix driver moves 10 points from Medicare (best) to self-pay (worst) in the low case.
    expect(rows[3]!.lowAdjustments.weights).toEqual([0.9 - 0.1, 0.1 + 0.1]);
  });

  it('makes every tornado case differ from the base case, the denial write-off\'s high case included', () => {
    // Both payers' write-offs are 0 (DOMAIN.md 2.6), so a high case "as entered" would be the base case again:
    // the denial driver's cases are +5 points (low) and +1 point (high).
    const base = runModel(book, input).summary.npv;
    const rows = sensitivity(book, input);
    for (const r of rows) {
      expect({ driver: r.driver.id, low: r.lowNpv.eq(base) }).toEqual({ driver: r.driver.id, low: false });
      expect({ driver: r.driver.id, high: r.highNpv.eq(base) }).toEqual({ driver: r.driver.id, high: false });
    }
    const denial = rows[4]!;
    expect([denial.lowAdjustments.denialWriteOffAdd, denial.highAdjustments.denialWriteOffAdd]).toEqual([0.05, 0.01]);
    // A larger write-off earns less: +5 pts below +1 pt below the base case.
    expect(denial.lowNpv.lt(denial.highNpv) && denial.highNpv.lt(base)).toBe(true);
  });

  it('orders conservative <= base <= optimistic', () => {
    const [c, b, o] = namedScenarios(book, input).map((s) => s.results.summary.npv);
    expect(c!.lte(b!)).toBe(true);
    expect(b!.lte(o!)).toBe(true);
  });
});

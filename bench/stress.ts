/**
 * The stress scenario of the benchmarks: 200 drug lines x 6 payers x 60 months, built from the catalog
 * (each catalog drug repeated with different patient weights, volumes and contract prices).
 */
import { BUILTIN_PAYERS, type ModelInput, type ReferenceData } from '../src/engine';

export function stressModelInput(ref: ReferenceData, drugLines = 200, horizonMonths = 60): ModelInput {
  const catalog = ref.catalog;
  const drugs = Array.from({ length: drugLines }, (_, i) => {
    const d = catalog[i % catalog.length]!;
    return {
      hcpcs: d.hcpcs,
      label: `${d.brand} #${Math.floor(i / catalog.length) + 1}`,
      route: d.route,
      complexity: d.complexity,
      dose: d.dose,
      regimen: d.regimen,
      weightKg: 55 + (i % 7) * 8,
      infusionMinutes: d.infusionMinutes,
      chairExtraMinutes: d.chairExtraMinutes,
      vialSizes: d.vialSizes,
      acquisitionPerUnit: null,
      wacPerUnit: null,
      newPatientsPerMonth: 0.5 + (i % 5) * 0.25,
      rampMonths: 6,
      discontinuationRate: 0.15,
      priorAuthPayers: ['MEDICARE_ADVANTAGE', 'COMMERCIAL', 'ACME_PPO'],
      distributorVerified: i % 3 !== 0,
    };
  });
  const acme = { ...BUILTIN_PAYERS.find((p) => p.id === 'COMMERCIAL')!, id: 'ACME_PPO', name: 'Acme PPO', drugRule: { kind: 'asp_plus' as const, percent: 0.12 } };
  const weights = [0.35, 0.2, 0.1, 0.2, 0.05, 0.1];
  return {
    name: 'Stress', practiceName: 'Stress Test Oncology', quarter: '2026Q1', feeScheduleYear: 2026, drugs,
    payers: [...BUILTIN_PAYERS, acme].map((profile, i) => ({ profile, weight: weights[i]! })),
    program: {
      chairs: 40, hoursPerDay: 10, daysPerMonth: 21, utilizationTarget: 0.8, chairsPerNurse: 3,
      fixedCosts: [{ name: 'Nursing', monthly: 180000 }, { name: 'Space', monthly: 30000 }], startupCosts: 500000,
      planningMonths: 6, horizonMonths, discountRate: 0.08, distributorTermsDays: 30, priorAuthDelayDays: 14,
      priorAuthStaffMinutes: 45, staffHourlyCost: 32,
    },
  };
}

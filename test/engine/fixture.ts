/**
 * A small reference-data fixture for engine tests, with real figures: payment limits from the CMS January
 * 2026 payment limit file, RVUs and conversion factors from DOMAIN.md 2.3, catalog facts from the seed.
 * Kept independent of src/data so that engine tests check the rules, not the data pipeline.
 */
import type { CatalogDrug, ReferenceData } from '../../src/engine/reference';

const infliximab: CatalogDrug = {
  hcpcs: 'J1745', generic: 'infliximab', brand: 'Remicade', referenceHcpcs: null, area: 'IBD/RA', route: 'IV',
  complexity: 'complex', dose: { kind: 'per_kg', perKg: 5 }, regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null },
  infusionMinutes: 120, chairExtraMinutes: 30, vialSizes: [10], labelNote: '',
};

export const catalog: CatalogDrug[] = [
  infliximab,
  { ...infliximab, hcpcs: 'Q5121', generic: 'infliximab-axxq', brand: 'Avsola', referenceHcpcs: 'J1745' },
  { ...infliximab, hcpcs: 'Q5103', generic: 'infliximab-dyyb', brand: 'Inflectra', referenceHcpcs: 'J1745' },
  {
    hcpcs: 'J3262', generic: 'tocilizumab', brand: 'Actemra', referenceHcpcs: null, area: 'RA', route: 'IV', complexity: 'complex',
    dose: { kind: 'per_kg', perKg: 8, maxDose: 800 }, regimen: { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: null },
    infusionMinutes: 60, chairExtraMinutes: 30, vialSizes: [80, 200, 400], labelNote: '',
  },
  {
    hcpcs: 'J0897', generic: 'denosumab', brand: 'Prolia', referenceHcpcs: null, area: 'osteoporosis', route: 'SC', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 60 }, regimen: { loadingDays: [], maintenanceIntervalDays: 182, maxDoses: null },
    infusionMinutes: 0, chairExtraMinutes: 15, vialSizes: [60, 120], labelNote: '',
  },
  {
    hcpcs: 'J1439', generic: 'ferric carboxymaltose', brand: 'Injectafer', referenceHcpcs: null, area: 'anemia', route: 'IV', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 750 }, regimen: { loadingDays: [0, 7], maintenanceIntervalDays: null, maxDoses: 2 },
    infusionMinutes: 15, chairExtraMinutes: 15, vialSizes: [100, 750, 1000], labelNote: '',
  },
  {
    hcpcs: 'J0129', generic: 'abatacept', brand: 'Orencia', referenceHcpcs: null, area: 'RA', route: 'IV', complexity: 'complex',
    dose: { kind: 'weight_tiers', tiers: [{ op: 'lt', kg: 60, dose: 500 }, { op: 'range', kg: 60, toKg: 100, dose: 750 }, { op: 'gt', kg: 100, dose: 1000 }] },
    regimen: { loadingDays: [0, 14, 28], maintenanceIntervalDays: 28, maxDoses: null },
    infusionMinutes: 30, chairExtraMinutes: 30, vialSizes: [25], labelNote: '',
  },
];

const row = (hcpcs: string, dosage: string, limit: string | null, coins: string, notes = '') => ({
  hcpcs, description: hcpcs, dosage, paymentLimit: limit, coinsurancePercent: coins, notes,
});

export const referenceData: ReferenceData = {
  catalog,
  quarters: [
    {
      quarter: '2026Q1', effective: 'Effective January 1, 2026 through March 31, 2026', effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31',
      source: 'fixture',
      rows: [
        row('J1745', '10 MG', '32.423', '20.000'),
        row('Q5121', '10 MG', '23.811', '20.000', '8% of reference add-on applied'),
        row('Q5103', '10 MG', '24.220', '20.000', '8% of reference add-on applied'),
        row('J3262', '1 MG', '5.609', '20.000'),
        row('J0897', '1 MG', '29.457', '17.585', 'Inflation-adjusted coinsurance'),
        row('J1439', '1 MG', '1.115', '20.000'),
        row('J0129', '10 MG', '50.000', '20.000'),
        row('J9999', '1 MG', null, '20.000'),
        row('J7777', '5 MG', '10.600', '20.000'),
      ],
    },
    {
      quarter: '2025Q4', effective: 'Effective October 1, 2025 through December 31, 2025', effectiveFrom: '2025-10-01', effectiveTo: '2025-12-31',
      source: 'fixture',
      rows: [row('J1745', '10 MG', '30.000', '20.000')],
    },
  ],
  vialSizes: { J7777: [2, 4] },
  feeSchedules: [
    {
      year: 2026, conversionFactor: '33.4009', source: 'DOMAIN.md 2.3',
      rvu: { '96365': '2.01', '96366': '0.64', '96367': '0.89', '96372': '0.46', '96374': '1.13', '96375': '0.47', '96401': '2.15', '96409': '3.13', '96413': '3.99', '96415': '0.85', '96417': '1.99' },
    },
    {
      year: 2025, conversionFactor: '32.3465', source: 'DOMAIN.md 2.3',
      rvu: { '96365': '1.79', '96366': '0.60', '96367': '0.82', '96372': '0.43', '96374': '1.05', '96375': '0.44', '96401': '2.05', '96409': '2.86', '96413': '3.69', '96415': '0.79', '96417': '1.82' },
    },
  ],
};

/**
 * Reference data for the scenario tests, built by hand from the seed catalog (reference/drug-catalog-seed.csv),
 * the CMS payment limit files of October 2024 and January 2026 (real figures) and the fee schedule of
 * DOMAIN.md 2.3. Independent of src/data so that these tests check the scenario layer only.
 */
import type { CatalogDrug, PaymentLimitRow, ReferenceData } from '../../src/engine/reference';
import type { Scenario } from '../../src/scenario';

const infliximab: CatalogDrug = {
  hcpcs: 'J1745',
  generic: 'infliximab',
  brand: 'Remicade',
  referenceHcpcs: null,
  area: 'IBD/RA',
  route: 'IV',
  complexity: 'complex',
  dose: { kind: 'per_kg', perKg: 5 },
  regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null },
  infusionMinutes: 120,
  chairExtraMinutes: 30,
  vialSizes: [10],
  labelNote: '5 mg/kg weeks 0, 2, 6 then every 8 weeks; infuse over at least 2 h',
};

type Facts = Omit<CatalogDrug, 'referenceHcpcs' | 'labelNote'>;
const drug = (facts: Facts): CatalogDrug => ({ ...facts, referenceHcpcs: null, labelNote: '' });

export const catalog: readonly CatalogDrug[] = [
  infliximab,
  { ...infliximab, hcpcs: 'Q5121', generic: 'infliximab-axxq', brand: 'Avsola', referenceHcpcs: 'J1745', labelNote: 'biosimilar of J1745' },
  drug({
    hcpcs: 'J3380', generic: 'vedolizumab', brand: 'Entyvio', area: 'IBD', route: 'IV', complexity: 'complex',
    dose: { kind: 'fixed', amount: 300 }, regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null },
    infusionMinutes: 30, chairExtraMinutes: 30, vialSizes: [300],
  }),
  drug({
    hcpcs: 'J2350', generic: 'ocrelizumab', brand: 'Ocrevus', area: 'MS', route: 'IV', complexity: 'complex',
    dose: { kind: 'fixed', amount: 600 }, regimen: {
      loadingDays: [0, 14], maintenanceIntervalDays: 168, maxDoses: null,
      loadingDoses: [{ dose: { kind: 'fixed', amount: 300 }, minutes: 150 }, { dose: { kind: 'fixed', amount: 300 }, minutes: 150 }],
    },
    infusionMinutes: 210, chairExtraMinutes: 60, vialSizes: [300],
  }),
  drug({
    hcpcs: 'J2323', generic: 'natalizumab', brand: 'Tysabri', area: 'MS/Crohn', route: 'IV', complexity: 'complex',
    dose: { kind: 'fixed', amount: 300 }, regimen: { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: null },
    infusionMinutes: 60, chairExtraMinutes: 60, vialSizes: [300],
  }),
  drug({
    hcpcs: 'J3262', generic: 'tocilizumab', brand: 'Actemra', area: 'RA', route: 'IV', complexity: 'complex',
    dose: { kind: 'per_kg', perKg: 8, maxDose: 800 },
    regimen: { loadingDays: [0], maintenanceIntervalDays: 28, maxDoses: null, loadingDoses: [{ dose: { kind: 'per_kg', perKg: 4 }, minutes: 60 }] },
    infusionMinutes: 60, chairExtraMinutes: 30, vialSizes: [80, 200, 400],
  }),
  drug({
    hcpcs: 'J0897', generic: 'denosumab', brand: 'Prolia', area: 'osteoporosis', route: 'SC', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 60 }, regimen: { loadingDays: [], maintenanceIntervalDays: 182, maxDoses: null },
    infusionMinutes: 0, chairExtraMinutes: 15, vialSizes: [60, 120],
  }),
  drug({
    hcpcs: 'J3489', generic: 'zoledronic acid', brand: 'Reclast', area: 'osteoporosis', route: 'IV', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 5 }, regimen: { loadingDays: [], maintenanceIntervalDays: 365, maxDoses: null },
    infusionMinutes: 20, chairExtraMinutes: 15, vialSizes: [5],
  }),
  drug({
    hcpcs: 'J1439', generic: 'ferric carboxymaltose', brand: 'Injectafer', area: 'anemia', route: 'IV', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 750 }, regimen: { loadingDays: [0, 7], maintenanceIntervalDays: null, maxDoses: null, courseIntervalDays: 364 },
    infusionMinutes: 15, chairExtraMinutes: 15, vialSizes: [100, 750, 1000],
  }),
  drug({
    hcpcs: 'J1756', generic: 'iron sucrose', brand: 'Venofer', area: 'anemia', route: 'IV', complexity: 'therapeutic',
    dose: { kind: 'fixed', amount: 200 }, regimen: { loadingDays: [0, 3, 6, 9, 12], maintenanceIntervalDays: null, maxDoses: null, courseIntervalDays: 364 },
    infusionMinutes: 5, chairExtraMinutes: 15, vialSizes: [50, 100, 200],
  }),
  drug({
    hcpcs: 'J1459', generic: 'immune globulin', brand: 'Privigen', area: 'neurology/immunology', route: 'IV', complexity: 'therapeutic',
    dose: { kind: 'per_kg', perKg: 400 }, regimen: { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: null },
    infusionMinutes: 180, chairExtraMinutes: 30, vialSizes: [10, 20, 40, 80],
  }),
  drug({
    hcpcs: 'J1299', generic: 'eculizumab', brand: 'Soliris', area: 'neurology/hematology', route: 'IV', complexity: 'complex',
    dose: { kind: 'fixed', amount: 900 }, regimen: { loadingDays: [], maintenanceIntervalDays: 14, maxDoses: null },
    infusionMinutes: 35, chairExtraMinutes: 60, vialSizes: [150],
  }),
];

const row = (hcpcs: string, dosage: string, paymentLimit: string, coinsurancePercent = '20.000', notes = ''): PaymentLimitRow => ({
  hcpcs,
  description: hcpcs,
  dosage,
  paymentLimit,
  coinsurancePercent,
  notes,
});

const BIOSIMILAR_8 = '8% of reference add-on applied';

/** October 2024: J1299 (2 mg units) did not exist yet. */
const october2024 = {
  quarter: '2024Q4',
  effective: 'Effective October 1, 2024 through December 31, 2024',
  effectiveFrom: '2024-10-01',
  effectiveTo: '2024-12-31',
  source: 'section 508 version of Oct 2024 ASP Pricing File 091824.csv',
  rows: [
    row('J1745', '10 MG', '32.223'),
    row('Q5121', '10 MG', '21.290', '20.000', BIOSIMILAR_8),
    row('J3380', '1 MG', '22.260'),
    row('J2350', '1 MG', '59.798'),
    row('J2323', '1 MG', '24.154'),
    row('J3262', '1 MG', '5.962'),
    row('J0897', '1 MG', '26.960', '18.649', 'Inflation-adjusted coinsurance'),
    row('J3489', '1 MG', '6.472'),
    row('J1439', '1 MG', '1.101'),
    row('J1756', '1 MG', '0.233'),
    row('J1459', '500 MG', '48.579'),
  ],
};

export const january2026 = {
  quarter: '2026Q1',
  effective: 'Effective January 1, 2026 through March 31, 2026',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-03-31',
  source: 'section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv',
  rows: [
    row('J1745', '10 MG', '32.423'),
    row('Q5121', '10 MG', '23.811', '20.000', BIOSIMILAR_8),
    row('J3380', '1 MG', '21.371'),
    row('J2350', '1 MG', '59.324'),
    row('J2323', '1 MG', '24.512'),
    row('J3262', '1 MG', '5.609'),
    row('J0897', '1 MG', '29.457', '17.585', 'Inflation-adjusted coinsurance'),
    row('J3489', '1 MG', '5.082'),
    row('J1439', '1 MG', '1.115'),
    row('J1756', '1 MG', '0.236'),
    row('J1459', '500 MG', '50.281'),
    row('J1299', '2 MG', '45.028'),
  ],
};

const ADMIN_CODES = ['96365', '96366', '96367', '96372', '96374', '96375', '96401', '96409', '96413', '96415', '96417'];
const rvus = (values: readonly string[]): Record<string, string> =>
  Object.fromEntries(ADMIN_CODES.map((code, i) => [code, values[i] ?? '0']));

/** Quarters listed newest first on purpose: the default must not depend on the order. */
export const referenceData: ReferenceData = {
  catalog,
  quarters: [january2026, october2024],
  vialSizes: Object.fromEntries(catalog.map((d) => [d.hcpcs, d.vialSizes])),
  feeSchedules: [
    {
      year: 2026,
      conversionFactor: '33.4009',
      rvu: rvus(['2.01', '0.64', '0.89', '0.46', '1.13', '0.47', '2.15', '3.13', '3.99', '0.85', '1.99']),
      source: 'PPRRVU2026_Jul_nonQPP (DOMAIN.md 2.3)',
    },
    {
      year: 2025,
      conversionFactor: '32.3465',
      rvu: rvus(['1.79', '0.60', '0.82', '0.43', '1.05', '0.44', '2.05', '2.86', '3.69', '0.79', '1.82']),
      source: 'PPRRVU25_JAN (DOMAIN.md 2.3)',
    },
  ],
};

/** A small valid scenario: two drugs, two payers, every optional field left out. A fresh copy each call. */
export function minimalScenario(): Scenario {
  return {
    version: 1,
    name: 'Minimal',
    practiceName: 'Test Practice',
    drugs: [
      { hcpcs: 'Q5121', newPatientsPerMonth: 2, rampMonths: 6, distributorVerified: true },
      { hcpcs: 'J0897', newPatientsPerMonth: 3, rampMonths: 0, distributorVerified: false },
    ],
    payers: [
      { id: 'MEDICARE', name: 'Medicare fee-for-service', weight: 0.6 },
      { id: 'SELF_PAY', name: 'Self-pay', weight: 0.4 },
    ],
    program: {
      chairs: 4,
      hoursPerDay: 9,
      daysPerMonth: 21,
      chairsPerNurse: 2.5,
      fixedCosts: [{ name: 'Infusion RN', monthly: 9000 }],
      startupCosts: 60000,
      discountRate: 0.08,
      priorAuthStaffMinutes: 45,
      staffHourlyCost: 32,
    },
  };
}

/** A valid scenario that uses every optional field of the format, including a custom payer. */
export function fullScenario(): Scenario {
  return {
    $schema: '../src/scenario/scenario.schema.json',
    version: 1,
    name: 'Everything given',
    practiceName: 'Test Practice',
    quarter: '2024Q4',
    feeScheduleYear: 2025,
    patientWeightKg: 72.5,
    drugs: [
      {
        hcpcs: 'J3262',
        dose: 560,
        weightKg: 70,
        newPatientsPerMonth: 0.5,
        rampMonths: 3,
        discontinuationRate: 0.2,
        acquisitionPerUnit: 5.4,
        wacPerUnit: 6.1,
        infusionMinutes: 60,
        chairExtraMinutes: 20,
        complexity: 'therapeutic',
        distributorVerified: true,
        priorAuthPayers: ['ACME_PPO'],
      },
    ],
    payers: [
      { id: 'MEDICARE', name: 'Medicare fee-for-service', weight: 0.5, daysToPayment: 14 },
      {
        id: 'ACME_PPO',
        name: 'Acme PPO',
        weight: 0.5,
        basedOn: 'COMMERCIAL',
        drugRule: { kind: 'wac_percent', percent: 0.97 },
        adminPercentOfFeeSchedule: 1.4,
        drugCoinsurance: 'file',
        adminCoinsurance: 0.1,
        sequestration: 0,
        collectionRate: 0.95,
        denialWriteOff: 0.02,
        paysDiscarded: false,
        daysToPayment: 35,
        priorAuthDenialRate: 0.05,
      },
    ],
    program: {
      chairs: 6,
      hoursPerDay: 10,
      daysPerMonth: 22,
      utilizationTarget: 0.7,
      chairsPerNurse: 3,
      fixedCosts: [],
      startupCosts: 0,
      planningMonths: 0,
      horizonMonths: 60,
      discountRate: 0,
      distributorTermsDays: 45,
      inventoryDaysOnHand: 10,
      priorAuthDelayDays: 10,
      priorAuthStaffMinutes: 30,
      staffHourlyCost: 40,
      whiteBagHandlingCost: 15,
      promptPayDiscount: 0.02,
      gpoDiscount: 0.01,
      accessRiskThreshold: 2500,
    },
  };
}

/** Marks a field to delete in `edited`. */
export const REMOVE = Symbol('remove');

/**
 * A deep copy of a JSON document with the value at `path` ("payers[2].weight", "drugs[1].dosee") replaced,
 * added, or removed (`REMOVE`). For building bad documents from good ones.
 */
export function edited(document: unknown, path: string, value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(document));
  const keys = path.split(/[.[\]]+/).filter((k) => k !== '');
  const last = keys.pop();
  if (last === undefined) throw new Error('edited(): empty path');
  let node: unknown = copy;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) throw new Error(`edited(): no ${key} in ${path}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) throw new Error(`edited(): cannot set ${path}`);
  const parent = node as Record<string, unknown>;
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

/** Applies several edits in order. */
export function editedAll(document: unknown, edits: readonly (readonly [string, unknown])[]): unknown {
  return edits.reduce<unknown>((doc, [path, value]) => edited(doc, path, value), document);
}

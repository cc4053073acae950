import { BUILTIN_PAYERS } from '../../src/engine/payers';
import {
  LABEL_ASSUMPTION,
  LABEL_CATALOG,
  LABEL_PAYER_PROFILE,
  LABEL_REFERENCE_DATA,
  PAYER_SOURCE_KEYS,
  PAYER_TERM_KEYS,
  resolveScenario,
  SCENARIO_DEFAULTS,
  scenarioDefaultsApplied,
  ScenarioResolutionError,
  type Scenario,
} from './imports';
import { edited, fullScenario, minimalScenario, referenceData } from './fixture';

const commercial = BUILTIN_PAYERS.find((p) => p.id === 'COMMERCIAL');

describe('resolveScenario', () => {
  describe('defaults', () => {
    const input = resolveScenario(minimalScenario(), referenceData);

    it('prices in the newest quarter and fee schedule year loaded, whatever their order', () => {
      expect(input.quarter).toBe('2026Q1');
      expect(input.feeScheduleYear).toBe(2026);
    });

    it('builds each drug line from the catalog, with the labelled defaults', () => {
      expect(input.drugs[0]).toEqual({
        hcpcs: 'Q5121',
        label: 'Avsola (infliximab-axxq)',
        route: 'IV',
        complexity: 'complex',
        dose: { kind: 'per_kg', perKg: 5 },
        regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null },
        weightKg: 80,
        infusionMinutes: 120,
        chairExtraMinutes: 30,
        vialSizes: [10],
        acquisitionPerUnit: null,
        wacPerUnit: null,
        newPatientsPerMonth: 2,
        rampMonths: 6,
        discontinuationRate: 0.15,
        priorAuthPayers: ['MEDICARE'],
        distributorVerified: true,
      });
    });

    it('asks prior authorization of every payer but SELF_PAY by default', () => {
      expect(input.drugs.map((d) => d.priorAuthPayers)).toEqual([['MEDICARE'], ['MEDICARE']]);
    });

    it('fills the program defaults: 80% utilization, 6 planning months, 36 months, 30 days, 14 days', () => {
      expect(input.program).toEqual({
        chairs: 4,
        hoursPerDay: 9,
        daysPerMonth: 21,
        utilizationTarget: 0.8,
        chairsPerNurse: 2.5,
        fixedCosts: [{ name: 'Infusion RN', monthly: 9000 }],
        startupCosts: 60000,
        planningMonths: 6,
        horizonMonths: 36,
        discountRate: 0.08,
        distributorTermsDays: 30,
        inventoryDaysOnHand: 7,
        priorAuthDelayDays: 14,
        priorAuthStaffMinutes: 45,
        staffHourlyCost: 32,
        // DOMAIN.md 5.1 and 5.6: no white-bag handling cost, no prompt-pay or GPO discount by default.
        whiteBagHandlingCost: 0,
        promptPayDiscount: 0,
        gpoDiscount: 0,
      });
    });

    it('uses the built-in profiles of built-in payer ids, with the scenario names and weights', () => {
      expect(input.payers.map((p) => [p.profile.id, p.profile.name, p.weight])).toEqual([
        ['MEDICARE', 'Medicare fee-for-service', 0.6],
        ['SELF_PAY', 'Self-pay', 0.4],
      ]);
      expect(input.payers[1]?.profile).toEqual({
        id: 'SELF_PAY',
        name: 'Self-pay',
        drugRule: { kind: 'payment_limit', factor: 1 },
        adminPercentOfFeeSchedule: 1,
        drugCoinsurance: 1,
        adminCoinsurance: 1,
        sequestration: 0,
        collectionRate: 0.06,
        denialWriteOff: 0,
        paysDiscarded: true,
        daysToPayment: 60,
        priorAuthDenialRate: 0,
        // DOMAIN.md 5.1: the uninsured get the drug from the manufacturer's program.
        drugSource: 'free_drug',
        whiteBagShare: 0,
      });
    });
  });

  describe('payers', () => {
    it('builds a custom payer ACME_PPO on COMMERCIAL with its own drug rule, ASP + 12%', () => {
      const scenario: Scenario = {
        ...minimalScenario(),
        payers: [
          { id: 'MEDICARE', name: 'Medicare fee-for-service', weight: 0.7 },
          { id: 'ACME_PPO', name: 'Acme PPO', weight: 0.3, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 } },
        ],
      };
      const acme = resolveScenario(scenario, referenceData).payers[1];
      // COMMERCIAL's terms (DOMAIN.md 5.2: 150% of the fee schedule, 20% coinsurance, 90% of it collected, 2% written
      // off, 45 days, buy-and-bill), ASP + 12% for the drug.
      expect(acme).toEqual({
        weight: 0.3,
        profile: {
          id: 'ACME_PPO',
          name: 'Acme PPO',
          drugRule: { kind: 'asp_plus', percent: 0.12 },
          adminPercentOfFeeSchedule: 1.5,
          drugCoinsurance: 0.2,
          adminCoinsurance: 0.2,
          sequestration: 0,
          collectionRate: 0.9,
          denialWriteOff: 0.02,
          paysDiscarded: true,
          daysToPayment: 45,
          priorAuthDenialRate: 0,
          drugSource: 'buy_and_bill',
          whiteBagShare: 0,
        },
      });
      expect(commercial?.drugRule).toEqual({ kind: 'asp_plus', percent: 0.15 });
    });

    it('overrides one term of a built-in payer and keeps the rest', () => {
      const scenario = edited(minimalScenario(), 'payers[0].daysToPayment', 14) as Scenario;
      const medicare = resolveScenario(scenario, referenceData).payers[0]?.profile;
      expect(medicare).toEqual({
        id: 'MEDICARE',
        name: 'Medicare fee-for-service',
        drugRule: { kind: 'payment_limit', factor: 1 },
        adminPercentOfFeeSchedule: 1,
        drugCoinsurance: 'file',
        adminCoinsurance: 0.2,
        sequestration: 0.02,
        // DOMAIN.md 5.2: 95% of the patient share collected.
        collectionRate: 0.95,
        denialWriteOff: 0,
        paysDiscarded: true,
        daysToPayment: 14,
        priorAuthDenialRate: 0,
        drugSource: 'buy_and_bill',
        whiteBagShare: 0,
      });
    });

    it('takes every term of a custom payer that has no basedOn from the scenario', () => {
      const scenario = edited(fullScenario(), 'payers[1].basedOn', undefined) as Scenario;
      expect(resolveScenario(scenario, referenceData).payers[1]?.profile).toEqual({
        id: 'ACME_PPO',
        name: 'Acme PPO',
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
        // A custom payer without basedOn buys and bills (DOMAIN.md 5.1).
        drugSource: 'buy_and_bill',
        whiteBagShare: 0,
      });
    });
  });

  describe('overrides', () => {
    const input = resolveScenario(fullScenario(), referenceData);

    it('uses the quarter and fee schedule year given', () => {
      expect([input.quarter, input.feeScheduleYear]).toEqual(['2024Q4', 2025]);
    });

    it('applies every drug override: a fixed dose, weight, prices, minutes, complexity, payers', () => {
      expect(input.drugs[0]).toMatchObject({
        hcpcs: 'J3262',
        complexity: 'therapeutic',
        dose: { kind: 'fixed', amount: 560 },
        weightKg: 70,
        infusionMinutes: 60,
        chairExtraMinutes: 20,
        vialSizes: [80, 200, 400],
        acquisitionPerUnit: 5.4,
        wacPerUnit: 6.1,
        discontinuationRate: 0.2,
        priorAuthPayers: ['ACME_PPO'],
      });
    });

    it('gives a weight-based drug the scenario patient weight when the drug has none', () => {
      const scenario = edited(edited(fullScenario(), 'drugs[0].weightKg', undefined), 'drugs[0].dose', undefined) as Scenario;
      expect(resolveScenario(scenario, referenceData).drugs[0]).toMatchObject({
        dose: { kind: 'per_kg', perKg: 8, maxDose: 800 },
        weightKg: 72.5,
      });
    });

    it('uses the program values given instead of the defaults', () => {
      expect(input.program).toMatchObject({
        utilizationTarget: 0.7,
        planningMonths: 0,
        horizonMonths: 60,
        distributorTermsDays: 45,
        inventoryDaysOnHand: 10,
        priorAuthDelayDays: 10,
      });
    });
  });

  describe('errors', () => {
    it('throws for a quarter that is not loaded, listing those that are', () => {
      const scenario: Scenario = { ...minimalScenario(), quarter: '2023Q1' };
      expect(() => resolveScenario(scenario, referenceData)).toThrow(ScenarioResolutionError);
      expect(() => resolveScenario(scenario, referenceData)).toThrow(
        'Unknown quarter "2023Q1": no payment limits loaded for it (loaded: 2024Q4, 2026Q1)',
      );
    });

    it('throws for a fee schedule year that is not loaded', () => {
      const scenario: Scenario = { ...minimalScenario(), feeScheduleYear: 2024 };
      expect(() => resolveScenario(scenario, referenceData)).toThrow('Unknown fee schedule year 2024 (loaded: 2025, 2026)');
    });

    it('throws for a drug code that is not in the catalog', () => {
      const scenario = edited(minimalScenario(), 'drugs[0].hcpcs', 'J9999') as Scenario;
      expect(() => resolveScenario(scenario, referenceData)).toThrow('Unknown drug code "J9999" (not in the catalog)');
    });

    it('throws for a custom payer with neither basedOn nor a term (validation reports it first)', () => {
      const scenario = edited(minimalScenario(), 'payers[1]', { id: 'ACME_PPO', name: 'Acme', weight: 0.4 }) as Scenario;
      expect(() => resolveScenario(scenario, referenceData)).toThrow('Payer "ACME_PPO" has neither basedOn nor a drugRule');
    });
  });
});

describe('scenarioDefaultsApplied', () => {
  it('lists each default a scenario relies on, with the value used, in the order of the fields', () => {
    const applied = scenarioDefaultsApplied(minimalScenario(), referenceData).filter((a) => !a.path.startsWith('payers'));
    expect(applied.map((a) => [a.path, a.value])).toEqual([
      ['quarter', '2026Q1'],
      ['feeScheduleYear', 2026],
      ['patientWeightKg', 80],
      ['drugs[0].dose', { kind: 'per_kg', perKg: 5 }],
      ['drugs[0].weightKg', 80],
      ['drugs[0].discontinuationRate', 0.15],
      ['drugs[0].acquisitionPerUnit', null],
      ['drugs[0].infusionMinutes', 120],
      ['drugs[0].chairExtraMinutes', 30],
      ['drugs[0].complexity', 'complex'],
      ['drugs[0].priorAuthPayers', ['MEDICARE']],
      // Denosumab's dose is fixed: no weight.
      ['drugs[1].dose', { kind: 'fixed', amount: 60 }],
      ['drugs[1].discontinuationRate', 0.15],
      ['drugs[1].acquisitionPerUnit', null],
      ['drugs[1].infusionMinutes', 0],
      ['drugs[1].chairExtraMinutes', 15],
      ['drugs[1].complexity', 'therapeutic'],
      ['drugs[1].priorAuthPayers', ['MEDICARE']],
      ['program.utilizationTarget', 0.8],
      ['program.planningMonths', 6],
      ['program.horizonMonths', 36],
      ['program.distributorTermsDays', 30],
      ['program.inventoryDaysOnHand', 7],
      ['program.priorAuthDelayDays', 14],
      ['program.whiteBagHandlingCost', 0],
      ['program.promptPayDiscount', 0],
      ['program.gpoDiscount', 0],
      // DOMAIN.md 5.7 access risk: $2,000 a year.
      ['program.accessRiskThreshold', 2000],
    ]);
  });

  it('labels each one: assumption, reference data or catalog', () => {
    const labels = new Map(scenarioDefaultsApplied(minimalScenario(), referenceData).map((a) => [a.path, a.default.label]));
    expect(labels.get('quarter')).toBe(LABEL_REFERENCE_DATA);
    expect(labels.get('drugs[0].discontinuationRate')).toBe(LABEL_ASSUMPTION);
    expect(labels.get('drugs[0].acquisitionPerUnit')).toBe(LABEL_ASSUMPTION);
    expect(labels.get('drugs[0].infusionMinutes')).toBe(LABEL_CATALOG);
    expect(labels.get('payers[1].collectionRate')).toBe(LABEL_PAYER_PROFILE);
    expect(labels.get('program.utilizationTarget')).toBe('default: assumption');
  });

  it('lists every contract term a payer takes from its built-in or basedOn profile, with its value', () => {
    const scenario: Scenario = {
      ...minimalScenario(),
      payers: [
        { id: 'MEDICARE', name: 'Medicare', weight: 0.7, daysToPayment: 14 },
        { id: 'ACME_PPO', name: 'Acme PPO', weight: 0.3, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 } },
      ],
    };
    const terms = scenarioDefaultsApplied(scenario).filter((a) => a.path.startsWith('payers'));
    expect(terms.filter((a) => a.path.startsWith('payers[0]')).map((a) => a.path)).toEqual([
      'payers[0].drugRule',
      'payers[0].adminPercentOfFeeSchedule',
      'payers[0].drugCoinsurance',
      'payers[0].adminCoinsurance',
      'payers[0].sequestration',
      'payers[0].collectionRate',
      'payers[0].denialWriteOff',
      'payers[0].paysDiscarded',
      'payers[0].priorAuthDenialRate',
    ]);
    expect(terms.filter((a) => a.path.startsWith('payers[1]')).map((a) => [a.path, a.value])).toEqual([
      ['payers[1].adminPercentOfFeeSchedule', 1.5],
      ['payers[1].drugCoinsurance', 0.2],
      ['payers[1].adminCoinsurance', 0.2],
      ['payers[1].sequestration', 0],
      // DOMAIN.md 5.2: COMMERCIAL collects 90% of the patient share and writes off 2% to denials.
      ['payers[1].collectionRate', 0.9],
      ['payers[1].denialWriteOff', 0.02],
      ['payers[1].paysDiscarded', true],
      ['payers[1].daysToPayment', 45],
      ['payers[1].priorAuthDenialRate', 0],
    ]);
  });

  it('without reference data, leaves the values that come from it null and lists the weight defaults', () => {
    const applied = scenarioDefaultsApplied(minimalScenario()).filter((a) => !a.path.startsWith('payers'));
    const values = new Map(applied.map((a) => [a.path, a.value]));
    expect(values.get('quarter')).toBeNull();
    expect(values.get('feeScheduleYear')).toBeNull();
    expect(values.get('drugs[0].dose')).toBeNull();
    expect(values.get('drugs[0].infusionMinutes')).toBeNull();
    expect(values.get('drugs[1].weightKg')).toBe(80);
    expect(values.get('drugs[0].discontinuationRate')).toBe(0.15);
  });

  it('lists only the payer terms not given when everything else is stated', () => {
    expect(scenarioDefaultsApplied(fullScenario(), referenceData).map((a) => a.path)).toEqual([
      'payers[0].drugRule',
      'payers[0].adminPercentOfFeeSchedule',
      'payers[0].drugCoinsurance',
      'payers[0].adminCoinsurance',
      'payers[0].sequestration',
      'payers[0].collectionRate',
      'payers[0].denialWriteOff',
      'payers[0].paysDiscarded',
      'payers[0].priorAuthDenialRate',
    ]);
  });
});

describe('SCENARIO_DEFAULTS', () => {
  it('gives every default a label and a source', () => {
    for (const def of SCENARIO_DEFAULTS) {
      expect(def.label).toMatch(/^default: /);
      expect(def.source.length).toBeGreaterThan(20);
      expect(def.display.length).toBeGreaterThan(0);
    }
  });

  it('has one entry per field', () => {
    const fields = SCENARIO_DEFAULTS.map((d) => d.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('holds the values DOMAIN.md states (80 kg, 80%, 6 and 36 months, 30 and 14 days) and 15% discontinuation', () => {
    const values = Object.fromEntries(SCENARIO_DEFAULTS.filter((d) => d.value !== null).map((d) => [d.field, d.value]));
    expect(values).toEqual({
      patientWeightKg: 80,
      'drugs[].discontinuationRate': 0.15,
      'program.utilizationTarget': 0.8,
      'program.planningMonths': 6,
      'program.horizonMonths': 36,
      'program.distributorTermsDays': 30,
      // A week of drug use on the shelf: an assumption (inventory.ts), not a DOMAIN.md figure.
      'program.inventoryDaysOnHand': 7,
      'program.priorAuthDelayDays': 14,
      // DOMAIN.md 5.1 and 5.6.
      'program.whiteBagHandlingCost': 0,
      'program.promptPayDiscount': 0,
      'program.gpoDiscount': 0,
      // Issue 11 (DOMAIN.md 5.7 access risk): $2,000 a year.
      'program.accessRiskThreshold': 2000,
    });
  });
});

describe('PAYER_TERM_KEYS', () => {
  it('names every term of a payer profile but its id and name (with the drug-source terms of DOMAIN.md 5.1)', () => {
    for (const profile of BUILTIN_PAYERS) {
      expect(new Set(Object.keys(profile))).toEqual(new Set(['id', 'name', ...PAYER_TERM_KEYS, ...PAYER_SOURCE_KEYS]));
    }
  });
});

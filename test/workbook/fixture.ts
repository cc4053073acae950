/**
 * Board workbook fixtures: the sample scenario resolved against reference data, the engine run on it, and
 * helpers to find and edit the plan's input cells the way a board member edits the workbook.
 */
import { ReferenceBook } from '../../src/engine/book';
import type { ReferenceData } from '../../src/engine/reference';
import { type Scenario, type ScenarioDrug, resolveScenario, sampleScenario, scenarioDefaultsApplied } from '../../src/scenario';
import { type BoardInputs, boardInputs, buildBoardPlan } from '../../src/workbook/board';
import { type BoardPlan, type CellValue, type PlanSheet, cellAddress } from '../../src/workbook/plan';
import { referenceData as embedded } from '../../src/data';

/** Reference data for the board tests: the embedded data (CMS January 2026 payment limits, CY2026 fees). */
export const referenceData: ReferenceData = embedded;

export const BUILT_AT = new Date('2026-02-02T12:00:00Z');

export function boardFor(scenario: Scenario = sampleScenario, ref: ReferenceData = referenceData): { src: BoardInputs; plan: BoardPlan } {
  const book = new ReferenceBook(ref);
  const input = resolveScenario(scenario, ref);
  const src = boardInputs(book, input, { applied: scenarioDefaultsApplied(scenario, ref), generatedAt: BUILT_AT, scenario });
  return { src, plan: buildBoardPlan(src) };
}

export function sheetOf(plan: BoardPlan, name: string): PlanSheet {
  const s = plan.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The first row at or after `from` whose cell in `col` holds `value`. */
export function findRow(sheet: PlanSheet, col: number, value: CellValue, from = 0): number {
  for (let r = from; r < sheet.rows.length; r++) if (sheet.rows[r]?.[col]?.value === value) return r;
  throw new Error(`no row with ${String(value)} in column ${col} of ${sheet.name}`);
}

/** The plan with some cells replaced by literal values: what a board member's edits leave in the file. */
export function withEdits(plan: BoardPlan, edits: readonly { sheet: string; row: number; col: number; value: CellValue }[]): BoardPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((s) => {
      const mine = edits.filter((e) => e.sheet === s.name);
      if (mine.length === 0) return s;
      const rows = s.rows.map((r) => (r ? [...r] : r));
      for (const e of mine) {
        const row = rows[e.row];
        if (!row) throw new Error(`no row ${e.row} on ${s.name}`);
        const old = row[e.col];
        row[e.col] = { value: e.value, ...(old?.style ? { style: old.style } : {}), ...(old?.format ? { format: old.format } : {}) };
      }
      return { ...s, rows };
    }),
  };
}

export const address = cellAddress;

/**
 * A scenario that exercises what the sample does not: every catalog drug (weight tiers, weekly and finite
 * courses, nine vial sizes, biosimilars of several reference products), payers paid at ASP + 12% without
 * discarded drug, at a percent of WAC and at a fixed amount per unit, a dose and an infusion-time override,
 * no planning months and a 30-month horizon (a partial last year); every drug source of DOMAIN.md 5.1 (Acme
 * white-bags 40% of its patients, the WAC plan all of them, self-pay on free drug) with a handling cost, the
 * prompt-pay and GPO discounts of 5.6, Injectafer in two courses a year (5.3), a drug of the user's own (5.4),
 * a per-drug drug source (Entyvio) and a drug's own payer mix (Prolia, 5.2).
 */
export function variedScenario(ref: ReferenceData = referenceData): Scenario {
  const q = ref.quarters.find((x) => x.quarter === '2026Q1');
  const limit = (code: string): number => Number(q?.rows.find((r) => r.hcpcs === code)?.paymentLimit ?? '1');
  return {
    version: 1,
    name: 'Varied: every catalog drug, five kinds of payer',
    practiceName: 'Test Practice & Partners',
    patientWeightKg: 72,
    drugs: ref.catalog.map((d, i): ScenarioDrug => ({
      hcpcs: d.hcpcs,
      newPatientsPerMonth: 0.25 + (i % 4) * 0.5,
      rampMonths: i % 5 === 0 ? 0 : 1 + (i % 7),
      discontinuationRate: [0, 0.15, 0.3][i % 3] as number,
      wacPerUnit: Math.round(limit(d.hcpcs) * 1.12 * 1000) / 1000,
      ...(i % 4 === 1 ? { acquisitionPerUnit: Math.round(limit(d.hcpcs) * 0.93 * 1000) / 1000 } : {}),
      ...(d.hcpcs === 'J1745' ? { dose: 305, infusionMinutes: 151 } : {}),
      ...(d.hcpcs === 'J1459' ? { weightKg: 55 } : {}),
      ...(d.hcpcs === 'J3380' ? { complexity: 'therapeutic' as const } : {}),
      ...(d.hcpcs === 'J1439' ? { coursesPerYear: 2 } : {}),
      // DOMAIN.md 5.1-5.2: a drug-source override (Medicare white-bags Entyvio; self-pay buys it) and a drug's own mix.
      ...(d.hcpcs === 'J3380' ? { drugSources: [{ payer: 'MEDICARE', source: 'white_bag' as const }, { payer: 'SELF_PAY', source: 'buy_and_bill' as const, whiteBagShare: 0.25 }] } : {}),
      ...(d.hcpcs === 'J0897' ? { payerMix: { MEDICARE: 0.7, FLAT: 0.1, SELF_PAY: 0.2 } } : {}),
      distributorVerified: i % 3 !== 2,
      priorAuthPayers: i % 2 === 0 ? ['ACME_PPO', 'WAC_PLAN'] : ['MEDICARE', 'ACME_PPO', 'WAC_PLAN', 'FLAT'],
    })).concat([
      // DOMAIN.md 5.4: a drug of the user's own (alemtuzumab, not in the catalog; vial sizes from the crosswalk).
      {
        hcpcs: 'J0202', newPatientsPerMonth: 0.3, rampMonths: 2, discontinuationRate: 0, wacPerUnit: Math.round(limit('J0202') * 1.12 * 1000) / 1000,
        distributorVerified: false, priorAuthPayers: ['ACME_PPO'],
        custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: 364, maxDoses: 8 },
      },
    ]),
    payers: [
      { id: 'MEDICARE', name: 'Medicare fee-for-service', weight: 0.45 },
      { id: 'ACME_PPO', name: 'Acme PPO', weight: 0.2, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 }, paysDiscarded: false, denialWriteOff: 0.02, daysToPayment: 50, whiteBagShare: 0.4 },
      { id: 'WAC_PLAN', name: 'WAC-based plan', weight: 0.15, basedOn: 'COMMERCIAL', drugRule: { kind: 'wac_percent', percent: 0.9 }, priorAuthDenialRate: 0.1, daysToPayment: 75, drugSource: 'white_bag' },
      { id: 'FLAT', name: 'Flat-rate plan', weight: 0.12, basedOn: 'MEDICAID', drugRule: { kind: 'fixed_per_unit', amount: 7.5 }, adminCoinsurance: 0.1, collectionRate: 0.5 },
      { id: 'SELF_PAY', name: 'Self-pay', weight: 0.08 },
    ],
    program: {
      chairs: 6, hoursPerDay: 10, daysPerMonth: 22, utilizationTarget: 0.75, chairsPerNurse: 3,
      fixedCosts: [{ name: 'Nurses', monthly: 30000 }, { name: 'Space & equipment', monthly: 6000 }],
      startupCosts: 45000, planningMonths: 0, horizonMonths: 30, discountRate: 0.1, distributorTermsDays: 45,
      priorAuthDelayDays: 21, priorAuthStaffMinutes: 40, staffHourlyCost: 35,
      whiteBagHandlingCost: 12, promptPayDiscount: 0.02, gpoDiscount: 0.01,
    },
  };
}

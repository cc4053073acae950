/**
 * Access risk (DOMAIN.md 5.7 over the projection): the average patient's year-1 out-of-pocket per drug and payer,
 * and the new patients who would pay more than the threshold without help. Infliximab 400 mg (5 mg/kg at 80 kg),
 * January 2026 prices; year-1 totals from test/engine/patient.test.ts and test/functions/patient.test.ts:
 *   Medicare:   518.11 + 7 x 291.71 = 2,560.08 (the $283 deductible on the first infusion, no limit);
 *   Commercial: 1,649.54 + 439.88 + 6 x 329.91 = 4,068.88 (the $1,787 deductible first);
 *   Medicaid:   0.
 * New patients: 2 a month from operating month 1 (no ramp), 12 operating months, no prior authorization = 24.
 */
import { ReferenceBook } from '../../src/engine/book';
import type { Dec } from '../../src/engine/decimal';
import { accessRisk, accessRiskReport } from '../../src/engine/access';
import { runModel } from '../../src/engine/model';
import { builtinPayer } from '../../src/engine/payers';
import type { DrugLineInput, ModelInput, PayerProfile } from '../../src/engine/types';
import { catalog, referenceData } from './fixture';

const book = new ReferenceBook(referenceData);
const profile = (id: string): PayerProfile => builtinPayer(id) as PayerProfile;
const infliximab = catalog[0] as (typeof catalog)[number];
const line: DrugLineInput = {
  hcpcs: 'J1745', label: 'Remicade (infliximab)', route: 'IV', complexity: 'complex', dose: infliximab.dose, regimen: infliximab.regimen, weightKg: 80,
  infusionMinutes: 120, chairExtraMinutes: 30, vialSizes: [10], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 2, rampMonths: 0,
  discontinuationRate: 0.15, priorAuthPayers: [], distributorVerified: true,
};
const input = (payers: ModelInput['payers'], threshold?: number): ModelInput => ({
  name: 't', practiceName: 'p', quarter: '2026Q1', feeScheduleYear: 2026, drugs: [line], payers,
  program: {
    chairs: 4, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2, fixedCosts: [], startupCosts: 0, planningMonths: 0, horizonMonths: 12,
    discountRate: 0, distributorTermsDays: 0, priorAuthDelayDays: 14, priorAuthStaffMinutes: 30, staffHourlyCost: 40,
    ...(threshold === undefined ? {} : { accessRiskThreshold: threshold }),
  },
});
const n = (d: Dec): number => d.toDecimalPlaces(4).toNumber();

describe('access risk (DOMAIN.md 5.7)', () => {
  const mix: ModelInput['payers'] = [
    { profile: profile('MEDICARE'), weight: 0.5 },
    { profile: profile('MEDICAID'), weight: 0.25 },
    { profile: profile('COMMERCIAL'), weight: 0.25 },
  ];

  it("gives each payer's average patient's year-1 out-of-pocket and counts those over $2,000 (the default)", () => {
    const risk = accessRisk(book, runModel(book, input(mix)));
    const d = risk.drugs[0];
    if (!d) throw new Error('no drug');
    expect(d.perPayer.map((c) => [c.payerId, n(c.averageAnnual), n(c.patients), n(c.overThreshold)])).toEqual([
      // 24 x 0.5 = 12 Medicare patients, all over 2,000; 6 Medicaid at $0; 6 commercial, all over.
      ['MEDICARE', 2560.08, 12, 12],
      ['MEDICAID', 0, 6, 0],
      ['COMMERCIAL', 4068.88, 6, 6],
    ]);
    // Mix-weighted: 0.5 x 2,560.08 + 0.25 x 0 + 0.25 x 4,068.88 = 1,280.04 + 1,017.22 = 2,297.26; 18 of 24 over.
    expect([n(risk.threshold), n(d.averageAnnual), n(risk.patients), n(risk.overThreshold)]).toEqual([2000, 2297.26, 24, 18]);
  });

  it('takes the threshold the user sets: at $3,000 only the commercial patients are over', () => {
    expect(n(accessRisk(book, runModel(book, input(mix, 3000))).overThreshold)).toBe(6);
  });

  it('prices a payer paid a percent of WAC with the drug\'s WAC (a custom payer: commercial coverage)', () => {
    // WAC $40 per 10 mg x 97% = 38.80 x 40 units = 1,552.00; administration 150%: 242.50. Deductible 1,787:
    // #1: 1,552.00 + round2(235.00 + 0.2 x 7.50) = 1,552.00 + 236.50 = 1,788.50; #2-#8: round2(0.2 x 1,552) + 48.50 = 310.40 + 48.50
    // = 358.90, x 7 = 2,512.30. Year 1: 4,300.80.
    const wac = { profile: { ...profile('COMMERCIAL'), id: 'WAC_PLAN', name: 'WAC plan', drugRule: { kind: 'wac_percent' as const, percent: 0.97 } }, weight: 1 };
    const results = runModel(book, { ...input([wac]), drugs: [{ ...line, wacPerUnit: 40 }] });
    expect(n(accessRisk(book, results).drugs[0]?.perPayer[0]?.averageAnnual as Dec)).toBe(4300.8);
  });

  it('averages a payer white-bagging 40% of its patients, who pay the administration only', () => {
    // White bag, commercial administration 242.50 an infusion, deductible 1,787: seven infusions all deductible
    // (1,697.50), the eighth round2(89.50 + 0.2 x 153.00) = 120.10: 1,817.60, under 2,000.
    // Average 0.6 x 4,068.88 + 0.4 x 1,817.60 = 2,441.328 + 727.04 = 3,168.368 -> 3,168.37; over: 0.6 x 6 = 3.6 patients.
    const bagging = { profile: { ...profile('COMMERCIAL'), whiteBagShare: 0.4 }, weight: 0.25 };
    const risk = accessRisk(book, runModel(book, input([mix[0] as ModelInput['payers'][number], mix[1] as ModelInput['payers'][number], bagging])));
    const c = risk.drugs[0]?.perPayer[2];
    expect([n(c?.bySource.white_bag as Dec), n(c?.averageAnnual as Dec), n(c?.overThreshold as Dec)]).toEqual([1817.6, 3168.368, 3.6]);
    expect(accessRiskReport(risk).drugs[0]?.perPayer[2]).toEqual({ payer: 'COMMERCIAL', averageAnnual: 3168.37, patients: 6, overThreshold: 3.6 });
  });
});

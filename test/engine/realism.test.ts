/**
 * DOMAIN.md section 5 worked by hand, on the embedded reference data (January 2026 payment limits, CY2026
 * fee schedule): drug source (5.1), the revised payer defaults (5.2) and regimens as the label gives them (5.3).
 * CY2026 national amounts (DOMAIN.md 2.3): 96413 133.27, 96415 28.39.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { dec, roundCents } from '../../src/engine/decimal';
import { type AdministrationSpec, NOT_APPLICABLE, administrationEconomics } from '../../src/engine/economics';
import { runModel } from '../../src/engine/model';
import { builtinPayer } from '../../src/engine/payers';
import { administrationsPerPatient, doseFor, regimenDays } from '../../src/engine/regimen';
import type { DrugLineInput, ModelInput, PayerProfile } from '../../src/engine/types';

const book = new ReferenceBook(referenceData);
const payer = (id: string): PayerProfile => builtinPayer(id) as PayerProfile;
const spec = (hcpcs: string, dose: number, minutes: number, extra: Partial<AdministrationSpec> = {}): AdministrationSpec => ({
  hcpcs, dose: dec(dose), route: 'IV', complexity: 'complex', minutes, acquisitionPerUnit: null, wacPerUnit: null, ...extra,
});
const catalogDrug = (code: string) => {
  const d = book.catalogDrug(code);
  if (!d) throw new Error(code);
  return d;
};

describe('where the drug comes from (DOMAIN.md 5.1)', () => {
  it('gives an uninsured Ocrevus patient the drug free: administration only, recovery not applicable', () => {
    // Ocrevus 600 mg over 210 min: 96413 + ceil((210 - 90) / 60) = 2 x 96415 = 133.27 + 56.78 = 190.05.
    // SELF_PAY: free drug -> drug allowed 0, drug cost 0, no JW; coinsurance 100%, 6% collected:
    // net = 190.05 x 0.06 = 11.403; margin 11.403 -> 11.40; never underwater.
    const e = administrationEconomics(book, spec('J2350', 600, 210), payer('SELF_PAY'));
    expect(e.drugSource).toBe('free_drug');
    expect(e.allowedDrug.toString()).toBe('0');
    expect(e.allowedAdmin.toFixed(2)).toBe('190.05');
    expect(e.jwUnitsBilled).toBe(0);
    expect(e.drugCost.toString()).toBe('0');
    expect(e.netRevenue.toString()).toBe('11.403');
    expect(roundCents(e.margin).toFixed(2)).toBe('11.40');
    expect(e.recovery).toBe(NOT_APPLICABLE);
    expect(e.underwater).toBe(false);
  });

  it('white-bags 40% of a commercial plan\'s Entyvio patients: 60% of the drug line and cost', () => {
    // Entyvio J3380 300 mg (1 mg units, one 300 mg vial, JZ). ASP = 21.371 / 1.06 = 20.16132075...
    // Commercial ASP + 15%: 23.18551887 x 300 = 6955.655660 -> claim line 6955.66.
    // Admin 30 min: 96413 x 150% = 199.905 -> 199.91. Kept share (0.8 + 0.2 x 0.9) x (1 - 0.02) = 0.9604.
    // Buy-and-bill share 0.6: drug allowed 0.6 x 6955.66 = 4173.396; drug net 4173.396 x 0.9604 = 4008.1295184;
    // admin net 199.91 x 0.9604 = 191.993564; net 4200.1230824; cost 0.6 x 300 x 20.16132075 = 3629.03773585;
    // margin 571.08534655 -> 571.09; recovery 4008.1295184 / 3629.03773585 = 1.10446... (as buy-and-bill).
    const e = administrationEconomics(book, spec('J3380', 300, 30, { drugSource: { source: 'buy_and_bill', whiteBagShare: 0.4 } }), payer('COMMERCIAL'));
    expect(e.buyAndBillShare.toString()).toBe('0.6');
    expect(e.whiteBagShare.toString()).toBe('0.4');
    expect(e.allowedDrug.toString()).toBe('4173.396');
    expect(e.netRevenueDrug.toString()).toBe('4008.1295184');
    expect(e.netRevenueAdmin.toString()).toBe('191.993564');
    expect(e.netRevenue.toString()).toBe('4200.1230824');
    expect(roundCents(e.drugCost).toFixed(2)).toBe('3629.04');
    expect(roundCents(e.margin).toFixed(2)).toBe('571.09');
    expect((e.recovery as ReturnType<typeof dec>).toDecimalPlaces(5).toString()).toBe('1.10446');
    // With a $25 handling cost per white-bagged administration: 0.4 x 25 = 10 off the margin -> 561.09.
    const h = administrationEconomics(book, spec('J3380', 300, 30, { drugSource: { source: 'buy_and_bill', whiteBagShare: 0.4 }, whiteBagHandlingCost: dec(25) }), payer('COMMERCIAL'));
    expect(roundCents(h.margin).toFixed(2)).toBe('561.09');
  });

  it('bills administration only for a fully white-bagged drug', () => {
    // white_bag: drug 0, cost 0; admin net 199.91 x 0.9604 = 191.993564; recovery not applicable.
    const e = administrationEconomics(book, spec('J3380', 300, 30, { drugSource: { source: 'white_bag', whiteBagShare: 0 } }), payer('COMMERCIAL'));
    expect(e.netRevenue.toString()).toBe('191.993564');
    expect(e.recovery).toBe(NOT_APPLICABLE);
    expect(e.underwater).toBe(false);
  });
});

describe('the revised payer defaults (DOMAIN.md 5.2)', () => {
  it('passes Medicare Advantage sequestration through: 2% of the plan-paid part, 90% of the share collected, 2% written off', () => {
    // Infliximab 400 mg, 120 min: drug 40 x 32.423 = 1296.92; admin 133.27 + 28.39 = 161.66; allowed 1458.58.
    // Share 20%: kept = (0.8 x 0.98 + 0.2 x 0.9) x 0.98 = (0.784 + 0.18) x 0.98 = 0.94472.
    // Net = 1458.58 x 0.94472 = 1377.9496976; drug line net 1296.92 x 0.94472 = 1225.2262624.
    const e = administrationEconomics(book, spec('J1745', 400, 120), payer('MEDICARE_ADVANTAGE'));
    expect(e.allowed.toFixed(2)).toBe('1458.58');
    expect(e.payerPaid.toString()).toBe('1143.52672'); // 1458.58 x 0.8 x 0.98
    expect(e.netRevenue.toString()).toBe('1377.9496976');
    expect(e.netRevenueDrug.toString()).toBe('1225.2262624');
  });

  it('pays Medicaid administration at 72% of the fee schedule', () => {
    // 96413 133.27 x 0.72 = 95.9544 -> 95.95; 96415 28.39 x 0.72 = 20.4408 -> 20.44; total 116.39.
    const e = administrationEconomics(book, spec('J1745', 400, 120), payer('MEDICAID'));
    expect(e.adminLines.map((l) => l.allowed.toFixed(2))).toEqual(['95.95', '20.44']);
    expect(e.allowedAdmin.toFixed(2)).toBe('116.39');
    // Drug 1296.92 at the payment limit; no coinsurance: net = 1296.92 + 116.39 = 1413.31, below Medicare's
    // 1420.65692 for the same claim.
    expect(e.netRevenue.toString()).toBe('1413.31');
  });

  it('applies prompt-pay and GPO discounts to the default (ASP) price only', () => {
    // ASP 32.423 / 1.06 = 30.58773585; x 0.98 (2% prompt pay) x 0.97 (3% GPO) = x 0.9506 = 29.07670170; x 40 units = 1163.068 -> 1163.07.
    const f = dec('0.98').times('0.97');
    const e = administrationEconomics(book, spec('J1745', 400, 120, { defaultAcquisitionFactor: f }), payer('MEDICARE'));
    expect(roundCents(e.drugCost).toFixed(2)).toBe('1163.07');
    // A contract price is not discounted again: 40 x 29.00 = 1160.00.
    const c = administrationEconomics(book, spec('J1745', 400, 120, { defaultAcquisitionFactor: f, acquisitionPerUnit: dec(29) }), payer('MEDICARE'));
    expect(c.drugCost.toFixed(2)).toBe('1160.00');
  });
});

describe('regimens as the label gives them (DOMAIN.md 5.3)', () => {
  it('gives Ocrevus two 300 mg loading infusions, then 600 mg every 24 weeks', () => {
    const ocrevus = catalogDrug('J2350');
    // Days 0 and 14 (300 mg, 150 min), then 14 + 168 = 182 and 350 (600 mg): 4 in year one, 1,800 mg.
    const days = regimenDays(ocrevus.regimen, 364);
    expect(days.map((d) => d.day)).toEqual([0, 14, 182, 350]);
    expect(days.map((d) => (d.loading >= 0 ? ocrevus.regimen.loadingDoses?.[d.loading]?.dose : ocrevus.dose))).toEqual([
      { kind: 'fixed', amount: 300 }, { kind: 'fixed', amount: 300 }, { kind: 'fixed', amount: 600 }, { kind: 'fixed', amount: 600 },
    ]);
    // Steady state 364 / 168 = 2.1666...
    expect(administrationsPerPatient(ocrevus.regimen, 2).toDecimalPlaces(4).toString()).toBe('2.1667');
  });

  it('prices each Ocrevus administration at its own dose in the model: year-one drug 2 x 300 + 2 x 600 mg', () => {
    const ocrevus = catalogDrug('J2350');
    const line: DrugLineInput = {
      hcpcs: 'J2350', label: 'Ocrevus', route: 'IV', complexity: 'complex', dose: ocrevus.dose, regimen: ocrevus.regimen, weightKg: 80,
      infusionMinutes: 210, chairExtraMinutes: 60, vialSizes: [300], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 1,
      rampMonths: 0, discontinuationRate: 0, priorAuthPayers: [], distributorVerified: true,
    };
    const medicare = { ...payer('MEDICARE'), daysToPayment: 0 };
    const input: ModelInput = {
      name: 't', practiceName: 'p', quarter: '2026Q1', feeScheduleYear: 2026, drugs: [line], payers: [{ profile: medicare, weight: 1 }],
      program: { chairs: 4, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2, fixedCosts: [], startupCosts: 0, planningMonths: 0, horizonMonths: 12, discountRate: 0, distributorTermsDays: 0, priorAuthDelayDays: 0, priorAuthStaffMinutes: 0, staffHourlyCost: 0 },
    };
    const d = runModel(book, input).drugs[0]!;
    expect(d.doseKinds.map((k) => [k.dose.toNumber(), k.minutes, k.perPatientYear1])).toEqual([[600, 210, 2], [300, 150, 2]]);
    // 300 mg over 150 min: 96413 + 1 x 96415 (150 - 90 = 60 -> 1 hour) = 161.66; drug 300 x 59.324 = 17797.20.
    const loading = d.doseKinds[1]!.perPayer[0]!;
    expect(loading.allowedDrug.toFixed(2)).toBe('17797.20');
    expect(loading.allowedAdmin.toFixed(2)).toBe('161.66');
    // Cost of one patient's year-one drug: (2 x 300 + 2 x 600) mg x ASP (59.324 / 1.06) = 1800 x 55.96603774 = 100738.87.
    const perPatient = d.doseKinds.reduce((s, k) => s.plus(k.perPayer[0]!.drugCost.times(k.perPatientYear1)), dec(0));
    expect(roundCents(perPatient).toFixed(2)).toBe('100738.87');
    // The first patient (month 1) gets days 0 and 14 in month 1 (300 mg each); 182 -> month 7 (182 / 30.33 = 6.0).
    expect(d.doseKinds[1]!.administrations[0]!.toNumber()).toBe(2);
    expect(d.doseKinds[0]!.administrations[0]!.toNumber()).toBe(0);
  });

  it('counts rituximab for RA in courses: 6 administrations in year one, 2 x 364 / 168 = 4.33 a year after', () => {
    const rituxan = catalogDrug('J9312');
    // Courses on days 0 and 168 and 336, two infusions 14 days apart: 0, 14, 168, 182, 336, 350.
    expect(regimenDays(rituxan.regimen, 364).map((d) => d.day)).toEqual([0, 14, 168, 182, 336, 350]);
    expect(administrationsPerPatient(rituxan.regimen, 1).toString()).toBe('6');
    // 2 x 364 / 168 = 728 / 168 = 4.3333...
    expect(administrationsPerPatient(rituxan.regimen, 2).toDecimalPlaces(2).toString()).toBe('4.33');
  });

  it('gives tocilizumab 4 then 8 mg/kg, ublituximab 150 then 450 mg, teprotumumab 10 then 20 mg/kg x 8, iron in yearly courses', () => {
    const toci = catalogDrug('J3262');
    expect(doseFor(toci.regimen.loadingDoses![0]!.dose, 80).toString()).toBe('320'); // 4 x 80
    expect(doseFor(toci.dose, 80).toString()).toBe('640'); // 8 x 80
    const briumvi = catalogDrug('J2329');
    expect(briumvi.regimen.loadingDoses!.map((l) => [l!.dose, l!.minutes])).toEqual([[{ kind: 'fixed', amount: 150 }, 240], [{ kind: 'fixed', amount: 450 }, 60]]);
    const tepezza = catalogDrug('J3241');
    // Day 0 at 10 mg/kg, then every 21 days at 20 mg/kg, 8 in all: days 0..147; none in year two.
    expect(regimenDays(tepezza.regimen, 364).map((d) => d.day)).toEqual([0, 21, 42, 63, 84, 105, 126, 147]);
    expect(doseFor(tepezza.regimen.loadingDoses![0]!.dose, 80).toString()).toBe('800');
    expect(administrationsPerPatient(tepezza.regimen, 2).toString()).toBe('0');
    // Injectafer 750 mg x 2, 7 days apart, a course a year by default: 2 in year one, 2 x 364 / 364 = 2 after.
    const injectafer = catalogDrug('J1439');
    expect(administrationsPerPatient(injectafer.regimen, 1).toString()).toBe('2');
    expect(administrationsPerPatient(injectafer.regimen, 2).toString()).toBe('2');
    // Venofer 200 mg x 5 within 14 days, a course a year: 5 and 5.
    expect(administrationsPerPatient(catalogDrug('J1756').regimen, 2).toString()).toBe('5');
  });

  it('cites the label for each regimen of the catalog', () => {
    for (const d of referenceData.catalog) expect(d.regimen.source ?? '').toMatch(/prescribing information/);
  });
});

import { ReferenceBook } from '../../src/engine/book';
import { Dec, dec, roundCents } from '../../src/engine/decimal';
import { administrationKernel, runModel } from '../../src/engine/model';
import { builtinPayer } from '../../src/engine/payers';
import { administrationsPerPatient, doseDays, doseFor } from '../../src/engine/regimen';
import { delaySeries } from '../../src/engine/timeline';
import type { DrugLineInput, ModelInput, PayerProfile, ProgramInput } from '../../src/engine/types';
import { catalog, referenceData } from './fixture';

const book = new ReferenceBook(referenceData);
const profile = (id: string): PayerProfile => builtinPayer(id) as PayerProfile;

/** A denosumab-like line given every 28 days, no loading: doses on days 0, 28, 56, ... */
const line = (overrides: Partial<DrugLineInput> = {}): DrugLineInput => ({
  hcpcs: 'J0897', label: 'denosumab', route: 'SC', complexity: 'therapeutic', dose: { kind: 'fixed', amount: 60 },
  regimen: { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: null }, weightKg: 80, infusionMinutes: 0,
  chairExtraMinutes: 30, vialSizes: [60, 120], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 1,
  rampMonths: 0, discontinuationRate: 0, priorAuthPayers: [], distributorVerified: true, ...overrides,
});

const program = (overrides: Partial<ProgramInput> = {}): ProgramInput => ({
  chairs: 1, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2,
  fixedCosts: [{ name: 'nurse', monthly: 200 }], startupCosts: 3000, planningMonths: 1, horizonMonths: 3,
  discountRate: 0, distributorTermsDays: 0, priorAuthDelayDays: 14, priorAuthStaffMinutes: 30, staffHourlyCost: 40, ...overrides,
});

const medicaidNow: PayerProfile = { ...profile('MEDICAID'), daysToPayment: 0 };
const model = (o: Partial<ModelInput> = {}): ModelInput => ({
  name: 't', practiceName: 'p', quarter: '2026Q1', feeScheduleYear: 2026, drugs: [line()],
  payers: [{ profile: medicaidNow, weight: 1 }], program: program(), ...o,
});

// Medicaid, denosumab 60 mg: drug 60 x 29.457 = 1767.42; 96372 at Medicaid's 72% of the fee schedule (DOMAIN.md
// 5.2): 15.36 x 0.72 = 11.0592 -> 11.06; allowed 1778.48, coinsurance 0 -> net 1778.48.
// Cost 1767.42 / 1.06 = 1667.377358490566...; margin per administration 111.102641509434...
const marginPerAdmin = dec('1778.48').minus(dec('1767.42').div('1.06'));

describe('regimens (DOMAIN.md 2.8)', () => {
  it('gives infliximab 8 administrations in year one and 6.5 a year at steady state', () => {
    // Days 0, 14, 42, then +56: 98, 154, 210, 266, 322 (378 is past day 363) -> 8. Steady: 364 / 56 = 6.5.
    const infliximab = catalog[0]!.regimen;
    expect(doseDays(infliximab, 364)).toEqual([0, 14, 42, 98, 154, 210, 266, 322]);
    expect(administrationsPerPatient(infliximab, 1).toString()).toBe('8');
    expect(administrationsPerPatient(infliximab, 2).toString()).toBe('6.5');
  });

  it('ends a finite course: ferric carboxymaltose is 2 doses in year one and none after', () => {
    const course = { loadingDays: [0, 7], maintenanceIntervalDays: null, maxDoses: 2 };
    expect(administrationsPerPatient(course, 1).toString()).toBe('2');
    expect(administrationsPerPatient(course, 2).toString()).toBe('0');
  });

  it('caps a monthly course at its maximum: 12 romosozumab doses, all in year one', () => {
    // Days 0, 28, ..., 308 = 12 doses; the 13th (336) is beyond max_doses.
    const romosozumab = { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: 12 };
    expect(administrationsPerPatient(romosozumab, 1).toString()).toBe('12');
    expect(administrationsPerPatient(romosozumab, 2).toString()).toBe('0');
  });

  it('doses per kg, caps at the label maximum, and picks weight tiers', () => {
    expect(doseFor({ kind: 'per_kg', perKg: 5 }, 80).toString()).toBe('400'); // 5 mg/kg x 80 kg
    expect(doseFor({ kind: 'per_kg', perKg: 8, maxDose: 800 }, 120).toString()).toBe('800'); // 960 capped to 800
    const tiers = catalog.find((d) => d.hcpcs === 'J0129')!.dose;
    expect([59, 60, 100, 101].map((kg) => doseFor(tiers, kg).toNumber())).toEqual([500, 750, 750, 1000]);
    expect(() => doseFor({ kind: 'fixed', amount: 1 }, -2)).toThrow('weightKg: must be a positive weight in kg, not -2');
  });
});

describe('the monthly projection (DOMAIN.md 2.9)', () => {
  it('places doses in months of 364/12 days', () => {
    // Days 0 and 28 fall in month 0 (28 < 30.33); 56 -> 1; 84 -> 2 (84 / 30.33 = 2.77).
    const k = administrationKernel(line(), 0, 4, dec(1));
    expect(k.map((x) => x.toNumber())).toEqual([2, 1, 1, 1]);
    // A 14-day prior-authorization delay moves day 28 to day 42, into month 1: [1, 1, 1, 1].
    expect(administrationKernel(line(), 14, 4, dec(1)).map((x) => x.toNumber())).toEqual([1, 1, 1, 1]);
  });

  it('adds up cohorts, margin, fixed and startup costs month by month', () => {
    const r = runModel(book, model());
    // One new patient a month from operating month 1; kernel [2, 1, 1]: administrations 2, 2+1 = 3, 2+1+1 = 4.
    expect(r.months.map((m) => m.administrations.toNumber())).toEqual([0, 2, 3, 4]);
    expect(r.months.map((m) => m.activePatients.toNumber())).toEqual([0, 1, 2, 3]);
    // Month 1 is planning: startup 3000 spread over 1 month. Operating months: margin x admins - 200 fixed.
    const nets = [dec(-3000), marginPerAdmin.times(2).minus(200), marginPerAdmin.times(3).minus(200), marginPerAdmin.times(4).minus(200)];
    // Equal to 20 decimal places (the engine works to 40 significant digits; the order of operations differs).
    expect(r.months.map((m) => m.net.toDecimalPlaces(20).toString())).toEqual(nets.map((n) => n.toDecimalPlaces(20).toString()));
    // 2 x 111.1026 - 200 = 22.21 >= 0 in operating month 1.
    expect(r.summary.breakEvenMonth).toBe(1);
    // Cumulative cash: -3000 + 9 x 111.10264151 - 3 x 200 = -3600 + 999.92377358 = -2600.08 < 0: no payback.
    expect(roundCents(r.summary.endingCash).toFixed(2)).toBe('-2600.08');
    expect(r.summary.paybackMonth).toBeNull();
    // Discount rate 0: NPV = the sum of cash flows.
    expect(r.summary.npv.toString()).toBe(r.summary.endingCash.toString());
  });

  it('pays back when cumulative cash turns and stays non-negative', () => {
    const r = runModel(book, model({ program: program({ startupCosts: 100 }) }));
    // Cumulative: -100, -77.79, +55.51, ...: payback in operating month 2.
    expect(r.summary.paybackMonth).toBe(2);
  });

  it('discounts each month at (1 + rate)^(month / 12)', () => {
    const r = runModel(book, model({ program: program({ discountRate: 0.12 }) }));
    const expected = r.months.reduce((s, m) => s.plus(m.cashFlow.div(new Dec('1.12').pow(new Dec(m.month).div(12)))), dec(0));
    expect(r.summary.npv.toString()).toBe(expected.toString());
    // Month 1 alone: -3000 / 1.12^(1/12) = -3000 / 1.0094887929... = -2971.80
    expect(roundCents(dec(-3000).div(new Dec('1.12').pow(new Dec(1).div(12)))).toFixed(2)).toBe('-2971.80');
  });

  it('delays cash by days to payment, split across two months', () => {
    // 45 days = 45 x 12 / 364 = 1.48352 months: 51.648% arrives one month later, 48.352% two months later.
    const out = delaySeries([dec(100), dec(0), dec(0), dec(0)], 45);
    expect(out[1]!.toSignificantDigits(10).toString()).toBe('51.64835165');
    expect(out[2]!.toSignificantDigits(10).toString()).toBe('48.35164835');
    const r = runModel(book, model({ payers: [{ profile: { ...medicaidNow, daysToPayment: 45 }, weight: 1 }] }));
    // Working capital after operating month 1: revenue 2 x 1778.48 = 3556.96 accrued, none collected yet.
    expect(r.months[1]!.workingCapital.toFixed(2)).toBe('3556.96');
    expect(r.summary.peakWorkingCapital.gte(dec('3556.96'))).toBe(true);
  });

  it('lowers volume by prior-authorization denials and charges PA staff time for every request', () => {
    const ma: PayerProfile = { ...profile('MEDICARE_ADVANTAGE'), daysToPayment: 0 };
    const r = runModel(book, model({ drugs: [line({ priorAuthPayers: ['MEDICARE_ADVANTAGE'] })], payers: [{ profile: ma, weight: 1 }] }));
    // 6.4% denied: 0.936 new patients a month. PA cost: 1 request x 30/60 h x $40 = $20 a month.
    expect(r.months[1]!.newPatients.toString()).toBe('0.936');
    expect(r.months[1]!.priorAuthCost.toString()).toBe('20');
  });

  it('ramps new patients linearly and applies monthly retention from the annual discontinuation rate', () => {
    const r = runModel(book, model({ drugs: [line({ rampMonths: 2, discontinuationRate: 0.2, newPatientsPerMonth: 2 })], program: program({ planningMonths: 0, horizonMonths: 3 }) }));
    // New: 2 x 1/2 = 1, then 2, 2. Retention (0.8)^(1/12) per month: active in month 2 = 1 x 0.8^(1/12) + 2.
    expect(r.months.map((m) => m.newPatients.toNumber())).toEqual([1, 2, 2]);
    const keep = new Dec('0.8').pow(new Dec(1).div(12));
    expect(r.months[1]!.activePatients.toString()).toBe(keep.plus(2).toString());
  });

  it('measures chair hours against capacity and flags months over capacity', () => {
    const r = runModel(book, model({ program: program({ chairs: 1, hoursPerDay: 1, daysPerMonth: 2, utilizationTarget: 0.8 }) }));
    // Capacity 1 x 1 x 2 x 0.8 = 1.6 h. Demand: 0.5 h per administration: 1.0, 1.5, 2.0 h -> month 3 over.
    expect(r.months.slice(1).map((m) => m.chairHoursDemand.toNumber())).toEqual([1, 1.5, 2]);
    expect(r.summary.monthsOverCapacity).toEqual([3]);
    // Nurses: 2.0 h / (1 h x 2 days) = 1 chair busy on average / 2 chairs per nurse = 0.5.
    expect(r.summary.peakNursesNeeded.toString()).toBe('0.5');
  });

  it('weights the margin by the payer mix and lists the payers a drug is underwater with', () => {
    // The practice buys the drug for self-pay patients here (a per-drug override of SELF_PAY's free drug).
    const bought = line({ drugSources: { SELF_PAY: { source: 'buy_and_bill', whiteBagShare: 0 } } });
    const r = runModel(book, model({ drugs: [bought], payers: [{ profile: medicaidNow, weight: 0.5 }, { profile: profile('SELF_PAY'), weight: 0.5 }] }));
    const d = r.drugs[0]!;
    // Self-pay (admin at 100%): (1767.42 + 15.36) x 0.06 = 1782.78 x 0.06 = 106.9668 net;
    // mix net = 0.5 x 1778.48 + 0.5 x 106.9668 = 889.24 + 53.4834 = 942.7234.
    expect(d.mix.netRevenue.toString()).toBe('942.7234');
    expect(d.underwaterPayers).toEqual(['SELF_PAY']);
    // On the default free drug (DOMAIN.md 5.1): self-pay net 15.36 x 0.06 = 0.9216, mix 889.24 + 0.4608 = 889.7008;
    // no drug bought for half the patients: mix drug cost 0.5 x 1667.37735849 = 833.68867925; never underwater.
    const free = runModel(book, model({ payers: [{ profile: medicaidNow, weight: 0.5 }, { profile: profile('SELF_PAY'), weight: 0.5 }] })).drugs[0]!;
    expect(free.mix.netRevenue.toString()).toBe('889.7008');
    expect(roundCents(free.mix.drugCost).toFixed(2)).toBe('833.69');
    expect(free.underwaterPayers).toEqual([]);
    expect(() => runModel(book, model({ payers: [{ profile: medicaidNow, weight: 0.5 }, { profile: profile('SELF_PAY'), weight: 0.4 }] }))).toThrow('weights: sum to 0.9, must sum to 1');
  });
});

/**
 * Issue 14: the launch plan drives the model (src/engine/launch.ts): planning months = the plan's length,
 * startup costs in the months the tasks run, a drug held back until the distributor and prior-authorization
 * tasks it waits on end. Figures worked by hand from DOMAIN.md and the fixture's CMS rates.
 */
import { ReferenceBook } from '../../src/engine/book';
import { dec } from '../../src/engine/decimal';
import type { LaunchPlanInput, LaunchTask } from '../../src/engine/launch';
import { runModel } from '../../src/engine/model';
import { builtinPayer } from '../../src/engine/payers';
import type { DrugLineInput, ModelInput, PayerProfile } from '../../src/engine/types';
import { referenceData } from './fixture';

const book = new ReferenceBook(referenceData);
const payer = (id: string): PayerProfile => ({ ...(builtinPayer(id) as PayerProfile), daysToPayment: 0 });

/** Denosumab 60 mg every 28 days (doses on days 0, 28, 56, ...), one new patient a month from the drug's first month. */
const line: DrugLineInput = {
  hcpcs: 'J0897', label: 'denosumab', route: 'SC', complexity: 'therapeutic', dose: { kind: 'fixed', amount: 60 },
  regimen: { loadingDays: [], maintenanceIntervalDays: 28, maxDoses: null }, weightKg: 80, infusionMinutes: 0,
  chairExtraMinutes: 30, vialSizes: [60, 120], acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 1,
  rampMonths: 0, discontinuationRate: 0, priorAuthPayers: [], distributorVerified: false,
};

const task = (o: Partial<LaunchTask>): LaunchTask => ({ name: 't', kind: 'other', owner: 'finance', startMonth: 1, endMonth: 2, cost: 0, status: 'not_started', ...o });

/** Two planning months (the plan's length), four operating months, Medicaid paying at once. */
const input = (plan: LaunchPlanInput | undefined, o: Partial<ModelInput> = {}): ModelInput => ({
  name: 't', practiceName: 'p', quarter: '2026Q1', feeScheduleYear: 2026, drugs: [line],
  payers: [{ profile: payer('MEDICAID'), weight: 1 }],
  program: {
    chairs: 1, hoursPerDay: 8, daysPerMonth: 20, utilizationTarget: 0.8, chairsPerNurse: 2, fixedCosts: [],
    startupCosts: 9999, planningMonths: 2, horizonMonths: 4, discountRate: 0, distributorTermsDays: 0,
    priorAuthDelayDays: 0, priorAuthStaffMinutes: 0, staffHourlyCost: 0,
  },
  ...(plan ? { launchPlan: plan } : {}),
  ...o,
});

// Medicaid, denosumab 60 mg: drug 60 units x $29.457 = 1767.42; 96372 at 72% of the fee schedule: 15.36 x 0.72 =
// 11.0592 -> 11.06; no coinsurance, nothing denied: net revenue 1767.42 + 11.06 = 1778.48 an administration.
// Doses per patient by month since start (months of 364/12 = 30.33 days): days 0 and 28 -> month 0, 56 -> 1,
// 84 -> 2, 112 -> 3: kernel [2, 1, 1, 1].

describe('a late distributor task moves the drug\'s first administration', () => {
  // The distributor task runs months 1-4, $3,000, and is late: 4 > the plan's 2 months, so the drug waits
  // 4 - 2 = 2 operating months and its first new patient starts in operating month 3 (program month 5).
  const late = task({ name: 'Distributor: Prolia', kind: 'distributor', owner: 'pharmacy', startMonth: 1, endMonth: 4, cost: 3000, status: 'late', drug: 'J0897' });
  const training = task({ name: 'Training', kind: 'training', owner: 'nursing', startMonth: 2, endMonth: 2, cost: 500, status: 'done' });
  const plan: LaunchPlanInput = { months: 2, tasks: [late, training] };

  it('schedules no administration before the task ends, then ramps from there', () => {
    const r = runModel(book, input(plan));
    // New patients by operating month: 0, 0, 1, 1. Administrations: months 3 = 1 x 2 = 2; 4 = 1 x 2 + 1 x 1 = 3.
    expect(r.drugs[0]!.hold).toEqual({ months: 2, tasks: [0] });
    expect(r.drugs[0]!.newPatients.map((x) => x.toNumber())).toEqual([0, 0, 1, 1]);
    expect(r.months.map((m) => m.administrations.toNumber())).toEqual([0, 0, 0, 0, 2, 3]);
    // The first month with revenue is program month 5 (operating month 3): 2 x 1778.48 = 3556.96.
    const first = r.months.find((m) => !m.netRevenue.isZero())!;
    expect([first.month, first.operatingMonth, first.netRevenue.toFixed(2)]).toEqual([5, 3, '3556.96']);
  });

  it('ramps a held drug from its own first month', () => {
    // Ramp 2 months, held 2: operating months 1-2 nothing; 3: 1 x (3 - 2) / 2 = 0.5; 4 on: 1 (the ramp's end).
    const base = input(plan);
    const r = runModel(book, { ...base, drugs: [{ ...line, rampMonths: 2 }], program: { ...base.program, horizonMonths: 6 } });
    expect(r.drugs[0]!.newPatients.map((x) => x.toNumber())).toEqual([0, 0, 0.5, 1, 1, 1]);
  });

  it('without the hold (the task done) the first administration is at launch', () => {
    const r = runModel(book, input({ months: 2, tasks: [{ ...late, status: 'done' }, training] }));
    // New patients 1, 1, 1, 1 from operating month 1: administrations 2, 3, 4, 5; first revenue in program month 3.
    expect(r.months.map((m) => m.administrations.toNumber())).toEqual([0, 0, 2, 3, 4, 5]);
    expect(r.months[2]!.netRevenue.toFixed(2)).toBe('3556.96');
  });

  it('pays the startup costs in the months the tasks run, instead of the lump', () => {
    const r = runModel(book, input(plan));
    // Distributor 3000 / 4 months = 750 in months 1-4; training 500 in month 2: 750, 1250, 750, 750, 0, 0 (total 3500;
    // the program's 9999 is not used). Cash flow of month 1 = -750 (no revenue, no fixed costs).
    expect(r.months.map((m) => m.startupCosts.toNumber())).toEqual([750, 1250, 750, 750, 0, 0]);
    expect(r.months[0]!.cashFlow.toNumber()).toBe(-750);
    // Operating month 1 (program month 3): nothing administered yet, 750 of startup costs: net -750.
    expect(r.months[2]!.net.toNumber()).toBe(-750);
  });

  it('states readiness: tasks done and late, the drug held back and by which task', () => {
    const r = runModel(book, input(plan));
    expect(r.launch).toMatchObject({ months: 2, tasks: 2, done: 1, late: 1, inProgress: 0, notStarted: 0 });
    expect(r.launch!.heldDrugs).toEqual([{ hcpcs: 'J0897', label: 'denosumab', firstOperatingMonth: 3, tasks: [0] }]);
  });
});

describe('a prior-authorization workflow not ready holds the drugs that need it', () => {
  const paLine: DrugLineInput = { ...line, priorAuthPayers: ['MEDICAID'] };
  const workflow = task({ name: 'PA workflow: Medicaid', kind: 'prior_auth', owner: 'revenue_cycle', startMonth: 2, endMonth: 3, status: 'in_progress', payer: 'MEDICAID' });

  it('holds a drug whose payer requires prior authorization until the workflow ends', () => {
    // Ends in month 3, one past the plan's 2: first new patients in operating month 2; administrations 0, 2, 3, 4.
    const r = runModel(book, input({ months: 2, tasks: [workflow] }, { drugs: [paLine] }));
    expect(r.months.slice(2).map((m) => m.administrations.toNumber())).toEqual([0, 2, 3, 4]);
  });

  it('does not hold a drug that needs no prior authorization from that payer, nor one whose mix has none of its patients', () => {
    const free = runModel(book, input({ months: 2, tasks: [workflow] }));
    expect(free.drugs[0]!.hold.months).toBe(0);
    const commercial = payer('COMMERCIAL');
    const noMedicaid = runModel(book, input({ months: 2, tasks: [workflow] }, {
      drugs: [{ ...paLine, payerWeights: [0, 1] }],
      payers: [{ profile: payer('MEDICAID'), weight: 0.5 }, { profile: commercial, weight: 0.5 }],
    }));
    expect(noMedicaid.drugs[0]!.hold.months).toBe(0);
  });

  it('lists a drug waiting on a task that ends by launch as waiting, not held', () => {
    const r = runModel(book, input({ months: 2, tasks: [{ ...workflow, endMonth: 2 }] }, { drugs: [paLine] }));
    expect(r.launch!.heldDrugs).toEqual([]);
    expect(r.launch!.waitingDrugs).toEqual([{ hcpcs: 'J0897', label: 'denosumab', tasks: [0] }]);
  });
});

describe('without a launch plan, and a plan that disagrees with the program', () => {
  it('spreads the program startup costs over the planning months as before', () => {
    const r = runModel(book, input(undefined));
    // 9999 / 2 = 4999.5 in each planning month; no hold; readiness null.
    expect(r.months.map((m) => m.startupCosts.toNumber())).toEqual([4999.5, 4999.5, 0, 0, 0, 0]);
    expect(r.launch).toBeNull();
    expect(r.drugs[0]!.hold.months).toBe(0);
  });

  it('refuses planning months other than the plan\'s length', () => {
    expect(() => runModel(book, input({ months: 3, tasks: [] }))).toThrow("program.planningMonths (2) must be the launch plan's length (3 months)");
  });

  it('keeps money decimal: a cost split in three', () => {
    const r = runModel(book, input({ months: 2, tasks: [task({ startMonth: 1, endMonth: 3, cost: 1000 })] }));
    // 1000 / 3 = 333.333...; the three months add back to 1000 exactly at 28 digits' rounding.
    expect(r.months[0]!.startupCosts.toSignificantDigits(10).toString()).toBe('333.3333333');
    expect(r.months.slice(0, 3).reduce((t, m) => t.plus(m.startupCosts), dec(0)).toDecimalPlaces(10).toString()).toBe('1000');
  });
});

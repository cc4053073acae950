/**
 * Every number of a scenario has a plausible bound (src/scenario/bounds.ts), stated in the message with the
 * field, and stated again by scenario.schema.json (issue 16, item 6). Within the bounds no figure of the
 * model is infinite or NaN.
 */
import schema from '../../src/scenario/scenario.schema.json';
import { MAX_MINUTES as FUNCTIONS_MAX_MINUTES } from '../../src/functions/excel';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { modelReport } from '../../src/engine/report';
import { referenceData } from '../../src/data';
import { MAX_MINUTES, SCENARIO_BOUNDS } from '../../src/scenario/bounds';
import { formatIssue, resolveScenario, sampleScenario, validateScenario, type Scenario } from '../../src/scenario';

function issues(doc: unknown): string[] {
  const result = validateScenario(doc, referenceData);
  return result.ok ? [] : result.errors.map(formatIssue);
}

const drug0 = sampleScenario.drugs[0]!;

describe('the crafted numbers of issue 16 are refused, naming the field', () => {
  it('1e308 new patients a month', () => {
    expect(issues({ ...sampleScenario, drugs: [{ ...drug0, newPatientsPerMonth: 1e308 }, ...sampleScenario.drugs.slice(1)] })).toEqual([
      'drugs[0].newPatientsPerMonth: must be between 0 and 10000',
    ]);
  });

  it('planningMonths 1e9', () => {
    expect(issues({ ...sampleScenario, program: { ...sampleScenario.program, planningMonths: 1e9 } })).toEqual([
      'program.planningMonths: must be a whole number between 0 and 120',
    ]);
  });

  it('infusionMinutes 1e15 (the functions take 0-1440 too)', () => {
    expect(issues({ ...sampleScenario, drugs: [{ ...drug0, infusionMinutes: 1e15 }, ...sampleScenario.drugs.slice(1)] })).toEqual([
      'drugs[0].infusionMinutes: must be a whole number between 0 and 1440',
    ]);
    expect(MAX_MINUTES).toBe(FUNCTIONS_MAX_MINUTES);
  });

  it('a price, a cost and a day count past their bounds', () => {
    const doc = {
      ...sampleScenario,
      drugs: [{ ...drug0, acquisitionPerUnit: 1e12, dose: 2e6 }, ...sampleScenario.drugs.slice(1)],
      payers: [{ ...sampleScenario.payers[0]!, daysToPayment: 1e6 }, ...sampleScenario.payers.slice(1)],
      program: { ...sampleScenario.program, startupCosts: 1e300, fixedCosts: [{ name: 'rent', monthly: 1e9 }], chairs: 1e6 },
    };
    expect(issues(doc)).toEqual([
      'drugs[0].dose: must be greater than 0 and at most 1000000',
      'drugs[0].acquisitionPerUnit: must be between 0 and 10000000',
      'payers[0].daysToPayment: must be a whole number between 0 and 730',
      'program.chairs: must be a whole number between 1 and 1000',
      'program.fixedCosts[0].monthly: must be between 0 and 100000000',
      'program.startupCosts: must be between 0 and 1000000000',
    ]);
  });
});

describe('one place for the bounds', () => {
  /** Where each bound applies in scenario.schema.json. */
  const defs = schema.$defs as unknown as Record<string, { properties: Record<string, { maximum?: number; minimum?: number; exclusiveMinimum?: number }> }>;
  const fixedRule = (schema.$defs.drugRule as unknown as { oneOf: { properties: Record<string, { maximum?: number }> }[] }).oneOf.find(
    (rule) => 'amount' in rule.properties,
  );
  const where: Record<keyof typeof SCENARIO_BOUNDS, { maximum?: number; minimum?: number; exclusiveMinimum?: number } | undefined> = {
    dose: defs['drug']?.properties['dose'],
    newPatientsPerMonth: defs['drug']?.properties['newPatientsPerMonth'],
    rampMonths: defs['drug']?.properties['rampMonths'],
    acquisitionPerUnit: defs['drug']?.properties['acquisitionPerUnit'],
    wacPerUnit: defs['drug']?.properties['wacPerUnit'],
    infusionMinutes: defs['drug']?.properties['infusionMinutes'],
    chairExtraMinutes: defs['drug']?.properties['chairExtraMinutes'],
    fixedPerUnit: fixedRule?.properties['amount'],
    daysToPayment: defs['payer']?.properties['daysToPayment'],
    chairs: defs['program']?.properties['chairs'],
    chairsPerNurse: defs['program']?.properties['chairsPerNurse'],
    monthlyCost: defs['fixedCost']?.properties['monthly'],
    startupCosts: defs['program']?.properties['startupCosts'],
    planningMonths: defs['program']?.properties['planningMonths'],
    horizonMonths: defs['program']?.properties['horizonMonths'],
    distributorTermsDays: defs['program']?.properties['distributorTermsDays'],
    inventoryDaysOnHand: defs['program']?.properties['inventoryDaysOnHand'],
    priorAuthDelayDays: defs['program']?.properties['priorAuthDelayDays'],
    priorAuthStaffMinutes: defs['program']?.properties['priorAuthStaffMinutes'],
    staffHourlyCost: defs['program']?.properties['staffHourlyCost'],
    annualDeductible: defs['payer']?.properties['annualDeductible'],
    outOfPocketMax: (defs['payer']?.properties['outOfPocketMax'] as { anyOf?: { maximum?: number; minimum?: number }[] } | undefined)?.anyOf?.[0],
    accessRiskThreshold: defs['program']?.properties['accessRiskThreshold'],
    launchPlanMonths: defs['launchPlan']?.properties['months'],
    launchTaskMonth: defs['launchTask']?.properties['startMonth'],
    launchTaskCost: defs['launchTask']?.properties['cost'],
    // Issue 14, the market.
    adultsInBand: defs['market']?.properties['adults18to49'],
    driveTimeMinutes: defs['market']?.properties['driveTimeMinutes'],
    competingSites: defs['market']?.properties['hospitalOutpatient'],
    referralBacklog: defs['marketArea']?.properties['backlog'],
    waitWeeks: defs['marketArea']?.properties['waitWeeks'],
  };

  it.each(Object.keys(SCENARIO_BOUNDS) as (keyof typeof SCENARIO_BOUNDS)[])('scenario.schema.json states the bound of %s', (name) => {
    const bound: { min: number; max: number; minExclusive?: boolean } = SCENARIO_BOUNDS[name];
    const stated = where[name];
    expect(stated?.maximum).toBe(bound.max);
    expect(bound.minExclusive === true ? stated?.exclusiveMinimum : stated?.minimum).toBe(bound.min);
  });
});

describe('within the bounds, every figure is finite', () => {
  it('the sample with every volume, price, cost and period at its maximum', () => {
    const B = SCENARIO_BOUNDS;
    const scenario: Scenario = {
      ...sampleScenario,
      drugs: sampleScenario.drugs.map((drug) => ({
        ...drug,
        newPatientsPerMonth: B.newPatientsPerMonth.max,
        rampMonths: B.rampMonths.max,
        acquisitionPerUnit: B.acquisitionPerUnit.max,
        chairExtraMinutes: B.chairExtraMinutes.max,
      })),
      payers: sampleScenario.payers.map((payer) => ({ ...payer, daysToPayment: B.daysToPayment.max })),
      program: {
        ...sampleScenario.program,
        chairs: B.chairs.max,
        fixedCosts: [{ name: 'all', monthly: B.monthlyCost.max }],
        startupCosts: B.startupCosts.max,
        planningMonths: B.planningMonths.max,
        horizonMonths: B.horizonMonths.max,
        distributorTermsDays: B.distributorTermsDays.max,
        priorAuthDelayDays: B.priorAuthDelayDays.max,
        priorAuthStaffMinutes: B.priorAuthStaffMinutes.max,
        staffHourlyCost: B.staffHourlyCost.max,
      },
    };
    expect(issues(scenario)).toEqual([]);
    const report = modelReport(runModel(new ReferenceBook(referenceData), resolveScenario(scenario, referenceData)));
    const notFinite: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value === 'number' && !Number.isFinite(value)) notFinite.push(at);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
    };
    walk(report, 'report');
    expect(notFinite).toEqual([]);
  });
});

/**
 * Issue 14: the launch plan in the scenario: validation naming the field, the default template (labelled as a
 * default), and resolution (planning months = the plan's length, startup costs by month).
 */
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../src/scenario/scenario.schema.json';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { referenceData } from '../../src/data';
import { defaultLaunchPlan, formatIssue, resolveScenario, sampleScenario, scenarioDefaultsApplied, validateScenario, type Scenario } from '../../src/scenario';

const issues = (doc: unknown): string[] => {
  const r = validateScenario(doc, referenceData);
  return r.ok ? [] : r.errors.map(formatIssue);
};

const template = defaultLaunchPlan(sampleScenario, referenceData);
const withPlan: Scenario = { ...sampleScenario, launchPlan: template };

describe('the default plan template', () => {
  it('is six months, labelled as the template, with the six roles and a task for each drug, contracted payer and PA payer', () => {
    expect(template.months).toBe(6);
    expect(template.template).toBe(true);
    expect(template.team.map((m) => m.role)).toEqual(['finance', 'pharmacy', 'nursing', 'revenue_cycle', 'it', 'physicians']);
    // The sample: 10 drugs, payers MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY; prior authorization
    // from MA, Medicaid and Commercial. Contracts: every payer but Medicare FFS and self-pay = 3.
    const kinds = template.tasks.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'distributor')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'payer_contract')).toHaveLength(3);
    expect(template.tasks.filter((t) => t.kind === 'prior_auth').map((t) => t.payer)).toEqual(['MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL']);
    expect(template.tasks.every((t) => t.status === 'not_started')).toBe(true);
    expect(issues(withPlan)).toEqual([]);
  });

  it('names the REMS program of a drug that has one (natalizumab: TOUCH) and gives its distributor task a month more', () => {
    const s: Scenario = { ...sampleScenario, drugs: [{ hcpcs: 'J2323', newPatientsPerMonth: 1, rampMonths: 0, distributorVerified: false }] };
    const t = defaultLaunchPlan(s, referenceData).tasks.find((x) => x.kind === 'distributor')!;
    expect(t.name).toBe('Distributor account and availability: Tysabri (natalizumab)');
    expect(t.note).toMatch(/^REMS: TOUCH Prescribing Program/);
    expect([t.startMonth, t.endMonth]).toEqual([1, 3]);
  });

  it('splits the scenario\'s startup costs over the months the tasks run', () => {
    // $60,000: PA workflows 20% = 12,000 / 3 payers = 4,000 each (months 3-5); EHR order sets 10% = 6,000 (3-5);
    // training 20% = 12,000 (5-6); chairs and space the rest, 60,000 - 12,000 - 6,000 - 12,000 = 30,000 (1-4).
    // By month: 1: 30,000/4 = 7,500; 2: 7,500; 3: 7,500 + 6,000/3 + 12,000/3 = 13,500; 4: 13,500;
    // 5: 2,000 + 4,000 + 12,000/2 = 12,000; 6: 6,000. Sum 60,000 (the lump was 10,000 a month).
    const input = resolveScenario(withPlan, referenceData);
    expect(input.program.planningMonths).toBe(6);
    expect(input.program.startupCosts).toBe(60000);
    const r = runModel(new ReferenceBook(referenceData), input);
    expect(r.months.slice(0, 7).map((m) => m.startupCosts.toNumber())).toEqual([7500, 7500, 13500, 13500, 12000, 6000, 0]);
    // Every task ends by month 6: no drug is held back, all ten wait on their distributor task (not done).
    expect(r.launch!.heldDrugs).toEqual([]);
    expect(r.launch!.waitingDrugs).toHaveLength(10);
  });

  it('does not list the planning months as a default when the plan sets them', () => {
    const noPm: Scenario = { ...withPlan, program: { ...withPlan.program, planningMonths: undefined } };
    expect(scenarioDefaultsApplied(noPm, referenceData).map((a) => a.path)).not.toContain('program.planningMonths');
    // The template itself is listed as a default (Sources and assumptions) until a task is edited.
    expect(scenarioDefaultsApplied(noPm, referenceData).find((a) => a.path === 'launchPlan')?.default.label).toBe('default: assumption');
    const own: Scenario = { ...noPm, launchPlan: { ...template, template: false } };
    expect(scenarioDefaultsApplied(own, referenceData).map((a) => a.path)).not.toContain('launchPlan');
  });
});

describe('scenario.schema.json states the launch plan', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

  it('accepts the template and refuses what the validator refuses field by field', () => {
    expect(validate(withPlan)).toBe(true);
    const bad = { ...withPlan, launchPlan: { ...template, tasks: [{ ...template.tasks[0]!, status: 'finished', startMonth: 0 }], team: [{ role: 'nursing', name: 'MRN 1' }] } };
    expect(validate(bad)).toBe(false);
    expect(new Set((validate.errors ?? []).map((e) => e.instancePath))).toEqual(new Set(['/launchPlan/team/0/name', '/launchPlan/tasks/0/startMonth', '/launchPlan/tasks/0/status']));
    expect(validate({ ...withPlan, launchPlan: { ...template, tasks: [{ ...template.tasks[0]!, kind: 'distributor', drug: undefined }] } })).toBe(false);
  });
});

describe('validation names the field', () => {
  const t0 = template.tasks[0]!;
  const doc = (o: Partial<typeof t0>, extra: Partial<NonNullable<Scenario['launchPlan']>> = {}): Scenario => ({ ...sampleScenario, launchPlan: { ...template, tasks: [{ ...t0, ...o }], ...extra } });

  it('months in order and within the projection', () => {
    expect(issues(doc({ startMonth: 4, endMonth: 2 }))).toEqual(['launchPlan.tasks[0].endMonth: must be at least the start month (4)']);
    expect(issues(doc({ endMonth: 43 }))).toEqual(['launchPlan.tasks[0].endMonth: must be within the projection: at most 42 (6 planning + 36 operating months)']);
    expect(issues(doc({ startMonth: 0 }))).toEqual(['launchPlan.tasks[0].startMonth: must be a whole number between 1 and 240']);
  });

  it('status, owner and what a task unblocks', () => {
    expect(issues(doc({ status: 'finished' as never }))).toEqual(['launchPlan.tasks[0].status: must be one of "not_started", "in_progress", "done", "late"']);
    expect(issues(doc({}, { team: [{ role: 'pharmacy' }] }))).toEqual(['launchPlan.tasks[0].owner: "finance" is not a role of the task force (launchPlan.team)']);
    expect(issues(doc({ kind: 'distributor', drug: 'J2323' }))).toEqual(['launchPlan.tasks[0].drug: drug "J2323" is not in drugs']);
    expect(issues(doc({ kind: 'distributor', drug: 'Remicade' }))).toEqual([]);
    expect(issues(doc({ kind: 'prior_auth', payer: undefined }))).toEqual(['launchPlan.tasks[0].payer: required for a prior-authorization workflow: the payer it is for']);
    expect(issues(doc({ payer: 'ACME' }))).toEqual(['launchPlan.tasks[0].payer: payer "ACME" is not in payers']);
  });

  it('a member\'s name is a staff member\'s, never a record number or a date', () => {
    expect(issues(doc({}, { team: [...template.team, { role: 'physicians', name: 'Dr. Rivera' }] }))).toEqual([]);
    expect(issues(doc({}, { team: [...template.team, { role: 'nursing', name: 'MRN 448812' }] }))).toEqual([
      'launchPlan.team[6].name: must be a staff member\'s name without digits (no record numbers or dates: the plan holds no patient data)',
    ]);
  });

  it('planning months given must be the plan\'s length', () => {
    const s: Scenario = { ...withPlan, program: { ...withPlan.program, planningMonths: 4 } };
    expect(issues(s)).toEqual(['program.planningMonths: must be the launch plan\'s length (launchPlan.months = 6) or left out: the plan sets the planning months']);
  });
});

/**
 * Issue 14: the launch plan in the scenario (types, resolution into the engine's LaunchPlanInput) and the
 * default plan template a practice starts from. How the plan drives the model is engine/launch.ts.
 *
 * The template (a default, labelled as one wherever it is shown): the six months DOMAIN.md 1 step 5 describes,
 * with the task force's roles and the work the path needs: payer contracts and fee schedules, a distributor
 * account and availability per drug (with the drug's REMS program named where it has one), a prior-
 * authorization workflow per payer that requires it, order sets, chairs and space, and staff training. It
 * splits the scenario's own startup costs (program.startupCosts) across the tasks that cost money, by the
 * shares below (assumptions), so that adopting it moves the startup costs to the months they occur in without
 * changing their total.
 */
import type { LaunchPlanInput, LaunchRole, LaunchTask } from '../engine/launch';
import type { ReferenceData } from '../engine/reference';
import { LABEL_ASSUMPTION, PRIOR_AUTH_EXEMPT_PAYER_IDS, type ScenarioDefault } from './defaults';
import { findCatalogDrug } from './lookup';
import type { Scenario } from './types';

/** One member of the task force: a role, and optionally the staff member's name (never a patient's). */
export interface ScenarioLaunchMember {
  readonly role: LaunchRole;
  /** The staff member who holds the role, e.g. "Dr. Rivera"; optional. No patient data. */
  readonly name?: string;
}

/** The launch plan a scenario carries (issue 14). */
export interface ScenarioLaunchPlan {
  /** The plan's length in months: the planning months before launch (program.planningMonths follows it). */
  readonly months: number;
  readonly team: readonly ScenarioLaunchMember[];
  readonly tasks: readonly LaunchTask[];
  /** True while the plan is the product's default template (labelled as a default); edits clear it. */
  readonly template?: boolean;
}

/**
 * FDA Risk Evaluation and Mitigation Strategies (REMS) of catalog drugs that restrict who may order, dispense
 * or infuse them: the distributor task of such a drug names the program, and in the template runs a month longer
 * (enrolment before the first order). Sources: FDA REMS database (accessdata.fda.gov/scripts/cder/rems):
 * Tysabri REMS, REMS=63 ("TOUCH Prescribing Program": prescribers, infusion sites and their pharmacies, and
 * patients enrol); Ultomiris and Soliris REMS, REMS=429 (merged 2024-03-22; prescribers certify, patients are
 * vaccinated against meningococcal infection before the first dose); FDA, approval of Bkemv (eculizumab-aeeb),
 * 2024-05-28: "available only through a restricted program called the Bkemv REMS" (label section 5.2).
 */
export const REMS_PROGRAMS: Readonly<Record<string, string>> = {
  J2323: 'REMS: TOUCH Prescribing Program (prescriber, infusion site and its pharmacy, and each patient enrol before the first infusion)',
  J1299: 'REMS: Ultomiris and Soliris REMS (prescribers certify; patients vaccinated against meningococcal infection at least 2 weeks before the first dose)',
  J1303: 'REMS: Ultomiris and Soliris REMS (prescribers certify; patients vaccinated against meningococcal infection at least 2 weeks before the first dose)',
  Q5152: 'REMS: Bkemv REMS (prescribers certify; meningococcal vaccination before the first dose)',
};

/** The template's length: DOMAIN.md 1 step 5, "plan over about 6 months, then launch". */
export const TEMPLATE_MONTHS = 6;

/** How the template splits the scenario's startup costs (assumptions: the user enters the practice's own quotes). */
export const TEMPLATE_COST_SHARES = { space: 0.5, training: 0.2, orderSets: 0.1, priorAuth: 0.2 } as const;

/** The template as a default the scenario relies on (listed under Sources and assumptions while the plan is the template). */
export const DEFAULT_LAUNCH_PLAN: ScenarioDefault = {
  field: 'launchPlan',
  value: null,
  display: 'the default six-month plan template',
  label: LABEL_ASSUMPTION,
  source:
    'DOMAIN.md 1 step 5 ("plan over about 6 months, then launch"); the tasks the path needs (DOMAIN.md 1 steps 3-4); REMS programs ' +
    'from the FDA REMS database; startup costs split 20% prior-authorization workflows, 10% EHR build, 20% training, the rest chairs and space (assumptions).',
};

export const TEMPLATE_LABEL = 'default: plan template (assumption; six months, DOMAIN.md 1 step 5); replace it with the task force\'s own dates, costs and statuses';

/** The default plan template for a scenario (see the module comment). Every task starts "not started". */
export function defaultLaunchPlan(scenario: Scenario, ref: ReferenceData): ScenarioLaunchPlan {
  const tasks: LaunchTask[] = [];
  const total = scenario.program.startupCosts;
  const dollars = (x: number): number => Math.round(x);
  const payers = scenario.payers.map((p) => ({ id: p.id.toUpperCase(), name: p.name }));
  const paPayers = payers.filter((p) => needsPriorAuth(scenario, p.id));
  const contracted = payers.filter((p) => p.id !== 'MEDICARE' && p.id !== 'SELF_PAY');

  for (const p of contracted) {
    tasks.push({ name: `Payer contract and fee schedule: ${p.name}`, kind: 'payer_contract', owner: 'finance', startMonth: 1, endMonth: 3, cost: 0, status: 'not_started', payer: p.id });
  }
  for (const d of scenario.drugs) {
    const facts = d.custom === undefined ? findCatalogDrug(ref, d.hcpcs) : undefined;
    const code = facts?.hcpcs ?? d.hcpcs.trim().toUpperCase();
    const name = d.custom?.name ?? (facts ? `${facts.brand} (${facts.generic})` : code);
    const rems = REMS_PROGRAMS[code];
    tasks.push({
      name: `Distributor account and availability: ${name}`,
      kind: 'distributor',
      owner: 'pharmacy',
      startMonth: 1,
      endMonth: rems ? 3 : 2,
      cost: 0,
      status: 'not_started',
      drug: code,
      ...(rems ? { note: rems } : {}),
    });
  }
  const paCost = paPayers.length === 0 ? 0 : dollars((total * TEMPLATE_COST_SHARES.priorAuth) / paPayers.length);
  for (const p of paPayers) {
    tasks.push({ name: `Prior-authorization workflow: ${p.name}`, kind: 'prior_auth', owner: 'revenue_cycle', startMonth: 3, endMonth: 5, cost: paCost, status: 'not_started', payer: p.id });
  }
  tasks.push({ name: 'Order sets and treatment protocols', kind: 'order_sets', owner: 'physicians', startMonth: 2, endMonth: 4, cost: 0, status: 'not_started' });
  tasks.push({ name: 'EHR build: order sets, scheduling and charge codes', kind: 'order_sets', owner: 'it', startMonth: 3, endMonth: 5, cost: dollars(total * TEMPLATE_COST_SHARES.orderSets), status: 'not_started' });
  tasks.push({ name: 'Staff training: infusion nursing and reactions', kind: 'training', owner: 'nursing', startMonth: 5, endMonth: 6, cost: dollars(total * TEMPLATE_COST_SHARES.training), status: 'not_started' });
  // Chairs and space take what is left, so the template's total is the scenario's startup costs to the dollar.
  const rest = tasks.reduce((t, x) => t + x.cost, 0);
  tasks.push({ name: 'Chairs, pumps and infusion space', kind: 'space', owner: 'finance', startMonth: 1, endMonth: 4, cost: Math.max(0, dollars(total) - rest), status: 'not_started' });
  const team: ScenarioLaunchMember[] = (['finance', 'pharmacy', 'nursing', 'revenue_cycle', 'it', 'physicians'] as const).map((role) => ({ role }));
  return { months: TEMPLATE_MONTHS, team, tasks, template: true };
}

/** Whether any drug of the scenario requires prior authorization from the payer (the drug's list, or the default). */
function needsPriorAuth(scenario: Scenario, payerId: string): boolean {
  return scenario.drugs.some((d) => (d.priorAuthPayers === undefined ? !PRIOR_AUTH_EXEMPT_PAYER_IDS.includes(payerId) : d.priorAuthPayers.some((id) => id.toUpperCase() === payerId)));
}

/** The plan as the engine uses it: drug names resolved to catalog codes, payer ids upper-cased. */
export function resolveLaunchPlan(plan: ScenarioLaunchPlan, ref: ReferenceData): LaunchPlanInput {
  return {
    months: plan.months,
    team: plan.team,
    ...(plan.template === true ? { template: true } : {}),
    tasks: plan.tasks.map((t) => ({
      ...t,
      ...(t.drug === undefined ? {} : { drug: findCatalogDrug(ref, t.drug)?.hcpcs ?? t.drug.trim().toUpperCase() }),
      ...(t.payer === undefined ? {} : { payer: t.payer.toUpperCase() }),
    })),
  };
}

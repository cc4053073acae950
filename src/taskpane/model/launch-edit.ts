/**
 * Issue 14: the pane's edits of the launch plan: start from the default template (labelled as a default), remove
 * it, change a task's status, months or cost. Any edit of a task makes the plan the practice's own (no longer the
 * template). The planning months follow the plan (the scenario leaves program.planningMonths out while it has one).
 */
import type { LaunchTask } from '../../engine/launch';
import type { ReferenceData } from '../../engine/reference';
import { defaultLaunchPlan } from '../../scenario/launch-plan';
import type { Scenario } from '../../scenario/types';
import type { FieldSpec } from './fields';

/** A task's start or end month, program months from the first planning month (scenario bounds.ts launchTaskMonth). */
export const TASK_MONTH_FIELD: FieldSpec = { unit: 'number', min: 1, max: 240, whole: true, noun: 'months' };
/** A task's cost (bounds.ts launchTaskCost). */
export const TASK_COST_FIELD: FieldSpec = { unit: 'money', min: 0, max: 1_000_000_000 };

function withoutPlanningMonths(s: Scenario): Scenario['program'] {
  const { planningMonths: _drop, ...program } = s.program;
  void _drop;
  return program;
}

export function startLaunchPlan(s: Scenario, ref: ReferenceData): Scenario {
  return { ...s, launchPlan: defaultLaunchPlan(s, ref), program: withoutPlanningMonths(s) };
}

export function removeLaunchPlan(s: Scenario): Scenario {
  if (s.launchPlan === undefined) return s;
  const { launchPlan: _plan, ...rest } = s;
  void _plan;
  return { ...rest, program: { ...s.program, planningMonths: s.launchPlan.months } };
}

export function setTask(s: Scenario, index: number, patch: Partial<Pick<LaunchTask, 'status' | 'startMonth' | 'endMonth' | 'cost'>>): Scenario {
  const plan = s.launchPlan;
  if (plan === undefined) return s;
  const tasks = plan.tasks.map((t, i) => (i === index ? { ...t, ...patch } : t));
  const { template: _t, ...own } = plan;
  void _t;
  return { ...s, launchPlan: { ...own, tasks } };
}

/** Why a task's months cannot be these (the scenario's own check, said in the pane's words), or null. */
export function monthsProblem(start: number, end: number, planMonths: number, horizonMonths: number): string | null {
  if (end < start) return `The end month must be the start month (${start}) or later.`;
  if (end > planMonths + horizonMonths) return `The end month must be within the projection: at most ${planMonths + horizonMonths}.`;
  return null;
}

/**
 * The launch plan (issue 14; DOMAIN.md 1, steps 3-5): the task force's six months or so of work before the
 * first infusion, and how it drives the model (rules over the user's plan; every figure is the user's):
 *
 * - The planning months are the plan's length (`months`); operating month 1 is program month months + 1.
 * - Startup costs are the tasks' costs, each spread evenly over its months (start to end, both included),
 *   in the program month they occur in: cash goes out then, not as one lump. A task that runs past the plan's
 *   length costs in those operating months.
 * - A drug is held back until the tasks it waits on end: its distributor task (the account is open and the
 *   distributor can supply it), and the prior-authorization workflow of each payer that requires prior
 *   authorization for it and pays for some of its patients. A task that is done holds nothing back. A task
 *   not done whose end month is past the plan's length holds the drug's first new patients (and so its first
 *   administration) until the operating month after the task's end; the drug's ramp starts then.
 * - Readiness: tasks done, late (marked late by the task force), and the drugs held back, by which tasks.
 */
import { Dec, ONE, ZERO, dec } from './decimal';

/** The task force's roles as DOMAIN.md 1 and the practices name them. */
export const LAUNCH_ROLES = ['finance', 'pharmacy', 'nursing', 'revenue_cycle', 'it', 'physicians'] as const;
export type LaunchRole = (typeof LAUNCH_ROLES)[number];

/** What a role is called on screen. */
export const LAUNCH_ROLE_NAMES: Readonly<Record<LaunchRole, string>> = {
  finance: 'Finance',
  pharmacy: 'Pharmacy',
  nursing: 'Nursing',
  revenue_cycle: 'Revenue cycle',
  it: 'IT',
  physicians: 'Physicians',
};

/** The kinds of work the path to launch needs. */
export const LAUNCH_TASK_KINDS = ['distributor', 'payer_contract', 'prior_auth', 'order_sets', 'training', 'space', 'other'] as const;
export type LaunchTaskKind = (typeof LAUNCH_TASK_KINDS)[number];

export const LAUNCH_TASK_KIND_NAMES: Readonly<Record<LaunchTaskKind, string>> = {
  distributor: 'Distributor account and availability',
  payer_contract: 'Payer contract and fee schedule',
  prior_auth: 'Prior-authorization workflow',
  order_sets: 'Order sets',
  training: 'Staff training',
  space: 'Chairs and space',
  other: 'Other',
};

export const LAUNCH_STATUSES = ['not_started', 'in_progress', 'done', 'late'] as const;
export type LaunchStatus = (typeof LAUNCH_STATUSES)[number];

/** What a status is called on screen and on the Launch plan sheet (the sheet's formulas compare these). */
export const LAUNCH_STATUS_NAMES: Readonly<Record<LaunchStatus, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  late: 'Late',
};

/** One task of the plan. Months are program months: 1 = the first planning month. */
export interface LaunchTask {
  readonly name: string;
  readonly kind: LaunchTaskKind;
  /** The role on the task force that owns it. */
  readonly owner: LaunchRole;
  readonly startMonth: number;
  /** The month it ends (or, for a task running late, is now expected to end). */
  readonly endMonth: number;
  /** Dollars, spread evenly over its months. */
  readonly cost: number;
  readonly status: LaunchStatus;
  /** A distributor task: the HCPCS code of the drug it makes available. */
  readonly drug?: string;
  /** A payer contract or prior-authorization task: the payer's id. */
  readonly payer?: string;
  /** Free text, e.g. the REMS program the drug needs. */
  readonly note?: string;
}

/** The plan as the model uses it. */
export interface LaunchPlanInput {
  /** The plan's length: the planning months before launch. */
  readonly months: number;
  readonly tasks: readonly LaunchTask[];
  /** The task force (shown, not computed with): each role and, optionally, the staff member's name. */
  readonly team?: readonly { readonly role: LaunchRole; readonly name?: string }[];
  /** True while the plan is the product's default template (labelled as a default where shown). */
  readonly template?: boolean;
}

/** Whether a task holds a drug back: distributor task for it, or prior-auth workflow of a payer it needs it for. */
export function holdsDrug(task: LaunchTask, hcpcs: string, priorAuthPayers: readonly string[], payerWeight: (payerId: string) => Dec): boolean {
  if (task.status === 'done') return false;
  if (task.kind === 'distributor') return task.drug !== undefined && task.drug.toUpperCase() === hcpcs.toUpperCase();
  if (task.kind === 'prior_auth' && task.payer !== undefined) {
    const id = task.payer.toUpperCase();
    return priorAuthPayers.includes(id) && payerWeight(id).gt(0);
  }
  return false;
}

/** A drug's hold: the operating months before its first new patients (0 = from launch) and the tasks (indexes) that hold it. */
export interface DrugHold {
  readonly months: number;
  readonly tasks: readonly number[];
}

export function drugHold(plan: LaunchPlanInput, hcpcs: string, priorAuthPayers: readonly string[], payerWeight: (payerId: string) => Dec): DrugHold {
  const tasks: number[] = [];
  let last = plan.months;
  plan.tasks.forEach((t, i) => {
    if (!holdsDrug(t, hcpcs, priorAuthPayers, payerWeight)) return;
    tasks.push(i);
    last = Math.max(last, t.endMonth);
  });
  return { months: last - plan.months, tasks };
}

/** Startup costs by program month 1..N (index 0 = month 1): each task's cost spread evenly over its months. */
export function launchCostByMonth(plan: LaunchPlanInput, N: number): Dec[] {
  const out = new Array<Dec>(N).fill(ZERO);
  for (const t of plan.tasks) {
    const span = t.endMonth - t.startMonth + 1;
    if (span <= 0) continue;
    const perMonth = dec(t.cost).div(span);
    for (let m = t.startMonth; m <= t.endMonth && m <= N; m++) out[m - 1] = (out[m - 1] as Dec).plus(perMonth);
  }
  return out;
}

/** The plan's total cost. */
export function launchTotalCost(plan: LaunchPlanInput): Dec {
  return plan.tasks.reduce((t, task) => t.plus(dec(task.cost)), ZERO);
}

/** Readiness: where the task force stands. */
export interface LaunchReadiness {
  readonly months: number;
  readonly tasks: number;
  readonly done: number;
  readonly inProgress: number;
  readonly notStarted: number;
  readonly late: number;
  /** The drugs held back past launch, with the operating month of their first new patients and the tasks holding them. */
  readonly heldDrugs: readonly { readonly hcpcs: string; readonly label: string; readonly firstOperatingMonth: number; readonly tasks: readonly number[] }[];
  /** Drugs waiting on a task not done that still ends by launch (not held back, but not ready yet). */
  readonly waitingDrugs: readonly { readonly hcpcs: string; readonly label: string; readonly tasks: readonly number[] }[];
}

export function launchReadiness(plan: LaunchPlanInput, drugs: readonly { readonly hcpcs: string; readonly label: string; readonly hold: DrugHold }[]): LaunchReadiness {
  const count = (s: LaunchStatus): number => plan.tasks.filter((t) => t.status === s).length;
  return {
    months: plan.months,
    tasks: plan.tasks.length,
    done: count('done'),
    inProgress: count('in_progress'),
    notStarted: count('not_started'),
    late: count('late'),
    // The tasks that hold a drug past launch: those of its tasks not done that end after the plan's length.
    heldDrugs: drugs
      .filter((d) => d.hold.months > 0)
      .map((d) => ({ hcpcs: d.hcpcs, label: d.label, firstOperatingMonth: d.hold.months + 1, tasks: d.hold.tasks.filter((i) => (plan.tasks[i]?.endMonth ?? 0) > plan.months) })),
    waitingDrugs: drugs.filter((d) => d.hold.months === 0 && d.hold.tasks.length > 0).map((d) => ({ hcpcs: d.hcpcs, label: d.label, tasks: d.hold.tasks })),
  };
}

/** New patients' ramp factor in operating month k (1-based) for a drug held `hold` months: 0 while held, then the ramp from its own start. */
export function heldRamp(k: number, hold: number, rampMonths: number): Dec {
  if (k <= hold) return ZERO;
  return rampMonths <= 0 ? ONE : Dec.min(ONE, dec(k - hold).div(rampMonths));
}

/** Readiness as it leaves the engine (report.ts): counts, and the held and waiting drugs with the names of the tasks. */
export function launchReport(plan: LaunchPlanInput, r: LaunchReadiness) {
  const names = (tasks: readonly number[]): string[] => tasks.map((i) => plan.tasks[i]?.name ?? String(i));
  return {
    months: r.months,
    tasks: r.tasks,
    done: r.done,
    inProgress: r.inProgress,
    notStarted: r.notStarted,
    late: r.late,
    heldDrugs: r.heldDrugs.map((d) => ({ hcpcs: d.hcpcs, label: d.label, firstOperatingMonth: d.firstOperatingMonth, waitingOn: names(d.tasks) })),
    waitingDrugs: r.waitingDrugs.map((d) => ({ hcpcs: d.hcpcs, label: d.label, waitingOn: names(d.tasks) })),
    costByMonth: launchCostByMonth(plan, Math.max(plan.months, ...plan.tasks.map((t) => t.endMonth))).map((c) => c.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber()),
  };
}
export type LaunchReport = ReturnType<typeof launchReport>;

/**
 * Issue 14: the Launch plan sheet's layout, written once: where its blocks start (the row arithmetic from the
 * number of task-force members and tasks), the words that mark them, and which cells are inputs. The board's
 * writer (launch.ts) lays the sheet out from these; the add-in reads the plan back from the sheet
 * (src/taskpane/model/board-sheets.ts) through the same description, as inputs-layout.ts does for Inputs.
 */
import { LAUNCH_STATUS_NAMES, type LaunchTask } from '../../engine/launch';

export const LAUNCH_SHEET = 'Launch plan';

/** The start of the title (cell A1): the add-in recognises the product's Launch plan sheet by it. */
export const LAUNCH_TITLE_START = 'Launch plan: ';
/** The start of the subtitle (row 2) while the plan is the product's default template. */
export const LAUNCH_TEMPLATE_SUBTITLE = 'Default plan template (an assumption): replace it with the task force\'s own dates, costs and statuses.';

/** Columns of the task table; the month grid starts at `grid0`, and each task's note follows the grid. */
export const LP = { num: 0, name: 1, kind: 2, owner: 3, unblocks: 4, start: 5, end: 6, cost: 7, status: 8, perMonth: 9, pastLaunch: 10, grid0: 11 } as const;
/** Columns of the readiness-by-drug table. */
export const LPD = { hcpcs: 0, product: 1, readiness: 2, held: 3, waitsOn: 4, first: 5 } as const;

/** The task force's table starts at column B: role, then the staff member's name (an input). */
export const LAUNCH_TEAM_HEADERS = ['Role', 'Name'] as const;
export const LAUNCH_TEAM_COL = { role: 1, name: 2 } as const;
export const LAUNCH_TASK_HEADERS = ['#', 'Task', 'Kind', 'Owner', 'Unblocks', 'Start month', 'End month', 'Cost $', 'Status', 'Cost a month', 'Months past launch'] as const;
export const LAUNCH_NOTE_HEADER = 'Note';
export const LAUNCH_DRUG_HEADERS = ['HCPCS', 'Product', 'Readiness', 'Months held past launch', 'Waits on tasks', 'First operating month'] as const;

/** The rows of the sheet's blocks for a plan with `team` members and `tasks` tasks. */
export interface LaunchRows {
  readonly teamHeader: number;
  readonly taskHeader: number;
  /** Rows of tasks 0..K-1: taskHeader + 1 + i. */
  readonly costRow: number;
  readonly countsRow: number;
  readonly drugHeader: number;
}

export function launchRows(team: number, tasks: number): LaunchRows {
  const T = Math.max(1, team);
  const teamHeader = 6;
  const taskHeader = teamHeader + T + 4;
  const costRow = taskHeader + tasks + 1;
  const countsRow = costRow + 4;
  const drugHeader = countsRow + 5 + 3;
  return { teamHeader, taskHeader, costRow, countsRow, drugHeader };
}

/** One input cell of the Launch plan sheet and the value the writer puts there. */
export interface LaunchInputCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number;
}

/**
 * Every input cell of the Launch plan sheet for a plan, with its value: the cells the writer lays out as inputs
 * (the members' names; each task's start, end, cost and status), and the cells the add-in writes when the pane
 * changes the plan (the same list: they cannot drift).
 */
export function launchInputCells(plan: { readonly team?: readonly { readonly name?: string }[]; readonly tasks: readonly LaunchTask[] }): LaunchInputCell[] {
  const team = plan.team ?? [];
  const rows = launchRows(team.length, plan.tasks.length);
  const out: LaunchInputCell[] = team.map((m, i) => ({ row: rows.teamHeader + 1 + i, col: LAUNCH_TEAM_COL.name, value: m.name ?? '' }));
  plan.tasks.forEach((t, i) => {
    const row = rows.taskHeader + 1 + i;
    out.push({ row, col: LP.start, value: t.startMonth }, { row, col: LP.end, value: t.endMonth }, { row, col: LP.cost, value: t.cost }, { row, col: LP.status, value: LAUNCH_STATUS_NAMES[t.status] });
  });
  return out;
}

/**
 * Launch plan (issue 14): the task force's plan as a Gantt-like month grid, restating src/engine/launch.ts in
 * native formulas over the task table, whose start, end, cost and status cells are inputs a board member or
 * the task force changes:
 * - a grid cell is the status's initial (N, I, D, L) when the month lies within the task's start and end, blank
 *   otherwise; conditional formatting colours it by status (done green, late red, otherwise blue);
 * - a task's cost a month = cost / (end - start + 1); startup costs of program month m = the sum of the costs a
 *   month of the tasks running in m (the Projection reads the same sum);
 * - a drug's months held past launch = MAX(0, end - planning months) over the tasks it waits on that are not
 *   done (its distributor task; the prior-authorization workflow of each payer requiring it that pays for some
 *   of its patients); the Cohorts sheet starts the drug's referrals, and its ramp, after them.
 * Which tasks a drug waits on is fixed when the workbook is built (the drug and payer each task names); the
 * statuses, months and costs are live. Where each block and input cell is: launch-layout.ts, shared with the
 * add-in's reader of the sheet.
 */
import { Dec, ZERO, dec } from '../../engine/decimal';
import { LAUNCH_ROLE_NAMES, LAUNCH_STATUS_NAMES, LAUNCH_TASK_KIND_NAMES, type LaunchPlanInput, type LaunchTask, holdsDrug, launchCostByMonth } from '../../engine/launch';
import { cellAddress, columnLetters, rangeAddress } from '../plan';
import { type Cached, SheetBuilder } from '../sheet-builder';
import type { BoardContext } from './context';
import { type PrintText, printSetup } from './print';
import { LAUNCH_DRUG_HEADERS, LAUNCH_NOTE_HEADER, LAUNCH_SHEET, LAUNCH_TASK_HEADERS, LAUNCH_TEAM_COL, LAUNCH_TEAM_HEADERS, LAUNCH_TEMPLATE_SUBTITLE, LAUNCH_TITLE_START, LP, LPD, type LaunchRows, launchRows } from './launch-layout';

export { LAUNCH_SHEET, LP, LPD };

export interface LaunchLayout extends LaunchRows {
  readonly plan: LaunchPlanInput;
  /** Months in the grid. */
  readonly G: number;
}

/** The layout of the Launch plan sheet, or null when the scenario has no plan. */
export function launchLayout(ctx: BoardContext): LaunchLayout | null {
  const plan = ctx.src.input.launchPlan;
  if (!plan) return null;
  const G = Math.min(ctx.N, Math.max(plan.months, ...plan.tasks.map((t) => t.endMonth)) + 2);
  return { plan, ...launchRows(plan.team?.length ?? 0, plan.tasks.length), G };
}

const taskRow = (L: LaunchLayout, i: number): number => L.taskHeader + 1 + i;

/** A column of the task table over all tasks, absolute, from another sheet. */
function taskColumn(ctx: BoardContext, L: LaunchLayout, col: number): string {
  return ctx.rangeRef(LAUNCH_SHEET, taskRow(L, 0), col, taskRow(L, L.plan.tasks.length - 1), col);
}

/** Startup costs of the program month in `monthCell` (a cell on another sheet): the tasks running then, at their cost a month. */
export function launchStartupFormula(ctx: BoardContext, L: LaunchLayout, monthCell: string): string | null {
  if (L.plan.tasks.length === 0) return null;
  return `SUMPRODUCT((${taskColumn(ctx, L, LP.start)}<=${monthCell})*(${taskColumn(ctx, L, LP.end)}>=${monthCell})*${taskColumn(ctx, L, LP.perMonth)})`;
}

/** The cell holding the months the drug at display position `pos` is held past launch. */
export function launchHoldCell(ctx: BoardContext, L: LaunchLayout, pos: number): string {
  return ctx.ref(LAUNCH_SHEET, L.drugHeader + 1 + pos, LPD.held);
}

/** The tasks (indexes) the drug at results index `i` waits on, whatever their status. */
function waitsOn(ctx: BoardContext, plan: LaunchPlanInput, i: number): number[] {
  const d = ctx.src.results.drugs[i];
  if (!d) return [];
  const weight = (id: string): Dec => d.weights[ctx.src.results.payers.findIndex((p) => p.id === id)] ?? ZERO;
  return plan.tasks.flatMap((t, ti) => (holdsDrug({ ...t, status: 'not_started' }, d.input.hcpcs, d.input.priorAuthPayers, weight) ? [ti] : []));
}

function unblocks(ctx: BoardContext, t: LaunchTask): string {
  if (t.drug !== undefined) return ctx.src.input.drugs.find((d) => d.hcpcs === t.drug)?.label ?? t.drug;
  if (t.payer !== undefined) return ctx.payerNames([t.payer]);
  return '';
}

export function writeLaunchPlan(ctx: BoardContext, L: LaunchLayout, text: PrintText): SheetBuilder {
  const { plan, G } = L;
  const P = plan.months;
  const K = plan.tasks.length;
  const s = new SheetBuilder(LAUNCH_SHEET, 'board', printSetup(text, { fitToHeight: false }));
  s.tabColor = '#548235';
  s.value(0, 0, `${LAUNCH_TITLE_START}${P} months of planning, then launch`, 'title');
  s.value(1, 0, plan.template ? LAUNCH_TEMPLATE_SUBTITLE : 'The task force\'s plan (scenario input).', plan.template ? 'warning' : 'subtitle');
  s.value(2, 0, 'Blue cells are inputs: change a start or end month, a cost or a status (Not started, In progress, Done, Late) and the Projection and Summary follow. A task\'s cost is spread evenly over its months; a drug waits for its distributor task and the prior-authorization workflows of the payers requiring it, while they are not done.', 'note');
  s.value(3, 0, 'Grid: the status\'s initial in each month the task runs; green done, red late, blue otherwise. Months after the planning months are operating months.', 'note');

  // Task force -----------------------------------------------------------------------------------------------
  s.value(L.teamHeader - 1, 0, 'Task force', 'section');
  s.values(L.teamHeader, LAUNCH_TEAM_COL.role, [...LAUNCH_TEAM_HEADERS], 'header');
  const team = plan.team ?? [];
  team.forEach((m, i) => {
    s.value(L.teamHeader + 1 + i, LAUNCH_TEAM_COL.role, LAUNCH_ROLE_NAMES[m.role], 'text');
    s.value(L.teamHeader + 1 + i, LAUNCH_TEAM_COL.name, m.name ?? '', 'input');
  });

  // Tasks and the month grid ----------------------------------------------------------------------------------
  const TH = L.taskHeader;
  s.value(TH - 1, 0, 'Tasks, by month', 'section');
  if (P < G) s.value(TH - 1, LP.grid0 + P, 'launch', 'layout');
  s.values(TH, 0, [...LAUNCH_TASK_HEADERS], 'header');
  for (let m = 1; m <= G; m++) s.value(TH, LP.grid0 + m - 1, m, 'header', 'int');
  const noteCol = LP.grid0 + G;
  s.value(TH, noteCol, LAUNCH_NOTE_HEADER, 'header');
  const pm = ctx.name('PlanningMonths');
  plan.tasks.forEach((t, i) => {
    const r = taskRow(L, i);
    const C = (c: number): string => cellAddress(r, c, false).replace(/^([A-Z]+)/, '$$$1');
    s.value(r, LP.num, i + 1, 'center', 'int');
    s.value(r, LP.name, t.name, 'text');
    s.value(r, LP.kind, LAUNCH_TASK_KIND_NAMES[t.kind], 'text');
    s.value(r, LP.owner, LAUNCH_ROLE_NAMES[t.owner], 'text');
    s.value(r, LP.unblocks, unblocks(ctx, t), 'text');
    s.value(r, LP.start, t.startMonth, 'input', 'int');
    s.value(r, LP.end, t.endMonth, 'input', 'int');
    s.value(r, LP.cost, t.cost, 'input', 'money0');
    s.value(r, LP.status, LAUNCH_STATUS_NAMES[t.status], 'input');
    const span = t.endMonth - t.startMonth + 1;
    s.formula(r, LP.perMonth, `IF(${C(LP.end)}-${C(LP.start)}+1>0,${C(LP.cost)}/(${C(LP.end)}-${C(LP.start)}+1),0)`, span > 0 ? dec(t.cost).div(span) : ZERO, 'formula', 'money0');
    s.formula(r, LP.pastLaunch, `IF(${C(LP.status)}="Done",0,MAX(0,${C(LP.end)}-${pm}))`, t.status === 'done' ? 0 : Math.max(0, t.endMonth - P), 'formula', 'int');
    s.value(r, noteCol, t.note ?? '', 'note');
    for (let m = 1; m <= G; m++) {
      const c = LP.grid0 + m - 1;
      const head = `${columnLetters(c)}$${TH + 1}`;
      const on = m >= t.startMonth && m <= t.endMonth;
      s.formula(r, c, `IF(AND(${head}>=${C(LP.start)},${head}<=${C(LP.end)}),LEFT(${C(LP.status)},1),"")`, on ? LAUNCH_STATUS_NAMES[t.status].slice(0, 1) : '', 'center');
    }
  });
  if (K > 0) {
    const grid = rangeAddress(taskRow(L, 0), LP.grid0, taskRow(L, K - 1), LP.grid0 + G - 1);
    const tl = cellAddress(taskRow(L, 0), LP.grid0);
    const st = `$${columnLetters(LP.status)}${taskRow(L, 0) + 1}`;
    s.conditionalFormats.push({ range: grid, rule: { kind: 'expression', formula: `AND(${tl}<>"",${st}="Done")` }, look: 'good' });
    s.conditionalFormats.push({ range: grid, rule: { kind: 'expression', formula: `AND(${tl}<>"",${st}="Late")` }, look: 'bad' });
    s.conditionalFormats.push({ range: grid, rule: { kind: 'expression', formula: `AND(${tl}<>"",${st}<>"Done",${st}<>"Late")` }, look: 'plan' });
    const statuses = rangeAddress(taskRow(L, 0), LP.status, taskRow(L, K - 1), LP.status);
    s.conditionalFormats.push({ range: statuses, rule: { kind: 'textEquals', text: 'Late' }, look: 'bad' });
  }

  // Startup costs by month.
  const costs = launchCostByMonth(plan, G);
  s.value(L.costRow, LP.name, 'Startup costs by month', 'kpiLabel');
  const col = (c: number): string => rangeAddress(taskRow(L, 0), c, taskRow(L, Math.max(0, K - 1)), c, true);
  if (K > 0) s.formula(L.costRow, LP.cost, `SUM(${col(LP.cost)})`, plan.tasks.reduce((t, x) => t.plus(dec(x.cost)), ZERO), 'total', 'money0');
  for (let m = 1; m <= G; m++) {
    const c = LP.grid0 + m - 1;
    const head = `${columnLetters(c)}$${TH + 1}`;
    if (K > 0) s.formula(L.costRow, c, `SUMPRODUCT((${col(LP.start)}<=${head})*(${col(LP.end)}>=${head})*${col(LP.perMonth)})`, costs[m - 1] ?? ZERO, 'total', 'money0');
    else s.value(L.costRow, c, 0, 'total', 'money0');
  }

  // Readiness -------------------------------------------------------------------------------------------------
  const R = L.countsRow;
  s.value(R - 1, 0, 'Readiness', 'section');
  const statusCol = col(LP.status);
  const count = (st: string): string => (K > 0 ? `COUNTIF(${statusCol},"${st}")` : '0');
  const n = (st: LaunchTask['status']): number => plan.tasks.filter((t) => t.status === st).length;
  const counts: [string, string, Cached][] = [
    ['Tasks', K > 0 ? `COUNTA(${col(LP.name)})` : '0', K],
    ['Done', count('Done'), n('done')],
    ['In progress', count('In progress'), n('in_progress')],
    ['Not started', count('Not started'), n('not_started')],
    ['Late', count('Late'), n('late')],
  ];
  counts.forEach(([label, f, v], i) => {
    s.value(R + i, 0, label, 'label');
    s.formula(R + i, 2, f, v, 'formulaBold', 'int');
  });

  const DH = L.drugHeader;
  s.value(DH - 1, 0, 'Drugs and the tasks they wait on', 'section');
  s.values(DH, 0, [...LAUNCH_DRUG_HEADERS], 'header');
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const d = ctx.src.results.drugs[i];
    if (!d) continue;
    const r = DH + 1 + pos;
    const tasks = waitsOn(ctx, plan, i);
    s.value(r, LPD.hcpcs, d.input.hcpcs, 'text');
    s.value(r, LPD.product, d.input.label, 'text');
    s.value(r, LPD.waitsOn, tasks.map((t) => `#${t + 1}`).join(', '), 'text');
    const held = cellAddress(r, LPD.held);
    const first = cellAddress(r, LPD.first);
    const terms = tasks.map((t) => `IF(${cellAddress(taskRow(L, t), LP.status, true)}<>"Done",${cellAddress(taskRow(L, t), LP.end, true)},0)-${pm}`);
    if (terms.length > 0) s.formula(r, LPD.held, `MAX(0,${terms.join(',')})`, d.hold.months, 'formulaBold', 'int');
    else s.value(r, LPD.held, 0, 'text', 'int');
    s.formula(r, LPD.first, `1+${held}`, d.hold.months + 1, 'formula', 'int');
    const waiting = tasks.map((t) => `${cellAddress(taskRow(L, t), LP.status, true)}<>"Done"`);
    const readyNow = d.hold.months > 0 ? `held back to operating month ${d.hold.months + 1}` : d.hold.tasks.length > 0 ? 'waiting on tasks that end by launch' : 'ready';
    if (terms.length > 0) s.formula(r, LPD.readiness, `IF(${held}>0,"held back to operating month "&${first},IF(OR(${waiting.join(',')}),"waiting on tasks that end by launch","ready"))`, readyNow, 'formula');
    else s.value(r, LPD.readiness, 'ready', 'text');
  }
  if (ctx.D > 0) s.conditionalFormats.push({ range: rangeAddress(DH + 1, LPD.held, DH + ctx.D, LPD.held), rule: { kind: 'expression', formula: `${cellAddress(DH + 1, LPD.held)}>0` }, look: 'bad' });

  s.widths(0, [6, 44, 30, 14, 26, 8, 8, 11, 12, 11, 9]);
  for (let m = 1; m <= G; m++) s.width(LP.grid0 + m - 1, 7.5);
  s.width(noteCol, 60);
  s.freeze = { rows: TH + 1, columns: 2 };
  return s;
}

/**
 * The Summary's readiness lines (issue 14): tasks done, late, and the drugs held back past launch, live over the
 * Launch plan sheet. The note of the last names the drugs.
 */
export function launchKpis(ctx: BoardContext): { label: string; formula: string; value: Cached; format: 'int'; note: string; noteFormula?: { formula: string; value: string } }[] {
  const L = launchLayout(ctx);
  if (!L) return [];
  const K = L.plan.tasks.length;
  const statusCol = ctx.rangeRef(LAUNCH_SHEET, L.taskHeader + 1, LP.status, L.taskHeader + Math.max(1, K), LP.status);
  const heldCol = ctx.rangeRef(LAUNCH_SHEET, L.drugHeader + 1, LPD.held, L.drugHeader + ctx.D, LPD.held);
  const held = ctx.order.map((i) => ctx.src.results.drugs[i]).filter((d) => d !== undefined && d.hold.months > 0);
  const names = ctx.order.map((_, pos) => {
    const r = L.drugHeader + 1 + pos;
    return `IF(${ctx.ref(LAUNCH_SHEET, r, LPD.held)}>0,${ctx.ref(LAUNCH_SHEET, r, LPD.product)}&" to operating month "&${ctx.ref(LAUNCH_SHEET, r, LPD.first)}&"; ","")`;
  });
  const heldText = held.map((d) => `${d?.input.label} to operating month ${(d?.hold.months ?? 0) + 1}; `).join('');
  // Excel takes formulas up to 8,192 characters: a long formulary names its drugs on the Launch plan sheet only.
  const namesFormula = names.join('&');
  const listed = namesFormula.length < 7000;
  const r = ctx.src.results.launch;
  return [
    { label: 'Launch plan: tasks done', formula: K > 0 ? `COUNTIF(${statusCol},"Done")` : '0', value: r?.done ?? 0, format: 'int', note: `of ${K} tasks in the ${L.plan.months}-month plan (Launch plan sheet)` },
    { label: 'Launch plan: tasks late', formula: K > 0 ? `COUNTIF(${statusCol},"Late")` : '0', value: r?.late ?? 0, format: 'int', note: 'marked late by the task force' },
    {
      label: 'Drugs held back past launch',
      formula: `COUNTIF(${heldCol},">0")`,
      value: held.length,
      format: 'int',
      note: 'see the Launch plan sheet, Drugs and the tasks they wait on',
      ...(listed ? { noteFormula: { formula: `IF(COUNTIF(${heldCol},">0")=0,"none: every drug can start at launch",${namesFormula})`, value: held.length === 0 ? 'none: every drug can start at launch' : heldText } } : {}),
    },
  ];
}

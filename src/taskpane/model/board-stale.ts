/**
 * Issue 14: when the board's Market or Launch plan sheet no longer matches the pane's scenario. The pane writes
 * only the input cells of those sheets (excel/market-plan-store.ts); a change of their structure (a demand claim
 * added or removed, a task or a member of the task force added or removed, the market or plan removed) needs the
 * board built again, and until then the sheet is left as it is (never overwritten). This says so, naming the sheet
 * and what differs, so the board in front of the reader does not silently disagree with the pane. Pure.
 */
import { LAUNCH_ROLE_NAMES, type LaunchRole, type LaunchTask } from '../../engine/launch';
import type { Scenario } from '../../scenario/types';

/** What the product's Market sheet shows: its claiming drugs (HCPCS, upper case); null when it could not be read. */
export interface MarketShape {
  readonly drugs: readonly string[] | null;
}

/** What the product's Launch plan sheet shows: its task force's roles and its tasks; null when it could not be read. */
export interface LaunchShape {
  readonly team: readonly LaunchRole[];
  readonly tasks: readonly Pick<LaunchTask, 'name' | 'kind' | 'owner'>[];
}

/** The board's Market and Launch plan sheets as last read or built; null where the workbook has no product sheet of that name. */
export interface BoardSheetShapes {
  readonly market: MarketShape | null;
  readonly launch: LaunchShape | { readonly unread: true } | null;
  /**
   * Whether the workbook holds a built board (sheets besides Inputs: the add-in's build or a command-line board).
   * Then a Market or Launch plan sheet it lacks while the pane's scenario has a market or plan is named too.
   */
  readonly built?: boolean;
}

export const NO_BOARD_SHEETS: BoardSheetShapes = { market: null, launch: null };

export interface BoardSheetMismatch {
  /** The sheet, as the workbook names it. */
  readonly sheet: 'Market' | 'Launch plan';
  /** The pane's view where the sheet's part is edited. */
  readonly view: 'demand' | 'launch';
  /** What differs and what to do, in one paragraph. */
  readonly text: string;
}

const REBUILD = 'Build the board again to bring the sheet in line (the sheet is not changed until you do).';
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** "a, b and c". */
const list = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`);

/** The items of `a` not in `b`, counting repeats (a multiset difference), in `a`'s order. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

function marketMismatch(shape: MarketShape, s: Scenario, label: (hcpcs: string) => string): string | null {
  const shown = shape.drugs;
  const claims = s.drugs.filter((d) => d.demand !== undefined).map((d) => d.hcpcs.toUpperCase());
  if (s.market === undefined) {
    return `The Market sheet still shows a market${shown === null ? '' : ` with demand claims for ${plural(shown.length, 'drug')}`}; the pane's scenario has no market (it was removed in the pane). ${REBUILD}`;
  }
  if (shown === null) return null;
  const added = minus(claims, shown);
  const dropped = minus(shown, claims);
  if (added.length === 0 && dropped.length === 0) return null;
  const what = [added.length > 0 ? `claimed in the pane, not on the sheet: ${list(added.map(label))}` : null, dropped.length > 0 ? `on the sheet, no longer claimed in the pane: ${list(dropped.map(label))}` : null].filter((x) => x !== null);
  return `The Market sheet shows demand claims for ${plural(shown.length, 'drug')}; the pane's market has ${plural(claims.length, 'claim')} (${what.join('; ')}). ${REBUILD}`;
}

function launchMismatch(shape: LaunchShape | { readonly unread: true }, s: Scenario): string | null {
  const plan = s.launchPlan;
  if (plan === undefined) {
    return `The Launch plan sheet still shows a launch plan${'tasks' in shape ? ` of ${plural(shape.tasks.length, 'task')}` : ''}; the pane's scenario has none (it was removed in the pane). ${REBUILD}`;
  }
  if (!('tasks' in shape)) return null;
  const parts: string[] = [];
  const sheetTeam = shape.team.map((r) => LAUNCH_ROLE_NAMES[r]);
  const paneTeam = plan.team.map((m) => LAUNCH_ROLE_NAMES[m.role]);
  if (sheetTeam.join('\n') !== paneTeam.join('\n')) {
    const added = minus(paneTeam, sheetTeam);
    const dropped = minus(sheetTeam, paneTeam);
    const detail = [added.length > 0 ? `added in the pane: ${list(added)}` : null, dropped.length > 0 ? `removed in the pane: ${list(dropped)}` : null].filter((x) => x !== null);
    parts.push(detail.length > 0 ? `a task force of ${plural(sheetTeam.length, 'role')}; the pane's plan has ${paneTeam.length} (${detail.join('; ')})` : `the task force's ${plural(sheetTeam.length, 'role')} in another order than the pane's plan`);
  }
  const key = (t: Pick<LaunchTask, 'name' | 'kind' | 'owner'>): string => `${t.name}\n${t.kind}\n${t.owner}`;
  const sheetTasks = shape.tasks.map(key);
  const paneTasks = plan.tasks.map(key);
  if (sheetTasks.join('\n\n') !== paneTasks.join('\n\n')) {
    const name = (k: string): string => `"${k.split('\n')[0] ?? ''}"`;
    const added = minus(paneTasks, sheetTasks).map(name);
    const dropped = minus(sheetTasks, paneTasks).map(name);
    // A task in both under one name: its kind or owner changed.
    const changed = added.filter((n) => dropped.includes(n));
    const only = (xs: readonly string[]): string[] => minus(xs, changed);
    const detail = [
      only(added).length > 0 ? `added: ${list(only(added))}` : null,
      only(dropped).length > 0 ? `removed: ${list(only(dropped))}` : null,
      changed.length > 0 ? `another kind or owner: ${list(changed)}` : null,
    ].filter((x) => x !== null);
    parts.push(detail.length > 0 ? `${plural(sheetTasks.length, 'task')}; the pane's plan has ${paneTasks.length} (${detail.join('; ')})` : `the pane's ${plural(sheetTasks.length, 'task')} in another order`);
  }
  if (parts.length === 0) return null;
  return `The Launch plan sheet shows ${parts.join(', and ')}. ${REBUILD}`;
}

/** A built board without a Market sheet, while the pane's scenario has a market (given after the board was built). */
function marketMissing(s: Scenario): string | null {
  if (s.market === undefined) return null;
  const claims = s.drugs.filter((d) => d.demand !== undefined).length;
  return `The board has no Market sheet; the pane's scenario has a market${claims > 0 ? ` with demand claims for ${plural(claims, 'drug')}` : ''} (given after the board was built), so the board's Cohorts and Projection do not use it. Build the board again to add the sheet.`;
}

/** A built board without a Launch plan sheet, while the pane's scenario has a plan (given after the board was built). */
function launchMissing(s: Scenario): string | null {
  const plan = s.launchPlan;
  if (plan === undefined) return null;
  return `The board has no Launch plan sheet; the pane's scenario has a launch plan of ${plural(plan.tasks.length, 'task')} (given after the board was built), so the board's planning months, startup costs and first months do not follow it. Build the board again to add the sheet.`;
}

/**
 * Where the board's Market and Launch plan sheets (`shapes`, as last read or built) differ in structure from the
 * pane's scenario; empty when they match, or when the workbook has no such sheet and no built board. `label` names a drug by its HCPCS code.
 */
export function boardSheetMismatches(shapes: BoardSheetShapes, s: Scenario, label: (hcpcs: string) => string = (h) => h): BoardSheetMismatch[] {
  const out: BoardSheetMismatch[] = [];
  const built = shapes.built === true;
  const market = shapes.market === null ? (built ? marketMissing(s) : null) : marketMismatch(shapes.market, s, label);
  if (market !== null) out.push({ sheet: 'Market', view: 'demand', text: market });
  const launch = shapes.launch === null ? (built ? launchMissing(s) : null) : launchMismatch(shapes.launch, s);
  if (launch !== null) out.push({ sheet: 'Launch plan', view: 'launch', text: launch });
  return out;
}

/** What a board built from `s` shows on its Market and Launch plan sheets. */
export function shapesOf(s: Scenario): BoardSheetShapes {
  return {
    market: s.market === undefined ? null : { drugs: s.drugs.filter((d) => d.demand !== undefined).map((d) => d.hcpcs.toUpperCase()) },
    launch: s.launchPlan === undefined ? null : { team: s.launchPlan.team.map((m) => m.role), tasks: s.launchPlan.tasks.map(({ name, kind, owner }) => ({ name, kind, owner })) },
  };
}

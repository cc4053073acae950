/**
 * Issue 14: the notice that the board's Market or Launch plan sheet no longer matches the pane's scenario
 * (src/taskpane/model/board-stale.ts): what each sheet shows, set by hand, against the pane's scenario; then the
 * same through the store decorator (excel/market-plan-store.ts), which records what the sheets show on each read
 * and each build.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import type { LaunchTask } from '../../src/engine/launch';
import type { ScenarioLaunchPlan } from '../../src/scenario/launch-plan';
import type { Scenario } from '../../src/scenario/types';
import { withMarketAndPlan } from '../../src/taskpane/excel/market-plan-store';
import { type BoardSheetShapes, NO_BOARD_SHEETS, boardSheetMismatches, shapesOf } from '../../src/taskpane/model/board-stale';
import type { BoardSheetGrids, ScenarioStore, WorkbookScenario, WriteResult } from '../../src/taskpane/services';
import { boardSheet, plannedScenario } from '../support/planned-scenario';

const REBUILD = 'Build the board again to bring the sheet in line (the sheet is not changed until you do).';
const planned = plannedScenario();
const plan = planned.launchPlan as ScenarioLaunchPlan;

const task = (name: string, kind: LaunchTask['kind'], owner: LaunchTask['owner']): LaunchTask => ({ name, kind, owner, startMonth: 1, endMonth: 2, cost: 0, status: 'not_started' });
const withPlan = (team: ScenarioLaunchPlan['team'], tasks: readonly LaunchTask[]): Scenario => ({ ...planned, launchPlan: { months: 6, team: [...team], tasks: [...tasks] } });
/** The planned scenario's drugs with claims on exactly `codes` (IBD, half). */
const withClaims = (codes: readonly string[]): Scenario => ({
  ...planned,
  drugs: planned.drugs.map((d) => {
    const { demand: _d, ...rest } = d;
    void _d;
    return codes.includes(d.hcpcs) ? { ...rest, demand: { area: 'ibd' as const, share: 0.5 } } : rest;
  }),
});

describe('board sheets out of date: what differs (hand-set sheets)', () => {
  // The Market sheet shows claims for two drugs; the Launch plan sheet a task force of two and two tasks.
  const shown: BoardSheetShapes = {
    market: { drugs: ['Q5121', 'J2350'] },
    launch: { team: ['finance', 'pharmacy'], tasks: [{ name: 'Budget', kind: 'other', owner: 'finance' }, { name: 'Remicade distributor', kind: 'distributor', owner: 'pharmacy' }] },
  };
  const team: ScenarioLaunchPlan['team'] = [{ role: 'finance' }, { role: 'pharmacy', name: 'Sam Ortiz' }];
  const same = withPlan(team, [task('Budget', 'other', 'finance'), task('Remicade distributor', 'distributor', 'pharmacy')]);

  it('says nothing when the structures match (claims in another order, other statuses, months and staff names) or there are no such sheets', () => {
    expect(boardSheetMismatches(shown, { ...withClaims(['J2350', 'Q5121']), launchPlan: same.launchPlan })).toEqual([]);
    expect(boardSheetMismatches(NO_BOARD_SHEETS, withClaims(['J1745']))).toEqual([]);
  });

  it('names a claim added and one removed in the pane, by the label given', () => {
    const s = { ...withClaims(['Q5121', 'J1745']), launchPlan: same.launchPlan };
    // Sheet {Q5121, J2350}; pane {Q5121, J1745}: J1745 added, J2350 dropped; 2 on the sheet, 2 in the pane.
    expect(boardSheetMismatches(shown, s, (h) => `drug ${h}`)).toEqual([
      {
        sheet: 'Market',
        view: 'demand',
        text: `The Market sheet shows demand claims for 2 drugs; the pane's market has 2 claims (claimed in the pane, not on the sheet: drug J1745; on the sheet, no longer claimed in the pane: drug J2350). ${REBUILD}`,
      },
    ]);
  });

  it('says a market or plan removed in the pane is still on its sheet', () => {
    const { market: _m, launchPlan: _p, ...none } = planned;
    void _m;
    void _p;
    expect(boardSheetMismatches(shown, none).map((m) => m.text)).toEqual([
      `The Market sheet still shows a market with demand claims for 2 drugs; the pane's scenario has no market (it was removed in the pane). ${REBUILD}`,
      `The Launch plan sheet still shows a launch plan of 2 tasks; the pane's scenario has none (it was removed in the pane). ${REBUILD}`,
    ]);
    // A sheet the store could not read (a bad value typed there) still shows one.
    expect(boardSheetMismatches({ market: { drugs: null }, launch: { unread: true } }, none).map((m) => m.sheet)).toEqual(['Market', 'Launch plan']);
    // ... but what differs from a plan the pane has cannot be said: nothing.
    expect(boardSheetMismatches({ market: { drugs: null }, launch: { unread: true } }, { ...withClaims(['Q5121']), launchPlan: same.launchPlan })).toEqual([]);
  });

  it('counts the tasks: 2 on the sheet, 3 in the pane\'s plan', () => {
    const s = { ...withClaims(['Q5121', 'J2350']), launchPlan: withPlan(team, [task('Budget', 'other', 'finance'), task('Remicade distributor', 'distributor', 'pharmacy'), task('Chairs', 'space', 'nursing')]).launchPlan };
    expect(boardSheetMismatches(shown, s)).toEqual([{ sheet: 'Launch plan', view: 'launch', text: `The Launch plan sheet shows 2 tasks; the pane's plan has 3 (added: "Chairs"). ${REBUILD}` }]);
  });

  it('names a task force member added and a task whose owner changed (removed and added under the same name)', () => {
    const s = withPlan([...team, { role: 'nursing' }], [task('Budget', 'other', 'finance'), task('Remicade distributor', 'distributor', 'finance')]);
    expect(boardSheetMismatches({ market: null, launch: shown.launch }, s).map((m) => m.text)).toEqual([
      `The Launch plan sheet shows a task force of 2 roles; the pane's plan has 3 (added in the pane: Nursing), and 2 tasks; the pane's plan has 2 (another kind or owner: "Remicade distributor"). ${REBUILD}`,
    ]);
  });

  it('says the same tasks in another order (the sheet\'s rows no longer line up with the pane\'s tasks)', () => {
    const s = withPlan(team, [task('Remicade distributor', 'distributor', 'pharmacy'), task('Budget', 'other', 'finance')]);
    expect(boardSheetMismatches({ market: null, launch: shown.launch }, s).map((m) => m.text)).toEqual([`The Launch plan sheet shows the pane's 2 tasks in another order. ${REBUILD}`]);
  });

  it('takes what a board built from a scenario shows from the scenario itself', () => {
    const s = { ...withClaims(['Q5121', 'J2350']), launchPlan: same.launchPlan };
    expect(shapesOf(s)).toEqual(shown);
    expect(boardSheetMismatches(shapesOf(s), s)).toEqual([]);
  });
});

describe('a built board without the Market or Launch plan sheet the pane\'s scenario needs', () => {
  const built: BoardSheetShapes = { market: null, launch: null, built: true };
  const claimed = withClaims(['Q5121', 'J1745']);

  it('names both sheets when the market (two claims) and a 20-task plan were given after the board was built', () => {
    expect(plan.tasks).toHaveLength(20);
    expect(boardSheetMismatches(built, claimed)).toEqual([
      {
        sheet: 'Market',
        view: 'demand',
        text: "The board has no Market sheet; the pane's scenario has a market with demand claims for 2 drugs (given after the board was built), so the board's Cohorts and Projection do not use it. Build the board again to add the sheet.",
      },
      {
        sheet: 'Launch plan',
        view: 'launch',
        text: "The board has no Launch plan sheet; the pane's scenario has a launch plan of 20 tasks (given after the board was built), so the board's planning months, startup costs and first months do not follow it. Build the board again to add the sheet.",
      },
    ]);
  });

  it('says nothing without a built board, or when the scenario has no market and no plan', () => {
    expect(boardSheetMismatches({ market: null, launch: null }, claimed)).toEqual([]);
    const { market: _m, launchPlan: _p, ...none } = planned;
    void _m;
    void _p;
    expect(boardSheetMismatches(built, none)).toEqual([]);
  });
});

describe('board sheets out of date, through the store (what the sheets show on read and after a build)', () => {
  const { market: _m, launchPlan: _p, ...rest } = planned;
  void _m;
  void _p;
  const inputs: Scenario = { ...rest, drugs: planned.drugs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'demand')) as Scenario['drugs'][number]) };
  const board: BoardSheetGrids = { market: boardSheet(planned, 'Market'), launch: boardSheet(planned, 'Launch plan') };
  const book = new ReferenceBook(referenceData);

  function store(result: WriteResult): ScenarioStore {
    const inner: ScenarioStore = {
      read: async (): Promise<WorkbookScenario> => ({ kind: 'ok', scenario: inputs, fromVersion: inputs.version, source: 'inputs', unread: [], boardSheets: board }),
      write: async () => result,
      watch: async () => async () => undefined,
      built: async () => undefined,
      equivalent: () => true,
    };
    const values: Record<string, unknown> = {};
    return withMarketAndPlan(inner, {
      book: () => book,
      settings: () => ({ get: (n) => values[n] ?? null, set: (n, v) => void (values[n] = v), remove: (n) => void delete values[n], save: async () => undefined }),
      sheets: { writeBoardCells: async () => true },
    });
  }
  const longer: Scenario = { ...planned, launchPlan: { ...plan, tasks: [...plan.tasks, task('Pharmacy hood', 'other', 'pharmacy')] } };

  it('a task added in the pane: the sheet shows the planned scenario\'s 20 tasks, the pane 21, until the board is built again', async () => {
    const s = store({ kind: 'written' });
    expect(s.boardSheetShapes?.()).toEqual(NO_BOARD_SHEETS);
    const read = await s.read();
    expect(read.kind === 'ok' && boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, read.scenario)).toEqual([]);
    await s.write(longer);
    // The default template for the sample's 10 drugs has 20 tasks (the pane test reads "of 20 tasks"); one added: 21.
    expect(plan.tasks).toHaveLength(20);
    expect(boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, longer).map((m) => m.text)).toEqual([`The Launch plan sheet shows 20 tasks; the pane's plan has 21 (added: "Pharmacy hood"). ${REBUILD}`]);
    await s.built(longer);
    expect(boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, longer)).toEqual([]);
  });

  it('a board built without a market or plan: the market and plan given in the pane are named as missing sheets until the board is built again', async () => {
    const values: Record<string, unknown> = {};
    const inner: ScenarioStore = {
      read: async (): Promise<WorkbookScenario> => ({ kind: 'ok', scenario: inputs, fromVersion: inputs.version, source: 'inputs', unread: [], boardBuilt: true }),
      write: async () => ({ kind: 'written' }),
      watch: async () => async () => undefined,
      built: async () => undefined,
      equivalent: () => true,
    };
    const s = withMarketAndPlan(inner, {
      book: () => book,
      settings: () => ({ get: (n) => values[n] ?? null, set: (n, v) => void (values[n] = v), remove: (n) => void delete values[n], save: async () => undefined }),
      sheets: { writeBoardCells: async () => true },
    });
    const read = await s.read();
    expect(read.kind === 'ok' && boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, read.scenario)).toEqual([]);
    await s.write(planned);
    expect(boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, planned).map((m) => m.sheet)).toEqual(['Market', 'Launch plan']);
    await s.built(planned);
    expect(boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, planned)).toEqual([]);
  });

  it('a write that laid the board out again (a new structure of the formulary, confirmed) brings the sheets in line', async () => {
    const s = store({ kind: 'written', board: true });
    await s.read();
    await s.write(longer);
    expect(boardSheetMismatches(s.boardSheetShapes?.() ?? NO_BOARD_SHEETS, longer)).toEqual([]);
  });
});

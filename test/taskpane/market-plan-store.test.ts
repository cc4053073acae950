/**
 * Issue 14: the one decorator of the scenario store that keeps the market, the demand claims and the launch plan
 * (src/taskpane/excel/market-plan-store.ts), without Excel: an inner store gives the scenario of the Inputs
 * sheet and the cells of the board's Market and Launch plan sheets; the settings are an in-memory port.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import * as validate from '../../src/scenario/validate';
import type { ScenarioLaunchPlan } from '../../src/scenario/launch-plan';
import type { Scenario } from '../../src/scenario/types';
import { withMarketAndPlan } from '../../src/taskpane/excel/market-plan-store';
import type { BoardSheetCell, BoardSheetGrids, ScenarioStore, SettingsPort, WorkbookScenario } from '../../src/taskpane/services';
import { boardSheet, plannedScenario, typed } from '../support/planned-scenario';

const book = new ReferenceBook(referenceData);
const planned = plannedScenario();
const plan = planned.launchPlan as ScenarioLaunchPlan;

/** The scenario the Inputs sheet holds: no market, claims or plan (the Inputs sheet shows the planning months, 6: the default). */
const inputsScenario: Scenario = (() => {
  const { market: _m, launchPlan: _p, ...rest } = planned;
  void _m;
  void _p;
  return { ...rest, drugs: planned.drugs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'demand')) as Scenario['drugs'][number]) };
})();

/** The settings as the earlier version of the pane saved them (market-settings.ts, launch-store.ts). */
function oldSettings(s: Scenario): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const d of s.drugs) if (d.demand) claims[d.hcpcs.toUpperCase()] = d.demand;
  return { 'InfusionPlanner.market': { market: s.market, claims }, 'InfusionPlanner.launchPlan': s.launchPlan };
}

function memorySettings(initial: Record<string, unknown> = {}): SettingsPort & { values: Record<string, unknown>; saves: number } {
  const values: Record<string, unknown> = JSON.parse(JSON.stringify(initial)) as Record<string, unknown>;
  const port = {
    values,
    saves: 0,
    get: (name: string) => values[name] ?? null,
    set: (name: string, value: unknown) => void (values[name] = JSON.parse(JSON.stringify(value)) as unknown),
    remove: (name: string) => void delete values[name],
    save: async () => void port.saves++,
  };
  return port;
}

function innerStore(scenario: Scenario, boardSheets?: BoardSheetGrids): ScenarioStore & { writes: Scenario[] } {
  const writes: Scenario[] = [];
  return {
    writes,
    read: async (): Promise<WorkbookScenario> => ({ kind: 'ok', scenario, fromVersion: scenario.version, source: 'inputs', unread: [], ...(boardSheets ? { boardSheets } : {}) }),
    write: async (s) => {
      writes.push(s);
      return { kind: 'written' };
    },
    watch: async () => async () => undefined,
    built: async () => undefined,
    equivalent: () => true,
  };
}

function store(settings: Record<string, unknown>, boardSheets?: BoardSheetGrids) {
  const mem = memorySettings(settings);
  const inner = innerStore(inputsScenario, boardSheets);
  const written: BoardSheetCell[][] = [];
  const undone: BoardSheetCell[][] = [];
  const s = withMarketAndPlan(inner, {
    book: () => book,
    settings: () => mem,
    sheets: {
      writeBoardCells: async (cells, undo) => {
        written.push([...cells]);
        undone.push([...undo]);
        return true;
      },
    },
  });
  return { s, mem, inner, written, undone };
}

async function okRead(s: ScenarioStore): Promise<Scenario> {
  const r = await s.read();
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r.scenario;
}

const board: BoardSheetGrids = { market: boardSheet(planned, 'Market'), launch: boardSheet(planned, 'Launch plan') };

afterEach(() => jest.restoreAllMocks());

describe('the market and launch plan kept in the document\'s settings (no board sheets)', () => {
  it('opens a document saved by the earlier version: its market, claims and plan put back (the plan sets the planning months)', async () => {
    const { s } = store(oldSettings(planned));
    expect(await okRead(s)).toEqual(planned);
  });

  it('keeps the claims that fit when a drug was removed on the Inputs sheet, and leaves a plan that no longer fits in the document', async () => {
    // Avsola (Q5121) removed from the formulary on the sheet: its claim and its distributor task no longer fit.
    const without = { ...inputsScenario, drugs: inputsScenario.drugs.filter((d) => d.hcpcs !== 'Q5121') };
    const mem = memorySettings(oldSettings(planned));
    const s = withMarketAndPlan(innerStore(without), { book: () => book, settings: () => mem });
    const read = await okRead(s);
    expect(read.market).toEqual(planned.market);
    // Ocrevus (J2350) keeps its claim: 80% of MS.
    expect(read.drugs.find((d) => d.hcpcs === 'J2350')?.demand).toEqual({ area: 'ms', share: 0.8 });
    // The plan's distributor task for Avsola names a drug no longer there: the plan is left out of the scenario...
    expect(read.launchPlan).toBeUndefined();
    // ...and left in the document, as it was.
    expect(mem.values['InfusionPlanner.launchPlan']).toEqual(plan);
    expect(mem.saves).toBe(0);
  });

  it('checks the scenario once per read (with its market and plan), also when a stored part no longer fits', async () => {
    const spy = jest.spyOn(validate, 'validateScenario');
    const { s } = store(oldSettings(planned), board);
    await okRead(s);
    expect(spy).toHaveBeenCalledTimes(1);
    const without = { ...inputsScenario, drugs: inputsScenario.drugs.filter((d) => d.hcpcs !== 'Q5121') };
    const other = withMarketAndPlan(innerStore(without), { book: () => book, settings: () => memorySettings(oldSettings(planned)) });
    spy.mockClear();
    await okRead(other);
    expect(spy).toHaveBeenCalledTimes(1);
    // Nothing to put on it (no market or plan anywhere): the inner store's scenario itself, checked by it, no check again
    // (the object the model's run is kept by, model-run.ts).
    spy.mockClear();
    expect(await okRead(store({}).s)).toBe(inputsScenario);
    expect(spy).not.toHaveBeenCalled();
  });

  it('saves the settings only when the market or the plan changes', async () => {
    const { s, mem, inner } = store({});
    await s.write(planned);
    await s.write(planned);
    expect(mem.saves).toBe(1);
    expect(mem.values['InfusionPlanner.launchPlan']).toEqual(plan);
    expect(mem.values['InfusionPlanner.market']).toEqual(oldSettings(planned)['InfusionPlanner.market']);
    // The Inputs sheet gets the scenario each time.
    expect(inner.writes).toHaveLength(2);
    // Without a market and plan (no board sheet seen): both settings go.
    await s.write(inputsScenario);
    expect(mem.saves).toBe(2);
    expect(mem.values).toEqual({});
  });

  it('leaves out a stored plan whose staff name has digits (no record numbers: no patient data)', async () => {
    const bad = { ...plan, team: plan.team.map((m, i) => (i === 0 ? { ...m, name: 'MRN 0012345' } : m)) };
    const { s } = store({ 'InfusionPlanner.launchPlan': bad });
    expect((await okRead(s)).launchPlan).toBeUndefined();
  });
});

describe('the board\'s Market and Launch plan sheets', () => {
  // The Launch plan sheet: 6 members, so task 5 (index 4) is on Excel row 22 (0-based 6 + 6 + 4 + 1 + 4 = 21); status I, end G.
  // The Market sheet: the first claiming drug's row is Excel row 30 (0-based 19 + 6 + 3 + 1 = 29); "use derived" G.
  it('reads a board built by the command line (no settings): the sheets\' market and plan', async () => {
    const { s } = store({}, board);
    expect(await okRead(s)).toEqual(planned);
  });

  it('takes a status typed on the sheet over the settings of the same plan', async () => {
    const { s } = store(oldSettings(planned), { ...board, launch: typed(board.launch as unknown[][], 'I22', 'done') });
    const read = await okRead(s);
    expect(read.launchPlan?.tasks[4]).toEqual({ ...plan.tasks[4], status: 'done' });
  });

  it('keeps the settings when the sheet shows another plan (the pane changed it after the board was built)', async () => {
    const shorter: ScenarioLaunchPlan = { ...plan, tasks: plan.tasks.slice(0, -1) };
    const { s } = store({ ...oldSettings(planned), 'InfusionPlanner.launchPlan': shorter }, { ...board, launch: typed(board.launch as unknown[][], 'I22', 'done') });
    expect((await okRead(s)).launchPlan).toEqual(shorter);
  });

  it('names the sheet and cell of a typed value the scenario\'s checks refuse', async () => {
    // Task 5 runs from month 1 to 8: an end month typed as 0 is outside the bounds (scenario bounds.ts: 1-240);
    // a start month typed as 9 is after its end (named on the end month, as the scenario's check says it).
    const zero = store({}, { ...board, launch: typed(board.launch as unknown[][], 'G22', 0) });
    expect(await zero.s.read()).toEqual({ kind: 'invalid', problems: ['Launch plan sheet, G22: must be a whole number between 1 and 240'] });
    const late = store({}, { ...board, launch: typed(board.launch as unknown[][], 'F22', '9') });
    expect(await late.s.read()).toEqual({ kind: 'invalid', problems: ['Launch plan sheet, G22: must be at least the start month (9)'] });
    // A staff name with digits typed on the sheet (the first member, Finance, on row 8: 6 + 1 = 7, 0-based; column C).
    const named = store({}, { ...board, launch: typed(board.launch as unknown[][], 'C8', 'Pat 1970') });
    expect(await named.s.read()).toEqual({ kind: 'invalid', problems: ['Launch plan sheet, C8: must be a staff member\'s name without digits (no record numbers or dates: the plan holds no patient data)'] });
  });

  it('names the Market sheet\'s cell of a share the scenario\'s checks refuse, and writes a population changed in the pane', async () => {
    // The first claiming drug's share (D30: row 29, 0-based, column D) typed as 150%: a share is at most 1.
    const bad = store({}, { ...board, market: typed(board.market as unknown[][], 'D30', '150%') });
    // 150% = 1.5; a share is a fraction (validate.ts `fraction`: between 0 and 1).
    expect(await bad.s.read()).toEqual({ kind: 'invalid', problems: ['Market sheet, D30: must be between 0 and 1'] });
    // Adults 18-49 (B6: row 5, column B) changed in the pane from 60,000 to 65,000.
    const { s, written } = store({}, board);
    const read = await okRead(s);
    await s.write({ ...read, market: { ...(read.market as NonNullable<Scenario['market']>), adults18to49: 65_000 } });
    expect(written).toEqual([[{ sheet: 'market', row: 5, col: 1, value: 65_000 }]]);
  });

  it('writes a status changed in the pane to its cell on the sheet, and "use derived" to the Market sheet', async () => {
    const { s, written, undone, mem } = store({}, board);
    const read = await okRead(s);
    const done: Scenario = { ...read, launchPlan: { ...plan, tasks: plan.tasks.map((t, i) => (i === 4 ? { ...t, status: 'done' as const } : t)) } };
    await s.write(done);
    expect(written).toEqual([[{ sheet: 'launch', row: 21, col: 8, value: 'Done' }]]);
    expect(undone).toEqual([[{ sheet: 'launch', row: 21, col: 8, value: 'Late' }]]);
    // The settings follow.
    expect(mem.values['InfusionPlanner.launchPlan']).toEqual(done.launchPlan);
    // Written once: the same scenario again writes nothing.
    await s.write(done);
    expect(written).toHaveLength(1);
    // The first claiming drug keeps its own figure: its "use derived" cell becomes 0.
    const first = read.drugs.find((d) => d.demand !== undefined);
    const kept: Scenario = { ...done, drugs: done.drugs.map((d) => (d === first ? { ...d, demand: { ...d.demand, adopt: false } } : d)) } as Scenario;
    expect(first?.demand?.adopt).toBe(true);
    await s.write(kept);
    expect(written[1]).toEqual([{ sheet: 'market', row: 29, col: 6, value: 0 }]);
  });

  it('after the pane builds the board, writes the next status change into the built sheet', async () => {
    const { s, written } = store({});
    await s.built(planned);
    await s.write({ ...planned, launchPlan: { ...plan, tasks: plan.tasks.map((t, i) => (i === 0 ? { ...t, status: 'in_progress' as const } : t)) } });
    // Task 1: row 16 + 1 + 0 = 17 (0-based), status column I (8).
    expect(written).toEqual([[{ sheet: 'launch', row: 17, col: 8, value: 'In progress' }]]);
  });

  it('keeps a plan removed in the pane removed while the board\'s Launch plan sheet still shows it', async () => {
    const { s, mem, written } = store({}, board);
    const read = await okRead(s);
    const { launchPlan: _p, ...withoutPlan } = read;
    void _p;
    await s.write(withoutPlan);
    expect(mem.values['InfusionPlanner.launchPlan']).toEqual({ removed: true });
    expect(written).toEqual([]);
    // Read again over the same sheet: the plan stays out; the market is still the sheet's.
    const again = await okRead(s);
    expect(again.launchPlan).toBeUndefined();
    expect(again.market).toEqual(planned.market);
  });

  it('does not write a sheet whose structure the pane changed (a new task), nor a sheet of that name the user made', async () => {
    const { s, written } = store({}, board);
    const read = await okRead(s);
    await s.write({ ...read, launchPlan: { ...plan, tasks: [...plan.tasks, { name: 'Pharmacy hood', kind: 'other', owner: 'pharmacy', startMonth: 1, endMonth: 2, cost: 0, status: 'done' }] } });
    expect(written).toEqual([]);
    const foreign = store({}, { market: [['My own market notes']], launch: null });
    expect((await okRead(foreign.s)).market).toBeUndefined();
  });

  it('tells the inner store when the settings put a market or plan on the scenario read (its full engine run is then left to the results of the scenario shown)', async () => {
    const asked: unknown[] = [];
    const watching = (settings: Record<string, unknown>) => {
      const inner = innerStore(inputsScenario);
      const read = inner.read;
      inner.read = async (options) => {
        asked.push(options?.partsElsewhere);
        return read(options);
      };
      return withMarketAndPlan(inner, { book: () => book, settings: () => memorySettings(settings) });
    };
    await watching(oldSettings(planned)).read();
    await watching({ 'InfusionPlanner.launchPlan': plan }).read();
    await watching({}).read();
    await watching({ 'InfusionPlanner.launchPlan': { removed: true } }).read();
    expect(asked).toEqual([true, true, false, false]);
  });
});

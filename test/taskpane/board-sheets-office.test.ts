/**
 * Issue 14: the Office.js side of the Market and Launch plan sheets (src/taskpane/excel/scenario-store.ts) against
 * the fake Excel in Node: the sheets are read in the Inputs sheet's request, and a write of their input cells
 * that fails part way (a sheet deleted meanwhile) leaves the workbook as it was.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import * as engine from '../../src/engine/model';
import { withMarketAndPlan } from '../../src/taskpane/excel/market-plan-store';
import { OfficeScenarioStore } from '../../src/taskpane/excel/scenario-store';
import { keptRun } from '../../src/taskpane/model/model-run';
import { computeResults } from '../../src/taskpane/model/results';
import type { SettingsPort } from '../../src/taskpane/services';
import { type ExcelRun, renderBoardInExcel } from '../../src/workbook/render-officejs';
import { cellAt, createFakeExcel } from '../support/fake-excel/node';
import { plannedScenario } from '../support/planned-scenario';
import { boardFor } from '../workbook/fixture';

const book = new ReferenceBook(referenceData);

async function builtBoard() {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  await renderBoardInExcel(boardFor(plannedScenario()).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  const store = new OfficeScenarioStore(() => book, async () => true, fake.run as unknown as ExcelRun);
  return { fake, store };
}

describe('the Market and Launch plan sheets through Office.js (fake Excel)', () => {
  it('reads them with the Inputs sheet, in the same request', async () => {
    const { fake, store } = await builtBoard();
    const before = fake.host.syncs.length;
    const read = await store.read();
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    // Two round trips: where the sheets are, then the three sheets' cells.
    expect(fake.host.syncs.length - before).toBe(2);
    // The Market sheet's title and the Launch plan sheet's, as the layouts write them.
    expect(read.boardSheets?.market?.[0]?.[0]).toBe('Market: where the new patients a month come from');
    expect(read.boardSheets?.launch?.[0]?.[0]).toBe('Launch plan: 6 months of planning, then launch');
    // A board the command line built (its Inputs found by the Program table, not recorded by the add-in) is a built board.
    expect(read.boardBuilt).toBe(true);
  });

  it('says a workbook with only the pane\'s Inputs sheet holds no built board, and one with a board built without a market or plan does', async () => {
    const { market: _m, launchPlan: _p, ...bare } = plannedScenario();
    void _m;
    void _p;
    const plain = { ...bare, drugs: bare.drugs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'demand')) as (typeof bare.drugs)[number]) };
    // The pane writes only its Inputs sheet (no board built): not a built board.
    const inputsOnly = createFakeExcel({ sheets: ['Sheet1'] });
    const paneStore = new OfficeScenarioStore(() => book, async () => true, inputsOnly.run as unknown as ExcelRun);
    expect((await paneStore.write(plain)).kind).toBe('written');
    const first = await paneStore.read();
    if (first.kind !== 'ok') throw new Error(JSON.stringify(first));
    // Absent, as for any read that found no built board.
    expect(first.boardBuilt).toBeUndefined();
    // A board built without a market or plan: built, and it has neither sheet.
    const fake = createFakeExcel({ sheets: ['Sheet1'] });
    await renderBoardInExcel(boardFor(plain).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
    const read = await new OfficeScenarioStore(() => book, async () => true, fake.run as unknown as ExcelRun).read();
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    expect(read.boardBuilt).toBe(true);
    expect(read.boardSheets?.market ?? null).toBeNull();
    expect(read.boardSheets?.launch ?? null).toBeNull();
  });

  it('writes input cells in one request, and puts them back when the request fails part way', async () => {
    const { fake, store } = await builtBoard();
    await store.read();
    // Avsola's (or Ocrevus's) "use derived" cell, G30 (row 29, 0-based), holds 1 or 0; task 5's status, I22, "Late".
    const adopt = cellAt(fake.host, 'Market', 'G30')?.v;
    expect(cellAt(fake.host, 'Launch plan', 'I22')?.v).toBe('Late');
    const before = fake.host.syncs.length;
    expect(await store.writeBoardCells([{ sheet: 'launch', row: 21, col: 8, value: 'Done' }], [{ sheet: 'launch', row: 21, col: 8, value: 'Late' }])).toBe(true);
    expect(fake.host.syncs.length - before).toBe(1);
    expect(cellAt(fake.host, 'Launch plan', 'I22')?.v).toBe('Done');
    // The Launch plan sheet deleted meanwhile: the Market cell written first is put back, and nothing is reported written.
    fake.host.userDeleteSheet('Launch plan');
    const flipped = adopt === 1 ? 0 : 1;
    const ok = await store.writeBoardCells(
      [{ sheet: 'market', row: 29, col: 6, value: flipped }, { sheet: 'launch', row: 21, col: 8, value: 'Late' }],
      [{ sheet: 'market', row: 29, col: 6, value: adopt as number }, { sheet: 'launch', row: 21, col: 8, value: 'Done' }],
    );
    expect(ok).toBe(false);
    expect(cellAt(fake.host, 'Market', 'G30')?.v).toBe(adopt);
  });

  it('runs the engine once over the whole projection when a board with a market and a plan opens: for the scenario shown, not for the bare Inputs sheet first', async () => {
    // The engine's full runs (the Inputs sheet's own layout runs it over one month: horizonMonths 1, left out).
    const full = (): number => spy.mock.calls.filter(([, input]) => input.program.horizonMonths !== 1).length;
    const spy = jest.spyOn(engine, 'runModel');
    try {
      const { fake } = await builtBoard();
      const fresh = new ReferenceBook(referenceData);
      const settings: SettingsPort = { get: () => null, set: () => undefined, remove: () => undefined, save: async () => undefined };
      const store = withMarketAndPlan(new OfficeScenarioStore(() => fresh, async () => true, fake.run as unknown as ExcelRun), { book: () => fresh, settings: () => settings });
      spy.mockClear();
      const read = await store.read();
      if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
      // The scenario shown has the Market and Launch plan sheets' market and plan; no full run yet.
      expect(read.scenario.launchPlan?.tasks).toHaveLength(20);
      expect(full()).toBe(0);
      computeResults(read.scenario, fresh, fresh.data);
      // One full run: the results', kept for the scenario shown.
      expect(full()).toBe(1);
      expect(keptRun(fresh, read.scenario)).toBeDefined();
      computeResults(read.scenario, fresh, fresh.data);
      expect(full()).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('still runs it once, during the read, for an Inputs sheet shown as it is (no Market or Launch plan sheet)', async () => {
    const spy = jest.spyOn(engine, 'runModel');
    try {
      const fake = createFakeExcel({ sheets: ['Sheet1'] });
      const { market: _m, launchPlan: _p, ...rest } = plannedScenario();
      void _m;
      void _p;
      await renderBoardInExcel(boardFor({ ...rest, drugs: rest.drugs.map(({ demand: _d, ...d }) => (void _d, d)) }).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
      const fresh = new ReferenceBook(referenceData);
      const store = new OfficeScenarioStore(() => fresh, async () => true, fake.run as unknown as ExcelRun);
      spy.mockClear();
      const read = await store.read();
      if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
      const full = (): number => spy.mock.calls.filter(([, input]) => input.program.horizonMonths !== 1).length;
      expect(full()).toBe(1);
      computeResults(read.scenario, fresh, fresh.data);
      expect(full()).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

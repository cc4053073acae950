/**
 * Issue 14: the board's Market and Launch plan sheets read back by the pane (src/taskpane/model/board-sheets.ts)
 * through the layouts the writer uses (workbook/board/market-layout.ts, launch-layout.ts): writer -> reader gives
 * the same market and plan; values typed there are read as Excel reads typing them; a bad value is named by
 * its sheet and cell.
 */
import { referenceData } from '../../src/data';
import { defaultLaunchPlan } from '../../src/scenario';
import { demandAreaDefault } from '../../src/data/demand';
import type { ScenarioLaunchPlan } from '../../src/scenario/launch-plan';
import type { Scenario } from '../../src/scenario/types';
import { excelNumber, launchStructure, marketCells, readLaunchSheet, readMarketSheet, sameMeaning, storedMarketOf } from '../../src/taskpane/model/board-sheets';
import { boardSheet, plannedScenario, typed } from '../support/planned-scenario';

const scenario = plannedScenario();
const plan = scenario.launchPlan as ScenarioLaunchPlan;
const template = (): ScenarioLaunchPlan => defaultLaunchPlan(scenario, referenceData);
const market = boardSheet(scenario, 'Market');
const launch = boardSheet(scenario, 'Launch plan');

function okMarket(grid: unknown[][]) {
  const r = readMarketSheet(grid, null);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r.value;
}
function okLaunch(grid: unknown[][], basis: ScenarioLaunchPlan | null = null) {
  const r = readLaunchSheet(grid, scenario, 6, basis, template);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r.value.plan;
}

describe('Market and Launch plan sheets: writer -> reader', () => {
  it('reads back the market and the claims the board wrote, without the settings', () => {
    const read = okMarket(market);
    // market-scenario.ts gives the drive time (60, equal to the default: its note says "scenario input") and the
    // competitors; IBD gives only its backlog (30) and wait (6 weeks): its prevalence and shares stay defaults.
    expect(read.market).toEqual(scenario.market);
    expect(read.claims).toEqual(storedMarketOf(scenario)?.claims);
    // The sheet's drug rows are the claiming drugs in the scenario's order.
    expect(read.drugs).toEqual(scenario.drugs.filter((d) => d.demand !== undefined).map((d) => d.hcpcs));
  });

  it('keeps a figure the scenario gives equal to its default given (the area\'s label says so)', () => {
    // IBD's share on infused therapy given as the product's own default: the cell shows the default, the label "scenario input".
    const given: Scenario = { ...scenario, market: { ...(scenario.market as NonNullable<Scenario['market']>), areas: [{ area: 'ibd', infusedShare: demandAreaDefault('ibd').infusedShare as number, backlog: 30, waitWeeks: 6 }] } };
    expect(okMarket(boardSheet(given, 'Market')).market).toEqual(given.market);
  });

  it('reads back the launch plan the board wrote (staff names, the late task, the drugs and payers the tasks unblock)', () => {
    expect(okLaunch(launch)).toEqual(plan);
    // With the plan kept in the document as the basis, the same.
    expect(okLaunch(launch, plan)).toEqual(plan);
  });

  it('reads back the default template as the template', () => {
    const t = template();
    const s: Scenario = { ...scenario, launchPlan: t };
    const read = readLaunchSheet(boardSheet(s, 'Launch plan'), s, 6, null, () => t);
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    expect(read.value.plan).toEqual(t);
    expect(read.value.plan.template).toBe(true);
  });

  it('the cells the pane writes are the writer\'s input cells', () => {
    const cells = marketCells(scenario, okMarket(market).drugs);
    if (cells === null) throw new Error('no cells');
    for (const c of cells) expect([c.row, c.col, sameMeaning(market[c.row]?.[c.col], c.value)]).toEqual([c.row, c.col, true]);
  });
});

describe('values typed on the sheets', () => {
  // The plan's team has 6 members: the task table's header is row 6 + 6 + 4 = 16 (0-based), so task 5 (index 4)
  // is on row 16 + 1 + 4 = 21, Excel row 22; its status is column I (index 8), its start F, its cost H.
  it('reads a status typed "Done" or "done", a month and a cost typed as text', () => {
    expect(okLaunch(typed(launch, 'I22', 'Done')).tasks[4]?.status).toBe('done');
    expect(okLaunch(typed(launch, 'I22', 'done')).tasks[4]?.status).toBe('done');
    expect(okLaunch(typed(launch, 'I22', ' in progress ')).tasks[4]?.status).toBe('in_progress');
    const edited = okLaunch(typed(typed(launch, 'F22', '2'), 'H22', '$1,500'));
    expect(edited.tasks[4]).toEqual({ ...plan.tasks[4], startMonth: 2, cost: 1500 });
  });

  it('reads a population typed with separators and a share typed as a percentage', () => {
    // Adults 18-49: B6 (row 5, 0-based); travel share: B10 (row 9).
    const read = okMarket(typed(typed(market, 'B6', '70,000'), 'B10', '25%'));
    expect(read.market.adults18to49).toBe(70_000);
    expect(read.market.travelShare).toBe(0.25);
  });

  it('reads "use derived" 0 typed as text as keeping the own figure', () => {
    // The drug table's header is row 19 + 6 + 3 = 28 (0-based); its rows follow: row 29 is the first claiming drug (Excel 30), column G.
    const first = okMarket(market).drugs[0] as string;
    const read = okMarket(typed(market, 'G30', '0'));
    expect(read.claims[first]?.adopt).toBeUndefined();
    expect(scenario.drugs.find((d) => d.hcpcs === first)?.demand?.adopt).toBe(true);
  });

  it('reads the figures typed in the blank cells of an area the product has no default for (immune globulin)', () => {
    // Immune globulin is the 6th area: row 19 + 1 + 5 = 25 (0-based), Excel row 26; its share column E, starts F.
    expect(market[25]?.[4]).toBe('');
    const read = okMarket(typed(typed(market, 'E26', '30%'), 'F26', 0.1));
    expect(read.market.areas).toEqual([...(scenario.market?.areas ?? []), { area: 'immune_globulin', infusedShare: 0.3, startsPerYear: 0.1 }]);
    // A share cleared where the product has a default (IBD, row 23) is named: the sheet's formulas would show the area blank.
    expect(readMarketSheet(typed(market, 'E23', ''), null)).toEqual({ kind: 'invalid', problems: ['Market sheet, E23: Crohn\'s disease and ulcerative colitis: the share of diagnosed on infused therapy must be a number (found a blank cell)'] });
  });

  it('names the sheet, the cell and the problem of a bad value', () => {
    const bad = readLaunchSheet(typed(launch, 'I22', 'Finished'), scenario, 6, null, template);
    expect(bad).toEqual({ kind: 'invalid', problems: ['Launch plan sheet, I22: a task\'s status must be one of Not started, In progress, Done, Late (found "Finished")'] });
    expect(readMarketSheet(typed(market, 'B10', 'lots'), null)).toEqual({ kind: 'invalid', problems: ['Market sheet, B10: share of patients now travelling beyond it must be a number (found "lots")'] });
    expect(readMarketSheet(typed(market, 'G30', 2), null)).toEqual({ kind: 'invalid', problems: ['Market sheet, G30: "use derived" must be 1 (use the derived figure) or 0 (keep your own) (found "2")'] });
  });

  it('leaves a sheet of that name that is not the product\'s alone', () => {
    expect(readMarketSheet([['My market notes'], [1, 2, 3]], null)).toEqual({ kind: 'foreign' });
    expect(readLaunchSheet([['Launch plan for the new wing']], scenario, 6, null, template)).toEqual({ kind: 'foreign' });
  });

  it('the plan\'s structure is its roles and its tasks\' names, kinds and owners', () => {
    expect(launchStructure(okLaunch(typed(launch, 'I22', 'Done')))).toBe(launchStructure(plan));
  });
});

describe('numbers typed as text, as Excel reads them', () => {
  it.each([
    ['12', 12],
    ["'12", 12],
    ['1,200', 1200],
    ['20%', 0.2],
    ['$5,000', 5000],
    ['(5)', -5],
    [' 7.5 ', 7.5],
    ['1,2', null],
    ['abc', null],
    ['', null],
    [true, null],
  ])('%p -> %p', (text, n) => expect(excelNumber(text)).toBe(n));
});

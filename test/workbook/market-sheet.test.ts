/**
 * Issue 14, the Market sheet (board/market.ts) of the market scenario (test/support/market-scenario.ts:
 * 120,000 adults, capture 0.2 + 0.8 x 1/4 = 0.4). Its formulas are proven by LibreOffice in
 * board-libreoffice.test.ts; here, the plan: where the figures are and how the sheets link.
 */
import { IN_VOL, SHEET } from '../../src/workbook/board/context';
import { sampleScenario } from '../../src/scenario';
import { marketScenario } from '../support/market-scenario';
import { boardFor, findRow, sheetOf } from './fixture';

describe('the Market sheet', () => {
  const { plan } = boardFor(marketScenario(true));
  const market = sheetOf(plan, SHEET.market);
  const cell = (row: number, col: number) => market.rows[row]?.[col];

  it('is written only for a scenario with a market, after Inputs', () => {
    expect(boardFor(sampleScenario).plan.sheets.map((s) => s.name)).not.toContain(SHEET.market);
    const names = plan.sheets.map((s) => s.name);
    expect(names.indexOf(SHEET.market)).toBe(names.indexOf(SHEET.inputs) + 1);
  });

  it('computes the capture share from the inputs on the sheet: 0.2 + (1 - 0.2) x 1/(1 + 3) = 0.4', () => {
    const r = findRow(market, 0, 'Capture share');
    expect(cell(r, 1)?.formula).toBe('B10+(1-B10)*B16');
    expect(cell(r, 1)?.value).toBe(0.4);
  });

  it('gives IBD 1,560 diagnosed x 15% x 20% / 12 x 0.4 = 1.56 new patients a month, by formulas', () => {
    const r = findRow(market, 0, "Crohn's disease and ulcerative colitis");
    expect([cell(r, 6)?.value, cell(r, 7)?.value, cell(r, 8)?.value, cell(r, 9)?.value]).toEqual([1560, 234, 3.9, 1.56]);
    expect(cell(r, 6)?.formula).toBe(`B6*B${r + 1}+B7*C${r + 1}+B8*D${r + 1}`);
    // Backlog 30 x 0.4 = 12 once; 30 / (6 x 12 / 52) = 21.666... referrals a month.
    expect(cell(r, 12)?.value).toBe(12);
    expect(cell(r, 13)?.value).toBeCloseTo(21.6667, 4);
  });

  it('sets each drug\'s derived figure beside the scenario\'s own, and Cohorts reads the used one', () => {
    const avsola = findRow(market, 1, 'Q5121');
    // 1.56 x 0.5 = 0.78 derived and used (adopted); own 2 read from Inputs; gap 0.
    expect([cell(avsola, 4)?.value, cell(avsola, 5)?.value, cell(avsola, 6)?.value, cell(avsola, 7)?.value, cell(avsola, 8)?.value]).toEqual([0.78, 2, 1, 0.78, 0]);
    expect(cell(avsola, 5)?.formula).toMatch(/^'Inputs'!\$C\$\d+$/);
    const ocrevus = findRow(market, 1, 'J2350');
    // Kept: 0.55656 x 0.8 = 0.445248 derived, 1 used, gap 1 - 0.445248 = 0.554752.
    expect(cell(ocrevus, 7)?.value).toBe(1);
    expect(cell(ocrevus, 8)?.value).toBeCloseTo(0.554752, 9);

    const inputs = sheetOf(plan, SHEET.inputs);
    const volumeRow = findRow(inputs, IN_VOL.hcpcs, 'Q5121', findRow(inputs, IN_VOL.product, 'Product', findRow(inputs, 0, 'HCPCS') + 1));
    // Inputs keeps the user's own 2 a month even though the model runs on 0.78.
    expect(inputs.rows[volumeRow]?.[IN_VOL.newPatients]?.value).toBe(2);
    const cohorts = sheetOf(plan, SHEET.cohorts);
    const referred = cohorts.rows.find((row) => row?.[0]?.value === 'Q5121' && row.some((c) => c?.formula?.includes("'Market'!")));
    expect(referred?.find((c) => c?.formula?.includes("'Market'!"))?.formula).toMatch(new RegExp(`^'Market'!\\$H\\$${avsola + 1}\\*IF\\(`));
  });
});

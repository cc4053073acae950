/**
 * Issue 14, the Market sheet (board/market.ts) of the market scenario (test/support/market-scenario.ts:
 * 120,000 adults, capture 0.2 + 0.8 x 1/4 = 0.4). Its formulas are proven by LibreOffice in
 * board-libreoffice.test.ts; here, the plan: where the figures are and how the sheets link.
 * Immune globulin has no public share on infused therapy nor yearly starts: its two input cells are blank and
 * its results blank (120,000 x 0.0863% = 103.56 diagnosed only); Privigen (J1459) claiming it keeps its own.
 */
import { IN_VOL, SHEET } from '../../src/workbook/board/context';
import { sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario';
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

  it('gives IBD 1,560 diagnosed x 13% x 20% / 12 x 0.4 = 1.352 new patients a month, by formulas', () => {
    const r = findRow(market, 0, "Crohn's disease and ulcerative colitis");
    expect([cell(r, 6)?.value, cell(r, 7)?.value, cell(r, 8)?.value, cell(r, 9)?.value]).toEqual([1560, 202.8, 3.38, 1.352]); // 1,560 x 0.13 = 202.8; x 0.20 / 12 = 3.38; x 0.4 = 1.352
    expect(cell(r, 6)?.formula).toBe(`B6*B${r + 1}+B7*C${r + 1}+B8*D${r + 1}`);
    const n = r + 1;
    expect([cell(r, 7)?.formula, cell(r, 8)?.formula, cell(r, 9)?.formula]).toEqual([`IF(OR(E${n}="",F${n}=""),"",G${n}*E${n})`, `IF(H${n}="","",H${n}*F${n}/12)`, `IF(I${n}="","",I${n}*B17)`]);
    // Backlog 30 x 0.4 = 12 once; 30 / (6 x 12 / 52) = 21.666... referrals a month.
    expect(cell(r, 12)?.value).toBe(12);
    expect(cell(r, 13)?.value).toBeCloseTo(21.6667, 4);
  });

  it('sets each drug\'s derived figure beside the scenario\'s own, and Cohorts reads the used one', () => {
    const avsola = findRow(market, 1, 'Q5121');
    // 1.352 x 0.5 = 0.676 derived and used (adopted); own 2 read from Inputs; gap 0.
    expect([cell(avsola, 4)?.value, cell(avsola, 5)?.value, cell(avsola, 6)?.value, cell(avsola, 7)?.value, cell(avsola, 8)?.value]).toEqual([0.676, 2, 1, 0.676, 0]);
    expect(cell(avsola, 5)?.formula).toMatch(/^'Inputs'!\$C\$\d+$/);
    const ocrevus = findRow(market, 1, 'J2350');
    // Kept: MS 0.3116736 x 0.8 = 0.24933888 derived, 1 used, gap 1 - 0.24933888 = 0.75066112.
    expect(cell(ocrevus, 7)?.value).toBe(1);
    expect(cell(ocrevus, 8)?.value).toBeCloseTo(0.75066112, 9);

    const inputs = sheetOf(plan, SHEET.inputs);
    const volumeRow = findRow(inputs, IN_VOL.hcpcs, 'Q5121', findRow(inputs, IN_VOL.product, 'Product', findRow(inputs, 0, 'HCPCS') + 1));
    // Inputs keeps the user's own 2 a month even though the model runs on 0.676.
    expect(inputs.rows[volumeRow]?.[IN_VOL.newPatients]?.value).toBe(2);
    const cohorts = sheetOf(plan, SHEET.cohorts);
    const referred = cohorts.rows.find((row) => row?.[0]?.value === 'Q5121' && row.some((c) => c?.formula?.includes("'Market'!")));
    expect(referred?.find((c) => c?.formula?.includes("'Market'!"))?.formula).toMatch(new RegExp(`^'Market'!\\$H\\$${avsola + 1}\\*IF\\(`));
  });

  it('leaves immune globulin\'s share and starts blank (no public figure), its results blank, labelled so', () => {
    const r = findRow(market, 0, 'Immune globulin (primary immunodeficiency, neurology)');
    // Blank input cells, blue (to enter), not cream (a default).
    expect([cell(r, 4), cell(r, 5)].map((c) => [c?.value, c?.style])).toEqual([
      [null, 'input'],
      [null, 'input'],
    ]);
    // 120,000 x 0.0863% = 103.56 diagnosed; on infused therapy, starts and new patients blank.
    expect([6, 7, 8, 9].map((col) => cell(r, col)?.value)).toEqual([103.56, '', '', '']);
  });

  it('gives a drug claiming immune globulin no derived figure and no gap: it uses its own (its used cell falls back to it while the derived cell is blank, whatever the adopt cell)', () => {
    const s = marketScenario(false);
    const withIg: Scenario = { ...s, drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1 } } : d)) };
    const m = sheetOf(boardFor(withIg).plan, SHEET.market);
    const row = findRow(m, 1, 'J1459');
    const at = (col: number) => m.rows[row]?.[col];
    const n = row + 1;
    const areaNew = `J${findRow(m, 0, 'Immune globulin (primary immunodeficiency, neurology)') + 1}`;
    expect(at(4)?.formula).toBe(`IF(${areaNew}="","",${areaNew}*D${n})`);
    expect(at(7)?.formula).toBe(`IF(AND(G${n}=1,E${n}<>""),E${n},F${n})`);
    expect(at(8)?.formula).toBe(`IF(E${n}="","",H${n}-E${n})`);
    // Derived blank, own 0.5 (the sample's), kept (0), used 0.5, gap blank.
    expect([4, 5, 6, 7, 8].map((col) => at(col)?.value)).toEqual(['', 0.5, 0, 0.5, '']);
  });

  it('names in each area\'s Label column the public source of its share and starts, or says there is no public figure', () => {
    const label = (name: string): unknown => cell(findRow(market, 0, name), 14)?.value;
    expect(label("Crohn's disease and ulcerative colitis")).toBe(
      'prevalence: default (public source); share on infused therapy: default, Xu F et al. (CDC), J Investig Med 2022, and Zhao R et al., J Health Econ Outcomes Res 2023 (22.0% x 60.9% = 13%); starts a year: default, Zhao R et al., J Health Econ Outcomes Res 2023 (19.8% leave infliximab or vedolizumab a year)',
    );
    expect(label('Immune globulin (primary immunodeficiency, neurology)')).toBe(
      "prevalence: default (public source); share on infused therapy: no public figure: enter the practice's own; starts a year: no public figure: enter the practice's own",
    );
  });

  it('lists on the Sources sheet each demand default with its source in full, its value and its label', () => {
    const sources = sheetOf(plan, SHEET.sources);
    const row = (what: string): unknown[] => (sources.rows[findRow(sources, 0, what)] ?? []).map((c) => c?.value);
    const ra = row('Rheumatoid arthritis: share of the diagnosed on an infused therapy');
    expect(ra[1]).toMatch(/^Zhang J, Xie F, Delzell E et al\., "Trends in the use of biologic agents among rheumatoid arthritis patients enrolled in the US Medicare program", Arthritis Care Res 2013;65\(11\):1743-1751/);
    expect(ra.slice(2)).toEqual(['16%', 'default: public source']);
    // The composed figure carries its arithmetic: 11.5 x 73 / 27 = 31.1 new starts + 11.9 switches = 43.0.
    const raStarts = row('Rheumatoid arthritis: new starts and switches a year (share of those on one)');
    expect(raStarts[1]).toContain('11.5 x 73 / 27 = 31.1 new starts + 11.9 switches = 43.0 a year');
    expect(raStarts.slice(2)).toEqual(['43%', 'default: public source']);
    expect(row('Osteoporosis: prevalence by age band (18-49, 50-64, 65+)').slice(2)).toEqual(['0% / 8.4% / 17.7%', 'default: public source']);
    const ig = row('Immune globulin (primary immunodeficiency, neurology): share of the diagnosed on an infused therapy');
    expect(ig[1]).toMatch(/^No public figure: .* the product carries no default\. Searched: /);
    // No value: none is invented.
    expect(ig.slice(2)).toEqual(['no public figure', "no public figure: enter the practice's own"]);
    const igStarts = row('Immune globulin (primary immunodeficiency, neurology): new starts and switches a year (share of those on one)');
    expect(igStarts.slice(2)).toEqual(['no public figure', "no public figure: enter the practice's own"]);
  });
});

/**
 * The proof of the board workbook (DESIGN.md "Tests, by layer"): the .xlsx is recalculated by LibreOffice,
 * a spreadsheet program that shares no code with the engine, and every formula cell must equal the engine's
 * figure; then inputs are changed in the file as a board member would, and the recalculated workbook must
 * equal the engine run on the correspondingly changed scenario. Two independent statements of the rules,
 * held together. LibreOffice runs are slow, so all workbooks go through one soffice run per format.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sampleScenario, type Scenario } from '../../src/scenario';
import type { ReferenceData } from '../../src/engine/reference';
import { CD, CRITERIA_COL, FE, IN_FORM, IN_PAY, IN_PRICE, SHEET } from '../../src/workbook/board/context';
import { type BoardPlan, formulaCells } from '../../src/workbook/plan';
import { renderXlsx } from '../../src/workbook/render-exceljs';
import { LibreOffice, type LoValue, findSoffice, hasPdftoppm, pdfText, pdfToPng } from '../support/libreoffice';
import { validateScenario } from '../../src/scenario';
import { address, boardFor, findRow, referenceData, sheetOf, variedScenario, withEdits } from './fixture';
import { marketScenario } from '../support/market-scenario';
import { defaultLaunchPlan } from '../../src/scenario';
import type { LaunchTask } from '../../src/engine/launch';
import { LAUNCH_SHEET, LP, LPD } from '../../src/workbook/board/launch';

const soffice = findSoffice();
// No silent skip: `npm test` checks for LibreOffice first (scripts/check-system.js), and here its absence fails.
const describeLo = describe;
it('finds LibreOffice and pdftoppm (Debian packages libreoffice-calc-nogui and poppler-utils)', () => {
  expect(soffice).not.toBeNull();
  expect(hasPdftoppm()).toBe(true);
});

interface Comparison {
  readonly checked: number;
  readonly mismatches: string[];
  /** Largest |LibreOffice - expected| over money cells and over all numeric cells. */
  readonly maxMoneyDiff: number;
  readonly maxRelDiff: number;
}

const MONEY = new Set(['money', 'money0', 'unitPrice']);

/**
 * Every formula cell of `formulas` recalculated by LibreOffice (`cells`) against the value `expected` holds at
 * the same address: money to the cent (|difference| < 0.005), every other number to 1e-9 relative, text exactly.
 */
function compare(formulas: BoardPlan, expected: BoardPlan, cells: Map<string, Map<string, LoValue>>): Comparison {
  const mismatches: string[] = [];
  let checked = 0;
  let maxMoneyDiff = 0;
  let maxRelDiff = 0;
  for (const f of formulaCells(formulas)) {
    checked++;
    const want = sheetOf(expected, f.sheet).rows[f.row]?.[f.col]?.value ?? null;
    const got = cells.get(f.sheet)?.get(f.address) ?? null;
    let ok: boolean;
    if (typeof want === 'number' && typeof got === 'number') {
      const diff = Math.abs(got - want);
      const rel = diff / Math.max(1, Math.abs(want));
      if (f.cell.format && MONEY.has(f.cell.format)) maxMoneyDiff = Math.max(maxMoneyDiff, diff);
      maxRelDiff = Math.max(maxRelDiff, rel);
      ok = diff < 0.005 && rel < 1e-9;
    } else {
      ok = (want ?? '') === (got ?? '');
    }
    if (!ok && mismatches.length < 20) mismatches.push(`${f.sheet}!${f.address}: expected ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)} (=${f.cell.formula.slice(0, 120)})`);
  }
  return { checked, mismatches, maxMoneyDiff, maxRelDiff };
}

/** The sample scenario with one change. */
function changed(change: (s: { -readonly [K in keyof Scenario]: Scenario[K] }) => void): Scenario {
  const copy = JSON.parse(JSON.stringify(sampleScenario)) as Scenario;
  change(copy);
  return copy;
}

/** Reference data with one payment limit changed (the quarter the sample uses). */
function withPaymentLimit(ref: ReferenceData, hcpcs: string, limit: string): ReferenceData {
  return {
    ...ref,
    quarters: ref.quarters.map((q) => (q.quarter !== '2026Q1' ? q : { ...q, rows: q.rows.map((r) => (r.hcpcs === hcpcs ? { ...r, paymentLimit: limit } : r)) })),
  };
}

describeLo('the board workbook recalculated by LibreOffice', () => {
  let lo: LibreOffice;
  const sample = boardFor();
  const inputs = sheetOf(sample.plan, SHEET.inputs);
  const payerRow = (id: string): number => findRow(inputs, IN_PAY.id, id);
  const formularyRow = (hcpcs: string): number => findRow(inputs, IN_FORM.hcpcs, hcpcs, findRow(inputs, IN_FORM.product, 'Product'));
  const priceRow = (hcpcs: string): number => findRow(inputs, IN_PRICE.hcpcs, hcpcs, findRow(inputs, IN_PRICE.unitAmount, 'Billing unit amount'));

  // A board member's edits, and the scenario (or reference data) that says the same.
  const cases = [
    {
      what: 'payer weights (Medicare 40% -> 35%, commercial 27% -> 30%, self-pay 3% -> 5%)',
      edits: [
        { sheet: SHEET.inputs, row: payerRow('MEDICARE'), col: IN_PAY.weight, value: 0.35 },
        { sheet: SHEET.inputs, row: payerRow('COMMERCIAL'), col: IN_PAY.weight, value: 0.3 },
        { sheet: SHEET.inputs, row: payerRow('SELF_PAY'), col: IN_PAY.weight, value: 0.05 },
      ],
      expected: () =>
        boardFor(
          changed((s) => {
            const w: Record<string, number> = { MEDICARE: 0.35, COMMERCIAL: 0.3, SELF_PAY: 0.05 };
            s.payers = s.payers.map((p) => (w[p.id] === undefined ? p : { ...p, weight: w[p.id] as number }));
          }),
        ).plan,
    },
    {
      what: 'acquisition prices (Remicade: the derived-ASP default typed over with $30.50; Avsola $21 -> $20.25)',
      edits: [
        { sheet: SHEET.inputs, row: formularyRow('J1745'), col: IN_FORM.acquisition, value: 30.5 },
        { sheet: SHEET.inputs, row: formularyRow('Q5121'), col: IN_FORM.acquisition, value: 20.25 },
      ],
      expected: () =>
        boardFor(
          changed((s) => {
            s.drugs = s.drugs.map((d) => (d.hcpcs === 'J1745' ? { ...d, acquisitionPerUnit: 30.5 } : d.hcpcs === 'Q5121' ? { ...d, acquisitionPerUnit: 20.25 } : d));
          }),
        ).plan,
    },
    {
      what: 'a payment limit (Remicade J1745 $32.423 -> $31.950, which also moves its biosimilar\'s derived ASP)',
      edits: [{ sheet: SHEET.inputs, row: priceRow('J1745'), col: IN_PRICE.paymentLimit, value: 31.95 }],
      expected: () => boardFor(sampleScenario, withPaymentLimit(referenceData, 'J1745', '31.950')).plan,
    },
  ];

  let results: Map<string, Map<string, LoValue>>[] = [];
  let criteria: Map<string, Map<string, LoValue>>;
  // The board tightens two criteria on Inputs: payback within 24 months, every drug's recovery above 110%.
  const criteriaHeader = findRow(inputs, CRITERIA_COL, 'Criterion');
  const criteriaEdits = [
    { sheet: SHEET.inputs, row: criteriaHeader + 2, col: CRITERIA_COL + 1, value: 24 },
    { sheet: SHEET.inputs, row: criteriaHeader + 4, col: CRITERIA_COL + 1, value: 1.1 },
  ];
  let sanity: Map<string, Map<string, LoValue>>;
  let varied: Map<string, Map<string, LoValue>>;
  const edited = cases.map((c) => withEdits(sample.plan, c.edits));
  const variedBoard = boardFor(variedScenario());
  // Issue 14: the Market sheet. Avsola adopts the derived figure (0.676 a month: half of IBD's 1.352, test/support/market-scenario.ts);
  // a board member then changes the service area, or keeps Avsola's own figure, on the Market sheet.
  const marketBoard = boardFor(marketScenario(true));
  const marketSheet = sheetOf(marketBoard.plan, SHEET.market);
  const marketCases = [
    {
      what: 'the service area on the Market sheet (adults aged 18-49 60,000 -> 90,000), with Avsola adopting the derived figure',
      edits: [{ sheet: SHEET.market, row: findRow(marketSheet, 0, 'Adults aged 18-49'), col: 1, value: 90_000 }],
      expected: () => {
        const s = marketScenario(true);
        return boardFor({ ...s, market: { ...s.market!, adults18to49: 90_000 } }).plan;
      },
    },
    {
      what: 'Avsola\'s "use derived" 1 -> 0 on the Market sheet (back to its own 2 a month)',
      edits: [{ sheet: SHEET.market, row: findRow(marketSheet, 1, 'Q5121'), col: 6, value: 0 }],
      expected: () => boardFor(marketScenario(false)).plan,
    },
  ];
  const marketEdited = marketCases.map((c) => withEdits(marketBoard.plan, c.edits));
  let market: Map<string, Map<string, LoValue>>[] = [];
  // Immune globulin has no public share on infused therapy nor yearly starts: its input cells are blank and its
  // results blank. Privigen (J1459) claims all of it and keeps its own 0.5 a month. A board member then types 1
  // in its "use derived" cell (nothing to derive: it stays on 0.5), or types the practice's 25% and 15%:
  //   120,000 x 0.0863% = 103.56 x 0.25 = 25.89 x 0.15 / 12 = 0.323625 x 0.4 = 0.12945 a month, all Privigen's;
  //   kept: gap 0.5 - 0.12945 = 0.37055; adopted (1): the model runs on 0.12945.
  const igScenario = (adopt: boolean, figures: boolean): Scenario => {
    const s = marketScenario(false);
    return {
      ...s,
      drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1, adopt } } : d)),
      market: { ...s.market!, areas: [...(s.market!.areas ?? []), ...(figures ? [{ area: 'immune_globulin' as const, infusedShare: 0.25, startsPerYear: 0.15 }] : [])] },
    };
  };
  const igBoard = boardFor(igScenario(false, false));
  const igSheet = sheetOf(igBoard.plan, SHEET.market);
  const igArea = findRow(igSheet, 0, 'Immune globulin (primary immunodeficiency, neurology)');
  const igDrug = findRow(igSheet, 1, 'J1459');
  const igFigures = [
    { sheet: SHEET.market, row: igArea, col: 4, value: 0.25 },
    { sheet: SHEET.market, row: igArea, col: 5, value: 0.15 },
  ];
  const igCases = [
    { what: 'Privigen\'s "use derived" 0 -> 1 with immune globulin not estimated (it stays on its own 0.5)', edits: [{ sheet: SHEET.market, row: igDrug, col: 6, value: 1 }], expected: () => igBoard.plan },
    { what: 'the practice\'s 25% and 15% typed in immune globulin\'s blank cells (Privigen kept: gap 0.37055)', edits: igFigures, expected: () => boardFor(igScenario(false, true)).plan },
    { what: 'the two figures typed and Privigen\'s "use derived" 0 -> 1 (the model runs on 0.12945)', edits: [...igFigures, { sheet: SHEET.market, row: igDrug, col: 6, value: 1 }], expected: () => boardFor(igScenario(true, true)).plan },
  ];
  const igEdited = igCases.map((c) => withEdits(igBoard.plan, c.edits));
  let ig: Map<string, Map<string, LoValue>>[] = [];

  beforeAll(async () => {
    lo = new LibreOffice(soffice ?? undefined);
    const dir = path.join(lo.workDir, 'in');
    mkdirSync(dir, { recursive: true });
    // A workbook whose only formula carries a deliberately wrong cached value.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Check');
    ws.getCell('A1').value = 2;
    ws.getCell('A2').value = { formula: 'A1*3', result: 999 };
    const files = [path.join(dir, 'sanity.xlsx'), path.join(dir, 'varied.xlsx'), path.join(dir, 'sample.xlsx'), ...cases.map((_, i) => path.join(dir, `edited-${i + 1}.xlsx`)), path.join(dir, 'criteria.xlsx')];
    writeFileSync(files[files.length - 1] as string, await renderXlsx(withEdits(sample.plan, criteriaEdits)));
    writeFileSync(files[1] as string, await renderXlsx(variedBoard.plan));
    writeFileSync(files[0] as string, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    writeFileSync(files[2] as string, await renderXlsx(sample.plan));
    for (let i = 0; i < edited.length; i++) writeFileSync(files[3 + i] as string, await renderXlsx(edited[i] as BoardPlan));
    const marketPlans = [marketBoard.plan, ...marketEdited, igBoard.plan, ...igEdited];
    const marketFiles = marketPlans.map((_, i) => path.join(dir, `market-${i}.xlsx`));
    for (const [i, p] of marketPlans.entries()) writeFileSync(marketFiles[i] as string, await renderXlsx(p));
    const every = await lo.recalculate([...files, ...marketFiles]);
    market = every.slice(files.length, files.length + 1 + marketEdited.length);
    ig = every.slice(files.length + 1 + marketEdited.length);
    const all = every.slice(0, files.length);
    sanity = all[0] as Map<string, Map<string, LoValue>>;
    varied = all[1] as Map<string, Map<string, LoValue>>;
    results = all.slice(2, all.length - 1);
    criteria = all[all.length - 1] as Map<string, Map<string, LoValue>>;
  }, 240_000);

  afterAll(() => lo?.dispose());

  it('proves a varied scenario with every drug source (DOMAIN.md 5.1) and a drug of the user\'s own (5.4)', () => {
    const input = variedBoard.src.input;
    const sources = new Set(input.payers.map((p) => `${p.profile.drugSource ?? 'buy_and_bill'}${(p.profile.whiteBagShare ?? 0) > 0 ? ' with a white-bagged share' : ''}`));
    expect([...sources].sort()).toEqual(['buy_and_bill', 'buy_and_bill with a white-bagged share', 'free_drug', 'white_bag']);
    expect(input.drugs.filter((d) => d.custom).map((d) => d.hcpcs)).toEqual(['J0202']);
    // A drug's own source for a payer (Entyvio) and its own payer mix (Prolia, DOMAIN.md 5.2).
    expect(input.drugs.find((d) => d.hcpcs === 'J3380')?.drugSources?.['MEDICARE']?.source).toBe('white_bag');
    expect(input.drugs.find((d) => d.hcpcs === 'J0897')?.payerWeights).toEqual([0.7, 0, 0, 0.1, 0.2]);
    expect(variedBoard.src.results.drugs.filter((d) => d.doseKinds.length > 1).length).toBeGreaterThan(3); // loading doses of their own
  });

  it('recalculates on load: a deliberately wrong cached value (999) is replaced by the formula\'s (6)', () => {
    expect(sanity.get('Check')?.get('A2')).toBe(6);
  });

  it('states the conclusion from the criteria on Inputs, live: tightened thresholds change which are met', () => {
    // Sample: payback month 32 > 24, lowest net cost recovery on the mix 104.7% (Remicade) < 110%: both fail;
    // NPV $50,435 > $0 and no month over capacity still pass.
    const s = sheetOf(sample.plan, SHEET.summary);
    const top = findRow(s, 0, 'Conclusion: the criteria the board set (thresholds on the Inputs sheet)');
    const at = (r: number, c: number): LoValue | undefined => criteria.get(SHEET.summary)?.get(`${String.fromCharCode(65 + c)}${r + 1}`);
    expect([2, 3, 4, 5].map((i) => at(top + i, 4))).toEqual(['meets', 'does not meet', 'meets', 'does not meet']);
    expect(at(top + 6, 0)).toBe('The program meets 2 of 4 criteria; not met: payback, drug cost recovery.');
  });

  it('opens the charts without repair: LibreOffice reads the five chart parts and saves them back', async () => {
    // The recalculated files are LibreOffice's own saves (convert() writes them to workDir/xlsx).
    for (const name of ['sample', 'varied']) {
      const zip = await JSZip.loadAsync(readFileSync(path.join(lo.workDir, 'xlsx', `${name}.xlsx`)));
      const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
      expect(charts).toHaveLength(5);
      const xml = (await Promise.all(charts.map((f) => zip.file(f)?.async('string') ?? ''))).join('');
      // The ranges LibreOffice kept for the series (its own spelling: a sheet name without spaces unquoted).
      const sheets = new Set([...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => (m[1] ?? '').replace(/&apos;/g, "'")).filter((f) => f.includes('!')).map((f) => f.slice(0, f.indexOf('!')).replace(/^'|'$/g, '')));
      expect([...sheets].sort()).toEqual([SHEET.formulary, SHEET.inputs, SHEET.projection, SHEET.sensitivity].sort());
    }
  });

  it('gives every formula cell of the sample workbook the engine\'s value, to the cent', () => {
    const c = compare(sample.plan, sample.plan, results[0] as Map<string, Map<string, LoValue>>);
    expect(c.mismatches).toEqual([]);
    expect(c.checked).toBeGreaterThan(5000);
    expect(c.maxMoneyDiff).toBeLessThan(0.005);
    process.stdout.write(`  LibreOffice vs engine, sample: ${c.checked} formula cells, largest money difference ${c.maxMoneyDiff.toExponential(2)}, largest relative difference ${c.maxRelDiff.toExponential(2)}\n`);
  });

  it('gives every formula cell of a varied workbook the engine\'s value: every catalog drug, five kinds of payer, no planning months, 30 months', () => {
    expect(validateScenario(variedScenario(), referenceData).ok).toBe(true);
    const c = compare(variedBoard.plan, variedBoard.plan, varied);
    expect(c.mismatches).toEqual([]);
    expect(c.checked).toBeGreaterThan(20000);
    process.stdout.write(`  LibreOffice vs engine, varied: ${c.checked} formula cells, largest money difference ${c.maxMoneyDiff.toExponential(2)}, largest relative difference ${c.maxRelDiff.toExponential(2)}\n`);
  });

  it('computes the headline figures the engine reports (spot checks by name)', () => {
    const cells = results[0] as Map<string, Map<string, LoValue>>;
    const fe = sheetOf(sample.plan, SHEET.formulary);
    const row = findRow(fe, FE.hcpcs, 'Q5121');
    const avsola = sample.src.results.drugs.find((d) => d.input.hcpcs === 'Q5121');
    expect(cells.get(SHEET.formulary)?.get(`N${row + 1}`)).toBeCloseTo(avsola?.mix.margin.toNumber() ?? NaN, 6);
    const claims = sheetOf(sample.plan, SHEET.claims);
    // Claim detail names the payer as the Inputs sheet does (its display name).
    const medicare = findRow(claims, CD.payer, 'Medicare fee-for-service', findRow(claims, CD.hcpcs, 'J1745'));
    expect(cells.get(SHEET.claims)?.get(`P${medicare + 1}`)).toBeCloseTo(avsola ? sample.src.results.drugs.find((d) => d.input.hcpcs === 'J1745')?.perPayer[0]?.allowed.toNumber() ?? NaN : NaN, 2);
  });

  it.each(cases.map((c, i) => [c.what, i] as const))('follows a change of %s: the recalculated workbook equals the engine on the changed scenario', (_what, i) => {
    const expected = cases[i]?.expected() as BoardPlan;
    const c = compare(edited[i] as BoardPlan, expected, results[1 + i] as Map<string, Map<string, LoValue>>);
    expect(c.mismatches).toEqual([]);
    expect(c.checked).toBeGreaterThan(5000);
    // The change moves many figures: the file's stale cached values could not have passed.
    let moved = 0;
    for (const f of formulaCells(sample.plan)) if (sheetOf(expected, f.sheet).rows[f.row]?.[f.col]?.value !== f.cell.value) moved++;
    expect(moved).toBeGreaterThan(300);
  });

  describe('issue 14: the Market sheet', () => {
    it('gives every formula cell of a board with a Market sheet the engine\'s value (an adopted volume flowing into Cohorts and Projection)', () => {
      const c = compare(marketBoard.plan, marketBoard.plan, market[0] as Map<string, Map<string, LoValue>>);
      expect(c.mismatches).toEqual([]);
      const marketFormulas = [...formulaCells(marketBoard.plan)].filter((f) => f.sheet === SHEET.market);
      // 4 service-area figures + 6 areas x 6 formulas + 2 drugs x 4 formulas = 48, each recalculated above.
      expect(marketFormulas).toHaveLength(48);
      // The adopted 0.676 a month (IBD 1,560 x 13% x 20% / 12 x 0.4 = 1.352, half of it) is what LibreOffice's
      // Cohorts and Projection run on: the first operating month of the projection holds the engine's new
      // patients, which used 0.676 for Avsola.
      const avsolaUsed = marketSheet.rows[findRow(marketSheet, 1, 'Q5121')]?.[7];
      expect(avsolaUsed?.value).toBe(0.676);
      process.stdout.write(`  LibreOffice vs engine, market: ${c.checked} formula cells (${marketFormulas.length} on Market), largest money difference ${c.maxMoneyDiff.toExponential(2)}\n`);
    });

    it.each(marketCases.map((c, i) => [c.what, i] as const))('follows %s: the recalculated workbook equals the engine on the changed scenario', (_what, i) => {
      const expected = marketCases[i]?.expected() as BoardPlan;
      const c = compare(marketEdited[i] as BoardPlan, expected, market[1 + i] as Map<string, Map<string, LoValue>>);
      expect(c.mismatches).toEqual([]);
      // The change reaches the projection: its cumulative cash moves.
      const pj = sheetOf(expected, SHEET.projection);
      let moved = 0;
      for (const f of formulaCells(marketBoard.plan)) if (f.sheet === SHEET.projection && pj.rows[f.row]?.[f.col]?.value !== f.cell.value) moved++;
      expect(moved).toBeGreaterThan(50);
    });

    it('leaves immune globulin\'s results blank while its share and starts are blank (no public figure), Privigen on its own 0.5', () => {
      const c = compare(igBoard.plan, igBoard.plan, ig[0] as Map<string, Map<string, LoValue>>);
      expect(c.mismatches).toEqual([]);
      const lo = (row: number, col: number): LoValue | undefined => ig[0]?.get(SHEET.market)?.get(address(row, col));
      // Diagnosed 120,000 x 0.0863% = 103.56; on infused therapy, starts, new patients blank; Privigen derived
      // blank, used its own 0.5, gap blank.
      expect(lo(igArea, 6)).toBeCloseTo(103.56, 9);
      expect([7, 8, 9].map((col) => lo(igArea, col) ?? '')).toEqual(['', '', '']);
      expect([4, 7, 8].map((col) => lo(igDrug, col) ?? '')).toEqual(['', 0.5, '']);
    });

    it.each(igCases.map((c, i) => [c.what, i] as const))('follows %s: the recalculated workbook equals the engine on that scenario', (_what, i) => {
      const expected = igCases[i]?.expected() as BoardPlan;
      const got = ig[1 + i] as Map<string, Map<string, LoValue>>;
      expect(compare(igEdited[i] as BoardPlan, expected, got).mismatches).toEqual([]);
      const lo = (row: number, col: number): LoValue | undefined => got.get(SHEET.market)?.get(address(row, col));
      if (i === 0) {
        // Adopt 1 with nothing derived: used stays 0.5, gap blank.
        expect([4, 7, 8].map((col) => lo(igDrug, col) ?? '')).toEqual(['', 0.5, '']);
        return;
      }
      // By hand: 103.56 x 0.25 = 25.89; x 0.15 / 12 = 0.323625; x 0.4 = 0.12945 (Privigen's whole share).
      expect([lo(igArea, 7), lo(igArea, 8), lo(igArea, 9), lo(igDrug, 4)].map((v) => Number((v as number).toFixed(9)))).toEqual([25.89, 0.323625, 0.12945, 0.12945]);
      // Kept: used 0.5, gap 0.5 - 0.12945 = 0.37055; adopted: used 0.12945, gap 0.
      expect([lo(igDrug, 7), Number((lo(igDrug, 8) as number).toFixed(9))]).toEqual(i === 1 ? [0.5, 0.37055] : [0.12945, 0]);
    });
  });

  const describePng = describe;
  describePng('printed', () => {
    it('draws the five charts in the printed workbook (chart titles in the PDF text; PNG pages to look at)', async () => {
      const dir = path.join(lo.workDir, 'charts');
      mkdirSync(dir, { recursive: true });
      const f = path.join(dir, 'board-charts.xlsx');
      const shown = new Set<string>([SHEET.summary, SHEET.formulary, SHEET.projection, SHEET.sensitivity]);
      writeFileSync(f, await renderXlsx(sample.plan, { hide: sample.plan.sheets.map((x) => x.name).filter((n) => !shown.has(n)) }));
      const [pdf] = await lo.convert([f], 'pdf', dir);
      const text = await pdfText(pdf as string);
      for (const title of ['Payer mix', 'Margin per administration by drug (payer mix)', 'Cumulative cash by month, break-even month marked', 'Chair hours needed against chair hours available', 'Tornado: change in NPV from the base case']) {
        expect(text).toContain(title);
      }
      // The break-even bar's label names the month's cumulative cash.
      expect(text).toMatch(/Break-even month:/);
      const pages = await pdfToPng(pdf as string, path.join(dir, 'page'));
      expect(pages.length).toBeGreaterThanOrEqual(5);
      if (process.env.KEEP_PAGES) for (const p of pages) copyFileSync(p, path.join(process.env.KEEP_PAGES, path.basename(p)));
    }, 120_000);

    it('prints the Summary on one page and the Formulary economics one page wide; PNGs for the README', async () => {
      const dir = path.join(lo.workDir, 'print');
      mkdirSync(dir, { recursive: true });
      const names = sample.plan.sheets.map((s) => s.name);
      const variants = [
        { file: 'board-summary', sheet: SHEET.summary },
        { file: 'board-formulary', sheet: SHEET.formulary },
      ];
      const files = await Promise.all(
        variants.map(async (v) => {
          const f = path.join(dir, `${v.file}.xlsx`);
          writeFileSync(f, await renderXlsx(sample.plan, { hide: names.filter((n) => n !== v.sheet) }));
          return f;
        }),
      );
      const pdfs = await lo.convert(files, 'pdf');
      const pages = await Promise.all(pdfs.map((p, i) => pdfToPng(p, path.join(dir, variants[i]?.file ?? 'page'))));
      expect(pages[0]).toHaveLength(1); // one printable page
      for (const set of pages) {
        expect(set.length).toBeGreaterThan(0);
        expect(statSync(set[0] as string).size).toBeGreaterThan(20_000);
      }
      if (process.env.UPDATE_DOCS === '1') {
        const docs = path.join(__dirname, '..', '..', 'docs');
        if (!existsSync(docs)) mkdirSync(docs);
        variants.forEach((v, i) => copyFileSync(pages[i]?.[0] as string, path.join(docs, `${v.file}.png`)));
      }
    }, 120_000);
  });
});

// Issue 14: the Launch plan sheet. The sample with the default plan template, in which Remicade's distributor
// task runs late to month 8 (two months past the plan's six) and the Medicaid prior-authorization workflow is done.
describeLo('the Launch plan sheet recalculated by LibreOffice (issue 14)', () => {
  let lo: LibreOffice;
  const template = defaultLaunchPlan(sampleScenario, referenceData);
  const scenarioWith = (change: (t: LaunchTask) => LaunchTask): Scenario => ({ ...sampleScenario, launchPlan: { ...template, tasks: template.tasks.map(change) } });
  const base = (t: LaunchTask): LaunchTask =>
    t.kind === 'distributor' && t.drug === 'J1745' ? { ...t, status: 'late', endMonth: 8 } : t.kind === 'prior_auth' && t.payer === 'MEDICAID' ? { ...t, status: 'done' } : t;
  const launch = boardFor(scenarioWith(base));
  const sheet = sheetOf(launch.plan, LAUNCH_SHEET);
  const taskRow = (name: string): number => findRow(sheet, LP.name, name);
  const remicade = taskRow('Distributor account and availability: Remicade (infliximab)');
  const commercialPa = taskRow('Prior-authorization workflow: Commercial');
  // The task force's edits in the file, and the scenario that says the same.
  const cases = [
    {
      what: 'Remicade\'s distributor task marked done',
      edits: [{ sheet: LAUNCH_SHEET, row: remicade, col: LP.status, value: 'Done' }],
      expected: () => boardFor(scenarioWith((t) => (t.kind === 'distributor' && t.drug === 'J1745' ? { ...base(t), status: 'done' } : base(t)))).plan,
    },
    {
      what: 'the commercial prior-authorization workflow now ending in month 9 and in progress',
      edits: [
        { sheet: LAUNCH_SHEET, row: commercialPa, col: LP.end, value: 9 },
        { sheet: LAUNCH_SHEET, row: commercialPa, col: LP.status, value: 'In progress' },
      ],
      expected: () => boardFor(scenarioWith((t) => (t.kind === 'prior_auth' && t.payer === 'COMMERCIAL' ? { ...t, endMonth: 9, status: 'in_progress' } : base(t)))).plan,
    },
  ];
  const edited = cases.map((c) => withEdits(launch.plan, c.edits));
  // With a market too (its Market sheet feeds the referrals the plan holds back): every distributor task late to month 8.
  const market = marketScenario();
  const withBoth: Scenario = {
    ...market,
    program: { ...market.program, planningMonths: undefined },
    launchPlan: { ...defaultLaunchPlan(market, referenceData), tasks: defaultLaunchPlan(market, referenceData).tasks.map((t) => (t.kind === 'distributor' ? { ...t, status: 'late', endMonth: 8 } : t)) },
  };
  const both = boardFor(withBoth);
  let results: Map<string, Map<string, LoValue>>[] = [];

  beforeAll(async () => {
    lo = new LibreOffice(soffice ?? undefined);
    const dir = path.join(lo.workDir, 'in');
    mkdirSync(dir, { recursive: true });
    const files = ['launch', ...cases.map((_, i) => `launch-edited-${i + 1}`), 'launch-market'].map((n) => path.join(dir, `${n}.xlsx`));
    writeFileSync(files[0] as string, await renderXlsx(launch.plan));
    for (let i = 0; i < edited.length; i++) writeFileSync(files[1 + i] as string, await renderXlsx(edited[i] as BoardPlan));
    writeFileSync(files[files.length - 1] as string, await renderXlsx(both.plan));
    results = await lo.recalculate(files);
  }, 240_000);

  afterAll(() => lo?.dispose());

  it('gives every formula cell, the Launch plan sheet\'s included, the engine\'s value', () => {
    const c = compare(launch.plan, launch.plan, results[0] as Map<string, Map<string, LoValue>>);
    expect(c.mismatches).toEqual([]);
    expect([...formulaCells(launch.plan)].filter((f) => f.sheet === LAUNCH_SHEET).length).toBeGreaterThan(200);
    // By hand: Remicade held 8 - 6 = 2 months, first operating month 3; the late task's grid cells read "L" in
    // months 1-8 and nothing in month 9; startup costs of month 3 = 7,500 + 2,000 + 3 x 4,000 / 3 = 13,500.
    const cells = (results[0] as Map<string, Map<string, LoValue>>).get(LAUNCH_SHEET);
    const at = (r: number, c: number): LoValue | undefined => cells?.get(address(r, c));
    const drugRow = findRow(sheet, LPD.hcpcs, 'J1745', findRow(sheet, LPD.product, 'Product'));
    expect([at(drugRow, LPD.held), at(drugRow, LPD.first), at(drugRow, LPD.readiness)]).toEqual([2, 3, 'held back to operating month 3']);
    expect([at(remicade, LP.grid0), at(remicade, LP.grid0 + 7), at(remicade, LP.grid0 + 8)]).toEqual(['L', 'L', '']);
    const costRow = findRow(sheet, LP.name, 'Startup costs by month');
    expect(at(costRow, LP.grid0 + 2)).toBe(13500);
    process.stdout.write(`  LibreOffice vs engine, launch plan: ${c.checked} formula cells, largest money difference ${c.maxMoneyDiff.toExponential(2)}\n`);
  });

  it('holds back drugs whose volume comes from the Market sheet: every formula cell equals the engine', () => {
    expect(validateScenario(withBoth, referenceData).ok).toBe(true);
    expect(both.src.results.drugs.every((d) => d.hold.months === 2)).toBe(true);
    const c = compare(both.plan, both.plan, results[results.length - 1] as Map<string, Map<string, LoValue>>);
    expect(c.mismatches).toEqual([]);
    expect([...formulaCells(both.plan)].some((f) => f.sheet === SHEET.market)).toBe(true);
  });

  it('draws the Gantt grid with conditional formats over the live cells: done green, late red, running blue', () => {
    const looks = sheet.conditionalFormats.map((cf) => [cf.look, cf.rule.kind === 'expression' ? cf.rule.formula.replace(/\d+/g, '#') : cf.rule.kind]);
    expect(looks.slice(0, 3)).toEqual([
      ['good', 'AND(L#<>"",$I#="Done")'],
      ['bad', 'AND(L#<>"",$I#="Late")'],
      ['plan', 'AND(L#<>"",$I#<>"Done",$I#<>"Late")'],
    ]);
  });

  it.each(cases.map((c, i) => [c.what, i] as const))('follows %s: the recalculated workbook equals the engine on the changed plan', (_what, i) => {
    const expected = cases[i]?.expected() as BoardPlan;
    const c = compare(edited[i] as BoardPlan, expected, results[1 + i] as Map<string, Map<string, LoValue>>);
    expect(c.mismatches).toEqual([]);
    let moved = 0;
    for (const f of formulaCells(launch.plan)) if (sheetOf(expected, f.sheet).rows[f.row]?.[f.col]?.value !== f.cell.value) moved++;
    expect(moved).toBeGreaterThan(100);
  });
});

/**
 * Pages that say what matters (issue 13): payer display names, the Summary's wrapped lists, the conclusion
 * from the board's criteria, assessments that differ by what is true of each drug, public citations, Claim
 * detail laid out to print, a tornado whose every case differs from base, working capital with inventory and
 * the staleness line. The formulas themselves are held to the engine by board-libreoffice.test.ts.
 */
import { Dec } from '../../src/engine/decimal';
import { CD, CRITERIA, CRITERIA_COL, IN_PAY, PJ, SE, SHEET } from '../../src/workbook/board/context';
import { quarterEnd, stalenessLine } from '../../src/workbook/board/staleness';
import { drugAssessment } from '../../src/workbook/board/summary';
import { STYLES, type PlanSheet, columnLetters } from '../../src/workbook/plan';
import { ReferenceBook } from '../../src/engine/book';
import { resolveScenario, sampleScenario } from '../../src/scenario';
import { boardInputs, buildBoardPlan } from '../../src/workbook/board';
import { boardFor, findRow, referenceData, sheetOf, variedScenario } from './fixture';

const sample = boardFor();
const summary = sheetOf(sample.plan, SHEET.summary);
const texts = (sheet: PlanSheet): string[] => sheet.rows.flatMap((row) => (row ?? []).map((c) => (typeof c?.value === 'string' ? c.value : ''))).filter((t) => t !== '');
/** The Summary's formulary table: rows from the header row "Product" on, up to the first empty row. */
function formularyRows(sheet: PlanSheet): number[] {
  const header = findRow(sheet, 0, 'Product');
  const rows: number[] = [];
  for (let r = header + 1; sheet.rows[r]?.[1]?.value; r++) rows.push(r);
  return rows;
}

describe('payer display names', () => {
  const ids = ['MEDICARE_ADVANTAGE', 'SELF_PAY', 'COMMERCIAL', 'MEDICAID'];
  it.each([SHEET.summary, SHEET.formulary, SHEET.projection, SHEET.sensitivity, SHEET.claims, SHEET.cohorts])('shows no payer id on %s', (name) => {
    const found = texts(sheetOf(sample.plan, name)).filter((t) => ids.some((id) => new RegExp(`\\b${id}\\b`).test(t)));
    expect(found).toEqual([]);
  });

  it('names the payers on the Summary as the Inputs sheet does', () => {
    const rows = formularyRows(summary);
    expect(rows).toHaveLength(10);
    // No sample drug is underwater with any payer: self-pay patients get the drug free (DOMAIN.md 5.1), and every
    // other payer's drug line recovers its cost.
    for (const r of rows) expect(summary.rows[r]?.[5]?.value).toBe('');
    // The sample asks prior authorization of Medicare Advantage, Medicaid and commercial for every drug.
    expect(summary.rows[rows[0] as number]?.[7]?.value).toBe('Medicare Advantage, Medicaid, Commercial');
    expect(summary.rows[rows[0] as number]?.[7]?.formula).toContain(`$${columnLetters(IN_PAY.name)}$`);
  });

  it('names the payer of each Claim detail line by a formula over the Inputs name', () => {
    const claims = sheetOf(sample.plan, SHEET.claims);
    const first = findRow(claims, CD.hcpcs, 'J1745');
    expect(claims.rows[first]?.[CD.payer]?.value).toBe('Medicare fee-for-service');
    expect(claims.rows[first]?.[CD.payer]?.formula).toMatch(/^'Inputs'!\$B\$\d+$/);
  });
});

describe('the Summary\'s lists wrap in their columns', () => {
  it('wraps underwater payers, prior-authorization payers and the assessment, and makes the row tall enough', () => {
    const varied = boardFor(variedScenario());
    const s = sheetOf(varied.plan, SHEET.summary);
    const rows = formularyRows(s);
    expect(rows.length).toBe(varied.src.input.drugs.length);
    for (const r of rows) {
      for (const c of [5, 7, 8]) expect(STYLES[s.rows[r]?.[c]?.style ?? 'text'].wrap).toBe(true);
    }
    // A prior-authorization list longer than its column (34 characters) makes its row more than one line tall.
    const long = rows.find((r) => String(s.rows[r]?.[7]?.value ?? '').length > 40) as number;
    expect(long).toBeDefined();
    expect(s.rowHeights[long]).toBeGreaterThan(20);
  });
});

describe('the conclusion', () => {
  const top = findRow(summary, 0, 'Conclusion: the criteria the board set (thresholds on the Inputs sheet)');
  const inputs = sheetOf(sample.plan, SHEET.inputs);

  it('puts the four criteria on Inputs, each a labelled default the board can change', () => {
    const header = findRow(inputs, CRITERIA_COL, 'Criterion');
    expect(CRITERIA.map((_, i) => inputs.rows[header + 1 + i]?.[CRITERIA_COL + 1]?.value)).toEqual([0, 36, 0, 1]); // payback: the 36-month horizon
    for (let i = 0; i < 4; i++) expect(inputs.rows[header + 1 + i]?.[CRITERIA_COL + 1]?.style).toBe('inputDefault');
  });

  it('states which criteria the sample meets, each a live formula reading its threshold on Inputs', () => {
    // Sample: NPV $50,435 > $0; payback month 32 <= 36; no month over capacity (peak utilization 30.4%);
    // lowest net cost recovery on the mix 104.7% (Remicade) > 100%.
    const rows = [top + 2, top + 3, top + 4, top + 5];
    expect(rows.map((r) => summary.rows[r]?.[4]?.value)).toEqual(['meets', 'meets', 'meets', 'meets']);
    for (const r of rows) expect(summary.rows[r]?.[3]?.formula).toMatch(/^'Inputs'!\$[A-Z]+\$\d+$/);
    expect(summary.rows[top + 6]?.[0]?.value).toBe('The program meets all 4 criteria.');
    expect(summary.rows[top + 6]?.[0]?.formula).toContain('COUNTIF(');
  });

  it('says which criteria fail when the program misses them', () => {
    // A scenario with no patients: no payback, NPV negative (startup and fixed costs only).
    const empty = boardFor({ ...variedScenario(), drugs: variedScenario().drugs.map((d) => ({ ...d, newPatientsPerMonth: 0 })) });
    const s = sheetOf(empty.plan, SHEET.summary);
    const t = findRow(s, 0, 'Conclusion: the criteria the board set (thresholds on the Inputs sheet)');
    expect(s.rows[t + 2]?.[4]?.value).toBe('does not meet');
    expect(s.rows[t + 3]?.[4]?.value).toBe('does not meet');
    expect(String(s.rows[t + 6]?.[0]?.value)).toMatch(/^The program meets [0-2] of 4 criteria; not met: NPV, payback/);
  });
});

describe('each drug\'s assessment', () => {
  it('says what is true of the drug', () => {
    const facts = { losesOnMix: false, underwater: '', atAspDefault: false, distributorConfirmed: true, paSharePercent: new Dec(0) };
    expect(drugAssessment(facts)).toBe('earns a margin on the payer mix; above water with every payer; no prior authorization');
    expect(drugAssessment({ ...facts, losesOnMix: true, underwater: 'Self-pay (uninsured), Medicaid', atAspDefault: true, distributorConfirmed: false, paSharePercent: new Dec('56.5') })).toBe(
      'loses money on the payer mix; underwater with Self-pay (uninsured), Medicaid; priced at the ASP default, not a contract price; distributor not confirmed; prior authorization for 57% of the mix',
    );
  });

  it('differs between the sample\'s drugs by their facts', () => {
    const rows = formularyRows(summary);
    const byCode = new Map(rows.map((r) => [summary.rows[r]?.[1]?.value, String(summary.rows[r]?.[8]?.value)]));
    // Prior authorization with Medicare Advantage 20% + Medicaid 10% + commercial 27% of the mix = 57%.
    // Self-pay is on free drug (DOMAIN.md 5.1), so no payer's drug line is underwater.
    const remicade = 'earns a margin on the payer mix; above water with every payer; priced at the ASP default, not a contract price; prior authorization for 57% of the mix';
    expect(byCode.get('J1745')).toBe(remicade);
    // Avsola has a contract price ($21 a unit): no ASP-default remark.
    expect(byCode.get('Q5121')).toBe('earns a margin on the payer mix; above water with every payer; prior authorization for 57% of the mix');
    // Privigen's distributor is not confirmed in the sample.
    expect(byCode.get('J1459')).toContain('; distributor not confirmed;');
    expect(new Set(byCode.values()).size).toBeGreaterThanOrEqual(3);
  });
});

describe('Sources and assumptions', () => {
  const sources = texts(sheetOf(sample.plan, SHEET.sources));
  it('cites public documents only: never this project\'s own files', () => {
    expect(sources.filter((t) => /DOMAIN\.md|DESIGN\.md|src\/|\.ts\b|drug-catalog-seed/.test(t))).toEqual([]);
  });
  it('cites the statute, CMS, CRS and KFF', () => {
    const all = sources.join('\n');
    for (const c of ['42 USC 1395w-3a(b)(1)', 'cms.gov/medicare/payment/part-b-drugs/asp-pricing-files', 'cms.gov/medicare/payment/part-b-drugs/discarded-drugs', 'PFS Relative Value Files', 'R45106', 'KFF', 'Noridian JF article 10529']) {
      expect(all).toContain(c);
    }
  });
});

describe('Claim detail laid out to print', () => {
  const claims = sheetOf(sample.plan, SHEET.claims);
  it('prints the claim lines two pages wide, header and payer columns repeated, whole drugs to a page', () => {
    const p = claims.print;
    // 10 drugs x 5 payers = 50 claim rows from row 6 (header on row 5): rows 1-55, columns A-AB (Underwater).
    expect(p.area).toBe(`A1:${columnLetters(CD.underwater)}55`);
    expect(p.titleRows).toBe('5:5');
    expect(p.titleColumns).toBe('A:C');
    expect(p.pagesWide).toBe(2);
    // floor(36 / 5 payers) = 7 drugs a page: a break above the 8th drug's first line (0-based row 5 + 35 = 40).
    expect(p.breaks).toEqual([40]);
  });
});

describe('the tornado', () => {
  it('has every case different from the base case, the denial write-off\'s high case included', () => {
    const sens = sheetOf(sample.plan, SHEET.sensitivity);
    const first = findRow(sens, SE.case, 'Base case');
    const cases: [string, number][] = [];
    for (let r = first + 1; sens.rows[r]?.[SE.case]?.value; r++) cases.push([String(sens.rows[r]?.[SE.case]?.value), Number(sens.rows[r]?.[SE.vsBase]?.value)]);
    expect(cases.length).toBe(12); // five drivers low and high, two named scenarios
    expect(cases.filter(([, d]) => d === 0)).toEqual([]);
    const denialHigh = cases.find(([c]) => c === 'Denial write-off: high');
    expect(denialHigh?.[1]).toBeLessThan(0); // a rise of 1 point of write-off earns less than base
  });
});

describe('working capital', () => {
  const pj = sheetOf(sample.plan, SHEET.projection);
  it('adds drug inventory on hand: the month\'s drug cost x 7 days / (364 / 12), by formula', () => {
    const r = findRow(pj, PJ.month, 20, 5);
    const drugCost = pj.rows[r]?.[PJ.drugCost]?.value as number;
    expect(pj.rows[r]?.[PJ.inventory]?.value).toBeCloseTo((drugCost * 7 * 12) / 364, 6);
    expect(pj.rows[r]?.[PJ.inventory]?.formula).toMatch(/\*IP_InventoryDaysOnHand\*12\/364$/);
    expect(pj.rows[r]?.[PJ.workingCapital]?.formula).toMatch(/^SUM\(\$G\$7:G\d+\)-SUM\(\$N\$7:N\d+\)-\(SUM\(\$H\$7:H\d+\)-SUM\(\$O\$7:O\d+\)\)\+AD\d+$/);
    // Peak working capital is positive: before the change it was -$764 for the sample (issue 13).
    expect(sample.src.results.summary.peakWorkingCapital.gt(0)).toBe(true);
  });
});

describe('the staleness line', () => {
  it('knows when a quarter ends', () => {
    expect(quarterEnd('2026Q1').toISOString().slice(0, 10)).toBe('2026-03-31');
    expect(quarterEnd('2025Q4').toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(quarterEnd('2024Q2').toISOString().slice(0, 10)).toBe('2024-06-30');
  });

  it('states the quarter within it, and warns once it has ended', () => {
    expect(stalenessLine('2026Q1', new Date('2026-03-31T23:00:00Z'))).toEqual({ stale: false, text: 'Prices: CMS payment limits for 2026Q1, in effect through 2026-03-31 (built 2026-03-31).' });
    const late = stalenessLine('2026Q1', new Date('2026-12-04T10:00:00Z'));
    expect(late.stale).toBe(true);
    expect(late.text).toMatch(/^Warning: prices are CMS payment limits for 2026Q1, which ended 2026-03-31; built 2026-12-04, a newer quarter's file may exist/);
  });

  it('is on the Summary under the title, in red once stale', () => {
    // The fixture builds on 2026-02-02, within 2026Q1.
    expect(summary.rows[3]?.[0]?.value).toBe('Prices: CMS payment limits for 2026Q1, in effect through 2026-03-31 (built 2026-02-02).');
    const book = new ReferenceBook(referenceData);
    const late = buildBoardPlan(boardInputs(book, resolveScenario(sampleScenario, referenceData), { generatedAt: new Date('2026-12-04T10:00:00Z') }));
    const cell = sheetOf(late, SHEET.summary).rows[3]?.[0];
    expect(String(cell?.value)).toMatch(/^Warning: prices are CMS payment limits for 2026Q1, which ended 2026-03-31/);
    expect(STYLES[cell?.style ?? 'text'].color).toBe('#9C0006');
  });
});

/**
 * `infusion-planner import-asp FILE [--scenario FILE] [--json]` against the real CMS files in ../shared/cms and
 * variants made from them. The figures of the worked scenario are those of test/engine/impact.test.ts, where
 * the arithmetic is set out: infliximab and Avsola 305 mg (31 units + 9 JW = 40 billed), denosumab 60 mg,
 * Medicare and Commercial half each, one new patient a month from the start, nobody stops, 24 months.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { paymentLimitXlsx } from '../support/cms-xlsx';

const CMS = path.join(__dirname, '../../../shared/cms');
const OCT_2025 = path.join(CMS, 'asp-pricing-files/section 508 version of Oct 2025 ASP Pricing File 091725.csv');
const JAN_2026 = path.join(CMS, 'asp-pricing-files/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv');
const CROSSWALK = path.join(CMS, 'ndc-hcpcs-crosswalk/section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121725.csv');

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function importAsp(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['import-asp', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const drug = (hcpcs: string, extra: Record<string, unknown> = {}) => ({
  hcpcs, newPatientsPerMonth: 1, rampMonths: 0, discontinuationRate: 0, priorAuthPayers: [], distributorVerified: true, ...extra,
});

const workedScenario = {
  version: 1,
  name: 'Worked example',
  practiceName: 'Test practice',
  feeScheduleYear: 2026,
  drugs: [drug('J1745', { weightKg: 61 }), drug('Q5121', { weightKg: 61, acquisitionPerUnit: 21 }), drug('J0897')],
  payers: [
    { id: 'MEDICARE', name: 'Medicare', weight: 0.5 },
    { id: 'COMMERCIAL', name: 'Commercial', weight: 0.5 },
  ],
  program: {
    chairs: 4, hoursPerDay: 9, daysPerMonth: 21, chairsPerNurse: 2.5, fixedCosts: [], startupCosts: 0, horizonMonths: 24,
    discountRate: 0, priorAuthStaffMinutes: 0, staffHourlyCost: 0,
  },
};

let dir: string;
let scenarioFile: string;
const janText = readFileSync(JAN_2026).toString('latin1');
const write = (name: string, content: string | Uint8Array): string => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  return file;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'import-asp-'));
  scenarioFile = write('worked.json', JSON.stringify(workedScenario));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The table row of a drug, split into its columns (two or more spaces apart). */
function rowOf(out: string, start: string): string[] {
  const line = out.split('\n').find((l) => l.startsWith(start));
  if (line === undefined) throw new Error(`no line starting "${start}" in:\n${out}`);
  return line.split(/\s{2,}/);
}

describe('an older file (October 2025) against the embedded January 2026', () => {
  let run: Run;
  beforeAll(async () => {
    run = await importAsp(OCT_2025, '--scenario', scenarioFile);
  });

  it('exits 0 and reports the quarter from the file\'s own Effective line, its dates and rows', () => {
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('Quarter:   2025Q4, Effective October 1, 2025 through December 31, 2025 (2025-10-01 to 2025-12-31)');
    expect(run.out).toContain('Rows:      1012');
    expect(run.out).toContain('Embedded:  2026Q1, Effective January 1, 2026 through March 31, 2026 (2026-01-01 to 2026-03-31), 877 rows');
  });

  it('says the comparison runs the other way round, and counts codes added and removed', () => {
    expect(run.out).toContain('This file is older than the embedded quarter 2026Q1, so the comparison runs the other way round: from 2025Q4 (this file) to 2026Q1 (embedded).');
    // Counted with the shell (test/engine/impact.test.ts): 21 codes only in January, 156 only in October.
    expect(run.out).toContain('Codes 2025Q4 -> 2026Q1: 1012 -> 877 rows; 21 added (J0162, J0164, J0458, J1307,');
    expect(run.out).toMatch(/156 removed \(90670, J0172, J0287, J2545, Q4101, .*, and 144 more\)/);
    // Catalog: infliximab 31.090 -> 32.423 = +4.29% (1.333 / 31.090 = 0.042875...).
    expect(rowOf(run.out, 'J1745 ')).toEqual(['J1745', '31.090', '32.423', '+4.29%']);
  });

  it('prints the impact on the scenario\'s formulary, worked by hand', () => {
    // Per unit 23.811 - 20.405 = +3.406; x 40 units billed = +136.24; x 141 administrations = +19,209.84;
    // mix margin 290.93 in 2026Q1, +139.36 per administration, +19,649.54 a year (test/engine/impact.test.ts works them
    // with DOMAIN.md 5.2's defaults: Medicare keeps 0.974 of a 20%-coinsurance line, Commercial 0.9604); not underwater.
    expect(rowOf(run.out, 'Q5121 Avsola')).toEqual([
      'Q5121 Avsola (infliximab-axxq)', '20.405', '23.811', '+3.406', '40', '+$136.24', '141.0', '+$19,209.84', '$290.93', '+$139.36', '+$19,649.54', '-',
    ]);
    // 1.333 x 40 = 53.32; x 141 = 7,518.12; mix margin 278.92, +3.44, +485.00.
    expect(rowOf(run.out, 'J1745 Remicade')).toEqual([
      'J1745 Remicade (infliximab)', '31.090', '32.423', '+1.333', '40', '+$53.32', '141.0', '+$7,518.12', '$278.92', '+$3.44', '+$485.00', '-',
    ]);
    // 0.077 x 60 = 4.62; x 42 = 194.04. Commercial 2026Q1: 29.457 / 1.06 x 1.15 x 60 = 1917.48; + 23.04 = 1940.52 x 0.9604
    // = 1863.675408 - 1667.37735849 = 196.29804951; 2025Q4: 1912.47 + 23.04 = 1935.51 x 0.9604 - 1663.01886792 =
    // 195.84493608. Mix (70.33085730 + 196.29804951) / 2 = 133.31445340, was (70.22684136 + 195.84493608) / 2 =
    // 133.03588872: +0.27856469 (x 42 = 11.69971694).
    expect(rowOf(run.out, 'J0897 Prolia')).toEqual([
      'J0897 Prolia (denosumab)', '29.380', '29.457', '+0.077', '60', '+$4.62', '42.0', '+$194.04', '$133.31', '+$0.28', '+$11.70', '-',
    ]);
    // 7,518.12 + 19,209.84 + 194.04 = 26,922.00; 485.00069026 + 19,649.53722 + 11.69971694 = 20,146.2376272...
    expect(run.out).toContain("Total, drugs priced in both: +$26,922.00 a year in Medicare's allowed drug lines; +$20,146.24 a year in payer-mix margin.");
  });

  it('lists the drugs that become and stop being underwater', () => {
    expect(run.out).toContain('Become underwater in 2026Q1: none');
    expect(run.out).toContain('Stop being underwater in 2026Q1: Q5121 Avsola (infliximab-axxq) (MEDICARE, COMMERCIAL, mix)');
  });
});

describe('the same file as the embedded quarter', () => {
  it('says there is no change', async () => {
    const run = await importAsp(JAN_2026);
    expect(run.code).toBe(0);
    expect(run.out).toContain('This file is the embedded quarter 2026Q1: the same effective period and the same 877 rows. No change.');
    expect(run.out).not.toContain('Impact on');
  });
});

describe('a newer file', () => {
  // The January 2026 file re-dated to April 2026, with infliximab at 33.000 and the row of J0897 dropped.
  const april = janText
    .replace('Effective January 1, 2026 through March 31, 2026', 'Effective April 1, 2026 through June 30, 2026')
    .replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423,', 'J1745,Infliximab not biosimil 10mg,10 MG,33.000,')
    .replace(/^J0897,.*\r\n/m, '');

  it('compares forward from the embedded quarter and reports a drug the new file does not price', async () => {
    const run = await importAsp(write('april.csv', april), '--scenario', scenarioFile);
    expect(run.code).toBe(0);
    expect(run.out).toContain('This file is newer than the embedded quarter 2026Q1: changes run from 2026Q1 (embedded) to 2026Q2 (this file).');
    expect(run.out).toContain('Codes 2026Q1 -> 2026Q2: 877 -> 876 rows; 0 added; 1 removed (J0897); 1 payment limits changed.');
    // 33.000 - 32.423 = 0.577 x 40 = 23.08; x 141 = 3,254.28.
    expect(rowOf(run.out, 'J1745 Remicade').slice(0, 8)).toEqual(['J1745 Remicade (infliximab)', '32.423', '33.000', '+0.577', '40', '+$23.08', '141.0', '+$3,254.28']);
    expect(rowOf(run.out, 'J0897 Prolia').slice(1, 3)).toEqual(['29.457', 'not priced']);
    expect(run.out).toContain('Not priced: J0897 Prolia (denosumab) in 2026Q2 (J0897 has no payment limit in 2026Q2)');
  });

  it('reads the same file as an xlsx workbook', async () => {
    const xlsx = write('april.xlsx', await paymentLimitXlsx(april));
    const run = await importAsp(xlsx, '--scenario', scenarioFile, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as {
      file: string; quarter: string; rows: number; direction: string;
      codes: { removed: string[] };
      impact: { drugs: { hcpcs: string; change: { perAdministration: number; perYear: number } | null }[] };
    };
    expect([json.file, json.quarter, json.rows, json.direction, json.codes.removed]).toEqual(['april.xlsx', '2026Q2', 876, 'newer', ['J0897']]);
    expect(json.impact.drugs.find((d) => d.hcpcs === 'J1745')?.change).toMatchObject({ perAdministration: 23.08, perYear: 3254.28 });
  });
});

describe('bad files: exit 1, one line naming the file, the row and the problem, nothing on stdout', () => {
  // J1745 is row 323 of the January 2026 file as a spreadsheet counts rows: line 324 of the text, since the
  // quoted description of A9606 on row 52 spans two lines (test/cms/payment-limit.test.ts).
  const refused = async (file: string): Promise<string> => {
    const run = await importAsp(file);
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err.split('\n')).toHaveLength(1);
    return run.err;
  };

  it('refuses a negative payment limit', async () => {
    const file = write('negative.csv', janText.replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423,', 'J1745,Infliximab not biosimil 10mg,10 MG,-3.2,'));
    expect(await refused(file)).toBe('infusion-planner import-asp: payment limit file "negative.csv", row 323: payment limit "-3.2" for J1745 is negative');
  });

  it('refuses a file cut off in the middle of a row', async () => {
    const cut = janText.slice(0, janText.indexOf('J1745,Infliximab') + 'J1745,Infliximab not biosimil'.length);
    expect(await refused(write('cut.csv', cut))).toBe(
      'infusion-planner import-asp: payment limit file "cut.csv", row 323: the row has 2 columns where the header has 11 up to "Notes": it is cut short (truncated file?)',
    );
  });

  it('refuses a crosswalk given where a payment limit file is expected', async () => {
    expect(await refused(CROSSWALK)).toMatch(/^infusion-planner import-asp: payment limit file "section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121725\.csv", row 9: this is an ASP NDC-HCPCS crosswalk/);
  });

  it('refuses an empty file and a missing one', async () => {
    expect(await refused(write('empty.csv', ''))).toBe('infusion-planner import-asp: payment limit file "empty.csv", row 1: the file is empty');
    expect(await refused(path.join(dir, 'nowhere.csv'))).toBe(`infusion-planner import-asp: cannot read CMS file "${path.join(dir, 'nowhere.csv')}": ENOENT`);
  });
});

describe('arguments', () => {
  it('needs exactly one FILE (exit 2)', async () => {
    expect(await importAsp()).toEqual({ code: 2, out: '', err: 'infusion-planner import-asp: needs the FILE to import (a CMS payment limit file, CSV or xlsx) (see --help)' });
    expect((await importAsp(JAN_2026, OCT_2025)).code).toBe(2);
  });

  it('refuses a scenario file that is not valid, with exit 1', async () => {
    const run = await importAsp(OCT_2025, '--scenario', write('bad.json', JSON.stringify({ ...workedScenario, payers: [] })));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^infusion-planner import-asp: scenario file ".*bad\.json" is not valid/);
  });

  it('uses the embedded sample scenario by default', async () => {
    const run = await importAsp(OCT_2025);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Impact on "Specialty infusions: base case (illustrative)" (the embedded sample scenario), 2025Q4 -> 2026Q1, fee schedule CY2026:');
    // The sample buys Avsola at $21.00 too: with the 2025Q4 limit of 20.405 it lost money for every payer
    // paying the payment limit or ASP + 15% (DOMAIN.md 2.7), and it does not with 23.811.
    expect(run.out).toContain('Stop being underwater in 2026Q1: Q5121 Avsola (infliximab-axxq) (MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, mix)');
  });
});

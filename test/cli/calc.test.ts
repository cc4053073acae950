/**
 * `infusion-planner calc FORMULA [--scenario FILE] [--asp FILE]`: formulas parsed as Excel writes them and
 * evaluated through the functions the host stand-in associated. Expected values are the worked examples of
 * test/functions/functions.test.ts (arithmetic there).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatNumber, parseFormula } from '../../src/cli/formula';
import { main } from '../../src/cli/main';

const CMS = path.join(__dirname, '../../../shared/cms/asp-pricing-files');
const OCT_2025 = path.join(CMS, 'section 508 version of Oct 2025 ASP Pricing File 091725.csv');

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function calc(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['calc', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'calc-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('values', () => {
  it('prints a margin as Excel shows it, exit 0', async () => {
    // DOMAIN.md 5.2 defaults: Medicare 0.974 x 1458.58 - 1223.50943396 = 197.14748604 -> 197.15; Commercial
    // 1649.54 x 0.9604 - 1223.50943396 = 360.70878204 -> 360.71.
    expect(await calc('=INFUSION.MARGIN("J1745", 400, "MEDICARE")')).toEqual({ code: 0, out: '197.15', err: '' });
    expect((await calc('=infusion.margin("Remicade",400,"COMMERCIAL")')).out).toBe('360.71');
  });

  it('passes an empty argument as omitted, and text with a doubled quote inside', async () => {
    // 210 minutes of a complex infusion, Medicare by default: 133.27 + 2 x 28.39 = 190.05.
    expect((await calc('=INFUSION.ADMINFEE("J1745",,210)')).out).toBe('190.05');
    expect((await calc('=INFUSION.ADMINCODES("J1745", 210)')).out).toBe('96413, 96415, 96415');
    // One character from J1745: DOMAIN.md 5.5's "did you mean".
    expect((await calc('=INFUSION.PAYMENTLIMIT("J17""45")')).out).toBe('#N/A Unknown drug "J17"45"; did you mean "J1745"?');
  });

  it('refuses a dose in the wrong measure, and warns on stderr about a doubtful dose or price (DOMAIN.md 5.5)', async () => {
    expect(await calc('=INFUSION.MARGIN("J1745", 0.4)')).toEqual({
      code: 1,
      out: '#VALUE! dose: 0.4 mg is under 10% of the label dose of 400 mg (5 mg/kg at 80 kg); doses are in mg',
      err: '',
    });
    // 150 / 400 = 37.5% -> 38%: warned, and the value printed.
    const low = await calc('=INFUSION.UNITS("J1745", 150)');
    expect(low.out).toBe('15');
    expect(low.err).toBe('warning: dose: 150 mg is 38% of the label dose of 400 mg (5 mg/kg at 80 kg); check the dose is in mg');
    // A Prolia syringe price typed per mg unit: 1632 / 29.457 = 55.4x the payment limit. 60 x 1632 = 97920.
    const price = await calc('=INFUSION.COST("Prolia", 60, 1632)');
    expect(price.out).toBe('97920');
    expect(price.err).toMatch(/^warning: acquisitionPerUnit: \$1632 per unit is 55\.4x the payment limit of \$29\.457 per 1 MG/);
    expect((await calc('=INFUSION.MARGIN("Remicaid", 400)')).out).toBe('#N/A Unknown drug "Remicaid"; did you mean "Remicade"?');
  });

  it('takes array constants for ranges: a row of payers and a column of weights', async () => {
    // 0.5 x 197.14748604 + 0.5 x 360.70878204 = 278.92813404 -> 278.93
    expect((await calc('=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE","COMMERCIAL"}, {0.5;0.5})')).out).toBe('278.93');
    expect((await calc('=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE","COMMERCIAL"}, {50%,50%})')).out).toBe('278.93');
  });

  it('reads numbers with signs, decimals and exponents', async () => {
    expect((await calc('INFUSION.UNITS("J1745", 3.05e2)')).out).toBe('31');
    expect((await calc('=INFUSION.UNITS("J1745", -305)')).out).toBe('#VALUE! dose: must be a positive amount, not -305');
  });
});

describe('spilled results', () => {
  it('prints the payer table as tab-separated rows', async () => {
    const r = await calc('=INFUSION.PAYERS()');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').map((l) => l.split('\t'));
    expect(rows).toHaveLength(6);
    expect(rows[0]?.[0]).toBe('Payer');
    expect(rows[4]).toEqual(['COMMERCIAL', 'Commercial', 'ASP + 15%', '1.5', '0.2', '0.2', '0', '0.9', '0.02', 'TRUE', '45', 'buy and bill', 'built-in default']);
  });

  it('prints the drugs of one area', async () => {
    const rows = (await calc('=INFUSION.DRUGS("MS")')).out.split('\n');
    expect(rows[0]?.startsWith('HCPCS\tGeneric name\t')).toBe(true);
    expect(rows.slice(1).map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(['J2350', 'J2323']));
  });
});

describe('Excel errors', () => {
  it('prints the code and the message, exit 1', async () => {
    expect(await calc('=INFUSION.MARGIN("J9999", 400)')).toEqual({ code: 1, out: '#N/A Unknown drug "J9999"', err: '' });
    expect(await calc('=INFUSION.UNITS("J1745", TRUE)')).toEqual({ code: 1, out: '#VALUE! dose: must be a number, not TRUE', err: '' });
    expect((await calc('=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE","COMMERCIAL"}, {0.5,0.4})')).out).toBe('#VALUE! weights: sum to 0.9, must sum to 1');
    expect((await calc('=INFUSION.DRUGS("dermatology")')).code).toBe(1);
  });

  it('answers #NAME? for a function the namespace does not have', async () => {
    const r = await calc('=INFUSION.PROFIT("J1745")');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^#NAME\? INFUSION\.PROFIT is not a function \(functions: ADMINCODES, /);
  });

  it('refuses more arguments than the function takes, as Excel does', async () => {
    const r = await calc('=INFUSION.SOURCE(1)');
    expect(r.code).toBe(2);
    expect(r.err).toContain('INFUSION.SOURCE takes at most 0 arguments, got 1');
  });
});

describe('syntax errors name the column of the problem, exit 2', () => {
  it.each([
    // "=INFUSION.MARGIN(" is 17 characters, "J1745" ends at 24, a space at 25, the 4 at 26.
    ['=INFUSION.MARGIN("J1745" 400)', 26, 'expected "," or ")"'],
    ['=INFUSION.MARGIN("J1745", 400', 30, 'expected "," or ")" before the end of the formula'],
    ['=INFUSION.DOSE("J1745)', 16, 'text not closed: expected a closing "'],
    ['=INFUSION.DOSE(J1745)', 16, 'expected an argument, not the name "J1745" (text goes in double quotes)'],
    ['=SUM(1, 2)', 2, 'expected a function of the INFUSION namespace, like INFUSION.MARGIN, not "SUM"'],
    ['=INFUSION.MARGIN("J1745", 400) + 1', 32, 'expected the end of the formula after ")"'],
    ['=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE";"COMMERCIAL",1}, 1)', 61, 'array rows differ in length: row 1 has 1 values, row 2 has 2'],
    ['=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE",}, 1)', 47, 'expected a number, text, TRUE or FALSE in the array'],
    ['=INFUSION.UNITS("J1745", 1e999)', 26, 'number out of range: 1e999'],
  ])('%s: col %i', async (formula, column, problem) => {
    const r = await calc(formula);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const [first, echo, caret] = r.err.split('\n');
    expect(first).toBe(`infusion-planner calc: col ${column}: ${problem}`);
    expect(echo).toBe(`  ${formula}`);
    expect(caret?.indexOf('^')).toBe(column + 1);
  });

  it('needs exactly one formula', async () => {
    expect((await calc()).code).toBe(2);
    expect((await calc('=INFUSION.SOURCE()', 'extra')).err).toContain('takes one FORMULA (quote it), got 2 arguments');
  });
});

describe('--scenario FILE', () => {
  type Payer = { id: string; weight: number } & Record<string, unknown>;
  /** The sample scenario with its payers edited. */
  const scenario = (edit: (payers: Payer[]) => Payer[]): string => {
    const file = path.join(dir, `scenario-${Math.random().toString(36).slice(2)}.json`);
    const sample = JSON.parse(readFileSync(path.join(__dirname, '../../examples/sample-scenario.json'), 'utf8')) as { payers: Payer[] };
    writeFileSync(file, JSON.stringify({ ...sample, payers: edit(sample.payers) }));
    return file;
  };

  it("puts the scenario's payer profiles in reach of the formula: ACME_PPO on COMMERCIAL at ASP + 12%", async () => {
    // The sample's commercial share 0.27 split: 0.17 COMMERCIAL, 0.10 ACME_PPO.
    const file = scenario((payers) => [
      ...payers.map((p) => (p.id === 'COMMERCIAL' ? { ...p, weight: 0.17 } : p)),
      { id: 'ACME_PPO', name: 'Acme PPO', weight: 0.1, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 } },
    ]);
    // Drug 30.58773585 x 1.12 x 40 = 1370.330566 -> 1370.33; admin at 150% 242.50; allowed 1612.83; x 0.9604 (COMMERCIAL's
    // 90% collection, 2% write-off) = 1548.961932; - 1223.50943396 = 325.45249804 -> 325.45.
    expect(await calc('=INFUSION.MARGIN("J1745", 400, "ACME_PPO")', '--scenario', file)).toEqual({ code: 0, out: '325.45', err: '' });
    // 0.7 x 197.14748604 + 0.3 x 325.45249804 = 138.00324023 + 97.63574941 = 235.63898964 -> 235.64
    expect((await calc('=INFUSION.MIXMARGIN("J1745", 400, {"MEDICARE","ACME_PPO"}, {0.7,0.3})', '--scenario', file)).out).toBe('235.64');
  });

  it('forgets the payers of an earlier run', async () => {
    expect((await calc('=INFUSION.MARGIN("J1745", 400, "ACME_PPO")')).out).toBe('#N/A Unknown payer "ACME_PPO"');
  });

  it('refuses an invalid scenario with its validation messages', async () => {
    const file = scenario((payers) => payers.map((p, i) => (i === 0 ? { ...p, weight: 1.5 } : p)));
    const r = await calc('=INFUSION.SOURCE()', '--scenario', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not valid');
    expect(r.err).toContain('payers[0].weight');
  });
});

describe('--asp FILE', () => {
  it('adds a real CMS file as a quarter: the October 2025 file prices a code the embedded history lacks', async () => {
    // The embedded 2025Q4 quarter holds the catalog codes only; the full file has bevacizumab J9035 at 73.201.
    expect((await calc('=INFUSION.PAYMENTLIMIT("J9035", "2025Q4")')).out).toBe('#N/A J9035 has no payment limit in 2025Q4');
    expect(await calc('=INFUSION.PAYMENTLIMIT("J9035", "2025Q4")', '--asp', OCT_2025)).toEqual({ code: 0, out: '73.201', err: '' });
    // An older file does not displace the newest quarter as the default.
    expect((await calc('=INFUSION.PAYMENTLIMIT("J9035")', '--asp', OCT_2025)).out).toBe('73.632');
  });

  it('fails with the reason when the file cannot be read or parsed', async () => {
    const missing = await calc('=INFUSION.SOURCE()', '--asp', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read CMS file');
    const junk = path.join(dir, 'junk.csv');
    writeFileSync(junk, 'not,a,cms,file\n1,2,3,4\n');
    const bad = await calc('=INFUSION.SOURCE()', '--asp', junk);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('junk.csv');
  });
});

describe('formula parser and number format', () => {
  it('shapes arguments as Excel passes them', () => {
    expect(parseFormula('=INFUSION.MIXMARGIN("a""b", -1.5e-1, {1,2;3,4}, , TRUE)')).toEqual({
      name: 'MIXMARGIN',
      args: ['a"b', -0.15, [[1, 2], [3, 4]], null, true],
    });
    expect(parseFormula(' = INFUSION.PAYERS ( ) ')).toEqual({ name: 'PAYERS', args: [] });
  });

  it.each([
    [211.73, '211.73'],
    [0.1 + 0.2, '0.3'],
    [6.5, '6.5'],
    [-0, '0'],
    [1e21, '1E+21'],
    [1.5e-7, '1.5E-07'],
    [123456789012, '123456789012'],
  ])('shows %p as %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });
});

/**
 * DOMAIN.md 5.1 and 5.4: the scenario's drugs of its own and per-drug drug sources apply through --scenario.
 * The arithmetic is test/functions/scenario-drugs.test.ts's, restated: MEDICARE net = A x 0.974; COMMERCIAL
 * net = A x (0.8 + 0.2 x 0.9) x 0.98 = A x 0.9604; CY2026 96413 = 133.27, 96415 = 28.39.
 */
describe('calc --scenario with drugs of its own and per-drug drug sources', () => {
  let file: string;
  beforeAll(() => {
    type Drug = { hcpcs: string } & Record<string, unknown>;
    const sample = JSON.parse(readFileSync(path.join(__dirname, '../../examples/sample-scenario.json'), 'utf8')) as { drugs: Drug[] };
    const drugs: Drug[] = [
      // Entyvio: 40% of COMMERCIAL's patients white-bagged (payer id in lower case, as the file accepts it).
      ...sample.drugs.map((d) => (d.hcpcs === 'J3380' ? { ...d, drugSources: [{ payer: 'commercial', source: 'buy_and_bill', whiteBagShare: 0.4 }] } : d)),
      // Lemtrada, a drug of the user's own (code in lower case).
      {
        hcpcs: 'j0202',
        newPatientsPerMonth: 0.5,
        rampMonths: 0,
        distributorVerified: false,
        custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 },
      },
    ];
    file = path.join(dir, 'scenario-drugs.json');
    writeFileSync(file, JSON.stringify({ ...sample, drugs }));
  });

  it('prices a drug of the scenario\'s own from its facts', async () => {
    // J0202 12 mg: 12 x 2447.102 = 29365.224 -> 29365.22; 240 min: 133.27 + 3 x 28.39 = 218.44;
    // net (29365.22 + 218.44) x 0.974 = 28814.48484; cost 29365.224 / 1.06 = 27703.04150943; margin 1111.44333 -> 1111.44.
    expect(await calc('=INFUSION.MARGIN("J0202", 12)', '--scenario', file)).toEqual({ code: 0, out: '1111.44', err: '' });
    // Without the scenario, the functions know none of its facts.
    const bare = await calc('=INFUSION.MARGIN("J0202", 12)');
    expect(bare.code).toBe(1);
    expect(bare.out).toMatch(/^#N\/A /);
  });

  it("applies the scenario's white-bagged share to that drug and payer", async () => {
    // Entyvio 300 mg COMMERCIAL, 60% bought: drug 0.6 x 6955.66 = 4173.396; net 4173.396 x 0.9604 + 199.91 x 0.9604
    // = 4008.1295184 + 191.993564 = 4200.1230824; cost 0.6 x 300 x 20.16132075 = 3629.03773585; margin 571.09.
    expect(await calc('=INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL")', '--scenario', file)).toEqual({ code: 0, out: '571.09', err: '' });
    // All bought without the scenario: 6955.66 x 0.9604 + 191.993564 - 6048.39622642 = 823.81320158 -> 823.81.
    expect((await calc('=INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL")')).out).toBe('823.81');
    // Mix: 0.5 x 326.01495358 (MEDICARE: 6544.57 x 0.974 - 6048.39622642) + 0.5 x 571.08534655 = 448.55.
    expect((await calc('=INFUSION.MIXMARGIN("J3380", 300, {"MEDICARE","COMMERCIAL"}, {0.5,0.5})', '--scenario', file)).out).toBe('448.55');
  });
});

/**
 * The built add-in, loaded the way Excel loads it: dist/functions.js runs in a fresh JavaScript context whose
 * host objects are a `CustomFunctions` stand-in (associate, Error, ErrorCode) and the page's `document` as far
 * as the script reads it, and dist/functions.json is the metadata Excel reads. `npm test` builds before jest; when dist/ is missing this test fails, it does not
 * skip. Expected values are the worked examples of functions.test.ts (arithmetic there).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { type CustomFunction, ERROR_CODES, StandInError } from '../../src/functions/host';
import { designFunctions } from './design';

const DIST = path.join(__dirname, '../../dist');

interface ParameterMetadata {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly optional?: boolean;
  readonly dimensionality?: string;
}

interface FunctionMetadata {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ParameterMetadata[];
  readonly result: { readonly dimensionality?: string; readonly type?: string };
}

function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!existsSync(full)) throw new Error(`dist/${file} is missing: run \`npm run build\` first (\`npm test\` builds before jest)`);
  return readFileSync(full, 'utf8');
}

const metadata = (JSON.parse(readDist('functions.json')) as { functions: FunctionMetadata[] }).functions;

/** Every associate(id, fn) call the bundle makes, in order. */
const associations: [string, CustomFunction][] = [];
const standIn = {
  Error: StandInError,
  ErrorCode: ERROR_CODES,
  associate(idOrMappings: string | Record<string, CustomFunction>, fn?: CustomFunction): void {
    if (typeof idOrMappings === 'string') associations.push([idOrMappings, fn as CustomFunction]);
    else for (const [id, f] of Object.entries(idOrMappings)) associations.push([id, f]);
  },
};
// Excel loads functions.js with a <script> tag of taskpane.html (shared runtime); webpack's runtime in it reads
// the script's own URL (document.currentScript) to find the task pane's lazily loaded chunks.
const page = {
  currentScript: { tagName: 'SCRIPT', src: 'https://localhost:3000/functions.js' },
  getElementsByTagName: (): unknown[] => [],
};
vm.runInContext(readDist('functions.js'), vm.createContext({ CustomFunctions: standIn, document: page }), { filename: 'dist/functions.js' });

const associated = new Map<string, CustomFunction>();
for (const [id, fn] of associations) if (!associated.has(id.toUpperCase())) associated.set(id.toUpperCase(), fn);
const call = (id: string, ...args: unknown[]): unknown => (associated.get(id) as CustomFunction)(...args);
const shown = (r: unknown): unknown => (r instanceof StandInError ? `${r.code} ${r.message ?? ''}` : r);

describe('dist/functions.js as Excel loads it', () => {
  it('associates every id of dist/functions.json when the script loads, and nothing else', () => {
    expect([...associated.keys()].sort()).toEqual(metadata.map((f) => f.id).sort());
  });

  it('associates each id exactly once (Excel warns about an id associated twice)', () => {
    // The metadata plugin appends one associate call per id; the module itself registers nothing in the bundle.
    const ids = associations.map(([id]) => id.toUpperCase());
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBe(metadata.length);
  });

  it("declares exactly DESIGN.md's functions, argument names, order and optional flags", () => {
    const design = designFunctions();
    expect(design).toHaveLength(21);
    expect(metadata.map((f) => f.id).sort()).toEqual(design.map((f) => f.id).sort());
    for (const d of design) {
      const m = metadata.find((f) => f.id === d.id) as FunctionMetadata;
      expect({ id: m.id, parameters: m.parameters.map((p) => ({ name: p.name, optional: p.optional === true })) }).toEqual({ id: d.id, parameters: d.parameters });
    }
  });

  it('has implementations taking as many parameters as the metadata declares', () => {
    for (const m of metadata) expect({ id: m.id, length: (associated.get(m.id) as CustomFunction).length }).toEqual({ id: m.id, length: m.parameters.length });
  });

  it('spills DRUGS and PAYERS, and returns one value from every other function', () => {
    for (const m of metadata) expect({ id: m.id, matrix: m.result.dimensionality === 'matrix' }).toEqual({ id: m.id, matrix: m.id === 'DRUGS' || m.id === 'PAYERS' });
  });

  it('describes every function once (no copied tooltip) and every parameter with its unit', () => {
    const descriptions = metadata.map((m) => m.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const d of descriptions) expect(d.length).toBeGreaterThan(30);
    const unit: Record<string, RegExp> = {
      drug: /HCPCS code .*generic or brand name.*reference product/,
      dose: /billing measure \(mg, mcg or units/,
      quarter: /"2026Q1"/,
      weightKg: /in kg/,
      minutes: /in minutes/,
      payer: /MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY/,
      acquisitionPerUnit: /per billing unit, in dollars/,
      payers: /row or column of payer/,
      weights: /fractions summing to 1/,
      year: /Year of therapy/,
      area: /Therapeutic area/,
      deductibleRemaining: /in dollars/,
      outOfPocketRemaining: /in dollars/,
      deductible: /in dollars/,
      outOfPocketMax: /in dollars/,
    };
    for (const m of metadata) {
      for (const p of m.parameters) {
        expect({ id: m.id, parameter: p.name, description: p.description }).toEqual({ id: m.id, parameter: p.name, description: expect.stringMatching(unit[p.name] as RegExp) });
      }
    }
  });

  it('lets an empty cell reach optional numbers as empty: their type is any, not number', () => {
    for (const m of metadata) {
      for (const p of m.parameters) if (['weightKg', 'minutes', 'acquisitionPerUnit', 'year', 'deductibleRemaining', 'outOfPocketRemaining', 'deductible', 'outOfPocketMax'].includes(p.name)) expect(p.type).toBe('any');
    }
  });

  it('gives the worked examples through the associated functions', () => {
    // DOMAIN.md 5.2 revised defaults (issue 10): the figures of functions.test.ts, arithmetic there.
    expect(call('PAYMENTLIMIT', 'J1745', null)).toBe(32.423);
    expect(call('ASP', 'Avsola', null)).toBe(21.364);
    expect(call('DOSE', 'infliximab', null)).toBe(400);
    expect(call('UNITS', 'J1745', 305)).toBe(31);
    expect(call('WASTE', 'J1745', 305)).toBe(9);
    expect(call('VIALS', 'J3262', 300)).toBe(4);
    expect(call('ADMINCODES', 'J1745', 210)).toBe('96413, 96415, 96415');
    expect(call('ADMINFEE', 'J1745', null, 210)).toBe(190.05);
    expect(call('ALLOWED', 'J1745', 400, null, null)).toBe(1458.58);
    // DOMAIN.md 5.1-5.2 (worked in test/functions/functions.test.ts): self-pay on free drug pays 6% of the
    // administration, 0.06 x 161.66 = 9.70; Medicare keeps 0.974 of 1458.58 = 1420.65692 - 1223.50943 = 197.15;
    // commercial 1649.54 x 0.9604 - 1223.50943 = 360.71; recovery 0.974 x 1.06 = 1.03244; mix (197.15 + 360.71) / 2.
    expect(call('REVENUE', 'J1745', 400, 'SELF_PAY', null)).toBe(9.7);
    expect(call('COST', 'J1745', 400, null)).toBe(1223.51);
    expect(call('MARGIN', 'J1745', 400, 'MEDICARE', null, null)).toBe(197.15);
    expect(call('MARGIN', 'Remicade', 400, 'COMMERCIAL', null, null)).toBe(360.71);
    expect(call('RECOVERY', 'J1745', 400, null, null)).toBe(1.03244);
    expect(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5], [0.5]], null)).toBe(278.93);
    expect(call('ADMINISTRATIONS', 'J1745', 2)).toBe(6.5);
    // Rituxan for RA in courses (DOMAIN.md 5.3): 6 in year one.
    expect(call('ADMINISTRATIONS', 'Rituxan', 1)).toBe(6);
    expect(call('CHAIRHOURS', 'Ocrevus', null)).toBe(4.5);
    // The 43 catalog products (DOMAIN.md 5.4) below a header row.
    expect((call('DRUGS', null) as unknown[][]).length).toBe(44);
    expect((call('PAYERS') as unknown[][])[4]?.[2]).toBe('ASP + 15%');
    expect(call('SOURCE')).toContain('Effective January 1, 2026 through March 31, 2026');
    // patient.test.ts: 518.11 (Medicare, $283 deductible left); 2,560.08 (Medicare year 1); 9,250 (the 2026 MA MOOP limit).
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', 283, null, null)).toBe(518.11);
    expect(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', null, null, null)).toBe(2560.08);
    expect(call('PATIENTYEAR', 'Ocrevus', 600, 'MEDICARE_ADVANTAGE', null, null, null)).toBe(9250);
  });

  it('returns errors as values with messages', () => {
    expect(shown(call('MARGIN', 'J9999', 400, null, null, null))).toBe('#N/A Unknown drug "J9999"');
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5, 0.4]], null))).toBe('#VALUE! weights: sum to 0.9, must sum to 1');
  });
});

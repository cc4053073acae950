import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceData as embeddedData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { BUILTIN_PAYER_IDS } from '../../src/engine/payers';
import { findCatalogDrug } from '../../src/scenario/lookup';
import { formatIssue, loadScenario, resolveScenario, sampleScenario, validateScenario } from './imports';
import { catalog, referenceData } from './fixture';

const EXAMPLE_FILE = join(__dirname, '..', '..', 'examples', 'sample-scenario.json');
const exampleText = `${JSON.stringify(sampleScenario, null, 2)}\n`;

describe('the sample scenario', () => {
  it('validates against the reference data', () => {
    const result = validateScenario(sampleScenario, referenceData);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([]);
  });

  it('is JSON data: a round trip through JSON changes nothing', () => {
    expect(JSON.parse(JSON.stringify(sampleScenario))).toEqual(sampleScenario);
  });

  it('is an invented community oncology practice adding ten catalog drugs across at least four therapeutic areas', () => {
    expect(sampleScenario.practiceName).toBe('Riverbend Community Oncology');
    expect(sampleScenario.drugs).toHaveLength(10);
    const areas = new Set(sampleScenario.drugs.map((d) => findCatalogDrug(referenceData, d.hcpcs)?.area));
    expect(areas.size).toBeGreaterThanOrEqual(4);
    expect(sampleScenario.drugs.map((d) => d.hcpcs)).toEqual(
      expect.arrayContaining(['Q5121', 'J1745', 'J3380', 'J2350', 'J0897', 'J1439']),
    );
  });

  it('has between 0.5 and 3 new patients a month per drug and a 6-month ramp', () => {
    for (const drug of sampleScenario.drugs) {
      expect(drug.newPatientsPerMonth).toBeGreaterThanOrEqual(0.5);
      expect(drug.newPatientsPerMonth).toBeLessThanOrEqual(3);
      expect(drug.rampMonths).toBe(6);
    }
  });

  it('uses the five built-in payers at 40/20/10/27/3', () => {
    expect(sampleScenario.payers.map((p) => [p.id, p.weight])).toEqual([
      ['MEDICARE', 0.4],
      ['MEDICARE_ADVANTAGE', 0.2],
      ['MEDICAID', 0.1],
      ['COMMERCIAL', 0.27],
      ['SELF_PAY', 0.03],
    ]);
    expect(sampleScenario.payers.map((p) => p.id)).toEqual([...BUILTIN_PAYER_IDS]);
  });

  it('runs 4 chairs 9 hours 21 days, about $60k startup, 6 + 36 months at 8%', () => {
    const p = sampleScenario.program;
    expect([p.chairs, p.hoursPerDay, p.daysPerMonth, p.startupCosts, p.planningMonths, p.horizonMonths, p.discountRate]).toEqual([
      4, 9, 21, 60000, 6, 36, 0.08,
    ]);
    expect(p.fixedCosts.find((c) => c.name.startsWith('Infusion RN, 1.0 FTE'))?.monthly).toBe(9000);
  });

  it('resolves and runs through the engine, leaving the program within chair capacity', () => {
    const results = runModel(new ReferenceBook(referenceData), resolveScenario(sampleScenario, referenceData));
    expect(results.drugs).toHaveLength(10);
    expect(results.months.length).toBeGreaterThan(0);
    expect(results.summary.monthsOverCapacity).toEqual([]);
    expect(results.summary.npv.isFinite()).toBe(true);
  });

  it(`equals examples/sample-scenario.json (UPDATE_EXAMPLES=1 npx jest test/scenario/sample rewrites it)`, () => {
    if (process.env['UPDATE_EXAMPLES'] === '1') writeFileSync(EXAMPLE_FILE, exampleText);
    const fileText = readFileSync(EXAMPLE_FILE, 'utf8');
    expect(fileText).toBe(exampleText);
    expect(loadScenario(JSON.parse(fileText) as unknown, referenceData)).toEqual({ ok: true, scenario: sampleScenario, fromVersion: 1 });
  });
});

describe('with the embedded reference data (src/data)', () => {
  it('the sample loads, resolves at the newest quarter and runs through the engine', () => {
    const loaded = loadScenario(sampleScenario, embeddedData);
    expect(loaded.ok ? [] : loaded.errors.map(formatIssue)).toEqual([]);
    const input = resolveScenario(sampleScenario, embeddedData);
    expect(input.quarter).toBe('2026Q1');
    const results = runModel(new ReferenceBook(embeddedData), input);
    expect(results.summary.npv.isFinite()).toBe(true);
  });

  it('holds the same catalog facts as the test fixture (label notes and regimen sources aside)', () => {
    for (const drug of catalog) {
      const embedded = embeddedData.catalog.find((d) => d.hcpcs === drug.hcpcs);
      const regimen = { ...embedded?.regimen };
      delete regimen.source;
      expect({ ...embedded, regimen, labelNote: '' }).toEqual({ ...drug, labelNote: '' });
    }
  });
});

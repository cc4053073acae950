/**
 * The task pane's logic without a browser: what a field accepts and how it says no, the catalog search,
 * scenario edits, the Inputs tables codec (round trip and what a user may type there), and the results.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { loadScenario, sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { fullScenario } from '../scenario/fixture';
import { TABLES, cellOfPath, decodeTables, encodeScenario, sameScenario } from '../../src/taskpane/model/inputs-codec';
import { checksum, isInfusionFormula } from '../../src/taskpane/excel/freeze';
import { holdReason, starterScenario } from '../../src/taskpane/app/planner';
import { cannotAdd, searchCatalog } from '../../src/taskpane/model/catalog';
import {
  addCustomPayer,
  addDrug,
  payerIdFor,
  priorAuthPayersOf,
  removePayer,
  setDrugNumber,
  setPayerWeight,
  setPriorAuth,
} from '../../src/taskpane/model/edit';
import { FIELDS, allowedText, formatField, parseField } from '../../src/taskpane/model/fields';
import { computeResults, mixSum } from '../../src/taskpane/model/results';

const book = new ReferenceBook(referenceData);

describe('fields', () => {
  it('takes a percentage as typed and stores the exact fraction', () => {
    expect(parseField('27', FIELDS.weight)).toEqual({ ok: true, value: 0.27 });
    expect(parseField(' 27 % ', FIELDS.weight)).toEqual({ ok: true, value: 0.27 });
    expect(parseField('0.1', FIELDS.weight)).toEqual({ ok: true, value: 0.001 });
    expect(formatField(0.27, FIELDS.weight)).toBe('27');
    expect(formatField(0.07, FIELDS.weight)).toBe('7');
  });

  it('takes dollars with a sign and thousands separators', () => {
    expect(parseField('$1,250.50', FIELDS.monthly)).toEqual({ ok: true, value: 1250.5 });
  });

  it('refuses what a field cannot take, saying what is allowed', () => {
    expect(parseField('150', FIELDS.weight)).toEqual({ ok: false, message: 'Enter a percentage from 0 to 100.' });
    expect(parseField('abc', FIELDS.newPatientsPerMonth)).toEqual({ ok: false, message: 'Enter a number of patients of 0 or more.' });
    expect(parseField('-1', FIELDS.newPatientsPerMonth)).toEqual({ ok: false, message: 'Enter a number of patients of 0 or more.' });
    expect(parseField('2.5', FIELDS.rampMonths)).toEqual({ ok: false, message: 'Enter a whole number of months of 0 or more.' });
    expect(parseField('0', FIELDS.chairs)).toEqual({ ok: false, message: 'Enter a whole number of chairs of 1 or more.' });
    expect(parseField('0', FIELDS.hoursPerDay)).toEqual({ ok: false, message: 'Enter a number of hours greater than 0 and at most 24.' });
    expect(parseField('1e3', FIELDS.monthly)).toEqual({ ok: false, message: 'Enter a dollar amount of 0 or more.' });
    expect(parseField('', FIELDS.chairs)).toEqual({ ok: false, message: 'Required. Enter a whole number of chairs of 1 or more.' });
  });

  it('takes an empty optional field as "use the default"', () => {
    expect(parseField('', FIELDS.acquisitionPerUnit)).toEqual({ ok: true, value: undefined });
    expect(allowedText(FIELDS.acquisitionPerUnit)).toBe('Enter a dollar amount of 0 or more, or leave it empty for the default.');
  });
});

describe('catalog search', () => {
  it('finds by brand, generic, HCPCS code and area', () => {
    const first = (q: string) => searchCatalog(referenceData.catalog, q).map((f) => f.reference.hcpcs);
    expect(first('Remicade')).toEqual(['J1745']);
    expect(first('vedolizumab')).toEqual(['J3380']);
    expect(first('j3380')).toEqual(['J3380']);
    expect(first('osteoporosis')).toEqual(['J0897', 'J3489', 'J3111']);
  });

  it('offers biosimilars beside their reference product, whichever member matched', () => {
    const [family, ...rest] = searchCatalog(referenceData.catalog, 'Avsola');
    expect(rest).toEqual([]);
    expect(family?.reference.hcpcs).toBe('J1745');
    expect(family?.biosimilars.map((d) => d.hcpcs)).toEqual(['Q5103', 'Q5104', 'Q5121']);
  });

  it('says why a drug cannot be added', () => {
    const avsola = referenceData.catalog.find((d) => d.hcpcs === 'Q5121');
    if (!avsola) throw new Error('no Q5121');
    expect(cannotAdd(referenceData, book.newestQuarter, avsola, new Set(['Q5121']))).toBe('In the formulary');
    expect(cannotAdd(referenceData, book.newestQuarter, avsola, new Set())).toBeNull();
  });
});

describe('scenario edits', () => {
  it('adds a drug once, with one patient a month over six months, supply not yet verified', () => {
    const s = addDrug(addDrug(starterScenario(), 'J3380'), 'J3380');
    expect(s.drugs).toEqual([{ hcpcs: 'J3380', newPatientsPerMonth: 1, rampMonths: 6, distributorVerified: false }]);
  });

  it('removes an optional field to bring its default back', () => {
    const s = setDrugNumber(setDrugNumber(sampleScenario, 'Q5121', 'acquisitionPerUnit', 22), 'Q5121', 'acquisitionPerUnit', undefined);
    expect(s.drugs.find((d) => d.hcpcs === 'Q5121')).not.toHaveProperty('acquisitionPerUnit');
  });

  it('names a custom payer with a unique upper-case id and adds it at 0% of the mix', () => {
    const s = addCustomPayer(sampleScenario, 'Acme PPO', 'COMMERCIAL', { kind: 'asp_plus', percent: 0.12 });
    expect(s.payers.at(-1)).toEqual({ id: 'ACME_PPO', name: 'Acme PPO', weight: 0, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 } });
    expect(payerIdFor(s, 'Acme PPO')).toBe('ACME_PPO_2');
    expect(payerIdFor(s, '1st Health')).toBe('PAYER_1ST_HEALTH');
    expect(payerIdFor(s, 'Medicare')).toBe('MEDICARE_2');
    expect(mixSum(s).ok).toBe(true);
  });

  it('keeps prior-authorization lists in the payers\' order and drops a removed payer from them', () => {
    let s = addCustomPayer(starterScenario(), 'Acme PPO', 'COMMERCIAL');
    s = addDrug(s, 'J3380');
    expect(priorAuthPayersOf(s, s.drugs[0]!)).toEqual(['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'ACME_PPO']);
    s = setPriorAuth(s, 'J3380', 'MEDICARE', false);
    s = setPriorAuth(s, 'J3380', 'SELF_PAY', true);
    expect(s.drugs[0]?.priorAuthPayers).toEqual(['MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY', 'ACME_PPO']);
    s = removePayer(s, 'ACME_PPO');
    expect(s.drugs[0]?.priorAuthPayers).toEqual(['MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY']);
  });

  it('holds a scenario back from the workbook while it is invalid, saying why', () => {
    expect(holdReason(starterScenario(), referenceData)).toBe('Add a drug to the formulary to save the scenario in the workbook.');
    const off = setPayerWeight(sampleScenario, 'COMMERCIAL', 0.17);
    expect(holdReason(off, referenceData)).toBe('The payer mix adds up to 90%; it must be 100% before the scenario is saved.');
    expect(holdReason(sampleScenario, referenceData)).toBeNull();
  });
});

describe('the Scenario sheet tables of the earlier version (read to move a scenario to the Inputs sheet)', () => {
  // Every field given (test/scenario/fixture.ts), in the embedded quarter, with a second drug and a fixed cost.
  const given = fullScenario();
  const full: Scenario = {
    ...given,
    // The tables never held the pointer to the JSON Schema.
    $schema: undefined,
    name: 'Everything',
    quarter: '2026Q1',
    feeScheduleYear: 2026,
    drugs: [...given.drugs, { hcpcs: 'Q5121', newPatientsPerMonth: 2, rampMonths: 6, wacPerUnit: 25, distributorVerified: false, priorAuthPayers: [] }],
    program: { ...given.program, fixedCosts: [{ name: 'RN', monthly: 9000 }] },
  };

  it('holds every field of the scenario format and gives the same scenario back', () => {
    for (const s of [full, sampleScenario]) {
      const loaded = loadScenario(decodeTables(encodeScenario(s)), referenceData);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
      expect(loaded.scenario).toEqual(s);
      expect(sameScenario(loaded.scenario, s)).toBe(true);
    }
  });

  it('reads what a user types in the tables: percent text, yes/no, ids in any case', () => {
    const tables = encodeScenario(sampleScenario);
    const payers = tables[TABLES.payers.name]!;
    const drugs = tables[TABLES.drugs.name]!;
    const edited = {
      ...tables,
      [TABLES.payers.name]: { ...payers, rows: payers.rows.map((r, i) => (i === 0 ? [r[0]!, r[1]!, '40%', ...r.slice(3)] : r)) },
      [TABLES.drugs.name]: {
        ...drugs,
        rows: drugs.rows.map((r, i) => (i === 0 ? [' q5121 ', ...r.slice(1, 11), 'YES', 'medicare_advantage; commercial'] : r)),
      },
    };
    const loaded = loadScenario(decodeTables(edited), referenceData);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.scenario.payers[0]?.weight).toBe(0.4);
    expect(loaded.scenario.drugs[0]).toMatchObject({ hcpcs: 'Q5121', distributorVerified: true, priorAuthPayers: ['MEDICARE_ADVANTAGE', 'COMMERCIAL'] });
  });

  it('names the table and column of a bad cell', () => {
    const tables = encodeScenario(sampleScenario);
    const drugs = tables[TABLES.drugs.name]!;
    const bad = { ...tables, [TABLES.drugs.name]: { ...drugs, rows: drugs.rows.map((r, i) => (i === 1 ? [r[0]!, r[1]!, r[2]!, 'lots', ...r.slice(4)] : r)) } };
    const loaded = loadScenario(decodeTables(bad), referenceData);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors[0]?.path).toBe('drugs[1].newPatientsPerMonth');
    expect(cellOfPath('drugs[1].newPatientsPerMonth')).toBe('table ipDrugs, row 2, column "New patients / month"');
    expect(cellOfPath('payers[0].weight')).toBe('table ipPayers, row 1, column "Mix share"');
    expect(cellOfPath('program.chairs')).toBe('table ipProgram, "Chairs"');
  });

  it('finds no scenario in a workbook without the tables', () => {
    expect(decodeTables({})).toBeNull();
  });
});

describe('results', () => {
  it('are the engine\'s, sorted by mix-weighted margin, underwater payers named', () => {
    const r = computeResults(sampleScenario, book, referenceData);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.mixOk).toBe(true);
    expect(r.drugs).toHaveLength(10);
    const margins = r.drugs.map((d) => d.mix?.margin ?? NaN);
    expect([...margins].sort((a, b) => b - a)).toEqual(margins);
    // DOMAIN.md 5.1: SELF_PAY patients get the drug free, so no drug is underwater for SELF_PAY.
    expect(r.drugs.some((d) => d.underwaterPayers.includes('SELF_PAY'))).toBe(false);
    expect(r.drugs[0]?.perPayer.find((p) => p.payerId === 'SELF_PAY')?.recovery).toBe('not applicable');
    expect(r.program?.cumulativeCash).toHaveLength(42);
    // DOMAIN.md 5.6: the sample prices every drug but Avsola ($21.00 contract) at the ASP default: 9 of 10.
    expect(r.atAspDefault).toBe(9);
    expect(r.warnings).toEqual([]);
  });

  it('warns, naming the field, about a doubtful dose or price and still computes (DOMAIN.md 5.5)', () => {
    // Remicade (drugs[1], J1745): 150 mg of 5 mg/kg x 80 kg = 400 mg is 37.5% -> "38%".
    const s = { ...sampleScenario, drugs: sampleScenario.drugs.map((d) => (d.hcpcs === 'J1745' ? { ...d, dose: 150 } : d)) };
    const r = computeResults(s, book, referenceData);
    if (!r.ok) throw new Error(r.problems.join('; '));
    const i = s.drugs.findIndex((d) => d.hcpcs === 'J1745');
    expect(r.warnings).toEqual([`drugs[${i}].dose: 150 mg is 38% of the label dose of 400 mg (5 mg/kg at 80 kg); check the dose is in mg`]);
  });

  it('show margins by payer but nothing mix-weighted while the mix is off', () => {
    const r = computeResults(setPayerWeight(sampleScenario, 'COMMERCIAL', 0.17), book, referenceData);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.mixOk).toBe(false);
    expect(r.mixPercent).toBe(90);
    expect(r.program).toBeNull();
    expect(r.drugs.every((d) => d.mix === null && d.perPayer.length === 5)).toBe(true);
    const full = computeResults(sampleScenario, book, referenceData);
    if (!full.ok) throw new Error('sample');
    const avsola = (x: typeof r) => (x.ok ? x.drugs.find((d) => d.hcpcs === 'Q5121')?.perPayer : undefined);
    expect(avsola(r)).toEqual(avsola(full));
  });

  it('name the problem when the scenario cannot run', () => {
    const r = computeResults(starterScenario(), book, referenceData);
    expect(r).toEqual({ ok: false, problems: ['drugs: must list at least one drug'] });
  });
});

describe('freezing', () => {
  it('recognises INFUSION calls anywhere in a formula, and only those', () => {
    expect(isInfusionFormula('=INFUSION.MARGIN("J1745",400)')).toBe(true);
    expect(isInfusionFormula('=ROUND(infusion.margin("J1745",400),0)')).toBe(true);
    expect(isInfusionFormula('=A1*2')).toBe(false);
    expect(isInfusionFormula('INFUSION.MARGIN')).toBe(false);
    expect(isInfusionFormula('=MYINFUSION.X()')).toBe(false);
  });

  it('tells changed values from unchanged ones', () => {
    expect(checksum([[1, 'a']])).toBe(checksum([[1, 'a']]));
    expect(checksum([[1, 'a']])).not.toBe(checksum([[2, 'a']]));
  });
});

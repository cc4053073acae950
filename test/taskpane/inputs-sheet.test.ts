/**
 * The scenario in the Inputs sheet and back (src/taskpane/excel/inputs-sheet.ts), without Excel: which edits
 * keep the board's layout, what a user's typing in the Inputs sheet means, and reading a whole scenario from
 * nothing but the sheet's cells, as the pane does when it opens a workbook.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { resolveScenario, sampleScenario, scenarioDefaultsApplied } from '../../src/scenario';
import { boardInputs, buildBoardPlan } from '../../src/workbook/board';
import type { Scenario } from '../../src/scenario/types';
import { type Grid, changedRuns, inputsModel, readInputEdits, readInputsSheet } from '../../src/taskpane/excel/inputs-sheet';
import { INPUTS_PROGRAM_HEADER, PROGRAM_KEYS } from '../../src/workbook/board/context';
import { createFakeExcel } from '../support/fake-excel/node';
import { addCustomPayer, addDrug, setDrugNumber, setPatientWeight, setPayerWeight } from '../../src/taskpane/model/edit';

const book = new ReferenceBook(referenceData);
const base = inputsModel(book, sampleScenario);

/** The written model's cells with some changed, as a user would leave the sheet. */
function typed(changes: readonly { row: number; col: number; value: unknown }[]): unknown[][] {
  const cells = base.cells.map((r) => [...r]) as unknown[][];
  for (const ch of changes) {
    if (ch.row < 0 || ch.col < 0) throw new Error('cell not found');
    (cells[ch.row] as unknown[])[ch.col] = ch.value;
  }
  return cells;
}

const rowOf = (first: unknown, nth = 0): number => base.cells.map((r, i) => (r[0] === first ? i : -1)).filter((i) => i >= 0)[nth] ?? -1;

/** The header row of a table of the Inputs sheet, found by its first cells. */
function headerRow(first: string, second: string): unknown[] {
  const row = base.cells.find((r) => r[0] === first && r[1] === second);
  if (!row) throw new Error(`no header ${first}, ${second}`);
  return row;
}

describe('the board Inputs sheet', () => {
  it('keeps its layout for edits of values, and not for a new drug or payer', () => {
    const priced = setDrugNumber(setPayerWeight(setPayerWeight(sampleScenario, 'MEDICARE', 0.3), 'COMMERCIAL', 0.37), 'J3380', 'acquisitionPerUnit', 18);
    const after = inputsModel(book, priced);
    expect(after.signature).toBe(base.signature);
    expect(after.cells).not.toEqual(base.cells);
    expect(inputsModel(book, addDrug(sampleScenario, 'J2323')).signature).not.toBe(base.signature);
    expect(inputsModel(book, addCustomPayer(sampleScenario, 'Acme PPO', 'COMMERCIAL')).signature).not.toBe(base.signature);
  });

  it('lays the Inputs sheet out exactly as the board does (the board runs the engine over every month)', () => {
    const input = resolveScenario(sampleScenario, referenceData);
    const board = buildBoardPlan(boardInputs(book, input, { applied: scenarioDefaultsApplied(sampleScenario, referenceData), scenario: sampleScenario }));
    const inputs = board.sheets.find((x) => x.name === 'Inputs');
    if (!inputs) throw new Error('no Inputs sheet');
    const cellsOf = (row: number): unknown[] => Array.from({ length: base.cells[0]?.length ?? 0 }, (_, c) => {
      const cell = inputs.rows[row]?.[c];
      return cell === undefined ? '' : cell.formula !== undefined ? `=${cell.formula}` : cell.value;
    });
    expect(base.cells.length).toBe(inputs.rows.length);
    base.cells.forEach((row, r) => {
      const expected = cellsOf(r);
      row.forEach((v, c) => {
        // Text that Excel would read as a number is written with an apostrophe; the board plan holds the text.
        if (typeof v === 'string' && v.startsWith("'")) expect(v.slice(1)).toBe(String(expected[c]));
        else if (typeof expected[c] === 'object' && expected[c] !== null) expect(v).toBe(Number(String(expected[c])));
        else expect(v).toBe(expected[c] === null ? '' : expected[c]);
      });
    });
  });

  it('finds nothing to read back when the sheet is as the pane wrote it', () => {
    expect(readInputEdits(sampleScenario, base, base.cells)).toBeNull();
  });

  it('reads a payer weight, a volume, a prior-authorization answer and a price typed over its default', () => {
    const payers = headerRow('Payer', 'Name');
    const weight = payers.indexOf('Weight');
    const patients = base.cells.find((r) => r.includes('New patients per month (at target)'))?.indexOf('New patients per month (at target)') ?? -1;
    const acquisition = base.cells.find((r) => r.includes('Acquisition $ per unit'))?.indexOf('Acquisition $ per unit') ?? -1;
    const paHeader = base.cells.find((r) => r[0] === 'HCPCS' && r.includes('MEDICARE_ADVANTAGE')) ?? [];
    // J3380 appears in the formulary, volume, prior-authorization and vial plan tables, in that order.
    const sheet = typed([
      { row: rowOf('COMMERCIAL'), col: weight, value: 0.17 },
      { row: rowOf('MEDICAID'), col: weight, value: 0.2 },
      { row: rowOf('J3380', 1), col: patients, value: 2.5 },
      { row: rowOf('J3380', 2), col: paHeader.indexOf('MEDICARE'), value: 'yes' },
      { row: rowOf('J3380', 0), col: acquisition, value: 18.5 },
    ]);
    const found = readInputEdits(sampleScenario, base, sheet);
    expect(found?.ignored).toEqual([]);
    const s = found?.scenario as Scenario;
    expect(s.payers.map((p) => [p.id, p.weight])).toEqual([
      ['MEDICARE', 0.4],
      ['MEDICARE_ADVANTAGE', 0.2],
      ['MEDICAID', 0.2],
      ['COMMERCIAL', 0.17],
      ['SELF_PAY', 0.03],
    ]);
    const j3380 = s.drugs.find((d) => d.hcpcs === 'J3380');
    expect(j3380?.newPatientsPerMonth).toBe(2.5);
    expect(j3380?.acquisitionPerUnit).toBe(18.5);
    expect(j3380?.priorAuthPayers).toEqual(['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL']);
    // Nothing else moved: the defaults the scenario left out are still left out.
    expect(s.drugs.filter((d) => d.hcpcs !== 'J3380')).toEqual(sampleScenario.drugs.filter((d) => d.hcpcs !== 'J3380'));
    expect(s.program).toEqual(sampleScenario.program);
  });

  it('reads a payer\'s drug rule from its words and figure', () => {
    const payers = headerRow('Payer', 'Name');
    const sheet = typed([{ row: rowOf('COMMERCIAL'), col: payers.indexOf('Drug figure'), value: 0.12 }]);
    expect(readInputEdits(sampleScenario, base, sheet)?.scenario.payers.find((p) => p.id === 'COMMERCIAL')?.drugRule).toEqual({ kind: 'asp_plus', percent: 0.12 });
  });

  it('reads a payer\'s drug source and white-bagged share (DOMAIN.md 5.1)', () => {
    const payers = headerRow('Payer', 'Name');
    const sheet = typed([
      { row: rowOf('COMMERCIAL'), col: payers.indexOf('White-bagged share (with buy and bill)'), value: 0.4 },
      { row: rowOf('SELF_PAY'), col: payers.indexOf('Drug source'), value: 'buy and bill' },
    ]);
    const read = readInputEdits(sampleScenario, base, sheet)?.scenario.payers;
    expect(read?.find((p) => p.id === 'COMMERCIAL')?.whiteBagShare).toBe(0.4);
    expect(read?.find((p) => p.id === 'SELF_PAY')?.drugSource).toBe('buy_and_bill');
  });

  it('names the cells it cannot read, and leaves their fields alone', () => {
    const payers = headerRow('Payer', 'Name');
    const sheet = typed([{ row: rowOf('COMMERCIAL'), col: payers.indexOf('Weight'), value: 'a lot' }]);
    const found = readInputEdits(sampleScenario, base, sheet);
    expect(found?.ignored).toHaveLength(1);
    expect(found?.scenario).toBe(sampleScenario);
  });

  it('changes only the cells an edit changes', () => {
    const payers = headerRow('Payer', 'Name');
    const weight = payers.indexOf('Weight');
    // Medicare 40% -> 30% and Commercial 27% -> 37%: two weight cells; the "Weights sum" cell is a formula and stays.
    const after = inputsModel(book, setPayerWeight(setPayerWeight(sampleScenario, 'MEDICARE', 0.3), 'COMMERCIAL', 0.37));
    expect(changedRuns(base, after)).toEqual([
      { row: rowOf('MEDICARE'), col: weight, cells: [0.3], formats: ['0.0%'], styles: [null] },
      { row: rowOf('COMMERCIAL'), col: weight, cells: [0.37], formats: ['0.0%'], styles: [null] },
    ]);
  });

  it('gives a cell the look of a given input when a default is replaced', () => {
    const acquisition = (base.cells.find((r) => r.includes('Acquisition $ per unit')) ?? []).indexOf('Acquisition $ per unit');
    const entyvio = rowOf('J3380');
    expect(base.styles[entyvio]?.[acquisition]).toBe('inputDefault');
    const runs = changedRuns(base, inputsModel(book, setDrugNumber(sampleScenario, 'J3380', 'acquisitionPerUnit', 18.5)));
    const price = runs.find((r) => r.row === entyvio && r.col <= acquisition && acquisition < r.col + r.cells.length);
    expect(price?.cells[acquisition - (price?.col ?? 0)]).toBe(18.5);
    expect(price?.styles[acquisition - (price?.col ?? 0)]).toBe('input');
  });
});

/** Cells of a model as a sheet holds them, with some changed. */
function sheetOf(cells: readonly (readonly unknown[])[], changes: readonly { row: number; col: number; value: unknown }[] = []): unknown[][] {
  const out = cells.map((r) => [...r]);
  for (const ch of changes) (out[ch.row] as unknown[])[ch.col] = ch.value;
  return out;
}

function read(grid: Grid): Scenario {
  const r = readInputsSheet(book, grid);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r.scenario;
}

const programRow = (key: (typeof PROGRAM_KEYS)[number]): number => INPUTS_PROGRAM_HEADER + 1 + PROGRAM_KEYS.indexOf(key);

describe('reading the scenario from nothing but the Inputs sheet', () => {
  it('gives back the sample: every drug, payer, program input and fixed cost', () => {
    const r = readInputsSheet(book, base.cells);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.fromVersion).toBe(1);
    expect(r.unread).toEqual([]);
    const s = r.scenario;
    expect(s.name).toBe(sampleScenario.name);
    expect(s.practiceName).toBe(sampleScenario.practiceName);
    // Drugs in the sheet's order: Remicade (J1745) first, its biosimilar Avsola (Q5121) beside it.
    expect(s.drugs.map((d) => d.hcpcs)).toEqual(['J1745', 'Q5121', ...sampleScenario.drugs.map((d) => d.hcpcs).filter((c) => c !== 'J1745' && c !== 'Q5121')]);
    for (const d of sampleScenario.drugs) expect(s.drugs.find((x) => x.hcpcs === d.hcpcs)).toEqual(d);
    expect(s.payers).toEqual(sampleScenario.payers);
    // The sample states 6 planning months and 36 operating months, which are the defaults (DOMAIN.md): read as defaults.
    const { planningMonths, horizonMonths, ...program } = sampleScenario.program;
    expect([planningMonths, horizonMonths]).toEqual([6, 36]);
    expect(s.program).toEqual(program);
  });

  it('keeps the scenario\'s patient weight, and a drug\'s own weight typed over the formula that takes it', () => {
    const light = setPatientWeight(sampleScenario, 72);
    const m = inputsModel(book, light);
    const weightCol = (m.cells.find((r) => r[0] === 'HCPCS' && r.includes('Patient weight (kg)')) ?? []).indexOf('Patient weight (kg)');
    const remicade = m.cells.findIndex((r) => r[0] === 'J1745');
    // Remicade has no weight of its own: its cell is a formula on the program's patient weight.
    expect(m.cells[remicade]?.[weightCol]).toBe(`=$B$${programRow('PatientWeightKg') + 1}`);
    const s = read(m.cells);
    expect(s.patientWeightKg).toBe(72);
    expect(s.drugs.find((d) => d.hcpcs === 'J1745')?.weightKg).toBeUndefined();
    const typedOver = read(sheetOf(m.cells, [{ row: remicade, col: weightCol, value: 95 }]));
    expect(typedOver.patientWeightKg).toBe(72);
    expect(typedOver.drugs.find((d) => d.hcpcs === 'J1745')?.weightKg).toBe(95);
    // Back to the default weight (80 kg, DOMAIN.md 2.8): the scenario leaves it out.
    expect(read(sheetOf(m.cells, [{ row: programRow('PatientWeightKg'), col: 1, value: 80 }])).patientWeightKg).toBeUndefined();
  });

  it('takes a formula Excel gives back in its own spelling as the formula it wrote', () => {
    const acquisition = (base.cells.find((r) => r.includes('Acquisition $ per unit')) ?? []).indexOf('Acquisition $ per unit');
    const entyvio = base.cells.findIndex((r) => r[0] === 'J3380');
    const written = String(base.cells[entyvio]?.[acquisition]);
    const respelled = `= ${written.slice(1).toLowerCase()}`;
    const r = readInputsSheet(book, sheetOf(base.cells, [{ row: entyvio, col: acquisition, value: respelled }]));
    expect(r.kind === 'ok' && r.scenario.drugs.find((d) => d.hcpcs === 'J3380')?.acquisitionPerUnit).toBeUndefined();
    expect(r.kind === 'ok' && r.unread).toEqual([]);
  });

  it('reads a price typed over the derived ASP as the contract price, and the ASP formula as the default', () => {
    const acquisition = (base.cells.find((r) => r.includes('Acquisition $ per unit')) ?? []).indexOf('Acquisition $ per unit');
    const entyvio = base.cells.findIndex((r) => r[0] === 'J3380');
    // The derived ASP less the prompt-pay and GPO discounts (DOMAIN.md 5.6): =$J$n*(1-IP_PromptPayDiscount)*(1-IP_GpoDiscount).
    expect(String(base.cells[entyvio]?.[acquisition])).toMatch(/^=\$J\$\d+\*\(1-\$B\$\d+\)\*\(1-\$B\$\d+\)$/);
    expect(read(base.cells).drugs.find((d) => d.hcpcs === 'J3380')?.acquisitionPerUnit).toBeUndefined();
    expect(read(sheetOf(base.cells, [{ row: entyvio, col: acquisition, value: 18.5 }])).drugs.find((d) => d.hcpcs === 'J3380')?.acquisitionPerUnit).toBe(18.5);
  });

  it('gives back payer names Excel would read as something else, written through Excel and read back (fake Excel)', async () => {
    const odd = ['Mar 2026', 'TRUE', '#N/A', '=1+1', '0012'];
    const scenario = { ...sampleScenario, payers: sampleScenario.payers.map((p, i) => ({ ...p, name: odd[i] ?? p.name })) };
    const model = inputsModel(book, scenario);
    const fake = createFakeExcel();
    // As the pane writes the sheet (scenario-store.ts): formats, then the cells; then read back as it reads.
    const grid = await fake.run(async (context) => {
      const rows = model.cells.length;
      const cols = Math.max(...model.cells.map((r) => r.length));
      const pad = <T,>(rowsOf: readonly (readonly T[])[], fill: T): T[][] => rowsOf.map((r) => [...r, ...new Array<T>(cols - r.length).fill(fill)]);
      const range = context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, rows, cols);
      range.numberFormat = pad(model.formats, 'General');
      range.formulas = pad(model.cells as unknown[][], '');
      const used = context.workbook.worksheets.getItem('Sheet1').getUsedRange().load('formulas');
      await context.sync();
      return used.formulas;
    });
    expect(read(grid).payers.map((p) => p.name)).toEqual(odd);
  });

  it('keeps a custom payer\'s starting profile, or every term of a payer that has none', () => {
    const acme = addCustomPayer(sampleScenario, 'Acme PPO', 'COMMERCIAL', { kind: 'asp_plus', percent: 0.12 });
    expect(read(inputsModel(book, acme).cells).payers.find((p) => p.id === 'ACME_PPO')).toEqual({ id: 'ACME_PPO', name: 'Acme PPO', weight: 0, basedOn: 'COMMERCIAL', drugRule: { kind: 'asp_plus', percent: 0.12 } });
    const terms = {
      drugRule: { kind: 'asp_plus', percent: 0.1 },
      adminPercentOfFeeSchedule: 1.2,
      drugCoinsurance: 0.1,
      adminCoinsurance: 0.1,
      sequestration: 0,
      collectionRate: 0.9,
      denialWriteOff: 0.03,
      paysDiscarded: false,
      daysToPayment: 40,
      priorAuthDenialRate: 0.05,
    } as const;
    const own: Scenario = { ...sampleScenario, payers: [...sampleScenario.payers.slice(0, 4), { id: 'BLUE_LOCAL', name: 'Blue Local', weight: 0.03, ...terms }] };
    expect(read(inputsModel(book, own).cells).payers[4]).toEqual({ id: 'BLUE_LOCAL', name: 'Blue Local', weight: 0.03, ...terms });
  });

  it('keeps the coverage of a custom payer that starts from no built-in profile', () => {
    // Every contract term its own (as in the test above), and a $2,500 deductible with Medicare Advantage coverage.
    const terms = { drugRule: { kind: 'asp_plus', percent: 0.1 }, adminPercentOfFeeSchedule: 1.2, drugCoinsurance: 0.1, adminCoinsurance: 0.1, sequestration: 0, collectionRate: 0.9, denialWriteOff: 0.03, paysDiscarded: false, daysToPayment: 40, priorAuthDenialRate: 0.05 } as const;
    const own: Scenario = { ...sampleScenario, payers: [...sampleScenario.payers.slice(0, 4), { id: 'BLUE_LOCAL', name: 'Blue Local', weight: 0.03, ...terms, coverageType: 'medicare_advantage', annualDeductible: 2500 }] };
    expect(read(inputsModel(book, own).cells).payers[4]).toEqual(own.payers[4]);
  });

  it('names a figure it does not read: a formula typed over', () => {
    const dose = (base.cells.find((r) => r.includes('Dose (billing measure)')) ?? []).indexOf('Dose (billing measure)');
    const remicade = base.cells.findIndex((r) => r[0] === 'J1745');
    const r = readInputsSheet(book, sheetOf(base.cells, [{ row: remicade, col: dose, value: 500 }]));
    expect(r.kind === 'ok' && r.unread).toEqual([`J${remicade + 1}`]);
  });

  it('refuses a value its field cannot take, a drug outside the catalog and a newer format, naming the cell', () => {
    const payers = headerRow('Payer', 'Name');
    const weightCell = { row: rowOf('COMMERCIAL'), col: payers.indexOf('Weight') };
    expect(readInputsSheet(book, sheetOf(base.cells, [{ ...weightCell, value: 'a lot' }]))).toEqual({ kind: 'invalid', problems: [`C${weightCell.row + 1}: a payer's weight must be a percentage`] });
    const entyvio = base.cells.findIndex((r) => r[0] === 'J3380');
    expect(readInputsSheet(book, sheetOf(base.cells, [{ row: entyvio, col: 0, value: 'J9999' }]))).toEqual({ kind: 'invalid', problems: [`A${entyvio + 1}: "J9999" is not a drug of the catalog (add drugs in the pane)`] });
    const format = programRow('ScenarioFormat');
    const newer = readInputsSheet(book, sheetOf(base.cells, [{ row: format, col: 1, value: 2 }]));
    expect(newer.kind === 'invalid' && newer.problems[0]).toMatch(new RegExp(`^B${format + 1}: the sheet was written by a newer version`));
    // A sheet without the format row is an earlier layout, not this one.
    expect(readInputsSheet(book, sheetOf(base.cells, [{ row: format, col: 0, value: 'Quarter' }])).kind).toBe('unknown');
  });
});

/**
 * DOMAIN.md 5.7 (issue 11): each payer's patient coverage (coverage type, annual deductible, out-of-pocket
 * maximum, supplemental coverage) is carried by the Payers table, so a scenario read back from the sheet keeps it.
 */
describe('the payers\' patient coverage on the Inputs sheet', () => {
  const withCoverage = (s: Scenario, id: string, coverage: Partial<Scenario['payers'][number]>): Scenario => ({ ...s, payers: s.payers.map((p) => (p.id === id ? { ...p, ...coverage } : p)) });
  // Each differs from its default (engine/patient.ts PATIENT_COVERAGE_DEFAULTS): Medicare Advantage $0 deductible,
  // MOOP $9,250, no supplemental coverage; Commercial $1,787 deductible, $10,600 limit; Medicare no supplemental.
  const covered = withCoverage(
    withCoverage(withCoverage(sampleScenario, 'MEDICARE_ADVANTAGE', { annualDeductible: 500, outOfPocketMax: 6700, supplemental: 'medicaid_qmb' }), 'COMMERCIAL', { annualDeductible: 3000, outOfPocketMax: null }),
    'MEDICARE',
    { supplemental: 'medigap_g' },
  );

  it('round-trips a deductible, an out-of-pocket maximum (a figure or none) and supplemental coverage that differ from the defaults', () => {
    const r = readInputsSheet(book, inputsModel(book, covered).cells);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    expect(r.scenario.payers).toEqual(covered.payers);
  });

  it('round-trips a custom payer\'s coverage type', () => {
    const acme = withCoverage(addCustomPayer(sampleScenario, 'Acme PPO', 'COMMERCIAL'), 'ACME_PPO', { coverageType: 'medicare_advantage', outOfPocketMax: 5000 });
    expect(read(inputsModel(book, acme).cells).payers.find((p) => p.id === 'ACME_PPO')).toEqual({ id: 'ACME_PPO', name: 'Acme PPO', weight: 0, basedOn: 'COMMERCIAL', coverageType: 'medicare_advantage', outOfPocketMax: 5000 });
  });

  it('shows each default styled as a default and a given value styled as given; a value equal to its default stays a default', () => {
    const payers = headerRow('Payer', 'Name');
    const deductible = payers.indexOf('Annual deductible (patient)');
    const limit = payers.indexOf('Out-of-pocket maximum (patient)');
    const supplemental = payers.indexOf('Supplemental coverage');
    const type = payers.indexOf('Patient coverage');
    expect([type, deductible, limit, supplemental].every((c) => c > 0)).toBe(true);
    // The defaults (engine/patient.ts): Medicare Part B deductible $283, no limit; Commercial $1,787 and $10,600.
    const medicare = rowOf('MEDICARE');
    const commercial = rowOf('COMMERCIAL');
    expect(base.cells[medicare]?.slice(type, supplemental + 1)).toEqual(['medicare', 283, 'none', 'none']);
    expect(base.cells[commercial]?.slice(type, supplemental + 1)).toEqual(['commercial', 1787, 10600, 'none']);
    expect(base.styles[commercial]?.slice(type, supplemental + 1)).toEqual(['inputDefault', 'inputDefault', 'inputDefault', 'inputDefault']);
    const m = inputsModel(book, covered);
    const row = m.cells.findIndex((r) => r[0] === 'COMMERCIAL');
    expect(m.cells[row]?.slice(type, supplemental + 1)).toEqual(['commercial', 3000, 'none', 'none']);
    expect(m.styles[row]?.slice(type, supplemental + 1)).toEqual(['inputDefault', 'input', 'input', 'inputDefault']);
    // Typed on the sheet: $283 over Medicare's deductible is its default (left out); $400 is the payer's own.
    expect(read(sheetOf(base.cells, [{ row: medicare, col: deductible, value: 283 }])).payers.find((p) => p.id === 'MEDICARE')).toEqual(sampleScenario.payers.find((p) => p.id === 'MEDICARE'));
    const typedOver = read(sheetOf(base.cells, [
      { row: commercial, col: deductible, value: 400 },
      { row: commercial, col: limit, value: 'none' },
      { row: medicare, col: supplemental, value: 'Medicaid QMB' },
    ]));
    expect(typedOver.payers.find((p) => p.id === 'COMMERCIAL')).toEqual({ ...sampleScenario.payers.find((p) => p.id === 'COMMERCIAL'), annualDeductible: 400, outOfPocketMax: null });
    expect(typedOver.payers.find((p) => p.id === 'MEDICARE')?.supplemental).toBe('medicaid_qmb');
    expect(readInputsSheet(book, sheetOf(base.cells, [{ row: commercial, col: supplemental, value: 'gold plan' }]))).toEqual({ kind: 'invalid', problems: [`${String.fromCharCode(65 + supplemental)}${commercial + 1}: not a value this input can take`] });
  });

  it('reads blank coverage cells (a board built before the coverage columns, or a cell cleared) as the defaults', () => {
    const payers = headerRow('Payer', 'Name');
    const first = payers.indexOf('Patient coverage');
    const last = payers.indexOf('Patient coverage: label');
    const m = inputsModel(book, covered);
    const blank = sheetOf(m.cells, m.cells.flatMap((r, row) => (sampleScenario.payers.some((p) => p.id === r[0]) ? Array.from({ length: last - first + 1 }, (_, k) => ({ row, col: first + k, value: '' })) : [])));
    const r = readInputsSheet(book, blank);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.scenario.payers).toEqual(sampleScenario.payers);
    expect(r.unread).toEqual([]);
    // One cleared cell: that field back to its default, the others kept (Medicare Advantage's own $500 deductible).
    const ma = m.cells.findIndex((x) => x[0] === 'MEDICARE_ADVANTAGE');
    const cleared = read(sheetOf(m.cells, [{ row: ma, col: payers.indexOf('Out-of-pocket maximum (patient)'), value: '' }]));
    expect(cleared.payers.find((p) => p.id === 'MEDICARE_ADVANTAGE')).toEqual({ ...sampleScenario.payers.find((p) => p.id === 'MEDICARE_ADVANTAGE'), annualDeductible: 500, supplemental: 'medicaid_qmb' });
  });

  it('is a value edit: the layout stays and only the changed cells are written', () => {
    const payers = headerRow('Payer', 'Name');
    const deductible = payers.indexOf('Annual deductible (patient)');
    const after = inputsModel(book, withCoverage(sampleScenario, 'COMMERCIAL', { annualDeductible: 3000 }));
    expect(after.signature).toBe(base.signature);
    const label = payers.indexOf('Patient coverage: label');
    // Two cells: the deductible (given now: the look of a given input) and the payer's coverage label, which now names it given.
    expect(changedRuns(base, after)).toEqual([
      { row: rowOf('COMMERCIAL'), col: deductible, cells: [3000], formats: ['$#,##0;[Red]-$#,##0'], styles: ['input'] },
      { row: rowOf('COMMERCIAL'), col: label, cells: [expect.stringMatching(/^deductible: scenario input; coverage type, out-of-pocket maximum, supplemental coverage: default: assumption \(KFF/)], formats: ['General'], styles: [null] },
    ]);
  });
});

/**
 * DOMAIN.md 5.1-5.2 (issue 10): a drug's own payer mix and its own drug source per payer are carried by the
 * Inputs sheet's by-drug grids (a formula: the program's / the payer's; a typed figure: the drug's own), so a
 * scenario built into a board by the command line and opened in the pane keeps them.
 */
describe('the by-drug grids on the Inputs sheet (a drug\'s own payer mix and drug source)', () => {
  /** The Inputs sheet of the full board (as the command line builds it), as the pane reads it: formulas as "=...". */
  function boardCells(s: Scenario): unknown[][] {
    const input = resolveScenario(s, referenceData);
    const board = buildBoardPlan(boardInputs(book, input, { applied: scenarioDefaultsApplied(s, referenceData), scenario: s }));
    const inputs = board.sheets.find((x) => x.name === 'Inputs');
    if (!inputs) throw new Error('no Inputs sheet');
    // Rows are sparse (a blank row is a hole): no map() over them.
    let cols = 1;
    for (let r = 0; r < inputs.rows.length; r++) cols = Math.max(cols, inputs.rows[r]?.length ?? 0);
    return Array.from({ length: inputs.rows.length }, (_, r) => Array.from({ length: cols }, (_, c) => {
      const cell = inputs.rows[r]?.[c];
      if (cell === undefined) return '';
      if (cell.formula !== undefined) return `=${cell.formula}`;
      const v = cell.value;
      return v === null ? '' : typeof v === 'object' ? Number(String(v)) : v;
    }));
  }
  const drug = (s: Scenario, code: string, extra: Partial<Scenario['drugs'][number]>): Scenario => ({ ...s, drugs: s.drugs.map((d) => (d.hcpcs === code ? { ...d, ...extra } : d)) });
  // Entyvio: half Medicare, half Commercial (0.5 + 0.5 = 1; the other payers left out weigh 0), and 40% of its
  // Commercial patients white-bagged (the payer's own: buy and bill, 0% white-bagged); Remicade white-bagged for Medicaid.
  const own = drug(
    drug(sampleScenario, 'J3380', { payerMix: { MEDICARE: 0.5, COMMERCIAL: 0.5 }, drugSources: [{ payer: 'COMMERCIAL', source: 'buy_and_bill', whiteBagShare: 0.4 }] }),
    'J1745',
    { drugSources: [{ payer: 'MEDICAID', source: 'white_bag' }] },
  );
  const gridRow = (cells: readonly (readonly unknown[])[], title: RegExp, code: string): number => {
    const header = cells.findIndex((r) => title.test(String(r[0])));
    const at = cells.findIndex((r, i) => i > header && r[0] === code);
    if (header < 0 || at < 0) throw new Error(`no ${String(title)} row for ${code}`);
    return at;
  };
  const payerCol = (id: string): number => 2 + sampleScenario.payers.findIndex((p) => p.id === id);

  it('reads back a drug\'s own payer mix and drug sources written by the board (equal to the scenario)', () => {
    const r = readInputsSheet(book, boardCells(own));
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J3380')).toEqual(own.drugs.find((d) => d.hcpcs === 'J3380'));
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J1745')).toEqual(own.drugs.find((d) => d.hcpcs === 'J1745'));
    for (const d of own.drugs) expect(r.scenario.drugs.find((x) => x.hcpcs === d.hcpcs)).toEqual(d);
    // The pane's own layout of what it read is the sheet again, cell for cell (the sample's 6 planning and 36
    // operating months are the defaults and read as defaults, so the scenario laid out here leaves them out too).
    const program = { ...own.program, planningMonths: undefined, horizonMonths: undefined };
    expect(inputsModel(book, r.scenario).cells).toEqual(inputsModel(book, JSON.parse(JSON.stringify({ ...own, program })) as Scenario).cells);
  });

  it('reads a figure typed over the grid as the drug\'s own, and one equal to its default as the default', () => {
    const mix = gridRow(base.cells, /^Payer mix by drug/, 'J2350');
    const source = gridRow(base.cells, /^Drug source by drug/, 'J2350');
    const bag = gridRow(base.cells, /^White-bagged share by drug/, 'J2350');
    // Ocrevus's mix typed: 0.6 Medicare, 0.4 Medicare Advantage, 0 for the rest (0.6 + 0.4 = 1).
    const typedMix = read(sheetOf(base.cells, sampleScenario.payers.map((p, j) => ({ row: mix, col: 2 + j, value: p.id === 'MEDICARE' ? 0.6 : p.id === 'MEDICARE_ADVANTAGE' ? 0.4 : 0 }))));
    expect(typedMix.drugs.find((d) => d.hcpcs === 'J2350')?.payerMix).toEqual({ MEDICARE: 0.6, MEDICARE_ADVANTAGE: 0.4 });
    // The program's mix typed as figures (0.4, 0.2, 0.1, 0.27, 0.03): the default, left out.
    const programMix = read(sheetOf(base.cells, sampleScenario.payers.map((p, j) => ({ row: mix, col: 2 + j, value: p.weight }))));
    expect(programMix.drugs.find((d) => d.hcpcs === 'J2350')).toEqual(sampleScenario.drugs.find((d) => d.hcpcs === 'J2350'));
    // Commercial's source typed as "free drug" (its own is buy and bill): the drug's own; "buy and bill" with 0%: the payer's.
    const free = read(sheetOf(base.cells, [{ row: source, col: payerCol('COMMERCIAL'), value: 'free drug' }]));
    expect(free.drugs.find((d) => d.hcpcs === 'J2350')?.drugSources).toEqual([{ payer: 'COMMERCIAL', source: 'free_drug' }]);
    const same = read(sheetOf(base.cells, [{ row: source, col: payerCol('COMMERCIAL'), value: 'buy and bill' }, { row: bag, col: payerCol('COMMERCIAL'), value: 0 }]));
    expect(same.drugs.find((d) => d.hcpcs === 'J2350')).toEqual(sampleScenario.drugs.find((d) => d.hcpcs === 'J2350'));
  });

  it('reads blank grid cells (a board built before the grids, or cells cleared) as the defaults', () => {
    const cells = boardCells(own);
    const blanks = ['J3380', 'J1745'].flatMap((code) => [/^Payer mix by drug/, /^Drug source by drug/, /^White-bagged share by drug/].flatMap((t) => {
      const row = gridRow(cells, t, code);
      return sampleScenario.payers.map((_, j) => ({ row, col: 2 + j, value: '' }));
    }));
    const r = readInputsSheet(book, sheetOf(cells, blanks));
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    for (const d of sampleScenario.drugs) expect(r.scenario.drugs.find((x) => x.hcpcs === d.hcpcs)).toEqual(d);
  });

  it('names a grid cell it cannot read', () => {
    const source = gridRow(base.cells, /^Drug source by drug/, 'J2350');
    const mix = gridRow(base.cells, /^Payer mix by drug/, 'J2350');
    const col = payerCol('COMMERCIAL');
    const letter = String.fromCharCode(65 + col);
    expect(readInputsSheet(book, sheetOf(base.cells, [{ row: source, col, value: 'by courier' }, { row: mix, col, value: 'half' }]))).toEqual({
      kind: 'invalid',
      problems: [`${letter}${mix + 1}: not a value this input can take`, `${letter}${source + 1}: not a value this input can take`],
    });
  });

  it('reads back a drug\'s own courses a year from its course interval (DOMAIN.md 5.3), a blank interval as the label\'s', () => {
    // Injectafer (J1439) is given in yearly courses (catalog: every 364 days); two courses a year: 364 / 2 = 182 days.
    const twice = drug(sampleScenario, 'J1439', { coursesPerYear: 2 });
    const cells = boardCells(twice);
    const row = cells.findIndex((r, i) => i > rowOf('J1439') && r[0] === 'J1439' && r.includes(182));
    expect(row).toBeGreaterThan(0);
    const r = readInputsSheet(book, cells);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J1439')).toEqual(twice.drugs.find((d) => d.hcpcs === 'J1439'));
    const blank = read(sheetOf(cells, [{ row, col: cells[row]?.indexOf(182) ?? -1, value: '' }]));
    expect(blank.drugs.find((d) => d.hcpcs === 'J1439')).toEqual(sampleScenario.drugs.find((d) => d.hcpcs === 'J1439'));
  });

  // DOMAIN.md 5.4: drugs of your own, one per fact kind. Lemtrada (J0202, not in the catalog; the crosswalk's vial is
  // 12 mg): a fixed 12 mg on days 0-4, a course of 5 doses, no maintenance. Bevacizumab (J9035, billed per 10 mg, not in
  // the catalog): 0.5 units (5 mg) per kg every 14 days, no loading days, only the 40-unit vial of the crosswalk's 10 and
  // 40 (80 kg x 0.5 = 40 units: one 40-unit vial).
  const lemtrada: Scenario['drugs'][number] = {
    hcpcs: 'J0202',
    newPatientsPerMonth: 0.5,
    rampMonths: 0,
    distributorVerified: false,
    custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 },
  };
  const avastin: Scenario['drugs'][number] = {
    hcpcs: 'J9035',
    newPatientsPerMonth: 1,
    rampMonths: 2,
    distributorVerified: true,
    custom: { name: 'Avastin (bevacizumab)', route: 'IV', complexity: 'complex', dosePerKg: 0.5, infusionMinutes: 90, chairExtraMinutes: 30, maintenanceIntervalDays: 14, vialSizes: [40] },
  };
  const yours: Scenario = { ...sampleScenario, drugs: [...sampleScenario.drugs, lemtrada, avastin] };
  const yourCells = boardCells(yours);
  const formRow = (code: string): number => yourCells.findIndex((r) => r[0] === code);
  const volRow = (code: string): number => gridRow(yourCells, /^Volume and regimen/, code);
  const headerCol = (row: number, header: string): number => yourCells.slice(0, row).reverse().find((r) => r.includes(header))?.indexOf(header) ?? -1;
  const formCol = (header: string): number => headerCol(formRow('J0202'), header);
  const cellName = (row: number, col: number): string => `${String.fromCharCode(65 + col)}${row + 1}`;

  it('reads back drugs of your own written by the board (equal to the scenario: every fact)', () => {
    // Issue 10 (DOMAIN.md 5.4): before, such a sheet was refused ("a drug of your own ..., which the pane cannot read").
    const r = readInputsSheet(book, yourCells);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J0202')).toEqual(lemtrada);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J9035')).toEqual(avastin);
    for (const d of yours.drugs) expect(r.scenario.drugs.find((x) => x.hcpcs === d.hcpcs)).toEqual(d);
    const program = { ...yours.program, planningMonths: undefined, horizonMonths: undefined };
    expect(inputsModel(book, r.scenario).cells).toEqual(inputsModel(book, JSON.parse(JSON.stringify({ ...yours, program })) as Scenario).cells);
    // Its facts are shown as inputs (the route is no catalog rule, the regimen and vial size no default).
    const styles = inputsModel(book, yours).styles;
    const vialRow = gridRow(yourCells, /^Vial plan: vials opened/, 'J0202');
    const facts = [[formRow('J0202'), formCol('Route')], [formRow('J0202'), formCol('Infusion minutes')], [volRow('J0202'), headerCol(volRow('J0202'), 'Loading dose 5: day')], [vialRow, headerCol(vialRow, 'Vial size 1')]] as const;
    expect(facts.map(([row, col]) => styles[row]?.[col])).toEqual(['input', 'input', 'input', 'input']);
  });

  it('reads a fact of a drug of your own typed on the sheet into its facts (the whole sheet, and over what the pane wrote)', () => {
    const minutes = formCol('Infusion minutes');
    const interval = headerCol(volRow('J9035'), 'Maintenance every (days)');
    const doses = headerCol(volRow('J0202'), 'Doses in the course');
    expect([minutes, interval, doses].every((c) => c > 0)).toBe(true);
    // Lemtrada's infusion 240 -> 180 minutes and its course 5 -> 3 doses; bevacizumab every 14 -> 21 days.
    const edits = [
      { row: formRow('J0202'), col: minutes, value: 180 },
      { row: volRow('J0202'), col: doses, value: 3 },
      { row: volRow('J9035'), col: interval, value: 21 },
    ];
    const want = {
      J0202: { ...lemtrada, custom: { ...lemtrada.custom, infusionMinutes: 180, maxDoses: 3 } },
      J9035: { ...avastin, custom: { ...avastin.custom, maintenanceIntervalDays: 21 } },
    } as Record<string, Scenario['drugs'][number]>;
    const r = readInputsSheet(book, sheetOf(yourCells, edits));
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.unread).toEqual([]);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J0202')).toEqual(want.J0202);
    expect(r.scenario.drugs.find((d) => d.hcpcs === 'J9035')).toEqual(want.J9035);
    // The pane's held path: the same edits read over the layout it wrote.
    const held = inputsModel(book, yours);
    const typedOver = held.cells.map((row) => [...row]) as unknown[][];
    for (const e of edits) (typedOver[e.row] as unknown[])[e.col] = e.value;
    const read = readInputEdits(yours, held, typedOver);
    expect(read?.ignored).toEqual([]);
    expect(read?.scenario.drugs.find((d) => d.hcpcs === 'J0202')).toEqual(want.J0202);
    expect(read?.scenario.drugs.find((d) => d.hcpcs === 'J9035')).toEqual(want.J9035);
  });

  it('names a fact of a drug of your own it cannot read by its cell', () => {
    const minutes = formCol('Infusion minutes');
    const route = formCol('Route');
    const r = readInputsSheet(book, sheetOf(yourCells, [{ row: formRow('J0202'), col: minutes, value: 'four hours' }, { row: formRow('J9035'), col: route, value: 'oral' }]));
    expect(r).toEqual({ kind: 'invalid', problems: [`${cellName(formRow('J0202'), minutes)}: not a value this input can take`, `${cellName(formRow('J9035'), route)}: not a value this input can take`] });
  });
});

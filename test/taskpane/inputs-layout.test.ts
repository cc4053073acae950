/**
 * The Inputs sheet's one layout table (src/workbook/board/inputs-layout.ts) as the pane uses it: an edit of a
 * field whose cell shows its value as it is (a "plain" field) is laid out without the engine, and that layout
 * is the full one; any other edit needs the full layout. Also the words the writer and the reader share.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { inputsModel, patchedModel, readHeldEdits, readInputsSheet } from '../../src/taskpane/model/inputs-sheet';
import { INPUTS_WORDS, IN_PAY, PAYER_COLUMNS, SOURCE_WORDS, inputsRows } from '../../src/workbook/board/inputs-layout';
import { setDrugNumber, setPayerWeight, setProgramNumber } from '../../src/taskpane/model/edit';

const book = new ReferenceBook(referenceData);
const base = inputsModel(book, sampleScenario);
const held = { scenario: sampleScenario, model: base };

/** The patched layout of `next` equals its full layout (cells, formats, styles, structure). */
function expectSameAsFull(next: Scenario): void {
  const patched = patchedModel(held, next);
  expect(patched).not.toBeNull();
  const full = inputsModel(book, next);
  expect(patched?.cells).toEqual(full.cells);
  expect(patched?.formats).toEqual(full.formats);
  expect(patched?.styles).toEqual(full.styles);
  expect(patched?.signature).toBe(full.signature);
}

describe('the Inputs layout table', () => {
  it('lays out an edit of a plain field without the engine, exactly as the full layout', () => {
    // Program: chairs 6 -> 7 (any value other than the sample's), startup costs, the practice's name.
    expectSameAsFull(setProgramNumber(sampleScenario, 'chairs', sampleScenario.program.chairs + 1));
    expectSameAsFull(setProgramNumber(sampleScenario, 'startupCosts', 12_345));
    expectSameAsFull({ ...sampleScenario, practiceName: 'Riverside Oncology West' });
    // A payer's name.
    expectSameAsFull({ ...sampleScenario, payers: sampleScenario.payers.map((p, i) => (i === 1 ? { ...p, name: 'Medicare Advantage plans' } : p)) });
    // A drug's new patients a month and ramp.
    const first = sampleScenario.drugs[0]?.hcpcs as string;
    expectSameAsFull(setDrugNumber(sampleScenario, first, 'newPatientsPerMonth', 3.5));
    expectSameAsFull(setDrugNumber(sampleScenario, first, 'rampMonths', 9));
    // Every plain field of the sample's layout, each given another value through its own cell.
    const plain = base.fields.filter((f) => f.plain !== undefined);
    // 9 program rows + 5 payer names + 2 volume columns x 6 drugs = 26 cells.
    expect(plain.length).toBe(9 + sampleScenario.payers.length + 2 * sampleScenario.drugs.length);
    for (const f of plain) {
      const now = f.plain?.(sampleScenario);
      const next = f.apply(sampleScenario, typeof now === 'number' ? now + 2 : `${String(now)} B`, () => '');
      expect(next).not.toBeNull();
      expectSameAsFull(next as Scenario);
    }
    // Two plain fields at once.
    expectSameAsFull(setDrugNumber(setProgramNumber(sampleScenario, 'chairs', 9), first, 'newPatientsPerMonth', 1));
  });

  it('needs the full layout for any other edit (a dose changes the vial plan; a utilization target its label)', () => {
    const first = sampleScenario.drugs[0]?.hcpcs as string;
    expect(patchedModel(held, setDrugNumber(sampleScenario, first, 'acquisitionPerUnit', 1))).toBeNull();
    expect(patchedModel(held, setProgramNumber(sampleScenario, 'utilizationTarget', 0.5))).toBeNull();
    expect(patchedModel(held, { ...sampleScenario, name: 'Another name' })).toBeNull();
    // A payer's weight: the sheet shows the mix as the engine normalizes it, so every weight may change.
    expect(patchedModel(held, setPayerWeight(sampleScenario, 'MEDICARE', 0.41))).toBeNull();
    // Nothing changed: the held layout.
    expect(patchedModel(held, sampleScenario)).toBe(base);
  });

  it('reads a plain field typed on the sheet against the held layout, without the engine, as the whole sheet reads it', () => {
    const chairs = base.fields.find((f) => f.row === inputsRows({ fixedCosts: 0, payers: 0, drugs: 0, priceCodes: 0 }).programRow.Chairs && f.col === 1);
    if (chairs === undefined) throw new Error('no chairs cell');
    const grid = base.cells.map((r) => [...r]) as unknown[][];
    // The user types 9 chairs (the sample has 6): the scenario with 9 chairs, laid out as the full layout is.
    (grid[chairs.row] as unknown[])[chairs.col] = 9;
    const quick = readHeldEdits(held, grid);
    expect(quick?.scenario.program.chairs).toBe(9);
    expect(quick?.model.cells).toEqual(inputsModel(book, quick?.scenario as Scenario).cells);
    // The whole sheet read gives the same scenario.
    const whole = readInputsSheet(book, grid);
    expect(whole.kind === 'ok' && whole.scenario.program.chairs).toBe(9);
    expect(whole.kind === 'ok' && whole.unread).toEqual([]);
    // Nothing typed: the held scenario itself.
    expect(readHeldEdits(held, base.cells)?.scenario).toBe(sampleScenario);
  });

  it('leaves anything else to the whole read: another field, a label, a figure the pane does not read, a code below a table', () => {
    const rows = inputsRows({ fixedCosts: sampleScenario.program.fixedCosts.length, payers: sampleScenario.payers.length, drugs: sampleScenario.drugs.length, priceCodes: 0 });
    const typed = (row: number, col: number, value: unknown): unknown[][] => {
      const grid = base.cells.map((r) => [...r]) as unknown[][];
      grid[row] ??= [];
      (grid[row] as unknown[])[col] = value;
      return grid;
    };
    const utilization = rows.programRow.UtilizationTarget;
    expect(readHeldEdits(held, typed(utilization, 1, 0.5))).toBeNull();
    expect(readHeldEdits(held, typed(utilization, 3, 'my own note'))).toBeNull();
    expect(readHeldEdits(held, typed(rows.programRow.ScenarioFormat, 1, 2))).toBeNull();
    expect(readHeldEdits(held, typed(rows.formularyHeader + 1 + sampleScenario.drugs.length, 0, 'J2323'))).toBeNull();
    // A chair count that is not a number is not read here either.
    expect(readHeldEdits(held, typed(rows.programRow.Chairs, 1, 'six'))).toBeNull();
  });

  it('places the Payers table and its "Weights sum" row where the writer puts them, and the reader finds them there', () => {
    const rows = inputsRows({ fixedCosts: sampleScenario.program.fixedCosts.length, payers: sampleScenario.payers.length, drugs: sampleScenario.drugs.length, priceCodes: 0 });
    expect(base.cells[rows.payersHeader]?.[IN_PAY.id]).toBe(PAYER_COLUMNS.id.header);
    expect(base.cells[rows.weightsSumRow]?.[IN_PAY.name]).toBe(INPUTS_WORDS.weightsSum);
    // The sum row is the payers' count below the header, plus one: 5 payers -> header + 6.
    expect(rows.weightsSumRow - rows.payersHeader).toBe(sampleScenario.payers.length + 1);
    expect(readInputsSheet(book, base.cells).kind).toBe('ok');
  });

  it('reads a payer\'s drug source as the by-drug grid does (the words, or the scenario\'s key)', () => {
    const rows = inputsRows({ fixedCosts: sampleScenario.program.fixedCosts.length, payers: sampleScenario.payers.length, drugs: sampleScenario.drugs.length, priceCodes: 0 });
    const cells = base.cells.map((r) => [...r]) as unknown[][];
    const selfPay = sampleScenario.payers.findIndex((p) => p.id === 'SELF_PAY');
    // "White Bag" and "white_bag" both name the white bag source, as in the by-drug grid.
    for (const typed of [SOURCE_WORDS.white_bag.toUpperCase(), 'white_bag']) {
      (cells[rows.payersHeader + 1 + selfPay] as unknown[])[IN_PAY.drugSource] = typed;
      const read = readInputsSheet(book, cells);
      expect(read.kind === 'ok' && read.scenario.payers[selfPay]?.drugSource).toBe('white_bag');
    }
    // Words that name no source are refused, naming the cell.
    (cells[rows.payersHeader + 1 + selfPay] as unknown[])[IN_PAY.drugSource] = 'mail order';
    const bad = readInputsSheet(book, cells);
    expect(bad.kind).toBe('invalid');
  });
});

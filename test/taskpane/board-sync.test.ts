/**
 * Keeping the board's Inputs sheet and the scenario in step (src/taskpane/excel/board-sync.ts), without
 * Excel: which edits keep the board's layout, and what a user's typing in the Inputs sheet means.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { inputsModel, readInputEdits } from '../../src/taskpane/excel/board-sync';
import { addCustomPayer, addDrug, setDrugNumber, setPayerWeight } from '../../src/taskpane/model/edit';

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

  it('names the cells it cannot read, and leaves their fields alone', () => {
    const payers = headerRow('Payer', 'Name');
    const sheet = typed([{ row: rowOf('COMMERCIAL'), col: payers.indexOf('Weight'), value: 'a lot' }]);
    const found = readInputEdits(sampleScenario, base, sheet);
    expect(found?.ignored).toHaveLength(1);
    expect(found?.scenario).toBe(sampleScenario);
  });
});

/**
 * The access-risk threshold (DOMAIN.md 5.7; program.accessRiskThreshold) on the board's Inputs sheet and back:
 * the pane keeps the scenario in the Inputs sheet, so a threshold typed there is read as the scenario's, and the
 * default ($2,000, shown on the sheet) stays a default.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { sampleScenario } from '../../src/scenario';
import { inputsModel, readInputsSheet } from '../../src/taskpane/model/inputs-sheet';
import { setProgramNumber } from '../../src/taskpane/model/edit';

const book = new ReferenceBook(referenceData);
const base = inputsModel(book, sampleScenario);
const row = base.cells.findIndex((r) => r[0] === 'Patient out-of-pocket threshold (Patient access)');

describe('the access-risk threshold on the Inputs sheet', () => {
  it('shows the $2,000 default, and reads it back as a default (absent)', () => {
    expect(base.cells[row]?.[1]).toBe(2000);
    const read = readInputsSheet(book, base.cells);
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    expect(read.scenario.program.accessRiskThreshold).toBeUndefined();
  });

  it('reads a threshold typed on the sheet, and writes the one the pane sets', () => {
    const cells = base.cells.map((r) => [...r]) as unknown[][];
    (cells[row] as unknown[])[1] = 3000;
    const read = readInputsSheet(book, cells);
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    expect(read.scenario.program.accessRiskThreshold).toBe(3000);
    expect(inputsModel(book, setProgramNumber(sampleScenario, 'accessRiskThreshold', 1500)).cells[row]?.[1]).toBe(1500);
  });
});

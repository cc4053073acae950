/**
 * Issue 15: the engine runs once for the scenario the pane reads when it opens (src/taskpane/model/model-run.ts).
 * The Inputs sheet's layout read with the results' full run is the same as with its own one-month run, and the
 * results of the scenario read are those of a run of their own; a second book (no kept run) gives the reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { runModel } from '../../src/engine/model';
import { loadScenario, resolveScenario, sampleScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { inputsModel, readInputsSheet } from '../../src/taskpane/model/inputs-sheet';
import { keptRun, scenarioRun } from '../../src/taskpane/model/model-run';
import { computeResults } from '../../src/taskpane/model/results';
import { addCustomPayer, setDrugNumber, setPayerWeight } from '../../src/taskpane/model/edit';

// A varied scenario: a custom payer, an own acquisition price, a weight moved (0.05 from Medicare to the new payer).
const varied: Scenario = setPayerWeight(
  setPayerWeight(setDrugNumber(addCustomPayer(sampleScenario, 'Acme PPO', 'COMMERCIAL'), 'J3380', 'acquisitionPerUnit', 18.5), 'ACME_PPO', 0.05),
  'MEDICARE',
  (sampleScenario.payers.find((p) => p.id === 'MEDICARE')?.weight ?? 0) - 0.05,
);

// Issue 14's launch plan: the full run includes it, the Inputs sheet's own one-month run leaves it out.
const planned = loadScenario(JSON.parse(readFileSync(path.join(__dirname, '../../examples/launch-plan-scenario.json'), 'utf8')) as unknown, referenceData);
if (!planned.ok) throw new Error('examples/launch-plan-scenario.json does not load');

describe.each([
  ['the sample', sampleScenario],
  ['a varied scenario', varied],
  ['a scenario with a launch plan', planned.scenario],
])('one engine run for %s', (_name, scenario) => {
  it('lays the Inputs sheet out the same from the full run as from its own one-month run', () => {
    const shared = inputsModel(new ReferenceBook(referenceData), scenario, true);
    const own = inputsModel(new ReferenceBook(referenceData), scenario);
    expect(shared.cells).toEqual(own.cells);
    expect(shared.formats).toEqual(own.formats);
    expect(shared.styles).toEqual(own.styles);
    expect(shared.signature).toBe(own.signature);
  });

  it('keeps the run of the scenario read for the results, which equal a run of their own', () => {
    const book = new ReferenceBook(referenceData);
    const read = readInputsSheet(book, inputsModel(book, scenario).cells);
    if (read.kind !== 'ok') throw new Error(JSON.stringify(read));
    const kept = keptRun(book, read.scenario);
    expect(kept).toBeDefined();
    // The same object: the results take the read's run, the engine does not run again.
    expect(scenarioRun(book, read.scenario)).toBe(kept);
    expect(kept).toEqual(runModel(book, resolveScenario(read.scenario, referenceData)));
    const fresh = new ReferenceBook(referenceData);
    expect(computeResults(read.scenario, book, referenceData)).toEqual(computeResults(read.scenario, fresh, fresh.data));
  });
});

it('does not share a run between books (an imported quarter makes a new book)', () => {
  const a = new ReferenceBook(referenceData);
  const b = new ReferenceBook(referenceData);
  scenarioRun(a, sampleScenario);
  expect(keptRun(b, sampleScenario)).toBeUndefined();
});

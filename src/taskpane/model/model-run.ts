/**
 * One engine run per scenario the pane shows, shared (issue 15): the results (results.ts) and the Inputs
 * sheet's layout (inputs-sheet.ts) of the same scenario read the same `runModel` over the full horizon, so
 * opening a workbook runs the engine once for the scenario read, not once for each. Keyed by object identity:
 * a scenario is never mutated (every edit makes a new object), and a new reference book (an imported quarter)
 * starts afresh.
 */
import type { ReferenceBook } from '../../engine/book';
import { type ModelResults, runModel } from '../../engine/model';
import { resolveScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';

const runs = new WeakMap<ReferenceBook, WeakMap<Scenario, ModelResults>>();

/** The run of `scenario` already made, if any. */
export function keptRun(book: ReferenceBook, scenario: Scenario): ModelResults | undefined {
  return runs.get(book)?.get(scenario);
}

/** The engine's results for `scenario` at its own weights and horizon: made once, then kept. */
export function scenarioRun(book: ReferenceBook, scenario: Scenario): ModelResults {
  const kept = keptRun(book, scenario);
  if (kept !== undefined) return kept;
  const results = runModel(book, resolveScenario(scenario, book.data));
  let byScenario = runs.get(book);
  if (byScenario === undefined) {
    byScenario = new WeakMap();
    runs.set(book, byScenario);
  }
  byScenario.set(scenario, results);
  return results;
}

/**
 * The pane's side of the store it shares with the custom functions (src/functions/store.ts): the scenario's
 * payer profiles, its own drugs and its per-drug drug sources are published there, so
 * `=INFUSION.MARGIN("J1745", 400, "ACME_PPO")` works as soon as the payer exists and a drug's white-bagged
 * share moves its MARGIN, and Excel is asked to recalculate, since it cannot know that such a cell has a new
 * answer.
 */
import { store } from '../../functions/store';
import type { ScenarioFunctionTerms } from '../../scenario';

let published = '';

/** Publishes what the functions take from the scenario; true when it differs from what was published before. */
export function publishScenario(terms: ScenarioFunctionTerms): boolean {
  const text = JSON.stringify(terms);
  if (text === published) return false;
  published = text;
  store.setScenario(terms);
  return true;
}

/** A full recalculation: formulas that use a payer (or a quarter) that changed show the new figures. */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

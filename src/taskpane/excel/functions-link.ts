/**
 * The pane's side of the store it shares with the custom functions (src/functions/store.ts): the scenario's
 * payer profiles are published there, so `=INFUSION.MARGIN("J1745", 400, "ACME_PPO")` works as soon as the
 * payer exists, and Excel is asked to recalculate, since it cannot know that such a cell has a new answer.
 */
import type { PayerProfile } from '../../engine/types';
import { store } from '../../functions/store';

let published = '';

/** Publishes the scenario's payer profiles; true when they differ from what was published before. */
export function publishPayers(profiles: readonly PayerProfile[]): boolean {
  const text = JSON.stringify(profiles);
  if (text === published) return false;
  published = text;
  store.setPayers(profiles);
  return true;
}

/** A full recalculation: formulas that use a payer (or a quarter) that changed show the new figures. */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}

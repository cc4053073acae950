/**
 * Edits the pane cannot write to the scenario tables yet (a payer mix at 90% while the user is still typing
 * the weights) are kept in the document's settings, which travel with the file, so closing Excel loses
 * nothing; the next time the pane opens over the same tables it puts them back.
 */
import type { Draft, DraftStore } from '../app/planner';

const SETTING = 'InfusionPlanner.draft';

export const officeDrafts: DraftStore = {
  load: () => Office.context.document.settings.get(SETTING) as unknown,
  save: (draft: Draft | null) =>
    new Promise<void>((resolve, reject) => {
      const settings = Office.context.document.settings;
      if (draft === null) {
        if (settings.get(SETTING) === null) {
          resolve();
          return;
        }
        settings.remove(SETTING);
      } else {
        settings.set(SETTING, draft);
      }
      settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error.message))));
    }),
};

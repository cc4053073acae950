/**
 * Edits the pane cannot write to the scenario tables yet (a payer mix at 90% while the user is still typing
 * the weights) are kept in the document's settings, which travel with the file, so closing Excel loses
 * nothing; the next time the pane opens over the same tables it puts them back.
 */
import type { Draft, DraftStore } from '../app/planner';
import { saveDocumentSettings } from './document-settings';

const SETTING = 'InfusionPlanner.draft';

export const officeDrafts: DraftStore = {
  load: () => Office.context.document.settings.get(SETTING) as unknown,
  // Through the one save path (document-settings.ts): a stale in-memory copy never overwrites the board's record.
  save: async (draft: Draft | null) => {
    if (draft === null && Office.context.document.settings.get(SETTING) === null) return;
    await saveDocumentSettings((settings) => {
      if (draft === null) settings.remove(SETTING);
      else settings.set(SETTING, draft);
    });
  },
};

/**
 * Edits the pane cannot write to the scenario tables yet (a payer mix at 90% while the user is still typing
 * the weights) are kept in the document's settings, which travel with the file, so closing Excel loses
 * nothing; the next time the pane opens over the same tables it puts them back.
 */
import { type Draft, type DraftStore, SETTING_KEYS } from '../services';
import { officeDocumentSettings } from './document-settings';

export const officeDrafts: DraftStore = {
  load: () => officeDocumentSettings().get(SETTING_KEYS.draft),
  // Through the one adapter (document-settings.ts): a stale in-memory copy never overwrites the board's record.
  save: async (draft: Draft | null) => {
    const settings = officeDocumentSettings();
    if (draft === null && settings.get(SETTING_KEYS.draft) === null) return;
    if (draft === null) settings.remove(SETTING_KEYS.draft);
    else settings.set(SETTING_KEYS.draft, draft);
    await settings.save();
  },
};

/**
 * The one way the pane writes the document's settings through Office.js (drafts, imported CMS quarters).
 *
 * `Office.context.document.settings` and `context.workbook.settings` (where the board's ownership record
 * lives) are one store: both are the add-in's settings of this document
 * (https://learn.microsoft.com/javascript/api/office/office.settings,
 * https://learn.microsoft.com/javascript/api/excel/excel.settingcollection). Office.Settings works on an
 * in-memory copy taken when the add-in starts, and `saveAsync` "persists the in-memory copy of the settings
 * property bag in the document": the whole copy. Saved as it stands, a copy taken before a board build would
 * put back the ownership record of before the build (or remove the new one), and the next build would
 * refuse or make "(2)" sheets. So every save here first refreshes the copy from the document
 * (`refreshAsync`: "reads all settings persisted in the document and refreshes the ... add-in's copy"),
 * then applies this change, then saves.
 */

type Change = (settings: Office.Settings) => void;

function settled<T>(start: (done: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(result.error.message));
    });
  });
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Refreshes the in-memory settings from the document, applies `change` to them and saves them. Saves run
 * one after another, so two changes never interleave between a refresh and a save.
 */
export function saveDocumentSettings(change: Change): Promise<void> {
  const settings = Office.context.document.settings;
  const next = queue.then(async () => {
    await settled<Office.Settings>((done) => settings.refreshAsync(done));
    change(settings);
    await settled<void>((done) => settings.saveAsync(done));
  });
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The one document-settings adapter: the pane reads and writes the document's settings (drafts, imported CMS
 * quarters) only through here, by the names of services.ts SETTING_KEYS. A setting kept under an earlier name
 * (LEGACY_SETTING_KEYS: `infusionPlanner.cmsQuarters`) is read when the current name holds nothing, and moved
 * to the current name the next time it is saved, so workbooks saved by earlier versions still load.
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

import { LEGACY_SETTING_KEYS, type SettingsPort } from '../services';

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

/** A setting's value by its current name, else by an earlier name it had (null when neither holds one). */
function stored(settings: Office.Settings, name: string): unknown {
  const now = settings.get(name) as unknown;
  if (now !== null && now !== undefined) return now;
  for (const old of LEGACY_SETTING_KEYS[name] ?? []) {
    const v = settings.get(old) as unknown;
    if (v !== null && v !== undefined) return v;
  }
  return now;
}

/**
 * The settings of the open document, through Office.js. Changes
 * are kept here until `save`, which applies them to a fresh copy of the document's settings and saves that
 * (saveDocumentSettings: the one save path, so a stale copy never puts back an old board record).
 */
export function officeDocumentSettings(): SettingsPort {
  const settings = Office.context.document.settings;
  const REMOVED = Symbol('removed');
  const pending = new Map<string, unknown>();
  return {
    get: (name) => {
      if (!pending.has(name)) return stored(settings, name);
      const v = pending.get(name);
      return v === REMOVED ? null : v;
    },
    set: (name, value) => void pending.set(name, value),
    remove: (name) => void pending.set(name, REMOVED),
    save: async () => {
      const changes = [...pending];
      await saveDocumentSettings((s) => {
        for (const [name, value] of changes) {
          if (value === REMOVED) s.remove(name);
          else s.set(name, value);
          // Saved (or removed) under its current name: the earlier names go.
          for (const old of LEGACY_SETTING_KEYS[name] ?? []) if (s.get(old) !== null) s.remove(old);
        }
      });
      for (const [name, value] of changes) if (pending.get(name) === value) pending.delete(name);
    },
  };
}

/**
 * An imported CMS quarter: parsed in the browser (src/cms), put in the store the custom functions share, and
 * remembered with the workbook (a document setting) so the next time the file opens it is in use again.
 */
import type { PaymentLimitQuarter } from '../../engine/reference';
import { parsePaymentLimitFile } from '../../cms';
import { store } from '../../functions/store';
import type { QuarterService } from '../ui/WorkbookView';
import { recalculateWorkbook } from './functions-link';

const SETTING = 'InfusionPlanner.importedQuarter';

function saveSettings(): Promise<void> {
  return new Promise((resolve, reject) => {
    Office.context.document.settings.saveAsync((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
      else reject(new Error(result.error.message));
    });
  });
}

function isQuarter(v: unknown): v is PaymentLimitQuarter {
  if (typeof v !== 'object' || v === null) return false;
  const q = v as Partial<PaymentLimitQuarter>;
  return typeof q.quarter === 'string' && typeof q.effective === 'string' && Array.isArray(q.rows);
}

/** Puts the quarter the workbook remembers back in use; returns it, or null when there is none. */
export function restoreImportedQuarter(): PaymentLimitQuarter | null {
  const saved: unknown = Office.context.document.settings.get(SETTING);
  if (!isQuarter(saved)) return null;
  store.addQuarter(saved);
  return saved;
}

export const officeQuarterService: QuarterService = {
  parse: (bytes, fileName) => parsePaymentLimitFile(new Uint8Array(bytes), fileName),
  async use(quarter) {
    store.addQuarter(quarter);
    Office.context.document.settings.set(SETTING, quarter);
    await saveSettings();
    await recalculateWorkbook();
  },
};

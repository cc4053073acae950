/**
 * The task pane's entry point. The page is the add-in's shared runtime: functions.js has already registered
 * the custom functions when this runs (webpack puts it first), and both use the one store of
 * src/functions/store.ts for the reference data and the scenario's payers.
 */
import { createRoot } from 'react-dom/client';
import { store } from '../functions/store';
import { App, type AppServices } from './app/App';
import { createAsker } from './app/planner';
import { officeBoardService } from './excel/board';
import { writeEstimateSheet } from './excel/estimate-sheet';
import { freezeSheets, scanSheets, unfreezeSheets } from './excel/freeze';
import { officeDrafts } from './excel/drafts';
import { publishScenario, recalculateWorkbook } from './excel/functions-link';
import { officeDocumentSettings } from './excel/document-settings';
import { quarterImpact, readCmsFile, restoreImportedQuarters, useQuarter } from './import-cms';
import { OfficeScenarioStore } from './excel/scenario-store';
import { withMarketAndPlan } from './excel/market-plan-store';

function services(): AppServices {
  const asker = createAsker();
  const office = new OfficeScenarioStore(() => store.book, (sheets) => asker.ask(sheets));
  return {
    // Issue 14: the market, demand claims and launch plan, from the board's Market and Launch plan sheets or the document's settings (excel/market-plan-store.ts).
    store: withMarketAndPlan(office, { book: () => store.book, sheets: office }),
    asker,
    referenceData: () => store.book.data,
    publishScenario,
    recalculate: recalculateWorkbook,
    drafts: officeDrafts,
    book: () => store.book,
    onReferenceChange: (listener) =>
      store.subscribe((change) => {
        if (change !== 'payers') listener();
      }),
    board: officeBoardService(() => store.book),
    freezer: { scan: scanSheets, freeze: freezeSheets, unfreeze: unfreezeSheets },
    estimateSheet: { write: writeEstimateSheet },
    quarters: {
      read: readCmsFile,
      impact: (quarter, scenario) => quarterImpact(quarter, scenario, store),
      use: async (quarter, scenario) => {
        const result = await useQuarter(quarter, { store, settings: officeDocumentSettings() }, scenario);
        if (result.ok) await recalculateWorkbook();
        return result;
      },
    },
  };
}

void Office.onReady(() => {
  // The quarters this workbook remembers; a setting that cannot be read leaves the embedded data in use.
  const restored = restoreImportedQuarters({ store, settings: officeDocumentSettings() });
  if (!restored.ok) console.warn(restored.message);
  const container = document.getElementById('root');
  if (container) createRoot(container).render(<App services={services()} />);
});

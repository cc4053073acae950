/**
 * What the task pane needs from its host, declared once: the ports. src/taskpane/excel/ implements them with
 * Office.js (wired in taskpane.tsx), the fake host implements them in tests, and app/ and ui/ use them. Types
 * only, besides the names of the document's settings; nothing here imports app/, ui/ or excel/ (lint-enforced).
 */
import type { ReferenceBook } from '../engine/book';
import type { ImportComparison, QuarterDiffReport, QuarterImpactReport } from '../engine/impact';
import type { PaymentLimitQuarter, ReferenceData } from '../engine/reference';
import type { ScenarioFunctionTerms } from '../scenario/function-terms';
import type { Scenario } from '../scenario/types';
import { OWNER_MARKER } from '../workbook/plan';
import type { SheetRow } from './model/patient-estimate';
import type { Grid } from './model/inputs-sheet';
import type { BoardSheetShapes } from './model/board-stale';

// ---------------------------------------------------------------------------------------------------------
// The document's settings (excel/document-settings.ts is the one adapter)

/**
 * The names of the add-in's settings of the document, in one style ("InfusionPlanner.<what>"). The board's
 * ownership record is the renderer's (workbook/plan.ts OWNER_MARKER).
 */
export const SETTING_KEYS = {
  draft: 'InfusionPlanner.draft',
  board: OWNER_MARKER,
  cmsQuarters: 'InfusionPlanner.cmsQuarters',
  /** Issue 14: the scenario's market and the drugs' demand claims (excel/market-plan-store.ts). */
  market: 'InfusionPlanner.market',
  /** Issue 14: the scenario's launch plan (excel/market-plan-store.ts). */
  launchPlan: 'InfusionPlanner.launchPlan',
} as const;

/** Names a setting had before: read when the current name holds nothing, and removed at the next save of it. */
export const LEGACY_SETTING_KEYS: Readonly<Record<string, readonly string[]>> = {
  [SETTING_KEYS.cmsQuarters]: ['infusionPlanner.cmsQuarters'],
};

/** What the pane's file picker gives: a DOM `File` satisfies it. */
export interface CmsFileLike {
  readonly name: string;
  /** Bytes, when known before reading (a `File` knows). */
  readonly size?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The document's settings, as this module uses them. */
export interface SettingsPort {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  /** Persists the in-memory settings into the document; rejects when the host refuses. */
  save(): Promise<void>;
}

/** What this module needs of the functions' store (src/functions/store.ts `FunctionStore` has it). */
export interface QuarterStore {
  readonly book: ReferenceBook;
  addQuarter(quarter: PaymentLimitQuarter): void;
  setReferenceData(data: ReferenceData): void;
}

// ---------------------------------------------------------------------------------------------------------
// Import CMS file (import-cms.ts is the logic)

export type ReadCmsResult =
  | { readonly ok: true; readonly quarter: PaymentLimitQuarter }
  | { readonly ok: false; readonly message: string };

export type QuarterImpactView =
  | {
      readonly ok: true;
      readonly direction: ImportComparison['direction'];
      /** One sentence: which way the comparison runs, or that nothing changes. */
      readonly summary: string;
      /** Whether using the quarter makes it the default quarter of the functions. */
      readonly becomesNewest: boolean;
      readonly quarter: string;
      readonly effective: string;
      readonly rows: number;
      readonly codes: QuarterDiffReport;
      /** Rounded figures per drug; null when the file is the quarter already in use. */
      readonly impact: QuarterImpactReport | null;
    }
  | { readonly ok: false; readonly message: string };

export type UseQuarterResult =
  | {
      readonly ok: true;
      readonly quarter: string;
      /** Whether the functions now use it by default. */
      readonly newest: boolean;
      /** How the workbook remembers it; null when nothing needed remembering (the same quarter was in use). */
      readonly remembered: 'full' | 'extract' | null;
      readonly message: string;
    }
  | { readonly ok: false; readonly message: string };

/** "Import CMS file", as src/taskpane/import-cms.ts (the CMS-data issue's logic) provides it. */
export interface QuarterService {
  read(file: CmsFileLike): Promise<ReadCmsResult>;
  impact(quarter: PaymentLimitQuarter, scenario: Scenario): QuarterImpactView;
  use(quarter: PaymentLimitQuarter, scenario: Scenario): Promise<UseQuarterResult>;
}

// ---------------------------------------------------------------------------------------------------------
// The scenario in the workbook

export type WorkbookScenario =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'ok';
      readonly scenario: Scenario;
      readonly fromVersion: number;
      /** 'legacy': read from the earlier version's Scenario sheet; the first save moves it to the Inputs sheet. */
      readonly source: 'inputs' | 'legacy';
      /** Cells of the Inputs sheet that hold figures the pane does not read. */
      readonly unread: readonly string[];
      /** Issue 14: the board's Market and Launch plan sheets, read with the Inputs sheet (absent: not read). */
      readonly boardSheets?: BoardSheetGrids;
      /** Issue 14: whether the workbook holds a built board (sheets besides Inputs: the add-in's or the command line's). */
      readonly boardBuilt?: boolean;
    }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export type WriteResult =
  /** `board`: the board's sheets were laid out again from the scenario (a new structure of the formulary). */
  | { readonly kind: 'written'; readonly board?: boolean }
  | { readonly kind: 'declined'; readonly reason: string };

/** Where the pane keeps the scenario. The Office.js implementation is below; tests may use others. */
/** How a read is used. */
export interface ReadOptions {
  /**
   * Issue 14: the caller puts other parts on the scenario read before the pane shows it (the market and launch plan
   * the document's settings keep): the engine's full run is then left to the results of the scenario shown.
   */
  readonly partsElsewhere?: boolean;
}

export interface ScenarioStore {
  read(options?: ReadOptions): Promise<WorkbookScenario>;
  write(scenario: Scenario): Promise<WriteResult>;
  /** Calls `onEdit` when a user changes the Inputs sheet; returns the function that stops watching. */
  watch(onEdit: () => void): Promise<() => Promise<void>>;
  /** The board was built from `scenario` (its Inputs sheet holds it now). */
  built(scenario: Scenario): Promise<void>;
  /** Whether the two scenarios give the same Inputs sheet (they may differ in drug order or in a default given explicitly). */
  equivalent(a: Scenario, b: Scenario): boolean;
  /** Issue 14: what the board's Market and Launch plan sheets show, as last read or built (absent: the store does not read them). */
  boardSheetShapes?(): BoardSheetShapes;
}

/** Issue 14: the board's sheets besides Inputs that hold scenario inputs (the Market and Launch plan sheets). */
export type BoardSheetName = 'market' | 'launch';

/** Their cells as grids from A1 (formulas as "=..."); null where the workbook has no sheet of that name. */
export type BoardSheetGrids = Readonly<Record<BoardSheetName, Grid | null>>;

export interface BoardSheetCell {
  readonly sheet: BoardSheetName;
  readonly row: number;
  readonly col: number;
  readonly value: string | number;
}

/** Writes input cells of the Market and Launch plan sheets the last read found. */
export interface BoardSheetWriter {
  /**
   * Writes `cells` in one request; `undo` holds what they held, put back should the request fail part way.
   * Resolves false, having changed nothing, when a sheet is gone (or was never found).
   */
  writeBoardCells(cells: readonly BoardSheetCell[], undo: readonly BoardSheetCell[]): Promise<boolean>;
}

/** Asked before a change of the formulary's structure replaces the board's sheets; false keeps them. */
export type ConfirmRebuild = (sheets: readonly string[]) => Promise<boolean>;

/** Edits not yet in the Inputs sheet: the scenario being edited and the saved one it started from. */
export interface Draft {
  readonly scenario: Scenario;
  readonly basis: Scenario | null;
}

export interface DraftStore {
  load(): unknown;
  save(draft: Draft | null): Promise<void>;
}

export interface ReplaceQuestion {
  readonly sheets: readonly string[];
  readonly answer: (yes: boolean) => void;
}

/** Questions the store asks the user (whether to lay the board out again), answered by a dialog of the pane. */
export interface Asker {
  ask(sheets: readonly string[]): Promise<boolean>;
  /** The dialog that answers; returns the function that stops listening. */
  listen(handler: (question: ReplaceQuestion) => void): () => void;
}

// ---------------------------------------------------------------------------------------------------------
// The board workbook, frozen sheets, the patient estimate's sheet

export interface BuildProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

/** The board workbook's Office.js build, as the pane uses it. */
export interface BoardService {
  /** Why the board cannot be built in this add-in build, or null. */
  readonly unavailable: string | null;
  build(
    scenario: Scenario,
    progress: (p: BuildProgress) => void,
    confirmReplace: (sheets: readonly string[]) => Promise<boolean>,
  ): Promise<{ readonly built: readonly string[] } | { readonly cancelled: true }>;
}

export interface FreezeService {
  scan(): Promise<readonly { id: string; name: string; formulas: number; frozen: number }[]>;
  freeze(sheetIds: readonly string[]): Promise<number>;
  unfreeze(sheetIds: readonly string[]): Promise<{ restored: number; changed: readonly string[]; missing: number; refused?: readonly string[] }>;
}

export interface EstimateSheetService {
  write(rows: readonly SheetRow[]): Promise<string>;
}

// ---------------------------------------------------------------------------------------------------------
// All of them

/** What the pane needs from its host: Excel in production, the fake host in tests. */
export interface PlannerServices {
  readonly store: ScenarioStore;
  readonly referenceData: () => ReferenceData;
  /** What the custom functions take from the scenario (payers, own drugs, per-drug sources, program terms); returns whether it changed. */
  readonly publishScenario: (terms: ScenarioFunctionTerms) => boolean;
  readonly recalculate: () => Promise<void>;
  /** Where edits that cannot be saved yet are kept (the document's settings), so closing the file loses nothing. */
  readonly drafts: DraftStore;
}

export interface AppServices extends PlannerServices {
  readonly book: () => ReferenceBook;
  /** Calls back when the reference data changes (an imported quarter); returns the unsubscribe. */
  readonly onReferenceChange: (listener: () => void) => () => void;
  readonly board: BoardService;
  /** Asks, for the scenario store, before an edit lays the board out again. */
  readonly asker: Asker;
  readonly freezer: FreezeService;
  readonly quarters: QuarterService;
  /** Writes the patient estimate's one-page sheet (a new sheet each time). */
  readonly estimateSheet: EstimateSheetService;
}

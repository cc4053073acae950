/**
 * The pane's session: the scenario being edited, where it came from, and whether the workbook holds it yet.
 * The scenario is read from the workbook's Inputs sheet when the pane opens, written back (debounced)
 * whenever it is valid and differs from what the workbook holds, and re-read when the user edits the Inputs
 * sheet directly.
 * Nothing invalid is written: while the scenario is invalid (a payer mix of 90%, say) the pane says why and
 * keeps the edits; the workbook keeps the last valid scenario.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ReferenceData } from '../../engine/reference';
import { formatIssue, sameScenario, sampleScenario, scenarioFunctionTerms, validateScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';
import { type BoardSheetShapes, NO_BOARD_SHEETS } from '../model/board-stale';
import { mixSum } from '../model/results';
import type { Asker, Draft, PlannerServices, ReplaceQuestion } from '../services';

export type { Asker, Draft, DraftStore, PlannerServices } from '../services';

/** An Asker with no dialog yet says no: nothing is replaced without an answer. */
export function createAsker(): Asker {
  let handler: ((question: ReplaceQuestion) => void) | null = null;
  return {
    ask: (sheets) => (handler === null ? Promise.resolve(false) : new Promise<boolean>((answer) => handler?.({ sheets, answer }))),
    listen: (h) => {
      handler = h;
      return () => {
        if (handler === h) handler = null;
      };
    },
  };
}

export type SaveState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'held'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface PlannerState {
  readonly ready: boolean;
  readonly scenario: Scenario;
  /** What the workbook holds (last read or written); null when it holds no scenario. */
  readonly saved: Scenario | null;
  readonly save: SaveState;
  /** A message about where the scenario came from or what changed under it. */
  readonly notice: { readonly intent: 'info' | 'warning' | 'error'; readonly text: string; readonly details?: readonly string[] } | null;
  /**
   * True while the Inputs sheet holds something the pane could not read: the pane does not write over it
   * (the user's cells would be lost) until the user fixes them or says to replace them.
   */
  readonly protectTables: boolean;
  /** Issue 14: what the board's Market and Launch plan sheets show (as last read or built), to say when they no longer match. */
  readonly boardSheets: BoardSheetShapes;
}

type Action =
  | { type: 'loaded'; scenario: Scenario; saved: Scenario | null; notice: PlannerState['notice']; protectTables?: boolean }
  | { type: 'overwrite' }
  | { type: 'edit'; edit: (s: Scenario) => Scenario }
  | { type: 'replace'; scenario: Scenario; notice: PlannerState['notice'] }
  | { type: 'external'; scenario: Scenario }
  | { type: 'save'; save: SaveState; saved?: Scenario }
  | { type: 'notice'; notice: PlannerState['notice'] }
  | { type: 'sheets'; shapes: BoardSheetShapes };

/** A new formulary: no drugs yet, the sample's payers, mix and program inputs (each labelled illustrative). */
export function starterScenario(): Scenario {
  return {
    ...sampleScenario,
    name: 'New specialty infusion formulary',
    practiceName: 'My practice',
    drugs: [],
  };
}

function reduce(state: PlannerState, action: Action): PlannerState {
  switch (action.type) {
    case 'loaded':
      return { ready: true, scenario: action.scenario, saved: action.saved, save: { kind: 'saved' }, notice: action.notice, protectTables: action.protectTables ?? false, boardSheets: state.boardSheets };
    case 'overwrite':
      return { ...state, protectTables: false, notice: null };
    case 'edit':
      return { ...state, scenario: action.edit(state.scenario) };
    case 'replace':
      return { ...state, scenario: action.scenario, notice: action.notice };
    case 'external':
      return {
        ...state,
        scenario: action.scenario,
        saved: action.scenario,
        save: { kind: 'saved' },
        protectTables: false,
        notice: { intent: 'info', text: 'Updated from edits in the Inputs sheet.' },
      };
    case 'save':
      return { ...state, save: action.save, saved: action.saved ?? state.saved };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'sheets':
      return action.shapes === state.boardSheets ? state : { ...state, boardSheets: action.shapes };
  }
}

/** Why a scenario cannot be written yet, in the pane's words; null when it can. */
export function holdReason(scenario: Scenario, ref: ReferenceData): string | null {
  if (scenario.drugs.length === 0) return 'Add a drug to the formulary to save the scenario in the workbook.';
  const mix = mixSum(scenario);
  if (!mix.ok) return `The payer mix adds up to ${mix.percent}%; it must be 100% before the scenario is saved.`;
  const v = validateScenario(scenario, ref);
  if (!v.ok) return `Not saved: ${v.errors.map(formatIssue).join('; ')}`;
  return null;
}

const SAVE_DELAY_MS = 250;

function unreadText(cells: readonly string[]): string {
  const shown = cells.length > 8 ? `${cells.slice(0, 8).join(', ')} and ${cells.length - 8} more` : cells.join(', ');
  return `Inputs sheet: ${shown} ${cells.length === 1 ? 'holds a figure' : 'hold figures'} the pane does not read (a formula typed over, a vial count, a dose per kg); the board's formulas use ${cells.length === 1 ? 'it' : 'them'}, the pane's results do not.`;
}
const DRAFT_DELAY_MS = 600;

function draftOf(v: unknown): Draft | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Partial<Draft>;
  return typeof d.scenario === 'object' && d.scenario !== null ? { scenario: d.scenario, basis: d.basis ?? null } : null;
}

export function usePlanner(services: PlannerServices) {
  const [state, dispatch] = useReducer(reduce, {
    ready: false,
    scenario: starterScenario(),
    saved: null,
    save: { kind: 'loading' },
    notice: null,
    protectTables: false,
    boardSheets: NO_BOARD_SHEETS,
  });
  /** What the store last saw of the board's Market and Launch plan sheets. */
  const sheetsShown = useCallback(() => dispatch({ type: 'sheets', shapes: services.store.boardSheetShapes?.() ?? NO_BOARD_SHEETS }), [services]);
  const savedRef = useRef<Scenario | null>(null);
  savedRef.current = state.saved;

  // Open: read the workbook's scenario, then watch the scenario tables for the user's own edits.
  useEffect(() => {
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    const readWorkbook = async (first: boolean): Promise<void> => {
      const found = await services.store.read();
      if (cancelled) return;
      sheetsShown();
      if (found.kind === 'none') {
        if (first) dispatch({ type: 'loaded', scenario: starterScenario(), saved: null, notice: null });
        return;
      }
      if (found.kind === 'invalid') {
        const notice = {
          intent: 'error' as const,
          text: first
            ? 'The Inputs sheet (or the board\'s Market or Launch plan sheet) holds a scenario the pane cannot use; fix the cells named below and the pane reads them again. Until then the pane shows a new formulary and does not write over the sheet.'
            : 'The Inputs sheet (or the board\'s Market or Launch plan sheet) was edited into something the pane cannot use; fix the cells named below. The pane keeps the last valid scenario.',
          details: found.problems,
        };
        if (first) dispatch({ type: 'loaded', scenario: starterScenario(), saved: null, notice, protectTables: true });
        else dispatch({ type: 'notice', notice });
        return;
      }
      if (first) {
        const migrated = found.fromVersion < found.scenario.version;
        const draft = draftOf(services.drafts.load());
        if (draft !== null && draft.basis !== null && services.store.equivalent(draft.basis, found.scenario) && !sameScenario(draft.scenario, found.scenario)) {
          const reason = holdReason(draft.scenario, services.referenceData());
          dispatch({
            type: 'loaded',
            scenario: draft.scenario,
            saved: draft.basis,
            notice: { intent: 'info', text: `Your edits from last time, not yet saved in the Inputs sheet, are back${reason === null ? '' : `: ${reason}`}` },
          });
          return;
        }
        const legacy = found.source === 'legacy';
        const notes = [
          legacy ? 'The scenario was read from the Scenario sheet, where an earlier version of the add-in kept it; from now on it is kept in the Inputs sheet (the Scenario sheet is left as it was).' : null,
          migrated ? `The workbook's scenario was written by an older version (format ${found.fromVersion}) and has been brought up to date.` : null,
        ].filter((x): x is string => x !== null);
        dispatch({
          type: 'loaded',
          scenario: found.scenario,
          // Not yet in the Inputs sheet: the first save puts it there.
          saved: legacy ? null : found.scenario,
          notice:
            found.unread.length > 0
              ? { intent: 'warning', text: unreadText(found.unread) }
              : notes.length > 0
                ? { intent: 'info', text: notes.join(' ') }
                : null,
        });
      } else if (!sameScenario(found.scenario, savedRef.current)) {
        dispatch({ type: 'external', scenario: found.scenario });
        if (found.unread.length > 0) dispatch({ type: 'notice', notice: { intent: 'warning', text: unreadText(found.unread) } });
      }
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEdit = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        readWorkbook(false).catch((e: unknown) => dispatch({ type: 'notice', notice: { intent: 'error', text: `Could not read the Inputs sheet: ${String(e)}` } }));
      }, SAVE_DELAY_MS);
    };
    readWorkbook(true)
      .then(async () => {
        stop = await services.store.watch(onEdit);
        if (cancelled) await stop();
      })
      .catch((e: unknown) => {
        dispatch({
          type: 'loaded',
          scenario: starterScenario(),
          saved: null,
          notice: { intent: 'error', text: `Could not read the workbook's scenario: ${e instanceof Error ? e.message : String(e)}` },
        });
      });
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
      if (stop) void stop();
    };
  }, [services, sheetsShown]);

  // Save: whenever the scenario is valid and differs from the workbook's, after a short pause in typing.
  useEffect(() => {
    if (!state.ready) return;
    const ref = services.referenceData();
    const reason = state.protectTables
      ? 'The Inputs sheet holds cells the pane could not read (see above): fix them there, or replace the sheet with this scenario.'
      : holdReason(state.scenario, ref);
    if (reason !== null) {
      if (state.save.kind !== 'held' || state.save.reason !== reason) dispatch({ type: 'save', save: { kind: 'held', reason } });
      // Kept in the document's settings meanwhile (not for a new, empty formulary: there is nothing to keep).
      if (state.scenario.drugs.length === 0 && state.saved === null) return;
      const draft: Draft = { scenario: state.scenario, basis: state.saved };
      const timer = setTimeout(() => void services.drafts.save(draft).catch(() => undefined), DRAFT_DELAY_MS);
      return () => clearTimeout(timer);
    }
    // The custom functions see the scenario's payers, own drugs and per-drug sources at once, saved or not.
    if (services.publishScenario(scenarioFunctionTerms(state.scenario, ref))) {
      services.recalculate().catch(() => undefined);
    }
    if (sameScenario(state.scenario, state.saved)) {
      if (state.save.kind !== 'saved') dispatch({ type: 'save', save: { kind: 'saved' } });
      // Back to what the tables hold: an unfinished edit kept with the file is no longer needed.
      services.drafts.save(null).catch(() => undefined);
      return;
    }
    const scenario = state.scenario;
    if (state.save.kind !== 'saving') dispatch({ type: 'save', save: { kind: 'saving' } });
    const timer = setTimeout(() => {
      services.store
        .write(scenario)
        .then((result) => {
          if (result.kind === 'declined') {
            dispatch({ type: 'save', save: { kind: 'held', reason: result.reason } });
            return services.drafts.save({ scenario, basis: savedRef.current });
          }
          dispatch({ type: 'save', save: { kind: 'saved' }, saved: scenario });
          if (result.board === true) sheetsShown();
          return services.drafts.save(null);
        })
        .catch((e: unknown) => dispatch({ type: 'save', save: { kind: 'failed', message: e instanceof Error ? e.message : String(e) } }));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // state.save is read only to avoid dispatching the same state again, so it is not a dependency.
  }, [state.ready, state.scenario, state.saved, state.protectTables, services, sheetsShown]);

  const edit = useCallback((f: (s: Scenario) => Scenario) => dispatch({ type: 'edit', edit: f }), []);
  const replace = useCallback((scenario: Scenario, notice: PlannerState['notice'] = null) => dispatch({ type: 'replace', scenario, notice }), []);
  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), []);
  const overwrite = useCallback(() => dispatch({ type: 'overwrite' }), []);
  /** The board workbook was built from `scenario`: its Inputs sheet holds it. */
  const built = useCallback(
    async (scenario: Scenario) => {
      await services.store.built(scenario);
      dispatch({ type: 'save', save: { kind: 'saved' }, saved: scenario });
      sheetsShown();
      await services.drafts.save(null);
    },
    [services, sheetsShown],
  );
  return { state, edit, replace, dismissNotice, overwrite, built };
}

/**
 * The pane's session: the scenario being edited, where it came from, and whether the workbook holds it yet.
 * The scenario is read from the workbook when the pane opens, written back (debounced) whenever it is valid
 * and differs from what the workbook holds, and re-read when the user edits the scenario tables (the Scenario sheet) directly.
 * Nothing invalid is written: while the scenario is invalid (a payer mix of 90%, say) the pane says why and
 * keeps the edits; the workbook keeps the last valid scenario.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ReferenceData } from '../../engine/reference';
import type { PayerProfile } from '../../engine/types';
import { formatIssue, resolveScenario, sampleScenario, validateScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';
import { sameScenario } from '../excel/inputs-codec';
import type { ScenarioStore } from '../excel/scenario-store';
import { mixSum } from '../model/results';

/** What the pane needs from its host: Excel in production, the fake host in tests. */
export interface PlannerServices {
  readonly store: ScenarioStore;
  readonly referenceData: () => ReferenceData;
  /** The scenario's payer profiles for the custom functions; returns whether they changed. */
  readonly publishPayers: (profiles: readonly PayerProfile[]) => boolean;
  readonly recalculate: () => Promise<void>;
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
}

type Action =
  | { type: 'loaded'; scenario: Scenario; saved: Scenario | null; notice: PlannerState['notice'] }
  | { type: 'edit'; edit: (s: Scenario) => Scenario }
  | { type: 'replace'; scenario: Scenario; notice: PlannerState['notice'] }
  | { type: 'external'; scenario: Scenario }
  | { type: 'save'; save: SaveState; saved?: Scenario }
  | { type: 'notice'; notice: PlannerState['notice'] };

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
      return { ready: true, scenario: action.scenario, saved: action.saved, save: { kind: 'saved' }, notice: action.notice };
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
        notice: { intent: 'info', text: 'Updated from edits in the Scenario sheet.' },
      };
    case 'save':
      return { ...state, save: action.save, saved: action.saved ?? state.saved };
    case 'notice':
      return { ...state, notice: action.notice };
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

export function usePlanner(services: PlannerServices) {
  const [state, dispatch] = useReducer(reduce, {
    ready: false,
    scenario: starterScenario(),
    saved: null,
    save: { kind: 'loading' },
    notice: null,
  });
  const savedRef = useRef<Scenario | null>(null);
  savedRef.current = state.saved;
  const scenarioRef = useRef(state.scenario);
  scenarioRef.current = state.scenario;

  // Open: read the workbook's scenario, then watch the scenario tables for the user's own edits.
  useEffect(() => {
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    const readWorkbook = async (first: boolean): Promise<void> => {
      const found = await services.store.read();
      if (cancelled) return;
      if (found.kind === 'none') {
        if (first) dispatch({ type: 'loaded', scenario: starterScenario(), saved: null, notice: null });
        return;
      }
      if (found.kind === 'invalid') {
        const notice = {
          intent: 'error' as const,
          text: first
            ? 'The scenario tables (Scenario sheet) hold a scenario the pane cannot use; fix the cells named below (the pane shows a new formulary meanwhile, and saves nothing until you edit it).'
            : 'The scenario tables (Scenario sheet) were edited into something the pane cannot use; fix the cells named below. The pane keeps the last valid scenario.',
          details: found.problems,
        };
        if (first) dispatch({ type: 'loaded', scenario: starterScenario(), saved: null, notice });
        else dispatch({ type: 'notice', notice });
        return;
      }
      if (first) {
        const migrated = found.fromVersion < found.scenario.version;
        dispatch({
          type: 'loaded',
          scenario: found.scenario,
          saved: found.scenario,
          notice: migrated
            ? { intent: 'info', text: `The workbook's scenario was written by an older version (format ${found.fromVersion}) and has been brought up to date.` }
            : null,
        });
      } else if (!sameScenario(found.scenario, savedRef.current)) {
        dispatch({ type: 'external', scenario: found.scenario });
      }
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEdit = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        readWorkbook(false).catch((e: unknown) => dispatch({ type: 'notice', notice: { intent: 'error', text: `Could not read the Scenario sheet: ${String(e)}` } }));
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
  }, [services]);

  // Save: whenever the scenario is valid and differs from the workbook's, after a short pause in typing.
  useEffect(() => {
    if (!state.ready) return;
    const ref = services.referenceData();
    const reason = holdReason(state.scenario, ref);
    if (reason !== null) {
      if (state.save.kind !== 'held' || state.save.reason !== reason) dispatch({ type: 'save', save: { kind: 'held', reason } });
      return;
    }
    // The custom functions see the scenario's payers at once, saved or not.
    const payers = resolveScenario(state.scenario, ref).payers.map((p) => p.profile);
    if (services.publishPayers(payers)) {
      services.recalculate().catch(() => undefined);
    }
    if (sameScenario(state.scenario, state.saved)) {
      if (state.save.kind !== 'saved') dispatch({ type: 'save', save: { kind: 'saved' } });
      return;
    }
    const scenario = state.scenario;
    if (state.save.kind !== 'saving') dispatch({ type: 'save', save: { kind: 'saving' } });
    const timer = setTimeout(() => {
      services.store
        .write(scenario)
        .then(() => dispatch({ type: 'save', save: { kind: 'saved' }, saved: scenario }))
        .catch((e: unknown) => dispatch({ type: 'save', save: { kind: 'failed', message: e instanceof Error ? e.message : String(e) } }));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // state.save is read only to avoid dispatching the same state again, so it is not a dependency.
  }, [state.ready, state.scenario, state.saved, services]);

  const edit = useCallback((f: (s: Scenario) => Scenario) => dispatch({ type: 'edit', edit: f }), []);
  const replace = useCallback((scenario: Scenario, notice: PlannerState['notice'] = null) => dispatch({ type: 'replace', scenario, notice }), []);
  const dismissNotice = useCallback(() => dispatch({ type: 'notice', notice: null }), []);
  const notify = useCallback((text: string, intent: 'info' | 'warning') => dispatch({ type: 'notice', notice: { intent, text } }), []);
  return { state, edit, replace, dismissNotice, notify, current: scenarioRef };
}

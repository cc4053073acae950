/**
 * The task pane: a header with the save state, seven views (Formulary, Payers, Program, Demand, Results, Patient, Workbook)
 * and a one-line summary that follows every edit. Works from 320 px wide; every control is reachable by
 * keyboard (Fluent's tab list takes the arrow keys) and labelled for screen readers.
 */
import {
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { sampleScenario } from '../../scenario';
import { boardSheetMismatches } from '../model/board-stale';
import { computeResults, mixSum } from '../model/results';
import { findCatalogDrug } from '../../scenario/lookup';
import { BoardSheetNotice } from '../ui/BoardSheetNotice';
import { DemandView } from '../ui/DemandView';
import { FormularyView } from '../ui/FormularyView';
import { LaunchPlanView } from '../ui/LaunchPlanView';
import { moneyRounded } from '../ui/format';
import { PatientView } from '../ui/PatientView';
import { PayersView } from '../ui/PayersView';
import { ProgramView } from '../ui/ProgramView';
import { ResultsView } from '../ui/ResultsView';
import { WorkbookView } from '../ui/WorkbookView';
import { ReplaceDialog } from '../ui/ReplaceDialog';
import type { AppServices, ReplaceQuestion } from '../services';
import { type SaveState, holdReason, usePlanner } from './planner';

export type { AppServices } from '../services';

// Issue 15: the editing views draw again only when their own props change. The results follow a deferred copy of
// the scenario (below), so every change renders twice, the second time for the results alone: without memo the
// whole view (the formulary's catalog and drugs) was drawn twice, at start-up and at each edit.
const Formulary = memo(FormularyView);
const Payers = memo(PayersView);
const Program = memo(ProgramView);
const Demand = memo(DemandView);

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  tabs: { flexWrap: 'nowrap', overflowX: 'auto', marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})`, scrollbarWidth: 'none' },
  tab: {
    paddingLeft: '5px',
    paddingRight: '5px',
    minWidth: 0,
    '@media (max-width: 359px)': { paddingLeft: '4px', paddingRight: '4px' },
  },
  tabContent: {
    paddingLeft: 0,
    paddingRight: 0,
    fontSize: tokens.fontSizeBase300,
    '@media (max-width: 359px)': { fontSize: tokens.fontSizeBase200 },
  },
  summary: { color: tokens.colorNeutralForeground2, paddingBottom: tokens.spacingVerticalXS, display: 'block' },
  main: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  saveOk: { color: tokens.colorNeutralForeground3 },
  saveHeld: { color: tokens.colorPaletteMarigoldForeground2 },
  saveBad: { color: tokens.colorPaletteRedForeground1 },
});

type View = 'formulary' | 'payers' | 'program' | 'demand' | 'launch' | 'results' | 'patient' | 'workbook';

/** The views in the tab bar's order, with their tab labels. */
const VIEWS: readonly (readonly [View, string])[] = [
  ['formulary', 'Formulary'],
  ['payers', 'Payers'],
  ['program', 'Program'],
  ['demand', 'Demand'],
  ['launch', 'Launch'],
  ['results', 'Results'],
  ['patient', 'Patient'],
  ['workbook', 'Workbook'],
];

function saveText(save: SaveState): string {
  switch (save.kind) {
    case 'loading':
      return 'Reading the workbook…';
    case 'saved':
      return 'Saved in workbook';
    case 'saving':
      return 'Saving…';
    case 'held':
      return 'Not saved yet';
    case 'failed':
      return 'Save failed';
  }
}

export function App(props: { services: AppServices }) {
  const styles = useStyles();
  const { services } = props;
  const planner = usePlanner(services);
  const { state, edit, replace } = planner;
  const [view, setView] = useState<View>('formulary');
  const [refVersion, setRefVersion] = useState(0);
  useEffect(() => services.onReferenceChange(() => setRefVersion((v) => v + 1)), [services]);
  // refVersion is a dependency on purpose: the book changes behind the same getter.
  const book = useMemo(() => services.book(), [services, refVersion]);
  const referenceData = book.data;

  // Results follow the scenario; typing stays responsive because they are computed from a deferred copy.
  const shown = useDeferredValue(state.scenario);
  const results = useMemo(() => computeResults(shown, book, referenceData), [shown, book, referenceData]);
  const mix = mixSum(state.scenario);
  const writable = useMemo(() => (state.ready ? holdReason(state.scenario, referenceData) : 'loading'), [state.ready, state.scenario, referenceData]);
  const blocked =
    state.scenario.drugs.length === 0
      ? 'Add a drug to the formulary first.'
      : !mix.ok
        ? `The payer mix adds up to ${mix.percent}%; set it to 100% to build the board workbook.`
        : writable === 'loading'
          ? 'Reading the workbook…'
          : writable;
  // Issue 14: the board's Market and Launch plan sheets, when their structure no longer matches the pane's scenario.
  const stale = useMemo(
    () =>
      boardSheetMismatches(state.boardSheets, state.scenario, (hcpcs) => {
        const c = findCatalogDrug(referenceData, hcpcs);
        return c === undefined ? hcpcs : `${c.brand} (${hcpcs})`;
      }),
    [state.boardSheets, state.scenario, referenceData],
  );
  const toBuild = useCallback(() => setView('workbook'), []);
  const [question, setQuestion] = useState<ReplaceQuestion | null>(null);
  useEffect(() => services.asker.listen(setQuestion), [services]);

  const summary = results.ok
    ? [
        `Mix ${results.mixPercent}%`,
        results.program ? `NPV ${moneyRounded(results.program.npv)}` : null,
        `${results.drugs.length} ${results.drugs.length === 1 ? 'drug' : 'drugs'}`,
        results.drugs.some((d) => d.mix?.underwater) ? `${results.drugs.filter((d) => d.mix?.underwater).length} underwater` : null,
      ]
        .filter((x) => x !== null)
        .join(' · ')
    : `Mix ${mix.percent}% · ${state.scenario.drugs.length} drugs`;

  const saveClass = state.save.kind === 'failed' ? styles.saveBad : state.save.kind === 'held' ? styles.saveHeld : styles.saveOk;
  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>Infusion Planner</h1>
          <Caption1 className={saveClass} role="status" aria-live="polite" data-testid="save-state" data-state={state.save.kind}>
            {saveText(state.save)}
          </Caption1>
        </div>
        <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_e, data) => setView(data.value as View)} aria-label="Views">
          {VIEWS.map(([value, label]) => (
            <Tab key={value} className={styles.tab} content={{ className: styles.tabContent }} value={value}>
              {label}
            </Tab>
          ))}
        </TabList>
        <Caption1 className={styles.summary} data-testid="summary" aria-live="polite">
          {summary}
        </Caption1>
      </header>
      <main className={styles.main}>
        {state.notice ? (
          <MessageBar layout="multiline" intent={state.notice.intent}>
            <MessageBarBody>
              {state.notice.text}
              {state.notice.details ? (
                <ul>
                  {state.notice.details.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              ) : null}
            </MessageBarBody>
            <MessageBarActions>
              {state.protectTables ? (
                <Button size="small" onClick={planner.overwrite}>
                  Replace the Inputs sheet with this scenario
                </Button>
              ) : (
                <Button size="small" appearance="transparent" onClick={planner.dismissNotice}>
                  Dismiss
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {state.save.kind === 'held' && state.ready && !(view === 'payers' && !mix.ok) && state.scenario.drugs.length > 0 ? (
          <MessageBar layout="multiline" intent="warning">
            <MessageBarBody>{state.save.reason}</MessageBarBody>
          </MessageBar>
        ) : null}
        {state.save.kind === 'failed' ? (
          <MessageBar layout="multiline" intent="error">
            <MessageBarBody>The Inputs sheet was not updated: {state.save.message}</MessageBarBody>
          </MessageBar>
        ) : null}
        {!state.ready ? <Caption1>Reading the scenario from the workbook…</Caption1> : null}
        {state.ready && view === 'formulary' ? (
          <>
            {state.scenario.drugs.length === 0 && state.saved === null ? (
              <MessageBar layout="multiline" intent="info">
                <MessageBarBody>A new formulary: add drugs from the catalog, or start from the sample of ten (an illustrative practice).</MessageBarBody>
                <MessageBarActions>
                  <Button size="small" onClick={() => replace(sampleScenario, { intent: 'info', text: 'The sample formulary is loaded: every volume and cost in it is illustrative.' })}>
                    Load the sample
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ) : null}
            <Formulary scenario={state.scenario} book={book} referenceData={referenceData} edit={edit} />
          </>
        ) : null}
        {state.ready && view === 'payers' ? <Payers scenario={state.scenario} edit={edit} /> : null}
        {state.ready && view === 'program' ? <Program scenario={state.scenario} book={book} edit={edit} /> : null}
        {/* Issue 14: where the new patients a month come from. */}
        {state.ready && (view === 'demand' || view === 'launch') ? <BoardSheetNotice mismatches={stale.filter((m) => m.view === view)} onRebuild={toBuild} /> : null}
        {state.ready && view === 'workbook' ? <BoardSheetNotice mismatches={stale} /> : null}
        {state.ready && view === 'demand' ? <Demand scenario={state.scenario} referenceData={referenceData} edit={edit} /> : null}
        {state.ready && view === 'launch' ? <LaunchPlanView scenario={state.scenario} results={results} referenceData={referenceData} edit={edit} /> : null}
        {state.ready && view === 'results' ? <ResultsView results={results} /> : null}
        {state.ready && view === 'patient' ? <PatientView scenario={shown} book={book} sheet={services.estimateSheet} /> : null}
        {state.ready && view === 'workbook' ? (
          <WorkbookView
            scenario={state.scenario}
            blocked={blocked}
            board={services.board}
            freezer={services.freezer}
            quarters={services.quarters}
            onBuilt={planner.built}
          />
        ) : null}
      </main>
      <ReplaceDialog
        question={question}
        onClose={() => setQuestion(null)}
        title="Lay the board out again?"
        text="This change adds or removes rows of the Inputs sheet, so the board's sheets built on it must be built again from the new inputs (your own sheets are never touched). These sheets will be replaced:"
        yes="Rebuild them"
        no="Not now"
      />
    </FluentProvider>
  );
}

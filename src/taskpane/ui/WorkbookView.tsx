/**
 * Workbook: build the board workbook (progress shown; a confirmation before sheets built earlier are
 * replaced), freeze INFUSION.* formulas for sharing and unfreeze them, and import a CMS payment limit file
 * (read in the browser, nothing sent anywhere) with its impact on the formulary.
 */
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaymentLimitQuarter } from '../../engine/reference';
import type { Scenario } from '../../scenario/types';
import type { BoardService, BuildProgress, FreezeService, QuarterImpactView, QuarterService } from '../services';
import { money } from './format';
import { type ReplaceQuestion, ReplaceDialog } from './ReplaceDialog';

export type { BoardService, BuildProgress, FreezeService, QuarterService } from '../services';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalL,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  sub: { color: tokens.colorNeutralForeground3 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '2px 4px 2px 0' },
  td: { padding: '2px 4px 2px 0', verticalAlign: 'top' },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  bad: { color: tokens.colorPaletteRedForeground1 },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden', pointerEvents: 'none' },
});

export interface WorkbookViewProps {
  readonly scenario: Scenario;
  /** Why the board cannot be built from this scenario now (e.g. the mix is off), or null. */
  readonly blocked: string | null;
  readonly board: BoardService;
  readonly freezer: FreezeService;
  readonly quarters: QuarterService;
  /** Called after a build with the scenario it was built from. */
  readonly onBuilt: (scenario: Scenario) => Promise<void>;
}

type Message = { intent: 'success' | 'error' | 'warning' | 'info'; text: string } | null;

/** What the last action of a section did, read out to screen readers. */
function StatusMessage(props: { message: Message }) {
  const { message } = props;
  return message ? (
    <MessageBar layout="multiline" intent={message.intent} role="status">
      <MessageBarBody>{message.text}</MessageBarBody>
    </MessageBar>
  ) : null;
}

export function WorkbookView(props: WorkbookViewProps) {
  const styles = useStyles();
  return (
    <div className={styles.section} style={{ borderBottom: 'none' }}>
      <BuildSection {...props} />
      <FreezeSection freezer={props.freezer} />
      <ImportSection {...props} />
    </div>
  );
}

function BuildSection(props: WorkbookViewProps) {
  const styles = useStyles();
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [confirm, setConfirm] = useState<ReplaceQuestion | null>(null);
  const building = progress !== null;
  const reasons = [props.blocked, props.board.unavailable].filter((r): r is string => r !== null);

  const build = async (): Promise<void> => {
    setMessage(null);
    setProgress({ step: 'Starting', done: 0, total: 1 });
    try {
      const result = await props.board.build(props.scenario, setProgress, (sheets) => new Promise<boolean>((answer) => setConfirm({ sheets, answer })));
      if ('cancelled' in result) setMessage({ intent: 'info', text: 'Nothing was changed: the earlier board sheets are as they were.' });
      else {
        await props.onBuilt(props.scenario);
        setMessage({ intent: 'success', text: `Board workbook built: ${result.built.join(', ')}.` });
      }
    } catch (e) {
      setMessage({ intent: 'error', text: `The board workbook was not built: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="build-heading">
      <Subtitle2 as="h2" id="build-heading">
        Board workbook
      </Subtitle2>
      <Caption1 className={styles.sub}>
        Summary, formulary economics, projection, sensitivity and sources, as native Excel formulas over the Inputs sheet: it computes without the
        add-in.
      </Caption1>
      <Caption1>
        The scenario lives in the Inputs sheet: the pane writes it there as you edit, and reads back what you type there. A board built on it follows
        at once; adding or removing a drug, payer or fixed cost lays the board out again (after asking).
      </Caption1>
      {reasons.map((reason) => (
        <MessageBar layout="multiline" intent="warning" key={reason}>
          <MessageBarBody>{reason}</MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={reasons.length > 0 || building} onClick={() => void build()}>
          Build board workbook
        </Button>
      </div>
      {progress ? (
        <Field validationMessage={progress.step} validationState="none" label="Building">
          <ProgressBar value={progress.total === 0 ? 0 : progress.done / progress.total} />
        </Field>
      ) : null}
      <StatusMessage message={message} />
      <ReplaceDialog
        question={confirm}
        onClose={() => setConfirm(null)}
        title="Replace the earlier board sheets?"
        text="This workbook has board sheets the add-in built before. Building again replaces them (your own sheets are never touched):"
        yes="Replace them"
        no="Keep them"
      />
    </section>
  );
}

function FreezeSection(props: { freezer: FreezeService }) {
  const styles = useStyles();
  const [sheets, setSheets] = useState<readonly { id: string; name: string; formulas: number; frozen: number }[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const { freezer } = props;

  const scan = useCallback(async (): Promise<void> => {
    try {
      const found = await freezer.scan();
      setSheets(found);
      setChosen((c) => c.filter((id) => found.some((s) => s.id === id && s.formulas > 0)));
    } catch (e) {
      setMessage({ intent: 'error', text: `Could not look through the sheets: ${e instanceof Error ? e.message : String(e)}` });
    }
  }, [freezer]);

  useEffect(() => {
    void scan();
  }, [scan]);

  const run = async (what: 'freeze' | 'unfreeze', ids: readonly string[]): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      if (what === 'freeze') {
        const n = await freezer.freeze(ids);
        setMessage({ intent: 'success', text: `${n} INFUSION ${n === 1 ? 'formula' : 'formulas'} replaced by ${n === 1 ? 'its value' : 'their values'}. Unfreeze puts them back.` });
        setChosen([]);
      } else {
        const r = await freezer.unfreeze(ids);
        const parts = [`${r.restored} ${r.restored === 1 ? 'formula' : 'formulas'} restored.`];
        if (r.changed.length > 0) parts.push(`Left as they are, because their values were changed after freezing: ${r.changed.join(', ')}.`);
        if (r.missing > 0) parts.push(`${r.missing} belonged to sheets that no longer exist.`);
        const refused = r.refused ?? [];
        if (refused.length > 0) parts.push(`Not written back, as the add-in did not freeze them: ${refused.join('; ')}.`);
        setMessage({ intent: r.changed.length > 0 || refused.length > 0 ? 'warning' : 'success', text: parts.join(' ') });
      }
    } catch (e) {
      setMessage({ intent: 'error', text: `${what === 'freeze' ? 'Freezing' : 'Unfreezing'} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      await scan();
    }
  };

  const live = sheets?.filter((s) => s.formulas > 0) ?? [];
  const frozen = sheets?.filter((s) => s.frozen > 0) ?? [];
  return (
    <section className={styles.section} aria-labelledby="freeze-heading">
      <Subtitle2 as="h2" id="freeze-heading">
        Freeze for sharing
      </Subtitle2>
      <Caption1 className={styles.sub}>
        Someone without the add-in sees #NAME? where a cell uses INFUSION functions. Freezing replaces those formulas with their values and keeps them, so
        Unfreeze can put them back.
      </Caption1>
      {sheets === null ? <Caption1>Looking through the sheets…</Caption1> : null}
      {sheets !== null && live.length === 0 ? <Body1>No sheet uses INFUSION functions now.</Body1> : null}
      {live.length > 0 ? (
        <div role="group" aria-label="Sheets with INFUSION formulas">
          {live.map((s) => (
            <Checkbox
              key={s.id}
              label={`${s.name} (${s.formulas} ${s.formulas === 1 ? 'formula' : 'formulas'})`}
              checked={chosen.includes(s.id)}
              onChange={(_e, data) => setChosen((c) => (data.checked === true ? [...c, s.id] : c.filter((x) => x !== s.id)))}
            />
          ))}
        </div>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => void run('freeze', chosen)}>
          Freeze selected sheets
        </Button>
        <Button disabled={busy} onClick={() => void scan()}>
          Look again
        </Button>
      </div>
      {frozen.length > 0 ? (
        <>
          <Body1>Frozen now:</Body1>
          <ul className={styles.list}>
            {frozen.map((s) => (
              <li key={s.id}>
                <div className={styles.buttons}>
                  <Body1>
                    {s.name}: {s.frozen} {s.frozen === 1 ? 'formula' : 'formulas'}
                  </Body1>
                  <Button size="small" disabled={busy} onClick={() => void run('unfreeze', [s.id])} aria-label={`Unfreeze ${s.name}`}>
                    Unfreeze
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <StatusMessage message={message} />
    </section>
  );
}

function ImportSection(props: WorkbookViewProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; quarter: PaymentLimitQuarter; view: QuarterImpactView } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (f: File): Promise<void> => {
    setBusy(true);
    setMessage(null);
    setFile(null);
    try {
      const read = await props.quarters.read(f);
      if (!read.ok) setMessage({ intent: 'error', text: read.message });
      else setFile({ name: f.name, quarter: read.quarter, view: props.quarters.impact(read.quarter, props.scenario) });
    } catch (e) {
      setMessage({ intent: 'error', text: `"${f.name}" could not be read: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const use = async (): Promise<void> => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await props.quarters.use(file.quarter, props.scenario);
      setMessage({ intent: result.ok ? 'success' : 'error', text: result.message });
      if (result.ok) setFile(null);
    } finally {
      setBusy(false);
    }
  };

  const view = file?.view;
  return (
    <section className={styles.section} style={{ borderBottom: 'none' }} aria-labelledby="import-heading">
      <Subtitle2 as="h2" id="import-heading">
        Import a CMS payment limit file
      </Subtitle2>
      <Caption1 className={styles.sub}>
        The quarterly “Medicare Part B Payment Limit File” (ASP pricing file), CSV or xlsx. It is read here, in the pane; nothing is sent anywhere.
      </Caption1>
      <div className={styles.buttons}>
        <Button disabled={busy} onClick={() => input.current?.click()}>
          Choose a CMS file…
        </Button>
        <input
          ref={input}
          className={styles.hiddenInput}
          tabIndex={-1}
          aria-hidden="true"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onFile(f);
            e.target.value = '';
          }}
        />
      </div>
      {file && view && !view.ok ? (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{view.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {file && view?.ok ? (
        <div className={styles.section} style={{ borderBottom: 'none', paddingBottom: 0 }} data-testid="cms-impact">
          <Body1>
            {file.name}: payment limits {view.quarter} ({view.effective}), {view.rows} codes; {view.codes.added.length} added, {view.codes.removed.length}{' '}
            removed and {view.codes.priceChanged} repriced against {view.codes.from}.
          </Body1>
          <Caption1>{view.summary}</Caption1>
          {view.impact ? (
            <>
              <table className={styles.table}>
                <caption className={styles.sub} style={{ textAlign: 'left' }}>
                  Your formulary, {view.impact.from} to {view.impact.to}
                </caption>
                <thead>
                  <tr>
                    <th className={styles.th}>Drug</th>
                    <th className={`${styles.th} ${styles.num}`}>Limit / unit</th>
                    <th className={`${styles.th} ${styles.num}`}>Per admin.</th>
                    <th className={`${styles.th} ${styles.num}`}>Per year</th>
                  </tr>
                </thead>
                <tbody>
                  {view.impact.drugs.map((d) => (
                    <tr key={d.hcpcs}>
                      <td className={styles.td}>
                        {d.label}
                        {d.underwater?.mixBecame ? <span className={styles.bad}> becomes underwater</span> : null}
                        {d.underwater?.mixStopped ? <span> no longer underwater</span> : null}
                        {d.unpricedNew ? <span className={styles.bad}> not priced in {view.impact?.to}</span> : null}
                      </td>
                      <td className={`${styles.td} ${styles.num}`}>
                        {d.old?.paymentLimit ?? 'n/a'} → {d.new?.paymentLimit ?? 'n/a'}
                      </td>
                      <td className={`${styles.td} ${styles.num}`}>{d.change ? money(d.change.perAdministration) : 'n/a'}</td>
                      <td className={`${styles.td} ${styles.num}`}>{d.change ? money(d.change.perYear) : 'n/a'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Caption1 className={styles.sub}>
                Change of Medicare's allowed amount for the drug line (payment limit x units billed), per administration and over a year of administrations.
                Mix-weighted margin change over a year: {money(view.impact.totals.mixMarginPerYear)}.
              </Caption1>
              {view.impact.becameUnderwater.length > 0 ? (
                <MessageBar layout="multiline" intent="warning">
                  <MessageBarBody>
                    Become underwater: {view.impact.becameUnderwater.map((u) => `${u.label} (${u.mix ? 'across the mix' : u.payers.join(', ')})`).join('; ')}.
                  </MessageBarBody>
                </MessageBar>
              ) : null}
            </>
          ) : null}
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={busy || view.direction === 'identical'} onClick={() => void use()}>
              Use {view.quarter}
            </Button>
            <Button disabled={busy} onClick={() => setFile(null)}>
              Discard
            </Button>
          </div>
        </div>
      ) : null}
      <StatusMessage message={message} />
    </section>
  );
}

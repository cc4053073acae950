/**
 * Patient estimate (DOMAIN.md 5.7): for a coverage profile (payer, supplemental coverage, deductible already
 * met, out-of-pocket already spent) and a drug of the formulary, what the patient pays per infusion and over
 * a year of the regimen, month by month with the month the out-of-pocket maximum is reached, and the help
 * that fits. "Write estimate sheet" puts a one-page estimate, which says it is an estimate and cites its
 * sources, in a new sheet. Nothing identifies a patient: there is no field for a name, a date of birth or a
 * member id, and the profile is kept in the pane's memory only.
 */
import { Button, Caption1, Field, MessageBar, MessageBarBody, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ReferenceBook } from '../../engine/book';
import { coverageOf } from '../../engine/patient';
import type { Scenario } from '../../scenario/types';
import type { FieldSpec } from '../model/fields';
import {
  type EstimateInput,
  SOURCE_LABELS,
  SUPPLEMENTAL_LABELS,
  computeEstimate,
  estimateContext,
  estimateSheet,
  supplementalChoices,
} from '../model/patient-estimate';
import type { EstimateSheetService } from '../services';
import { NumberField } from './fields';
import { money } from './format';
import { Kpi } from './ResultsView';

/** Writes the one-page estimate into a new sheet; returns its name. */
const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  /** Choices take a row of their own below 440 px (their option texts are long). */
  choices: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  kpis: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: tokens.spacingHorizontalS, margin: 0 },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '2px 4px 2px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: 'right', whiteSpace: 'nowrap', padding: '1px 0 1px 4px' },
  monthCell: { padding: '1px 4px 1px 0', fontWeight: 'inherit', textAlign: 'left' },
  capRow: { backgroundColor: tokens.colorPaletteGreenBackground1, fontWeight: tokens.fontWeightSemibold },
  quiet: { color: tokens.colorNeutralForeground3 },
  help: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  notAllowed: { color: tokens.colorPaletteRedForeground1 },
  sub: { color: tokens.colorNeutralForeground3 },
});

const DOLLARS: FieldSpec = { unit: 'money', min: 0, max: 1_000_000, optional: true };

export interface PatientViewProps {
  readonly scenario: Scenario;
  readonly book: ReferenceBook;
  readonly sheet: EstimateSheetService;
}

export type { EstimateSheetService } from '../services';

export function PatientView(props: PatientViewProps) {
  const styles = useStyles();
  const { scenario, book } = props;
  const context = useMemo(() => estimateContext(scenario, book), [scenario, book]);
  const { payers, drugs } = context;

  const [payerId, setPayerId] = useState<string>(() => (payers.find((p) => p.id === 'MEDICARE') ?? payers[0])?.id ?? 'MEDICARE');
  const [input, setInput] = useState<Omit<EstimateInput, 'payerId' | 'hcpcs'>>({ supplemental: 'none', year: 1 });
  const [hcpcs, setHcpcs] = useState<string>(() => drugs[0]?.hcpcs ?? '');
  const [status, setStatus] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [writing, setWriting] = useState(false);

  const payer = payers.find((p) => p.id === payerId) ?? payers[0];
  const drugCode = drugs.some((d) => d.hcpcs === hcpcs) ? hcpcs : (drugs[0]?.hcpcs ?? '');
  const coverage = payer ? coverageOf(payer) : null;
  const choices = coverage ? supplementalChoices(coverage.coverageType) : (['none'] as const);
  const estimate = useMemo(
    () => (payer ? computeEstimate({ ...input, payerId: payer.id, hcpcs: drugCode }, context, book) : ({ ok: false, message: 'Add a payer first.' } as const)),
    [input, payer, drugCode, context, book],
  );

  if (drugs.length === 0) {
    return (
      <MessageBar layout="multiline" intent="info">
        <MessageBarBody>Add a drug to the formulary first: the estimate is for a drug the program offers.</MessageBarBody>
      </MessageBar>
    );
  }

  const write = async (): Promise<void> => {
    if (!estimate.ok) return;
    setWriting(true);
    setStatus(null);
    try {
      const rows = estimateSheet(estimate, { quarter: context.quarter, feeScheduleYear: context.feeScheduleYear, preparedOn: new Date().toISOString().slice(0, 10) });
      const name = await props.sheet.write(rows);
      setStatus({ intent: 'success', text: `Estimate written to the sheet "${name}", set to print on one page. No sheet of yours was changed.` });
    } catch (e) {
      setStatus({ intent: 'error', text: `The estimate sheet was not written: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setWriting(false);
    }
  };

  return (
    <div className={styles.section} data-testid="patient-estimate">
      <section className={styles.section} aria-labelledby="patient-coverage-heading">
        <Subtitle2 as="h2" id="patient-coverage-heading">
          Patient estimate
        </Subtitle2>
        <Caption1 className={styles.sub}>For a coverage profile, not a person: no name, date of birth or member id is asked for or kept.</Caption1>
        <div className={styles.section} role="group" aria-label="Coverage profile">
          <div className={styles.choices}>
            <Field className={styles.field} label="Payer" hint={coverage ? payerHint(coverage.annualDeductible, coverage.outOfPocketMax) : undefined}>
              <Select className={styles.select} value={payer?.id ?? ''} onChange={(_e, d) => setPayerId(d.value)}>
                {payers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field className={styles.field} label="Supplemental coverage" hint={choices.length === 1 ? 'Medigap and Medicaid as secondary apply to Medicare patients.' : undefined}>
              <Select
                className={styles.select}
                value={choices.includes(input.supplemental) ? input.supplemental : 'none'}
                disabled={choices.length === 1}
                onChange={(_e, d) => setInput((i) => ({ ...i, supplemental: d.value as EstimateInput['supplemental'] }))}
              >
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {SUPPLEMENTAL_LABELS[c]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.grid}>
            <NumberField
              label="Deductible already met"
              unit="$"
              spec={DOLLARS}
              value={input.deductibleMet}
              hint="This year, so far."
              onCommit={(v) => setInput((i) => ({ ...i, deductibleMet: v }))}
            />
            <NumberField
              label="Out-of-pocket already spent"
              unit="$"
              spec={DOLLARS}
              value={input.outOfPocketSpent}
              hint="This year, so far."
              onCommit={(v) => setInput((i) => ({ ...i, outOfPocketSpent: v }))}
            />
          </div>
        </div>
        <div className={styles.choices} role="group" aria-label="Treatment">
          <Field className={styles.field} label="Drug">
            <Select className={styles.select} value={drugCode} onChange={(_e, d) => setHcpcs(d.value)}>
              {drugs.map((d) => (
                <option key={d.hcpcs} value={d.hcpcs}>
                  {d.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.field} label="Drug comes">
            <Select
              className={styles.select}
              value={input.drugSource ?? ''}
              onChange={(_e, d) => setInput((i) => ({ ...i, drugSource: d.value === '' ? undefined : (d.value as EstimateInput['drugSource']) }))}
            >
              <option value="">As the payer&apos;s terms say</option>
              {(['buy_and_bill', 'white_bag', 'free_drug'] as const).map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.field} label="Year of therapy">
            <Select className={styles.select} value={String(input.year)} onChange={(_e, d) => setInput((i) => ({ ...i, year: Number(d.value) }))}>
              <option value="1">Year 1 (loading doses)</option>
              <option value="2">Year 2</option>
              <option value="3">Year 3</option>
            </Select>
          </Field>
          {coverage?.coverageType === 'commercial' ? (
            <NumberField
              label="Copay program annual maximum"
              unit="$"
              spec={DOLLARS}
              value={input.copayProgramMax}
              hint="The manufacturer program's, if the patient enrols."
              onCommit={(v) => setInput((i) => ({ ...i, copayProgramMax: v }))}
            />
          ) : null}
        </div>
      </section>

      {!estimate.ok ? (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{estimate.message}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <section className={styles.section} aria-labelledby="patient-pays-heading">
            <Subtitle2 as="h2" id="patient-pays-heading">
              What the patient pays
            </Subtitle2>
            <dl className={styles.kpis}>
              <Kpi label="First infusion of the year" value={money(estimate.firstInfusion)} testId="first-infusion" />
              {estimate.laterInfusion === null ? null : <Kpi label="A later infusion, deductible met" value={money(estimate.laterInfusion)} testId="later-infusion" />}
              <Kpi label={`Year ${estimate.year} total (${estimate.infusions} infusions)`} value={money(estimate.total)} testId="year-total" />
              <Kpi
                label="Out-of-pocket maximum"
                value={estimate.outOfPocketMax === null ? 'no limit' : estimate.capReachedMonth === null ? 'not reached' : `reached in month ${estimate.capReachedMonth}`}
                testId="cap"
              />
              {estimate.copayProgramMax === null ? null : <Kpi label="After the copay program" value={money(estimate.net)} testId="after-program" />}
            </dl>
            <Caption1 className={styles.sub}>
              {estimate.drugLabel}, {estimate.dose} {estimate.billingMeasure.toLowerCase()} a maintenance infusion; {SOURCE_LABELS[estimate.drugSource].toLowerCase()}.{' '}
              {estimate.supplemental === 'none' ? '' : `${SUPPLEMENTAL_LABELS[estimate.supplemental]} included. `}
              {estimate.coverageSource}
            </Caption1>
            <table className={styles.table} aria-label="Month by month">
              <thead>
                <tr>
                  <th scope="col" className={styles.th}>
                    Month
                  </th>
                  <th scope="col" className={`${styles.th} ${styles.num}`}>
                    Infusions
                  </th>
                  <th scope="col" className={`${styles.th} ${styles.num}`}>
                    Pays
                  </th>
                  <th scope="col" className={`${styles.th} ${styles.num}`}>
                    So far
                  </th>
                </tr>
              </thead>
              <tbody>
                {estimate.months.map((m) => (
                  <tr key={m.month} className={m.month === estimate.capReachedMonth ? styles.capRow : m.infusions === 0 ? styles.quiet : undefined} data-month={m.month}>
                    <th scope="row" className={styles.monthCell}>
                      {m.month}
                      {m.month === estimate.capReachedMonth ? ' · limit reached' : ''}
                    </th>
                    <td className={styles.num}>{m.infusions}</td>
                    <td className={styles.num}>{money(m.patient)}</td>
                    <td className={styles.num}>{money(m.cumulative)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className={styles.section} aria-labelledby="patient-help-heading">
            <Subtitle2 as="h2" id="patient-help-heading">
              Help that may fit
            </Subtitle2>
            <ul className={styles.help}>
              {estimate.help.map((h, i) => (
                <li key={i} className={h.kind === 'not_allowed' ? styles.notAllowed : undefined}>
                  <Caption1>{h.text}</Caption1>
                </li>
              ))}
            </ul>
          </section>
          <section className={styles.section}>
            <Button appearance="primary" disabled={writing} onClick={() => void write()}>
              Write estimate sheet
            </Button>
            <Caption1 className={styles.sub}>A new sheet each time, to print on one page; it says it is an estimate and names its sources.</Caption1>
            {status ? (
              <MessageBar layout="multiline" intent={status.intent}>
                <MessageBarBody>{status.text}</MessageBarBody>
              </MessageBar>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}

function payerHint(deductible: number, limit: number | null): string {
  return `Deductible ${money(deductible)}; ${limit === null ? 'no out-of-pocket limit' : `out-of-pocket maximum ${money(limit)}`}.`;
}

/**
 * Results, updated as inputs change: the program's figures (break-even, payback, NPV, peak working capital,
 * chair use), the two charts, and per drug the margin per administration by payer and mix-weighted, sorted
 * best first, underwater drugs and payers marked.
 */
import { Badge, Body1, Caption1, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Results } from '../model/results';
import { CashChart, MarginChart } from './charts';
import { money, moneyRounded, num, percent } from './format';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  kpis: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: tokens.spacingHorizontalS, margin: 0 },
  kpi: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
  },
  kpiValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  kpiBad: { color: tokens.colorPaletteRedForeground1 },
  drugs: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  drug: {
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  drugUnderwater: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  drugHead: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  name: { minWidth: 0, overflowWrap: 'anywhere' },
  margin: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  negative: { color: tokens.colorPaletteRedForeground1 },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    padding: '1px 4px 1px 0',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '150px',
  },
  td: { textAlign: 'right', padding: '1px 0', whiteSpace: 'nowrap', verticalAlign: 'top' },
  uw: { display: 'block', fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  sub: { color: tokens.colorNeutralForeground3 },
  sr: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

export function ResultsView(props: { results: Results }) {
  const styles = useStyles();
  const r = props.results;
  if (!r.ok) {
    return (
      <MessageBar layout="multiline" intent="warning">
        <MessageBarBody>
          No results yet: {r.problems.length === 1 ? r.problems[0] : ''}
          {r.problems.length > 1 ? (
            <ul>
              {r.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : null}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const payerName = new Map(r.payers.map((p) => [p.id, p.name]));
  const prog = r.program;
  const underwater = r.drugs.filter((d) => d.mix?.underwater);
  return (
    <div className={styles.section} data-testid="results">
      {r.mixOk ? null : (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>
            The payer mix adds up to {r.mixPercent}%, not 100%: mix-weighted margins and the program projection appear when it does. Margins by payer
            are shown below.
          </MessageBarBody>
        </MessageBar>
      )}
      {r.warnings.length > 0 ? (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>
            Check these inputs (the figures are computed with them): {r.warnings.join('; ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {r.atAspDefault > 0 ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            {r.atAspDefault} of {r.drugs.length} drugs are priced at the ASP default (an assumption, marked below): enter your contract prices in
            the formulary.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {prog ? (
        <section className={styles.section} aria-labelledby="program-results-heading">
          <Subtitle2 as="h2" id="program-results-heading">
            Program
          </Subtitle2>
          <dl className={styles.kpis}>
            <Kpi label="NPV" value={moneyRounded(prog.npv)} bad={prog.npv < 0} />
            <Kpi label="Break-even" value={prog.breakEvenMonth === null ? 'not reached' : `month ${prog.breakEvenMonth}`} bad={prog.breakEvenMonth === null} />
            <Kpi label="Payback" value={prog.paybackMonth === null ? 'not reached' : `month ${prog.paybackMonth}`} bad={prog.paybackMonth === null} />
            <Kpi label="Peak working capital" value={moneyRounded(prog.peakWorkingCapital)} />
            <Kpi
              label="Peak chair use"
              value={`${percent(prog.peakUtilization)} of ${percent(prog.utilizationTarget)} target`}
              bad={prog.monthsOverCapacity.length > 0}
            />
            <Kpi label="Nurses needed (peak)" value={num(prog.peakNursesNeeded)} />
            {prog.year1 ? <Kpi label="Year 1 net revenue" value={moneyRounded(prog.year1.netRevenue)} /> : null}
            {prog.year1 ? <Kpi label="Year 1 net" value={moneyRounded(prog.year1.net)} bad={prog.year1.net < 0} /> : null}
          </dl>
          <Caption1 className={styles.sub}>
            Months are operating months after {prog.planningMonths} planning {prog.planningMonths === 1 ? 'month' : 'months'}.
            {prog.monthsOverCapacity.length > 0
              ? ` Demand exceeds chair capacity in ${prog.monthsOverCapacity.length} ${prog.monthsOverCapacity.length === 1 ? 'month' : 'months'}, from month ${prog.monthsOverCapacity[0]}.`
              : ' Demand stays within chair capacity.'}
          </Caption1>
          <CashChart
            title="Cumulative cash by month"
            points={prog.cumulativeCash.map((c) => ({ month: c.month, value: c.value }))}
            planningMonths={prog.planningMonths}
            paybackMonth={prog.paybackMonth}
          />
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="drug-results-heading">
        <Subtitle2 as="h2" id="drug-results-heading">
          Margin per administration
        </Subtitle2>
        <Caption1 className={styles.sub}>
          {r.mixOk ? 'Mix-weighted, best first.' : 'Worst payer first.'} Payment limits {r.quarter}, fee schedule {r.feeScheduleYear}.
          {underwater.length > 0 ? ` ${underwater.length} underwater across the mix.` : ''}
        </Caption1>
        {r.mixOk ? (
          <MarginChart
            title="Mix-weighted margin per administration by drug"
            bars={r.drugs.map((d) => ({ label: d.label.replace(/ \(.*\)$/, ''), value: d.mix?.margin ?? 0, bad: d.mix?.underwater ?? false }))}
          />
        ) : null}
        <ul className={styles.drugs} aria-label="Drugs, by margin per administration">
          {r.drugs.map((d) => {
            const marginValue = d.mix?.margin;
            const isUnderwater = d.mix?.underwater ?? d.underwaterPayers.length === d.perPayer.length;
            return (
              <li key={d.hcpcs} className={isUnderwater ? `${styles.drug} ${styles.drugUnderwater}` : styles.drug} data-hcpcs={d.hcpcs}>
                <div className={styles.drugHead}>
                  <Body1 className={styles.name}>
                    {d.label} <Caption1 className={styles.sub}>{d.hcpcs}</Caption1>
                  </Body1>
                  {marginValue === undefined ? null : (
                    <Text className={marginValue < 0 ? `${styles.margin} ${styles.negative}` : styles.margin}>
                      {money(marginValue)}
                      <span className={styles.sr}> mix-weighted margin per administration</span>
                    </Text>
                  )}
                </div>
                <Caption1 className={styles.sub}>
                  {num(d.dose)} {d.billingUnit.replace(/^[\d.]+\s*/, '').toLowerCase()}: {d.unitsAdministered} units, {d.vials} {d.vials === 1 ? 'vial' : 'vials'}
                  {d.jwUnits > 0 ? `, ${d.jwUnits} JW units discarded` : ', JZ'}; {d.adminCodes || 'no administration code'}; acquisition ${d.acquisitionPerUnit}/unit
                  {d.acquisitionIsDefault ? ' (default: derived ASP)' : ''}
                  {d.mix === null || d.mix.recovery === null ? '' : d.mix.recovery === 'not applicable' ? '; drug cost recovery not applicable (no drug bought)' : `; drug cost recovery ${percent(d.mix.recovery)}`}
                </Caption1>
                <div className={styles.badges}>
                  {d.mix?.underwater ? (
                    <Badge color="danger" appearance="filled" size="small">
                      Underwater across the mix
                    </Badge>
                  ) : null}
                  {d.underwaterPayers.length > 0 ? (
                    <Badge color="danger" appearance="tint" size="small">
                      Underwater: {d.underwaterPayers.map((id) => payerName.get(id) ?? id).join(', ')}
                    </Badge>
                  ) : null}
                  {d.distributorVerified ? null : (
                    <Badge color="warning" appearance="tint" size="small">
                      Supply not verified
                    </Badge>
                  )}
                </div>
                <table className={styles.table}>
                  <caption className={styles.sr}>Margin per administration of {d.label} by payer</caption>
                  <tbody>
                    {d.perPayer.map((p) => (
                      <tr key={p.payerId}>
                        <th scope="row" className={styles.th}>
                          {payerName.get(p.payerId) ?? p.payerId}
                        </th>
                        <td className={p.margin < 0 || p.underwater ? `${styles.td} ${styles.negative}` : styles.td}>
                          {money(p.margin)}
                          {p.underwater ? <span className={styles.uw}> underwater</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/** A figure with its label, in a `<dl>` of figures (the Results and Patient views). */
export function Kpi(props: { label: string; value: string; bad?: boolean; testId?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.kpi}>
      <dt>
        <Caption1>{props.label}</Caption1>
      </dt>
      <dd style={{ margin: 0 }} className={props.bad ? `${styles.kpiValue} ${styles.kpiBad}` : styles.kpiValue} data-testid={props.testId}>
        {props.value}
      </dd>
    </div>
  );
}


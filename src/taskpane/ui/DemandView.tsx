/**
 * Demand (issue 14): where "new patients per month" comes from. The user enters the service area (adults by
 * age band, e.g. from the Census Bureau's county tables), the share of patients travelling beyond a drive
 * time and the competing sites; per therapeutic area the product's defaults (prevalence, the share on infused
 * therapy and yearly starts, each with its public source) can be changed, with the referral backlog and wait;
 * where no public figure exists the field is empty and the area "not estimated" until the user enters one. Per
 * drug the user sets its share of an area and either adopts the derived figure as the drug's volume or keeps
 * their own, with the gap shown; a drug of an area not estimated has no derived figure to adopt.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import { AGE_BANDS, DEMAND_AREAS, DEMAND_AREA_NAMES, type DemandAreaId, type DemandReport } from '../../engine/demand';
import type { ReferenceData } from '../../engine/reference';
import { DEFAULT_DRIVE_TIME_MINUTES, DEMAND_NO_FIGURE_LABEL, demandAreaDefault } from '../../data/demand';
import { findCatalogDrug } from '../../scenario/lookup';
import type { Scenario, ScenarioDrug } from '../../scenario/types';
import {
  type AreaNumberField,
  type MarketNumberField,
  demandEstimate,
  dropUnestimatedAdoptions,
  removeMarket,
  setAreaNumber,
  setAreaPrevalence,
  setDrugDemand,
  setMarketNumber,
  startMarket,
} from '../model/demand';
import type { FieldSpec } from '../model/fields';
import { NumberField } from './fields';

const ADULTS: FieldSpec = { unit: 'number', min: 0, max: 100_000_000, whole: true, noun: 'adults' };
const SHARE: FieldSpec = { unit: 'percent', min: 0, max: 100, optional: true };
const SHARE_REQUIRED: FieldSpec = { unit: 'percent', min: 0, max: 100 };
const PREVALENCE: FieldSpec = { unit: 'percent', min: 0, max: 100, optional: true };
const SITES: FieldSpec = { unit: 'number', min: 0, max: 1000, whole: true, noun: 'sites', optional: true };
const MINUTES: FieldSpec = { unit: 'number', min: 0, max: 1440, whole: true, noun: 'minutes', optional: true };
const BACKLOG: FieldSpec = { unit: 'number', min: 0, max: 1_000_000, noun: 'patients', optional: true };
const WEEKS: FieldSpec = { unit: 'number', min: 0, max: 520, noun: 'weeks', optional: true };

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'end' },
  kpi: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  kpiValue: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  sub: { color: tokens.colorNeutralForeground3 },
  areaHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS, width: '100%' },
  areaName: { flex: '1 1 auto', minWidth: 0 },
  areaValue: { flex: '0 0 auto', whiteSpace: 'nowrap' },
  drug: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  drugGrid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'end',
    '@media (max-width: 419px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  select: { minWidth: 0, width: '100%' },
  drugFigures: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  figure: { display: 'flex', flexDirection: 'column' },
  gap: { color: tokens.colorPaletteMarigoldForeground2, fontWeight: tokens.fontWeightSemibold },
});

const count2 = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count0 = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const pct = (n: number): string => `${(n * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;

/** A drug as the formulary names it: "Remicade (infliximab)", or the user's own name. */
function drugLabel(d: ScenarioDrug, ref: ReferenceData): string {
  if (d.custom !== undefined) return `${d.custom.name} (your drug)`;
  const c = findCatalogDrug(ref, d.hcpcs);
  return c === undefined ? d.hcpcs : `${c.brand} (${c.generic})`;
}

export interface DemandViewProps {
  readonly scenario: Scenario;
  readonly referenceData: ReferenceData;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
}

export function DemandView(props: DemandViewProps) {
  const styles = useStyles();
  const { scenario, referenceData } = props;
  // An area left without a figure has no derived figure to adopt: a drug adopting it goes back to its own.
  const edit: DemandViewProps['edit'] = (f) => props.edit((s) => dropUnestimatedAdoptions(f(s)));
  const estimate = useMemo(() => demandEstimate(scenario, referenceData), [scenario, referenceData]);
  const market = scenario.market;

  if (market === undefined) {
    return (
      <section className={styles.section} aria-labelledby="demand-heading">
        <Subtitle2 as="h2" id="demand-heading">
          Demand
        </Subtitle2>
        <Text>
          Estimate each drug&rsquo;s new patients a month from your service area instead of typing them: adults by age band, how common each condition is, how many are on an
          infused therapy and start or switch each year, and your share of them.
        </Text>
        <div>
          <Button appearance="primary" onClick={() => edit(startMarket)}>
            Estimate demand for my service area
          </Button>
        </div>
      </section>
    );
  }

  const report = estimate.kind === 'ok' ? estimate.report : null;
  const marketField = (key: MarketNumberField, label: string, spec: FieldSpec, unit?: string, def?: string) => (
    <NumberField label={label} unit={unit} spec={spec} value={market[key]} defaultInfo={def ? { display: def, label: 'assumption' } : undefined} onCommit={(v) => edit((s) => setMarketNumber(s, key, v))} />
  );

  return (
    <div className={styles.section} data-testid="demand-view">
      <section className={styles.section} aria-labelledby="area-heading">
        <Subtitle2 as="h2" id="area-heading">
          Service area
        </Subtitle2>
        <Caption1 className={styles.sub}>Adults by age band, e.g. from the Census Bureau&rsquo;s county population tables.</Caption1>
        <div className={styles.grid}>
          {marketField('adults18to49', 'Adults 18-49', ADULTS)}
          {marketField('adults50to64', 'Adults 50-64', ADULTS)}
          {marketField('adults65plus', 'Adults 65+', ADULTS)}
        </div>
        <div className={styles.grid}>
          {marketField('driveTimeMinutes', 'Drive time (minutes)', MINUTES, undefined, `${DEFAULT_DRIVE_TIME_MINUTES}`)}
          {marketField('travelShare', 'Travelling beyond it', SHARE, '%', '0%')}
        </div>
        <Caption1 className={styles.sub}>Competing infusion sites in the area</Caption1>
        <div className={styles.grid}>
          {marketField('hospitalOutpatient', 'Hospital outpatient', SITES, undefined, 'none')}
          {marketField('otherPractices', 'Other practices', SITES, undefined, 'none')}
          {marketField('homeInfusion', 'Home infusion', SITES, undefined, 'none')}
        </div>
        {report ? (
          <div className={styles.kpi}>
            <Text>Capture share</Text>
            <Text className={styles.kpiValue} data-testid="capture">
              {pct(report.capture)}
            </Text>
            <Caption1 className={styles.sub}>
              travelling share + the rest split evenly with {report.competingSites} competing {report.competingSites === 1 ? 'site' : 'sites'} (an assumption)
            </Caption1>
          </div>
        ) : null}
      </section>

      {estimate.kind === 'error' ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>The estimate cannot be computed: {estimate.message}</MessageBarBody>
        </MessageBar>
      ) : null}

      <section className={styles.section} aria-labelledby="areas-heading">
        <Subtitle2 as="h2" id="areas-heading">
          New patients a month, by area
        </Subtitle2>
        <Caption1 className={styles.sub}>
          Defaults: public sources, named under each figure and on the Sources sheet; where none was found there is no default, and the area is not estimated until you enter your
          figures. Enter your own.
        </Caption1>
        <Accordion collapsible multiple>
          {DEMAND_AREAS.map((id) => (
            <AreaItem key={id} id={id} scenario={scenario} report={report} edit={edit} />
          ))}
        </Accordion>
      </section>

      <section className={styles.section} aria-labelledby="drugs-demand-heading">
        <Subtitle2 as="h2" id="drugs-demand-heading">
          New patients a month, by drug
        </Subtitle2>
        <Caption1 className={styles.sub}>Give a drug its share of an area; then use the derived figure as its volume, or keep yours and see the gap.</Caption1>
        {scenario.drugs.length === 0 ? <Caption1>Add drugs to the formulary first.</Caption1> : null}
        {scenario.drugs.map((d) => (
          <DrugDemand key={d.hcpcs} drug={d} label={drugLabel(d, referenceData)} report={report} edit={edit} />
        ))}
      </section>

      <div>
        <Button appearance="subtle" onClick={() => edit(removeMarket)}>
          Remove the demand estimate
        </Button>
      </div>
      <Caption1 className={styles.sub}>The board workbook&rsquo;s Market sheet restates this with live formulas: build the board again to update it.</Caption1>
    </div>
  );
}

function AreaItem(props: { id: DemandAreaId; scenario: Scenario; report: DemandReport | null; edit: DemandViewProps['edit'] }) {
  const styles = useStyles();
  const { id, scenario, report, edit } = props;
  const d = demandAreaDefault(id);
  const own = scenario.market?.areas?.find((a) => a.area === id);
  const res = report?.areas.find((a) => a.area === id);
  // def null: no public figure, so no default; the empty field asks for the practice's own.
  const areaField = (key: AreaNumberField, label: string, spec: FieldSpec, unit: string | undefined, def: string | null, defLabel: string) => (
    <NumberField
      label={label}
      unit={unit}
      spec={spec}
      value={own?.[key]}
      defaultInfo={def === null ? undefined : { display: def, label: defLabel }}
      hint={def === null && own?.[key] === undefined ? `${DEMAND_NO_FIGURE_LABEL}.` : undefined}
      onCommit={(v) => edit((s) => setAreaNumber(s, id, key, v))}
    />
  );
  const share = (v: number | null): string | null => (v === null ? null : pct(v));
  const notEstimated = res !== undefined && res.missing.length > 0;
  // Each figure's source; where there is none, what was searched is on the Sources sheet.
  const cited = [
    ['On infused therapy', d.infusedShare, d.infusedShareCite],
    ['Start or switch a year', d.startsPerYear, d.startsCite],
  ] as const;
  const unsourced = cited.filter(([, v]) => v === null).map(([what]) => what.toLowerCase());
  const citations = [
    ...cited.filter(([, v]) => v !== null).map(([what, , cite]) => `${what}: ${cite}.`),
    ...(unsourced.length > 0 ? [`No public figure found for ${unsourced.join(' or ')} (what was searched: the Sources sheet).`] : []),
  ].join(' ');
  return (
    <AccordionItem value={id}>
      <AccordionHeader size="small">
        <span className={styles.areaHead}>
          <span className={styles.areaName}>{DEMAND_AREA_NAMES[id]}</span>
          <span className={styles.areaValue} data-testid={`area-${id}`}>
            {res === undefined ? '-' : res.newPatientsPerMonth === null ? 'not estimated' : `${count2(res.newPatientsPerMonth)} / month`}
          </span>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.section}>
          {notEstimated ? (
            <Caption1 data-testid={`not-estimated-${id}`}>
              {count0(res.diagnosed)} diagnosed · not estimated: enter your figures for the share on infused therapy and the starts or switches a year (no public figure to default to).
            </Caption1>
          ) : null}
          {res && res.onInfused !== null && res.marketStartsPerMonth !== null ? (
            <Caption1 className={styles.sub}>
              {count0(res.diagnosed)} diagnosed · {count0(res.onInfused)} on infused therapy · {count2(res.marketStartsPerMonth)} start a month in the area
              {res.backlogCaptured > 0 ? ` · backlog: ${count0(res.backlogCaptured)} once` : ''}
              {res.referralsPerMonth !== null ? ` · ${count2(res.referralsPerMonth)} referrals a month implied by the backlog` : ''}
            </Caption1>
          ) : null}
          <div className={styles.grid}>
            {AGE_BANDS.map((band, i) => (
              <NumberField
                key={band}
                label={`Prevalence ${band}`}
                unit="%"
                spec={PREVALENCE}
                value={own?.prevalence?.[i]}
                defaultInfo={{ display: `${(d.prevalence[i] * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })}%`, label: 'public source' }}
                onCommit={(v) => edit((s) => setAreaPrevalence(s, id, i, v, d.prevalence))}
              />
            ))}
          </div>
          <Caption1 className={styles.sub}>{d.prevalenceSource}</Caption1>
          <div className={styles.grid}>
            {areaField('infusedShare', 'On infused therapy', SHARE, '%', share(d.infusedShare), 'public source')}
            {areaField('startsPerYear', 'Start or switch a year', SHARE, '%', share(d.startsPerYear), 'public source')}
          </div>
          <Caption1 className={styles.sub}>{citations}</Caption1>
          <div className={styles.grid}>
            {areaField('backlog', 'Referral backlog', BACKLOG, 'patients', '0', 'none known')}
            {areaField('waitWeeks', 'Wait elsewhere', WEEKS, 'weeks', '0', 'none known')}
          </div>
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

function DrugDemand(props: { drug: ScenarioDrug; label: string; report: DemandReport | null; edit: DemandViewProps['edit'] }) {
  const styles = useStyles();
  const { drug, report, edit } = props;
  const areaId = useId();
  const claim = drug.demand;
  const res = report?.drugs.find((x) => x.hcpcs.toUpperCase() === drug.hcpcs.toUpperCase());
  const name = res?.label ?? props.label;
  return (
    <div className={styles.drug} data-testid={`demand-${drug.hcpcs}`}>
      <Text weight="semibold">{name}</Text>
      <div className={styles.drugGrid}>
        <Field label={{ children: `Area of ${drug.hcpcs}`, htmlFor: areaId }}>
          <Select
            className={styles.select}
            id={areaId}
            value={claim?.area ?? ''}
            onChange={(_e, data) => edit((s) => setDrugDemand(s, drug.hcpcs, data.value === '' ? null : { area: data.value as DemandAreaId, share: claim?.share ?? 1, adopt: claim?.adopt }))}
          >
            <option value="">No claim</option>
            {DEMAND_AREAS.map((a) => (
              <option key={a} value={a}>
                {DEMAND_AREA_NAMES[a]}
              </option>
            ))}
          </Select>
        </Field>
        {claim ? (
          <NumberField
            label={`Share of ${drug.hcpcs}`}
            unit="%"
            spec={SHARE_REQUIRED}
            value={claim.share}
            onCommit={(v) => edit((s) => setDrugDemand(s, drug.hcpcs, { ...claim, share: v ?? 0 }))}
          />
        ) : null}
      </div>
      {claim && res ? (
        <>
          <div className={styles.drugFigures}>
            <span className={styles.figure}>
              <Caption1 className={styles.sub}>Derived</Caption1>
              <Text data-testid={`derived-${drug.hcpcs}`}>{res.derived === null ? 'not estimated' : count2(res.derived)}</Text>
            </span>
            <span className={styles.figure}>
              <Caption1 className={styles.sub}>Yours</Caption1>
              <Text>{count2(res.scenario)}</Text>
            </span>
            <span className={styles.figure}>
              <Caption1 className={styles.sub}>Gap</Caption1>
              <Text data-testid={`gap-${drug.hcpcs}`} className={res.adopted || res.gap === null ? undefined : styles.gap}>
                {res.gap === null ? '-' : res.adopted ? 'none' : `${res.gap > 0 ? '+' : ''}${count2(res.gap)}`}
              </Text>
            </span>
          </div>
          <RadioGroup
            layout="horizontal"
            aria-label={`Volume of ${drug.hcpcs}`}
            value={claim.adopt === true ? 'derived' : 'own'}
            onChange={(_e, data) => edit((s) => setDrugDemand(s, drug.hcpcs, { ...claim, adopt: data.value === 'derived' ? true : undefined }))}
          >
            <Radio value="derived" label="Use derived" disabled={res.derived === null} />
            <Radio value="own" label="Keep mine" />
          </RadioGroup>
          {res.derived === null ? (
            <Caption1 className={styles.sub} data-testid={`no-derived-${drug.hcpcs}`}>
              No derived figure to use: {DEMAND_AREA_NAMES[claim.area]} is not estimated. Enter its share on infused therapy and starts or switches a year above.
            </Caption1>
          ) : null}
          {claim.adopt === true ? (
            <Badge appearance="tint" color="informative">
              volume: derived default, {count2(res.used)} a month
            </Badge>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * Program: the scenario's names, capacity (chairs, hours, days, utilization target, chairs per nurse), costs
 * (fixed monthly costs, startup), time (planning months, horizon), money (discount rate, distributor terms,
 * drug inventory on hand)
 * and prior-authorization staff time. Every empty field shows its labelled default.
 */
import { Button, Caption1, Field, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ReferenceBook } from '../../engine/book';
import {
  DEFAULT_ACCESS_RISK_THRESHOLD,
  DEFAULT_DISTRIBUTOR_TERMS_DAYS,
  DEFAULT_GPO_DISCOUNT,
  DEFAULT_HORIZON_MONTHS,
  DEFAULT_INVENTORY_DAYS_ON_HAND,
  DEFAULT_PATIENT_WEIGHT_KG,
  DEFAULT_PLANNING_MONTHS,
  DEFAULT_PRIOR_AUTH_DELAY_DAYS,
  DEFAULT_PROMPT_PAY_DISCOUNT,
  DEFAULT_UTILIZATION_TARGET,
  DEFAULT_WHITE_BAG_HANDLING_COST,
} from '../../scenario/defaults';
import type { Scenario, ScenarioFixedCost } from '../../scenario/types';
import { setFixedCosts, setPatientWeight, setProgramNumber, setQuarter, setScenarioText, type ProgramNumberField } from '../model/edit';
import { FIELDS, type FieldSpec } from '../model/fields';
import { NumberField, TextField } from './fields';

/** DOMAIN.md 5.7 access risk threshold, dollars a year (scenario validate.ts: at least 0). */
const ACCESS_THRESHOLD_FIELD: FieldSpec = { unit: 'money', min: 0, optional: true };

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  cost: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(90px, 2fr)',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  costRemove: { gridColumn: '1 / -1', justifySelf: 'start' },
  sub: { color: tokens.colorNeutralForeground3 },
});

export interface ProgramViewProps {
  readonly scenario: Scenario;
  readonly book: ReferenceBook;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
}

export function ProgramView(props: ProgramViewProps) {
  const styles = useStyles();
  const { scenario, book, edit } = props;
  const p = scenario.program;
  const quarterId = useId();

  // Issue 14: a launch plan sets the planning months and the startup costs (Launch view).
  const fromPlan = (key: ProgramNumberField): boolean => scenario.launchPlan !== undefined && (key === 'planningMonths' || key === 'startupCosts');
  const field = (key: ProgramNumberField, label: string, spec: FieldSpec, unit?: string, def?: { display: string }) => (
    <NumberField
      label={label}
      unit={unit}
      spec={spec}
      value={fromPlan(key) ? undefined : p[key]}
      disabled={fromPlan(key)}
      hint={fromPlan(key) ? 'Set by the launch plan (Launch view).' : undefined}
      defaultInfo={def && !fromPlan(key) ? { display: def.display, label: 'assumption' } : undefined}
      onCommit={(v) => edit((s) => setProgramNumber(s, key, v))}
    />
  );

  const costs = p.fixedCosts;
  const setCost = (i: number, cost: ScenarioFixedCost): void => edit((s) => setFixedCosts(s, s.program.fixedCosts.map((c, j) => (j === i ? cost : c))));

  return (
    <div className={styles.section}>
      <section className={styles.section} aria-labelledby="scenario-heading">
        <Subtitle2 as="h2" id="scenario-heading">
          Scenario
        </Subtitle2>
        <TextField label="Practice name" what="practice name" value={scenario.practiceName} onCommit={(v) => edit((s) => setScenarioText(s, 'practiceName', v))} />
        <TextField label="Scenario name" what="scenario name" value={scenario.name} onCommit={(v) => edit((s) => setScenarioText(s, 'name', v))} />
        <div className={styles.grid}>
          <NumberField
            label="Patient weight"
            unit="kg"
            spec={FIELDS.patientWeightKg}
            value={scenario.patientWeightKg}
            defaultInfo={{ display: DEFAULT_PATIENT_WEIGHT_KG.display, label: 'assumption' }}
            hint="For weight-based doses."
            onCommit={(v) => edit((s) => setPatientWeight(s, v))}
          />
          <Field label={{ children: 'Payment limits of', htmlFor: quarterId }} hint={scenario.quarter === undefined ? 'Default: the newest quarter loaded.' : undefined}>
            <Select id={quarterId} value={scenario.quarter ?? ''} onChange={(_e, data) => edit((s) => setQuarter(s, data.value === '' ? undefined : data.value))}>
              <option value="">Newest ({book.newestQuarter})</option>
              {[...book.quarterIds].reverse().map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="capacity-heading">
        <Subtitle2 as="h2" id="capacity-heading">
          Chairs and staff
        </Subtitle2>
        <div className={styles.grid}>
          {field('chairs', 'Chairs', FIELDS.chairs)}
          {field('hoursPerDay', 'Hours open a day', FIELDS.hoursPerDay, 'h')}
          {field('daysPerMonth', 'Days open a month', FIELDS.daysPerMonth, 'days')}
          {field('utilizationTarget', 'Utilization target', FIELDS.utilizationTarget, '%', DEFAULT_UTILIZATION_TARGET)}
          {field('chairsPerNurse', 'Chairs per nurse', FIELDS.chairsPerNurse)}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="costs-heading">
        <Subtitle2 as="h2" id="costs-heading">
          Costs
        </Subtitle2>
        {field('startupCosts', 'Startup costs (one time)', FIELDS.startupCosts, '$')}
        <Caption1 className={styles.sub}>Fixed monthly costs of the program</Caption1>
        {costs.map((c, i) => (
          <div className={styles.cost} key={i}>
            <TextField label={`Cost ${i + 1}`} what="cost name" value={c.name} onCommit={(v) => setCost(i, { ...c, name: v })} />
            <NumberField label="Monthly" unit="$" spec={FIELDS.monthly} value={c.monthly} onCommit={(v) => setCost(i, { ...c, monthly: v ?? 0 })} />
            <Button
              className={styles.costRemove}
              size="small"
              appearance="transparent"
              aria-label={`Remove cost ${c.name}`}
              onClick={() => edit((s) => setFixedCosts(s, s.program.fixedCosts.filter((_, j) => j !== i)))}
            >
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button size="small" onClick={() => edit((s) => setFixedCosts(s, [...s.program.fixedCosts, { name: `Cost ${s.program.fixedCosts.length + 1}`, monthly: 0 }]))}>
            Add a monthly cost
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="time-heading">
        <Subtitle2 as="h2" id="time-heading">
          Time and money
        </Subtitle2>
        <div className={styles.grid}>
          {field('planningMonths', 'Planning months', FIELDS.planningMonths, 'months', DEFAULT_PLANNING_MONTHS)}
          {field('horizonMonths', 'Horizon after launch', FIELDS.horizonMonths, 'months', DEFAULT_HORIZON_MONTHS)}
          {field('discountRate', 'Discount rate / year', FIELDS.discountRate, '%')}
          {field('distributorTermsDays', 'Distributor terms', FIELDS.distributorTermsDays, 'days', DEFAULT_DISTRIBUTOR_TERMS_DAYS)}
          {field('inventoryDaysOnHand', 'Drug inventory on hand', FIELDS.inventoryDaysOnHand, 'days', DEFAULT_INVENTORY_DAYS_ON_HAND)}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="drug-price-heading">
        <Subtitle2 as="h2" id="drug-price-heading">
          Drug purchasing
        </Subtitle2>
        <Caption1 className={styles.sub}>
          Discounts apply to drugs priced at the ASP default only, not to a contract price; the handling cost applies to each
          white-bagged administration.
        </Caption1>
        <div className={styles.grid}>
          {field('promptPayDiscount', 'Prompt-pay discount', FIELDS.promptPayDiscount, '%', DEFAULT_PROMPT_PAY_DISCOUNT)}
          {field('gpoDiscount', 'GPO discount', FIELDS.gpoDiscount, '%', DEFAULT_GPO_DISCOUNT)}
          {field('whiteBagHandlingCost', 'White-bag handling per administration', FIELDS.whiteBagHandlingCost, '$', DEFAULT_WHITE_BAG_HANDLING_COST)}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="pa-heading">
        <Subtitle2 as="h2" id="pa-heading">
          Prior authorization
        </Subtitle2>
        <div className={styles.grid}>
          {field('priorAuthDelayDays', 'Delay to first dose', FIELDS.priorAuthDelayDays, 'days', DEFAULT_PRIOR_AUTH_DELAY_DAYS)}
          {field('priorAuthStaffMinutes', 'Staff time per request', FIELDS.priorAuthStaffMinutes, 'min')}
          {field('staffHourlyCost', 'Staff cost per hour', FIELDS.staffHourlyCost, '$')}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="access-heading">
        <Subtitle2 as="h2" id="access-heading">
          Patient access
        </Subtitle2>
        <div className={styles.grid}>
          {field('accessRiskThreshold', 'Out-of-pocket threshold / year', ACCESS_THRESHOLD_FIELD, '$', DEFAULT_ACCESS_RISK_THRESHOLD)}
        </div>
        <Caption1 className={styles.sub}>The board counts the new patients who would pay more than this in their first year without help (Patient access sheet).</Caption1>
      </section>
    </div>
  );
}

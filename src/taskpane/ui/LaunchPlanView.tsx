/**
 * Launch plan (issue 14): the task force's months before launch. Readiness first (tasks done and late, the drugs
 * held back past launch and by which task), then each task with a month bar, its status and its months, which
 * the task force updates as work goes: the model follows at once (planning months, startup costs by month, when
 * each drug's first patients start). Without a plan, the default six-month template can be started, labelled as
 * a default.
 */
import { Button, Caption1, Field, MessageBar, MessageBarActions, MessageBarBody, Select, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { LAUNCH_ROLE_NAMES, LAUNCH_STATUSES, LAUNCH_STATUS_NAMES, LAUNCH_TASK_KIND_NAMES, type LaunchStatus, type LaunchTask } from '../../engine/launch';
import type { ReferenceData } from '../../engine/reference';
import type { Scenario } from '../../scenario/types';
import { DEFAULT_HORIZON_MONTHS } from '../../scenario/defaults';
import { TASK_COST_FIELD, TASK_MONTH_FIELD, monthsProblem, removeLaunchPlan, setTask, startLaunchPlan } from '../model/launch-edit';
import type { Results } from '../model/results';
import { NumberField } from './fields';
import { moneyRounded } from './format';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sub: { color: tokens.colorNeutralForeground3 },
  task: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  taskName: { fontWeight: tokens.fontWeightSemibold },
  controls: {
    display: 'grid',
    gridTemplateColumns: 'minmax(118px, 1.4fr) repeat(3, minmax(62px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'start',
    '@media (max-width: 440px)': { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  },
  status: { '@media (max-width: 440px)': { gridColumn: '1 / -1' } },
  bar: { display: 'flex', gap: '1px', height: '12px' },
  month: { flex: '1 1 0', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '1px' },
  launch: { borderLeft: `2px solid ${tokens.colorNeutralForeground3}` },
  on: { backgroundColor: '#5B9BD5' },
  done: { backgroundColor: '#70AD47' },
  late: { backgroundColor: '#C00000' },
  held: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  note: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

export interface LaunchPlanViewProps {
  readonly scenario: Scenario;
  readonly results: Results;
  readonly referenceData: ReferenceData;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
}

export function LaunchPlanView(props: LaunchPlanViewProps) {
  const styles = useStyles();
  const { scenario, results, referenceData, edit } = props;
  const plan = scenario.launchPlan;
  if (plan === undefined) {
    return (
      <div className={styles.section}>
        <Subtitle2 as="h2">Launch plan</Subtitle2>
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            No launch plan yet: the model uses the Program view&apos;s planning months and one-time startup costs, and every drug starts at launch. Start from the default
            six-month plan (an assumption): distributor accounts for each drug (with its REMS program where it has one), payer contracts, prior-authorization workflows,
            order sets, staff training, chairs and space.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => edit((s) => startLaunchPlan(s, referenceData))}>
              Start the default plan
            </Button>
          </MessageBarActions>
        </MessageBar>
      </div>
    );
  }
  const launch = results.ok ? results.launch : null;
  const horizon = scenario.program.horizonMonths ?? DEFAULT_HORIZON_MONTHS.value;
  const G = Math.max(plan.months, ...plan.tasks.map((t) => t.endMonth)) + 1;
  return (
    <div className={styles.section}>
      <Subtitle2 as="h2">Launch plan: {plan.months} months, then launch</Subtitle2>
      {plan.template ? (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>Default plan template (an assumption): set each task&apos;s months, cost and status as the task force works; the first change makes it your plan.</MessageBarBody>
        </MessageBar>
      ) : null}
      {launch ? (
        <section className={styles.section} aria-labelledby="readiness-heading" data-testid="readiness">
          <Subtitle2 as="h3" id="readiness-heading">
            Readiness
          </Subtitle2>
          <Text data-testid="readiness-counts">
            {launch.done} of {launch.tasks} tasks done · {launch.inProgress} in progress · {launch.late} late
          </Text>
          {launch.heldDrugs.length === 0 ? (
            <Caption1 data-testid="held-drugs">No drug is held back past launch.</Caption1>
          ) : (
            <>
              <Caption1>Held back past launch:</Caption1>
              <ul className={styles.held} data-testid="held-drugs">
                {launch.heldDrugs.map((d) => (
                  <li key={d.hcpcs}>
                    <Caption1>
                      {d.label}: first patients in operating month {d.firstOperatingMonth}, waiting on {d.waitingOn.join('; ')}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Caption1 className={styles.sub} data-testid="startup-by-month">
            Startup costs by month: {launch.costByMonth.map((c, i) => `${i + 1}: ${moneyRounded(c)}`).join(' · ')}
          </Caption1>
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="tasks-heading">
        <Subtitle2 as="h3" id="tasks-heading">
          Tasks
        </Subtitle2>
        <Caption1 className={styles.sub}>
          Months count from the first planning month; launch follows month {plan.months}. Task force: {(plan.team ?? []).map((m) => (m.name ? `${LAUNCH_ROLE_NAMES[m.role]} (${m.name})` : LAUNCH_ROLE_NAMES[m.role])).join(', ')}.
        </Caption1>
        {plan.tasks.map((t, i) => (
          <TaskRow key={i} index={i} task={t} months={G} planMonths={plan.months} horizon={horizon} edit={edit} />
        ))}
      </section>
      <div>
        <Button size="small" appearance="subtle" onClick={() => edit(removeLaunchPlan)}>
          Remove the launch plan
        </Button>
      </div>
    </div>
  );
}

function TaskRow(props: { index: number; task: LaunchTask; months: number; planMonths: number; horizon: number; edit: LaunchPlanViewProps['edit'] }) {
  const styles = useStyles();
  const { index: i, task: t, months, planMonths, horizon, edit } = props;
  const statusId = useId();
  const look = t.status === 'done' ? styles.done : t.status === 'late' ? styles.late : styles.on;
  const name = `task ${i + 1}`;
  return (
    <div className={styles.task} data-testid={`task-${i + 1}`}>
      <Text className={styles.taskName}>
        {i + 1}. {t.name}
      </Text>
      <Caption1 className={styles.sub}>
        {LAUNCH_ROLE_NAMES[t.owner]} · {LAUNCH_TASK_KIND_NAMES[t.kind]} · months {t.startMonth}–{t.endMonth} · {moneyRounded(t.cost)}
      </Caption1>
      <div className={styles.bar} role="img" aria-label={`Task ${i + 1} runs months ${t.startMonth} to ${t.endMonth}, ${LAUNCH_STATUS_NAMES[t.status].toLowerCase()}`}>
        {Array.from({ length: months }, (_, m) => (
          <span key={m} className={mergeClasses(styles.month, m + 1 >= t.startMonth && m + 1 <= t.endMonth ? look : undefined, m === planMonths ? styles.launch : undefined)} />
        ))}
      </div>
      <div className={styles.controls}>
        <Field className={styles.status} label={{ children: 'Status', htmlFor: statusId }}>
          <Select id={statusId} aria-label={`Status of ${name}`} value={t.status} onChange={(_e, data) => edit((s) => setTask(s, i, { status: data.value as LaunchStatus }))}>
            {LAUNCH_STATUSES.map((st) => (
              <option key={st} value={st}>
                {LAUNCH_STATUS_NAMES[st]}
              </option>
            ))}
          </Select>
        </Field>
        <NumberField
          label="Start"
          spec={TASK_MONTH_FIELD}
          value={t.startMonth}
          extraCheck={(v) => (v === undefined ? null : monthsProblem(v, t.endMonth, planMonths, horizon))}
          onCommit={(v) => edit((s) => setTask(s, i, { startMonth: v ?? t.startMonth }))}
        />
        <NumberField
          label="End"
          spec={TASK_MONTH_FIELD}
          value={t.endMonth}
          extraCheck={(v) => (v === undefined ? null : monthsProblem(t.startMonth, v, planMonths, horizon))}
          onCommit={(v) => edit((s) => setTask(s, i, { endMonth: v ?? t.endMonth }))}
        />
        <NumberField label="Cost" unit="$" spec={TASK_COST_FIELD} value={t.cost} onCommit={(v) => edit((s) => setTask(s, i, { cost: v ?? 0 }))} />
      </div>
      {t.note ? <Caption1 className={styles.note}>{t.note}</Caption1> : null}
    </div>
  );
}

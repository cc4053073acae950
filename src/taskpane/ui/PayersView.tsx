/**
 * Payers: the mix (it must sum to 100%; the sum is always on screen) and each payer's contract terms, every
 * term that is a built-in default labelled as one; custom payers (e.g. a named commercial plan at ASP + 12%)
 * are added here and can be used in =INFUSION.* formulas by their id at once.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { BUILTIN_PAYERS, builtinPayer, drugRuleFigure, drugRuleOf } from '../../engine/payers';
import type { DrugRule, DrugSource, PayerProfile } from '../../engine/types';
import type { PayerTerms, Scenario, ScenarioPayer } from '../../scenario/types';
import { addCustomPayer, basePayerOf, payerIdFor, removePayer, setPayerName, setPayerTerm, setPayerWeight } from '../model/edit';
import { FIELDS, parseField, parseName } from '../model/fields';
import { mixSum } from '../model/results';
import { NumberField, TextField } from './fields';
import { percent } from './format';
import { DRUG_RULE_WORDING } from '../../workbook/board/inputs-layout';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  header: { display: 'flex', width: '100%', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  headerName: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' },
  sub: { color: tokens.colorNeutralForeground3 },
  weights: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, '& input': { textAlign: 'right' } },
  add: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  inline: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

/** DOMAIN.md 5.1: the drug sources in words. */
export const SOURCE_TEXT: Readonly<Record<DrugSource, string>> = {
  buy_and_bill: 'Buy and bill',
  white_bag: 'White bag (payer\'s specialty pharmacy)',
  free_drug: 'Manufacturer free drug',
};

/** "ASP + 15%", "100% of the CMS payment limit" (the words: inputs-layout.ts DRUG_RULE_WORDING). */
export function drugRuleText(rule: DrugRule): string {
  const figure = drugRuleFigure(rule);
  return DRUG_RULE_WORDING[rule.kind].sentence(rule.kind === 'fixed_per_unit' ? `$${figure}` : percent(figure));
}

const RULE_CHOICES = (Object.keys(DRUG_RULE_WORDING) as DrugRule['kind'][]).map((kind) => ({ kind, text: DRUG_RULE_WORDING[kind].choice }));



const RULE_SPEC = {
  payment_limit: FIELDS.paymentLimitPercent,
  asp_plus: FIELDS.aspPlusPercent,
  wac_percent: FIELDS.wacPercent,
  fixed_per_unit: FIELDS.fixedPerUnit,
} as const;

export interface PayersViewProps {
  readonly scenario: Scenario;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
}

export function MixStatus(props: { scenario: Scenario }) {
  const mix = mixSum(props.scenario);
  return (
    <MessageBar layout="multiline" intent={mix.ok ? 'success' : 'warning'} role="status" aria-live="polite">
      <MessageBarBody>
        {mix.ok
          ? `Payer mix: ${mix.percent}%.`
          : `Payer mix: ${mix.percent}%. It must add up to 100% (${mix.percent < 100 ? `${Number((100 - mix.percent).toFixed(6))} points short` : `${Number((mix.percent - 100).toFixed(6))} points over`}); the board workbook is not built and nothing mix-weighted is shown until it does.`}
      </MessageBarBody>
    </MessageBar>
  );
}

export function PayersView(props: PayersViewProps) {
  const styles = useStyles();
  const { scenario, edit } = props;
  const [open, setOpen] = useState<string[]>([]);
  return (
    <div className={styles.section}>
      <section className={styles.section} aria-labelledby="mix-heading">
        <Subtitle2 as="h2" id="mix-heading">
          Payer mix
        </Subtitle2>
        <MixStatus scenario={scenario} />
        <div className={styles.weights} role="group" aria-labelledby="mix-heading">
          {scenario.payers.map((p) => (
            <NumberField
              key={p.id}
              horizontal
              label={p.name}
              unit="%"
              spec={FIELDS.weight}
              value={p.weight}
              onCommit={(v) => edit((s) => setPayerWeight(s, p.id, v ?? 0))}
            />
          ))}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="terms-heading">
        <Subtitle2 as="h2" id="terms-heading">
          Contract terms
        </Subtitle2>
        <Caption1 className={styles.sub}>
          Terms marked “default” come from the built-in payer profiles: assumptions (sources on the board workbook's Sources sheet), to be replaced by your contracts.
        </Caption1>
        <Accordion multiple collapsible openItems={open} onToggle={(_e, data) => setOpen(data.openItems.map(String))}>
          {scenario.payers.map((p) => (
            <AccordionItem key={p.id} value={p.id}>
              <AccordionHeader>
                <span className={styles.header}>
                  <span className={styles.headerName}>
                    <Body1>{p.name}</Body1> <Caption1 className={styles.sub}>{p.id}</Caption1>
                  </span>
                  <Caption1>{percent(p.weight)}</Caption1>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <PayerTermsEditor payer={p} scenario={scenario} edit={edit} />
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      </section>

      <AddPayer scenario={scenario} edit={edit} onAdded={(id) => setOpen((o) => [...o, id])} />
    </div>
  );
}

function PayerTermsEditor(props: { payer: ScenarioPayer; scenario: Scenario; edit: (f: (s: Scenario) => Scenario) => void }) {
  const styles = useStyles();
  const { payer, scenario, edit } = props;
  const base = basePayerOf(payer);
  const baseName = base ? `built-in ${base.id}` : 'no built-in profile';
  const ruleSelectId = useId();
  const term = <K extends keyof PayerTerms>(key: K): PayerTerms[K] | undefined => payer[key] as PayerTerms[K] | undefined;
  const set = <K extends keyof PayerTerms>(key: K, value: PayerTerms[K] | undefined): void => edit((s) => setPayerTerm(s, payer.id, key, value));
  const effectiveRule = payer.drugRule ?? base?.drugRule;
  const isCustom = builtinPayer(payer.id) === undefined;

  const pct = (key: 'adminCoinsurance' | 'sequestration' | 'collectionRate' | 'denialWriteOff' | 'priorAuthDenialRate', label: string) => (
    <NumberField
      label={label}
      unit="%"
      spec={FIELDS.rate}
      value={term(key)}
      defaultInfo={base ? { display: percent(base[key]), label: baseName } : undefined}
      onCommit={(v) => set(key, v)}
    />
  );

  return (
    <div className={styles.panel} role="group" aria-label={`${payer.name} contract terms`}>
      {isCustom ? (
        <TextField label="Payer name" what="payer name" value={payer.name} onCommit={(v) => edit((s) => setPayerName(s, payer.id, v))} />
      ) : null}
      <Field
        label={
          <span className={styles.inline}>
            Drug paid at
            {payer.drugRule === undefined ? (
              <Badge appearance="tint" color="warning" size="small">
                default
              </Badge>
            ) : null}
          </span>
        }
        hint={effectiveRule ? `${drugRuleText(effectiveRule)}${payer.drugRule === undefined ? ` (${baseName})` : ''}` : undefined}
      >
        <Select
          id={ruleSelectId}
          value={effectiveRule?.kind ?? 'payment_limit'}
          onChange={(_e, data) => {
            const kind = data.value as DrugRule['kind'];
            const start = base && base.drugRule.kind === kind ? drugRuleFigure(base.drugRule) : kind === 'payment_limit' || kind === 'wac_percent' ? 1 : kind === 'asp_plus' ? 0.15 : 0;
            set('drugRule', drugRuleOf(kind, start));
          }}
        >
          {RULE_CHOICES.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.text}
            </option>
          ))}
        </Select>
      </Field>
      {effectiveRule ? (
        <NumberField
          label={DRUG_RULE_WORDING[effectiveRule.kind].figureLabel}
          unit={effectiveRule.kind === 'fixed_per_unit' ? '$' : '%'}
          spec={RULE_SPEC[effectiveRule.kind]}
          value={payer.drugRule ? drugRuleFigure(payer.drugRule) : undefined}
          defaultInfo={base && base.drugRule.kind === effectiveRule.kind ? { display: drugRuleText(base.drugRule), label: baseName } : undefined}
          onCommit={(v) => set('drugRule', v === undefined ? undefined : drugRuleOf(effectiveRule.kind, v))}
        />
      ) : null}
      <div className={styles.grid}>
        <NumberField
          label="Administration, % of fee schedule"
          unit="%"
          spec={FIELDS.adminPercentOfFeeSchedule}
          value={term('adminPercentOfFeeSchedule')}
          defaultInfo={base ? { display: percent(base.adminPercentOfFeeSchedule), label: baseName } : undefined}
          onCommit={(v) => set('adminPercentOfFeeSchedule', v)}
        />
        <DrugCoinsurance payer={payer} base={base} baseName={baseName} set={(v) => set('drugCoinsurance', v)} />
        {pct('adminCoinsurance', 'Administration coinsurance')}
        {pct('sequestration', 'Sequestration')}
        {pct('collectionRate', 'Patient share collected')}
        {pct('denialWriteOff', 'Denial write-off')}
        {pct('priorAuthDenialRate', 'Prior authorizations denied')}
        <NumberField
          label="Days to payment"
          unit="days"
          spec={FIELDS.daysToPayment}
          value={term('daysToPayment')}
          defaultInfo={base ? { display: `${base.daysToPayment} days`, label: baseName } : undefined}
          onCommit={(v) => set('daysToPayment', v)}
        />
      </div>
      <Field
        label={
          <span className={styles.inline}>
            Where the drug comes from
            {payer.drugSource === undefined ? (
              <Badge appearance="tint" color="warning" size="small">
                default
              </Badge>
            ) : null}
          </span>
        }
        hint={`Without buy and bill the practice bills administration only${payer.drugSource === undefined ? ` (default: ${SOURCE_TEXT[base?.drugSource ?? 'buy_and_bill']}, ${baseName})` : ''}`}
      >
        <Select
          aria-label={`${payer.name}: where the drug comes from`}
          value={payer.drugSource ?? base?.drugSource ?? 'buy_and_bill'}
          onChange={(_e, data) => set('drugSource', data.value as DrugSource)}
        >
          {(Object.keys(SOURCE_TEXT) as DrugSource[]).map((k) => (
            <option key={k} value={k}>
              {SOURCE_TEXT[k]}
            </option>
          ))}
        </Select>
      </Field>
      {(payer.drugSource ?? base?.drugSource ?? 'buy_and_bill') === 'buy_and_bill' ? (
        <NumberField
          label="Patients white-bagged (payer's specialty pharmacy)"
          unit="%"
          spec={FIELDS.rate}
          value={term('whiteBagShare')}
          defaultInfo={{ display: percent(base?.whiteBagShare ?? 0), label: baseName }}
          onCommit={(v) => set('whiteBagShare', v)}
        />
      ) : null}
      <Switch
        checked={term('paysDiscarded') ?? base?.paysDiscarded ?? true}
        label={`Pays discarded drug (JW line)${payer.paysDiscarded === undefined ? ` (default, ${baseName})` : ''}`}
        onChange={(_e, data) => set('paysDiscarded', data.checked)}
      />
      <div className={styles.inline}>
        <Button
          size="small"
          appearance="secondary"
          onClick={() =>
            edit((s) => ({
              ...s,
              payers: s.payers.map((p) => (p.id === payer.id ? { id: p.id, name: p.name, weight: p.weight, ...(p.basedOn ? { basedOn: p.basedOn } : {}) } : p)),
            }))
          }
        >
          All terms back to the defaults
        </Button>
        <Button
          size="small"
          appearance="secondary"
          disabled={scenario.payers.length <= 1}
          onClick={() => edit((s) => removePayer(s, payer.id))}
          aria-label={`Remove payer ${payer.name}`}
        >
          Remove payer
        </Button>
      </div>
    </div>
  );
}

function DrugCoinsurance(props: { payer: ScenarioPayer; base: PayerProfile | undefined; baseName: string; set: (v: 'file' | number | undefined) => void }) {
  const styles = useStyles();
  const { payer, base, baseName, set } = props;
  const effective = payer.drugCoinsurance ?? base?.drugCoinsurance ?? 0.2;
  const usesDefault = payer.drugCoinsurance === undefined;
  const id = useId();
  const baseText = base ? (base.drugCoinsurance === 'file' ? "the CMS file's" : percent(base.drugCoinsurance)) : '';
  return (
    <>
      <Field
        label={{
          htmlFor: id,
          children: (
            <span className={styles.inline}>
              Drug coinsurance
              {usesDefault ? (
                <Badge appearance="tint" color="warning" size="small">
                  default
                </Badge>
              ) : null}
            </span>
          ),
        }}
        hint={effective === 'file' ? `The CMS file's coinsurance percentage of each drug (20% for most)${usesDefault ? `; ${baseName}` : ''}.` : undefined}
      >
        <Select
          id={id}
          value={effective === 'file' ? 'file' : 'percent'}
          onChange={(_e, data) => set(data.value === 'file' ? 'file' : typeof effective === 'number' ? effective : 0.2)}
        >
          <option value="file">From the CMS file</option>
          <option value="percent">A percentage</option>
        </Select>
      </Field>
      {effective === 'file' ? null : (
        <NumberField
          label="Drug coinsurance, percent"
          unit="%"
          spec={FIELDS.coinsurance}
          value={typeof payer.drugCoinsurance === 'number' ? payer.drugCoinsurance : undefined}
          defaultInfo={base && typeof base.drugCoinsurance === 'number' ? { display: baseText, label: baseName } : undefined}
          onCommit={(v) => set(v)}
        />
      )}
    </>
  );
}

function AddPayer(props: { scenario: Scenario; edit: (f: (s: Scenario) => Scenario) => void; onAdded: (id: string) => void }) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [basedOn, setBasedOn] = useState('COMMERCIAL');
  const [aspText, setAspText] = useState('');
  const [aspError, setAspError] = useState<string | null>(null);
  const nameId = useId();
  const baseId = useId();
  const aspId = useId();
  const base = builtinPayer(basedOn);

  const submit = (): void => {
    const n = parseName(name, 'payer name');
    const asp = parseField(aspText, FIELDS.aspPlusPercent);
    setNameError(n.ok ? null : n.message);
    setAspError(asp.ok ? null : asp.message);
    if (!n.ok || !asp.ok) return;
    const id = payerIdFor(props.scenario, n.value);
    props.edit((s) => addCustomPayer(s, n.value, basedOn, asp.value === undefined ? undefined : { kind: 'asp_plus', percent: asp.value }));
    props.onAdded(id);
    setName('');
    setAspText('');
  };

  return (
    <section className={styles.add} aria-labelledby="add-payer-heading">
      <Subtitle2 as="h2" id="add-payer-heading">
        Add a payer
      </Subtitle2>
      <Caption1 className={styles.sub}>
        A named plan with its own contract, e.g. “Acme PPO” at ASP + 12%. It joins the mix at 0%; use its id in formulas, e.g.
        =INFUSION.MARGIN("J1745", 400, "{payerIdFor(props.scenario, name.trim() === '' ? 'Acme PPO' : name)}").
      </Caption1>
      <Field label={{ children: 'Payer name', htmlFor: nameId }} validationState={nameError ? 'error' : 'none'} validationMessage={nameError ?? undefined}>
        <Input id={nameId} value={name} onChange={(_e, data) => setName(data.value)} />
      </Field>
      <Field label={{ children: 'Other terms as', htmlFor: baseId }}>
        <Select id={baseId} value={basedOn} onChange={(_e, data) => setBasedOn(data.value)}>
          {BUILTIN_PAYERS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={{ children: 'Drug paid at ASP +', htmlFor: aspId }}
        validationState={aspError ? 'error' : 'none'}
        validationMessage={aspError ?? undefined}
        hint={aspError ? undefined : `Percent; empty keeps ${base ? drugRuleText(base.drugRule) : 'the base profile'}.`}
      >
        <Input id={aspId} value={aspText} inputMode="decimal" contentAfter={<span aria-hidden="true">%</span>} onChange={(_e, data) => setAspText(data.value)} />
      </Field>
      <div>
        <Button appearance="primary" onClick={submit}>
          Add payer
        </Button>
      </div>
    </section>
  );
}

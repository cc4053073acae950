/**
 * A drug's own terms in the Formulary view: its payer mix (DOMAIN.md 5.2; default the program's) and where its
 * drug comes from for each payer (5.1; default the payer's own, with a white-bagged share under buy and bill);
 * and the form that adds a drug the catalog lacks, or changes the facts of one (5.4). Every change goes into
 * the scenario being edited, so the results, the workbook and the INFUSION functions follow.
 */
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ReferenceBook } from '../../engine/book';
import { dec, ZERO } from '../../engine/decimal';
import { SCENARIO_WEIGHT_TOLERANCE } from '../../engine/mix';
import type { ReferenceData } from '../../engine/reference';
import type { DrugSource } from '../../engine/types';
import type { Scenario, ScenarioCustomDrug, ScenarioDrug, ScenarioPayer } from '../../scenario/types';
import { type CustomDrugDraft, type CustomDrugField, EMPTY_CUSTOM_DRUG, parseCustomDrug } from '../model/custom-drug';
import { basePayerOf, drugMixOf, drugSourceFor, setDrugMixWeight, setDrugPayerMix, setDrugSource } from '../model/edit';
import { FIELDS } from '../model/fields';
import { NumberField } from './fields';
import { percent } from './format';
import { SOURCE_TEXT } from './PayersView';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  weights: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, '& input': { textAlign: 'right' } },
  sources: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  input: { width: '100%', minWidth: 0 },
  cell: { minWidth: 0 },
  inline: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  sub: { color: tokens.colorNeutralForeground3 },
  heading: { fontWeight: tokens.fontWeightSemibold },
});

function payerSourceText(p: ScenarioPayer): string {
  const base = basePayerOf(p);
  const source = p.drugSource ?? base?.drugSource ?? 'buy_and_bill';
  const share = p.whiteBagShare ?? (p.drugSource === undefined ? base?.whiteBagShare : undefined) ?? 0;
  return source === 'buy_and_bill' && share > 0 ? `${SOURCE_TEXT[source]}, ${percent(share)} white-bagged` : SOURCE_TEXT[source];
}

/** A drug's own mix's sum in percent (exact decimal), and whether it is 100% (within the scenario's tolerance). */
function drugMixSum(mix: Readonly<Record<string, number>>): { percent: number; ok: boolean } {
  let sum = ZERO;
  for (const w of Object.values(mix)) sum = sum.plus(dec(w));
  return { percent: sum.times(100).toDecimalPlaces(6).toNumber(), ok: sum.minus(1).abs().lte(SCENARIO_WEIGHT_TOLERANCE) };
}

export function DrugPayerTerms(props: { drug: ScenarioDrug; name: string; scenario: Scenario; edit: (f: (s: Scenario) => Scenario) => void }) {
  const styles = useStyles();
  const { drug, name, scenario, edit } = props;
  const code = drug.hcpcs;
  const own = drug.payerMix !== undefined;
  const mix = drugMixOf(scenario, drug);
  const sum = drugMixSum(mix);
  return (
    <div className={styles.group} role="group" aria-label={`${name}: payers`}>
      <Caption1 className={styles.heading}>Payers for this drug</Caption1>
      <Switch
        checked={own}
        label={own ? 'Its own payer mix' : "The program's payer mix (default)"}
        aria-label={`${name}: its own payer mix`}
        onChange={(_e, data) =>
          edit((s) => setDrugPayerMix(s, code, data.checked ? Object.fromEntries(s.payers.filter((p) => p.weight !== 0).map((p) => [p.id, p.weight])) : undefined))
        }
      />
      {own ? (
        <>
          <MessageBar layout="multiline" intent={sum.ok ? 'success' : 'warning'} role="status" aria-live="polite">
            <MessageBarBody>
              {sum.ok
                ? `Payer mix for ${name}: ${sum.percent}%.`
                : `Payer mix for ${name}: ${sum.percent}%. It must add up to 100%; the scenario is not saved until it does.`}
            </MessageBarBody>
          </MessageBar>
          <div className={styles.weights} role="group" aria-label={`${name}: payer mix`}>
            {scenario.payers.map((p) => (
              <NumberField
                key={p.id}
                horizontal
                label={p.name}
                unit="%"
                spec={FIELDS.weight}
                value={mix[p.id] ?? 0}
                onCommit={(v) => edit((s) => setDrugMixWeight(s, code, p.id, v ?? 0))}
              />
            ))}
          </div>
        </>
      ) : (
        <Caption1 className={styles.sub}>
          {scenario.payers.map((p) => `${p.name} ${percent(p.weight)}`).join(', ')}. Osteoporosis patients are mostly Medicare; IBD and MS patients are younger and more often commercial.
        </Caption1>
      )}
      <Caption1 className={styles.heading}>Where the drug comes from, by payer</Caption1>
      <div className={styles.sources}>
        {scenario.payers.map((p) => (
          <DrugSourceField key={p.id} drug={drug} name={name} payer={p} edit={edit} />
        ))}
      </div>
    </div>
  );
}

function DrugSourceField(props: { drug: ScenarioDrug; name: string; payer: ScenarioPayer; edit: (f: (s: Scenario) => Scenario) => void }) {
  const styles = useStyles();
  const { drug, name, payer, edit } = props;
  const id = useId();
  const code = drug.hcpcs;
  const set = drugSourceFor(drug, payer.id);
  return (
    <div className={`${styles.group} ${styles.cell}`}>
      <Field
        label={{
          htmlFor: id,
          children: (
            <span className={styles.inline}>
              {payer.name}
              {set === undefined ? (
                <Badge appearance="tint" color="warning" size="small">
                  default: payer&apos;s
                </Badge>
              ) : null}
            </span>
          ),
        }}
      >
        <Select
          id={id}
          className={styles.input}
          aria-label={`${payer.name}: where ${name} comes from`}
          value={set?.source ?? ''}
          onChange={(_e, data) => edit((s) => setDrugSource(s, code, payer.id, data.value === '' ? undefined : (data.value as DrugSource), set?.whiteBagShare))}
        >
          <option value="">Payer&apos;s: {payerSourceText(payer)}</option>
          {(Object.keys(SOURCE_TEXT) as DrugSource[]).map((k) => (
            <option key={k} value={k}>
              {SOURCE_TEXT[k]}
            </option>
          ))}
        </Select>
      </Field>
      {set?.source === 'buy_and_bill' ? (
        <NumberField
          label={`${payer.name}: white-bagged`}
          unit="%"
          spec={FIELDS.rate}
          value={set.whiteBagShare}
          defaultInfo={{ display: '0%', label: 'none white-bagged' }}
          hint="Share of this payer's patients on the drug whose drug the payer's specialty pharmacy ships."
          onCommit={(v) => edit((s) => setDrugSource(s, code, payer.id, 'buy_and_bill', v))}
        />
      ) : null}
    </div>
  );
}

/** The form for a drug the catalog lacks: adding one (`editing` absent) or changing the facts of one. */
export function CustomDrugForm(props: {
  scenario: Scenario;
  book: ReferenceBook;
  referenceData: ReferenceData;
  quarter: string;
  /** The code and facts of the drug being changed; absent to add one. */
  editing?: { readonly hcpcs: string; readonly draft: CustomDrugDraft };
  onSubmit: (hcpcs: string, custom: ScenarioCustomDrug) => void;
}) {
  const styles = useStyles();
  const { scenario, book, referenceData, quarter, editing } = props;
  const [draft, setDraft] = useState<CustomDrugDraft>(editing?.draft ?? EMPTY_CUSTOM_DRUG);
  const [errors, setErrors] = useState<Partial<Record<CustomDrugField, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const formId = useId();
  const set = (field: CustomDrugField, value: string): void => {
    setDraft((d) => ({ ...d, [field]: value }));
    // The field's problem is named again at the next submit; meanwhile its hint shows. Another code may have
    // vial sizes in the crosswalk: that field's problem goes with the code's.
    setErrors((e) => ({ ...e, [field]: undefined, ...(field === 'hcpcs' ? { vialSizes: undefined } : {}) }));
    setDone(null);
  };
  const code = editing?.hcpcs ?? draft.hcpcs.trim().toUpperCase();
  // What the CMS quarter says of the code, once it is one: its billing unit and the crosswalk's vial sizes.
  let unit: { measure: string; text: string } | null = null;
  try {
    if (/^[A-Z][0-9]{4}$/.test(code)) {
      const u = book.billingUnit(code, quarter);
      unit = { measure: u.measure.toLowerCase(), text: u.text.toLowerCase() };
    }
  } catch {
    unit = null;
  }
  const crosswalk = unit === null ? [] : (referenceData.vialSizes[code] ?? []);

  const submit = (): void => {
    const parsed = parseCustomDrug(draft, scenario, referenceData, editing?.hcpcs);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setDone(null);
      return;
    }
    setErrors({});
    props.onSubmit(parsed.hcpcs, parsed.custom);
    if (editing === undefined) {
      setDraft(EMPTY_CUSTOM_DRUG);
      setDone(`${parsed.custom.name} (${parsed.hcpcs}) is in the formulary, labelled as your drug.`);
    } else {
      setDone('Facts saved.');
    }
  };

  const text = (field: CustomDrugField, label: string, options: { unit?: string; hint?: string; decimal?: boolean } = {}) => (
    <Field
      label={{ children: label, htmlFor: `${formId}-${field}` }}
      validationState={errors[field] ? 'error' : 'none'}
      validationMessage={errors[field]}
      hint={errors[field] ? undefined : options.hint}
    >
      <Input
        id={`${formId}-${field}`}
        className={styles.input}
        value={draft[field]}
        inputMode={options.decimal ? 'decimal' : undefined}
        contentAfter={options.unit ? <span aria-hidden="true">{options.unit}</span> : undefined}
        onChange={(_e, data) => set(field, data.value)}
        aria-invalid={errors[field] !== undefined}
      />
    </Field>
  );
  const measure = unit?.measure ?? 'units';
  return (
    <div className={styles.group} role="group" aria-label={editing ? `Facts of ${editing.draft.name}` : 'A drug of your own'}>
      {editing ? null : text('hcpcs', 'HCPCS code', { hint: unit ? `Billing unit ${unit.text}; priced in ${quarter}.` : `Any code the CMS file of ${quarter} prices, e.g. J0202.` })}
      {text('name', 'Name', { hint: 'Brand (generic), e.g. Lemtrada (alemtuzumab).' })}
      <div className={styles.pair}>
        <Field label={{ children: 'Route', htmlFor: `${formId}-route` }}>
          <Select id={`${formId}-route`} className={styles.input} value={draft.route} onChange={(_e, data) => set('route', data.value)}>
            <option value="IV">IV infusion</option>
            <option value="SC">SC injection</option>
          </Select>
        </Field>
        <Field label={{ children: 'Administration coding', htmlFor: `${formId}-complexity` }}>
          <Select id={`${formId}-complexity`} className={styles.input} value={draft.complexity} onChange={(_e, data) => set('complexity', data.value)}>
            <option value="complex">Complex</option>
            <option value="therapeutic">Therapeutic</option>
          </Select>
        </Field>
        <Field label={{ children: 'Dose given as', htmlFor: `${formId}-basis` }}>
          <Select id={`${formId}-basis`} className={styles.input} value={draft.doseBasis} onChange={(_e, data) => set('doseBasis', data.value)}>
            <option value="fixed">A fixed dose</option>
            <option value="per_kg">A dose per kg</option>
          </Select>
        </Field>
        {text('dose', draft.doseBasis === 'per_kg' ? 'Dose per kg' : 'Dose', { unit: draft.doseBasis === 'per_kg' ? `${measure}/kg` : measure, decimal: true })}
        {text('infusionMinutes', 'Infusion time', { unit: 'min', decimal: true })}
        {text('chairExtraMinutes', 'Chair prep and observation', { unit: 'min', decimal: true })}
      </div>
      {text('loadingDays', 'Loading days', { hint: 'Days from the first dose, e.g. 0, 14. Empty: one first dose on day 0.' })}
      <div className={styles.pair}>
        {text('maintenanceIntervalDays', 'Maintenance every', { unit: 'days', decimal: true, hint: 'Empty: none after the loading doses.' })}
        {text('maxDoses', 'Doses in all', { decimal: true, hint: 'Empty: ongoing.' })}
      </div>
      {text('vialSizes', 'Vial sizes', {
        unit: 'units',
        hint: crosswalk.length > 0 ? `Billing units per vial. Empty: the CMS crosswalk's ${crosswalk.join(', ')}.` : 'Billing units per vial, e.g. 12 or 100, 400.',
      })}
      <div>
        <Button appearance={editing ? 'secondary' : 'primary'} onClick={submit}>
          {editing ? 'Save facts' : 'Add your drug'}
        </Button>
      </div>
      {done === null ? null : (
        <Caption1 role="status" className={styles.sub}>
          {done}
        </Caption1>
      )}
    </div>
  );
}

/** The Formulary view's box for adding a drug the catalog lacks. */
export function AddCustomDrug(props: {
  scenario: Scenario;
  book: ReferenceBook;
  referenceData: ReferenceData;
  quarter: string;
  onAdd: (hcpcs: string, custom: ScenarioCustomDrug) => void;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <section className={styles.box} aria-labelledby="custom-drug-heading">
      <Caption1 as="h2" id="custom-drug-heading" className={styles.heading}>
        A drug the catalog lacks
      </Caption1>
      <Caption1 className={styles.sub}>
        Any HCPCS code the CMS file prices, with its facts. It is labelled as your drug, priced at the CMS payment limit, and usable in formulas, e.g.
        =INFUSION.MARGIN(&quot;J0202&quot;, 12).
      </Caption1>
      {open ? (
        <CustomDrugForm {...props} onSubmit={props.onAdd} />
      ) : (
        <div>
          <Button appearance="secondary" onClick={() => setOpen(true)}>
            Add a drug of your own
          </Button>
        </div>
      )}
    </section>
  );
}
